"""Read an XLSForm workbook into a :class:`~surveydesk.core.questionnaire.Questionnaire`.

The workbook (.xlsx or legacy .xls) is read by pyxform's own readers, so cells mean what they
mean to the reference converter; the questionnaire is built from the rows here rather than
from pyxform's JSON so that every problem can name its sheet, spreadsheet row and column:
that is what a form author needs to fix a form. The spelling variants real forms use are
accepted: ``list name`` for ``list_name``, ``begin group``/``begin_group``, ``select one X``/
``select_one X``/``select one from X``, ``label:English`` as well as ``label::English (en)``.

All problems are collected and raised together as one :class:`FormError`, so an author
fixes a broken form in one round. A language column with gaps is a warning, not an error:
the label falls back to the default language.
"""

from __future__ import annotations

import functools
import io
import re
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType

from surveydesk.core.errors import ExpressionError, FormError, Problem
from surveydesk.core.expressions import Expression, parse
from surveydesk.core.questionnaire import (
    RESERVED_NAMES,
    Choice,
    ChoiceList,
    Group,
    Language,
    Question,
    Questionnaire,
    QuestionType,
)

TRANSLATABLE = ("label", "hint", "constraint_message", "required_message")
_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_.\-]*$")
_LANG = re.compile(r"^(?P<name>.*?)\s*\((?P<code>[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]+)?)\)\s*$")
_KNOWN_LANGUAGE_CODES = {"english": "en", "dansk": "da", "danish": "da", "default": "default"}
_TRUE = {"yes", "true", "true()", "1", "y", "ja"}
_MAX_ROWS = 20_000  # rows with content: far beyond any real form (the largest seen: ~1,000)


@dataclass
class _Sheet:
    name: str
    header: dict[str, str]  # normalised column key -> header text as written
    rows: list[tuple[int, dict[str, str]]] = field(default_factory=list)


# Other spellings of columns, as pyxform accepts them (pyxform.aliases), per sheet.
_COLUMN_ALIASES = {
    "survey": {"relevance": "relevant", "calculate": "calculation", "caption": "label",
               "constraining_message": "constraint_message", "jr:constraintmsg":
               "constraint_message", "requiredmsg": "required_message", "jr:requiredmsg":
               "required_message", "read_only": "readonly", "count": "repeat_count",
               "jr:count": "repeat_count"},
    "choices": {"caption": "label", "value": "name"},
    "settings": {"set_form_title": "form_title", "set_form_id": "form_id"},
}
# Prefixes the oldest forms put before a column (``bind:relevant``, ``control:appearance``).
_COLUMN_PREFIXES = ("bind:", "control:")


def _normalise_header(text: str, sheet: str = "survey") -> str:
    """``Label::Dansk (da)`` -> ``label::da``; ``list name`` -> ``list_name``;
    ``bind:relevant`` and ``relevance`` -> ``relevant``."""
    text = text.strip()
    for prefix in _COLUMN_PREFIXES:
        if text.lower().startswith(prefix):
            text = text[len(prefix):]
    aliases = _COLUMN_ALIASES.get(sheet, {})
    lowered = text.lower().replace(" ", "_")
    if lowered in aliases:  # jr:constraintMsg holds a colon that is no language
        return aliases[lowered]
    if ":" in text:
        base, _, language = text.replace("::", ":").partition(":")
        base = base.strip().lower().replace(" ", "_")
        return f"{aliases.get(base, base)}::{_language_code(language.strip())[0]}"
    return aliases.get(lowered, lowered)


def _language_code(text: str) -> tuple[str, str]:
    """``Dansk (da)`` -> ``("da", "Dansk")``; ``English`` -> ``("en", "English")``."""
    match = _LANG.match(text)
    if match:
        return match["code"].lower(), match["name"] or match["code"]
    return _KNOWN_LANGUAGE_CODES.get(text.lower(), text.lower()), text


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # a legacy Excel .xls (a compound file)


def _read_bytes(source: Path | bytes, display: str) -> bytes:
    try:
        return source if isinstance(source, bytes) else Path(source).read_bytes()
    except FileNotFoundError:
        raise FormError(f"{display}: the file does not exist.", []) from None
    except IsADirectoryError:
        raise FormError(f"{display}: this is a folder, not a workbook.", []) from None
    except OSError as error:
        raise FormError(f"{display}: the file cannot be read ({error.strerror}).", []) from None


