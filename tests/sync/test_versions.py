"""Which versions of an interview a merge keeps: the later-edit order and its maximal set."""

from __future__ import annotations

import itertools
from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st

from surveydesk.core.answers import answers_hash
from surveydesk.core.versions import (
    AuditEntry,
    InterviewVersion,
    contents,
    is_conflict,
    merge_version,
    shown_version,
    supersedes,
)


def version(answers: dict[str, str], status: str = "complete", trail=(), *,
            updated_at: str = "2024-09-12T10:00:00+00:00", deleted: bool = False,
            interviewer: str = "AB") -> InterviewVersion:
    return InterviewVersion(
        uuid="u1", wave="2024", form_sha256="f", mode="in_person", status=status,
        answers=answers, content_hash=answers_hash(answers, status), updated_at=updated_at,
        interviewer=interviewer, deleted_at="2024-09-13T00:00:00+00:00" if deleted else None,
        trail=frozenset(trail))


def change(at: str, question: str, old: str, new: str, who: str = "AB") -> AuditEntry:
    return AuditEntry(f"2024-09-12T{at}:00+00:00", who, question, old, new, "typo")


FIRST = change("09:00", "age", "40", "41")
SECOND = change("09:30", "age", "41", "42")


def test_a_version_with_a_longer_audit_trail_is_a_later_edit():
    earlier = version({"age": "41"}, trail=[FIRST])
    later = version({"age": "42"}, trail=[FIRST, SECOND])
    assert supersedes(later, earlier)
    assert not supersedes(earlier, later)


def test_an_interview_continued_after_export_is_a_later_edit_without_audit_entries():
    exported = version({"satisfied": "5"}, status="partial")
    continued = version({"satisfied": "5", "age": "40"}, status="complete")
    assert supersedes(continued, exported)
    assert not supersedes(exported, continued)


def test_independent_edits_are_not_ordered_either_way():
    on_laptop = version({"age": "41"}, trail=[FIRST])
    on_master = version({"age": "43"}, trail=[change("09:10", "age", "40", "43", "analyst")])
    assert not supersedes(on_laptop, on_master)
    assert not supersedes(on_master, on_laptop)


def test_same_trail_with_a_changed_answer_is_not_a_later_edit():
    # Without an audit entry an answer cannot have changed legitimately: a conflict.
    a = version({"age": "40"}, status="partial")
    b = version({"age": "50", "comment": "x"}, status="partial")
    assert not supersedes(b, a) and not supersedes(a, b)


def test_complete_and_aborted_with_the_same_answers_conflict():
    complete = version({"age": "40"}, status="complete")
    aborted = version({"age": "40"}, status="aborted")
    assert not supersedes(complete, aborted) and not supersedes(aborted, complete)


def test_a_deletion_is_a_later_edit_because_it_is_audited():
    kept = version({"age": "40"})
    deleted = version({"age": "40"}, deleted=True,
                      trail=[AuditEntry("2024-09-13T00:00:00+00:00", "AB", None, None, None,
                                        "deleted: test")])
    assert supersedes(deleted, kept)


def test_merging_a_later_edit_replaces_the_kept_version():
    earlier = version({"age": "41"}, trail=[FIRST])
    later = version({"age": "42"}, trail=[FIRST, SECOND])
    assert merge_version((earlier,), later) == (later,)
    assert merge_version((later,), earlier) == (later,)


def test_merging_independent_edits_keeps_both_as_a_conflict():
    a = version({"age": "41"}, trail=[FIRST])
    b = version({"age": "43"}, trail=[change("09:10", "age", "40", "43", "analyst")])
    kept = merge_version((a,), b)
    assert {v.key for v in kept} == {a.key, b.key}


def test_a_version_that_extends_both_sides_of_a_conflict_settles_it():
    a = version({"age": "41"}, trail=[FIRST])
    b = version({"age": "43"}, trail=[change("09:10", "age", "40", "43", "analyst")])
    settled = version({"age": "43"}, trail=[*a.trail, *b.trail,
                                            change("10:00", "age", "41", "43", "analyst"),
                                            AuditEntry("2024-09-14T00:00:00+00:00", "analyst",
                                                       None, None, None, "resolved")])
    assert merge_version(merge_version((a,), b), settled) == (settled,)


def test_a_correction_of_a_value_given_elsewhere_does_not_overrule_an_answer():
    # A partial interview continued on two laptops: A gave age 30; B gave 50 and corrected
    # it to 55. B's correction was of its own 50, not of A's 30: a conflict.
    on_a = version({"age": "30"}, status="partial")
    on_b = version({"age": "55"}, status="partial", trail=[change("09:00", "age", "50", "55")])
    assert not supersedes(on_b, on_a) and not supersedes(on_a, on_b)
    assert is_conflict(merge_version((on_a,), on_b))


def test_the_same_correction_made_on_two_laptops_is_settled_with_both_trails():
    on_a = version({"age": "41"}, trail=[FIRST], updated_at="2024-09-12T09:00:00+00:00")
    on_b = version({"age": "41"}, trail=[change("09:05", "age", "40", "41", "CD")],
                   updated_at="2024-09-12T09:05:00+00:00")
    kept = merge_version((on_a,), on_b)
    assert len(kept) == 2 and not is_conflict(kept)
    (content,) = contents(kept).values()
    assert content.trail == on_a.trail | on_b.trail
    assert content.updated_at == "2024-09-12T09:05:00+00:00"


