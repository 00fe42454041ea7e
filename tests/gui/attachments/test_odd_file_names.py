"""Field case: a file whose name is not valid UTF-8 (``caf\\xe9-\\xff.txt``), dropped as a file URL.

It attaches (the name's original bytes are kept to open it), the chip shows the name with
replacement characters, and the prompt is sent with the file's text.
"""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import quote_from_bytes

import pytest
from PySide6.QtCore import QUrl

from desktop.services.attachments.service import path_from_url
from tests.fake_api import scenarios
from tests.gui.attachments.attachment_helpers import drop_files, ready, send_and_wait, user_content
from tests.gui.conftest import until
from tests.gui.harness import quit_app, start

pytestmark = pytest.mark.filterwarnings("ignore:Function.*QDrag.*deprecated:DeprecationWarning")

RAW_NAME = b"caf\xe9-\xff.txt"
SHOWN = "caf\ufffd-\ufffd.txt"


def odd_file(folder: Path) -> tuple[Path, bytes]:
    """``touch "$(printf 'caf\\xe9-\\xff.txt')"`` with some text inside; returns (path, URL bytes)."""
    raw_path = os.fsencode(folder) + b"/" + RAW_NAME
    with open(raw_path, "wb") as handle:
        handle.write(b"menu du jour\n")
    return Path(os.fsdecode(raw_path)), b"file://" + quote_from_bytes(raw_path).encode("ascii")


async def test_a_file_name_that_is_not_utf8_attaches_and_is_sent(
    qtbot, fake_server, app_paths, memory_keyring, tmp_path
):
    path, url = odd_file(tmp_path)
    assert url.endswith(b"/caf%E9-%FF.txt")  # what a file manager puts on the clipboard
    window, app, task = await start(qtbot, fake_server, app_paths)
    tab = window.conversation_tab
    assert drop_files(tab, [], urls=[QUrl.fromEncoded(url)]) == (True, True)
    await ready(app, tab, 1)
    att = app.attachments.attachments[0]
    assert att.error is None and att.path == path and att.name == SHOWN
    assert [c.name_label.toolTip() for c in tab.attachment_bar.chips] == [SHOWN]
    assert "no longer exists" not in tab.attachment_bar.chips[0].accessibleDescription()
    body = await send_and_wait(window, fake_server, "What is on it?", scenarios.plain_text("v1_cafe", ["Soup."]))
    assert user_content(body) == [
        {"type": "text", "text": f"{SHOWN}:\nmenu du jour\n"},
        {"type": "text", "text": "What is on it?"},
    ]
    stored = app.storage.conversations.turns(app.conversation.current_id)[-1]
    await until(lambda: stored.prompt, message="stored")
    assert SHOWN in [getattr(p, "name", None) for p in stored.prompt]
    await quit_app(window, task)


def test_a_pasted_file_url_keeps_the_original_bytes(tmp_path):
    _path, url = odd_file(tmp_path)
    found = path_from_url(url.decode("ascii"))
    assert os.fsencode(found).endswith(b"/" + RAW_NAME) and found.read_bytes() == b"menu du jour\n"
