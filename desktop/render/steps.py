"""HTML and Markdown for an answer's tool steps, citation markers and Sources list (no Qt).

One set of fragments serves every place a step appears: the conversation transcript, the Research
timeline and the Markdown/HTML exports. HTML targets Qt's rich-text subset (inline styles, tables,
``<pre>``) and is also valid in a browser.

Safety: every string from the API is escaped; the search-suggestion HTML Google sends with a
``google_search_result`` (which the Grounding with Google Search terms require to be shown) goes
through ``nh3`` (the Ammonia sanitizer): scripts and styles are dropped with their content, images
and every attribute but ``href`` are removed, and only http/https links survive.

Markers: ``marker_placeholder(numbers)`` is inserted into the Markdown source where a citation ends
(private-use characters Markdown leaves alone); ``link_markers`` turns the placeholders in the
rendered HTML into ``<sup>`` links, ``source:<n>`` in the app or ``#<prefix><n>`` in an export.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Callable, Iterable, Sequence
from typing import Any

import nh3

from desktop.domain.steps import SourceRef, ToolBlock, is_web_url
from desktop.i18n import QT_TRANSLATE_NOOP

from .highlight import highlight_code
from .markdown import COPY_CODE_SCHEME
from .theme import LIGHT, MONOSPACE_FAMILIES, RenderTheme

__all__ = [
    "SOURCE_SCHEME",
    "link_markers",
    "marker_placeholder",
    "sanitize_suggestions",
    "sources_html",
    "sources_markdown",
    "step_code",
    "step_html",
    "step_markdown",
    "step_title",
    "strip_markers",
]

Tr = Callable[[str], str]

# Link scheme of a marker in the app: ``source:3`` selects source 3 of the answer.
SOURCE_SCHEME = "source"
ERROR_COLOR = "#c62828"
WARN_COLOR = "#ef6c00"
OK_COLOR = "#2e7d32"

_OPEN, _CLOSE = "\ue000", "\ue001"
_MARKER = re.compile(f"{_OPEN}([0-9,]+){_CLOSE}")
_STATUS_COLORS = {"success": OK_COLOR, "error": ERROR_COLOR, "paywall": WARN_COLOR, "unsafe": WARN_COLOR}
_SUGGESTION_TAGS = {"div", "span", "a", "b", "i", "em", "strong", "p", "br", "ul", "ol", "li"}
# Longest tool output shown inline; the rest is cut (the full text stays in the stored step).
MAX_OUTPUT_CHARS = 20_000


def _same(text: str) -> str:
    return text


def _esc(value: Any) -> str:
    return html.escape(str(value), quote=True)


# -- citations -------------------------------------------------------------------------------------
def marker_placeholder(numbers: Sequence[int]) -> str:
    """The placeholder for one marker citing ``numbers`` (insert it into the Markdown source)."""
    return _OPEN + ",".join(str(n) for n in numbers) + _CLOSE


def strip_markers(text: str) -> str:
    """``text`` without marker placeholders."""
    return _MARKER.sub("", text)


def link_markers(rendered: str, href: Callable[[int], str] | None = None) -> str:
    """Replace the placeholders in rendered HTML with superscript links, one number per source.

    ``href(n)`` gives the link of source ``n``; by default ``source:<n>`` (handled by the app).
    """
    if _OPEN not in rendered:
        return rendered
    target = href or (lambda n: f"{SOURCE_SCHEME}:{n}")

    def one(match: re.Match[str]) -> str:
        links = ",".join(f'<a href="{_esc(target(int(n)))}">{n}</a>' for n in match.group(1).split(",") if n)
        return f"<sup>[{links}]</sup>"

    return _MARKER.sub(one, rendered)


def markdown_markers(text: str, sources: Sequence[SourceRef]) -> str:
    """Placeholders in Markdown source turned into ``[[n]](url)`` links (plain ``[n]`` without a URL)."""

    def one(match: re.Match[str]) -> str:
        out = []
        for n in match.group(1).split(","):
            if not n:
                continue
            i = int(n)
            link = sources[i - 1].link if 0 < i <= len(sources) else ""
            out.append(f"[[{i}]]({link})" if link else f"[{i}]")
        return "".join(out)

    return _MARKER.sub(one, text)


def _source_line(source: SourceRef, tr: Tr) -> tuple[str, str]:
    """(main words, detail) for a source: title and host, file name and page, place name."""
    if source.kind == "file":
        detail = tr(QT_TRANSLATE_NOOP("Steps", "page {0}")).format(source.page) if source.page is not None else ""
        return source.label, detail
    if source.kind == "place":
        return source.label, tr(QT_TRANSLATE_NOOP("Steps", "place"))
    return source.label, source.host if source.host != source.label else ""


def sources_html(
    sources: Sequence[SourceRef],
    *,
    theme: RenderTheme = LIGHT,
    tr: Tr = _same,
    anchor_prefix: str | None = None,
    title: bool = True,
    suggestions: str = "",
    start: int = 1,
) -> str:
    """The numbered Sources list (one paragraph per source); web sources link to their http(s) address.

    Entries are numbered from ``start`` (a long list can be shown in slices). ``anchor_prefix``
    gives each entry an id (``<prefix><n>``) for an export's markers to link to. ``suggestions`` is
    Google's search-suggestion HTML, sanitised and shown under the list.
    """
    if not sources and not suggestions:
        return ""
    out = []
    if sources and title:
        heading = _esc(tr(QT_TRANSLATE_NOOP("Steps", "Sources")))
        out.append(f'<p style="margin-top: 4px; margin-bottom: 0px;"><b>{heading}</b></p>')
    for n, source in enumerate(sources, start=start):
        words, detail = _source_line(source, tr)
        anchor = f' id="{_esc(anchor_prefix)}{n}"' if anchor_prefix else ""
        label = f'<a href="{_esc(source.link)}">{_esc(words)}</a>' if source.link else _esc(words)
        extra = f' <span style="color: {theme.muted_color};">{_esc(detail)}</span>' if detail else ""
        out.append(f'<p{anchor} style="margin-top: 0px; margin-bottom: 0px;">{n}. {label}{extra}</p>')
    if suggestions:
        clean = sanitize_suggestions(suggestions)
        if clean.strip():
            # Marked outside the f-string: lupdate does not look inside f-string expressions.
            heading = tr(QT_TRANSLATE_NOOP("Steps", "Google Search suggestions"))
            out.append(
                f'<p style="color: {theme.muted_color}; font-size: small; margin-bottom: 0px;">'
                f"{_esc(heading)}</p>{clean}"
            )
    return "\n".join(out) + "\n"


def sources_markdown(sources: Sequence[SourceRef], tr: Tr = _same) -> str:
    """The numbered Sources list as Markdown ("" when there are none)."""
    if not sources:
        return ""
    lines = [f"**{tr(QT_TRANSLATE_NOOP('Steps', 'Sources'))}**", ""]
    for n, source in enumerate(sources, start=1):
        words, detail = _source_line(source, tr)
        label = f"[{_md_escape(words)}]({source.link})" if source.link else _md_escape(words)
        lines.append(f"{n}. {label}" + (f" — {detail}" if detail else ""))
    return "\n".join(lines) + "\n"


def _md_escape(text: str) -> str:
    return re.sub(r"([\\`*_\[\]<>])", r"\\\1", text)


def sanitize_suggestions(markup: str) -> str:
    """Google's search-suggestion HTML made safe: no script, style, image, form or non-http link."""
    return nh3.clean(
        markup,
        tags=_SUGGESTION_TAGS,
        attributes={"a": {"href"}},
        url_schemes={"http", "https"},
        clean_content_tags={"script", "style"},
        link_rel=None,
        strip_comments=True,
    )


