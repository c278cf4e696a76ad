"""Inputs → one graph: disclosures are read and mapped, RDF files read as they are, and the
ontology (classes, tiers, units, comparators) added in its own named graph so that every query
finds the labels and conversions it needs in the graph itself."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path

import pyoxigraph as ox

from kg import __version__
from kg.analyse.analysis import analyse
from kg.analyse.trace import load_reviews
from kg.atomic import write_files_atomically
from kg.errors import KgError
from kg.rdf import terms
from kg.rdf.dataset import DatasetOptions, Generation, dataset_quads
from kg.rdf.iris import DEFAULT_BASE, DisclosureIris, check_base
from kg.rdf.mapping import disclosure_quads
from kg.rdf.namespaces import PREFIXES, RDF_TYPE
from kg.rdf.quads import Literal, Quad, from_oxigraph
from kg.rdf.rdfio import (
    FORMATS,
    WRITTEN_EXTENSIONS,
    RdfError,
    RdfText,
    format_of,
    is_rdf_file,
    read_rdf,
    serialize,
)
from kg.read.geometry import parse_pdf_source
from kg.read.source import SourceText, read_source
from kg.read.text import parse_disclosure, parse_source
from kg.records import Disclosure, Given
from kg.resources import ontology_file

ONTOLOGY_FILES = ("kg.ttl", "tiers.ttl", "units.ttl", "budget-cube.ttl")
READER = parse_disclosure.__module__  # the module that reads disclosure texts, named in the build's provenance


@cache
def ontology_quads() -> tuple[Quad, ...]:
    quads: list[Quad] = []
    for name in ONTOLOGY_FILES:
        parsed = ox.parse(path=str(ontology_file(name)), format=ox.RdfFormat.TURTLE)
        prefix = name.split(".")[0] + "-"  # blank nodes of different files stay apart
        quads += [(s, p, o, terms.ONTOLOGY) for s, p, o, _ in from_oxigraph(parsed, prefix)]
    return tuple(quads)


@dataclass
class Built:
    disclosures: list[Disclosure]
    quads: list[Quad]  # data and ontology, without the dataset description
    notices: list[str] = field(default_factory=list)  # inputs left out as the same document given again

    def description(self, options: DatasetOptions) -> list[Quad]:
        """The DCAT-AP/VoID/PROV description of the dataset (kg build writes it beside the data)."""
        generation = Generation(__version__, READER if self.disclosures else None)
        return dataset_quads(self.disclosures, self.quads, options, generation)

    def with_metadata(self, options: DatasetOptions) -> list[Quad]:
        return self.quads + self.description(options)


def read_disclosure(
    item: str | Path | SourceText, *, encoding: str | None = None, overrides: str | Path | None = None, region: str | None = None,
    given: Given = Given(),
) -> Disclosure:
    """One disclosure from a text file or a PDF (told by its content), or from text already read
    (standard input, say)."""
    source = item if isinstance(item, SourceText) else read_source(item, encoding)
    if source.encoding == "pdf":  # a PDF: its ruling lines settle 预算表12's page breaks (a workbook's layout is its sheets and rows)
        return parse_pdf_source(source, overrides=overrides, region=region, given=given)
    disclosure = parse_source(source, overrides=overrides, region=region, given=given)  # given: what a form does not print
    if source.layout is not None:  # a workbook: every line's sheet and row
        return replace(disclosure, positions=source.layout.places())
    return disclosure


def one_disclosure_options(texts: int, **given: object) -> None:
    """Options about one disclosure (``overrides=…``, ``links=…``, ``project=…``) need exactly one text input."""
    for option, value in given.items():
        if value is not None and texts != 1:
            raise KgError(f"--{option} applies to one disclosure, but {texts} disclosure text files were given")


def _is_rdf(item: str | Path | SourceText | RdfText) -> bool:
    return isinstance(item, RdfText) or (not isinstance(item, SourceText) and is_rdf_file(item))


# What a document's root is typed: a department's budget for a year, or another province's form.
DOCUMENT_ROOTS = frozenset({terms.DepartmentBudget, terms.ProjectForm, terms.SelfEvaluation})


def load_inputs(
    inputs: Sequence[str | Path | SourceText | RdfText],
    *,
    base: str = DEFAULT_BASE,
    encoding: str | None = None,
    overrides: str | Path | None = None,
    links: str | Path | None = None,
    region: str | None = None,
    with_ontology: bool = True,
    given: Given = Given(),
) -> Built:
    """Read each input: a disclosure text file or text already read (parsed and mapped), or an
    RDF file or RDF already read (kg.rdf.rdfio.RdfText, read as is).

    ``overrides`` (page-break assignments) and ``links`` (reviewed activity→project links) are
    files about one disclosure, so they need exactly one text input; ``region`` (a GB/T 2260 code)
    applies to every text input."""
    base = check_base(base)
    one_disclosure_options(sum(1 for p in inputs if not _is_rdf(p)), overrides=overrides, links=links, project=given.project)
    disclosures: list[Disclosure] = []
    quads: list[Quad] = []
    notices: list[str] = []
    seen: dict[str, str] = {}  # document SHA-256 → the input that gave it first
    roots: dict[str, str] = {}  # a document's root (its identity: region, unit, year, kind) → the input that gave it

    def one_document_an_identity(name: str, found: Iterable[str]) -> None:
        """Two different documents with the same identity would be merged into one budget (one
        named graph) and every count doubled: refused, as a store refuses them without --replace."""
        for root in sorted(found):
            if root in roots:
                raise KgError(f"{name}: a different document with the same region, unit and year as {roots[root]} "
                              f"({root}); give one of them (a store keeps the later with --replace)")
        roots.update(dict.fromkeys(found, name))
    for number, path in enumerate(inputs):
        name = path.path if isinstance(path, SourceText) else path.name if isinstance(path, RdfText) else str(path)
        if _is_rdf(path):
            read = read_rdf(path, blank_prefix=f"in{number}-")
            documents = sorted({str(o.value) for _, p, o, _ in read if p == terms.sha256 and isinstance(o, Literal)})
            again = [sha for sha in documents if sha in seen]
            if again and len(again) < len(documents):
                raise KgError(f"{name}: holds {len(again)} of its {len(documents)} documents in another input too "
                              f"({seen[again[0]]}); give each document once")
            if again:
                notices.append(f"{name}: the same document(s) as {seen[again[0]]}; read once")
                continue
            seen.update(dict.fromkeys(documents, name))
            one_document_an_identity(name, {s for s, p, o, _ in read if p == RDF_TYPE and o in DOCUMENT_ROOTS and isinstance(s, str)})
            quads += read
        else:
            assert not isinstance(path, RdfText)
            disclosure = read_disclosure(path, encoding=encoding, overrides=overrides, region=region, given=given)
            if disclosure.sha256 in seen:
                notices.append(f"{name}: the same document as {seen[disclosure.sha256]}; read once")
                continue
            seen[disclosure.sha256] = name
            one_document_an_identity(name, {DisclosureIris.of(disclosure, base).root})
            disclosures.append(disclosure)
            reviews = load_reviews(links, disclosure) if links is not None else ()
            quads += disclosure_quads(disclosure, analyse(disclosure, reviews), base)
    # A graph kg wrote already holds the ontology; a second copy in another named graph would
    # make every query that joins tier labels see them twice in the union default graph.
    if with_ontology and not any(s == terms.ONTOLOGY and p == RDF_TYPE for s, p, _, _ in quads):
        quads = list(ontology_quads()) + quads
    return Built(disclosures, quads, notices)


def output_format(path: str | Path) -> "RdfFormat":  # noqa: F821
    fmt = format_of(path)
    if fmt is None or Path(path).suffix.lower() not in WRITTEN_EXTENSIONS:
        raise RdfError(f"{path}: cannot tell the format to write from the extension; use {', '.join(WRITTEN_EXTENSIONS)}")
    return fmt


def write_graph(quads: Sequence[Quad], outputs: Sequence[Path]) -> None:
    """Serialize to every output by its extension; all files are written, or none."""
    files = [(path, serialize(quads, output_format(path), PREFIXES)) for path in outputs]
    write_files_atomically(files)


__all__ = ["Built", "FORMATS", "load_inputs", "ontology_quads", "one_disclosure_options", "output_format", "read_disclosure", "write_graph"]
