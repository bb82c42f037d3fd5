"""Encrypting the call list's contact data (phone numbers and names) in the project file.

The key parameters (scrypt salt and settings, and the key check value; none of them
secret) are kept in the ``project_setting`` row :data:`SETTING`; while it exists the
project's contact data is encrypted and every non-blank phone number and name is a token
of :mod:`surveydesk.core.contact_crypto`. Encrypting and decrypting convert every value in
one transaction (all or nothing) and then rebuild the file like the purge does, so the
plain numbers are left in no free page.

How the rest of the program treats an encrypted project:

- The call list import needs the pass phrase (new rows are encrypted on the way in);
  without it, it refuses and changes nothing.
- A device file without contacts is blank as always. With ``--include-contacts`` it carries
  the tokens as they are (never plain text), so the laptop needs the pass phrase to dial.
- Merging keeps the master's form: tokens of the same key are taken as they are; plain
  contacts from a device file are encrypted with the pass phrase, and without one the merge
  refuses (nothing changed); tokens from a project with another key are refused.
- The purge removes the tokens like plain values; interviews and analysis never need the key.
"""

from __future__ import annotations

from collections.abc import Mapping
from contextlib import contextmanager
from dataclasses import dataclass, replace

from surveydesk.core.contact_crypto import (
    ContactCipher,
    KeyParameters,
    is_token,
    new_cipher,
    unlock,
)
from surveydesk.core.errors import UsageError
from surveydesk.store.call_sync import CallRecord
from surveydesk.store.contacts import rebuild_file
from surveydesk.store.project import Project

SETTING = "contact_encryption"
COLUMNS = ("phone", "name")


@dataclass(frozen=True)
class EncryptionStatus:
    encrypted: bool
    calls: int
    encrypted_values: int
    plain_values: int

    def summary(self) -> str:
        if self.encrypted:
            return (f"contact data encrypted ({self.encrypted_values} encrypted phone "
                    f"numbers and names in {self.calls} calls)")
        return (f"contact data not encrypted ({self.plain_values} phone numbers and names "
                f"in plain text in {self.calls} calls)")


def key_parameters(project: Project) -> KeyParameters | None:
    """The project's key parameters, or ``None`` when its contact data is not encrypted."""
    text = project.db.scalar("SELECT value FROM project_setting WHERE key = ?", (SETTING,))
    return None if text is None else KeyParameters.from_text(text)


def is_encrypted(project: Project) -> bool:
    return key_parameters(project) is not None


def encryption_status(project: Project) -> EncryptionStatus:
    tokens = plain = 0
    for values in project.db.rows("SELECT phone, name FROM call_list"):
        for value in values:
            if is_token(value):
                tokens += 1
            elif value:
                plain += 1
    return EncryptionStatus(is_encrypted(project),
                            project.db.scalar("SELECT COUNT(*) FROM call_list"), tokens, plain)


def open_contacts(project: Project, passphrase: str) -> ContactCipher:
    """The cipher of this project's contact data; :class:`PassphraseError` for a wrong pass
    phrase, :class:`UsageError` when the contact data is not encrypted."""
    parameters = key_parameters(project)
    if parameters is None:
        raise UsageError(f"The contact data of {project.path.name} is not encrypted. "
                         "Nothing was changed.")
    return unlock(passphrase, parameters)


def cipher_if_encrypted(project: Project, passphrase: str | None, doing: str
                        ) -> ContactCipher | None:
    """For work that writes contact data: ``None`` for a plain project; the cipher for an
    encrypted one, which needs ``passphrase`` (else a :class:`UsageError` saying ``doing``
    needs it)."""
    parameters = key_parameters(project)
    if parameters is None:
        return None
    if passphrase is None:
        raise UsageError(f"The contact data of {project.path.name} is encrypted: {doing} "
                         "needs the pass phrase (--passphrase-file FILE or the environment "
                         "variable SURVEYDESK_PASSPHRASE). Nothing was changed.")
    return unlock(passphrase, parameters)


def _rows(project: Project):
    return project.db.rows("SELECT id, reference, phone, name FROM call_list "
                           "WHERE phone != '' OR name != '' ORDER BY id")


