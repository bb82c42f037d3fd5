"""Versions of one interview, and which of them a merge keeps.

An interview is identified by its UUID everywhere. Laptops change interviews independently
(an interview is continued, an answer is corrected, a record is deleted), so a master and a
device file can hold different *versions* of the same interview. Two versions are the same
when their content (answers and status, :func:`~surveydesk.core.answers.answers_hash`) and
their deleted flag agree.

Version ``w`` is a **later edit** of ``v`` (``supersedes(w, v)``) when the two differ and

- ``w``'s audit trail contains every entry of ``v``'s, and either has more entries, or
- the trails are equal and ``w`` only went further: every answer of ``v`` is in ``w`` with
  the same value, ``v`` was still ``partial`` or has ``w``'s status, and ``w`` is deleted
  whenever ``v`` is. (Answers given for the first time are not audited, so an interview
  continued on a laptop after an earlier export has the same trail and more answers.)

That relation is a strict partial order (irreflexive and transitive). A merge keeps, for each
interview, the versions that no other known version supersedes: the maximal elements of all
versions ever seen. Computed incrementally by :func:`merge_version`, this is independent of
the order in which versions arrive and of how often each arrives, which is what makes merging
device files idempotent and order-independent. One kept version means the interview is
settled; more than one is a **conflict**, shown for review and never resolved silently.

Versions with equal content but different trails (an answer changed and changed back) are
one version whose trail is the union of both; of their bookkeeping (interviewer, timestamps,
where the interview stopped) the one with the later ``updated_at`` is kept.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field, replace
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

    @property
    def key(self) -> str:
        """Short id of the content: equal for the same answers, status and deleted flag."""
        text = f"{self.content_hash}|{'deleted' if self.deleted else 'kept'}"
        return hashlib.sha256(text.encode()).hexdigest()[:16]

    def to_json(self) -> str:
        data = asdict(self)
        data["answers"] = dict(self.answers)
        data["trail"] = sorted(([*entry] for entry in self.trail), key=entry_order)
        return json.dumps(data, ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> InterviewVersion:
        data = json.loads(text)
        data["trail"] = frozenset(AuditEntry(*entry) for entry in data["trail"])
        return cls(**data)

    def bookkeeping_order(self) -> tuple[str, str]:
        """Which of two versions with equal content keeps its bookkeeping: the later one,
        and between equally late ones a fixed but arbitrary one."""
        return (self.updated_at or "", hashlib.sha256(self.to_json().encode()).hexdigest())


def entry_order(entry: AuditEntry) -> tuple:
    """Time order of audit entries (then by their other fields, so the order is total)."""
    return tuple("" if part is None else str(part) for part in entry)


_STATUS_RANK = {"partial": 0}


def _status_follows(earlier: str, later: str) -> bool:
    return earlier == later or _STATUS_RANK.get(earlier, 1) < _STATUS_RANK.get(later, 1)


def supersedes(later: InterviewVersion, earlier: InterviewVersion) -> bool:
    """Whether ``later`` is a later edit of ``earlier`` (see the module docstring)."""
    if later.key == earlier.key or not earlier.trail <= later.trail:
        return False
    if earlier.trail < later.trail:
        return True
    answers = later.answers
    return (all(answers.get(question) == value for question, value in earlier.answers.items())
            and _status_follows(earlier.status, later.status)
            and (later.deleted or not earlier.deleted))


def combine_same(a: InterviewVersion, b: InterviewVersion) -> InterviewVersion:
    """Two versions with the same content as one: trails joined, later bookkeeping kept."""
    keep = max(a, b, key=InterviewVersion.bookkeeping_order)
    trail = a.trail | b.trail
    return keep if trail == keep.trail else replace(keep, trail=trail)


def merge_version(kept: Iterable[InterviewVersion], incoming: InterviewVersion
                  ) -> tuple[InterviewVersion, ...]:
    """The versions to keep once ``incoming`` is known too (the maximal ones, by key order)."""
    versions = {version.key: version for version in kept}
    if incoming.key in versions:
        incoming = combine_same(versions.pop(incoming.key), incoming)
    elif any(supersedes(version, incoming) for version in versions.values()):
        return tuple(sorted(versions.values(), key=lambda v: v.key))
    survivors = [v for v in versions.values() if not supersedes(incoming, v)]
    return tuple(sorted([*survivors, incoming], key=lambda v: v.key))


def shown_version(versions: Iterable[InterviewVersion]) -> InterviewVersion:
    """The version the interview row shows while a conflict is open: the latest edit (a
    fixed choice, so that the master does not depend on the order of merges)."""
    return max(versions, key=InterviewVersion.bookkeeping_order)
