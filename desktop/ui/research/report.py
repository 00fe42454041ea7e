"""A task's report: the Markdown rendered, images, numbered clickable sources, and usage."""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtCore import QEvent, QTimer, QUrl
from PySide6.QtGui import QImage, QTextDocument
from PySide6.QtWidgets import QTextBrowser, QWidget

from desktop.domain.research import ResearchTask
from desktop.ui.common import external
from desktop.ui.common.palette import render_theme_for


def open_url(url: QUrl) -> bool:
    """Open a web link in the browser (replaceable in tests). Only http and https are opened."""
    if url.scheme().lower() not in ("http", "https"):
        return False
    return external.open_url(url)


class ResearchReport(QTextBrowser):
    """Renders a task's report; re-renders at most a few times a second while it grows."""

    MEDIA_SCHEME = "research-media"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
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
            # Formulas as source: drawing them here would cost the GUI thread at every update.
            parts.append(render_markdown(task.report, theme=theme, typeset_math=False))
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

    def on_link(self, url: QUrl) -> None:
        """A link was clicked: web links open in the browser; anything else is ignored."""
        open_url(url)
