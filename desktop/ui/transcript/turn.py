"""One turn in the transcript: the prompt and its attachments, the thoughts (collapsed), the answer
with its images, and its footer.

Header lines show who, when and which model; the footer shows token usage, how the turn ended,
errors with Retry, "Fetch the rest" for an interrupted answer, and the ‹ 1/2 › switcher between
alternative answers. The widget only shows a ``Turn`` and emits what the user asked for.
"""

from __future__ import annotations

import datetime as dt
from collections import OrderedDict
from collections.abc import Callable, Sequence

from PySide6.QtCore import QCoreApplication, Qt, QUrl, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QToolButton, QVBoxLayout, QWidget

from desktop.domain.conversation import BlobPart, Turn, TurnStatus
from desktop.domain.steps import (
    Block,
    CitedAnswer,
    ToolBlock,
    cite,
    marked_text,
    search_suggestions,
    text_of,
    tool_blocks,
)
from desktop.errors import StorageError
from desktop.render import render_markdown, render_plain
from desktop.render.cache import HtmlCache
from desktop.render.math_syntax import may_have_math
from desktop.render.steps import SOURCE_SCHEME, link_markers, marker_placeholder, strip_markers
from desktop.render.theme import RenderTheme
from desktop.services.conversation.chat_turn import parse_not_saved_note
from desktop.ui.common.palette import dim_text, error_color, refresh_dimmed, render_theme_for, text_color
from desktop.ui.common.plain import plain_label
from desktop.ui.common.translation import translate_error_text
from desktop.ui.transcript.approval import FunctionCallsView
from desktop.ui.transcript.browser import StreamingBlock, TextBlock
from desktop.ui.transcript.json_answer import JsonAnswerView
from desktop.ui.transcript.media import BlobPaths, MediaStrip
from desktop.ui.transcript.steps import SourcesView, StepsPanel


def _when(timestamp: float) -> str:
    if not timestamp:
        return ""
    moment = dt.datetime.fromtimestamp(timestamp)
    if moment.date() == dt.date.today():
        return moment.strftime("%H:%M")
    return moment.strftime("%Y-%m-%d %H:%M")


def _small_button(text: str, name: str, accessible: str, parent: QWidget) -> QToolButton:
    button = QToolButton(parent)
    button.setText(text)
    button.setObjectName(name)
    button.setAccessibleName(accessible)
    button.setAutoRaise(True)
    button.setCursor(Qt.CursorShape.PointingHandCursor)
    return button


# Longer answers are rendered on the background renderer's thread, not while scrolling.
SYNC_RENDER_CHARS = 3000
# Still longer answers with citation markers are rendered a few blocks per event-loop turn: showing
# their whole HTML at once takes Qt hundreds of milliseconds (measured: ~400 ms for 60,000 characters).
SLICED_RENDER_CHARS = 16_000


def renders_quickly(text: str) -> bool:
    """Short prose renders in a few ms; code does not (Pygments loads a lexer module on first use),
    nor does math (each formula is drawn, 2-7 ms)."""
    return len(text) <= SYNC_RENDER_CHARS and "```" not in text and "~~~" not in text and not may_have_math(text)


def answer_key(turn: Turn, theme: RenderTheme) -> str:
    """The cache key of a finished answer's HTML in ``theme``."""
    return f"a:{theme.name}:{turn.id}:{len(turn.answer_text)}"


# Blocks and citations derived per turn version, kept for the most recent few.
_DERIVED_KEEP = 64
_DERIVED: OrderedDict[tuple[str, int, int, float], tuple[list[Block], CitedAnswer]] = OrderedDict()
_NOTHING = CitedAnswer((), ())


