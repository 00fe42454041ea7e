"""The quick-ask window: a small, frameless, always-on-top prompt with the answer streaming below.

It only shows and emits: ``QuickAskController`` sends the prompt (as a new conversation) and feeds
the answer back. Enter asks, Shift+Enter is a new line, Ctrl+Enter (or "Open in app") moves the
exchange to the main window, Esc hides the window. Files dropped or pasted on it are attached.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMimeData, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QCursor, QGuiApplication, QImage, QKeyEvent, QPalette, QShowEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desktop.ui.attachments.drop_overlay import DropTarget
from desktop.ui.attachments.mime_input import read_mime
from desktop.ui.common.plain import plain_label
from desktop.ui.transcript.browser import TextBlock

# Width of the window, and the most lines the prompt grows to before it scrolls.
WINDOW_WIDTH = 640
PROMPT_MAX_LINES = 6
ANSWER_HEIGHT = 320
ANSWER_MIN_HEIGHT = 60
# Streamed text is rendered at most this often (ms).
RENDER_INTERVAL_MS = 60


class QuickPrompt(QPlainTextEdit):
    """The one-line prompt that grows with its text; pasted files and images become attachments.

    Signals:
        files_pasted: Local files were pasted (``list[Path]``).
        image_pasted: An image was pasted: (PNG bytes, file name).
    """

    files_pasted = Signal(list)
    image_pasted = Signal(bytes, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("quickAskPrompt")
        self.setAccessibleName(self.tr("Quick ask prompt"))
        self.setPlaceholderText(self.tr("Ask Gemini…  (Enter asks, Ctrl+Enter opens in the app, Esc hides)"))
        self.setTabChangesFocus(True)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.document().documentLayout().documentSizeChanged.connect(lambda _size: self._fit())
        self._fit()

    def _fit(self) -> None:
        """Grow from one line up to ``PROMPT_MAX_LINES`` lines."""
        line = self.fontMetrics().lineSpacing()
        wanted = max(1, int(self.document().size().height()))
        lines = min(PROMPT_MAX_LINES, wanted)
        margins = self.contentsMargins()
        frame = int(self.document().documentMargin() * 2) + margins.top() + margins.bottom() + 2
        self.setFixedHeight(lines * line + frame)
        self.setVerticalScrollBarPolicy(
            Qt.ScrollBarPolicy.ScrollBarAsNeeded if wanted > PROMPT_MAX_LINES else Qt.ScrollBarPolicy.ScrollBarAlwaysOff
        )

    def canInsertFromMimeData(self, source: QMimeData) -> bool:
        return source.hasUrls() or source.hasImage() or super().canInsertFromMimeData(source)

    def insertFromMimeData(self, source: QMimeData) -> None:
        content = read_mime(source, with_text=False)
        if content.files:
            self.files_pasted.emit(list(content.files))
            return
        if content.image is not None and not content.image.isNull():
            self.image_pasted.emit(png_bytes(content.image), "pasted-image.png")
            return
        super().insertFromMimeData(source)


def png_bytes(image: QImage) -> bytes:
    """``image`` encoded as PNG."""
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, b"PNG")
    buffer.close()
    return bytes(data.data())


class QuickAskWindow(QWidget):
    """The quick-ask window (see the module docstring).

    Signals:
        ask_requested: Send the prompt: (text, open in the app afterwards).
        open_requested: "Open in app" with nothing new to send.
        files_added: Files were dropped or pasted (``list[Path]``).
        image_added: An image was pasted or dropped: (PNG bytes, file name).
        attachment_remove_requested: Remove an attachment: its id.
    """

    ask_requested = Signal(str, bool)
    open_requested = Signal()
    files_added = Signal(list)
    image_added = Signal(bytes, str)
    attachment_remove_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            parent,
            Qt.WindowType.Tool | Qt.WindowType.FramelessWindowHint | Qt.WindowType.WindowStaysOnTopHint,
        )
        self.setObjectName("quickAskWindow")
        self.setAccessibleName(self.tr("Quick ask"))
        self.setWindowTitle(self.tr("Quick ask"))
        self.setFixedWidth(WINDOW_WIDTH)
        frame = QFrame(self)
        frame.setObjectName("quickAskFrame")
        frame.setFrameShape(QFrame.Shape.StyledPanel)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(frame)
        layout = QVBoxLayout(frame)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.setSpacing(8)

        self.prompt = QuickPrompt(frame)
        self.prompt.installEventFilter(self)
        self.prompt.files_pasted.connect(self.files_added)
        self.prompt.image_pasted.connect(self.image_added)
        layout.addWidget(self.prompt)

        self.attachments_label = QLabel(frame)
        self.attachments_label.setObjectName("quickAskAttachments")
        self.attachments_label.setAccessibleName(self.tr("Attached files"))
        self.attachments_label.setWordWrap(True)
        self.attachments_label.hide()
        layout.addWidget(self.attachments_label)

        self.question = QLabel(frame)
        self.question.setObjectName("quickAskQuestion")
        self.question.setAccessibleName(self.tr("Question asked"))
        self.question.setWordWrap(True)
        plain_label(self.question)
        self.question.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = self.question.font()
        font.setBold(True)
        self.question.setFont(font)
        self.question.hide()
        layout.addWidget(self.question)

        # The transcript's text block: the same renderer, safe links, "Copy" on code blocks.
        self.answer_area = QScrollArea(frame)
        self.answer_area.setObjectName("quickAskAnswerArea")
        self.answer_area.setWidgetResizable(True)
        self.answer_area.setFixedHeight(ANSWER_MIN_HEIGHT)
        self.answer_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # The text block is transparent: the answer sits on the text background, as in the transcript.
        self.answer_area.viewport().setBackgroundRole(QPalette.ColorRole.Base)
        self.answer_area.viewport().setAutoFillBackground(True)
        self.answer = TextBlock(self.answer_area, source=lambda: self._text)
        self.answer.setObjectName("quickAskAnswer")
        self.answer.setAccessibleName(self.tr("Quick ask answer"))
        self.answer_area.setWidget(self.answer)
        self.answer_area.hide()
        layout.addWidget(self.answer_area)

        row = QHBoxLayout()
        self.status = QLabel(frame)
        self.status.setObjectName("quickAskStatus")
        self.status.setAccessibleName(self.tr("Quick ask status"))
        self.status.setWordWrap(True)
        row.addWidget(self.status, 1)
        self.open_button = QPushButton(self.tr("Open in app"), frame)
        self.open_button.setObjectName("quickAskOpenButton")
        self.open_button.setAccessibleName(self.tr("Open in app"))
        self.open_button.setToolTip(self.tr("Continue this exchange in the main window (Ctrl+Enter)"))
        self.open_button.clicked.connect(self._open_in_app)
        row.addWidget(self.open_button)
        layout.addLayout(row)

        self.drop_target = DropTarget(frame)
        self.drop_target.files_dropped.connect(self.files_added)
        self.drop_target.image_dropped.connect(lambda image: self.image_added.emit(png_bytes(image), "image.png"))
        self.drop_target.urls_rejected.connect(lambda _urls, message: self.status.setText(message))

        self._text = ""
        self._attachments: dict[str, str] = {}
        self._render_timer = QTimer(self)
        self._render_timer.setSingleShot(True)
        self._render_timer.setInterval(RENDER_INTERVAL_MS)
        self._render_timer.timeout.connect(self._render)
        self.adjustSize()

    # -- showing ------------------------------------------------------------------------------------
    def present(self) -> None:
        """Show the window centred on the screen with the pointer, focused on the prompt."""
        self.adjustSize()
        screen = QGuiApplication.screenAt(QCursor.pos()) or QGuiApplication.primaryScreen()
        if screen is not None:
            area = screen.availableGeometry()
            # A little above the middle: the answer grows downwards.
            x = area.x() + (area.width() - self.width()) // 2
            y = area.y() + max(0, (area.height() - self.height()) // 3)
            self.move(x, y)
        self.show()
        self.raise_()
        self.activateWindow()
        self.prompt.setFocus(Qt.FocusReason.ActiveWindowFocusReason)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.prompt.setFocus(Qt.FocusReason.ActiveWindowFocusReason)

    def eventFilter(self, watched: QObject, event: object) -> bool:
        if watched is self.prompt and isinstance(event, QKeyEvent) and event.type() == QKeyEvent.Type.KeyPress:
            return self._prompt_key(event)
        return super().eventFilter(watched, event)  # type: ignore[arg-type]

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.hide()
            return
        super().keyPressEvent(event)

    def _prompt_key(self, event: QKeyEvent) -> bool:
        key, mods = event.key(), event.modifiers()
        if key == Qt.Key.Key_Escape:
            self.hide()
            return True
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if mods & Qt.KeyboardModifier.ShiftModifier:
                return False  # a new line
            if mods & Qt.KeyboardModifier.ControlModifier:
                self._open_in_app()
            else:
                self._ask(open_in_app=False)
            return True
        return False

    def _ask(self, *, open_in_app: bool) -> None:
        text = self.prompt.toPlainText().strip()
        if not text and not self._attachments:
            return
        self.ask_requested.emit(text, open_in_app)

    def _open_in_app(self) -> None:
        if self.prompt.toPlainText().strip() or self._attachments:
            self._ask(open_in_app=True)
        else:
            self.open_requested.emit()

    # -- from the controller ----------------------------------------------------------------------
    def on_started(self, _conversation_id: str) -> None:
        """The prompt was sent: clear it and show the answer area."""
        self._text = ""
        self.answer.clear()
        self.answer_area.setFixedHeight(ANSWER_MIN_HEIGHT)
        self.question.setText(self.prompt.toPlainText().strip())
        self.question.setVisible(bool(self.question.text()))
        self.answer_area.show()
        self.status.setText(self.tr("Answering…"))
        self.prompt.clear()
        self.adjustSize()

    def on_text_received(self, text: str) -> None:
        """A piece of the answer (rendered as Markdown, a few times a second)."""
        self._text += text
        if not self._render_timer.isActive():
            self._render_timer.start()

    def on_finished(self, status: str) -> None:
        """The answer ended."""
        self._render()
        texts = {
            "completed": "",
            "stopped": self.tr("Stopped."),
            "incomplete": self.tr("The answer was cut off; continue it in the app."),
        }
        if status in texts:
            self.status.setText(texts[status])

    def on_failed(self, message: str) -> None:
        """Say why the prompt could not be answered (the prompt stays in the box)."""
        self.status.setText(message)

    def on_attachment_added(self, attachment: object) -> None:
        """An attachment joined the prompt (shown by name)."""
        self._attachments[str(getattr(attachment, "id", id(attachment)))] = str(getattr(attachment, "name", ""))
        self._show_attachments()

    def on_attachment_removed(self, attachment_id: str) -> None:
        """An attachment left the prompt (sent, or removed)."""
        self._attachments.pop(attachment_id, None)
        self._show_attachments()

    def answer_text(self) -> str:
        """The answer's text so far (Markdown source)."""
        return self._text

    # -- internals --------------------------------------------------------------------------------
    def _render(self) -> None:
        from desktop.render.markdown import render_markdown

        self._render_timer.stop()
        bar = self.answer_area.verticalScrollBar()
        at_end = bar.value() >= bar.maximum() - 4
        self.answer.setHtml(render_markdown(self._text))
        needed = self.answer.fit_height() + 2 * self.answer_area.frameWidth()
        # The window grows with the answer up to ANSWER_HEIGHT; after that the answer scrolls.
        if needed != self.answer_area.height() and self.answer_area.height() < ANSWER_HEIGHT:
            self.answer_area.setFixedHeight(min(ANSWER_HEIGHT, max(ANSWER_MIN_HEIGHT, needed)))
            self.adjustSize()
        if at_end:
            QTimer.singleShot(0, self, lambda: bar.setValue(bar.maximum()))

    def _show_attachments(self) -> None:
        names = [name for name in self._attachments.values() if name]
        self.attachments_label.setVisible(bool(names))
        self.attachments_label.setText(self.tr("Attached: {0}").format(", ".join(names)))
        self.adjustSize()


def paths_of(items: list[object]) -> list[Path]:
    """``items`` as paths (signal payloads arrive as a plain list)."""
    return [Path(str(item)) for item in items]
