"""Export of research reports as Markdown or as a standalone HTML page (no Qt).

Both carry the report, its numbered sources and the run's facts (prompt, agent, status, usage),
so the file stands on its own outside the app.
"""

from __future__ import annotations

import html
import json
import time

from desktop.domain.research import ResearchTask
from desktop.domain.steps import ToolBlock, tool_block_from_dict
from desktop.render import render_markdown
from desktop.render.steps import step_html, step_markdown, step_title


def _tool_steps(task: ResearchTask) -> list[ToolBlock]:
    """The tool steps of the run's timeline (code that ran, places, file hits...), in order."""
    blocks = []
    for entry in task.timeline:
        if entry.kind != "step":
            continue
        try:
            data = json.loads(entry.text)
        except ValueError:
            continue
        if isinstance(data, dict):
            blocks.append(tool_block_from_dict(data))
    return blocks


def _when(ts: float | None) -> str:
    return time.strftime("%Y-%m-%d %H:%M", time.localtime(ts)) if ts else ""


def _facts(task: ResearchTask) -> list[tuple[str, str]]:
    facts = [("Agent", task.agent), ("Status", task.status.replace("_", " ")), ("Started", _when(task.created_at))]
    if task.finished_at:
        facts.append(("Finished", _when(task.finished_at)))
    if task.usage and task.usage.get("total_tokens"):
        facts.append(("Tokens", f"{int(task.usage['total_tokens']):,}"))
    if task.interaction_id:
        facts.append(("Interaction", task.interaction_id))
    return facts


def research_to_markdown(task: ResearchTask) -> str:
    """The task as a Markdown document: title, facts, prompt, report, numbered sources."""
    lines = [f"# {task.title}", ""]
    lines += [f"- **{name}:** {value}" for name, value in _facts(task)]
    lines += ["", "## Prompt", "", *(f"> {line}" if line else ">" for line in task.prompt.splitlines()), ""]
    if task.error:
        lines += ["## Error", "", task.error, ""]
    steps = _tool_steps(task)
    if steps:
        lines += ["## Tool steps", ""]
        for block in steps:
            lines += [step_markdown(block), ""]
    lines += ["## Report", "", task.report.strip() or "_No report._", ""]
    if task.sources:
        lines += ["## Sources", ""]
        lines += [f"{n}. [{s.title or s.url}]({s.url})" for n, s in enumerate(task.sources, start=1)]
        lines.append("")
    return "\n".join(lines)


def research_to_html(task: ResearchTask) -> str:
    """The task as a standalone, script-free HTML page."""
    esc = html.escape
    facts = "".join(f"<li><b>{esc(name)}:</b> {esc(value)}</li>" for name, value in _facts(task))
    prompt = esc(task.prompt).replace("\n", "<br>")
    parts = [
        "<!DOCTYPE html>",
        '<html><head><meta charset="utf-8">',
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">",
        f"<title>{esc(task.title)}</title>",
        "<style>body{font-family:sans-serif;max-width:50em;margin:2em auto;line-height:1.5;padding:0 1em}"
        "blockquote{color:#555;border-left:3px solid #ccc;margin-left:0;padding-left:1em}</style>",
        "</head><body>",
        f"<h1>{esc(task.title)}</h1>",
        f"<ul>{facts}</ul>",
        f"<h2>Prompt</h2><blockquote>{prompt}</blockquote>",
    ]
    if task.error:
        parts.append(f"<h2>Error</h2><p>{esc(task.error)}</p>")
    steps = _tool_steps(task)
    if steps:
        parts.append("<h2>Tool steps</h2>")
        parts += [f"<details><summary>{esc(step_title(b))}</summary>{step_html(b)}</details>" for b in steps]
    parts.append("<h2>Report</h2>")
    parts.append(
        render_markdown(task.report, typeset_math=False) if task.report.strip() else "<p><i>No report.</i></p>"
    )
    if task.sources:
        items = "".join(
            f'<li><a href="{esc(s.url)}">{esc(s.title or s.url)}</a></li>'
            for s in task.sources
            if s.url.lower().startswith(("http://", "https://"))
        )
        parts.append(f"<h2>Sources</h2><ol>{items}</ol>")
    parts.append("</body></html>")
    return "\n".join(parts)