def _load_book(source: Path | bytes, display: str) -> dict:
    """The workbook's sheets as pyxform's readers give them (the reference converter's own
    reading of .xlsx and .xls: cell values as text, trailing empty rows and columns left out,
    a row's place in the list is its spreadsheet row less 2)."""
    data = _read_bytes(source, display)
    if data.startswith(_OLE):
        kind = "xls"
    elif data.startswith(b"PK"):
        kind = "xlsx"
    else:
        raise FormError(f"{display}: this is not an Excel workbook (.xlsx or .xls) that can be "
                        "read as an XLSForm. Save the form as .xlsx and try again.", [])
    # pyxform is a heavy import: only when a form is read.
    from pyxform.errors import PyXFormError
    from pyxform.xls2json_backends import xls_to_dict, xlsx_to_dict

    read = xls_to_dict if kind == "xls" else xlsx_to_dict
    try:
        with warnings.catch_warnings():
            # openpyxl's notes on workbook parts it drops (extensions, headers and footers)
            # say nothing about the form and must not reach the user.
            warnings.simplefilter("ignore")
            return read(io.BytesIO(data))
    except PyXFormError as error:
        detail = str(error).removeprefix("Error reading .xlsx file: ").removeprefix(
            "Error reading .xls file: ")
        if detail.startswith("Duplicate column header: "):
            raise FormError(f"{display} cannot be used as a questionnaire: 1 problem to fix.",
                            [Problem("the column appears twice", display, "", 1,
                                     detail.removeprefix("Duplicate column header: "))]
                            ) from None
        raise FormError(f"{display}: the workbook cannot be read as an .{kind} file "
                        f"({detail}). Open it in Excel, save it as .xlsx and try again.",
                        []) from None
    except Exception as error:  # damaged sheet XML inside a valid zip, and the like
        raise FormError(f"{display}: the workbook is damaged and cannot be read "
                        f"({type(error).__name__}).", []) from None


def _read_sheet(book: dict, wanted: str, display: str, problems: list[Problem]) -> _Sheet | None:
    if wanted not in book:
        return None
    written = next(iter(book.get(f"{wanted}_header") or [{}]))
    header: dict[str, str] = {}
    keys: dict[str, str] = {}  # column as written -> normalised key
    for text in written:
        key = _normalise_header(text, wanted)
        if key in header:
            problems.append(Problem("the column appears twice", display, wanted, 1, text))
        header[key] = text
        keys[text] = key
    sheet = _Sheet(wanted, header)
    for index, raw in enumerate(book[wanted]):
        values = {keys[column]: _cell_text(value) for column, value in raw.items()
                  if column in keys and value is not None}
        if not any(values.values()):
            continue
        if len(sheet.rows) == _MAX_ROWS:
            problems.append(Problem(f"the sheet has more than {_MAX_ROWS:,} rows with "
                                    "content; only the first are checked", display, wanted,
                                    index + 2))
            break
        sheet.rows.append((index + 2, values))
    return sheet


def _translations(row: dict[str, str], column: str, codes: tuple[str, ...]) -> dict[str, str]:
    texts = {code: row.get(f"{column}::{code}", "") for code in codes}
    plain = row.get(column, "")
    if plain:
        # An untranslated column holds the default language's text.
        texts["default"] = plain
    return {code: text for code, text in texts.items() if text}


_SELECT_KINDS = {"select one": "select_one", "select all that apply": "select_multiple"}
# Quotes that Word and Excel put in for ' and " (a form pasted from a document).
_SMART_QUOTES = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"'})


