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
# A free-text answer may be long; the csv module's default limit (128 KiB) is not a user's.
csv.field_size_limit(64 * 1024**2)
_DELIMITERS = (",", ";", "\t")


@dataclass(frozen=True)
class RawTable:
    """A data file as text: ``header`` names and ``cells`` (all ``str``, '' when empty).

    Rows with no value at all are left out. ``row_numbers[i]`` is the row of ``cells`` row
    ``i`` as a spreadsheet program shows the file (the header is row 1).
    """

    file_name: str
    header: tuple[str, ...]
    cells: pd.DataFrame
    value_labels: dict[str, dict[str, str]] | None = None  # .sav: column -> code -> label
    row_numbers: tuple[int, ...] | None = None

    def row_number(self, index: int) -> int:
        return self.row_numbers[index] if self.row_numbers is not None else index + 2


def _fail(file_name: str, message: str) -> DataImportError:
    return DataImportError(f"{file_name}: {message} Nothing was imported.", [])


def _table(name: str, rows: list[list[str]], value_labels=None) -> RawTable:
    """Header and the non-empty rows, remembering each row's number in the file."""
    header = tuple(cell.strip() for cell in rows[0])
    numbers, body = [], []
    for number, row in enumerate(rows[1:], start=2):
        if any(cell.strip() for cell in row):
            numbers.append(number)
            body.append(row)
    cells = pd.DataFrame(body, columns=range(len(header)), dtype=object)
    return RawTable(name, header, cells, value_labels, tuple(numbers))


_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


def decode_text(data: bytes, file_name: str) -> str:
    """Decode CSV bytes: a BOM says UTF-8 or UTF-16 (Excel's "Unicode text"); otherwise
    valid UTF-8 is UTF-8 and anything else Windows-1252 (Danish Excel's CSV)."""
    if data.startswith(_UTF16_BOMS):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise _fail(file_name, "the file says it is UTF-16 text but cannot be read as "
                                   "such.") from None
    if b"\x00" in data:
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
    """The delimiter that splits the header line most often (',' on a tie).

    A header without any delimiter is a one-column file: then a tab is used, so that a
    decimal comma in the data does not split the values.
    """
    counts = {d: first_line.count(d) for d in _DELIMITERS}
    best = max(_DELIMITERS, key=lambda d: counts[d])
    return best if counts[best] > 0 else "\t"


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
    width = len(rows[0])
    problems = [
        Problem(f"the row has {len(row)} fields but the header has {width}", name,
                row=number)
        for number, row in enumerate(rows[1:], start=2)
        if len(row) != width and any(cell.strip() for cell in row)
    ]
    if problems:
        raise DataImportError(f"{name}: rows do not match the header. Nothing was imported.",
                              problems)
    return _table(name, [row if len(row) == width else [""] * width for row in rows])


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
    """The first sheet of a workbook; row 1 is the header.

    Formulas count with the result Excel stored for them; a formula without a stored result
    (a workbook written by a program, never opened in Excel) is an error, not an empty cell.
    """
    from openpyxl import load_workbook

    name = path.name
    data = _read_bytes(path)
    try:
        values = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        formulas = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, TypeError):
        raise _fail(name, "this is not an Excel .xlsx workbook that can be read.") from None
    problems: list[Problem] = []
    try:
        value_sheet, formula_sheet = values.worksheets[0], formulas.worksheets[0]
        for sheet in (value_sheet, formula_sheet):
            sheet.reset_dimensions()  # a stale <dimension> must not cut rows or columns
        rows = []
        for number, (shown, written) in enumerate(zip(
                value_sheet.iter_rows(values_only=True),
                formula_sheet.iter_rows(values_only=True), strict=False), start=1):
            row = [_excel_text(v) for v in shown]
            for column, (value, formula) in enumerate(zip(shown, written, strict=False)):
                if value is None and isinstance(formula, str) and formula.startswith("="):
                    problems.append(Problem(
                        "the cell holds a formula without a calculated value; open and save "
                        "the file in Excel, or paste the values", name, row=number,
                        column=f"#{column + 1}", value=formula[:60]))
            rows.append(row)
    except Exception as error:  # damaged sheet XML inside a valid zip
        raise _fail(name, f"the workbook is damaged and cannot be read ({type(error).__name__})."
                    ) from None
    finally:
        values.close()
        formulas.close()
    if problems:
        raise DataImportError(f"{name}: cells without values. Nothing was imported.", problems)
    while rows and not any(cell.strip() for cell in rows[-1]):
        rows.pop()
    if not rows:
        raise _fail(name, "the first sheet is empty.")
    width = max(len(row) for row in rows)
    while width and not any(len(r) >= width and r[width - 1].strip() for r in rows):
        width -= 1
    return _table(name, [(row + [""] * width)[:width] for row in rows])


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
    rows = [list(header)] + [[_excel_text(v) for v in row]
                             for row in frame.itertuples(index=False, name=None)]
    labels = {
        column: {_excel_text(code): str(label) for code, label in mapping.items()}
        for column, mapping in (meta.variable_value_labels or {}).items()
    }
    return _table(name, rows, labels)


READERS = {".csv": read_csv, ".txt": read_csv, ".tsv": read_csv, ".xlsx": read_xlsx,
           ".sav": read_sav}


def read_table(path: Path) -> RawTable:
    """Read any supported data file, chosen by its extension."""
    path = Path(path)
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        if path.is_dir():
            raise _fail(str(path), "this is a folder, not a data file.")
        raise _fail(path.name, f"files of type '{path.suffix or '(none)'}' cannot be imported; "
                               "use .csv, .tsv, .txt, .xlsx or .sav.")
    return reader(path)
