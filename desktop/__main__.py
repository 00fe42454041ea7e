"""``python -m desktop`` starts Gemini Desktop."""

import sys

from desktop.launch import main

sys.exit(main())
