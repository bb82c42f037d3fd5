"""Interviews as whole versions (row and audit trail), and merge conflicts, in the project file.

The sync package decides which versions of an interview a merge keeps
(:mod:`surveydesk.core.versions`); this module reads versions out of a project file and
writes the outcome back. Invariants kept here:

- an interview without an open conflict is one version: its row, and as its trail every
  audit-log entry recorded for it;
- an interview for which a merge keeps several versions has them stored whole in
  ``sync_kept_version``; its row shows one of them and its audit log holds the union of
  their trails (the log is append-only, so nothing a device recorded is ever dropped);
- while those versions differ in content the interview has an open ``sync_conflict``, whose
  ``sync_conflict_version`` rows are what the reviewer compares.
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from surveydesk.core.answers import answers_json
from surveydesk.core.errors import ProjectFileError
from surveydesk.core.versions import (
    AuditEntry,
    InterviewVersion,
    contents,
    entry_order,
    is_conflict,
    merge_version,
    shown_version,
)
from surveydesk.store.project import Project, utc_now

_ROW = ("SELECT i.uuid, w.label, f.sha256, i.mode, i.status, i.answers, i.content_hash, "
        "i.updated_at, i.respondent_id, i.interviewer, i.device_id, i.location, i.language, "
        "i.started_at, i.completed_at, i.current_question, i.end_reason, i.deleted_at, "
        "i.deleted_reason FROM interview i JOIN wave w ON w.id = i.wave_id "
        "JOIN form_version f ON f.id = i.form_version_id")
_AUDIT = ("SELECT interview_uuid, at, who, question, old_value, new_value, reason "
          "FROM audit_log")
_CHUNK = 500


def _version(row, trail: Iterable[AuditEntry]) -> InterviewVersion:
    return InterviewVersion(row[0], row[1], row[2], row[3], row[4], json.loads(row[5]),
                            *row[6:], trail=frozenset(trail))


def _chunks(values: Sequence[str]):
    for start in range(0, len(values), _CHUNK):
        chunk = values[start:start + _CHUNK]
        yield chunk, ", ".join("?" * len(chunk))


def _trails(project: Project, uuids: Sequence[str] | None) -> dict[str, list[AuditEntry]]:
    trails: dict[str, list[AuditEntry]] = defaultdict(list)
    if uuids is None:
        batches = [project.db.rows(_AUDIT)]
    else:
        batches = (project.db.rows(f"{_AUDIT} WHERE interview_uuid IN ({marks})", chunk)
                   for chunk, marks in _chunks(uuids))
    for rows in batches:
        for row in rows:
            trails[row[0]].append(AuditEntry(*row[1:]))
    return trails


def row_versions(project: Project, uuids: Iterable[str] | None = None
                 ) -> dict[str, InterviewVersion]:
    """``uuid -> version`` as the interview rows hold them (all, or those of ``uuids`` that
    exist), each with every audit entry recorded for it as its trail."""
    if uuids is None:
        rows = project.db.rows(_ROW)
        trails = _trails(project, None)
    else:
        wanted = list(dict.fromkeys(uuids))
        rows = [row for chunk, marks in _chunks(wanted)
                for row in project.db.rows(f"{_ROW} WHERE i.uuid IN ({marks})", chunk)]
        trails = _trails(project, [row[0] for row in rows])
    return {row[0]: _version(row, trails.get(row[0], ())) for row in rows}


_LIGHT = _ROW.replace("i.answers, ", "")


def fingerprint(version: InterviewVersion) -> tuple:
    """Every field of a version but its answers (the content hash stands for them) and its
    trail: the bookkeeping that tells whether a row changed."""
    return (version.uuid, version.wave, version.form_sha256, version.mode, version.status,
            version.content_hash, version.updated_at, version.respondent_id,
            version.interviewer, version.device_id, version.location, version.language,
            version.started_at, version.completed_at, version.current_question,
            version.end_reason, version.deleted_at, version.deleted_reason)


def version_digests(project: Project) -> dict[str, bytes]:
    """``uuid -> digest of the whole version`` (every field, the content hash standing for
    the answers, and the audit trail) of each interview that has no other kept versions.

    Equal digests in two project files mean the same version, found without reading any
    answers: a merge skips those, so laptops that hold the whole survey (copies of the
    master) cost little memory and time."""
    trails = _trails(project, None)
    several = {row[0] for row in project.db.rows(
        "SELECT DISTINCT interview_uuid FROM sync_kept_version")}
    digests = {}
    for row in project.db.rows(_LIGHT):
        if row[0] in several:
            continue
        trail = sorted(([*entry] for entry in trails.get(row[0], ())), key=entry_order)
        digests[row[0]] = hashlib.blake2b(repr((row, trail)).encode(),
                                          digest_size=16).digest()
    return digests


def _stored_version(project: Project, uuid: str, payload: str) -> InterviewVersion:
    try:
        return InterviewVersion.from_json(payload)
    except ValueError as error:
        raise ProjectFileError(f"{project.path}: the kept versions of interview {uuid} are "
                               f"damaged ({error}).") from None


def kept_versions(project: Project, uuids: Iterable[str]) -> dict[str, tuple[InterviewVersion,
                                                                              ...]]:
    """``uuid -> the versions the project keeps`` for those of ``uuids`` it holds: the
    several versions a merge kept, otherwise the one version of the row."""
    wanted = list(dict.fromkeys(uuids))
    kept: dict[str, tuple[InterviewVersion, ...]] = {
        uuid: (version,) for uuid, version in row_versions(project, wanted).items()}
    if project.db.scalar("SELECT EXISTS (SELECT 1 FROM sync_kept_version)"):
        found: dict[str, list[InterviewVersion]] = defaultdict(list)
        for chunk, marks in _chunks(wanted):
            for uuid, payload in project.db.rows(
                    "SELECT interview_uuid, payload FROM sync_kept_version "
                    f"WHERE interview_uuid IN ({marks})", chunk):
                found[uuid].append(_stored_version(project, uuid, payload))
        for uuid, versions in found.items():
            row = kept.get(uuid, (None,))[0]
            stored = tuple(sorted(versions, key=lambda v: v.ident))
            if row is not None and fingerprint(row) not in {fingerprint(v) for v in stored}:
                # The interview was changed here since the merge stored its versions (an
                # edit, a deletion, entry continued): the row is one more version.
                stored = merge_version(stored, row)
            kept[uuid] = stored
    return kept


class VersionOrigin(NamedTuple):
    """Where a kept version came from: a device file, or (both empty) this project."""

    file: str
    device: str

    def describe(self) -> str:
        return f"{self.file} (device {self.device})" if self.file else "this project"


THIS_PROJECT = VersionOrigin("", "")


@dataclass(frozen=True)
class KeptChange:
    """What a merge decided for one interview: the versions kept before and after, and the
    device file that brought the change (or, for a conflict resolved by hand, who chose)."""

    uuid: str
    before: tuple[InterviewVersion, ...]
    after: tuple[InterviewVersion, ...]
    origin: VersionOrigin
    chosen_by: str = ""
    origins: Mapping[str, VersionOrigin] = field(default_factory=dict)  # by version ident


def write_kept_versions(project: Project, changes: Iterable[KeptChange],
                        form_version_ids: dict[str, int], now: str | None = None,
                        resolution: str = "") -> None:
    """Write the outcome of a merge (inside the caller's transaction, or its own).

    For each change the row is set to the shown version, the audit log gains the entries it
    lacks, and the interview's conflict is opened, updated or closed to match ``after``.
    ``form_version_ids`` maps a questionnaire workbook's sha256 to its id here.
    """
    now = now or utc_now()
    with project.transaction():
        waves = {wave.label: wave.id for wave in project.waves()}
        touched: set[int] = set()
        for change in changes:
            shown = shown_version(change.after)
            if shown.wave not in waves:
                waves[shown.wave] = project.ensure_wave(shown.wave).id
            wave_id = waves[shown.wave]
            old_wave = _write_row(project, shown, change.before, wave_id,
                                  form_version_ids[shown.form_sha256], now)
            touched.update(w for w in (wave_id, old_wave) if w is not None)
            trail = frozenset().union(*(version.trail for version in change.after))
            if trail:
                _append_audit(project, change.uuid, trail, new=not change.before)
            _write_kept(project, change)
            _write_conflict(project, change, now, resolution)
        for wave_id in touched:
            project.db.execute("UPDATE wave SET generation = generation + 1 WHERE id = ?",
                               (wave_id,))


_FIELDS = ("respondent_id", "mode", "status", "interviewer", "device_id", "location",
           "language", "started_at", "completed_at", "updated_at", "current_question",
           "end_reason", "deleted_at", "deleted_reason", "content_hash")


def _write_row(project: Project, version: InterviewVersion,
               before: tuple[InterviewVersion, ...], wave_id: int, form_version_id: int,
               now: str) -> int | None:
    """Insert or update the interview row; returns the wave it was in before (if any)."""
    values = [getattr(version, name) for name in _FIELDS]
    answers = answers_json(version.answers)
    if not before:
        project.db.execute(
            f"INSERT INTO interview (uuid, wave_id, form_version_id, answers, "
            f"{', '.join(_FIELDS)}) VALUES ({', '.join('?' * (len(_FIELDS) + 4))})",
            (version.uuid, wave_id, form_version_id, answers, *values))
        return None
    old_wave = project.db.scalar("SELECT wave_id FROM interview WHERE uuid = ?",
                                 (version.uuid,))
    current = row_versions(project, [version.uuid])[version.uuid]
    if _same_row(current, version):
        return None
    project.db.execute(
        f"UPDATE interview SET wave_id = ?, form_version_id = ?, answers = ?, "
        f"{', '.join(f'{name} = ?' for name in _FIELDS)} WHERE uuid = ?",
        (wave_id, form_version_id, answers, *values, version.uuid))
    return old_wave


def _same_row(a: InterviewVersion, b: InterviewVersion) -> bool:
    return fingerprint(a) == fingerprint(b) and dict(a.answers) == dict(b.answers)


def _append_audit(project: Project, uuid: str, trail: frozenset[AuditEntry], *,
                  new: bool) -> None:
    have = set() if new else set(_trails(project, [uuid]).get(uuid, ()))
    new = sorted(trail - have, key=entry_order)
    project.db.executemany(
        "INSERT INTO audit_log (at, who, interview_uuid, question, old_value, new_value, "
        "reason) VALUES (?, ?, ?, ?, ?, ?, ?)",
        ((e.at, e.who, uuid, e.question, e.old_value, e.new_value, e.reason) for e in new))


def _origins(project: Project, uuid: str) -> dict[str, VersionOrigin]:
    return {ident: VersionOrigin(*json.loads(source)) for ident, source in project.db.rows(
        "SELECT version, source FROM sync_kept_version WHERE interview_uuid = ?", (uuid,))}


def _write_kept(project: Project, change: KeptChange) -> None:
    """Store the kept versions when there are several (and forget them when one is left)."""
    known = _origins(project, change.uuid)
    project.db.execute("DELETE FROM sync_kept_version WHERE interview_uuid = ?",
                       (change.uuid,))
    if len(change.after) == 1:
        return
    before = {version.ident for version in change.before}
    project.db.executemany(
        "INSERT INTO sync_kept_version (interview_uuid, version, source, payload) "
        "VALUES (?, ?, ?, ?)",
        ((change.uuid, version.ident,
          json.dumps(known.get(version.ident) or change.origins.get(version.ident) or (
              THIS_PROJECT if version.ident in before else change.origin)),
          version.to_json()) for version in change.after))


def _write_conflict(project: Project, change: KeptChange, now: str, resolution: str) -> None:
    conflict_id = project.db.scalar("SELECT id FROM sync_conflict WHERE interview_uuid = ? "
                                    "AND resolved_at IS NULL", (change.uuid,))
    if not is_conflict(change.after):
        if conflict_id is not None:
            kept = shown_version(change.after).key if change.chosen_by else None
            project.db.execute(
                "UPDATE sync_conflict SET resolved_at = ?, resolved_by = ?, resolution = ?, "
                "kept_version = ? WHERE id = ?",
                (now, change.chosen_by or change.origin.describe(), resolution or
                 f"settled by a later edit of the interview from {change.origin.describe()}",
                 kept, conflict_id))
        return
    if conflict_id is None:
        conflict_id = project.db.execute(
            "INSERT INTO sync_conflict (interview_uuid, opened_at) VALUES (?, ?)",
            (change.uuid, now)).lastrowid
    origins = _origins(project, change.uuid)
    project.db.execute("DELETE FROM sync_conflict_version WHERE conflict_id = ?",
                       (conflict_id,))
    rows = []
    for key, content in contents(change.after).items():
        came_from = sorted({origins[v.ident] for v in change.after
                            if v.key == key and v.ident in origins})
        rows.append((conflict_id, key, json.dumps(came_from), content.to_json()))
    project.db.executemany(
        "INSERT INTO sync_conflict_version (conflict_id, version, source, payload) "
        "VALUES (?, ?, ?, ?)", rows)


# -- reviewing conflicts -------------------------------------------------------------------
@dataclass(frozen=True)
class ConflictVersion:
    """One content of a conflict: its key, where its versions came from, and the version
    (the latest edit with that content, with the trails of all of them)."""

    key: str
    origins: tuple[VersionOrigin, ...]
    version: InterviewVersion

    @property
    def source(self) -> str:
        return ", ".join(origin.describe() for origin in self.origins)


@dataclass(frozen=True)
class Conflict:
    """One interview whose versions from different devices were edited independently."""

    id: int
    interview_uuid: str
    opened_at: str
    resolved_at: str | None
    resolved_by: str | None
    resolution: str | None
    kept_version: str | None
    versions: tuple[ConflictVersion, ...]
    shown_key: str

    @property
    def is_open(self) -> bool:
        return self.resolved_at is None


def conflicts(project: Project, *, open_only: bool = True) -> list[Conflict]:
    """Merge conflicts, oldest first (only the open ones unless ``open_only`` is false)."""
    sql = ("SELECT id, interview_uuid, opened_at, resolved_at, resolved_by, resolution, "
           "kept_version FROM sync_conflict")
    if open_only:
        sql += " WHERE resolved_at IS NULL"
    found = []
    for row in project.db.rows(sql + " ORDER BY id"):
        versions = tuple(
            ConflictVersion(key, tuple(VersionOrigin(*o) for o in json.loads(source)),
                            _stored_version(project, row[1], payload))
            for key, source, payload in project.db.rows(
                "SELECT version, source, payload FROM sync_conflict_version "
                "WHERE conflict_id = ? ORDER BY version", (row[0],)))
        shown = shown_version(v.version for v in versions).key if versions else ""
        found.append(Conflict(*row, versions, shown))
    return found


def open_conflict_count(project: Project) -> int:
    return project.db.scalar("SELECT COUNT(*) FROM sync_conflict WHERE resolved_at IS NULL")


def form_version_ids(project: Project) -> dict[str, int]:
    """``workbook sha256 -> form version id`` of every stored questionnaire version."""
    return {version.sha256: version.id for version in project.form_versions()}


def respondent_owners(project: Project, pairs: Iterable[tuple[str, str]]
                      ) -> dict[tuple[str, str], str]:
    """``(wave label, respondent id) -> interview uuid`` for those pairs already stored."""
    wanted = set(pairs)
    if not wanted:
        return {}
    rows = project.db.rows("SELECT w.label, i.respondent_id, i.uuid FROM interview i "
                           "JOIN wave w ON w.id = i.wave_id WHERE i.respondent_id IS NOT NULL")
    return {(label, rid): uuid for label, rid, uuid in rows if (label, rid) in wanted}
