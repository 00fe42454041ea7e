"""Maps google-genai, httpx and OS exceptions into the app's errors (``desktop.errors``).

The SDK composes messages like ``Error code: 429 - {'error': {...}}``; a person never sees that.
We read the server's own message out of the body (JSON, or SSE-framed JSON for some 400s) and
phrase what to do about it.
"""

from __future__ import annotations

import email.utils
import json
import re
import time
from typing import Any

from desktop import errors as app
from desktop.i18n import QT_TRANSLATE_NOOP

_RETRY_DELAY = re.compile(r"^\s*(\d+(?:\.\d+)?)s\s*$")


def server_message(body: Any) -> tuple[str | None, str | None]:
    """Return ``(code, message)`` from an error body: a dict, JSON text or SSE-framed JSON."""
    if isinstance(body, (bytes, bytearray)):
        body = body.decode("utf-8", "replace")
    if isinstance(body, str):
        text = body.strip()
        parsed: Any = None
        for line in text.splitlines():
            if line.startswith("data:"):
                try:
                    parsed = json.loads(line[5:].strip())
                    break
                except ValueError:
                    continue
        if parsed is None:
            try:
                parsed = json.loads(text)
            except ValueError:
                return None, None
        body = parsed
    if not isinstance(body, dict):
        return None, None
    err = body.get("error", body)
    if not isinstance(err, dict):
        return None, str(err) if err else None
    code = err.get("status") or err.get("code")
    message = err.get("message")
    return (str(code) if code is not None else None), (str(message) if message else None)


def _retry_after(headers: Any, body: Any) -> float | None:
    """The delay the server asked for: ``retry-after-ms``, ``Retry-After`` or a RetryInfo detail."""
    if headers is not None:
        ms = headers.get("retry-after-ms")
        if ms:
            try:
                return float(ms) / 1000.0
            except ValueError:
                pass
        value = headers.get("retry-after")
        if value:
            try:
                return max(0.0, float(value))
            except ValueError:
                parsed = email.utils.parsedate_to_datetime(value) if value else None
                if parsed is not None:
                    return max(0.0, parsed.timestamp() - time.time())
    if isinstance(body, dict):
        for detail in (body.get("error") or {}).get("details") or []:
            if isinstance(detail, dict) and "retryDelay" in detail:
                m = _RETRY_DELAY.match(str(detail["retryDelay"]))
                if m:
                    return float(m.group(1))
    return None


def _looks_like_key_problem(code: str | None, message: str | None) -> bool:
    text = f"{code or ''} {message or ''}".lower()
    return "api key" in text or "api_key" in text or "unauthenticated" in text


def from_status(
    status: int,
    body: Any,
    headers: Any = None,
    *,
    previous_interaction_id: str | None = None,
) -> app.AppError:
    """Map an HTTP error status and body to an app error."""
    code, message = server_message(body)
    detail = message
    lowered = f"{code or ''} {message or ''}".lower()
    if previous_interaction_id and (
        status == 404 or "previous_interaction" in lowered or previous_interaction_id in (message or "")
    ):
        return app.ExpiredInteractionError(
            QT_TRANSLATE_NOOP("AppError", "The server no longer has the earlier part of this conversation."),
            detail=detail,
            status_code=status,
        )
    if status == 401 or (status in (400, 403) and _looks_like_key_problem(code, message)):
        return app.InvalidKeyError(
            QT_TRANSLATE_NOOP(
                "AppError",
                "The API key was rejected. Check it in Settings → API key, or create a new one in Google AI Studio.",
            ),
            detail=detail,
            status_code=status,
        )
    if status == 403:
        return app.PermissionDeniedError(
            QT_TRANSLATE_NOOP(
                "AppError", "This API key may not use that model or feature. Check the key's project and its access."
            ),
            detail=detail,
            status_code=status,
        )
    if status == 429:
        delay = _retry_after(headers, body)
        wait = f" Try again in {delay:.0f} seconds." if delay else " Try again later."
        if "quota" in lowered or "resource_exhausted" in lowered or "exhausted" in lowered:
            return app.QuotaExceededError(
                "The quota of this API key is used up." + wait, retry_after=delay, detail=detail, status_code=status
            )
        return app.RateLimitedError(
            "Too many requests in a short time." + wait, retry_after=delay, detail=detail, status_code=status
        )
    if status == 404:
        return app.NotFoundError(
            QT_TRANSLATE_NOOP("AppError", "The server could not find that item."), detail=detail, status_code=status
        )
    if status == 408:
        return app.RequestTimeoutError(
            QT_TRANSLATE_NOOP("AppError", "The server took too long to answer."), detail=detail, status_code=status
        )
    if status >= 500:
        return app.ServerError(
            QT_TRANSLATE_NOOP("AppError", "The Gemini service had a problem. Try again in a moment."),
            detail=detail,
            status_code=status,
        )
    what = f": {message}" if message else "."
    return app.InvalidRequestError(f"The request was refused{what}", detail=detail, status_code=status)


