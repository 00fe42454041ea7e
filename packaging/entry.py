"""The frozen bundle's entry point: the same start-up as the ``gemini-desktop`` script."""

import multiprocessing

from desktop.launch import main

if __name__ == "__main__":
    # The renderer helper processes are spawned from this executable; freeze_support lets a
    # spawned child run its task instead of starting a second app.
    multiprocessing.freeze_support()
    raise SystemExit(main())
