"""Every IRI kg mints, and the one check of what counts as an IRI.

Data IRIs are minted only here, and only from stable identifiers, so rebuilding the same input gives
the same IRIs and no blank nodes:

- department ``{base}unit/{region}/{unit code}`` (unit codes are assigned per district, so the
  region's GB/T 2260 code is part of the department's identity); its budget for a year
  ``{base}unit/{region}/{unit code}/{year}``
- project ``…/{year}/project/{project code}``; the same code across years
  ``{base}project/{region}/{project code}``; activity ``…/{year}/activity/{hash of its name}``
- target (a printed indicator row) ``{project or activity}/target/{二级 slug}-{hash of its name}``
  (``-2`` … when a project prints the same 二级 and name twice); its result ``{target}/result``
- indicator (what is measured, shared by every document) ``{base}indicator/{二级 slug}-{hash of its
  normalised name and unit}``
- source document ``{base}source/{sha-256 of the file}``; decision ``…/{year}/decision/{first line}``,
  a row of text only it decided ``{decision}/line/{line}``
- the graph of one disclosure ``{base}graph/{region}/{unit code}/{year}``
- a form (kg.records.DocumentKind: a project's 绩效目标表, a self-evaluation) of a unit's year: its
  document node ``…/{year}/{kind}/{project key}`` and graph ``{base}graph/{region}/{unit}/{year}/{kind}/{project key}``,
  so that kinds of the same unit and year stay apart; its project is its own, ``{form}/project/{project
  key}`` (the project code or, where none is printed, ``n-{hash of the normalised name}``), and
  ``kg:sameProjectAs`` the project of the unit's year, the budget's ``…/{year}/project/{project key}``:
  each document describes its own nodes, so a form loaded beside the budget it restates (or a
  self-evaluation beside the targets it reports on) neither doubles a project's name, amounts and
  lines nor multiplies a listing's rows; a unit that prints no code is ``…/unit/{region}/n-{hash of
  its normalised name}``
- region ``https://w3id.org/cnbudget/region/{GB/T 2260 code}``
- table ``{root}/table/{NN}`` (表12, 表13 a kg:SourceTable; a budget table a qb:DataSet); its
  structure ``kg:dsd-{shape}`` (declared in ontology/budget-cube.ttl); a printed row
  ``{root}/budget-line/{NN}-{line}`` (a qb:Observation with a measure per amount column), a side of
  a 表01/05 line ``{root}/budget-line/{NN}-{line}-{side}`` (``income`` or ``expenditure``)
- column decision ``{root}/column-decision/{line}``; function link
  ``{root}/function-link/{function code}/{project code}``; ambiguous match
  ``{root}/function-match/{function code}``; finding ``{root}/finding/{check}-{hash}``;
  activity link ``{activity}/link/{project code}``
- classification concepts ``https://w3id.org/cnbudget/scheme/function/2120101``,
  ``…/gov-economic/50205``, ``…/dept-economic/30227``; each scheme's total ``…/function/_T`` (a row
  printed without a code); the cube's code lists ``…/scheme/column/project-net``,
  ``…/scheme/row-kind/total``, ``…/scheme/budget-table/03`` (all declared in budget-cube.ttl)
- the budget year as OpenBudgets.eu gives it, ``http://reference.data.gov.uk/id/year/2026``
- dataset ``{root}/dataset`` (one disclosure) or ``{base}dataset/{hash of the documents}``, its
  distributions ``{dataset}/distribution/{extension}``, its period ``{base}period/{years}``; the
  catalogue holding it ``{dataset}/catalog``, the copy of the ontology beside it
  ``{dataset}/ontology``, the build that made it ``{dataset}/generation`` (a prov:Activity); a
  written file's download URL ``{--download-base}{file name}``
- the software that builds (a prov:SoftwareAgent) ``https://w3id.org/cnbudget/software/kg/{version}``,
  its reader ``…/kg/{version}/{module}``

A disclosure without a unit code or year falls back to ``{base}source/{sha-256}`` as its root; one
whose region kg cannot tell (no project code, no place in its department's name, no --region)
leaves the region segment out.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from urllib.parse import quote

import pyoxigraph as ox

from kg.errors import MappingError
from kg.rdf.namespaces import KG, SCHEME
from kg.records import Disclosure, DocumentKind, Indicator, Project
from kg.vocab import IndicatorIdentity, Tier, normalised_name, tier_vocabulary

DEFAULT_BASE = "https://w3id.org/cnbudget/id/"

REGION_SCHEME = "https://w3id.org/cnbudget/region/"
SOFTWARE = "https://w3id.org/cnbudget/software/"  # the software that builds the graph (kg), by version
FUNCTION_SCHEME = SCHEME + "function/"
GOV_ECONOMIC_SCHEME = SCHEME + "gov-economic/"
DEPT_ECONOMIC_SCHEME = SCHEME + "dept-economic/"
COLUMN_SCHEME = SCHEME + "column/"
ROW_KIND_SCHEME = SCHEME + "row-kind/"
BUDGET_TABLE_SCHEME = SCHEME + "budget-table/"
# The SDMX code of a total: a row printed without a code counts under all the scheme's codes.
TOTAL_CODE = "_T"
APPROVED_BUDGET = "http://data.openbudgets.eu/resource/codelist/budget-phase/approved"
YEAR = "http://reference.data.gov.uk/id/year/"  # the years OpenBudgets.eu's fiscal periods name

# The data structure definition of each table's shape (ontology/budget-cube.ttl).
STRUCTURE_OF_TABLE = {
    1: "summary", 5: "summary", 3: "expenditure-summary", 8: "function", 9: "function", 4: "procurement",
    6: "fiscal-function", 7: "basic-economic", 10: "three-public-expenses", 11: "purchased-services",
}

# ---- what counts as an IRI ---------------------------------------------------------------------

# RFC 3987's IRI characters (unreserved ASCII, reserved but for an IPv6 host's brackets, and its
# ucschar ranges: no private use, no noncharacters), '%' only before two hex digits, at most one
# '#': what Oxigraph accepts after a valid base, so the store can bulk-load the N-Quads written
# here without checking them again.
_UCSCHAR = "\u00a0-\ud7ff\uf900-\ufdcf\ufdf0-\uffef" + "".join(
    f"{chr(plane << 16)}-{chr((plane << 16) | 0xFFFD)}" for plane in range(1, 14)
) + "\U000e1000-\U000efffd"
# Possessive runs: every IRI a document gives passes here once, and a run never needs to give
# characters back ('%' is outside the class), so the check is one pass, 5× quicker.
_IRI = re.compile(rf"(?:[A-Za-z0-9\-._~:/?#@!$&'()*+,;={_UCSCHAR}]++|%[0-9A-Fa-f]{{2}})*+")
_BAD_IRI_SHAPE = re.compile(r"#.*#")
_IPV6_AUTHORITY = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*://\[[0-9A-Fa-f:.]+\]")  # where brackets belong
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:")


def is_valid_iri(text: str) -> bool:
    """The characters of an IRI, as the writer and Oxigraph's loader need them (no scheme check)."""
    host = _IPV6_AUTHORITY.match(text)
    rest = text[host.end() :] if host else text
    return _IRI.fullmatch(rest) is not None and _BAD_IRI_SHAPE.search(rest) is None


