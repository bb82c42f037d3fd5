"""Merging is idempotent and order-independent, on real project and device files.

Hypothesis plays fieldwork on up to three laptops (some copied from others mid-way, so that
the same interview is edited in more than one place), exports device files at random
moments, and merges them into copies of the master in different orders and repeatedly.
Every copy must end up holding the same interviews, audit log, kept versions, conflicts and
call list.
"""

from __future__ import annotations

import itertools
import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from surveydesk.store import calls, entry
from surveydesk.store.call_sync import call_records
from surveydesk.store.interview_versions import conflicts, kept_versions, row_versions
from surveydesk.store.project import Project
from surveydesk.store.snapshot import backup_project
from surveydesk.sync.device_file import export_device_file
from surveydesk.sync.merge import merge_device_files

LAPTOPS = ("L0", "L1", "L2")
VALUES = ("1", "2", "3", "4", "5")

step = st.one_of(
    st.tuples(st.just("new"), st.sampled_from(LAPTOPS), st.booleans(),
              st.sampled_from(VALUES)),
    st.tuples(st.just("continue"), st.sampled_from(LAPTOPS), st.integers(0, 5),
              st.sampled_from(VALUES)),
    st.tuples(st.just("finish"), st.sampled_from(LAPTOPS), st.integers(0, 5),
              st.sampled_from(("complete", "aborted"))),
    st.tuples(st.just("change"), st.sampled_from(LAPTOPS), st.integers(0, 5),
              st.sampled_from(VALUES)),
    st.tuples(st.just("delete"), st.sampled_from(LAPTOPS), st.integers(0, 5), st.just("")),
    st.tuples(st.just("fork"), st.sampled_from(LAPTOPS), st.sampled_from(LAPTOPS),
              st.just("")),
    st.tuples(st.just("call"), st.sampled_from(LAPTOPS), st.integers(0, 2),
              st.sampled_from(("no_answer", "busy", "call_back", "refused", "interview"))),
    # Device files leave phone numbers and names out unless asked to carry them.
    st.tuples(st.just("export"), st.sampled_from(LAPTOPS), st.just(0),
              st.sampled_from(("", "contacts"))),
    # A number added on a laptop (the same reference gets the same number everywhere).
    st.tuples(st.just("newcall"), st.sampled_from(LAPTOPS), st.integers(3, 4), st.just("")),
    # The analyst merges a laptop's file into the master mid-fieldwork, then corrects or
    # deletes on the master; laptops set up later start from that master.
    st.tuples(st.just("sync"), st.sampled_from(LAPTOPS), st.just(0), st.just("")),
    st.tuples(st.just("master"), st.just("M"), st.integers(0, 5),
              st.sampled_from((*VALUES, "delete"))),
)


class Play:
    """Carries out the steps on real laptop project files."""

    def __init__(self, folder: Path, master: Path):
        self.folder = folder
        self.master = master
        self.laptops: dict[str, Project] = {}
        self.clock = itertools.count(1)
        self.files: list[Path] = []

    def now(self) -> str:
        minute = next(self.clock)
        return f"2024-09-12T{8 + minute // 60:02d}:{minute % 60:02d}:00+00:00"

    def laptop(self, name: str) -> Project:
        if name not in self.laptops:
            path = self.folder / f"{name}.sdproj"
            backup_project(self.master, path)
            self.laptops[name] = Project.open(path)
        return self.laptops[name]

    def interviews(self, laptop: Project, status: str | None = None) -> list[str]:
        sql = "SELECT uuid FROM interview WHERE deleted_at IS NULL"
        if status:
            sql += f" AND status = '{status}'"
        return [row[0] for row in laptop.db.rows(sql + " ORDER BY id")]

    def run(self, kind, name, arg, value) -> None:
        if kind == "master":
            self.edit_master(arg, value)
            return
        if kind == "sync":
            laptop = self.laptop(name)
            out = self.folder / f"sync{next(self.clock)}.sddevice"
            export_device_file(laptop, out, device_id=name, interviewer=name, now=self.now())
            with Project.open(self.master) as master:
                merge_device_files(master, [out], backup_folder=self.folder / "backups",
                                   keep_backups=1, now=self.now())
            return
        if kind == "fork":
            if arg not in self.laptops and name != arg:
                source = self.laptop(name)
                backup_project(source.path, self.folder / f"{arg}.sdproj")
                self.laptops[arg] = Project.open(self.folder / f"{arg}.sdproj")
            return
        laptop = self.laptop(name)
        who = f"interviewer-{name}"
        if kind == "new":
            started = entry.start_interview(laptop, wave="2024", mode="in_person",
                                            interviewer=who, device_id=name, now=self.now())
            entry.save_answer(laptop, started.uuid, "satisfied", value, next_question=None,
                              who=who, now=self.now())
            if arg:
                entry.finish_interview(laptop, started.uuid, "complete", who=who,
                                       now=self.now())
        elif kind == "export":
            out = self.folder / f"file{len(self.files)}.sddevice"
            export_device_file(laptop, out, device_id=name, interviewer=who, now=self.now(),
                               include_contacts=value == "contacts")
            self.files.append(out)
        elif kind == "newcall":
            if not calls.known_calls(laptop, [f"R{arg}"]):
                calls.add_calls(laptop, [calls.NewCall(f"R{arg}", f"+452345678{arg}",
                                                       f"Søren {arg}")], now=self.now())
        elif kind == "call":
            call_id = laptop.db.scalar("SELECT id FROM call_list ORDER BY id LIMIT 1 OFFSET ?",
                                       (arg,))
            if calls.call(laptop, call_id).status in calls.FINAL_STATUSES:
                return
            at = self.now()
            appointment = f"2024-09-20T10:{arg:02d}:00+00:00" if value == "call_back" else None
            calls.record_attempt(laptop, call_id, value, who, at, appointment,
                                 max_attempts=5)
        else:
            self.edit(laptop, kind, arg, value, who)

    def edit(self, laptop: Project, kind: str, index: int, value: str, who: str) -> None:
        partial = self.interviews(laptop, "partial")
        every = self.interviews(laptop)
        if kind in ("continue", "finish") and partial:
            uuid = partial[index % len(partial)]
            if kind == "continue":
                entry.save_answer(laptop, uuid, "age", f"{20 + int(value)}",
                                  next_question=None, who=who, now=self.now())
            else:
                entry.finish_interview(laptop, uuid, value, who=who, reason="left",
                                       now=self.now())
        elif kind == "change" and every:
            uuid = every[index % len(every)]
            if laptop.answers(uuid).get("satisfied") != value:
                laptop.change_answer(uuid, "satisfied", value, who=who, reason="misheard",
                                     now=self.now())
        elif kind == "delete" and every:
            entry.delete_interview(laptop, every[index % len(every)], who=who,
                                   reason="duplicate", now=self.now())

    def edit_master(self, index: int, value: str) -> None:
        with Project.open(self.master) as master:
            every = self.interviews(master)
            if not every:
                return
            uuid = every[index % len(every)]
            if conflicts_of(master, uuid):
                return  # the analyst must resolve first (edits are refused)
            if value == "delete":
                entry.delete_interview(master, uuid, who="analyst", reason="duplicate",
                                       now=self.now())
            elif master.answers(uuid).get("satisfied") != value:
                master.change_answer(uuid, "satisfied", value, who="analyst",
                                     reason="register", now=self.now())

    def close(self) -> None:
        for laptop in self.laptops.values():
            laptop.close()


