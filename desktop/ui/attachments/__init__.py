"""desktop.ui.attachments."""
