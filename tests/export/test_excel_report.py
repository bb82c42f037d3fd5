"""The Excel report read back with openpyxl: figures equal the engine's tidy rows, number
formats, significance marks and low-base shading where the engine puts them, hyperlinks,
sheet names in the report language, and æ, ø, å intact."""

from __future__ import annotations

import datetime as dt
import re

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from surveydesk.analysis.report import report_content
from surveydesk.analysis.report_content import missing_labels
from surveydesk.core.errors import UsageError
from surveydesk.core.questionnaire import (
    Choice,
    ChoiceList,
    Language,
    Question,
    Questionnaire,
    QuestionType,
)
from surveydesk.export.excel import (
    DOWN_FILL,
    LOW_BASE_FILL,
    MAX_SHEET_NAME,
    UP_FILL,
    sheet_name,
    short_titles,
    write_report,
)
from surveydesk.export.glossary import glossary
from surveydesk.io.demo import write_demo
from surveydesk.store.project import Project

SATISFIED = "sat_municipality"


@pytest.fixture(scope="module")
def demo_projects(tmp_path_factory):
    folder = tmp_path_factory.mktemp("report-demos")
    paths = {}
    for form in ("citizen_service", "jobcentre"):
        paths[form] = folder / f"{form}.sdproj"
        write_demo(paths[form], form).close()
    return paths


@pytest.fixture(scope="module")
def danish_report(demo_projects, tmp_path_factory):
    """The citizen_service demo by department, in Danish: (content, workbook)."""
    with Project.open(demo_projects["citizen_service"]) as project:
        content = report_content(project, language="da", breakdowns=("department",),
                                 today=dt.date(2026, 11, 25))
    out = tmp_path_factory.mktemp("report") / "rapport.xlsx"
    write_report(content, out)
    return content, openpyxl.load_workbook(out)


def _fill(cell) -> str:
    return str(cell.fill.fgColor.rgb)[-6:].upper()


def _table(content, book, question: str):
    """(sheet, {statistic label: row}, {group label: first column}) of a question's table."""
    label = content.questionnaire.question_label(question, content.language)
    contents = book[glossary(content.language)["sheet_contents"]]
    for cell in contents["B"]:
        if cell.value == label and cell.hyperlink is not None:
            sheet_part, ref = cell.hyperlink.location.rsplit("!", 1)
            sheet = book[sheet_part.strip("'").replace("''", "'")]
            first = int(ref.removeprefix("A"))
            break
    else:
        raise AssertionError(f"{label} is not in the contents")
    assert sheet.cell(first, 1).value == label
    rows = {}
    for row in range(first + 1, sheet.max_row + 1):
        text = sheet.cell(row, 1).value
        if text is None:
            break
        rows[text] = row
    columns = {sheet.cell(2, c).value: c for c in range(2, sheet.max_column + 1)
               if sheet.cell(2, c).value}
    return sheet, rows, columns


def _row(content, question, statistic, breakdown="", group="", wave="2022"):
    table = content.table
    found = table[(table["question"] == question) & (table["statistic"] == statistic)
                  & (table["breakdown"] == breakdown) & (table["group"] == group)
                  & (table["wave"] == wave)]
    assert len(found) == 1
    return found.iloc[0]


def test_total_and_previous_wave_figures_equal_the_engines_tidy_rows(danish_report):
    content, book = danish_report
    sheet, rows, columns = _table(content, book, SATISFIED)
    total = columns[glossary("da")["total"]]
    choice = content.questionnaire.question(SATISFIED).choice_list.choice("5").label("da")
    this_wave = sheet.cell(rows[choice], total)
    previous = sheet.cell(rows[choice], total + 2)
    assert this_wave.value == pytest.approx(_row(content, SATISFIED, "share:5")["value"])
    assert previous.value == pytest.approx(
        _row(content, SATISFIED, "share:5", wave="2019")["value"])
    assert this_wave.number_format == "0%"
    mean = sheet.cell(rows["Gennemsnit"], total)
    assert mean.value == pytest.approx(_row(content, SATISFIED, "mean")["value"])
    assert mean.number_format == "0.0"
    n = sheet.cell(rows["n"], total)
    assert n.value == _row(content, SATISFIED, "share:5")["n"]
    assert isinstance(n.value, int)
    scale_n = sheet.cell(rows[glossary("da")["n_scale"]], total)
    assert scale_n.value == _row(content, SATISFIED, "mean")["n"]
    assert scale_n.value < n.value  # the demo has don't-know answers


def test_a_breakdown_groups_figures_equal_the_engines_tidy_rows(danish_report):
    content, book = danish_report
    sheet, rows, columns = _table(content, book, SATISFIED)
    column = columns["Jobcentret"]
    expected = _row(content, SATISFIED, "top2", "department", "jobcenter")
    cell = sheet.cell(rows[glossary("da")["top2"]], column)
    assert isinstance(cell.value, float)
    assert cell.value == pytest.approx(expected["value"])
    assert cell.number_format == "0%"


