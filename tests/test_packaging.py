"""The wheel carries what the app needs at run time: demo forms and compiled translations."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.slow
def test_the_wheel_contains_demo_forms_translations_and_both_commands(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q",
         "-w", str(tmp_path), str(ROOT)],
        capture_output=True, text=True, timeout=300,
    )
    if result.returncode != 0 and "No module named" in result.stderr:
        pytest.skip(f"cannot build a wheel here: {result.stderr.strip()[-200:]}")
    assert result.returncode == 0, result.stderr
    (wheel,) = tmp_path.glob("surveydesk-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "surveydesk/resources/forms/citizen_service.xlsx" in names
    assert "surveydesk/resources/forms/jobcentre.xlsx" in names
    assert "surveydesk/i18n/surveydesk_da.qm" in names
    assert "surveydesk/i18n/report_glossary.json" in names
    assert "surveydesk/resources/icons/surveydesk.svg" in names
    packages = {name.rsplit("/", 1)[0] for name in names if name.endswith("/__init__.py")}
    for folder in ("surveydesk/gui/entry", "surveydesk/analysis", "surveydesk/store"):
        assert folder in packages, f"{folder} is missing from the wheel"
    entry_points = next(n for n in names if n.endswith("entry_points.txt"))
    text = zipfile.ZipFile(wheel).read(entry_points).decode()
    assert "surveydesk-cli = surveydesk.cli:main" in text
    assert "surveydesk = surveydesk.app:main" in text


def test_every_package_folder_is_listed_in_pyproject():
    import tomllib

    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"][
        "packages"])
    found = {".".join(init.parent.relative_to(ROOT).parts)
             for init in (ROOT / "surveydesk").rglob("__init__.py")}
    assert found <= listed, f"add to pyproject.toml packages: {sorted(found - listed)}"
