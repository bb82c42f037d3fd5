"""Merging call-list records: attempts are joined, and the call's state follows from them.

A number may be on several laptops' call lists, and several interviewers may try it. The
merged call keeps every attempt made anywhere; its state is then derived from the attempts
alone, so that it does not depend on which laptop's file came first:

1. an attempt that gave an interview completes the call;
2. otherwise the earliest refusal, wrong number or language problem closes it;
3. otherwise a call-back appointment is kept while nobody has called at or after its time
   (an attempt made earlier, by someone who did not know of it, does not cancel it);
4. otherwise the call is open, or exhausted once it has had the maximum attempts.
"""

from __future__ import annotations

from dataclasses import replace

from surveydesk.store.call_sync import Attempt, CallRecord, attempt_order
from surveydesk.store.calls import CLOSING_OUTCOMES


def call_state(attempts: frozenset[Attempt], max_attempts: int
               ) -> tuple[str, str | None]:
    """``(status, appointment_at)`` that ``attempts`` give (rules in the module docstring)."""
    ordered = sorted(attempts, key=attempt_order)
    if any(a.outcome == "interview" for a in ordered):
        return "completed", None
    for attempt in ordered:
        if attempt.outcome in CLOSING_OUTCOMES:
            return CLOSING_OUTCOMES[attempt.outcome], None
    call_backs = [a for a in ordered if a.outcome == "call_back" and a.appointment_at]
    if call_backs:
        latest = max(call_backs, key=lambda a: (a.at, a.appointment_at))
        if not any(a.at >= latest.appointment_at for a in ordered):
            return "appointment", latest.appointment_at
    return ("exhausted" if len(ordered) >= max_attempts else "open"), None


def merge_call(kept: CallRecord | None, incoming: CallRecord, max_attempts: int
               ) -> CallRecord:
    """The call once ``incoming`` (from a device file) is merged into ``kept`` (``None`` for a
    number this project does not have yet). Contact data stays as this project has it."""
    if kept is None:
        return incoming
    attempts = kept.attempt_log | incoming.attempt_log
    linked = sorted(u for u in (kept.interview_uuid, incoming.interview_uuid) if u)
    interview_uuid = linked[0] if linked else None
    if attempts == kept.attempt_log:
        return kept if interview_uuid == kept.interview_uuid else replace(
            kept, interview_uuid=interview_uuid)
    status, appointment = call_state(attempts, max_attempts)
    return replace(kept, status=status, attempts=len(attempts), appointment_at=appointment,
                   interview_uuid=interview_uuid, attempt_log=attempts)
