"""The Jinja environments the pages of kg/web are rendered with, from the templates in kg/web/templates/.

HTML and SVG templates are autoescaped: text from documents and ontology files never becomes
markup. Two environments, because the pages have always differed in how they spell the quotes
they escape, and their bytes (and what tests and clients match) stay as they were:

- :func:`page_templates` (kg serve, kg docs): the entities of Python's ``html.escape``
  (``&quot;``, ``&#x27;``);
- :func:`network_page_templates` (kg viz): markupsafe's (``&#34;``, ``&#39;``).

JavaScript and CSS templates are not escaped: they hold no values.
"""

from __future__ import annotations

import functools
import html
import json
from pathlib import Path
from typing import Any

import jinja2
from jinja2.nodes import EvalContext
from markupsafe import Markup

TEMPLATE_DIR = Path(__file__).resolve().parent / "templates"


@jinja2.pass_eval_context
def _escape_as_html_module(context: EvalContext, value: Any) -> Any:
    """Escape a value as ``html.escape(quote=True)`` does, before Jinja's own escaping sees it
    (which leaves markup alone); values in JS and CSS templates pass as they are."""
    if context.autoescape and not hasattr(value, "__html__"):
        return Markup(html.escape(str(value), quote=True))
    return value


def script_json(value: Any, compact: bool = False) -> Markup:
    """JSON that can sit inside ``<script type="application/json">`` whatever the text it holds:
    no ``</script>``, no ``<!--``, nothing HTML-significant, no line separators."""
    separators = (",", ":") if compact else (", ", ": ")
    text = json.dumps(value, ensure_ascii=False, separators=separators, allow_nan=False)
    for character, escaped in (("&", "\\u0026"), ("<", "\\u003c"), (">", "\\u003e"), ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(character, escaped)
    return Markup(text)


def _environment(**options: Any) -> jinja2.Environment:
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATE_DIR)),
        autoescape=jinja2.select_autoescape(enabled_extensions=("html", "svg"), default_for_string=True, default=False),
        keep_trailing_newline=True,  # a page ends with its newline, as it always did
        undefined=jinja2.StrictUndefined,  # a misspelt name fails instead of rendering empty
        **options,
    )
    environment.filters["script_json"] = script_json
    return environment


@functools.cache  # one per process: templates are compiled once, not per request
def page_templates() -> jinja2.Environment:
    """The templates of kg serve's and kg docs's pages."""
    return _environment(finalize=_escape_as_html_module)


@functools.cache
def network_page_templates() -> jinja2.Environment:
    """The template of kg viz's network page."""
    return _environment()


__all__ = ["TEMPLATE_DIR", "network_page_templates", "page_templates", "script_json"]
