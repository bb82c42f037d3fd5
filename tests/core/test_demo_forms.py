"""The bundled demo questionnaires are well-formed XLSForm workbooks in both languages.

These tests read the committed workbooks in ``resources/forms/`` with openpyxl only, so
they hold whatever the questionnaire reader does, and check that ``tools/make_demo_forms.py``
still produces exactly what is committed.
"""

from __future__ import annotations

import re
import subprocess
import sys
import time
from pathlib import Path

import openpyxl
import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
FORMS_DIR = REPO_ROOT / "resources" / "forms"
SCRIPT = REPO_ROOT / "tools" / "make_demo_forms.py"
FORM_IDS = ("citizen_service", "jobcentre")
LANGUAGES = ("Dansk (da)", "English (en)")

SURVEY_HEADERS = (
    "type",
    "name",
    "label::Dansk (da)",
    "label::English (en)",
    "hint::Dansk (da)",
    "hint::English (en)",
    "required",
    "relevant",
    "constraint",
    "constraint_message::Dansk (da)",
    "constraint_message::English (en)",
    "calculation",
    "appearance",
)
CHOICES_HEADERS = ("list_name", "name", "label::Dansk (da)", "label::English (en)", "score")
SETTINGS_HEADERS = ("form_title", "form_title::English (en)", "form_id", "version",
                    "default_language")

QUESTION_TYPES = {"integer", "decimal", "text", "date", "note", "calculate"}
IDENTIFIER = re.compile(r"^[a-z][a-z0-9_]*$")
CHOICE_NAME = re.compile(r"^[a-z0-9_]+$")

# The expression language our evaluator accepts, and nothing more.
EXPRESSION_TOKEN = re.compile(
    r"""\s+
    | \$\{(?P<ref>[^}]*)\}
    | (?P<number>\d+(?:\.\d+)?)
    | '[^']*' | "[^"]*"
    | !=|<=|>=|=|<|>|\+|-|\*|\(|\)|,|\.
    | (?P<word>[a-z][a-z-]*)""",
    re.VERBOSE,
)
EXPRESSION_WORDS = {
    "and",
    "or",
    "not",
    "div",
    "mod",
    "selected",
    "count-selected",
    "string-length",
    "if",
    "coalesce",
}

SCORED_LISTS = {
    "citizen_service": {"satisfaction5", "degree4", "agree5"},
    "jobcentre": {"satisfaction5", "agree5"},
}

MAIN_QUESTIONS = {
    "citizen_service": {
        "department",
        "channel_used",
        "channel_preferred",
        "sat_municipality",
        "sat_latest",
        "clear_info",
        "age",
        "gender",
    },
    "jobcentre": {"target_group", "time_unemployed", "sat_overall", "age", "gender"},
}


def _rows(sheet) -> list[dict[str, object]]:
    header, *body = sheet.iter_rows(values_only=True)
    return [dict(zip(header, row, strict=True)) for row in body]


def _open(form_id: str):
    return openpyxl.load_workbook(FORMS_DIR / f"{form_id}.xlsx")


@pytest.fixture(scope="module", params=FORM_IDS)
def form(request):
    wb = _open(request.param)
    return {
        "id": request.param,
        "survey": _rows(wb["survey"]),
        "choices": _rows(wb["choices"]),
        "settings": _rows(wb["settings"]),
        "headers": {
            name: tuple(next(wb[name].iter_rows(values_only=True)))
            for name in ("survey", "choices", "settings")
        },
    }


def _list_name(type_: str) -> str | None:
    kind, _, rest = type_.partition(" ")
    return rest if kind in ("select_one", "select_multiple") else None


def _references(expression: str) -> list[str]:
    """The ``${name}`` references, after checking every token is allowed."""
    refs, position = [], 0
    while position < len(expression):
        match = EXPRESSION_TOKEN.match(expression, position)
        assert match, f"unexpected text at {expression[position:]!r} in {expression!r}"
        if match["word"] is not None:
            assert match["word"] in EXPRESSION_WORDS, f"{match['word']!r} in {expression!r}"
        if match["ref"] is not None:
            refs.append(match["ref"])
        position = match.end()
    return refs


