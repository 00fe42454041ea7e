"""desktop.ui.conversation."""
