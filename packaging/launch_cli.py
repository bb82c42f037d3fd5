"""Entry script of the frozen ``surveydesk-cli`` executable (the command line)."""

import sys

from surveydesk.cli import main

if __name__ == "__main__":
    sys.exit(main())
