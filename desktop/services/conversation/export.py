"""Export a conversation (the branch shown) to Markdown or to a self-contained HTML file (no Qt).

The HTML export embeds images as ``data:`` URIs so the file stands alone; the Markdown export
refers to attachments by name only (Markdown has no portable way to embed them).
"""

from __future__ import annotations

import base64
import datetime as dt
import html
import re
from pathlib import Path
from typing import Any

from desktop.domain.conversation import BlobPart, Conversation, Turn, TurnStatus, branch_path
from desktop.domain.steps import (
    CitedAnswer,
    ToolBlock,
    answer_segments,
    cite,
    search_suggestions,
    text_of,
    tool_blocks,
)
from desktop.domain.tools import default_registry
from desktop.render import render_markdown, render_plain
from desktop.render.steps import (
    link_markers,
    markdown_markers,
    marker_placeholder,
    sources_html,
    sources_markdown,
    step_html,
    step_markdown,
    step_title,
)
from desktop.services.conversation import structured

_STATUS_NOTES = {
    TurnStatus.STOPPED: "Stopped: the answer is partial.",
    TurnStatus.INTERRUPTED: "Interrupted: the answer is partial.",
    TurnStatus.FAILED: "Failed.",
    TurnStatus.INCOMPLETE: "Cut off: the answer is partial.",
    TurnStatus.REFUSED: "Stopped before any reason was given (it may have been blocked).",
}

_COPY_LINK = re.compile(r'<a href="copy-code:\d+"[^>]*>Copy</a>')

