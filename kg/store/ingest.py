"""A persistent corpus: many disclosures in one embedded Oxigraph store on disk.

Each disclosure is one named graph (``{base}graph/{unit}/{year}``), the ontology another; queries
see their union. Documents are parsed and mapped in worker processes, which hand back N-Quads.

- A new store is bulk-loaded into a folder beside the target and renamed into place when the load
  has finished: Oxigraph's bulk loader is not transactional, so a failure (or Ctrl-C) leaves no
  half-written store behind.
- An existing store takes each document in one SPARQL update (drop its graph, insert the new
  triples), so re-ingesting a document replaces it and a failure leaves the previous graph whole.
"""

from __future__ import annotations

import glob
import os
import shutil
import sys
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, ThreadPoolExecutor, wait
from dataclasses import dataclass, field, replace
from pathlib import Path

import pyoxigraph as ox

from kg.analyse.analysis import analyse
from kg.atomic import remove_stale
from kg.build import ontology_quads
from kg.errors import KgError
from kg.rdf import terms
from kg.rdf.iris import DEFAULT_BASE, DisclosureIris, check_base
from kg.rdf.mapping import disclosure_quads
from kg.rdf.quads import from_oxigraph
from kg.rdf.rdfio import is_rdf_file, nquads
from kg.read.text import parse_disclosure

ProgressCallback = Callable[[int, int], None]  # (documents done, documents in all)

# Documents per bulk load: large enough to amortise Oxigraph's per-load cost, small enough to keep
# the peak memory of the load (Oxigraph sorts a batch in memory: ~1 GB per 100 documents) and of
# the N-Quads held at once within the 2.5 GB a 2-core machine's corpus build may take.
BATCH = 100


class StoreError(KgError):
    """The store folder cannot be opened or written."""


@dataclass(frozen=True)
class Prepared:
    """One input, parsed and mapped in a worker: its graph and N-Quads, or why it failed."""

    path: str
    graph: str | None = None
    nquads: bytes = b""
    triples: int = 0
    error: str | None = None


@dataclass
class IngestReport:
    loaded: list[Prepared] = field(default_factory=list)
    failed: list[Prepared] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)  # graphs given again in the same run
    seconds: float = 0.0

    @property
    def triples(self) -> int:
        return sum(p.triples for p in self.loaded)


def expand_inputs(inputs: Iterable[str | Path]) -> list[Path]:
    """Files as given, folders searched recursively for disclosure text files, globs expanded."""
    found: list[Path] = []
    for item in inputs:
        text = str(item)
        path = Path(text)
        if path.is_dir():
            found += sorted(p for p in path.rglob("*.txt") if p.is_file())
        elif path.exists():
            found.append(path)
        elif any(ch in text for ch in "*?["):
            matches = sorted(Path(p) for p in glob.glob(text, recursive=True) if Path(p).is_file())
            if not matches:
                raise StoreError(f"{text}: the pattern matches no file")
            found += matches
        else:
            raise StoreError(f"{text}: no such file or folder")
    return list(dict.fromkeys(found))


def prepare(path: str, base: str = DEFAULT_BASE, encoding: str | None = None) -> Prepared:
    """Parse and map one disclosure (runs in a worker process); errors are reported, not raised."""
    try:
        if is_rdf_file(path):
            raise KgError(f"{path}: an RDF file; load disclosures (text) into a store")
        disclosure = parse_disclosure(path, encoding=encoding)
        quads = list(disclosure_quads(disclosure, analyse(disclosure), base))
        data = nquads(quads)
        return Prepared(path, DisclosureIris.of(disclosure, base).graph, data, len(quads))
    except KgError as error:
        return Prepared(path, error=str(error))
    except Exception as error:  # a reader bug must not stop a batch of thousands
        return Prepared(path, error=f"{path}: unexpected {type(error).__name__}: {error}")


def _die_with_parent() -> None:
    """Worker initializer: if the parent is killed (even with SIGKILL), the workers end too.

    Otherwise they wait forever on a queue whose other end their sibling workers keep open.
    """
    if sys.platform.startswith("linux"):
        import ctypes
        import signal

        PR_SET_PDEATHSIG = 1
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)


def prepared_in_order(
    paths: Sequence[Path], base: str, encoding: str | None, workers: int
) -> Iterator[Prepared]:
    """Prepared documents in input order, with at most a few per worker in flight at once."""
    if workers <= 1:
        for path in paths:
            yield prepare(str(path), base, encoding)
        return
    window = workers * 4
    with ProcessPoolExecutor(max_workers=workers, initializer=_die_with_parent) as pool:
        pending: dict[int, Future[Prepared]] = {}
        done: dict[int, Prepared] = {}
        next_submit = next_yield = 0
        while next_yield < len(paths):
            while next_submit < len(paths) and len(pending) + len(done) < window:
                pending[next_submit] = pool.submit(prepare, str(paths[next_submit]), base, encoding)
                next_submit += 1
            finished, _ = wait(pending.values(), return_when=FIRST_COMPLETED)
            for index in [i for i, f in pending.items() if f in finished]:
                done[index] = pending.pop(index).result()
            while next_yield in done:
                yield done.pop(next_yield)
                next_yield += 1


def _ontology_nquads() -> bytes:
    return nquads(ontology_quads())


def _is_store(path: Path) -> bool:
    return path.is_dir() and any(path.iterdir())


