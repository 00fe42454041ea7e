"""The log file never holds an API key, whatever logger or code path writes it."""

from __future__ import annotations

import logging
import secrets
from collections.abc import Iterator
from logging.handlers import RotatingFileHandler
from pathlib import Path

import pytest

from desktop.log import (
    LOG_FILE_NAME,
    REDACTED,
    SecretRedactor,
    redact,
    register_secret,
    setup_logging,
    teardown_logging,
)


def _random_key() -> str:
    """A fresh key-like string that is not shaped like a Google key (so only registration hides it)."""
    return "test-" + secrets.token_hex(16)


def _google_shaped_key() -> str:
    """A random string matching the AIza... shape of a Google API key."""
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-"
    return "AIza" + "".join(secrets.choice(alphabet) for _ in range(35))


@pytest.fixture
def log_dir(tmp_path: Path) -> Iterator[Path]:
    """Logging set up into a temporary folder, torn down afterwards."""
    setup_logging(tmp_path)
    yield tmp_path
    teardown_logging()


def _log_text(log_dir: Path) -> str:
    return (log_dir / LOG_FILE_NAME).read_text(encoding="utf-8")


def test_registered_key_is_redacted_from_message_args(log_dir: Path) -> None:
    key = _random_key()
    register_secret(key)
    logging.getLogger("desktop.test").warning("using key %s for %r", key, {"key": key})
    text = _log_text(log_dir)
    assert key not in text
    assert f"using key {REDACTED} for" in text


def test_registered_key_is_redacted_from_exception_text(log_dir: Path) -> None:
    key = _random_key()
    register_secret(key)
    try:
        raise ValueError(f"the server rejected {key}")
    except ValueError:
        logging.getLogger("desktop.test").exception("request failed")
    text = _log_text(log_dir)
    assert key not in text
    assert f"ValueError: the server rejected {REDACTED}" in text


def test_header_value_is_redacted_from_third_party_loggers(log_dir: Path) -> None:
    # Not registered: the header pattern alone must hide it.
    key = _random_key()
    logging.getLogger("httpx").info("request headers: x-goog-api-key: %s", key)
    logging.getLogger("google_genai._api_client").info("headers=%s", {"x-goog-api-key": key})
    logging.getLogger("httpcore.http11").info("%s", [(b"x-goog-api-key", key.encode())])
    text = _log_text(log_dir)
    assert key not in text
    assert f"x-goog-api-key: {REDACTED}" in text
    assert text.count(REDACTED) == 3


def test_google_shaped_key_is_redacted_without_registration(log_dir: Path) -> None:
    key = _google_shaped_key()
    logging.getLogger("some.library").error("leaked %s in a url ?x=1", key)
    text = _log_text(log_dir)
    assert key not in text
    assert REDACTED in text


def test_short_registered_secret_is_still_redacted(log_dir: Path) -> None:
    short = "Qz7#" + secrets.token_hex(1)
    register_secret(short)
    logging.getLogger("desktop.test").info("short one: %s.", short)
    text = _log_text(log_dir)
    assert short not in text
    assert f"short one: {REDACTED}." in text


def test_badly_formatted_record_does_not_leak_args(log_dir: Path) -> None:
    key = _random_key()
    register_secret(key)
    # %d with a str argument makes getMessage() fail; the raw args must still be redacted.
    logging.getLogger("desktop.test").info("count %d", key)
    assert key not in _log_text(log_dir)


def test_stderr_is_redacted_too(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    key = _random_key()
    register_secret(key)
    setup_logging(tmp_path)
    try:
        logging.getLogger("desktop.test").warning("key=%s", key)
    finally:
        teardown_logging()
    err = capsys.readouterr().err
    assert key not in err
    assert REDACTED in err


def test_url_key_parameter_is_redacted() -> None:
    assert redact("GET https://h/v1beta/models?key=abc123&alt=sse") == (
        f"GET https://h/v1beta/models?key={REDACTED}&alt=sse"
    )


def test_setup_installs_rotating_file_and_stderr_once(tmp_path: Path) -> None:
    setup_logging(tmp_path)
    setup_logging(tmp_path)  # Called twice: handlers are replaced, not duplicated.
    try:
        ours = [h for h in logging.getLogger().handlers if any(isinstance(f, SecretRedactor) for f in h.filters)]
        rotating = [h for h in ours if isinstance(h, RotatingFileHandler)]
        assert len(ours) == 2
        assert len(rotating) == 1
        assert rotating[0].maxBytes == 1_000_000
        assert rotating[0].backupCount == 3
        assert Path(rotating[0].baseFilename) == tmp_path / LOG_FILE_NAME
    finally:
        teardown_logging()
    assert not [h for h in logging.getLogger().handlers if any(isinstance(f, SecretRedactor) for f in h.filters)]
