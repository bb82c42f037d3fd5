"""The SurveyDesk project file (SQLite). The only package that contains SQL."""
