"""Entry script of the frozen build: the same `cli.main()` as `tambon-desk` and
`python -m tambon_desk` (no arguments opens the window; sub-commands run headless)."""
import sys

from tambon_desk.cli import main

if __name__ == "__main__":
    sys.exit(main())
