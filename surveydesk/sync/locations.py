"""Is a project file's folder a place where a live SQLite file gets damaged?

A project file is an SQLite database that is written while the project is open. Two kinds
of folder break it:

- **Network file systems** (SMB/CIFS shares, NFS, sshfs, WebDAV, VM shared folders…).
  SQLite's file locking and its write-ahead log (WAL, which needs shared memory next to the
  file) do not work reliably across a network file system; two computers, or one computer
  and a server, can both believe they hold the lock, and the file is corrupted.
  See https://www.sqlite.org/useovernet.html and https://www.sqlite.org/wal.html.
- **Cloud-synced folders** (OneDrive, Dropbox, Google Drive, iCloud Drive…). The sync client
  copies the file while SurveyDesk is halfway through a transaction, without the ``-wal``
  file that belongs to it, and may write an older copy back over a newer one. The copy on the
  other side is torn, and "conflicted copy" files split the data.

Moving interviews between computers is what device files are for (issue 6): each laptop
keeps its project on a local disk and exports a snapshot, which is merged into the master
project. :func:`risky_location` lets the GUI warn before a project is opened or created in
such a folder. It looks only at the path's names, the mount table (``/proc/mounts``, or
``mount`` on macOS) and, on Windows, the drive type; it never raises: a check that cannot be
made says nothing rather than stopping a user from working.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path, PurePath, PurePosixPath, PureWindowsPath

CLOUD_FOLDER = "cloud_folder"
NETWORK_SHARE = "network_share"
NETWORK_DRIVE = "network_drive"

# Folder names that sync clients create, matched case-insensitively against a whole path
# component. A trailing " - Aarhus Kommune", "-Personal", " (Company)" or "@gmail.com" after
# the name is allowed: OneDrive, Dropbox and macOS's CloudStorage name folders that way.
_SUFFIX = r"(?:[ _\-(@.].*)?"
CLOUD_FOLDER_NAMES: tuple[tuple[str, str], ...] = (
    ("OneDrive", rf"onedrive{_SUFFIX}"),
    ("Dropbox", rf"dropbox{_SUFFIX}"),
    ("Google Drive", rf"google ?drive{_SUFFIX}"),
    # The folders inside Google Drive's virtual drive, in English and Danish.
    ("Google Drive", r"my drive|shared drives|mit drev|delte drev"),
    ("iCloud Drive", rf"icloud ?drive{_SUFFIX}"),
    ("iCloud Drive", r"mobile documents|com~apple~clouddocs"),
    # "Box" is also an ordinary word: only the folder names Box's clients use.
    ("Box", r"box|box sync|box drive|box-box"),
    ("pCloud", rf"pcloud(?: ?drive)?{_SUFFIX}"),
    ("Nextcloud", rf"nextcloud{_SUFFIX}"),
    ("ownCloud", rf"owncloud{_SUFFIX}"),
    ("Sync.com", r"sync|sync\.com"),
    ("MEGA", r"mega|megasync"),
    ("Proton Drive", rf"proton ?drive{_SUFFIX}"),
    ("Tresorit", rf"tresorit{_SUFFIX}"),
    ("Synology Drive", rf"synologydrive{_SUFFIX}|synology drive{_SUFFIX}"),
    ("Seafile", rf"seafile{_SUFFIX}|seadrive{_SUFFIX}"),
)
_CLOUD_PATTERNS = tuple(
    (service, re.compile(pattern, re.IGNORECASE)) for service, pattern in CLOUD_FOLDER_NAMES
)

# File system types (as in /proc/mounts or macOS's `mount`) that live on another computer.
NETWORK_FILESYSTEMS = frozenset({
    "nfs", "nfs4", "cifs", "smb", "smb2", "smb3", "smbfs", "ncpfs", "afs", "afpfs", "coda",
    "9p", "webdav", "davfs", "sshfs", "ceph", "glusterfs", "lustre", "gpfs", "beegfs",
    # Folders shared into a virtual machine by its host.
    "vboxsf", "vmhgfs", "prl_fs",
    # macFUSE: on a Mac nearly always sshfs, rclone or a cloud drive.
    "macfuse", "osxfuse",
})
# FUSE file systems appear as "fuse.<name>"; these names reach over the network. Local
# ones (ntfs-3g as "fuseblk", gocryptfs, bindfs, the Flatpak document portal…) are not listed.
NETWORK_FUSE = frozenset({
    "sshfs", "rclone", "s3fs", "gcsfuse", "goofys", "blobfuse", "blobfuse2", "davfs",
    "davfs2", "smbnetfs", "curlftpfs", "gvfsd-fuse", "vmhgfs-fuse", "glusterfs", "ceph",
    "ceph-fuse", "juicefs", "onedriver", "google-drive-ocamlfuse", "pcloud", "seadrive",
    "mountpoint-s3", "keybase", "kbfsfuse",
})

PROC_MOUNTS = Path("/proc/mounts")
DRIVE_REMOTE = 4  # GetDriveTypeW: a mapped network drive


@dataclass(frozen=True)
class RiskyLocation:
    """Why a folder is unsafe for a live project file.

    ``kind`` is :data:`CLOUD_FOLDER` (``detail``: the sync service, e.g. ``"OneDrive"``),
    :data:`NETWORK_SHARE` (``detail``: the UNC share, ``\\\\server\\share``) or
    :data:`NETWORK_DRIVE` (``detail``: the file system type such as ``"nfs4"``, or a
    mapped Windows drive such as ``"Z:"``). The GUI words each kind in the UI language;
    :attr:`reason` is the English wording for logs and the command line.
    """

    kind: str
    detail: str

    @property
    def reason(self) -> str:
        if self.kind == CLOUD_FOLDER:
            return f"it is inside a folder synced by {self.detail}"
        if self.kind == NETWORK_SHARE:
            return f"it is on a network share ({self.detail})"
        return f"it is on a network drive ({self.detail})"

    def __str__(self) -> str:
        return self.reason


def risky_location(
    path: Path | str, *, mounts: str | None = None, platform: str | None = None
) -> RiskyLocation | None:
    """Why the folder of the project file ``path`` is unsafe, or ``None`` if it looks local.

    Checked, in this order: a folder of the path named like a sync client's folder
    (:data:`CLOUD_FOLDER_NAMES`, case-insensitive, so ``OneDrive - Aarhus Kommune`` counts);
    on Windows a UNC path (``\\\\server\\share``) or a drive letter Windows reports as a
    network drive; elsewhere the file system of the longest mount point containing the
    folder, if it is a network or remote FUSE file system (:data:`NETWORK_FILESYSTEMS`,
    :data:`NETWORK_FUSE`).

    ``mounts`` is the text of a mount table (``/proc/mounts`` lines, or the output of macOS's
    ``mount``) to use instead of the system's; ``platform`` stands in for ``sys.platform``.
    Both are for tests. Symbolic links are followed only when ``platform`` is the real one.
    Never raises: if the file system cannot be inspected, the answer is ``None``.
    """
    platform = sys.platform if platform is None else platform
    try:
        return _risk(os.fspath(path), mounts, platform)
    except (OSError, ValueError, RuntimeError):  # unreadable table, NUL in a path, a loop
        return None


def _risk(text: str, mounts: str | None, platform: str) -> RiskyLocation | None:
    windows = platform == "win32"
    flavour: type[PurePath] = PureWindowsPath if windows else PurePosixPath
    folders = [flavour(text).parent]
    if platform == sys.platform:
        # The real folder too: a link in Documents may point into Dropbox or onto a share.
        absolute = os.path.abspath(text)
        folders = [flavour(absolute).parent, flavour(os.path.realpath(absolute)).parent]
    for folder in folders:
        service = cloud_service(folder.parts)
        if service is not None:
            return RiskyLocation(CLOUD_FOLDER, service)
    if windows:
        return _windows_risk(folders)
    table = parse_mounts(mounts) if mounts is not None else _system_mounts(platform)
    filesystem = filesystem_of(PurePosixPath(folders[-1]), table)
    if filesystem is not None and is_network_filesystem(filesystem):
        return RiskyLocation(NETWORK_DRIVE, filesystem)
    return None


def cloud_service(parts: Sequence[str]) -> str | None:
    """The sync service whose folder is one of the path components ``parts``, if any."""
    names = [part for part in parts if part and not part.endswith(("/", "\\"))]  # no anchor
    for name in names:
        for service, pattern in _CLOUD_PATTERNS:
            if pattern.fullmatch(name):
                return service
    # macOS keeps every File Provider drive in ~/Library/CloudStorage/<Provider-Account>.
    for index in range(1, len(names)):
        if names[index - 1].lower() == "library" and names[index].lower() == "cloudstorage":
            provider = names[index + 1] if index + 1 < len(names) else ""
            return provider.split("-")[0] or "CloudStorage"
    return None


def _windows_risk(folders: list[PurePath]) -> RiskyLocation | None:
    for folder in folders:
        share = unc_share(folder.drive)
        if share is not None:
            return RiskyLocation(NETWORK_SHARE, share)
    for folder in folders:
        drive = folder.drive.upper()
        if re.fullmatch(r"[A-Z]:", drive) and _drive_type(drive + "\\") == DRIVE_REMOTE:
            return RiskyLocation(NETWORK_DRIVE, drive)
    return None


def unc_share(drive: str) -> str | None:
    """``\\\\server\\share`` if a Windows path's drive part is a network share, else None.

    Long-path (``\\\\?\\UNC\\server\\share``) forms count; device paths (``\\\\?\\C:``,
    ``\\\\.\\``) do not.
    """
    drive = drive.replace("/", "\\")
    prefix = drive[:8].upper()
    if prefix in ("\\\\?\\UNC\\", "\\\\.\\UNC\\"):
        return "\\\\" + drive[8:]
    if drive.startswith("\\\\") and prefix[:4] not in ("\\\\?\\", "\\\\.\\"):
        return drive
    return None


def _drive_type(root: str) -> int | None:
    """What Windows says a drive root (``"Z:\\"``) is; None anywhere but Windows."""
    if sys.platform != "win32":
        return None
    import ctypes

    try:
        return int(ctypes.windll.kernel32.GetDriveTypeW(root))
    except (OSError, AttributeError):
        return None


def parse_mounts(text: str) -> list[tuple[str, str]]:
    """``(mount point, file system type)`` pairs, in table order, from ``/proc/mounts`` text
    (``device mountpoint type options 0 0``, with ``\\040``-style escapes) or from the
    output of macOS's ``mount`` (``device on /mount/point (type, options…)``)."""
    table = []
    for line in text.splitlines():
        darwin = re.fullmatch(r".+? on (/.*) \(([^,()]+)(?:,[^()]*)?\)", line.strip())
        if darwin:
            table.append((darwin[1], darwin[2].strip()))
            continue
        fields = line.split()
        if len(fields) >= 3 and fields[1].startswith("/"):
            table.append((_unescape(fields[1]), fields[2]))
    return table


