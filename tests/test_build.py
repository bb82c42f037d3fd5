"""The desktop build's helpers: the icon files, the smoke test's expectations and its failure
on a missing build. The build itself and its smoke test run in CI (.ci/run calls
packaging/build.sh --smoke --fresh); these tests need no PyInstaller."""

from __future__ import annotations

import importlib.util
import os
import struct
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGING = ROOT / "packaging"


def _load(name: str):
    spec = importlib.util.spec_from_file_location(name, PACKAGING / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


smoke = _load("smoke")


def test_make_icons_writes_a_256_px_png_and_an_ico_with_every_size(tmp_path):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    result = subprocess.run([sys.executable, str(PACKAGING / "make_icons.py"), str(tmp_path)],
                            env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr

    assert smoke.png_size(tmp_path / "surveydesk.png") == (256, 256)
    ico = (tmp_path / "surveydesk.ico").read_bytes()
    reserved, kind, count = struct.unpack("<HHH", ico[:6])
    assert (reserved, kind, count) == (0, 1, 7)
    sizes = []
    for index in range(count):
        width, _height, _colours, _zero, _planes, _bits, length, offset = struct.unpack(
            "<BBBBHHII", ico[6 + 16 * index: 22 + 16 * index])
        assert ico[offset:offset + 8] == b"\x89PNG\r\n\x1a\n"
        assert offset + length <= len(ico)
        sizes.append(width or 256)
    assert sizes == [16, 24, 32, 48, 64, 128, 256]


def test_the_smoke_test_expects_every_runtime_dependency_of_pyproject():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    names = smoke.runtime_dependencies()
    assert len(names) == len(project["dependencies"])
    assert {"PySide6-Essentials", "pyqtgraph", "XlsxWriter", "defusedxml"} <= set(names)


def test_the_smoke_test_fails_when_nothing_was_built(tmp_path, capsys):
    assert smoke.main([str(tmp_path / "SurveyDesk")]) == 1
    assert "is missing; build first" in capsys.readouterr().err


def test_the_spec_bundles_both_commands_the_package_data_and_the_metadata():
    spec = (PACKAGING / "surveydesk.spec").read_text(encoding="utf-8")
    assert 'name="surveydesk"' in spec and 'name="surveydesk-cli"' in spec
    assert 'collect_data_files("surveydesk.resources"' in spec
    assert 'collect_data_files("surveydesk.i18n"' in spec
    assert 'copy_metadata("surveydesk", recursive=True)' in spec
    assert "from surveydesk.app import main" in (PACKAGING / "launch_gui.py").read_text()
    assert "from surveydesk.cli import main" in (PACKAGING / "launch_cli.py").read_text()