def test_an_unaudited_answer_is_never_overruled_by_a_longer_trail_elsewhere():
    # Laptop B copied laptop A's interview; both corrected the age the same way, then A
    # went on to answer 'comment'. B's longer trail must not discard A's new answer.
    base_trail = [FIRST]
    a = version({"age": "41", "comment": "fint"}, status="partial", trail=base_trail)
    b = version({"age": "41"}, status="partial",
                trail=[*base_trail, change("09:40", "age", "41", "41", "CD")])
    assert not supersedes(b, a)


def test_a_version_that_audits_every_difference_supersedes():
    a = version({"age": "41", "comment": "fint"}, status="complete", trail=[FIRST])
    resolved = version({"age": "43"}, status="aborted", trail=[
        FIRST, change("10:00", "age", "41", "43"), change("10:00", "comment", "fint", None),
        AuditEntry("2024-09-12T10:00:00+00:00", "analyst", None, None, None, "resolved")])
    assert supersedes(resolved, a)
    assert not supersedes(a, resolved)


def test_the_row_shows_the_latest_edit_of_a_conflict():
    a = version({"age": "41"}, trail=[FIRST], updated_at="2024-09-12T09:00:00+00:00")
    b = version({"age": "43"}, trail=[SECOND], updated_at="2024-09-12T11:00:00+00:00")
    assert shown_version([a, b]) == b
    assert shown_version([b, a]) == b


def test_a_version_survives_a_round_trip_through_json():
    v = version({"age": "41", "comment": "Søren's æøå"}, trail=[FIRST, SECOND])
    assert InterviewVersion.from_json(v.to_json()) == v


# -- order independence, from histories of edits ------------------------------------------
QUESTIONS = ("a", "b", "c")
VALUES = ("1", "2", "3")


@st.composite
def histories(draw):
    """Versions of one interview made by edits on several devices that copy each other.

    Each device starts from the base or from another device's current version (a laptop
    copied mid-fieldwork) and then answers new questions, changes answers (audited),
    finishes or deletes; every intermediate version may have been exported.
    """
    base = version({}, status="partial", updated_at="2024-09-12T08:00:00+00:00")
    devices = [base]
    seen = [base]
    clock = itertools.count(1)
    for _ in range(draw(st.integers(1, 12))):
        which = draw(st.integers(0, len(devices)))
        if which == len(devices):  # a new device copies an existing one
            devices.append(devices[draw(st.integers(0, len(devices) - 1))])
            continue
        current = devices[which]
        minute = next(clock)
        at = f"2024-09-12T{8 + minute // 60:02d}:{minute % 60:02d}:00+00:00"
        step = draw(st.sampled_from(("answer", "change", "finish", "delete")))
        answers = dict(current.answers)
        trail = set(current.trail)
        status, deleted = current.status, current.deleted
        question = draw(st.sampled_from(QUESTIONS))
        value = draw(st.sampled_from(VALUES))
        who = f"device{which}"
        if step == "answer" and question not in answers and status == "partial":
            answers[question] = value
        elif step == "change" and question in answers and answers[question] != value:
            trail.add(AuditEntry(at, who, question, answers[question], value, "typo"))
            answers[question] = value
        elif step == "finish" and status == "partial":
            status = draw(st.sampled_from(("complete", "aborted")))
        elif step == "delete" and not deleted:
            trail.add(AuditEntry(at, who, None, None, None, "deleted: duplicate"))
            deleted = True
        else:
            continue
        current = replace(current, answers=answers, status=status, trail=frozenset(trail),
                          content_hash=answers_hash(answers, status), updated_at=at,
                          deleted_at=at if deleted and not current.deleted else
                          current.deleted_at, interviewer=who)
        devices[which] = current
        seen.append(current)
    return seen


def _kept(versions) -> tuple:
    kept: tuple = ()
    for v in versions:
        kept = merge_version(kept, v)
    return kept


@settings(max_examples=300, deadline=None)
@given(histories(), st.randoms(use_true_random=False))
def test_the_kept_versions_do_not_depend_on_order_or_repetition(seen, random):
    expected = _kept(seen)
    shuffled = list(seen)
    random.shuffle(shuffled)
    repeated = shuffled + random.sample(seen, k=min(len(seen), 3))
    assert _kept(shuffled) == expected
    assert _kept(repeated) == expected
    assert _kept(expected) == expected  # merging the result again changes nothing


@settings(max_examples=300, deadline=None)
@given(histories())
def test_the_order_is_a_strict_partial_order(seen):
    for a in seen:
        assert not supersedes(a, a)
        for b in seen:
            if supersedes(a, b):
                assert not supersedes(b, a)
                for c in seen:
                    if supersedes(b, c):
                        assert supersedes(a, c) or a.key == c.key


@settings(max_examples=200, deadline=None)
@given(histories())
def test_a_single_device_history_never_conflicts(seen):
    # Edits in a line (no copying between devices) always settle on the last version.
    line = [v for v in seen if v.interviewer in ("AB", "device0")]
    kept = _kept(line)
    assert len(kept) == 1 and kept[0].key == line[-1].key
