"""Benchmark: the GUI thread while a 500 MB video is dropped, hashed, stored and uploaded.

Run: ``python -m tests.benchmarks.attachments_responsiveness [--mb 500] [--random]``

A qasync loop over a QApplication shows an ``AttachmentBar`` bound to an
``AttachmentsController`` with the real pipeline: reading and hashing (I/O threads), a copy into
the blob store, and an upload through the real SDK (worker thread) to the fake Files API, which
runs in a separate process so it never shares the app's GIL. A 10 ms QTimer on the GUI thread
records the longest gap between its ticks (target: at most 50 ms). With ``--app`` (the default) the
same file is also dropped on the real window's conversation tab and sent as a prompt: drop, read,
hash, store, upload, building the request and streaming the answer, all measured together. Two files are tried: a sparse
one (``truncate``: reads are nearly free, so the upload path dominates) and, with ``--random``,
one of real random bytes on disk. Figures, not assertions.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication

from tests.benchmarks.ticks import TickMonitor

HEADER = (
    b"\x00\x00\x00\x1cftypisom\x00\x00\x02\x00isomiso2mp41"
    + b"\x00\x00\x00\x40moov"
    + b"\x00\x00\x00\x2dhdlr"
    + b"\x00" * 8
    + b"vide"
    + b"\x00" * 12
    + b"video\x00"
)


def make_file(folder: Path, mb: int, *, random: bool) -> Path:
    """A video-looking file of ``mb`` MB: sparse (fast) or real random bytes."""
    path = folder / f"{'random' if random else 'sparse'}-{mb}MB.mp4"
    with open(path, "wb") as handle:
        handle.write(HEADER)
        if random:
            chunk = 8 * 1024 * 1024
            left = mb * 1024 * 1024 - len(HEADER)
            while left > 0:
                handle.write(os.urandom(min(chunk, left)))
                left -= chunk
        else:
            handle.truncate(mb * 1024 * 1024)
    return path


async def run_one(base_url: str, path: Path, work: Path) -> None:
    from desktop.controllers.attachments import AttachmentsController
    from desktop.services.attachments.service import AttachmentService, AttachmentState
    from desktop.services.genai import GeminiService, RetryPolicy, ServiceConfig
    from desktop.store import BlobStore, open_database
    from desktop.store.uploads import UploadRepository
    from desktop.ui.attachments.bar import AttachmentBar

    api = GeminiService(
        ServiceConfig(api_key="bench", base_url=base_url, timeout_s=600.0, retry=RetryPolicy(attempts=1))
    )
    await api.start()
    service = AttachmentService(
        api,
        UploadRepository(open_database(work / f"{path.stem}.sqlite3")),
        BlobStore(work / f"blobs-{path.stem}"),
        inline_limit_bytes=15 * 1024 * 1024,
    )
    controller = AttachmentsController(service)
    bar = AttachmentBar()
    bar.bind(controller)
    bar.resize(600, 120)
    bar.show()
    monitor = TickMonitor()
    phases: dict[str, float] = {}
    started = time.perf_counter()

    def on_change(att: object) -> None:
        state = getattr(att, "state", None)
        if state is AttachmentState.UPLOADING and "read+hash+store" not in phases:
            phases["read+hash+store"] = time.perf_counter() - started

    controller.changed.connect(on_change)
    monitor.start()
    [att] = controller.add_paths([path])
    while att.busy:
        await asyncio.sleep(0.05)
    monitor.stop()
    total = time.perf_counter() - started
    if att.state is not AttachmentState.READY:
        print(f"  FAILED: {att.message}")
    upload = total - phases.get("read+hash+store", 0.0)
    print(
        f"{path.name}: {monitor.summary()} | read+hash+store {phases.get('read+hash+store', 0):.1f} s, "
        f"upload {upload:.1f} s, total {total:.1f} s"
    )
    controller.clear()
    bar.close()
    await api.aclose()


async def run_app(base_url: str, path: Path, work: Path) -> None:
    """The whole app: drop ``path`` on the conversation tab, wait until it is ready, send, wait for the answer."""
    from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
    from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent

    from desktop.app import DesktopApp
    from desktop.paths import AppPaths
    from desktop.ui.main_window import MainWindow

    folder = work / f"app-{path.stem}"
    window = MainWindow()
    window.show()
    environ = {"GEMINI_API_KEY": "AIzaBenchmarkKey000000000000000000000000", "GOOGLE_GEMINI_BASE_URL": base_url}
    app = DesktopApp(
        window,
        paths=AppPaths(config=folder / "c", data=folder / "d", cache=folder / "k", logs=folder / "l"),
        environ=environ,
    )
    task = asyncio.ensure_future(app.run())
    deadline = time.perf_counter() + 30
    while window.connection_label.text() != "Ready":
        if time.perf_counter() > deadline:
            print(f"  NOT READY: {window.connection_label.text()}")
            window.close()
            await task
            return
        await asyncio.sleep(0.05)
    tab = window.conversation_tab
    monitor = TickMonitor()
    started = time.perf_counter()
    monitor.start()
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    # Qt delivers a drop only to the widget that accepted the drag's enter (as a real drag does).
    for kind in (QDragEnterEvent, QDragMoveEvent):
        QApplication.sendEvent(
            tab,
            kind(
                QPointF(100, 100).toPoint(),
                Qt.DropAction.CopyAction,
                mime,
                Qt.MouseButton.LeftButton,
                Qt.KeyboardModifier.NoModifier,
            ),
        )
    QApplication.sendEvent(
        tab,
        QDropEvent(
            QPointF(100, 100), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
        ),
    )
    deadline = time.perf_counter() + 120
    attachments = app.attachments  # the composer's attachments controller, built once the app runs
    while not (attachments.attachments and attachments.can_send and tab.send_button.isEnabled()):
        failed = [a for a in attachments.attachments if not a.busy and not a.ready]
        if failed or time.perf_counter() > deadline:
            print(f"  FAILED: {[a.message for a in attachments.attachments]} {tab.status_label.text()}")
            window.close()
            await task
            return
        await asyncio.sleep(0.05)
    ready = time.perf_counter() - started
    tab.composer.setPlainText("What happens in this video?")
    tab.composer.submit()
    while not tab.transcript.turns() or tab.transcript.turns()[-1].status.is_active or not tab.send_button.isEnabled():
        if time.perf_counter() > deadline:
            print(f"  TIMED OUT: {tab.status_label.text()}")
            break
        await asyncio.sleep(0.05)
    monitor.stop()
    total = time.perf_counter() - started
    turn = tab.transcript.turns()[-1]
    print(
        f"{path.name} (whole app, drop + send): {monitor.summary()} | ready {ready:.1f} s, "
        f"answered {total:.1f} s, turn {turn.status.value}"
    )
    window.close()
    await task


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=int, default=500)
    parser.add_argument("--no-app", dest="app", action="store_false", help="skip the whole-app run")
    parser.add_argument("--random", action="store_true", help="also a file of real random bytes")
    args = parser.parse_args()

    import qasync

    app = QApplication.instance() or QApplication(sys.argv)
    app.setQuitOnLastWindowClosed(False)  # closing one run's window must not stop the loop for the next
    server = subprocess.Popen(
        [sys.executable, "-m", "tests.benchmarks.serve_fake"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    try:
        assert server.stdout is not None
        base_url = server.stdout.readline().split()[1]
        with tempfile.TemporaryDirectory(prefix="attach-bench-") as tmp:
            work = Path(tmp)
            files = [make_file(work, args.mb, random=False)]
            if args.random:
                files.append(make_file(work, args.mb, random=True))
            loop = qasync.QEventLoop(app)
            asyncio.set_event_loop(loop)
            print(f"GUI-thread responsiveness while a {args.mb} MB video is attached (target: max wait <= 50 ms)")

            async def run_all() -> None:
                # One run of the loop: a second run_until_complete of a qasync loop misses
                # thread-safe callbacks (the store opening on an I/O thread never came back).
                for path in files:
                    await run_one(base_url, path, work)
                    if args.app:
                        await run_app(base_url, path, work)

            loop.run_until_complete(run_all())
            loop.close()
    finally:
        if server.stdin:
            server.stdin.close()
        server.wait(timeout=10)


if __name__ == "__main__":
    main()
