"""Attachments: type detection from content, bad inputs, inline blocks and the turn input."""

from __future__ import annotations

import base64
import hashlib
import os
from pathlib import Path

import pytest

from desktop.domain.conversation import BlobPart, TextPart
from desktop.services.attachments import read as attachment_read
from desktop.services.attachments.errors import (
    AttachmentError,
    DamagedFileError,
    EmptyFileError,
    FileTooLargeError,
    NotAFileError,
    NotLocalFileError,
    NotReadyError,
    UnreadableFileError,
    UnsupportedTypeError,
)
from desktop.services.attachments.read import MAX_TEXT_BYTES, examine_path
from desktop.services.attachments.service import (
    Attachment,
    AttachmentService,
    AttachmentState,
    build_input,
    path_from_url,
    prompt_parts,
    stored_block,
)
from desktop.store import BlobStore
from tests.attachment_samples import SAMPLES, jpeg_header_only, png, write

LIMIT = 15 * 1024 * 1024


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_every_supported_kind_is_detected_from_its_content(tmp_path: Path, name: str) -> None:
    content, kind, mime = SAMPLES[name]
    # A misleading extension must not matter: content decides (except names only used as labels).
    path = write(tmp_path, name if kind == "text" else name + ".bin", content)
    found = examine_path(path, name, inline_limit=LIMIT)
    assert (found.file_type.kind, found.file_type.mime_type) == (kind, mime)
    assert found.size == len(content)
    assert found.sha256 == hashlib.sha256(content).hexdigest()


@pytest.mark.parametrize("name", [n for n, (_, kind, _) in SAMPLES.items() if kind != "text"])
def test_inline_media_block_carries_exactly_the_file_bytes(tmp_path: Path, name: str) -> None:
    content, kind, mime = SAMPLES[name]
    found = examine_path(write(tmp_path, name, content), name, inline_limit=LIMIT)
    assert found.block is not None
    assert found.block["type"] == kind and found.block["mime_type"] == mime
    assert base64.b64decode(found.block["data"]) == content


def test_text_and_code_files_go_in_as_text_with_their_name(tmp_path: Path) -> None:
    found = examine_path(write(tmp_path, "notes.md", SAMPLES["notes.md"][0]), "notes.md", inline_limit=LIMIT)
    assert found.block == {"type": "text", "text": "notes.md:\n# Café ☕ notes\n\nÜmlauts are text too.\n"}
    wide = examine_path(write(tmp_path, "wide.txt", SAMPLES["wide.txt"][0]), "wide.txt", inline_limit=LIMIT)
    assert wide.block == {"type": "text", "text": "wide.txt:\nhello UTF-16"}


def _error(path: Path, name: str | None = None) -> AttachmentError:
    with pytest.raises(AttachmentError) as caught:
        examine_path(path, name or path.name, inline_limit=LIMIT)
    return caught.value


def test_a_folder_is_refused_with_a_plain_message(tmp_path: Path) -> None:
    folder = tmp_path / "holiday photos"
    folder.mkdir()
    err = _error(folder)
    assert isinstance(err, NotAFileError) and "“holiday photos” is a folder" in err.message


