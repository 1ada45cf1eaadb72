"""``python -m repair``: the command line (repair/cli.py)."""

from repair.cli import main

raise SystemExit(main())
