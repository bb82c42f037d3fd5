"""Encryption of contact data (phone numbers and names) with a key derived from a pass phrase.

- Key: scrypt (RFC 7914) of the pass phrase (Unicode NFC, UTF-8) with a random 16-byte salt,
  n = 2**15, r = 8, p = 1: 32 MiB of memory and a fraction of a second per derivation, the
  interactive setting OWASP recommends as a minimum; the parameters are stored with the
  salt, so a later version can raise them without breaking old files.
- Values: AES-256-GCM, a random 12-byte nonce per value. The stored text is a versioned
  token, ``sdenc1:`` + base64(nonce + ciphertext + tag).
- The associated data binds each value to its row and field (the call reference and the
  column), so a token copied to another call or column fails to decrypt instead of
  showing another citizen's number.
- A key check value (a fixed constant encrypted with the key) shows a wrong pass phrase
  before anything is decrypted or written: :class:`PassphraseError`.

A lost pass phrase cannot be recovered: there is no other copy of the key, by design.
"""

from __future__ import annotations

import base64
import binascii
import json
import os
import unicodedata
from dataclasses import dataclass

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from surveydesk.core.errors import SurveyDeskError, UsageError

TOKEN_PREFIX = "sdenc1:"
MIN_PASSPHRASE_LENGTH = 10
SALT_BYTES = 16
NONCE_BYTES = 12
KEY_BYTES = 32
DEFAULT_N, DEFAULT_R, DEFAULT_P = 2 ** 15, 8, 1
_CHECK_PLAINTEXT = "SurveyDesk contact data key check"
_CHECK_CONTEXT = b"surveydesk:key-check"


class PassphraseError(SurveyDeskError):
    """The pass phrase does not open the project's contact data."""


class ContactDataError(SurveyDeskError):
    """Stored contact data that cannot be decrypted (changed, or not ours)."""


@dataclass(frozen=True)
class KeyParameters:
    """How the key is derived (scrypt) and the value that checks it; not secret."""

    salt: bytes
    check: str
    n: int = DEFAULT_N
    r: int = DEFAULT_R
    p: int = DEFAULT_P

    def to_text(self) -> str:
        return json.dumps({"format": 1, "kdf": "scrypt", "n": self.n, "r": self.r,
                           "p": self.p, "salt": base64.b64encode(self.salt).decode("ascii"),
                           "check": self.check}, sort_keys=True)

    @classmethod
    def from_text(cls, text: str) -> KeyParameters:
        try:
            data = json.loads(text)
            if data.get("format") != 1 or data.get("kdf") != "scrypt":
                raise ValueError("unknown format")
            return cls(base64.b64decode(data["salt"], validate=True), str(data["check"]),
                       int(data["n"]), int(data["r"]), int(data["p"]))
        except (ValueError, KeyError, TypeError, AttributeError, binascii.Error):
            raise ContactDataError(
                "The project's contact data encryption settings are damaged or from a "
                "newer SurveyDesk; the contact data cannot be opened.") from None


def check_new_passphrase(passphrase: str) -> None:
    """Refuse a pass phrase too short to protect the numbers."""
    if len(passphrase.strip()) < MIN_PASSPHRASE_LENGTH:
        raise UsageError(f"The pass phrase must have at least {MIN_PASSPHRASE_LENGTH} "
                         "characters (a few words are easier to remember than a short "
                         "password and harder to guess). Nothing was changed.")


def _key(passphrase: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    secret = unicodedata.normalize("NFC", passphrase).encode("utf-8")
    return Scrypt(salt=salt, length=KEY_BYTES, n=n, r=r, p=p).derive(secret)


def is_token(text: str | None) -> bool:
    """Whether ``text`` is an encrypted value (rather than plain text or blank)."""
    return bool(text) and text.startswith(TOKEN_PREFIX)


class ContactCipher:
    """Encrypts and decrypts contact values with one derived key (kept in memory only)."""

    def __init__(self, key: bytes, parameters: KeyParameters | None = None):
        self._aead = AESGCM(key)
        self.parameters = parameters

    def __repr__(self) -> str:  # never show the key
        return "ContactCipher(<key hidden>)"

    @staticmethod
    def _context(reference: str, column: str) -> bytes:
        return json.dumps(["surveydesk:call_list", column, reference]).encode("utf-8")

    def _seal(self, text: str, context: bytes) -> str:
        nonce = os.urandom(NONCE_BYTES)
        sealed = self._aead.encrypt(nonce, text.encode("utf-8"), context)
        return TOKEN_PREFIX + base64.b64encode(nonce + sealed).decode("ascii")

    def _open(self, token: str, context: bytes) -> str:
        raw = base64.b64decode(token[len(TOKEN_PREFIX):], validate=True)
        if len(raw) < NONCE_BYTES + 16:
            raise ValueError("too short")
        return self._aead.decrypt(raw[:NONCE_BYTES], raw[NONCE_BYTES:], context).decode(
            "utf-8")

    def encrypt(self, value: str, reference: str, column: str) -> str:
        """``value`` as a token bound to the call ``reference`` and ``column``; a blank
        stays blank (there is nothing to hide). Every other value is encrypted, even one
        that looks like a token: the caller knows what is plain."""
        if not value:
            return value
        return self._seal(value, self._context(reference, column))

    def decrypt(self, value: str, reference: str, column: str) -> str:
        """The plain value of a token (plain text and blanks come back as they are)."""
        if not is_token(value):
            return value
        try:
            return self._open(value, self._context(reference, column))
        except (InvalidTag, ValueError, binascii.Error):
            raise ContactDataError(
                f"The {column} of call {reference} cannot be decrypted: the stored value "
                "was changed or belongs to another call or project. Nothing was "
                "changed.") from None

    def key_check(self) -> str:
        return self._seal(_CHECK_PLAINTEXT, _CHECK_CONTEXT)

    def opens(self, check: str) -> bool:
        try:
            return self._open(check, _CHECK_CONTEXT) == _CHECK_PLAINTEXT
        except (InvalidTag, ValueError, binascii.Error):
            return False


def new_cipher(passphrase: str, *, n: int | None = None, r: int = DEFAULT_R,
               p: int = DEFAULT_P, salt: bytes | None = None) -> ContactCipher:
    """A cipher with a fresh random salt for a new pass phrase (checked for length)."""
    check_new_passphrase(passphrase)
    n = DEFAULT_N if n is None else n
    salt = os.urandom(SALT_BYTES) if salt is None else salt
    cipher = ContactCipher(_key(passphrase, salt, n, r, p))
    cipher.parameters = KeyParameters(salt, cipher.key_check(), n, r, p)
    return cipher


def unlock(passphrase: str, parameters: KeyParameters) -> ContactCipher:
    """The cipher for ``passphrase``, or :class:`PassphraseError` when it is the wrong one."""
    try:
        key = _key(passphrase, parameters.salt, parameters.n, parameters.r, parameters.p)
    except (ValueError, TypeError, MemoryError):
        raise ContactDataError("The project's contact data encryption settings are "
                               "damaged; the contact data cannot be opened.") from None
    cipher = ContactCipher(key, parameters)
    if not cipher.opens(parameters.check):
        raise PassphraseError("Wrong pass phrase: it does not open this project's contact "
                              "data. Nothing was decrypted or changed. (A lost pass phrase "
                              "cannot be recovered.)")
    return cipher
