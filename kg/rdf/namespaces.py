"""Every namespace kg writes or reads, in one place; the kg ontology's own terms are kg.rdf.terms."""

from __future__ import annotations

import re

from kg.rdf import terms as kg

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
XSD = "http://www.w3.org/2001/XMLSchema#"
OWL = "http://www.w3.org/2002/07/owl#"
DCT = "http://purl.org/dc/terms/"
PROV = "http://www.w3.org/ns/prov#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
ORG = "http://www.w3.org/ns/org#"
FOAF = "http://xmlns.com/foaf/0.1/"
DCAT = "http://www.w3.org/ns/dcat#"
VOID = "http://rdfs.org/ns/void#"
SH = "http://www.w3.org/ns/shacl#"
SD = "http://www.w3.org/ns/sparql-service-description#"
W3_FORMATS = "http://www.w3.org/ns/formats/"
QUDT = "http://qudt.org/schema/qudt/"
QUDT_UNIT = "http://qudt.org/vocab/unit/"
QB = "http://purl.org/linked-data/cube#"
OBEU_DIMENSION = "http://data.openbudgets.eu/ontology/dsd/dimension/"
OBEU_MEASURE = "http://data.openbudgets.eu/ontology/dsd/measure/"
OBEU_ATTRIBUTE = "http://data.openbudgets.eu/ontology/dsd/attribute/"
OBEU_OPERATION = "http://data.openbudgets.eu/resource/codelist/operation-character/"
SDMX_ATTRIBUTE = "http://purl.org/linked-data/sdmx/2009/attribute#"
EU_FILE_TYPE = "http://publications.europa.eu/resource/authority/file-type/"
EU_CURRENCY = "http://publications.europa.eu/resource/authority/currency/"
EU_LANGUAGE = "http://publications.europa.eu/resource/authority/language/"
IANA = "https://www.iana.org/assignments/media-types/"

KG = kg.NS
SCHEME = "https://w3id.org/cnbudget/scheme/"  # classification concepts (function, economic classes)

RDF_TYPE = RDF + "type"
LABEL = RDFS + "label"

# The prefixes of every file kg writes and of query results shown in short form.
PREFIXES = {
    "kg": kg.NS,
    "tier": kg.TIER,
    "kgu": kg.UNIT,
    "rdf": RDF,
    "rdfs": RDFS,
    "xsd": XSD,
    "owl": OWL,
    "skos": SKOS,
    "dct": DCT,
    "dcat": DCAT,
    "void": VOID,
    "prov": PROV,
    "org": ORG,
    "foaf": FOAF,
    "qudt": QUDT,
    "unit": QUDT_UNIT,
}


_LOCAL_NAME = re.compile(r"[^/#]*$")


def namespace_of(iri: str) -> str:
    """The namespace an IRI is in: all of it up to its last / or #; an IRI with neither (urn:isbn:…, a:b)
    up to its last colon, so that the namespace is an IRI too."""
    return _LOCAL_NAME.sub("", iri, count=1) or iri[: iri.rfind(":") + 1]
