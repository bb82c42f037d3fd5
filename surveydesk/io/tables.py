"""Read respondent data files (CSV, XLSX, SPSS .sav) into a header and a table of text cells.

Everything is read as text here; checking the text against the questionnaire is the
importer's job. What Danish users actually send is accepted: CSV in UTF-8, UTF-8 with BOM
or Windows-1252 (Danish Excel's "CSV (semikolonsepareret)"), with ``,``, ``;`` or tab
between fields.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from surveydesk.core.errors import DataImportError, Problem

MAX_FILE_BYTES = 2 * 1024**3
_DELIMITERS = (",", ";", "\t")


@dataclass(frozen=True)
class RawTable:
    """A data file as text: ``header`` names and ``cells`` (all ``str``, '' when empty).

    ``cells`` row ``i`` is line/row ``i + 2`` of the file as a spreadsheet shows it.
    """

    file_name: str
    header: tuple[str, ...]
    cells: pd.DataFrame
    value_labels: dict[str, dict[str, str]] | None = None  # .sav: column -> code -> label


def _fail(file_name: str, message: str) -> DataImportError:
    return DataImportError(f"{file_name}: {message} Nothing was imported.", [])


def decode_text(data: bytes, file_name: str) -> str:
    """Decode CSV bytes: BOM -> UTF-8; valid UTF-8 -> UTF-8; otherwise Windows-1252."""
    if b"\x00" in data[:65536]:
        raise _fail(file_name, "the file contains binary data; it is not a CSV text file.")
    if data.startswith(b"\xef\xbb\xbf"):
        try:
            return data[3:].decode("utf-8")
        except UnicodeDecodeError as error:
            raise _fail(file_name, f"the file says it is UTF-8 but byte {error.start + 3} "
                                   "is not valid UTF-8.") from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError as error:
        raise _fail(file_name, f"the text encoding is neither UTF-8 nor Windows-1252 (byte "
                               f"{error.start}). Save the file as 'CSV UTF-8'.") from None


def detect_delimiter(first_line: str) -> str:
    """The delimiter that splits the header line most often (',' on a tie)."""
    counts = {d: first_line.count(d) for d in _DELIMITERS}
    best = max(_DELIMITERS, key=lambda d: counts[d])
    return best if counts[best] > 0 else ","


def read_csv(path: Path) -> RawTable:
    name = path.name
    data = _read_bytes(path)
    text = decode_text(data, name)
    if not text.strip():
        raise _fail(name, "the file is empty.")
    delimiter = detect_delimiter(text.split("\n", 1)[0])
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        rows = list(reader)
    except csv.Error as error:
        raise _fail(name, f"line {reader.line_num}: the CSV is malformed ({error}).") from None
    while rows and not any(cell.strip() for cell in rows[-1]):
        rows.pop()
    if not rows:
        raise _fail(name, "the file is empty.")
    header = tuple(cell.strip() for cell in rows[0])
    problems = [
        Problem(f"the row has {len(row)} fields but the header has {len(header)}", name,
                row=number)
        for number, row in enumerate(rows[1:], start=2)
        if len(row) != len(header) and any(cell.strip() for cell in row)
    ]
    if problems:
        raise DataImportError(f"{name}: rows do not match the header. Nothing was imported.",
                              problems)
    body = [row for row in rows[1:] if len(row) == len(header)]
    cells = pd.DataFrame(body, columns=range(len(header)), dtype=object)
    return RawTable(name, header, cells)


def _read_bytes(path: Path) -> bytes:
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise _fail(path.name, f"the file is {size / 1024**3:.1f} GB; the limit is 2 GB.")
        return path.read_bytes()
    except FileNotFoundError:
        raise _fail(str(path), "no such file.") from None
    except IsADirectoryError:
        raise _fail(str(path), "this is a folder, not a data file.") from None
    except OSError as error:
        raise _fail(str(path), f"the file cannot be read ({error.strerror}).") from None


def _excel_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float):
        if math.isnan(value):
            return ""
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def read_xlsx(path: Path) -> RawTable:
    """The first sheet of a workbook; row 1 is the header."""
    from openpyxl import load_workbook

    name = path.name
    data = _read_bytes(path)
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, TypeError):
        raise _fail(name, "this is not an Excel .xlsx workbook that can be read.") from None
    try:
        rows = [[_excel_text(v) for v in row]
                for row in workbook.worksheets[0].iter_rows(values_only=True)]
    finally:
        workbook.close()
    while rows and not any(cell.strip() for cell in rows[-1]):
        rows.pop()
    if not rows:
        raise _fail(name, "the first sheet is empty.")
    width = max(len(row) for row in rows)
    while width and not any(len(r) >= width and r[width - 1].strip() for r in rows):
        width -= 1
    rows = [(row + [""] * width)[:width] for row in rows]
    header = tuple(cell.strip() for cell in rows[0])
    return RawTable(name, header, pd.DataFrame(rows[1:], columns=range(width), dtype=object))


def read_sav(path: Path) -> RawTable:
    """An SPSS .sav file; coded variables come back with their value labels."""
    import pyreadstat

    name = path.name
    _read_bytes(path)  # the same existence and size checks as other formats
    try:
        frame, meta = pyreadstat.read_sav(str(path), apply_value_formats=False,
                                          dates_as_pandas_datetime=False)
    except Exception as error:  # pyreadstat raises its own types for damaged files
        raise _fail(name, f"this is not an SPSS .sav file that can be read ({error}).") from None
    header = tuple(frame.columns)
    cells = pd.DataFrame(
        {i: [_excel_text(v) for v in frame[column]] for i, column in enumerate(header)},
        dtype=object,
    )
    labels = {
        column: {_excel_text(code): str(label) for code, label in mapping.items()}
        for column, mapping in (meta.variable_value_labels or {}).items()
    }
    return RawTable(name, header, cells, labels)


READERS = {".csv": read_csv, ".txt": read_csv, ".xlsx": read_xlsx, ".sav": read_sav}


def read_table(path: Path) -> RawTable:
    """Read any supported data file, chosen by its extension."""
    path = Path(path)
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        raise _fail(path.name, f"files of type '{path.suffix or '(none)'}' cannot be imported; "
                               "use .csv, .xlsx or .sav.")
    return reader(path)
