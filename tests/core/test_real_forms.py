"""Real-world XLSForm workbooks (tests/data/real_forms/, see SOURCES.md there), read as a
form author's file would be: each loads or is refused with a message naming the file, never a
traceback or a Python warning; the forms that load are the recorded ones; and pyxform, the
reference converter, is the oracle of what must load."""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest

from surveydesk.core.errors import FormError
from surveydesk.core.xlsform import read_xlsform

CORPUS = Path(__file__).parent.parent / "data" / "real_forms"
WORKBOOKS = sorted(p for p in CORPUS.rglob("*") if p.suffix.lower() in (".xls", ".xlsx"))
RECORDED = Path(__file__).parent / "real_forms_loading.txt"


def _name(path: Path) -> str:
    return path.relative_to(CORPUS).as_posix()


def _loads(path: Path) -> bool:
    try:
        read_xlsform(path)
    except FormError:
        return False
    return True


def _recorded() -> set[str]:
    return {line.strip() for line in RECORDED.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")}


def test_the_corpus_is_big_and_varied_enough():
    projects = {path.relative_to(CORPUS).parts[0] for path in WORKBOOKS}
    assert len(WORKBOOKS) >= 60 and len(projects) >= 10
    assert sum(p.suffix.lower() == ".xls" for p in WORKBOOKS) >= 15
    sources = (CORPUS / "SOURCES.md").read_text(encoding="utf-8")
    assert [name for name in map(_name, WORKBOOKS) if name not in sources] == []


@pytest.mark.parametrize("path", WORKBOOKS, ids=_name)
def test_a_real_form_loads_or_is_refused_with_a_message_and_no_warning(path):
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a Python warning printed to the user fails the test
        try:
            questionnaire = read_xlsform(path)
        except FormError as error:
            assert path.name in str(error)
            assert all(problem.message for problem in error.problems)
            return
    assert questionnaire.answer_questions


def test_the_forms_that_load_are_the_recorded_ones():
    loading = {_name(path) for path in WORKBOOKS if _loads(path)}
    assert sorted(loading - _recorded()) == [], "newly loading: add them to the list"
    assert sorted(_recorded() - loading) == [], "no longer loading: a regression"


@pytest.mark.xfail(strict=True, reason="issue 16 in progress: not every form pyxform converts "
                                       "loads yet (see real_forms_loading.txt)")
def test_every_form_pyxform_converts_loads():
    from pyxform.errors import PyXFormError
    from pyxform.xls2xform import convert

    converted = []
    for path in WORKBOOKS:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            try:
                convert(xlsform=str(path), validate=False)
            except PyXFormError:
                continue
        converted.append(_name(path))
    assert len(converted) >= 60
    assert sorted(set(converted) - _recorded()) == []
