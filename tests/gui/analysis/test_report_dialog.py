"""Analysis ▸ Write Excel report: the dialog writes the workbook the engine's figures fill, in
the chosen language, in the background; it cancels without leaving a file, lists the
report's warnings, refuses bad output paths and never changes the project."""

from __future__ import annotations

import threading
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QMessageBox

from surveydesk.analysis.project_tables import tables_for_project
from surveydesk.analysis.tables import TableOptions
from surveydesk.core.errors import UsageError
from surveydesk.export.glossary import glossary
from surveydesk.gui.analysis import report_outcome
from surveydesk.gui.analysis.report_dialog import FOLDER_KEY, ReportDialog
from surveydesk.gui.analysis.report_work import COUNTING_SHARE, write_workbook
from surveydesk.gui.main_window import MainWindow
from surveydesk.store import settings
from surveydesk.store.project import Project

TIMEOUT = 20_000
SATISFIED = "sat_municipality"


@pytest.fixture
def project_path(demo_project_path, tmp_path) -> Path:
    """A private copy of the citizen-service demo."""
    from surveydesk.store.snapshot import backup_project

    target = tmp_path / "project" / "analysis.sdproj"
    target.parent.mkdir()
    backup_project(demo_project_path, target)
    return target


@pytest.fixture
def window(qtbot, project_path):
    QSettings().remove(FOLDER_KEY)  # reports go next to the project unless a test says so
    main_window = MainWindow(Project.open(project_path))
    qtbot.addWidget(main_window)
    main_window.resize(1280, 800)
    main_window.show()
    return main_window


@pytest.fixture
def opened(monkeypatch) -> list[str]:
    """What the result message's buttons asked the system to open (nothing is launched)."""
    urls: list[str] = []
    monkeypatch.setattr(report_outcome, "open_url",
                        lambda url: urls.append(url.toLocalFile()) or True)
    return urls


class Dialogs(list):
    """Message boxes shown, as ``(kind, title, text)``; a question gets ``answer[0]``."""


@pytest.fixture
def dialogs(monkeypatch) -> Dialogs:
    shown = Dialogs()

    def critical(_parent, title, text, *_args):
        shown.append(("critical", title, text))
        return QMessageBox.StandardButton.Ok

    def question(_parent, title, text, *_args):
        shown.append(("question", title, text))
        return shown_answer[0]

    shown_answer = [QMessageBox.StandardButton.No]
    monkeypatch.setattr(QMessageBox, "critical", critical)
    monkeypatch.setattr(QMessageBox, "question", question)
    shown.answer = shown_answer
    return shown


def settle(qtbot, page) -> None:
    qtbot.waitUntil(lambda: page.task is None and not page.busy.isVisible(), timeout=TIMEOUT)


def open_dialog(qtbot, window) -> ReportDialog:
    window.analysis_action.trigger()
    settle(qtbot, window.analysis_page)
    window.analysis_page.report_button.click()
    dialog = window.analysis_page.report_dialog
    qtbot.waitUntil(dialog.isVisible, timeout=TIMEOUT)
    return dialog


def write(qtbot, dialog: ReportDialog) -> None:
    """Click Write and wait until the work has ended."""
    qtbot.mouseClick(dialog.write_button, Qt.MouseButton.LeftButton)
    assert dialog.task is not None
    qtbot.waitUntil(lambda: dialog.task is None, timeout=TIMEOUT)


def files_in(folder: Path) -> set[str]:
    return {path.name for path in folder.iterdir()}


def project_bytes(path: Path) -> dict[str, bytes]:
    return {name: Path(f"{path}{name}").read_bytes() for name in ("", "-wal")
            if Path(f"{path}{name}").exists()}


def figure(book, language: str, label: str, statistic: str, group: str) -> object:
    """The cell of ``statistic`` in column ``group`` of the table titled ``label``, found
    through the contents sheet's link as a reader would."""
    contents = book[glossary(language)["sheet_contents"]]
    link = next(cell.hyperlink for cell in contents["B"]
                if cell.value == label and cell.hyperlink is not None)
    sheet_part, ref = link.location.rsplit("!", 1)
    sheet = book[sheet_part.strip("'").replace("''", "'")]
    first = int(ref.removeprefix("A"))
    row = next(r for r in range(first + 1, sheet.max_row + 1)
               if sheet.cell(r, 1).value == statistic)
    column = next(c for c in range(2, sheet.max_column + 1) if sheet.cell(2, c).value == group)
    return sheet.cell(row, column).value


