"""The Analysis view in the main window: the engine's numbers for the chosen question and
breakdown, computed in the background, cached, stale results dropped, Danish at runtime,
benchmark files, copying."""

from __future__ import annotations

import threading
from pathlib import Path

import pandas as pd
import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from surveydesk.analysis.project_tables import tables_for_project
from surveydesk.analysis.tables import TableOptions
from surveydesk.core.errors import UsageError
from surveydesk.gui.main_window import MainWindow
from surveydesk.store import settings
from surveydesk.store.project import Project

TIMEOUT = 20_000
DISPLAY = Qt.ItemDataRole.DisplayRole


@pytest.fixture
def project_path(demo_project_path, tmp_path) -> Path:
    """A private copy of the citizen-service demo (tests add targets and populations)."""
    from surveydesk.store.snapshot import backup_project

    target = tmp_path / "analysis.sdproj"
    backup_project(demo_project_path, target)  # consistent, WAL included
    return target


@pytest.fixture
def window(qtbot, project_path):
    main_window = MainWindow(Project.open(project_path))
    qtbot.addWidget(main_window)
    main_window.resize(1280, 800)
    main_window.show()
    return main_window


@pytest.fixture
def dialogs(monkeypatch) -> list[tuple[str, str]]:
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(QMessageBox, "critical",
                        lambda _parent, title, text, *_args: shown.append((title, text)))
    return shown


def settle(qtbot, page) -> None:
    """Wait until the tables for the current options are shown (or failed)."""
    qtbot.waitUntil(lambda: page.task is None and not page.busy.isVisible(), timeout=TIMEOUT)


def open_analysis(qtbot, window):
    window.analysis_action.trigger()
    page = window.analysis_page
    settle(qtbot, page)
    return page


def engine(project_path: Path, options: TableOptions, subject: str):
    with Project.open(project_path) as project:
        table = tables_for_project(project, options).table
    return table[table["question"] == subject]


def assert_model_is_the_engine(page, expected) -> None:
    """Every cell of the page's table is the engine's row, every engine row is shown
    (but the don't-know total the single don't-know choice repeats)."""
    model = page.model
    shown = set()
    for row in range(model.rowCount()):
        for column in range(model.columnCount()):
            cell = model.cell(row, column)
            key = (cell["statistic"], cell["breakdown"], cell["group"], cell["wave"])
            match = expected[(expected["statistic"] == key[0]) & (expected["breakdown"] == key[1])
                             & (expected["group"] == key[2]) & (expected["wave"] == key[3])]
            assert len(match) == 1
            assert cell["value"] == pytest.approx(match["value"].iloc[0], nan_ok=True,
                                                  rel=1e-12)
            assert cell["n"] == match["n"].iloc[0]
            assert cell["significant"] == (None if match["significant"].isna().iloc[0]
                                           else bool(match["significant"].iloc[0]))
            shown.add(key)
    wanted = {key for key, n in zip(
        expected[["statistic", "breakdown", "group", "wave"]].itertuples(index=False,
                                                                          name=None),
        expected["n"], strict=True) if n > 0 and key[0] != "dont_know"}
    assert wanted <= shown


def test_ctrl_5_shows_the_analysis_view_and_it_is_off_without_a_project(qtbot, window):
    assert window.analysis_action in window.mode_bar.actions()
    assert window.analysis_action in window.view_menu.actions()
    assert window.analysis_action.text() == "&Analysis"
    qtbot.keyClick(window, Qt.Key.Key_5, Qt.KeyboardModifier.ControlModifier)
    assert window.pages.currentWidget() is window.analysis_page
    assert window.analysis_action.isChecked()
    settle(qtbot, window.analysis_page)
    assert window.analysis_page.model.rowCount() > 0

    window.close_action.trigger()
    assert window.pages.currentWidget() is window.overview_page
    assert not window.analysis_action.isEnabled()
    assert window.analysis_page.model.rowCount() == 0


def test_switching_question_shows_exactly_the_engines_numbers_without_computing(
        qtbot, window, project_path):
    page = open_analysis(qtbot, window)
    calls = []
    computing = page.run
    page.run = lambda project, options: calls.append(options) or computing(project, options)
    for subject in ("sat_latest", "satisfaction", "important_phone", "age", "department"):
        assert page.navigator.select(subject)
        assert page.subject == subject and page.task is None
        assert page.title.text() == (window.project.questionnaire.question(subject).label("en")
                                     if subject in window.project.questionnaire
                                     else "Your satisfaction")
        assert_model_is_the_engine(page, engine(project_path, TableOptions(), subject))
    assert calls == []  # a question switch looks up the cached table
    assert page.model.statistics()[0] == "share:borgerservice"


