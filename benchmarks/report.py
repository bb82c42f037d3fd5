"""SurveyDesk report benchmark: a 200-table Excel report of a big two-wave project.

    python benchmarks/report.py [--respondents 100000] [--runs 3]
                                [--out benchmarks/report_results.json]

Target (issue 8): a 200-table report on the 100,000-respondent benchmark project, gathering
the content and writing the workbook, in under 20 s.

The project is ``analysis.py``'s (its form and CSV writers, ``department`` with 13 groups of
uneven size as the breakdown, two waves "2023" and "2024" of ``--respondents`` complete
respondents each, imported with ``import_file``), but with 180 five-point statements instead
of 40, in 12 sections ("Tema 1" to "Tema 12", 15 statements each). The form has 200
questions; 198 are analysed (the 2 texts are not) and the 12 sections are themes, so the
report holds 210 tables (a table is one question or theme of the tidy table). Set-up is
timed but is not part of the report figures.

Two reports are timed, each ``--runs`` times on a freshly opened project:

- ``total``: ``report_content(project, language="da")``, then ``write_report``;
- ``by_department``: the same with ``breakdowns=("department",)``.

``report_content`` includes reading the questionnaire and both waves' answers from the
column cache and computing every table; ``write_report`` writes the workbook (one sheet per
section, one for the questions outside any section, front page, contents and method).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd
import xlsxwriter
from openpyxl import load_workbook

from surveydesk.analysis.report import report_content
from surveydesk.export.excel import write_report
from surveydesk.store.project import Project

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT))  # analysis.py and run.py are sibling scripts

from analysis import BREAKDOWN, DEPARTMENTS, WAVES, build_project  # noqa: E402
from run import timed  # noqa: E402

SCALES = 180  # five-point statements: 180 + 20 other questions = 200 questions
SECTIONS = 12  # groups of 15 statements: 12 themes
LANGUAGE = "da"
REPORTS = (("total", ()), ("by_department", (BREAKDOWN,)))
TARGET_SECONDS = 20.0
MIN_TABLES = 200


def time_report(path: Path, folder: Path, name: str, breakdowns: tuple[str, ...],
                runs: int) -> dict:
    """``runs`` times: open the project, gather the content, write the workbook, close."""
    out = folder / f"report_{name}.xlsx"
    content_seconds, write_seconds, open_seconds = [], [], []
    content = None
    for _ in range(runs):
        seconds, project = timed(lambda: Project.open(path))
        open_seconds.append(seconds)
        seconds, content = timed(lambda project=project: report_content(
            project, language=LANGUAGE, breakdowns=breakdowns))
        content_seconds.append(seconds)
        project.close()
        out.unlink(missing_ok=True)
        seconds, _ = timed(lambda content=content: write_report(content, out))
        write_seconds.append(seconds)
    whole = [c + w for c, w in zip(content_seconds, write_seconds, strict=True)]
    book = load_workbook(out, read_only=True)
    sheets = book.sheetnames
    book.close()
    table = content.table
    return {
        "breakdowns": list(breakdowns),
        "tables": int(table["question"].nunique()),
        "table_rows": len(table),
        "sheets": len(sheets),
        "sheet_names": sheets,
        "file_kilobytes": round(out.stat().st_size / 1024),
        "warnings": list(content.warnings),
        "report_seconds_min": round(min(whole), 2),
        "report_seconds_median": round(statistics.median(whole), 2),
        "report_seconds_runs": [round(s, 2) for s in whole],
        "report_target_seconds": TARGET_SECONDS,
        "report_met": statistics.median(whole) < TARGET_SECONDS,
        "content_seconds_min": round(min(content_seconds), 2),
        "content_seconds_median": round(statistics.median(content_seconds), 2),
        "write_seconds_min": round(min(write_seconds), 2),
        "write_seconds_median": round(statistics.median(write_seconds), 2),
        "project_open_seconds_median": round(statistics.median(open_seconds), 3),
    }


def code_version() -> dict:
    """The commit measured, and the files of surveydesk/ changed but not yet committed."""
    def git(*args: str) -> str:
        try:
            return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True,
                                  check=True).stdout.strip()
        except (OSError, subprocess.CalledProcessError):
            return ""
    changed = git("status", "--porcelain", "--", "surveydesk")
    return {"commit": git("rev-parse", "--short", "HEAD"),
            "uncommitted_in_surveydesk": [line[3:] for line in changed.splitlines()]}


def run(respondents: int, runs: int) -> dict:
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        built = build_project(folder, respondents, SCALES, SECTIONS)
        size = built["path"].stat().st_size
        reports = {name: time_report(built["path"], folder, name, breakdowns, runs)
                   for name, breakdowns in REPORTS}
    tables = reports["total"]["tables"]
    assert tables >= MIN_TABLES, f"only {tables} tables, the benchmark needs {MIN_TABLES}"
    return {
        "respondents_per_wave": respondents,
        "waves": [label for label, _ in WAVES],
        "respondents_total": respondents * len(WAVES),
        "questions": built["questions"],
        "sections": SECTIONS,
        "tables": tables,
        "language": LANGUAGE,
        "breakdown": f"{BREAKDOWN} ({len(DEPARTMENTS)} groups of uneven size, "
        f"{min(s for *_, s in DEPARTMENTS):.1%} to "
        f"{max(s for *_, s in DEPARTMENTS):.0%})",
        "runs": runs,
        "measures": "per run on a freshly opened project: report_content(project, "
        f"language='{LANGUAGE}', breakdowns=...) (questionnaire, both waves' answers "
        "from the column cache, all tables) + write_report(content, out); "
        "report_* is the sum of the two",
        "setup": {
            "generate_csv_seconds": built["generate_seconds"],
            "import_seconds": built["import_seconds"],
            "project_file_megabytes": round(size / 1024**2, 1),
        },
        **reports,
    }


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--respondents", type=int, default=100_000, help="respondents per wave (default 100,000)"
    )
    parser.add_argument("--runs", type=int, default=3, help="runs of each report (default 3)")
    parser.add_argument("--out", type=Path, default=ROOT / "report_results.json")
    args = parser.parse_args(argv)
    code = code_version()  # before the run: the code that is imported and measured
    figures = run(args.respondents, args.runs)
    figures["machine"] = {
        "python": sys.version.split()[0],
        "platform": platform.platform(),
        "processor": platform.machine(),
        "cpus": os.cpu_count(),
        "numpy": np.__version__,
        "pandas": pd.__version__,
        "xlsxwriter": xlsxwriter.__version__,
    }
    figures["code"] = code
    figures["measured_at"] = time.strftime("%Y-%m-%d %H:%M:%S %Z")
    text = json.dumps(figures, indent=2, ensure_ascii=False, default=str) + "\n"
    args.out.write_text(text, encoding="utf-8")
    print(text, end="")
    met = all(figures[name]["report_met"] for name, _ in REPORTS)
    print("target met" if met else "TARGET MISSED (median report time)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
