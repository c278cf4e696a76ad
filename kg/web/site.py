"""What kg serve serves: its settings and defaults, and where the IRIs it resolves live on it."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote, urlencode

from kg.errors import KgError

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
# The library's whole-corpus aggregates take up to ~30 s over 10,000 disclosures on two cores
# (benchmarks/README.md); the limit leaves them room, as public endpoints do (Wikidata's is 60 s).
DEFAULT_TIMEOUT_S = 60.0
DEFAULT_MAX_ROWS = 100_000
DEFAULT_MAX_REQUEST_BYTES = 1_000_000
RESOURCE_PATH = "/id/"


class ServeError(KgError):
    """The server cannot start: the store cannot be opened, or an option is invalid."""


@dataclass(frozen=True)
class Site:
    """What the workers need to know about the site (picklable: it goes to each worker)."""

    base: str
    resource_path: str
    max_rows: int
    allow_update: bool


def local_path(iri: str, site: Site) -> str:
    """Where this server shows an IRI: under resource_path for the base's IRIs, else /resource?iri=."""
    if iri.startswith(site.base) and len(iri) > len(site.base):
        return site.resource_path + quote(iri[len(site.base):], safe="/:@!$&'()*+,;=-._~")
    return "/resource?" + urlencode({"iri": iri})


def iri_of_path(path: str, site: Site) -> str | None:
    """The IRI a request path under resource_path stands for (``/id/unit/1`` → ``{base}unit/1``)."""
    if not path.startswith(site.resource_path) or len(path) == len(site.resource_path):
        return None
    return site.base + path[len(site.resource_path):]


__all__ = [
    "DEFAULT_HOST", "DEFAULT_MAX_REQUEST_BYTES", "DEFAULT_MAX_ROWS", "DEFAULT_PORT", "DEFAULT_TIMEOUT_S", "RESOURCE_PATH",
    "ServeError", "Site", "iri_of_path", "local_path",
]