# -- tool steps ------------------------------------------------------------------------------------
def _quoted(items: Iterable[Any]) -> str:
    return ", ".join(f"“{item}”" for item in items if item)


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def step_title(block: ToolBlock, tr: Tr = _same) -> str:
    """One line saying what the step did (or is doing), e.g. ``Searched the web: “euro 2024”``."""
    args = block.arguments or {}
    done = block.has_result
    tool = block.tool
    if tool == "google_search":
        queries = _quoted(_list(args.get("queries")))
        what = (
            tr(QT_TRANSLATE_NOOP("Steps", "Searched images"))
            if block.search_type == "image_search"
            else tr(QT_TRANSLATE_NOOP("Steps", "Searched the web"))
        )
        if not done:
            what = tr(QT_TRANSLATE_NOOP("Steps", "Searching the web"))
        return f"{what}: {queries}" if queries else what
    if tool == "url_context":
        urls = _list(args.get("urls")) or [r.get("url") for r in _list(block.result) if isinstance(r, dict)]
        if not done:
            return tr(QT_TRANSLATE_NOOP("Steps", "Reading {0} page(s)")).format(len(urls))
        failed = sum(1 for r in _list(block.result) if isinstance(r, dict) and r.get("status") not in (None, "success"))
        text = tr(QT_TRANSLATE_NOOP("Steps", "Read {0} page(s)")).format(len(urls))
        return text + (tr(QT_TRANSLATE_NOOP("Steps", " ({0} not readable)")).format(failed) if failed else "")
    if tool == "code_execution":
        language = str(args.get("language") or "python").capitalize()
        if not done:
            return tr(QT_TRANSLATE_NOOP("Steps", "Running {0} code…")).format(language)
        return (
            tr(QT_TRANSLATE_NOOP("Steps", "{0} code failed")).format(language)
            if block.is_error
            else tr(QT_TRANSLATE_NOOP("Steps", "Ran {0} code")).format(language)
        )
    if tool == "google_maps":
        queries = _quoted(_list(args.get("queries")))
        places = len(_places(block))
        what = (
            tr(QT_TRANSLATE_NOOP("Steps", "Looked up places"))
            if done
            else tr(QT_TRANSLATE_NOOP("Steps", "Looking up places"))
        )
        text = f"{what}: {queries}" if queries else what
        return text + (tr(QT_TRANSLATE_NOOP("Steps", " · {0} found")).format(places) if done and places else "")
    if tool == "file_search":
        hits = len(_list(block.result))
        if not done:
            return tr(QT_TRANSLATE_NOOP("Steps", "Searching your files"))
        return tr(QT_TRANSLATE_NOOP("Steps", "Searched your files")) + (
            tr(QT_TRANSLATE_NOOP("Steps", " · {0} hit(s)")).format(hits) if hits else ""
        )
    if tool in ("mcp_server_tool", "function"):
        name = block.name or tool
        where = tr(QT_TRANSLATE_NOOP("Steps", " on {0}")).format(block.server_name) if block.server_name else ""
        state = tr(QT_TRANSLATE_NOOP("Steps", " (failed)")) if block.is_error else ("" if done else "…")
        return tr(QT_TRANSLATE_NOOP("Steps", "Called {0}")).format(name) + where + state
    label = tool.replace("_", " ").capitalize()
    return label if done else label + "…"


