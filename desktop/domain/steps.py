"""An answer as an ordered list of blocks, one per API step, and the sources it cites (pure data).

The API sends an answer as steps: a thought, a search call and its result, code and its output,
text with annotations, an image, more text. ``blocks_from_steps`` turns the wire steps a turn keeps
(``Turn.steps``, persisted as each step completes) into small typed blocks, in order: a tool call
and its result become one ``ToolBlock``. ``answer_text`` and the numbered Sources list are derived
from these blocks, so turns stored before blocks existed (they kept the same wire steps) show their
tool steps and sources too.

Citation offsets: the API measures ``start_index``/``end_index`` in UTF-8 **bytes** of the text
block they annotate (the SDK's schema says so); ``Citation`` holds them converted to characters.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal, TypeAlias
from urllib.parse import urlsplit

SourceKind: TypeAlias = Literal["url", "file", "place"]

# Wire annotation type -> source kind.
ANNOTATION_KINDS: dict[str, SourceKind] = {"url_citation": "url", "file_citation": "file", "place_citation": "place"}

# Built-in tools whose steps are shown (``<tool>_call`` / ``<tool>_result``), plus local functions.
TOOL_NAMES: tuple[str, ...] = (
    "google_search",
    "url_context",
    "code_execution",
    "google_maps",
    "file_search",
    "mcp_server_tool",
    "retrieval",
    "tool_search",
    "function",
)


def is_web_url(url: str) -> bool:
    """True for an http or https URL (the only links the app opens)."""
    return url.lower().startswith(("http://", "https://"))


def host_of(url: str) -> str:
    """The host of a URL without ``www.`` ("" when there is none)."""
    try:
        host = urlsplit(url).hostname or ""
    except ValueError:
        return ""
    return host.removeprefix("www.")


@dataclass(frozen=True, slots=True)
class SourceRef:
    """Something an answer cites: a web page, a document (and page) or a place."""

    kind: SourceKind
    url: str = ""
    title: str = ""
    file_name: str = ""
    page: int | None = None
    document_uri: str = ""
    place_id: str = ""

    @property
    def key(self) -> tuple[str, ...]:
        """Identity for numbering: the same page, document page or place shares one number."""
        if self.kind == "url":
            return ("url", self.url)
        if self.kind == "file":
            return ("file", self.document_uri or self.file_name, str(self.page or ""))
        return ("place", self.place_id or self.url or self.title)

    @property
    def host(self) -> str:
        """The web host of ``url`` ("" for none)."""
        return host_of(self.url) if self.url else ""

    @property
    def label(self) -> str:
        """The words shown for this source: title, file name or place name."""
        if self.kind == "file":
            return self.file_name or self.title or self.document_uri or "Document"
        return self.title or self.host or self.url or ("Place" if self.kind == "place" else "Source")

    @property
    def link(self) -> str:
        """The http(s) address a click opens, or "" when it has none."""
        return self.url if is_web_url(self.url) else ""

    @property
    def search_text(self) -> str:
        """The words conversation search finds this source by."""
        return " ".join(w for w in (self.title, self.file_name, self.host) if w)


@dataclass(frozen=True, slots=True)
class Citation:
    """An annotation on a span of a text block; offsets are characters (``None``: unknown)."""

    source: SourceRef
    start: int | None = None
    end: int | None = None


@dataclass(frozen=True, slots=True)
class ThoughtBlock:
    """A thought summary."""

    text: str


@dataclass(frozen=True, slots=True)
class TextBlock:
    """A run of answer text and the citations annotating it."""

    text: str
    citations: tuple[Citation, ...] = ()


@dataclass(frozen=True, slots=True)
class MediaBlock:
    """An image (audio, video, document) the model produced; ``position`` counts media in the answer."""

    kind: str
    mime_type: str
    position: int


@dataclass(slots=True)
class ToolBlock:
    """A tool call and its result, paired by call id (``has_result`` False while it runs)."""

    tool: str
    call_id: str | None = None
    arguments: dict[str, Any] = field(default_factory=dict)
    result: Any = None
    is_error: bool = False
    has_result: bool = False
    name: str = ""
    server_name: str = ""
    search_type: str = ""

    @property
    def signature(self) -> tuple[Any, ...]:
        """What a view compares to know whether this block changed."""
        return (self.tool, self.call_id, repr(self.arguments), repr(self.result), self.is_error, self.has_result)


Block: TypeAlias = ThoughtBlock | TextBlock | MediaBlock | ToolBlock


def tool_of(step_type: str) -> tuple[str, str] | None:
    """``("google_search", "call")`` for ``google_search_call``; None for non-tool steps."""
    for suffix in ("_call", "_result"):
        if step_type.endswith(suffix):
            return step_type[: -len(suffix)], suffix[1:]
    return None


def char_offsets(text: str) -> Callable[[int | None], int | None]:
    """A converter from UTF-8 byte offsets in ``text`` to character offsets (clamped to the text)."""
    length = len(text)
    if text.isascii():
        return lambda i: None if i is None else max(0, min(length, int(i)))
    # Byte position at which each character starts; bisect maps any byte offset onto a character.
    starts: list[int] = []
    pos = 0
    for ch in text:
        starts.append(pos)
        pos += len(ch.encode("utf-8"))
    return lambda i: None if i is None else bisect.bisect_left(starts, max(0, int(i)))


def source_from_annotation(note: Mapping[str, Any]) -> SourceRef | None:
    """The source a wire annotation cites, or None for other annotations (speech, word info)."""
    kind = ANNOTATION_KINDS.get(str(note.get("type", "")))
    if kind is None:
        return None
    if kind == "url":
        url = str(note.get("url") or "")
        return SourceRef("url", url=url, title=str(note.get("title") or "")) if url else None
    if kind == "file":
        page = note.get("page_number")
        return SourceRef(
            "file",
            title=str(note.get("source") or ""),
            file_name=str(note.get("file_name") or ""),
            page=int(page) if isinstance(page, int | float) and not isinstance(page, bool) else None,
            document_uri=str(note.get("document_uri") or ""),
        )
    return SourceRef(
        "place",
        url=str(note.get("url") or ""),
        title=str(note.get("name") or ""),
        place_id=str(note.get("place_id") or ""),
    )


def citations_of(text: str, annotations: Iterable[Any]) -> tuple[Citation, ...]:
    """The citations among a text block's wire annotations, offsets converted to characters."""
    to_chars: Callable[[int | None], int | None] | None = None
    out: list[Citation] = []
    for note in annotations:
        if not isinstance(note, Mapping):
            continue
        source = source_from_annotation(note)
        if source is None:
            continue
        if to_chars is None:
            to_chars = char_offsets(text)
        out.append(Citation(source, to_chars(note.get("start_index")), to_chars(note.get("end_index"))))
    return tuple(out)


