"""desktop.ui.transcript."""
