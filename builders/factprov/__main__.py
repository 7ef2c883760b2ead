"""``python -m factprov``: the ``factprov`` command."""

import sys

from factprov.cli import main

sys.exit(main())