def _summary(step: Mapping[str, Any]) -> str:
    return "".join(str(b.get("text", "")) for b in step.get("summary") or [] if isinstance(b, Mapping))


def blocks_from_steps(steps: Iterable[Mapping[str, Any]]) -> list[Block]:  # noqa: PLR0912 - one branch per step type
    """The blocks of an answer, in order, from its wire steps (``user_input`` steps are skipped).

    A ``*_result`` step joins the call with the same id (or, without ids, the last call of that
    tool still waiting); a result with no call becomes a block of its own.
    """
    blocks: list[Block] = []
    open_calls: dict[str, ToolBlock] = {}
    media = 0
    for step in steps:
        if not isinstance(step, Mapping):
            continue
        kind = str(step.get("type", ""))
        if kind == "thought":
            text = _summary(step)
            if text:
                blocks.append(ThoughtBlock(text))
        elif kind == "model_output":
            for content in step.get("content") or []:
                if not isinstance(content, Mapping):
                    continue
                ctype = content.get("type")
                if ctype == "text":
                    text = str(content.get("text") or "")
                    if text:
                        blocks.append(TextBlock(text, citations_of(text, content.get("annotations") or [])))
                elif ctype in ("image", "audio", "video", "document"):
                    blocks.append(MediaBlock(str(ctype), str(content.get("mime_type") or ""), media))
                    media += 1
        else:
            parsed = tool_of(kind)
            if parsed is None:
                continue
            tool, role = parsed
            if role == "call":
                block = ToolBlock(
                    tool,
                    call_id=step.get("id"),
                    arguments=dict(step.get("arguments") or {}) if isinstance(step.get("arguments"), Mapping) else {},
                    name=str(step.get("name") or ""),
                    server_name=str(step.get("server_name") or ""),
                    search_type=str(step.get("search_type") or ""),
                )
                blocks.append(block)
                open_calls[f"{tool}:{block.call_id or len(blocks)}"] = block
                continue
            call_id = step.get("call_id")
            target = open_calls.pop(f"{tool}:{call_id}", None) if call_id else None
            if target is None:
                waiting = [k for k, b in open_calls.items() if b.tool == tool]
                target = open_calls.pop(waiting[-1]) if waiting and not call_id else None
            if target is None:
                target = ToolBlock(tool, call_id=call_id, name=str(step.get("name") or ""))
                blocks.append(target)
            target.result = step.get("result")
            target.is_error = bool(step.get("is_error"))
            target.has_result = True
            if step.get("server_name"):
                target.server_name = str(step["server_name"])
    return blocks


def tool_blocks(blocks: Iterable[Block]) -> list[ToolBlock]:
    """The tool blocks, in order."""
    return [b for b in blocks if isinstance(b, ToolBlock)]


def text_of(blocks: Iterable[Block]) -> str:
    """The answer text: the text blocks joined (what ``Turn.answer_text`` is for a settled turn)."""
    return "".join(b.text for b in blocks if isinstance(b, TextBlock))


