"""The report glossary: both languages complete, every text non-empty."""

from __future__ import annotations

import pytest

from surveydesk.core.errors import UsageError
from surveydesk.export.glossary import glossary, report_languages


def test_danish_and_english_are_the_report_languages():
    assert report_languages() == ("da", "en")


def test_both_languages_have_exactly_the_same_keys():
    assert set(glossary("da")) == set(glossary("en"))
    assert len(glossary("da")) > 30


def test_no_text_is_empty():
    for language in report_languages():
        empty = [key for key, text in glossary(language).items() if not text.strip()]
        assert empty == [], language


def test_placeholders_are_the_same_in_both_languages():
    import string

    def fields(text):
        return {name for _, name, _, _ in string.Formatter().parse(text) if name}

    for key, danish in glossary("da").items():
        assert fields(danish) == fields(glossary("en")[key]), key


def test_danish_words_keep_their_letters():
    assert glossary("da")["sheet_other"] == "Øvrige spørgsmål"


def test_an_unknown_language_is_a_usage_error_naming_the_known_ones():
    with pytest.raises(UsageError, match="da, en"):
        glossary("de")