def test_significant_changes_are_marked_beside_the_figure_in_colour(danish_report):
    content, book = danish_report
    sheet, rows, columns = _table(content, book, SATISFIED)
    total = columns[glossary("da")["total"]]
    marked = unmarked = 0
    labels = {glossary("da")["top2"]: "top2", glossary("da")["bottom2"]: "bottom2",
              "Gennemsnit": "mean"}
    for label, statistic in labels.items():
        row = _row(content, SATISFIED, statistic)
        mark = sheet.cell(rows[label], total + 1)
        if bool(row["significant"]):
            up = row["value"] > row["previous_value"]
            assert mark.value == "*"
            assert _fill(mark) == (UP_FILL if up else DOWN_FILL).lstrip("#")
            assert _fill(sheet.cell(rows[label], total)) == _fill(mark)
            marked += 1
        else:
            assert mark.value is None
            unmarked += 1
    assert marked >= 1  # the demo's 2022 wave is more satisfied than 2019


def test_low_base_cells_are_shaded_with_a_footnote(danish_report):
    content, book = danish_report
    table = content.table
    low = table[(table["question"] == SATISFIED) & (table["breakdown"] == "department")
                & (table["wave"] == "2022") & table["low_base"].astype(bool)
                & (table["statistic"] == "top2")]
    assert not low.empty
    group = low.iloc[0]["group"]
    sheet, rows, columns = _table(content, book, SATISFIED)
    choice = content.questionnaire.question("department").choice_list.choice(group)
    cell = sheet.cell(rows[glossary("da")["top2"]], columns[choice.label("da")])
    assert _fill(cell) == LOW_BASE_FILL.lstrip("#")
    footnote = glossary("da")["note_low_base"].format(min_base=content.min_base)
    assert footnote in [sheet.cell(r, 1).value for r in range(1, sheet.max_row + 1)]
    not_low = sheet.cell(rows[glossary("da")["top2"]], columns[glossary("da")["total"]])
    assert _fill(not_low) != LOW_BASE_FILL.lstrip("#")


def test_a_target_is_shown_beside_its_figure_with_met_or_missed(demo_projects, tmp_path):
    from surveydesk.store.settings import set_target

    path = tmp_path / "targets.sdproj"
    path.write_bytes(demo_projects["citizen_service"].read_bytes())
    with Project.open(path) as project:
        set_target(project, SATISFIED, "top2", ">=", 0.99)
        content = report_content(project, language="en")
    write_report(content, tmp_path / "r.xlsx")
    book = openpyxl.load_workbook(tmp_path / "r.xlsx")
    sheet, rows, columns = _table(content, book, SATISFIED)
    row = rows[glossary("en")["top2"]]
    target = sheet.cell(row, columns["Total"] + 3)
    assert target.value == pytest.approx(0.99)
    assert target.number_format == '"≥ "0%'
    assert sheet.cell(row, columns["Total"] + 4).value == glossary("en")["target_missed"]
    assert sheet.cell(rows["Mean"], columns["Total"] + 3).value is None


def test_the_front_page_shows_response_rates_where_populations_are_set(demo_projects,
                                                                       tmp_path):
    from surveydesk.store.settings import replace_population_counts

    path = tmp_path / "rates.sdproj"
    path.write_bytes(demo_projects["jobcentre"].read_bytes())
    with Project.open(path) as project:
        replace_population_counts(project, [("2023", "mode", "web", 2000),
                                            ("2023", "mode", "in_person", 500),
                                            ("2023", "mode", "phone", 500)])
        content = report_content(project, language="da")
    write_report(content, tmp_path / "r.xlsx")
    front = openpyxl.load_workbook(tmp_path / "r.xlsx")["Forside"]
    rows = {front.cell(r, 1).value: r for r in range(1, front.max_row + 1)}
    assert front.cell(rows["Bølge"], 7).value == "Svarprocent"
    rates = content.response_rates
    expected = rates[(rates["wave"] == "2023") & (rates["group"] == "")].iloc[0]["rate"]
    rate = front.cell(rows["2023"], 7)
    assert rate.value == pytest.approx(expected) and rate.number_format == "0%"
    assert front.cell(rows["2021"], 7).value is None


def test_a_single_dont_know_choice_is_not_shown_twice(danish_report):
    content, book = danish_report
    sheet, rows, _ = _table(content, book, SATISFIED)
    labels = [sheet.cell(r, 1).value for r in range(min(rows.values()), rows["n"])]
    assert labels.count("Ved ikke") == 1
    assert "Gennemsnit" in labels


