"""The report's theme-score summary (seed 001), benchmark column (seed 002), native charts,
front page facts, titles per language, and progress and cancel of the writer.

Workbooks are read back with openpyxl; charts (which openpyxl does not load) are read from
the workbook's chart XML, and every cell range a chart refers to is resolved and compared
with the engine's tidy rows."""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from pathlib import Path

import openpyxl
import pytest

from surveydesk.analysis.reference import BenchmarkValue
from surveydesk.analysis.report import report_content
from surveydesk.core.errors import Cancelled, UsageError
from surveydesk.export.excel import DOWN_FILL, SIGNIFICANT, UP_FILL, write_report
from surveydesk.export.glossary import glossary
from surveydesk.io.demo import write_demo
from surveydesk.store import settings
from surveydesk.store.project import Project

THEMES = ("conversations", "treatment", "outcome", "digital", "premises")
SOURCE = "Avg. of 44 municipalities"
# Seed 002: published theme means with their base and spread, so differences are tested.
BENCHMARK = (
    BenchmarkValue("conversations", "theme_mean", 3.2, 4200, 0.9, source=SOURCE),
    BenchmarkValue("treatment", "theme_mean", 3.95, 4200, 0.9, source=SOURCE),
    BenchmarkValue("outcome", "theme_mean", 3.6, 4200, 1.0, source=SOURCE),
    BenchmarkValue("sat_overall", "top2", 0.62, 4200, source=SOURCE),
)


@pytest.fixture(scope="module")
def jobcentre(tmp_path_factory):
    """The jobcentre demo with seed 001's targets (theme score at least 4.0, reached by
    none) and one the total reaches, a client and a benchmark."""
    path = tmp_path_factory.mktemp("themes") / "jobcentre.sdproj"
    with write_demo(path, "jobcentre") as project:
        for theme in THEMES:
            settings.set_target(project, theme, "theme_mean", ">=", 4.0)
        settings.set_target(project, "premises", "theme_mean", ">=", 3.0)
        settings.set_target(project, "sat_overall", "top2", ">=", 0.5)
        settings.set_setting(project, "client", "Norddjurs Kommune")
    return path


def _report(path: Path, out: Path, language: str, **options):
    with Project.open(path) as project:
        content = report_content(project, language=language, today=dt.date(2026, 11, 26),
                                 **options)
    write_report(content, out)
    return content, openpyxl.load_workbook(out)


@pytest.fixture(scope="module")
def english(jobcentre, tmp_path_factory):
    out = tmp_path_factory.mktemp("report") / "report.xlsx"
    content, book = _report(jobcentre, out, "en", breakdowns=("target_group",),
                            benchmark=BENCHMARK)
    return content, book, out




def _engine(content, question, statistic, breakdown="", group="", wave="2023"):
    table = content.table
    found = table[(table["question"] == question) & (table["statistic"] == statistic)
                  & (table["breakdown"] == breakdown) & (table["group"] == group)
                  & (table["wave"] == wave)]
    assert len(found) == 1, (question, statistic, breakdown, group, wave)
    return found.iloc[0]


def _rows(sheet, first: int = 1, last: int | None = None) -> dict[str, int]:
    return {sheet.cell(r, 1).value: r for r in range(first, (last or sheet.max_row) + 1)
            if sheet.cell(r, 1).value is not None}


def _columns(sheet) -> dict[str, int]:
    return {sheet.cell(2, c).value: c for c in range(2, sheet.max_column + 1)
            if sheet.cell(2, c).value}


def _fill(cell) -> str:
    return str(cell.fill.fgColor.rgb)[-6:].upper()


def _theme_label(content, theme):
    return content.questionnaire.group(theme).label(content.language)


def _theme_rows(sheet) -> dict[str, int]:
    """Label -> row of the theme scores (above the block of their bases)."""
    return _rows(sheet, last=_rows(sheet)["n"])


