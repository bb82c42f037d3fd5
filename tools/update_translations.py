"""Regenerate the Qt translation sources and compile them: run this after changing UI strings.

    python tools/update_translations.py

1. ``pyside6-lupdate`` scans every ``.py`` file under ``surveydesk/gui`` and
   ``surveydesk/app.py`` and merges the strings into ``i18n/surveydesk_da.ts``. Existing
   translations are kept; new strings appear as ``type="unfinished"``; strings no longer in
   the code are dropped (``-no-obsolete``). Source locations are not stored
   (``-locations none``), so the file changes only when strings change.
2. Translate the unfinished strings: open the .ts in Qt Linguist (``pyside6-linguist``) or
   edit the XML (fill ``<translation>`` and remove ``type="unfinished"``).
3. Run this script again: ``pyside6-lrelease`` compiles the .ts into ``i18n/surveydesk_da.qm``,
   which ships inside the package ``surveydesk.i18n``.

Commit both the .ts and the .qm. ``tests/gui/test_translations.py`` fails when the .ts is
stale, has unfinished translations, or the .qm does not match it.

Options: ``--check`` reports what lupdate would change without writing anything (exit 1 if
the .ts is stale); ``--compile-only`` skips lupdate.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
I18N = ROOT / "i18n"
LANGUAGES = ("da",)


def ts_path(code: str) -> Path:
    return I18N / f"surveydesk_{code}.ts"


def qm_path(code: str) -> Path:
    return I18N / f"surveydesk_{code}.qm"


def source_files() -> list[Path]:
    """The files whose UI strings are translated, in a stable order."""
    gui = sorted((ROOT / "surveydesk" / "gui").rglob("*.py"))
    return [*gui, ROOT / "surveydesk" / "app.py"]


def find_tool(name: str) -> str | None:
    """``pyside6-<name>`` next to this Python, on PATH, or the binary in PySide6's folder."""
    bin_dir = Path(sys.executable).parent
    for candidate in (bin_dir / f"pyside6-{name}", bin_dir / f"pyside6-{name}.exe"):
        if candidate.is_file():
            return str(candidate)
    found = shutil.which(f"pyside6-{name}")
    if found:
        return found
    try:
        import PySide6
    except ImportError:
        return None
    package = Path(PySide6.__file__).parent
    for candidate in (package / name, package / f"{name}.exe", package / "Qt" / "bin" / name):
        if candidate.is_file():
            return str(candidate)
    return None


def lupdate_command(lupdate: str, ts_file: Path, code: str) -> list[str]:
    files = [str(path.relative_to(ROOT)) for path in source_files()]
    return [
        lupdate,
        "-silent",
        "-no-obsolete",
        "-locations",
        "none",
        "-source-language",
        "en",
        "-target-language",
        code,
        *files,
        "-ts",
        str(ts_file),
    ]


def run_lupdate(ts_file: Path, code: str) -> None:
    lupdate = find_tool("lupdate")
    if lupdate is None:
        raise SystemExit("pyside6-lupdate not found: install PySide6 in this environment.")
    subprocess.run(lupdate_command(lupdate, ts_file, code), cwd=ROOT, check=True)


def run_lrelease(ts_file: Path, qm_file: Path) -> None:
    lrelease = find_tool("lrelease")
    if lrelease is None:
        raise SystemExit("pyside6-lrelease not found: install PySide6 in this environment.")
    subprocess.run([lrelease, "-silent", str(ts_file), "-qm", str(qm_file)], cwd=ROOT, check=True)


def messages(ts_file: Path) -> dict[tuple[str, str, str], str | None]:
    """``(context, source, comment) -> translation type`` (None when finished)."""
    found = {}
    for context in ET.parse(ts_file).getroot().iter("context"):
        name = context.findtext("name", "")
        for message in context.iter("message"):
            key = (name, message.findtext("source", ""), message.findtext("comment", ""))
            translation = message.find("translation")
            found[key] = None if translation is None else translation.get("type")
    return found


def stale_report(code: str) -> list[str]:
    """What lupdate would add or drop in the committed .ts (empty: it is up to date)."""
    committed = ts_path(code)
    with tempfile.TemporaryDirectory() as tmp:
        fresh = Path(tmp) / committed.name
        if committed.exists():
            shutil.copyfile(committed, fresh)
        run_lupdate(fresh, code)
        now = messages(fresh)
    before = messages(committed) if committed.exists() else {}
    report = [f"new string [{c}] {s!r}" for (c, s, _m) in sorted(now.keys() - before.keys())]
    report += [
        f"string no longer in the code [{c}] {s!r}"
        for (c, s, _m) in sorted(before.keys() - now.keys())
    ]
    report += [
        f"obsolete entry kept [{c}] {s!r}"
        for (c, s, _m), kind in sorted(before.items())
        if kind in ("obsolete", "vanished")
    ]
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="report stale .ts files only")
    parser.add_argument("--compile-only", action="store_true", help="only run lrelease")
    args = parser.parse_args(argv)
    if args.check:
        stale = False
        for code in LANGUAGES:
            for line in stale_report(code):
                stale = True
                print(f"{ts_path(code).name}: {line}")
        return 1 if stale else 0
    for code in LANGUAGES:
        if not args.compile_only:
            run_lupdate(ts_path(code), code)
        unfinished = [key for key, kind in messages(ts_path(code)).items() if kind]
        for context, source, _comment in unfinished:
            print(f"{ts_path(code).name}: untranslated [{context}] {source!r}")
        run_lrelease(ts_path(code), qm_path(code))
        print(
            f"{qm_path(code).relative_to(ROOT)}: compiled "
            f"({len(unfinished)} string(s) still untranslated)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
