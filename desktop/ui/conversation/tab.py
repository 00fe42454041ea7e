"""The Conversation tab: sidebar, settings bar, transcript and composer, wired to nothing but signals.

The tab's own signals and ``on_*`` slots are its whole interface: ``desktop.app`` connects them to
the controllers (the children's signals are re-emitted by the tab, so nobody reaches into them).
Attachments come in three ways, all ending in ``attach_paths_requested``: files dropped anywhere on
the tab (``DropTarget``), pastes into the prompt (``PasteHelper``) and the Attach button
(``choose_files``). Their chips sit above the prompt.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Qt, QUrl, Signal
from PySide6.QtGui import QImage
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.conversation import BlobPart, ConversationSettings, Part, Turn
from desktop.errors import AppError
from desktop.services.blocking import run_blocking
from desktop.ui.attachments.bar import AttachmentBar
from desktop.ui.attachments.drop_overlay import DropTarget
from desktop.ui.common import external
from desktop.ui.common.plain import plain_label
from desktop.ui.common.translation import describe_error
from desktop.ui.conversation.composer import Composer
from desktop.ui.conversation.pending_prompts import PendingPrompts
from desktop.ui.conversation.settings_bar import ConversationSettingsBar
from desktop.ui.conversation.sidebar import ConversationSidebar
from desktop.ui.dialogs import conversation as dialogs
from desktop.ui.transcript.view import TranscriptView

if TYPE_CHECKING:
    from desktop.controllers.conversation_state import ConversationView
    from desktop.services.attachments.service import Attachment
    from desktop.store.conversations import ConversationSummary, SearchHit
    from desktop.ui.attachments.paste import PasteHelper

log = logging.getLogger(__name__)


def choose_files(parent: QWidget) -> list[Path]:
    """Ask for files to attach (the one place the file dialog is opened; tests replace this)."""
    names, _ = QFileDialog.getOpenFileNames(
        parent, QCoreApplication.translate("ConversationTab", "Attach files"), str(Path.home())
    )
    return [Path(n) for n in names]


def open_file_externally(path: Path) -> bool:
    """Open an attachment that is not an image with the system's app for it (tests replace this)."""
    return external.open_url(QUrl.fromLocalFile(str(path)))


def make_image_viewer(data: bytes, part: BlobPart, parent: QWidget, cache_dir: Path | None) -> Any:
    """The viewer for an image (zoom, fit, Save as…, Copy, drag-out); tests replace this."""
    from desktop.ui.attachments.image_viewer import ImageViewer

    return ImageViewer(
        data, name=part.name or "image.png", mime_type=part.mime_type, parent=parent, cache_dir=cache_dir
    )


