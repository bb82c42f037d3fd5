"""A small wrapper around one SQLite connection to a project file.

Settings every project connection gets, and why:

- ``journal_mode=WAL``: interview entry commits one answer at a time while the analyst's
  views read; WAL lets readers and the single writer proceed together.
- ``synchronous=FULL``: a committed answer survives power loss on a laptop, at some cost
  in write speed that bulk imports win back by batching rows into one transaction.
- ``foreign_keys=ON``: an answer can never point at a missing interview.

A project file is recognised by SQLite's ``application_id`` header field, so any other
SQLite file (or non-SQLite file) gets a clear error instead of being modified.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from surveydesk.core.errors import ProjectFileError

APPLICATION_ID = 0x53447331  # "SDs1" in the SQLite header identifies a SurveyDesk project
BUSY_TIMEOUT_MS = 10_000
_USER_FIXABLE = (
    ("locked", "another program (or another SurveyDesk window) is writing to this project; "
               "try again when it has finished."),
    ("readonly", "the project file is read-only; check the file's permissions or copy it to a "
                 "folder you can write to."),
    ("disk is full", "the disk is full; free some space and try again."),
    ("disk i/o error", "the disk reported an error while writing; check the drive."),
)


def _explain(path: Path, error: sqlite3.Error) -> ProjectFileError | None:
    text = str(error).lower()
    for fragment, advice in _USER_FIXABLE:
        if fragment in text:
            return ProjectFileError(f"{path}: {advice} Nothing was changed.")
    return None


class Database:
    """One connection with explicit transactions (``with db.transaction(): ...``)."""

    def __init__(self, connection: sqlite3.Connection, path: Path):
        self.connection = connection
        self.path = path
        self._depth = 0

    @classmethod
    def connect(cls, path: Path, *, create: bool) -> Database:
        """Open ``path``; with ``create`` make a new file, which must not exist yet."""
        path = Path(path)
        if create and path.exists():
            raise ProjectFileError(f"{path}: a file of that name already exists; "
                                   "choose another name or remove the file first.")
        if not create and not path.is_file():
            raise ProjectFileError(f"{path}: no such project file.")
        mode = "rwc" if create else "rw"
        try:
            connection = sqlite3.connect(
                f"{path.resolve().as_uri()}?mode={mode}", uri=True, isolation_level=None,
                check_same_thread=False,
            )
        except sqlite3.Error as error:
            raise ProjectFileError(
                f"{path}: the project file cannot be opened ({error}).") from None
        database = cls(connection, path)
        try:
            connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            if not create:
                database._check_is_project()
            connection.execute("PRAGMA foreign_keys = ON")
            connection.execute("PRAGMA synchronous = FULL")
            if create:
                connection.execute(f"PRAGMA application_id = {APPLICATION_ID}")
                connection.execute("PRAGMA journal_mode = WAL")
            else:
                mode_now = connection.execute("PRAGMA journal_mode").fetchone()[0]
                if mode_now.lower() != "wal":
                    connection.execute("PRAGMA journal_mode = WAL")
        except sqlite3.DatabaseError as error:
            connection.close()
            explained = _explain(path, error)
            if explained is not None:
                raise explained from None
            raise ProjectFileError(
                f"{path}: this is not a SurveyDesk project file, or it is damaged ({error})."
            ) from None
        except ProjectFileError:
            connection.close()
            raise
        return database

    def _check_is_project(self) -> None:
        application_id = self.connection.execute("PRAGMA application_id").fetchone()[0]
        if application_id != APPLICATION_ID:
            raise ProjectFileError(
                f"{self.path}: this is not a SurveyDesk project file "
                "(it is some other SQLite database)."
            )

    def close(self) -> None:
        self.connection.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """``BEGIN IMMEDIATE`` ... ``COMMIT``; roll back on any exception.

        Nested use joins the outer transaction, so repository functions can be composed.
        """
        if self._depth:
            self._depth += 1
            try:
                yield self.connection
            finally:
                self._depth -= 1
            return
        with self._explained():
            self.connection.execute("BEGIN IMMEDIATE")
        self._depth = 1
        try:
            with self._explained():
                yield self.connection
        except BaseException:
            self._depth = 0
            if self.connection.in_transaction:
                self.connection.execute("ROLLBACK")
            raise
        self._depth = 0
        with self._explained():
            self.connection.execute("COMMIT")

    @contextmanager
    def _explained(self) -> Iterator[None]:
        """Turn the SQLite errors a user can cause or fix into a ``ProjectFileError``."""
        try:
            yield
        except sqlite3.OperationalError as error:
            explained = _explain(self.path, error)
            if explained is None:
                raise
            raise explained from None

    def execute(self, sql: str, parameters=()) -> sqlite3.Cursor:
        return self.connection.execute(sql, parameters)

    def executemany(self, sql: str, rows) -> sqlite3.Cursor:
        return self.connection.executemany(sql, rows)

    def scalar(self, sql: str, parameters=()):
        row = self.connection.execute(sql, parameters).fetchone()
        return None if row is None else row[0]
