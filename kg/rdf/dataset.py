"""The dataset description written with every graph: DCAT (DCAT-AP 3) and VoID.

No wall-clock time goes in: dates come from the documents' budget years or from options, so the
same input always gives the same bytes.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from kg.errors import MappingError
from kg.rdf import terms as kg
from kg.rdf.iris import DisclosureIris, corpus_dataset_iri, distribution_iri, period_iri
from kg.rdf.namespaces import DCAT, DCT, EU_FILE_TYPE, FOAF, IANA, LABEL, PROV, RDF_TYPE, VOID, XSD, namespace_of
from kg.rdf.quads import Literal, Quad
from kg.rdf.rdfio import RdfFormat
from kg.records import Disclosure

CC_BY = "https://creativecommons.org/licenses/by/4.0/"


@dataclass(frozen=True)
class DatasetOptions:
    base: str
    license: str = CC_BY
    issued: str | None = None  # YYYY, YYYY-MM-DD
    modified: str | None = None
    publisher: str | None = None  # an IRI; by default the department that published the documents
    title: str | None = None
    download_base: str | None = None  # where the written files will be published, if known
    distributions: Sequence[tuple[str, RdfFormat]] = field(default_factory=tuple)  # (file name, format)


def _date(value: str, option: str) -> Literal:
    if re.fullmatch(r"\d{4}", value):
        return Literal(value, XSD + "gYear")
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return Literal(value, XSD + "date")
    raise MappingError(f"{option} {value!r} must be a year (2026) or a date (2026-03-31)")


def dataset_iri(disclosures: Sequence[Disclosure], base: str) -> str:
    if len(disclosures) == 1:
        return DisclosureIris.of(disclosures[0], base).dataset()
    return corpus_dataset_iri(base, (d.sha256 for d in disclosures))


def vocabularies_used(quads: Sequence[Quad]) -> list[str]:
    """Namespaces of the predicates and classes the data uses (for void:vocabulary)."""
    found = set()
    for _, p, o, _ in quads:
        for iri in (p, o if p == RDF_TYPE and isinstance(o, str) else None):
            if iri:
                found.add(namespace_of(iri))
    return sorted(found)


def dataset_quads(disclosures: Sequence[Disclosure], data: Sequence[Quad], options: DatasetOptions) -> list[Quad]:
    """DCAT and VoID about ``data`` (the graph as written), in the default graph."""
    base = options.base
    ds = dataset_iri(disclosures, base)
    years = sorted({d.year for d in disclosures if d.year})
    units = sorted({(d.unit_code, d.unit_name) for d in disclosures if d.unit_code}, key=str)
    out: list[Quad] = []

    def add(s: str, p: str, o: str | Literal) -> None:
        out.append((s, p, o, None))

    add(ds, RDF_TYPE, DCAT + "Dataset")
    add(ds, RDF_TYPE, VOID + "Dataset")
    names = "、".join(name or code for code, name in units) or "预算公开文件"
    span = f"{years[0]}–{years[-1]}" if len(years) > 1 else (str(years[0]) if years else "")
    add(ds, DCT + "title", Literal(options.title or f"{names} {span}年度预算绩效目标与指标", lang="zh"))
    add(ds, DCT + "title", Literal(options.title or f"Budget performance goals and indicators: {len(disclosures)} disclosure(s) {span}".strip(), lang="en"))
    add(ds, DCT + "description", Literal(
        f"由部门预算公开文件（预算表12 年度项目支出绩效表、预算13表 部门整体支出绩效目标表）生成的项目、活动、绩效指标及目标值，每个值标注来源行。共 {len(disclosures)} 份文件。", lang="zh"))
    add(ds, DCT + "description", Literal(
        f"Projects, department activities, performance indicators and their targets, read from {len(disclosures)} Chinese departmental budget disclosure(s) (tables 12 and 13), each value with its source line.", lang="en"))
    add(ds, DCT + "license", options.license)
    add(ds, DCT + "conformsTo", kg.ONTOLOGY)
    add(ds, DCT + "identifier", Literal(ds))
    issued = options.issued or (str(years[-1]) if years else None)
    if issued:
        add(ds, DCT + "issued", _date(issued, "--issued"))
    modified = options.modified or issued
    if modified:
        add(ds, DCT + "modified", _date(modified, "--modified"))
    for keyword in ("预算绩效", "绩效目标", "绩效指标", "部门预算"):
        add(ds, DCAT + "keyword", Literal(keyword, lang="zh"))
    add(ds, DCAT + "keyword", Literal("budget performance", lang="en"))
    publisher = options.publisher
    departments = sorted({(DisclosureIris.of(d, base).department or "", d.unit_name) for d in disclosures if d.unit_code}, key=str)
    if publisher is None and len(departments) == 1:
        publisher, name = departments[0]
        add(publisher, RDF_TYPE, FOAF + "Agent")
        if name:
            add(publisher, FOAF + "name", Literal(name, lang="zh"))
    if publisher:
        add(ds, DCT + "publisher", publisher)
    if years:
        period = period_iri(base, years)
        add(ds, DCT + "temporal", period)
        add(period, RDF_TYPE, DCT + "PeriodOfTime")
        add(period, DCAT + "startDate", Literal(f"{years[0]}-01-01", XSD + "date"))
        add(period, DCAT + "endDate", Literal(f"{years[-1]}-12-31", XSD + "date"))
    for d in sorted(disclosures, key=lambda d: d.sha256):
        source = DisclosureIris.of(d, base).source
        add(ds, DCT + "source", source)
        add(ds, PROV + "wasDerivedFrom", source)
    for name, fmt in sorted(options.distributions, key=lambda x: x[0]):
        dist = distribution_iri(ds, fmt.extensions[0])
        add(ds, DCAT + "distribution", dist)
        add(dist, RDF_TYPE, DCAT + "Distribution")
        add(dist, DCT + "title", Literal(f"{name} ({fmt.name})"))
        add(dist, DCAT + "mediaType", IANA + fmt.media_type)
        add(dist, DCT + "format", EU_FILE_TYPE + fmt.eu_file_type)
        add(dist, DCT + "license", options.license)
        if options.download_base:
            url = options.download_base + name
            add(dist, DCAT + "downloadURL", url)
            add(dist, DCAT + "accessURL", url)
            add(ds, VOID + "dataDump", url)
        else:
            add(dist, DCAT + "accessURL", ds)
    add(ds, VOID + "triples", Literal(str(len({q[:3] for q in data})), XSD + "integer"))
    add(ds, VOID + "uriSpace", Literal(base))
    for vocabulary in vocabularies_used(data):
        add(ds, VOID + "vocabulary", vocabulary)
    add(ds, LABEL, Literal(f"{names} {span}", lang="zh"))
    return out
