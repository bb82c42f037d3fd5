"""The call list of phone interviews (CATI): whom to call next and what each call gave.

Phone numbers and names live only in the ``call_list`` table and are read only by this
module. Nothing here is used by exports, tables or reports, so contact data never leaves
the project file through them.

Times are instants in UTC, stored as ISO 8601 text with seconds (``2024-09-12T08:30:00+00:00``,
the form :func:`~surveydesk.store.project.utc_now` writes), so that text order is time order.
Functions accept such text or an aware :class:`datetime.datetime` and normalise it.

Which number comes next (:func:`next_call`):

1. appointments whose time has come, earliest first: the citizen asked to be called then,
   so an appointment is kept even when the call has used up its attempts;
2. open numbers with attempts left, fewest attempts first, then the longest since the last
   attempt (never called before first), then in the order they were imported.

Completed, refused, wrong-number, language-problem and exhausted calls never come back.
A call without a phone number (its contact data was removed after fieldwork, or it came
from a device file that left contact data out) cannot be dialled and is never the next one.

When the project's contact data is encrypted (:mod:`surveydesk.store.contact_encryption`)
the functions that return calls take the session's ``cipher``; without it a call's number
and name are blank and :attr:`Call.number_encrypted` says why it cannot be dialled.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import pandas as pd

from surveydesk.core.answers import answers_json
from surveydesk.core.contact_crypto import ContactCipher, is_token
from surveydesk.core.errors import UsageError
from surveydesk.store.project import Project, utc_now
from surveydesk.store.settings import whole_number_setting

STATUSES = ("open", "appointment", "completed", "refused", "wrong_number", "language_problem",
            "exhausted")
FINAL_STATUSES = ("completed", "refused", "wrong_number", "language_problem", "exhausted")
OUTCOMES = ("interview", "no_answer", "busy", "call_back", "refused", "wrong_number",
            "language_problem")
#: Outcomes that end the call for good, and the status they give.
CLOSING_OUTCOMES = {"interview": "completed", "refused": "refused",
                   "wrong_number": "wrong_number", "language_problem": "language_problem"}
MAX_ATTEMPTS_SETTING = "max_call_attempts"
DEFAULT_MAX_ATTEMPTS = 5


@dataclass(frozen=True)
class NewCall:
    """A number to call, checked and normalised (``phone`` like ``+4512345678``)."""

    reference: str
    phone: str
    name: str = ""
    preload: Mapping[str, str] = field(default_factory=dict)

    def same_data(self, other: NewCall) -> bool:
        return (self.phone, self.name, answers_json(self.preload)) == (
            other.phone, other.name, answers_json(other.preload))


@dataclass(frozen=True)
class Call:
    """One entry of the call list as the interviewer sees it."""

    id: int
    reference: str
    phone: str
    name: str
    preload: Mapping[str, str]
    status: str
    attempts: int
    appointment_at: str | None
    last_attempt_at: str | None
    interview_uuid: str | None
    contacts_removed_at: str | None = None
    #: the number is stored encrypted and was read without the pass phrase
    number_encrypted: bool = False

    @property
    def can_be_dialled(self) -> bool:
        return bool(self.phone) and not self.number_encrypted

    @property
    def phone_grouped(self) -> str:
        """The number as it is read aloud: ``+45 12 34 56 78`` (other numbers unchanged)."""
        if self.phone.startswith("+45") and len(self.phone) == 11:
            digits = self.phone[3:]
            return "+45 " + " ".join(digits[i:i + 2] for i in range(0, 8, 2))
        return self.phone


@dataclass(frozen=True)
class RecordedAttempt:
    """What :func:`record_attempt` changed."""

    call_id: int
    outcome: str
    status: str
    attempts: int
    appointment_at: str | None


def instant(value: str | dt.datetime) -> str:
    """``value`` as stored: UTC ISO 8601 text with seconds. Naive times are refused."""
    if isinstance(value, str):
        try:
            value = dt.datetime.fromisoformat(value.strip())
        except ValueError:
            raise UsageError(f"'{value}' is not a date and time such as "
                             "2024-09-12T10:30:00+02:00.") from None
    if value.tzinfo is None or value.utcoffset() is None:
        raise UsageError(f"The time {value.isoformat()} has no time zone; give it with one "
                         "(e.g. +02:00) so it means the same on every computer.")
    return value.astimezone(dt.UTC).replace(microsecond=0).isoformat()


def max_attempts_setting(project: Project) -> int:
    """How many attempts a number gets before it is exhausted (setting ``max_call_attempts``,
    default 5)."""
    return whole_number_setting(project, MAX_ATTEMPTS_SETTING, DEFAULT_MAX_ATTEMPTS)


# -- the list ------------------------------------------------------------------------------
def known_calls(project: Project, references: Iterable[str],
                cipher: ContactCipher | None = None) -> dict[str, NewCall]:
    """``reference -> stored data`` for those references already in the call list (phone
    and name decrypted with ``cipher`` where they are encrypted)."""
    wanted = list(dict.fromkeys(references))
    found: dict[str, NewCall] = {}
    for start in range(0, len(wanted), 500):
        chunk = wanted[start:start + 500]
        rows = project.db.rows(
            "SELECT reference, phone, name, preload FROM call_list "
            f"WHERE reference IN ({', '.join('?' * len(chunk))})", chunk)
        found.update({ref: NewCall(ref, _plain(cipher, phone, ref, "phone"),
                                   _plain(cipher, name, ref, "name"), json.loads(preload))
                      for ref, phone, name, preload in rows})
    return found


def _plain(cipher: ContactCipher | None, value: str, reference: str, column: str) -> str:
    if not is_token(value):
        return value
    if cipher is None:
        raise UsageError("The contact data of this project is encrypted: give the pass phrase.")
    return cipher.decrypt(value, reference, column)


def _check_cipher(project: Project, cipher: ContactCipher | None) -> None:
    """Contact data is written in the project's form only: encrypted with ``cipher`` when
    the project's is encrypted, plain when not."""
    encrypted = project.db.scalar("SELECT COUNT(*) FROM project_setting WHERE key = ?",
                                  ("contact_encryption",))
    if encrypted and cipher is None:
        raise UsageError(f"The contact data of {project.path.name} is encrypted: adding "
                         "numbers needs the pass phrase. Nothing was added.")
    if not encrypted and cipher is not None:
        raise UsageError(f"The contact data of {project.path.name} is not encrypted. "
                         "Nothing was added.")


