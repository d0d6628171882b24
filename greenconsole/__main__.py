"""`python -m greenconsole` entry point."""

from greenconsole.cli import main

raise SystemExit(main())
