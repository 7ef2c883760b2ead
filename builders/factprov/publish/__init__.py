"""``factprov publish``: the release folder (typed Parquet, sizes, card, Croissant, licence) and its upload to the Hub."""
