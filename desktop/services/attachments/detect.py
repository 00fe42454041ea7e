"""What a file really is, from its content: kind, the MIME type to send, and whether it is whole.

``filetype`` recognises most signatures; our own checks cover where it is weak or where Gemini
needs a finer answer: ISO-BMFF brands (HEIC vs HEIF vs AVIF, M4A vs MP4 vs MOV), MPEG audio
frame headers (MP3 vs AAC ADTS), MPEG program/transport streams, and text (valid UTF-8 without
NULs, or UTF-16 with a BOM). The extension is only a tie-breaker where content is ambiguous
(an MP4 container whose track types are not in the sampled bytes).

MIME types are the names the Interactions API lists (``audio/wav``, ``video/mov``, ...), not
always the IANA ones (``audio/x-wav``, ``video/quicktime``), because the API validates them.
"""

from __future__ import annotations

import codecs
import mimetypes
import re
import struct
from dataclasses import dataclass
from pathlib import PurePath
from typing import Literal, TypeAlias

import filetype

from desktop.services.attachments.errors import DamagedFileError, UnsupportedTypeError

Kind: TypeAlias = Literal["image", "audio", "video", "document", "text"]

# How much of the start and the end of a file detection looks at.
SNIFF_BYTES = 64 * 1024

SUPPORTED_TEXT = (
    "images (PNG, JPEG, WebP, HEIC/HEIF, GIF), PDF, audio (WAV, MP3, AAC, OGG, FLAC, M4A), "
    "video (MP4, MOV, WebM, MPEG) and text or code files"
)


@dataclass(frozen=True, slots=True)
class FileType:
    """A detected, supported type: ``kind`` picks the content block, ``mime_type`` is sent as is."""

    kind: Kind
    mime_type: str
    label: str

    @property
    def short(self) -> str:
        """A short badge for icons, e.g. ``PDF`` or ``MP4``."""
        return self.label.split()[0]


PNG = FileType("image", "image/png", "PNG image")
JPEG = FileType("image", "image/jpeg", "JPEG image")
WEBP = FileType("image", "image/webp", "WebP image")
GIF = FileType("image", "image/gif", "GIF image")
HEIC = FileType("image", "image/heic", "HEIC image")
HEIF = FileType("image", "image/heif", "HEIF image")
PDF = FileType("document", "application/pdf", "PDF document")
WAV = FileType("audio", "audio/wav", "WAV audio")
MP3 = FileType("audio", "audio/mpeg", "MP3 audio")
AAC = FileType("audio", "audio/aac", "AAC audio")
OGG = FileType("audio", "audio/ogg", "OGG audio")
FLAC = FileType("audio", "audio/flac", "FLAC audio")
M4A = FileType("audio", "audio/m4a", "M4A audio")
MP4 = FileType("video", "video/mp4", "MP4 video")
MOV = FileType("video", "video/mov", "MOV video")
WEBM = FileType("video", "video/webm", "WebM video")
MPEG = FileType("video", "video/mpeg", "MPEG video")

_HEIC_BRANDS = {"heic", "heix", "hevc", "hevx", "heim", "heis", "hevm", "hevs"}
_HEIF_BRANDS = {"mif1", "msf1", "mif2", "heif"}
_M4A_BRANDS = {"M4A ", "M4B ", "M4P ", "F4A ", "F4B "}
_MP4_BRANDS = {
    "isom",
    "iso2",
    "iso3",
    "iso4",
    "iso5",
    "iso6",
    "mp41",
    "mp42",
    "mp71",
    "avc1",
    "M4V ",
    "M4VH",
    "M4VP",
    "dash",
    "msnv",
    "ndas",
    "f4v ",
    "XAVC",
    "MSNV",
    "mmp4",
}
_HDLR = re.compile(rb"hdlr.{8}(vide|soun)", re.DOTALL)
_AUDIO_EXT = {".m4a", ".m4b", ".aac", ".mp3", ".wav", ".flac", ".ogg", ".oga", ".opus"}

