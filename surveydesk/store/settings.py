"""Project settings, targets and population counts: small tables beside the answers.

Plain values in and out; the analysis package turns them into its own types.
"""

from __future__ import annotations

from collections.abc import Iterable

from surveydesk.core.errors import UsageError
from surveydesk.store.project import Project

TargetRow = tuple[str, str, str, float]  # question, statistic, operator, value
PopulationRow = tuple[str, str, str, float]  # wave ('' = all), variable, group, population


def get_setting(project: Project, key: str, default: str | None = None) -> str | None:
    value = project.db.scalar("SELECT value FROM project_setting WHERE key = ?", (key,))
    return default if value is None else value


def whole_number_setting(project: Project, key: str, default: int) -> int:
    """A setting that must be a whole number of 1 or more (``default`` when not set)."""
    text = get_setting(project, key, str(default)) or ""
    try:
        value = int(text.strip())
    except ValueError:
        value = 0
    if value < 1:
        raise UsageError(f"The project setting {key} is '{text}'; it must be a whole number "
                         "of 1 or more.")
    return value


def set_setting(project: Project, key: str, value: str) -> None:
    with project.db.transaction():
        project.db.execute(
            "INSERT INTO project_setting (key, value) VALUES (?, ?) "
            "ON CONFLICT (key) DO UPDATE SET value = excluded.value", (key, value))


def settings(project: Project) -> dict[str, str]:
    return dict(project.db.rows("SELECT key, value FROM project_setting ORDER BY key"))


def targets(project: Project) -> list[TargetRow]:
    return [tuple(row) for row in project.db.rows(
        "SELECT question, statistic, operator, value FROM target ORDER BY question, statistic")]


def set_target(project: Project, question: str, statistic: str, operator: str,
               value: float) -> None:
    with project.db.transaction():
        project.db.execute(
            "INSERT INTO target (question, statistic, operator, value) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (question, statistic) DO UPDATE SET operator = excluded.operator, "
            "value = excluded.value", (question, statistic, operator, value))


def clear_targets(project: Project, question: str | None = None,
                  statistic: str | None = None) -> int:
    """Remove targets (all, one question's, or one statistic's); returns how many."""
    sql, parameters = "DELETE FROM target", []
    if question is not None:
        sql += " WHERE question = ?"
        parameters.append(question)
        if statistic is not None:
            sql += " AND statistic = ?"
            parameters.append(statistic)
    with project.db.transaction():
        return project.db.execute(sql, parameters).rowcount


def population_counts(project: Project) -> list[PopulationRow]:
    return [tuple(row) for row in project.db.rows(
        "SELECT wave, variable, group_name, population FROM population "
        "ORDER BY wave, variable, rowid")]


def replace_population_counts(project: Project, rows: Iterable[PopulationRow]) -> int:
    """Replace every stored population count with ``rows`` in one transaction."""
    rows = list(rows)
    with project.db.transaction():
        project.db.execute("DELETE FROM population")
        project.db.executemany(
            "INSERT INTO population (wave, variable, group_name, population) "
            "VALUES (?, ?, ?, ?)", rows)
    return len(rows)


QuotaProgress = tuple[str, str, int, int]  # variable, group, target, complete interviews


def set_quota(project: Project, variable: str, group: str, target: int) -> None:
    with project.db.transaction():
        project.db.execute(
            "INSERT INTO quota (variable, group_name, target) VALUES (?, ?, ?) "
            "ON CONFLICT (variable, group_name) DO UPDATE SET target = excluded.target",
            (variable, group, target))


def clear_quotas(project: Project, variable: str | None = None) -> int:
    sql, parameters = "DELETE FROM quota", ()
    if variable is not None:
        sql, parameters = sql + " WHERE variable = ?", (variable,)
    with project.db.transaction():
        return project.db.execute(sql, parameters).rowcount


def quota_progress(project: Project, wave: str) -> list[QuotaProgress]:
    """Every quota with the complete interviews of ``wave`` in its group so far."""
    quotas = project.db.rows("SELECT variable, group_name, target FROM quota "
                             "ORDER BY variable, rowid")
    progress = []
    counts: dict[str, dict[str, int]] = {}
    for variable, group, target in quotas:
        if variable not in counts:
            rows = project.db.rows(
                "SELECT CASE WHEN ? = 'mode' THEN i.mode "
                "ELSE json_extract(i.answers, '$.\"' || ? || '\"') END AS g, COUNT(*) "
                "FROM interview i JOIN wave w ON w.id = i.wave_id "
                "WHERE w.label = ? AND i.status = 'complete' AND i.deleted_at IS NULL "
                "GROUP BY g", (variable, variable, wave))
            counts[variable] = {str(g): n for g, n in rows if g is not None}
        progress.append((variable, group, target, counts[variable].get(group, 0)))
    return progress
