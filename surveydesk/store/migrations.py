"""Numbered schema migrations of the project file.

The schema version is SQLite's ``user_version``. Migration ``n`` takes a file from version
``n - 1`` to ``n``. All pending migrations run in one transaction, so a failed migration
leaves the file as it was. Never edit a migration that has shipped: add a new one.
"""

from __future__ import annotations

from surveydesk.core.errors import ProjectFileError
from surveydesk.store.database import Database

_V1 = """
CREATE TABLE project_setting (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

-- Every questionnaire version ever used, with its full workbook, so data entered with an
-- old version stays interpretable after the form changes.
CREATE TABLE form_version (
    id        INTEGER PRIMARY KEY,
    form_id   TEXT NOT NULL,
    version   TEXT NOT NULL,
    title     TEXT NOT NULL,
    workbook  BLOB NOT NULL,
    sha256    TEXT NOT NULL UNIQUE,
    added_at  TEXT NOT NULL
);

CREATE TABLE wave (
    id          INTEGER PRIMARY KEY,
    label       TEXT NOT NULL UNIQUE,
    position    INTEGER NOT NULL UNIQUE,
    starts_on   TEXT,
    ends_on     TEXT,
    -- bumped by every write to the wave's answers; invalidates the column cache
    generation  INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE interview (
    id               INTEGER PRIMARY KEY,
    uuid             TEXT NOT NULL UNIQUE,
    respondent_id    TEXT,
    wave_id          INTEGER NOT NULL REFERENCES wave(id),
    form_version_id  INTEGER NOT NULL REFERENCES form_version(id),
    mode             TEXT NOT NULL CHECK (mode IN ('web', 'in_person', 'phone')),
    status           TEXT NOT NULL CHECK (status IN ('complete', 'partial', 'aborted')),
    interviewer      TEXT,
    device_id        TEXT,
    started_at       TEXT,
    completed_at     TEXT,
    updated_at       TEXT NOT NULL,
    -- The answers as one canonical JSON object {question: stored text}. One row per
    -- interview keeps bulk import and column building fast (100,000 rows, not 6 million);
    -- every change to an answer after it was given is also written to audit_log.
    answers          TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(answers)),
    content_hash     TEXT NOT NULL,
    import_id        INTEGER REFERENCES import_batch(id),
    UNIQUE (wave_id, respondent_id)
);
CREATE INDEX interview_wave ON interview(wave_id);

-- Files imported into a wave, so that importing the same file twice adds nothing.
CREATE TABLE import_batch (
    id           INTEGER PRIMARY KEY,
    wave_id      INTEGER NOT NULL REFERENCES wave(id),
    file_name    TEXT NOT NULL,
    sha256       TEXT NOT NULL,
    mode         TEXT NOT NULL,
    rows         INTEGER NOT NULL,
    imported_at  TEXT NOT NULL
);
CREATE INDEX import_batch_sha ON import_batch(wave_id, sha256);

-- Append-only: every change to an answer after it was first given.
CREATE TABLE audit_log (
    id              INTEGER PRIMARY KEY,
    at              TEXT NOT NULL,
    who             TEXT NOT NULL,
    interview_uuid  TEXT NOT NULL,
    question        TEXT,
    old_value       TEXT,
    new_value       TEXT,
    reason          TEXT NOT NULL DEFAULT ''
);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;

-- Derived data: one column of a wave as packed arrays, valid while generation matches.
CREATE TABLE column_cache (
    wave_id     INTEGER NOT NULL REFERENCES wave(id) ON DELETE CASCADE,
    question    TEXT NOT NULL,
    generation  INTEGER NOT NULL,
    kind        TEXT NOT NULL,
    categories  TEXT,
    data        BLOB NOT NULL,
    PRIMARY KEY (wave_id, question)
);
"""