def _convert(project: Project, convert) -> int:
    """Rewrite every phone and name with ``convert(value, reference, column)`` (in the
    caller's transaction); returns how many values changed."""
    changed = 0
    updates = []
    for call_id, reference, phone, name in _rows(project):
        new = (convert(phone, reference, "phone"), convert(name, reference, "name"))
        changed += (new[0] != phone) + (new[1] != name)
        updates.append((*new, call_id))
    project.db.executemany("UPDATE call_list SET phone = ?, name = ? WHERE id = ?", updates)
    return changed


def encrypt_contacts(project: Project, passphrase: str) -> int:
    """Encrypt every phone number and name with a key derived from ``passphrase``, in one
    transaction, then rebuild the file; returns how many values were encrypted."""
    if is_encrypted(project):
        raise UsageError(f"The contact data of {project.path.name} is already encrypted. "
                         "Nothing was changed.")
    cipher = new_cipher(passphrase)
    with _secure_delete(project), project.transaction():
        count = _convert(project, cipher.encrypt)
        project.db.execute("INSERT INTO project_setting (key, value) VALUES (?, ?)",
                           (SETTING, cipher.parameters.to_text()))
    rebuild_file(project)
    return count


def decrypt_contacts(project: Project, passphrase: str) -> int:
    """Turn every token back into plain text and forget the key parameters, in one
    transaction; a wrong pass phrase or a changed token changes nothing."""
    cipher = open_contacts(project, passphrase)
    with _secure_delete(project), project.transaction():
        count = _convert(project, cipher.decrypt)
        project.db.execute("DELETE FROM project_setting WHERE key = ?", (SETTING,))
    rebuild_file(project)
    return count


@contextmanager
def _secure_delete(project: Project):
    """SQLite zeroes what it frees while this is on (the old values of rewritten rows)."""
    project.db.connection.execute("PRAGMA secure_delete = ON")
    try:
        yield
    finally:
        project.db.connection.execute("PRAGMA secure_delete = OFF")


# -- merging device files ------------------------------------------------------------------
def contacts_for_master(master: Project, device: Project,
                        records: Mapping[str, CallRecord], passphrase: str | None,
                        file_name: str, ciphers: dict | None = None
                        ) -> dict[str, CallRecord]:
    """``records`` of the device file ``device`` with contact data in the master's form:
    plain for a plain master, tokens of the master's key for an encrypted one (see the
    module docstring). Raises :class:`UsageError` (nothing merged) where that needs a pass
    phrase that was not given, or cannot be done. ``ciphers`` caches derived keys across
    the files of one merge."""
    ciphers = {} if ciphers is None else ciphers

    def opened(parameters: KeyParameters) -> ContactCipher:
        if parameters.check not in ciphers:
            ciphers[parameters.check] = unlock(passphrase, parameters)
        return ciphers[parameters.check]

    carrying = [r for r in records.values() if r.phone or r.name]
    if not carrying:
        return dict(records)
    master_parameters = key_parameters(master)
    device_parameters = key_parameters(device)
    tokens = any(is_token(v) for r in carrying for v in (r.phone, r.name))
    plain = any(v and not is_token(v) for r in carrying for v in (r.phone, r.name))
    same_key = (master_parameters is not None and device_parameters is not None
                and master_parameters.salt == device_parameters.salt
                and master_parameters.check == device_parameters.check)
    if tokens and not same_key:
        if device_parameters is None or passphrase is None:
            raise UsageError(
                f"{file_name}: its phone numbers and names are encrypted with another key "
                f"than {master.path.name}'s. Give the pass phrase of the device file to "
                "merge them, or export it without --include-contacts. Nothing was merged.")
        device_cipher = opened(device_parameters)
    else:
        device_cipher = None
    master_cipher = None
    if master_parameters is not None and (plain or (tokens and not same_key)):
        if passphrase is None and master_parameters.check not in ciphers:
            cipher_if_encrypted(master, None, f"merging {file_name}, which carries phone "
                                "numbers and names,")  # raises: it says what is missing
        master_cipher = opened(master_parameters)  # unlocked already, or with passphrase

    def convert(value: str, reference: str, column: str) -> str:
        if is_token(value):
            if device_cipher is None:  # encrypted with the master's key: as it is
                return value
            value = device_cipher.decrypt(value, reference, column)
        if master_cipher is not None and value:
            value = master_cipher.encrypt(value, reference, column)
        return value

    return {ref: replace(r, phone=convert(r.phone, ref, "phone"),
                         name=convert(r.name, ref, "name")) if (r.phone or r.name) else r
            for ref, r in records.items()}