class ConversationTab(QWidget):
    """Shows the open conversation and the list of conversations; emits what the user asks for.

    Signals:
        prompt_submitted: The user sent a prompt: ``list[Part]``.
        stop_requested: The user asked to stop the running turn.
        draft_changed: The composer's text changed (for the per-conversation draft).
        edit_submitted: (turn id, new prompt text) An edited prompt to resend as an alternative.
        rename_submitted: (conversation id, title) Rename.
        export_submitted: (conversation id, file path) Export.
        retry_requested: (turn id) Send a failed turn again.
        regenerate_requested: (turn id) A new answer to the same prompt.
        switch_requested: (turn id, -1 or +1) Show another alternative of a turn.
        fetch_requested: (turn id) Fetch an interrupted answer from the server.
        settings_changed: The settings bar changed the open conversation's ``ConversationSettings``.
        open_requested: (conversation id) Open a conversation picked in the sidebar.
        new_requested: The sidebar's New button.
        search_changed: (query) The sidebar's search text changed.
        delete_requested: (conversation id) Delete a conversation.
        undo_requested: (conversation id) Undo a delete.
        attach_paths_requested: (list of ``Path``) Attach files: dropped, pasted or picked with the Attach button.
        attach_file_requested: (``Path``, name) Attach a stored file under its own name (a failed
            prompt's files, "Edit this image").
        attachment_remove_requested: (attachment id) A chip's Remove button.
        attachment_cancel_requested: (attachment id) A chip's Cancel button (stop the upload).
        attachment_retry_requested: (attachment id) A chip's Retry button.
        continue_requested: (turn id) Continue a cut-off answer.
        call_decided: (turn id, call id, ``allow``/``always``/``deny``) An approval card was answered.
        stores_requested: The user wants to choose the File Search stores of this conversation.
        queued_prompt_edited: (position, new text) A waiting prompt was edited.
        queued_prompt_removed: (position) A waiting prompt was removed.
        queue_resume_requested: Send the waiting prompts now (after a failed answer held them).
        attachments_sent: The composer's attachments went with a prompt: the composer forgets them.
    """

    prompt_submitted = Signal(list)
    stop_requested = Signal()
    draft_changed = Signal(str)
    edit_submitted = Signal(str, str)
    rename_submitted = Signal(str, str)
    export_submitted = Signal(str, str)
    retry_requested = Signal(str)
    regenerate_requested = Signal(str)
    switch_requested = Signal(str, int)
    fetch_requested = Signal(str)
    settings_changed = Signal(object)
    open_requested = Signal(str)
    new_requested = Signal()
    search_changed = Signal(str)
    delete_requested = Signal(str)
    undo_requested = Signal(str)
    attach_paths_requested = Signal(list)
    attach_file_requested = Signal(object, str)
    attachment_remove_requested = Signal(str)
    attachment_cancel_requested = Signal(str)
    attachment_retry_requested = Signal(str)
    continue_requested = Signal(str)
    call_decided = Signal(str, str, str)
    stores_requested = Signal()
    queued_prompt_edited = Signal(int, str)
    queued_prompt_removed = Signal(int)
    queue_resume_requested = Signal()
    attachments_sent = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("conversationTab")
        self._media_tasks: set[asyncio.Future[None]] = set()
        self.sidebar = ConversationSidebar(self)
        self.settings_bar = ConversationSettingsBar(self)
        self.transcript = TranscriptView(self)

        self.status_label = QLabel(self)
        self.status_label.setObjectName("turnStatus")
        self.status_label.setAccessibleName(self.tr("Turn status"))
        self.status_label.setWordWrap(True)
        self.status_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        plain_label(self.status_label)  # errors carry the server's words: never rendered as markup

        self.composer = Composer(self)
        self.composer.setMaximumHeight(140)
        self.attachment_bar = AttachmentBar(self)
        self.attach_button = QPushButton(self.tr("Attach…"), self)
        self.attach_button.setObjectName("attachButton")
        self.attach_button.setAccessibleName(self.tr("Attach files"))
        self.attach_button.setToolTip(
            self.tr("Attach images, PDFs, audio, video or text files (or drop them anywhere here, or paste them)")
        )
        self.send_button = QPushButton(self.tr("Send"), self)
        self.send_button.setObjectName("sendButton")
        self.send_button.setAccessibleName(self.tr("Send prompt"))
        self.queue_button = QPushButton(self.tr("Queue"), self)
        self.queue_button.setObjectName("queueButton")
        self.queue_button.setAccessibleName(self.tr("Queue prompt"))
        self.queue_button.setToolTip(self.tr("Send this prompt when the answer before it ends (Enter)"))
        self.queue_button.setVisible(False)
        self.stop_button = QPushButton(self.tr("Stop"), self)
        self.stop_button.setObjectName("stopButton")
        self.stop_button.setAccessibleName(self.tr("Stop the answer"))
        self.stop_button.setToolTip(self.tr("Stop the answer (Esc)"))
        self.stop_button.setShortcut("Esc")
        self.stop_button.setEnabled(False)

        buttons = QVBoxLayout()
        buttons.addWidget(self.send_button)
        buttons.addWidget(self.queue_button)
        buttons.addWidget(self.stop_button)
        buttons.addWidget(self.attach_button)
        buttons.addStretch(1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.composer, 1)
        bottom.addLayout(buttons)
        right = QWidget(self)
        right.setObjectName("conversationPane")
        column = QVBoxLayout(right)
        column.setContentsMargins(0, 0, 6, 6)
        column.addWidget(self.settings_bar)
        # The transcript with the collapsible Run settings panel on its right (as AI Studio has).
        middle = QHBoxLayout()
        middle.addWidget(self.transcript, 1)
        middle.addWidget(self.settings_bar.panel)
        column.addLayout(middle, 1)
        column.addWidget(self.status_label)
        column.addWidget(self.attachment_bar)
        column.addLayout(bottom)
        # Prompts typed while an answer streams wait here, in order (a PromptQueue decides).
        self.pending_prompts = PendingPrompts(right)
        column.addWidget(self.pending_prompts)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("conversationSplitter")
        # The settings bar is wide; without a floor the sidebar was squeezed to a sliver.
        self.sidebar.setMinimumWidth(190)
        self.splitter.addWidget(self.sidebar)
        self.splitter.addWidget(right)
        self.splitter.setCollapsible(0, False)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([230, 770])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)

        self._conversation_id = ""
        self._loading_draft = False
        self._turn_busy = False
        self._attachments_busy = False
        # The pending attachments as last reported (``on_attachment_*``), by id, in order.
        self._pending: dict[str, Attachment] = {}
        # Why the attachments hold the prompt back ("" when they do not); set by ``use_attachments``.
        self._attachment_blocker: Callable[[], str] | None = None
        self.paste_helper: PasteHelper | None = None
        self._send_blocked = ""
        # A prompt sent at once empties the composer when its turn appears; a queued one at once,
        # and its turn later must not empty what the user typed since.
        self._clear_on_append = False
        self._blob_path: Callable[[str], Path] | None = None
        self._read_blob: Callable[[str], bytes] | None = None
        self._cache_dir: Path | None = None
        self.viewers: list[Any] = []
        # Files dropped anywhere on the tab (transcript, sidebar, prompt...) become attachments.
        self.drop_target = DropTarget(self)
        self.drop_target.urls_rejected.connect(lambda _items, message: self.show_message(message))
        self.transcript.widget_created.connect(self.drop_target.watch)
        self.transcript.media_open_requested.connect(self.open_media)
        self.transcript.edit_image_requested.connect(self.edit_image)
        self.attachment_bar.open_requested.connect(self._open_pending)
        self.attach_button.clicked.connect(self.attach_files)
        self.composer.set_send_gate(self._send_blocker)
        self.composer.blocked.connect(self.show_message)
        self.composer.submitted.connect(self._submit)
        self.composer.textChanged.connect(self._draft_edited)
        self.send_button.clicked.connect(self.composer.submit)
        self.queue_button.clicked.connect(self.composer.submit)
        self.stop_button.clicked.connect(self.stop_requested)
        self.transcript.edit_requested.connect(self._edit)
        self.transcript.retry_requested.connect(self.retry_requested)
        self.transcript.regenerate_requested.connect(self.regenerate_requested)
        self.transcript.switch_requested.connect(self.switch_requested)
        self.transcript.fetch_requested.connect(self.fetch_requested)
        self.transcript.continue_requested.connect(self.continue_requested)
        self.pending_prompts.edited.connect(self.queued_prompt_edited)
        self.pending_prompts.removed.connect(self.queued_prompt_removed)
        self.pending_prompts.resume_requested.connect(self.queue_resume_requested)
        self.transcript.call_decided.connect(self.call_decided)
        self.settings_bar.stores_requested.connect(self.stores_requested)
        self.sidebar.rename_requested.connect(self._rename)
        self.sidebar.export_requested.connect(self._export)
        self.sidebar.open_requested.connect(self.open_requested)
        self.sidebar.new_requested.connect(self.new_requested)
        self.sidebar.search_changed.connect(self.search_changed)
        self.sidebar.delete_requested.connect(self.delete_requested)
        self.sidebar.undo_requested.connect(self.undo_requested)
        self.settings_bar.settings_changed.connect(self.settings_changed)
        self.settings_bar.export_requested.connect(lambda: self._export(self._conversation_id))
        self.attachment_bar.remove_requested.connect(self.attachment_remove_requested)
        self.attachment_bar.cancel_requested.connect(self.attachment_cancel_requested)
        self.attachment_bar.retry_requested.connect(self.attachment_retry_requested)
        self.drop_target.files_dropped.connect(self.attach_paths_requested)
        self.drop_target.image_dropped.connect(self._image_dropped)

    # -- attachments -----------------------------------------------------------------------------
    def use_attachments(
        self,
        *,
        parts: Callable[[], list[Part]],
        blocker: Callable[[], str],
        blob_path: Callable[[str], Path],
        read_blob: Callable[[str], bytes],
        cache_dir: Path,
    ) -> None:
        """Turn attachments on (once storage is open).

        ``parts()`` gives the ready attachments' parts at send time; ``blocker()`` why they hold the
        prompt back ("" when they do not); ``blob_path``/``read_blob`` find stored files by hash;
        pasted images are written under ``cache_dir``.
        """
        from desktop.ui.attachments.paste import PasteHelper

        self._attachment_blocker = blocker
        self._blob_path, self._read_blob, self._cache_dir = blob_path, read_blob, cache_dir
        self.transcript.set_blob_paths(blob_path)
        self.composer.add_part_provider(parts)
        self.paste_helper = PasteHelper(cache_dir / "pasted", self)
        self.paste_helper.files_pasted.connect(self.attach_paths_requested)
        self.paste_helper.urls_rejected.connect(lambda _items, message: self.show_message(message))
        self.paste_helper.failed.connect(self.show_message)
        self.composer.set_paste_handler(self.paste_helper.handle)

    @property
    def attachments_enabled(self) -> bool:
        """Whether ``use_attachments`` was called (drops before that are refused with a message)."""
        return self._attachment_blocker is not None

    def on_attachment_added(self, att: Attachment) -> None:
        """A new attachment: show its chip."""
        self._pending[att.id] = att
        self.attachment_bar.add(att)

    def on_attachment_changed(self, att: Attachment) -> None:
        """An attachment's state or progress changed."""
        if att.id in self._pending:
            self._pending[att.id] = att
        self.attachment_bar.update_attachment(att)

    def on_attachment_removed(self, attachment_id: str) -> None:
        """An attachment is gone (removed, or sent with the prompt)."""
        self._pending.pop(attachment_id, None)
        self.attachment_bar.remove(attachment_id)

    def on_attachments_busy_changed(self, busy: bool) -> None:
        """Whether an attachment is still being read or uploaded (Send waits for it)."""
        self._attachments_busy = busy
        self._update_send()

    def _image_dropped(self, image: QImage) -> None:
        if self.paste_helper is not None:
            self.paste_helper.save_image(image)

    def attach_files(self) -> None:
        """The Attach button: pick files with the dialog."""
        if not self.attachments_enabled:
            self.show_message(self.tr("Attachments are available once the conversations are loaded."))
            return
        paths = choose_files(self)
        if paths:
            self.attach_paths_requested.emit(paths)
        self.composer.setFocus()

    def on_prompt_files_returned(self, parts: list[BlobPart]) -> None:
        """A send failed: its files come back to the composer with its text (unless it has others)."""
        if not self.attachments_enabled or self._blob_path is None or self._pending:
            return
        for part in parts:
            self.attach_file_requested.emit(self._blob_path(part.sha256), part.name or part.sha256[:12])

    def edit_image(self, part: BlobPart) -> None:
        """ "Edit this image": attach a generated image to the next prompt, which chains on its turn."""
        if not self.attachments_enabled or self._blob_path is None:
            return
        self.attach_file_requested.emit(self._blob_path(part.sha256), part.name or "image.png")
        self.composer.setFocus()
        if not self.composer.toPlainText().strip():
            self.show_message(self.tr("The image is attached: say how to change it."))

    def open_media(self, part: BlobPart) -> None:
        """Open an attachment or generated image: images in the viewer, other files in their app.

        A generated file kept only as a link (it could not be downloaded) opens in the browser.
        """
        if not part.sha256 and part.uri:
            url = QUrl(part.uri)
            if url.scheme() in ("http", "https"):
                external.open_url(url)
            return
        if self._read_blob is None or self._blob_path is None:
            return
        # The loop keeps only a weak reference to a task: hold it until it is done.
        task = asyncio.ensure_future(self._open_media(part))
        self._media_tasks.add(task)
        task.add_done_callback(self._media_tasks.discard)

    async def _open_media(self, part: BlobPart) -> None:
        read_blob, blob_path = self._read_blob, self._blob_path
        if read_blob is None or blob_path is None:
            return
        try:
            if part.kind == "image" and part.mime_type not in ("image/heic", "image/heif"):
                data = await run_blocking(read_blob, part.sha256)
                self._show_viewer(make_image_viewer(data, part, self, self._cache_dir))
            else:
                path = await run_blocking(
                    _export_copy,
                    blob_path(part.sha256),
                    self._cache_dir,
                    part,
                )
                if not open_file_externally(path):
                    self.show_message(self.tr("No application could open “{0}”.").format(path.name))
        except (OSError, KeyError, ValueError) as exc:
            log.warning("could not open %s", part.sha256[:12], exc_info=True)
            self.show_message(self.tr("This file is no longer stored on this computer: {0}").format(exc))

    def _open_pending(self, attachment_id: str) -> None:
        att = self._pending.get(attachment_id)
        if att is None or att.sha256 is None or att.file_type is None:
            return
        self.open_media(
            BlobPart(
                kind=att.file_type.kind,
                mime_type=att.file_type.mime_type,
                sha256=att.sha256,
                name=att.name,
                size=att.size,
            )
        )

    def _show_viewer(self, viewer: Any) -> None:
        # Non-modal (show, not open/exec): the conversation stays usable, several images can be open.
        self.viewers.append(viewer)
        viewer.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        viewer.destroyed.connect(lambda *_: self.viewers.remove(viewer) if viewer in self.viewers else None)
        viewer.show()

    def set_send_blocked(self, reason: str) -> None:
        """Disable Send for ``reason`` (shown as its tool tip), e.g. there is no API key; "" enables it."""
        self._send_blocked = reason
        self._update_send()

    def _update_send(self) -> None:
        blocked = self._send_blocked
        # Send means "send now"; while an answer runs (or prompts wait) Queue takes its place.
        waiting = self._prompts_wait()
        self.send_button.setEnabled(not waiting and not self._attachments_busy and not blocked)
        self.queue_button.setVisible(waiting)
        self.queue_button.setEnabled(not self._attachments_busy and not blocked)
        if blocked:
            tip = blocked
        elif self._attachments_busy:
            tip = self.tr("Waiting for the attachments to be ready")
        elif waiting:
            tip = self.tr("An answer is running: Enter or Queue sends this prompt when it ends")
        else:
            tip = ""
        self.send_button.setToolTip(tip)

    def _prompts_wait(self) -> bool:
        """Whether a prompt sent now joins the queue (an answer runs, or others wait already)."""
        return self._turn_busy or bool(self.pending_prompts.rows)

    def _send_blocker(self) -> str:
        return self._attachment_blocker() if self._attachment_blocker is not None else ""

    def show_message(self, text: str) -> None:
        """A message about the composer (a refused drop, an attachment that is not ready...)."""
        self.status_label.setText(text)

    # -- user actions ----------------------------------------------------------------------------
    def _submit(self, parts: list[object]) -> None:
        if not parts:
            return
        if self._send_blocked:
            self.status_label.setText(self._send_blocked)  # Enter says why, as Send's tool tip does
            return
        if self._prompts_wait():
            # It goes into the queue now (shown under the composer): the composer is free for the next.
            self._set_composer_text("")
            self.draft_changed.emit("")
            self.attachments_sent.emit()
        else:
            self._clear_on_append = True
        self.prompt_submitted.emit(parts)

    def on_queue_changed(self, prompts: list[object]) -> None:
        """The open conversation's waiting prompts (``QueuedPrompt`` objects, oldest first)."""
        self.pending_prompts.set_prompts(prompts)
        self._update_send()

    def on_queue_paused(self, paused: bool) -> None:
        """A failed answer holds the waiting prompts until the user sends them."""
        self.pending_prompts.set_paused(paused)

    def _draft_edited(self) -> None:
        if not self._loading_draft:
            self.draft_changed.emit(self.composer.toPlainText())

    def focus_search(self) -> None:
        """Ctrl+K: put the cursor in the search box."""
        self.sidebar.search_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.sidebar.search_edit.selectAll()

    def _edit(self, turn_id: str) -> None:
        turn = next((t for t in self.transcript.turns() if t.id == turn_id), None)
        if turn is None:
            return
        text = dialogs.ask_prompt_edit(self, turn.prompt_text)
        if text is not None and text.strip():
            self.edit_submitted.emit(turn_id, text)

    def _rename(self, conversation_id: str) -> None:
        ids = self.sidebar.ids()
        current = self.sidebar.titles()[ids.index(conversation_id)] if conversation_id in ids else ""
        title = dialogs.ask_title(self, current)
        if title is not None and title.strip():
            self.rename_submitted.emit(conversation_id, title)

    def _export(self, conversation_id: str) -> None:
        if not conversation_id:
            return
        ids = self.sidebar.ids()
        title = self.sidebar.titles()[ids.index(conversation_id)] if conversation_id in ids else "conversation"
        path = dialogs.ask_export_path(self, title)
        if path:
            self.export_submitted.emit(conversation_id, path)

    # -- slots driven by the controllers ---------------------------------------------------------
    def on_conversation_opened(self, view: ConversationView) -> None:
        """Show a conversation."""
        self._conversation_id = view.conversation.id
        self.status_label.clear()
        self.transcript.set_turns(view.turns, view.branches)

    def on_turn_appended(self, turn: Turn, branch: tuple[int, int]) -> None:
        """A turn was sent: show it and empty the composer (unless it came from the queue)."""
        self.status_label.clear()
        if self._clear_on_append:
            self._clear_on_append = False
            self._set_composer_text("")
            self.attachments_sent.emit()
        self.transcript.append_turn(turn, branch)

    def on_turn_changed(self, turn: Turn) -> None:
        """A turn's state changed."""
        self.transcript.update_turn(turn)

    def on_text_received(self, turn_id: str, text: str) -> None:
        """Streamed answer text."""
        self.transcript.append_text(turn_id, text)

    def on_thought_received(self, turn_id: str, text: str) -> None:
        """Streamed thought text."""
        self.transcript.append_thought(turn_id, text)

    def on_turn_failed(self, error: AppError, prompt: str) -> None:
        """Show the error (unless the failed turn shows it) and give the prompt back to the composer."""
        self._clear_on_append = False
        restored = bool(prompt) and not self.composer.toPlainText().strip()
        if restored:
            self.composer.setPlainText(prompt)
        if not error.shown_on_turn:
            self.status_label.setText(describe_error(error))
        elif restored:
            self.status_label.setText(self.tr("The prompt is back in the composer."))

    def on_busy_changed(self, busy: bool) -> None:
        """Enable Stop while a turn runs, Send otherwise (and once the attachments are ready)."""
        self._turn_busy = busy
        if not busy:
            self._clear_on_append = False
        self._update_send()
        self.stop_button.setEnabled(busy)

    def on_draft_loaded(self, text: str) -> None:
        """Show the open conversation's draft in the composer."""
        self._set_composer_text(text)
        self.composer.setFocus()

    def on_settings_loaded(self, settings: ConversationSettings) -> None:
        """Show the open conversation's settings in the settings bar."""
        self.settings_bar.on_settings_loaded(settings)

    def on_conversations_listed(self, summaries: list[ConversationSummary]) -> None:
        """Fill the sidebar's list."""
        self.sidebar.on_conversations_listed(summaries)

    def on_search_results(self, query: str, hits: list[SearchHit]) -> None:
        """Show search hits in the sidebar."""
        self.sidebar.on_search_results(query, hits)

    def on_deleted(self, conversation_id: str, title: str) -> None:
        """A conversation was deleted: the sidebar offers Undo."""
        self.sidebar.on_deleted(conversation_id, title)

    def focus_composer(self) -> None:
        """Put the keyboard focus in the prompt."""
        self.composer.setFocus()

    def on_current_changed(self, conversation_id: str) -> None:
        """Another conversation is open."""
        self._conversation_id = conversation_id
        self.sidebar.on_current_changed(conversation_id)

    def on_models_listed(self, models: list[object]) -> None:
        """Fill the model picker."""
        self.settings_bar.set_models([getattr(m, "name", str(m)) for m in models])

    def on_exported(self, path: str) -> None:
        """Say where the export went."""
        self.status_label.setText(self.tr("Exported to {0}").format(path))

    def _set_composer_text(self, text: str) -> None:
        self._loading_draft = True
        try:
            self.composer.setPlainText(text)
            cursor = self.composer.textCursor()
            cursor.movePosition(cursor.MoveOperation.End)
            self.composer.setTextCursor(cursor)
        finally:
            self._loading_draft = False

    def clear(self) -> None:
        """Empty the transcript."""
        self.transcript.set_turns([])
        self.status_label.clear()


def _export_copy(blob: Path, cache_dir: Path | None, part: BlobPart) -> Path:
    """A copy of a stored attachment under its own name (so the system opens it with the right app)."""
    import shutil
    import tempfile

    folder = (cache_dir or Path(tempfile.gettempdir())) / "opened" / part.sha256[:12]
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / (Path(part.name).name or "attachment")
    if not target.exists():
        shutil.copyfile(blob, target)
    return target
