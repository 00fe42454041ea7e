"""The small questions the Conversation tab asks, each one function that returns a value.

Tests replace these functions instead of clicking through modal dialogs.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QInputDialog, QLineEdit, QWidget


def ask_title(parent: QWidget, title: str) -> str | None:
    """Ask for a conversation's new title; None when cancelled."""
    text, ok = QInputDialog.getText(
        parent,
        QCoreApplication.translate("ConversationTab", "Rename conversation"),
        QCoreApplication.translate("ConversationTab", "Title:"),
        QLineEdit.EchoMode.Normal,
        title,
    )
    return text if ok else None


def ask_prompt_edit(parent: QWidget, prompt: str) -> str | None:
    """Ask for the edited prompt to resend; None when cancelled."""
    text, ok = QInputDialog.getMultiLineText(
        parent,
        QCoreApplication.translate("ConversationTab", "Edit and resend"),
        QCoreApplication.translate("ConversationTab", "Prompt (the old answer is kept as an alternative):"),
        prompt,
    )
    return text if ok else None


def ask_export_path(parent: QWidget, title: str) -> str | None:
    """Ask where to export a conversation (Markdown or HTML, by extension); None when cancelled."""
    safe = re.sub(r'[\\/:*?"<>|\x00-\x1f]+', " ", title).strip() or "conversation"
    path, chosen = QFileDialog.getSaveFileName(
        parent,
        QCoreApplication.translate("ConversationTab", "Export conversation"),
        safe + ".md",
        QCoreApplication.translate("ConversationTab", "Markdown (*.md);;HTML with images (*.html)"),
    )
    if not path:
        return None
    if "html" in chosen.lower() and not path.lower().endswith((".html", ".htm")):
        path += ".html"
    elif "markdown" in chosen.lower() and "." not in path.rsplit("/", 1)[-1]:
        path += ".md"
    return path