def _unescape(field: str) -> str:
    # The kernel writes space, tab, newline and backslash as three-digit octal escapes.
    return re.sub(r"\\([0-7]{3})", lambda match: chr(int(match[1], 8)), field)


def filesystem_of(folder: PurePosixPath, table: list[tuple[str, str]]) -> str | None:
    """The type of the file system ``folder`` is on: the longest mount point that contains
    it wins, and of equal ones the last mounted (it hides the earlier)."""
    best: tuple[int, str] | None = None
    for mount_point, filesystem in table:
        point = PurePosixPath(mount_point)
        if (folder == point or point in folder.parents) and (
            best is None or len(point.parts) >= best[0]
        ):
            best = (len(point.parts), filesystem)
    return None if best is None else best[1]


def is_network_filesystem(filesystem: str) -> bool:
    """Whether a mount table's file system type reaches over the network."""
    name = filesystem.lower()
    if name in NETWORK_FILESYSTEMS:
        return True
    return name.startswith("fuse.") and name[len("fuse."):] in NETWORK_FUSE


def _system_mounts(platform: str) -> list[tuple[str, str]]:
    if platform.startswith("linux"):
        return parse_mounts(PROC_MOUNTS.read_text(encoding="utf-8", errors="replace"))
    if platform == "darwin" and sys.platform == "darwin":
        try:
            listing = subprocess.run(
                ["/sbin/mount"], capture_output=True, text=True, timeout=2, check=True
            )
        except (OSError, subprocess.SubprocessError):
            return []
        return parse_mounts(listing.stdout)
    return []
