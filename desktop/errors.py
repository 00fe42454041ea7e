"""The app's error hierarchy: every failure the user may see, with a message a person can act on.

SDK, network and OS exceptions are mapped into these at the boundary (``desktop.services.genai``),
so no raw ``Error code: 429 - {...}`` text ever reaches a window. The messages are plain English
here and translated where they are shown.
"""

from __future__ import annotations

from typing import ClassVar


class AppError(Exception):
    """Base of every error the user may see.

    ``message`` is what to show; ``detail`` is the server's own wording, when it helps; ``retryable``
    says whether offering "Retry" makes sense.
    """

    title = "Something went wrong"
    retryable = True
    #: Set once the error is shown on a turn of the transcript, so it is not repeated elsewhere.
    shown_on_turn = False

    def __init__(self, message: str, *, detail: str | None = None, status_code: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.detail = detail
        self.status_code = status_code

    def __str__(self) -> str:
        return self.message


class MissingKeyError(AppError):
    """No API key is configured."""

    title = "No API key"
    retryable = False


class InvalidKeyError(AppError):
    """The server rejected the API key."""

    title = "API key rejected"
    retryable = False


class PermissionDeniedError(AppError):
    """The key is valid but may not use this model, agent or resource."""

    title = "Permission denied"
    retryable = False


class QuotaExceededError(AppError):
    """The project's quota is used up; ``retry_after`` is the delay the server asked for, if any."""

    title = "Quota exceeded"

    def __init__(self, message: str, *, retry_after: float | None = None, **kw: object) -> None:
        super().__init__(message, **kw)  # type: ignore[arg-type]
        self.retry_after = retry_after


class RateLimitedError(QuotaExceededError):
    """Too many requests in a short time; waiting ``retry_after`` seconds helps."""

    title = "Rate limited"


class ServerError(AppError):
    """The service failed (5xx) or reported an error mid-stream."""

    title = "Server error"


class NetworkError(AppError):
    """The service could not be reached, or the connection dropped."""

    title = "No connection"


class RequestTimeoutError(NetworkError):
    """The service did not answer in time."""

    title = "Timed out"


class InvalidRequestError(AppError):
    """The request was refused as malformed (400) or unprocessable."""

    title = "Request refused"
    retryable = False


class NotFoundError(AppError):
    """The interaction, file or model does not exist (any more)."""

    title = "Not found"
    retryable = False


class ExpiredInteractionError(NotFoundError):
    """The server no longer knows the ``previous_interaction_id`` (unknown or expired)."""

    title = "Conversation expired on the server"


class StreamFailedError(ServerError):
    """The server sent an ``error`` frame in the middle of a stream."""

    title = "The answer failed"


class IncompleteStreamError(NetworkError):
    """The stream ended before the interaction completed."""

    title = "The answer was cut off"


class KeyStoreUnavailableError(AppError):
    """No usable OS keyring: the key cannot be stored safely."""

    title = "No keyring"
    retryable = False


class StorageError(AppError):
    """Something could not be written to (or read from) the app's data folder.

    ``folder`` is the folder concerned and ``cause`` one of ``StorageError.CAUSES``' keys; the
    message names both, so the user knows where to free space or fix permissions.
    """

    title = "Not saved"
    #: Causes, and how they are said to the user.
    CAUSES: ClassVar[dict[str, str]] = {
        "full": "the disk is full",
        "read-only": "the folder is read-only",
        "io": "the disk reported an I/O error",
        "permission": "the app may not write there",
        "locked": "another program (another Gemini Desktop?) is using the database",
        "other": "the database could not be written",
    }

    def __init__(self, folder: str, cause: str, *, detail: str | None = None) -> None:
        self.folder = folder
        self.cause = cause if cause in self.CAUSES else "other"
        super().__init__(
            f"Could not save to {folder}: {self.CAUSES[self.cause]}.",
            detail=detail,
        )

    @property
    def cause_text(self) -> str:
        """The cause in words (e.g. "the disk is full")."""
        return self.CAUSES[self.cause]
