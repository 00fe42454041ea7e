"""The Conversation tab: sidebar, settings bar, transcript and composer, wired to nothing but signals.

Attachments come in three ways, all ending in the ``AttachmentsController`` bound with
``bind_attachments``: files dropped anywhere on the tab (``DropTarget``), pastes into the prompt
(``PasteHelper``) and the Attach button (``choose_files``). Their chips sit above the prompt.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QImage, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.conversation import BlobPart
from desktop.errors import AppError
from desktop.services.blocking import run_blocking
from desktop.ui.attachments.bar import AttachmentBar
from desktop.ui.attachments.drop_overlay import DropTarget
from desktop.ui.common.plain import plain_label
from desktop.ui.conversation.composer import Composer
from desktop.ui.conversation.pending_prompts import PendingPrompts
from desktop.ui.conversation.settings_bar import ConversationSettingsBar
from desktop.ui.conversation.sidebar import ConversationSidebar
from desktop.ui.dialogs import conversation as dialogs
from desktop.ui.transcript.view import TranscriptView

log = logging.getLogger(__name__)


def choose_files(parent: QWidget) -> list[Path]:
    """Ask for files to attach (the one place the file dialog is opened; tests replace this)."""
    names, _ = QFileDialog.getOpenFileNames(parent, parent.tr("Attach files"), str(Path.home()))
    return [Path(n) for n in names]


def open_file_externally(path: Path) -> bool:
    """Open an attachment that is not an image with the system's app for it (tests replace this)."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def make_image_viewer(data: bytes, part: BlobPart, parent: QWidget, cache_dir: Path | None) -> Any:
    """The viewer for an image (zoom, fit, Save as…, Copy, drag-out); tests replace this."""
    from desktop.ui.attachments.image_viewer import ImageViewer

    return ImageViewer(
        data, name=part.name or "image.png", mime_type=part.mime_type, parent=parent, cache_dir=cache_dir
    )


def describe_error(error: AppError) -> str:
    """The one place an app error is turned into text for a person."""
    title = QCoreApplication.translate("AppError", error.title)
    message = QCoreApplication.translate("AppError", error.message)
    if message.startswith(title):
        return message
    return f"{title}: {message}"


