"""``--help`` reads well: every argument explained, choices readable, no format leaks."""

from __future__ import annotations

import argparse

import pytest

from surveydesk.cli import build_parser, main
from surveydesk.cli.common import plural
from surveydesk.cli.demo import DEMO_FORMS
from surveydesk.cli.questionnaire import SETTINGS_HELP

# Commands whose positional arguments may still lack help (none now).
NOT_YET: set[tuple[str, ...]] = set()


def _help(capsys, monkeypatch, *command: str) -> str:
    monkeypatch.setenv("COLUMNS", "200")
    with pytest.raises(SystemExit) as stop:
        main([*command, "--help"])
    assert stop.value.code == 0
    return capsys.readouterr().out


def _commands(parser: argparse.ArgumentParser, path=()):
    """Every (path, parser) of the command tree, leaves included."""
    yield path, parser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield from _commands(sub, (*path, name))


def test_every_positional_argument_of_every_command_has_help():
    missing = [(" ".join(path), action.metavar or action.dest)
               for path, parser in _commands(build_parser())
               if not any(path[:len(prefix)] == prefix for prefix in NOT_YET)
               for action in parser._actions
               if not action.option_strings and not isinstance(
                   action, argparse._SubParsersAction) and not action.help]
    assert missing == []


def test_every_option_of_every_command_has_help():
    missing = [(" ".join(path), action.option_strings[0])
               for path, parser in _commands(build_parser())
               for action in parser._actions
               if action.option_strings and not action.help]
    assert missing == []


def test_the_top_level_help_names_every_command_in_its_groups(capsys, monkeypatch):
    text = _help(capsys, monkeypatch)
    groups = text.split("positional arguments")[0]
    names = next(a for a in build_parser()._actions
                 if isinstance(a, argparse._SubParsersAction)).choices
    assert [name for name in names if f" {name}" not in groups] == []
    assert "start here     demo" in groups
    assert text.index("    demo ") < text.index("    init ")  # the first command listed


def test_no_doubled_percent_and_a_readable_delimiter(capsys, monkeypatch):
    targets = _help(capsys, monkeypatch, "targets")
    assert "top2 at least 79%." in targets and "%%" not in targets
    assert "e.g. 79% or 4.0" in _help(capsys, monkeypatch, "targets", "set")
    export = _help(capsys, monkeypatch, "export")
    assert "--delimiter SEP" in export and "{,,;,tab}" not in export
    assert "',' (default), ';'" in export and "or tab" in export


def test_settings_set_help_lists_the_keys_the_command_knows(capsys, monkeypatch, tmp_path):
    text = _help(capsys, monkeypatch, "settings", "set")
    for key, values, meaning in SETTINGS_HELP:
        assert f"  {key} {values}\n      {meaning}\n" in text
    assert main(["settings", "set", str(tmp_path / "p.sdproj"), "nope", "1"]) == 2
    known = capsys.readouterr().err.split("known: ")[1].rstrip(").\n").split(", ")
    assert known == [key for key, _, _ in SETTINGS_HELP]


def test_report_and_waves_dates_help_show_the_choices_and_the_date_format(capsys,
                                                                          monkeypatch):
    assert "--lang {da,en}" in _help(capsys, monkeypatch, "report")
    text = _help(capsys, monkeypatch, "waves", "dates")
    assert "--from DATE  the first day of fieldwork, YYYY-MM-DD" in text
    assert "--to DATE    the last day of fieldwork, YYYY-MM-DD" in text


def test_merge_help_names_the_folder_backups_really_go_to(capsys, monkeypatch, tmp_path):
    from surveydesk.sync.backups import default_folder

    monkeypatch.setenv("SURVEYDESK_CONFIG_DIR", str(tmp_path / "config"))
    assert f"(default: {default_folder()})" in _help(capsys, monkeypatch, "merge")
    assert default_folder() == tmp_path / "config" / "backups"


def test_the_demo_form_choices_are_the_bundled_demos():
    from surveydesk.io.demo import DEMOS

    assert tuple(DEMOS) == DEMO_FORMS


@pytest.mark.parametrize(("count", "text"), [(0, "0 entries"), (1, "1 entry"),
                                             (2, "2 entries"), (1200, "1,200 entries")])
def test_counts_in_messages_agree_with_their_noun(count, text):
    assert plural(count, "entry", "entries") == text
