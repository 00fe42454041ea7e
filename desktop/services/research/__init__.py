"""desktop.services.research.service."""
