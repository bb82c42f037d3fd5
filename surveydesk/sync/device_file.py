"""Device files: a laptop's project as one file to carry to the master on a USB stick.

A device file (``.sddevice``) is a ZIP archive of two members:

``manifest.json``
    ``format`` (``surveydesk-device``), ``format_version``, ``device_id``, ``interviewer``,
    ``created_at``, ``form_id``, ``form_versions`` (version and workbook sha256 of each),
    ``schema_version``, ``counts`` (interviews by status, deleted, audit entries, calls and
    call attempts), ``snapshot_sha256``, ``snapshot_bytes``, ``surveydesk_version`` and
    ``contacts_included`` (whether the call list carries phone numbers and names; a
    manifest without it is from before contacts were left out, and carries them).
``snapshot.sdproj``
    a consistent snapshot of the project file, made by SQLite (``VACUUM INTO``), never a
    copy of the live file.

Contact data is personal data: by default the snapshot's call list has blank phone numbers
and names (the live project keeps them). The call list's references, preload answers (answers
to questions of the questionnaire, like any other answer), status and every call attempt
travel, so the master learns each call's progress and response rates stay right. The merge
never overwrites a known number with a blank one (:mod:`surveydesk.sync.calls`).

Reading one checks everything before anything is merged: the archive is whole (a truncated
file has lost the ZIP directory at its end), the manifest is ours and not from a newer
SurveyDesk, the snapshot's size and SHA-256 match the manifest, the snapshot is a SurveyDesk
project, and its contents match the manifest's counts, form_id and questionnaire versions.
Any failure is a :class:`~surveydesk.core.errors.DeviceFileError` naming the file.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import shutil
import tempfile
import zipfile
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path

from surveydesk import __version__
from surveydesk.core.errors import (
    Cancelled,
    DeviceFileError,
    ProjectFileError,
    SurveyDeskError,
)
from surveydesk.io.files import check_output, write_atomically
from surveydesk.store import migrations
from surveydesk.store.database import STORAGE_ERRORS
from surveydesk.store.project import Project, utc_now
from surveydesk.store.snapshot import content_counts, write_snapshot

FORMAT = "surveydesk-device"
FORMAT_VERSION = 1
SUFFIX = ".sddevice"
MANIFEST = "manifest.json"
SNAPSHOT = "snapshot.sdproj"
MAX_MANIFEST_BYTES = 1 << 20
#: A laptop's fieldwork is a few MB; anything near this is not a device file of ours.
MAX_SNAPSHOT_BYTES = 4 << 30
_COPY_BLOCK = 1 << 20
_SQLITE_HEADER = b"SQLite format 3\x00"


@dataclass(frozen=True)
class Manifest:
    device_id: str
    interviewer: str
    created_at: str
    form_id: str
    form_versions: tuple[tuple[str, str], ...]
    schema_version: int
    counts: dict[str, int]
    snapshot_sha256: str
    snapshot_bytes: int
    surveydesk_version: str
    contacts_included: bool = True
    format: str = FORMAT
    format_version: int = FORMAT_VERSION

    def to_json(self) -> str:
        data = asdict(self)
        data["form_versions"] = [{"version": v, "sha256": s} for v, s in self.form_versions]
        return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True)


_COPY_CHUNK = 1 << 20


def export_device_file(project: Project, out: Path, *, device_id: str, interviewer: str,
                       now: str | None = None, include_contacts: bool = False,
                       replace: bool = False,
                       progress: Callable[[int, int, str], None] | None = None,
                       cancelled: Callable[[], bool] | None = None) -> Manifest:
    """Write ``project`` as the device file ``out`` (replaced whole, never half-written).

    The call list's phone numbers and names are left out unless ``include_contacts``.
    An existing file at ``out`` is refused unless ``replace``; a project file there is
    never replaced (:mod:`surveydesk.io.files`).
    ``progress(step, total, text)`` follows the snapshot, the counting and the compressing
    (in steps of 1 MB); when ``cancelled()`` turns true the export stops with
    :class:`~surveydesk.core.errors.Cancelled` and no file is written or replaced.
    """
    out = Path(out)
    now = now or utc_now()

    def step(done: int, total: int, text: str) -> None:
        if cancelled is not None and cancelled():
            raise Cancelled("The export was cancelled; no device file was written.")
        if progress is not None:
            progress(done, total, text)

    if out.resolve() != project.path.resolve() and _is_database(out):
        raise SurveyDeskError(f"{out} is a project file; a device file is never written "
                              "over one. Choose another name, e.g. laptop3.sddevice.")
    policy = {"what": "device file", "replace": replace, "protect": project.path}
    check_output(out, **policy)  # before the snapshot, which takes a while
    with tempfile.TemporaryDirectory(prefix="surveydesk-device-") as folder:
        snapshot = Path(folder) / SNAPSHOT
        step(0, 100, "snapshot")
        write_snapshot(project, snapshot, contacts=include_contacts)
        step(20, 100, "counting")
        # Counted in a copy: opening the snapshot itself as a project would switch it back
        # to WAL mode (and change its bytes) after write_snapshot made it a plain file.
        counted = Path(folder) / f"counted-{SNAPSHOT}"
        shutil.copyfile(snapshot, counted)
        with Project.open(counted) as copy:
            counts = content_counts(copy)
            form_id, form_versions = _questionnaires(copy)
        manifest = Manifest(
            device_id=device_id, interviewer=interviewer, created_at=now,
            form_id=form_id, form_versions=form_versions,
            schema_version=migrations.LATEST, counts=counts,
            snapshot_sha256=_sha256(snapshot), snapshot_bytes=snapshot.stat().st_size,
            surveydesk_version=__version__, contacts_included=include_contacts)

        size = max(snapshot.stat().st_size, 1)

        def write(target: Path) -> None:
            with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED,
                                 compresslevel=6) as archive:
                archive.writestr(MANIFEST, manifest.to_json())
                with snapshot.open("rb") as source, archive.open(
                        SNAPSHOT, "w", force_zip64=size > 2**31) as packed:
                    copied = 0
                    while chunk := source.read(_COPY_CHUNK):
                        step(30 + 69 * copied // size, 100, "compressing")
                        packed.write(chunk)
                        copied += len(chunk)

        step(30, 100, "compressing")
        write_atomically(out, write, **policy)
    if progress is not None:  # written: too late to cancel
        progress(100, 100, "done")
    return manifest


def _is_database(path: Path) -> bool:
    try:
        with path.open("rb") as stream:
            return stream.read(len(_SQLITE_HEADER)) == _SQLITE_HEADER
    except OSError:  # missing, a folder, unreadable: write_atomically says what is wrong
        return False


def _questionnaires(project: Project) -> tuple[str, tuple[tuple[str, str], ...]]:
    """The survey's form_id and every questionnaire version (version, workbook sha256)."""
    return (project.current_form_version().form_id,
            tuple((v.version, v.sha256) for v in project.form_versions()))


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        while block := stream.read(_COPY_BLOCK):
            digest.update(block)
    return digest.hexdigest()


