"""Errors about a file the user tried to attach, each with a message a person can act on.

They are ``AppError``s, so the one error formatter shows them like any other; the attachment
controller puts them on the file's chip (or the composer) and never drops the prompt or the other
attachments because of one bad file.
"""

from __future__ import annotations

from desktop.errors import AppError
from desktop.i18n import QT_TRANSLATE_NOOP


class AttachmentError(AppError):
    """A file cannot be attached as it is."""

    title = QT_TRANSLATE_NOOP("AppError", "Can't attach this file")
    retryable = False


class NotAFileError(AttachmentError):
    """A folder (or a device, socket...) was given instead of a regular file."""


class UnreadableFileError(AttachmentError):
    """The file cannot be opened or read (permissions, vanished, I/O error)."""

    retryable = True


class EmptyFileError(AttachmentError):
    """The file has no content."""


class UnsupportedTypeError(AttachmentError):
    """Gemini cannot read this kind of file."""


class FileTooLargeError(AttachmentError):
    """Over the Files API limit (2 GB), or a text file too long to send as text."""


class DamagedFileError(AttachmentError):
    """The content is cut off or corrupt (e.g. a PNG without its end chunk)."""


class NotLocalFileError(AttachmentError):
    """A dropped or pasted URL that is not a file on this computer."""


class NotReadyError(AttachmentError):
    """The prompt was sent while an attachment is still being read, uploaded or has failed."""

    retryable = True
