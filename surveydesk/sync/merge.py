"""Merging device files into a master project.

:func:`merge_device_files` reads and checks every device file first, then works out in
memory what each one adds, updates and conflicts with (:mod:`surveydesk.core.versions` says
which versions of an interview are kept), then, only if anything changes, backs the master
up and writes everything in one transaction. A damaged, foreign or newer file, an answer the
master's questionnaire cannot read, or a cancel leaves the master as it was. With
``write=False`` the same function is the preview.

Merging is idempotent and independent of the order of the files: for every interview the
master keeps the versions no other known version supersedes, and call attempts are joined
as sets (see :mod:`surveydesk.sync.calls`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from surveydesk.core.contact_crypto import ContactCipher, is_token
from surveydesk.core.errors import Cancelled, DeviceFileError, SurveyDeskError, UsageError
from surveydesk.core.questionnaire import Questionnaire
from surveydesk.core.versions import (
    AuditEntry,
    InterviewVersion,
    contents,
    is_conflict,
    merge_version,
    shown_version,
)
from surveydesk.core.xlsform import read_xlsform
from surveydesk.store.call_sync import CallRecord, call_records, write_call_records
from surveydesk.store.calls import max_attempts_setting
from surveydesk.store.contact_encryption import contacts_for_master, key_parameters
from surveydesk.store.contacts import removed_references
from surveydesk.store.form_versions import LISTED_PROBLEMS, answer_problems
from surveydesk.store.interview_versions import (
    THIS_PROJECT,
    KeptChange,
    VersionOrigin,
    form_version_ids,
    kept_versions,
    open_conflict_count,
    respondent_owners,
    version_digests,
    write_kept_versions,
)
from surveydesk.store.merge_log import MergeRecord, record_merge
from surveydesk.store.project import Project, utc_now
from surveydesk.sync import backups
from surveydesk.sync.calls import merge_call
from surveydesk.sync.device_file import open_device_file

Progress = Callable[[int, int, str], None]


class MergeCancelled(Cancelled):
    """The user cancelled the merge; nothing was written."""


@dataclass(frozen=True)
class DeviceReport:
    """What one device file brought to the master."""

    file: Path
    device_id: str
    interviewer: str
    created_at: str
    sha256: str = ""
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    conflicts: int = 0
    calls_added: int = 0
    calls_updated: int = 0
    attempts_added: int = 0
    form_versions_added: tuple[str, ...] = ()

    @property
    def changes(self) -> bool:
        return bool(self.added or self.updated or self.conflicts or self.calls_added
                    or self.calls_updated or self.form_versions_added)


@dataclass(frozen=True)
class MergeReport:
    """What a merge did (or, as a preview, would do)."""

    master: Path
    devices: tuple[DeviceReport, ...]
    written: bool
    backup: Path | None = None
    open_conflicts: int = 0
    changed_interviews: int = 0

    def total(self, name: str) -> int:
        return sum(getattr(device, name) for device in self.devices)

    def lines(self) -> list[str]:
        """The report as text (the CLI prints it)."""
        lines = []
        for d in self.devices:
            lines.append(
                f"{d.file.name} ({d.interviewer or 'no interviewer'}, device {d.device_id}, "
                f"made {d.created_at}): {d.added} added, {d.updated} updated, "
                f"{d.unchanged} unchanged, {d.conflicts} conflicts; calls: {d.calls_added} "
                f"added, {d.calls_updated} updated, {d.attempts_added} attempts added")
            if d.form_versions_added:
                lines.append(f"  questionnaire versions added: "
                             f"{', '.join(d.form_versions_added)}")
        if not self.changed_interviews and not any(d.changes for d in self.devices):
            lines.append(f"Nothing new: {self.master.name} already holds everything in "
                         f"{'this file' if len(self.devices) == 1 else 'these files'}.")
        elif self.written:
            lines.append(f"Merged into {self.master.name}."
                         + (f" Backup made first: {self.backup}" if self.backup else ""))
        else:
            lines.append(f"Preview only: {self.master.name} was not changed.")
        if self.open_conflicts:
            lines.append(f"{self.open_conflicts} interview(s) have merge conflicts to review: "
                         "surveydesk-cli conflicts list")
        return lines


@dataclass
class _Device:
    """A device file's contents, read into memory so that its temporary copy can go."""

    path: Path
    sha256: str
    device_id: str
    interviewer: str
    created_at: str
    versions: dict[str, tuple[InterviewVersion, ...]]
    calls: dict[str, CallRecord]
    forms: dict[str, tuple[str, bytes]]  # sha256 -> (version, workbook)
    same_as_master: int  # interviews the master already held exactly so (not read)
    report: DeviceReport = field(init=False)