def is_absolute_iri(text: str) -> bool:
    """A scheme, a colon and something after it, all of it valid IRI characters."""
    scheme = _SCHEME.match(text)
    return scheme is not None and len(text) > scheme.end() and is_valid_iri(text)


def is_http_iri(text: str) -> bool:
    return is_absolute_iri(text) and text.lower().startswith(("http://", "https://"))


def check_base(base: str) -> str:
    """The base must be an absolute http(s) IRI ending in / or #, so minted IRIs are absolute, with an
    authority an RDF store takes (a port of digits, one userinfo): every command checks it here, once."""
    if not (is_http_iri(base) and base.endswith(("/", "#")) and "://" in base and len(base.split("://", 1)[1]) > 1):
        raise MappingError(f"--base {base!r} must be an absolute http(s) IRI ending in '/' or '#'")
    try:  # the characters are checked above; Oxigraph's parser checks the authority (http://example.org:abc/)
        ox.NamedNode(base)
    except ValueError as error:
        raise MappingError(f"--base {base!r} is not a valid IRI: {error}") from error
    return base


def short_hash(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:10]


# ---- data IRIs -----------------------------------------------------------------------------------


def table_name(number: int) -> str:
    return f"{number:02d}"


def concept_iri(scheme: str, code: str) -> str:
    return scheme + code