_V2 = """
-- Targets for results: e.g. theme_mean >= 4.0, top2 >= 0.79, bottom2 <= 0.06.
CREATE TABLE target (
    question   TEXT NOT NULL,
    statistic  TEXT NOT NULL,
    operator   TEXT NOT NULL CHECK (operator IN ('>=', '<=')),
    value      REAL NOT NULL,
    PRIMARY KEY (question, statistic)
);

-- Population counts per group of a variable, for response rates and weighting.
-- wave '' applies to every wave without counts of its own.
CREATE TABLE population (
    wave        TEXT NOT NULL DEFAULT '',
    variable    TEXT NOT NULL,
    group_name  TEXT NOT NULL,
    population  REAL NOT NULL CHECK (population >= 0),
    PRIMARY KEY (wave, variable, group_name)
);
"""

_V3 = """
-- Interview entry: where an interview stopped (for resume), where and in which language
-- it was held, why it ended early, and soft deletion with a reason.
ALTER TABLE interview ADD COLUMN location TEXT;
ALTER TABLE interview ADD COLUMN language TEXT;
ALTER TABLE interview ADD COLUMN current_question TEXT;
ALTER TABLE interview ADD COLUMN end_reason TEXT;
ALTER TABLE interview ADD COLUMN deleted_at TEXT;
ALTER TABLE interview ADD COLUMN deleted_reason TEXT;
CREATE INDEX interview_open ON interview(status) WHERE status = 'partial';

-- Phone interviews (CATI): whom to call. Phone numbers and names live only here; they
-- never appear in answers, exports or reports.
CREATE TABLE call_list (
    id              INTEGER PRIMARY KEY,
    reference       TEXT NOT NULL UNIQUE,
    phone           TEXT NOT NULL,
    name            TEXT NOT NULL DEFAULT '',
    preload         TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(preload)),
    status          TEXT NOT NULL DEFAULT 'open' CHECK (status IN
                        ('open', 'appointment', 'completed', 'refused', 'wrong_number',
                         'language_problem', 'exhausted')),
    attempts        INTEGER NOT NULL DEFAULT 0,
    appointment_at  TEXT,
    interview_uuid  TEXT,
    imported_at     TEXT NOT NULL
);

CREATE TABLE call_attempt (
    id              INTEGER PRIMARY KEY,
    call_id         INTEGER NOT NULL REFERENCES call_list(id),
    at              TEXT NOT NULL,
    interviewer     TEXT NOT NULL,
    outcome         TEXT NOT NULL CHECK (outcome IN
                        ('interview', 'no_answer', 'busy', 'call_back', 'refused',
                         'wrong_number', 'language_problem')),
    appointment_at  TEXT,
    note            TEXT NOT NULL DEFAULT ''
);
CREATE INDEX call_attempt_call ON call_attempt(call_id);
"""

_V4 = """
-- Fieldwork quotas: how many complete interviews are wanted per group of a variable,
-- e.g. 100 per department, shown as progress on the entry start screen.
CREATE TABLE quota (
    variable    TEXT NOT NULL,
    group_name  TEXT NOT NULL,
    target      INTEGER NOT NULL CHECK (target > 0),
    PRIMARY KEY (variable, group_name)
);
"""

