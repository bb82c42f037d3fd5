"""``python -m surveydesk.cli``: the same as ``surveydesk-cli``."""

import sys

from surveydesk.cli import main

sys.exit(main())
