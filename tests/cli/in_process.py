"""``surveydesk-cli`` run in the test's own process, and the check every bad input must
pass: exit code 2, an ``error:`` message naming the problem, never a traceback."""

from __future__ import annotations

from surveydesk.cli import main


def run(capsys, *args: object) -> tuple[int, str, str]:
    """``surveydesk-cli ARGS`` in this process: (exit code, stdout, stderr)."""
    try:
        code = main([str(arg) for arg in args])
    except SystemExit as stop:  # argparse refuses bad arguments this way
        code = stop.code
    out, err = capsys.readouterr()
    return code, out, err


def assert_user_error(result: tuple[int, str, str], *fragments: str) -> str:
    """Exit code 2 and an ``error:`` message holding every fragment; returns stderr."""
    code, out, err = result
    assert code == 2, (out, err)
    assert "error:" in err
    assert "Traceback" not in err and "internal error" not in err
    for fragment in fragments:
        assert fragment in err
    return err
