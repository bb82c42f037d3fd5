"""Per-installation data kept outside project files: the device id and the entry profile.

Stored as JSON in the user's configuration folder (``platformdirs``), so the interviewer's
name, mode, location and wave are remembered between sessions, and every laptop has one
stable device id that marks the interviews entered on it (sync uses it). Qt's QSettings is
used only for window layout.
"""

from __future__ import annotations

import json
import os
import uuid
from dataclasses import asdict, dataclass
from pathlib import Path

from platformdirs import user_config_dir

_FILE = "surveydesk.json"


def config_dir() -> Path:
    """The folder for SurveyDesk's per-user files (``SURVEYDESK_CONFIG_DIR`` overrides it,
    which tests and portable installs use)."""
    override = os.environ.get("SURVEYDESK_CONFIG_DIR")
    return Path(override) if override else Path(user_config_dir("SurveyDesk", "SurveyDesk"))


def backup_folder() -> Path:
    """Where ``merge`` backs a master project up before writing to it."""
    return config_dir() / "backups"


@dataclass(frozen=True)
class EntryProfile:
    """What the interviewer chose last time on this laptop."""

    interviewer: str = ""
    mode: str = "in_person"
    location: str = ""
    wave: str = ""


def _read() -> dict:
    try:
        data = json.loads((config_dir() / _FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _write(data: dict) -> None:
    folder = config_dir()
    folder.mkdir(parents=True, exist_ok=True)
    temporary = folder / f".{_FILE}.tmp"
    temporary.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    os.replace(temporary, folder / _FILE)


def device_id() -> str:
    """This installation's id, made once and kept."""
    data = _read()
    if not isinstance(data.get("device_id"), str) or not data["device_id"]:
        data["device_id"] = f"device-{uuid.uuid4()}"
        _write(data)
    return data["device_id"]


def entry_profile() -> EntryProfile:
    saved = _read().get("entry_profile", {})
    fields = EntryProfile.__dataclass_fields__
    return EntryProfile(**{k: str(v) for k, v in saved.items() if k in fields}) if isinstance(
        saved, dict) else EntryProfile()


def remember_entry_profile(profile: EntryProfile) -> None:
    data = _read()
    data["entry_profile"] = asdict(profile)
    _write(data)
