"""The `kg` command. Thin: it parses options and calls the library; errors become one line."""

from __future__ import annotations

import contextlib
import functools
import json
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import click

from kg import __version__
from kg.errors import KgError
from kg.output import ROW_FORMATS, Rows, render

F = Callable[..., Any]

# The node limit is documented in --help; the text lives with the code that applies the limit.
from kg.web.limits import MAX_NODES_HELP  # noqa: E402


def format_option(choices: tuple[str, ...] = ROW_FORMATS, default: str = "table") -> Callable[[F], F]:
    """The one --format option every printing command shares."""
    return click.option(
        "--format", "-f", "fmt", type=click.Choice(choices), default=default, show_default=True,
        help="How to print the result.",
    )


def reader_options(command: F) -> F:
    """Options of every command that reads a disclosure text file."""
    command = click.option(
        "--overrides", type=click.Path(exists=True, dir_okay=False, path_type=Path),
        help="TOML file reassigning 表12 rows to projects ([assign] line = \"project code\").",
    )(command)
    return click.option(
        "--encoding", metavar="NAME",
        help="Read the input in this encoding instead of trying UTF-8 then GB18030.",
    )(command)


def library_errors(command: F) -> F:
    """Turn the library's own errors into `Error: …` and exit status 1, never a traceback."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except KgError as error:
            raise click.ClickException(str(error)) from error

    return wrapper


def echo_rows(result: Rows, fmt: str) -> None:
    click.echo(render(result, fmt), nl=False)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="kg")
def cli() -> None:
    """kg: Chinese budget disclosures (部门预算公开) as a knowledge graph of performance goals.

    Start with `kg demo`, which runs the main job on the bundled example.
    """


@cli.command()
@click.argument("input_file", metavar="INPUT", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@reader_options
@click.option("--explain", is_flag=True, help="List every page-break decision with its evidence.")
@format_option()
@library_errors
def parse(input_file: Path, encoding: str | None, overrides: Path | None, explain: bool, fmt: str) -> None:
    """Read a disclosure and report what was found.

    Prints the counts of projects, indicators, activities, decisions, warnings and skipped
    lines; `--format json` prints every record instead (amounts as exact strings).

    Example: kg parse examples/000_c335fd1cef659d43.txt --explain
    """
    from kg.read.report import count_rows, decision_rows, explain_text
    from kg.read.text import parse_disclosure
    from kg.records import to_jsonable

    disclosure = parse_disclosure(input_file, encoding=encoding, overrides=overrides)
    if explain:
        if fmt == "table":
            click.echo(explain_text(disclosure), nl=False)
        else:
            echo_rows(decision_rows(disclosure), fmt)
    elif fmt == "json":
        click.echo(json.dumps(to_jsonable(disclosure), ensure_ascii=False, indent=2))
    else:
        echo_rows(count_rows(disclosure), fmt)


INPUTS = click.argument(
    "inputs", metavar="INPUT...", nargs=-1, required=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
)


def base_option(command: F) -> F:
    from kg.rdf.iris import DEFAULT_BASE

    return click.option(
        "--base", default=DEFAULT_BASE, show_default=True, metavar="IRI",
        help="Base IRI under which data IRIs are minted (absolute, ending in / or #).",
    )(command)


@contextlib.contextmanager
def progress_bar(label: str) -> Iterator[Callable[[int, int], None]]:
    """A progress bar on stderr, shown only on a terminal, as a callback taking (done, in all)."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    with Progress(
        TextColumn(label), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
        console=Console(stderr=True), transient=True, disable=not sys.stderr.isatty(),
    ) as bar:
        task = bar.add_task(label, total=None)
        yield lambda done, total: bar.update(task, completed=done, total=total)


def store_option(help_text: str) -> Callable[[F], F]:
    return click.option("--store", "store_dir", type=click.Path(file_okay=False, path_type=Path), metavar="DIR", help=help_text)