def test_missing_empty_and_unreadable_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert isinstance(_error(tmp_path / "gone.png"), UnreadableFileError)
    err = _error(write(tmp_path, "empty.pdf", b""))
    assert isinstance(err, EmptyFileError) and err.message == "“empty.pdf” is empty."

    def denied(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    locked = write(tmp_path, "locked.png", png())
    monkeypatch.setattr(attachment_read, "open", denied, raising=False)
    err = _error(locked)
    assert isinstance(err, UnreadableFileError) and "permission to read “locked.png”" in err.message


@pytest.mark.parametrize(
    "content, what",
    [
        (b"PK\x03\x04\x14\x00\x00\x00\x08\x00" + b"\x00" * 40, "ZIP archive"),
        (b"\x1a\x45\xdf\xa3\x9f\x42\x86\x81\x01\x42\x82\x88matroska" + b"\x00" * 40, "MKV video"),
        (bytes(range(256)) * 4, "a kind of file that"),
        (b"BM" + b"\x00" * 60, "a BMP image"),
    ],
)
def test_unsupported_binary_types_name_what_can_be_attached(tmp_path: Path, content: bytes, what: str) -> None:
    err = _error(write(tmp_path, "thing.dat", content))
    assert isinstance(err, UnsupportedTypeError)
    assert what in err.message and "You can attach images (PNG, JPEG" in err.message


def test_truncated_images_are_reported_as_damaged(tmp_path: Path) -> None:
    cut_png = png()[:-12]  # without the IEND chunk
    err = _error(write(tmp_path, "cut.png", cut_png))
    assert (
        isinstance(err, DamagedFileError)
        and err.message == "“cut.png” looks damaged: the PNG image is cut off or incomplete."
    )
    err = _error(write(tmp_path, "cut.jpg", jpeg_header_only()))
    assert isinstance(err, DamagedFileError) and "JPEG image is cut off" in err.message


def test_over_the_files_api_limit_is_refused_without_reading(tmp_path: Path) -> None:
    huge = tmp_path / "huge.mp4"
    with open(huge, "wb") as handle:  # sparse: nothing is really written
        handle.truncate(2 * 1024**3 + 1)
    err = _error(huge)
    assert isinstance(err, FileTooLargeError) and "up to 2 GB" in err.message


def test_long_text_and_text_that_turns_binary(tmp_path: Path) -> None:
    err = _error(write(tmp_path, "log.txt", b"x" * (MAX_TEXT_BYTES + 1)))
    assert isinstance(err, FileTooLargeError) and "text files up to" in err.message
    mixed = b"a" * (attachment_read.SNIFF_BYTES * 2) + b"\xff\xfe\xfd" + b"a" * (attachment_read.SNIFF_BYTES + 10)
    err = _error(write(tmp_path, "odd.txt", mixed))
    assert isinstance(err, UnsupportedTypeError) and "not valid UTF-8" in err.message


def test_dropped_links_that_are_not_local_files() -> None:
    assert path_from_url("file:///tmp/a%20b.png") == Path("/tmp/a b.png")
    assert path_from_url("/home/ann/x.pdf") == Path("/home/ann/x.pdf")
    with pytest.raises(NotLocalFileError) as caught:
        path_from_url("https://example.com/cat.png")
    assert "is a link, not a file on this computer" in caught.value.message


def test_a_large_file_is_hashed_and_stored_in_chunks_not_inlined(tmp_path: Path) -> None:
    content = os.urandom(3 * 1024 * 1024 + 5)
    path = write(tmp_path, "movie.mp4", SAMPLES["movie.mp4"][0] + content)
    blobs = BlobStore(tmp_path / "blobs")
    found = examine_path(path, "movie.mp4", inline_limit=1024 * 1024, blobs=blobs)
    assert found.block is None and found.file_type.mime_type == "video/mp4"
    assert found.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    assert blobs.get(found.sha256) == path.read_bytes()


async def test_inspect_reads_off_thread_and_keeps_a_local_copy(tmp_path: Path) -> None:
    blobs = BlobStore(tmp_path / "blobs")
    service = AttachmentService(blobs=blobs, inline_limit_bytes=LIMIT)
    att = Attachment.from_path(write(tmp_path, "photo.png", png()))
    await service.inspect(att)
    assert att.state is AttachmentState.READY and att.ready and att.inline
    assert blobs.get(att.sha256) == png()
    pasted = Attachment.from_bytes(png(8, 8), "Pasted image.png")
    await service.inspect(pasted)
    assert pasted.block["mime_type"] == "image/png" and base64.b64decode(pasted.block["data"]) == png(8, 8)
    assert att.to_part() == BlobPart(
        kind="image", mime_type="image/png", sha256=att.sha256, name="photo.png", size=len(png())
    )


async def test_the_whole_request_decides_what_is_uploaded(tmp_path: Path) -> None:
    # Each PDF fits a 1 MB request alone (base64: 400, 533, 467 kB) but not all together: the
    # largest moves to the Files API, and no more than needed.
    service = AttachmentService(inline_limit_bytes=1_000_000)
    atts = []
    for i, size in enumerate((300_000, 400_000, 350_000)):
        att = Attachment.from_path(write(tmp_path, f"p{i}.pdf", SAMPLES["paper.pdf"][0] + b" " * size))
        await service.inspect(att)
        assert att.inline
        atts.append(att)
    text = Attachment.from_bytes(b"print(1)\n" * 10, "a.py")
    await service.inspect(text)
    moved = service.plan_uploads([*atts, text])
    assert [a.name for a in moved] == ["p1.pdf"]
    assert all(a.state is AttachmentState.UPLOADING and a.block is None for a in moved)
    assert atts[0].inline and text.inline
    assert service.plan_uploads([*atts, text]) == []
    big = Attachment.from_bytes(SAMPLES["paper.pdf"][0] + b" " * 900_000, "big.pdf")
    await service.inspect(big)  # alone over the limit once base64-encoded: never inlined
    assert big.state is AttachmentState.UPLOADING and big.block is None


async def test_build_input_attachments_first_then_the_prompt(tmp_path: Path) -> None:
    service = AttachmentService(inline_limit_bytes=LIMIT)
    image = Attachment.from_bytes(png(), "cat.png")
    code = Attachment.from_bytes(b"x = 1\n", "x.py")
    await service.inspect(image)
    await service.inspect(code)
    assert build_input("hello", []) == "hello"
    blocks = build_input("What is this?", [image, code])
    assert blocks == [
        {"type": "image", "data": base64.b64encode(png()).decode(), "mime_type": "image/png"},
        {"type": "text", "text": "x.py:\nx = 1\n"},
        {"type": "text", "text": "What is this?"},
    ]
    assert build_input("  ", [image]) == blocks[:1]  # attachments only
    parts = prompt_parts("Describe", [image])
    assert parts[0] == TextPart("Describe") and isinstance(parts[1], BlobPart) and parts[1].uri is None


async def test_nothing_is_sent_while_an_attachment_is_not_ready(tmp_path: Path) -> None:
    reading = Attachment.from_bytes(png(), "slow.png")
    with pytest.raises(NotReadyError) as caught:
        build_input("hi", [reading])
    assert "still being prepared" in caught.value.message
    reading.fail(UnsupportedTypeError("nope"))
    with pytest.raises(NotReadyError) as caught:
        prompt_parts("hi", [reading])
    assert "Remove it to send the prompt" in caught.value.message


def test_stored_block_rebuilds_what_was_sent() -> None:
    part = BlobPart(kind="text", mime_type="text/x-python", sha256="0" * 64, name="a.py")
    assert stored_block(part, b"x = 1\n") == {"type": "text", "text": "a.py:\nx = 1\n"}
    image = BlobPart(kind="image", mime_type="image/png", sha256="0" * 64)
    assert stored_block(image, png()) == {
        "type": "image",
        "data": base64.b64encode(png()).decode(),
        "mime_type": "image/png",
    }
