"""Smoke-test a built SurveyDesk: run the frozen executables the way a user would, headless.

    python packaging/smoke.py dist/SurveyDesk [--screenshot OUT.png]

Standard library only, so any Python runs it (the build's own venv in packaging/build.sh).
DIST is the folder holding ``surveydesk`` and ``surveydesk-cli`` (``.exe`` on Windows), or a
macOS ``SurveyDesk.app``. Every step runs in a temporary home folder, so nothing of the
user's own settings, demo projects or device id is touched. Checks, in order:

1. the bundle holds the demo forms, the icon, the compiled Danish catalogue, the report
   glossary and Qt's Danish catalogue;
2. ``surveydesk-cli --version`` and ``surveydesk --version`` print the project's version
   (read from the bundled metadata: a missing ``copy_metadata`` shows up here);
3. ``surveydesk --licences`` lists every runtime dependency of pyproject.toml with a licence
   (what the About dialog shows);
4. ``surveydesk-cli demo`` writes a demo project and ``surveydesk-cli report --lang en|da``
   writes the Excel report with sheet names from the glossary in that language;
5. ``surveydesk --lang en --screenshot OUT.png PROJECT`` opens the main window on the demo
   project offscreen and saves a 1000x640 picture of it, then exits with 0.

Exit code 0 when every check passed, 1 at the first failure (with the command's output).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import time
import tomllib
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WINDOWS = sys.platform == "win32"
BUNDLED_FILES = (
    "citizen_service.xlsx",
    "jobcentre.xlsx",
    "surveydesk.svg",
    "surveydesk_da.qm",
    "report_glossary.json",
    "qtbase_da.qm",
)


class SmokeFailure(Exception):
    pass


def executables(dist: Path) -> tuple[Path, Path]:
    """The GUI and CLI executables in a onedir build (or a macOS .app)."""
    folder = dist / "Contents" / "MacOS" if dist.suffix == ".app" else dist
    suffix = ".exe" if WINDOWS else ""
    gui, cli = folder / f"surveydesk{suffix}", folder / f"surveydesk-cli{suffix}"
    for path in (gui, cli):
        if not path.is_file():
            raise SmokeFailure(f"{path} is missing; build first (packaging/build.sh)")
    return gui, cli


def runtime_dependencies() -> list[str]:
    """The distribution names of pyproject.toml's runtime dependencies."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    return [re.match(r"[A-Za-z0-9._-]+", spec).group(0) for spec in project["dependencies"]]


