"""The app's error hierarchy: every failure the user may see, with a message a person can act on.

SDK, network and OS exceptions are mapped into these at the boundary (``desktop.services.genai``),
so no raw ``Error code: 429 - {...}`` text ever reaches a window. The titles are plain English
marked with ``QT_TRANSLATE_NOOP`` (context ``"AppError"``, see ``desktop.i18n``) and translated
where they are shown.
"""

from __future__ import annotations

from typing import ClassVar

from desktop.i18n import QT_TRANSLATE_NOOP


class AppError(Exception):
    """Base of every error the user may see.

    ``message`` is what to show; ``detail`` is the server's own wording, when it helps; ``retryable``
    says whether offering "Retry" makes sense.
    """

    title = QT_TRANSLATE_NOOP("AppError", "Something went wrong")
    retryable = True
    # Set once the error is shown on a turn of the transcript, so it is not repeated elsewhere.
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

    title = QT_TRANSLATE_NOOP("AppError", "No API key")
    retryable = False


class InvalidKeyError(AppError):
    """The server rejected the API key."""

    title = QT_TRANSLATE_NOOP("AppError", "API key rejected")
    retryable = False


class PermissionDeniedError(AppError):
    """The key is valid but may not use this model, agent or resource."""

    title = QT_TRANSLATE_NOOP("AppError", "Permission denied")
    retryable = False


class QuotaExceededError(AppError):
    """The project's quota is used up; ``retry_after`` is the delay the server asked for, if any."""

    title = QT_TRANSLATE_NOOP("AppError", "Quota exceeded")

    def __init__(
        self,
        message: str,
        *,
        retry_after: float | None = None,
        detail: str | None = None,
        status_code: int | None = None,
    ) -> None:
        super().__init__(message, detail=detail, status_code=status_code)
        self.retry_after = retry_after


class RateLimitedError(QuotaExceededError):
    """Too many requests in a short time; waiting ``retry_after`` seconds helps."""

    title = QT_TRANSLATE_NOOP("AppError", "Rate limited")


class ServerError(AppError):
    """The service failed (5xx) or reported an error mid-stream."""

    title = QT_TRANSLATE_NOOP("AppError", "Server error")


class NetworkError(AppError):
    """The service could not be reached, or the connection dropped."""

    title = QT_TRANSLATE_NOOP("AppError", "No connection")


class RequestTimeoutError(NetworkError):
    """The service did not answer in time."""

    title = QT_TRANSLATE_NOOP("AppError", "Timed out")


class InvalidRequestError(AppError):
    """The request was refused as malformed (400) or unprocessable."""

    title = QT_TRANSLATE_NOOP("AppError", "Request refused")
    retryable = False


class NotFoundError(AppError):
    """The interaction, file or model does not exist (any more)."""

    title = QT_TRANSLATE_NOOP("AppError", "Not found")
    retryable = False


class ExpiredInteractionError(NotFoundError):
    """The server no longer knows the ``previous_interaction_id`` (unknown or expired)."""

    title = QT_TRANSLATE_NOOP("AppError", "Conversation expired on the server")


class StreamFailedError(ServerError):
    """The server sent an ``error`` frame in the middle of a stream."""

    title = QT_TRANSLATE_NOOP("AppError", "The answer failed")


class IncompleteStreamError(NetworkError):
    """The stream ended before the interaction completed."""

    title = QT_TRANSLATE_NOOP("AppError", "The answer was cut off")


class AnswerRefusedError(AppError):
    """The stream stopped before the answer completed and the server kept no copy of it.

    Seen when an answer is blocked: the stream ends after ``interaction.created`` with at most a
    bare JSON error line, and a later ``GET`` of the interaction answers 404. ``reason`` is the
    server's message when it gave one. Retrying sends the same prompt again; the history is never
    re-sent for it (the previous interaction is fine).
    """

    title = QT_TRANSLATE_NOOP("AppError", "The answer stopped")

    def __init__(self, message: str, *, reason: str | None = None, **kw: object) -> None:
        super().__init__(message, **kw)  # type: ignore[arg-type]
        self.reason = reason


class KeyStoreUnavailableError(AppError):
    """No usable OS keyring: the key cannot be stored safely."""

    title = QT_TRANSLATE_NOOP("AppError", "No keyring")
    retryable = False


# The one wording of "there is no API key", wherever an action needs one (sending, research, uploads).
NO_KEY_MESSAGE = QT_TRANSLATE_NOOP("AppError", "Add an API key in Settings → API key, or set GEMINI_API_KEY.")


def missing_key_error() -> MissingKeyError:
    """The error every action that needs a key raises (or reports) when there is none."""
    return MissingKeyError(NO_KEY_MESSAGE)


class StorageError(AppError):
    """Something could not be written to (or read from) the app's data folder.

    ``folder`` is the folder concerned and ``cause`` one of ``StorageError.CAUSES``' keys; the
    message names both, so the user knows where to free space or fix permissions.
    """

    title = QT_TRANSLATE_NOOP("AppError", "Not saved")
    # Causes, and how they are said to the user.
    CAUSES: ClassVar[dict[str, str]] = {
        "full": QT_TRANSLATE_NOOP("AppError", "the disk is full"),
        "read-only": QT_TRANSLATE_NOOP("AppError", "the folder is read-only"),
        "io": QT_TRANSLATE_NOOP("AppError", "the disk reported an I/O error"),
        "permission": QT_TRANSLATE_NOOP("AppError", "the app may not write there"),
        "locked": QT_TRANSLATE_NOOP("AppError", "another program (another Gemini Desktop?) is using the database"),
        "other": QT_TRANSLATE_NOOP("AppError", "the database could not be written"),
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
