"""The audit log beside exported data: ``<out stem>_audit.csv``.

``surveydesk-cli export`` writes it with every data file (``--no-audit`` leaves it out), so
the analyst receives the history of every answer changed after it was given, and of what
was done to the project (e.g. that the call list's contact data was removed). Columns:
``at, who, interview_uuid, respondent_id, wave, question, old_value, new_value, reason``;
project events have no interview. UTF-8 with a BOM, like the data CSV; text cells starting
with ``= + - @`` get a leading ``'`` so that Excel never runs them as formulas.
"""

from __future__ import annotations

import csv
from dataclasses import astuple, dataclass
from pathlib import Path

from surveydesk.core.answers import FORMULA_STARTS
from surveydesk.io.files import write_atomically
from surveydesk.store.audit import AUDIT_COLUMNS, audit_rows
from surveydesk.store.project import Project


@dataclass(frozen=True)
class AuditExport:
    path: Path
    entries: int


def audit_path(out: Path) -> Path:
    """Where the audit log of the export ``out`` goes: ``<stem>_audit.csv`` beside it."""
    out = Path(out)
    return out.with_name(f"{out.stem}_audit.csv")


def write_audit_log(project: Project, out: Path, *, wave: str | None = None,
                    delimiter: str = ",", replace: bool = False) -> AuditExport:
    """Write the audit log (of ``wave``'s interviews and every project event) to ``out``."""
    rows = audit_rows(project, wave)

    def cell(value: str) -> str:
        return "'" + value if value.startswith(FORMULA_STARTS) else value

    def write(path: Path) -> None:
        with open(path, "w", encoding="utf-8-sig", newline="") as handle:
            writer = csv.writer(handle, delimiter=delimiter, lineterminator="\r\n")
            writer.writerow(AUDIT_COLUMNS)
            writer.writerows([cell(v) for v in astuple(row)] for row in rows)

    write_atomically(Path(out), write, what="audit log", replace=replace, protect=project.path)
    return AuditExport(Path(out), len(rows))
