"""The project file: questionnaire versions, waves, interviews, answers and the audit log.

:class:`Project` is the one door to a project file. Every write is one transaction; a
failure leaves the file as it was. Functions take and return plain values and small frozen
dataclasses; nothing here knows about Qt or about file formats other than SQLite.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from surveydesk.core.answers import answers_hash, answers_json
from surveydesk.core.errors import ProjectFileError, UsageError
from surveydesk.core.questionnaire import MODES, Questionnaire
from surveydesk.core.xlsform import read_xlsform
from surveydesk.store import columns, form_versions, migrations
from surveydesk.store.database import Database

STATUSES = ("complete", "partial", "aborted")
_YEAR_FIRST = re.compile(r"^\d{4}(?!\d)")


def utc_now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


@dataclass(frozen=True)
class FormVersion:
    id: int
    form_id: str
    version: str
    title: str
    sha256: str
    added_at: str


@dataclass(frozen=True)
class Wave:
    id: int
    label: str
    position: int
    starts_on: str | None = None
    ends_on: str | None = None


@dataclass(frozen=True)
class WaveSummary:
    wave: Wave
    total: int
    by_mode: dict[str, int]
    by_status: dict[str, int]
    complete_by_mode: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class ProjectOverview:
    path: Path
    form_id: str
    title: str
    form_version: str
    form_versions: int
    languages: tuple[str, ...]
    waves: tuple[WaveSummary, ...]

    @property
    def total(self) -> int:
        return sum(summary.total for summary in self.waves)


@dataclass(frozen=True)
class NewInterview:
    """An interview ready to be written: answers already validated and in stored form."""

    uuid: str
    mode: str
    status: str
    answers: dict[str, str]
    content_hash: str
    respondent_id: str | None = None
    interviewer: str | None = None
    device_id: str | None = None
    started_at: str | None = None
    completed_at: str | None = None


@dataclass(frozen=True)
class ImportBatch:
    id: int
    wave_label: str
    file_name: str
    sha256: str
    rows: int
    imported_at: str


@dataclass(frozen=True)
class AddedInterviews:
    """What :meth:`Project.add_interviews` changed."""

    wave: Wave
    added: int
    answers: int
    batch_id: int | None = None
    uuids: tuple[str, ...] = field(default=(), repr=False)


@dataclass(frozen=True)
class AnswerChange:
    """One entry of the append-only audit log."""

    at: str
    who: str
    interview_uuid: str
    question: str | None
    old_value: str | None
    new_value: str | None
    reason: str


def _check_same_survey(existing: Sequence[FormVersion], questionnaire: Questionnaire) -> None:
    """A project holds one survey: every questionnaire version has its form_id."""
    if existing and existing[0].form_id != questionnaire.form_id:
        raise UsageError(
            f"The form's form_id is '{questionnaire.form_id}' but this project is for "
            f"'{existing[0].form_id}': a project holds one survey; use 'init' for a new one.")


class Project:
    """An open project file. Use as a context manager or call :meth:`close`."""

    def __init__(self, db: Database):
        self.db = db
        self._questionnaires: dict[int, Questionnaire] = {}

    # -- opening ---------------------------------------------------------------------------
    @classmethod
    def create(cls, path: Path, workbook: bytes, questionnaire: Questionnaire,
               now: str | None = None) -> Project:
        """Make a new project file for ``questionnaire`` (read from ``workbook``)."""
        path = Path(path)
        db = Database.connect(path, create=True)
        try:
            migrations.migrate(db)
            project = cls(db)
            project.add_form_version(workbook, questionnaire, now)
        except BaseException:
            db.close()
            path.unlink(missing_ok=True)
            for suffix in ("-wal", "-shm"):
                Path(f"{path}{suffix}").unlink(missing_ok=True)
            raise
        return project

    @classmethod
    def open(cls, path: Path) -> Project:
        db = Database.connect(Path(path), create=False)
        try:
            migrations.migrate(db)
            if db.scalar("SELECT COUNT(*) FROM form_version") == 0:
                raise ProjectFileError(f"{path}: the project file holds no questionnaire.")
        except BaseException:
            db.close()
            raise
        return cls(db)

    @property
    def path(self) -> Path:
        return self.db.path

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Project:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- questionnaires --------------------------------------------------------------------
    def form_versions(self) -> list[FormVersion]:
        rows = self.db.rows(
            "SELECT id, form_id, version, title, sha256, added_at FROM form_version ORDER BY id"
        )
        return [FormVersion(*row) for row in rows]

    def current_form_version(self) -> FormVersion:
        """The newest version: new data is entered and read with it."""
        row = self.db.row("SELECT MAX(id) FROM form_version WHERE historical = 0")
        return next(v for v in self.form_versions() if v.id == row[0])

    def add_historical_form_version(self, workbook: bytes, questionnaire: Questionnaire,
                                    now: str | None = None) -> FormVersion:
        """Store an older questionnaire version (from a device file) without making it the
        current one, so that interviews entered with it stay interpretable."""
        sha = hashlib.sha256(workbook).hexdigest()
        with self.db.transaction():
            existing = self.form_versions()
            _check_same_survey(existing, questionnaire)
            known = {v.sha256: v for v in existing}
            if sha in known:
                return known[sha]
            self.db.execute(
                "INSERT INTO form_version (form_id, version, title, workbook, sha256, added_at,"
                " historical) VALUES (?, ?, ?, ?, ?, ?, 1)",
                (questionnaire.form_id, questionnaire.version, questionnaire.title, workbook,
                 sha, now or utc_now()))
        return next(v for v in self.form_versions() if v.sha256 == sha)

    def questionnaire_for(self, form_version_id: int) -> Questionnaire:
        if form_version_id not in self._questionnaires:
            row = self.db.row(
                "SELECT workbook, form_id, version FROM form_version WHERE id = ?",
                (form_version_id,),
            )
            if row is None:
                raise ProjectFileError(f"{self.path}: questionnaire version "
                                       f"{form_version_id} is missing.")
            self._questionnaires[form_version_id] = read_xlsform(
                row[0], f"{row[1]} version {row[2]} (stored in {self.path.name})"
            )
        return self._questionnaires[form_version_id]

    def workbook(self, form_version_id: int) -> bytes:
        """The stored XLSForm workbook of one questionnaire version."""
        row = self.db.row("SELECT workbook FROM form_version WHERE id = ?", (form_version_id,))
        if row is None:
            raise ProjectFileError(f"{self.path}: questionnaire version "
                                   f"{form_version_id} is missing.")
        return row[0]

    def forget_cached_questionnaires(self) -> None:
        """Drop parsed questionnaires (after a transaction that added versions rolled back)."""
        self._questionnaires.clear()

    @property
    def questionnaire(self) -> Questionnaire:
        """The newest questionnaire version: the one new data is checked against."""
        return self.questionnaire_for(self.current_form_version().id)

    def add_form_version(self, workbook: bytes, questionnaire: Questionnaire,
                         now: str | None = None, *,
                         cancelled: Callable[[], bool] | None = None) -> FormVersion | None:
        """Store a questionnaire version; ``None`` if this exact workbook is already stored.

        Refused (:class:`UsageError`, nothing stored) if an answer already stored does not
        read under the new version. Every wave's column cache is rebuilt on its next read,
        with the new version's question types. Checking every stored answer takes seconds on
        a big project: when ``cancelled()`` turns true the check stops with
        :class:`~surveydesk.core.errors.Cancelled` and nothing is stored.
        """
        sha = hashlib.sha256(workbook).hexdigest()
        stopped = "Adding the questionnaire version was cancelled; nothing was stored."
        with self.db.transaction():
            existing = self.form_versions()
            _check_same_survey(existing, questionnaire)
            if any(version.sha256 == sha for version in existing):
                return None
            if any(version.version == questionnaire.version for version in existing):
                raise UsageError(
                    f"The project already has a different form with version "
                    f"'{questionnaire.version}'. Raise the version in the settings sheet."
                )
            with self.db.interruptible(cancelled, stopped):  # the slow part
                form_versions.check_stored_answers_fit(self.db, questionnaire)
            cursor = self.db.execute(
                "INSERT INTO form_version (form_id, version, title, workbook, sha256, added_at)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                (questionnaire.form_id, questionnaire.version, questionnaire.title, workbook,
                 sha, now or utc_now()),
            )
            self.db.execute("UPDATE wave SET generation = generation + 1")
        self._questionnaires[cursor.lastrowid] = questionnaire
        return self.current_form_version()

    # -- waves -----------------------------------------------------------------------------
    def waves(self) -> list[Wave]:
        rows = self.db.rows(
            "SELECT id, label, position, starts_on, ends_on FROM wave ORDER BY position"
        )
        return [Wave(*row) for row in rows]

    def wave(self, label: str) -> Wave:
        for wave in self.waves():
            if wave.label == label:
                return wave
        known = ", ".join(w.label for w in self.waves()) or "none yet"
        raise UsageError(f"The project has no wave '{label}' (waves: {known}).")

    def ensure_wave(self, label: str) -> Wave:
        """The wave called ``label``, created after the existing waves if it is new."""
        label = label.strip()
        if not label:
            raise UsageError("A wave needs a label, e.g. '2024'.")
        if len(label) > 100:
            raise UsageError("A wave label may be at most 100 characters.")
        if any(not character.isprintable() for character in label):
            raise UsageError(f"The wave label {label!r} holds control characters (such as a "
                             "line break); use letters, digits and punctuation only.")
        with self.db.transaction():
            existing = [w.label for w in self.waves()]
            if label not in existing:
                position = self.db.scalar("SELECT COALESCE(MAX(position), 0) + 1 FROM wave")
                self.db.execute("INSERT INTO wave (label, position) VALUES (?, ?)",
                                (label, position))
                years = [_YEAR_FIRST.match(text) for text in [*existing, label]]
                if all(years):
                    # "2019", "2022 forår": a wave of an earlier year than waves already here
                    # goes before them, so "the previous wave" is the earlier one. The waves
                    # already here keep their order (also one set with order_waves); a wave
                    # of the same year goes after those of its year, as it came later.
                    year = int(years[-1].group())
                    before = [int(match.group()) <= year for match in years[:-1]]
                    at = max((i + 1 for i, earlier in enumerate(before) if earlier), default=0)
                    self._set_wave_order([*existing[:at], label, *existing[at:]])
        return self.wave(label)

    def order_waves(self, labels: Sequence[str]) -> list[Wave]:
        """Put the waves in the order ``labels`` gives (every wave once): the order in which
        results compare a wave with "the previous wave"."""
        known = [w.label for w in self.waves()]
        if sorted(labels) != sorted(known) or len(set(labels)) != len(labels):
            raise UsageError(f"Give every wave once, in the order wanted (waves: "
                             f"{', '.join(known) or 'none yet'}).")
        with self.db.transaction():
            self._set_wave_order(list(labels))
        return self.waves()

    def _set_wave_order(self, labels: list[str]) -> None:
        # Two steps: positions are unique, so they pass through negative numbers.
        self.db.execute("UPDATE wave SET position = -position")
        self.db.executemany("UPDATE wave SET position = ? WHERE label = ?",
                            [(number, text) for number, text in enumerate(labels, 1)])

    def set_wave_dates(self, label: str, starts_on: dt.date | None,
                       ends_on: dt.date | None) -> Wave:
        """Record a wave's fieldwork period (shown on the report's front page); ``None``
        clears a date. The start may not come after the end."""
        wave = self.wave(label)
        if starts_on is not None and ends_on is not None and starts_on > ends_on:
            raise UsageError(f"The fieldwork of wave '{label}' cannot start "
                             f"({starts_on.isoformat()}) after it ends "
                             f"({ends_on.isoformat()}).")
        with self.db.transaction():
            self.db.execute(
                "UPDATE wave SET starts_on = ?, ends_on = ? WHERE id = ?",
                (starts_on.isoformat() if starts_on else None,
                 ends_on.isoformat() if ends_on else None, wave.id))
        return self.wave(label)

    # -- interviews ------------------------------------------------------------------------
    def find_import(self, wave: Wave, sha256: str) -> ImportBatch | None:
        row = self.db.row(
            "SELECT id, file_name, sha256, rows, imported_at FROM import_batch "
            "WHERE wave_id = ? AND sha256 = ? ORDER BY id LIMIT 1", (wave.id, sha256),
        )
        return None if row is None else ImportBatch(row[0], wave.label, *row[1:])

    def transaction(self):
        """One write transaction (``BEGIN IMMEDIATE``) for several project calls together:
        checks made inside it cannot be invalidated by another writer before the write."""
        return self.db.transaction()

    def interview_hashes(self, uuids: Iterable[str]) -> dict[str, tuple[str, str]]:
        """``uuid -> (wave label, content_hash)`` for those interviews already stored."""
        wanted = list(dict.fromkeys(uuids))
        found: dict[str, tuple[str, str]] = {}
        for start in range(0, len(wanted), 500):
            chunk = wanted[start:start + 500]
            rows = self.db.rows(
                "SELECT i.uuid, w.label, i.content_hash FROM interview i "
                "JOIN wave w ON w.id = i.wave_id "
                f"WHERE i.uuid IN ({', '.join('?' * len(chunk))})", chunk)
            found.update({uuid: (label, digest) for uuid, label, digest in rows})
        return found

    def respondent_hashes(self, wave: Wave, respondent_ids: Iterable[str]) -> dict[str, str]:
        """``respondent_id -> content_hash`` for those ids already in ``wave``."""
        wanted = set(respondent_ids)
        rows = self.db.rows(
            "SELECT respondent_id, content_hash FROM interview "
            "WHERE wave_id = ? AND respondent_id IS NOT NULL", (wave.id,),
        )
        return {rid: digest for rid, digest in rows if rid in wanted}

    def add_interviews(self, wave_label: str, interviews: Sequence[NewInterview], *,
                       source: tuple[str, str, str] | None = None,
                       now: str | None = None) -> AddedInterviews:
        """Write new interviews and their answers in one transaction.

        ``source`` is ``(file_name, sha256, mode)`` of an imported file, recorded so that the
        same file imported again can be recognised.
        """
        now = now or utc_now()
        form_version = self.current_form_version().id
        with self.db.transaction():
            wave = self.ensure_wave(wave_label)
            batch_id = None
            if source is not None:
                batch_id = self.db.execute(
                    "INSERT INTO import_batch (wave_id, file_name, sha256, mode, rows, "
                    "imported_at) VALUES (?, ?, ?, ?, ?, ?)",
                    (wave.id, source[0], source[1], source[2], len(interviews), now),
                ).lastrowid
            self.db.executemany(
                "INSERT INTO interview (uuid, respondent_id, wave_id, form_version_id, "
                "mode, status, interviewer, device_id, started_at, completed_at, updated_at, "
                "answers, content_hash, import_id) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (
                    (x.uuid, x.respondent_id, wave.id, form_version, x.mode, x.status,
                     x.interviewer, x.device_id, x.started_at, x.completed_at, now,
                     answers_json(x.answers), x.content_hash, batch_id)
                    for x in interviews
                ),
            )
            answers = sum(len(x.answers) for x in interviews)
            self._touch(wave)
        return AddedInterviews(wave, len(interviews), answers, batch_id,
                               tuple(x.uuid for x in interviews))

    def answers(self, interview_uuid: str) -> dict[str, str]:
        """The stored answers of one interview."""
        row = self.db.row("SELECT answers FROM interview WHERE uuid = ?", (interview_uuid,))
        if row is None:
            raise UsageError(f"No interview with id {interview_uuid} in {self.path.name}.")
        return json.loads(row[0])

    def change_answer(self, interview_uuid: str, question: str, value: str | None, *,
                      who: str, reason: str, now: str | None = None) -> AnswerChange | None:
        """Set (or with ``None`` clear) one stored answer and write the audit log.

        Both happen in one transaction. Returns ``None`` when the value is unchanged.
        """
        if not who.strip():
            raise UsageError("A change to an answer must say who made it.")
        now = now or utc_now()
        with self.db.transaction():
            row = self.db.row(
                "SELECT id, wave_id, status, answers FROM interview WHERE uuid = ?",
                (interview_uuid,))
            if row is None:
                raise UsageError(f"No interview with id {interview_uuid} in {self.path.name}.")
            interview_id, wave_id, status, text = row
            answers = json.loads(text)
            old = answers.get(question)
            if old == value:
                return None
            self.check_no_open_conflict(interview_uuid)
            if value is None:
                del answers[question]
            else:
                answers[question] = value
            self.db.execute(
                "UPDATE interview SET answers = ?, content_hash = ?, updated_at = ? WHERE id = ?",
                (answers_json(answers), answers_hash(answers, status), now, interview_id))
            self.db.execute(
                "INSERT INTO audit_log (at, who, interview_uuid, question, old_value, new_value,"
                " reason) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (now, who, interview_uuid, question, old, value, reason))
            self.db.execute("UPDATE wave SET generation = generation + 1 WHERE id = ?",
                            (wave_id,))
        return AnswerChange(now, who, interview_uuid, question, old, value, reason)

    def check_no_open_conflict(self, interview_uuid: str) -> None:
        if self.db.scalar("SELECT COUNT(*) FROM sync_conflict WHERE resolved_at IS NULL "
                          "AND interview_uuid = ?", (interview_uuid,)):
            raise UsageError(
                f"Interview {interview_uuid} has a merge conflict: two devices hold different "
                "versions of it. Choose the version to keep first (Sync ▸ Conflicts, or "
                "surveydesk-cli conflicts resolve).")

    def audit_log(self, interview_uuid: str | None = None) -> list[AnswerChange]:
        """Every recorded change, oldest first (for one interview if given)."""
        sql = ("SELECT at, who, interview_uuid, question, old_value, new_value, reason "
               "FROM audit_log")
        parameters: tuple = ()
        if interview_uuid is not None:
            sql += " WHERE interview_uuid = ?"
            parameters = (interview_uuid,)
        return [AnswerChange(*row) for row in self.db.rows(sql + " ORDER BY id", parameters)]

    def _touch(self, wave: Wave) -> None:
        self.db.execute("UPDATE wave SET generation = generation + 1 WHERE id = ?", (wave.id,))

    # -- reading ---------------------------------------------------------------------------
    def overview(self) -> ProjectOverview:
        """What the project holds: the form, and per wave counts by mode and status."""
        current = self.current_form_version()
        counts = self.db.rows(
            "SELECT wave_id, mode, status, COUNT(*) FROM interview WHERE deleted_at IS NULL "
            "GROUP BY wave_id, mode, status"
        )
        summaries = []
        for wave in self.waves():
            by_mode = dict.fromkeys(MODES, 0)
            by_status = dict.fromkeys(STATUSES, 0)
            complete = dict.fromkeys(MODES, 0)
            for wave_id, mode, status, count in counts:
                if wave_id == wave.id:
                    by_mode[mode] += count
                    by_status[status] += count
                    if status == "complete":
                        complete[mode] += count
            summaries.append(WaveSummary(wave, sum(by_mode.values()), by_mode, by_status,
                                         complete))
        return ProjectOverview(
            path=self.path,
            form_id=current.form_id,
            title=current.title,
            form_version=current.version,
            form_versions=len(self.form_versions()),
            languages=self.questionnaire.language_codes,
            waves=tuple(summaries),
        )

    def wave_data(self, wave_label: str, details: bool = True) -> columns.WaveData:
        """A wave's interviews and answers as columns (cached; see :mod:`.columns`).

        Without ``details`` the interviews have only ``mode`` and ``status``: enough for an
        analysis, and much faster to read."""
        return columns.wave_data(self.db, self.wave(wave_label), self.questionnaire, details)