def version_order(version: str) -> tuple:
    """Order of questionnaire version strings: numbers as numbers (``'9' < '10'``)."""
    return tuple((0, int(part), "") if part.isdigit() else (1, 0, part)
                 for part in re.findall(r"\d+|\D+", version))


def _read(master: Project, path: Path, master_digests: dict[str, bytes],
          passphrase: str | None = None, ciphers: dict | None = None) -> _Device:
    form_id = master.current_form_version().form_id
    with open_device_file(path) as device:
        manifest = device.manifest
        if manifest.form_id != form_id:
            raise DeviceFileError(
                f"{path}: this device file is from another survey (form_id "
                f"'{manifest.form_id}'); the master {master.path.name} is for '{form_id}'. "
                "Nothing was merged.")
        snapshot = device.project
        others = sorted({v.form_id for v in snapshot.form_versions()} - {form_id})
        if others:
            raise DeviceFileError(
                f"{path}: this device file holds questionnaires of another survey (form_id "
                f"'{others[0]}'); the master {master.path.name} is for '{form_id}'. Nothing "
                "was merged.")
        forms = {v.sha256: (v.version, snapshot.workbook(v.id))
                 for v in snapshot.form_versions()}
        digests = version_digests(snapshot)
        uuids = [row[0] for row in snapshot.db.rows("SELECT uuid FROM interview")]
        wanted = [uuid for uuid in uuids
                  if uuid not in digests or digests[uuid] != master_digests.get(uuid)]
        return _Device(path, device.sha256, manifest.device_id, manifest.interviewer,
                       manifest.created_at, kept_versions(snapshot, wanted),
                       contacts_for_master(master, snapshot, call_records(snapshot),
                                           passphrase, path.name, ciphers),
                       forms, len(uuids) - len(wanted))


def read_device_files(master: Project, paths: Sequence[Path],
                      progress: Progress | None = None,
                      cancelled: Callable[[], bool] | None = None,
                      passphrase: str | None = None,
                      cipher: ContactCipher | None = None,
                      ciphers: dict | None = None) -> list[_Device]:
    """Read and check every file; all problems are reported together. Interviews a file
    holds exactly as the master does are counted, not read. Contact data comes in the
    master's form (see :mod:`surveydesk.store.contact_encryption`); ``cipher`` is the
    master's key when it is already unlocked (the app's session), instead of a pass phrase."""
    master_digests = version_digests(master)
    ciphers = {} if ciphers is None else ciphers  # keys opened, by key check value
    parameters = key_parameters(master)
    if cipher is not None and parameters is not None:
        ciphers[parameters.check] = cipher
    devices, problems = [], []
    for number, path in enumerate(paths, 1):
        _check(cancelled)
        if progress is not None:
            progress(number - 1, len(paths) + 1, f"Reading {Path(path).name}")
        try:
            devices.append(_read(master, Path(path), master_digests, passphrase, ciphers))
        except SurveyDeskError as error:
            problems.append(str(error))
    if problems:
        raise DeviceFileError("\n".join(
            [*problems, "Nothing was merged; the master project is unchanged."]))
    return devices


def _revealer(key: ContactCipher | None):
    """How contacts are compared when two numbers compete: as plain text. Tokens of an
    encrypted master carry random nonces, so comparing them would pick a winner at random;
    with the master's key open they are compared decrypted (without it they stay tokens,
    which are at least the same in every run)."""
    if key is None:
        return None

    def reveal(reference: str, column: str, value: str) -> str:
        return key.decrypt(value, reference, column) if is_token(value) else value

    return reveal


def _check(cancelled: Callable[[], bool] | None) -> None:
    if cancelled is not None and cancelled():
        raise MergeCancelled("The merge was cancelled; nothing was changed.")


