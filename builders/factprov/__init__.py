"""factprov: attributed statements in news reports and their provenance, and the builders of the dataset.

The command line is ``factprov`` (:mod:`factprov.cli`); the library entry points are
:func:`factprov.publish.dataset.build` and :func:`factprov.publish.dataset.validate`. The subpackages,
from the bottom layer up: ``base``, ``build``, ``bench``, ``publish``, then ``contribute``, ``exports``
and ``site``, then ``cli``; a module imports only from its layer or those below.
"""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("factprov")  # the software's version; the dataset's is in its card
except PackageNotFoundError:  # pragma: no cover - running from a source tree that is not installed
    __version__ = "unknown"