# -- the theme summary ----------------------------------------------------------------------
def test_the_theme_summary_holds_every_theme_by_wave_and_group_as_the_engine(english):
    content, book, _ = english
    sheet = book[glossary("en")["sheet_themes"]]
    assert book.sheetnames.index(sheet.title) == 2  # after the front page and contents
    columns = _columns(sheet)
    n_row = _rows(sheet)["n"]
    rows = _rows(sheet, last=n_row)
    groups = content.questionnaire.question("target_group").choice_list.choices
    for theme in THEMES:
        row = rows[_theme_label(content, theme)]
        total = sheet.cell(row, columns["Total"])
        assert total.value == pytest.approx(_engine(content, theme, "theme_mean")["value"])
        assert total.number_format == "0.0"
        assert sheet.cell(row, columns["Total"] + 2).value == pytest.approx(
            _engine(content, theme, "theme_mean", wave="2021")["value"])
        for choice in groups:
            cell = sheet.cell(row, columns[choice.label("en")])
            expected = _engine(content, theme, "theme_mean", "target_group", choice.name)
            assert cell.value == pytest.approx(expected["value"])
            assert (_fill(cell) == "E7E6E6") == bool(expected["low_base"])
    n_rows = _rows(sheet, first=n_row + 1)
    for theme in THEMES:
        n = sheet.cell(n_rows[_theme_label(content, theme)], columns["Total"]).value
        assert n == _engine(content, theme, "theme_mean")["n"]


def test_theme_targets_are_shown_with_met_or_missed(english):
    content, book, _ = english
    sheet = book[glossary("en")["sheet_themes"]]
    words = glossary("en")
    title_row = _rows(sheet)[words["themes_table"]]
    target_column = next(c for c in range(2, sheet.max_column + 1)
                         if sheet.cell(title_row, c).value == words["target"])
    rows = _theme_rows(sheet)
    for theme in THEMES:
        row = rows[_theme_label(content, theme)]
        engine = _engine(content, theme, "theme_mean")
        target = sheet.cell(row, target_column)
        assert target.value == pytest.approx(engine["target"])
        assert target.number_format == '"≥ "0.0'
        word = words["target_met" if engine["target_met"] else "target_missed"]
        assert sheet.cell(row, target_column + 1).value == word
    premises = rows[_theme_label(content, "premises")]
    assert sheet.cell(premises, target_column + 1).value == words["target_met"]
    conversations = rows[_theme_label(content, "conversations")]
    assert sheet.cell(conversations, target_column + 1).value == words["target_missed"]


def test_the_benchmark_column_holds_the_benchmark_and_marks_significant_differences(english):
    content, book, _ = english
    sheet = book[glossary("en")["sheet_themes"]]
    title_row = _rows(sheet)[glossary("en")["themes_table"]]
    column = next(c for c in range(2, sheet.max_column + 1)
                  if sheet.cell(title_row, c).value == SOURCE)
    marked = 0
    rows = _theme_rows(sheet)
    for theme in THEMES:
        row = rows[_theme_label(content, theme)]
        engine = _engine(content, theme, "theme_mean")
        bench = sheet.cell(row, column)
        mark = sheet.cell(row, column + 1)
        if theme in ("digital", "premises"):  # no benchmark for these
            assert bench.value is None
            continue
        assert bench.value == pytest.approx(engine["benchmark"])
        if engine["significant_vs_benchmark"]:
            marked += 1
            assert mark.value == SIGNIFICANT
            above = engine["value"] > engine["benchmark"]
            assert _fill(mark) == (UP_FILL if above else DOWN_FILL)[1:]
        else:
            assert mark.value is None
    assert marked >= 1  # 3.2 for conversations is far below the demo's score
    note = glossary("en")["note_benchmark"].format(symbol=SIGNIFICANT, min_base=30)
    assert note in _rows(sheet)


def test_the_method_sheet_names_the_benchmark_and_its_legend(english):
    _, book, _ = english
    words = glossary("en")
    method = book[words["sheet_method"]]
    texts = [c.value for row in method.iter_rows() for c in row if c.value]
    assert words["method_benchmark_text"].format(source=SOURCE) in texts
    assert words["legend_benchmark_up"] in texts and words["legend_benchmark_down"] in texts


def test_a_theme_gets_a_score_table_before_its_first_statement(english):
    content, book, _ = english
    label = content.questionnaire.group("treatment").label("en")
    words = glossary("en")
    contents = book[words["sheet_contents"]]
    entries = [c.value for c in contents["B"] if c.hyperlink is not None]
    title = f"{words['theme_score']}: {label}"
    first_statement = content.questionnaire.question("treat_heard").label("en")
    assert entries.index(title) + 1 == entries.index(first_statement)
    sheet = book[next(c.hyperlink.location.rsplit("!", 1)[0].strip("'")
                      for c in contents["B"] if c.value == title)]
    row = _rows(sheet)[title]
    assert sheet.cell(row + 1, 1).value == words["theme_mean"]
    assert sheet.cell(row + 1, 2).value == pytest.approx(
        _engine(content, "treatment", "theme_mean")["value"])


