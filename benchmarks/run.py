"""SurveyDesk benchmarks: one command, figures written to a file.

    python benchmarks/run.py [--respondents 100000] [--out benchmarks/results.json]

Targets (from the issues):
- import of a 100,000-row x 60-column CSV: under 20 s;
- reading a wave of 100,000 respondents x 60 questions as columns: well under 1 s
  (measured warm, from the column cache, and cold, when the cache is rebuilt after a write).

The benchmark form has 60 questions like a real citizen survey: 40 five-point scales with
"don't know", 8 select_one background questions, 4 select_multiple, 4 integers, 2 decimals,
2 texts. Data are random but valid, generated with a fixed seed.
"""

from __future__ import annotations

import argparse
import json
import platform
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
from openpyxl import Workbook

ROOT = Path(__file__).resolve().parent


def write_benchmark_form(path: Path, scales: int = 40,
                         sections: int = 0) -> list[tuple[str, str]]:
    """An XLSForm of ``scales`` + 20 questions (60 by default); returns (name, kind) of each.

    ``scales`` five-point statements (named ``s00``, ``s01``, ..., three digits from 101
    statements on), then the 20 other questions. With ``sections`` > 0 the statements are
    split as evenly as possible into that many groups (``sec01``, ...: "Tema 1", ...), which
    the analysis takes as themes; the other questions stay outside any group."""
    survey = [("type", "name", "label::Dansk (da)", "label::English (en)", "constraint")]
    questions: list[tuple[str, str]] = []
    width = 2 if scales <= 100 else len(str(scales - 1))
    starts = {round(k * scales / sections): k + 1 for k in range(sections)} if sections else {}
    for i in range(scales):
        if i in starts:
            if i:
                survey.append(("end_group", None, None, None, None))
            k = starts[i]
            survey.append(("begin_group", f"sec{k:02d}", f"Tema {k}", f"Theme {k}", None))
        name = f"s{i:0{width}d}"
        survey.append(("select_one agree5", name, f"Udsagn {i} æøå", f"Statement {i}", None))
        questions.append((name, "scale"))
    if starts:
        survey.append(("end_group", None, None, None, None))
    for i in range(8):
        survey.append(("select_one group8", f"g{i}", f"Baggrund {i}", f"Background {i}", None))
        questions.append((f"g{i}", "group"))
    for i in range(4):
        survey.append(("select_multiple pick6", f"m{i}", f"Vælg op til 3 ({i})",
                       f"Pick up to 3 ({i})", "count-selected(.) <= 3"))
        questions.append((f"m{i}", "multi"))
    for i in range(4):
        survey.append(("integer", f"n{i}", f"Antal {i}", f"Count {i}", ". >= 0 and . <= 120"))
        questions.append((f"n{i}", "integer"))
    for i in range(2):
        survey.append(("decimal", f"d{i}", f"Timer {i}", f"Hours {i}", None))
        questions.append((f"d{i}", "decimal"))
    for i in range(2):
        survey.append(("text", f"t{i}", f"Kommentar {i}", f"Comment {i}", None))
        questions.append((f"t{i}", "text"))
    choices = [("list_name", "name", "label::Dansk (da)", "label::English (en)", "score")]
    labels = ["Helt uenig", "Uenig", "Hverken eller", "Enig", "Helt enig"]
    for score in range(5, 0, -1):
        choices.append(("agree5", str(score), labels[score - 1], f"Agree {score}", score))
    choices.append(("agree5", "dk", "Ved ikke", "Don't know", None))
    choices += [("group8", f"grp{i}", f"Gruppe {i}", f"Group {i}", None) for i in range(8)]
    choices += [("pick6", f"opt{i}", f"Mulighed {i}", f"Option {i}", None) for i in range(6)]
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "survey"
    for row in survey:
        sheet.append(list(row))
    sheet = workbook.create_sheet("choices")
    for row in choices:
        sheet.append(list(row))
    sheet = workbook.create_sheet("settings")
    sheet.append(["form_title", "form_id", "version", "default_language"])
    sheet.append(["Benchmark", "benchmark", "1", "da"])
    workbook.save(path)
    return questions


