"""The README screenshots: the real app against the fake server, in realistic states, saved as small PNGs.

Run from the repository root::

    python -m tools.screenshots                 # all states into docs/screenshots/
    python -m tools.screenshots --only conversation research-running --out /tmp/shots

The app runs on a real X server: $DISPLAY when set, else an Xvfb the script starts (and stops);
``--platform offscreen`` uses Qt's offscreen platform instead (no X at all, same pixels). Every
answer comes from ``tests/fake_api`` (no network, no API key), with the content of ``tools.scenes``.

States (each one PNG, about 1280x800): ``conversation`` (a code answer, then an answer made with
Google Search, URL context and code execution steps that cites its sources), ``research-running``,
``research-report``, ``quick-ask``, ``dark`` (these two only when the tree has quick ask and
dark mode; otherwise the script prints a note and goes on), ``tool-approval`` (two local function
calls waiting on their approval cards) and ``tool-loop`` (the same turn after one call was allowed
and one denied) and ``mcp-servers`` (Settings → MCP servers with a local server just tested
and a remote one).

Images are reduced to a 256-colour palette and compressed (Pillow), a few tens of KB each.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import io
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from PySide6.QtGui import QImage

    from desktop.app import DesktopApp
    from desktop.ui.main_window import MainWindow
    from tests.fake_api import FakeInteractionsServer

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT = ROOT / "docs" / "screenshots"
WINDOW_SIZE = (1280, 800)
SCREEN = "1400x900x24"
#: Shaped like a real key (the fake server accepts anything); never a real one.
FAKE_KEY = "AIzaScreenshotKeyNotARealKey000000000000"
ENVIRON = {"GEMINI_API_KEY": FAKE_KEY, "GEMINI_DESKTOP_LOG_LEVEL": "WARNING"}


class FeatureMissingError(Exception):
    """The tree lacks the feature a state shows (the message says which); the script goes on."""


# -- display -----------------------------------------------------------------------------------
@contextlib.contextmanager
def display(platform: str) -> Iterator[str]:
    """Make Qt draw on ``platform`` (``auto``, ``xvfb`` or ``offscreen``); yields what was used.

    ``auto``: the current $DISPLAY, else a private Xvfb, else offscreen. An Xvfb started here is
    stopped on exit. Raises RuntimeError when ``xvfb`` is asked for and Xvfb cannot start.
    """
    if platform == "offscreen" or (platform == "auto" and not os.environ.get("DISPLAY") and not shutil.which("Xvfb")):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
        yield "offscreen"
        return
    if platform == "auto" and os.environ.get("DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "xcb")
        yield f"xcb on {os.environ['DISPLAY']}"
        return
    read_fd, write_fd = os.pipe()
    xvfb = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write_fd), "-screen", "0", SCREEN, "-nolisten", "tcp"],
        pass_fds=(write_fd,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write_fd)
    try:
        with os.fdopen(read_fd) as pipe:
            number = pipe.readline().strip()
        if not number:
            raise RuntimeError("Xvfb did not start (is it installed? apt-get install xvfb)")
        os.environ["DISPLAY"] = f":{number}"
        os.environ["QT_QPA_PLATFORM"] = "xcb"
        yield f"Xvfb :{number}"
    finally:
        xvfb.terminate()
        try:
            xvfb.wait(5)
        except subprocess.TimeoutExpired:
            xvfb.kill()
            xvfb.wait()


# -- saving ------------------------------------------------------------------------------------
def png_bytes(image: QImage, colours: int = 256) -> bytes:
    """``image`` as an optimised palette PNG (``colours`` colours, no dithering: text stays crisp)."""
    from PIL import Image
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice

    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")  # type: ignore[call-overload]  # the stubs say bytes; PySide6 takes only str
    buffer.close()
    with Image.open(io.BytesIO(bytes(data.data()))) as picture:
        rgb = picture.convert("RGB")
    reduced = rgb.quantize(colors=colours, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    out = io.BytesIO()
    reduced.save(out, "PNG", optimize=True)
    return out.getvalue()


def save(image: QImage, path: Path) -> int:
    """Write ``image`` to ``path`` as an optimised PNG; returns its size in bytes."""
    data = png_bytes(image)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return len(data)


# -- driving the app -----------------------------------------------------------------------------
async def until(predicate: Callable[[], Any], timeout: float = 10.0, message: str = "") -> Any:
    """Let Qt and asyncio run until ``predicate()`` is truthy; RuntimeError after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            raise RuntimeError(f"timed out waiting for {message or predicate}")
        await asyncio.sleep(0.02)


