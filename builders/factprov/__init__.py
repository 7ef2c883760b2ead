"""factprov: attributed statements in news reports and their provenance, and the builders of the dataset.

The command line is ``factprov`` (:mod:`factprov.cli`); the library entry points are
:func:`factprov.dataset.build` and :func:`factprov.dataset.validate`.
"""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("factprov")  # the dataset version, read from the card when the package was built
except PackageNotFoundError:  # pragma: no cover - running from a source tree that is not installed
    __version__ = "unknown"
