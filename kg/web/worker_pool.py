"""The worker processes that answer kg serve's jobs, each holding the store open.

A query that passes the time limit is stopped by ending its process (Oxigraph cannot cancel a
query any other way), and a new worker takes its place. Workers are started with ``spawn`` (no
fork of a threaded server), so this module, which each of them imports, stays free of the web
framework.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import multiprocessing.connection
import multiprocessing.process
import os
import queue
import shutil
import signal
import tempfile
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from kg.rdf.quads import Quad, to_oxigraph
from kg.store.ingest import is_store
from kg.store.query import OxigraphEngine, in_named_graphs
from kg.web.answers import Answer, text_answer
from kg.web.jobs import Job, handle_job
from kg.web.site import ServeError, Site

# How long a new worker may take to start and open the store.
WORKER_START_S = 120.0

# What a server can serve: a store folder, a store, or neutral quads.
StoreSource = str | os.PathLike[str] | ox.Store | OxigraphEngine | Iterable[Quad]


def worker_main(conn: multiprocessing.connection.Connection, store_dir: str, writable: bool, site: Site) -> None:
    """A worker process: open the store once, then answer jobs until told to stop."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C stops the server, which stops us
    try:
        store = ox.Store(store_dir) if writable else ox.Store.read_only(store_dir)
    except OSError as error:
        conn.send(text_answer(500, f"{store_dir}: cannot open the store: {error}"))
        return
    conn.send("ready")
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):  # the server has gone
            return
        if job is None:
            return
        conn.send(handle_job(store, job, site))


@dataclass(eq=False)  # compared and hashed by identity
class _Worker:
    process: multiprocessing.process.BaseProcess
    conn: multiprocessing.connection.Connection
    ready: bool = False


class WorkerPool:
    """Worker processes that answer jobs, each within a time limit (a late one is ended)."""

    def __init__(self, store_dir: str | Path, site: Site, size: int, *, writable: bool = False) -> None:
        self.store_dir = str(store_dir)
        self.site = site
        self.size = size
        self.writable = writable
        self._context = multiprocessing.get_context("spawn")  # no fork of a threaded server
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._workers: set[_Worker] = set()
        self._lock = threading.Lock()
        self._started = False
        self._closed = False
        self.replaced = 0  # workers ended for passing the time limit (or dying)

    def start(self) -> None:
        """Start the workers and wait until each has opened the store (ServeError if one cannot)."""
        with self._lock:
            if self._started:
                return
            self._started = True
            workers = [self._spawn() for _ in range(self.size)]
        try:
            for worker in workers:
                self._wait_ready(worker)
        except ServeError:
            self.close()
            raise
        for worker in workers:
            self._idle.put(worker)

    def _spawn(self) -> _Worker:
        parent, child = self._context.Pipe()
        process = self._context.Process(target=worker_main, args=(child, self.store_dir, self.writable, self.site), daemon=True, name="kg-serve-worker")
        process.start()
        child.close()
        worker = _Worker(process, parent)
        self._workers.add(worker)
        return worker

    def _wait_ready(self, worker: _Worker) -> None:
        if worker.ready:
            return
        if not worker.conn.poll(WORKER_START_S):
            self._end(worker)
            raise ServeError(f"a query worker did not start within {WORKER_START_S:.0f} s")
        try:
            message = worker.conn.recv()
        except (EOFError, OSError):
            self._end(worker)
            raise ServeError("a query worker stopped while starting") from None
        if message != "ready":
            self._end(worker)
            raise ServeError(message.body.decode("utf-8").strip() if isinstance(message, Answer) else "a query worker could not start")
        worker.ready = True

    def _end(self, worker: _Worker) -> None:
        with contextlib.suppress(OSError):
            worker.conn.close()
        if worker.process.is_alive():
            worker.process.terminate()
            worker.process.join(2)
            if worker.process.is_alive():
                worker.process.kill()
                worker.process.join(2)
        self._workers.discard(worker)

    def _replace(self, worker: _Worker) -> None:
        self._end(worker)
        self.replaced += 1
        if not self._closed:
            self._idle.put(self._spawn())  # it starts while it waits for its first job

    @property
    def pids(self) -> list[int]:
        return sorted(w.process.pid for w in list(self._workers) if w.process.pid is not None)

    def run(self, job: Job, timeout_s: float | None) -> Answer:
        """Run a job on an idle worker; 503 when none frees up, or the job passes, the time limit."""
        if not self._started:
            self.start()
        if self._closed:
            return text_answer(503, "the server is shutting down")
        try:
            worker = self._idle.get(timeout=timeout_s)
        except queue.Empty:
            return text_answer(503, f"the server is busy: no query worker became free within {timeout_s:g} s; try again later")
        finished = False
        try:
            self._wait_ready(worker)
            worker.conn.send(job)
            if worker.conn.poll(timeout_s):
                answer = worker.conn.recv()
                finished = True
                return answer
            return text_answer(503, f"the query ran longer than the time limit of {timeout_s:g} s this server sets, and was stopped: make it more selective (or ask its operator for a higher --timeout)")
        except ServeError as error:
            return text_answer(500, str(error))
        except (EOFError, OSError):
            return text_answer(500, "the query worker stopped unexpectedly (out of memory?); the query was not answered")
        finally:
            if finished:
                self._idle.put(worker)
            else:
                self._replace(worker)

    def close(self) -> None:
        self._closed = True
        for worker in list(self._workers):
            with contextlib.suppress(OSError):
                worker.conn.send(None)
        deadline = time.monotonic() + 3
        for worker in list(self._workers):
            worker.process.join(max(0.0, deadline - time.monotonic()))
            self._end(worker)


def store_folder(source: StoreSource) -> tuple[Path, bool]:
    """A store folder the workers can open holding the source: (folder, whether it is a temporary
    copy of ours, to remove when the server stops)."""
    if isinstance(source, (str, os.PathLike)):
        path = Path(source)
        if not is_store(path):
            raise ServeError(f"{path}: no kg store here; create one with `kg build INPUT... --store {path}`")
        return path, False
    if isinstance(source, OxigraphEngine):
        source = source.store
    if isinstance(source, ox.Store):
        data = source.dump(format=ox.RdfFormat.N_QUADS)
    else:  # a Turtle file's triples are queried as one named graph, as kg query --data does
        data = ox.serialize(to_oxigraph(in_named_graphs(list(source))), format=ox.RdfFormat.N_QUADS)
    folder = Path(tempfile.mkdtemp(prefix="kg-serve-"))
    try:
        store = ox.Store(str(folder / "store"))
        store.bulk_load(data, format=ox.RdfFormat.N_QUADS)
        store.flush()
        del store
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    return folder / "store", True


__all__ = ["WORKER_START_S", "StoreSource", "WorkerPool", "store_folder", "worker_main"]