@cli.command()
@click.argument("inputs", metavar="INPUT...", nargs=-1, required=True)
@click.option(
    "-o", "--output", "outputs", multiple=True, type=click.Path(dir_okay=False, path_type=Path),
    help="File to write; the format follows the extension (.ttl .nt .jsonld .trig .nq). Repeat for several.",
)
@store_option("Load into this persistent store (created when missing), one named graph per disclosure.")
@click.option("--workers", type=click.IntRange(min=1), help="Processes that parse documents for --store [default: one per core].")
@reader_options
@click.option(
    "--links", "links_file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Reviewed-links file (TOML, as for kg trace): confirmed links enter the graph as kg:servesActivity, rejected ones leave it.",
)
@base_option
@click.option("--license", "license_", default=None, metavar="IRI", help="Licence of the written dataset [default: CC BY 4.0].")
@click.option("--issued", metavar="DATE", help="dct:issued of the dataset, a year or a date [default: the budget year].")
@click.option("--modified", metavar="DATE", help="dct:modified of the dataset [default: --issued].")
@click.option("--publisher", metavar="IRI", help="dct:publisher [default: the department of a single disclosure].")
@click.option("--title", help="dct:title of the dataset [default: from the department and year].")
@click.option("--download-base", metavar="URL", help="Where the files will be published; gives each distribution a downloadURL.")
def build(
    inputs: tuple[str, ...], outputs: tuple[Path, ...], store_dir: Path | None, workers: int | None,
    encoding: str | None, overrides: Path | None, links_file: Path | None, base: str, license_: str | None, issued: str | None,
    modified: str | None, publisher: str | None, title: str | None, download_base: str | None,
) -> None:
    """Build the knowledge graph of disclosures (or RDF files) and write it with its DCAT/VoID description.

    With -o, writing is deterministic (the same input gives the same bytes) and atomic (all outputs
    are written, or none). With --store, INPUT may also be folders (searched for *.txt) or globs;
    documents that fail are reported one line each and the rest are loaded; loading a document
    again replaces its graph.

    Example: kg build examples/000_c335fd1cef659d43.txt -o out.ttl -o out.jsonld
    """
    if not outputs and store_dir is None:
        raise click.UsageError("give -o FILE (one or more) or --store DIR")
    if store_dir is not None:
        if outputs or overrides or links_file:
            raise click.UsageError("--store takes none of -o, --overrides and --links (they are about one disclosure)")
        _build_store(inputs, store_dir, base, encoding, workers)
        return
    missing = [i for i in inputs if not Path(i).is_file()]
    if missing:
        raise click.BadParameter(f"{missing[0]!r} is not a file (folders and globs need --store)", param_hint="INPUT")
    _build_files([Path(i) for i in inputs], outputs, encoding, overrides, links_file, base, license_, issued, modified, publisher, title, download_base)


@library_errors
def _build_store(inputs: tuple[str, ...], store_dir: Path, base: str, encoding: str | None, workers: int | None) -> None:
    from kg.store.ingest import ingest

    with progress_bar("loading") as progress:
        report = ingest(store_dir, inputs, base=base, encoding=encoding, workers=workers, progress=progress)
    for failed in report.failed:
        click.echo(f"failed: {failed.error}", err=True)
    for graph in sorted(set(report.replaced)):
        click.echo(f"replaced: {graph} was given more than once; the last document is loaded", err=True)
    rate = len(report.loaded) / report.seconds if report.seconds else 0
    click.echo(
        f"loaded {len(report.loaded)} disclosure(s), {report.triples} triples, into {store_dir}; "
        f"{len(report.failed)} failed; {report.seconds:.1f} s ({rate:.0f} documents/s)", err=True,
    )
    if report.failed and not report.loaded:
        sys.exit(1)


@library_errors
def _build_files(
    inputs: list[Path], outputs: tuple[Path, ...], encoding: str | None, overrides: Path | None, links_file: Path | None, base: str,
    license_: str | None, issued: str | None, modified: str | None, publisher: str | None, title: str | None,
    download_base: str | None,
) -> None:
    from kg.build import load_inputs, output_format, write_graph
    from kg.rdf.dataset import CC_BY, DatasetOptions

    formats = [(path.name, output_format(path)) for path in outputs]
    built = load_inputs(inputs, base=base, encoding=encoding, overrides=overrides, links=links_file)
    options = DatasetOptions(
        base=base, license=license_ or CC_BY, issued=issued, modified=modified, publisher=publisher,
        title=title, download_base=download_base, distributions=formats,
    )
    quads = built.with_metadata(options)
    write_graph(quads, outputs)
    triples = len({q[:3] for q in quads})
    for path in outputs:
        click.echo(f"wrote {path} ({triples} triples)", err=True)