def derived(turn: Turn) -> tuple[list[Block], CitedAnswer]:
    """``turn.blocks`` and their numbered sources, remembered for the last few turns shown (a turn
    reopened or updated without new steps is not parsed again)."""
    if not turn.steps:
        return [], _NOTHING
    key = (turn.id, len(turn.steps), len(turn.answer_text), turn.updated_at)
    found = _DERIVED.get(key)
    if found is None:
        blocks = turn.blocks
        found = _DERIVED[key] = (blocks, cite(blocks))
        while len(_DERIVED) > _DERIVED_KEEP:
            _DERIVED.popitem(last=False)
    else:
        _DERIVED.move_to_end(key)
    return found


def is_cited_key(key: str) -> bool:
    """Whether an answer's cache key is that of its text with citation markers."""
    return ":c" in key


def answer_source(turn: Turn, theme: RenderTheme) -> tuple[str, str]:
    """(cache key, Markdown) of a finished answer: with citation markers when it cites sources.

    Markers need the saved steps to hold exactly the text shown; otherwise the plain text is used.
    """
    if not turn.steps:
        return answer_key(turn, theme), turn.answer_text
    blocks, cited = derived(turn)
    if not cited.marker_count or text_of(blocks) != turn.answer_text:
        return answer_key(turn, theme), turn.answer_text
    return f"{answer_key(turn, theme)}:c{cited.marker_count}", marked_text(blocks, cited, marker_placeholder)


