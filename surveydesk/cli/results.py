"""``surveydesk-cli`` commands for results: ``tables``, ``targets``, ``population`` and
``report`` (the client's Excel workbook in Danish or English). Parsing and messages only;
the figures come from :mod:`surveydesk.analysis`, the workbook from
:mod:`surveydesk.export.excel`.
"""

from __future__ import annotations

from pathlib import Path

from surveydesk.cli import common
from surveydesk.core.errors import UsageError

# The languages of i18n/report_glossary.json, shown in --help (a test keeps them equal, so
# that building the parser does not read the glossary).
REPORT_LANGUAGES = ("da", "en")
BENCHMARK_HELP = "CSV/XLSX of reference values: question,statistic,value[,n,sd]"


def _benchmark(args, project):
    from surveydesk.io.reference_files import read_benchmark

    return read_benchmark(Path(args.benchmark), project.questionnaire) if args.benchmark else ()


# -- tables ---------------------------------------------------------------------------------
def _tables(args) -> int:
    from surveydesk.analysis.project_tables import tables_for_project
    from surveydesk.analysis.tables import TableOptions
    from surveydesk.io.tidy import write_tidy

    out = common.output(args, what="table file")
    with common.open_project(args.project) as project:
        options = TableOptions(
            breakdowns=tuple(args.by or ()),
            waves=(args.wave,) if args.wave else None,
            questions=tuple(args.question) if args.question else None,
            alpha=args.alpha, min_base=args.min_base, adjust=args.adjust == "bh",
            weighted=args.weighted, benchmark=_benchmark(args, project),
            dont_know_in_base=args.dont_know_in_base,
        )
        result = tables_for_project(project, options)
    write_tidy(result.table, out, args.format, result.response_rates,
               protect=Path(args.project), replace=args.force)
    common.print_warnings(result.warnings)
    adjusted = "Benjamini-Hochberg adjusted" if args.adjust == "bh" else "not adjusted"
    print(f"Wrote {len(result.table)} cells to {args.output} (alpha {args.alpha}, "
          f"p-values {adjusted}{', weighted' if args.weighted else ''}).")
    return common.EXIT_OK


# -- targets --------------------------------------------------------------------------------
def _targets_set(args) -> int:
    from surveydesk.analysis.reference import (
        AT_LEAST,
        AT_MOST,
        Target,
        check_statistic,
        parse_value,
    )
    from surveydesk.store import settings

    operator, text = (AT_LEAST, args.at_least) if args.at_least is not None else (
        AT_MOST, args.at_most)
    with common.open_project(args.project) as project:
        check_statistic(project.questionnaire, args.question, args.statistic)
        value = parse_value(text, args.statistic)
        settings.set_target(project, args.question, args.statistic, operator, value)
    print(f"Target set: {Target(args.question, args.statistic, operator, value).describe()}.")
    return common.EXIT_OK


def _targets_list(args) -> int:
    from surveydesk.analysis.reference import Target
    from surveydesk.store import settings

    with common.open_project(args.project) as project:
        rows = settings.targets(project)
    if not rows:
        print("No targets set.")
    for row in rows:
        print(Target(*row).describe())
    return common.EXIT_OK


def _targets_clear(args) -> int:
    from surveydesk.store import settings

    with common.open_project(args.project) as project:
        removed = settings.clear_targets(project, args.question, args.statistic)
    print(f"Removed {removed} target{'s' if removed != 1 else ''}.")
    return common.EXIT_OK


# -- population -----------------------------------------------------------------------------
def _population_set(args) -> int:
    from surveydesk.io.reference_files import read_population
    from surveydesk.store import settings

    with common.open_project(args.project) as project:
        rows = read_population(Path(args.file), project.questionnaire)
        stored = settings.replace_population_counts(project, rows)
    variables = ", ".join(sorted({row[1] for row in rows}))
    print(f"Stored {stored} population counts ({variables}); they replace any earlier ones.")
    return common.EXIT_OK


def _population_show(args) -> int:
    from surveydesk.analysis.project_tables import project_response_rates

    with common.open_project(args.project) as project:
        rates = project_response_rates(project)
    if rates.empty:
        print("No population counts set: use 'surveydesk-cli population set PROJECT FILE'.")
        return common.EXIT_OK
    print(f"{'wave':<10}{'variable':<18}{'group':<28}{'population':>11}{'answers':>9}"
          f"{'rate':>8}")
    for row in rates.itertuples():
        group = row.group or "(total)"
        print(f"{row.wave:<10}{row.variable:<18}{group:<28}{row.population:>11,.0f}"
              f"{row.answers:>9}{row.rate:>8.1%}")
    return common.EXIT_OK