@functools.cache
def _type_aliases() -> tuple[re.Pattern, dict[str, str], dict[str, str]]:
    """pyxform's spellings of the types SurveyDesk knows: the select commands (``select all
    that apply from``, ``select1``, ``add select one prompt using`` …) as a pattern, and the
    other types by their spelling (``string``, ``int``, ``q decimal``, ``add note prompt``
    …), from pyxform's own tables so the two stay in step."""
    from pyxform import aliases
    from pyxform.question_type_dictionary import QUESTION_TYPE_DICT

    known = {name: kind for name, kind in aliases.select.items()
             if kind in _SELECT_KINDS and name not in aliases.select_from_file}
    # SurveyDesk has always read "select multiple X" too (pyxform wants "select_multiple").
    known.setdefault("select multiple", "select all that apply")
    commands = {name.lower(): _SELECT_KINDS[kind] for name, kind in known.items()}
    longest_first = "|".join(map(re.escape, sorted(known, key=len, reverse=True)))
    pattern = re.compile(rf"^(?P<command>{longest_first})\s+(?:from\s+)?(?P<list>\S+)\s*$",
                         re.IGNORECASE)
    kinds = {"string": "text", "int": "integer", "decimal": "decimal", "date": "date",
             "time": "time", "dateTime": "datetime", "geopoint": "geopoint",
             "geotrace": "geotrace", "geoshape": "geoshape", "barcode": "barcode"}
    media = {"image/*": "image", "audio/*": "audio", "video/*": "video"}
    known = {kind.value for kind in QuestionType}
    types: dict[str, str] = {}
    for name, definition in QUESTION_TYPE_DICT.items():
        bind, control = definition.get("bind", {}), definition.get("control", {})
        preloaded = bind.get("jr:preloadParams")
        if bind.get("jr:preload") and preloaded in known:  # imei, get start time, sim id …
            types[name] = preloaded
        elif control.get("tag") == "upload":  # photo, q picture, add audio prompt …
            types[name] = media.get(control.get("mediatype", ""), "file")
        elif control.get("tag") == "trigger":  # q acknowledge, add acknowledge prompt …
            types[name] = "acknowledge"
        elif control.get("tag") == "action":
            types[name] = ("start-geopoint" if bind.get("type") == "geopoint"
                           else "background-audio")
        elif control.get("tag") == "input" and bind.get("readonly") == "true()":
            types[name] = "note"
        elif control.get("tag") == "input" and bind.get("type") in kinds:
            types[name] = kinds[bind["type"]]
        elif not control and bind == {"type": "string"} and "calculate" in name:
            types[name] = "calculate"  # not "hidden", which has no calculation
    return pattern, commands, types



def _split_type(text: str) -> tuple[str, str]:
    """``select one from yesno`` -> ``("select_one", "yesno")``; ``string`` -> ``("text",
    "")``; an unknown type comes back as written, lower case, spaces as ``_``."""
    words = text.split()
    if not words:
        return "", ""
    pattern, commands, types = _type_aliases()
    spaced = " ".join(words)
    match = pattern.match(spaced)
    if match:
        return commands[match["command"].lower()], match["list"]
    for kind in ("select_one", "select_multiple"):  # a select without its list
        if spaced.lower() in (kind, kind.replace("_", " ")):
            return kind, ""
    if spaced in types or spaced.lower() in types:
        return types.get(spaced) or types[spaced.lower()], ""
    return "_".join(w.lower() for w in words), ""


def _parameters(text: str) -> dict[str, str]:
    """``start=0 end=10 step=1`` (spaces, commas or semicolons between) -> a dict."""
    pairs = (item.partition("=") for item in re.split(r"[\s,;]+", text.strip()) if item)
    return {key.strip().lower(): value.strip() for key, sign, value in pairs if sign}


