"""``python -m sp4n`` runs the command line."""

import sys

try:
    from sp4n.cli import main
except KeyboardInterrupt:  # Ctrl-C while loading: the same quiet exit as while running
    sys.exit(130)

sys.exit(main())