# filetype MIME -> reason we refuse it, so the message can name the type.
_KNOWN_UNSUPPORTED = {
    "application/zip": "a ZIP archive",
    "application/x-tar": "a TAR archive",
    "application/gzip": "a gzip archive",
    "application/x-7z-compressed": "a 7-Zip archive",
    "application/x-rar-compressed": "a RAR archive",
    "application/x-executable": "a program",
    "application/x-msdownload": "a Windows program",
    "video/x-matroska": "an MKV video (convert it to MP4 or WebM)",
    "video/x-msvideo": "an AVI video",
    "image/avif": "an AVIF image",
    "image/bmp": "a BMP image",
    "image/tiff": "a TIFF image",
    "image/x-icon": "an icon file",
    "image/vnd.adobe.photoshop": "a Photoshop file",
    "application/x-sqlite3": "a database file",
}


def _unsupported(name: str, what: str | None = None) -> UnsupportedTypeError:
    described = f"is {what}, which" if what else "is a kind of file that"
    return UnsupportedTypeError(f"“{name}” {described} Gemini cannot read. You can attach {SUPPORTED_TEXT}.")


def _damaged(name: str, label: str) -> DamagedFileError:
    return DamagedFileError(f"“{name}” looks damaged: the {label} is cut off or incomplete.")


def _brands(head: bytes) -> tuple[str, set[str]] | None:
    """Major and compatible brands of an ISO-BMFF ``ftyp`` box at the start, if any."""
    if len(head) < 16 or head[4:8] != b"ftyp":
        return None
    size = struct.unpack(">I", head[:4])[0]
    end = min(max(size, 16), len(head))
    major = head[8:12].decode("latin-1")
    compatible = {head[i : i + 4].decode("latin-1") for i in range(16, end - 3, 4)}
    return major, compatible


def _iso_type(head: bytes, tail: bytes, name: str) -> FileType | None:
    parsed = _brands(head)
    if parsed is None:
        return None
    major, compatible = parsed
    brands = {major} | compatible
    if major in ("avif", "avis"):
        raise _unsupported(name, "an AVIF image")
    if major in _HEIC_BRANDS or (major in _HEIF_BRANDS and brands & _HEIC_BRANDS):
        return HEIC
    if major in _HEIF_BRANDS:
        return HEIF
    if major in _M4A_BRANDS:
        return M4A
    if major == "qt  ":
        return MOV
    if major.startswith("3g"):
        raise _unsupported(name, "a 3GP video (convert it to MP4)")
    if brands & (_MP4_BRANDS | {"qt  "}) or major in _MP4_BRANDS:
        # A generic MP4 container: audio-only when its track handlers say so.
        handlers = {m.group(1) for m in _HDLR.finditer(head)} | {m.group(1) for m in _HDLR.finditer(tail)}
        if b"vide" in handlers:
            return MP4
        if b"soun" in handlers or PurePath(name).suffix.lower() in _AUDIO_EXT:
            return M4A
        return MP4
    raise _unsupported(name, f"an ISO media file of brand “{major.strip()}”")


def _mpeg_audio(head: bytes) -> FileType | None:
    """MP3 (layer III) or AAC (ADTS) from the first frame header, after any ID3v2 tag."""
    offset = 0
    if head[:3] == b"ID3" and len(head) >= 10:
        size = (head[6] & 0x7F) << 21 | (head[7] & 0x7F) << 14 | (head[8] & 0x7F) << 7 | (head[9] & 0x7F)
        offset = 10 + size
        if offset + 2 > len(head):
            return MP3  # a tag too long to see past: ID3 is an MP3 convention
    if len(head) < offset + 2 or head[offset] != 0xFF or head[offset + 1] & 0xE0 != 0xE0:
        return MP3 if offset else None
    second = head[offset + 1]
    layer = (second >> 1) & 0x03
    if layer == 0 and second & 0xF0 == 0xF0:
        return AAC
    third = head[offset + 2] if len(head) > offset + 2 else 0
    valid_rate = (third >> 4) != 0x0F and (third >> 2) & 0x03 != 0x03
    if layer != 0 and (second >> 3) & 0x03 != 0x01 and valid_rate:  # version bits 01 are reserved
        return MP3
    return MP3 if offset else None


def _mpeg_video(head: bytes) -> bool:
    """An MPEG program stream or elementary video stream start code."""
    return head[:3] == b"\x00\x00\x01" and len(head) > 3 and 0xB0 <= head[3] <= 0xBF


