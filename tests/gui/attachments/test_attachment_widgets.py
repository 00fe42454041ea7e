"""Attachment widgets: dropping and pasting files, chips, the controller, and the image viewer."""

from __future__ import annotations

import base64
import os
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QColor, QDragEnterEvent, QDragLeaveEvent, QDragMoveEvent, QDropEvent, QImage
from PySide6.QtWidgets import QApplication, QPlainTextEdit, QVBoxLayout, QWidget

from desktop.controllers.attachments import AttachmentsController
from desktop.domain.api import TurnRequest
from desktop.services.attachments.service import AttachmentService, AttachmentState
from desktop.services.genai import GeminiService
from desktop.store import BlobStore, open_database
from desktop.store.uploads import UploadRepository
from desktop.ui.attachments import image_viewer
from desktop.ui.attachments.bar import AttachmentBar
from desktop.ui.attachments.drop_overlay import DropTarget
from desktop.ui.attachments.image_viewer import ImageViewer
from desktop.ui.attachments.paste import PasteHelper
from tests.attachment_samples import SAMPLES, png, write
from tests.fake_api import FakeInteractionsServer, Stream, scenarios
from tests.gui.conftest import until
from tests.service_helpers import started_service

ACTIONS = Qt.DropAction.CopyAction
# PySide 6.12 marks the QPoint constructors of drag events deprecated, yet resolves the QPointF ones
# only in some processes; the QPoint ones work everywhere.
pytestmark = pytest.mark.filterwarnings("ignore:Function.*QDrag.*deprecated:DeprecationWarning")


def _mime(urls: list[QUrl]) -> QMimeData:
    mime = QMimeData()
    mime.setUrls(urls)
    return mime


