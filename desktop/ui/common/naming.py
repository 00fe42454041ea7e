"""Names for widgets Qt creates for us (standard dialog buttons), for tests and screen readers, and
the two spellings of a label's text: as read (no mnemonic) and as shown literally (no mnemonic made)."""

from __future__ import annotations

from PySide6.QtWidgets import QDialogButtonBox


def name_standard_buttons(box: QDialogButtonBox, prefix: str) -> None:
    """Give each standard button an object name (``<prefix>SaveButton``) and an accessible name."""
    for button in box.buttons():
        role = box.standardButton(button)
        label = role.name
        button.setObjectName(f"{prefix}{label}Button")
        button.setAccessibleName(without_mnemonic(button.text()))


def without_mnemonic(text: str) -> str:
    """A button or menu text as read: no mnemonic ampersands (``&&`` is one ``&``), no trailing ellipsis."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").removesuffix("…").strip()


def literal(text: str) -> str:
    """``text`` (a user's name for something) shown as it is in a menu, button or box title: no ``&`` mnemonic."""
    return text.replace("&", "&&")
