"""``python -m geo.validate``: see :mod:`geo.validate.cli`."""

import sys

from geo.validate.cli import main

sys.exit(main())