def _drag(target: QWidget, mime: QMimeData) -> tuple[bool, bool]:
    """Send enter + move over ``target``; returns (enter accepted, move accepted)."""
    pos = QPointF(target.width() / 2, target.height() / 2)
    enter = QDragEnterEvent(pos.toPoint(), ACTIONS, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(target, enter)
    move = QDragMoveEvent(pos.toPoint(), ACTIONS, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(target, move)
    return enter.isAccepted(), move.isAccepted()


def _drop(target: QWidget, mime: QMimeData) -> bool:
    drop = QDropEvent(
        QPointF(target.width() / 2, target.height() / 2),
        ACTIONS,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(target, drop)
    return drop.isAccepted()


@pytest.fixture
def area(qtbot):
    """A stand-in for the conversation tab: a panel with a prompt editor inside."""
    tab = QWidget()
    editor = QPlainTextEdit(tab)
    QVBoxLayout(tab).addWidget(editor)
    tab.resize(500, 300)
    qtbot.addWidget(tab)
    tab.show()
    return tab, editor


def test_dragging_files_highlights_and_dropping_emits_them(area, tmp_path):
    tab, editor = area
    target = DropTarget(tab)
    files = [write(tmp_path, "a.png", png()), write(tmp_path, "b.pdf", SAMPLES["paper.pdf"][0])]
    mime = _mime([QUrl.fromLocalFile(str(p)) for p in files])
    dropped: list[list[Path]] = []
    target.files_dropped.connect(dropped.append)

    assert not target.highlighted
    assert _drag(editor, mime) == (True, True)  # the editor would otherwise insert the paths as text
    assert target.highlighted and target.overlay.geometry() == tab.rect()
    assert _drop(editor, mime)
    assert not target.highlighted
    assert dropped == [files] and editor.toPlainText() == ""


def test_leaving_the_area_removes_the_highlight(qtbot, area, tmp_path):
    tab, _ = area
    target = DropTarget(tab)
    _drag(tab, _mime([QUrl.fromLocalFile(str(write(tmp_path, "a.png", png())))]))
    assert target.highlighted
    QApplication.sendEvent(tab, QDragLeaveEvent())
    qtbot.waitUntil(lambda: not target.highlighted, timeout=2000)


def test_a_folder_and_a_web_link_are_refused_with_a_message(area, tmp_path):
    tab, _ = area
    target = DropTarget(tab)
    folder = tmp_path / "photos"
    folder.mkdir()
    good = write(tmp_path, "ok.png", png())
    rejected: list[tuple[list[str], str]] = []
    dropped: list[list[Path]] = []
    target.urls_rejected.connect(lambda items, message: rejected.append((items, message)))
    target.files_dropped.connect(dropped.append)
    mime = _mime([QUrl.fromLocalFile(str(folder)), QUrl("https://example.com/cat.png"), QUrl.fromLocalFile(str(good))])
    assert _drag(tab, mime)[0] and _drop(tab, mime)
    assert rejected == [
        (
            [str(folder), "https://example.com/cat.png"],
            "“photos” is a folder: attach the files inside instead. “https://example.com/cat.png” is a "
            "link, not a file on this computer: download it first.",
        )
    ]
    assert dropped == [[good]]  # the good file still arrives


def test_plain_text_drags_are_left_to_the_editor(area):
    tab, editor = area
    target = DropTarget(tab)
    mime = QMimeData()
    mime.setText("just words")
    _drag(editor, mime)
    assert not target.highlighted


def test_pasting_an_image_saves_a_png_and_files_are_attached(qtbot, tmp_path):
    helper = PasteHelper(tmp_path / "cache", long_text_chars=50)
    got: list[list[Path]] = []
    helper.files_pasted.connect(got.append)
    image = QImage(30, 20, QImage.Format.Format_RGB32)
    image.fill(QColor("#3366cc"))
    mime = QMimeData()
    mime.setImageData(image)
    assert helper.handle(mime)
    qtbot.waitUntil(lambda: bool(got), timeout=5000)
    saved = got[0][0]
    assert saved.suffix == ".png" and saved.parent == tmp_path / "cache"
    again = QImage(str(saved))
    assert again.size() == image.size() and again.pixelColor(5, 5) == QColor("#3366cc")

    copied = write(tmp_path, "notes.md", b"# hi\n")
    assert helper.handle(_mime([QUrl.fromLocalFile(str(copied))]))
    assert got[-1] == [copied]

    short = QMimeData()
    short.setText("a short question")
    assert not helper.handle(short)  # the editor pastes it as text
    long = QMimeData()
    long.setText("x" * 60)
    assert helper.handle(long)
    qtbot.waitUntil(lambda: len(got) == 3, timeout=5000)
    assert got[-1][0].suffix == ".txt" and got[-1][0].read_text() == "x" * 60


# -- the controller with chips, against the fake server ----------------------------------------------


@pytest.fixture
async def api(fake_server: FakeInteractionsServer) -> AsyncIterator[GeminiService]:
    async with started_service(fake_server) as svc:
        yield svc


@pytest.fixture
def controller(api, tmp_path):
    service = AttachmentService(
        api,
        UploadRepository(open_database(tmp_path / "app.sqlite3")),
        BlobStore(tmp_path / "blobs"),
        inline_limit_bytes=1024 * 1024,
        poll_s=0.01,
    )
    return AttachmentsController(service)


async def test_dropped_files_become_chips_and_reach_the_server(qtbot, area, controller, api, fake_server, tmp_path):
    tab, editor = area
    bar = AttachmentBar(tab)
    tab.layout().insertWidget(0, bar)
    bar.bind(controller)
    target = DropTarget(tab)
    target.files_dropped.connect(controller.add_paths)
    big = SAMPLES["movie.mp4"][0] + os.urandom(2 * 1024 * 1024)
    files = [
        write(tmp_path, "cat.png", png(64, 48)),
        write(tmp_path, "paper.pdf", SAMPLES["paper.pdf"][0]),
        write(tmp_path, "clip.mp4", big),
        write(tmp_path, "notes.py", b"print('hi')\n"),
    ]
    editor.setPlainText("Compare these")
    mime = _mime([QUrl.fromLocalFile(str(p)) for p in files])
    _drag(editor, mime)
    _drop(editor, mime)

    await until(lambda: controller.can_send and len(controller.attachments) == 4, 15, "attachments ready")
    chips = bar.chips
    assert [c.name_label.toolTip() for c in chips] == ["cat.png", "paper.pdf", "clip.mp4", "notes.py"]
    assert chips[0].detail_label.toolTip() == "156 bytes · PNG image" and "2.1 MB" in chips[2].detail_label.toolTip()
    await until(lambda: chips[0].has_thumbnail, 5, "thumbnail")
    assert not chips[1].has_thumbnail  # a PDF shows a badge

    fake_server.push(Stream(scenarios.plain_text("v1_att", ["Seen."])))
    request = TurnRequest(input=controller.build_input(editor.toPlainText()), model="gemini-3-flash-preview")
    [_ async for _ in api.stream_turn(request)]
    sent = fake_server.interaction_requests()[-1].json["input"][0]["content"]
    uploaded = next(iter(fake_server.files.values()))
    assert sent == [
        {"type": "image", "data": base64.b64encode(png(64, 48)).decode(), "mime_type": "image/png"},
        {
            "type": "document",
            "data": base64.b64encode(SAMPLES["paper.pdf"][0]).decode(),
            "mime_type": "application/pdf",
        },
        {"type": "video", "uri": uploaded.to_json()["uri"], "mime_type": "video/mp4"},
        {"type": "text", "text": "notes.py:\nprint('hi')\n"},
        {"type": "text", "text": "Compare these"},
    ]
    assert uploaded.data == big
    assert editor.toPlainText() == "Compare these"

    chips[1].remove_button.click()
    assert [a.name for a in controller.attachments] == ["cat.png", "clip.mp4", "notes.py"]
    await until(lambda: len(bar.chips) == 3, 2, "chip removed")


async def test_bad_files_fail_on_their_chip_and_nothing_else_is_lost(qtbot, area, controller, fake_server, tmp_path):
    tab, editor = area
    bar = AttachmentBar(tab)
    bar.bind(controller)
    editor.setPlainText("keep me")
    good = write(tmp_path, "good.png", png())
    cut = write(tmp_path, "cut.png", png()[:-12])
    controller.add_paths([good, cut, write(tmp_path, "empty.txt", b"")])
    fake_server.fail_next_upload(500, message="disk full")
    video = controller.add_paths([write(tmp_path, "v.mp4", SAMPLES["movie.mp4"][0] + os.urandom(1024 * 1024))])[0]
    await until(lambda: not any(a.busy for a in controller.attachments), 10, "all settled")
    states = {a.name: a.state for a in controller.attachments}
    assert states == {
        "good.png": AttachmentState.READY,
        "cut.png": AttachmentState.FAILED,
        "empty.txt": AttachmentState.FAILED,
        "v.mp4": AttachmentState.FAILED,
    }
    chip = bar.chip(controller.attachments[1].id)
    assert chip.error_label.isVisibleTo(bar) and "looks damaged" in chip.error_label.text()
    assert bar.chip(video.id).retry_button.isVisibleTo(bar)  # a server error can be retried
    assert "could not be attached" in controller.blocking_message()
    assert editor.toPlainText() == "keep me"
    bar.chip(video.id).retry_button.click()
    await until(lambda: video.state is AttachmentState.READY, 10, "retried upload")
    assert bar.chip(video.id).error_label.isHidden()


async def test_an_upload_can_be_cancelled_from_its_chip(qtbot, area, controller, fake_server, tmp_path):
    tab, _ = area
    bar = AttachmentBar(tab)
    bar.bind(controller)
    fake_server.processing_polls = 10_000  # the video stays "processing" until cancelled
    video = controller.add_paths([write(tmp_path, "v.mp4", SAMPLES["movie.mp4"][0] + os.urandom(1024 * 1024))])[0]
    chip = bar.chip(video.id)
    await until(lambda: video.state is AttachmentState.PROCESSING, 10, "processing")
    assert chip.cancel_button.isVisibleTo(bar) and chip.progress.isVisibleTo(bar)
    chip.cancel_button.click()
    assert video.state is AttachmentState.CANCELLED
    assert chip.error_label.text() == "Upload cancelled." and not chip.cancel_button.isVisibleTo(bar)
    assert not controller.can_send and "was cancelled" in controller.blocking_message()


def test_chips_show_progress_and_errors(qtbot, tmp_path):
    from desktop.services.attachments.detect import MP4
    from desktop.services.attachments.errors import DamagedFileError
    from desktop.services.attachments.service import Attachment

    bar = AttachmentBar()
    qtbot.addWidget(bar)
    upload = Attachment.from_path(tmp_path / "holiday.mp4")
    upload.size, upload.file_type, upload.state, upload.sent = 500_000_000, MP4, AttachmentState.UPLOADING, 125_000_000
    bar.add(upload)
    chip = bar.chip(upload.id)
    assert chip.progress.maximum() == 1000 and chip.progress.value() == 250
    assert chip.detail_label.text() == "Uploading… 25%"
    assert chip.detail_label.toolTip() == "Uploading… 125.0 MB of 500.0 MB"
    assert chip.remove_button.accessibleName() == "Remove holiday.mp4"
    assert chip.cancel_button.accessibleName() == "Cancel upload of holiday.mp4"
    upload.fail(DamagedFileError("“holiday.mp4” looks damaged."))
    bar.update_attachment(upload)
    assert chip.error_label.text() == "“holiday.mp4” looks damaged." and chip.progress.isHidden()
    removed: list[str] = []
    bar.remove_requested.connect(removed.append)
    chip.remove_button.click()
    assert removed == [upload.id]


# -- image viewer ---------------------------------------------------------------------------------


def test_viewer_zooms_fits_and_saves_the_same_bytes(qtbot, tmp_path, monkeypatch):
    data = png(800, 600)
    viewer = ImageViewer(data, name="generated.png", cache_dir=tmp_path / "cache")
    qtbot.addWidget(viewer)
    viewer.resize(500, 400)
    viewer.show()
    qtbot.waitExposed(viewer)
    viewer.fit()
    fit = viewer.zoom
    assert fit < 1.0 and viewer.label.width() <= viewer.scroll_area.viewport().width()
    viewer.buttons["zoomIn"].click()
    assert viewer.zoom == pytest.approx(fit * 1.25) and not viewer.fitting
    viewer.buttons["actual"].click()
    assert viewer.zoom == 1.0 and viewer.label.size().width() == 800 and viewer.zoom_label.text() == "100%"
    viewer.buttons["zoomOut"].click()
    assert viewer.zoom == pytest.approx(0.8)
    viewer.buttons["fit"].click()
    assert viewer.fitting and viewer.zoom == pytest.approx(fit)

    target = tmp_path / "out" / "saved.png"
    target.parent.mkdir()
    monkeypatch.setattr(image_viewer, "ask_save_path", lambda parent, name, mime: target)
    viewer.buttons["save"].click()
    assert target.read_bytes() == data

    viewer.buttons["copy"].click()
    clip = QApplication.clipboard().mimeData()
    assert bytes(clip.data("image/png").data()) == data
    exported = Path(clip.urls()[0].toLocalFile())
    assert exported.read_bytes() == data and exported.name == "generated.png"
    assert not QImage(clip.imageData()).isNull()
