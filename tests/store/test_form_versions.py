"""A new questionnaire version keeps stored answers valid and the column caches fresh."""

from __future__ import annotations

import pytest

from surveydesk.core.answers import answers_hash
from surveydesk.core.errors import UsageError
from surveydesk.core.xlsform import read_xlsform
from surveydesk.store.form_versions import stored_answer_problems
from surveydesk.store.project import NewInterview, Project

SETTINGS = {"form_title": "Alder", "form_id": "ages", "version": "1", "default_language": "da"}
CHANNELS = [{"list_name": "chan", "name": name, "label::Dansk (da)": name.title()}
            for name in ("phone", "web", "letter")]


def _interview(uuid: str, answers: dict[str, str]) -> NewInterview:
    return NewInterview(uuid=uuid, mode="web", status="complete", answers=answers,
                        content_hash=answers_hash(answers, "complete"))


def _version(make_form, version: str, age_type: str, *, channels=CHANNELS, extra=()):
    survey = [{"type": age_type, "name": "age", "label::Dansk (da)": "Alder"},
              {"type": "select_multiple chan", "name": "channels", "label::Dansk (da)": "K"},
              *extra]
    path = make_form(survey=survey, choices=channels, settings={**SETTINGS, "version": version})
    return path.read_bytes(), read_xlsform(path)


@pytest.fixture
def age_as_text(tmp_path, make_form):
    """Version 1 asks age as free text."""
    workbook, questionnaire = _version(make_form, "1", "text",
                                       extra=[{"type": "text", "name": "remark",
                                               "label::Dansk (da)": "Bemærkning"}])
    project = Project.create(tmp_path / "ages.sdproj", workbook, questionnaire)
    yield project
    project.close()


def test_a_new_version_rebuilds_the_cached_columns_with_the_new_types(age_as_text, make_form):
    age_as_text.add_interviews("2024", [_interview("u1", {"age": "34"}),
                                        _interview("u2", {"age": "40"})])
    assert age_as_text.wave_data("2024").answers["age"].dtype == "category"
    age_as_text.add_form_version(*_version(make_form, "2", "integer"))
    age = age_as_text.wave_data("2024").answers["age"]
    assert age.dtype == "float64"
    assert age.tolist() == [34.0, 40.0]


def test_a_new_version_under_which_stored_answers_do_not_read_is_refused(age_as_text,
                                                                        make_form):
    age_as_text.add_interviews("2024", [
        _interview("u1", {"age": "34", "channels": "phone web"}),
        _interview("u2", {"age": "ca. 40", "channels": "letter"}),
        _interview("u3", {"age": "ca. 40", "remark": "not asked any more"}),
    ])
    generation = age_as_text.db.scalar("SELECT generation FROM wave")
    no_letters = [c for c in CHANNELS if c["name"] != "letter"]
    with pytest.raises(UsageError) as refused:
        age_as_text.add_form_version(*_version(make_form, "2", "integer", channels=no_letters))
    message = str(refused.value)
    assert ("question 'age': stored answer 'ca. 40' is not valid under version 2 "
            "(expected a whole number); 2 interviews have it") in message
    assert ("question 'channels': stored answer 'letter' is not valid under version 2 "
            "('letter' is not a choice of list 'chan'") in message
    assert "1 interview has it" in message
    assert "'34'" not in message and "phone web" not in message and "remark" not in message
    assert "change the form" in message.lower() and "correct the answers" in message
    assert [v.version for v in age_as_text.form_versions()] == ["1"]
    assert age_as_text.db.scalar("SELECT generation FROM wave") == generation


def test_a_new_version_may_drop_questions_whose_answers_stay_stored(age_as_text, make_form):
    age_as_text.add_interviews("2024", [_interview("u1", {"age": "34", "remark": "hi"})])
    added = age_as_text.add_form_version(*_version(make_form, "2", "integer"))
    assert added.version == "2"
    assert age_as_text.answers("u1") == {"age": "34", "remark": "hi"}
    assert age_as_text.wave_data("2024").answers["remark"].tolist() == ["hi"]


def test_the_refusal_lists_twenty_stored_answers_and_counts_the_rest(age_as_text, make_form):
    age_as_text.add_interviews("2024", [_interview(f"u{n}", {"age": f"about {n}"})
                                        for n in range(25)])
    _, questionnaire = _version(make_form, "2", "decimal")
    assert len(stored_answer_problems(age_as_text.db, questionnaire)) == 25
    with pytest.raises(UsageError) as refused:
        age_as_text.add_form_version(*_version(make_form, "2", "decimal"))
    message = str(refused.value)
    assert message.count("is not valid under version 2 (expected a number") == 20
    assert "... and 5 more stored answers" in message


def test_adding_a_version_can_be_cancelled_while_stored_answers_are_checked(tmp_path):
    import openpyxl

    from surveydesk.core.errors import Cancelled
    from surveydesk.core.xlsform import read_xlsform
    from surveydesk.io.demo import demo_form_path, write_demo
    from surveydesk.store.project import Project

    path = tmp_path / "demo.sdproj"
    write_demo(path).close()
    book = openpyxl.load_workbook(demo_form_path("citizen_service"))
    settings = book["settings"]
    header = [cell.value for cell in settings[1]]
    settings.cell(2, header.index("version") + 1).value = "2099.1"
    book.save(tmp_path / "v2.xlsx")
    workbook = (tmp_path / "v2.xlsx").read_bytes()
    questionnaire = read_xlsform(workbook, "v2.xlsx")
    checks = []

    def cancelled() -> bool:  # no at the start; yes when SQLite asks during the check
        checks.append(1)
        return len(checks) > 1

    with Project.open(path) as project:
        with pytest.raises(Cancelled, match="nothing was stored"):
            project.add_form_version(workbook, questionnaire, cancelled=cancelled)
        assert len(checks) > 1 and len(project.form_versions()) == 1  # stopped inside SQL
        added = project.add_form_version(workbook, questionnaire, cancelled=lambda: False)
        assert added is not None and added.version == "2099.1"
