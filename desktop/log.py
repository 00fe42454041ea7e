"""Logging set-up: a rotating log file plus stderr, with the API key redacted everywhere.

The redacting filter sits on the handlers, not on loggers, so records from every logger
(httpx, google_genai, ...) pass through it whatever logger emitted them. It removes every
secret registered with :func:`register_secret`, anything shaped like a Google API key, and the
value of ``x-goog-api-key`` / ``Authorization`` headers and ``key=`` URL parameters.
"""

from __future__ import annotations

import logging
import re
import sys
import threading
from logging.handlers import RotatingFileHandler
from pathlib import Path

LOG_FILE_NAME = "gemini-desktop.log"
REDACTED = "[redacted]"
_MAX_BYTES = 1_000_000
_BACKUP_COUNT = 3
_FORMAT = "%(asctime)s %(levelname)s %(name)s [%(threadName)s] %(message)s"

_GOOGLE_API_KEY = re.compile(r"AIza[0-9A-Za-z_\-]{35}")
# Header values as they appear in plain text, dict reprs and httpcore's bytes tuples:
#   x-goog-api-key: V   'x-goog-api-key': 'V'   (b'x-goog-api-key', b'V')   Authorization: Bearer V
_HEADER_VALUE = re.compile(
    r"""(?P<prefix>(?:x-goog-api-key|authorization)"""
    r"""(?:['"]?\s*[:=]\s*(?:b?['"])?|['"]\s*,\s*b?['"])(?:bearer\s+)?)"""
    r"""(?P<value>[^\s'",;)}\]]+)""",
    re.IGNORECASE,
)
_URL_KEY_PARAMETER = re.compile(r"(?P<prefix>[?&]key=)(?P<value>[^&\s'\"#]+)")

_lock = threading.Lock()
_secrets: set[str] = set()
_secrets_pattern: re.Pattern[str] | None = None
_HANDLER_TAG = "_gemini_desktop_handler"
_previous_root_level: int | None = None


def register_secret(value: str) -> None:
    """Redact ``value`` from every log record from now on (whitespace around it is ignored)."""
    global _secrets_pattern
    secret = value.strip()
    if not secret:
        return  # An empty pattern would match everywhere.
    with _lock:
        if secret in _secrets:
            return
        _secrets.add(secret)
        # Longest first so a secret that contains another is removed whole.
        ordered = sorted(_secrets, key=len, reverse=True)
        _secrets_pattern = re.compile("|".join(re.escape(s) for s in ordered))


def redact(text: str) -> str:
    """``text`` with every registered secret and every key-like value replaced by [redacted]."""
    pattern = _secrets_pattern  # Read once: another thread may swap it.
    if pattern is not None:
        text = pattern.sub(REDACTED, text)
    text = _GOOGLE_API_KEY.sub(REDACTED, text)
    text = _HEADER_VALUE.sub(rf"\g<prefix>{REDACTED}", text)
    return _URL_KEY_PARAMETER.sub(rf"\g<prefix>{REDACTED}", text)


class SecretRedactor(logging.Filter):
    """A handler filter that redacts secrets from a record's message, args and traceback.

    The record is rewritten in place (message merged with its args, exception text
    pre-formatted), so every handler that sees it afterwards gets the redacted form.
    """

    _formatter = logging.Formatter()

    def filter(self, record: logging.LogRecord) -> bool:
        """Redact ``record`` in place; never drops it."""
        try:
            message = record.getMessage()
        except Exception:  # noqa: BLE001 - a bad format string must not leak the raw args
            message = f"{record.msg!s} {record.args!r}"
        record.msg = redact(message)
        record.args = None
        if record.exc_info and not record.exc_text:
            record.exc_text = self._formatter.formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        if record.stack_info:
            record.stack_info = redact(record.stack_info)
        return True


def setup_logging(log_dir: Path, level: int = logging.INFO) -> None:
    """Log to ``log_dir/gemini-desktop.log`` (rotated, ~1 MB x 3) and to stderr, redacted.

    Calling it again replaces the handlers it installed before.
    """
    global _previous_root_level
    log_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    teardown_logging()
    formatter = logging.Formatter(_FORMAT)
    file_handler = RotatingFileHandler(
        log_dir / LOG_FILE_NAME,
        maxBytes=_MAX_BYTES,
        backupCount=_BACKUP_COUNT,
        encoding="utf-8",
    )
    stderr_handler = logging.StreamHandler(sys.stderr)
    root = logging.getLogger()
    for handler in (file_handler, stderr_handler):
        handler.setFormatter(formatter)
        handler.addFilter(SecretRedactor())
        setattr(handler, _HANDLER_TAG, True)
        root.addHandler(handler)
    _previous_root_level = root.level
    root.setLevel(level)
    logging.captureWarnings(True)


def teardown_logging() -> None:
    """Remove and close the handlers installed by :func:`setup_logging`; restore the level."""
    global _previous_root_level
    root = logging.getLogger()
    for handler in list(root.handlers):
        if getattr(handler, _HANDLER_TAG, False):
            root.removeHandler(handler)
            handler.close()
    if _previous_root_level is not None:
        root.setLevel(_previous_root_level)
        _previous_root_level = None
        logging.captureWarnings(False)