class ValidationErrors(click.ClickException):
    exit_code = 2  # pySHACL's convention: 1 is "does not conform", 2 "could not validate"


@cli.command()
@INPUTS
@reader_options
@base_option
@format_option()
def validate(inputs: tuple[Path, ...], encoding: str | None, overrides: Path | None, base: str, fmt: str) -> None:
    """Check a graph against the SHACL shapes in ontology/shapes.ttl.

    INPUT is a disclosure text file or an RDF file written by `kg build`. Prints one line per
    violation with its focus node and source line; exit status 0 when the graph conforms, 1 when
    it does not, 2 when it cannot be read.

    Example: kg validate out.ttl
    """
    from kg.build import load_inputs
    from kg.rdf.validate import validate_quads

    try:
        report = validate_quads(load_inputs(inputs, base=base, encoding=encoding, overrides=overrides).quads)
    except KgError as error:
        raise ValidationErrors(str(error)) from error
    if report.conforms:
        click.echo("conforms: 0 violations", err=True)
        return
    echo_rows(report.rows(), fmt)
    click.echo(f"does not conform: {len(report.violations)} violation(s)", err=True)
    sys.exit(1)


def _params(values: tuple[str, ...]) -> dict[str, str]:
    params = {}
    for value in values:
        name, sep, text = value.partition("=")
        if not sep or not name:
            raise click.BadParameter(f"{value!r} is not name=value", param_hint="--param")
        params[name] = text
    return params


@cli.command()
@click.argument("query_name", metavar="NAME|FILE.rq")
@click.option(
    "--data", "inputs", multiple=True, type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="A disclosure text file (built in memory) or an RDF file kg build wrote. Repeat for several.",
)
@store_option("Query this persistent store (its documents' union) instead of --data.")
@click.option("--param", "params", multiple=True, metavar="NAME=VALUE", help="A query parameter (see `kg queries`).")
@click.option("--limit", type=click.IntRange(min=0), help="Only the first N rows, without the query's ORDER BY: a quick look.")
@click.option("--engine", type=click.Choice(["oxigraph", "rdflib"]), default="oxigraph", show_default=True, help="The SPARQL engine.")
@reader_options
@base_option
@format_option(("table", "csv", "tsv", "json", "xml"))
def query(
    query_name: str, inputs: tuple[Path, ...], store_dir: Path | None, params: tuple[str, ...], limit: int | None,
    engine: str, encoding: str | None, overrides: Path | None, base: str, fmt: str,
) -> None:
    """Run a library query (by NAME) or a SPARQL file on disclosures or RDF files.

    csv, tsv, json and xml are the W3C SPARQL 1.1 query result formats; `table` is for reading.

    Example: kg query satisfaction-at-least --data examples/000_c335fd1cef659d43.txt --param threshold=90
    """
    _query(query_name, inputs, store_dir, params, limit, engine, encoding, overrides, base, fmt)


@library_errors
def _query(
    query_name: str, inputs: tuple[Path, ...], store_dir: Path | None, params: tuple[str, ...], limit: int | None,
    engine: str, encoding: str | None, overrides: Path | None, base: str, fmt: str,
) -> None:
    from kg.build import load_inputs
    from kg.store.query import OxigraphEngine, RdflibEngine, load_query, run_query
    from kg.store.results import render_result

    if bool(inputs) == bool(store_dir):
        raise click.UsageError("give --data INPUT (one or more) or --store DIR")
    stored = load_query(query_name)
    bound = _params(params)
    runner: OxigraphEngine | RdflibEngine
    if store_dir is not None:
        if engine != "oxigraph":
            raise click.UsageError("a --store is queried with the oxigraph engine")
        from kg.store.ingest import open_store

        runner = OxigraphEngine(open_store(store_dir))
    else:
        quads = load_inputs(inputs, base=base, encoding=encoding, overrides=overrides).quads
        runner = OxigraphEngine.from_quads(quads) if engine == "oxigraph" else RdflibEngine(quads)
    click.echo(render_result(run_query(stored, runner, bound, limit), fmt), nl=False)