def test_switching_breakdown_recomputes_in_the_background_with_the_engines_numbers(
        qtbot, window, project_path):
    page = open_analysis(qtbot, window)
    page.navigator.select("sat_latest")
    page.options.set_breakdowns("department")
    assert page.busy.isVisible() and page.task is not None
    settle(qtbot, page)
    options = TableOptions(breakdowns=("department",))
    assert page.shown.options == options
    assert_model_is_the_engine(page, engine(project_path, options, "sat_latest"))
    groups = {column.group for column in page.model.columns()}
    assert {"", "borgerservice", "jobcenter", "rottebekaempelse"} <= groups
    assert page.model.headerData(4, Qt.Orientation.Horizontal) == "Citizen\nService\n2019"

    page.options.set_breakdowns("department", "mode")
    page.options.set_wave("2022")
    settle(qtbot, page)
    options = TableOptions(breakdowns=("department", "mode"), waves=("2022",))
    assert page.shown.options == options
    assert_model_is_the_engine(page, engine(project_path, options, "sat_latest"))
    assert {column.wave for column in page.model.columns()} == {"2022"}
    assert any(column.breakdown == "department × mode" for column in page.model.columns())
    # The comparison with 2019 is still made with only 2022 shown.
    assert "▲" in page.model.index(0, 0).data(DISPLAY)

    page.options.set_breakdowns()  # (with 2022 only: computed, no longer wanted next)
    page.options.set_wave()
    assert page.shown.options == TableOptions()  # cached: shown at once
    assert not page.busy.isVisible()
    assert_model_is_the_engine(page, engine(project_path, TableOptions(), "sat_latest"))


def test_low_base_and_significance_appear_where_the_engine_says(qtbot, window, project_path):
    page = open_analysis(qtbot, window)
    page.navigator.select("satisfaction")
    page.options.min_base_spin.setValue(40)
    page.options.set_breakdowns("department")
    settle(qtbot, page)
    expected = engine(project_path, TableOptions(breakdowns=("department",), min_base=40),
                      "satisfaction").set_index(["group", "wave"])
    low = marked = 0
    for column, place in enumerate(page.model.columns()):
        if place.is_n:
            continue
        index = page.model.index(0, column)
        row = expected.loc[(place.group, place.wave)]
        assert bool(row["low_base"]) == (row["n"] <= 40)
        grey = index.data(Qt.ItemDataRole.ForegroundRole) is not None and index.data(
            Qt.ItemDataRole.ToolTipRole).endswith("minimum base of 40; read with care.")
        assert grey == bool(row["low_base"])
        significant = not pd.isna(row["significant"]) and bool(row["significant"])
        assert ("▲" in index.data(DISPLAY) or "▼" in index.data(DISPLAY)) == significant
        low += grey
        marked += significant
    assert low > 0 and marked > 0
    assert "n ≤ 40" in page.legend.text()


def test_targets_are_shown_met_or_missed_and_a_data_change_refreshes_the_page(
        qtbot, window):
    page = open_analysis(qtbot, window)
    page.navigator.select("sat_latest")
    top2 = page.model.statistics().index("top2")
    assert "✓" not in page.model.index(top2, 2).data(DISPLAY)
    settings.set_target(window.project, "sat_latest", "top2", ">=", 0.62)
    window.data_changed()  # as after a merge
    settle(qtbot, page)
    assert page.model.index(top2, 0).data(DISPLAY).endswith("✗")  # 59.4 % in 2019
    assert page.model.index(top2, 2).data(DISPLAY).endswith("✓")  # 64.6 % in 2022
    assert "Target: at least 62.0%, met ✓" in page.model.index(top2, 2).data(
        Qt.ItemDataRole.ToolTipRole)


def test_danish_decimal_comma_after_switching_language_at_runtime(qtbot, window):
    page = open_analysis(qtbot, window)
    page.navigator.select("sat_latest")
    mean = page.model.statistics().index("mean")
    english = page.model.index(mean, 2).data(DISPLAY)
    assert "." in english and "," not in english
    window.set_language("da")
    qtbot.waitUntil(lambda: page.tabs.tabText(0) == "Resultater", timeout=TIMEOUT)
    danish = page.model.index(mean, 2).data(DISPLAY)
    assert danish == english.replace(".", ",")
    assert page.model.headerData(mean, Qt.Orientation.Vertical) == "Gennemsnitlig score"
    assert page.model.headerData(0, Qt.Orientation.Horizontal) == "I alt\n2019"
    assert page.title.text() == ("Hvor tilfreds var du med serviceoplevelsen i forbindelse "
                                 "med din seneste kontakt?")
    assert window.analysis_action.text() == "&Analyse"
    assert page.options.labels["breakdown"].text() == "&Opdeling:"
    assert page.navigator.tree.currentItem().text(0) == page.title.text()
    assert page.task is None  # a language switch computes nothing


