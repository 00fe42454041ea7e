"""``python -m desktop`` starts Gemini Desktop."""

import sys

from desktop.app import main

sys.exit(main())