def graph_inputs(command: F) -> F:
    """INPUT... (disclosures or RDF files) or --store DIR, for commands that work on a whole graph."""
    command = store_option("Use this persistent store instead of INPUT files.")(command)
    command = base_option(command)
    command = reader_options(command)
    return click.argument(
        "inputs", metavar="[INPUT]...", nargs=-1, type=click.Path(exists=True, dir_okay=False, path_type=Path)
    )(command)


def served_inputs(inputs: tuple[Path, ...], base: str, encoding: str | None, overrides: Path | None) -> tuple[list, list | None]:
    """INPUT files for kg serve: the graph, and its DCAT/VoID description as kg build writes it.

    Only disclosure texts get one made here; RDF files are served with the description they
    hold (kg build wrote it into them), or one made from the store (None)."""
    from kg.rdf.dataset import DatasetOptions

    built = _built_inputs(inputs, None, base, encoding, overrides)
    return built.quads, built.description(DatasetOptions(base=base)) if built.disclosures else None


def load_graph(inputs: tuple[Path, ...], store_dir: Path | None, base: str, encoding: str | None, overrides: Path | None) -> list:
    if store_dir is not None and not inputs:
        from kg.store.ingest import store_quads

        return store_quads(store_dir)
    return _built_inputs(inputs, store_dir, base, encoding, overrides).quads


def _built_inputs(inputs: tuple[Path, ...], store_dir: Path | None, base: str, encoding: str | None, overrides: Path | None) -> Any:
    """INPUT files read into a kg.build.Built; a usage error unless INPUT files alone were given."""
    if not inputs or store_dir is not None:
        raise click.UsageError("give INPUT files or --store DIR")
    from kg.build import load_inputs

    return load_inputs(inputs, base=base, encoding=encoding, overrides=overrides)


@cli.command()
@graph_inputs
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False, path_type=Path), help="The HTML page to write.")
@click.option("--focus", metavar="CODE|NAME", help="Only one project, activity or department (code or exact name).")
@click.option("--max-nodes", type=click.IntRange(min=10), default=None, help=MAX_NODES_HELP)
@library_errors
def viz(
    inputs: tuple[Path, ...], store_dir: Path | None, base: str, encoding: str | None, overrides: Path | None,
    output: Path, focus: str | None, max_nodes: int | None,
) -> None:
    """Draw the graph as an interactive network page: one HTML file that works offline.

    Search, filters (kind, tier, project, comparator, satisfaction ≥ 95) and focus are on the
    page; all document text on it is escaped.

    Example: kg viz examples/000_c335fd1cef659d43.txt -o graph.html
    """
    from kg.web.viz import DEFAULT_MAX_NODES, write_page

    quads = load_graph(inputs, store_dir, base, encoding, overrides)
    summary = write_page(quads, output, focus=focus, max_nodes=max_nodes or DEFAULT_MAX_NODES)
    click.echo(_viz_line(summary))


def _viz_line(summary: Any) -> str:
    line = f"wrote {summary.path}: {summary.nodes} nodes, {summary.edges} edges"
    if summary.overview:
        line += f"; an overview of {summary.departments} departments ({summary.graph_nodes} nodes, above the limit)"
    return line


@cli.command()
@graph_inputs
@format_option()
@library_errors
def stats(inputs: tuple[Path, ...], store_dir: Path | None, base: str, encoding: str | None, overrides: Path | None, fmt: str) -> None:
    """Graph statistics: counts by kind, tier degrees, components, shared indicator texts, missing targets.

    Example: kg stats examples/000_c335fd1cef659d43.txt
    """
    from kg.network.stats import graph_stats
    from kg.output import render

    sections = graph_stats(load_graph(inputs, store_dir, base, encoding, overrides))
    if fmt == "json":
        data = {name: [dict(zip(rows.columns, r)) for r in rows.rows] for name, rows in sections.items()}
        from kg.output import json_default

        click.echo(json.dumps(data, ensure_ascii=False, indent=2, default=json_default))
        return
    for number, (name, rows) in enumerate(sections.items()):
        if fmt == "table":
            click.echo(("\n" if number else "") + f"{name}\n")
        else:
            click.echo(f"# {name}")
        click.echo(render(rows, fmt), nl=False)