def test_every_contents_link_points_at_an_existing_sheet_and_its_table(danish_report):
    _, book = danish_report
    contents = book["Indhold"]
    links = [c for c in contents["B"] if c.hyperlink is not None]
    assert len(links) > 20
    for cell in links:
        sheet_part, ref = cell.hyperlink.location.rsplit("!", 1)
        sheet = book[sheet_part.strip("'")]
        assert sheet.cell(int(ref[1:]), 1).value == cell.value


def test_front_page_shows_waves_and_counts_by_mode(danish_report):
    content, book = danish_report
    front = book["Forside"]
    assert front["A1"].value == "Brugerundersøgelse af Borgerservice"
    rows = {front.cell(r, 1).value: r for r in range(1, front.max_row + 1)}
    header = [front.cell(rows["Bølge"], c).value for c in range(1, 7)]
    assert header == ["Bølge", "Indsamlingsperiode", "Web", "Personligt fremmøde",
                      "Telefon", "I alt"]
    wave = next(w for w in content.waves if w.label == "2022")
    assert [front.cell(rows["2022"], c).value for c in range(3, 7)] == [
        wave.by_mode["web"], wave.by_mode["in_person"], wave.by_mode["phone"], wave.total]


@pytest.mark.parametrize("form", ["citizen_service", "jobcentre"])
@pytest.mark.parametrize("language", ["da", "en"])
def test_both_demos_build_in_both_languages_with_valid_sheet_names(
        demo_projects, tmp_path, form, language):
    with Project.open(demo_projects[form]) as project:
        content = report_content(project, language=language, breakdowns=("mode",))
    out = tmp_path / f"{form}-{language}.xlsx"
    write_report(content, out)
    book = openpyxl.load_workbook(out)
    names = book.sheetnames
    assert len({n.lower() for n in names}) == len(names)
    for name in names:
        assert len(name) <= MAX_SHEET_NAME
        assert not re.search(r"[\[\]:*?/\\]", name)
    words, other = glossary(language), glossary("en" if language == "da" else "da")
    assert names[0] == words["sheet_front"] and names[-1] == words["sheet_method"]
    leftovers = set(other.values()) - set(words.values())
    for sheet in book.worksheets:
        for row in sheet.iter_rows(values_only=True):
            for value in row:
                assert value not in leftovers, (sheet.title, value)
    assert not list(tmp_path.glob(".report-*"))  # no temporary file left behind
    if language == "da":
        text = " ".join(str(v) for s in book.worksheets for r in s.iter_rows(values_only=True)
                        for v in r if isinstance(v, str))
        assert "ø" in text and "å" in text and "æ" in text


def test_sheet_names_are_cut_to_31_characters_cleaned_and_unique():
    taken: set[str] = set()
    assert sheet_name("Spørgsmål [a/b]: hvad?*", taken) == "Spørgsmål a b hvad"
    long = "Hvor enig eller uenig er du i følgende udsagn"
    first, second = sheet_name(long, taken), sheet_name(long, taken)
    assert len(first) == len(second) == 31 or len(second) <= 31
    assert first != second and second.endswith("(2)")


def test_long_group_titles_lose_the_words_they_share():
    titles = ["Hvor enig er du i følgende udsagn om dit personlige fremmøde?",
              "Hvor enig er du i følgende udsagn om den telefoniske betjening?", "Om dig"]
    assert short_titles(titles) == ["Dit personlige fremmøde",
                                    "Den telefoniske betjening", "Om dig"]


def test_labels_missing_in_the_report_language_are_listed():
    scale = ChoiceList("yn", (Choice("yes", {"da": "Ja", "en": "Yes"}),
                              Choice("no", {"da": "Nej"})))
    questionnaire = Questionnaire(
        "f", "Titel", "1", "da", (Language("da", "Dansk"), Language("en", "English")),
        (Question("q", QuestionType.SELECT_ONE, {"da": "Spørgsmål"}, choice_list=scale),))
    assert missing_labels(questionnaire, "en") == ["question 'q'", "choice 'no' of 'q'"]
    assert missing_labels(questionnaire, "da") == []


def test_a_missing_output_folder_is_a_usage_error(danish_report, tmp_path):
    content, _ = danish_report
    with pytest.raises(UsageError, match="does not exist"):
        write_report(content, tmp_path / "missing" / "r.xlsx")


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(min_size=0, max_size=60) | st.sampled_from(
    ["History", "x" * 30 + "'y", "'", "a\x00b", "Forside"]), min_size=1, max_size=12))
def test_any_titles_become_valid_unique_sheet_names(titles):
    taken: set[str] = set()
    names = [sheet_name(title, taken) for title in short_titles(titles)]
    assert len({name.lower() for name in names}) == len(names)
    for name in names:
        assert 0 < len(name) <= MAX_SHEET_NAME
        assert not re.search(r"[\[\]:*?/\\]", name)
        assert not name.startswith("'") and not name.endswith("'")
        assert name.isprintable() and name.lower() != "history"
