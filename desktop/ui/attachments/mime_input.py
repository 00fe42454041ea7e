"""What a drop or a paste carries, sorted into what the attachment code can use.

Shared by the drop target and the paste helper: local files, folders (refused), links that are
not local files (refused, with a message), raw image data and plain text.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote_to_bytes, urlsplit

from PySide6.QtCore import QMimeData, QUrl
from PySide6.QtGui import QImage

_SHOWN_LINK_CHARS = 60  # a link quoted in the message is cut to this length


@dataclass
class MimeContent:
    """The useful parts of a ``QMimeData``."""

    files: list[Path] = field(default_factory=list)
    folders: list[Path] = field(default_factory=list)
    links: list[str] = field(default_factory=list)
    image: QImage | None = None
    text: str = ""

    @property
    def attachable(self) -> bool:
        """Whether there is anything that could become an attachment (or be refused as one)."""
        return bool(self.files or self.folders or self.links or self.image is not None)

    def rejection_message(self) -> str:
        """A plain sentence about the folders and links that cannot be attached ("" if none)."""
        parts: list[str] = []
        if self.folders:
            names = ", ".join(f"“{p.name or p}”" for p in self.folders[:3])
            parts.append(
                f"{names} {'is a folder' if len(self.folders) == 1 else 'are folders'}: "
                "attach the files inside instead."
            )
        if self.links:
            shown = (
                self.links[0]
                if len(self.links[0]) <= _SHOWN_LINK_CHARS
                else self.links[0][: _SHOWN_LINK_CHARS - 3] + "…"
            )
            more = f" (and {len(self.links) - 1} more)" if len(self.links) > 1 else ""
            parts.append(f"“{shown}”{more} is a link, not a file on this computer: download it first.")
        return " ".join(parts)

    @property
    def rejected(self) -> list[str]:
        """The refused items as text (folder paths and links)."""
        return [str(p) for p in self.folders] + list(self.links)


def local_path(url: QUrl) -> Path:
    """The path of a local file URL with the name's bytes kept as they are.

    ``QUrl.toLocalFile`` decodes percent escapes as UTF-8 and replaces invalid bytes, so a file
    named ``caf\\xe9.txt`` (Latin-1 on a UTF-8 system) would point at a file that does not exist.
    The escapes are decoded to bytes instead and turned into a ``str`` the way ``os`` does
    (``surrogateescape``), so ``open`` finds the same file.
    """
    encoded = bytes(url.toEncoded().data()).decode("ascii", errors="replace")
    raw = unquote_to_bytes(urlsplit(encoded).path)
    return Path(os.fsdecode(raw)) if raw else Path(url.toLocalFile())


def read_mime(mime: QMimeData, *, with_text: bool = True) -> MimeContent:
    """Sort ``mime`` into files, folders, links, an image and text (a stat per local URL)."""
    out = MimeContent()
    for url in mime.urls() if mime.hasUrls() else []:
        if url.isLocalFile():
            path = local_path(url)
            (out.folders if path.is_dir() else out.files).append(path)
        elif url.isValid() and not url.isEmpty():
            out.links.append(url.toString())
    if mime.hasImage() and not out.files:
        data = mime.imageData()
        image = data if isinstance(data, QImage) else QImage(data) if data is not None else None
        if image is not None and not image.isNull():
            out.image = image
            out.links = []  # a browser drags an image with its web address: the pixels are what count
    if with_text and mime.hasText() and not mime.hasUrls():
        out.text = mime.text()
    return out