def write_benchmark_csv(path: Path, questions, respondents: int, seed: int = 7) -> None:
    rng = np.random.default_rng(seed)
    columns = {"respondent_id": np.char.add("r", np.arange(respondents).astype(str))}
    scale = np.array(["5", "4", "3", "2", "1", "dk", ""])
    for name, kind in questions:
        if kind == "scale":
            columns[name] = scale[rng.choice(7, respondents,
                                             p=[.3, .3, .15, .1, .05, .05, .05])]
        elif kind == "group":
            columns[name] = np.char.add("grp", rng.integers(0, 8, respondents).astype(str))
        elif kind == "multi":
            options = np.array(["opt0", "opt1 opt2", "opt3 opt4 opt5", "opt2", ""])
            columns[name] = options[rng.integers(0, 5, respondents)]
        elif kind == "integer":
            columns[name] = rng.integers(0, 121, respondents).astype(str)
        elif kind == "decimal":
            columns[name] = np.char.replace(
                np.round(rng.uniform(0, 40, respondents), 1).astype(str), ".", ",")
        else:
            comments = np.array(["", "", "", "Fin service på rådhuset", "Lang ventetid"])
            columns[name] = comments[rng.integers(0, 5, respondents)]
    header = list(columns)
    matrix = np.column_stack([columns[name] for name in header])
    with path.open("w", encoding="utf-8", newline="") as handle:
        handle.write(";".join(header) + "\n")
        for row in matrix:
            handle.write(";".join(row) + "\n")


def timed(function):
    start = time.perf_counter()
    value = function()
    return time.perf_counter() - start, value


def run(respondents: int) -> dict:
    from surveydesk.core.xlsform import read_xlsform
    from surveydesk.io.importer import import_file
    from surveydesk.store.project import Project

    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        form = folder / "benchmark.xlsx"
        questions = write_benchmark_form(form)
        data = folder / "data.csv"
        write_benchmark_csv(data, questions, respondents)
        project = Project.create(folder / "bench.sdproj", form.read_bytes(), read_xlsform(form))
        import_seconds, result = timed(lambda: import_file(project, data, "2024", "web"))
        assert result.added == respondents
        with project.db.transaction():  # invalidate the cache as any later write would
            project.db.execute("UPDATE wave SET generation = generation + 1")
        cold_seconds, wave = timed(lambda: project.wave_data("2024"))
        warm = [timed(lambda: project.wave_data("2024"))[0] for _ in range(5)]
        assert wave.answers.shape == (respondents, len(questions))
        project.close()
        reopen_seconds, _ = timed(lambda: Project.open(folder / "bench.sdproj")
                                  .wave_data("2024"))
        size = (folder / "bench.sdproj").stat().st_size
    return {
        "respondents": respondents,
        "questions": len(questions),
        # includes building the wave's column cache, which an import does at its end
        "csv_import_seconds": round(import_seconds, 2),
        "csv_import_target_seconds": 20,
        "wave_columns_cold_seconds": round(cold_seconds, 3),
        "wave_columns_warm_seconds": round(min(warm), 3),
        "wave_columns_after_reopen_seconds": round(reopen_seconds, 3),
        "wave_columns_target_seconds": 1.0,
        "project_file_megabytes": round(size / 1024**2, 1),
    }


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--respondents", type=int, default=100_000)
    parser.add_argument("--out", type=Path, default=ROOT / "results.json")
    args = parser.parse_args(argv)
    figures = run(args.respondents)
    figures["machine"] = {"python": sys.version.split()[0], "platform": platform.platform(),
                          "processor": platform.machine()}
    figures["measured_at"] = time.strftime("%Y-%m-%d %H:%M:%S %Z")
    args.out.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(figures, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