def conflicts_of(project: Project, uuid: str) -> list:
    return [c for c in conflicts(project) if c.interview_uuid == uuid]


def master_state(path: Path):
    with Project.open(path) as project:
        rows = row_versions(project)
        kept = kept_versions(project, rows)
        return (
            {uuid: version.to_json() for uuid, version in rows.items()},
            {uuid: tuple(v.ident for v in versions) for uuid, versions in kept.items()},
            {c.interview_uuid: tuple(v.key for v in c.versions) for c in conflicts(project)},
            {ref: (c.phone, c.name, c.status, c.attempts, c.appointment_at, c.interview_uuid,
                   c.attempt_log)
             for ref, c in call_records(project).items()},
        )


def merged(master: Path, folder: Path, name: str, files: list[Path]) -> Path:
    target = folder / f"{name}.sdproj"
    shutil.copyfile(master, target)
    with Project.open(target) as project:
        merge_device_files(project, files, backup_folder=folder / "backups", keep_backups=1,
                           now="2024-10-01T00:00:00+00:00")
    return target


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                 HealthCheck.function_scoped_fixture])
@given(steps=st.lists(step, min_size=3, max_size=20), data=st.data())
def test_any_order_and_any_repetition_of_device_files_gives_the_same_master(
        form_path, monkeypatch, steps, data):
    with tempfile.TemporaryDirectory() as text:
        folder = Path(text)
        monkeypatch.setenv("SURVEYDESK_CONFIG_DIR", str(folder / "config"))
        from surveydesk.core.xlsform import read_xlsform

        master = folder / "master.sdproj"
        with Project.create(master, form_path.read_bytes(), read_xlsform(form_path)) as p:
            calls.add_calls(p, [calls.NewCall(f"R{n}", f"+451234567{n}") for n in range(3)],
                            now="2024-09-01T00:00:00+00:00")
        play = Play(folder, master)
        try:
            # Two interviews on L0 that L1 and L2 also get (a copied laptop), then play.
            prelude = [("new", "L0", True, "4"), ("new", "L0", False, "2"),
                       ("export", "L0", 0, ""), ("fork", "L0", "L1", ""),
                       ("fork", "L0", "L2", "")]
            for kind, name, arg, value in [*prelude, *steps, ("export", "L0", 0, ""),
                                           ("export", "L1", 0, ""), ("export", "L2", 0, "")]:
                play.run(kind, name, arg, value)
        finally:
            play.close()
        files = play.files
        shuffled = data.draw(st.permutations(files))
        repeated = files + data.draw(st.lists(st.sampled_from(files), max_size=4))
        expected = master_state(merged(master, folder, "in_order", files))
        event(f"interviews: {min(len(expected[0]), 3)}+, conflicts: {bool(expected[2])}, "
              f"several kept: {any(len(k) > 1 for k in expected[1].values())}")
        assert master_state(merged(master, folder, "shuffled", shuffled)) == expected
        assert master_state(merged(master, folder, "repeated", repeated)) == expected
        # One file at a time, in yet another order, over several merges.
        stepwise = folder / "stepwise.sdproj"
        shutil.copyfile(master, stepwise)
        for file in reversed(files):
            with Project.open(stepwise) as project:
                merge_device_files(project, [file], backup_folder=folder / "backups",
                                   keep_backups=1, now="2024-10-01T00:00:00+00:00")
        assert master_state(stepwise) == expected
        # The master's own numbers are never blanked by a file without them.
        master_calls = expected[3]
        for n in range(3):
            assert master_calls[f"R{n}"][:2] == (f"+451234567{n}", "")
