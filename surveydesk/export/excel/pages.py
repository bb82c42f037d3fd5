"""The report's text pages: the front sheet, the contents and the method and legend sheet."""

from __future__ import annotations

import pandas as pd

from surveydesk.analysis.chart_data import TOTAL
from surveydesk.core.questionnaire import MODES
from surveydesk.export.excel.layout import SHARE_FORMAT, SIGNIFICANT, Layout, number
from surveydesk.export.excel.naming import quoted


def decimal(value: float, language: str) -> str:
    """``0.05`` in English, ``0,05`` in Danish (numbers written into the report's text)."""
    text = f"{value:g}"
    return text.replace(".", ",") if language == "da" else text


def percent(share: float, language: str) -> str:
    """``95%`` in English, ``95 %`` in Danish."""
    return f"{share * 100:.0f} %" if language == "da" else f"{share * 100:.0f}%"


def front(layout: Layout, sheet) -> None:
    content, words, formats = layout.content, layout.words, layout.formats
    bold = formats.get(bold=True)
    sheet.write(0, 0, content.title, formats.get(bold=True, font_size=16))
    facts = []
    if content.client:
        facts.append((words["front_client"], content.client))
    form = content.form_id
    if content.form_version:
        form += ", " + words["front_version"].format(version=content.form_version)
    facts += [(words["front_form"], form), (words["front_generated"], None),
              (words["front_weighting"],
               words["front_weighted" if content.weighted else "front_unweighted"])]
    row = 2
    for label, value in facts:
        sheet.write(row, 0, label, bold)
        if value is None:
            sheet.write_datetime(row, 1, content.generated,
                                 formats.get(num_format="yyyy-mm-dd", align="left"))
        else:
            sheet.write(row, 1, value)
        row += 1
    sheet.write(row + 1, 0, words["front_interviews"], formats.get(bold=True, font_size=12))
    header_row = row + 2
    sheet.write_row(header_row, 0, [words["front_wave"], words["front_fieldwork"]], bold)
    sheet.write_row(header_row, 2, [*(words[f"mode_{mode}"] for mode in MODES),
                                    words["front_total"]],
                    formats.get(bold=True, align="right"))  # over right-aligned numbers
    for i, wave in enumerate(content.waves, start=header_row + 1):
        dates = " – ".join(d for d in (wave.starts_on, wave.ends_on) if d)
        sheet.write(i, 0, wave.label)
        sheet.write(i, 1, dates)
        for j, mode in enumerate(MODES, start=2):
            sheet.write_number(i, j, wave.by_mode.get(mode, 0), formats.get("0"))
        sheet.write_number(i, 2 + len(MODES), wave.total, formats.get("0", bold=True))
    _response_rates(layout, sheet, header_row, 3 + len(MODES))
    row = header_row + 2 + len(content.waves)
    notes = [words[note.key].format(**note.fields) if note.key else note.english
             for note in content.notes] or list(content.warnings)
    if notes:
        sheet.write(row, 0, words["warnings"], bold)
        for k, note in enumerate(notes, start=row + 1):
            sheet.write(k, 0, note)
    sheet.set_column(0, 0, 24)
    sheet.set_column(1, 1, 24)
    headers = [*(words[f"mode_{mode}"] for mode in MODES), words["front_total"],
               words["front_response_rate"]]
    for column, header in enumerate(headers, start=2):  # bold headers need a little more
        sheet.set_column(column, column, max(12, 1.2 * len(header) + 2))
    layout.print_setup(sheet)


def _response_rates(layout: Layout, sheet, header_row: int, column: int) -> None:
    """Each wave's response rate, where population counts are set (the first variable's
    total: every variable counts the same complete interviews)."""
    rates = layout.content.response_rates
    totals = rates[rates["group"] == ""] if not rates.empty else rates
    if totals.empty:
        return
    sheet.write(header_row, column, layout.words["front_response_rate"],
                layout.formats.get(bold=True, align="right"))
    for i, wave in enumerate(layout.content.waves, start=header_row + 1):
        found = totals[totals["wave"] == wave.label]
        rate = number(found.iloc[0]["rate"]) if not found.empty else None
        if rate is not None:
            sheet.write_number(i, column, rate, layout.formats.get(SHARE_FORMAT))


def contents(layout: Layout, sheet) -> None:
    words, formats = layout.words, layout.formats
    bold = formats.get(bold=True)
    sheet.write(0, 0, words["contents_title"], formats.get(bold=True, font_size=14))
    sheet.write_row(2, 0, [words["contents_sheet"], words["contents_table"]], bold)
    for i, (name, title, row) in enumerate(layout.contents, start=3):
        sheet.write(i, 0, name)
        sheet.write_url(i, 1, f"internal:{quoted(name)}!A{row + 1}", string=title)
    sheet.set_column(0, 0, 32)
    sheet.set_column(1, 1, 90)
    sheet.freeze_panes(3, 0)
    layout.print_setup(sheet)


def method(layout: Layout, sheet) -> None:
    content, words, formats = layout.content, layout.words, layout.formats
    bold = formats.get(bold=True, valign="top")
    wrap = formats.get(text_wrap=True, valign="top")
    sheet.write(0, 0, words["method_title"], formats.get(bold=True, font_size=14))
    confidence = percent(1 - content.alpha, content.language)
    targets = [r for r in layout.rows.values()
               if r["wave"] == layout.current and r["breakdown"] == TOTAL
               and r["target_met"] is not None and not pd.isna(r["target_met"])]
    met = sum(bool(r["target_met"]) for r in targets)
    lines = [
        ("method_test", words["method_test_text"]),
        ("method_alpha", words["method_alpha_text"].format(
            alpha=decimal(content.alpha, content.language), confidence=confidence)),
        ("method_low_base", words["method_low_base_text"].format(min_base=content.min_base)),
        ("method_dont_know", words["method_dont_know_in_base" if content.dont_know_in_base
                                   else "method_dont_know_out_of_base"]),
        ("method_weighting", words["method_weighted_text" if content.weighted
                                   else "method_unweighted_text"]),
    ]
    if layout.has_benchmark:
        sources = ", ".join(content.benchmark_sources) or words["benchmark"]
        lines.append(("method_benchmark", words["method_benchmark_text"].format(
            source=sources)))
    if targets:
        lines.append(("method_targets", words["method_targets_text"].format(
            met=met, missed=len(targets) - met)))
    row = 2
    for key, text in lines:
        sheet.write(row, 0, words[key], bold)
        sheet.write(row, 1, text, wrap)
        row += 1
    row += 1
    sheet.write(row, 0, words["legend"], formats.get(bold=True, font_size=12))
    legend = [(SIGNIFICANT, "up", words["legend_up"]),
              (SIGNIFICANT, "down", words["legend_down"])]
    if layout.has_benchmark:
        legend += [(SIGNIFICANT, "up", words["legend_benchmark_up"]),
                   (SIGNIFICANT, "down", words["legend_benchmark_down"])]
    legend.append(("", "low", words["legend_low_base"].format(min_base=content.min_base)))
    for symbol, kind, text in legend:
        row += 1
        style = (formats.get(None, None, True) if kind == "low"
                 else formats.get(None, kind, bold=True))
        sheet.write(row, 0, symbol, style)
        sheet.write(row, 1, text, wrap)
    sheet.set_column(0, 0, 24)
    sheet.set_column(1, 1, 100)
    layout.print_setup(sheet)
