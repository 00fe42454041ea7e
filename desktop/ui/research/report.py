"""A task's report: the Markdown rendered, images, numbered clickable sources, and usage.

While the report grows, formulas show as their LaTeX source (typesetting at every update would
cost the GUI thread). Once the task has ended, the report is rendered again with its formulas
typeset, in the shared renderer process (``desktop.render.cache``), and swapped in when ready.
"""

from __future__ import annotations

import html
from collections.abc import Hashable
from typing import Any

from PySide6.QtCore import QEvent, QMimeData, QTimer, QUrl, Signal
from PySide6.QtGui import QImage, QTextDocument
from PySide6.QtWidgets import QTextBrowser, QWidget

from desktop.domain.research import ResearchTask
from desktop.render.cache import BackgroundRenderer, HtmlCache
from desktop.render.math_syntax import may_have_math
from desktop.render.theme import RenderTheme
from desktop.ui.common import external
from desktop.ui.common.palette import render_theme_for
from desktop.ui.transcript.browser import NoFetchDocument, formula_source_mime, prepare_formula_images


def open_url(url: QUrl) -> bool:
    """Open a web link in the browser (replaceable in tests). Only http and https are opened."""
    if url.scheme().lower() not in ("http", "https"):
        return False
    return external.open_url(url)


class ResearchReport(QTextBrowser):
    """Renders a task's report; re-renders at most a few times a second while it grows.

    Signals:
        typeset_ready: The typeset rendering of an ended report is ready (emitted on the
            renderer's thread; the connection is queued).
    """

    MEDIA_SCHEME = "research-media"

    typeset_ready = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # Loads only what it was given, and the typeset formulas' SVG (``data:`` URIs).
        self.setDocument(NoFetchDocument(self))
        self._typeset_cache = HtmlCache(max_chars=4_000_000)
        self._renderer: BackgroundRenderer | None = None
        self.typeset_ready.connect(self._on_typeset_ready)
        self.setObjectName("researchReport")
        self.setAccessibleName(self.tr("Research report"))
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.anchorClicked.connect(self.on_link)
        self._task: ResearchTask | None = None
        self._media: list[Any] = []
        self._rendered_key: tuple[Any, ...] | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(250)
        self._timer.timeout.connect(self.render_now)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self.render_now()  # rendered again only if the render theme changed (it is in the key)

    def show_task(self, task: ResearchTask | None, media: list[Any] | None = None) -> None:
        """Show another task (rendered at once)."""
        self._task = task
        self._media = list(media or [])
        self._rendered_key = None
        self.render_now()

    def add_media(self, media: list[Any]) -> None:
        """Images arrived for the shown task."""
        self._media.extend(media)
        self.schedule()

    def schedule(self) -> None:
        """Render soon (coalesces the many small changes of a growing report)."""
        if not self._timer.isActive():
            self._timer.start()

    def render_now(self) -> None:
        """Render the shown task now (skipped when nothing changed)."""
        self._timer.stop()
        task = self._task
        key = (
            None
            if task is None
            else (
                task.id,
                len(task.report),
                len(task.sources),
                task.status,
                str(task.usage),
                len(self._media),
                render_theme_for(self).name,
            )
        )
        if key == self._rendered_key and key is not None:
            return
        self._rendered_key = key
        bar = self.verticalScrollBar()
        position = bar.value()
        self.setHtml(self._html(task))
        bar.setValue(position)

    def _html(self, task: ResearchTask | None) -> str:
        from desktop.render import render_markdown  # light, but not needed before the first report

        if task is None:
            return ""
        theme = render_theme_for(self)
        parts: list[str] = []
        if task.report.strip():
            parts.append(self._typeset(task, theme) or render_markdown(task.report, theme=theme, typeset_math=False))
        elif task.is_terminal:
            parts.append(f"<p><i>{html.escape(self.tr('This research produced no report.'))}</i></p>")
        else:
            parts.append(f"<p><i>{html.escape(self.tr('The report appears here when the agent writes it.'))}</i></p>")
        document = self.document()
        for n, item in enumerate(self._media):
            name = QUrl(f"{self.MEDIA_SCHEME}:{n}")
            image = QImage.fromData(item.data)
            if image.isNull():
                continue
            document.addResource(QTextDocument.ResourceType.ImageResource, name, image)
            width = min(image.width(), 640)
            parts.append(f'<p><img src="{name.toString()}" width="{width}"></p>')
        if task.sources:
            parts.append(f"<hr><h3>{html.escape(self.tr('Cited sources'))}</h3><ol>")
            for source in task.sources:
                label = html.escape(source.title or source.url)
                url = source.url
                if url.lower().startswith(("http://", "https://")):
                    parts.append(f'<li><a href="{html.escape(url)}">{label}</a></li>')
                else:
                    parts.append(f"<li>{label}</li>")
            parts.append("</ol>")
        if task.usage and task.usage.get("total_tokens"):
            usage = task.usage
            text = self.tr("Usage: {0} tokens ({1} input, {2} output, {3} thinking)").format(
                f"{int(usage.get('total_tokens') or 0):,}",
                f"{int(usage.get('input_tokens') or 0):,}",
                f"{int(usage.get('output_tokens') or 0):,}",
                f"{int(usage.get('thought_tokens') or 0):,}",
            )
            parts.append(f'<p style="color:{theme.muted_color}">{html.escape(text)}</p>')
        return "\n".join(parts)

    def _typeset(self, task: ResearchTask, theme: RenderTheme) -> str | None:
        """The report with its formulas typeset, once the task has ended and that rendering is ready;
        None meanwhile (asked for here) and for a report without math or still being written."""
        if not task.is_terminal or not may_have_math(task.report):
            return None
        key: Hashable = ("report", task.id, task.report, theme.name)
        html = self._typeset_cache.get(key)
        if html is None:
            renderer = self._renderer
            if renderer is None:
                renderer = self._renderer = BackgroundRenderer(self._typeset_cache)
                self.destroyed.connect(lambda *_: renderer.shutdown())
            renderer.theme = theme
            ratio = self.devicePixelRatioF()
            ready = self.typeset_ready

            def done(_key: Hashable, html: str) -> None:
                # On the renderer's thread: the formulas are drawn here, not on the GUI thread.
                prepare_formula_images(html, ratio)
                ready.emit()

            renderer.request(key, task.report, done)
        return html

    def _on_typeset_ready(self) -> None:
        self._rendered_key = None
        self.render_now()

    def createMimeDataFromSelection(self) -> QMimeData:  # noqa: N802 - Qt override
        """Copy and drag: typeset formulas as their LaTeX source in the plain text."""
        return formula_source_mime(super().createMimeDataFromSelection(), self.textCursor())

    def on_link(self, url: QUrl) -> None:
        """A link was clicked: web links open in the browser; anything else is ignored."""
        open_url(url)
