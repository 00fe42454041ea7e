"""``python -m desktop`` starts Gemini Desktop."""

import sys

from desktop.launch import main

# The guard matters: helper processes (the Markdown renderer) start with "spawn", which imports
# the main module again under another name.
if __name__ == "__main__":
    sys.exit(main())