async def settle(seconds: float = 0.6) -> None:
    """Let timed renders, layouts and paints finish before a grab.

    Only the loop runs Qt's events here: a nested ``processEvents`` would re-enter asyncio.
    """
    await asyncio.sleep(seconds)


@dataclass
class Session:
    """The running app, its fake server and what the states have made so far."""

    window: MainWindow
    app: DesktopApp
    server: FakeInteractionsServer
    ids: Iterator[int] = field(default_factory=lambda: iter(range(1, 10_000)))
    #: The conversation of the code and tool answers, once a state has made it.
    main_conversation: str = ""

    def next_id(self, kind: str) -> str:
        """A fresh interaction id."""
        return f"v1_shot_{kind}_{next(self.ids)}"

    async def send(self, text: str, events: list[dict[str, Any]]) -> None:
        """Type ``text`` in the composer, press Enter, and wait until its answer has ended."""
        from PySide6.QtCore import Qt
        from PySide6.QtTest import QTest

        from tests.fake_api import Stream

        tab = self.window.conversation_tab
        self.server.push(Stream(events))
        before = len(self.server.interaction_requests())
        composer = tab.composer
        composer.setFocus()
        composer.setPlainText(text)
        QTest.keyClick(composer, Qt.Key.Key_Return)
        await until(lambda: len(self.server.interaction_requests()) > before, message="request sent")
        await until(
            lambda: tab.send_button.isEnabled() and not tab.transcript.turns()[-1].status.is_active,
            message="answer ended",
        )

    async def new_conversation(self) -> None:
        """Start a new conversation, as Ctrl+N does."""
        tab = self.window.conversation_tab
        tab.new_requested.emit()
        await until(lambda: not tab.transcript.turns(), message="empty conversation")

    def current_conversation(self) -> str:
        """The id of the conversation shown in the Conversation tab ("" when none)."""
        controller = self.app.conversation
        return (controller.current_id if controller is not None else None) or ""

    async def open_conversation(self, conversation_id: str) -> None:
        """Show ``conversation_id`` in the Conversation tab, as a click in the sidebar does."""
        self.window.show_conversation_tab()
        self.window.conversation_tab.open_requested.emit(conversation_id)
        await until(lambda: self.current_conversation() == conversation_id, message="conversation opened")
        await until(self.window.conversation_tab.transcript.turns, message="turns shown")

    def grab(self) -> QImage:
        """The main window as the user sees it (without the window manager's frame)."""
        return self.window.grab().toImage()


async def seed_sidebar(session: Session) -> None:
    """A few earlier conversations, so the sidebar is not empty."""
    from tests.fake_api import scenarios
    from tools import scenes

    for prompt, answer in scenes.EARLIER:
        await session.new_conversation()
        pieces = [answer[i : i + 80] for i in range(0, len(answer), 80)]
        await session.send(prompt, scenarios.plain_text(session.next_id("old"), pieces, model=scenes.MODEL))


async def state_conversation_code(session: Session) -> QImage:
    """A conversation whose answer holds a highlighted Python code block (other conversations in the sidebar)."""
    from tools import scenes

    await seed_sidebar(session)
    await session.new_conversation()
    hide_run_settings(session)
    await session.send(scenes.CODE_PROMPT, scenes.code_answer(session.next_id("code")))
    session.main_conversation = session.current_conversation()
    await settle()
    session.window.conversation_tab.transcript.verticalScrollBar().setValue(0)
    await settle(0.3)
    return session.grab()


