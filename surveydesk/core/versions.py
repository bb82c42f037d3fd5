"""Versions of one interview, and which of them a merge keeps.

An interview is identified by its UUID everywhere. Laptops change interviews independently
(an interview is continued, an answer is corrected, a record is deleted), so a master and a
device file can hold different *versions* of the same interview. A version is its content
(answers and status, :func:`~surveydesk.core.answers.answers_hash`, and whether it is
deleted: :attr:`InterviewVersion.key`) together with its audit trail
(:attr:`InterviewVersion.ident`).

Version ``w`` is a **later edit** of ``v`` (``supersedes(w, v)``) when they differ and ``w``
accounts for everything ``v`` holds:

1. ``w``'s audit trail contains every entry of ``v``'s (the trail "extends" it);
2. every answer of ``v`` is in ``w`` with the same value, unless ``w``'s trail has an entry
   that ``v``'s lacks changing that question *from ``v``'s value* (the change was audited
   and made to what ``v`` holds, not to a value given elsewhere);
3. ``w`` has ``v``'s status, or ``v`` was still ``partial``, and ``w`` is deleted if ``v``
   is, unless ``w``'s trail has an interview-level entry (question empty: a deletion or a
   conflict resolution) that ``v``'s lacks.

Answers given for the first time are not audited, so an interview continued on a laptop
after an earlier export has the same trail and more answers: a later edit. That relation is
a strict partial order (irreflexive and transitive: an entry missing from the earliest
trail is missing from it whichever version in between added it). A merge keeps, for each
interview, the versions that no other known version supersedes, the maximal elements of
all versions ever seen; computed incrementally by :func:`merge_version` this does not
depend on the order in which versions arrive or on how often each arrives, which is what
makes merging device files idempotent and order-independent.

The kept versions are **settled** when they all have the same content (two laptops that
made the same correction at different times keep both trails); otherwise the interview is
in **conflict**, shown for review and never resolved silently.
"""

from __future__ import annotations

import functools
import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import NamedTuple


class AuditEntry(NamedTuple):
    """One audit-log entry of an interview; equal entries are the same event."""

    at: str
    who: str
    question: str | None
    old_value: str | None
    new_value: str | None
    reason: str