def merge_device_files(master: Project, paths: Sequence[Path | str], *, write: bool = True,
                       backup_folder: Path | None = None, keep_backups: int | None = None,
                       now: str | None = None, progress: Progress | None = None,
                       cancelled: Callable[[], bool] | None = None,
                       passphrase: str | None = None,
                       cipher: ContactCipher | None = None) -> MergeReport:
    """Merge the device files at ``paths`` into ``master`` (see the module docstring).
    ``passphrase`` (or the master's unlocked ``cipher``) opens encrypted contact data where
    device files carry contacts that must be encrypted or decrypted on the way in."""
    if not paths:
        raise UsageError("Give at least one device file to merge.")
    now = now or utc_now()
    paths = [Path(p) for p in paths]
    ciphers: dict = {}
    devices = read_device_files(master, paths, progress, cancelled, passphrase, cipher,
                                ciphers)
    parameters = key_parameters(master)
    reveal = _revealer(ciphers.get(parameters.check) if parameters is not None else None)
    if progress is not None:
        progress(len(paths), len(paths) + 1, "Comparing")
    if not write:
        plan = _Plan(master, devices, reveal)
        return plan.report(written=False, backup=None)
    keep = keep_backups if keep_backups is not None else backups.backups_to_keep(master)
    backup = None
    try:
        # Planned inside the write transaction: nobody can change the master between the
        # comparison and the write.
        with master.transaction():
            plan = _Plan(master, devices, reveal)
            if plan.anything:
                _check(cancelled)
                backup = backups.make_backup(master.path, folder=backup_folder)
                plan.write(now, cancelled)
    except BaseException:
        master.forget_cached_questionnaires()
        raise
    if backup is not None:
        backups.prune(master.path, folder=backup_folder, keep=keep)
    if progress is not None:
        progress(len(paths) + 1, len(paths) + 1, "Done")
    return plan.report(written=plan.anything, backup=backup)


