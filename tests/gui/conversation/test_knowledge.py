"""The Knowledge dialog against the fake File Search stores API, and the schema editor."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication

from desktop.services.attachments.read import human_size
from desktop.services.conversation.structured import TEMPLATES
from desktop.ui.dialogs import knowledge as knowledge_module
from desktop.ui.dialogs.knowledge import KnowledgeDialog
from desktop.ui.dialogs.schema_editor import SchemaEditorDialog
from desktop.ui.dialogs.store_picker import StorePickerDialog
from tests.gui.conftest import until
from tests.gui.harness import quit_app, start, unnamed_widgets

ACTIONS = Qt.DropAction.CopyAction


def drop(target, paths: list[Path]) -> bool:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    pos = QPointF(target.width() / 2, target.height() / 2)
    enter = QDragEnterEvent(pos.toPoint(), ACTIONS, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(target, enter)
    event = QDropEvent(pos, ACTIONS, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(target, event)
    return enter.isAccepted() and event.isAccepted()


def documents(dialog: KnowledgeDialog) -> list[tuple[str, str]]:
    table = dialog.documents
    return [(table.item(r, 0).text(), table.item(r, 2).text()) for r in range(table.rowCount())]


async def test_stores_are_created_filled_by_drop_and_picker_and_deleted_with_confirmation(
    qtbot, fake_server, app_paths, memory_keyring, monkeypatch, tmp_path
):
    fake_server.file_search.failing_names.add("broken.bin")
    window, app, task = await start(qtbot, fake_server, app_paths)
    app.knowledge.poll_s = 0.02
    next(a for a in window.conversation_menu.actions() if a.objectName() == "knowledgeAction").trigger()
    dialog = app.knowledge_dialog
    assert dialog is not None and dialog.isVisible()
    await until(lambda: "No stores yet" in dialog.message.text(), message="listed")

    monkeypatch.setattr(knowledge_module, "ask_store_name", lambda parent: "Manuals")
    dialog.new_button.click()
    await until(lambda: dialog.stores_list.count() == 1, message="created")
    assert dialog.current_store() and dialog.stores_list.item(0).text().startswith("Manuals")

    notes = tmp_path / "notes.txt"
    notes.write_text("The pump needs oil every 200 hours.\n" * 50)
    assert drop(dialog, [notes])
    await until(lambda: documents(dialog) == [("notes.txt", "Ready")], message="uploaded and processed")
    key = next(iter(dialog._upload_rows))
    assert dialog.upload_status(key) == "Ready"

    broken = tmp_path / "broken.bin"
    broken.write_bytes(b"\x00\x01")
    monkeypatch.setattr(knowledge_module, "choose_files", lambda parent: [broken])
    dialog.add_button.click()
    await until(lambda: len(documents(dialog)) == 2, message="second file listed")
    failed_key = list(dialog._upload_rows)[-1]
    await until(lambda: dialog.upload_status(failed_key).startswith("Failed"), message="failed")
    assert "could not be processed" in dialog.upload_status(failed_key)
    assert ("broken.bin", "Failed") in documents(dialog)
    store = fake_server.file_search.stores[dialog.current_store()]
    assert next(d.data for d in store.documents.values()) == notes.read_bytes()

    asked: list[str] = []
    monkeypatch.setattr(knowledge_module, "confirm", lambda parent, title, text: asked.append(text) or False)
    dialog.documents.selectRow(0)
    dialog.delete_document_button.click()
    assert len(documents(dialog)) == 2 and "notes.txt" in asked[-1]  # said no: nothing deleted
    monkeypatch.setattr(knowledge_module, "confirm", lambda parent, title, text: True)
    dialog.delete_document_button.click()
    await until(lambda: documents(dialog) == [("broken.bin", "Failed")], message="document deleted")
    dialog.delete_store_button.click()
    await until(lambda: dialog.stores_list.count() == 0, message="store deleted")
    assert fake_server.file_search.stores == {}
    assert unnamed_widgets(dialog) == []
    dialog.close()
    await quit_app(window, task)


def test_the_schema_editor_refuses_an_invalid_schema_and_points_at_it(qtbot):
    dialog = SchemaEditorDialog({"type": "object"})
    qtbot.addWidget(dialog)
    assert unnamed_widgets(dialog) == []
    dialog.editor.setPlainText('{\n  "type": "object",\n  "properties": {"x": {"type": "strin"}}\n}')
    dialog.accept()
    assert dialog.schema is None and dialog.result() != dialog.DialogCode.Accepted
    assert "properties → x → type" in dialog.problem_label.text()
    dialog.editor.setPlainText('{\n  "type": "object",\n  oops\n}')
    dialog.accept()
    assert "line 3" in dialog.problem_label.text() and dialog.editor.textCursor().blockNumber() == 2
    dialog.template_combo.setCurrentIndex(dialog.template_combo.findData("Classification"))
    dialog.use_template_button.click()
    dialog.accept()
    assert dialog.schema == TEMPLATES["Classification"]


def test_the_store_picker_and_knowledge_dialog_are_named(qtbot):
    from desktop.domain.knowledge import KnowledgeStore

    picker = StorePickerDialog(
        [KnowledgeStore("fileSearchStores/a", "A"), KnowledgeStore("fileSearchStores/b", "B")], ["fileSearchStores/b"]
    )
    qtbot.addWidget(picker)
    assert picker.chosen() == ["fileSearchStores/b"]
    dialog = KnowledgeDialog()
    qtbot.addWidget(dialog)
    assert unnamed_widgets(picker) == [] and unnamed_widgets(dialog) == []


def test_sizes_read_as_everywhere_else_in_the_app(qtbot):
    """A file's size in a store is written as on its attachment chip (``human_size``: decimal units)."""
    from desktop.domain.knowledge import KnowledgeDocument, KnowledgeStore

    dialog = KnowledgeDialog()
    qtbot.addWidget(dialog)
    dialog.on_stores_listed([KnowledgeStore("fileSearchStores/a", "A", active_documents=1, size_bytes=1_500_000)])
    dialog.stores_list.setCurrentRow(0)
    assert "1.5 MB" in dialog.stores_list.item(0).text()
    dialog.on_documents_listed("fileSearchStores/a", [KnowledgeDocument("d", "manual.pdf", "active", 1_500_000)])
    assert dialog.documents.item(0, 1).text() == human_size(1_500_000) == "1.5 MB"
