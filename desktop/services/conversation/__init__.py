"""desktop.services.conversation."""