def column_iri(role: str) -> str:
    """The amount column an amount is counted in, by its role: ``project_net`` → ``…/column/project-net``."""
    return COLUMN_SCHEME + role.replace("_", "-")


def row_kind_iri(kind: str) -> str:
    return ROW_KIND_SCHEME + kind


def budget_table_iri(number: int) -> str:
    """The template's table (预算03表), the same in every disclosure; its data set is ``DisclosureIris.table``."""
    return BUDGET_TABLE_SCHEME + table_name(number)


def structure_iri(number: int) -> str:
    return f"{KG}dsd-{STRUCTURE_OF_TABLE[number]}"


def year_iri(year: int) -> str:
    return f"{YEAR}{year}"


def region_iri(code: str) -> str:
    return REGION_SCHEME + code


def _in_region(region: str | None) -> str:
    return f"{region}/" if region else ""


def unit_iri(base: str, unit_code: str, region: str | None) -> str:
    return f"{base}unit/{_in_region(region)}{unit_code}"


def source_iri(base: str, sha256: str) -> str:
    """A source document, by the SHA-256 of its text."""
    return f"{base}source/{sha256}"


def project_series_iri(base: str, region: str | None, project_code: str) -> str:
    return f"{base}project/{_in_region(region)}{project_code}"


def period_iri(base: str, years: Sequence[int]) -> str:
    return f"{base}period/{years[0]}" + (f"-{years[-1]}" if len(years) > 1 else "")


def corpus_dataset_iri(base: str, sha256s: Iterable[str]) -> str:
    return f"{base}dataset/{short_hash(' '.join(sorted(sha256s)))}"


def budget_dataset_iri(root: str) -> str:
    """The dataset of one document, named after its root (the department's budget)."""
    return root + "/dataset"


def distribution_iri(dataset: str, extension: str) -> str:
    return f"{dataset}/distribution/{extension.lstrip('.')}"


def catalog_iri(dataset: str) -> str:
    """The dcat:Catalog a build writes around its dataset (only when a publisher is given)."""
    return f"{dataset}/catalog"


def ontology_dataset_iri(dataset: str) -> str:
    """The copy of the kg ontology written beside a dataset's data, described as a dataset of its own."""
    return f"{dataset}/ontology"


def generation_iri(dataset: str) -> str:
    """The build that made a dataset (a prov:Activity): from the dataset, not the clock, so a
    rebuild of the same input gives the same IRI."""
    return f"{dataset}/generation"


def software_iri(name: str, version: str) -> str:
    return f"{SOFTWARE}{name}/{version}"


def software_module_iri(software: str, module: str) -> str:
    """A module of the software (the reader that parsed the documents, say)."""
    return f"{software}/{module}"


def download_url(download_base: str, file_name: str) -> str:
    """Where a written file will be downloaded from: the base, then the name percent-encoded."""
    return download_base + quote(file_name)


def indicator_iri(base: str, identity: IndicatorIdentity) -> str:
    """What is measured, the same IRI in every document: its 二级 slug and a hash of its normalised
    name and unit (a name is free text, too long and too varied for a path segment)."""
    slug = tier_vocabulary().get(identity.tier2).slug
    return f"{base}indicator/{slug}-{short_hash(identity.name + chr(31) + identity.unit)}"


def name_key(name: str) -> str:
    """A key for what has a name but no printed code: ``n-`` and a hash of the normalised name."""
    return f"n-{short_hash(normalised_name(name))}"


def project_key(project: Project) -> str:
    """A project's IRI segment: its code, else (a form that prints none) its normalised name's key."""
    return project.code or name_key(project.name)


def result_iri(target: str) -> str:
    return f"{target}/result"


