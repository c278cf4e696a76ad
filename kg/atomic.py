"""Writes that either happen whole or not at all: a temporary file beside the target, then rename."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Sequence
from pathlib import Path


def pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


_CLEANED: set[Path] = set()


def remove_stale_temporaries(folder: Path) -> None:
    """Once per folder and process: remove ``.NAME.PID.*.tmp`` files of killed writers.

    Scanning on every write would make writing thousands of files into one folder quadratic.
    """
    folder = folder.resolve()
    if folder in _CLEANED:
        return
    _CLEANED.add(folder)
    for leftover in folder.glob(".*.tmp"):
        parts = leftover.name.split(".")
        pid = parts[-3] if len(parts) >= 4 else ""
        if pid.isdigit() and int(pid) != os.getpid() and not pid_alive(int(pid)):
            leftover.unlink(missing_ok=True)


def remove_stale(folder: Path, prefix: str) -> None:
    """Remove ``{prefix}{pid}…`` leftovers of processes that were killed before they could clean up."""
    for leftover in folder.glob(f"{prefix}*"):
        pid = leftover.name[len(prefix):].split(".")[0].split("-")[0]
        if pid.isdigit() and int(pid) != os.getpid() and not pid_alive(int(pid)):
            if leftover.is_dir():
                import shutil

                shutil.rmtree(leftover, ignore_errors=True)
            else:
                leftover.unlink(missing_ok=True)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_files_atomically(outputs: Sequence[tuple[Path, bytes]]) -> None:
    """Write every file, or none: all are staged first, then renamed into place."""
    staged: list[tuple[str, Path]] = []
    try:
        for path, data in outputs:
            path.parent.mkdir(parents=True, exist_ok=True)
            remove_stale_temporaries(path.parent)
            fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.{os.getpid()}.", suffix=".tmp", dir=path.parent)
            staged.append((tmp, path))
            os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes 0600; a written graph is for sharing
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
        for tmp, path in staged:
            os.replace(tmp, path)
        staged = []
    finally:
        for tmp, _ in staged:
            try:
                os.unlink(tmp)
            except FileNotFoundError:
                pass
