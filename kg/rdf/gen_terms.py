"""Generate kg/rdf/terms.py, the ontology's terms as Python constants, from ontology/kg.ttl.

Run ``python -m kg.rdf.gen_terms`` after changing the ontology; a test fails while the two differ.
Constants are plain IRI strings: the RDF mapping builds triples for either engine from them.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from kg.resources import ontology_file

NAMESPACE = "https://w3id.org/cnbudget/ontology#"
TARGET = Path(__file__).with_name("terms.py")


def render() -> str:
    quads = ox.parse(path=str(ontology_file("kg.ttl")), format=ox.RdfFormat.TURTLE)
    names = sorted({q.subject.value[len(NAMESPACE):] for q in quads if isinstance(q.subject, ox.NamedNode) and q.subject.value.startswith(NAMESPACE) and q.subject.value != NAMESPACE})
    lines = [
        '"""The kg ontology\'s terms as IRI strings. Generated from ontology/kg.ttl by kg.rdf.gen_terms: do not edit."""',
        "",
        f'NS = "{NAMESPACE}"',
        'ONTOLOGY = "https://w3id.org/cnbudget/ontology"',
        'TIER = "https://w3id.org/cnbudget/scheme/tier/"',
        'UNIT = "https://w3id.org/cnbudget/unit/"',
        "",
    ]
    lines += [f'{name} = NS + "{name}"' for name in names if name.isidentifier()]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    TARGET.write_text(render(), encoding="utf-8")
    print(f"wrote {TARGET}")