def test_workbook_has_the_three_sheets_with_the_supported_headers(form):
    assert form["headers"] == {
        "survey": SURVEY_HEADERS,
        "choices": CHOICES_HEADERS,
        "settings": SETTINGS_HEADERS,
    }


def test_settings_name_the_form_in_danish_with_its_id_and_version(form):
    (settings,) = form["settings"]
    assert settings["form_id"] == form["id"]
    assert settings["version"] == "2024.1"
    assert settings["default_language"] == "da"
    assert settings["form_title"].startswith("Brugerundersøgelse")


def test_every_row_has_a_known_type_and_a_unique_identifier_name(form):
    names = []
    for row in form["survey"]:
        type_ = row["type"]
        assert type_ in QUESTION_TYPES | {"begin_group", "end_group"} or _list_name(type_)
        if type_ == "end_group":
            assert all(value is None for key, value in row.items() if key != "type")
            continue
        assert IDENTIFIER.match(row["name"]), row["name"]
        names.append(row["name"])
    assert len(names) == len(set(names))


def test_groups_balance_and_never_nest(form):
    open_group = None
    for row in form["survey"]:
        if row["type"] == "begin_group":
            assert open_group is None, f"{row['name']} opens inside {open_group}"
            open_group = row["name"]
        elif row["type"] == "end_group":
            assert open_group is not None
            open_group = None
    assert open_group is None


def test_every_select_names_a_list_that_exists(form):
    lists = {choice["list_name"] for choice in form["choices"]}
    used = {_list_name(row["type"]) for row in form["survey"]} - {None}
    assert used <= lists
    assert lists <= used, f"unused lists: {lists - used}"


def test_choice_names_are_short_identifiers_unique_within_their_list(form):
    seen = set()
    for choice in form["choices"]:
        assert CHOICE_NAME.match(str(choice["name"])), choice
        key = (choice["list_name"], choice["name"])
        assert key not in seen
        seen.add(key)


def test_expressions_use_the_supported_syntax_and_refer_to_earlier_questions(form):
    earlier = set()
    for row in form["survey"]:
        for column in ("relevant", "constraint", "calculation"):
            if row[column]:
                for ref in _references(row[column]):
                    assert ref in earlier, f"{row['name']}.{column} refers to {ref!r}"
        if row["type"] not in ("begin_group", "end_group", "note"):
            earlier.add(row["name"])


def test_scored_lists_run_from_one_to_n_with_a_single_blank_dont_know(form):
    by_list: dict[str, list[dict]] = {}
    for choice in form["choices"]:
        by_list.setdefault(choice["list_name"], []).append(choice)
    scored = {name for name, items in by_list.items() if any(c["score"] is not None for c in items)}
    assert scored == SCORED_LISTS[form["id"]]
    for name in scored:
        blank = [c for c in by_list[name] if c["score"] is None]
        assert [c["name"] for c in blank] == ["dk"], name
        assert blank[0]["label::Dansk (da)"] == "Ved ikke"
        scores = [c["score"] for c in by_list[name] if c["score"] is not None]
        assert all(isinstance(score, int) for score in scores), name
        assert sorted(scores) == list(range(1, len(scores) + 1)), name
        assert scores[0] == max(scores), f"{name} should list the most positive point first"


def test_select_multiple_questions_allow_at_most_three_with_a_message_in_both_languages(form):
    multiples = [r for r in form["survey"] if r["type"].startswith("select_multiple ")]
    assert len(multiples) == (2 if form["id"] == "citizen_service" else 0)
    for row in multiples:
        assert row["constraint"] == "count-selected(.) <= 3"
        assert row["constraint_message::Dansk (da)"] and row["constraint_message::English (en)"]


def test_required_is_yes_or_blank_and_main_questions_are_required(form):
    required = {row["name"] for row in form["survey"] if row["required"] == "yes"}
    assert {row["required"] for row in form["survey"]} <= {"yes", None}
    assert MAIN_QUESTIONS[form["id"]] <= required