def add_calls(project: Project, rows: Iterable[NewCall], now: str | dt.datetime | None = None,
              *, cipher: ContactCipher | None = None) -> int:
    """Add new numbers to the call list in one transaction; returns how many were added.

    A reference already in the list with the same data is skipped. With different data it is
    an error (:class:`UsageError` naming it) and nothing is added: calls already made were
    made to the stored number, so imported calls are never changed behind the caller's back.
    In a project with encrypted contact data, ``cipher`` (its key) encrypts the new rows.
    """
    rows = list(rows)
    now = instant(now) if now is not None else utc_now()
    with project.transaction():
        _check_cipher(project, cipher)
        known = known_calls(project, (row.reference for row in rows), cipher)
        new: dict[str, NewCall] = {}
        different = []
        for row in rows:
            earlier = known.get(row.reference) or new.get(row.reference)
            if earlier is None:
                new[row.reference] = row
            elif not row.same_data(earlier):
                different.append(row.reference)
        if different:
            shown = ", ".join(different[:10]) + (", ..." if len(different) > 10 else "")
            raise UsageError(f"These references are already in the call list with other data: "
                             f"{shown}. Nothing was added.")
        project.db.executemany(
            "INSERT INTO call_list (reference, phone, name, preload, imported_at) "
            "VALUES (?, ?, ?, ?, ?)",
            ((row.reference, *_stored(cipher, row), answers_json(row.preload), now)
             for row in new.values()))
    return len(new)


def _stored(cipher: ContactCipher | None, row: NewCall) -> tuple[str, str]:
    if cipher is None:
        return row.phone, row.name
    return (cipher.encrypt(row.phone, row.reference, "phone"),
            cipher.encrypt(row.name, row.reference, "name"))


