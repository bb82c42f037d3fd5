"""Reading XLSForm workbooks: the demo forms, spelling variants, and every load-time error."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font

from surveydesk.core.errors import FormError
from surveydesk.core.questionnaire import QuestionType
from surveydesk.core.xlsform import read_xlsform
from surveydesk.io.demo import demo_form_path

SURVEY = [
    {"type": "select_one sat", "name": "q1", "label::Dansk (da)": "Spørgsmål 1",
     "label::English (en)": "Question 1"},
]


def _problems(error: pytest.ExceptionInfo[FormError]):
    return [(p.sheet, p.row, p.column) for p in error.value.problems]


def test_citizen_service_demo_form_loads_with_both_languages_and_scored_scales():
    questionnaire = read_xlsform(demo_form_path("citizen_service"))
    assert questionnaire.form_id == "citizen_service"
    assert questionnaire.language_codes == ("da", "en")
    assert questionnaire.default_language == "da"
    satisfaction = questionnaire.question("sat_latest")
    assert satisfaction.type is QuestionType.SELECT_ONE
    assert satisfaction.is_scored
    assert [c.name for c in satisfaction.choice_list.dont_know] == ["dk"]
    assert satisfaction.choice_list.scores() == {"5": 5, "4": 4, "3": 3, "2": 2, "1": 1}
    assert "tilfreds" in satisfaction.label("da").lower()
    assert "satisfied" in satisfaction.label("en").lower()
    assert questionnaire.question("important_phone").type is QuestionType.SELECT_MULTIPLE
    assert questionnaire.question("phone_understood").groups == ("channel_phone",)
    assert questionnaire.warnings == ()


def test_the_jobcentre_demo_form_reads_without_warnings():
    questionnaire = read_xlsform(demo_form_path("jobcentre"))
    assert questionnaire.warnings == ()
    hours = questionnaire.question("hours_job_search")
    assert hours.hint("en", questionnaire.fallback) == "An estimate is fine, e.g. 7.5 hours."
    assert questionnaire.question("age_band").type is QuestionType.CALCULATE


def test_a_missing_english_hint_is_warned_about_and_falls_back_to_danish(make_form):
    survey = [{"type": "integer", "name": "hours", "label::Dansk (da)": "Timer",
               "label::English (en)": "Hours", "hint::Dansk (da)": "Et skøn er fint",
               "hint::English (en)": ""}]
    questionnaire = read_xlsform(make_form(survey=survey))
    [warning] = questionnaire.warnings
    assert (warning.sheet, warning.row, warning.column) == ("survey", 2, "hint::English (en)")
    assert "no en text" in warning.message
    hours = questionnaire.question("hours")
    assert hours.hint("en", questionnaire.fallback) == "Et skøn er fint"


def test_relevance_follows_own_expression_and_group(make_form):
    survey = [
        {"type": "select_one yn", "name": "used_phone", "label::Dansk (da)": "Telefon?"},
        {"type": "begin_group", "name": "phone", "relevant": "${used_phone} = 'yes'"},
        {"type": "integer", "name": "calls", "label::Dansk (da)": "Opkald"},
        {"type": "end_group"},
    ]
    choices = [{"list_name": "yn", "name": "yes"}, {"list_name": "yn", "name": "no"}]
    questionnaire = read_xlsform(make_form(survey=survey, choices=choices))
    calls = questionnaire.question("calls")
    assert questionnaire.is_relevant(calls, {"used_phone": "yes"})
    assert not questionnaire.is_relevant(calls, {"used_phone": "no"})
    assert not questionnaire.is_relevant(calls, {})


def test_spelling_variants_of_real_forms_are_accepted(tmp_path):
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "survey"
    sheet.append(["type", "name", "label:English", "label:Dansk"])
    sheet.append(["begin group", "g", "Group", "Gruppe"])
    sheet.append(["select one from yesno", "a", "A?", "A?"])
    sheet.append(["select multiple yesno", "b", "B?", "B?"])
    sheet.append(["end group", None, None, None])
    choices = workbook.create_sheet("choices")
    choices.append(["list name", "name", "label:English", "label:Dansk"])
    choices.append(["yesno", "yes", "Yes", "Ja"])
    choices.append(["yesno", "no", "No", "Nej"])
    workbook.save(tmp_path / "variants.xlsx")
    questionnaire = read_xlsform(tmp_path / "variants.xlsx")
    assert questionnaire.language_codes == ("en", "da")
    assert questionnaire.question("a").type is QuestionType.SELECT_ONE
    assert questionnaire.question("b").choice_list.name == "yesno"
    assert questionnaire.question("a").groups == ("g",)
    assert questionnaire.question("a").choice_list.choice("yes").label("da") == "Ja"


def test_duplicate_names_are_reported_with_both_rows(make_form):
    survey = SURVEY + [{"type": "integer", "name": "q1"}]
    with pytest.raises(FormError) as error:
        read_xlsform(make_form(survey=survey))
    assert _problems(error) == [("survey", 3, "name")]
    assert "already used in row 2" in str(error.value)


def test_unknown_reference_names_the_row_and_column(make_form):
    survey = SURVEY + [{"type": "integer", "name": "q2", "relevant": "${nope} = 1"}]
    with pytest.raises(FormError) as error:
        read_xlsform(make_form(survey=survey))
    assert _problems(error) == [("survey", 3, "relevant")]
    assert "${nope}" in str(error.value)


def test_missing_choice_list_is_reported(make_form):
    survey = [{"type": "select_one missing", "name": "q1"}]
    with pytest.raises(FormError) as error:
        read_xlsform(make_form(survey=survey))
    assert _problems(error) == [("survey", 2, "type")]
    assert "'missing'" in str(error.value)


def test_expression_syntax_error_is_reported_at_its_cell(make_form):
    survey = SURVEY + [{"type": "integer", "name": "q2", "constraint": ". >= (1"}]
    with pytest.raises(FormError) as error:
        read_xlsform(make_form(survey=survey))
    assert _problems(error) == [("survey", 3, "constraint")]


def test_non_numeric_score_is_reported_on_the_choices_sheet(make_form):
    choices = [{"list_name": "sat", "name": "5", "score": 5},
               {"list_name": "sat", "name": "4", "score": "fire"}]
    with pytest.raises(FormError) as error:
        read_xlsform(make_form(survey=SURVEY, choices=choices))
    assert _problems(error) == [("choices", 3, "score")]
    assert "'fire'" in str(error.value)


def test_end_group_without_begin_and_unclosed_group_are_both_reported(make_form):
    survey = [{"type": "end_group"}, *SURVEY, {"type": "begin_group", "name": "open"}]
    with pytest.raises(FormError) as error:
        read_xlsform(make_form(survey=survey))
    assert sorted(_problems(error)) == [("survey", 2, "type"), ("survey", 4, "type")]


def test_all_problems_are_collected_in_one_error(make_form):
    survey = [
        {"type": "select_one nolist", "name": "a"},
        {"type": "integer", "name": "a"},
        {"type": "frobnicate", "name": "c"},
        {"type": "integer", "name": "bad name"},
    ]
    with pytest.raises(FormError) as error:
        read_xlsform(make_form(survey=survey))
    assert len(error.value.problems) == 4


def test_a_workbook_without_a_survey_sheet_is_not_an_xlsform(tmp_path):
    Workbook().save(tmp_path / "empty.xlsx")
    with pytest.raises(FormError, match=r"no 'survey' sheet"):
        read_xlsform(tmp_path / "empty.xlsx")


@pytest.mark.parametrize("content", [b"", b"not a workbook", b"PK\x03\x04broken zip"])
def test_a_file_that_is_not_a_workbook_gives_a_form_error(tmp_path, content):
    path = tmp_path / "broken.xlsx"
    path.write_bytes(content)
    with pytest.raises(FormError, match=r"broken\.xlsx"):
        read_xlsform(path)


def test_a_missing_file_gives_a_form_error(tmp_path):
    with pytest.raises(FormError, match="does not exist"):
        read_xlsform(tmp_path / "nope.xlsx")


def test_settings_are_read(make_form):
    questionnaire = read_xlsform(make_form(survey=SURVEY, choices=[
        {"list_name": "sat", "name": "1"}]))
    assert (questionnaire.title, questionnaire.form_id, questionnaire.version) == (
        "Lille test", "small", "1")


def test_the_form_is_immutable(form_path):
    questionnaire = read_xlsform(form_path)
    with pytest.raises(AttributeError):
        questionnaire.title = "x"  # type: ignore[misc]
    with pytest.raises(TypeError):
        questionnaire.question("age").labels["da"] = "x"  # type: ignore[index]


_cell = st.one_of(
    st.none(),
    # Control characters cannot be stored in a worksheet at all.
    st.text(st.characters(exclude_categories=("Cc", "Cs")), max_size=15),
    st.sampled_from(["select_one sat", "select_multiple sat", "integer", "begin_group",
                     "end_group", "calculate", "note", "${q1} = 1", ". > 2", "q1", "yes"]),
    st.integers(-5, 5),
)


@settings(max_examples=60, deadline=None)
@given(rows=st.lists(st.fixed_dictionaries({
    "type": _cell, "name": _cell, "label::Dansk (da)": _cell, "relevant": _cell,
    "constraint": _cell, "calculation": _cell}), max_size=6),
    scores=st.lists(_cell, max_size=4))
def test_fuzzed_forms_load_or_raise_a_form_error(tmp_path_factory, rows, scores):
    from surveydesk.core.errors import SurveyDeskError

    folder = tmp_path_factory.mktemp("fuzz")
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "survey"
    columns = ["type", "name", "label::Dansk (da)", "relevant", "constraint", "calculation"]
    sheet.append(columns)
    for row in rows:
        sheet.append([row[c] for c in columns])
    choices = workbook.create_sheet("choices")
    choices.append(["list_name", "name", "score"])
    for i, score in enumerate(scores):
        choices.append(["sat", f"c{i}", score])
    workbook.save(folder / "fuzz.xlsx")
    try:
        read_xlsform(folder / "fuzz.xlsx")
    except SurveyDeskError as error:
        assert isinstance(error, FormError)


@settings(max_examples=60, deadline=None)
@given(data=st.binary(max_size=300))
def test_fuzzed_bytes_are_a_form_error(tmp_path_factory, data):
    path = tmp_path_factory.mktemp("bytes") / "form.xlsx"
    path.write_bytes(b"PK\x03\x04" + data if data[:1] == b"\x00" else data)
    with pytest.raises(FormError):
        read_xlsform(path)


@pytest.mark.parametrize("name", ["status", "Mode", "respondent_id", "uuid", "wave"])
def test_names_of_interview_columns_are_reserved(make_form, name):
    with pytest.raises(FormError, match="reserved") as error:
        read_xlsform(make_form(survey=[{"type": "text", "name": name}], choices=None))
    assert _problems(error) == [("survey", 2, "name")]


def test_a_form_without_settings_warns_that_the_file_name_is_its_id(make_form):
    questionnaire = read_xlsform(make_form(settings=None))
    assert questionnaire.form_id.startswith("form")
    assert any("form_id" in str(w) for w in questionnaire.warnings)


# -- what real forms write (issue 16) ------------------------------------------------------
def test_a_legacy_xls_workbook_is_read_like_an_xlsx():
    path = Path(__file__).parent.parent / "data" / "real_forms" / "XLSForm__pyxform" / \
        "table-list.xls"
    questionnaire = read_xlsform(path)
    assert questionnaire.answer_questions
    assert {q.type for q in questionnaire.answer_questions} <= set(QuestionType)


def test_rows_formatted_far_below_the_form_are_not_counted(form_path):
    path = form_path
    workbook = load_workbook(path)
    workbook["survey"].cell(row=25_000, column=1).font = Font(bold=True)  # empty, formatted
    workbook.save(path)
    assert read_xlsform(path).question("age").type is QuestionType.INTEGER


@pytest.mark.parametrize("relevant", ["bind:relevant", "relevance"])
def test_other_spellings_of_types_and_columns_are_those_pyxform_accepts(make_form, relevant):
    path = make_form(survey=[
        {"type": "string", "name": "who", "label": "Who?"},
        {"type": "int", "name": "n", "label": "How many?", relevant: "${who} != ''"},
        {"type": "select all that apply from chan", "name": "c", "label": "Channels",
         relevant: "${n} > 0"},
        {"type": "select1 sat", "name": "s", "label": "Satisfied?"},
        {"type": "add note prompt", "name": "bye", "label": "Thanks"},
    ], survey_header=("type", "name", "label", relevant))
    questionnaire = read_xlsform(path)
    assert [q.type for q in questionnaire.questions] == [
        QuestionType.TEXT, QuestionType.INTEGER, QuestionType.SELECT_MULTIPLE,
        QuestionType.SELECT_ONE, QuestionType.NOTE]
    assert questionnaire.question("n").relevant.references == {"who"}
    assert questionnaire.question("c").relevant.references == {"n"}


def test_typographic_quotes_from_word_are_read_as_quotes_with_a_warning(make_form):
    path = make_form(survey=[
        {"type": "text", "name": "who", "label::Dansk (da)": "Hvem?"},
        {"type": "integer", "name": "n", "label::Dansk (da)": "Antal",
         "relevant": "${who} = ‘Åse’ or ${who} = “Bo”"},
    ])
    questionnaire = read_xlsform(path)
    assert questionnaire.question("n").relevant.references == {"who"}
    warned = [w for w in questionnaire.warnings if "typographic quotes" in str(w)]
    assert len(warned) == 1 and warned[0].row == 3 and warned[0].column == "relevant"


def test_notes_without_a_name_are_valid_and_nameless_rows_say_which_type(make_form):
    path = make_form(survey=[
        {"type": "note", "label::Dansk (da)": "Velkommen"},
        {"type": "integer", "name": "n", "label::Dansk (da)": "Antal"},
        {"type": "text", "label::Dansk (da)": "Kommentar"},
    ])
    with pytest.raises(FormError) as refused:
        read_xlsform(path)
    assert [(p.row, p.message) for p in refused.value.problems] == [
        (4, "the text row has no name; give it one in the name column")]


def test_a_form_without_any_question_is_refused(make_form):
    path = make_form(survey=[{"type": "note", "name": "hello", "label::Dansk (da)": "Hej"}])
    with pytest.raises(FormError, match="no question to answer"):
        read_xlsform(path)
