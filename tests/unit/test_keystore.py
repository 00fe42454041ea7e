"""The key store: environment precedence, keyring round trips, and refusals that say what to do.

Round trips run against a real Secret Service when the suite is started through
``tests/keyring_session.sh`` (which sets GEMINI_DESKTOP_TEST_SECRET_SERVICE=1); there, an
unusable service is a failure, not a skip. Without the wrapper they run against an in-memory
backend defined here.
"""

from __future__ import annotations

import os
import secrets
import shutil
import subprocess
import sys
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path

import keyring
import keyring.backends.fail
import keyring.backends.null
import pytest
from keyring.backend import KeyringBackend
from keyring.backends.chainer import ChainerBackend
from keyring.errors import KeyringLocked, PasswordSetError

from desktop.keystore import ApiKey, KeySource, KeyStore, KeyStoreError, KeyStoreErrorReason
from desktop.log import redact

REPO_ROOT = Path(__file__).resolve().parents[2]
REAL_SERVICE_FLAG = "GEMINI_DESKTOP_TEST_SECRET_SERVICE"
Install = Callable[[KeyringBackend], KeyringBackend]


def _random_key() -> str:
    return "test-key-" + secrets.token_urlsafe(24)


def _random_service() -> str:
    # Never the app's own service name, so a test cannot clobber a developer's real key.
    return "gemini-desktop-test-" + secrets.token_hex(8)


from tests.memory_keyring import InMemoryKeyring  # noqa: E402


class PlaintextLikeKeyring(InMemoryKeyring):
    """Poses as a keyrings.alt backend, which writes secrets to a plain file."""

    __module__ = "keyrings.alt.file"


class SingleChainer(ChainerBackend):
    """A chainer over a fixed list of backends."""

    priority = -1  # type: ignore[assignment]
    backends: tuple[KeyringBackend, ...] = ()  # type: ignore[assignment]


class RaisingKeyring(InMemoryKeyring):
    """Raises a given exception from every call; ``{password}`` in it is filled in on set."""

    def __init__(self, error: Exception) -> None:
        super().__init__()
        self.error = error

    def get_password(self, service: str, username: str) -> str | None:
        raise self.error

    def set_password(self, service: str, username: str, password: str) -> None:
        raise type(self.error)(str(self.error).format(password=password))

    def delete_password(self, service: str, username: str) -> None:
        raise self.error


@pytest.fixture
def use_backend() -> Iterator[Install]:
    """Install keyring backends for the test; the previous one is restored afterwards."""
    previous = keyring.get_keyring()

    def install(backend: KeyringBackend) -> KeyringBackend:
        keyring.set_keyring(backend)
        return backend

    yield install
    keyring.set_keyring(previous)


def _real_secret_service() -> KeyringBackend | None:
    """The real Secret Service backend when the wrapper asks for it; fails if it is unusable."""
    if os.environ.get(REAL_SERVICE_FLAG) != "1":
        return None
    from keyring.backends import SecretService

    try:
        priority = SecretService.Keyring.priority
    except Exception as exc:  # noqa: BLE001 - any reason is a CI failure
        pytest.fail(f"{REAL_SERVICE_FLAG}=1 but the Secret Service is not usable: {exc}")
    if priority <= 0:
        pytest.fail(f"{REAL_SERVICE_FLAG}=1 but the Secret Service priority is {priority}")
    return SecretService.Keyring()


@pytest.fixture
def round_trip_backend(use_backend: Install) -> KeyringBackend:
    """The real Secret Service under the wrapper, else an in-memory keyring."""
    return use_backend(_real_secret_service() or InMemoryKeyring())


@pytest.fixture
def memory(use_backend: Install) -> InMemoryKeyring:
    backend = InMemoryKeyring()
    use_backend(backend)
    return backend


@pytest.fixture
def fail_backend(use_backend: Install) -> KeyringBackend:
    return use_backend(keyring.backends.fail.Keyring())


# --- environment -------------------------------------------------------------------------


