"""Excel report writer (see issue 8)."""
