"""Files API state (spec §5): resumable upload sessions and stored files with a PROCESSING phase."""

from __future__ import annotations

import hashlib
import itertools
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

_PUBLIC_BASE = "https://generativelanguage.googleapis.com/v1beta"


def _iso(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%S.%fZ")


@dataclass
class FakeFile:
    """An uploaded file; ``data`` holds exactly the bytes the client sent."""

    name: str
    display_name: str | None
    mime_type: str
    data: bytes
    processing_polls_left: int = 0
    state_override: str | None = None
    created: datetime = field(default_factory=lambda: datetime.now(UTC))

    @property
    def file_id(self) -> str:
        """The id after ``files/``."""
        return self.name.split("/", 1)[1]

    @property
    def state(self) -> str:
        """``PROCESSING`` while polls are left, else ``ACTIVE`` (or a forced state)."""
        if self.state_override:
            return self.state_override
        return "PROCESSING" if self.processing_polls_left > 0 else "ACTIVE"

    def to_json(self) -> dict[str, Any]:
        """The camelCase File resource."""
        body: dict[str, Any] = {
            "name": self.name,
            "mimeType": self.mime_type,
            "sizeBytes": str(len(self.data)),
            "createTime": _iso(self.created),
            "updateTime": _iso(self.created),
            "expirationTime": _iso(self.created + timedelta(hours=48)),
            "sha256Hash": hashlib.sha256(self.data).hexdigest(),
            "uri": f"{_PUBLIC_BASE}/{self.name}",
            "state": self.state,
            "source": "UPLOADED",
        }
        if self.display_name:
            body["displayName"] = self.display_name
        return body


@dataclass
class UploadSession:
    """A started resumable upload receiving chunks."""

    upload_id: str
    display_name: str | None
    mime_type: str
    expected_size: int | None
    buffer: bytearray = field(default_factory=bytearray)


class FileStore:
    """Upload sessions and finished files, keyed by ``upload_id`` and ``files/<id>``."""

    def __init__(self) -> None:
        self.files: dict[str, FakeFile] = {}
        self.sessions: dict[str, UploadSession] = {}
        #: Names of files that expired (the server deleted them 48 h after upload).
        self.expired: set[str] = set()
        self._ids = itertools.count(1)

    def expire(self, name: str) -> None:
        """The file's 48 hours are over: it is gone, and using it is refused like the real API does."""
        name = name if name.startswith("files/") else f"files/{name}"
        self.files.pop(name, None)
        self.expired.add(name)

    def expired_uris(self, body: Any) -> list[str]:
        """The ``uri`` values in a request body that point at expired files (searched at any depth)."""
        gone = {f"{_PUBLIC_BASE}/{n}" for n in self.expired}
        found: list[str] = []

        def walk(value: Any) -> None:
            if isinstance(value, dict):
                if value.get("uri") in gone:
                    found.append(str(value["uri"]))
                for item in value.values():
                    walk(item)
            elif isinstance(value, list):
                for item in value:
                    walk(item)

        if gone:
            walk(body)
        return found

    def start(self, headers: dict[str, str], body: dict[str, Any] | None) -> UploadSession:
        """Open a session from the start request's headers and ``{"file": {...}}`` body."""
        meta = (body or {}).get("file") or {}
        size_header = headers.get("x-goog-upload-header-content-length")
        session = UploadSession(
            upload_id=f"up{next(self._ids)}",
            display_name=(
                meta.get("display_name") or meta.get("displayName") or headers.get("x-goog-upload-file-name")
            ),
            mime_type=(
                meta.get("mime_type")
                or meta.get("mimeType")
                or headers.get("x-goog-upload-header-content-type")
                or "application/octet-stream"
            ),
            expected_size=int(size_header) if size_header and size_header.isdigit() else None,
        )
        self.sessions[session.upload_id] = session
        return session

    def finalize(self, session: UploadSession, processing_polls: int) -> FakeFile:
        """Turn a session into a stored file."""
        self.sessions.pop(session.upload_id, None)
        file_id = f"fake{next(self._ids):04d}"
        stored = FakeFile(
            name=f"files/{file_id}",
            display_name=session.display_name,
            mime_type=session.mime_type,
            data=bytes(session.buffer),
            processing_polls_left=processing_polls,
        )
        self.files[stored.name] = stored
        return stored

    def get(self, file_id: str) -> FakeFile | None:
        """The file ``files/<file_id>`` (a full name is accepted too)."""
        name = file_id if file_id.startswith("files/") else f"files/{file_id}"
        return self.files.get(name)

    def clear(self) -> None:
        """Forget every session and file."""
        self.files.clear()
        self.sessions.clear()
        self.expired.clear()


def no_access_message(name: str) -> str:
    """What the real API says about a file that expired (or never existed): a 403, not a 404."""
    file_id = name.split("/", 1)[-1]
    return f"You do not have permission to access the File {file_id} or it may not exist."
