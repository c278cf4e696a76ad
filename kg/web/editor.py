"""The query editor kg serve gives a browser at /sparql: YASGUI (vendored in kg/web/assets/yasgui)
on this endpoint, with the query library as examples (templates/editor.html, .js and .css)."""

from __future__ import annotations

from pathlib import Path

from kg.store.query import bind, library, module_query, with_values
from kg.web.rendering import page_templates

EDITOR_CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
              "font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'")

QUERY_DIR = Path(__file__).resolve().parent / "queries"


def editor_start_query() -> str:
    """The query the editor opens with (queries/editor-start.rq beside this module)."""
    return module_query(QUERY_DIR, "editor-start").text


def editor_examples() -> list[dict[str, str]]:
    """The query library as editor examples: each query with its parameters' defaults bound."""
    examples = []
    for query in library().values():
        text = with_values(query.text, bind(query, {}))
        examples.append({"name": query.name, "title": query.title, "description": query.description, "query": text})
    return examples


def editor_page(title: str, examples: list[dict[str, str]], update_allowed: bool) -> str:
    return page_templates().get_template("editor.html").render(
        title=title, examples=examples, update_allowed=update_allowed, default_query=editor_start_query(),
    )


def editor_asset(name: str) -> str:
    """The editor's script or stylesheet (``editor.js``, ``editor.css``), served beside the page."""
    return page_templates().get_template(name).render()


__all__ = ["EDITOR_CSP", "editor_asset", "editor_examples", "editor_page", "editor_start_query"]