_V5 = """
-- Sync: merging device files from laptops into a master project.
CREATE INDEX audit_log_interview ON audit_log(interview_uuid);

-- An older questionnaire version that came with a device file after the project had moved
-- on: stored so that its interviews stay interpretable, but never the current version.
ALTER TABLE form_version ADD COLUMN historical INTEGER NOT NULL DEFAULT 0;

-- Interviews for which a merge keeps more than one version (none supersedes the others):
-- every kept version whole (answers, status, audit trail) as JSON, and where it came from
-- as JSON [device file name, device id] (["", ""]: this project). The interview row shows
-- one of them; its audit log holds the union of their trails.
CREATE TABLE sync_kept_version (
    interview_uuid  TEXT NOT NULL,
    version         TEXT NOT NULL,
    source          TEXT NOT NULL,
    payload         TEXT NOT NULL CHECK (json_valid(payload)),
    PRIMARY KEY (interview_uuid, version)
);

-- An interview whose kept versions differ in content: shown for review until the analyst
-- picks one, never resolved silently.
CREATE TABLE sync_conflict (
    id              INTEGER PRIMARY KEY,
    interview_uuid  TEXT NOT NULL,
    opened_at       TEXT NOT NULL,
    resolved_at     TEXT,
    resolved_by     TEXT,
    resolution      TEXT,
    -- the version someone chose to keep (empty when a later edit settled it)
    kept_version    TEXT
);
CREATE UNIQUE INDEX sync_conflict_open ON sync_conflict(interview_uuid)
    WHERE resolved_at IS NULL;

-- What the reviewer compares: each distinct content of a conflict, with the JSON list of
-- where its versions came from (kept after it is resolved, as its record).
CREATE TABLE sync_conflict_version (
    conflict_id  INTEGER NOT NULL REFERENCES sync_conflict(id),
    version      TEXT NOT NULL,
    source       TEXT NOT NULL,
    payload      TEXT NOT NULL CHECK (json_valid(payload)),
    PRIMARY KEY (conflict_id, version)
);

-- Every merge that changed the project: which device file, and what it brought.
CREATE TABLE sync_merge (
    id              INTEGER PRIMARY KEY,
    merged_at       TEXT NOT NULL,
    file_name       TEXT NOT NULL,
    file_sha256     TEXT NOT NULL,
    device_id       TEXT NOT NULL,
    interviewer     TEXT NOT NULL,
    created_at      TEXT NOT NULL,
    added           INTEGER NOT NULL,
    updated         INTEGER NOT NULL,
    unchanged       INTEGER NOT NULL,
    conflicts       INTEGER NOT NULL,
    calls_added     INTEGER NOT NULL,
    attempts_added  INTEGER NOT NULL
);
"""

_V6 = """
-- Personal data: when the call list's phone numbers and names were removed after fieldwork
-- (privacy purge). Such a call never gets them back from a device file.
ALTER TABLE call_list ADD COLUMN contacts_removed_at TEXT;

-- Append-only record of what was done to the project as a whole (such as removing the
-- contact data), beside audit_log, which records changes to one interview's answers.
CREATE TABLE project_event (
    id      INTEGER PRIMARY KEY,
    at      TEXT NOT NULL,
    who     TEXT NOT NULL,
    event   TEXT NOT NULL,
    detail  TEXT NOT NULL DEFAULT ''
);
CREATE TRIGGER project_event_no_update BEFORE UPDATE ON project_event
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER project_event_no_delete BEFORE DELETE ON project_event
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
"""

MIGRATIONS: tuple[str, ...] = (_V1, _V2, _V3, _V4, _V5, _V6)
LATEST = len(MIGRATIONS)


def schema_version(db: Database) -> int:
    return db.scalar("PRAGMA user_version")


def check_version(db: Database) -> int:
    """The file's schema version; an error if it was written by a newer SurveyDesk."""
    version = schema_version(db)
    if version > LATEST:
        raise ProjectFileError(
            f"{db.path}: this project was written by a newer SurveyDesk (file format "
            f"{version}, this version reads up to {LATEST}). Update SurveyDesk to open it."
        )
    return version


def migrate(db: Database) -> int:
    """Bring the file to the latest schema; returns how many migrations ran."""
    version = check_version(db)
    if version == LATEST:
        return 0
    with db.transaction() as connection:
        for number in range(version + 1, LATEST + 1):
            for statement in _statements(MIGRATIONS[number - 1]):
                connection.execute(statement)
            connection.execute(f"PRAGMA user_version = {number}")
    return LATEST - version


def _statements(script: str) -> list[str]:
    """Split a migration script into statements (triggers contain ';' inside BEGIN..END)."""
    import sqlite3

    statements, buffer = [], ""
    for line in script.splitlines(keepends=True):
        buffer += line
        if sqlite3.complete_statement(buffer):
            if buffer.strip():
                statements.append(buffer.strip())
            buffer = ""
    return statements
