"""Write the tidy results table for other tools: CSV, JSON or XLSX.

CSV is UTF-8 with ',' and a decimal point, booleans as ``true``/``false`` and empty cells for
missing values; JSON is a list of row objects with ``null`` for missing values; XLSX has the
table on sheet ``tables`` (numbers as numbers) and, when population counts are set, the
response rates on sheet ``response_rates``.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import pandas as pd

from surveydesk.core.errors import UsageError
from surveydesk.io.files import write_atomically

FORMATS = ("csv", "json", "xlsx")


def _plain(value):
    if value is None or value is pd.NA:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if hasattr(value, "item"):  # numpy scalars
        return value.item()
    return value


def _records(frame: pd.DataFrame) -> list[dict]:
    columns = list(frame.columns)
    return [dict(zip(columns, map(_plain, row), strict=True))
            for row in frame.itertuples(index=False, name=None)]


def write_tidy(frame: pd.DataFrame, out: Path, fmt: str,
               response_rates: pd.DataFrame | None = None, protect: Path | None = None,
               replace: bool = False) -> None:
    if fmt not in FORMATS:
        raise UsageError(f"Unknown format '{fmt}'; use one of: {', '.join(FORMATS)}.")
    out = Path(out)
    policy = {"what": "table file", "replace": replace, "protect": protect}
    if fmt == "csv":
        text = _csv_ready(frame).to_csv(index=False, lineterminator="\n",
                                        float_format="%.10g")
        write_atomically(out, lambda path: path.write_text(text, encoding="utf-8"), **policy)
    elif fmt == "json":
        text = json.dumps(_records(frame), ensure_ascii=False, indent=1)
        write_atomically(out, lambda path: path.write_text(text + "\n", encoding="utf-8"),
                         **policy)
    else:
        def write(path: Path) -> None:
            with pd.ExcelWriter(path, engine="openpyxl") as writer:
                _excel_ready(frame).to_excel(writer, sheet_name="tables", index=False)
                if response_rates is not None and not response_rates.empty:
                    response_rates.to_excel(writer, sheet_name="response_rates", index=False)
        write_atomically(out, write, **policy)


def _csv_ready(frame: pd.DataFrame) -> pd.DataFrame:
    """Booleans as ``true``/``false`` (empty when unknown), as other tools expect."""
    ready = frame.copy()
    for column in ready.columns:
        if str(ready[column].dtype) in ("bool", "boolean"):
            ready[column] = ready[column].map(
                lambda v: "" if v is pd.NA else ("true" if v else "false"))
    return ready


def _excel_ready(frame: pd.DataFrame) -> pd.DataFrame:
    """Nullable booleans as plain objects so openpyxl writes TRUE/FALSE or an empty cell."""
    ready = frame.copy()
    for column in ready.columns:
        if str(ready[column].dtype) == "boolean":
            ready[column] = ready[column].astype(object).where(ready[column].notna(), None)
    return ready