def test_without_targets_or_headline_questions_there_is_no_charts_sheet(tmp_path):
    path = tmp_path / "citizen.sdproj"
    write_demo(path, "citizen_service").close()
    _, book = _report(path, tmp_path / "r.xlsx", "da")
    assert glossary("da")["sheet_charts"] not in book.sheetnames
    assert set(_charts(tmp_path / "r.xlsx")) == {glossary("da")["themes_chart"]}


# -- charts ---------------------------------------------------------------------------------
_RANGE = re.compile(r"^(?:'((?:[^']|'')+)'|([^!]+))!\$([A-Z]+)\$(\d+)(?::\$([A-Z]+)\$(\d+))?$")


def _column_number(letters: str) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - 64
    return number


def _resolve(book, reference: str) -> list:
    match = _RANGE.match(reference)
    assert match, reference
    sheet = book[(match[1] or match[2]).replace("''", "'")]
    first_col, first_row = _column_number(match[3]), int(match[4])
    last_col = _column_number(match[5]) if match[5] else first_col
    last_row = int(match[6]) if match[6] else first_row
    return [sheet.cell(r, c).value for r in range(first_row, last_row + 1)
            for c in range(first_col, last_col + 1)]


def _charts(out: Path) -> dict[str, list[dict]]:
    """Chart title -> its series: {name, categories, values} as cell references."""
    found = {}
    with zipfile.ZipFile(out) as archive:
        for name in archive.namelist():
            if not re.fullmatch(r"xl/charts/chart\d+\.xml", name):
                continue
            xml = archive.read(name).decode("utf-8")
            title = "".join(re.findall(r"<a:t>([^<]*)</a:t>", xml.split("</c:title>")[0]))
            series = []
            for block in re.findall(r"<c:ser>(.*?)</c:ser>", xml, re.S):
                refs = re.findall(r"<c:f>([^<]*)</c:f>", block)
                names = re.findall(r"<c:tx>.*?<c:v>([^<]*)</c:v>", block, re.S)
                series.append({"name": names[0] if names else None,
                               "categories": refs[-2].replace("&apos;", "'"),
                               "values": refs[-1].replace("&apos;", "'")})
            found[title] = series
    return found


def test_the_theme_chart_refers_to_the_summary_cells_of_both_waves_and_the_targets(english):
    content, book, out = english
    words = glossary("en")
    charts = _charts(out)
    bars = charts[words["themes_chart"]]
    assert [s["name"] for s in bars] == ["2021", "2023", words["target"]]
    labels = [_theme_label(content, theme) for theme in THEMES]
    for series in bars:
        assert _resolve(book, series["categories"]) == labels
    for wave, series in (("2021", bars[0]), ("2023", bars[1])):
        assert _resolve(book, series["values"]) == pytest.approx(
            [_engine(content, t, "theme_mean", wave=wave)["value"] for t in THEMES])
    assert _resolve(book, bars[2]["values"]) == [4.0, 4.0, 4.0, 4.0, 3.0]


def test_a_question_with_a_target_gets_a_native_chart_of_its_answers(english):
    content, book, out = english
    words = glossary("en")
    question = content.questionnaire.question("sat_overall")
    charts = _charts(out)
    chart = charts[question.label("en")]
    assert [s["name"] for s in chart] == ["2021", "2023"]
    choices = question.choice_list.choices
    assert _resolve(book, chart[0]["categories"]) == [c.label("en") for c in choices]
    for wave, series in (("2021", chart[0]), ("2023", chart[1])):
        assert _resolve(book, series["values"]) == pytest.approx(
            [_engine(content, "sat_overall", f"share:{c.name}", wave=wave)["value"]
             for c in choices])
    assert words["sheet_charts"] in book.sheetnames
    contents = book[words["sheet_contents"]]
    assert f"{words['chart']}: {question.label('en')}" in [c.value for c in contents["B"]]