@pytest.mark.parametrize(("language", "front", "other_front"),
                         [("da", "Forside", "Front page"), ("en", "Front page", "Forside")])
def test_write_puts_the_engines_figures_in_a_workbook_in_the_chosen_language(
        qtbot, window, project_path, opened, language, front, other_front):
    page = window.analysis_page
    page.options.set_breakdowns("department")
    dialog = open_dialog(qtbot, window)
    assert dialog.breakdowns() == ("department",)  # as the analysis view had them
    dialog.language_combo.setCurrentIndex(dialog.language_combo.findData(language))
    out = project_path.parent / f"citizen_service_report_{language}.xlsx"
    assert dialog.out_path() == out  # the default name follows the language
    before, files = project_bytes(project_path), files_in(out.parent)

    write(qtbot, dialog)

    assert not dialog.isVisible()
    book = openpyxl.load_workbook(out)
    assert book.sheetnames[0] == front and other_front not in book.sheetnames
    with Project.open(project_path) as project:
        questionnaire = project.questionnaire
        table = tables_for_project(project, TableOptions(breakdowns=("department",))).table
    expected = table[(table["question"] == SATISFIED) & (table["statistic"] == "mean")
                     & (table["breakdown"] == "department") & (table["group"] == "jobcenter")
                     & (table["wave"] == "2022")]["value"].iloc[0]
    label = questionnaire.question_label(SATISFIED, language)
    group = questionnaire.question("department").choice_list.choice("jobcenter").label(language)
    assert figure(book, language, label, glossary(language)["mean"], group) == pytest.approx(
        expected, rel=1e-12)
    assert files_in(out.parent) - files == {out.name}  # no temporary file left
    assert project_bytes(project_path) == before

    result = dialog.result
    qtbot.waitUntil(result.isVisible, timeout=TIMEOUT)
    assert result.path_label.text() == str(out)
    assert "38 questions and themes · waves 2019, 2022" in result.summary.text()
    assert not result.warnings.isVisible() and result.no_warnings.isVisible()
    result.open_button.click()
    result.folder_button.click()
    assert opened == [str(out), str(out.parent)]
    assert QSettings().value(FOLDER_KEY) == str(out.parent)  # the next report starts there


@pytest.mark.parametrize("phase", ["counting", "writing"])
def test_cancel_leaves_no_workbook_and_no_temporary_file(qtbot, window, project_path, phase):
    dialog = open_dialog(qtbot, window)
    folder = project_path.parent
    before = files_in(folder)
    reached, gate = threading.Event(), threading.Event()
    temporary: list[str] = []

    def held(project, request, progress, cancelled, words):
        def step(done, total, text):
            writing = done >= COUNTING_SHARE and "“" in text
            if (phase == "writing") == writing and not reached.is_set():
                temporary.extend(name for name in files_in(folder) if name.startswith(
                    ".report-"))
                reached.set()
                assert gate.wait(TIMEOUT / 1000)
            progress(done, total, text)
        return write_workbook(project, request, step, cancelled, words)

    dialog.work = held
    qtbot.mouseClick(dialog.write_button, Qt.MouseButton.LeftButton)
    progress = dialog.progress
    qtbot.waitUntil(progress.isVisible, timeout=TIMEOUT)
    assert reached.wait(TIMEOUT / 1000)
    assert bool(temporary) == (phase == "writing")  # the writer had begun its file
    assert not dialog.write_button.isEnabled()
    qtbot.mouseClick(progress.cancel_button, Qt.MouseButton.LeftButton)
    assert progress.detail.text() == "Cancelling…"
    gate.set()
    qtbot.waitUntil(lambda: dialog.task is None, timeout=TIMEOUT)

    assert files_in(folder) - before == set()
    assert not list(folder.glob(".report-*"))
    assert dialog.isVisible() and dialog.result is None
    assert dialog.status_label.text() == "Cancelled: no report was written."
    assert dialog.write_button.isEnabled()