async def state_conversation(session: Session) -> QImage:
    """An answer made with tool steps (search, pages read, code run) that cites its sources."""
    from tools import scenes

    if not session.window.conversation_tab.transcript.turns():
        await seed_sidebar(session)
        await session.new_conversation()
        hide_run_settings(session)
    await session.send(scenes.TOOLS_PROMPT, scenes.tools_answer(session.next_id("tools")))
    await settle()
    transcript = session.window.conversation_tab.transcript
    last = transcript.widget_for(transcript.turns()[-1].id)
    for view in last.steps_panel.views() if last is not None else ():
        if view.block.tool == "url_context":  # opened, as a click would: the pages read and their status
            view.set_expanded(True)
    await settle()
    transcript.scroll_to_end()
    await settle(0.3)
    return session.grab()


def hide_run_settings(session: Session) -> None:
    """Close the Run settings side panel (its button), so the transcript has the width."""
    button = session.window.conversation_tab.settings_bar.panel_button
    if button.isChecked():
        button.setChecked(False)


async def start_research(session: Session, prompt: str, events: list[dict[str, Any]], iid: str, *, live: bool) -> None:
    """Type ``prompt`` in the Research tab and press Start; ``live`` runs release events only on ``advance``."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    from tests.fake_api import BackgroundRun

    tab = session.window.research_tab
    session.server.push(BackgroundRun(iid, events, seconds_per_event=None if live else 0.01))
    session.window.show_research_tab()
    tab.form.prompt.setPlainText(prompt)
    QTest.mouseClick(tab.form.start_button, Qt.MouseButton.LeftButton)
    await until(lambda: any(t.interaction_id == iid for t in tasks(session)), message="research started")


def tasks(session: Session) -> list[Any]:
    """The stored research tasks."""
    storage = session.app.storage
    return list(storage.research.list()) if storage is not None else []


def task_status(session: Session, iid: str) -> str:
    """The stored status of the research task of interaction ``iid`` ("" when unknown)."""
    return next((str(t.status) for t in tasks(session) if t.interaction_id == iid), "")


async def state_research_report(session: Session) -> QImage:
    """A finished Deep Research task: its report with sources, the timeline beside it."""
    from tools import scenes

    iid = session.next_id("research")
    await start_research(session, scenes.FINISHED_TOPIC, scenes.finished_research(iid), iid, live=False)
    await until(lambda: task_status(session, iid).endswith("completed"), timeout=20, message="research completed")
    select_task(session, iid)
    await settle(1.0)
    return session.grab()


async def state_research_running(session: Session) -> QImage:
    """A Deep Research task still searching and reading (the finished one listed below it)."""
    from tools import scenes

    iid = session.next_id("running")
    events = scenes.running_research(iid)
    await start_research(session, scenes.RUNNING_TOPIC, events, iid, live=True)
    session.server.advance(iid, len(events) - scenes.RUNNING_HELD_BACK)  # mid-report
    released = scenes.RUNNING_TIMELINE_LINES
    await until(lambda: len(session.window.research_tab.detail.timeline.texts()) >= released, message="timeline")
    select_task(session, iid)
    await settle(1.0)
    return session.grab()


def select_task(session: Session, iid: str) -> None:
    """Show the task of interaction ``iid`` in the Research tab, as a click in the list does."""
    for task in tasks(session):
        if task.interaction_id == iid:
            session.window.research_tab.on_task_selected(task.id)


async def state_quick_ask(session: Session) -> QImage:
    """The quick-ask window over the main window, with a short answer."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QPlainTextEdit

    from tests.fake_api import Stream
    from tools import scenes

    show = getattr(session.app, "show_quick_ask", None)
    if show is None:
        raise FeatureMissingError("this tree has no quick-ask window (DesktopApp.show_quick_ask)")
    if session.main_conversation:
        await session.open_conversation(session.main_conversation)
    session.window.show_conversation_tab()
    hide_run_settings(session)
    await settle(0.3)
    # The app as it was when the shortcut was pressed (the exchange then becomes a conversation of its own).
    base = session.grab()
    show()
    quick = session.app.quick_window  # type: ignore[attr-defined]
    await until(quick.isVisible, message="quick ask shown")
    prompt = quick.findChild(QPlainTextEdit)
    session.server.push(Stream(scenes.quick_answer(session.next_id("quick"))))
    prompt.setFocus()
    prompt.setPlainText(scenes.QUICK_PROMPT)
    QTest.keyClick(prompt, Qt.Key.Key_Return)
    await until(lambda: "rebase" in quick.answer_text(), message="quick answer")
    await until(lambda: not session.app.conversation.busy, message="quick answer ended")  # type: ignore[union-attr]
    await settle(1.0)
    over = quick.grab().toImage()
    quick.hide()
    return overlay(base, over, top=40)


