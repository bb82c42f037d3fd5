"""File ▸ Export data: CSV or SPSS with the audit log, written in the background, and a
bad output refused in the dialog with nothing written."""

from __future__ import annotations

import csv

import pytest

from surveydesk.gui.export_dialog import ExportDialog
from surveydesk.gui.main_window import MainWindow
from surveydesk.store.project import Project

TIMEOUT = 30_000


@pytest.fixture
def project(demo_project_file):
    with Project.open(demo_project_file) as opened:
        yield opened


def _run(qtbot, dialog: ExportDialog) -> None:
    assert dialog.start()
    qtbot.waitUntil(lambda: dialog.task is None, timeout=TIMEOUT)


def test_a_csv_export_writes_every_interview_and_the_audit_log(qtbot, project, tmp_path):
    dialog = ExportDialog(None, project)
    qtbot.addWidget(dialog)
    out = tmp_path / "data rå.csv"
    dialog.file_edit.setText(str(out))
    dialog.wave_combo.setCurrentIndex(dialog.wave_combo.findData("2022"))
    dialog.delimiter_combo.setCurrentIndex(dialog.delimiter_combo.findData(";"))
    _run(qtbot, dialog)
    assert dialog.result is not None, dialog.status_label.text()
    with out.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle, delimiter=";"))
    summary = next(s for s in project.overview().waves if s.wave.label == "2022")
    assert len(rows) - 1 == summary.total == dialog.result.data.rows
    audit = tmp_path / "data rå_audit.csv"
    assert audit.exists() and dialog.result.audit.path == audit
    assert "Wrote the audit log" in dialog.status_label.text()
    assert dialog.close_button.text() == "Close" and dialog.export_button.isHidden()


def test_an_spss_export_without_the_audit_log(qtbot, project, tmp_path):
    import pyreadstat

    dialog = ExportDialog(None, project)
    qtbot.addWidget(dialog)
    dialog.format_combo.setCurrentIndex(dialog.format_combo.findData("sav"))
    assert not dialog.labels_box.isEnabled() and not dialog.delimiter_combo.isEnabled()
    assert dialog.file_edit.text().endswith(".sav")  # the suffix follows the format
    out = tmp_path / "data.sav"
    dialog.file_edit.setText(str(out))
    dialog.audit_box.setChecked(False)
    _run(qtbot, dialog)
    frame, _ = pyreadstat.read_sav(str(out))
    assert len(frame) == project.overview().total
    assert not (tmp_path / "data_audit.csv").exists()


@pytest.mark.parametrize(("name", "fragment"), [
    ("missing/data.csv", "does not exist"),
    ("data.xlsx", "ending in .csv"),
    ("", "Choose the file"),
])
def test_a_bad_output_is_refused_in_the_dialog(qtbot, project, tmp_path, name, fragment):
    dialog = ExportDialog(None, project)
    qtbot.addWidget(dialog)
    dialog.file_edit.setText(str(tmp_path / name) if name else "")
    assert not dialog.start()
    assert fragment in dialog.status_label.text()
    assert dialog.task is None and list(tmp_path.iterdir()) == []


def test_the_project_file_itself_is_refused(qtbot, project):
    dialog = ExportDialog(None, project)
    qtbot.addWidget(dialog)
    dialog.format_combo.setCurrentIndex(dialog.format_combo.findData("csv"))
    dialog.file_edit.setText(str(project.path))
    assert not dialog.start()
    assert "project file itself" in dialog.status_label.text()


def test_ctrl_e_opens_the_export_dialog(qtbot, demo_project_file):
    window = MainWindow(Project.open(demo_project_file))
    qtbot.addWidget(window)
    assert window.export_data_action.shortcut().toString() == "Ctrl+E"
    window.export_data_action.trigger()
    assert window.export_dialog is not None and window.export_dialog.isVisible()
    window.close()


@pytest.mark.parametrize("answer", ["No", "Yes"])
def test_an_existing_file_is_replaced_only_when_the_user_says_so(qtbot, project, tmp_path,
                                                                 monkeypatch, answer):
    from PySide6.QtWidgets import QMessageBox

    asked: list[str] = []

    def question(_parent, title, text, *_args):
        asked.append(text)
        return getattr(QMessageBox.StandardButton, answer)

    monkeypatch.setattr(QMessageBox, "question", question)
    out = tmp_path / "data.csv"
    out.write_text("last week's export", encoding="utf-8")
    dialog = ExportDialog(None, project)
    qtbot.addWidget(dialog)
    dialog.file_edit.setText(str(out))
    if answer == "No":
        assert not dialog.start() and dialog.task is None
        assert out.read_text(encoding="utf-8") == "last week's export"
    else:
        _run(qtbot, dialog)
        assert dialog.result is not None, dialog.status_label.text()
        assert out.read_text(encoding="utf-8-sig").startswith("respondent_id")
    assert asked == [f"{out} already exists. Replace it with the new export?"]


def test_a_refused_output_reads_in_danish(qtbot, project, tmp_path):
    from surveydesk.gui.tasks import error_message
    from surveydesk.gui.translation import set_ui_language
    from surveydesk.io.files import OutputRefused, check_output

    with pytest.raises(OutputRefused) as refused:
        check_output(tmp_path / "missing" / "data.csv")
    set_ui_language("da")
    try:
        assert error_message(project.path, refused.value) == (
            f"Mappen {tmp_path / 'missing'} findes ikke.")
    finally:
        set_ui_language("en")
