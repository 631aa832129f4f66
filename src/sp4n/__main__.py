"""``python -m sp4n`` runs the command line."""

import sys

from sp4n.cli import main

sys.exit(main())