def test_headline_questions_asked_for_are_charted_and_bad_ones_refused(jobcentre, tmp_path):
    content, _ = _report(jobcentre, tmp_path / "r.xlsx", "da", headline=("gender",))
    charts = _charts(tmp_path / "r.xlsx")
    assert content.questionnaire.question("gender").label("da") in charts
    with Project.open(jobcentre) as project:
        with pytest.raises(UsageError, match="Unknown question 'nope'"):
            report_content(project, language="da", headline=("nope",))
        with pytest.raises(UsageError, match="'comment' has no choices"):
            report_content(project, language="da", headline=("comment",))


# -- front page and titles ------------------------------------------------------------------
def test_the_front_page_names_client_fieldwork_and_complete_interviews(english, jobcentre):
    _, book, _ = english
    words = glossary("en")
    front = book[words["sheet_front"]]
    assert front["A1"].value == "Job Centre user survey"  # form_title::English (en)
    rows = _rows(front)
    assert front.cell(rows[words["front_client"]], 2).value == "Norddjurs Kommune"
    assert front.cell(rows["2023"], 2).value == "2023-10-02 – 2023-11-10"
    with Project.open(jobcentre) as project:
        summary = next(s for s in project.overview().waves if s.wave.label == "2023")
    complete = summary.complete_by_mode
    assert [front.cell(rows["2023"], c).value for c in range(3, 7)] == [
        complete["web"], complete["in_person"], complete["phone"], sum(complete.values())]
    assert sum(complete.values()) < summary.total  # partial interviews are left out


def test_a_form_without_a_title_in_the_report_language_warns_and_keeps_its_own(tmp_path):
    from surveydesk.core.xlsform import read_xlsform

    path = tmp_path / "citizen.sdproj"
    write_demo(path, "citizen_service").close()
    with Project.open(path) as project:
        questionnaire = project.questionnaire
        assert questionnaire.title_in("en") == "Citizen Service user survey"
    stripped = read_xlsform(_without_english_title(tmp_path), "form.xlsx")
    assert stripped.title_in("en") is None
    assert stripped.title_in("da") == "Brugerundersøgelse af Borgerservice"


def _without_english_title(folder: Path) -> bytes:
    from surveydesk.io.demo import demo_form_path

    book = openpyxl.load_workbook(demo_form_path("citizen_service"))
    settings_sheet = book["settings"]
    assert settings_sheet["B1"].value == "form_title::English (en)"
    settings_sheet.delete_cols(2)
    settings_sheet["C2"] = "2024.2"  # version, now in column C
    out = folder / "form.xlsx"
    book.save(out)
    return out.read_bytes()


def test_the_report_warns_when_the_english_title_is_missing(tmp_path):
    from surveydesk.core.xlsform import read_xlsform

    workbook = _without_english_title(tmp_path)
    questionnaire = read_xlsform(workbook, "form.xlsx")
    demo = tmp_path / "demo.sdproj"
    write_demo(demo, "citizen_service").close()
    with Project.open(demo) as project:
        project.add_form_version(workbook, questionnaire)
        content = report_content(project, language="en")
    assert content.title == "Brugerundersøgelse af Borgerservice"
    assert any("no title in 'en'" in warning and "form_title::en" in warning
               for warning in content.warnings)


# -- progress and cancel --------------------------------------------------------------------
def test_progress_is_reported_while_counting_and_per_sheet(jobcentre, tmp_path):
    counted, written = [], []
    with Project.open(jobcentre) as project:
        content = report_content(project, language="da",
                                 progress=lambda done, total, text: counted.append(
                                     (done, total)))
    write_report(content, tmp_path / "r.xlsx",
                 progress=lambda done, total, text: written.append((done, total, text)))
    assert counted[0][0] == 0 and counted[-1][0] == counted[-1][1] > 30
    assert [d for d, _ in counted] == sorted(d for d, _ in counted)
    assert written[-1][0] == written[-1][1] - 1 and len(written) == written[-1][1]
    assert all(text for _, _, text in written)


