"""The report's own words (sheet names, headers, legend, method notes) in Danish and English.

They live in ``i18n/report_glossary.json`` (shipped as ``surveydesk.i18n``) so translators
edit one file, next to the Qt ``.ts`` sources.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from functools import cache
from importlib import resources
from types import MappingProxyType

from surveydesk.core.errors import UsageError

GLOSSARY_FILE = "report_glossary.json"


@cache
def _all() -> Mapping[str, Mapping[str, str]]:
    text = resources.files("surveydesk.i18n").joinpath(GLOSSARY_FILE).read_text("utf-8")
    return MappingProxyType({lang: MappingProxyType(words)
                             for lang, words in json.loads(text).items()})


def report_languages() -> tuple[str, ...]:
    """The languages a report can be written in, e.g. ``("da", "en")``."""
    return tuple(_all())


def glossary(language: str) -> Mapping[str, str]:
    """The report's words in ``language``; an unknown language is a :class:`UsageError`."""
    words = _all()
    if language not in words:
        raise UsageError(f"Reports can be written in {', '.join(words)}, not '{language}'.")
    return words[language]
