"""The report opens in another spreadsheet program: LibreOffice renders it to PDF, and the
PDF's text holds the title, the theme scores, the charts sheet and the tables.

Skipped where LibreOffice (``soffice``) or poppler (``pdftotext``) is not installed; CI
installs both (``.ci/run``). ``tools/report_samples.py`` renders the sample pages in
``docs/report/`` the same way."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess

import pytest

from surveydesk.analysis.report import report_content
from surveydesk.export.excel import write_report
from surveydesk.export.glossary import glossary
from surveydesk.io.demo import write_demo
from surveydesk.store import settings
from surveydesk.store.project import Project

pytestmark = pytest.mark.skipif(
    not (shutil.which("soffice") and shutil.which("pdftotext")),
    reason="LibreOffice (soffice) and poppler-utils (pdftotext) are not installed")


@pytest.mark.parametrize("language", ["da", "en"])
def test_libreoffice_renders_the_report_with_its_sheets_and_charts(tmp_path, language):
    path = tmp_path / "jobcentre.sdproj"
    with write_demo(path, "jobcentre") as project:
        settings.set_target(project, "sat_overall", "top2", ">=", 0.79)
    with Project.open(path) as project:
        content = report_content(project, language=language, breakdowns=("mode",),
                                 today=dt.date(2026, 11, 26))
    workbook = tmp_path / f"report_{language}.xlsx"
    write_report(content, workbook)
    profile = (tmp_path / "profile").as_uri()  # a fresh profile: no lock, no first-run
    subprocess.run(["soffice", f"-env:UserInstallation={profile}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), str(workbook)],
                   check=True, capture_output=True, timeout=240)
    pdf = workbook.with_suffix(".pdf")
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True,
                          capture_output=True, text=True, timeout=60).stdout
    words = glossary(language)
    questionnaire = content.questionnaire
    for expected in (content.title, words["themes_title"], words["charts_title"],
                     questionnaire.group("treatment").label(language),
                     words["method_title"]):
        assert expected in text, expected
    if language == "da":
        assert "Udbyttet af dit forløb" in text  # æ, ø, å survive the round trip
