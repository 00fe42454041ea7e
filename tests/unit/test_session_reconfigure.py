"""A key from the environment keeps naming its variable after the connection preferences change."""

from __future__ import annotations

from typing import Any

from desktop import errors as app
from desktop.controllers.session import SessionController, service_config_factory
from desktop.keystore import KeyStore


class _Preferences:
    effective_base_url: str | None = None

    def __init__(self) -> None:
        self.values: dict[str, Any] = {"request_timeout_s": 60, "retry_attempts": 3}

    def get(self, key: str) -> Any:
        return self.values[key]


async def test_a_reconfigured_service_still_says_which_variable_holds_a_rejected_key(qapp) -> None:
    preferences = _Preferences()
    keystore = KeyStore({"GEMINI_API_KEY": "AIzaTestKey0123456789"})
    session = SessionController(keystore, service_config_factory(preferences), warm_at_start=False)
    await session.start()
    assert session.service is not None and session.service.config.key_variable == "GEMINI_API_KEY"

    preferences.values["request_timeout_s"] = 5
    session.reconfigure()
    config = session.service.config
    assert config.timeout_s == 5
    assert config.key_variable == "GEMINI_API_KEY"
    error = session.service.explain(app.InvalidKeyError("API key not valid."))
    assert "GEMINI_API_KEY" in error.message
    await session.shutdown()
