"""Markdown and HTML export of a research task."""

from __future__ import annotations

from desktop.domain.research import ResearchTask, Source
from desktop.services.research.export import research_to_html, research_to_markdown


def _task() -> ResearchTask:
    task = ResearchTask.new("Compare <b>heat pumps</b>\nin cold climates", "deep-research-preview-04-2026")
    task.status = "completed"
    task.report = "# Heat pumps\n\nThey work at **-20 °C**.\n"
    task.sources = [Source("https://example.org/a", "Study A"), Source("javascript:alert(1)", "Bad")]
    task.usage = {"total_tokens": 12345}
    return task


def test_markdown_has_report_prompt_and_numbered_sources():
    text = research_to_markdown(_task())
    assert text.startswith("# Compare <b>heat pumps</b>")
    assert "> in cold climates" in text
    assert "They work at **-20 °C**." in text
    assert "1. [Study A](https://example.org/a)" in text
    assert "- **Tokens:** 12,345" in text


def test_html_is_escaped_standalone_and_links_only_web_sources():
    page = research_to_html(_task())
    assert page.startswith("<!DOCTYPE html>")
    assert "<title>Compare &lt;b&gt;heat pumps&lt;/b&gt;" in page
    assert "<strong>-20 °C</strong>" in page
    assert '<a href="https://example.org/a">Study A</a>' in page
    assert "javascript:" not in page
    assert "<script" not in page