@dataclass(frozen=True)
class DeviceFile:
    """A checked device file, its snapshot open read-only-in-spirit for the merge."""

    path: Path
    sha256: str
    manifest: Manifest
    project: Project


@contextmanager
def open_device_file(path: Path) -> Iterator[DeviceFile]:
    """Check the device file at ``path`` and open its snapshot (a temporary copy).

    A storage error met while the snapshot is open, also in the caller's ``with`` block
    (which reads the snapshot), is a :class:`DeviceFileError` naming ``path``, never a
    message about the temporary copy.
    """
    path = Path(path)
    folder = Path(tempfile.mkdtemp(prefix="surveydesk-merge-"))
    try:
        manifest, file_sha = _extract(path, folder / SNAPSHOT)
        try:
            project = Project.open(folder / SNAPSHOT)
        except (SurveyDeskError, *STORAGE_ERRORS) as error:
            raise _unreadable(path, error) from None
        try:
            counts = content_counts(project)
            # The merge trusts the manifest's form_id: it must be the snapshot's own.
            if (counts != manifest.counts or _questionnaires(project)
                    != (manifest.form_id, manifest.form_versions)):
                raise DeviceFileError(
                    f"{path}: the device file's contents do not match its manifest; it was "
                    "changed or damaged after it was made. Export it again on the laptop.")
            yield DeviceFile(path, file_sha, manifest, project)
        except STORAGE_ERRORS as error:
            raise _unreadable(path, error) from None
        except ProjectFileError as error:
            if not str(error).startswith(str(folder)):
                raise
            raise _unreadable(path, error) from None
        finally:
            project.close()
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def peek_manifest(path: Path) -> Manifest | None:
    """The manifest of the device file at ``path`` without unpacking or checking its
    snapshot (quick, e.g. to know before a merge whether files carry contact data);
    ``None`` for anything that is not a readable device file (the merge says why)."""
    try:
        with zipfile.ZipFile(Path(path)) as archive:
            return _manifest(Path(path), archive)
    except (SurveyDeskError, zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError,
            RuntimeError, OSError):
        return None


def _unreadable(path: Path, error: BaseException) -> DeviceFileError:
    text = str(error)
    if isinstance(error, SurveyDeskError) and "restore it from a backup" not in text:
        detail = text.split(": ", 1)[1] if ": " in text else text
    else:  # advice about the temporary copy (such as restoring it) would mislead
        detail = "it is damaged or not from SurveyDesk" + (
            "." if isinstance(error, SurveyDeskError) else f" ({text}).")
    return DeviceFileError(f"{path}: the snapshot inside this device file cannot be read: "
                           f"{detail} Export it again on the laptop.")


def _fail(path: Path, why: str) -> DeviceFileError:
    return DeviceFileError(f"{path}: {why}")


