"""Removable drives to offer first when exporting (USB sticks, SD cards).

Windows: every drive letter whose `GetDriveTypeW` is DRIVE_REMOVABLE (2). Linux: mounted
block devices whose disk says `removable` = 1 in /sys/block, plus anything mounted under
/media or /run/media (desktops mount sticks there). Paths to the system files are parameters
so tests can feed their own.
"""

from __future__ import annotations

import os
import string
import sys
from dataclasses import dataclass
from pathlib import Path

DRIVE_REMOVABLE = 2


@dataclass(frozen=True)
class Drive:
    path: Path
    label: str


def _windows_drives() -> list[Drive]:
    import ctypes

    k32 = ctypes.windll.kernel32
    mask = k32.GetLogicalDrives()
    out = []
    for i, letter in enumerate(string.ascii_uppercase):
        if mask & (1 << i):
            root = f"{letter}:\\"
            if k32.GetDriveTypeW(root) == DRIVE_REMOVABLE:
                buf = ctypes.create_unicode_buffer(261)
                k32.GetVolumeInformationW(root, buf, 261, None, None, None, None, 0)
                out.append(Drive(Path(root), f"{letter}: {buf.value}".strip()))
    return out


def _disk_of(device: str) -> str:
    """sdb1 -> sdb, mmcblk0p1 -> mmcblk0, nvme0n1p2 -> nvme0n1."""
    name = os.path.basename(device)
    if name.startswith(("mmcblk", "nvme")) and "p" in name[5:]:
        return name[: name.rindex("p")]
    return name.rstrip("0123456789")


def _linux_drives(mounts_file: str, sys_block: str) -> list[Drive]:
    try:
        lines = Path(mounts_file).read_text().splitlines()
    except OSError:
        return []
    out, seen = [], set()
    for line in lines:
        parts = line.split()
        if len(parts) < 3:
            continue
        device, mnt = parts[0], parts[1].replace("\\040", " ")
        removable = False
        if device.startswith("/dev/"):
            flag = Path(sys_block) / _disk_of(device) / "removable"
            try:
                removable = flag.read_text().strip() == "1"
            except OSError:
                removable = False
        if not removable and mnt.startswith(("/media/", "/run/media/")):
            removable = True
        if removable and mnt not in seen:
            seen.add(mnt)
            out.append(Drive(Path(mnt), f"{Path(mnt).name} ({device})"))
    return out


def removable_drives(
    mounts_file: str = "/proc/mounts", sys_block: str = "/sys/block"
) -> list[Drive]:
    """Removable drives mounted now, for the export folder picker."""
    if sys.platform == "win32":
        return _windows_drives()
    return _linux_drives(mounts_file, sys_block)