_HTML_HEAD = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'unsafe-inline'">
<title>{title}</title>
<style>
body {{ font-family: system-ui, sans-serif; max-width: 52em; margin: 2em auto; padding: 0 1em; line-height: 1.5; }}
.turn {{ border-top: 1px solid #ddd; padding: 0.5em 0; }}
.who {{ font-weight: bold; }} .meta {{ color: #6a737d; font-size: small; }}
pre {{ white-space: pre-wrap; }} img {{ max-width: 100%; }}
details.step {{ color: #444; margin: 0.2em 0; }} details.step summary {{ cursor: pointer; }}
.sources {{ font-size: small; }}
</style></head><body>
<h1>{title}</h1>
"""


def _when(timestamp: float) -> str:
    return dt.datetime.fromtimestamp(timestamp).strftime("%Y-%m-%d %H:%M")


def shown_turns(repo: Any, conversation_id: str) -> tuple[Conversation, list[Turn]]:
    """The conversation and the turns of the branch it shows."""
    conversation = repo.get(conversation_id)
    if conversation is None:
        raise KeyError(conversation_id)
    turns = repo.turns(conversation_id)
    leaf = conversation.current_leaf_turn_id or (turns[-1].id if turns else None)
    return conversation, branch_path(turns, leaf)


def _segments(turn: Turn) -> tuple[list[ToolBlock | str], CitedAnswer | None]:
    """The answer in API order (tool steps and the Markdown between them, with marker placeholders)
    and its citations (None when it cites nothing). Without usable steps: the text alone."""
    if not turn.steps:
        return [turn.answer_text], None
    blocks = turn.blocks
    cited = cite(blocks)
    if text_of(blocks) != turn.answer_text:
        return [*tool_blocks(blocks), turn.answer_text], cited if cited.sources else None
    return answer_segments(blocks, cited, marker_placeholder), cited if cited.sources else None


def to_markdown(conversation: Conversation, turns: list[Turn]) -> str:
    """The conversation as Markdown: a heading per speaker, answers verbatim."""
    out = [f"# {conversation.title}", "", *_options_markdown(conversation)]
    for turn in turns:
        out += [f"## You — {_when(turn.created_at)}", ""]
        out.append(turn.prompt_text)
        out += _attachment_lines(turn.prompt)
        out += ["", f"## Gemini ({turn.model}) — {_when(turn.updated_at or turn.created_at)}", ""]
        if turn.thoughts:
            quoted = "\n".join("> " + line for line in turn.thoughts.splitlines())
            out += ["> **Thoughts**", ">", quoted, ""]
        segments, cited = _segments(turn)
        for segment in segments:
            if isinstance(segment, str):
                out.append(markdown_markers(segment, cited.sources) if cited else segment)
            else:
                out += [step_markdown(segment), ""]
        if cited:
            out += ["", sources_markdown(cited.sources).rstrip()]
        out += _attachment_lines(turn.answer)
        note = _STATUS_NOTES.get(turn.status)
        if note:
            out += ["", f"*{note}*"]
        out.append("")
    return "\n".join(out).rstrip() + "\n"


def _options(conversation: Conversation) -> tuple[list[str], str | None]:
    """The tools switched on (their labels) and the JSON Schema of JSON mode (pretty), if any."""
    settings = conversation.settings
    registry = default_registry()
    tools = [o.label for o in registry.options() if o.id in settings.tools]
    schema = structured.pretty(settings.response_schema) if settings.response_schema is not None else None
    return tools, schema if (settings.structured_output or schema) else None


def _options_markdown(conversation: Conversation) -> list[str]:
    tools, schema = _options(conversation)
    out: list[str] = []
    if tools:
        out += [f"**Tools:** {', '.join(tools)}", ""]
    if schema is not None:
        state = "on" if conversation.settings.structured_output else "off"
        out += [f"**Structured output** ({state}), JSON Schema:", "", "```json", schema, "```", ""]
    return out


def _options_html(conversation: Conversation) -> list[str]:
    tools, schema = _options(conversation)
    out: list[str] = []
    if tools:
        out.append(f'<p class="meta">Tools: {html.escape(", ".join(tools))}</p>')
    if schema is not None:
        state = "on" if conversation.settings.structured_output else "off"
        out.append(
            f"<details><summary>Structured output ({state}): JSON Schema</summary>"
            f'<pre class="schema">{html.escape(schema)}</pre></details>'
        )
    return out


def _attachment_lines(parts: list[Any]) -> list[str]:
    lines: list[str] = []
    for p in parts:
        if isinstance(p, BlobPart):
            label = f"[{p.kind}: {p.name or p.sha256[:12]}]"
            # A generated file kept only as a link (it could not be downloaded) keeps the link.
            lines.append(f"{label}(<{p.uri}>)" if not p.sha256 and p.uri else label)
    return lines


def to_html(conversation: Conversation, turns: list[Turn], read_blob: Any = None) -> str:
    """The conversation as one HTML file; images are embedded as data URIs."""
    title = html.escape(conversation.title)
    out = [_HTML_HEAD.format(title=title), *_options_html(conversation)]
    for number, turn in enumerate(turns, start=1):
        out.append('<div class="turn">')
        out.append(f'<div class="who">You <span class="meta">{_when(turn.created_at)}</span></div>')
        out.append(render_plain(turn.prompt_text))
        out += _media_html(turn.prompt, read_blob)
        out.append(
            f'<div class="who">Gemini <span class="meta">{html.escape(turn.model)} · '
            f"{_when(turn.updated_at or turn.created_at)}</span></div>"
        )
        if turn.thoughts:
            out.append(
                "<details><summary>Thoughts</summary>"
                + render_markdown(turn.thoughts, typeset_math=False)
                + "</details>"
            )
        segments, cited = _segments(turn)
        prefix = f"source-{number}-"
        for segment in segments:
            if isinstance(segment, str):
                out.append(link_markers(render_markdown(segment, typeset_math=False), lambda n, p=prefix: f"#{p}{n}"))  # type: ignore[misc]
            else:
                summary = html.escape(step_title(segment))
                out.append(f'<details class="step"><summary>{summary}</summary>{step_html(segment)}</details>')
        suggestions = "".join(search_suggestions(b) for b in segments if isinstance(b, ToolBlock))
        if cited or suggestions:
            listing = sources_html(cited.sources if cited else (), anchor_prefix=prefix, suggestions=suggestions)
            out.append(f'<div class="sources">{listing}</div>')
        out += _media_html(turn.answer, read_blob)
        note = _STATUS_NOTES.get(turn.status)
        if note:
            out.append(f'<p class="meta"><em>{html.escape(note)}</em></p>')
        out.append("</div>")
    out.append("</body></html>\n")
    return _COPY_LINK.sub("", "\n".join(out))


def _media_html(parts: list[Any], read_blob: Any) -> list[str]:
    out: list[str] = []
    for part in parts:
        if not isinstance(part, BlobPart):
            continue
        label = html.escape(part.name or part.mime_type)
        data = None
        if part.kind == "image" and read_blob is not None:
            try:
                data = read_blob(part.sha256)
            except (OSError, ValueError, KeyError):
                data = None
        if data is not None:
            encoded = base64.b64encode(data).decode("ascii")
            out.append(f'<p><img alt="{label}" src="data:{html.escape(part.mime_type)};base64,{encoded}"></p>')
        elif not part.sha256 and part.uri:
            href = html.escape(part.uri, quote=True)
            out.append(f'<p class="meta">[{html.escape(part.kind)}: <a href="{href}">{label}</a>]</p>')
        else:
            out.append(f'<p class="meta">[{html.escape(part.kind)}: {label}]</p>')
    return out


def export_conversation(repo: Any, blobs: Any, conversation_id: str, path: Path) -> Path:
    """Write the conversation to ``path``: HTML for ``.html``/``.htm``, Markdown otherwise."""
    conversation, turns = shown_turns(repo, conversation_id)
    if path.suffix.lower() in (".html", ".htm"):
        text = to_html(conversation, turns, blobs.get if blobs is not None else None)
    else:
        text = to_markdown(conversation, turns)
    tmp = path.with_name(path.name + ".part")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)
    return path
