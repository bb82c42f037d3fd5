"""Merging call-list records: attempts are joined, and the call's state follows from them.

A number may be on several laptops' call lists, and several interviewers may try it. The
merged call keeps every attempt made anywhere; its state is then derived from the attempts
alone, so that it does not depend on which laptop's file came first:

1. an attempt that gave an interview completes the call, once the interview is linked to it
   (a call put back on the list because its interview never started stays open);
2. otherwise the earliest refusal, wrong number or language problem closes it;
3. otherwise a call-back appointment is kept while nobody has called at or after its time
   (an attempt made earlier, by someone who did not know of it, does not cancel it);
4. otherwise the call is open, or exhausted once it has had the maximum attempts.

Contact data (phone number and name) is usually left out of device files, so a call may
arrive with a blank number. A blank never replaces a known number and is never a conflict:
the master keeps the contact data it has. A call the master knows only without a number
(first brought by a device file without contacts) takes the number of the first file that
has one, the same whichever order the files come in within one merge (the least number,
then name, wins). A call whose contact data was removed after fieldwork
(``privacy purge``) never gets it back from a device file.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import replace

from surveydesk.store.call_sync import Attempt, CallRecord, attempt_order
from surveydesk.store.calls import CLOSING_OUTCOMES


def call_state(attempts: frozenset[Attempt], max_attempts: int, linked: bool = True
               ) -> tuple[str, str | None]:
    """``(status, appointment_at)`` that ``attempts`` give (rules in the module docstring);
    ``linked``: an interview is linked to the call."""
    ordered = sorted(attempts, key=attempt_order)
    if linked and any(a.outcome == "interview" for a in ordered):
        return "completed", None
    for attempt in ordered:
        if attempt.outcome == "interview":
            continue
        if attempt.outcome in CLOSING_OUTCOMES:
            return CLOSING_OUTCOMES[attempt.outcome], None
    call_backs = [a for a in ordered if a.outcome == "call_back" and a.appointment_at]
    if call_backs:
        latest = max(call_backs, key=lambda a: (a.at, a.appointment_at))
        if not any(a.at >= latest.appointment_at for a in ordered):
            return "appointment", latest.appointment_at
    return ("exhausted" if len(ordered) >= max_attempts else "open"), None


def merge_call(kept: CallRecord | None, incoming: CallRecord, max_attempts: int, *,
               kept_is_new: bool = False, contacts_open: bool = False,
               reveal: Callable[[str, str, str], str] | None = None) -> CallRecord:
    """The call once ``incoming`` (from a device file) is merged into ``kept`` (``None`` for a
    number this project does not have yet). Contact data stays as this project has it; for a
    number that two device files bring in the same merge (``kept_is_new``), the rest of the
    record of the one imported first is kept, whichever file comes first. Where the contact
    data is still open (``kept_is_new``, or ``contacts_open``: this project has the call
    without a number and its contacts were never removed) the known number wins over a blank
    one, and of two numbers the least (see the module docstring). ``reveal(reference,
    column, value)`` gives the plain text of an encrypted value for that comparison."""
    if kept is None or incoming == kept:
        return kept or incoming
    contacts = (kept.phone, kept.name)
    if kept_is_new or contacts_open:
        def plain(pair: tuple[str, str]) -> tuple:
            if reveal is None:
                return _contact_choice(pair)
            return _contact_choice((reveal(incoming.reference, "phone", pair[0]),
                                    reveal(incoming.reference, "name", pair[1])))

        contacts = min(contacts, (incoming.phone, incoming.name), key=plain)
    if kept_is_new:  # neither is this project's: start from the first imported
        joined = kept.attempt_log | incoming.attempt_log
        link = min((u for u in (kept.interview_uuid, incoming.interview_uuid) if u),
                   default=None)
        kept = replace(min(kept, incoming, key=_contact_order), attempt_log=frozenset(),
                       interview_uuid=link)
        incoming = replace(incoming, attempt_log=joined)
    if contacts != (kept.phone, kept.name):
        kept = replace(kept, phone=contacts[0], name=contacts[1])
    attempts = kept.attempt_log | incoming.attempt_log
    linked = sorted(u for u in (kept.interview_uuid, incoming.interview_uuid) if u)
    interview_uuid = linked[0] if linked else None
    if attempts == kept.attempt_log:
        return kept if interview_uuid == kept.interview_uuid else replace(
            kept, interview_uuid=interview_uuid)
    status, appointment = call_state(attempts, max_attempts, interview_uuid is not None)
    return replace(kept, status=status, attempts=len(attempts), appointment_at=appointment,
                   interview_uuid=interview_uuid, attempt_log=attempts)


def _contact_order(record: CallRecord) -> tuple:
    # Without phone and name: those are chosen on their own (_contact_choice), and a
    # record's place in this order must not change when they are filled in.
    return (record.imported_at, json.dumps(dict(record.preload), sort_keys=True))


def _contact_choice(contacts: tuple[str, str]) -> tuple:
    """Order of (phone, name) pairs: any number before a blank one, then the least."""
    return (not contacts[0], contacts)