@dataclass(frozen=True, slots=True)
class CitedAnswer:
    """The answer's numbered sources and, per text block, its markers: (character offset, numbers)."""

    sources: tuple[SourceRef, ...]
    markers: tuple[tuple[tuple[int, tuple[int, ...]], ...], ...]

    @property
    def marker_count(self) -> int:
        """How many markers the text shows."""
        return sum(len(m) for m in self.markers)


def cite(blocks: Sequence[Block]) -> CitedAnswer:
    """Number the sources by first appearance and group citations into markers.

    Citations ending at the same offset share one marker; a marker lists each source number once.
    A citation without ``end_index`` is placed at the end of its block.
    """
    numbers: dict[tuple[str, ...], int] = {}
    sources: list[SourceRef] = []
    markers: list[tuple[tuple[int, tuple[int, ...]], ...]] = []
    for block in blocks:
        if not isinstance(block, TextBlock):
            continue
        by_end: dict[int, list[int]] = {}
        ordered = sorted(block.citations, key=lambda c: len(block.text) if c.end is None else c.end)
        for c in ordered:
            number = numbers.get(c.source.key)
            if number is None:
                number = numbers[c.source.key] = len(sources) + 1
                sources.append(c.source)
            end = len(block.text) if c.end is None else min(c.end, len(block.text))
            group = by_end.setdefault(end, [])
            if number not in group:
                group.append(number)
        markers.append(tuple((end, tuple(nums)) for end, nums in sorted(by_end.items())))
    return CitedAnswer(tuple(sources), tuple(markers))


def _marked(block: TextBlock, marks: Sequence[tuple[int, tuple[int, ...]]], marker: Marker) -> str:
    out: list[str] = []
    last = 0
    for end, nums in marks:
        out.append(block.text[last:end])
        out.append(marker(nums))
        last = end
    out.append(block.text[last:])
    return "".join(out)


Marker = Callable[[tuple[int, ...]], str]


def marked_text(blocks: Sequence[Block], cited: CitedAnswer, marker: Marker) -> str:
    """The answer text with ``marker(numbers)`` inserted at each marker's offset (linear time)."""
    texts = [b for b in blocks if isinstance(b, TextBlock)]
    return "".join(_marked(b, m, marker) for b, m in zip(texts, cited.markers, strict=False))


def answer_segments(blocks: Sequence[Block], cited: CitedAnswer, marker: Marker) -> list[ToolBlock | str]:
    """The answer in API order: tool blocks, and the runs of text between them (markers inserted).

    Thoughts and media are left out (they are shown on their own).
    """
    out: list[ToolBlock | str] = []
    run: list[str] = []
    marks = iter(cited.markers)
    for block in blocks:
        if isinstance(block, TextBlock):
            run.append(_marked(block, next(marks, ()), marker))
        elif isinstance(block, ToolBlock):
            if run:
                out.append("".join(run))
                run = []
            out.append(block)
    if run:
        out.append("".join(run))
    return out


def sources_search_text(steps: Iterable[Mapping[str, Any]]) -> str:
    """The words of every cited source (titles, file names, hosts) for the search index."""
    seen: set[tuple[str, ...]] = set()
    words: list[str] = []
    for source in cite(blocks_from_steps(steps)).sources:
        if source.key not in seen:
            seen.add(source.key)
            words.append(source.search_text)
    return "\n".join(w for w in words if w)


def search_suggestions(block: ToolBlock) -> str:
    """The search-suggestion HTML of a ``google_search`` result ("" when none), unsanitised."""
    if block.tool != "google_search" or not isinstance(block.result, list):
        return ""
    return "".join(str(item.get("search_suggestions") or "") for item in block.result if isinstance(item, Mapping))


def tool_block_to_dict(block: ToolBlock) -> dict[str, Any]:
    """A tool block as a JSON-able dict (for a Research timeline entry)."""
    return {
        "tool": block.tool,
        "call_id": block.call_id,
        "arguments": block.arguments,
        "result": block.result,
        "is_error": block.is_error,
        "has_result": block.has_result,
        "name": block.name,
        "server_name": block.server_name,
        "search_type": block.search_type,
    }


def tool_block_from_dict(data: Mapping[str, Any]) -> ToolBlock:
    """Inverse of ``tool_block_to_dict``; missing keys take their defaults."""
    arguments = data.get("arguments")
    return ToolBlock(
        str(data.get("tool") or "tool"),
        call_id=data.get("call_id"),
        arguments=dict(arguments) if isinstance(arguments, Mapping) else {},
        result=data.get("result"),
        is_error=bool(data.get("is_error")),
        has_result=bool(data.get("has_result")),
        name=str(data.get("name") or ""),
        server_name=str(data.get("server_name") or ""),
        search_type=str(data.get("search_type") or ""),
    )
