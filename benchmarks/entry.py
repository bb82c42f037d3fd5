"""Interview entry latency: answer-save time and the next-question step.

    python benchmarks/entry.py [--stored 100000] [--interviews 20] [--out FILE]

A project of the 60-question benchmark form (``run.py``) is filled with at least ``--stored``
stored answers (generated respondents, imported), then ``--interviews`` interviews of all 60
questions are entered
through the same calls the entry screen makes: ``InterviewSession.answer`` (route, checks,
calculations: the work behind a screen change) and ``store.entry.save_answer`` (one
committed transaction with ``synchronous=FULL``). Targets (issue 5): p99 of the save under
10 ms; p99 of the screen change under 50 ms (the Qt drawing part is measured by the GUI
benchmark when it runs with a display).
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

ROOT = Path(__file__).resolve().parent


def _project(folder: Path, stored: int):
    """A project of the 60-question benchmark form with at least ``stored`` answers."""
    sys.path.insert(0, str(ROOT))
    from run import write_benchmark_csv, write_benchmark_form

    from surveydesk.core.xlsform import read_xlsform
    from surveydesk.io.importer import import_file
    from surveydesk.store.project import Project

    form = folder / "benchmark.xlsx"
    questions = write_benchmark_form(form)
    data = folder / "data.csv"
    # About 55 of the 60 cells of a generated respondent hold an answer.
    write_benchmark_csv(data, questions, stored // 55 + 1)
    questionnaire = read_xlsform(form)
    project = Project.create(folder / "entry.sdproj", form.read_bytes(), questionnaire)
    import_file(project, data, "2023", "web")
    count = int(project.db.scalar(
        "SELECT SUM((SELECT COUNT(*) FROM json_each(answers))) FROM interview"))
    return project, questionnaire, count


def _answer_for(question, rng):
    from surveydesk.core.questionnaire import QuestionType

    kind = question.type
    if kind is QuestionType.SELECT_ONE:
        names = [n for n in question.choice_list.names if n != "dk"]
        return names[int(rng.integers(len(names)))]
    if kind is QuestionType.SELECT_MULTIPLE:
        return tuple(question.choice_list.names[:2])
    if kind is QuestionType.INTEGER:
        return "44"
    if kind is QuestionType.DECIMAL:
        return "12,5"
    if kind is QuestionType.DATE:
        return "2024-09-01"
    if kind is QuestionType.TEXT:
        return "Fin betjening på rådhuset"
    return None


def run(stored: int, interviews: int) -> dict:
    from surveydesk.core.interview import REVIEW, InterviewSession
    from surveydesk.store import entry

    rng = np.random.default_rng(11)
    # Beside the benchmarks, not in /tmp: the save time includes a real fsync on this disk.
    with tempfile.TemporaryDirectory(dir=ROOT) as folder:
        project, questionnaire, answers_stored = _project(Path(folder), stored)
        saves, steps, lengths = [], [], []
        for _ in range(interviews):
            opened = entry.start_interview(project, wave="2024", mode="in_person",
                                           interviewer="MB", device_id="bench")
            session = InterviewSession(questionnaire, language="da")
            answered = 0
            while session.current is not REVIEW:
                question = session.question()
                value = _answer_for(question, rng)
                start = time.perf_counter()
                verdict = session.answer(value)
                steps.append(time.perf_counter() - start)
                if not verdict.accepted:
                    raise RuntimeError(f"{question.name}: {verdict.message}")
                start = time.perf_counter()
                entry.save_answer(project, opened.uuid, question.name,
                                  session.stored(question.name),
                                  next_question=session.current, who="MB")
                saves.append(time.perf_counter() - start)
                answered += 1
            lengths.append(answered)
            entry.finish_interview(project, opened.uuid, "complete", who="MB",
                                   cleared=session.no_longer_asked())
        project.close()

    def stats(values):
        ms = np.array(values) * 1000
        return {"n": len(ms), "p50_ms": round(float(np.percentile(ms, 50)), 3),
                "p99_ms": round(float(np.percentile(ms, 99)), 3),
                "max_ms": round(float(ms.max()), 3)}

    return {
        "stored_answers": answers_stored,
        "interviews": interviews,
        "questions_per_interview": {"min": min(lengths), "max": max(lengths)},
        "save_answer": {**stats(saves), "target_p99_ms": 10},
        "next_question_step": {**stats(steps), "target_p99_ms": 50,
                               "measures": "InterviewSession.answer: checks, calculations, "
                                           "route; the Qt redraw is not included"},
    }


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stored", type=int, default=100_000)
    parser.add_argument("--interviews", type=int, default=20)
    parser.add_argument("--out", type=Path, default=ROOT / "entry_results.json",
                        help="where the figures go (default: benchmarks/entry_results.json)")
    args = parser.parse_args(argv)
    figures = run(args.stored, args.interviews)
    figures["machine"] = {"python": sys.version.split()[0], "platform": platform.platform()}
    figures["measured_at"] = time.strftime("%Y-%m-%d %H:%M:%S %Z")
    args.out.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(figures, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