def ingest(
    store_dir: str | Path,
    inputs: Iterable[str | Path],
    *,
    base: str = DEFAULT_BASE,
    encoding: str | None = None,
    workers: int | None = None,
    progress: ProgressCallback | None = None,
) -> IngestReport:
    """Load disclosures into the store at ``store_dir`` (created when missing)."""
    base = check_base(base)
    try:  # the documents' IRIs are checked by the workers' writer; the base's authority only here
        ox.NamedNode(base)
    except ValueError as error:
        raise StoreError(f"--base {base!r} is not a valid IRI: {error}") from error
    paths = expand_inputs(inputs)
    workers = workers or os.cpu_count() or 1
    store_dir = Path(store_dir)
    started = time.perf_counter()
    report = IngestReport()
    documents = prepared_in_order(paths, base, encoding, min(workers, max(1, len(paths))))
    if _is_store(store_dir):
        _ingest_existing(store_dir, documents, report, len(paths), progress)
    else:
        _ingest_new(store_dir, documents, report, len(paths), progress)
    report.seconds = time.perf_counter() - started
    return report


def _count(report: IngestReport, doc: Prepared, seen: dict[str, int]) -> bool:
    """Book one prepared document; False when it failed."""
    if doc.error is not None:
        report.failed.append(doc)
        return False
    assert doc.graph is not None
    if doc.graph in seen:
        report.replaced.append(doc.graph)
    seen[doc.graph] = len(report.loaded)
    # The report names what was loaded; it must not keep the N-Quads (~1 MB a document, 10 GB
    # for a corpus of 10,000), which the loader has, or had, its own copy of.
    report.loaded.append(replace(doc, nquads=b""))
    return True


def _ingest_new(
    store_dir: Path, documents: Iterator[Prepared], report: IngestReport, total: int, progress: ProgressCallback | None
) -> None:
    staging = store_dir.parent / f".{store_dir.name}.loading-{os.getpid()}"
    remove_stale(store_dir.parent, f".{store_dir.name}.loading-")
    shutil.rmtree(staging, ignore_errors=True)
    try:
        store = ox.Store(str(staging))
        store.bulk_load(_ontology_nquads(), format=ox.RdfFormat.N_QUADS)
        loader = _BackgroundLoader(store)
        seen: dict[str, int] = {}
        batch: list[bytes] = []
        try:
            for done, doc in enumerate(documents, start=1):
                again = doc.error is None and doc.graph in seen
                if _count(report, doc, seen):
                    if again:
                        # The same unit and year twice in one run: the later document wins, as a
                        # re-ingest would; load what came before so its triples can be dropped first.
                        loader.load(batch)
                        batch = []
                        loader.wait()
                        store.remove_graph(ox.NamedNode(doc.graph))
                    batch.append(doc.nquads)
                    if len(batch) >= BATCH:
                        loader.load(batch)
                        batch = []
                if progress:
                    progress(done, total)
            loader.load(batch)
        finally:
            loader.close()
        store.flush()
        store.optimize()
        del store
        if store_dir.exists():
            store_dir.rmdir()  # an empty folder the user made for the store
        staging.rename(store_dir)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


class _BackgroundLoader:
    """Bulk loads one batch at a time in a thread: Oxigraph releases the GIL while it loads, so
    the main thread goes on collecting the workers' documents (and they on parsing) meanwhile."""

    def __init__(self, store: ox.Store) -> None:
        self._store = store
        self._thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="kg-bulk-load")
        self._loading: Future[None] | None = None

    def load(self, batch: list[bytes]) -> None:
        if batch:
            self.wait()  # one load at a time; a failed load raises here
            # lenient: Oxigraph skips checking the IRIs, which kg.rdf.rdfio.nquads wrote only after
            # checking each against the characters Oxigraph accepts (a tenth of the load's time).
            data = b"".join(batch)
            self._loading = self._thread.submit(self._store.bulk_load, data, format=ox.RdfFormat.N_QUADS, lenient=True)

    def wait(self) -> None:
        loading, self._loading = self._loading, None
        if loading is not None:
            loading.result()

    def close(self) -> None:
        """Wait for the last load (raising its error), and end the thread."""
        try:
            self.wait()
        finally:
            self._thread.shutdown()


def _ingest_existing(
    store_dir: Path, documents: Iterator[Prepared], report: IngestReport, total: int, progress: ProgressCallback | None
) -> None:
    try:
        store = ox.Store(str(store_dir))
    except OSError as error:
        raise StoreError(f"{store_dir}: cannot open the store: {error}") from error
    _replace_graph(store, terms.ONTOLOGY, _ontology_nquads())
    seen: dict[str, int] = {}
    for done, doc in enumerate(documents, start=1):
        if _count(report, doc, seen):
            _replace_graph(store, doc.graph, doc.nquads)
        if progress:
            progress(done, total)
    store.flush()


def _replace_graph(store: ox.Store, graph: str, nquads: bytes) -> None:
    """The graph's new triples in place of its old ones, in one update: one update is one
    transaction, so the old graph is gone only if the new one is in."""
    triples = nquads.decode("utf-8").replace(f" <{graph}> .\n", " .\n")
    store.update(f"DROP SILENT GRAPH <{graph}> ;\nINSERT DATA {{ GRAPH <{graph}> {{\n{triples}}} }}")


def open_store(store_dir: str | Path) -> ox.Store:
    """An existing store, read-only (several readers may share it)."""
    path = Path(store_dir)
    if not _is_store(path):
        raise StoreError(f"{path}: no kg store here; create one with `kg build INPUT... --store {path}`")
    try:
        return ox.Store.read_only(str(path))
    except OSError as error:
        raise StoreError(f"{path}: cannot open the store: {error}") from error


def store_quads(store_dir: str | Path) -> list:
    """Every quad of a store as neutral quads (for commands that work on a whole graph)."""
    return list(from_oxigraph(open_store(store_dir).quads_for_pattern(None, None, None, None)))
