"""Names for widgets Qt creates for us (standard dialog buttons), for tests and screen readers."""

from __future__ import annotations

from PySide6.QtWidgets import QDialogButtonBox


def name_standard_buttons(box: QDialogButtonBox, prefix: str) -> None:
    """Give each standard button an object name (``<prefix>SaveButton``) and an accessible name."""
    for button in box.buttons():
        role = box.standardButton(button)
        label = role.name
        button.setObjectName(f"{prefix}{label}Button")
        button.setAccessibleName(button.text().replace("&", ""))
