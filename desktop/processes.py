"""Secrets stay in this process: the API key leaves the environment, and child processes start clean.

The key is read from ``GOOGLE_API_KEY`` / ``GEMINI_API_KEY`` once, at start-up
(``take_secrets_from_environment``), and those variables are then removed from ``os.environ``, so
whatever the app starts later (the browser a link click opens through Qt, helper programs, MCP
servers) cannot inherit them. Every child process is started through this module
(``child_environment``, ``run``, ``popen``), which removes them again from the environment it
passes, should anything have put them back. Qt-side starts (``QDesktopServices``, ``QProcess``) go
through ``desktop.ui.common.external``, which uses the same environment.
"""

from __future__ import annotations

import logging
import os
import subprocess
from collections.abc import Mapping, MutableMapping, Sequence
from typing import Any

log = logging.getLogger(__name__)

# Variables that hold the API key (the SDK reads both). Never passed to a child process.
SECRET_VARIABLES = ("GOOGLE_API_KEY", "GEMINI_API_KEY")


def is_secret_variable(name: str) -> bool:
    """Whether an environment variable may hold a key: the SDK's two, or any other ``*_API_KEY``."""
    upper = name.upper()
    return upper in SECRET_VARIABLES or upper.endswith("_API_KEY")


def take_secrets_from_environment(environ: MutableMapping[str, str] | None = None) -> dict[str, str]:
    """Return a snapshot of ``environ`` (default ``os.environ``), then remove the key variables from it.

    The snapshot (with the keys) is what the app reads its configuration from; the live
    environment no longer holds a key for any child process to inherit.
    """
    live = os.environ if environ is None else environ
    snapshot = dict(live)
    for name in list(live):
        if name.upper() in SECRET_VARIABLES:
            del live[name]
    return snapshot


def child_environment(base: Mapping[str, str] | None = None) -> dict[str, str]:
    """The environment for a child process: ``base`` (default ``os.environ``) without any key variable."""
    source = os.environ if base is None else base
    return {name: value for name, value in source.items() if not is_secret_variable(name)}


def run(args: Sequence[str], **kwargs: Any) -> subprocess.CompletedProcess[Any]:
    """``subprocess.run`` with a cleaned environment (``env=`` given is cleaned too)."""
    kwargs["env"] = child_environment(kwargs.get("env"))
    return subprocess.run(args, check=kwargs.pop("check", False), **kwargs)


def popen(args: Sequence[str], **kwargs: Any) -> subprocess.Popen[Any]:
    """``subprocess.Popen`` with a cleaned environment (``env=`` given is cleaned too)."""
    kwargs["env"] = child_environment(kwargs.get("env"))
    return subprocess.Popen(args, **kwargs)


def scrub_process_environment() -> None:
    """Remove any key variable from ``os.environ`` (before Qt starts a program that inherits it)."""
    for name in list(os.environ):
        if is_secret_variable(name):
            del os.environ[name]
