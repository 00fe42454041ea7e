"""Approval cards: one per function call the model asked for, in the transcript under its answer.

A card shows the tool, where it runs, the arguments as formatted JSON, and (while waiting) the
buttons "Allow once", "Always allow" and "Deny". Enter allows once, Escape denies; the first
waiting card of a turn takes the focus. Once the call ran, the card shows the result (text, an
error in red, images an MCP tool returned). Self-contained: it reads ``FunctionCallState``s and
emits the user's decision; the controller does the rest.
"""

from __future__ import annotations

import base64
import binascii
import json
import math
import re
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent, QPixmap, QResizeEvent
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from desktop.controllers.tool_reasons import translate_reason
from desktop.domain.function_calls import DENIED, LOCAL_SERVER, NEVER_ANSWERED, FunctionCallState
from desktop.ui.common.plain import plain_label

_RESULT_PREVIEW_CHARS = 4000
# What the executor and the tool loop say when Stop ends a call.
STOPPED = "Stopped by the user."
# The note the executor ends a cut result with (kept in sight in the preview).
_CUT_NOTE = re.compile(r"\[Result cut: it was (\d+) KB; only the first (\d+) KB were sent\.\]")
_IMAGE_MAX_PX = 240
# Below this width a box is not laid out yet: lines are counted unwrapped.
_NARROW_PX = 40


def _result_text(result: Any) -> str:
    if isinstance(result, str):
        return result
    if isinstance(result, list):
        texts = [str(b.get("text", "")) for b in result if isinstance(b, dict) and b.get("type") == "text"]
        return "\n".join(texts)
    if result is None:
        return ""
    return json.dumps(result, indent=2, ensure_ascii=False)


def _result_images(result: Any) -> list[bytes]:
    out: list[bytes] = []
    if isinstance(result, list):
        for block in result:
            if isinstance(block, dict) and block.get("type") == "image" and isinstance(block.get("data"), str):
                try:
                    out.append(base64.b64decode(block["data"], validate=False))
                except (binascii.Error, ValueError):
                    continue
    return out


def _fit(view: QPlainTextEdit, text: str, most: int) -> None:
    """A read-only box as tall as its lines (up to ``most`` pixels), so ``{}`` takes one line.

    Long lines wrap: each counts as the lines it fills at the box's width (once the box has one),
    so a one-line result of 4,000 characters is not squeezed into one line with a scroll bar.
    """
    metrics = view.fontMetrics()
    width = view.viewport().width() - 2 * int(view.document().documentMargin())
    lines = 0
    for line in text.split("\n"):
        lines += max(1, math.ceil(metrics.horizontalAdvance(line) / width)) if width > _NARROW_PX else 1
    view.setFixedHeight(min(most, lines * metrics.lineSpacing() + 14))