class _FormReader:
    """One pass over a workbook; collects problems instead of stopping at the first."""

    def __init__(self, display: str):
        self.display = display
        self.problems: list[Problem] = []
        self.warnings: list[Problem] = []

    def problem(self, message: str, sheet: str, row: int | None, column: str = "", value=None):
        self.problems.append(Problem(message, self.display, sheet, row, column, value))

    def read(self, source: Path | bytes) -> Questionnaire:
        book = _load_book(source, self.display)
        survey = _read_sheet(book, "survey", self.display, self.problems)
        choices = _read_sheet(book, "choices", self.display, self.problems)
        settings = _read_sheet(book, "settings", self.display, self.problems)
        # pyxform takes the only sheet of a workbook as the survey, whatever its name; a
        # sheet that is neither named so nor has the survey's columns is not one.
        named = any(name.lower() == "survey" for name in book.get("sheet_names", ()))
        if survey is None or (not named and not {"type", "name"} <= survey.header.keys()):
            raise FormError(
                f"{self.display}: the workbook has no 'survey' sheet, so it is not an XLSForm.",
                [],
            )
        for required in ("type", "name"):
            if required not in survey.header:
                self.problem(f"the '{required}' column is missing", "survey", 1, required)
        if self.problems:
            self._raise()
        languages, default = self._languages(survey, choices, settings)
        codes = tuple(language.code for language in languages)
        choice_lists = self._choice_lists(choices, codes) if choices else {}
        questions, groups = self._survey(survey, codes, choice_lists)
        if not self.problems and not any(q.type.holds_answer for q in questions):
            self.problem("the survey sheet has no question to answer (only notes and groups, "
                         "or nothing); add the questions below the header row", "survey",
                         None, "type")
        self._check_language_gaps(survey, choices, codes)
        setting = settings.rows[0][1] if settings and settings.rows else {}
        form_id = setting.get("form_id", "") or Path(self.display).stem
        if not setting.get("form_id"):
            self.warnings.append(Problem(
                f"no form_id in the settings sheet; '{form_id}' (the file name) is used, so "
                "renaming the file changes the form's identity. Add a settings sheet with "
                "form_id and version.", self.display, "settings"))
        if self.problems:
            self._raise()
        return Questionnaire(
            form_id=form_id,
            title=setting.get("form_title", "") or form_id,
            titles=MappingProxyType({
                key.partition("::")[2]: text for key, text in setting.items()
                if key.startswith("form_title::") and text}),
            version=setting.get("version", "") or "1",
            default_language=default,
            languages=languages,
            questions=tuple(questions),
            groups=tuple(groups),
            choice_lists=MappingProxyType(choice_lists),
            warnings=tuple(self.warnings),
        )

    def _raise(self) -> None:
        count = len(self.problems)
        raise FormError(
            f"{self.display} cannot be used as a questionnaire: "
            f"{count} problem{'s' if count != 1 else ''} to fix.",
            self.problems,
        )

    def _languages(self, survey, choices, settings) -> tuple[tuple[Language, ...], str]:
        found: dict[str, Language] = {}
        for sheet in (survey, choices):
            for key, text in (sheet.header.items() if sheet else ()):
                base, _, code = key.partition("::")
                if code and base in TRANSLATABLE and code not in found:
                    written = re.split(r"::?", text, maxsplit=1)[1].strip()
                    found[code] = Language(code, _language_code(written)[1])
        setting = settings.rows[0][1] if settings and settings.rows else {}
        default = _language_code(setting.get("default_language", "") or "-")[0]
        if not found:
            found["default"] = Language("default", "Default")
        if default not in found:
            default = next(iter(found))
        return tuple(found.values()), default

    def _choice_lists(self, sheet, codes) -> dict[str, ChoiceList]:
        for required in ("list_name", "name"):
            if required not in sheet.header:
                self.problem(f"the '{required}' column is missing", "choices", 1, required)
                return {}
        collected: dict[str, list[Choice]] = {}
        seen: dict[tuple[str, str], int] = {}
        for number, row in sheet.rows:
            list_name, name = row.get("list_name", ""), row.get("name", "")
            if not list_name:
                self.problem("the choice has no list_name", "choices", number, "list_name")
                continue
            if not name:
                self.problem("the choice has no name", "choices", number, "name")
                continue
            if (list_name, name) in seen:
                self.problem(
                    f"choice '{name}' appears twice in list '{list_name}' "
                    f"(first in row {seen[list_name, name]})",
                    "choices", number, "name",
                )
                continue
            seen[list_name, name] = number
            score = None
            if row.get("score", ""):
                try:
                    score = float(row["score"].replace(",", "."))
                except ValueError:
                    self.problem(
                        f"the score of choice '{name}' in list '{list_name}' is not a number",
                        "choices", number, "score", row["score"],
                    )
            labels = _translations(row, "label", codes)
            collected.setdefault(list_name, []).append(
                Choice(name, MappingProxyType(labels), score)
            )
        return {name: ChoiceList(name, tuple(items)) for name, items in collected.items()}

    def _expression(self, row: dict[str, str], column: str, number: int) -> Expression | None:
        text = row.get(column, "")
        if not text:
            return None
        plain = text.translate(_SMART_QUOTES)
        if plain != text:
            self.warnings.append(Problem(
                "typographic quotes (‘ ’ “ ”, as Word writes them) are read as ' and \"",
                self.display, "survey", number, column, text))
            text = plain
        try:
            return parse(text)
        except ExpressionError as error:
            self.problem(str(error), "survey", number, column)
            return None

    def _survey(self, sheet, codes, choice_lists):
        questions: list[Question] = []
        groups: list[Group] = []
        open_groups: list[tuple[str, int]] = []
        names: dict[str, int] = {}
        expressions: list[tuple[int, str, Expression]] = []
        for number, row in sheet.rows:
            kind, list_name = _split_type(row.get("type", ""))
            name = row.get("name", "")
            if kind in ("end_repeat", "end_loop"):
                continue  # its begin row was reported (repeats are not supported yet)
            if kind == "end_group":
                if not open_groups:
                    self.problem("end_group without a matching begin_group", "survey",
                                 number, "type")
                else:
                    open_groups.pop()
                continue
            if not kind:
                self.problem("the row has no type", "survey", number, "type")
                continue
            if not name and kind == "note":
                continue  # a note without a name is shown nowhere (as in ODK Collect)
            if not name:
                self.problem(f"the {row.get('type', '').strip()} row has no name; give it one "
                             "in the name column", "survey", number, "name")
                continue
            if not _NAME.match(name):
                self.problem("the name must start with a letter or _ and hold only letters, "
                             "digits, _, - and .", "survey", number, "name", name)
            if name in names:
                self.problem(f"the name '{name}' is already used in row {names[name]}",
                             "survey", number, "name")
                continue
            if name.lower() in RESERVED_NAMES:
                self.problem(f"the name '{name}' is reserved for SurveyDesk's interview columns "
                             f"({', '.join(RESERVED_NAMES)}); rename the question", "survey",
                             number, "name")
            names[name] = number
            parsed = {col: self._expression(row, col, number)
                      for col in ("relevant", "constraint", "calculation")}
            expressions += [(number, col, e) for col, e in parsed.items() if e is not None]
            if kind == "begin_group":
                groups.append(Group(
                    name, MappingProxyType(_translations(row, "label", codes)),
                    parsed["relevant"], open_groups[-1][0] if open_groups else None, number,
                ))
                open_groups.append((name, number))
                continue
            question = self._question(row, number, kind, list_name, name, codes, choice_lists,
                                      parsed, tuple(g for g, _ in open_groups))
            if question is not None:
                questions.append(question)
        for name, number in open_groups:
            self.problem(f"begin_group '{name}' has no matching end_group", "survey", number,
                         "type")
        for number, column, expression in expressions:
            for ref in sorted(expression.references - names.keys()):
                self.problem(f"${{{ref}}} refers to a question that does not exist",
                             "survey", number, column)
        return questions, groups

    def _question(self, row, number, kind, list_name, name, codes, choice_lists, parsed,
                  group_path) -> Question | None:
        try:
            qtype = QuestionType(kind)
        except ValueError:
            asked = ", ".join(t.value for t in QuestionType if t.is_asked)
            self.problem(f"unknown question type '{row.get('type')}' (known: {asked}, "
                         "calculate, begin_group, end_group, the ODK metadata types such as "
                         "start and deviceid, and geopoint, image, audio and barcode)",
                         "survey", number, "type")
            return None
        choice_list = None
        if qtype.is_select:
            if not list_name:
                self.problem(f"{kind} needs a choice list name, e.g. '{kind} yesno'",
                             "survey", number, "type")
            elif list_name not in choice_lists:
                self.problem(f"the choice list '{list_name}' is not on the choices sheet",
                             "survey", number, "type")
            else:
                choice_list = choice_lists[list_name]
        if qtype is QuestionType.RANGE:
            for key, text in _parameters(row.get("parameters", "")).items():
                try:
                    float(text)
                except ValueError:
                    self.problem(f"the range's {key} '{text}' is not a number", "survey",
                                 number, "parameters")
        if qtype is QuestionType.CALCULATE and parsed["calculation"] is None and not row.get(
            "calculation"
        ):
            self.problem("a calculate row needs a calculation", "survey", number, "calculation")
        return Question(
            name=name,
            type=qtype,
            labels=MappingProxyType(_translations(row, "label", codes)),
            hints=MappingProxyType(_translations(row, "hint", codes)),
            choice_list=choice_list,
            required=row.get("required", "").strip().lower() in _TRUE,
            required_messages=MappingProxyType(_translations(row, "required_message", codes)),
            relevant=parsed["relevant"],
            constraint=parsed["constraint"],
            constraint_messages=MappingProxyType(
                _translations(row, "constraint_message", codes)
            ),
            calculation=parsed["calculation"],
            appearance=row.get("appearance", ""),
            groups=group_path,
            row=number,
            parameters=MappingProxyType(_parameters(row.get("parameters", ""))),
        )

    def _check_language_gaps(self, survey, choices, codes) -> None:
        """Warn where a translated column is filled for some rows of a language, not others."""
        if len(codes) < 2:
            return
        for sheet in (survey, choices):
            if sheet is None:
                continue
            for column in TRANSLATABLE:
                present = [c for c in codes if f"{column}::{c}" in sheet.header]
                for number, row in sheet.rows:
                    if row.get("type", "").lower().replace(" ", "_") == "end_group":
                        continue
                    filled = [c for c in present if row.get(f"{column}::{c}")]
                    for code in present:
                        if filled and code not in filled:
                            self.warnings.append(Problem(
                                f"no {code} text; the {filled[0]} text is used instead",
                                self.display, sheet.name, number,
                                sheet.header[f"{column}::{code}"],
                            ))


def read_xlsform(source: Path | str | bytes, display_name: str | None = None) -> Questionnaire:
    """Read an XLSForm workbook (a path or the file's bytes) into a ``Questionnaire``.

    Raises :class:`FormError` listing every problem with its sheet, row and column.
    """
    if isinstance(source, str):
        source = Path(source)
    display = display_name or (source.name if isinstance(source, Path) else "form.xlsx")
    return _FormReader(display).read(source)