def _transport_stream(head: bytes) -> bool:
    """An MPEG transport stream: a sync byte every 188 bytes (checked after text: ``G`` is ASCII)."""
    return len(head) >= 188 * 4 and all(head[i] == 0x47 for i in range(0, 188 * 4, 188))


def _check_whole(ftype: FileType, head: bytes, tail: bytes, size: int, name: str) -> None:
    """Raise ``DamagedFileError`` when an image's end marker is missing (a cut-off download)."""
    if ftype is PNG:
        if b"IEND" not in tail[-64:]:
            raise _damaged(name, "PNG image")
    elif ftype is JPEG:
        if b"\xff\xd9" not in tail.rstrip(b"\x00\r\n ")[-2048:]:
            raise _damaged(name, "JPEG image")
    elif ftype is GIF:
        if not tail.rstrip(b"\x00").endswith(b";"):
            raise _damaged(name, "GIF image")
    elif ftype in (WEBP, WAV) and len(head) >= 8:
        declared = struct.unpack("<I", head[4:8])[0] + 8
        if declared > size:
            raise _damaged(name, ftype.label)


def _binary_type(head: bytes, tail: bytes, name: str) -> FileType | None:
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head[:6] in (b"GIF87a", b"GIF89a"):
        return GIF
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return WEBP
    if head[:4] == b"RIFF" and head[8:12] == b"WAVE":
        return WAV
    if b"%PDF-" in head[:1024]:
        return PDF
    if head[:4] == b"fLaC":
        return FLAC
    if head[:4] == b"OggS":
        if b"\x80theora" in head[:4096]:
            raise _unsupported(name, "an Ogg video")
        return OGG
    iso = _iso_type(head, tail, name)
    if iso is not None:
        return iso
    if head[:4] == b"\x1a\x45\xdf\xa3":
        if b"webm" in head[:4096]:
            return WEBM
        raise _unsupported(name, "an MKV video (convert it to MP4 or WebM)")
    if _mpeg_video(head):
        return MPEG
    return _mpeg_audio(head)


def text_encoding(sample: bytes, *, complete: bool) -> str | None:
    """The codec that reads ``sample`` as text, or None if it looks binary.

    Text is valid UTF-8 (a BOM is allowed) without NULs and with few control characters, or
    UTF-16 with a BOM. ``complete=False`` tolerates a multi-byte character cut at the end.
    """
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            codecs.getincrementaldecoder("utf-16")().decode(sample, final=complete)
        except UnicodeDecodeError:
            return None
        return "utf-16"
    if b"\x00" in sample:
        return None
    try:
        text = codecs.getincrementaldecoder("utf-8-sig")().decode(sample, final=complete)
    except UnicodeDecodeError:
        return None
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\t\n\r\f\b\x1b")
    if text and controls > max(2, len(text) // 100):
        return None
    return "utf-8-sig"


def text_mime(name: str) -> str:
    """The MIME type of a text file by its name (only a label: text goes in as text)."""
    guessed, _ = mimetypes.guess_type(name)
    if guessed and (
        guessed.startswith("text/")
        or guessed in ("application/json", "application/xml", "application/javascript", "image/svg+xml")
    ):
        return guessed
    return "text/plain"


def sniff(head: bytes, tail: bytes, size: int, name: str) -> tuple[FileType, str | None]:
    """Detect a file's type from its first and last bytes; returns ``(type, text codec or None)``.

    Raises ``UnsupportedTypeError`` for binary files Gemini cannot read and ``DamagedFileError``
    for truncated images. ``head``/``tail`` are up to ``SNIFF_BYTES`` each (equal for small files).
    """
    # A UTF-16 BOM (FF FE) would pass for an MPEG audio frame sync: text with a BOM is text.
    found = None if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) else _binary_type(head, tail, name)
    if found is not None:
        _check_whole(found, head, tail, size, name)
        return found, None
    codec = text_encoding(head, complete=len(head) >= size)
    if codec is not None:
        suffix = PurePath(name).suffix.lstrip(".").upper() or "TXT"
        return FileType("text", text_mime(name), f"{suffix[:4]} text"), codec
    if _transport_stream(head):
        return MPEG, None
    guess = filetype.guess(head)
    what = _KNOWN_UNSUPPORTED.get(guess.mime) if guess is not None else None
    if guess is not None and what is None:
        what = f"a {guess.extension.upper()} file ({guess.mime})"
    raise _unsupported(name, what)
