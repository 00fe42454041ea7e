"""The conversation sidebar: search box, New, the list (newest activity first), rename/delete, Undo.

While the search box holds text, the list shows the matches (title and a snippet of the message
that matched) instead of all conversations.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QPoint, Qt, QTimer, Signal, SignalInstance
from PySide6.QtGui import QAction, QKeyEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.controllers.conversation_library import HIGHLIGHT

if TYPE_CHECKING:
    from desktop.store.conversations import ConversationSummary, SearchHit

_ID_ROLE = Qt.ItemDataRole.UserRole
# How long the Undo offer stays after a delete.
UNDO_MS = 10_000


class SearchEdit(QLineEdit):
    """The search box: Esc clears it (when it holds text; an empty box leaves Esc to the window)."""

    def event(self, event: QEvent) -> bool:
        # Esc is also the window's "stop the answer" shortcut: claim it before shortcuts are matched.
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Escape
            and self.text()
        ):
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape and self.text():
            self.clear()
            event.accept()
            return
        super().keyPressEvent(event)


class ConversationSidebar(QWidget):
    """Lists conversations and emits what the user asked for.

    Signals:
        open_requested: Open a conversation: its id.
        new_requested: Ctrl+N / the New button.
        search_changed: The search text changed.
        rename_requested: (id) Rename was chosen; the tab asks for the title.
        delete_requested: (id) Delete was chosen.
        undo_requested: (id) Undo the last delete.
        export_requested: (id) Export was chosen.
    """

    open_requested = Signal(str)
    new_requested = Signal()
    search_changed = Signal(str)
    rename_requested = Signal(str)
    delete_requested = Signal(str)
    undo_requested = Signal(str)
    export_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("conversationSidebar")
        self.search_edit = SearchEdit(self)
        self.search_edit.setObjectName("conversationSearch")
        self.search_edit.setAccessibleName(self.tr("Search conversations"))
        self.search_edit.setPlaceholderText(self.tr("Search (Ctrl+K; Esc clears)"))
        self.search_edit.setClearButtonEnabled(True)
        self.new_button = QPushButton(self.tr("New"), self)
        self.new_button.setObjectName("newConversationButton")
        self.new_button.setAccessibleName(self.tr("New conversation"))
        self.new_button.setToolTip(self.tr("New conversation (Ctrl+N)"))
        self.list = QListWidget(self)
        self.list.setObjectName("conversationList")
        self.list.setAccessibleName(self.tr("Conversations"))
        self.list.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.list.setWordWrap(True)
        self.list.setUniformItemSizes(False)
        self.empty_label = QLabel(self.tr("No matches."), self)
        self.empty_label.setObjectName("searchEmpty")
        self.empty_label.hide()

        self.undo_label = QLabel(self)
        self.undo_label.setObjectName("undoLabel")
        self.undo_label.setWordWrap(True)
        self.undo_button = QPushButton(self.tr("Undo"), self)
        self.undo_button.setObjectName("undoDeleteButton")
        self.undo_button.setAccessibleName(self.tr("Undo delete"))
        self.undo_bar = QWidget(self)
        self.undo_bar.setObjectName("undoBar")
        bar = QHBoxLayout(self.undo_bar)
        bar.setContentsMargins(0, 0, 0, 0)
        bar.addWidget(self.undo_label, 1)
        bar.addWidget(self.undo_button)
        self.undo_bar.hide()
        self._undo_id = ""
        self._undo_timer = QTimer(self)
        self._undo_timer.setSingleShot(True)
        self._undo_timer.setInterval(UNDO_MS)
        self._undo_timer.timeout.connect(self.undo_bar.hide)

        top = QHBoxLayout()
        top.addWidget(self.search_edit, 1)
        top.addWidget(self.new_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 0, 6)
        layout.addLayout(top)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.empty_label)
        layout.addWidget(self.undo_bar)

        self.rename_action = QAction(self.tr("Rename…"), self)
        self.rename_action.setObjectName("renameConversationAction")
        self.delete_action = QAction(self.tr("Delete"), self)
        self.delete_action.setObjectName("deleteConversationAction")
        self.delete_action.setShortcut("Del")
        self.delete_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.export_action = QAction(self.tr("Export…"), self)
        self.export_action.setObjectName("exportListedConversationAction")
        self.list.addAction(self.delete_action)

        self.search_edit.textChanged.connect(self.search_changed)
        self.new_button.clicked.connect(self.new_requested)
        self.list.itemActivated.connect(self._activated)
        self.list.currentItemChanged.connect(lambda item, _prev: self._activated(item))
        self.list.customContextMenuRequested.connect(self._menu)
        self.rename_action.triggered.connect(lambda: self._emit_for_current(self.rename_requested))
        self.delete_action.triggered.connect(lambda: self._emit_for_current(self.delete_requested))
        self.export_action.triggered.connect(lambda: self._emit_for_current(self.export_requested))
        self.undo_button.clicked.connect(self._undo)
        self._summaries: list[ConversationSummary] = []
        self._current = ""
        self._searching = False
        self._filling = False

    # -- showing ---------------------------------------------------------------------------------
    def on_conversations_listed(self, summaries: list[ConversationSummary]) -> None:
        """The full list (shown unless a search is active)."""
        self._summaries = list(summaries)
        if not self._searching:
            self._fill([(s.id, s.title, "") for s in summaries])

    def on_search_results(self, query: str, hits: list[SearchHit]) -> None:
        """Matches for ``query``; an empty query shows the full list again."""
        self._searching = bool(query)
        if not query:
            self._fill([(s.id, s.title, "") for s in self._summaries])
            self.empty_label.hide()
            return
        self._fill([(h.conversation_id, h.title, h.snippet) for h in hits])
        self.empty_label.setVisible(not hits)

    def on_current_changed(self, conversation_id: str) -> None:
        """Select the open conversation; a search that hides it is cleared (Ctrl+N under a filter)."""
        self._current = conversation_id
        if self.search_edit.text() and conversation_id not in self.ids():
            self.search_edit.clear()  # shows the whole list again (search_changed(""))
        self._select(conversation_id)

    def on_deleted(self, conversation_id: str, title: str) -> None:
        """Offer Undo for a while."""
        self._undo_id = conversation_id
        self.undo_label.setText(self.tr("Deleted “{0}”.").format(title))
        self.undo_bar.show()
        self._undo_timer.start()

    def _fill(self, rows: list[tuple[str, str, str]]) -> None:
        self._filling = True
        try:
            self.list.clear()
            for cid, title, snippet in rows:
                item = QListWidgetItem(title)
                item.setData(_ID_ROLE, cid)
                item.setToolTip(title)
                if snippet:
                    item.setText(title + "\n" + _plain_snippet(snippet))
                    item.setToolTip(html.escape(title) + "<br>" + _rich_snippet(snippet))
                self.list.addItem(item)
            self._select(self._current)
        finally:
            self._filling = False

    def _select(self, conversation_id: str) -> None:
        self._filling, was = True, self._filling
        try:
            for row in range(self.list.count()):
                item = self.list.item(row)
                if item.data(_ID_ROLE) == conversation_id:
                    self.list.setCurrentItem(item)
                    return
            self.list.setCurrentItem(None)  # type: ignore[call-overload]  # Qt takes nullptr; the stubs omit it
        finally:
            self._filling = was

    def ids(self) -> list[str]:
        """The ids listed, top to bottom."""
        return [self.list.item(r).data(_ID_ROLE) for r in range(self.list.count())]

    def titles(self) -> list[str]:
        """The titles listed, top to bottom (first line of each row)."""
        return [self.list.item(r).text().split("\n", 1)[0] for r in range(self.list.count())]

    # -- user actions ----------------------------------------------------------------------------
    def _activated(self, item: QListWidgetItem | None) -> None:
        if item is not None and not self._filling:
            self.open_requested.emit(item.data(_ID_ROLE))

    def _emit_for_current(self, signal: SignalInstance) -> None:
        item = self.list.currentItem()
        if item is not None:
            signal.emit(item.data(_ID_ROLE))

    def _menu(self, pos: QPoint) -> None:
        item = self.list.itemAt(pos)
        if item is None:
            return
        self.list.setCurrentItem(item)
        menu = QMenu(self)
        menu.addAction(self.rename_action)
        menu.addAction(self.export_action)
        menu.addSeparator()
        menu.addAction(self.delete_action)
        menu.popup(self.list.viewport().mapToGlobal(pos))

    def _undo(self) -> None:
        self.undo_bar.hide()
        if self._undo_id:
            self.undo_requested.emit(self._undo_id)
            self._undo_id = ""


def _plain_snippet(snippet: str) -> str:
    return " ".join(snippet.replace(HIGHLIGHT[0], "").replace(HIGHLIGHT[1], "").split())


def _rich_snippet(snippet: str) -> str:
    return html.escape(snippet).replace(HIGHLIGHT[0], "<b>").replace(HIGHLIGHT[1], "</b>")
