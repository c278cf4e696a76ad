"""The dataset description written with every graph: DCAT-AP 3.0, VoID and PROV.

Only what the documents, the build or the options say goes in: no clock time (the same input
gives the same bytes), no licence, date, publisher or file address kg would have to make up. The
description conforms to the SHACL shapes of DCAT-AP 3.0.0 (tests/test_dcat_ap.py): every node a
shape's sh:class names is typed here, and the dcat:Catalog, whose publisher DCAT-AP requires, is
written only when the publisher is given.

The department that published a disclosure is not the publisher of the RDF: it is the dct:creator
of the source document. The ontology written beside the data is a dataset of its own and is not
counted in the data's void:triples.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from kg import __version__
from kg.errors import MappingError
from kg.rdf import terms as kg
from kg.rdf.iris import (
    DisclosureIris,
    catalog_iri,
    corpus_dataset_iri,
    distribution_iri,
    download_url,
    generation_iri,
    is_absolute_iri,
    is_http_iri,
    ontology_dataset_iri,
    period_iri,
    region_iri,
    software_iri,
    software_module_iri,
)
from kg.rdf.namespaces import (
    DCAT,
    DCT,
    EU_FILE_TYPE,
    EU_LANGUAGE,
    FOAF,
    IANA,
    LABEL,
    OWL,
    PROV,
    RDF_TYPE,
    RDFS,
    VOID,
    XSD,
    namespace_of,
)
from kg.rdf.quads import Literal, Quad
from kg.rdf.rdfio import RdfFormat
from kg.records import Disclosure

CHINESE = EU_LANGUAGE + "ZHO"  # the language of the data: the documents are in Chinese


@dataclass(frozen=True)
class DatasetOptions:
    base: str
    license: str | None = None  # an IRI; none unless given (kg cannot know the publisher's terms)
    issued: str | None = None  # YYYY, YYYY-MM-DD; none unless given
    modified: str | None = None
    publisher: str | None = None  # an IRI: who publishes the RDF (a dcat:Catalog is written only then)
    publisher_name: str | None = None  # its foaf:name, which DCAT-AP requires of every agent
    title: str | None = None
    download_base: str | None = None  # where the written files will be published, if known
    source_url: str | None = None  # where the (one) source document was published, if known
    distributions: Sequence[tuple[str, RdfFormat]] = field(default_factory=tuple)  # (file name, format)


@dataclass(frozen=True)
class Generation:
    """What made the dataset (its prov:Activity's agents): kg at its version, and the module that
    read the documents (None when only RDF files were read)."""

    version: str
    reader: str | None = None


def _date(value: str, option: str) -> Literal:
    if re.fullmatch(r"\d{4}", value):
        return Literal(value, XSD + "gYear")
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        try:
            datetime.date.fromisoformat(value)  # a day of the calendar: not 2026-13-45 or 2026-02-30
        except ValueError:
            raise MappingError(f"{option} {value!r} is not a day of the calendar") from None
        return Literal(value, XSD + "date")
    raise MappingError(f"{option} {value!r} must be a year (2026) or a date (2026-03-31)")


def check_options(options: DatasetOptions, disclosures: int | None) -> None:
    """Refuse options that would make the description untrue, or give no IRI where one is needed.
    ``disclosures``: how many disclosure texts were read (None: not read yet, not checked)."""
    for option, value in (("--license", options.license), ("--publisher", options.publisher), ("--source-url", options.source_url)):
        if value is not None and not is_absolute_iri(value):
            raise MappingError(f"{option} {value!r} must be an absolute IRI")
    if options.download_base is not None and not is_http_iri(options.download_base):
        raise MappingError(f"--download-base {options.download_base!r} must be an absolute http(s) URL")
    if options.publisher is not None and not (options.publisher_name or "").strip():
        raise MappingError("--publisher needs --publisher-name: DCAT-AP requires the name of every agent it describes")
    if options.publisher_name is not None and options.publisher is None:
        raise MappingError("--publisher-name names the --publisher (an IRI): give both")
    if options.title is not None and not options.title.strip():
        raise MappingError("--title must not be empty")
    if options.source_url is not None and disclosures is not None and disclosures != 1:
        # One URL for several documents would say each was published there.
        raise MappingError(f"--source-url applies to one disclosure, but {disclosures} disclosure text files were given")
    for option, value in (("--issued", options.issued), ("--modified", options.modified)):
        if value is not None:
            _date(value, option)


def dataset_iri(disclosures: Sequence[Disclosure], base: str) -> str:
    if len(disclosures) == 1:
        return DisclosureIris.of(disclosures[0], base).dataset()
    return corpus_dataset_iri(base, (d.sha256 for d in disclosures))


def vocabularies_used(quads: Iterable[Quad]) -> list[str]:
    """Namespaces of the predicates and classes the data uses (for void:vocabulary)."""
    found = set()
    for _, p, o, _ in quads:
        for iri in (p, o if p == RDF_TYPE and isinstance(o, str) else None):
            if iri:
                found.add(namespace_of(iri))
    return sorted(found)


def table_numbers(numbers: Iterable[int]) -> str:
    """Table numbers as a reader writes them: 1, 3, 4, …, 11 → "01, 03–11"; 8, 9 → "08, 09"."""
    runs: list[list[int]] = []
    for n in sorted(set(numbers)):
        if runs and n == runs[-1][-1] + 1:
            runs[-1].append(n)
        else:
            runs.append([n])
    return ", ".join(f"{r[0]:02d}–{r[-1]:02d}" if len(r) > 2 else ", ".join(f"{n:02d}" for n in r) for r in runs)


def contents(disclosures: Sequence[Disclosure]) -> tuple[str, str]:
    """What the data holds, table by table, from the records (zh, en)."""
    n = len(disclosures)
    if not n:
        return ("由 kg 已写出的 RDF 文件合并而成的部门预算公开知识图谱。",
                "A knowledge graph of Chinese departmental budget disclosures, merged from RDF files kg wrote earlier.")
    ordered = sorted(disclosures, key=lambda d: d.sha256)
    titles: dict[int, str] = {}
    for d in ordered:
        for info in d.tables:
            titles.setdefault(info.number, info.title)
        for table in d.budget or ():
            titles.setdefault(table.number, table.title)
    zh: list[str] = []
    en: list[str] = []
    projects, project_indicators = sum(len(d.projects) for d in ordered), sum(d.project_indicators for d in ordered)
    if projects:
        zh.append(f"表12 {titles.get(12, '')}：{projects} 个项目及其 {project_indicators} 个绩效指标")
        en.append(f"table 12 ({titles.get(12, '')}): {projects} projects and their {project_indicators} performance indicators")
    activities, activity_indicators = sum(len(d.activities) for d in ordered), sum(d.activity_indicators for d in ordered)
    goals = any(d.department is not None for d in ordered)
    if activities or goals:
        zh.append(f"表13 {titles.get(13, '')}：" + ("部门整体支出与绩效目标、" if goals else "")
                  + f"{activities} 项活动及其 {activity_indicators} 个绩效指标")
        en.append(f"table 13 ({titles.get(13, '')}): " + (("the departments' overall spending and goals, " if n > 1 else "the department's overall spending and goal, ") if goals else "")
                  + f"{activities} activities and their {activity_indicators} performance indicators")
    budget = sorted({t.number for d in ordered for t in d.budget or ()})
    if budget:
        # A table no document prints an amount in is still a qb:DataSet in the data: say so.
        empty = [number for number in budget if all(t.empty for d in ordered for t in d.budget or () if t.number == number)]
        names = [titles.get(number, "") for number in budget]
        zh.append(f"表{table_numbers(budget).replace(', ', '、')}（{'、'.join(names)}）的预算金额，每表一个 RDF 数据立方数据集（qb:DataSet）"
                  + (f"，其中表{table_numbers(empty).replace(', ', '、')}未列金额" if empty else ""))
        en.append(f"tables {table_numbers(budget)} ({', '.join(names)}): their amounts, one RDF Data Cube data set (qb:DataSet) per table"
                  + (f"; tables {table_numbers(empty)} print no amount" if empty else ""))
    documents_zh = f" {n} 份部门预算公开文件"
    documents_en = f"{n} Chinese departmental budget disclosure{'s' if n > 1 else ''} (部门预算公开)"
    return (
        f"由{documents_zh}读出的知识图谱，每个值标注来源文件与行号。内容：" + "；".join(zh) + "。",
        f"A knowledge graph read from {documents_en}, every value with its source file and line. It holds " + "; ".join(en) + ".",
    )


def dataset_quads(
    disclosures: Sequence[Disclosure], quads: Sequence[Quad], options: DatasetOptions, generation: Generation | None = None,
) -> list[Quad]:
    """DCAT-AP, VoID and PROV about ``quads`` (the graph as written: the data, and the ontology in
    its own named graph), in the default graph."""
    check_options(options, len(disclosures))
    generation = generation or Generation(__version__)
    base = options.base
    ds = dataset_iri(disclosures, base)
    data = [q for q in quads if q[3] != kg.ONTOLOGY]
    ontology = [q for q in quads if q[3] == kg.ONTOLOGY]
    ordered = sorted(disclosures, key=lambda d: d.sha256)
    years = sorted({d.year for d in disclosures if d.year})
    units = sorted({(d.unit_code, d.unit_name) for d in disclosures if d.unit_code}, key=str)
    out: list[Quad] = []
    typed: set[tuple[str, str]] = set()

    def add(s: str, p: str, o: str | Literal) -> None:
        out.append((s, p, o, None))

    def a(node: str, cls: str) -> None:
        # DCAT-AP's shapes check classes by sh:class without inference: each node is typed here.
        if (node, cls) not in typed:
            typed.add((node, cls))
            add(node, RDF_TYPE, cls)

    a(ds, DCAT + "Dataset")
    a(ds, VOID + "Dataset")
    names = "、".join(name or code for code, name in units) or "预算公开文件"
    span = f"{years[0]}–{years[-1]}" if len(years) > 1 else (str(years[0]) if years else "")
    has_budget = any(d.budget and d.budget.tables for d in disclosures)
    if options.title:
        add(ds, DCT + "title", Literal(options.title))  # in the user's language, which kg does not know
    else:
        add(ds, DCT + "title", Literal(f"{names} {span}年度部门预算公开：绩效目标、指标" + ("与预算金额" if has_budget else ""), lang="zh"))
        count = f" ({len(disclosures)} documents)" if len(disclosures) > 1 else ""
        add(ds, DCT + "title", Literal(
            f"Departmental budget disclosure{'s' if len(disclosures) > 1 else ''} {span}{count}: performance goals, indicators"
            + (" and budget amounts" if has_budget else ""), lang="en"))
    described_zh, described_en = contents(disclosures)
    add(ds, DCT + "description", Literal(described_zh, lang="zh"))
    add(ds, DCT + "description", Literal(described_en, lang="en"))
    add(ds, DCT + "identifier", Literal(ds))
    add(ds, DCT + "conformsTo", kg.ONTOLOGY)
    a(kg.ONTOLOGY, DCT + "Standard")
    add(ds, DCT + "language", CHINESE)
    a(CHINESE, DCT + "LinguisticSystem")
    if options.license:
        add(ds, DCT + "license", options.license)
        a(options.license, DCT + "LicenseDocument")
    if options.issued:
        add(ds, DCT + "issued", _date(options.issued, "--issued"))
    if options.modified:
        add(ds, DCT + "modified", _date(options.modified, "--modified"))
    for keyword in ("预算绩效", "绩效目标", "绩效指标", "部门预算"):
        add(ds, DCAT + "keyword", Literal(keyword, lang="zh"))
    add(ds, DCAT + "keyword", Literal("budget performance", lang="en"))
    if options.publisher:
        add(ds, DCT + "publisher", options.publisher)
        a(options.publisher, FOAF + "Agent")
        add(options.publisher, FOAF + "name", Literal((options.publisher_name or "").strip()))
    if years:
        period = period_iri(base, years)
        add(ds, DCT + "temporal", period)
        a(period, DCT + "PeriodOfTime")
        add(period, DCAT + "startDate", Literal(f"{years[0]}-01-01", XSD + "date"))
        add(period, DCAT + "endDate", Literal(f"{years[-1]}-12-31", XSD + "date"))
    for code in sorted({d.region.code for d in disclosures if d.region}):
        region = region_iri(code)
        add(ds, DCT + "spatial", region)
        a(region, DCT + "Location")

    # Provenance: the documents, who made them, and the build that read them.
    activity = generation_iri(ds)
    software = software_iri("kg", generation.version)
    a(activity, PROV + "Activity")
    add(activity, LABEL, Literal(f"kg build (kg {generation.version})", lang="en"))
    add(activity, PROV + "wasAssociatedWith", software)
    a(software, PROV + "SoftwareAgent")
    add(software, LABEL, Literal(f"kg {generation.version}"))
    add(software, OWL + "versionInfo", Literal(generation.version))
    if generation.reader:
        reader = software_module_iri(software, generation.reader)
        add(activity, PROV + "wasAssociatedWith", reader)
        a(reader, PROV + "SoftwareAgent")
        add(reader, LABEL, Literal(f"{generation.reader} (kg {generation.version})"))
        add(reader, DCT + "isPartOf", software)
    add(ds, PROV + "wasGeneratedBy", activity)
    for d in ordered:
        iris = DisclosureIris.of(d, base)
        add(ds, PROV + "wasDerivedFrom", iris.source)
        add(activity, PROV + "used", iris.source)
        if iris.department:
            # The department published the document, not this RDF: it is the document's creator.
            add(iris.source, DCT + "creator", iris.department)
            if d.unit_name:
                a(iris.department, FOAF + "Agent")
                add(iris.department, FOAF + "name", Literal(d.unit_name, lang="zh"))
        if options.source_url:
            # The text kg read (its SHA-256 is kg:sha256) was taken from the document published there.
            add(iris.source, PROV + "hadPrimarySource", options.source_url)
            a(options.source_url, FOAF + "Document")

    for name, fmt in sorted(options.distributions, key=lambda x: x[0]):
        if not options.download_base:
            break  # DCAT-AP requires a distribution's accessURL; a file with no known address is not described
        dist = distribution_iri(ds, fmt.extensions[0])
        url = download_url(options.download_base, name)
        add(ds, DCAT + "distribution", dist)
        a(dist, DCAT + "Distribution")
        add(dist, DCT + "title", Literal(f"{name} ({fmt.name})"))
        add(dist, DCT + "description", Literal(
            f"The data, the kg ontology ({'its own named graph' if fmt.quads else 'merged into the one graph'}) and this description, in {fmt.name}.", lang="en"))
        add(dist, DCAT + "mediaType", IANA + fmt.media_type)
        a(IANA + fmt.media_type, DCT + "MediaType")
        add(dist, DCT + "format", EU_FILE_TYPE + fmt.eu_file_type)
        a(EU_FILE_TYPE + fmt.eu_file_type, DCT + "MediaTypeOrExtent")
        if options.license:
            add(dist, DCT + "license", options.license)
        add(dist, DCAT + "downloadURL", url)
        add(dist, DCAT + "accessURL", url)
        a(url, RDFS + "Resource")
        add(ds, VOID + "dataDump", url)
    add(ds, VOID + "triples", Literal(str(len({q[:3] for q in data})), XSD + "integer"))
    add(ds, VOID + "uriSpace", Literal(base))
    for vocabulary in vocabularies_used(data):
        add(ds, VOID + "vocabulary", vocabulary)
    add(ds, LABEL, Literal(f"{names} {span}", lang="zh"))

    datasets = [ds]
    if ontology:
        # The ontology goes with the data so that queries find the labels and conversions they
        # need; it is kg's, not the documents', so it is a dataset of its own, counted apart.
        onto = ontology_dataset_iri(ds)
        datasets.append(onto)
        add(ds, DCT + "requires", onto)
        a(onto, DCAT + "Dataset")
        a(onto, VOID + "Dataset")
        add(onto, DCT + "title", Literal("kg 本体：类、指标层级、计量单位与数据立方结构", lang="zh"))
        add(onto, DCT + "title", Literal("The kg ontology: classes, indicator tiers, units and data cube structures", lang="en"))
        add(onto, DCT + "description", Literal(
            f"kg 本体 <{kg.ONTOLOGY}>，作为命名图 <{kg.ONTOLOGY}> 与数据一并写出，使查询在图内即可找到所需的标签与换算。", lang="zh"))
        add(onto, DCT + "description", Literal(
            f"The kg ontology <{kg.ONTOLOGY}>, written beside the data as the named graph <{kg.ONTOLOGY}> so that "
            "queries find the labels and conversions they need in the graph itself.", lang="en"))
        add(onto, VOID + "rootResource", kg.ONTOLOGY)
        add(onto, VOID + "triples", Literal(str(len({q[:3] for q in ontology})), XSD + "integer"))
        for vocabulary in vocabularies_used(ontology):
            add(onto, VOID + "vocabulary", vocabulary)

    if options.publisher:
        # DCAT-AP's catalogue must have a publisher; kg writes one only for the publisher given.
        catalog = catalog_iri(ds)
        a(catalog, DCAT + "Catalog")
        add(catalog, DCT + "title", Literal(f"{names} {span}年度部门预算公开知识图谱目录", lang="zh"))
        add(catalog, DCT + "title", Literal(f"Catalogue of a budget-disclosure knowledge graph {span}".rstrip(), lang="en"))
        add(catalog, DCT + "description", Literal("kg 由部门预算公开文件构建的知识图谱及其本体。", lang="zh"))
        add(catalog, DCT + "description", Literal(
            "The knowledge graph kg built from Chinese departmental budget disclosures, and the kg ontology written with it.", lang="en"))
        add(catalog, DCT + "publisher", options.publisher)
        add(catalog, DCT + "language", CHINESE)
        for dataset in datasets:
            add(catalog, DCAT + "dataset", dataset)
    return out
