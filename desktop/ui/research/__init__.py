"""desktop.ui.research."""