class _Plan:
    """The merge worked out in memory, device by device, before anything is written."""

    def __init__(self, master: Project, devices: list[_Device], reveal=None):
        self.master = master
        self.devices = devices
        self.reveal = reveal
        uuids = {uuid for device in devices for uuid in device.versions}
        self.initial = kept_versions(master, uuids)
        self.kept = dict(self.initial)
        # Where each version came from: of several files, a fixed one (the first by name).
        self.origins: dict[tuple[str, str], VersionOrigin] = {}
        references = {ref for device in devices for ref in device.calls}
        self.initial_calls = call_records(master, references)
        self.removed = removed_references(master)
        self.calls = dict(self.initial_calls)
        self.max_attempts = max_attempts_setting(master)
        self.compare()
        self.changes = self.interview_changes()
        self.call_updates = self.call_changes()
        self.new_forms = self.new_form_versions()
        self.anything = bool(self.changes or self.call_updates or self.new_forms)
        if self.anything:
            self.check_answers(self.changes, self.new_forms)

    def report(self, *, written: bool, backup: Path | None) -> MergeReport:
        conflicts = (open_conflict_count(self.master) if written
                     else self.open_conflicts_after())
        return MergeReport(self.master.path, tuple(d.report for d in self.devices), written,
                           backup, conflicts, len(self.changes))

    def compare(self) -> None:
        for device in self.devices:
            counts = dict.fromkeys(("added", "updated", "unchanged", "conflicts"), 0)
            counts["unchanged"] += device.same_as_master
            origin = VersionOrigin(device.path.name, device.device_id)
            for uuid, versions in device.versions.items():
                before = self.kept.get(uuid, ())
                after = before
                for version in versions:
                    key = (uuid, version.ident)
                    self.origins[key] = min(self.origins.get(key, origin), origin)
                    if after != (version,):  # the same version: nothing to work out
                        after = merge_version(after, version)
                counts[_outcome(before, after)] += 1
                if after != before:
                    self.kept[uuid] = after
            calls = dict.fromkeys(("calls_added", "calls_updated", "attempts_added"), 0)
            for reference, record in device.calls.items():
                before_call = self.calls.get(reference)
                initial = self.initial_calls.get(reference)
                after_call = merge_call(before_call, record, self.max_attempts,
                                        kept_is_new=initial is None,
                                        contacts_open=initial is not None
                                        and not initial.phone
                                        and reference not in self.removed,
                                        reveal=self.reveal)
                if before_call is None:
                    calls["calls_added"] += 1
                    calls["attempts_added"] += len(after_call.attempt_log)
                elif after_call != before_call:
                    calls["calls_updated"] += 1
                    calls["attempts_added"] += len(after_call.attempt_log
                                                   - before_call.attempt_log)
                self.calls[reference] = after_call
            device.report = DeviceReport(device.path, device.device_id, device.interviewer,
                                         device.created_at, device.sha256, **counts, **calls)

    def interview_changes(self) -> list[KeptChange]:
        changes = []
        for uuid, after in self.kept.items():
            before = self.initial.get(uuid, ())
            if after == before:
                continue
            origins = {v.ident: self.origins[(uuid, v.ident)] for v in after
                       if (uuid, v.ident) in self.origins}
            settled_by = origins.get(shown_version(after).ident, THIS_PROJECT)
            changes.append(KeptChange(uuid, before, after, settled_by, origins=origins))
        return changes

    def source(self, uuid: str) -> VersionOrigin:
        """The file the shown version of ``uuid`` came from."""
        return self.origins.get((uuid, shown_version(self.kept[uuid]).ident), THIS_PROJECT)

    def call_changes(self) -> list[CallRecord]:
        return [record for reference, record in self.calls.items()
                if record != self.initial_calls.get(reference)]

    def open_conflicts_after(self) -> int:
        already = open_conflict_count(self.master)
        opened = sum(1 for uuid, after in self.kept.items()
                     if is_conflict(after) and not is_conflict(self.initial.get(uuid, ())))
        closed = sum(1 for uuid, after in self.kept.items()
                     if not is_conflict(after) and is_conflict(self.initial.get(uuid, ())))
        return already + opened - closed

    # -- questionnaire versions ------------------------------------------------------------
    def new_form_versions(self) -> list[tuple[str, str, bytes, str]]:
        """``(sha256, version, workbook, device file name)`` of versions the master lacks,
        oldest version first; refused when a version number means two different forms."""
        known = {v.sha256: v.version for v in self.master.form_versions()}
        by_version = {version: sha for sha, version in known.items()}
        new: dict[str, tuple[str, str, bytes, str]] = {}
        for device in self.devices:
            added = []
            for sha, (version, workbook) in device.forms.items():
                if sha in known or sha in new:
                    continue
                other = by_version.get(version)
                if other is not None and other != sha:
                    raise UsageError(
                        f"{device.path}: the device's questionnaire version '{version}' is a "
                        f"different form from the master's version '{version}'. Give changed "
                        "forms a new version number; nothing was merged.")
                by_version[version] = sha
                new[sha] = (sha, version, workbook, device.path.name)
                added.append(version)
            device.report = replace(device.report, form_versions_added=tuple(added))
        return sorted(new.values(), key=lambda item: version_order(item[1]))

    def _final_questionnaire(self, new_forms) -> Questionnaire:
        current = self.master.current_form_version()
        newest = max(new_forms, key=lambda item: version_order(item[1]), default=None)
        if newest is not None and version_order(newest[1]) > version_order(current.version):
            return read_xlsform(newest[2], f"questionnaire version {newest[1]} from {newest[3]}")
        return self.master.questionnaire

    def check_answers(self, changes: list[KeptChange], new_forms) -> None:
        """Refuse answers the master's (new) current questionnaire cannot read, and
        respondents who would be in the master twice."""
        questionnaire = self._final_questionnaire(new_forms)
        shown = [(change, shown_version(change.after)) for change in changes]
        problems = answer_problems(questionnaire, (version.answers for _, version in shown))
        if problems:
            lines = [f"Some merged answers are not valid under questionnaire version "
                     f"{questionnaire.version} of the master; nothing was merged."]
            lines += [f"  - {p.describe(questionnaire.version)}"
                      for p in problems[:LISTED_PROBLEMS]]
            lines.append("Change the master's form so that these answers stay valid (e.g. "
                         "keep the choice), then merge again.")
            raise UsageError("\n".join(lines))
        pairs = {}
        for change, version in shown:
            if not change.before and version.respondent_id:
                pair = (version.wave, version.respondent_id)
                if pair in pairs:
                    raise UsageError(f"Respondent {pair[1]} of wave {pair[0]} comes as two "
                                     f"different interviews ({pairs[pair]}, {version.uuid}); "
                                     "nothing was merged.")
                pairs[pair] = version.uuid
        clashes = respondent_owners(self.master, pairs)
        if clashes:
            (wave, respondent), owner = next(iter(clashes.items()))
            raise UsageError(f"Respondent {respondent} of wave {wave} is already in the master "
                             f"as interview {owner}, and comes from "
                             f"{self.source(pairs[(wave, respondent)]).describe()} as "
                             "interview "
                             f"{pairs[(wave, respondent)]}; nothing was merged.")

    # -- writing ---------------------------------------------------------------------------
    def write(self, now: str, cancelled: Callable[[], bool] | None) -> None:
        """Write the plan (inside the caller's transaction)."""
        master = self.master
        for _sha, version, workbook, file_name in self.new_forms:
            questionnaire = read_xlsform(workbook, f"questionnaire version {version} from "
                                                   f"{file_name}")
            if version_order(version) > version_order(master.current_form_version().version):
                try:
                    master.add_form_version(workbook, questionnaire, now)
                except UsageError as error:
                    raise UsageError(f"{file_name}: {error}") from None
            else:
                master.add_historical_form_version(workbook, questionnaire, now)
        _check(cancelled)
        # Waves new to the master get their places in a fixed order, whatever the files' order.
        known = {wave.label for wave in master.waves()}
        for label in sorted({shown_version(c.after).wave for c in self.changes} - known):
            master.ensure_wave(label)
        write_kept_versions(master, self.changes, form_version_ids(master), now)
        write_call_records(master, self.call_updates)
        for device in self.devices:
            r = device.report
            if r.changes:
                record_merge(master, MergeRecord(
                    now, device.path.name, device.sha256, device.device_id, device.interviewer,
                    device.created_at, r.added, r.updated, r.unchanged, r.conflicts,
                    r.calls_added, r.attempts_added))


