"""desktop.ui.common."""