def test_an_english_report_of_a_form_without_an_english_label_lists_the_warning(
        qtbot, tmp_path, make_form, opened):
    from surveydesk.core.xlsform import read_xlsform
    from surveydesk.store import entry
    form = make_form(survey=[
        {"type": "select_one sat", "name": "satisfied", "label::Dansk (da)": "Hvor tilfreds?"},
        {"type": "integer", "name": "age", "label::Dansk (da)": "Alder",
         "label::English (en)": "Age"},
    ])  # "satisfied" has a Danish label only
    path = tmp_path / "untranslated.sdproj"
    with Project.create(path, form.read_bytes(), read_xlsform(form)) as project:
        for value in ("5", "4", "4", "2", "dk"):
            started = entry.start_interview(project, wave="2024", mode="in_person",
                                            interviewer="AB", device_id="d")
            entry.save_answer(project, started.uuid, "satisfied", value, next_question=None,
                              who="AB")
            entry.finish_interview(project, started.uuid, "complete", who="AB")
    window = MainWindow(Project.open(path))
    qtbot.addWidget(window)
    window.show()
    dialog = open_dialog(qtbot, window)
    dialog.language_combo.setCurrentIndex(dialog.language_combo.findData("en"))
    dialog.set_path(tmp_path / "english.xlsx")

    write(qtbot, dialog)

    result = dialog.result
    qtbot.waitUntil(result.isVisible, timeout=TIMEOUT)
    assert result.warnings.isVisible() and not result.no_warnings.isVisible()
    text = result.warnings.toPlainText()
    assert "label(s) have no text in 'en' and are shown in 'da'" in text
    assert "question 'satisfied'" in text
    assert "no title in 'en'" in text  # the form has no English title either
    assert text.count("• ") == len(dialog.written.warnings) >= 2
    assert (tmp_path / "english.xlsx").is_file()


@pytest.mark.parametrize(("name", "fragment"), [
    ("missing/report.xlsx", "does not exist"),
    ("report.csv", "ending in .xlsx"),
    ("analysis.sdproj", "project file itself"),
    ("", "Give the name of the workbook"),
])
def test_a_bad_output_path_is_explained_in_the_dialog_and_nothing_is_written(
        qtbot, window, project_path, name, fragment):
    dialog = open_dialog(qtbot, window)
    folder = project_path.parent
    before, project = files_in(folder), project_bytes(project_path)
    dialog.set_path(folder / name if name else "")
    qtbot.mouseClick(dialog.write_button, Qt.MouseButton.LeftButton)
    assert dialog.task is None and dialog.progress is None
    assert dialog.isVisible()
    assert dialog.message.isVisible() and fragment in dialog.message.text()
    assert files_in(folder) == before and project_bytes(project_path) == project
    dialog.set_path(folder / "report.xlsx")  # typing again clears the message
    assert not dialog.message.isVisible()


def test_an_existing_workbook_is_replaced_only_when_the_user_says_so(
        qtbot, window, project_path, dialogs, opened):
    dialog = open_dialog(qtbot, window)
    out = project_path.parent / "kept.xlsx"
    out.write_bytes(b"the client's own edits")
    dialog.set_path(out)
    qtbot.mouseClick(dialog.write_button, Qt.MouseButton.LeftButton)
    assert dialog.task is None and dialogs[-1][0] == "question"
    assert str(out) in dialogs[-1][2]
    assert out.read_bytes() == b"the client's own edits"

    dialogs.answer[0] = QMessageBox.StandardButton.Yes
    write(qtbot, dialog)
    assert openpyxl.load_workbook(out).sheetnames[0] == "Front page"


def test_a_failure_is_shown_in_an_error_dialog_and_the_dialog_stays_open(
        qtbot, window, project_path, dialogs):
    dialog = open_dialog(qtbot, window)

    def failing(project, request, progress, cancelled, words):
        raise UsageError("The project has no waves to report on.")

    dialog.work = failing
    write(qtbot, dialog)
    assert dialogs == [("critical", "Could not write the report",
                        "The project has no waves to report on.")]
    assert dialog.isVisible() and dialog.result is None
    assert dialog.status_label.text() == "No report was written."
    assert not list(project_path.parent.glob("*.xlsx"))