def _extract(path: Path, snapshot: Path) -> tuple[Manifest, str]:
    if path.is_dir():
        raise _fail(path, "this is a folder; choose the device file (.sddevice) itself.")
    if not path.is_file():
        raise _fail(path, "no such device file.")
    try:
        # A project file holds its XLSForm workbook, itself a ZIP, which zipfile would find
        # and read as the archive: say what the file is instead.
        if _is_database(path):
            raise _fail(path, "this is a project file, not a device file. Export a device "
                        "file from it (surveydesk-cli sync export) and merge that.")
        file_sha = _sha256(path)
        with zipfile.ZipFile(path) as archive:
            manifest = _manifest(path, archive)
            _copy_snapshot(path, archive, manifest, snapshot)
    # zlib.error, EOFError: a damaged compressed stream; NotImplementedError, RuntimeError:
    # a compression method or encryption no device file of ours uses.
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError):
        raise _fail(path, "this is not a SurveyDesk device file, or it is damaged or "
                    "incomplete (was it copied to the stick completely?). Export it again "
                    "on the laptop.") from None
    except OSError as error:
        raise _fail(path, f"the file cannot be read ({error.strerror or error}).") from None
    return manifest, file_sha


def _manifest(path: Path, archive: zipfile.ZipFile) -> Manifest:
    names = set(archive.namelist())
    if MANIFEST not in names or SNAPSHOT not in names:
        raise _fail(path, "this ZIP file is not a SurveyDesk device file (it has no "
                    "manifest or no snapshot).")
    info = archive.getinfo(MANIFEST)
    if info.file_size > MAX_MANIFEST_BYTES:
        raise _fail(path, "the device file's manifest is too large to be genuine.")
    try:
        data = json.loads(archive.read(MANIFEST).decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise _fail(path, "the device file's manifest is not valid JSON.") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise _fail(path, "this ZIP file is not a SurveyDesk device file.")
    version = data.get("format_version")
    if not isinstance(version, int) or version < 1:
        raise _fail(path, "the device file's manifest has no valid format version.")
    if version > FORMAT_VERSION:
        raise _fail(path, f"this device file was made by a newer SurveyDesk (device file "
                    f"format {version}; this version reads up to {FORMAT_VERSION}). Update "
                    "SurveyDesk on this computer first.")
    try:
        manifest = Manifest(
            device_id=_text(data, "device_id"), interviewer=_text(data, "interviewer"),
            created_at=_text(data, "created_at"), form_id=_text(data, "form_id"),
            form_versions=tuple((_text(v, "version"), _text(v, "sha256"))
                                for v in data["form_versions"]),
            schema_version=_number(data, "schema_version"),
            counts={str(k): _number(data["counts"], k) for k in data["counts"]},
            snapshot_sha256=_text(data, "snapshot_sha256"),
            snapshot_bytes=_number(data, "snapshot_bytes"),
            surveydesk_version=_text(data, "surveydesk_version"),
            contacts_included=_flag(data, "contacts_included", default=True))
        dt.datetime.fromisoformat(manifest.created_at)
    except (LookupError, TypeError, ValueError, AttributeError):
        raise _fail(path, "the device file's manifest is incomplete or damaged.") from None
    if manifest.schema_version > migrations.LATEST:
        raise _fail(path, f"this device file was made by a newer SurveyDesk (project file "
                    f"format {manifest.schema_version}; this version reads up to "
                    f"{migrations.LATEST}). Update SurveyDesk on this computer first.")
    return manifest


def _text(data, key: str) -> str:
    value = data[key]
    if not isinstance(value, str):
        raise TypeError(key)
    return value


def _flag(data, key: str, *, default: bool) -> bool:
    value = data.get(key, default)
    if not isinstance(value, bool):
        raise TypeError(key)
    return value


def _number(data, key: str) -> int:
    value = data[key]
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise TypeError(key)
    return value


def _copy_snapshot(path: Path, archive: zipfile.ZipFile, manifest: Manifest,
                   snapshot: Path) -> None:
    info = archive.getinfo(SNAPSHOT)
    if info.file_size != manifest.snapshot_bytes or info.file_size > MAX_SNAPSHOT_BYTES:
        raise _fail(path, "the snapshot inside the device file does not have the size its "
                    "manifest says; the file is damaged. Export it again on the laptop.")
    digest = hashlib.sha256()
    copied = 0
    # Streamed with a byte limit: a hostile archive cannot unpack more than it declared.
    with archive.open(info) as source, snapshot.open("wb") as target:
        while block := source.read(_COPY_BLOCK):
            copied += len(block)
            if copied > manifest.snapshot_bytes:
                raise _fail(path, "the snapshot inside the device file is larger than its "
                            "manifest says; the file is damaged.")
            digest.update(block)
            target.write(block)
    # zipfile stops quietly when the data ends before the size its directory declares.
    if copied != manifest.snapshot_bytes:
        raise _fail(path, "the snapshot inside the device file is smaller than its manifest "
                    "says; the file is damaged. Export it again on the laptop.")
    if digest.hexdigest() != manifest.snapshot_sha256:
        raise _fail(path, "the snapshot's checksum does not match the manifest; the device "
                    "file is damaged. Export it again on the laptop.")
