"""Markdown rendering for the transcript."""
