"""The analysis mode: pick questions and breakdowns, see tables and charts."""

from surveydesk.gui.analysis.page import AnalysisPage

__all__ = ["AnalysisPage"]