def test_the_window_stays_responsive_and_a_stale_result_is_discarded(qtbot, window):
    page = window.analysis_page
    gate, calls, started = threading.Event(), [], threading.Event()
    computing = page.run

    def slow(project, options):
        calls.append(options)
        started.set()
        if len(calls) == 1:
            assert gate.wait(TIMEOUT / 1000)
        return computing(project, options)

    page.run = slow
    shown = []
    page.model.modelReset.connect(lambda: shown.append(page.shown and page.shown.options))
    window.analysis_action.trigger()
    assert started.wait(TIMEOUT / 1000)
    assert page.busy.isVisible()
    # The GUI thread is free while the worker computes: timers fire, typing filters.
    ticked = []
    QTimer.singleShot(10, lambda: ticked.append(True))
    qtbot.waitUntil(lambda: ticked == [True], timeout=2000)
    qtbot.keyClicks(page.navigator.search, "satisf")
    assert "department" not in page.navigator.visible_subjects()
    assert "sat_latest" in page.navigator.visible_subjects()
    page.options.set_breakdowns("department")  # the running result is stale from now on
    assert page.task is not None and len(calls) == 1
    gate.set()
    settle(qtbot, page)
    assert calls == [TableOptions(), TableOptions(breakdowns=("department",))]
    assert page.shown.options == TableOptions(breakdowns=("department",))
    assert TableOptions() not in [options for options in shown if options]  # never shown
    assert any(column.group == "jobcenter" for column in page.model.columns())


def test_a_result_computed_before_the_data_changed_is_dropped(qtbot, window):
    page = window.analysis_page
    gate, calls, started = threading.Event(), [], threading.Event()
    computing = page.run

    def slow(project, options):
        calls.append(options)
        started.set()
        if len(calls) == 1:
            assert gate.wait(TIMEOUT / 1000)
        return computing(project, options)

    page.run = slow
    window.analysis_action.trigger()
    assert started.wait(TIMEOUT / 1000)
    settings.set_target(window.project, "sat_latest", "top2", ">=", 0.5)
    window.data_changed()
    gate.set()
    settle(qtbot, page)
    assert calls == [TableOptions(), TableOptions()]  # computed again on the new data
    page.navigator.select("sat_latest")
    top2 = page.model.statistics().index("top2")
    assert page.model.index(top2, 2).data(DISPLAY).endswith("✓")


def test_a_computation_error_is_shown_on_the_page_and_the_window_carries_on(qtbot, window):
    page = open_analysis(qtbot, window)
    computing = page.run

    def failing(project, options):
        if options.breakdowns:
            raise UsageError("Cannot break down by 'mode' today.")
        return computing(project, options)

    page.run = failing
    page.navigator.select("sat_latest")
    page.options.set_breakdowns("mode")
    settle(qtbot, page)
    assert page.message.isVisible()
    assert page.message.text() == "Cannot break down by 'mode' today."
    assert page.model.rowCount() == 0
    page.options.set_breakdowns()
    assert not page.message.isVisible() and page.model.rowCount() == 9
    page.options.set_breakdowns("mode")  # the same failure, not computed again
    assert page.task is None and page.message.text() == "Cannot break down by 'mode' today."


def test_benchmark_file_errors_are_shown_without_losing_state(qtbot, window, tmp_path,
                                                              dialogs):
    page = open_analysis(qtbot, window)
    page.navigator.select("sat_latest")
    good = tmp_path / "benchmark.csv"
    good.write_text("question,statistic,value,n\nsat_latest,top2,55%,5000\n",
                    encoding="utf-8")
    assert page.options.load_benchmark(good)
    settle(qtbot, page)
    top2 = page.model.statistics().index("top2")
    assert "↑" in page.model.index(top2, 2).data(DISPLAY)  # 64.6 % against 55 %
    assert "↑ ↓ than the benchmark" in page.legend.text()
    before = (page.options.table_options(), page.shown, page.subject)

    bad = tmp_path / "bad.csv"
    bad.write_text("question,statistic,value\nsat_latest,top3,55%\n", encoding="utf-8")
    assert not page.options.load_benchmark(bad)
    assert not page.options.load_benchmark(tmp_path / "missing.csv")
    assert len(dialogs) == 2
    assert dialogs[0][0] == "Could not use the benchmark file"
    assert "bad.csv" in dialogs[0][1] and "top3" in dialogs[0][1]
    assert "missing.csv" in dialogs[1][1]
    assert (page.options.table_options(), page.shown, page.subject) == before
    assert page.task is None
    assert page.options.benchmark_label.text() == "benchmark.csv (1 values)"
    assert "↑" in page.model.index(top2, 2).data(DISPLAY)

    page.options.clear_benchmark()
    assert page.task is None  # the table without a benchmark is still cached
    assert "↑" not in page.model.index(top2, 2).data(DISPLAY)