def test_options_start_as_the_analysis_view_has_them_and_can_be_changed(
        qtbot, window, tmp_path, dialogs):
    benchmark = tmp_path / "benchmark.csv"
    benchmark.write_text("question,statistic,value,source\nsat_latest,top2,0.7,KL 2023\n",
                         encoding="utf-8")
    page = window.analysis_page
    window.analysis_action.trigger()
    settle(qtbot, page)
    page.options.set_breakdowns("department", "mode")
    assert page.options.load_benchmark(benchmark)
    settle(qtbot, page)
    dialog = open_dialog(qtbot, window)
    assert dialog.breakdowns() == ("department", "mode")
    assert dialog.benchmark == page.options.benchmark
    assert dialog.benchmark_label.text() == "benchmark.csv (1 values)"
    assert not dialog.weighted_box.isEnabled()  # no population counts
    assert "population set" in dialog.weighted_box.toolTip()
    assert dialog.language() == "en"  # the UI language

    dialog.clear_benchmark_button.click()
    assert dialog.benchmark == () and dialog.benchmark_label.text() == "None"
    assert page.options.benchmark  # the analysis view keeps its own
    dialog.first_breakdown.setCurrentIndex(0)
    assert dialog.breakdowns() == () and not dialog.second_breakdown.isEnabled()
    request = dialog.request()
    assert request.breakdowns == () and request.benchmark == () and not request.weighted


def test_weighted_is_offered_once_population_counts_are_set(qtbot, window):
    settings.replace_population_counts(window.project, [
        ("", "mode", "web", 30_000.0), ("", "mode", "in_person", 12_000.0),
        ("", "mode", "phone", 8_000.0)])
    dialog = open_dialog(qtbot, window)
    assert dialog.weighted_box.isEnabled() and not dialog.weighted_box.isChecked()
    dialog.weighted_box.setChecked(True)
    assert dialog.request().weighted


