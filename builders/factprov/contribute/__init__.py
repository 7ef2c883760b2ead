"""Contributing: ``add-article`` (a new seed folder), ``suggest`` (a draft from a model), ``show`` (an
article with its spans marked) and ``release`` (the version step, rebuild and CHANGELOG section)."""
