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
"""

from __future__ import annotations

import json
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
               kept_is_new: bool = False) -> CallRecord:
    """The call once ``incoming`` (from a device file) is merged into ``kept`` (``None`` for a
    number this project does not have yet). Contact data stays as this project has it; for a
    number that two device files bring in the same merge (``kept_is_new``), the contact data
    of the one imported first is kept, whichever file comes first."""
    if kept is None or incoming == kept:
        return kept or incoming
    if kept_is_new:  # neither is this project's: start from the first imported
        joined = kept.attempt_log | incoming.attempt_log
        link = min((u for u in (kept.interview_uuid, incoming.interview_uuid) if u),
                   default=None)
        kept = replace(min(kept, incoming, key=_contact_order), attempt_log=frozenset(),
                       interview_uuid=link)
        incoming = replace(incoming, attempt_log=joined)
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
    return (record.imported_at, record.phone, record.name,
            json.dumps(dict(record.preload), sort_keys=True))
