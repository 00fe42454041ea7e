"""Marking user-visible strings for translation in code that does not import Qt.

``pyside6-lupdate`` finds ``QT_TRANSLATE_NOOP("Context", "text")`` by its name in any Python file
and extracts ``text`` under ``Context``; at run time the marker returns ``text`` unchanged. The
widget that shows the string translates it with ``QCoreApplication.translate(context, text)``,
using the same context. The context must be a string literal at the marker (lupdate reads the
source, not values); the contexts in use are the constants below.

Only literal text can be extracted: mark whole sentences, never text built with ``+`` or an
f-string.
"""

from __future__ import annotations

# Error titles (``AppError.title``) and messages; shown by ``ui.common.translation.describe_error``.
ERRORS = "AppError"
# Preference labels and descriptions (``settings.SCHEMA``); shown by the preferences dialog.
SETTINGS = "Settings"


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    """Mark ``text`` for extraction under ``context``; returns ``text`` as it is."""
    return text