def _untranslated(form) -> list[tuple[str, str]]:
    """(question, column) pairs where a Danish text has no English one, or the reverse."""
    missing = []
    for row in form["survey"]:
        if row["type"] == "end_group":
            continue
        for prefix in ("label", "hint", "constraint_message"):
            da, en = (row[f"{prefix}::{language}"] for language in LANGUAGES)
            if bool(da) != bool(en):
                missing.append((row["name"], f"{prefix}::{'English (en)' if da else 'Dansk (da)'}"))
    for choice in form["choices"]:
        for language in LANGUAGES:
            if not choice[f"label::{language}"]:
                missing.append((f"{choice['list_name']}/{choice['name']}", f"label::{language}"))
    return missing


def test_every_text_is_in_both_languages(form):
    # A new user's first 'init' on a bundled form must not warn about a missing text.
    assert _untranslated(form) == []


def test_every_shown_row_has_a_label_and_calculations_have_none(form):
    for row in form["survey"]:
        if row["type"] == "end_group":
            continue
        has_label = bool(row["label::Dansk (da)"])
        assert has_label == (row["type"] != "calculate"), row["name"]
        assert bool(row["calculation"]) == (row["type"] == "calculate"), row["name"]


def test_danish_letters_survive_in_labels(form):
    texts = [row["label::Dansk (da)"] or "" for row in form["survey"]]
    texts += [choice["label::Dansk (da)"] for choice in form["choices"]]
    joined = " ".join(texts)
    assert all(letter in joined for letter in "æøå")


def test_citizen_service_asks_channel_statements_only_of_that_channels_users():
    survey = _rows(_open("citizen_service")["survey"])
    group = None
    for row in survey:
        if row["type"] == "begin_group":
            group = row["name"]
        elif row["type"] == "end_group":
            group = None
        elif group and group.startswith("channel_"):
            channel = group.removeprefix("channel_")
            assert row["relevant"] == f"${{channel_used}} = '{channel}'", row["name"]
    departments = [
        c for c in _rows(_open("citizen_service")["choices"]) if c["list_name"] == "department"
    ]
    assert len(departments) == 13
    assert "Teknik & Miljø" in {c["label::Dansk (da)"] for c in departments}


def test_jobcentre_has_six_target_groups_five_themes_and_an_age_band():
    wb = _open("jobcentre")
    survey, choices = _rows(wb["survey"]), _rows(wb["choices"])
    assert len([c for c in choices if c["list_name"] == "target_group"]) == 6
    themes = ["conversations", "treatment", "outcome", "digital", "premises"]
    groups = [row["name"] for row in survey if row["type"] == "begin_group"]
    assert [g for g in groups if g in themes] == themes
    (age_band,) = [row for row in survey if row["name"] == "age_band"]
    assert age_band["type"] == "calculate"
    assert "${age}" in age_band["calculation"]


def _regenerate(out_dir: Path) -> None:
    subprocess.run(
        [sys.executable, str(SCRIPT), "--out-dir", str(out_dir)],
        check=True,
        capture_output=True,
    )


def _cell_values(path: Path) -> dict[str, list[tuple]]:
    wb = openpyxl.load_workbook(path)
    return {sheet.title: list(sheet.iter_rows(values_only=True)) for sheet in wb.worksheets}


def test_script_output_is_byte_identical_from_run_to_run(tmp_path):
    _regenerate(tmp_path / "first")
    # Zip entries carry 2-second timestamps and document properties 1-second ones; wait
    # long enough that a leaked clock reading would show up as a difference.
    time.sleep(2.1)
    _regenerate(tmp_path / "second")
    for form_id in FORM_IDS:
        first = (tmp_path / "first" / f"{form_id}.xlsx").read_bytes()
        assert first == (tmp_path / "second" / f"{form_id}.xlsx").read_bytes()


@pytest.mark.parametrize("form_id", FORM_IDS)
def test_committed_workbook_matches_what_the_script_writes(tmp_path, form_id):
    # Cell values rather than bytes: a new openpyxl may zip the same content differently.
    _regenerate(tmp_path)
    fresh = _cell_values(tmp_path / f"{form_id}.xlsx")
    committed = _cell_values(FORMS_DIR / f"{form_id}.xlsx")
    assert committed == fresh, "run tools/make_demo_forms.py and commit resources/forms/"
