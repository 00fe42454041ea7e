"""The Gemini API key: read from the environment or kept in the OS keyring, never in a file.

This is the only module that imports :mod:`keyring`. It imports it lazily, inside methods,
so that importing this module costs nothing at start-up.

Every keyring call may block (a locked keyring can open a password prompt and wait for the
user), so :class:`KeyStore` is synchronous and must be called from a worker thread, e.g.
``await asyncio.wait_for(asyncio.to_thread(store.load), timeout)``, never on the GUI thread.
"""

from __future__ import annotations

import enum
import logging
import os
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, NoReturn

from desktop.log import register_secret

if TYPE_CHECKING:
    from keyring.backend import KeyringBackend

log = logging.getLogger(__name__)

SERVICE_NAME = "gemini-desktop"
USERNAME = "api-key"
# The names the google-genai SDK itself reads, in the SDK's order of precedence: when both are
# set, the SDK uses GOOGLE_API_KEY (and logs that it does), so the app does the same.
ENVIRONMENT_VARIABLES = ("GOOGLE_API_KEY", "GEMINI_API_KEY")
_QUOTES = "\"'`\u201c\u201d\u2018\u2019"


def key_problem(value: str, where: str = "The API key") -> str | None:
    """Why ``value`` cannot be an API key (it could not even be sent in an HTTP header), or None.

    ``where`` names the key in the message (e.g. "GEMINI_API_KEY"). The message never contains
    the key, only the position of the first bad character.
    """
    if not value:
        return f"{where} is empty. Paste the key from Google AI Studio."
    for position, ch in enumerate(value, start=1):
        if ch.isspace():
            what = "a space" if ch == " " else "a line break or tab"
            return f"{where} contains {what} (character {position}). Copy the key again from Google AI Studio."
        if ch in _QUOTES:
            return f"{where} contains a quotation mark (character {position}). Remove the quotes around the key."
        if not ch.isascii():
            return (
                f"{where} contains “{ch}” (character {position}), which cannot be part of a key. "
                "Copy the key again from Google AI Studio."
            )
        if not ch.isprintable():
            return f"{where} contains a control character (character {position}). Copy the key again."
    return None


# Backends that "work" but do not protect the key: the fail backend raises on every call,
# the null backend silently drops what it is given, keyrings.alt writes (at best lightly
# obfuscated) files. Storing the key there would be a silent downgrade, so they are refused.
_UNUSABLE_MODULES = ("keyring.backends.fail", "keyring.backends.null")
_UNUSABLE_PACKAGES = ("keyrings.alt",)


class KeySource(enum.Enum):
    """Where an API key came from."""

    ENVIRONMENT = "environment"
    KEYRING = "keyring"
    # Typed in while no keyring could keep it: used until the app quits.
    SESSION = "session"
    NONE = "none"


@dataclass(frozen=True, repr=False)
class ApiKey:
    """An API key and where it came from; printing it never shows the value."""

    value: str
    source: KeySource
    # The environment variable it came from, for an environment key.
    variable: str | None = field(default=None, compare=False)

    def __repr__(self) -> str:
        return f"ApiKey(source={self.source.name}, value=****)"

    __str__ = __repr__


class KeyStoreErrorReason(enum.Enum):
    """Why the key store failed, so the UI can choose what to offer."""

    NO_BACKEND = "no-backend"
    INSECURE_BACKEND = "insecure-backend"
    LOCKED = "locked"
    BACKEND_FAILED = "backend-failed"
    INVALID_KEY = "invalid-key"


class KeyStoreError(Exception):
    """The key could not be read, stored or removed; the message says what to do.

    The message never contains the API key.
    """

    def __init__(self, message: str, reason: KeyStoreErrorReason) -> None:
        super().__init__(message)
        self.reason = reason


def _fix_hint(locked: bool = False) -> str:
    """How to get a working keyring on this platform, or to bypass it."""
    if sys.platform == "darwin":
        where = "Unlock your login Keychain and try again"
    elif sys.platform == "win32":
        where = "Make sure Windows Credential Manager is available"
    elif locked:
        where = (
            "Unlock your Secret Service keyring (e.g. GNOME Keyring or KWallet, usually by "
            "logging in to the desktop session) and try again"
        )
    else:
        where = "Install or enable a Secret Service provider (e.g. GNOME Keyring or KWallet) and unlock it"
    return f"{where}, or set the GEMINI_API_KEY environment variable before starting the app."