def overlay(base: QImage, over: QImage, top: int) -> QImage:
    """``over`` drawn centred on ``base`` (a third of the way down, at least ``top`` px), with a shadow."""
    from PySide6.QtGui import QColor, QPainter

    painter = QPainter(base)
    x = (base.width() - over.width()) // 2
    y = max(top, (base.height() - over.height()) // 3)
    # A plain drop shadow (soft gradients would turn into bands in a 256-colour palette).
    painter.fillRect(x + 3, y + 5, over.width() + 3, over.height() + 3, QColor(0, 0, 0, 40))
    painter.fillRect(x + 1, y + 2, over.width() + 1, over.height() + 1, QColor(0, 0, 0, 60))
    painter.drawImage(x, y, over)
    painter.end()
    return base


async def state_dark(session: Session) -> QImage:
    """The code answer again, in the dark colour scheme (dark code highlighting too)."""
    settings = session.app.settings
    if settings is None or not any(s.key == "color_scheme" for s in _schema()):
        raise FeatureMissingError("this tree has no dark mode (no color_scheme preference)")
    if session.main_conversation:
        await session.open_conversation(session.main_conversation)
    else:
        await state_conversation_code(session)
    settings.set("color_scheme", "dark")
    await settle(1.5)
    session.window.conversation_tab.transcript.verticalScrollBar().setValue(0)
    await settle(0.5)
    image = session.grab()
    settings.set("color_scheme", "system")
    await settle(0.5)
    return image


async def state_tool_approval(session: Session) -> QImage:
    """A turn waiting for the user: two approval cards (the time, and a link to open)."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    from tests.fake_api import Stream
    from tools import scenes

    tab = session.window.conversation_tab
    checks = getattr(tab.settings_bar.panel, "tool_checks", {})
    if "local.current_time" not in checks:
        raise FeatureMissingError("this tree has no local tools (local.current_time)")
    if session.main_conversation:
        await session.open_conversation(session.main_conversation)
    await session.new_conversation()
    hide_run_settings(session)
    for tool_id in ("local.current_time", "local.open_link"):
        checks[tool_id].setChecked(True)
    session.server.push(Stream(scenes.tool_loop_calls(session.next_id("calls"))))
    composer = tab.composer
    composer.setFocus()
    composer.setPlainText(scenes.TOOL_LOOP_PROMPT)
    QTest.keyClick(composer, Qt.Key.Key_Return)
    await until(lambda: len(_approval_cards(session)) == len(scenes.TOOL_LOOP_CALLS), message="approval cards")
    await settle()
    tab.transcript.scroll_to_end()
    await settle(0.3)
    return session.grab()


def _approval_cards(session: Session) -> list[Any]:
    transcript = session.window.conversation_tab.transcript
    turns = transcript.turns()
    widget = transcript.widget_for(turns[-1].id) if turns else None
    return list(widget.calls_view.cards.values()) if widget is not None else []


async def state_tool_loop(session: Session) -> QImage:
    """The same turn finished: the time allowed once, the link denied, and the model's answer."""
    from datetime import datetime

    from PySide6.QtWidgets import QPushButton

    from tests.fake_api import Stream
    from tools import scenes

    if len(_approval_cards(session)) != len(scenes.TOOL_LOOP_CALLS):
        await state_tool_approval(session)
    time_card, link_card = _approval_cards(session)
    # The answer tells the time the tool gave (this computer's, as the card shows it).
    now = datetime.now().astimezone().strftime("%H:%M")
    session.server.push(Stream(scenes.tool_loop_answer(session.next_id("after"), now)))

    def press(card: Any, name: str) -> None:
        next(b for b in card.findChildren(QPushButton) if b.accessibleName() == name).click()

    press(time_card, "Allow once")
    press(link_card, "Deny")
    tab = session.window.conversation_tab
    await until(lambda: "did not open" in tab.transcript.plain_text(), message="answer after the results")
    await until(tab.send_button.isEnabled, message="loop finished")
    await settle()
    tab.transcript.scroll_to_end()
    await settle(0.3)
    return session.grab()


MCP_TEST_SERVER = ROOT / "tests" / "mcp_server" / "tools_server.py"


async def state_mcp_servers(session: Session) -> QImage:
    """Settings → MCP servers over the main window: a local stdio server just tested (its tools listed,
    a secret variable masked) and a remote server that runs on Google's side."""

    app = session.app
    if getattr(app, "mcp", None) is None or getattr(session.window, "mcp_action", None) is None:
        raise FeatureMissingError("this tree has no MCP servers dialog")
    session.window.show_conversation_tab()
    hide_run_settings(session)
    await settle(0.3)
    base = session.grab()
    session.window.mcp_action.trigger()
    dialog = app.mcp_dialog  # type: ignore[attr-defined]
    await until(dialog.isVisible, message="MCP servers dialog shown")
    dialog.add_button.click()
    dialog.name_edit.setText("Project notes")
    dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData("remote"))
    dialog.url_edit.setText("https://mcp.example.com/notes")
    dialog.headers_table.add_row("Authorization", "Bearer not-a-real-token", True)
    dialog.add_button.click()
    dialog.name_edit.setText("Test tools")
    dialog.command_edit.setText(sys.executable)
    dialog.args_edit.setText(str(MCP_TEST_SERVER))
    dialog.env_table.add_row("NOTES_DIR", "/home/ada/Notes", False)
    dialog.env_table.add_row("NOTES_TOKEN", "not-a-real-secret", True)
    dialog.test_button.click()
    await until(lambda: "works" in dialog.status_label.text(), timeout=30, message="server tested")
    await settle()
    over = dialog.grab().toImage()
    # The servers shown are not saved: dropped (closing with edits would ask Save/Discard first).
    if app.mcp is not None:
        dialog.on_servers_listed(list(app.mcp.servers))
    dialog.close()
    return overlay(base, over, top=30)


