"""``surveydesk-cli import`` and ``export``: respondent data in and out of a project.
Parsing and messages only; the work is done by :mod:`surveydesk.io.importer`,
:mod:`surveydesk.io.exporter` and :mod:`surveydesk.io.audit_export`.
"""

from __future__ import annotations

import sys
from pathlib import Path

from surveydesk.cli import common
from surveydesk.core.errors import UsageError
from surveydesk.core.questionnaire import MODES


def _import(args) -> int:
    from surveydesk.io.importer import import_file

    with common.open_project(args.project) as project:
        result = import_file(project, Path(args.file), args.wave, args.mode or "web")
    print(result.summary())
    if args.mode is not None and result.already_imported_at is None:
        # An explicit --mode that changes nothing is most likely a misunderstanding.
        if not result.default_mode_rows:
            print(f"warning: --mode {args.mode} was not used: every row of {result.file_name} "
                  "has its own mode value.", file=sys.stderr)
        elif result.default_mode_rows < result.rows:
            print(f"  --mode {args.mode} was used for {result.default_mode_rows:,} of "
                  f"{common.plural(result.rows, 'row')} (the others have their own mode value).")
    common.print_warnings(result.warnings)
    return common.EXIT_OK


def _export(args) -> int:
    from surveydesk.io import exporter
    from surveydesk.io.audit_export import audit_path, write_audit_log

    if args.format == "sav" and (args.labels or args.delimiter != ","):
        raise UsageError("--labels and --delimiter apply to --format csv only.")
    out = common.output(args, what="data file")
    with common.open_project(args.project) as project:
        if args.format == "csv":
            result = exporter.export_csv(project, out, wave=args.wave, language=args.lang,
                                         labels=args.labels, replace=args.force,
                                         delimiter="\t" if args.delimiter == "tab"
                                         else args.delimiter)
        else:
            result = exporter.export_sav(project, out, wave=args.wave, language=args.lang,
                                         replace=args.force)
        # The audit log goes with the data file: it is written whole from the append-only
        # log each time, so an earlier one (of data.csv, when this is data.sav) is replaced.
        audit = None if args.no_audit else write_audit_log(
            project, audit_path(out), wave=args.wave, replace=True,
            delimiter=";" if args.delimiter == ";" else ",")
    common.print_warnings(result.warnings)
    waves = ", ".join(result.waves) or "none"
    print(f"Wrote {result.rows} interviews × {result.columns} columns (waves: {waves}) "
          f"to {result.path}.")
    if audit is not None:
        print(f"Wrote the audit log ({common.plural(audit.entries, 'entry', 'entries')}) to "
              f"{audit.path}.")
    return common.EXIT_OK


def add_commands(commands: common.Commands) -> None:
    """Add ``import`` and ``export``."""
    imp = commands.command("import", "import respondent data (CSV, XLSX, SPSS .sav) into a "
                           "wave", _import)
    imp.add_argument("file", metavar="FILE", help=common.DATA_FILE_HELP)
    imp.add_argument("--wave", required=True, metavar="LABEL",
                     help="the wave to import into, e.g. 2024 (created if new)")
    imp.add_argument("--mode", choices=MODES,
                     help="how the answers were collected, for rows without a value in a "
                          "'mode' column (default: web)")

    exp = commands.command("export", "export respondent data to CSV or SPSS .sav", _export)
    exp.add_argument("--format", required=True, choices=("csv", "sav"),
                     help="csv (Excel reads it) or sav (SPSS, PSPP)")
    exp.add_argument("--wave", metavar="LABEL", help="only this wave (default: all waves)")
    exp.add_argument("--lang", metavar="CODE", help="language of labels, e.g. da or en "
                     "(default: the form's default language)")
    exp.add_argument("--labels", action="store_true",
                     help="csv: write select_one answers as labels instead of choice names")
    exp.add_argument("--delimiter", default=",", choices=(",", ";", "tab"), metavar="SEP",
                     help="csv: field separator: ',' (default), ';' (also writes decimal "
                          "commas, as Danish Excel reads them) or tab")
    common.add_output(exp, "OUT", "the file to write, e.g. 2022.csv or data.sav")
    exp.add_argument("--no-audit", action="store_true",
                     help="do not write the audit log beside the data (OUT_audit.csv, replaced "
                          "if it exists)")
