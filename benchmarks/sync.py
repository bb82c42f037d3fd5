"""Merging device files into a big master project.

    python benchmarks/sync.py [--master 100000] [--devices 20] [--per-device 2000]
                              [--answers 40] [--out benchmarks/sync_results.json]

A master of ``--master`` interviews (``--answers`` answers each, on the 60-question
benchmark form of ``run.py``) and ``--devices`` laptops of ``--per-device`` new interviews
each are built in a temporary folder beside this file; every laptop writes a device file
(``export_device_file``). Then the files are merged into the master with
``merge_device_files``, the way ``surveydesk-cli merge`` does it (checks, comparison, backup,
one write transaction), and merged again, when nothing changes. One interview per laptop was
also in the master already, edited on the laptop (an audited correction), so updates are
part of the run.

Targets (issue 6): the merge under 10 s; merging the same files again under 3 s.

A second run (``--copies N``, default 3) has laptops that started as copies of the master,
so each device file holds all 100,000 interviews plus 2,000 new ones: what matters there is
that only the new and changed interviews are read, which the peak memory shows.
"""

from __future__ import annotations

import argparse
import json
import platform
import resource
import shutil
import sys
import tempfile
import time
import uuid as uuid_module
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent


def _interviews(rng, count: int, answers: int, names, prefix: str):
    from surveydesk.core.answers import answers_hash
    from surveydesk.store.project import NewInterview

    values = rng.integers(1, 6, size=(count, answers))
    made = []
    for row in range(count):
        stored = {names[i]: str(values[row, i]) for i in range(answers)}
        made.append(NewInterview(
            uuid=str(uuid_module.UUID(int=int(rng.integers(1 << 62)) << 64 | row)),
            mode="in_person", status="complete", answers=stored,
            content_hash=answers_hash(stored, "complete"), interviewer=prefix,
            device_id=prefix, started_at="2024-09-12T08:00:00+00:00",
            completed_at="2024-09-12T08:20:00+00:00"))
    return made


def run(master_size: int, devices: int, per_device: int, answers: int, copies: int = 3
        ) -> dict:
    sys.path.insert(0, str(ROOT))
    from run import write_benchmark_form

    from surveydesk.core.answers import answers_hash
    from surveydesk.core.xlsform import read_xlsform
    from surveydesk.store.project import NewInterview, Project
    from surveydesk.sync.device_file import export_device_file
    from surveydesk.sync.merge import merge_device_files

    rng = np.random.default_rng(6)
    with tempfile.TemporaryDirectory(dir=ROOT) as text:
        folder = Path(text)
        form = folder / "benchmark.xlsx"
        questions = write_benchmark_form(form)
        names = [name for name, kind in questions if kind in ("scale", "group")][:answers]
        workbook, questionnaire = form.read_bytes(), read_xlsform(form)
        started = time.perf_counter()
        master_path = folder / "master.sdproj"
        shared = []
        with Project.create(master_path, workbook, questionnaire) as master:
            made = _interviews(rng, master_size, answers, names, "master")
            master.add_interviews("2024", made)
            shared = [x.uuid for x in made[:devices]]
            master.wave_data("2024", details=False)  # a warm cache, as an analyst has it
        files = []
        for number in range(devices):
            laptop_path = folder / f"laptop{number:02d}.sdproj"
            with Project.create(laptop_path, workbook, questionnaire) as laptop:
                laptop.add_interviews("2024", _interviews(rng, per_device, answers, names,
                                                          f"laptop{number:02d}"))
                # The laptop also holds one of the master's interviews, corrected there.
                with Project.open(master_path) as master:
                    original = master.answers(shared[number])
                laptop.add_interviews("2024", [NewInterview(
                    shared[number], "in_person", "complete", original,
                    answers_hash(original, "complete"), interviewer="master")])
                laptop.change_answer(shared[number], names[0],
                                     "1" if original[names[0]] != "1" else "2",
                                     who=f"laptop{number:02d}", reason="misheard")
                out = folder / f"laptop{number:02d}.sddevice"
                export_device_file(laptop, out, device_id=f"laptop{number:02d}",
                                   interviewer=f"Interviewer {number}")
                files.append(out)
        copy_files = []
        for number in range(copies):
            laptop_path = folder / f"copy{number}.sdproj"
            shutil.copyfile(master_path, laptop_path)
            with Project.open(laptop_path) as laptop:
                laptop.add_interviews("2024", _interviews(rng, per_device, answers, names,
                                                          f"copy{number}"))
                out = folder / f"copy{number}.sddevice"
                export_device_file(laptop, out, device_id=f"copy{number}",
                                   interviewer=f"Copy {number}")
                copy_files.append(out)
        setup = time.perf_counter() - started
        master_bytes = master_path.stat().st_size

        with Project.open(master_path) as master:
            start = time.perf_counter()
            report = merge_device_files(master, files, backup_folder=folder / "backups")
            merge_seconds = time.perf_counter() - start
            start = time.perf_counter()
            again = merge_device_files(master, files, backup_folder=folder / "backups")
            again_seconds = time.perf_counter() - start
            rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
            start = time.perf_counter()
            copied = (merge_device_files(master, copy_files, backup_folder=folder / "backups")
                      if copy_files else None)
            copies_seconds = time.perf_counter() - start
            rss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
            total = master.overview().total
        device_bytes = sum(f.stat().st_size for f in files) // len(files)

    return {
        "master_interviews": master_size,
        "answers_per_interview": answers,
        "master_file_mb": round(master_bytes / 1e6, 1),
        "device_files": devices,
        "interviews_per_device": per_device + 1,
        "device_file_kb": round(device_bytes / 1e3),
        "setup_s": round(setup, 1),
        "merge": {"seconds": round(merge_seconds, 2), "target_s": 10,
                  "added": report.total("added"), "updated": report.total("updated"),
                  "conflicts": report.total("conflicts"), "written": report.written},
        "merge_again": {"seconds": round(again_seconds, 2), "target_s": 3,
                        "unchanged": again.total("unchanged"), "written": again.written},
        "copies_of_master": None if copied is None else {
            "device_files": copies, "interviews_per_file": master_size + per_device,
            "seconds": round(copies_seconds, 2), "added": copied.total("added"),
            "unchanged": copied.total("unchanged"),
            "peak_rss_growth_mb": round(max(0, rss_after - rss_before) / 1024),
        },
        "interviews_after": total,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--master", type=int, default=100_000)
    parser.add_argument("--devices", type=int, default=20)
    parser.add_argument("--per-device", type=int, default=2000)
    parser.add_argument("--answers", type=int, default=40)
    parser.add_argument("--copies", type=int, default=3,
                        help="laptops that are copies of the master (0: skip that run)")
    parser.add_argument("--out", type=Path, default=ROOT / "sync_results.json")
    args = parser.parse_args(argv)
    figures = run(args.master, args.devices, args.per_device, args.answers, args.copies)
    figures["machine"] = {"python": platform.python_version(), "platform": platform.platform(),
                          "processor": platform.processor() or platform.machine()}
    args.out.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(figures, indent=2))
    ok = (figures["merge"]["seconds"] < 10 and figures["merge_again"]["seconds"] < 3)
    print("targets met" if ok else "TARGETS MISSED")
    return 0


if __name__ == "__main__":
    sys.exit(main())