def _places(block: ToolBlock) -> list[dict[str, Any]]:
    places: list[dict[str, Any]] = []
    for result in _list(block.result):
        if isinstance(result, dict):
            places += [p for p in _list(result.get("places")) if isinstance(p, dict)]
    return places


def _output_text(result: Any) -> str:
    """A tool result as text: a string, the text of content blocks, or JSON."""
    if result is None:
        return ""
    if isinstance(result, str):
        return result
    if isinstance(result, list):
        pieces = []
        for item in result:
            if isinstance(item, dict) and item.get("type") == "text":
                pieces.append(str(item.get("text", "")))
            elif isinstance(item, dict) and item.get("type") in ("image", "audio", "video", "document"):
                pieces.append(f"[{item.get('type')}: {item.get('mime_type', '')}]")
            else:
                pieces.append(json.dumps(item, ensure_ascii=False, indent=2))
        return "\n".join(pieces)
    return json.dumps(result, ensure_ascii=False, indent=2)


def _cut(text: str) -> str:
    return text if len(text) <= MAX_OUTPUT_CHARS else text[:MAX_OUTPUT_CHARS] + "\n…"


def _pre(body_html: str, theme: RenderTheme, color: str | None = None) -> str:
    style = f"font-family: {MONOSPACE_FAMILIES}; margin-top: 0px; margin-bottom: 0px;"
    if color:
        style += f" color: {color};"
    return (
        f'<table width="100%" cellspacing="0" cellpadding="6" style="background-color: {theme.code_background};'
        f' margin-top: 2px; margin-bottom: 2px;"><tr><td><pre style="{style}">{body_html}</pre></td></tr></table>'
    )