def test_ctrl_r_opens_the_dialog_in_danish_and_is_off_without_a_project(qtbot, window):
    window.set_language("da", remember=False)
    qtbot.keyClick(window, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    dialog = window.analysis_page.report_dialog
    qtbot.waitUntil(lambda: dialog is not None and dialog.isVisible(), timeout=TIMEOUT)
    assert dialog.language() == "da"
    assert dialog.out_path().name == "citizen_service_report_da.xlsx"
    assert dialog.windowTitle() == "Skriv Excel-rapport"
    assert dialog.write_button.text() == "&Skriv rapport"
    dialog.reject()
    window.close_action.trigger()
    assert not window.report_action.isEnabled()
    assert not window.analysis_page.report_button.isEnabled()


def test_closing_the_window_while_writing_cancels_and_leaves_no_workbook(
        qtbot, window, project_path):
    dialog = open_dialog(qtbot, window)
    folder = project_path.parent
    before = files_in(folder)
    reached = threading.Event()

    def until_cancelled(project, request, progress, cancelled, words):
        def step(done, total, text):
            if done >= COUNTING_SHARE and "“" in text:  # the writer has begun its file
                reached.set()
                for _ in range(TIMEOUT // 10):  # held until the window cancels it
                    if cancelled():
                        break
                    threading.Event().wait(0.01)
            progress(done, total, text)
        return write_workbook(project, request, step, cancelled, words)

    dialog.work = until_cancelled
    qtbot.mouseClick(dialog.write_button, Qt.MouseButton.LeftButton)
    assert reached.wait(TIMEOUT / 1000)
    window.close()  # cancels the report and waits for its thread
    assert window.analysis_page.report_dialog is None
    assert files_in(folder) - before == set()
    assert not list(folder.glob(".report-*"))


def chart_entries(book, language: str) -> dict[str, str]:
    """The contents sheet's chart entries: text → the sheet its link goes to."""
    words = glossary(language)
    contents = book[words["sheet_contents"]]
    return {cell.value: cell.hyperlink.location.rsplit("!", 1)[0].strip("'")
            for row in contents.iter_rows() for cell in row
            if isinstance(cell.value, str) and cell.value.startswith(f"{words['chart']}: ")
            and cell.hyperlink is not None}


def test_a_chosen_question_gets_a_chart_on_the_charts_sheet(qtbot, window, project_path,
                                                             opened):
    dialog = open_dialog(qtbot, window)
    assert dialog.charts.headline() == () and dialog.charts.summary.text() == "None"
    assert dialog.charts.button.text() == "Choose char&ts… (0)"
    qtbot.mouseClick(dialog.charts.button, Qt.MouseButton.LeftButton)
    picker = dialog.charts.picker
    qtbot.waitUntil(picker.isVisible, timeout=TIMEOUT)
    names = [item.data(Qt.ItemDataRole.UserRole) for item in picker.question_items()]
    assert "sat_municipality" in names and "department" in names
    assert all(window.project.questionnaire.question(name).choice_list is not None
               for name in names)  # only questions a chart can show
    picker.search.setText("overall, how satisfied")
    shown = [item for item in picker.question_items() if not item.isHidden()]
    assert [item.data(Qt.ItemDataRole.UserRole) for item in shown] == [SATISFIED]
    shown[0].setCheckState(Qt.CheckState.Checked)
    picker.buttons.button(picker.buttons.StandardButton.Ok).click()
    assert dialog.charts.headline() == (SATISFIED,)
    assert dialog.charts.button.text() == "Choose char&ts… (1)"
    label = window.project.questionnaire.question_label(SATISFIED, "en")
    assert dialog.charts.summary.toolTip() == label
    assert dialog.request().headline == (SATISFIED,)
    dialog.language_combo.setCurrentIndex(dialog.language_combo.findData("en"))
    out = dialog.out_path()

    write(qtbot, dialog)

    assert dialog.written is not None and dialog.written.path == out
    book = openpyxl.load_workbook(out)
    charts_sheet = glossary("en")["sheet_charts"]
    assert charts_sheet in book.sheetnames
    assert chart_entries(book, "en") == {f"Chart: {label}": charts_sheet}


def test_a_question_with_a_target_is_always_charted_and_cannot_be_unchecked(qtbot, window):
    settings.set_target(window.project, "sat_latest", "top2", ">=", 0.65)
    dialog = open_dialog(qtbot, window)
    label = window.project.questionnaire.question_label("sat_latest", "en")
    assert dialog.charts.headline() == ()  # the report charts it anyway
    assert dialog.charts.charted() == ["sat_latest"]
    assert dialog.charts.summary.toolTip() == label
    assert label.startswith(dialog.charts.summary.text().removesuffix("…"))
    assert dialog.charts.button.text() == "Choose char&ts… (1)"
    picker = dialog.charts.choose()
    qtbot.waitUntil(picker.isVisible, timeout=TIMEOUT)
    item = picker.item("sat_latest")
    assert item.checkState() == Qt.CheckState.Checked
    assert not item.flags() & Qt.ItemFlag.ItemIsEnabled
    assert item.text() == f"{label}  (has a target: always charted)"
    picker.clear()  # "Clear" leaves the targets checked
    assert item.checkState() == Qt.CheckState.Checked
    picker.item("department").setCheckState(Qt.CheckState.Checked)
    picker.accept()
    assert dialog.charts.headline() == ("department",)
    assert dialog.charts.charted() == ["department", "sat_latest"]  # in form order


def test_the_chart_list_is_in_danish_with_a_danish_ui(qtbot, window):
    settings.set_target(window.project, "sat_latest", "top2", ">=", 0.65)
    window.set_language("da", remember=False)
    dialog = open_dialog(qtbot, window)
    assert dialog.labels["charts"].text() == "Figurer:"
    picker = dialog.charts.choose()
    qtbot.waitUntil(picker.isVisible, timeout=TIMEOUT)
    label = window.project.questionnaire.question_label("sat_latest", "da")
    assert picker.item("sat_latest").text() == f"{label}  (har et mål: altid med som figur)"
    picker.reject()