def test_copy_button_puts_the_whole_table_on_the_clipboard_as_numbers(qtbot, window):
    page = open_analysis(qtbot, window)
    page.navigator.select("sat_latest")
    window.set_language("da")
    qtbot.waitUntil(lambda: page.copy_button.text() == "&Kopiér tabel", timeout=TIMEOUT)
    QApplication.clipboard().clear()
    qtbot.mouseClick(page.copy_button, Qt.MouseButton.LeftButton)
    lines = QApplication.clipboard().text().splitlines()
    assert lines[0].split("\t")[:3] == [page.title.text(), "I alt 2019", "n"]
    assert len(lines) == 1 + page.model.rowCount()
    mean = lines[1 + page.model.statistics().index("mean")].split("\t")
    assert mean[0] == "Gennemsnitlig score"
    cell = page.model.cell(page.model.statistics().index("mean"), 0)
    assert mean[1] == f"{cell['value']:.2f}".replace(".", ",") and mean[2] == str(cell["n"])


def test_weighted_needs_population_counts(qtbot, window, project_path):
    page = open_analysis(qtbot, window)
    box = page.options.weighted_box
    assert not box.isEnabled() and "population set" in box.toolTip()
    settings.replace_population_counts(window.project, [
        ("", "mode", "web", 30_000.0), ("", "mode", "in_person", 12_000.0),
        ("", "mode", "phone", 8_000.0)])
    window.overview_action.trigger()
    window.analysis_action.trigger()  # shown again: the settings are read again
    settle(qtbot, page)
    assert box.isEnabled()
    page.navigator.select("sat_latest")
    box.setChecked(True)
    settle(qtbot, page)
    assert page.shown.options.weighted
    assert_model_is_the_engine(page, engine(project_path, TableOptions(weighted=True),
                                            "sat_latest"))
    assert "weighted to the population counts" in page.subtitle.text()
    assert page.rates.has_rates()


def test_a_project_without_answers_says_so_instead_of_a_table(qtbot, small_project):
    window = MainWindow(Project.open(small_project.path))
    qtbot.addWidget(window)
    window.show()
    page = open_analysis(qtbot, window)
    assert window.pages.currentWidget() is page
    assert page.message.isVisible()
    assert page.message.text() == ("The project has no data yet: import answers into a wave "
                                   "first.")
    assert page.model.rowCount() == 0
    # One scored question is no theme; texts and dates are not tabulated.
    assert page.navigator.subjects() == ["satisfied", "channels", "age", "hours"]
    assert not page.rates.has_rates()


def test_a_project_with_one_wave_shows_its_results(qtbot, tmp_path, form_path):
    from surveydesk.core.xlsform import read_xlsform
    from surveydesk.store import entry

    path = tmp_path / "one_wave.sdproj"
    with Project.create(path, form_path.read_bytes(), read_xlsform(form_path)) as project:
        for value in ("5", "4", "4", "2"):
            started = entry.start_interview(project, wave="2024", mode="in_person",
                                            interviewer="AB", device_id="d")
            entry.save_answer(project, started.uuid, "satisfied", value, next_question=None,
                              who="AB")
            entry.finish_interview(project, started.uuid, "complete", who="AB")
    main_window = MainWindow(Project.open(path))
    qtbot.addWidget(main_window)
    main_window.show()
    page = open_analysis(qtbot, main_window)
    page.show_subject("satisfied")
    assert page.message.text() == "" or not page.message.isVisible()
    assert_model_is_the_engine(page, engine(path, page.options.table_options(), "satisfied"))
    assert page.model.rowCount() > 0


def test_opening_another_project_does_not_wait_for_the_old_computation(qtbot, window,
                                                                        project_path):
    gate = threading.Event()

    def slow(project, options):
        gate.wait(10)
        return tables_for_project(project, options)

    page = window.analysis_page
    page.run = slow
    window.analysis_action.trigger()
    qtbot.waitUntil(lambda: page.task is not None, timeout=TIMEOUT)
    page.set_project(None)  # returns at once although the worker is still blocked
    assert page.task is None and len(page._retired) == 1
    gate.set()
    qtbot.waitUntil(lambda: not page._retired, timeout=TIMEOUT)
