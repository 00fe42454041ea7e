"""The local tools: declared with schemas, off by default, and confined to what the user allowed."""

from __future__ import annotations

import os
from pathlib import Path

import jsonschema
import pytest

from desktop.domain.conversation import ConversationSettings
from desktop.domain.local_tools import LOCAL_OPTIONS
from desktop.domain.tools import default_registry
from desktop.services.tools.local import CallContext, LocalTools, ToolError

LABELS = ["Current time", "Read file", "List folder", "Open link", "Read clipboard"]


def _tool(name: str):
    settings = ConversationSettings(tools=[o.id for o in LOCAL_OPTIONS])
    return default_registry().function(settings, name)


def test_each_local_tool_is_off_by_default_and_declared_with_a_schema() -> None:
    registry = default_registry()
    assert [o.label for o in registry.options() if o.kind == "function"] == LABELS
    assert registry.declarations(ConversationSettings()) == []
    settings = ConversationSettings(tools=[o.id for o in LOCAL_OPTIONS])
    declarations = registry.declarations(settings)
    assert [d["name"] for d in declarations] == [
        "current_time",
        "read_file",
        "list_folder",
        "open_link",
        "read_clipboard",
    ]
    for declaration in declarations:
        assert declaration["type"] == "function" and len(declaration["description"]) > 20
        jsonschema.Draft202012Validator.check_schema(declaration["parameters"])


@pytest.fixture
def folders(tmp_path: Path) -> tuple[Path, Path]:
    allowed, secret = tmp_path / "allowed", tmp_path / "secret"
    allowed.mkdir()
    secret.mkdir()
    (allowed / "notes.txt").write_text("hello notes", encoding="utf-8")
    (allowed / "sub").mkdir()
    (allowed / "blob.bin").write_bytes(b"\xff\xfe\x00")
    (secret / "key.txt").write_text("do not read", encoding="utf-8")
    os.symlink(secret / "key.txt", allowed / "escape.txt")
    return allowed, secret


def test_read_file_reads_inside_allowed_folders_and_attached_files_only(folders: tuple[Path, Path]) -> None:
    allowed, secret = folders
    tools = LocalTools(allowed_folders=lambda: [str(allowed)])
    read = _tool("read_file")
    assert tools.run(read, {"path": str(allowed / "notes.txt")}, CallContext()) == "hello notes"
    attached = CallContext(files={"draft.md": lambda: b"# Draft"})
    assert tools.run(read, {"path": "draft.md"}, attached) == "# Draft"
    for path, reason in [
        (secret / "key.txt", "not inside a folder allowed"),
        (allowed / "escape.txt", "not inside a folder allowed"),  # a link cannot lead out
        (allowed / ".." / "secret" / "key.txt", "not inside a folder allowed"),
        (allowed / "blob.bin", "not a UTF-8 text file"),
        (allowed / "sub", "is not a file"),
    ]:
        with pytest.raises(ToolError, match=reason):
            tools.run(read, {"path": str(path)}, CallContext())
    with pytest.raises(ToolError, match="neither an attached file nor a full path"):
        tools.run(read, {"path": "missing.txt"}, CallContext())


def test_list_folder_lists_allowed_folders(folders: tuple[Path, Path]) -> None:
    allowed, secret = folders
    tools = LocalTools(allowed_folders=lambda: [str(allowed)])
    listing = tools.run(_tool("list_folder"), {"path": str(allowed)}, CallContext())
    assert "notes.txt\t11" in listing and "sub/" in listing
    assert tools.run(_tool("list_folder"), {}, CallContext()) == f"{allowed.resolve()}/"
    with pytest.raises(ToolError):
        tools.run(_tool("list_folder"), {"path": str(secret)}, CallContext())
    with pytest.raises(ToolError, match="No folder is allowed"):
        LocalTools().run(_tool("list_folder"), {}, CallContext())


def test_open_link_only_http_and_clipboard_text_and_time() -> None:
    opened: list[str] = []
    tools = LocalTools(open_url=lambda u: opened.append(u) or True, clipboard=lambda: "copied text", clock=lambda: 0)
    assert tools.run(_tool("open_link"), {"url": "https://example.com/a"}, CallContext()).startswith("Opened")
    for bad in ("file:///etc/passwd", "javascript:alert(1)", "ftp://x", "https://"):
        with pytest.raises(ToolError, match="Only http and https"):
            tools.run(_tool("open_link"), {"url": bad}, CallContext())
    assert opened == ["https://example.com/a"]
    assert tools.run(_tool("read_clipboard"), {}, CallContext()) == "copied text"
    assert tools.on_caller_thread(_tool("read_clipboard")) and not tools.on_caller_thread(_tool("read_file"))
    assert "1970-01-01" in tools.run(_tool("current_time"), {}, CallContext())
