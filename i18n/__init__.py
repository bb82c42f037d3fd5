"""Qt translation sources (.ts), compiled catalogues (.qm) and the export glossary."""
