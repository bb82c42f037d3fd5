"""Benchmark and population files: accepted forms and every rejection, with row and column."""

from __future__ import annotations

import pytest

from surveydesk.core.xlsform import read_xlsform
from surveydesk.io.demo import demo_form_path
from surveydesk.io.reference_files import ReferenceFileError, read_benchmark, read_population


@pytest.fixture(scope="module")
def jobcentre():
    return read_xlsform(demo_form_path("jobcentre"))


def _write(tmp_path, text, name="file.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_benchmark_values_accept_percent_and_decimal_comma(tmp_path, jobcentre):
    path = _write(tmp_path, "question;statistic;value;n;sd;source\n"
                            "sat_overall;top2;72%;5210;;Alle kommuner\n"
                            "conversations;theme_mean;3,9;5210;0,8;\n"
                            "sat_overall;share:dk;0.04;;;\n")
    values = read_benchmark(path, jobcentre)
    assert [(v.question, v.statistic, v.value, v.n, v.sd) for v in values] == [
        ("sat_overall", "top2", 0.72, 5210, None),
        ("conversations", "theme_mean", 3.9, 5210, 0.8),
        ("sat_overall", "share:dk", 0.04, None, None)]
    assert values[0].source == "Alle kommuner"


def test_benchmark_problems_name_row_and_column(tmp_path, jobcentre):
    path = _write(tmp_path, "question,statistic,value,n\n"
                            "nope,top2,0.5,10\n"
                            "sat_overall,top3,0.5,10\n"
                            "sat_overall,top2,abc,10\n"
                            "sat_overall,top2,0.5,-4\n")
    with pytest.raises(ReferenceFileError) as error:
        read_benchmark(path, jobcentre)
    assert [(p.row, p.column) for p in error.value.problems] == [
        (2, "value"), (3, "statistic"), (4, "value"), (5, "n")]


def test_benchmark_header_must_have_the_required_columns(tmp_path, jobcentre):
    with pytest.raises(ReferenceFileError, match="'value' is missing"):
        read_benchmark(_write(tmp_path, "question,statistic\nsat_overall,top2\n"), jobcentre)
    with pytest.raises(ReferenceFileError, match="unknown column"):
        read_benchmark(_write(tmp_path, "question,statistic,value,colour\n"), jobcentre)


def test_population_groups_may_be_labels_and_waves_are_optional(tmp_path, jobcentre):
    path = _write(tmp_path, "variable,group,population,wave\n"
                            "target_group,dagpenge,2400,\n"
                            "target_group,\"Kontanthjælp, jobparat\",900,2023\n"
                            "mode,phone,100,\n")
    assert read_population(path, jobcentre) == [
        ("", "target_group", "dagpenge", 2400.0),
        ("2023", "target_group", "kth_jobparat", 900.0),
        ("", "mode", "phone", 100.0)]


def test_population_problems_name_row_and_column(tmp_path, jobcentre):
    path = _write(tmp_path, "variable,group,population\n"
                            "age,30,100\n"
                            "target_group,nope,100\n"
                            "target_group,dagpenge,lots\n"
                            "target_group,dagpenge,5\n"
                            "target_group,Dagpenge (forsikret ledig),6\n"
                            "mode,fax,1\n")
    with pytest.raises(ReferenceFileError) as error:
        read_population(path, jobcentre)
    assert [(p.row, p.column) for p in error.value.problems] == [
        (2, "variable"), (3, "group"), (4, "population"), (6, "group"), (7, "group")]