def _is_usable_backend(backend: KeyringBackend) -> bool:
    """Whether ``backend`` really keeps secrets in an OS secret store."""
    from keyring.backends.chainer import ChainerBackend

    if isinstance(backend, ChainerBackend):
        chained = list(backend.backends)
        # The chainer writes to its highest-priority backend first: that one must be safe.
        return bool(chained) and _is_usable_backend(chained[0])
    module = type(backend).__module__
    if module in _UNUSABLE_MODULES:
        return False
    return not any(module == package or module.startswith(package + ".") for package in _UNUSABLE_PACKAGES)


class KeyStore:
    """Reads, stores and forgets the API key. Blocking: call from a worker thread.

    ``load`` prefers the environment (``GEMINI_API_KEY``, then ``GOOGLE_API_KEY``), like the
    SDK, and falls back to the OS keyring (service ``"gemini-desktop"``, user ``"api-key"``).
    ``save`` and ``forget`` only touch the keyring. Keys obtained here are registered with the
    log redactor so they never reach a log file.
    """

    def __init__(
        self,
        environ: Mapping[str, str] | None = None,
        service: str = SERVICE_NAME,
        *,
        allow_insecure_backend_for_tests: bool = False,
    ) -> None:
        """Create a key store.

        ``environ`` defaults to the live ``os.environ``. ``allow_insecure_backend_for_tests``
        accepts any keyring backend (in-memory, plaintext); it exists for tests only and must
        never be set by the application.
        """
        self._environ: Mapping[str, str] = os.environ if environ is None else environ
        self._service = service
        self._allow_insecure = allow_insecure_backend_for_tests

    def environment_key(self) -> ApiKey | None:
        """The key from ``GOOGLE_API_KEY``, else ``GEMINI_API_KEY`` (the SDK's order); blanks are ignored.

        Raises KeyStoreError (reason INVALID_KEY) naming the variable when its value cannot be a key.
        """
        found = [name for name in ENVIRONMENT_VARIABLES if self._environ.get(name, "").strip()]
        if not found:
            return None
        name = found[0]
        value = self._environ[name].strip()
        register_secret(value)
        if len(found) > 1:
            log.info("both %s are set; using %s, as the SDK does", " and ".join(found), name)
        problem = key_problem(value, name)
        if problem is not None:
            raise KeyStoreError(problem, KeyStoreErrorReason.INVALID_KEY)
        return ApiKey(value, KeySource.ENVIRONMENT, name)

    def load(self) -> ApiKey | None:
        """The key from the environment, else from the keyring; None if there is none.

        Raises KeyStoreError if the keyring is needed and cannot be used.
        """
        from_env = self.environment_key()
        if from_env is not None:
            return from_env
        value = self._get(USERNAME, "read the API key from")
        if value is None or not value.strip():
            return None
        value = value.strip()
        register_secret(value)
        problem = key_problem(value, "The API key stored in the keyring")
        if problem is not None:
            raise KeyStoreError(problem, KeyStoreErrorReason.INVALID_KEY)
        return ApiKey(value, KeySource.KEYRING)

    def save(self, key: str) -> None:
        """Store ``key`` (surrounding whitespace removed) in the keyring; never in a file.

        Raises KeyStoreError if the key is empty or malformed, or the keyring is unusable.
        """
        value = key.strip()
        # A key that could never be sent in an HTTP header is a paste accident.
        problem = key_problem(value)
        if problem is not None:
            raise KeyStoreError(problem, KeyStoreErrorReason.INVALID_KEY)
        register_secret(value)
        self._set(USERNAME, value, "store the API key in")

    def forget(self) -> None:
        """Remove the key from the keyring; succeeds if there was none."""
        self._delete(USERNAME, "remove the API key from")

    # -- other secrets (MCP server environment values and headers) -------------------------------
    def load_secret(self, name: str) -> str | None:
        """A secret stored under ``name`` (e.g. ``"mcp:<server id>:env:TOKEN"``), or None.

        Registered with the log redactor. Raises KeyStoreError if the keyring is unusable.
        """
        value = self._get(name, "read a secret from")
        if value:
            register_secret(value)
        return value or None

    def save_secret(self, name: str, value: str) -> None:
        """Keep ``value`` under ``name`` in the keyring (never in a file). Raises KeyStoreError."""
        if value:
            register_secret(value)
        self._set(name, value, "store a secret in")

    def forget_secret(self, name: str) -> None:
        """Remove the secret ``name``; succeeds if there was none."""
        self._delete(name, "remove a secret from")

    # -- the backend calls, each turning a backend failure into a KeyStoreError ------------------
    def _get(self, name: str, action: str) -> str | None:
        backend = self._backend()
        try:
            return backend.get_password(self._service, name)
        except Exception as exc:  # noqa: BLE001 - backends raise far more than KeyringError
            self._raise_for(exc, action)

    def _set(self, name: str, value: str, action: str) -> None:
        backend = self._backend()
        try:
            backend.set_password(self._service, name, value)
        except Exception as exc:  # noqa: BLE001 - see _get()
            self._raise_for(exc, action, secret=value)

    def _delete(self, name: str, action: str) -> None:
        from keyring.errors import PasswordDeleteError

        backend = self._backend()
        try:
            backend.delete_password(self._service, name)
        except PasswordDeleteError:
            return  # Nothing stored: forgetting is already done.
        except Exception as exc:  # noqa: BLE001 - see _get()
            self._raise_for(exc, action)

    def backend_name(self) -> str:
        """A display name of the keyring backend in use, for diagnostics; never raises."""
        try:
            import keyring

            return str(type(keyring.get_keyring()).name)
        except Exception as exc:  # noqa: BLE001 - diagnostics must not fail
            return f"unavailable ({type(exc).__name__})"

    def _backend(self) -> KeyringBackend:
        """The active keyring backend, refused if it would not protect the key."""
        import keyring

        try:
            backend = keyring.get_keyring()
        except Exception as exc:  # noqa: BLE001 - a broken keyringrc or plugin lands here
            self._raise_for(exc, "open")
        if not self._allow_insecure and not _is_usable_backend(backend):
            if type(backend).__module__ == "keyring.backends.fail":
                raise KeyStoreError(
                    f"No usable keyring backend was found to keep the API key. {_fix_hint()}",
                    KeyStoreErrorReason.NO_BACKEND,
                )
            raise KeyStoreError(
                f"The keyring backend '{type(backend).name}' would not keep the API key "
                f"secret (it stores secrets in a plain file or discards them), so it is not "
                f"used. {_fix_hint()}",
                KeyStoreErrorReason.INSECURE_BACKEND,
            )
        return backend

    def _raise_for(self, exc: Exception, action: str, secret: str | None = None) -> NoReturn:
        """Turn a backend exception into a KeyStoreError that never reveals ``secret``."""
        from keyring.errors import InitError, KeyringLocked, NoKeyringError

        detail = str(exc) or type(exc).__name__
        leaked = secret is not None and secret in detail
        if secret is not None:
            detail = detail.replace(secret, "[redacted]")
        if isinstance(exc, NoKeyringError):
            message = f"No usable keyring backend was found to keep the API key. {_fix_hint()}"
            reason = KeyStoreErrorReason.NO_BACKEND
        elif isinstance(exc, (KeyringLocked, InitError)):
            message = (
                f"Could not {action} the keyring: it is locked or could not be opened "
                f"({detail}). {_fix_hint(locked=True)}"
            )
            reason = KeyStoreErrorReason.LOCKED
        else:
            message = f"Could not {action} the keyring ({detail}). {_fix_hint()}"
            reason = KeyStoreErrorReason.BACKEND_FAILED
        error = KeyStoreError(message, reason)
        if leaked:
            # The backend's own message holds the key: keep it out of every traceback.
            raise error from None
        raise error from exc
