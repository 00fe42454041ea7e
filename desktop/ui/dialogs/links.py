"""The question asked before opening a link whose text names another site than its target.

One function that returns a value (ARCHITECTURE.md §1.10): tests replace it instead of clicking
through the modal dialog.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from desktop.ui.common.plain import plain_message_box


def confirmation_box(parent: QWidget | None, shown_host: str, target: str) -> QMessageBox:
    """The (not yet shown) dialog: Open and Cancel, Cancel the default."""
    box = QMessageBox(parent)
    box.setObjectName("deceptiveLinkDialog")
    box.setAccessibleName(QCoreApplication.translate("LinkDialog", "Open a link that goes elsewhere"))
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(QCoreApplication.translate("LinkDialog", "Open this link?"))
    box.setText(
        QCoreApplication.translate("LinkDialog", "This link says {0} but goes to another address:").format(shown_host)
    )
    box.setInformativeText(target)
    plain_message_box(box)
    open_button = box.addButton(QCoreApplication.translate("LinkDialog", "Open"), QMessageBox.ButtonRole.AcceptRole)
    open_button.setObjectName("openLinkButton")
    open_button.setAccessibleName(QCoreApplication.translate("LinkDialog", "Open the link"))
    cancel = box.addButton(QMessageBox.StandardButton.Cancel)
    cancel.setObjectName("cancelLinkButton")
    cancel.setAccessibleName(QCoreApplication.translate("LinkDialog", "Do not open the link"))
    box.setDefaultButton(cancel)
    box.setEscapeButton(cancel)
    return box


def confirm_open_link(parent: QWidget | None, shown_host: str, target: str) -> bool:
    """Ask whether to open ``target`` although the link's text names ``shown_host``."""
    box = confirmation_box(parent, shown_host, target)
    box.exec()
    return box.clickedButton() is not None and box.clickedButton().objectName() == "openLinkButton"