def normalised(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


class Runner:
    def __init__(self, home: Path):
        self.env = dict(os.environ)
        self.env.update({
            "QT_QPA_PLATFORM": "offscreen",
            "HOME": str(home),
            "USERPROFILE": str(home),
            "APPDATA": str(home / "AppData" / "Roaming"),
            "LOCALAPPDATA": str(home / "AppData" / "Local"),
            "XDG_CONFIG_HOME": str(home / ".config"),
            "XDG_DATA_HOME": str(home / ".local" / "share"),
            "XDG_CACHE_HOME": str(home / ".cache"),
            "SURVEYDESK_CONFIG_DIR": str(home / "surveydesk-config"),
        })
        self.env.pop("PYTHONPATH", None)  # the frozen app must not see a source tree

    def run(self, what: str, command: list, timeout: int = 120) -> str:
        started = time.monotonic()
        try:
            result = subprocess.run([str(part) for part in command], env=self.env,
                                    capture_output=True, text=True, timeout=timeout)
        except subprocess.TimeoutExpired as error:
            raise SmokeFailure(f"{what}: no answer after {timeout} s") from error
        if result.returncode != 0:
            raise SmokeFailure(f"{what}: exit code {result.returncode}\n"
                               f"stdout:\n{result.stdout}\nstderr:\n{result.stderr}")
        print(f"ok  {what} ({time.monotonic() - started:.1f} s)")
        return result.stdout


def check_bundle(dist: Path) -> None:
    names = {path.name for path in dist.rglob("*")}
    missing = [name for name in BUNDLED_FILES if name not in names]
    if missing:
        raise SmokeFailure(f"the bundle lacks {', '.join(missing)}")
    print(f"ok  bundle holds {', '.join(BUNDLED_FILES)}")


def check_version(runner: Runner, executable: Path, expected: str, *, prints: bool) -> None:
    output = runner.run(f"{executable.name} --version", [executable, "--version"], timeout=60)
    if prints and output.strip() != f"surveydesk {expected}":
        raise SmokeFailure(f"{executable.name} --version printed {output.strip()!r}, "
                           f"expected 'surveydesk {expected}'")


def check_licences(runner: Runner, gui: Path) -> None:
    output = runner.run("surveydesk --licences", [gui, "--licences"], timeout=60)
    if WINDOWS:  # a windowed executable has no standard output to read
        return
    listed = {}
    for line in output.splitlines():
        name, _version, licence = (line.split("\t") + ["", ""])[:3]
        listed[normalised(name)] = licence.strip()
    for dependency in runtime_dependencies():
        licence = listed.get(normalised(dependency))
        if not licence:
            raise SmokeFailure(f"surveydesk --licences shows no licence for {dependency}:\n"
                               f"{output}")


def sheet_names(workbook: Path) -> list[str]:
    with zipfile.ZipFile(workbook) as archive:
        xml = archive.read("xl/workbook.xml").decode("utf-8")
    return re.findall(r'<sheet name="([^"]*)"', xml)


def check_reports(runner: Runner, cli: Path, work: Path) -> Path:
    project = work / "demo.sdproj"
    runner.run("surveydesk-cli demo", [cli, "demo", project])
    glossary = json.loads((ROOT / "i18n" / "report_glossary.json").read_text(encoding="utf-8"))
    for language in ("en", "da"):
        report = work / f"report-{language}.xlsx"
        runner.run(f"surveydesk-cli report --lang {language}",
                   [cli, "report", project, "--lang", language, "-o", report])
        sheets = sheet_names(report)
        expected = glossary[language]["sheet_contents"]
        if expected not in sheets:
            raise SmokeFailure(f"the {language} report has no sheet {expected!r}: {sheets}")
    return project


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()[:24]
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise SmokeFailure(f"{path} is not a PNG")
    return struct.unpack(">II", data[16:24])


def check_gui(runner: Runner, gui: Path, project: Path, picture: Path) -> None:
    runner.run("surveydesk --screenshot (main window on the demo, offscreen)",
               [gui, "--lang", "en", "--screenshot", picture, project], timeout=120)
    if not picture.is_file():
        raise SmokeFailure(f"surveydesk --screenshot exited 0 but wrote no {picture}")
    width, height = png_size(picture)
    if (width, height) != (1000, 640) or picture.stat().st_size < 10_000:
        raise SmokeFailure(f"the screenshot is {width}x{height}, "
                           f"{picture.stat().st_size} bytes: not the main window")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dist", type=Path, help="dist/SurveyDesk (or dist/SurveyDesk.app)")
    parser.add_argument("--screenshot", type=Path,
                        help="where to keep the main window's picture (default: discarded)")
    args = parser.parse_args(argv)
    version = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))[
        "project"]["version"]
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="surveydesk-smoke-") as tmp:
        work = Path(tmp)
        try:
            gui, cli = executables(args.dist)
            check_bundle(args.dist)
            runner = Runner(work / "home")
            check_version(runner, cli, version, prints=True)
            check_version(runner, gui, version, prints=not WINDOWS)
            check_licences(runner, gui)
            project = check_reports(runner, cli, work)
            picture = work / "frozen_build.png"
            check_gui(runner, gui, project, picture)
        except SmokeFailure as failure:
            print(f"SMOKE TEST FAILED: {failure}", file=sys.stderr)
            return 1
        if args.screenshot:
            args.screenshot.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(picture, args.screenshot)
            print(f"screenshot kept as {args.screenshot}")
    print(f"smoke test passed in {time.monotonic() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
