"""Tiny sample files with valid headers for every attachment kind (generated, no fixtures on disk)."""

from __future__ import annotations

import struct
import zlib
from pathlib import Path


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def png(width: int = 4, height: int = 3, rgb: tuple[int, int, int] = (200, 40, 40)) -> bytes:
    """A real, decodable RGB PNG of one colour."""
    row = b"\x00" + bytes(rgb) * width
    raw = row * height
    return (
        b"\x89PNG\r\n\x1a\n"
        + _png_chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
        + _png_chunk(b"IDAT", zlib.compress(raw))
        + _png_chunk(b"IEND", b"")
    )


def jpeg_header_only() -> bytes:
    """A JPEG start (SOI + JFIF APP0) with no end-of-image marker: a cut-off download."""
    return b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00" + b"\x11" * 200


def jpeg() -> bytes:
    """A JPEG-shaped file: SOI, APP0, some bytes, EOI (enough for detection)."""
    return jpeg_header_only() + b"\xff\xd9"


def gif() -> bytes:
    return (
        b"GIF89a\x01\x00\x01\x00\x80\x00\x00\xff\xff\xff\x00\x00\x00!\xf9\x04\x01\x00\x00\x00\x00"
        b",\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;"
    )


def riff(form: bytes, body: bytes) -> bytes:
    return b"RIFF" + struct.pack("<I", 4 + len(body)) + form + body


def webp() -> bytes:
    return riff(b"WEBP", b"VP8L" + struct.pack("<I", 5) + b"\x2f\x00\x00\x00\x00\x00")


def wav() -> bytes:
    fmt = b"fmt " + struct.pack("<IHHIIHH", 16, 1, 1, 8000, 16000, 2, 16)
    data = b"data" + struct.pack("<I", 8) + b"\x00\x01" * 4
    return riff(b"WAVE", fmt + data)


def ftyp(major: bytes, *compatible: bytes, extra: bytes = b"") -> bytes:
    body = major + b"\x00\x00\x02\x00" + b"".join(compatible)
    return struct.pack(">I", 8 + len(body)) + b"ftyp" + body + extra


def hdlr(handler: bytes) -> bytes:
    body = b"\x00\x00\x00\x00" + b"\x00\x00\x00\x00" + handler + b"\x00" * 12 + b"track\x00"
    return struct.pack(">I", 8 + len(body)) + b"hdlr" + body


def mp4_video() -> bytes:
    return ftyp(
        b"isom", b"isom", b"iso2", b"avc1", b"mp41", extra=b"\x00\x00\x00\x40moov" + hdlr(b"vide") + b"\x00" * 32
    )


def mp4_audio_only() -> bytes:
    return ftyp(b"mp42", b"mp42", b"isom", extra=b"\x00\x00\x00\x40moov" + hdlr(b"soun") + b"\x00" * 32)


SAMPLES: dict[str, tuple[bytes, str, str]] = {
    # name: (content, kind, mime type sent)
    "photo.png": (png(), "image", "image/png"),
    "photo.jpg": (jpeg(), "image", "image/jpeg"),
    "anim.gif": (gif(), "image", "image/gif"),
    "pic.webp": (webp(), "image", "image/webp"),
    "phone.heic": (ftyp(b"heic", b"mif1", b"heic") + b"\x00" * 64, "image", "image/heic"),
    "still.heif": (ftyp(b"mif1", b"mif1", b"miaf") + b"\x00" * 64, "image", "image/heif"),
    "paper.pdf": (b"%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n", "document", "application/pdf"),
    "voice.wav": (wav(), "audio", "audio/wav"),
    "song.mp3": (
        b"ID3\x03\x00\x00\x00\x00\x00\x0a" + b"\x00" * 10 + b"\xff\xfb\x90\x64" + b"\x00" * 100,
        "audio",
        "audio/mpeg",
    ),
    "bare.mp3": (b"\xff\xfb\x90\x64" + b"\x00" * 100, "audio", "audio/mpeg"),
    "clip.aac": (b"\xff\xf1\x50\x80\x02\x1f\xfc" + b"\x00" * 100, "audio", "audio/aac"),
    "call.ogg": (b"OggS\x00\x02" + b"\x00" * 20 + b"\x01vorbis" + b"\x00" * 40, "audio", "audio/ogg"),
    "hifi.flac": (b"fLaC\x00\x00\x00\x22" + b"\x00" * 60, "audio", "audio/flac"),
    "memo.m4a": (ftyp(b"M4A ", b"M4A ", b"mp42", b"isom") + b"\x00" * 64, "audio", "audio/m4a"),
    "podcast.mp4": (mp4_audio_only(), "audio", "audio/m4a"),  # an audio-only MP4 is M4A audio
    "movie.mp4": (mp4_video(), "video", "video/mp4"),
    "iphone.mov": (ftyp(b"qt  ", b"qt  ") + b"\x00" * 64, "video", "video/mov"),
    "web.webm": (b"\x1a\x45\xdf\xa3\x9f\x42\x86\x81\x01\x42\x82\x84webm" + b"\x00" * 40, "video", "video/webm"),
    "old.mpg": (b"\x00\x00\x01\xba\x44\x00\x04\x00\x04\x01" + b"\x00" * 60, "video", "video/mpeg"),
    "script.py": (b"def main():\n    print('hello')\n", "text", "text/x-python"),
    "notes.md": ("# Café ☕ notes\n\nÜmlauts are text too.\n".encode(), "text", "text/markdown"),
    "Makefile": (b"all:\n\techo done\n", "text", "text/plain"),
    "wide.txt": ("hello UTF-16".encode("utf-16"), "text", "text/plain"),
}


def write(folder: Path, name: str, content: bytes) -> Path:
    """Write ``content`` to ``folder/name`` and return the path."""
    path = folder / name
    path.write_bytes(content)
    return path
