"""The API session: which key is in use, the service built from it, and the connection state."""

from __future__ import annotations

import asyncio
import concurrent.futures
import dataclasses
import logging
from collections.abc import Callable
from typing import Any, Protocol

from PySide6.QtCore import QObject, Signal

from desktop import errors as app
from desktop.keystore import ApiKey, KeySource, KeyStore, KeyStoreError, KeyStoreErrorReason, key_problem
from desktop.log import register_secret
from desktop.services.genai import GeminiService, RetryPolicy, ServiceConfig

log = logging.getLogger(__name__)

# A keyring call may block on a locked keyring's prompt; never wait longer than this.
KEYRING_TIMEOUT_S = 15.0
# The key check on Save: one attempt, bounded by this (not the request timeout and retries).
KEY_CHECK_TIMEOUT_S = 10.0

# Keyring calls run on one plain Python thread of their own: not on the GUI thread (they can
# block), and not on qasync's default executor, whose QThreads must not outlive their loop.
_KEYRING_EXECUTOR = concurrent.futures.ThreadPoolExecutor(max_workers=1, thread_name_prefix="keyring")


class KeyPrompt(Protocol):
    """What the session needs of the API key dialog (built by the UI, driven from here)."""

    submitted: Any  # Signal(str): the user entered a key and pressed Save
    rejected: Any  # Signal(): the user cancelled

    def open(self) -> None: ...
    def set_busy(self, busy: bool) -> None: ...
    def show_error(self, message: str) -> None: ...
    def accept(self) -> None: ...

    # Optional (``getattr``): ``set_endpoint(url)`` names the endpoint being contacted;
    # ``set_keyring_problem(text)`` says up front that the key cannot be stored;
    # ``offer_unchecked(message)`` offers "Save without checking" (emitting ``submitted_unchecked``).


class ConnectionState:
    """The states shown in the status bar."""

    STARTING = "starting"
    NO_KEY = "no-key"
    CONNECTING = "connecting"
    READY = "ready"
    ERROR = "error"
    # The service could not be reached by the last request.
    OFFLINE = "offline"
    # The server rejected the key.
    REJECTED = "rejected"
    # The key cannot be a key at all (a bad character): it was not even sent.
    BAD_KEY = "bad-key"


