"""surveydesk-cli privacy purge: confirmation, messages and refusals that change nothing."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from surveydesk.cli import main
from surveydesk.store import calls
from surveydesk.store.contacts import contact_data, project_events
from surveydesk.store.project import Project

PEOPLE = [calls.NewCall("R1", "+4523456781", "Søren Ø"),
          calls.NewCall("R2", "+4587654329", "")]


def run(capsys, *args: object) -> tuple[int, str, str]:
    try:
        code = main([str(arg) for arg in args])
    except SystemExit as stop:
        code = stop.code
    out, err = capsys.readouterr()
    return code, out, err


def assert_user_error(result, *fragments: str) -> str:
    code, out, err = result
    assert code == 2, (out, err)
    assert err.startswith("error: ") and "Traceback" not in err
    for fragment in fragments:
        assert fragment in err
    return err


@pytest.fixture
def project_path(fieldwork) -> Path:
    with fieldwork.master() as master:
        calls.add_calls(master, PEOPLE, now="2024-09-01T08:00:00+00:00")
        calls.record_attempt(master, 1, "refused", "AB", "2024-09-12T09:00:00+00:00")
    return fieldwork.master_path


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def state(path: Path):
    with Project.open(path) as project:
        return contact_data(project), project_events(project)


def test_purge_with_yes_removes_and_says_what(project_path, capsys):
    code, out, err = run(capsys, "privacy", "purge", project_path, "--call-list", "--yes",
                         "--who", "Åse")
    assert (code, err) == (0, "")
    assert "the call list holds 2 phone numbers and 1 name of 2 calls." in out
    assert "1 of these calls are still open or have an appointment" in out
    assert out.splitlines()[-1] == ("Removed 2 phone numbers and 1 name of 2 calls from the "
                                    f"call list of {project_path.name}; recorded in the "
                                    "audit log as done by Åse.")
    held, [event] = state(project_path)
    assert (held.phones, held.names, event.who) == (0, 0, "Åse")
    code, out, _ = run(capsys, "privacy", "purge", project_path, "--call-list", "--yes")
    assert code == 0 and "nothing to remove" in out
    assert len(state(project_path)[1]) == 1


def test_purge_without_yes_on_a_non_interactive_input_changes_nothing(project_path, capsys,
                                                                        monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO("yes\n"))
    before = project_path.read_bytes()
    assert_user_error(run(capsys, "privacy", "purge", project_path, "--call-list",
                          "--who", "x"), "needs a confirmation", "--yes", "Nothing was changed")
    assert project_path.read_bytes() == before


@pytest.mark.parametrize(("answer", "removed"), [("yes\n", True), ("ja\n", True),
                                                  ("no\n", False), ("\n", False)])
def test_purge_asks_in_a_terminal(project_path, capsys, monkeypatch, answer, removed):
    monkeypatch.setattr("sys.stdin", Terminal(answer))
    code, out, _ = run(capsys, "privacy", "purge", project_path, "--call-list", "--who", "x")
    assert code == 0
    assert "Type yes to remove them" in out
    held, events = state(project_path)
    assert (held.phones == 0, len(events)) == (removed, int(removed))
    assert ("Nothing was removed." in out) is not removed


def test_purge_needs_call_list(project_path, capsys):
    before = project_path.read_bytes()
    assert_user_error(run(capsys, "privacy", "purge", project_path, "--yes"), "--call-list")
    assert project_path.read_bytes() == before


def test_purge_of_a_missing_project_is_refused(tmp_path, capsys):
    assert_user_error(run(capsys, "privacy", "purge", tmp_path / "none.sdproj",
                          "--call-list", "--yes"), "no such project file")
    assert not (tmp_path / "none.sdproj").exists()


def test_purge_of_a_damaged_project_is_refused_and_leaves_it(project_path, capsys):
    data = bytearray(project_path.read_bytes())  # closed: the WAL is checkpointed
    page_size = int.from_bytes(data[16:18], "big")
    at = data.index(b"+4523456781") // page_size * page_size  # the call list's page
    data[at:at + page_size] = bytes(page_size)
    project_path.write_bytes(bytes(data))
    assert_user_error(run(capsys, "privacy", "purge", project_path, "--call-list", "--yes"))
    assert project_path.read_bytes() == bytes(data)


def test_purge_of_a_file_that_is_not_a_project_is_refused(tmp_path, capsys):
    text = tmp_path / "notes.sdproj"
    text.write_text("hello")
    assert_user_error(run(capsys, "privacy", "purge", text, "--call-list", "--yes"))
    assert text.read_text() == "hello"
