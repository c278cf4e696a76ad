"""Run the kg command with one fault injected, for tests/test_kill.py (no test_ prefix: not collected).

    KG_FAULT=FAULT python tests/faulty_kg.py KG-ARGUMENTS...

FAULT is one of:

- ``rename-raise:N``  the rename into place after kg.atomic's first N raises OSError;
- ``rename-kill:N``   the process SIGKILLs itself instead of that rename;
- ``store-raise:N``   the write to a pyoxigraph store after the first N raises OSError instead of running;
- ``store-kill:N``    the process SIGKILLs itself as soon as the N-th write to a store has returned;
- ``worker-kill:NAME`` the parse worker given the file named NAME SIGKILLs itself;
- ``none``            nothing fails.

A store write is any call that changes a store's content (update, load, bulk_load, add, remove…), on
any ``pyoxigraph.Store`` kg opens, from any thread. A fault that fires says ``injected fault: FAULT``
on stderr; one that never fires is reported as ``fault not reached`` when the command ends, so a test
can tell it tested nothing.
``KG_CHILDREN_FILE=PATH``: before a kill, the main process writes its worker processes' ids there.
``KG_BATCH=N`` sets ``kg.store.ingest.BATCH`` (documents per bulk load) so that a small run loads in
several batches. The fault comes from the environment, so worker processes see it whatever their
start method; kg itself is not changed.
"""

from __future__ import annotations

import atexit
import os
import signal
import sys
import threading

import pyoxigraph

FAULT = os.environ.get("KG_FAULT", "none")
KIND, _, ARGUMENT = FAULT.partition(":")
STORE_WRITES = frozenset(
    {"add", "add_graph", "bulk_extend", "bulk_load", "clear", "clear_graph", "extend", "load", "remove", "remove_graph", "update"}
)

_MAIN_PID = os.getpid()
_lock = threading.Lock()
_counts = {"rename": 0, "store": 0, "store-returned": 0}
_fired = False


def _kill_self() -> None:
    """SIGKILL this process; the main process first writes its workers' ids to $KG_CHILDREN_FILE."""
    print(f"injected fault: {FAULT} (process {os.getpid()})", file=sys.stderr)
    if os.getpid() == _MAIN_PID and os.environ.get("KG_CHILDREN_FILE"):
        import multiprocessing

        pids = [str(child.pid) for child in multiprocessing.active_children()]
        with open(os.environ["KG_CHILDREN_FILE"], "w", encoding="utf-8") as handle:
            handle.write(" ".join(pids))
    sys.stderr.flush()
    os.kill(os.getpid(), signal.SIGKILL)


def _before(counter: str) -> None:
    """Called before a rename or a store write: fail here when this is the chosen one."""
    global _fired
    with _lock:
        index = _counts[counter]
        _counts[counter] += 1
    if f"{counter}-raise" == KIND and index == int(ARGUMENT):
        _fired = True
        raise OSError(f"injected fault: {FAULT}")
    if counter == "rename" and KIND == "rename-kill" and index == int(ARGUMENT):
        _kill_self()


def _after_store_write() -> None:
    # Counted as the writes return, not as they start: kg runs two bulk loads at once, and the
    # N-th to return may have started after another began.
    with _lock:
        _counts["store-returned"] += 1
        done = _counts["store-returned"]
    if KIND == "store-kill" and done == int(ARGUMENT):
        _kill_self()


_real_replace = os.replace


def _replace(src, dst, *args, **kwargs):  # type: ignore[no-untyped-def]
    if sys._getframe(1).f_globals.get("__name__") == "kg.atomic":
        _before("rename")
    return _real_replace(src, dst, *args, **kwargs)


class _Store:
    """A pyoxigraph.Store that counts (and may fail) the writes made to it."""

    def __init__(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        self._store = _RealStore(*args, **kwargs)

    @staticmethod
    def read_only(*args, **kwargs):  # type: ignore[no-untyped-def]
        return _RealStore.read_only(*args, **kwargs)

    @staticmethod
    def secondary(*args, **kwargs):  # type: ignore[no-untyped-def]
        return _RealStore.secondary(*args, **kwargs)

    def __getattr__(self, name: str):  # type: ignore[no-untyped-def]
        attribute = getattr(self._store, name)
        if name not in STORE_WRITES:
            return attribute

        def write(*args, **kwargs):  # type: ignore[no-untyped-def]
            _before("store")
            result = attribute(*args, **kwargs)
            _after_store_write()
            return result

        return write

    def __len__(self) -> int:
        return len(self._store)

    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter(self._store)

    def __contains__(self, quad: object) -> bool:
        return quad in self._store


def _prepare(path: str, *args, **kwargs):  # type: ignore[no-untyped-def]
    if os.path.basename(path) == ARGUMENT:
        _kill_self()
    return _real_prepare(path, *args, **kwargs)


def _report() -> None:
    reached = {
        "none": True,
        "rename-raise": _fired,
        "store-raise": _fired,
        "rename-kill": False,  # had it fired, this process would not be here
        "store-kill": False,
        "worker-kill": True,  # fired in a worker, whose own `injected fault` line is on stderr
    }.get(KIND, False)
    if not reached:
        print(f"fault not reached: {FAULT} (renames={_counts['rename']}, store writes={_counts['store']})", file=sys.stderr)


_RealStore = pyoxigraph.Store
if KIND not in {"none", "rename-raise", "rename-kill", "store-raise", "store-kill", "worker-kill"}:
    raise SystemExit(f"faulty_kg.py: unknown KG_FAULT {FAULT!r}")
os.replace = _replace
pyoxigraph.Store = _Store  # type: ignore[misc]  # before kg is imported, so every ox.Store(...) is this one

import kg.store.ingest

_real_prepare = kg.store.ingest.prepare
kg.store.ingest.prepare = _prepare
if "KG_BATCH" in os.environ:
    kg.store.ingest.BATCH = int(os.environ["KG_BATCH"])

if __name__ == "__main__":
    from kg.cli import cli

    atexit.register(_report)
    cli(prog_name="kg")
