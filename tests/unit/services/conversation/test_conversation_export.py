"""Conversation export to Markdown and HTML."""

from __future__ import annotations

import base64
from pathlib import Path

from desktop.domain.conversation import BlobPart, TextPart, Turn, TurnStatus
from desktop.services.conversation.export import export_conversation
from desktop.store import BlobStore, ConversationRepository, open_database

PNG = b"\x89PNG\r\n\x1a\nfake"


def setup(tmp_path: Path) -> tuple[ConversationRepository, BlobStore, str]:
    db = open_database(tmp_path / "db.sqlite3")
    repo = ConversationRepository(db)
    blobs = BlobStore(tmp_path / "blobs")
    conv = repo.create("Cats <& dogs>")
    t1 = Turn.new(conv.id, None, [TextPart("Show a cat <script>alert(1)</script>")])
    sha = blobs.put(PNG)
    t1.answer = [TextPart("Here:\n\n```python\nprint('meow')\n```\n"), BlobPart("image", "image/png", sha)]
    t1.thoughts = "**Thinking** about cats"
    t1.status = TurnStatus.COMPLETED
    repo.add_turn(t1)
    t2 = Turn.new(conv.id, t1.id, [TextPart("more")])
    t2.answer = [TextPart("partial")]
    t2.status = TurnStatus.STOPPED
    repo.add_turn(t2)
    return repo, blobs, conv.id


def test_markdown_export(tmp_path: Path) -> None:
    repo, blobs, cid = setup(tmp_path)
    out = export_conversation(repo, blobs, cid, tmp_path / "c.md")
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# Cats <& dogs>")
    assert "```python\nprint('meow')\n```" in text
    assert "> **Thinking** about cats" in text
    assert "*Stopped: the answer is partial.*" in text
    assert "[image:" in text and "base64" not in text


def test_html_export_embeds_images_and_escapes_prompts(tmp_path: Path) -> None:
    repo, blobs, cid = setup(tmp_path)
    text = export_conversation(repo, blobs, cid, tmp_path / "c.html").read_text(encoding="utf-8")
    assert "<title>Cats &lt;&amp; dogs&gt;</title>" in text
    assert "<script>" not in text and "&lt;script&gt;" in text
    assert f'src="data:image/png;base64,{base64.b64encode(PNG).decode()}"' in text
    assert "<details><summary>Thoughts</summary>" in text
    assert "meow" in text and "copy-code:" not in text  # the in-app Copy links make no sense in a file
