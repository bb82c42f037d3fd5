"""Entry script of the frozen ``surveydesk`` executable (the desktop application)."""

import sys

from surveydesk.app import main

if __name__ == "__main__":
    sys.exit(main())