@dataclass(frozen=True)
class DisclosureIris:
    """The IRIs of one disclosure's resources."""

    base: str
    root: str  # the department's budget for the year, or the source document
    department: str | None
    source: str
    graph: str

    region: str | None  # the GB/T 2260 code
    owner: str | None = None  # a form's: the unit's year its projects belong to (root is the form's node)

    @classmethod
    def of(cls, d: Disclosure, base: str) -> DisclosureIris:
        source = source_iri(base, d.sha256)
        region = d.region.code if d.region else None
        unit = d.unit_code or (name_key(d.unit_name) if d.unit_name and d.kind != DocumentKind.DISCLOSURE else None)
        department = unit_iri(base, unit, region) if unit else None
        if d.kind != DocumentKind.DISCLOSURE:  # a form: its own node and graph beside the unit's year
            # A project's form by its projects; a department's whole form (or self-evaluation) is the one of its year.
            key = "+".join(project_key(p) for p in d.projects) or ("whole" if d.kind == DocumentKind.DEPARTMENT_FORM or d.activities else d.sha256[:16])
            if department and d.year:
                year = f"{department}/{d.year}"
                graph = f"{base}graph/{_in_region(region)}{unit}/{d.year}/{d.kind}/{key}"
                return cls(base, f"{year}/{d.kind}/{key}", department, source, graph, region, year)
            return cls(base, source, department, source, f"{base}graph/source/{d.sha256[:16]}", region)
        if department and d.year:
            return cls(base, f"{department}/{d.year}", department, source, f"{base}graph/{_in_region(region)}{d.unit_code}/{d.year}", region)
        return cls(base, source, department, source, f"{base}graph/source/{d.sha256[:16]}", region)

    def project(self, code: str) -> str:
        """The project as this document describes it (a form's own node, under the form)."""
        return f"{self.root}/project/{code}"

    def year_project(self, code: str) -> str:
        """The project of the unit's year, as the department's budget mints it: what a form's own
        project node is kg:sameProjectAs (the budget's project itself, for a disclosure)."""
        return f"{self.owner or self.root}/project/{code}"

    def project_series(self, code: str) -> str:
        return project_series_iri(self.base, self.region, code)

    def activity(self, name: str) -> str:
        return f"{self.root}/activity/{short_hash(name)}"

    def decision(self, first_line: int) -> str:
        return f"{self.root}/decision/{first_line}"

    def text_fragment(self, first_line: int, line: int) -> str:
        """A row of text only (a name tail, a goal fragment) that the decision at ``first_line`` gave to a project."""
        return f"{self.decision(first_line)}/line/{line}"

    def targets(self, owner: str, indicators: Iterable[Indicator]) -> list[str]:
        """The IRIs of an owner's targets (its printed indicator rows), in order: the 二级 slug and a
        hash of the printed name."""
        tier2 = tier_vocabulary().tier2
        seen: dict[str, int] = {}
        iris = []
        for ind in indicators:
            key = f"{owner}/target/{tier2[ind.tier2].slug}-{short_hash(ind.name)}"
            seen[key] = seen.get(key, 0) + 1
            iris.append(key if seen[key] == 1 else f"{key}-{seen[key]}")
        return iris

    def value_count(self, owner: str, tier: Tier, value: Decimal) -> str:
        """The count of an owner's targets of one 一级 tier at one value (kg:TargetValueCount)."""
        return f"{owner}/count/{tier.slug}/{format(value.normalize(), 'f')}"

    def table(self, number: int) -> str:
        return f"{self.root}/table/{table_name(number)}"

    def budget_line(self, number: int, line: int, side: str | None = None) -> str:
        """A printed row of a budget table; ``side`` (income, expenditure) for a 表01/05 line, which prints two."""
        return f"{self.root}/budget-line/{table_name(number)}-{line}" + (f"-{side}" if side else "")

    def unit(self, unit_code: str) -> str:
        """A unit of the department's 预算06表, by its unit code (the department itself when the codes agree)."""
        return unit_iri(self.base, unit_code, self.region)

    def column_decision(self, line: int) -> str:
        return f"{self.root}/column-decision/{line}"

    def function_link(self, function_code: str, projects: Sequence[str]) -> str:
        return f"{self.root}/function-link/{function_code}/{'+'.join(projects)}"

    def function_match(self, function_code: str) -> str:
        return f"{self.root}/function-match/{function_code}"

    def finding(self, check: str, key: str) -> str:
        return f"{self.root}/finding/{check}-{short_hash(key)}"

    def activity_link(self, activity: str, project_code: str) -> str:
        return f"{self.activity(activity)}/link/{project_code}"

    def dataset(self) -> str:
        return budget_dataset_iri(self.root)
