"""What kg serve serves: its settings and defaults, and where the IRIs it resolves live on it."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote, urlencode, urlsplit

from kg.errors import KgError
from kg.rdf import terms
from kg.rdf.iris import is_absolute_iri
from kg.rdf.namespaces import namespace_of

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
# The library's whole-corpus aggregates take up to ~30 s over 10,000 disclosures on two cores
# (benchmarks/README.md); the limit leaves them room, as public endpoints do (Wikidata's is 60 s).
DEFAULT_TIMEOUT_S = 60.0
DEFAULT_MAX_ROWS = 100_000
DEFAULT_MAX_REQUEST_BYTES = 1_000_000
RESOURCE_PATH = "/id/"
# Where kg's own IRIs live: the ontology (…/ontology#), the shapes (…/shapes#), the tier, region,
# unit and classification schemes (…/scheme/…, …/region/…, …/unit/…) and the default base
# (…/id/). w3id.org sends https://w3id.org/cnbudget/{path} to a kg serve's /{path}.
KG_ROOT = namespace_of(terms.ONTOLOGY)


class ServeError(KgError):
    """The server cannot start: the store cannot be opened, or an option is invalid."""


@dataclass(frozen=True)
class Site:
    """What the workers need to know about the site (picklable: it goes to each worker)."""

    base: str
    resource_path: str
    max_rows: int
    allow_update: bool


def mounts(site: Site) -> tuple[tuple[str, str], ...]:
    """Where IRIs live on this server: (path prefix, IRI prefix) pairs, in the order a path is tried.

    - ``resource_path`` holds the base's IRIs (``/id/unit/1`` is ``{base}unit/1``);
    - the base's own path holds them too, so a base on this server (``--base
      http://127.0.0.1:8808/``) dereferences as it is (``/unit/1``);
    - ``/`` holds kg's own namespaces (``/scheme/tier/output``, ``/unit/Yuan``), as w3id.org
      redirects them.
    """
    found = [(site.resource_path, site.base)]
    parts = urlsplit(site.base)
    if "#" not in site.base and not parts.query:  # a hash base's IRIs are all one document
        found.append((parts.path or "/", site.base))
    found.append(("/", KG_ROOT))
    return tuple(dict.fromkeys(found))


def local_path(iri: str, site: Site) -> str:
    """Where this server shows an IRI: its path (the first mount it is under), else /resource?iri=.

    A hash IRI (``…/ontology#Term``) has no path of its own (a browser never sends the fragment),
    so it is shown at /resource?iri= too."""
    for path, prefix in mounts(site):
        rest = iri[len(prefix):]
        if iri.startswith(prefix) and rest and "#" not in rest:
            return path + quote(rest, safe="/:@!$&'()*+,;=-._~")
    return "/resource?" + urlencode({"iri": iri})


def iris_of_path(path: str, site: Site) -> tuple[str, ...]:
    """The IRIs a request path may stand for, in the order they are tried (the inverse of
    :func:`local_path`): ``/id/unit/1`` is ``{base}unit/1``, ``/scheme/tier/output`` is
    ``https://w3id.org/cnbudget/scheme/tier/output``. The first the server knows is the one it
    describes, so an IRI kind minted later resolves without a change here."""
    found = [prefix + path[len(mount):] for mount, prefix in mounts(site) if path.startswith(mount) and len(path) > len(mount)]
    return tuple(iri for iri in dict.fromkeys(found) if is_absolute_iri(iri))


def iri_of_path(path: str, site: Site) -> str | None:
    """The first IRI a request path may stand for (``/id/unit/1`` → ``{base}unit/1``)."""
    return next(iter(iris_of_path(path, site)), None)


__all__ = [
    "DEFAULT_HOST", "DEFAULT_MAX_REQUEST_BYTES", "DEFAULT_MAX_ROWS", "DEFAULT_PORT", "DEFAULT_TIMEOUT_S", "KG_ROOT", "RESOURCE_PATH",
    "ServeError", "Site", "iri_of_path", "iris_of_path", "local_path", "mounts",
]