class TurnWidget(QWidget):
    """Shows one ``Turn``; ``update_turn`` refreshes it, ``append_text`` streams into it.

    Signals:
        retry_requested: Retry this turn: its id.
        edit_requested: Edit this turn's prompt and resend: its id.
        regenerate_requested: A new answer to the same prompt: the turn id.
        switch_requested: Show another alternative: (turn id, -1 or +1).
        fetch_requested: Fetch an interrupted answer from the server: the turn id.
        continue_requested: Continue a cut-off answer (chained on its interaction, appended to it): the turn id.
        media_open_requested: Open an attachment or generated image (``BlobPart``).
        edit_image_requested: "Edit this image": put a generated image into the composer (``BlobPart``).
        height_changed: The widget's height may have changed.
        call_decided: The user answered an approval card: (turn id, call id, ``allow``/``always``/``deny``).
    """

    retry_requested = Signal(str)
    edit_requested = Signal(str)
    regenerate_requested = Signal(str)
    switch_requested = Signal(str, int)
    fetch_requested = Signal(str)
    continue_requested = Signal(str)
    media_open_requested = Signal(object)
    edit_image_requested = Signal(object)
    height_changed = Signal()
    call_decided = Signal(str, str, str)

    def __init__(
        self,
        turn: Turn,
        branch: tuple[int, int] = (0, 1),
        *,
        html_cache: HtmlCache | None = None,
        request_render: Callable[[str, str], None] | None = None,
        blob_paths: BlobPaths | None = None,
        theme: RenderTheme | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("turnWidget")
        self.turn = turn
        self.theme = theme if theme is not None else render_theme_for(self)
        self._cache = html_cache if html_cache is not None else HtmlCache()
        self._request_render = request_render
        # key -> the block waiting for that key's HTML from the background renderer.
        self._pending: dict[str, TextBlock] = {}
        self._streaming = False
        self._answer_started = False
        self._shown_answer: str | None = None
        self._thoughts_text = ""

        self.prompt_header = QLabel(self)
        self.prompt_header.setObjectName("promptHeader")
        self.edit_button = _small_button(self.tr("Edit"), "editButton", self.tr("Edit and resend this prompt"), self)
        self.prompt_view = TextBlock(self, source=lambda: self.turn.prompt_text)
        self.prompt_view.setObjectName("promptView")
        self.prompt_view.setAccessibleName(self.tr("Your prompt"))
        self.prompt_media = MediaStrip(large=False, parent=self)
        self.prompt_media.setAccessibleName(self.tr("Your attachments"))

        self.answer_header = QLabel(self)
        self.answer_header.setObjectName("answerHeader")
        self.prev_button = _small_button("‹", "previousBranchButton", self.tr("Previous alternative"), self)
        self.branch_label = QLabel(self)
        self.branch_label.setObjectName("branchLabel")
        self.next_button = _small_button("›", "nextBranchButton", self.tr("Next alternative"), self)
        self.regenerate_button = _small_button(
            self.tr("Regenerate"), "regenerateButton", self.tr("Write a new answer to this prompt"), self
        )
        # The accessible name is exact and not translated: it is part of the interface (like the tools').
        self.continue_button = _small_button(self.tr("Continue"), "continueButton", "Continue", self)
        self.continue_button.setToolTip(self.tr("Ask the model to go on from where the answer was cut off"))
        self.continue_button.setAccessibleDescription(self.tr("The answer was cut off; continue it"))
        self.thoughts_button = _small_button("", "thoughtsToggle", self.tr("Show or hide the thoughts"), self)
        self.thoughts_button.setCheckable(True)
        self.thoughts_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.thoughts_button.setArrowType(Qt.ArrowType.RightArrow)
        self.thoughts_view = StreamingBlock(self)
        self.thoughts_view.setObjectName("thoughtsView")
        self.thoughts_view.setAccessibleName(self.tr("Thoughts"))
        self.thoughts_view.setVisible(False)
        self.thoughts_view.setViewportMargins(14, 0, 0, 0)
        self.answer_view = StreamingBlock(self)
        self.answer_view.setObjectName("answerView")
        self.answer_view.theme = self.thoughts_view.theme = self.theme
        self.answer_view.setAccessibleName(self.tr("Answer"))
        self.steps_panel = StepsPanel(self)
        self.sources_view = SourcesView(self)
        self.answer_media = MediaStrip(large=True, parent=self)
        self.answer_media.setAccessibleName(self.tr("Images in the answer"))
        for strip in (self.prompt_media, self.answer_media):
            strip.set_blob_paths(blob_paths)
            strip.open_requested.connect(self.media_open_requested)
            strip.edit_requested.connect(self.edit_image_requested)
            strip.height_changed.connect(self.height_changed)

        self.status_label = QLabel(self)
        self.status_label.setObjectName("turnStatusLabel")
        self.status_label.setAccessibleName(self.tr("How the answer ended"))
        self.status_label.setWordWrap(True)
        self.status_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        # Server messages are shown as they are: markup in them must not be rendered.
        plain_label(self.status_label)
        self.retry_button = QPushButton(self.tr("Retry"), self)
        self.retry_button.setObjectName("retryButton")
        self.retry_button.setAccessibleName(self.tr("Retry this turn"))
        self.footer_edit_button = QPushButton(self.tr("Edit"), self)
        self.footer_edit_button.setObjectName("footerEditButton")
        self.footer_edit_button.setAccessibleName(self.tr("Edit the prompt and send it again"))
        self.fetch_button = QPushButton(self.tr("Fetch the rest"), self)
        self.fetch_button.setObjectName("fetchRestButton")
        self.fetch_button.setAccessibleName(self.tr("Fetch the rest of the answer from the server"))
        self.usage_label = QLabel(self)
        self.usage_label.setObjectName("usageLabel")
        self.note_label = QLabel(self)
        self.note_label.setObjectName("turnNote")
        self.note_label.setWordWrap(True)
        plain_label(self.note_label)
        for label in (self.prompt_header, self.answer_header, self.usage_label, self.note_label, self.branch_label):
            dim_text(label)

        # Structured output (JSON mode): built on first use, below the answer.
        self.json_view: JsonAnswerView | None = None

        # One approval card per function call (built when the first call arrives).
        self.calls_view = FunctionCallsView(self)
        self.calls_view.setVisible(False)
        self.calls_view.decided.connect(
            lambda call_id, decision: self.call_decided.emit(self.turn.id, call_id, decision)
        )
        self.calls_view.height_changed.connect(self.height_changed)
        self._build_layout()
        self.edit_button.clicked.connect(lambda: self.edit_requested.emit(self.turn.id))
        self.regenerate_button.clicked.connect(lambda: self.regenerate_requested.emit(self.turn.id))
        self.retry_button.clicked.connect(lambda: self.retry_requested.emit(self.turn.id))
        self.fetch_button.clicked.connect(lambda: self.fetch_requested.emit(self.turn.id))
        self.continue_button.clicked.connect(lambda: self.continue_requested.emit(self.turn.id))
        self.footer_edit_button.clicked.connect(lambda: self.edit_requested.emit(self.turn.id))
        self.prev_button.clicked.connect(lambda: self.switch_requested.emit(self.turn.id, -1))
        self.next_button.clicked.connect(lambda: self.switch_requested.emit(self.turn.id, 1))
        self.thoughts_button.toggled.connect(self._toggle_thoughts)
        for block in (self.prompt_view, self.thoughts_view, self.answer_view, self.sources_view):
            block.height_changed.connect(self.height_changed)
        self.steps_panel.height_changed.connect(self.height_changed)
        self.answer_view.anchorClicked.connect(self.on_answer_link)
        self.set_branch(branch)
        self.update_turn(turn)

    def _build_layout(self) -> None:
        top = QHBoxLayout()
        top.addWidget(self.prompt_header)
        top.addStretch(1)
        top.addWidget(self.edit_button)
        answer_top = QHBoxLayout()
        answer_top.addWidget(self.answer_header)
        answer_top.addStretch(1)
        for w in (self.prev_button, self.branch_label, self.next_button, self.continue_button, self.regenerate_button):
            answer_top.addWidget(w)
        footer = QHBoxLayout()
        footer.addWidget(self.status_label, 1)
        footer.addWidget(self.fetch_button)
        footer.addWidget(self.retry_button)
        footer.addWidget(self.footer_edit_button)
        footer.addWidget(self.usage_label)
        layout = QVBoxLayout(self)
        self.content_layout = layout  # typed, unlike layout() (which may be None for a widget)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.setSpacing(2)
        layout.addLayout(top)
        layout.addWidget(self.prompt_view)
        layout.addWidget(self.prompt_media)
        layout.addSpacing(6)
        layout.addLayout(answer_top)
        layout.addWidget(self.thoughts_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.thoughts_view)
        layout.addWidget(self.steps_panel)
        layout.addWidget(self.calls_view)
        layout.addWidget(self.answer_view)
        layout.addWidget(self.sources_view)
        layout.addWidget(self.answer_media)
        layout.addLayout(footer)
        layout.addWidget(self.note_label)

    # -- content ---------------------------------------------------------------------------------
    def set_branch(self, branch: tuple[int, int]) -> None:
        """Show the ‹ position/count › switcher when there are alternatives."""
        index, count = branch
        many = count > 1
        for w in (self.prev_button, self.branch_label, self.next_button):
            w.setVisible(many)
        self.branch_label.setText(f"{index + 1}/{count}")
        self.prev_button.setEnabled(index > 0)
        self.next_button.setEnabled(index < count - 1)

    def update_turn(self, turn: Turn) -> None:
        """Show ``turn`` as it is now (a full re-render of the answer unless it is streaming)."""
        self.turn = turn
        active = turn.status.is_active
        self.prompt_header.setText(self.tr("You · {0}").format(_when(turn.created_at)))
        self.answer_header.setText(
            self.tr("Gemini · {0} · {1}").format(turn.model, _when(turn.updated_at or turn.created_at))
        )
        self.prompt_view.setVisible(bool(turn.prompt_text))
        if self.prompt_view.document().isEmpty():
            self._set_html(self.prompt_view, "p:" + turn.id, lambda: render_plain(turn.prompt_text), turn.prompt)
        if active:
            if not self._streaming:
                self._streaming = True
                self._answer_started = bool(turn.answer_text)
                self._restart_stream(self.answer_view, turn.answer_text)
                self._restart_stream(self.thoughts_view, turn.thoughts)
                self._thoughts_text = turn.thoughts
        elif self._streaming:
            self._streaming = False
            self.answer_view.finish()
            self.thoughts_view.finish()
            key, source = answer_source(turn, self.theme)
            if (
                self.answer_view.text != turn.answer_text
                or self.thoughts_view.text != turn.thoughts
                or key != answer_key(turn, self.theme)
            ):
                self._show_final(turn, (key, source))
            elif may_have_math(turn.answer_text):
                # Streamed formulas showed as source: typeset them now, off the GUI thread, and
                # keep the streamed rendering until the typeset one is ready.
                self._set_markdown(self.answer_view, key, source, keep_shown=True)
                self.answer_view.set_source_provider(lambda: self.turn.answer_text)
            self._shown_answer = source
        else:
            shown = answer_source(turn, self.theme)
            if self._shown_answer != shown[1] or self.answer_view.document().isEmpty():
                self._show_final(turn, shown)
        self._show_steps(turn)
        self._show_media(turn)
        if turn.tool_calls:
            self.calls_view.show_calls(turn.tool_calls)
        self._update_json()
        self._update_thoughts_button()
        self._update_footer()
        self.regenerate_button.setEnabled(not active)
        self.continue_button.setEnabled(not active)
        self.edit_button.setEnabled(not active)
        self.height_changed.emit()

    # -- structured output -----------------------------------------------------------------------
    def _update_json(self) -> None:
        """A finished answer asked as JSON (``turn.output_schema``) is shown checked against its schema."""
        turn = self.turn
        schema = turn.output_schema
        wanted = schema is not None and not turn.status.is_active and bool(turn.answer_text.strip())
        if wanted and self.json_view is None:
            self.json_view = JsonAnswerView(self)
            self.json_view.height_changed.connect(self.height_changed)
            layout = self.content_layout
            layout.insertWidget(layout.indexOf(self.answer_view) + 1, self.json_view)
        if self.json_view is None:
            return
        self.json_view.setVisible(wanted)
        parsed = wanted and self.json_view.show_answer(turn.answer_text, schema or None).parsed
        # Text that is not JSON stays readable as prose under the mark.
        self.answer_view.setVisible(not parsed)

    def _restart_stream(self, block: StreamingBlock, text: str) -> None:
        block.restart(text, self.theme)

    def set_theme(self, theme: RenderTheme) -> None:
        """Show the turn in another render theme (the colour scheme changed): everything re-rendered."""
        if theme == self.theme:
            return
        self.theme = theme
        if self._streaming:
            self._restart_stream(self.answer_view, self.answer_view.text)
            self._restart_stream(self.thoughts_view, self.thoughts_view.text)
        else:
            self.answer_view.theme = self.thoughts_view.theme = theme
            if self._shown_answer is not None:
                self._show_final(self.turn)
        refresh_dimmed(self)
        self._update_footer()
        if self.json_view is not None:
            self.json_view.refresh_colors()
        self.height_changed.emit()

    def _show_final(self, turn: Turn, shown: tuple[str, str] | None = None) -> None:
        key, source = shown or answer_source(turn, self.theme)
        self._shown_answer = source
        self._set_markdown(self.answer_view, key, source)
        self.answer_view.set_source_provider(lambda: self.turn.answer_text)
        self._thoughts_text = turn.thoughts
        if turn.thoughts:
            key = f"t:{self.theme.name}:{turn.id}:{len(turn.thoughts)}"
            self._set_markdown(self.thoughts_view, key, turn.thoughts)
            self.thoughts_view.set_source_provider(lambda: self.turn.thoughts)

    def _set_html(self, block: TextBlock, key: str, render: Callable[[], str], parts: Sequence[object]) -> None:
        html = self._cache.get(key)
        if html is None:
            html = render()
            self._cache.put(key, html)
        self._pending = {k: b for k, b in self._pending.items() if b is not block}
        block.setHtml(link_markers(html))
        block.fit_height()

    def _set_markdown(self, block: TextBlock, key: str, text: str, *, keep_shown: bool = False) -> None:
        """Rendered Markdown: from the cache, rendered now if short, else plain text (or, with
        ``keep_shown``, what the block shows) until the background renderer has it (rendering a
        long answer here would stall scrolling)."""
        if len(text) > SLICED_RENDER_CHARS and block is self.answer_view and is_cited_key(key):
            self._pending = {k: b for k, b in self._pending.items() if b is not block}
            block.fill_markdown_sliced(text, link_markers)
            return
        if self._cache.get(key) is not None or self._request_render is None or renders_quickly(text):
            theme = self.theme
            self._set_html(block, key, lambda: render_markdown(text, theme=theme), [])
            return
        self._pending = {k: b for k, b in self._pending.items() if b is not block}
        self._pending[key] = block
        if not keep_shown:
            block.setHtml(render_plain(strip_markers(text)))
            block.fit_height()
        self._request_render(key, text)

    def on_html_ready(self, key: str) -> bool:
        """The background renderer finished ``key``: show it if it is still wanted here."""
        block = self._pending.pop(key, None)
        html = self._cache.get(key) if block is not None else None
        if block is None or html is None:
            return False
        block.setHtml(link_markers(html))
        block.fit_height()
        self.height_changed.emit()
        return True

    def _show_steps(self, turn: Turn) -> None:
        """The tool steps above the answer, in order; the numbered sources under it."""
        if not turn.steps:
            self.steps_panel.set_blocks([])
            self.sources_view.set_sources([])
            return
        blocks, cited = derived(turn)
        # A function call the app ran has its card (arguments, decision, result): no second row.
        carded = {c.call_id for c in turn.tool_calls}
        tools: list[ToolBlock] = [b for b in tool_blocks(blocks) if not (b.tool == "function" and b.call_id in carded)]
        self.steps_panel.set_blocks(tools)
        suggestions = "".join(search_suggestions(b) for b in tools)
        self.sources_view.set_sources(cited.sources, suggestions)

    def on_answer_link(self, url: QUrl) -> None:
        """A citation marker (``source:<n>``) was clicked: select that source in the list."""
        if url.scheme() == SOURCE_SCHEME:
            try:
                number = int(url.path() or url.toString().split(":", 1)[1])
            except ValueError:
                return
            if self.sources_view.select_source(number):
                self.sources_view.setFocus(Qt.FocusReason.OtherFocusReason)

    def _show_media(self, turn: Turn) -> None:
        """The prompt's attachments under it; the answer's images under the answer, as they arrive."""
        self.prompt_media.set_parts([p for p in turn.prompt if isinstance(p, BlobPart)])
        self.answer_media.set_parts([p for p in turn.answer if isinstance(p, BlobPart)])

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        margins = self.content_layout.contentsMargins()
        width = event.size().width() - margins.left() - margins.right()
        self.prompt_media.set_max_width(width)
        self.answer_media.set_max_width(width)

    def append_text(self, text: str) -> None:
        """Streamed answer text (shown at the next ``refresh``)."""
        self.answer_view.append(text)
        if not self._answer_started and text:
            self._answer_started = True
            self._update_thoughts_button()

    def append_thought(self, text: str) -> None:
        """Streamed thought summary text."""
        self._thoughts_text += text
        self.thoughts_view.append(text)
        self._update_thoughts_button()

    def refresh(self) -> None:
        """Show streamed text that arrived since the last refresh (the transcript's timer calls this)."""
        self.answer_view.refresh()
        if self.thoughts_view.isVisible():
            self.thoughts_view.refresh()

    @property
    def streaming(self) -> bool:
        """Whether the answer is still growing."""
        return self._streaming

    # -- footer ----------------------------------------------------------------------------------
    def _toggle_thoughts(self, shown: bool) -> None:
        self.thoughts_button.setArrowType(Qt.ArrowType.DownArrow if shown else Qt.ArrowType.RightArrow)
        self.thoughts_view.setVisible(shown)
        if shown:
            self.thoughts_view.refresh()
            self.thoughts_view.fit_height()
        self.height_changed.emit()

    def _update_thoughts_button(self) -> None:
        has = bool(self._thoughts_text)
        thinking = self._streaming and not self._answer_started
        self.thoughts_button.setVisible(has or thinking)
        self.thoughts_button.setText(self.tr("Thinking…") if thinking else self.tr("Thoughts"))

    def _update_footer(self) -> None:
        turn = self.turn
        status = turn.status
        texts = {
            TurnStatus.STOPPED: self.tr("Stopped. The partial answer is kept."),
            TurnStatus.INTERRUPTED: self.tr("Interrupted: the app closed while this answer was arriving."),
        }
        text = texts.get(status, "")
        error = translate_error_text(turn.error) if turn.error else None
        if status is TurnStatus.FAILED:
            text = error or self.tr("The answer failed.")
        elif status is TurnStatus.REFUSED:
            text = error or self.tr(
                "The answer stopped before any reason was given (it may have been blocked). "
                "You can retry or edit the prompt."
            )
        elif status is TurnStatus.INCOMPLETE:
            text = self.tr(
                "The answer was cut off before it was finished (it probably reached the output limit). "
                "Continue asks the model to go on."
            )
            if error:
                text = f"{text}\n{error}"
        elif status is TurnStatus.AWAITING:
            asking = sum(1 for c in turn.tool_calls if c.state == "waiting" and not c.decision)
            if asking:
                text = (
                    self.tr("The model asks to run a tool. Allow or deny it above.")
                    if asking == 1
                    else self.tr("The model asks to run %n tool calls. Allow or deny each one above.", "", asking)
                )
            else:
                text = self.tr("Running tools and sending their results…")
        elif status is TurnStatus.INTERRUPTED and error:
            text = f"{text} {error}"
        self.status_label.setText(text)
        self.status_label.setVisible(bool(text))
        failed = status in (TurnStatus.FAILED, TurnStatus.REFUSED)
        text_color(self.status_label, error_color(self) if failed else None)
        self.retry_button.setVisible(status in (TurnStatus.FAILED, TurnStatus.STOPPED, TurnStatus.REFUSED))
        self.footer_edit_button.setVisible(failed)
        self.continue_button.setVisible(status is TurnStatus.INCOMPLETE and bool(turn.interaction_id))
        self.fetch_button.setVisible(status is TurnStatus.INTERRUPTED and bool(turn.interaction_id))
        self.usage_label.setText(self._usage_text())
        notes = {
            "context-rebuilt": self.tr(
                "The server no longer had the earlier turns; the context was rebuilt from this computer's copy."
            ),
            "fetched-from-server": self.tr("Fetched from the server after an interruption."),
        }
        note = notes.get(turn.note or "", turn.note or "")
        not_saved = parse_not_saved_note(turn.note)
        if not_saved is not None:
            note = self.tr("Not saved: could not write to {0} ({1}). It will be saved when space is available.").format(
                not_saved[0],
                QCoreApplication.translate("AppError", StorageError.CAUSES.get(not_saved[1], not_saved[1])),
            )
        self.note_label.setText(note)
        self.note_label.setVisible(bool(note))

    def _usage_text(self) -> str:
        usage = self.turn.usage or {}
        total = int(usage.get("total_tokens") or 0)
        if not total:
            return ""
        thought = int(usage.get("thought_tokens") or 0)
        tool_use = int(usage.get("tool_use_tokens") or 0)
        text = self.tr("{0} in · {1} out").format(usage.get("input_tokens", 0), usage.get("output_tokens", 0))
        if thought:
            text += self.tr(" · {0} thinking").format(thought)
        if tool_use:
            text += self.tr(" · {0} tool use").format(tool_use)
        return text + self.tr(" · {0} tokens").format(total)
