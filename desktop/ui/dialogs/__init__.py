"""desktop.ui.dialogs."""