def test_cancelling_while_counting_or_writing_leaves_no_workbook(jobcentre, tmp_path):
    out = tmp_path / "r.xlsx"
    with Project.open(jobcentre) as project:
        with pytest.raises(Cancelled):
            report_content(project, language="da", cancelled=lambda: True)
        content = report_content(project, language="da")
    calls = []

    def cancel_on_third_sheet() -> bool:
        calls.append(1)
        return len(calls) >= 3

    with pytest.raises(Cancelled, match="no workbook was written"):
        write_report(content, out, cancelled=cancel_on_third_sheet)
    assert list(tmp_path.iterdir()) == []
    out.write_bytes(b"an earlier report")
    with pytest.raises(Cancelled):
        write_report(content, out, cancelled=lambda: True, replace=True)
    assert out.read_bytes() == b"an earlier report"
    assert [p.name for p in tmp_path.iterdir()] == ["r.xlsx"]


def test_front_page_notes_are_in_the_report_language(tmp_path):
    import dataclasses

    from surveydesk.core.xlsform import read_xlsform

    workbook = _without_english_title(tmp_path)
    demo = tmp_path / "demo.sdproj"
    write_demo(demo, "citizen_service").close()
    with Project.open(demo) as project:
        project.add_form_version(workbook, read_xlsform(workbook, "form.xlsx"))
        content = report_content(project, language="en")
    fields = {"language": "en", "fallback": "da"}
    for language in ("en", "da"):
        out = tmp_path / f"{language}.xlsx"
        write_report(dataclasses.replace(content, language=language), out)
        front = openpyxl.load_workbook(out)[glossary(language)["sheet_front"]]
        texts = [c.value for row in front.iter_rows() for c in row if c.value]
        assert glossary(language)["warnings"] in texts
        assert glossary(language)["warn_no_title"].format(**fields) in texts


def test_the_danish_method_sheet_writes_numbers_the_danish_way(jobcentre, tmp_path):
    _, book = _report(jobcentre, tmp_path / "r.xlsx", "da")
    method = book[glossary("da")["sheet_method"]]
    texts = [c.value for row in method.iter_rows() for c in row if isinstance(c.value, str)]
    assert any("α = 0,05" in text and "p < 0,05 (95 % sikkerhed)" in text for text in texts)
    _, english = _report(jobcentre, tmp_path / "e.xlsx", "en")
    method = english[glossary("en")["sheet_method"]]
    texts = [c.value for row in method.iter_rows() for c in row if isinstance(c.value, str)]
    assert any("p < 0.05 (95% confidence)" in text for text in texts)


def test_front_page_labels_weighting_and_the_form_version_and_aligns_count_headers(english):
    _, book, _ = english
    words = glossary("en")
    front = book[words["sheet_front"]]
    rows = _rows(front)
    assert front.cell(rows[words["front_weighting"]], 2).value == words["front_unweighted"]
    assert front.cell(rows[words["front_form"]], 2).value == "jobcentre, version 2024.1"
    wave_row = rows[words["front_wave"]]
    assert front.cell(wave_row, 3).value == words["mode_web"]
    assert front.cell(wave_row, 3).alignment.horizontal == "right"
    assert front.cell(wave_row, 1).alignment.horizontal != "right"


def test_long_theme_titles_are_shortened_in_the_summary_and_its_chart(tmp_path):
    path = tmp_path / "citizen.sdproj"
    write_demo(path, "citizen_service").close()
    _, book = _report(path, tmp_path / "r.xlsx", "en")
    sheet = book[glossary("en")["sheet_themes"]]
    rows = _rows(sheet)
    labels = [sheet.cell(r, 1).value
              for r in range(rows[glossary("en")["themes_table"]] + 1, rows["n"])]
    assert labels and all(len(label) <= 40 for label in labels)
    assert len(set(labels)) == len(labels)
    [chart] = _charts(tmp_path / "r.xlsx").values()
    assert _resolve(book, chart[0]["categories"]) == labels


def test_a_shortened_title_keeps_its_article():
    from surveydesk.export.excel import short_titles

    titles = ["Hvor enig er du i følgende udsagn om den telefoniske betjening?",
              "Hvor enig er du i følgende udsagn om den digitale selvbetjening?"]
    assert short_titles(titles) == ["Den telefoniske betjening", "Den digitale selvbetjening"]


def test_the_report_file_is_readable_like_any_new_file(english):
    import os
    import stat

    _, _, out = english
    mask = os.umask(0)
    os.umask(mask)
    assert stat.S_IMODE(out.stat().st_mode) == 0o666 & ~mask
