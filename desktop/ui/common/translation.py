"""Loading the interface's translation at start-up: the app's own ``.qm`` and Qt's ``qtbase``.

The language is the ``language`` preference ("" follows the system locale, "en" or "de"); it is
read once, before the first widget is built, because widgets translate their texts when they are
made (a change takes effect after a restart, as the preference says).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from desktop.i18n import ERRORS

if TYPE_CHECKING:
    from desktop.errors import AppError

# The app's translations: resources/i18n/gemini-desktop_<language>.qm (built by tools/i18n.py).
CATALOG = "gemini-desktop"
# The languages a translation exists for, besides the source language (English).
TRANSLATED = ("de",)

# Installed translators, kept referenced for as long as they are installed.
_installed: list[QTranslator] = []


def interface_locale(preference: str, system: QLocale | None = None) -> QLocale:
    """The locale the interface speaks: the preference's language, or the system's when it is "".

    ``system`` defaults to ``QLocale.system()`` (on Linux from ``LC_ALL``, ``LC_MESSAGES`` or ``LANG``).
    """
    if preference:
        return QLocale(preference)
    return system if system is not None else QLocale.system()


def install_translations(preference: str, system: QLocale | None = None) -> str:
    """Install the translators for ``preference`` on the running application; returns the language code.

    Returns "en" (and installs nothing) when the chosen language has no translation. Call before
    building widgets. ``remove_translations`` undoes it.
    """
    remove_translations()
    locale = interface_locale(preference, system)
    language = _first_translated(locale)
    if language is None:
        return "en"
    from desktop.paths import resource_file  # only when there is something to load

    app_file = resource_file(f"i18n/{CATALOG}_{language}.qm")
    for directory, name in (
        (str(app_file.parent), f"{CATALOG}_{language}"),
        (QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath), f"qtbase_{language}"),
    ):
        translator = QTranslator()
        if translator.load(name, directory):
            QCoreApplication.installTranslator(translator)
            _installed.append(translator)
    return language


def remove_translations() -> None:
    """Remove the translators ``install_translations`` installed (the interface speaks English again)."""
    while _installed:
        QCoreApplication.removeTranslator(_installed.pop())


def _first_translated(locale: QLocale) -> str | None:
    """The first of ``locale``'s languages that has a translation; None when English comes first.

    ``uiLanguages`` lists the user's languages in order of preference (``LANGUAGE=de:en`` gives
    German, then English); tags such as "de-Latn-DE" are reduced to their language.
    """
    for tag in [*locale.uiLanguages(), locale.name()]:
        code = tag.replace("-", "_").split("_")[0].lower()
        if code == "en":
            return None
        if code in TRANSLATED:
            return code
    return None


def translate_error_text(text: str) -> str:
    """An app error's text as stored on a turn ("Title: message", in English), in the interface's language.

    The text is kept in English (the database outlives a change of language); its title and message
    are translated where they are shown, each when the translation knows it, else kept as they are.
    """
    whole = QCoreApplication.translate(ERRORS, text)
    if whole != text or ": " not in text:
        return whole
    title, message = text.split(": ", 1)
    return f"{QCoreApplication.translate(ERRORS, title)}: {QCoreApplication.translate(ERRORS, message)}"


def describe_error(error: AppError) -> str:
    """The one place an app error is turned into text for a person: "Title: message", translated."""
    title = QCoreApplication.translate(ERRORS, error.title)
    message = QCoreApplication.translate(ERRORS, error.message)
    if message.startswith(title):
        return message
    return f"{title}: {message}"