# -- report ---------------------------------------------------------------------------------
def _report(args) -> int:
    from surveydesk.analysis.report import report_content
    from surveydesk.export.excel import REPORT_SUFFIX, write_report
    from surveydesk.export.glossary import glossary

    if args.lang is not None:
        glossary(args.lang)  # an unknown language is refused before the project is read
    out = common.output(args, what="report", suffixes=REPORT_SUFFIX)
    with common.open_project(args.project) as project:
        questionnaire = project.questionnaire
        language = args.lang or questionnaire.default_language
        if args.lang is None and language not in REPORT_LANGUAGES:
            raise UsageError(f"The form's default language is '{language}', and reports can "
                             f"be written in {', '.join(REPORT_LANGUAGES)}; choose one with "
                             "--lang.")
        names = {lang.code: lang.name for lang in questionnaire.languages}
        benchmark = _benchmark(args, project)
        content = report_content(project, language=language,
                                 breakdowns=tuple(args.by or ()), weighted=args.weighted,
                                 benchmark=benchmark, headline=tuple(args.chart or ()))
    write_report(content, out, replace=args.force)
    common.print_warnings(content.warnings)
    questions = content.table["question"].nunique()
    chosen = "" if args.lang else ", the form's default language"
    print(f"Wrote report {out} in {names.get(language, language)} ({language}{chosen}): "
          f"{questions} questions and themes, waves "
          f"{', '.join(w.label for w in content.waves)}"
          f"{', weighted' if args.weighted else ''}"
          f"{', with benchmark' if benchmark else ''}.")
    return common.EXIT_OK


def add_commands(commands: common.Commands) -> None:
    """Add ``tables``, ``targets``, ``population`` and ``report``."""
    tables = commands.command("tables", "compute result tables with significance tests",
                              _tables)
    tables.add_argument("--by", action="append", metavar="Q",
                        help="break down by a select_one question, 'mode' or 'wave' "
                             "(give up to two)")
    tables.add_argument("--wave", metavar="LABEL", help="only this wave's cells (still "
                        "compared with the wave before it)")
    tables.add_argument("--question", action="append", metavar="Q",
                        help="only this question or theme (repeatable; default: all)")
    tables.add_argument("--weighted", action="store_true",
                        help="weight to the population counts set with 'population set'")
    tables.add_argument("--benchmark", metavar="FILE", help=BENCHMARK_HELP)
    tables.add_argument("--alpha", type=common.probability, default=0.05,
                        help="significance level (default 0.05)")
    tables.add_argument("--min-base", type=common.count, default=30,
                        help="cells with this many answers or fewer are low base (default 30)")
    tables.add_argument("--adjust", choices=("none", "bh"), default="none",
                        help="Benjamini-Hochberg adjustment of p-values per question table")
    tables.add_argument("--dont-know-in-base", action="store_true",
                        help="count don't-know answers in the top2/bottom2 base")
    tables.add_argument("--format", required=True, choices=("csv", "json", "xlsx"),
                        help="the file type of OUT")
    common.add_output(tables, "OUT", "the file to write, one tidy row per cell")

    targets = commands.group("targets", "set, list or clear result targets",
                             "Targets for results, e.g. top2 at least 79%.")
    target_set = targets.command("set", "set the target of a question or theme statistic",
                                 _targets_set)
    target_set.add_argument("question", metavar="QUESTION_OR_THEME",
                            help="a question name, or a theme (group) name of the form")
    target_set.add_argument("statistic", metavar="STATISTIC",
                            help="e.g. top2, bottom2, mean, theme_mean, share:5")
    bound = target_set.add_mutually_exclusive_group(required=True)
    bound.add_argument("--at-least", metavar="VALUE", help="e.g. 79%% or 4.0")
    bound.add_argument("--at-most", metavar="VALUE", help="e.g. 6%%")
    targets.command("list", "list the targets", _targets_list)
    target_clear = targets.command("clear", "remove targets (all, or of one "
                                   "question/statistic)", _targets_clear)
    target_clear.add_argument("question", nargs="?", metavar="QUESTION_OR_THEME",
                              help="only the targets of this question or theme")
    target_clear.add_argument("statistic", nargs="?", metavar="STATISTIC",
                              help="only the target of this statistic")

    population = commands.group("population", "population counts for response rates and "
                                "weighting", "Population counts per group, for response "
                                "rates and weights.")
    population_set = population.command("set", "store population counts from a CSV/XLSX file "
                                         "(columns variable,group,population[,wave])",
                                         _population_set)
    population_set.add_argument("file", metavar="FILE",
                                help="CSV/XLSX with columns variable,group,population[,wave]")
    population.command("show", "show the response-rate table", _population_show)

    report = commands.command("report", "write the Excel report (Danish or English) for the "
                              "client", _report)
    report.add_argument("--lang", metavar="{" + ",".join(REPORT_LANGUAGES) + "}",
                        help="the report language: da (Danish) or en (English) (default: "
                             "the form's default language)")
    report.add_argument("--by", action="append", metavar="QUESTION",
                        help="break every table down by a select_one question, 'mode' or "
                             "'wave' (at most twice)")
    report.add_argument("--weighted", action="store_true",
                        help="weight each wave to the stored population counts")
    report.add_argument("--benchmark", metavar="FILE",
                        help="compare the totals with published values (CSV/XLSX with "
                             "columns question,statistic,value[,n,sd,source])")
    report.add_argument("--chart", action="append", metavar="QUESTION",
                        help="a headline question to chart (repeatable); questions with a "
                             "target are always charted")
    common.add_output(report, "OUT.xlsx", "the workbook to write")
