"""The Qt translation pipeline: the committed .ts is current and complete, the .qm matches it.

After changing UI strings run ``python tools/update_translations.py`` (see its docstring).
"""

from __future__ import annotations

import importlib.util
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FIX = "run `python tools/update_translations.py`, translate, and commit the .ts and .qm"


def _load_tool():
    spec = importlib.util.spec_from_file_location(
        "update_translations", ROOT / "tools" / "update_translations.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


tool = _load_tool()
TS = tool.ts_path("da")
QM = tool.qm_path("da")


def _require(name: str) -> str:
    found = tool.find_tool(name)
    if found is None:
        pytest.skip(
            f"pyside6-{name} not found next to {Path(tool.sys.executable).name}, "
            "on PATH or in the PySide6 package"
        )
    return found


def _messages() -> list[tuple[str, ET.Element]]:
    root = ET.parse(TS).getroot()
    return [
        (context.findtext("name", ""), message)
        for context in root.iter("context")
        for message in context.iter("message")
    ]


def test_committed_ts_has_every_ui_string_of_the_code():
    _require("lupdate")
    report = tool.stale_report("da")
    assert not report, f"{TS.name} is stale ({FIX}):\n  " + "\n  ".join(report)


def test_the_ts_sources_cover_the_gui_and_the_app():
    names = {path.name for path in tool.source_files()}
    assert {"main_window.py", "overview.py", "translation.py", "app.py"} <= names
    assert TS.is_file() and QM.is_file()


def test_every_string_has_a_finished_danish_translation():
    unfinished = []
    for context, message in _messages():
        source = message.findtext("source", "")
        translation = message.find("translation")
        forms = [translation.text] if translation is not None else []
        if translation is not None and message.get("numerus") == "yes":
            forms = [form.text for form in translation.iter("numerusform")]
        if (
            translation is None
            or translation.get("type")
            or not all(form and form.strip() for form in forms)
        ):
            unfinished.append(f"[{context}] {source!r}")
    assert not unfinished, f"untranslated in {TS.name} ({FIX}):\n  " + "\n  ".join(unfinished)


def test_translations_keep_placeholders_and_accelerators():
    wrong = []
    for context, message in _messages():
        source = message.findtext("source", "")
        text = message.findtext("translation", "") or ""
        if sorted(re.findall(r"%\d", source)) != sorted(re.findall(r"%\d", text)):
            wrong.append(f"[{context}] {source!r}: placeholders differ in {text!r}")
        if source.count("&") - source.count("&&") * 2 != text.count("&") - text.count("&&") * 2:
            wrong.append(f"[{context}] {source!r}: keyboard accelerator lost in {text!r}")
    assert not wrong, "\n".join(wrong)


def test_the_danish_menu_words_are_the_agreed_ones():
    translated = {
        message.findtext("source"): message.findtext("translation")
        for _context, message in _messages()
    }
    assert translated["&File"] == "&Fil"
    assert translated["&Open project…"] == "&Åbn projekt…"
    assert translated["&New project from form…"] == "&Ny undersøgelse fra spørgeskema…"
    assert translated["Wave"] == "Bølge"
    assert translated["In person"] == "Personligt fremmøde"
    assert translated["Questionnaire"] == "Spørgeskema"


def test_committed_qm_is_compiled_from_the_committed_ts(tmp_path):
    _require("lrelease")
    fresh = tmp_path / QM.name
    tool.run_lrelease(TS, fresh)
    if fresh.read_bytes() == QM.read_bytes():
        return
    # Another lrelease version may lay the file out differently: compare what it translates.
    from PySide6.QtCore import QTranslator

    committed, expected = QTranslator(), QTranslator()
    assert committed.load(str(QM)) and expected.load(str(fresh))
    differing = []
    for context, message in _messages():
        source = message.findtext("source", "")
        ours = committed.translate(context, source)
        theirs = expected.translate(context, source)
        if ours != theirs:
            differing.append(f"[{context}] {source!r}: .qm has {ours!r}, .ts says {theirs!r}")
    assert not differing, f"{QM.name} is out of date ({FIX}):\n  " + "\n  ".join(differing)


def test_the_danish_catalogue_switches_the_running_app(qapp):
    from PySide6.QtCore import QCoreApplication

    from surveydesk.gui import translation

    translation.set_ui_language("da")
    assert QCoreApplication.translate("MainWindow", "&File") == "&Fil"
    assert QCoreApplication.translate("OverviewPage", "Complete") == "Gennemført"
    translation.set_ui_language("en")
    assert QCoreApplication.translate("MainWindow", "&File") == "&File"
