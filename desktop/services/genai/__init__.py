"""The one place that imports google-genai: client, streaming, error mapping, SDK speed-ups.

Importing this package is cheap; the SDK itself is imported on the worker thread when the
client is first built (``GeminiService.start``).
"""

from desktop.services.genai.service import GeminiService, RetryPolicy, ServiceConfig, TurnStream

__all__ = ["GeminiService", "RetryPolicy", "ServiceConfig", "TurnStream"]