class FunctionCallCard(QFrame):
    """One function call: what it asks, the decision buttons while it waits, then its result.

    Signals:
        decided: (call id, decision) ``allow``, ``always`` or ``deny``.
    """

    decided = Signal(str, str)

    def __init__(self, call: FunctionCallState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.call_id = call.call_id
        self.setObjectName("functionCallCard")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.title = QLabel(self)
        self.title.setObjectName("functionCallTitle")
        plain_label(self.title)
        self.title.setWordWrap(True)
        self.arguments = QPlainTextEdit(self)
        self.arguments.setObjectName("functionCallArguments")
        self.arguments.setAccessibleName(self.tr("Arguments"))
        self.arguments.setReadOnly(True)
        self.arguments.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.arguments.setMaximumHeight(120)
        self.arguments.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Maximum)
        self.state_label = QLabel(self)
        self.state_label.setObjectName("functionCallState")
        self.state_label.setWordWrap(True)
        self.result_view = QPlainTextEdit(self)
        self.result_view.setObjectName("functionCallResult")
        self.result_view.setAccessibleName(self.tr("Result"))
        self.result_view.setReadOnly(True)
        self.result_view.setMaximumHeight(140)
        self.images = QHBoxLayout()
        self.allow_button = self._button(self.tr("Allow once"), "allowOnceButton", "Allow once", "allow")
        self.always_button = self._button(self.tr("Always allow"), "alwaysAllowButton", "Always allow", "always")
        self.deny_button = self._button(self.tr("Deny"), "denyButton", "Deny", "deny")
        buttons = QHBoxLayout()
        for button in (self.allow_button, self.always_button, self.deny_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.addWidget(self.title)
        layout.addWidget(self.arguments)
        layout.addLayout(buttons)
        layout.addWidget(self.state_label)
        layout.addWidget(self.result_view)
        layout.addLayout(self.images)
        self._image_count = -1
        self.show_call(call)

    def _button(self, text: str, name: str, accessible: str, decision: str) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(name)
        button.setAccessibleName(accessible)  # exact names: part of the interface, not translated
        button.clicked.connect(lambda: self.decided.emit(self.call_id, decision))
        button.installEventFilter(self)
        return button

    def show_call(self, call: FunctionCallState) -> None:
        """Show ``call`` as it is now."""
        # A local tool's label and "This computer" are kept in English with the call: shown translated.
        tool = QCoreApplication.translate("RunSettingsPanel", call.tool_label) if call.tool_label else call.name
        where = self.tr("This computer") if call.server == LOCAL_SERVER else call.server or self.tr("unknown")
        self.title.setText(self.tr("{0} wants to run {1} ({2}) · {3}").format("Gemini", tool, call.name, where))
        self.setAccessibleName(self.tr("Tool call: {0} on {1}").format(tool, where))
        args = call.arguments_text()
        if self.arguments.toPlainText() != args:
            self.arguments.setPlainText(args)
            _fit(self.arguments, args, 120)
        asking = call.state == "waiting" and not call.decision
        for button in (self.allow_button, self.always_button, self.deny_button):
            button.setVisible(asking)
        self.state_label.setText(self._state_text(call))
        # A screen reader on the card hears where the call stands, not only its name.
        self.setAccessibleDescription(self.state_label.text())
        # A denial or a call left unanswered is the user's own choice, not a failure: not in red.
        chosen = (call.decision == "deny" and call.error == DENIED) or (
            not call.decision and call.error == NEVER_ANSWERED
        )
        self.state_label.setStyleSheet("color: #b3261e;" if call.is_error and not chosen else "")
        text = _result_text(call.result) if call.state in ("done", "sent") else ""
        if len(text) > _RESULT_PREVIEW_CHARS:
            # The note that the result was cut for the model ends the text: keep it in sight.
            last = text.rsplit("\n", 1)[-1]
            note = "\n" + translate_reason(last) if _CUT_NOTE.fullmatch(last) else ""
            text = text[:_RESULT_PREVIEW_CHARS] + "…" + note
        if self.result_view.toPlainText() != text:
            self.result_view.setPlainText(text)
            _fit(self.result_view, text, 140)
        self.result_view.setVisible(bool(text) and not call.is_error)
        self._show_images(_result_images(call.result) if call.state in ("done", "sent") else [])

    def _state_text(self, call: FunctionCallState) -> str:
        if call.state == "waiting" and not call.decision:
            return self.tr("Waiting for your approval. Enter allows once, Escape denies.")
        if call.state == "waiting":
            if call.decision == "auto":
                return self.tr("Allowed without asking (always allowed); waiting to run.")
            return self.tr("Allowed; waiting to run.")
        if call.state == "running":
            return self.tr("Running…")
        if call.is_error and call.decision == "deny" and call.error == DENIED:
            return self.tr("Denied. The model was told that you declined this call.")
        if call.is_error and not call.decision and call.error == NEVER_ANSWERED:
            return self.tr("Not answered: a newer prompt was sent instead.")
        if call.is_error:
            return self.tr("Error: {0}").format(translate_reason(call.error or _result_text(call.result)))
        return self.tr("Done; result sent to the model.") if call.state == "sent" else self.tr("Done.")

    def _show_images(self, images: Sequence[bytes]) -> None:
        if len(images) == self._image_count:
            return
        self._image_count = len(images)
        while self.images.count():
            item = self.images.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        for index, data in enumerate(images):
            pixmap = QPixmap()
            if not pixmap.loadFromData(data):
                continue
            label = QLabel(self)
            label.setObjectName(f"functionCallImage_{index}")
            label.setAccessibleName(self.tr("Image returned by the tool"))
            if pixmap.width() > _IMAGE_MAX_PX or pixmap.height() > _IMAGE_MAX_PX:  # only ever made smaller
                pixmap = pixmap.scaled(
                    _IMAGE_MAX_PX,
                    _IMAGE_MAX_PX,
                    Qt.AspectRatioMode.KeepAspectRatio,
                    Qt.TransformationMode.SmoothTransformation,
                )
            label.setPixmap(pixmap)
            self.images.addWidget(label)
        self.images.addStretch(1)

    def resizeEvent(self, event: QResizeEvent) -> None:
        """The boxes follow the width: wrapped lines are counted again."""
        super().resizeEvent(event)
        for view, most in ((self.arguments, 120), (self.result_view, 140)):
            if view.toPlainText():
                _fit(view, view.toPlainText(), most)

    def event(self, event: QEvent) -> bool:
        """Enter and Escape belong to a waiting card, not to the window's shortcuts (Escape = Stop)."""
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and not self.allow_button.isHidden()
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Escape)
        ):
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Enter allows once, Escape denies (while the call waits); Enter on a button Tab reached
        presses that button (a plain push button passes Enter on to its parent, the card)."""
        if not self.allow_button.isHidden():
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                focused = self._focused_button()
                if focused is not None:
                    focused.click()
                    return
                self.decided.emit(self.call_id, "allow")
                return
            if event.key() == Qt.Key.Key_Escape:
                self.decided.emit(self.call_id, "deny")
                return
        super().keyPressEvent(event)

    def _focused_button(self) -> QPushButton | None:
        """The decision button that has the keyboard focus, if one has."""
        for button in (self.allow_button, self.always_button, self.deny_button):
            if button.hasFocus():
                return button
        return None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """The outline follows the focus into the card's buttons and out of them."""
        if event.type() in (QEvent.Type.FocusIn, QEvent.Type.FocusOut):
            self._show_focus()
        return super().eventFilter(watched, event)

    def _show_focus(self) -> None:
        focus = QApplication.focusWidget()
        inside = focus is not None and (focus is self or self.isAncestorOf(focus))
        self.setStyleSheet("#functionCallCard { border: 2px solid palette(highlight); }" if inside else "")

    def focusInEvent(self, event: QFocusEvent) -> None:
        """A focused card (or one of its buttons) is outlined, so keyboard users see which call Enter answers."""
        self._show_focus()
        super().focusInEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        """Back to the plain frame, unless the focus went to one of the card's buttons."""
        self._show_focus()
        super().focusOutEvent(event)


class FunctionCallsView(QWidget):
    """The cards of one turn, in call order; the first waiting card takes the focus when it appears.

    Signals:
        decided: (call id, decision) from any card.
        height_changed: cards were added or changed size.
    """

    decided = Signal(str, str)
    height_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("functionCallsView")
        self.setAccessibleName(self.tr("Tool calls"))
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 4, 0, 4)
        self.cards: dict[str, FunctionCallCard] = {}
        self._focused: set[str] = set()

    def show_calls(self, calls: Sequence[FunctionCallState]) -> None:
        """Show a card per call (new ones added, known ones updated)."""
        added = False
        for call in calls:
            card = self.cards.get(call.call_id)
            if card is None:
                card = FunctionCallCard(call, self)
                card.decided.connect(self.decided)
                self.cards[call.call_id] = card
                self._layout.addWidget(card)
                added = True
            else:
                card.show_call(call)
        self.setVisible(bool(self.cards))
        waiting = [c for c in calls if c.state == "waiting" and not c.decision]
        if waiting and waiting[0].call_id not in self._focused:
            self._focused.add(waiting[0].call_id)
            self.cards[waiting[0].call_id].setFocus(Qt.FocusReason.OtherFocusReason)
        if added:
            self.height_changed.emit()
