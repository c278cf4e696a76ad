"""Writes that either happen whole or not at all: a temporary file beside the target, then rename."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Sequence
from pathlib import Path

from kg.errors import OutputError


def pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def remove_stale_temporaries(folder: Path) -> None:
    """Remove the ``.NAME.PID.*.tmp`` files of writers that were killed before they cleaned up."""
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
                shutil.rmtree(leftover, ignore_errors=True)
            else:
                leftover.unlink(missing_ok=True)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _backup(path: Path) -> str:
    """A copy of ``path``'s current contents beside it (a hard link where the file system has
    them), named so that remove_stale_temporaries knows it; ``path`` itself stays in place."""
    fd, name = tempfile.mkstemp(prefix=f".{path.name}.{os.getpid()}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    try:
        os.unlink(name)
        os.link(path, name)
    except OSError:
        shutil.copyfile(path, name)
    return name


def make_folder(folder: Path) -> Path:
    """``folder`` and its parents, made where missing; a path that cannot be one (a file on the way, no
    permission) is an OutputError naming it."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise OutputError(f"{folder}: cannot make the folder: {error.strerror or error}") from error
    return folder


def write_files_atomically(outputs: Sequence[tuple[Path, bytes]], swept: set[Path] | None = None) -> None:
    """Write every file, or none: all are staged first, then renamed into place; when a rename
    fails, the files already renamed get their previous contents back.

    Each folder is first swept of a killed writer's leftovers; a caller writing thousands of files
    into one folder passes the same ``swept`` set to every call, so that a folder is swept once.
    (A kill between two renames can still leave a mix: rename is atomic for one file only.)"""
    try:
        _write_all(outputs, set() if swept is None else swept)
    except OSError as error:
        where = error.filename or (outputs[0][0] if outputs else "")
        raise OutputError(f"{where}: cannot write: {error.strerror or error}; the previous outputs are kept") from error


def _write_all(outputs: Sequence[tuple[Path, bytes]], swept: set[Path]) -> None:
    staged: list[tuple[str, Path]] = []
    backups: list[tuple[Path, str | None]] = []  # (target, a copy of its previous contents, or None: there was none)
    try:
        for path, data in outputs:
            path.parent.mkdir(parents=True, exist_ok=True)
            folder = path.parent.resolve()
            if folder not in swept:
                swept.add(folder)
                remove_stale_temporaries(folder)
            fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.{os.getpid()}.", suffix=".tmp", dir=path.parent)
            staged.append((tmp, path))
            os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes 0600; a written graph is for sharing
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
        try:
            for tmp, path in staged:
                if len(staged) > 1:  # the previous contents are kept until every file is in place
                    # Noted before the rename, so that a failed rename is undone too.
                    backups.append((path, _backup(path) if path.exists() else None))
                os.replace(tmp, path)
        except BaseException:
            for path, backup in reversed(backups):
                if backup is None:
                    path.unlink(missing_ok=True)
                elif not os.path.samefile(backup, path):  # renaming a file onto its own hard link does nothing
                    os.replace(backup, path)
            raise
        staged = []
    finally:
        for leftover in [tmp for tmp, _ in staged] + [backup for _, backup in backups if backup]:
            try:
                os.unlink(leftover)
            except FileNotFoundError:
                pass
