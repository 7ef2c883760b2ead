"""Publishing: dataset/ written and checked with its card, Croissant file and licence (:mod:`.dataset`),
the citation and the version step a change of the data needs, and the release folder (typed Parquet)
and its upload to the Hugging Face Hub (``factprov publish``)."""
