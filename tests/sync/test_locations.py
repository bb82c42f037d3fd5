"""Project files in cloud-synced folders, on network shares and on network mounts are
recognised; ordinary local folders are not."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from surveydesk.sync import locations
from surveydesk.sync.locations import (
    CLOUD_FOLDER,
    NETWORK_DRIVE,
    NETWORK_SHARE,
    RiskyLocation,
    parse_mounts,
    risky_location,
)

LOCAL_ONLY = "/dev/sda2 / ext4 rw,relatime 0 0\n"

LINUX_MOUNTS = """\
sysfs /sys sysfs rw,nosuid,nodev,noexec,relatime 0 0
proc /proc proc rw,nosuid,nodev,noexec,relatime 0 0
/dev/nvme0n1p2 / ext4 rw,relatime 0 0
/dev/nvme0n1p3 /home ext4 rw,relatime 0 0
tmpfs /tmp tmpfs rw,nosuid,nodev 0 0
nas.kommune.local:/export/analyse /mnt/analyse nfs4 rw,relatime,vers=4.2 0 0
/dev/sdb1 /mnt/analyse/local-cache ext4 rw,relatime 0 0
//fil01/Projekter /mnt/projekter cifs rw,relatime,vers=3.1.1 0 0
bo@server.example.dk:/home/bo /home/bo/remote fuse.sshfs rw,nosuid,nodev 0 0
gdrive: /home/bo/gdrive fuse.rclone rw,nosuid,nodev 0 0
/dev/sdc1 /media/bo/USB\\040STICK vfat rw,relatime 0 0
//fil02/Delt\\040mappe /mnt/delt\\040mappe smb3 rw 0 0
/dev/sdd1 /media/bo/Windows fuseblk rw,relatime 0 0
portal /run/user/1000/doc fuse.portal rw,nosuid,nodev 0 0
gvfsd-fuse /run/user/1000/gvfs fuse.gvfsd-fuse rw,nosuid,nodev 0 0
"""

MACOS_MOUNT_OUTPUT = """\
/dev/disk3s1s1 on / (apfs, sealed, local, read-only, journaled)
devfs on /dev (devfs, local, nobrowse)
/dev/disk3s5 on /System/Volumes/Data (apfs, local, journaled, nobrowse, protect)
map auto_home on /System/Volumes/Data/home (autofs, automounted, nobrowse)
//bo@fil01._smb._tcp.local/Projekter on /Volumes/Projekter (smbfs, nodev, nosuid, mounted by bo)
nas:/export/data on /Volumes/data (nfs, nodev, nosuid, mounted by bo)
/dev/disk4s1 on /Volumes/USB (msdos, local, nodev, nosuid, noowners)
"""


def cloud(service: str) -> RiskyLocation:
    return RiskyLocation(CLOUD_FOLDER, service)


# -- cloud-synced folders ------------------------------------------------------------------

@pytest.mark.parametrize(
    ("folder", "service"),
    [
        ("/home/bo/OneDrive", "OneDrive"),
        ("/home/bo/OneDrive - Aarhus Kommune", "OneDrive"),
        ("/Users/bo/Library/CloudStorage/OneDrive-Personal", "OneDrive"),
        ("/Users/bo/Library/CloudStorage/OneDrive-SharedLibraries-AarhusKommune", "OneDrive"),
        ("/home/bo/Dropbox", "Dropbox"),
        ("/home/bo/Dropbox (Aarhus Kommune)", "Dropbox"),
        ("/Users/bo/Library/CloudStorage/Dropbox-Personal", "Dropbox"),
        ("/home/bo/Google Drive", "Google Drive"),
        ("/home/bo/GoogleDrive", "Google Drive"),
        ("/Users/bo/Library/CloudStorage/GoogleDrive-bo@gmail.com", "Google Drive"),
        ("/Volumes/GoogleDrive/My Drive", "Google Drive"),
        ("/Volumes/GoogleDrive/Shared drives/Analyse", "Google Drive"),
        ("/Volumes/Google Drive/Mit drev", "Google Drive"),
        ("/Users/bo/iCloud Drive", "iCloud Drive"),
        ("/Users/bo/Library/Mobile Documents/com~apple~CloudDocs", "iCloud Drive"),
        ("/Users/bo/Box", "Box"),
        ("/Users/bo/Box Sync", "Box"),
        ("/Users/bo/Library/CloudStorage/Box-Box", "Box"),
        ("/home/bo/pCloud Drive", "pCloud"),
        ("/home/bo/pCloud", "pCloud"),
        ("/home/bo/Nextcloud", "Nextcloud"),
        ("/home/bo/Nextcloud-kommune", "Nextcloud"),
        ("/home/bo/ownCloud", "ownCloud"),
        ("/home/bo/Sync", "Sync.com"),
        ("/home/bo/MEGA", "MEGA"),
        ("/home/bo/MEGAsync", "MEGA"),
        ("/Users/bo/Library/CloudStorage/Egnyte-aarhus", "Egnyte"),
    ],
)
def test_each_sync_clients_folder_is_named_as_its_service(folder, service):
    assert risky_location(Path(folder, "survey.sdproj"), mounts=LOCAL_ONLY) == cloud(service)


@pytest.mark.parametrize(
    "folder",
    [
        "/home/bo/onedrive - aarhus kommune",
        "/home/bo/ONEDRIVE",
        "/home/bo/dropbox",
        "/home/bo/DROPBOX (PERSONAL)",
        "/home/bo/nextcloud",
        "/home/bo/my drive",
    ],
)
def test_folder_names_match_whatever_their_case(folder):
    assert risky_location(f"{folder}/survey.sdproj", mounts=LOCAL_ONLY) is not None


def test_a_project_deep_inside_a_synced_folder_is_found():
    path = "/home/bo/OneDrive - Aarhus Kommune/Analyse/2024/Borgerservice/survey.sdproj"
    assert risky_location(path, mounts=LOCAL_ONLY) == cloud("OneDrive")


@pytest.mark.parametrize(
    "folder",
    [
        "/home/bo/Documents/Surveys",
        "/home/bo/Dokumenter",
        "/home/bo/OneDriveBackup",  # a longer word, not the sync folder
        "/home/bo/Dropboxes",
        "/home/bo/Boxes/Box of tricks",
        "/home/bo/Syncthing-notes",
        "/home/bo/Megaprojekt",
        "/srv/sync-reports",
    ],
)
def test_ordinary_local_folders_are_not_flagged(folder):
    assert risky_location(f"{folder}/survey.sdproj", mounts=LINUX_MOUNTS, platform="linux") is None


def test_only_the_folder_counts_not_the_file_name():
    assert risky_location("/home/bo/Documents/Dropbox.sdproj", mounts=LOCAL_ONLY) is None
    assert risky_location("/home/bo/Documents/OneDrive", mounts=LOCAL_ONLY) is None


def test_the_english_reason_names_the_service():
    found = risky_location("/home/bo/OneDrive - Aarhus Kommune/survey.sdproj", mounts=LOCAL_ONLY)
    assert found is not None
    assert found.reason == "it is inside a folder synced by OneDrive"
    assert str(found) == found.reason


# -- Windows -------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("path", "share"),
    [
        (r"\\fil01\Projekter\Analyse\survey.sdproj", r"\\fil01\Projekter"),
        (r"\\fil01.kommune.local\Delt mappe\survey.sdproj", r"\\fil01.kommune.local\Delt mappe"),
        ("//fil01/Projekter/survey.sdproj", r"\\fil01\Projekter"),
        (r"\\?\UNC\fil01\Projekter\survey.sdproj", r"\\fil01\Projekter"),
        (r"\\wsl.localhost\Ubuntu\home\bo\survey.sdproj", r"\\wsl.localhost\Ubuntu"),
    ],
)
def test_a_unc_path_is_a_network_share_on_windows(path, share):
    found = risky_location(path, platform="win32")
    assert found == RiskyLocation(NETWORK_SHARE, share)
    assert found.reason == f"it is on a network share ({share})"


@pytest.mark.parametrize(
    ("path", "service"),
    [
        (r"C:\Users\bo\OneDrive - Aarhus Kommune\Dokumenter\survey.sdproj", "OneDrive"),
        (r"C:\Users\bo\iCloudDrive\survey.sdproj", "iCloud Drive"),
        (r"G:\My Drive\Analyse\survey.sdproj", "Google Drive"),
        (r"G:\Mit drev\survey.sdproj", "Google Drive"),
        (r"D:\Dropbox (Aarhus Kommune)\survey.sdproj", "Dropbox"),
        (r"\\fil01\home$\bo\Dropbox\survey.sdproj", "Dropbox"),  # the more telling reason
    ],
)
def test_windows_paths_in_synced_folders_are_found(path, service):
    assert risky_location(path, platform="win32") == cloud(service)


def test_local_windows_paths_are_not_flagged(monkeypatch):
    monkeypatch.setattr(locations, "_drive_type", lambda _root: 3)  # DRIVE_FIXED
    for path in (r"C:\Users\bo\Documents\survey.sdproj", r"\\?\C:\Data\survey.sdproj",
                 r"D:\Analyse\Dropbox.sdproj"):
        assert risky_location(path, platform="win32") is None, path


def test_a_mapped_network_drive_is_asked_of_windows(monkeypatch):
    asked: list[str] = []

    def drive_type(root: str) -> int:
        asked.append(root)
        return locations.DRIVE_REMOTE if root == "Z:\\" else 3

    monkeypatch.setattr(locations, "_drive_type", drive_type)
    found = risky_location(r"z:\Analyse\survey.sdproj", platform="win32")
    assert found == RiskyLocation(NETWORK_DRIVE, "Z:")
    assert found.reason == "it is on a network drive (Z:)"
    assert risky_location(r"C:\Analyse\survey.sdproj", platform="win32") is None
    assert set(asked) == {"Z:\\", "C:\\"}


@pytest.mark.skipif(sys.platform == "win32", reason="the guard is for other systems")
def test_windows_drive_types_are_never_asked_outside_windows():
    assert locations._drive_type("Z:\\") is None
    assert risky_location(r"Z:\Analyse\survey.sdproj", platform="win32") is None


def test_a_unc_looking_path_means_nothing_on_linux():
    assert risky_location(r"\\fil01\Projekter\survey.sdproj", mounts=LOCAL_ONLY,
                          platform="linux") is None


# -- mount tables --------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("path", "filesystem"),
    [
        ("/mnt/analyse/survey.sdproj", "nfs4"),
        ("/mnt/analyse/2024/borgerservice/survey.sdproj", "nfs4"),
        ("/mnt/projekter/survey.sdproj", "cifs"),
        ("/home/bo/remote/survey.sdproj", "fuse.sshfs"),
        ("/home/bo/gdrive/Analyse/survey.sdproj", "fuse.rclone"),
        ("/mnt/delt mappe/survey.sdproj", "smb3"),  # the \040 escape is a space
        ("/run/user/1000/gvfs/smb-share:server=fil01,share=projekter/survey.sdproj",
         "fuse.gvfsd-fuse"),
    ],
)
def test_a_project_on_a_network_mount_names_the_file_system(path, filesystem):
    found = risky_location(path, mounts=LINUX_MOUNTS, platform="linux")
    assert found == RiskyLocation(NETWORK_DRIVE, filesystem)
    assert found.reason == f"it is on a network drive ({filesystem})"


@pytest.mark.parametrize(
    "path",
    [
        "/home/bo/Documents/survey.sdproj",
        "/tmp/survey.sdproj",
        "/mnt/analyse/local-cache/survey.sdproj",  # a local disk mounted inside the share
        "/mnt/analysefiler/survey.sdproj",  # a sibling whose name starts the same
        "/media/bo/USB STICK/survey.sdproj",
        "/media/bo/Windows/Users/bo/survey.sdproj",  # ntfs-3g: local FUSE
        "/run/user/1000/doc/1a2b3c/survey.sdproj",  # Flatpak's document portal
        "/home/bo/remote-backup/survey.sdproj",
    ],
)
def test_local_mounts_are_not_flagged(path):
    assert risky_location(path, mounts=LINUX_MOUNTS, platform="linux") is None


def test_the_longest_mount_point_wins_whatever_the_order_of_the_table():
    nested_first = (
        "/dev/sdb1 /srv/data/local ext4 rw 0 0\n"
        "nas:/data /srv/data nfs rw 0 0\n"
        "/dev/sda1 / ext4 rw 0 0\n"
    )
    assert risky_location("/srv/data/local/p.sdproj", mounts=nested_first,
                          platform="linux") is None
    assert risky_location("/srv/data/p.sdproj", mounts=nested_first,
                          platform="linux") == RiskyLocation(NETWORK_DRIVE, "nfs")


def test_a_later_mount_on_the_same_point_hides_the_earlier():
    automounted = "/etc/auto.misc /net autofs rw 0 0\nnas:/x /net nfs4 rw 0 0\n"
    assert risky_location("/net/p.sdproj", mounts=automounted,
                          platform="linux") == RiskyLocation(NETWORK_DRIVE, "nfs4")
    unmounted_over = "nas:/x /net nfs4 rw 0 0\n/dev/sdb1 /net ext4 rw 0 0\n"
    assert risky_location("/net/p.sdproj", mounts=unmounted_over, platform="linux") is None


@pytest.mark.parametrize(
    "filesystem",
    ["nfs", "nfs4", "cifs", "smb3", "smbfs", "sshfs", "fuse.sshfs", "afpfs", "webdav",
     "davfs", "fuse.rclone", "fuse.s3fs", "9p", "vboxsf", "glusterfs", "NFS4"],
)
def test_every_network_file_system_type_is_recognised(filesystem):
    table = f"/dev/sda1 / ext4 rw 0 0\nremote /data {filesystem} rw 0 0\n"
    assert risky_location("/data/p.sdproj", mounts=table,
                          platform="linux") == RiskyLocation(NETWORK_DRIVE, filesystem)


@pytest.mark.parametrize(
    "filesystem",
    ["ext4", "btrfs", "xfs", "zfs", "tmpfs", "vfat", "exfat", "ntfs3", "fuseblk",
     "fuse.gocryptfs", "fuse.bindfs", "overlay", "apfs"],
)
def test_local_file_system_types_are_not(filesystem):
    table = f"/dev/sda1 / ext4 rw 0 0\n/dev/sdb1 /data {filesystem} rw 0 0\n"
    assert risky_location("/data/p.sdproj", mounts=table, platform="linux") is None


def test_macos_mount_output_is_understood():
    assert parse_mounts(MACOS_MOUNT_OUTPUT)[4] == ("/Volumes/Projekter", "smbfs")
    for path, expected in [
        ("/Volumes/Projekter/Analyse/p.sdproj", RiskyLocation(NETWORK_DRIVE, "smbfs")),
        ("/Volumes/data/p.sdproj", RiskyLocation(NETWORK_DRIVE, "nfs")),
        ("/Volumes/USB/p.sdproj", None),
        ("/Users/bo/Documents/p.sdproj", None),
    ]:
        assert risky_location(path, mounts=MACOS_MOUNT_OUTPUT, platform="darwin") == expected


def test_proc_mounts_lines_are_unescaped():
    assert parse_mounts(LINUX_MOUNTS)[10] == ("/media/bo/USB STICK", "vfat")
    assert parse_mounts("garbage\n\n/dev/x relative ext4 rw 0 0\n") == []


def test_a_project_on_a_local_linux_disk_is_fine():
    assert risky_location("/home/bo/Documents/survey.sdproj", mounts=LOCAL_ONLY,
                          platform="linux") is None


def test_without_a_mount_table_the_answer_is_none(monkeypatch, tmp_path):
    monkeypatch.setattr(locations, "PROC_MOUNTS", tmp_path / "no-such-mounts")
    assert risky_location("/mnt/analyse/survey.sdproj", platform="linux") is None
    # The names still count: they need no mount table.
    assert risky_location("/home/bo/Dropbox/survey.sdproj", platform="linux") == cloud("Dropbox")


def test_an_unknown_system_has_no_mount_table():
    assert risky_location("/mnt/analyse/survey.sdproj", platform="freebsd14") is None


def test_the_mount_table_is_read_from_proc_mounts(monkeypatch, tmp_path):
    table = tmp_path / "mounts"
    table.write_text(LINUX_MOUNTS, encoding="utf-8")
    monkeypatch.setattr(locations, "PROC_MOUNTS", table)
    assert risky_location("/mnt/projekter/p.sdproj",
                          platform="linux") == RiskyLocation(NETWORK_DRIVE, "cifs")


def test_an_unreadable_mount_table_gives_none(monkeypatch, tmp_path):
    monkeypatch.setattr(locations, "PROC_MOUNTS", tmp_path)  # a folder: IsADirectoryError
    assert risky_location("/mnt/analyse/survey.sdproj", platform="linux") is None


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc/mounts")
def test_symbolic_links_are_followed_into_synced_folders(tmp_path):
    synced = tmp_path / "Dropbox" / "Analyse"
    synced.mkdir(parents=True)
    link = tmp_path / "Documents"
    link.symlink_to(synced, target_is_directory=True)
    assert risky_location(link / "p.sdproj") == cloud("Dropbox")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc/mounts")
def test_this_test_machines_temporary_folder_is_local(tmp_path):
    # The GUI tests open projects in tmp_path; they rely on it being a local disk.
    assert risky_location(tmp_path / "p.sdproj") is None


def test_relative_paths_are_checked_from_the_working_folder(monkeypatch, tmp_path):
    (tmp_path / "OneDrive").mkdir()
    monkeypatch.chdir(tmp_path / "OneDrive")
    assert risky_location("p.sdproj") == cloud("OneDrive")