def _outcome(before: tuple, after: tuple) -> str:
    if not before:
        return "conflicts" if is_conflict(after) else "added"
    if {v.key for v in before} == {v.key for v in after}:
        return "unchanged"
    return "conflicts" if is_conflict(after) else "updated"


# -- conflicts -----------------------------------------------------------------------------
def resolve_conflict(project: Project, interview_uuid: str, keep: str, *, who: str,
                     now: str | None = None) -> InterviewVersion:
    """Settle an open conflict by keeping the content whose key starts with ``keep``.

    The kept version gets every competing version's audit trail, an entry for each question
    on which they differ and an entry saying who chose it, so it supersedes them all:
    merging the same device files again changes nothing.
    """
    who = who.strip()
    if not who:
        raise UsageError("Say who is choosing the version (name or initials).")
    now = now or utc_now()
    with project.transaction():
        versions = kept_versions(project, [interview_uuid]).get(interview_uuid, ())
        if not is_conflict(versions):
            raise UsageError(f"Interview {interview_uuid} has no open merge conflict.")
        choices = contents(versions)
        chosen = [key for key in choices if keep and key.startswith(keep)]
        if len(chosen) != 1:
            raise UsageError(f"'{keep}' does not name one version of interview "
                             f"{interview_uuid}; its versions are {', '.join(choices)}.")
        kept = choices[chosen[0]]
        reason = (f"merge conflict resolved: kept version {kept.key} "
                  f"({kept.interviewer or 'unknown interviewer'}, last edited "
                  f"{kept.updated_at})")
        # One entry per answer the kept version replaces, so that it accounts for every
        # difference (see core.versions.supersedes).
        entries = {AuditEntry(now, who, None, None, None, reason)}
        entries |= {AuditEntry(now, who, q, value, kept.answers.get(q), reason)
                    for v in versions for q, value in v.answers.items()
                    if value != kept.answers.get(q)}
        trail = frozenset().union(*(v.trail for v in versions)) | entries
        resolved = replace(kept, updated_at=now, trail=trail)
        write_kept_versions(project, [KeptChange(interview_uuid, versions, (resolved,),
                                                 THIS_PROJECT, chosen_by=who)],
                            form_version_ids(project), now, resolution=f"kept version {kept.key}")
    return resolved
