"""Importers and exporters of respondent data (CSV, XLSX, SPSS .sav)."""
