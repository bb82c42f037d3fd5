"""The README's quick tour works as written: every command of it, pasted in an empty
folder, succeeds and does what its comment says."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

from tests.cli.test_cli import cli

README = Path(__file__).resolve().parents[2] / "README.md"


def tour_commands() -> list[list[str]]:
    """The commands of the code block after 'A quick tour', without their comments."""
    text = README.read_text(encoding="utf-8")
    block = re.search(r"A quick tour.*?```bash\n(.*?)```", text, re.S).group(1)
    return [shlex.split(line, comments=True) for line in block.splitlines() if line.strip()]


def test_the_readme_tour_runs_command_by_command(tmp_path, monkeypatch):
    monkeypatch.setenv("SURVEYDESK_CONFIG_DIR", str(tmp_path / "config"))
    commands = tour_commands()
    assert [c[1] for c in commands] == [
        "demo", "info", "form", "init", "export", "import", "export", "sync", "merge", "sync",
        "info", "targets", "tables", "report"]
    outputs = []
    for command in commands:
        assert command[0] == "surveydesk-cli"
        result = cli(*command[1:], cwd=tmp_path)
        assert result.returncode == 0, (command, result.stderr)
        assert "warning" not in result.stderr, (command, result.stderr)
        outputs.append(result.stdout)
    by_name = dict(zip((" ".join(c[1:3]) for c in commands), outputs, strict=False))
    assert "Imported 671 interviews from 2019.csv into wave '2019'." in by_name[
        "import my.sdproj"]
    assert ": 682 added, 0 updated, 671 unchanged, 0 conflicts;" in by_name[
        "merge my.sdproj"]
    info = [line.split() for line in by_name["info my.sdproj"].splitlines()]
    assert [row[:2] for row in info if row[0] in ("2019", "2022")] == [
        ["2019", "671"], ["2022", "682"]]
    assert "Wrote report report.xlsx in English (en): " in outputs[-1]
    for written in ("citizen_service.xlsx", "2019.csv", "2019_audit.csv", "demo.sav",
                    "laptop.sddevice", "tables.xlsx", "report.xlsx"):
        assert (tmp_path / written).stat().st_size > 0, written
    assert list((tmp_path / "config" / "backups").glob("my-*.sdproj"))
