"""`python -m blamefree` runs the command line."""

from blamefree.cli import main

raise SystemExit(main())