def from_error_frame(code: Any, message: Any) -> app.StreamFailedError:
    """Map a mid-stream ``error`` frame."""
    text = str(message) if message else "the server reported an error"
    return app.StreamFailedError(f"The answer failed: {text}", detail=f"{code}: {message}" if code else text)


def map_exception(exc: BaseException, *, previous_interaction_id: str | None = None) -> app.AppError:
    """Map any exception from the SDK, httpx or the OS into an app error."""
    if isinstance(exc, app.AppError):
        return exc
    from google.genai import _interactions as ix
    from google.genai import errors as genai_errors

    if isinstance(exc, genai_errors.ContinuationInterruptedError):
        # The SDK's automatic continuation failed between hops, after output was shown.
        cause = exc.__cause__
        if isinstance(cause, (ix.APIStatusError, app.AppError)):
            return map_exception(cause)
        return app.NetworkError(
            QT_TRANSLATE_NOOP(
                "AppError",
                "The connection dropped while the server was continuing a long answer. "
                "What arrived is kept; you can retry.",
            ),
            detail=str(cause or exc),
        )
    if isinstance(exc, ix.APITimeoutError):
        return app.RequestTimeoutError(
            QT_TRANSLATE_NOOP("AppError", "The server did not answer in time. Check your connection and try again."),
            detail=str(exc),
        )
    if isinstance(exc, ix.APIConnectionError):
        return app.NetworkError(
            QT_TRANSLATE_NOOP(
                "AppError", "Could not reach the Gemini service, or the connection dropped. Check your connection."
            ),
            detail=str(exc.__cause__ or exc),
        )
    if isinstance(exc, ix.APIStatusError):
        return from_status(
            exc.status_code or 0,
            exc.body,
            exc.response.headers,
            previous_interaction_id=previous_interaction_id,
        )
    if isinstance(exc, ix.APIResponseValidationError):
        return app.ServerError(
            QT_TRANSLATE_NOOP("AppError", "The server sent an answer the app could not read."), detail=str(exc)
        )
    if isinstance(exc, ix.APIError):
        status = exc.status_code or 0
        if status >= 400:
            return from_status(status, exc.body, previous_interaction_id=previous_interaction_id)
        return app.ServerError(
            QT_TRANSLATE_NOOP("AppError", "The server sent an unexpected answer."), detail=str(status or exc.message)
        )
    if isinstance(exc, genai_errors.APIError):
        response = getattr(exc, "response", None)
        headers = getattr(response, "headers", None)
        body = exc.details if isinstance(exc.details, dict) else {"error": {"message": exc.message}}
        return from_status(int(exc.code or 0), body, headers, previous_interaction_id=previous_interaction_id)
    return _map_transport(exc)


def _map_transport(exc: BaseException) -> app.AppError:
    if isinstance(exc, UnicodeEncodeError):
        # Only a header can fail to encode: the key (or a header built from it) has a bad character.
        return app.InvalidKeyError(
            QT_TRANSLATE_NOOP(
                "AppError",
                "The API key contains a character that cannot be sent (spaces, quotes and accented letters "
                "cannot be part of a key). Copy the key again from Google AI Studio.",
            ),
            detail=f"{exc.reason} at position {exc.start}",
        )
    try:
        import httpx2 as httpx  # the SDK's default backend
    except ImportError:  # pragma: no cover - other SDK builds
        import httpx  # type: ignore[no-redef]  # same names as httpx2
    if isinstance(exc, (httpx.TimeoutException, TimeoutError)):
        return app.RequestTimeoutError(
            QT_TRANSLATE_NOOP("AppError", "The server did not answer in time."), detail=str(exc)
        )
    if isinstance(exc, (httpx.TransportError, ConnectionError, OSError)):
        return app.NetworkError(
            QT_TRANSLATE_NOOP("AppError", "Could not reach the Gemini service. Check your connection."), detail=str(exc)
        )
    return app.AppError("Unexpected error: " + type(exc).__name__, detail=str(exc))
