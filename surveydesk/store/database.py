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

from surveydesk.core.errors import Cancelled, ProjectFileError

APPLICATION_ID = 0x53447331  # "SDs1" in the SQLite header identifies a SurveyDesk project
BUSY_TIMEOUT_MS = 10_000
_DAMAGED = "the project file is damaged; restore it from a backup. Nothing was changed."
_DAMAGE_FRAGMENTS = ("malformed", "file is not a database", "not a database")
# (fragment of SQLite's message, advice); the first fragment found in the message wins.
_USER_FIXABLE = (
    ("locked", "another program (or another SurveyDesk window) is writing to this project; "
               "try again when it has finished. Nothing was changed."),
    ("readonly", "the project file is read-only; check the file's permissions or copy it to a "
                 "folder you can write to. Nothing was changed."),
    ("disk is full", "the disk is full; free some space and try again. Nothing was changed."),
    ("disk i/o error", "the disk reported an error while writing; check the drive. "
                       "Nothing was changed."),
    *((fragment, _DAMAGED) for fragment in _DAMAGE_FRAGMENTS),
)

#: The exceptions any store call may still raise from SQLite (for example while rows are
#: fetched from a cursor). The CLI and the GUI catch these as a last line of defence and
#: show :func:`explain_storage_error` instead of a traceback; they never import sqlite3.
STORAGE_ERRORS: tuple[type[Exception], ...] = (sqlite3.DatabaseError,)


def _explain(path: Path, error: sqlite3.Error) -> ProjectFileError | None:
    text = str(error).lower()
    for fragment, advice in _USER_FIXABLE:
        if fragment in text:
            return ProjectFileError(f"{path}: {advice}")
    return None


def _is_damage(error: sqlite3.Error) -> bool:
    text = str(error).lower()
    return any(fragment in text for fragment in _DAMAGE_FRAGMENTS)


def explain_storage_error(path: Path, error: BaseException) -> ProjectFileError:
    """A message a user can act on for any SQLite error on the project file at ``path``."""
    explained = _explain(path, error) if isinstance(error, sqlite3.Error) else None
    if explained is not None:
        return explained
    return ProjectFileError(f"{path}: the project file could not be read or written ({error}).")


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
        _check_path(path, create)
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
            explained = None if _is_damage(error) else _explain(path, error)
            if explained is not None:
                raise explained from None
            # Before the file is recognised, "not a database" more likely means some other
            # kind of file than a damaged project, so say both.
            raise ProjectFileError(
                f"{path}: this is not a SurveyDesk project file, or it is damaged ({error}); "
                "if it is your project, restore it from a backup."
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
    def interruptible(self, cancelled, message: str) -> Iterator[None]:
        """While inside, SQLite checks ``cancelled()`` every few thousand steps of a
        statement and stops it when true; that ends as :class:`Cancelled` (``message``),
        after the enclosing transaction has rolled back. ``cancelled=None`` does nothing."""
        if cancelled is None:
            yield
            return
        if cancelled():
            raise Cancelled(message)
        self.connection.set_progress_handler(lambda: 1 if cancelled() else 0, 20_000)
        try:
            yield
        except sqlite3.OperationalError as error:
            if "interrupted" not in str(error):
                raise
            raise Cancelled(message) from None
        finally:
            self.connection.set_progress_handler(None, 0)

    @contextmanager
    def _explained(self) -> Iterator[None]:
        """Turn the SQLite errors a user can cause or fix into a ``ProjectFileError``.

        Errors that are bugs (a constraint violated, bad SQL) pass through unchanged.
        """
        try:
            yield
        except sqlite3.DatabaseError as error:
            explained = _explain(self.path, error)
            if explained is None:
                raise
            raise explained from None

    def execute(self, sql: str, parameters=()) -> sqlite3.Cursor:
        """Run one statement. Read result rows with :meth:`rows` or :meth:`row` instead:
        an error met while fetching rows from the returned cursor is not explained."""
        with self._explained():
            return self.connection.execute(sql, parameters)

    def executemany(self, sql: str, rows) -> sqlite3.Cursor:
        with self._explained():
            return self.connection.executemany(sql, rows)

    def rows(self, sql: str, parameters=()) -> list[tuple]:
        """Every result row of a query, fetched with SQLite errors explained."""
        with self._explained():
            return self.connection.execute(sql, parameters).fetchall()

    def row(self, sql: str, parameters=()) -> tuple | None:
        """The first result row of a query (``None`` if there is none)."""
        with self._explained():
            return self.connection.execute(sql, parameters).fetchone()

    def scalar(self, sql: str, parameters=()):
        row = self.row(sql, parameters)
        return None if row is None else row[0]


# Files people give where a project is expected: respondent data, questionnaires and device
# files. Named by their suffix, and only when the file is not an SQLite database after all.
_DATA_SUFFIXES = (".csv", ".tsv", ".txt", ".xlsx", ".xls", ".sav", ".json")
_DEVICE_SUFFIX = ".sddevice"
_SQLITE_HEADER = b"SQLite format 3\x00"


def _check_not_other_kind(path: Path) -> None:
    """A message that names what ``path`` looks like, for a data file, a questionnaire or a
    device file given as a project, instead of 'not a project or damaged'."""
    suffix = path.suffix.lower()
    if suffix not in (*_DATA_SUFFIXES, _DEVICE_SUFFIX):
        return
    with path.open("rb") as file:
        if file.read(len(_SQLITE_HEADER)) == _SQLITE_HEADER:
            return
    name = path.name if " " not in path.name else f'"{path.name}"'
    if suffix == _DEVICE_SUFFIX:
        raise ProjectFileError(
            f"{path} looks like a device file, not a SurveyDesk project; to merge it into "
            f"the master: surveydesk-cli merge MASTER {name}")
    questionnaire = (f"; if it is a questionnaire: surveydesk-cli init PROJECT --form {name}"
                     if suffix in (".xlsx", ".xls") else "")
    raise ProjectFileError(
        f"{path} looks like a data file, not a SurveyDesk project; to load it: "
        f"surveydesk-cli import PROJECT {name} --wave LABEL{questionnaire}")


def _check_path(path: Path, create: bool) -> None:
    """Clear messages for paths that cannot be a project file, before SQLite sees them."""
    if path.is_dir():
        if create:
            raise ProjectFileError(f"{path}: this is a folder; give a file name for the new "
                                   "project, e.g. survey.sdproj inside that folder.")
        raise ProjectFileError(f"{path}: this is a folder, not a project file; choose the "
                               "project file (.sdproj) itself.")
    if create:
        if path.exists():
            raise ProjectFileError(f"{path}: a file of that name already exists; "
                                   "choose another name or remove the file first.")
        return
    if not path.is_file():
        raise ProjectFileError(f"{path}: no such project file.")
    _check_not_other_kind(path)
    wal = Path(f"{path}-wal")
    if path.stat().st_size == 0 and not (wal.is_file() and wal.stat().st_size > 0):
        raise ProjectFileError(f"{path}: the file is empty, not a SurveyDesk project file; "
                               "choose the project file, or restore it from a backup.")