_CALL = ("SELECT c.id, c.reference, c.phone, c.name, c.preload, c.status, c.attempts, "
         "c.appointment_at, (SELECT MAX(a.at) FROM call_attempt a WHERE a.call_id = c.id) "
         "AS last_attempt_at, c.interview_uuid, c.contacts_removed_at FROM call_list c")


def _call(row, cipher: ContactCipher | None = None) -> Call:
    call_id, reference, phone, name = row[:4]
    locked = cipher is None and (is_token(phone) or is_token(name))
    if locked:
        phone, name = ("" if is_token(phone) else phone), ("" if is_token(name) else name)
    elif cipher is not None:
        phone = cipher.decrypt(phone, reference, "phone")
        name = cipher.decrypt(name, reference, "name")
    return Call(call_id, reference, phone, name, json.loads(row[4]), *row[5:],
                number_encrypted=locked and bool(row[2]))


def call(project: Project, call_id: int, cipher: ContactCipher | None = None) -> Call:
    row = project.db.row(f"{_CALL} WHERE c.id = ?", (call_id,))
    if row is None:
        raise UsageError(f"There is no call {call_id} in the call list.")
    return _call(row, cipher)


def next_call(project: Project, now: str | dt.datetime, max_attempts: int | None = None,
              cipher: ContactCipher | None = None) -> Call | None:
    """The number to call now (see the module docstring for the order), or ``None``."""
    now = instant(now)
    if max_attempts is None:
        max_attempts = max_attempts_setting(project)
    row = project.db.row(
        f"{_CALL} WHERE c.status = 'appointment' AND c.appointment_at <= ? AND c.phone != '' "
        "ORDER BY c.appointment_at, c.id LIMIT 1", (now,))
    if row is None:
        row = project.db.row(
            f"{_CALL} WHERE c.status = 'open' AND c.attempts < ? AND c.phone != '' "
            "ORDER BY c.attempts, last_attempt_at NULLS FIRST, c.id LIMIT 1", (max_attempts,))
    return None if row is None else _call(row, cipher)


def appointments(project: Project, until: str | dt.datetime | None = None,
                 cipher: ContactCipher | None = None) -> list[Call]:
    """Calls with an appointment (before ``until`` if given), earliest first."""
    sql = f"{_CALL} WHERE c.status = 'appointment'"
    parameters: tuple = ()
    if until is not None:
        sql += " AND c.appointment_at < ?"
        parameters = (instant(until),)
    return [_call(row, cipher) for row in project.db.rows(
        sql + " ORDER BY c.appointment_at, c.id", parameters)]


