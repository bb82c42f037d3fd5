"""Sample Excel reports of the demo projects, rendered to PDF and PNG with LibreOffice.

    python tools/report_samples.py [--out docs/report] [--keep-xlsx]

For both demo questionnaires, in Danish and English, it sets what a real project has
(client, targets as in seeds 001 and 004, population counts, a benchmark as in seed 002),
writes the report by target group or by mode, converts it to PDF with
``soffice --headless --convert-to pdf`` and renders the first pages with ``pdftoppm``.
The PNGs go in ``docs/report/`` so the report can be looked at without Excel. Needs
LibreOffice Calc and poppler-utils (Debian: ``libreoffice-calc poppler-utils``).
"""

from __future__ import annotations

import argparse
import datetime as dt
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from surveydesk.analysis.report import CLIENT_SETTING, report_content  # noqa: E402
from surveydesk.export.excel import write_report  # noqa: E402
from surveydesk.export.glossary import glossary  # noqa: E402
from surveydesk.io.demo import write_demo  # noqa: E402
from surveydesk.io.reference_files import read_benchmark  # noqa: E402
from surveydesk.store import settings  # noqa: E402

THEMES = ("conversations", "treatment", "outcome", "digital", "premises")
# Seed 002: theme means of all participating municipalities (invented here, with n and sd).
JOBCENTRE_BENCHMARK = """question,statistic,value,n,sd,source
conversations,theme_mean,3.9,4200,0.9,Avg. of 44 municipalities
treatment,theme_mean,3.95,4200,0.9,Avg. of 44 municipalities
outcome,theme_mean,3.5,4200,1.0,Avg. of 44 municipalities
digital,theme_mean,3.4,4100,1.0,Avg. of 44 municipalities
premises,theme_mean,3.8,4150,0.9,Avg. of 44 municipalities
sat_overall,top2,0.62,4200,,Avg. of 44 municipalities
"""
SAMPLES = {  # form: (breakdown, the pages to render)
    "jobcentre": ("target_group", ("front", "themes", "charts", "table")),
    "citizen_service": ("mode", ("front", "themes", "charts", "table")),
}


def _prepare(form: str, path: Path) -> tuple:
    """A demo project with client, targets and (jobcentre) a benchmark."""
    project = write_demo(path, form)
    settings.set_setting(project, CLIENT_SETTING, "Demo Kommune")
    benchmark = ()
    if form == "jobcentre":
        for theme in THEMES:  # seed 001: a theme score of at least 4.0
            settings.set_target(project, theme, "theme_mean", ">=", 4.0)
        settings.set_target(project, "sat_overall", "top2", ">=", 0.79)
        table = path.with_suffix(".csv")
        table.write_text(JOBCENTRE_BENCHMARK, encoding="utf-8")
        benchmark = read_benchmark(table, project.questionnaire)
    else:  # seed 004: at least 79 % positive, at most 6 % negative
        settings.set_target(project, "sat_municipality", "top2", ">=", 0.79)
        settings.set_target(project, "sat_municipality", "bottom2", "<=", 0.06)
    return project, benchmark


def _first_line(pdf: Path, page: int) -> str:
    text = subprocess.run(["pdftotext", "-f", str(page), "-l", str(page), "-layout", str(pdf),
                           "-"], check=True, capture_output=True, text=True, timeout=120)
    return next((line.strip() for line in text.stdout.splitlines() if line.strip()), "")


def _render(workbook: Path, out: Path, stem: str, pages: dict[str, str]) -> list[Path]:
    """The PDF of ``workbook``; for each ``name: title`` the first page starting with
    ``title`` as ``<stem>_<name>.png``."""
    work = workbook.parent
    subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(work),
                    str(workbook)], check=True, capture_output=True, timeout=300)
    pdf = workbook.with_suffix(".pdf")
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True)
    count = int(next(line.split()[-1] for line in info.stdout.splitlines()
                     if line.startswith("Pages:")))
    starts = {page: _first_line(pdf, page) for page in range(1, count + 1)}
    made = []
    for name, title in pages.items():
        page = next((p for p, line in starts.items() if line.startswith(title)), None)
        if page is None:
            raise SystemExit(f"{pdf.name}: no page starts with {title!r}")
        prefix = work / f"{stem}_{name}"
        subprocess.run(["pdftoppm", "-png", "-r", "110", "-f", str(page), "-l", str(page),
                        "-singlefile", str(pdf), str(prefix)], check=True, timeout=300)
        target = out / f"{stem}_{name}.png"
        shutil.move(prefix.with_suffix(".png"), target)
        made.append(target)
    return made


def _titles(content, wanted: tuple[str, ...]) -> dict[str, str]:
    """What the wanted pages start with: the report's title, its theme and charts sheet
    titles, and the first questionnaire group with a table."""
    words = glossary(content.language)
    questionnaire = content.questionnaire
    analysed = set(content.table["question"])
    first_group = next(q.groups[0] for q in questionnaire.answer_questions
                       if q.name in analysed and q.groups)
    titles = {"front": content.title, "themes": words["themes_title"],
              "charts": words["charts_title"],
              "table": questionnaire.group(first_group).label(content.language,
                                                              questionnaire.fallback)}
    return {name: titles[name] for name in wanted}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "report")
    parser.add_argument("--keep-xlsx", action="store_true",
                        help="also keep the workbooks and PDFs in the output folder")
    args = parser.parse_args(argv)
    if not shutil.which("soffice") or not shutil.which("pdftoppm"):
        raise SystemExit("soffice and pdftoppm are needed (Debian: libreoffice-calc "
                         "poppler-utils)")
    args.out.mkdir(parents=True, exist_ok=True)
    for old in args.out.glob("*.png"):
        old.unlink()
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        for form, (breakdown, wanted) in SAMPLES.items():
            project, benchmark = _prepare(form, work / f"{form}.sdproj")
            with project:
                for language in ("da", "en"):
                    content = report_content(project, language=language,
                                             breakdowns=(breakdown,), benchmark=benchmark,
                                             today=dt.date(2026, 11, 26))
                    stem = f"{form}_{language}"
                    workbook = work / f"{stem}.xlsx"
                    write_report(content, workbook)
                    for made in _render(workbook, args.out, stem,
                                        _titles(content, wanted)):
                        print(made.relative_to(ROOT) if made.is_relative_to(ROOT) else made)
                    if args.keep_xlsx:
                        shutil.copy(workbook, args.out / workbook.name)
                        shutil.copy(workbook.with_suffix(".pdf"), args.out / f"{stem}.pdf")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