def _label(text: str, theme: RenderTheme) -> str:
    return f'<p style="color: {theme.muted_color}; font-size: small; margin: 2px 0px 0px 0px;">{_esc(text)}</p>'


def _link(url: Any, text: Any | None = None) -> str:
    url = str(url or "")
    words = _esc(text if text else url)
    return f'<a href="{_esc(url)}">{words}</a>' if is_web_url(url) else words


def step_code(block: ToolBlock) -> str:
    """The code a ``code_execution`` step ran ("" for other steps): what its Copy link copies."""
    return str((block.arguments or {}).get("code") or "") if block.tool == "code_execution" else ""


def step_html(block: ToolBlock, *, theme: RenderTheme = LIGHT, tr: Tr = _same, copy_link: bool = False) -> str:  # noqa: PLR0912, PLR0915 - one branch per tool type
    """The details of a step: queries, pages and their status, code and output, places, hits.

    ``copy_link`` adds a ``copy-code:0`` link by the code of a code-execution step (the app copies
    ``step_code(block)``); exports leave it out.
    """
    args = block.arguments or {}
    out: list[str] = []
    tool = block.tool
    if tool == "google_search":
        queries = _list(args.get("queries"))
        if queries:
            out.append(_label(tr(QT_TRANSLATE_NOOP("Steps", "Queries")), theme))
            out.append("<ul>" + "".join(f"<li>{_esc(q)}</li>" for q in queries) + "</ul>")
        # The search suggestions are shown with the Sources, always visible (not in a collapsed step).
    elif tool == "url_context":
        results = {str(r.get("url")): str(r.get("status") or "") for r in _list(block.result) if isinstance(r, dict)}
        urls = [str(u) for u in _list(args.get("urls"))] or list(results)
        rows = []
        for url in urls:
            status = results.get(url, "" if not block.has_result else "unknown")
            color = _STATUS_COLORS.get(status, theme.muted_color)
            words = _status_word(status, tr) if status else tr(QT_TRANSLATE_NOOP("Steps", "reading…"))
            rows.append(f'<tr><td>{_link(url)}</td><td style="color: {color};">{_esc(words)}</td></tr>')
        out.append('<table cellspacing="0" cellpadding="2">' + "".join(rows) + "</table>")
    elif tool == "code_execution":
        language = str(args.get("language") or "python")
        code = str(args.get("code") or "")
        if code:
            copy_word = tr(QT_TRANSLATE_NOOP("Steps", "Copy"))
            copy = f'&nbsp;&nbsp;<a href="{COPY_CODE_SCHEME}:0">{_esc(copy_word)}</a>' if copy_link else ""
            out.append(
                f'<p style="color: {theme.muted_color}; font-size: small; margin: 2px 0px 0px 0px;">'
                f"{_esc(language)}{copy}</p>"
            )
            out.append(_pre(highlight_code(code, language, theme.pygments_style), theme))
        if block.has_result:
            text = _output_text(block.result)
            out.append(
                _label(
                    tr(QT_TRANSLATE_NOOP("Steps", "Error"))
                    if block.is_error
                    else tr(QT_TRANSLATE_NOOP("Steps", "Output")),
                    theme,
                )
            )
            no_output = tr(QT_TRANSLATE_NOOP("Steps", "(no output)"))
            body = _esc(_cut(text)) if text else f"<i>{_esc(no_output)}</i>"
            out.append(_pre(body, theme, ERROR_COLOR if block.is_error else None))
    elif tool == "google_maps":
        queries = _list(args.get("queries"))
        if queries:
            out.append(_label(tr(QT_TRANSLATE_NOOP("Steps", "Queries")), theme))
            out.append("<ul>" + "".join(f"<li>{_esc(q)}</li>" for q in queries) + "</ul>")
        places = _places(block)
        if places:
            out.append(_label(tr(QT_TRANSLATE_NOOP("Steps", "Places")), theme))
            items = []
            for place in places:
                reviews = [r for r in _list(place.get("review_snippets")) if isinstance(r, dict)]
                extra = "".join(f"<br>“{_link(r.get('url'), r.get('title') or r.get('url'))}”" for r in reviews[:3])
                items.append(f"<li>{_link(place.get('url'), place.get('name') or place.get('place_id'))}{extra}</li>")
            out.append("<ul>" + "".join(items) + "</ul>")
    elif tool == "file_search":
        hits = [h for h in _list(block.result) if isinstance(h, dict)]
        if hits:
            items = []
            for hit in hits:
                name = (
                    hit.get("file_name")
                    or hit.get("title")
                    or hit.get("document_uri")
                    or tr(QT_TRANSLATE_NOOP("Steps", "document"))
                )
                page = (
                    tr(QT_TRANSLATE_NOOP("Steps", ", page {0}")).format(hit["page_number"])
                    if hit.get("page_number")
                    else ""
                )
                text = str(hit.get("text") or "")
                snippet = f'<br><span style="color: {theme.muted_color};">{_esc(text[:300])}</span>' if text else ""
                items.append(f"<li>{_esc(name)}{_esc(page)}{snippet}</li>")
            out.append("<ul>" + "".join(items) + "</ul>")
        elif block.has_result:
            out.append(
                _label(tr(QT_TRANSLATE_NOOP("Steps", "The file search returned its passages to the model.")), theme)
            )
    else:
        if args:
            out.append(_label(tr(QT_TRANSLATE_NOOP("Steps", "Arguments")), theme))
            out.append(_pre(_esc(json.dumps(args, ensure_ascii=False, indent=2)), theme))
        if block.has_result:
            out.append(
                _label(
                    tr(QT_TRANSLATE_NOOP("Steps", "Error"))
                    if block.is_error
                    else tr(QT_TRANSLATE_NOOP("Steps", "Result")),
                    theme,
                )
            )
            out.append(_pre(_esc(_cut(_output_text(block.result))), theme, ERROR_COLOR if block.is_error else None))
    return "\n".join(out) + "\n"


