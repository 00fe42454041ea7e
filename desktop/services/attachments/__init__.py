"""desktop.services.attachments.service."""
