"""The device id is made once; the entry profile is remembered."""

from __future__ import annotations

from surveydesk.core import userdata


def test_device_id_is_stable_and_profile_is_remembered(tmp_path, monkeypatch):
    monkeypatch.setenv("SURVEYDESK_CONFIG_DIR", str(tmp_path))
    first = userdata.device_id()
    assert first.startswith("device-") and userdata.device_id() == first
    assert userdata.entry_profile() == userdata.EntryProfile()
    profile = userdata.EntryProfile("Mette B.", "phone", "Rådhuset", "2024")
    userdata.remember_entry_profile(profile)
    assert userdata.entry_profile() == profile
    assert userdata.device_id() == first


def test_a_broken_settings_file_is_ignored(tmp_path, monkeypatch):
    monkeypatch.setenv("SURVEYDESK_CONFIG_DIR", str(tmp_path))
    (tmp_path / "surveydesk.json").write_text("{not json", encoding="utf-8")
    assert userdata.entry_profile() == userdata.EntryProfile()
    assert userdata.device_id().startswith("device-")
