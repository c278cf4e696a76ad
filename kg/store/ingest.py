"""A persistent corpus: many disclosures in one embedded Oxigraph store on disk.

Each disclosure is one named graph (``{base}graph/{region}/{unit}/{year}``), the ontology another; queries
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
from concurrent.futures import (
    FIRST_COMPLETED,
    Future,
    ProcessPoolExecutor,
    ThreadPoolExecutor,
    wait,
)
from dataclasses import dataclass, field, replace
from pathlib import Path

import pyoxigraph as ox

from kg.analyse.analysis import analyse
from kg.atomic import make_folder, remove_stale
from kg.build import one_disclosure_options, ontology_quads, read_disclosure
from kg.errors import KgError
from kg.rdf import terms
from kg.rdf.iris import DEFAULT_BASE, DisclosureIris, check_base
from kg.rdf.mapping import disclosure_quads
from kg.rdf.quads import from_oxigraph
from kg.rdf.rdfio import is_rdf_file, nquads
from kg.read.completeness import partial_reasons, reader_messages
from kg.records import DocumentKind, Given
from kg.store.query import bound_text, module_query

ProgressCallback = Callable[[int, int], None]  # (documents done, documents in all)
QUERY_DIR = Path(__file__).resolve().parent / "queries"  # the store's own bookkeeping queries

# Documents per bulk load: large enough to amortise Oxigraph's per-load cost, small enough to keep
# the peak memory of the load (Oxigraph sorts a batch in memory: ~1 GB per 100 documents) and of
# the N-Quads held at once within the 2.5 GB a 2-core machine's corpus build may take.
BATCH = 50


class StoreError(KgError):
    """The store folder cannot be opened or written."""


@dataclass(frozen=True)
class Prepared:
    """One input, parsed and mapped in a worker: its graph and N-Quads, or why it failed."""

    path: str
    graph: str | None = None  # the document's identity: region, unit, year (kg.rdf.iris)
    nquads: bytes = b""
    triples: int = 0
    error: str | None = None
    sha256: str = ""  # the decoded text's digest: the same document, whatever its encoding
    partial: tuple[str, ...] = ()  # why it was read only in part (kg.read.completeness)
    messages: tuple[str, ...] = ()  # the reader's warnings, one line each (kg.read.completeness.reader_messages)
    identity: str = "region, unit and year"  # what its graph is keyed by, as a refusal says it (a form: its kind and project too)


@dataclass
class IngestReport:
    loaded: list[Prepared] = field(default_factory=list)
    failed: list[Prepared] = field(default_factory=list)  # not loaded, with the reason
    replaced: list[str] = field(default_factory=list)  # graphs whose earlier document another replaced (--replace)
    unchanged: list[Prepared] = field(default_factory=list)  # the same document again: loaded once
    seconds: float = 0.0

    @property
    def triples(self) -> int:
        return sum(p.triples for p in self.loaded)


# What a folder given as input is searched for: every kind kg reads by its content (kg.read.source).
DOCUMENT_SUFFIXES = (".txt", ".csv", ".pdf", ".xlsx", ".xls", ".docx", ".html", ".htm", ".mhtml", ".mht")


def expand_inputs(inputs: Iterable[str | Path]) -> list[Path]:
    """Files as given, folders searched recursively for disclosure text files, PDFs, workbooks, Word documents and
    saved web pages, globs expanded."""
    found: list[Path] = []
    for item in inputs:
        text = str(item)
        path = Path(text)
        if path.is_dir():
            # (not the helper files of a page saved "complete", in its …_files folder: scripts, frames, images)
            found += sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in DOCUMENT_SUFFIXES
                            and not any(part.endswith("_files") for part in p.relative_to(path).parts[:-1]))
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


def prepare(
    path: str, base: str = DEFAULT_BASE, encoding: str | None = None, region: str | None = None,
    given: Given = Given(),
) -> Prepared:
    """Parse and map one disclosure (runs in a worker process); errors are reported, not raised.
    ``region`` and ``given`` settle what a document does not print (a form of the national
    family often prints no year or unit code)."""
    try:
        if is_rdf_file(path):
            raise KgError(f"{path}: an RDF file; load disclosures (text) into a store")
        disclosure = read_disclosure(path, encoding=encoding, region=region, given=given)  # text, PDF or workbook, by content
        # each statement once, as the graph will hold it (a page printed twice gives its project's quads twice)
        quads = list(dict.fromkeys(disclosure_quads(disclosure, analyse(disclosure), base)))
        data = nquads(quads)
        graph = DisclosureIris.of(disclosure, base).graph
        kind = disclosure.kind
        identity = ("region, unit and year" if kind is DocumentKind.DISCLOSURE else f"region, unit, year and kind ({kind.value})"
                    if kind is DocumentKind.DEPARTMENT_FORM else f"region, unit, year, kind ({kind.value}) and project")
        return Prepared(path, graph, data, len(quads), sha256=disclosure.sha256, partial=tuple(partial_reasons(disclosure)),
                        messages=tuple(reader_messages(disclosure)), identity=identity)
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
    paths: Sequence[Path], base: str, encoding: str | None, workers: int, region: str | None = None,
    given: Given = Given(),
) -> Iterator[Prepared]:
    """Prepared documents in input order, with at most a few per worker in flight at once."""
    if workers <= 1:
        for path in paths:
            yield prepare(str(path), base, encoding, region, given)
        return
    window = workers * 4
    with ProcessPoolExecutor(max_workers=workers, initializer=_die_with_parent) as pool:
        pending: dict[int, Future[Prepared]] = {}
        done: dict[int, Prepared] = {}
        next_submit = next_yield = 0
        while next_yield < len(paths):
            while next_submit < len(paths) and len(pending) + len(done) < window:
                pending[next_submit] = pool.submit(prepare, str(paths[next_submit]), base, encoding, region, given)
                next_submit += 1
            finished, _ = wait(pending.values(), return_when=FIRST_COMPLETED)
            for index in [i for i, f in pending.items() if f in finished]:
                done[index] = pending.pop(index).result()
            while next_yield in done:
                yield done.pop(next_yield)
                next_yield += 1


def _ontology_nquads() -> bytes:
    return nquads(ontology_quads())


def is_store(path: Path) -> bool:
    """Whether ``path`` holds a store (RocksDB's CURRENT names its manifest), not just any files."""
    return (path / "CURRENT").is_file()


def ingest(
    store_dir: str | Path,
    inputs: Iterable[str | Path],
    *,
    base: str = DEFAULT_BASE,
    encoding: str | None = None,
    workers: int | None = None,
    progress: ProgressCallback | None = None,
    region: str | None = None,
    replace: bool = False,
    allow_partial: bool = False,
    given: Given = Given(),
) -> IngestReport:
    """Load disclosures into the store at ``store_dir`` (created when missing).

    A document is its decoded text: given again (in this run or already stored) it is loaded once
    and listed as unchanged. A different document with the same identity (region, unit, year) is
    refused unless ``replace``, and then the later one wins. A document that failed or was read
    only in part (refused unless ``allow_partial``) never replaces a complete one already stored.
    Every refused document is in ``report.failed`` with its reason; the others load."""
    base = check_base(base)
    paths = expand_inputs(inputs)
    one_disclosure_options(len(paths), project=given.project)
    workers = workers or os.cpu_count() or 1
    store_dir = Path(store_dir)
    if not is_store(store_dir) and store_dir.is_dir() and any(store_dir.iterdir()):
        # Not ours to write into: RocksDB would put its files beside the folder's own.
        raise StoreError(f"{store_dir}: a folder of other files, not a kg store; give a new or empty folder for a new store")
    started = time.perf_counter()
    report = IngestReport()
    documents = prepared_in_order(paths, base, encoding, min(workers, max(1, len(paths))), region, given)
    policy = _Policy(replace, allow_partial)
    if is_store(store_dir):
        _ingest_existing(store_dir, documents, report, len(paths), progress, policy)
    else:
        _ingest_new(store_dir, documents, report, len(paths), progress, policy)
    report.seconds = time.perf_counter() - started
    return report


@dataclass(frozen=True)
class Held:
    """What a graph holds now: its document's digest and whether it was read only in part."""

    sha256: str
    partial: bool


@dataclass(frozen=True)
class _Policy:
    replace: bool
    allow_partial: bool

    def refusal(self, doc: Prepared, held: Held | None, where: str) -> str | None:
        """Why ``doc`` must not be loaded over what its graph holds (None: load it)."""
        if doc.partial and not self.allow_partial:
            return f"{doc.path}: read only in part: {'; '.join(doc.partial)}; --allow-partial accepts it"
        if held is None:
            return None
        if not self.replace:
            return (f"{doc.path}: a different document with the same {doc.identity} ({doc.graph}) is {where}; "
                    "--replace loads this one instead")
        if doc.partial and not held.partial:
            return f"{doc.path}: read only in part, it does not replace the complete document {where} ({doc.graph})"
        return None


def _count(report: IngestReport, doc: Prepared, held: Held | None, seen: dict[str, Held], policy: _Policy) -> bool:
    """Book one prepared document; True when it is to be loaded (``held``: what its graph holds
    in the store, None for a new graph; ``seen``: the graphs this run loaded)."""
    if doc.error is not None:
        report.failed.append(doc)
        return False
    assert doc.graph is not None
    earlier = seen.get(doc.graph)
    current = earlier or held
    if current is not None and current.sha256 == doc.sha256:
        report.unchanged.append(replace(doc, nquads=b""))
        return False
    refusal = policy.refusal(doc, current, "given earlier in this run" if earlier else "in the store")
    if refusal is not None:
        report.failed.append(replace(doc, nquads=b"", error=refusal))
        return False
    if current is not None:
        report.replaced.append(doc.graph)
    seen[doc.graph] = Held(doc.sha256, bool(doc.partial))
    # The report names what was loaded; it must not keep the N-Quads (~1 MB a document, 10 GB
    # for a corpus of 10,000), which the loader has, or had, its own copy of.
    report.loaded.append(replace(doc, nquads=b""))
    return True


def _ingest_new(
    store_dir: Path, documents: Iterator[Prepared], report: IngestReport, total: int, progress: ProgressCallback | None,
    policy: _Policy,
) -> None:
    staging = make_folder(store_dir.parent) / f".{store_dir.name}.loading-{os.getpid()}"
    remove_stale(store_dir.parent, f".{store_dir.name}.loading-")
    shutil.rmtree(staging, ignore_errors=True)
    try:
        store = ox.Store(str(staging))
        store.bulk_load(_ontology_nquads(), format=ox.RdfFormat.N_QUADS)
        loader = _BackgroundLoader(store)
        seen: dict[str, Held] = {}
        batch: list[bytes] = []
        try:
            for done, doc in enumerate(documents, start=1):
                again = doc.error is None and doc.graph in seen
                if _count(report, doc, None, seen, policy):
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
        if not report.loaded:
            # Nothing loaded (every document failed or was refused): no new store holding the ontology
            # alone, which a later run would take for a store of these documents. A failed run writes nothing.
            del loader, store
            shutil.rmtree(staging, ignore_errors=True)
            return
        store.flush()
        store.optimize()
        # Closed before the rename: RocksDB closes a store when its last reference goes (the
        # loader held one), and a store still open went on compacting into the folder's old name.
        del loader, store
        if store_dir.exists():
            store_dir.rmdir()  # an empty folder the user made for the store
        staging.rename(store_dir)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


class _BackgroundLoader:
    """Bulk loads batches in two threads: Oxigraph releases the GIL while it loads, so the main
    thread goes on collecting the workers' documents (and they on parsing) meanwhile.

    The loader is the slower half of an ingest (each load runs on about one core), and two batches
    load side by side in a little over the time of one (300 generated documents: 9.4 s one at a
    time, 5.5 s two at once). The main thread hands over a batch while the earlier ones load and
    waits only when LOADS are loading, so the workers are not left idle with their window full."""

    LOADS = 2

    def __init__(self, store: ox.Store) -> None:
        self._store = store
        self._threads = ThreadPoolExecutor(max_workers=self.LOADS, thread_name_prefix="kg-bulk-load")
        self._loads: list[Future[None]] = []  # handed over, oldest first

    def load(self, batch: list[bytes]) -> None:
        if batch:
            if len(self._loads) >= self.LOADS:
                self._loads.pop(0).result()  # a failed load raises here
            # lenient: Oxigraph skips checking the IRIs, which kg.rdf.rdfio.nquads wrote only after
            # checking each against the characters Oxigraph accepts (a tenth of the load's time).
            data = b"".join(batch)
            self._loads.append(self._threads.submit(self._store.bulk_load, data, format=ox.RdfFormat.N_QUADS, lenient=True))

    def wait(self) -> None:
        """Every batch handed over is loaded (raising the first error)."""
        while self._loads:
            self._loads.pop(0).result()

    def close(self) -> None:
        """Wait for the last loads (raising an error of theirs), and end the threads."""
        try:
            self.wait()
        finally:
            for pending in self._loads:
                pending.cancel()
            self._threads.shutdown()


def _ingest_existing(
    store_dir: Path, documents: Iterator[Prepared], report: IngestReport, total: int, progress: ProgressCallback | None,
    policy: _Policy,
) -> None:
    try:
        store = ox.Store(str(store_dir))
    except OSError as error:
        raise StoreError(f"{store_dir}: cannot open the store: {error}") from error
    uncounted = uncounted_documents(store)
    if uncounted:  # documents of this kg beside them would be counted, theirs not
        raise StoreError(f"{store_dir}: {_uncounted(uncounted)}; build the store again from its documents")
    _replace_graph(store, terms.ONTOLOGY, _ontology_nquads())
    seen: dict[str, Held] = {}
    for done, doc in enumerate(documents, start=1):
        held = held_by(store, doc.graph) if doc.graph else None
        # The same document under another identity: loaded before, read with other options (--project,
        # --unit, --year, --region). Loaded beside it, its every row would be counted twice.
        elsewhere = [g for g in graphs_holding(store, doc.sha256) if g != doc.graph] if doc.error is None else []
        if elsewhere and not policy.replace:
            report.failed.append(replace(doc, nquads=b"", error=f"{doc.path}: the same document is in the store as {elsewhere[0]}, "
                                         "read with other options; --replace loads it as read now, in its place"))
        elif _count(report, doc, held, seen, policy):
            assert doc.graph is not None
            _replace_graph(store, doc.graph, doc.nquads, also_drop=elsewhere)
            report.replaced += elsewhere
        if progress:
            progress(done, total)
    store.flush()


def held_by(store: ox.Store, graph: str) -> Held | None:
    """The document a graph of the store holds, or None when the store has no such graph."""
    answer = store.query(bound_text(module_query(QUERY_DIR, "graph-document"), graph=graph))
    for solution in answer:  # type: ignore[union-attr]
        return Held(solution["sha"].value, int(solution["reasons"].value) > 0)
    return None


def graphs_holding(store: ox.Store, sha256: str) -> list[str]:
    """The graphs of the store that hold the document of this SHA-256 (one, or none, as a rule)."""
    answer = store.query(bound_text(module_query(QUERY_DIR, "document-graphs"), sha=sha256))
    return sorted(solution["graph"].value for solution in answer)  # type: ignore[union-attr]


def uncounted_documents(store: ox.Store) -> list[str]:
    """The graphs of documents mapped by a kg that did not yet count targets (kg:TargetValueCount,
    which every document mapped since says with kg:targetsCounted): the figures queries leave
    their targets out."""
    answer = store.query(module_query(QUERY_DIR, "uncounted-documents").text)
    return [solution["graph"].value for solution in answer]  # type: ignore[union-attr]


def counts_warning(store: ox.Store, query_text: str) -> str | None:
    """Why a query that reads the target counts would leave some of the store's documents out."""
    if "countsTargetsOf" not in query_text:
        return None
    uncounted = uncounted_documents(store)
    return f"{_uncounted(uncounted)}: these figures leave out their targets; map them again with this kg" if uncounted else None


def _uncounted(graphs: Sequence[str]) -> str:
    return (f"{len(graphs)} document(s) ({graphs[0]}{', …' if len(graphs) > 1 else ''}) were mapped by an earlier kg, "
            "which did not count targets (kg:TargetValueCount)")


def _replace_graph(store: ox.Store, graph: str, nquads: bytes, also_drop: Sequence[str] = ()) -> None:
    """The graph's new triples in place of its old ones (and of the graphs ``also_drop``), in one
    update: one update is one transaction, so the old graphs are gone only if the new one is in."""
    triples = nquads.decode("utf-8").replace(f" <{graph}> .\n", " .\n")
    drops = "".join(f"DROP SILENT GRAPH <{other}> ;\n" for other in (graph, *also_drop))
    store.update(f"{drops}INSERT DATA {{ GRAPH <{graph}> {{\n{triples}}} }}")


def remove_documents(store_dir: str | Path, selectors: Sequence[str]) -> list[str]:
    """Drop the documents named by ``selectors`` (a graph IRI, a SHA-256 or its first 8 or more
    characters, or a file name, as `kg store list` shows them) in one transaction; the graphs dropped.
    A selector that names no document, or several by a short SHA-256, is an error and nothing changes."""
    path = Path(store_dir)
    reader = open_store(path)  # read-only until every selector is known to name documents
    rows = [
        (s["graph"].value, s["sha"].value, s["file"].value if s["file"] else "")
        for s in reader.query(module_query(QUERY_DIR, "stored-documents").text)  # type: ignore[union-attr]
    ]
    del reader
    graphs: list[str] = []
    for selector in selectors:
        found = sorted({g for g, sha, file in rows
                        if selector in (g, sha, file) or (len(selector) >= 8 and sha.startswith(selector))})
        if not found:
            short = len(selector) < 8 and any(sha.startswith(selector) for _, sha, _ in rows)
            hint = "a SHA-256 is given by its first 8 or more characters" if short else f"`kg store list --store {path}` lists them"
            raise StoreError(f"{path}: no document {selector!r} ({hint})")
        if len(found) > 1 and selector not in {file for _, _, file in rows}:
            raise StoreError(f"{path}: {selector!r} names {len(found)} documents; give more of the SHA-256 or the graph")
        graphs += [g for g in found if g not in graphs]
    store = ox.Store(str(path))
    store.update(" ;\n".join(f"DROP GRAPH <{graph}>" for graph in graphs))
    store.flush()
    return graphs


def open_store(store_dir: str | Path) -> ox.Store:
    """An existing store, read-only (several readers may share it)."""
    path = Path(store_dir)
    if not is_store(path):
        raise StoreError(f"{path}: no kg store here; create one with `kg build INPUT... --store {path}`")
    try:
        return ox.Store.read_only(str(path))
    except OSError as error:
        raise StoreError(f"{path}: cannot open the store: {error}") from error


def store_quads(store_dir: str | Path) -> list:
    """Every quad of a store as neutral quads (for commands that work on a whole graph)."""
    return list(from_oxigraph(open_store(store_dir).quads_for_pattern(None, None, None, None)))