@cli.command()
@click.argument("inputs", metavar="[INPUT]...", nargs=-1, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@store_option("List the findings stored in this persistent store (written when each document was loaded).")
@click.option("--strict", is_flag=True, help="Exit with status 1 when any error or warning is found.")
@reader_options
@format_option()
def audit(
    inputs: tuple[Path, ...], store_dir: Path | None, strict: bool, encoding: str | None, overrides: Path | None, fmt: str,
) -> None:
    """Check that a disclosure is consistent: totals, cross-table agreement, cost targets, templates.

    Prints each finding on one line with its severity, the check, the tables and lines, what was
    expected and what was found. The exit status is 0 unless --strict is given and an error or
    warning was found.

    Example: kg audit examples/000_c335fd1cef659d43.txt
    """
    if bool(inputs) == bool(store_dir):
        raise click.UsageError("give INPUT disclosure files or --store DIR")
    serious = _audit(inputs, store_dir, encoding, overrides, fmt)
    if strict and serious:
        sys.exit(1)


@library_errors
def _audit(inputs: tuple[Path, ...], store_dir: Path | None, encoding: str | None, overrides: Path | None, fmt: str) -> int:
    """Print the findings; return how many are errors or warnings."""
    if store_dir is not None:
        from kg.store.ingest import open_store
        from kg.store.query import OxigraphEngine, run_query
        from kg.store.results import render_result

        result = run_query("audit-findings", OxigraphEngine(open_store(store_dir)))
        click.echo(render_result(result, fmt), nl=False)
        severity = result.variables.index("severity")
        return sum(1 for row in result.rows if row[severity] is not None and str(getattr(row[severity], "value", row[severity])) in ("error", "warning"))
    from kg.analyse.audit import ERROR, WARNING, finding_rows
    from kg.analyse.audit import audit as run_audit
    from kg.read.text import parse_disclosure

    findings = []
    for path in inputs:
        findings += run_audit(parse_disclosure(path, encoding=encoding, overrides=overrides))
    echo_rows(finding_rows(findings), fmt)
    return sum(1 for f in findings if f.severity in (ERROR, WARNING))


@cli.command()
@click.argument("input_file", metavar="INPUT", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--activity", metavar="NAME", help="Only this 预算13表 activity.")
@click.option("--min-score", type=float, default=None, help="Lowest score of an inferred link to show [default: 0.25].")
@click.option(
    "--links", "links_file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Reviewed-links file (TOML) confirming or rejecting links.",
)
@reader_options
@format_option()
@library_errors
def trace(
    input_file: Path, activity: str | None, min_score: float | None, links_file: Path | None,
    encoding: str | None, overrides: Path | None, fmt: str,
) -> None:
    """Trace 预算13表 activities to the 预算表12 projects that serve them, with the evidence.

    For each activity: its targets, the linked projects with score and evidence, their targets of
    the same 二级 kind side by side, and the money; then the projects no activity claims. csv and
    json give one row per link, unclaimed projects with an empty activity.

    Example: kg trace examples/000_c335fd1cef659d43.txt --activity 综合治理
    """
    from kg.analyse.trace import DEFAULT_MIN_SCORE, load_reviews, trace_rows, trace_text
    from kg.analyse.trace import trace as trace_links
    from kg.read.text import parse_disclosure

    disclosure = parse_disclosure(input_file, encoding=encoding, overrides=overrides)
    reviews = load_reviews(links_file, disclosure) if links_file else []
    result = trace_links(disclosure, reviews, DEFAULT_MIN_SCORE if min_score is None else min_score, activity)
    if fmt == "table":
        click.echo(trace_text(result, disclosure), nl=False)
    else:
        echo_rows(trace_rows(result, disclosure), fmt)


@cli.command()
@click.option("-o", "--out", "out_dir", required=True, type=click.Path(file_okay=False, path_type=Path), help="Folder to write the pages into.")
@library_errors
def docs(out_dir: Path) -> None:
    """Write the ontology reference: classes, properties, tiers, units, shapes and a diagram.

    index.html is read from ontology/*.ttl; ontology.html is pyLODE's page of kg.ttl. Both work
    offline.

    Example: kg docs -o ontology-docs
    """
    from kg.web.docs import write_docs

    for path in write_docs(out_dir):
        click.echo(f"wrote {path}")


@cli.command()
@click.argument("count", metavar="N", type=click.IntRange(min=1))
@click.option("-o", "--out", "out_dir", required=True, type=click.Path(file_okay=False, path_type=Path), help="Folder to write the documents into.")
@click.option("--seed", type=int, default=0, show_default=True, help="The corpus: the same seed writes the same bytes.")
@click.option("--workers", type=click.IntRange(min=1), help="Processes that write documents [default: one per core].")
@library_errors
def synth(count: int, out_dir: Path, seed: int, workers: int | None) -> None:
    """Write N synthetic disclosures in the example's layout, each with its truth as JSON.

    Units, years, projects and indicator mixes vary, with the same damage real extractions
    have (page breaks splitting projects both ways, codes with inner spaces, broken numbers,
    glued tiers). For tests and benchmarks: NNNNN_<unit>_<year>.txt and .truth.json.

    Example: kg synth 100 -o corpus --seed 1
    """
    from kg.synth.generate import write_corpus

    paths = write_corpus(count, out_dir, seed=seed, workers=workers)
    click.echo(f"wrote {len(paths)} disclosures (and their .truth.json) into {out_dir}", err=True)


@cli.command()
@graph_inputs
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on (loopback unless you say otherwise).")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True)
@click.option("--allow-update", is_flag=True, help="Accept SPARQL UPDATE (refused with 403 by default).")
@click.option("--timeout", "timeout_s", type=float, default=60.0, show_default=True, help="Time limit of one query, in seconds.")
@click.option("--max-rows", type=click.IntRange(min=1), default=100_000, show_default=True, help="Most rows (or triples) a result may have.")
@click.option("--workers", type=click.IntRange(min=1), help="Query processes, each holding the store open [default: one per core; one with --allow-update].")
@library_errors
def serve(
    inputs: tuple[Path, ...], store_dir: Path | None, base: str, encoding: str | None, overrides: Path | None,
    host: str, port: int, allow_update: bool, timeout_s: float, max_rows: int, workers: int | None,
) -> None:
    """Serve a SPARQL 1.1 endpoint (/sparql), a query editor (YASGUI) and resolvable IRIs.

    Read-only unless --allow-update; every query is bounded in time and size. The dataset
    description is at /.well-known/void.

    Example: kg serve --store corpus-store --port 8000
    """
    from kg.web.serve import create_app
    from kg.web.serve import serve as run_server

    source: Any
    description = None
    if store_dir is not None:
        source = str(store_dir)
    else:  # described as kg build describes it (DCAT/VoID), at /.well-known/void
        source, description = served_inputs(inputs, base, encoding, overrides)
    app = create_app(source, base=base, allow_update=allow_update, timeout_s=timeout_s, max_rows=max_rows,
                     workers=workers, description=description)
    click.echo(f"serving on http://{host}:{port}/ (SPARQL at /sparql, editor at /); Ctrl-C stops", err=True)
    run_server(app, host=host, port=port)


@cli.command()
@graph_inputs
@click.option("--endpoint", required=True, metavar="URL", help="The store's Graph Store Protocol URL (Virtuoso: …/sparql-graph-crud-auth).")
@click.option("--graph", "graph_iri", required=True, metavar="IRI", help="The named graph to replace.")
@click.option("--user", help="User to authenticate as.")
@click.option("--password", envvar="KG_PUSH_PASSWORD", help="Password (better: the KG_PUSH_PASSWORD environment variable, which stays out of shell history).")
@click.option("--auth", type=click.Choice(["digest", "basic"]), default="digest", show_default=True, help="HTTP authentication scheme, used with --user (Virtuoso: digest).")
@click.option("--query-endpoint", metavar="URL", help="SPARQL endpoint that counts the triples afterwards [default: sparql beside --endpoint].")
@click.option("--chunk", "chunk_triples", type=click.IntRange(min=1), help="Triples per POST [default: 50,000].")
@library_errors
def push(
    inputs: tuple[Path, ...], store_dir: Path | None, base: str, encoding: str | None, overrides: Path | None,
    endpoint: str, graph_iri: str, user: str | None, password: str | None, auth: str, query_endpoint: str | None,
    chunk_triples: int | None,
) -> None:
    """Send the graph to another triple store with the SPARQL 1.1 Graph Store HTTP Protocol.

    The target graph is replaced, then filled in chunks, so pushing again gives the same graph;
    the command fails when the store's triple count differs from what was sent.

    Example: kg push --store corpus-store --endpoint http://127.0.0.1:8890/sparql-graph-crud-auth --graph https://example.org/budget --user dba --password dba
    """
    from kg.store.push import DEFAULT_CHUNK_TRIPLES
    from kg.store.push import push as push_graph

    source: Any = str(store_dir) if store_dir is not None else load_graph(inputs, None, base, encoding, overrides)
    with progress_bar("pushing") as progress:
        report = push_graph(source, endpoint, graph_iri, user=user, password=password, auth=auth,
                            query_endpoint=query_endpoint, chunk_triples=chunk_triples or DEFAULT_CHUNK_TRIPLES,
                            progress=progress)
    click.echo(f"pushed {report.triples} triples to <{report.graph}> in {report.chunks} chunk(s); the store holds {report.in_store}")


@cli.command()
@format_option()
def queries(fmt: str) -> None:
    """List the query library: each query's name, title and parameters with their defaults.

    Example: kg queries
    """
    from kg.store.query import library

    rows = [
        [q.name, q.title, ", ".join(f"{p.name} ({p.type}, default {p.default})" for p in q.params)]
        for q in library().values()
    ]
    echo_rows(Rows(["name", "title", "parameters"], rows), fmt)


@cli.command()
@click.option(
    "-o", "--out", "out_dir", default="kg-demo", show_default=True, type=click.Path(file_okay=False, path_type=Path),
    help="Folder for the graph files the demo writes.",
)
@format_option()
@library_errors
def demo(out_dir: Path, fmt: str) -> None:
    """Run the main job on the bundled example: read it, build the graph, write it, and query it.

    Writes example.ttl and example.jsonld (with their DCAT/VoID description) and the network
    page example.html into --out, then prints the satisfaction targets of at least 95 %.

    Example: kg demo --out kg-demo
    """
    from kg.build import load_inputs, output_format, write_graph
    from kg.rdf.dataset import DatasetOptions
    from kg.rdf.iris import DEFAULT_BASE
    from kg.read.report import count_rows
    from kg.resources import example_path
    from kg.store.query import OxigraphEngine, run_query
    from kg.store.results import render_result

    path = example_path()
    built = load_inputs([path])
    (disclosure,) = built.disclosures
    click.echo(f"Read {path.name}: {disclosure.unit_name} ({disclosure.unit_code}), budget year {disclosure.year}")
    echo_rows(count_rows(disclosure), fmt)
    outputs = [out_dir / "example.ttl", out_dir / "example.jsonld"]
    quads = built.with_metadata(DatasetOptions(base=DEFAULT_BASE, distributions=[(p.name, output_format(p)) for p in outputs]))
    write_graph(quads, outputs)
    click.echo(f"\nWrote the graph ({len({q[:3] for q in quads})} triples): {outputs[0]}, {outputs[1]}")
    from kg.web.viz import write_page

    page = write_page(quads, out_dir / "example.html")
    click.echo(f"Wrote the network page: {page.path} (open it in a browser; it works offline)")
    result = run_query("satisfaction-at-least", OxigraphEngine.from_quads(quads), {"threshold": "95"})
    click.echo(f"\nSatisfaction targets of at least 95 ({len(result.rows)}):")
    click.echo(render_result(result, fmt if fmt in ("table", "csv", "tsv", "json") else "table"), nl=False)