def _schema() -> Sequence[Any]:
    from desktop.settings import SCHEMA

    return SCHEMA


#: name -> how to reach it, in the order they run (later states build on earlier ones).
STATES: dict[str, Callable[[Session], Awaitable[QImage]]] = {
    "conversation-code": state_conversation_code,
    "conversation": state_conversation,
    "research-report": state_research_report,
    "research-running": state_research_running,
    "quick-ask": state_quick_ask,
    "dark": state_dark,
    "tool-approval": state_tool_approval,
    "tool-loop": state_tool_loop,
    "mcp-servers": state_mcp_servers,
}


async def capture(names: Sequence[str], out: Path, home: Path) -> dict[str, Path]:
    """Boot the app against a fake server in ``home``, run the ``names`` states, save their PNGs in ``out``.

    Returns the files written, by state name. A state the tree cannot show is skipped with a note;
    any other failure propagates (after the app has quit).
    """
    import keyring

    from tests.memory_keyring import InMemoryKeyring

    previous_keyring = keyring.get_keyring()
    keyring.set_keyring(InMemoryKeyring())  # never the user's keyring
    try:
        return await _capture(names, out, home)
    finally:
        keyring.set_keyring(previous_keyring)


async def _capture(names: Sequence[str], out: Path, home: Path) -> dict[str, Path]:
    from desktop.app import DesktopApp
    from desktop.keystore import KeyStore
    from desktop.paths import AppPaths
    from desktop.services.genai import RetryPolicy, ServiceConfig
    from desktop.settings import Settings
    from desktop.ui.main_window import MainWindow
    from tests.fake_api import FakeInteractionsServer

    paths = AppPaths(config=home / "config", data=home / "data", cache=home / "cache", logs=home / "logs").ensure()
    settings = Settings(paths.settings_file, environ={})
    for key in ("default_tool_google_search", "default_tool_url_context", "default_tool_code_execution"):
        if any(s.key == key for s in _schema()):
            settings.set(key, True)
    written: dict[str, Path] = {}
    with FakeInteractionsServer() as server:
        window = MainWindow()
        window.resize(*WINDOW_SIZE)

        def config(api_key: str) -> ServiceConfig:
            return ServiceConfig(api_key=api_key, base_url=server.base_url, timeout_s=10, retry=RetryPolicy(attempts=1))

        app = DesktopApp(
            window,
            paths=paths,
            environ=ENVIRON,
            keystore=KeyStore(environ=ENVIRON, allow_insecure_backend_for_tests=True),
            service_config=config,
            settings=settings,
        )
        window.show()
        task = asyncio.ensure_future(app.run())
        try:
            await until(app.started.is_set, message="app started")
            await until(lambda: window.connection_label.text() == "Ready", message="client ready")
            window.resize(*WINDOW_SIZE)
            session = Session(window, app, server)
            for name, state in STATES.items():
                if name not in names:
                    continue
                try:
                    image = await state(session)
                except FeatureMissingError as skipped:
                    print(f"skipped {name}: {skipped}", flush=True)
                    continue
                path = out / f"{name}.png"
                size = save(image, path)
                written[name] = path
                print(f"wrote {path} ({image.width()}x{image.height()}, {size // 1024} KB)", flush=True)
        finally:
            window.close()
            await asyncio.wait_for(task, 15)
    return written