@dataclass(frozen=True)
class InterviewVersion:
    """One interview as one project file holds it, with its whole audit trail."""

    uuid: str
    wave: str
    form_sha256: str
    mode: str
    status: str
    answers: Mapping[str, str]
    content_hash: str
    updated_at: str
    respondent_id: str | None = None
    interviewer: str | None = None
    device_id: str | None = None
    location: str | None = None
    language: str | None = None
    started_at: str | None = None
    completed_at: str | None = None
    current_question: str | None = None
    end_reason: str | None = None
    deleted_at: str | None = None
    deleted_reason: str | None = None
    trail: frozenset[AuditEntry] = field(default=frozenset(), repr=False)

    @property
    def deleted(self) -> bool:
        return self.deleted_at is not None

    @cached_property
    def key(self) -> str:
        """Short id of the content: equal for the same answers, status and deleted flag."""
        text = f"{self.content_hash}|{'deleted' if self.deleted else 'kept'}"
        return hashlib.sha256(text.encode()).hexdigest()[:16]

    @cached_property
    def ident(self) -> str:
        """Short id of the content and the audit trail: equal for the same version."""
        if not self.trail:  # most interviews: never changed after an answer was given
            return self.key
        entries = json.dumps(sorted(([*e] for e in self.trail), key=entry_order))
        return hashlib.sha256(f"{self.key}|{entries}".encode()).hexdigest()[:16]

    def to_json(self) -> str:
        data = {name: getattr(self, name) for name in self.__dataclass_fields__}
        data["answers"] = dict(self.answers)
        data["trail"] = sorted(([*entry] for entry in self.trail), key=entry_order)
        return json.dumps(data, ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> InterviewVersion:
        """The version :meth:`to_json` wrote; ``ValueError`` for anything else."""
        try:
            data = json.loads(text)
            data["trail"] = frozenset(AuditEntry(*entry) for entry in data["trail"])
            version = cls(**data)
        except (KeyError, TypeError, ValueError) as error:
            raise ValueError(f"not a stored interview version ({error!r})") from None
        if not isinstance(version.answers, dict) or not all(
                isinstance(k, str) and isinstance(v, str) for k, v in version.answers.items()):
            raise ValueError("not a stored interview version (answers)")
        return version

    @cached_property
    def digest(self) -> str:
        """SHA-256 of the whole version (content, trail and bookkeeping)."""
        return hashlib.sha256(self.to_json().encode()).hexdigest()


def later_bookkeeping(a: InterviewVersion, b: InterviewVersion) -> InterviewVersion:
    """Of two versions, the one whose bookkeeping is kept: the later ``updated_at``, and
    between equally late ones a fixed but arbitrary one (by digest)."""
    if a is b or a == b:
        return a
    if (a.updated_at or "") != (b.updated_at or ""):
        return a if (a.updated_at or "") > (b.updated_at or "") else b
    return a if a.digest > b.digest else b


def entry_order(entry: AuditEntry) -> tuple:
    """Time order of audit entries (then by their other fields, so the order is total)."""
    return tuple("" if part is None else str(part) for part in entry)


_STATUS_RANK = {"partial": 0}


def _status_follows(earlier: str, later: str) -> bool:
    return earlier == later or _STATUS_RANK.get(earlier, 1) < _STATUS_RANK.get(later, 1)


def supersedes(later: InterviewVersion, earlier: InterviewVersion) -> bool:
    """Whether ``later`` is a later edit of ``earlier`` (see the module docstring)."""
    if not earlier.trail <= later.trail or later.ident == earlier.ident:
        return False
    new = later.trail - earlier.trail
    # A different answer must come from an audited change *of the answer earlier held*: a
    # change of some other value (given on another laptop) does not account for it.
    changed = {(entry.question, entry.old_value) for entry in new}
    answers = later.answers
    if any(answers.get(question) != value and (question, value) not in changed
           for question, value in earlier.answers.items()):
        return False
    if any(entry.question is None for entry in new):
        return True
    return (_status_follows(earlier.status, later.status)
            and (later.deleted or not earlier.deleted))


def merge_version(kept: Iterable[InterviewVersion], incoming: InterviewVersion
                  ) -> tuple[InterviewVersion, ...]:
    """The versions to keep once ``incoming`` is known too: the maximal ones, in a fixed
    order. Of two copies of one version the later bookkeeping is kept."""
    versions = {version.ident: version for version in kept}
    if incoming.ident in versions:
        versions[incoming.ident] = later_bookkeeping(versions[incoming.ident], incoming)
    elif not any(supersedes(version, incoming) for version in versions.values()):
        versions = {ident: v for ident, v in versions.items() if not supersedes(incoming, v)}
        versions[incoming.ident] = incoming
    return tuple(versions[ident] for ident in sorted(versions))


def contents(versions: Iterable[InterviewVersion]) -> dict[str, InterviewVersion]:
    """``key -> version`` per distinct content among ``versions``: the latest edit with that
    content, carrying the trails of all of them (what a reviewer compares)."""
    grouped: dict[str, list[InterviewVersion]] = {}
    for version in versions:
        grouped.setdefault(version.key, []).append(version)
    return {key: replace(shown_version(group),
                         trail=frozenset().union(*(v.trail for v in group)))
            for key, group in sorted(grouped.items())}


def is_conflict(versions: Iterable[InterviewVersion]) -> bool:
    """Whether kept versions differ in content (and so need a reviewer's choice)."""
    return len({version.key for version in versions}) > 1


def shown_version(versions: Iterable[InterviewVersion]) -> InterviewVersion:
    """The version the interview row shows: the latest edit (a fixed choice, so that the
    master does not depend on the order of merges)."""
    return functools.reduce(later_bookkeeping, versions)