def record_attempt(project: Project, call_id: int, outcome: str, interviewer: str,
                   now: str | dt.datetime, appointment_at: str | dt.datetime | None = None,
                   note: str = "", *, max_attempts: int | None = None) -> RecordedAttempt:
    """Record one attempt to reach a call and set the call's status, in one transaction.

    ``interview`` completes the call (link the interview with :func:`link_interview` once it
    has started); ``call_back`` needs ``appointment_at`` later than ``now`` and makes an
    appointment; ``refused``, ``wrong_number`` and ``language_problem`` are final;
    ``no_answer`` and ``busy`` leave the call open, or exhausted once it has had
    ``max_attempts`` attempts (the project setting if not given).
    """
    if outcome not in OUTCOMES:
        raise UsageError(f"Unknown call outcome '{outcome}'; use one of: {', '.join(OUTCOMES)}.")
    if not interviewer.strip():
        raise UsageError("Say who is calling (name or initials) before recording a call.")
    now = instant(now)
    appointment = None
    if outcome == "call_back":
        if appointment_at is None:
            raise UsageError("A call back needs the time to call back.")
        appointment = instant(appointment_at)
        if appointment <= now:
            raise UsageError("The time to call back has already passed; choose a later time.")
    elif appointment_at is not None:
        raise UsageError("Only a call back has a time to call back.")
    if max_attempts is None:
        max_attempts = max_attempts_setting(project)
    with project.transaction():
        row = project.db.row("SELECT status, attempts FROM call_list WHERE id = ?", (call_id,))
        if row is None:
            raise UsageError(f"There is no call {call_id} in the call list.")
        status, attempts = row
        if status in FINAL_STATUSES:
            raise UsageError(f"This call is already closed ({status.replace('_', ' ')}); "
                             "take the next number.")
        attempts += 1
        if outcome in CLOSING_OUTCOMES:
            status = CLOSING_OUTCOMES[outcome]
        elif outcome == "call_back":
            status = "appointment"
        else:
            status = "exhausted" if attempts >= max_attempts else "open"
        project.db.execute(
            "INSERT INTO call_attempt (call_id, at, interviewer, outcome, appointment_at, note) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            (call_id, now, interviewer.strip(), outcome, appointment, note.strip()))
        project.db.execute(
            "UPDATE call_list SET status = ?, attempts = ?, appointment_at = ? WHERE id = ?",
            (status, attempts, appointment, call_id))
    return RecordedAttempt(call_id, outcome, status, attempts, appointment)


def link_interview(project: Project, call_id: int, interview_uuid: str) -> None:
    """Remember which interview a completed call gave (once the interview has started)."""
    with project.transaction():
        row = project.db.row("SELECT status, interview_uuid FROM call_list WHERE id = ?",
                             (call_id,))
        if row is None:
            raise UsageError(f"There is no call {call_id} in the call list.")
        status, linked = row
        if status != "completed":
            raise UsageError("Record the outcome 'interview' for this call before linking "
                             "its interview.")
        if linked not in (None, interview_uuid):
            raise UsageError(f"This call is already linked to interview {linked}.")
        project.db.execute("UPDATE call_list SET interview_uuid = ? WHERE id = ?",
                           (interview_uuid, call_id))


def reopen_call(project: Project, call_id: int) -> bool:
    """Put a call marked interviewed back on the list when its interview never started
    (e.g. the start failed); its attempts stay counted. Returns whether it was reopened."""
    with project.transaction():
        return project.db.execute(
            "UPDATE call_list SET status = 'open' WHERE id = ? AND status = 'completed' "
            "AND interview_uuid IS NULL", (call_id,)).rowcount == 1


# -- summaries -----------------------------------------------------------------------------
def call_overview(project: Project) -> dict[str, int | float | None]:
    """Counts for the fieldwork overview: no phone numbers or names.

    Keys: every status of :data:`STATUSES` (calls in that status), ``total`` (calls),
    ``attempts`` (all attempts made), ``response_rate``: completed / (total - wrong
    number), the share of reachable citizens interviewed so far (``None`` before there is
    any reachable number), ``without_number`` (open calls that cannot be dialled: no phone
    number here) and ``contacts_removed`` (calls whose contact data was removed).
    """
    overview: dict[str, int | float | None] = dict.fromkeys(STATUSES, 0)
    for status, count in project.db.rows("SELECT status, COUNT(*) FROM call_list "
                                         "GROUP BY status"):
        overview[status] = count
    total = project.db.scalar("SELECT COUNT(*) FROM call_list")
    overview["total"] = total
    overview["attempts"] = project.db.scalar("SELECT COUNT(*) FROM call_attempt")
    reachable = total - overview["wrong_number"]
    overview["response_rate"] = overview["completed"] / reachable if reachable else None
    overview["without_number"] = project.db.scalar(
        "SELECT COUNT(*) FROM call_list WHERE phone = '' AND status IN ('open', 'appointment')")
    overview["contacts_removed"] = project.db.scalar(
        "SELECT COUNT(*) FROM call_list WHERE contacts_removed_at IS NOT NULL")
    return overview


CALL_COLUMNS = ("id", "reference", "phone", "name", "status", "attempts", "appointment_at",
                "last_attempt_at", "interview_uuid", "preload")


def calls(project: Project, cipher: ContactCipher | None = None) -> pd.DataFrame:
    """The whole call list for display, in import order. Holds phone numbers and names: for
    the interviewer's screen only, never for exports or reports."""
    rows = [_call(row, cipher) for row in project.db.rows(f"{_CALL} ORDER BY c.id")]
    return pd.DataFrame([{name: getattr(c, name) for name in CALL_COLUMNS} for c in rows],
                        columns=list(CALL_COLUMNS))