def run(names: Sequence[str], out: Path, platform: str = "auto") -> dict[str, Path]:
    """Start Qt on ``platform``, take the ``names`` screenshots into ``out``; returns the files written."""
    with display(platform) as used, tempfile.TemporaryDirectory(prefix="gd-shots-") as tmp:
        print(f"display: {used}", flush=True)
        import qasync
        from PySide6.QtWidgets import QApplication

        existing = QApplication.instance()
        qt_app = existing if isinstance(existing, QApplication) else QApplication([sys.argv[0]])
        qt_app.setApplicationName("Gemini Desktop")
        qt_app.setOrganizationName("gemini-desktop")
        loop = qasync.QEventLoop(qt_app)
        asyncio.set_event_loop(loop)
        try:
            written: dict[str, Path] = loop.run_until_complete(capture(names, out, Path(tmp)))
            return written
        finally:
            loop.close()  # now, while Qt still has the loop's signal sources (not at interpreter exit)
            asyncio.set_event_loop(None)


def main(argv: Sequence[str] | None = None) -> int:
    """Command line entry point; returns the exit status."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="folder for the PNGs (default docs/screenshots)")
    parser.add_argument("--only", nargs="+", choices=list(STATES), default=list(STATES), help="states to take")
    parser.add_argument("--platform", choices=("auto", "xvfb", "offscreen"), default="auto")
    args = parser.parse_args(argv)
    written = run(args.only, args.out, args.platform)
    print(f"{len(written)} screenshot(s) in {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