def test_google_key_beats_gemini_key_beats_keyring_as_in_the_sdk(memory: InMemoryKeyring) -> None:
    service = _random_service()
    gemini, google, stored = _random_key(), _random_key(), _random_key()
    KeyStore(environ={}, service=service).save(stored)

    # The SDK uses GOOGLE_API_KEY when both are set (and logs so): the app follows the same order.
    both = KeyStore(environ={"GEMINI_API_KEY": gemini, "GOOGLE_API_KEY": google}, service=service)
    assert both.load() == ApiKey(google, KeySource.ENVIRONMENT)
    assert both.load().variable == "GOOGLE_API_KEY"
    from google.genai import _api_client

    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("GEMINI_API_KEY", gemini)
        mp.setenv("GOOGLE_API_KEY", google)
        assert _api_client.get_env_api_key() == both.load().value
    google_only = KeyStore(environ={"GOOGLE_API_KEY": google}, service=service)
    assert google_only.load() == ApiKey(google, KeySource.ENVIRONMENT)
    blank = KeyStore(environ={"GEMINI_API_KEY": "  ", "GOOGLE_API_KEY": ""}, service=service)
    assert blank.load() == ApiKey(stored, KeySource.KEYRING)
    assert blank.environment_key() is None


def test_environment_key_works_without_any_keyring(fail_backend: KeyringBackend) -> None:
    key = _random_key()
    store = KeyStore(environ={"GEMINI_API_KEY": f" {key}\n"})
    assert store.load() == ApiKey(key, KeySource.ENVIRONMENT)
    assert store.environment_key() == ApiKey(key, KeySource.ENVIRONMENT)


def test_no_key_anywhere_is_none(memory: InMemoryKeyring) -> None:
    assert KeyStore(environ={}, service=_random_service()).load() is None


# --- round trips (real Secret Service under the wrapper) ---------------------------------


def test_save_load_forget_round_trip(round_trip_backend: KeyringBackend) -> None:
    service = _random_service()
    store = KeyStore(environ={}, service=service)
    first, second = _random_key(), _random_key()
    try:
        store.save(f"  {first}\n")
        assert store.load() == ApiKey(first, KeySource.KEYRING)
        assert round_trip_backend.get_password(service, "api-key") == first
        store.save(second)  # Replaces, never duplicates.
        assert store.load() == ApiKey(second, KeySource.KEYRING)
        store.forget()
        assert store.load() is None
        assert round_trip_backend.get_password(service, "api-key") is None
        store.forget()  # Nothing left: still no error.
    finally:
        store.forget()


def test_default_service_and_username(round_trip_backend: KeyringBackend) -> None:
    # Under the wrapper this is a throwaway keyring; otherwise the in-memory one.
    store = KeyStore(environ={})
    key = _random_key()
    try:
        store.save(key)
        assert round_trip_backend.get_password("gemini-desktop", "api-key") == key
    finally:
        store.forget()
    assert round_trip_backend.get_password("gemini-desktop", "api-key") is None


def test_saved_key_is_visible_to_other_secret_service_clients(
    round_trip_backend: KeyringBackend,
) -> None:
    if os.environ.get(REAL_SERVICE_FLAG) != "1":
        pytest.skip("needs the real Secret Service (run through tests/keyring_session.sh)")
    secret_tool = shutil.which("secret-tool")
    if secret_tool is None:
        pytest.fail("secret-tool missing: install the Debian package libsecret-tools")
    service, key = _random_service(), _random_key()
    store = KeyStore(environ={}, service=service)
    try:
        store.save(key)
        lookup = [secret_tool, "lookup", "service", service, "username", "api-key"]
        found = subprocess.run(lookup, capture_output=True, text=True, timeout=30, check=True)
        assert found.stdout.strip() == key
    finally:
        store.forget()


def test_application_picks_the_real_secret_service_by_itself() -> None:
    if os.environ.get(REAL_SERVICE_FLAG) != "1":
        pytest.skip("needs the real Secret Service (run through tests/keyring_session.sh)")
    # A fresh interpreter, so keyring's own backend detection runs, as in the app.
    script = textwrap.dedent(
        """
        import secrets, sys
        from desktop.keystore import KeyStore, KeySource
        store = KeyStore(environ={}, service="gemini-desktop-test-" + secrets.token_hex(8))
        key = "test-key-" + secrets.token_urlsafe(24)
        try:
            store.save(key)
            loaded = store.load()
            assert loaded is not None and loaded.value == key
            assert loaded.source is KeySource.KEYRING
        finally:
            store.forget()
        assert store.load() is None
        print(store.backend_name())
        """
    )
    result = _run_python(script)
    assert result.returncode == 0, result.stderr
    print(f"backend used: {result.stdout.strip()}")
    assert result.stdout.strip() == "SecretService Keyring"


