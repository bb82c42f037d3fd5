"""Contact data encryption: tokens bound to their call and column, wrong pass phrases found
before anything is decrypted."""

from __future__ import annotations

import base64

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from surveydesk.core import contact_crypto
from surveydesk.core.contact_crypto import (
    ContactDataError,
    KeyParameters,
    PassphraseError,
    is_token,
    new_cipher,
    unlock,
)
from surveydesk.core.errors import SurveyDeskError, UsageError

FAST = 2 ** 4  # scrypt cost for tests only; the product uses 2**15
PASS = "korrekt hest batteri hæftklamme"


@pytest.fixture(scope="module")
def cipher():
    return new_cipher(PASS, n=FAST)


def test_a_value_becomes_a_versioned_token_and_comes_back(cipher):
    token = cipher.encrypt("+4523456781", "R1", "phone")
    assert token.startswith("sdenc1:") and is_token(token)
    assert "23456781" not in token
    raw = base64.b64decode(token[len("sdenc1:"):])
    assert len(raw) == 12 + len("+4523456781") + 16  # nonce, ciphertext, GCM tag
    assert cipher.decrypt(token, "R1", "phone") == "+4523456781"


def test_the_same_value_gives_a_new_token_each_time(cipher):
    assert cipher.encrypt("Åse", "R1", "name") != cipher.encrypt("Åse", "R1", "name")


def test_blanks_stay_blank_and_anything_else_is_encrypted(cipher):
    assert cipher.encrypt("", "R1", "name") == ""
    assert cipher.decrypt("plain", "R1", "name") == "plain"
    # A name that merely looks like a token is still encrypted, and comes back.
    odd = cipher.encrypt("sdenc1:", "R1", "name")
    assert odd != "sdenc1:" and cipher.decrypt(odd, "R1", "name") == "sdenc1:"


@pytest.mark.parametrize(("reference", "column"), [("R2", "phone"), ("R1", "name")])
def test_a_token_moved_to_another_call_or_column_fails_naming_the_call(cipher, reference,
                                                                     column):
    token = cipher.encrypt("+4523456781", "R1", "phone")
    with pytest.raises(ContactDataError, match=f"{column} of call {reference}"):
        cipher.decrypt(token, reference, column)


def test_a_changed_token_fails_clearly_never_with_garbage(cipher):
    token = cipher.encrypt("+4523456781", "R7", "phone")
    raw = bytearray(base64.b64decode(token[7:]))
    raw[15] ^= 1
    changed = "sdenc1:" + base64.b64encode(bytes(raw)).decode()
    for bad in (changed, "sdenc1:!!!", "sdenc1:", "sdenc1:" + token[7:20]):
        with pytest.raises(ContactDataError, match="phone of call R7 cannot be decrypted"):
            cipher.decrypt(bad, "R7", "phone")


def test_the_right_pass_phrase_unlocks_and_a_wrong_one_is_refused(cipher):
    stored = KeyParameters.from_text(cipher.parameters.to_text())
    assert stored == cipher.parameters
    assert stored.n == FAST and stored.r == 8 and stored.p == 1 and len(stored.salt) == 16
    token = cipher.encrypt("+4523456781", "R1", "phone")
    assert unlock(PASS, stored).decrypt(token, "R1", "phone") == "+4523456781"
    with pytest.raises(PassphraseError, match="Wrong pass phrase") as caught:
        unlock(PASS + " ", stored)
    assert isinstance(caught.value, SurveyDeskError)


def test_the_product_uses_scrypt_n_2_15_r_8_p_1_and_a_fresh_salt():
    assert (contact_crypto.DEFAULT_N, contact_crypto.DEFAULT_R, contact_crypto.DEFAULT_P) == (
        2 ** 15, 8, 1)
    one, two = new_cipher(PASS, n=FAST), new_cipher(PASS, n=FAST)
    assert one.parameters.salt != two.parameters.salt
    assert "key hidden" in repr(one)


def test_a_short_pass_phrase_is_refused_with_the_minimum():
    with pytest.raises(UsageError, match="at least 10 characters"):
        new_cipher("kort kode", n=FAST)


def test_damaged_parameters_are_a_clear_error():
    for text in ("", "{}", '{"format": 2}', "not json",
                 '{"format": 1, "kdf": "scrypt", "n": 16, "r": 8, "p": 1, "salt": "%%", '
                 '"check": "x"}'):
        with pytest.raises(ContactDataError, match="settings are damaged"):
            KeyParameters.from_text(text)


def test_unicode_pass_phrases_are_compared_in_normal_form():
    composed, decomposed = "smørrebrød på æblegrød", "smørrebrød pa\u030a æblegrød"
    cipher = new_cipher(composed, n=FAST)
    assert unlock(decomposed, cipher.parameters).opens(cipher.parameters.check)


# Long enough by construction (a filter on random text can reject too much and fail the
# health check now and then).
passphrases = st.builds(lambda head, tail: head + tail,
                        st.text(min_size=10, max_size=12).map(lambda t: "x" * 10 + t),
                        st.text(max_size=288))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(passphrase=passphrases, value=st.text(max_size=60), reference=st.text(max_size=20))
def test_any_pass_phrase_round_trips(passphrase, value, reference):
    cipher = new_cipher(passphrase, n=FAST)
    opened = unlock(passphrase, KeyParameters.from_text(cipher.parameters.to_text()))
    token = cipher.encrypt(value, reference, "name")
    assert opened.decrypt(token, reference, "name") == value


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(passphrase=passphrases, other=st.text(max_size=300))
def test_a_wrong_pass_phrase_always_fails_cleanly(passphrase, other):
    import unicodedata

    if unicodedata.normalize("NFC", other) == unicodedata.normalize("NFC", passphrase):
        other += "!"
    cipher = new_cipher(passphrase, n=FAST)
    with pytest.raises(PassphraseError):
        unlock(other, cipher.parameters)
