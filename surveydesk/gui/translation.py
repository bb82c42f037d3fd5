"""The user-interface language: Danish or English, switchable while the app runs.

Source strings in the code are English. Danish comes from the compiled catalogue
``surveydesk_da.qm`` shipped in the package ``surveydesk.i18n`` (the repository folder
``i18n/``; regenerate it with ``tools/update_translations.py``). Qt's own catalogue
``qtbase_da.qm`` is installed next to it so standard buttons ("Cancel", "Open") and file
dialogs speak the same language.

Installing or removing a translator makes Qt send ``QEvent.LanguageChange`` to every
widget; windows re-set their texts in ``changeEvent``, so a switch takes effect at once.
"""

from __future__ import annotations

import importlib.resources

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QSettings, QTranslator

LANGUAGES = ("da", "en")
CATALOGUE = "surveydesk_{code}.qm"
SETTINGS_KEY = "ui/language"

# The translators currently installed, and the catalogue bytes they point into: Qt does
# not copy data passed to QTranslator.load(bytes), so the bytes must outlive the translator.
_installed: list[tuple[QTranslator, bytes | None]] = []
_current = "en"


def system_language() -> str:
    """``"da"`` if the system locale's language is Danish, else ``"en"``."""
    return "da" if QLocale.system().language() == QLocale.Language.Danish else "en"


def saved_language() -> str | None:
    """The language the user chose last time, if any."""
    value = QSettings().value(SETTINGS_KEY)
    return value if value in LANGUAGES else None


def remember_language(code: str) -> None:
    QSettings().setValue(SETTINGS_KEY, code)


def catalogue_bytes(code: str) -> bytes:
    """The compiled SurveyDesk catalogue for ``code`` (works from an installed wheel)."""
    return (importlib.resources.files("surveydesk.i18n") / CATALOGUE.format(code=code)).read_bytes()


def current_language() -> str:
    return _current


def ui_locale(code: str | None = None) -> QLocale:
    """The locale numbers and dates are shown in for a UI language."""
    code = code or _current
    if code == "da":
        return QLocale(QLocale.Language.Danish, QLocale.Country.Denmark)
    return QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom)


def set_ui_language(code: str) -> None:
    """Switch the running application to ``code`` (``"da"`` or ``"en"``)."""
    global _current
    if code not in LANGUAGES:
        raise ValueError(f"unknown UI language {code!r}; expected one of {LANGUAGES}")
    app = QCoreApplication.instance()
    if app is None:
        raise RuntimeError("create the QApplication before setting the UI language")
    while _installed:
        translator, _data = _installed.pop()
        app.removeTranslator(translator)
    _current = code
    if code == "en":
        return
    qt_own = QTranslator(app)
    qt_directory = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if qt_own.load(f"qtbase_{code}", qt_directory):
        app.installTranslator(qt_own)
        _installed.append((qt_own, None))
    ours = QTranslator(app)
    data = catalogue_bytes(code)
    if not ours.load(data):
        raise RuntimeError(f"the translation catalogue {CATALOGUE.format(code=code)} is damaged")
    app.installTranslator(ours)
    _installed.append((ours, data))


def fill(template: str, *values: object) -> str:
    """Put ``values`` into the ``%1``, ``%2``… markers of a translated string.

    Translations keep Qt's numbered markers so a translator can reorder them; PySide's
    ``translate`` returns a plain ``str``, which has no ``QString.arg``.
    """
    for number in range(len(values), 0, -1):  # %10 before %1
        template = template.replace(f"%{number}", str(values[number - 1]))
    return template
