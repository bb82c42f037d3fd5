"""Render the pass phrase prompt of encrypted contact data offscreen, in English and Danish.

    python tools/screenshots_passphrase.py [--out docs/screenshots] [--size 1000x700]

Writes ``passphrase_<lang>.png`` (the prompt after a wrong pass phrase, as the interviewer
sees it when phoning an encrypted project) and ``call_list_encrypted_<lang>.png`` (the call
list panel when the prompt was cancelled: the number is encrypted and cannot be dialled),
and ``contact_encryption_<lang>.png`` (File ▸ Encrypt or decrypt phone numbers, the two pass
phrases typed differently), on the demo project with the call list of
``tools/screenshots_entry.py``, its contact data encrypted. Needs no display; everything
lives in a temporary folder.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from screens import ROOT, Shots, size
from screenshots_entry import PHONE_NOW, TIME_ZONE, _dispose, _phone_project

PASSPHRASE = "blå bølger bag bakken"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--size", default="1000x700", help="window size, WIDTHxHEIGHT")
    args = parser.parse_args(argv)
    width, height = size(args.size)
    os.environ["TZ"] = TIME_ZONE
    time.tzset()
    shots = Shots(args.out)
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["SURVEYDESK_CONFIG_DIR"] = str(Path(tmp) / "config")
        _render(shots, width, height, Path(tmp))
    return 0


def _render(shots: Shots, width: int, height: int, tmp: Path) -> None:
    from surveydesk.gui.entry.call_list import CallListPanel
    from surveydesk.gui.entry.passphrase import PassphraseDialog
    from surveydesk.gui.privacy_dialog import ContactEncryptionDialog
    from surveydesk.gui.translation import set_ui_language
    from surveydesk.store.contact_encryption import encrypt_contacts

    project = _phone_project(tmp)
    for code in ("en", "da"):  # File > Encrypt or decrypt phone numbers, before encrypting
        set_ui_language(code)
        encrypting = ContactEncryptionDialog(None, project)
        encrypting.passphrase.setText(PASSPHRASE)
        encrypting.repeat.setText(PASSPHRASE + "!")
        encrypting.start()  # the two differ: said in the dialog
        encrypting.show()
        encrypting.adjustSize()
        shots.save(encrypting, f"contact_encryption_{code}.png")
        _dispose(shots.app, encrypting)
    encrypt_contacts(project, PASSPHRASE)
    panel = CallListPanel(project, "MB", clock=lambda: PHONE_NOW)
    panel.resize(width, height)
    for code in ("en", "da"):
        set_ui_language(code)
        dialog = PassphraseDialog(project)
        dialog.edit.setText("blå bølger bag bakker")
        dialog.accept()  # a wrong pass phrase: the dialog says so and stays open
        dialog.show()
        dialog.adjustSize()
        shots.save(dialog, f"passphrase_{code}.png")
        _dispose(shots.app, dialog)
        panel.retranslateUi()
        shots.save(panel, f"call_list_encrypted_{code}.png")
    set_ui_language("en")
    _dispose(shots.app, panel)
    project.close()


if __name__ == "__main__":
    sys.exit(main())