class ConversationTab(QWidget):
    """Shows the open conversation and the list of conversations; emits what the user asks for."""

    #: The user sent a prompt: ``list[Part]``.
    prompt_submitted = Signal(list)
    #: The user asked to stop the running turn.
    stop_requested = Signal()
    #: The composer's text changed (for the per-conversation draft).
    draft_changed = Signal(str)
    #: (turn id, new prompt text) An edited prompt to resend as an alternative.
    edit_submitted = Signal(str, str)
    #: (conversation id, title) Rename.
    rename_submitted = Signal(str, str)
    #: (conversation id, file path) Export.
    export_submitted = Signal(str, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("conversationTab")
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
        column.addWidget(self.transcript, 1)
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

        self.search_shortcut = QShortcut(QKeySequence("Ctrl+K"), self)
        self.search_shortcut.setObjectName("searchShortcut")
        self.search_shortcut.activated.connect(self.focus_search)

        self._conversation_id = ""
        self._loading_draft = False
        self._turn_busy = False
        self._attachments_busy = False
        # A prompt sent at once empties the composer when its turn appears; a queued one at once,
        # and its turn later must not empty what the user typed since.
        self._clear_on_append = False
        self.attachments: Any = None  # an AttachmentsController, once storage is open
        self.paste_helper: Any = None
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
        self.sidebar.rename_requested.connect(self._rename)
        self.sidebar.export_requested.connect(self._export)
        self.settings_bar.export_requested.connect(lambda: self._export(self._conversation_id))

    # -- attachments -----------------------------------------------------------------------------
    def bind_attachments(
        self, controller: Any, *, blob_path: Callable[[str], Path], read_blob: Callable[[str], bytes], cache_dir: Path
    ) -> None:
        """Use ``controller`` (an ``AttachmentsController``) for drops, pastes, the Attach button and chips."""
        from desktop.ui.attachments.paste import PasteHelper

        self.attachments = controller
        self._blob_path, self._read_blob, self._cache_dir = blob_path, read_blob, cache_dir
        self.transcript.set_blob_paths(blob_path)
        self.attachment_bar.bind(controller)
        self.composer.add_part_provider(controller.parts)
        controller.rejected.connect(self.show_message)
        controller.busy_changed.connect(self._attachments_busy_changed)
        self.paste_helper = PasteHelper(cache_dir / "pasted", self)
        self.paste_helper.files_pasted.connect(controller.add_paths)
        self.paste_helper.urls_rejected.connect(lambda _items, message: self.show_message(message))
        self.paste_helper.failed.connect(self.show_message)
        self.composer.set_paste_handler(self.paste_helper.handle)
        self.drop_target.files_dropped.connect(controller.add_paths)
        self.drop_target.image_dropped.connect(self._image_dropped)

    def _image_dropped(self, image: QImage) -> None:
        if self.paste_helper is not None:
            self.paste_helper.save_image(image)

    def attach_files(self) -> None:
        """The Attach button: pick files with the dialog."""
        if self.attachments is None:
            self.show_message(self.tr("Attachments are available once the conversations are loaded."))
            return
        paths = choose_files(self)
        if paths:
            self.attachments.add_paths(paths)
        self.composer.setFocus()

    def on_prompt_files_returned(self, parts: list[BlobPart]) -> None:
        """A send failed: its files come back to the composer with its text (unless it has others)."""
        if self.attachments is None or self._blob_path is None or self.attachments.attachments:
            return
        for part in parts:
            self.attachments.add_file(self._blob_path(part.sha256), name=part.name or part.sha256[:12])

    def edit_image(self, part: BlobPart) -> None:
        """ "Edit this image": attach a generated image to the next prompt, which chains on its turn."""
        if self.attachments is None or self._blob_path is None:
            return
        self.attachments.add_file(self._blob_path(part.sha256), name=part.name or "image.png")
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
                QDesktopServices.openUrl(url)
            return
        if self._read_blob is None or self._blob_path is None:
            return
        asyncio.ensure_future(self._open_media(part))

    async def _open_media(self, part: BlobPart) -> None:
        try:
            if part.kind == "image" and part.mime_type not in ("image/heic", "image/heif"):
                data = await run_blocking(self._read_blob, part.sha256)  # type: ignore[arg-type]
                self._show_viewer(make_image_viewer(data, part, self, self._cache_dir))
            else:
                path = await run_blocking(
                    _export_copy,
                    self._blob_path(part.sha256),  # type: ignore[misc]
                    self._cache_dir,
                    part,
                )
                if not open_file_externally(path):
                    self.show_message(self.tr("No application could open “{0}”.").format(path.name))
        except (OSError, KeyError, ValueError) as exc:
            log.warning("could not open %s", part.sha256[:12], exc_info=True)
            self.show_message(self.tr("This file is no longer stored on this computer: {0}").format(exc))

    def _open_pending(self, attachment_id: str) -> None:
        att = self.attachments.get(attachment_id) if self.attachments is not None else None
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

    def _attachments_busy_changed(self, busy: bool) -> None:
        self._attachments_busy = busy
        self._update_send()

    def _update_send(self) -> None:
        # Send means "send now"; while an answer runs (or prompts wait) Queue takes its place.
        waiting = self._prompts_wait()
        self.send_button.setEnabled(not waiting and not self._attachments_busy)
        self.queue_button.setVisible(waiting)
        self.queue_button.setEnabled(not self._attachments_busy)
        if self._attachments_busy:
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
        if self.attachments is not None and not self.attachments.can_send:
            return self.attachments.blocking_message()
        return ""

    def show_message(self, text: str) -> None:
        """A message about the composer (a refused drop, an attachment that is not ready...)."""
        self.status_label.setText(text)

    # -- user actions ----------------------------------------------------------------------------
    def _submit(self, parts: list[object]) -> None:
        if not parts:
            return
        if self._prompts_wait():
            # It goes into the queue now (shown under the composer): the composer is free for the next.
            self._set_composer_text("")
            self.draft_changed.emit("")
            if self.attachments is not None:
                self.attachments.clear()
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
    def on_conversation_opened(self, view: object) -> None:
        """Show a conversation (``ConversationView``)."""
        self._conversation_id = view.conversation.id  # type: ignore[attr-defined]
        self.status_label.clear()
        self.transcript.set_turns(view.turns, view.branches)  # type: ignore[attr-defined]

    def on_turn_appended(self, turn: object, branch: object) -> None:
        """A turn was sent: show it and empty the composer (unless it came from the queue)."""
        self.status_label.clear()
        if self._clear_on_append:
            self._clear_on_append = False
            self._set_composer_text("")
            if self.attachments is not None:
                self.attachments.clear()
        self.transcript.append_turn(turn, branch)  # type: ignore[arg-type]

    def on_turn_changed(self, turn: object) -> None:
        """A turn's state changed."""
        self.transcript.update_turn(turn)  # type: ignore[arg-type]

    def on_text_received(self, turn_id: str, text: str) -> None:
        """Streamed answer text."""
        self.transcript.append_text(turn_id, text)

    def on_thought_received(self, turn_id: str, text: str) -> None:
        """Streamed thought text."""
        self.transcript.append_thought(turn_id, text)

    def on_turn_failed(self, error: AppError, prompt: str) -> None:
        """Show the error and give the prompt back to the composer so nothing is lost."""
        self._clear_on_append = False
        self.status_label.setText(describe_error(error))
        if prompt and not self.composer.toPlainText().strip():
            self.composer.setPlainText(prompt)

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
