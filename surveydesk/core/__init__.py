"""Questionnaire model, XLSForm reading, expressions and validation. Pure Python: no Qt, no SQL."""