def test_locked_real_keyring_fails_with_a_fix_instead_of_hanging() -> None:
    if os.environ.get(REAL_SERVICE_FLAG) != "1":
        pytest.skip("needs the real Secret Service (run through tests/keyring_session.sh)")
    # Locking cannot be undone without a prompt, so it happens in a session of its own.
    script = textwrap.dedent(
        """
        import secretstorage
        from desktop.keystore import KeyStore, KeyStoreError
        store = KeyStore(environ={}, service="gemini-desktop-test-locked")
        store.save("test-key-locked")
        connection = secretstorage.dbus_init()
        secretstorage.get_default_collection(connection).lock()
        for operation in (store.load, lambda: store.save("test-key-other"), store.forget):
            try:
                operation()
            except KeyStoreError as error:
                print(error.reason.name)
                print(error)
            else:
                raise SystemExit("a locked keyring was used")
        """
    )
    wrapper = REPO_ROOT / "tests" / "keyring_session.sh"
    result = subprocess.run(
        ["bash", str(wrapper), sys.executable, "-c", script],
        cwd=REPO_ROOT,
        capture_output=True,
        check=False,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.count("LOCKED\n") == 3
    assert "Unlock your Secret Service keyring" in result.stdout
    assert "test-key-other" not in result.stdout


# --- refusals ----------------------------------------------------------------------------


def _assert_actionable(error: KeyStoreError, key: str | None = None) -> None:
    message = str(error)
    assert "GEMINI_API_KEY" in message
    assert "Secret Service" in message or "Keychain" in message or "Credential" in message
    if key is not None:
        assert key not in message
        assert key not in repr(error)


def test_no_keyring_backend_says_how_to_fix(fail_backend: KeyringBackend) -> None:
    key = _random_key()
    store = KeyStore(environ={})
    with pytest.raises(KeyStoreError) as loaded:
        store.load()
    assert loaded.value.reason is KeyStoreErrorReason.NO_BACKEND
    assert "No usable keyring backend" in str(loaded.value)
    _assert_actionable(loaded.value)
    with pytest.raises(KeyStoreError) as saved:
        store.save(key)
    _assert_actionable(saved.value, key)
    with pytest.raises(KeyStoreError):
        store.forget()


def test_no_keyring_backend_in_a_fresh_process() -> None:
    key = _random_key()
    script = textwrap.dedent(
        f"""
        import sys
        import desktop.keystore
        assert "keyring" not in sys.modules, "keyring must be imported lazily"
        try:
            desktop.keystore.KeyStore(environ={{}}).save({key!r})
        except desktop.keystore.KeyStoreError as error:
            print(error.reason.name)
            print(error)
        else:
            sys.exit("saved without a keyring")
        """
    )
    result = _run_python(script, PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("NO_BACKEND\n")
    assert "GEMINI_API_KEY" in result.stdout
    assert key not in result.stdout + result.stderr


def test_plaintext_backend_is_refused(use_backend: Install) -> None:
    backend = PlaintextLikeKeyring()
    use_backend(backend)
    key = _random_key()
    with pytest.raises(KeyStoreError) as error:
        KeyStore(environ={}, service=_random_service()).save(key)
    assert error.value.reason is KeyStoreErrorReason.INSECURE_BACKEND
    _assert_actionable(error.value, key)
    assert backend.store == {}  # Nothing was written in plain text.
    # Tests (only) may opt in to such a backend explicitly.
    service = _random_service()
    KeyStore(environ={}, service=service, allow_insecure_backend_for_tests=True).save(key)
    assert backend.store == {(service, "api-key"): key}


def test_null_backend_is_refused(use_backend: Install) -> None:
    use_backend(keyring.backends.null.Keyring())
    with pytest.raises(KeyStoreError) as error:
        KeyStore(environ={}).save(_random_key())
    assert error.value.reason is KeyStoreErrorReason.INSECURE_BACKEND


def test_chainer_is_used_only_if_it_writes_to_a_safe_backend(use_backend: Install) -> None:
    safe, unsafe = InMemoryKeyring(), PlaintextLikeKeyring()
    service, key = _random_service(), _random_key()

    class UnsafeFirst(SingleChainer):
        backends = (unsafe, safe)

    class SafeFirst(SingleChainer):
        backends = (safe, unsafe)

    use_backend(UnsafeFirst())
    with pytest.raises(KeyStoreError):
        KeyStore(environ={}, service=service).save(key)
    assert unsafe.store == {}
    use_backend(SafeFirst())
    KeyStore(environ={}, service=service).save(key)
    assert safe.store == {(service, "api-key"): key}


def test_locked_keyring_says_to_unlock(use_backend: Install) -> None:
    use_backend(RaisingKeyring(KeyringLocked("Failed to unlock the collection!")))
    with pytest.raises(KeyStoreError) as error:
        KeyStore(environ={}).load()
    assert error.value.reason is KeyStoreErrorReason.LOCKED
    assert "locked" in str(error.value)
    assert "Unlock" in str(error.value)
    _assert_actionable(error.value)


def test_backend_message_containing_the_key_is_scrubbed(use_backend: Install) -> None:
    use_backend(RaisingKeyring(PasswordSetError("cannot store {password}")))
    key = _random_key()
    with pytest.raises(KeyStoreError) as error:
        KeyStore(environ={}).save(key)
    _assert_actionable(error.value, key)
    assert "cannot store [redacted]" in str(error.value)
    # The original exception, which holds the key, is not chained into tracebacks.
    assert error.value.__cause__ is None
    assert error.value.__suppress_context__


def test_unexpected_backend_exception_becomes_key_store_error(use_backend: Install) -> None:
    use_backend(RaisingKeyring(ConnectionError("D-Bus connection closed")))
    with pytest.raises(KeyStoreError) as error:
        KeyStore(environ={}).forget()
    assert error.value.reason is KeyStoreErrorReason.BACKEND_FAILED
    assert "D-Bus connection closed" in str(error.value)
    assert isinstance(error.value.__cause__, ConnectionError)


@pytest.mark.parametrize("bad", ["", "   \n", "abc def", "abc\ndef"])
def test_empty_or_broken_key_is_rejected(memory: InMemoryKeyring, bad: str) -> None:
    with pytest.raises(KeyStoreError) as error:
        KeyStore(environ={}, service=_random_service()).save(bad)
    assert error.value.reason is KeyStoreErrorReason.INVALID_KEY
    assert memory.store == {}


# --- never revealing the key -------------------------------------------------------------


def test_api_key_repr_and_str_hide_the_value() -> None:
    key = _random_key()
    api_key = ApiKey(key, KeySource.KEYRING)
    for shown in (repr(api_key), str(api_key), f"{api_key}", repr([api_key])):
        assert key not in shown
    assert repr(api_key) == "ApiKey(source=KEYRING, value=****)"


def test_loaded_keys_are_redacted_from_logs(memory: InMemoryKeyring) -> None:
    service, stored, env = _random_service(), _random_key(), _random_key()
    memory.set_password(service, "api-key", stored)
    KeyStore(environ={}, service=service).load()
    KeyStore(environ={"GEMINI_API_KEY": env}).load()
    assert redact(f"{stored} {env}") == "[redacted] [redacted]"


def test_backend_name_for_diagnostics(memory: InMemoryKeyring, monkeypatch: pytest.MonkeyPatch) -> None:
    assert KeyStore(environ={}).backend_name() == "memory keyring InMemoryKeyring"

    def broken() -> KeyringBackend:
        raise RuntimeError("broken keyringrc")

    monkeypatch.setattr(keyring, "get_keyring", broken)
    assert KeyStore(environ={}).backend_name() == "unavailable (RuntimeError)"


def _run_python(script: str, **extra_env: str) -> subprocess.CompletedProcess[str]:
    """Run ``script`` in a fresh interpreter from the repository root, without key variables."""
    env = {k: v for k, v in os.environ.items() if k not in ("GEMINI_API_KEY", "GOOGLE_API_KEY")}
    env.update(extra_env)
    return subprocess.run(
        [sys.executable, "-c", script],
        cwd=REPO_ROOT,
        env=env,
        capture_output=True,
        check=False,
        text=True,
        timeout=60,
    )


# --- keys no HTTP header can carry ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "words"),
    [
        ('"AIzaQuoted"', "quotation mark (character 1)"),
        ("AIza inner", "a space (character 5)"),
        ("AIzaé", "“é” (character 5)"),
        ("AIza\x07", "control character"),
    ],
)
def test_a_key_that_cannot_be_sent_is_refused_where_it_is_read(value: str, words: str) -> None:
    from desktop.keystore import KeyStoreErrorReason, key_problem

    assert words in (key_problem(value) or "")
    with pytest.raises(KeyStoreError) as caught:
        KeyStore(environ={"GEMINI_API_KEY": value}).environment_key()
    assert caught.value.reason is KeyStoreErrorReason.INVALID_KEY
    assert "GEMINI_API_KEY" in str(caught.value) and words in str(caught.value)
    assert key_problem("AIzaSyA-valid_key.0123456789") is None


def test_an_encoding_failure_is_never_unexpected_error() -> None:
    from desktop import errors as app
    from desktop.services.genai.errors import map_exception

    try:
        "AIzaé".encode("ascii")
    except UnicodeEncodeError as exc:
        mapped = map_exception(exc)
    assert isinstance(mapped, app.InvalidKeyError) and "Unexpected" not in str(mapped)
