"""Gemini Desktop: a native desktop assistant for Google's Gemini Interactions API."""

__version__ = "0.1.0"