class SessionController(QObject):
    """Owns the key and the ``GeminiService``; rebuilds the service when the key changes.

    Signals:
        connection_changed: (state, detail): state is a ``ConnectionState`` value; detail is a short plain message.
        key_source_changed: The key's source changed: "environment", "keyring" or "none".
        service_changed: A new service is in use (payload: the ``GeminiService``), or None.
        warmed: The service's SDK client is built (the first request will be fast): the ``GeminiService``.
    """

    connection_changed = Signal(str, str)
    key_source_changed = Signal(str)
    service_changed = Signal(object)
    warmed = Signal(object)

    def __init__(
        self,
        keystore: KeyStore,
        config_for: Callable[[str], ServiceConfig],
        prompt_factory: Callable[[], KeyPrompt] | None = None,
        parent: QObject | None = None,
        *,
        warm_at_start: bool = True,
    ) -> None:
        """``warm_at_start=False`` leaves the SDK unimported until ``warm()`` or the first request.

        (The SDK and its client are about 70 MB: an app idling in the tray should not carry them.)
        """
        super().__init__(parent)
        self._warm_at_start = warm_at_start
        self._warmed: GeminiService | None = None
        self._keystore = keystore
        self._config_for = config_for
        self._prompt_factory = prompt_factory
        self._service: GeminiService | None = None
        self._key: ApiKey | None = None
        self.state = ConnectionState.STARTING
        # Why the keyring cannot keep a key (None while it can): the key is then for this session only.
        self.keyring_problem: str | None = None

    @property
    def service(self) -> GeminiService | None:
        """The service in use, or None while there is no key."""
        return self._service

    @property
    def key_source(self) -> KeySource:
        """Where the key in use came from."""
        return self._key.source if self._key else KeySource.NONE

    def _set_state(self, state: str, detail: str = "") -> None:
        self.state = state
        self.connection_changed.emit(state, detail)

    async def _keyring(self, fn: Callable[..., Any], *args: Any) -> Any:
        """Run a key store call off the GUI thread, bounded in time."""
        try:
            return await asyncio.wait_for(asyncio.wrap_future(_KEYRING_EXECUTOR.submit(fn, *args)), KEYRING_TIMEOUT_S)
        except TimeoutError as exc:
            raise app.KeyStoreUnavailableError(
                "The system keyring did not answer. Unlock it, or set GEMINI_API_KEY."
            ) from exc
        except KeyStoreError as exc:
            if exc.reason is KeyStoreErrorReason.INVALID_KEY:
                raise app.InvalidKeyError(str(exc)) from exc
            raise app.KeyStoreUnavailableError(str(exc)) from exc

    async def start(self) -> None:
        """Find the key (environment, then keyring), ask for one if there is none, warm the client."""
        self._set_state(ConnectionState.STARTING, "")
        try:
            key = self._keystore.environment_key()
        except KeyStoreError as exc:
            # A key in the environment that cannot be a key: say what is wrong and where; the dialog
            # would not help, since the environment takes precedence.
            self._set_state(ConnectionState.BAD_KEY, str(exc))
            raise app.InvalidKeyError(str(exc)) from exc
        bad_stored_key: str | None = None
        if key is None:
            try:
                key = await self._keyring(self._keystore.load)
            except app.KeyStoreUnavailableError as exc:
                # No usable keyring: a typed key still works, for this session; the dialog says so.
                self.keyring_problem = str(exc)
                log.warning("no usable keyring: %s", exc)
            except app.InvalidKeyError as exc:
                bad_stored_key = str(exc)
        if key is None and self._prompt_factory is not None:
            # Not "Starting…" while the dialog waits for the user.
            self._set_state(ConnectionState.NO_KEY, "No API key")
            value = await self.prompt_for_key(error=bad_stored_key)
            key = ApiKey(value, self._typed_key_source()) if value else None
        if key is None:
            self._set_state(ConnectionState.NO_KEY, self.keyring_problem or "No API key")
            self.key_source_changed.emit("none")
            return
        await self._use_key(key)

    def _typed_key_source(self) -> KeySource:
        return KeySource.SESSION if self.keyring_problem else KeySource.KEYRING

    def note_request_failed(self, error: object) -> None:
        """A request failed: the status bar must not keep saying "Ready" after "No connection"."""
        if self._service is None:
            return
        if isinstance(error, app.InvalidKeyError):
            self._set_state(ConnectionState.REJECTED, str(error))
        elif isinstance(error, app.NetworkError):
            self._set_state(ConnectionState.OFFLINE, str(error))

    def note_request_succeeded(self) -> None:
        """An answer arrived: the connection works (again)."""
        if self._service is not None and self.state in (ConnectionState.OFFLINE, ConnectionState.REJECTED):
            self._set_state(ConnectionState.READY, "")

    def _config(self, value: str, variable: str | None = None) -> ServiceConfig:
        config = self._config_for(value)
        return dataclasses.replace(config, key_variable=variable) if variable else config

    @property
    def endpoint(self) -> str:
        """The URL the service is reached at (for messages and the key dialog)."""
        return self._config_for("").endpoint

    async def _use_key(self, key: ApiKey) -> None:
        register_secret(key.value)
        old, self._service = self._service, GeminiService(self._config(key.value, key.variable))
        self._key = key
        self.key_source_changed.emit(key.source.name.lower())
        self.service_changed.emit(self._service)
        if old is not None:
            await old.aclose()
        self._set_state(ConnectionState.CONNECTING, "")
        if self._warm_at_start:
            await self.warm()
        self._set_state(ConnectionState.READY, "")

    @property
    def is_warm(self) -> bool:
        """Whether the service in use has built its SDK client."""
        return self._service is not None and self._warmed is self._service

    async def warm(self) -> None:
        """Build the service's SDK client now (on its worker thread), so the next request is fast.

        Does nothing without a service or when it is warm already. Raises the mapped ``AppError``
        (and shows the error state) when the client cannot be built.
        """
        service = self._service
        if service is None or self._warmed is service:
            return
        self._warmed = service
        try:
            await service.start()
        except app.AppError as exc:
            self._warmed = None
            self._set_state(ConnectionState.ERROR, str(exc))
            raise
        if service is self._service:
            self.warmed.emit(service)

    async def validate_key(self, value: str, timeout_s: float = KEY_CHECK_TIMEOUT_S) -> None:
        """Check a key with one cheap authenticated call, within ``timeout_s`` seconds.

        Raises the app error when it fails: ``InvalidKeyError`` for a rejected key,
        ``NetworkError`` / ``RequestTimeoutError`` (naming the endpoint) when the service cannot
        be reached in time. The user's retry and timeout settings do not apply to this check.
        """
        config = dataclasses.replace(
            self._config_for(value), timeout_s=timeout_s, retry=RetryPolicy(attempts=1, resume_delays=())
        )
        probe = GeminiService(config)
        try:
            await asyncio.wait_for(probe.check_key(), timeout_s + 2.0)
        except TimeoutError as exc:
            raise app.RequestTimeoutError(f"{config.endpoint} did not answer within {timeout_s:.0f} seconds.") from exc
        finally:
            await probe.aclose()

    async def prompt_for_key(self, error: str | None = None) -> str | None:
        """Show the key dialog until a key is checked and kept, or the user cancels.

        The key is stored in the keyring, or, when there is no usable keyring (the dialog says so
        up front), used for this session only. When the service cannot be reached, the dialog
        offers to save the key without checking it (it is then checked by its first use).
        """
        if self._prompt_factory is None:
            return None
        prompt = self._prompt_factory()
        done: asyncio.Future[str | None] = asyncio.get_running_loop().create_future()
        if hasattr(prompt, "set_endpoint"):
            prompt.set_endpoint(self.endpoint)
        if self.keyring_problem and hasattr(prompt, "set_keyring_problem"):
            prompt.set_keyring_problem(self.keyring_problem)
        if error:
            prompt.show_error(error)

        async def on_submit(value: str, check: bool) -> None:
            value = value.strip()
            problem = key_problem(value)
            if problem is not None:
                prompt.show_error(problem)
                return
            register_secret(value)
            prompt.set_busy(True)
            try:
                if check:
                    await self.validate_key(value)
                if not self.keyring_problem:
                    await self._keyring(self._keystore.save, value)
            except (app.NetworkError, app.ServerError) as exc:
                prompt.set_busy(False)
                if hasattr(prompt, "offer_unchecked"):
                    prompt.offer_unchecked(str(exc))
                else:
                    prompt.show_error(str(exc))
                return
            except app.AppError as exc:
                prompt.set_busy(False)
                prompt.show_error(str(exc))
                return
            prompt.set_busy(False)
            prompt.accept()
            if not done.done():
                done.set_result(value)

        tasks: set[asyncio.Task[None]] = set()

        def submitted(value: str, check: bool = True) -> None:
            task = asyncio.get_event_loop().create_task(on_submit(value, check))
            tasks.add(task)
            task.add_done_callback(tasks.discard)

        prompt.submitted.connect(submitted)
        if hasattr(prompt, "submitted_unchecked"):
            prompt.submitted_unchecked.connect(lambda value: submitted(value, False))

        def rejected() -> None:
            if not done.done():
                done.set_result(None)

        prompt.rejected.connect(rejected)
        prompt.open()
        return await done

    async def replace_key(self) -> bool:
        """Ask for a new key (checked, kept) and switch to it; False if the user cancelled."""
        value = await self.prompt_for_key()
        if not value:
            return False
        await self._use_key(ApiKey(value, self._typed_key_source()))
        return True

    async def forget_key(self) -> None:
        """Delete the stored key and stop using it (an environment key stays in use)."""
        if not self.keyring_problem:
            await self._keyring(self._keystore.forget)
        if self.key_source in (KeySource.KEYRING, KeySource.SESSION):
            old, self._service, self._key = self._service, None, None
            self.service_changed.emit(None)
            self.key_source_changed.emit("none")
            self._set_state(ConnectionState.NO_KEY, "No API key")
            if old is not None:
                await old.aclose()

    def reconfigure(self) -> None:
        """The connection preferences changed: the service in use takes them from its next request.

        A key validated or used later gets them too (``config_for`` reads the preferences each call).
        """
        if self._service is not None and self._key is not None:
            self._service.reconfigure(self._config(self._key.value, self._key.variable))

    async def shutdown(self) -> None:
        """Close the service (bounded)."""
        if self._service is not None:
            service, self._service = self._service, None
            await service.aclose()


# The preferences that shape the connection: a change to any of them reconfigures the service.
CONNECTION_SETTINGS = frozenset({"base_url", "request_timeout_s", "retry_attempts"})


class ConnectionPreferences(Protocol):
    """What the config factory reads of ``desktop.settings.Settings``."""

    @property
    def effective_base_url(self) -> str | None: ...
    def get(self, key: str) -> Any: ...


def service_config_factory(
    settings: ConnectionPreferences, *, retry: RetryPolicy | None = None
) -> Callable[[str], ServiceConfig]:
    """Build ``ServiceConfig``s for keys from the user's settings as they are at each call.

    ``retry`` supplies everything but the attempts (delays, statuses); tests shorten its delays.
    """
    template = retry or RetryPolicy()

    def make(api_key: str) -> ServiceConfig:
        return ServiceConfig(
            api_key=api_key,
            base_url=settings.effective_base_url,
            timeout_s=float(settings.get("request_timeout_s")),
            retry=dataclasses.replace(template, attempts=int(settings.get("retry_attempts"))),
        )

    return make