def _status_word(status: str, tr: Tr) -> str:
    words = {
        "success": tr(QT_TRANSLATE_NOOP("Steps", "read")),
        "error": tr(QT_TRANSLATE_NOOP("Steps", "error")),
        "paywall": tr(QT_TRANSLATE_NOOP("Steps", "paywall")),
        "unsafe": tr(QT_TRANSLATE_NOOP("Steps", "unsafe")),
    }
    return words.get(status, status)


def step_markdown(block: ToolBlock, tr: Tr = _same) -> str:
    """A step as Markdown: its title, then its details (queries, pages, code and output...)."""
    args = block.arguments or {}
    lines = [f"> **{_md_escape(step_title(block, tr))}**"]
    tool = block.tool
    body: list[str] = []
    if tool in ("google_search", "google_maps"):
        body += [f"- {q}" for q in _list(args.get("queries"))]
        body += [f"- {_md_link(p.get('url'), p.get('name'))}" for p in _places(block)]
    elif tool == "url_context":
        results = {str(r.get("url")): str(r.get("status") or "") for r in _list(block.result) if isinstance(r, dict)}
        for url in [str(u) for u in _list(args.get("urls"))] or list(results):
            body.append(f"- <{url}> — {_status_word(results.get(url, ''), tr)}")
    elif tool == "code_execution":
        fence = "```"
        body += [f"{fence}{args.get('language') or 'python'}", str(args.get("code") or ""), fence]
        if block.has_result:
            body += [
                "",
                tr(QT_TRANSLATE_NOOP("Steps", "Error:"))
                if block.is_error
                else tr(QT_TRANSLATE_NOOP("Steps", "Output:")),
                fence,
                _cut(_output_text(block.result)),
                fence,
            ]
    elif tool == "file_search":
        for hit in [h for h in _list(block.result) if isinstance(h, dict)]:
            body.append(f"- {hit.get('file_name') or hit.get('title') or hit.get('document_uri') or ''}")
    else:
        if args:
            body += ["```json", json.dumps(args, ensure_ascii=False, indent=2), "```"]
        if block.has_result:
            body += ["```", _cut(_output_text(block.result)), "```"]
    if body:
        lines.append(">")
        lines += [f"> {line}" if line else ">" for line in "\n".join(body).splitlines()]
    return "\n".join(lines) + "\n"


def _md_link(url: Any, text: Any) -> str:
    url = str(url or "")
    words = _md_escape(str(text or url))
    return f"[{words}]({url})" if is_web_url(url) else words
