"""The analysis mode: pick questions and breakdowns, see tables and charts."""
