"""The response-rate view: the engine's population, answers and rate per group on the
jobcentre demo (seed 001's table), or how to set population counts when there are none."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from surveydesk import cli
from surveydesk.analysis.project_tables import project_response_rates
from surveydesk.gui.analysis.rates import RatesView
from surveydesk.gui.analysis.table_view import COPY_ROLE
from surveydesk.gui.main_window import MainWindow
from surveydesk.store.project import Project

TIMEOUT = 20_000
POPULATION_CSV = """variable,group,population,wave
target_group,dagpenge,820,
target_group,kth_jobparat,430,
target_group,kth_aktivitetsparat,610,
target_group,ledighedsydelse,95,
target_group,sygedagpenge,390,
target_group,uddannelseshjaelp,120,
gender,female,700,2023
gender,male,1100,2023
gender,other,300,2023
gender,no_answer,350,2023
"""


@pytest.fixture(scope="module")
def jobcentre_demo(tmp_path_factory) -> Path:
    from surveydesk.io.demo import write_demo

    path = tmp_path_factory.mktemp("jobcentre") / "jobcentre.sdproj"
    write_demo(path, "jobcentre").close()
    return path


@pytest.fixture
def project_path(jobcentre_demo, tmp_path) -> Path:
    from surveydesk.store.snapshot import backup_project

    target = tmp_path / "jobcentre.sdproj"
    backup_project(jobcentre_demo, target)  # consistent, WAL included
    return target


@pytest.fixture
def with_populations(project_path, tmp_path) -> Path:
    """The jobcentre demo with population counts stored as a user would: the CLI."""
    counts = tmp_path / "population.csv"
    counts.write_text(POPULATION_CSV, encoding="utf-8")
    assert cli.main(["population", "set", str(project_path), str(counts)]) == 0
    return project_path


def open_rates(qtbot, path: Path) -> tuple[MainWindow, RatesView]:
    window = MainWindow(Project.open(path))
    qtbot.addWidget(window)
    window.resize(1200, 760)
    window.show()
    window.analysis_action.trigger()
    page = window.analysis_page
    qtbot.waitUntil(lambda: page.task is None and not page.busy.isVisible(), timeout=TIMEOUT)
    page.tabs.setCurrentWidget(page.rates)
    return window, page.rates


def rows_of(view: RatesView) -> list[tuple[str, list[str]]]:
    model = view.model
    return [(model.headerData(row, Qt.Orientation.Vertical),
             [model.index(row, column).data() or "" for column in range(model.columnCount())])
            for row in range(model.rowCount())]


def test_without_population_counts_the_view_says_how_to_set_them(qtbot, project_path):
    window, view = open_rates(qtbot, project_path)
    assert not view.has_rates()
    assert view.stack.currentWidget() is view.hint
    assert f'surveydesk-cli population set "{project_path}" FILE' in view.hint.text()
    assert not window.analysis_page.options.weighted_box.isEnabled()


def test_the_rates_are_the_engines_population_answers_and_rate(qtbot, with_populations):
    window, view = open_rates(qtbot, with_populations)
    assert view.has_rates()
    with Project.open(with_populations) as project:
        expected = project_response_rates(project)
    model = view.model
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(6)] == [
        "2021\nPopulation", "2021\nAnswers", "2021\nResponse rate",
        "2023\nPopulation", "2023\nAnswers", "2023\nResponse rate"]
    rows = rows_of(view)
    questionnaire = window.project.questionnaire
    # Per variable: its title, a row per group, then the total.
    assert rows[0] == (questionnaire.question_label("target_group", "en"), [""] * 6)
    assert rows[1][0].strip() == "Unemployment benefit (insured unemployed)"
    assert rows[7][0] == "Total"
    assert rows[8][0] == questionnaire.question_label("gender", "en")
    checked = 0
    for title_row, (variable, groups) in ((0, ("target_group", 6)), (8, ("gender", 4))):
        names = list(dict.fromkeys(expected.loc[expected["variable"] == variable, "group"]))
        for offset, group in enumerate(names[:groups] + [""]):
            row = title_row + 1 + offset
            for position, wave in enumerate(("2021", "2023")):
                found = expected[(expected["wave"] == wave) & (expected["variable"] == variable)
                                 & (expected["group"] == group)]
                cells = rows[row][1][3 * position: 3 * position + 3]
                if found.empty:  # gender counts are for 2023 only
                    assert cells == ["", "", ""]
                    continue
                population, answers, rate = found.iloc[0][["population", "answers", "rate"]]
                assert cells == [f"{population:,.0f}", f"{answers:,}", f"{rate * 100:.1f}%"]
                checked += 1
    assert checked == 2 * 7 + 5
    # Sickness benefit: 390 people; the demo's answers against them (seed 001: 42 %).
    sick = expected[(expected["wave"] == "2023") & (expected["group"] == "sygedagpenge")]
    assert sick["population"].iloc[0] == 390
    assert 0 < sick["rate"].iloc[0] < 1


def test_rates_in_danish_and_copied_as_numbers(qtbot, with_populations):
    window, view = open_rates(qtbot, with_populations)
    window.set_language("da")
    qtbot.waitUntil(lambda: view.model.headerData(2, Qt.Orientation.Horizontal)
                    == "2021\nSvarprocent", timeout=TIMEOUT)
    with Project.open(with_populations) as project:
        expected = project_response_rates(project)
    total = expected[(expected["wave"] == "2021") & (expected["variable"] == "target_group")
                     & (expected["group"] == "")].iloc[0]
    rows = rows_of(view)
    assert rows[7][0] == "I alt"
    assert rows[1][0].strip() == "Dagpenge (forsikret ledig)"
    assert rows[7][1][:3] == [f"{total['population']:,.0f}".replace(",", "."),
                              f"{total['answers']:,}".replace(",", "."),
                              f"{total['rate'] * 100:.1f} %".replace(".", ",")]
    assert view.model.index(7, 0).data(COPY_ROLE) == f"{total['population']:.0f}"
    text = view.table.copy_text(whole=True).splitlines()
    assert text[0].split("\t")[:4] == ["Gruppe", "2021 Population", "2021 Besvarelser",
                                       "2021 Svarprocent"]
    assert text[8].split("\t")[:4] == ["I alt", f"{total['population']:.0f}",
                                       str(total["answers"]),
                                       f"{total['rate'] * 100:.1f}%".replace(".", ",")]


def test_the_rates_follow_the_wave_chosen(qtbot, with_populations):
    window, view = open_rates(qtbot, with_populations)
    page = window.analysis_page
    page.options.set_wave("2023")
    qtbot.waitUntil(lambda: page.task is None and not page.busy.isVisible(), timeout=TIMEOUT)
    assert view.model.columnCount() == 3
    assert view.model.headerData(0, Qt.Orientation.Horizontal) == "2023\nPopulation"
