"""The `kg` command. Thin: it parses options and calls the library; errors become one line."""

from __future__ import annotations

import contextlib
import functools
import json
import shutil
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from kg import __version__
from kg.errors import KgError
from kg.output import ROW_FORMATS, Rows, escape_control, render, render_table

if TYPE_CHECKING:
    from kg.build import Built
    from kg.records import Disclosure, Given

F = Callable[..., Any]

# The node limit is documented in --help; the text lives with the code that applies the limit.
from kg.web.limits import MAX_NODES_HELP  # noqa: E402

QUERY_FORMATS = (*ROW_FORMATS, "xml")  # kg.store.results.RESULT_FORMATS, without importing the engines
GRAPH_RESULT_FORMATS = ("ttl", "nt", "jsonld")  # kg.store.results.GRAPH_FORMATS: a CONSTRUCT's or DESCRIBE's graph
RDF_FORMATS = ("ttl", "nt", "jsonld", "trig", "nq")  # the extensions kg build writes (kg.rdf.rdfio.WRITTEN_EXTENSIONS)
STDIN = "-"


def _a_folder(ctx: click.Context, param: click.Parameter, value: Path) -> Path:
    """An option naming the folder a command writes several files into: `-` (standard output) is none."""
    if str(value) == STDIN:
        raise click.BadParameter("this command writes several files into a folder; `-` (standard output) cannot hold them")
    return value


def format_option(
    choices: tuple[str, ...] = ROW_FORMATS, default: str | None = "table", help_text: str = "How to print the result.",
) -> Callable[[F], F]:
    """The one --format option every printing command shares."""
    return click.option(
        "--format", "-f", "fmt", type=click.Choice(choices), default=default, show_default=default is not None, help=help_text,
    )


@dataclass(frozen=True)
class Reading:
    """How to read disclosure texts: the options every command that reads them shares."""

    encoding: str | None = None
    overrides: Path | None = None
    region: str | None = None
    allow_partial: bool = False
    year: int | None = None  # what a form of the national family does not print
    unit: str | None = None
    project: str | None = None

    @property
    def given(self) -> Given:
        # here, not at the top: kg.records loads the regions, and `kg --help` need not
        from kg.records import Given

        return Given(self.year, self.unit, self.project)


def reader_options(command: F) -> F:
    """Options of every command that reads a disclosure text file; the command gets them as one
    ``reading`` (a Reading)."""

    @functools.wraps(command)
    def wrapper(*args: Any, encoding: str | None, overrides: Path | None, region: str | None, allow_partial: bool,
                year: int | None, unit: str | None, project: str | None, **kwargs: Any) -> Any:
        return command(*args, reading=Reading(encoding, overrides, region, allow_partial, year, unit, project), **kwargs)

    options = [
        click.option("--encoding", metavar="NAME", help="Read the input in this encoding instead of trying UTF-8 then GB18030."),
        click.option(
            "--overrides", type=click.Path(exists=True, dir_okay=False, path_type=Path),
            help="TOML file reassigning 表12 rows to projects ([assign] line = \"project code\").",
        ),
        click.option(
            "--region", metavar="CODE",
            help="The documents' region as a GB/T 2260 code (110105 is 北京市朝阳区), when their project codes and department do not tell it.",
        ),
        click.option("--year", type=click.IntRange(1990, 2100), help="The budget year of a form that prints none (another province's 绩效目标表)."),
        click.option("--unit", metavar="CODE|NAME", help="The unit of a form that prints none: its six-digit unit code, CODE-名称, or its name."),
        click.option(
            "--project", metavar="CODE",
            help="The project code of a form of one project that prints none (a 自评表 often does not): the budget's project of that code it then restates.",
        ),
        click.option(
            "--allow-partial", is_flag=True,
            help="Accept a document read only in part (rows with data that kg could not read); without it, such a document is an error.",
        ),
    ]
    for option in reversed(options):
        wrapper = option(wrapper)
    return wrapper  # type: ignore[return-value]


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


def _terminal_width() -> int | None:
    """The terminal's width when stdout is one; None when it is piped (nothing is cut then)."""
    return shutil.get_terminal_size().columns if sys.stdout.isatty() else None


# ---- documents: files or standard input, the reader's messages, and the completeness rule ------


def _stdin_source(encoding: str | None, rdf_too: bool) -> Any:
    from kg.rdf.rdfio import rdf_text
    from kg.read.completeness import STDIN_PATH
    from kg.read.source import source_from_bytes

    data = click.get_binary_stream("stdin").read()
    rdf = rdf_text(data, STDIN_PATH) if rdf_too else None
    return rdf if rdf is not None else source_from_bytes(data, STDIN_PATH, encoding)


def documents(inputs: Iterable[str | Path], encoding: str | None, rdf_too: bool = False) -> list[Any]:
    """INPUT as given, `-` read from standard input (once) into the text it holds; where a graph is
    built (``rdf_too``), RDF there (`kg build … -o - | kg query … --data -`) is read as RDF."""
    inputs = list(inputs)
    if sum(1 for i in inputs if str(i) == STDIN) > 1:
        raise click.UsageError("- (standard input) can be read only once")
    return [_stdin_source(encoding, rdf_too) if str(i) == STDIN else i for i in inputs]


def report_reading(disclosures: Iterable[Disclosure]) -> None:
    """The reader's warnings and the skipped lines that carry data, on stderr, one line each."""
    from kg.read.completeness import reader_messages

    for disclosure in disclosures:
        for line in reader_messages(disclosure):
            click.echo(line, err=True)


def refuse_partial(disclosures: Iterable[Disclosure], reading: Reading) -> None:
    from kg.read.completeness import require_complete

    if not reading.allow_partial:
        require_complete(disclosures)


def read_disclosures(inputs: Iterable[str | Path], reading: Reading) -> list[Disclosure]:
    """Disclosure texts (files or `-`) read into records, the reader's messages on stderr. The
    caller prints what it found, then calls refuse_partial: a partial document is still shown."""
    from kg.build import one_disclosure_options, read_disclosure

    items = documents(inputs, reading.encoding)
    one_disclosure_options(len(items), overrides=reading.overrides, project=reading.project)
    disclosures = [read_disclosure(i, encoding=reading.encoding, overrides=reading.overrides, region=reading.region,
                                   given=reading.given) for i in items]
    report_reading(disclosures)
    return disclosures


def load(inputs: Iterable[str | Path], base: str, reading: Reading, links: Path | None = None) -> Built:
    """INPUT files (or `-`) read into a kg.build.Built, the reader's messages on stderr; a
    partial document is refused before anything is built from it."""
    from kg.build import load_inputs

    built = load_inputs(documents(inputs, reading.encoding, rdf_too=True), base=base, encoding=reading.encoding,
                        overrides=reading.overrides, links=links, region=reading.region, given=reading.given)
    for notice in built.notices:
        click.echo(notice, err=True)
    report_reading(built.disclosures)
    refuse_partial(built.disclosures, reading)
    return built


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="kg")
def cli() -> None:
    """kg: Chinese budget disclosures (部门预算公开) as a knowledge graph of performance goals.

    Start with `kg demo`, which runs the main job on the bundled example.
    """


DOCUMENT = click.Path(exists=True, dir_okay=False, allow_dash=True, path_type=Path)  # a file, or - for stdin


@cli.command()
@click.argument("input_file", metavar="INPUT", type=DOCUMENT)
@reader_options
@click.option("--explain", is_flag=True, help="List every page-break decision with its evidence.")
@format_option()
@library_errors
def parse(input_file: Path, reading: Reading, explain: bool, fmt: str) -> None:
    """Read a disclosure and report what was found (INPUT `-` reads standard input).

    Prints the counts of projects, indicators, activities, decisions, warnings and skipped
    lines; `--format json` prints every record instead (amounts as exact strings). The reader's
    warnings go to stderr; a document read only in part is printed, then refused (exit 1)
    unless --allow-partial.

    Example: kg parse examples/000_c335fd1cef659d43.txt --explain
    """
    from kg.read.report import count_rows, decision_rows, explain_text
    from kg.records import to_jsonable

    (disclosure,) = read_disclosures([input_file], reading)
    if disclosure.layout is not None and disclosure.layout.name != "beijing":  # which reader read a form, and why
        click.echo(f"{disclosure.path}: layout {disclosure.layout.name}: {disclosure.layout.reason}", err=True)
    if explain and disclosure.readings:
        from kg.read.national.forms import readings_text

        click.echo(readings_text(disclosure), nl=False)
    elif explain:
        if fmt == "table":
            click.echo(explain_text(disclosure), nl=False)
        else:
            echo_rows(decision_rows(disclosure), fmt)
    elif fmt == "json":
        click.echo(json.dumps(to_jsonable(disclosure), ensure_ascii=False, indent=2))
    else:
        echo_rows(count_rows(disclosure), fmt)
    refuse_partial([disclosure], reading)


@cli.command()
@click.argument("input_file", metavar="INPUT", type=DOCUMENT)
@click.option("-o", "--output", type=click.Path(dir_okay=False, allow_dash=True, path_type=Path), default=STDIN,
              show_default=True, help="The text file to write (`-`: standard output).")
@library_errors
def extract(input_file: Path, output: Path) -> None:
    """Write the tables of a disclosure PDF (or the sheets of a workbook, a Word document's or a saved
    web page's tables, a CSV file's records) as the text kg reads: one row a line, cells by tab, a
    blank line at each page break.

    Every record kg reads from the file carries the line it has in this text, and the text is the
    same document (the same SHA-256), so it can be kept, diffed and read beside it.

    Example: kg extract disclosure.pdf -o disclosure.txt
    Example: kg extract disclosure.xlsx -o disclosure.txt
    Example: kg extract form.docx -o form.txt
    Example: kg extract saved-page.html -o form.txt
    Example: kg extract sheet.csv -o form.txt
    """
    from kg.atomic import write_files_atomically
    from kg.read.source import extract_text

    text = extract_text(click.get_binary_stream("stdin").read() if str(input_file) == STDIN else input_file)
    if str(output) == STDIN:
        click.echo(text, nl=False)
    else:
        write_files_atomically([(output, text.encode("utf-8"))])
        click.echo(f"wrote {output} ({text.count(chr(10))} lines)", err=True)


INPUTS = click.argument("inputs", metavar="INPUT...", nargs=-1, required=True, type=DOCUMENT)


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
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeRemainingColumn,
    )

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
    "-o", "--output", "outputs", multiple=True, type=click.Path(dir_okay=False, allow_dash=True, path_type=Path),
    help="File to write; the format follows the extension (.ttl .nt .jsonld .trig .nq); `-` writes to stdout in --format. Repeat for several.",
)
@format_option(RDF_FORMATS, None, "The RDF format of -o - (stdout), named as its file extension.")
@store_option("Load into this persistent store (created when missing), one named graph per disclosure.")
@click.option("--workers", type=click.IntRange(min=1), help="Processes that parse documents for --store [default: one per core].")
@click.option(
    "--replace", is_flag=True,
    help="With --store: a different document with the same region, unit and year as a stored one replaces it (refused otherwise).",
)
@reader_options
@click.option(
    "--links", "links_file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Reviewed-links file (TOML, as for kg trace): confirmed links enter the graph as kg:servesActivity, rejected ones leave it.",
)
@base_option
@click.option("--license", "license_", default=None, metavar="IRI", help="Licence of the written dataset (dct:license) [default: none].")
@click.option("--issued", metavar="DATE", help="dct:issued of the dataset, a year or a date [default: none].")
@click.option("--modified", metavar="DATE", help="dct:modified of the dataset, a year or a date [default: none].")
@click.option(
    "--publisher", metavar="IRI",
    help="Who publishes the RDF (dct:publisher; needs --publisher-name); with it a DCAT-AP dcat:Catalog is written [default: none: "
         "the department is the creator of the source document, not the publisher of the RDF].",
)
@click.option("--publisher-name", metavar="NAME", help="The publisher's name (foaf:name), which DCAT-AP requires of it.")
@click.option("--title", help="dct:title of the dataset [default: from the departments and years, in zh and en].")
@click.option(
    "--download-base", metavar="URL",
    help="Where the files will be published: each written file becomes a dcat:Distribution with its downloadURL [default: none, and no distribution].",
)
@click.option("--source-url", metavar="URL", help="Where the source document was published (its PDF, say); one disclosure text only.")
def build(
    inputs: tuple[str, ...], outputs: tuple[Path, ...], fmt: str | None, store_dir: Path | None, workers: int | None,
    replace: bool, reading: Reading, links_file: Path | None, base: str, license_: str | None, issued: str | None,
    modified: str | None, publisher: str | None, publisher_name: str | None, title: str | None, download_base: str | None,
    source_url: str | None,
) -> None:
    """Build the knowledge graph of disclosures (or RDF files) and write it with its DCAT-AP/VoID/PROV description.

    With -o, writing is deterministic (the same input gives the same bytes) and atomic (all outputs
    are written, or none); INPUT `-` reads a disclosure from stdin, `-o -` writes to stdout in
    --format. With --store, INPUT may also be folders (searched for .txt, .csv, .pdf, .xlsx, .xls, .docx, .html, .htm, .mhtml and .mht) or globs; a document
    already stored is loaded once; documents that fail or are refused (read only in part, or a
    different document with a stored one's region, unit and year, without --replace) are reported
    one line each and the rest are loaded, and the exit status is 1 when any was not loaded.

    Example: kg build examples/000_c335fd1cef659d43.txt -o out.ttl -o out.jsonld
    """
    if not outputs and store_dir is None:
        raise click.UsageError("give -o FILE (one or more) or --store DIR")
    if store_dir is not None:
        if outputs or reading.overrides or links_file:
            raise click.UsageError("--store takes none of -o, --overrides and --links (they are about one disclosure)")
        if STDIN in inputs:
            raise click.UsageError("--store loads files and folders, not - (standard input): give -o to build from stdin")
        _build_store(inputs, store_dir, base, reading, workers, replace)
        return
    if replace:
        raise click.UsageError("--replace is about a --store")
    to_stdout = [p for p in outputs if str(p) == STDIN]
    if len(to_stdout) > 1:
        raise click.UsageError("-o - (standard output) can be given only once")
    if to_stdout and fmt is None:
        raise click.UsageError(f"-o - writes to standard output: name its format with --format ({', '.join(RDF_FORMATS)})")
    if fmt is not None and not to_stdout:
        raise click.UsageError("--format names the format of -o - (standard output); a file's format follows its extension")
    missing = [i for i in inputs if i != STDIN and not Path(i).is_file()]
    if missing:
        raise click.BadParameter(f"{missing[0]!r} is not a file (folders and globs need --store)", param_hint="INPUT")
    described = dict(license=license_, issued=issued, modified=modified, publisher=publisher, publisher_name=publisher_name,
                     title=title, download_base=download_base, source_url=source_url)
    _build_files(inputs, outputs, fmt, reading, links_file, base, described)


@library_errors
def _build_store(inputs: tuple[str, ...], store_dir: Path, base: str, reading: Reading, workers: int | None, replace: bool) -> None:
    from kg.store.ingest import ingest

    with progress_bar("loading") as progress:
        report = ingest(store_dir, inputs, base=base, encoding=reading.encoding, workers=workers, progress=progress,
                        region=reading.region, replace=replace, allow_partial=reading.allow_partial,
                        given=reading.given)
    for doc in report.loaded + report.unchanged + report.failed:  # the reader's warnings, as for a file
        for message in doc.messages:
            click.echo(message, err=True)
    for doc in report.unchanged:
        click.echo(f"already there: {doc.path} is the document {doc.graph} holds; loaded once", err=True)
    for failed in report.failed:
        click.echo(f"failed: {failed.error}", err=True)
    for graph in sorted(set(report.replaced)):
        click.echo(f"replaced: {graph}: a later document with its identity, or the same document read with other options, took its place (--replace)", err=True)
    rate = len(report.loaded) / report.seconds if report.seconds else 0
    from kg.store.ingest import is_store

    where = f"into {store_dir}" if is_store(store_dir) else f"no store written at {store_dir}"
    click.echo(
        f"loaded {len(report.loaded)} disclosure(s), {report.triples} triples, {where}; "
        f"{len(report.unchanged)} already there; {len(report.failed)} failed; {report.seconds:.1f} s ({rate:.0f} documents/s)", err=True,
    )
    if report.failed:  # the others are loaded; a script must still learn that some are not
        sys.exit(1)


@cli.group()
def store() -> None:
    """The documents of a persistent store: list them, remove some.

    Example: kg store list --store corpus-store"""


def required_store(command: F) -> F:
    return click.option("--store", "store_dir", required=True, type=click.Path(file_okay=False, path_type=Path),
                        metavar="DIR", help="The persistent store (made by kg build … --store).")(command)


@store.command("list")
@required_store
@format_option(QUERY_FORMATS)
@library_errors
def store_list(store_dir: Path, fmt: str) -> None:
    """One row per document: region, unit code, department, year, graph, file, SHA-256, partial reasons."""
    from kg.store.ingest import open_store
    from kg.store.query import OxigraphEngine, run_query
    from kg.store.results import render_result

    click.echo(render_result(run_query("documents", OxigraphEngine(open_store(store_dir))), fmt), nl=False)


@store.command("remove")
@click.argument("selectors", metavar="DOCUMENT...", nargs=-1, required=True)
@required_store
@library_errors
def store_remove(selectors: tuple[str, ...], store_dir: Path) -> None:
    """Drop documents, named by graph IRI, SHA-256 (or its first 8+ characters) or file name, as
    `kg store list` shows them; all or none.

    Example: kg store remove 390c4153 --store corpus-store"""
    from kg.store.ingest import remove_documents

    for graph in remove_documents(store_dir, selectors):
        click.echo(f"removed {graph}", err=True)


@library_errors
def _build_files(
    inputs: Sequence[str], outputs: tuple[Path, ...], fmt: str | None, reading: Reading, links_file: Path | None, base: str,
    described: dict[str, str | None],
) -> None:
    from kg.build import output_format, write_graph
    from kg.rdf.dataset import DatasetOptions, check_options
    from kg.rdf.namespaces import PREFIXES
    from kg.rdf.rdfio import format_of, serialize

    files = [path for path in outputs if str(path) != STDIN]
    # stdout has no file name: it is not described as a distribution of the dataset
    formats = [(path.name, output_format(path)) for path in files]
    options = DatasetOptions(base=base, distributions=formats, **described)
    check_options(options, None)  # before the documents are read; the count of documents is checked once they are
    built = load(inputs, base, reading, links_file)
    quads = built.with_metadata(options)
    stdout_format = format_of(f"stdout.{fmt}") if fmt else None
    data = serialize(quads, stdout_format, PREFIXES) if stdout_format else None
    write_graph(quads, files)
    triples = len({q[:3] for q in quads})
    for path in files:
        click.echo(f"wrote {path} ({triples} triples)", err=True)
    if data is not None:
        stdout = click.get_binary_stream("stdout")
        stdout.write(data)
        stdout.flush()
        click.echo(f"wrote standard output ({triples} triples)", err=True)


class ValidationErrors(click.ClickException):
    exit_code = 2  # pySHACL's convention: 1 is "does not conform", 2 "could not validate"


@cli.command()
@INPUTS
@reader_options
@base_option
@format_option()
def validate(inputs: tuple[Path, ...], reading: Reading, base: str, fmt: str) -> None:
    """Check a graph against the SHACL shapes in ontology/shapes.ttl.

    INPUT is a disclosure text file (`-`: stdin) or an RDF file written by `kg build`. Prints one
    line per violation or warning with its focus node and source line; exit status 0 when the
    graph conforms (warnings, e.g. a printed total that does not add up, do not fail it), 1 when
    it does not, 2 when it cannot be read (or a document is read only in part).

    Example: kg validate out.ttl
    """
    from kg.rdf.validate import validate_quads

    try:
        report = validate_quads(load(inputs, base, reading).quads)
    except KgError as error:
        raise ValidationErrors(str(error)) from error
    if report.violations or report.warnings:
        echo_rows(report.rows(), fmt)
    warnings = f", {len(report.warnings)} warning(s)" if report.warnings else ""
    if report.conforms:
        click.echo(f"conforms: 0 violations{warnings}", err=True)
        return
    click.echo(f"does not conform: {len(report.violations)} violation(s){warnings}", err=True)
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
@click.argument("query_name", metavar="NAME|FILE.rq|-", required=False)
@click.option("-e", "--execute", "query_text", metavar="SPARQL", help="Run this query text instead of NAME, FILE.rq or - (stdin).")
@click.option(
    "--data", "inputs", multiple=True, type=DOCUMENT,
    help="A disclosure text file (built in memory; `-` reads it from stdin) or an RDF file kg build wrote. Repeat for several.",
)
@store_option("Query this persistent store (its documents' union) instead of --data.")
@click.option("--param", "params", multiple=True, metavar="NAME=VALUE", help="A query parameter (see `kg queries`).")
@click.option("--limit", type=click.IntRange(min=0), help="Only the first N rows, without the query's ORDER BY: a quick look.")
@click.option("--engine", type=click.Choice(["oxigraph", "rdflib"]), default="oxigraph", show_default=True, help="The SPARQL engine.")
@reader_options
@base_option
@format_option((*QUERY_FORMATS, *GRAPH_RESULT_FORMATS))
def query(
    query_name: str | None, query_text: str | None, inputs: tuple[Path, ...], store_dir: Path | None, params: tuple[str, ...],
    limit: int | None, engine: str, reading: Reading, base: str, fmt: str,
) -> None:
    """Run a library query (by NAME), a SPARQL file, the query on stdin (-) or -e TEXT on disclosures or RDF files.

    csv, tsv, json and xml are the W3C SPARQL 1.1 query result formats; jsonl is one flat JSON
    object per row; `table` is for reading. ASK prints true or false; CONSTRUCT and DESCRIBE print
    their triples as rows (subject, predicate, object), or as RDF with -f ttl, nt or jsonld.

    Example: kg query satisfaction-at-least --data examples/000_c335fd1cef659d43.txt --param threshold=90
    """
    if (query_name is None) == (query_text is None):
        raise click.UsageError("give one query: NAME, FILE.rq, - (read from stdin) or -e SPARQL")
    if bool(inputs) == bool(store_dir):
        raise click.UsageError("give --data INPUT (one or more) or --store DIR, not both")
    if query_name == STDIN and STDIN in map(str, inputs):
        raise click.UsageError("standard input holds the query or the data, not both: give the query with -e or as a file")
    _query(query_name, query_text, inputs, store_dir, params, limit, engine, reading, base, fmt)


def _stored_query(query_name: str | None, query_text: str | None) -> Any:
    """The query to run: from the library, a file, standard input or the -e text."""
    from kg.errors import QueryError
    from kg.store.query import load_query, parse_query_file

    if query_text is not None:
        return parse_query_file(query_text, "-e")
    if query_name == STDIN:
        try:
            return parse_query_file(click.get_binary_stream("stdin").read().decode("utf-8-sig"), "<stdin>")
        except UnicodeDecodeError as error:
            raise QueryError(f"<stdin>: the query is not UTF-8 text ({error.reason} at byte {error.start})") from error
    assert query_name is not None
    return load_query(query_name)


@library_errors
def _query(
    query_name: str | None, query_text: str | None, inputs: tuple[Path, ...], store_dir: Path | None, params: tuple[str, ...],
    limit: int | None, engine: str, reading: Reading, base: str, fmt: str,
) -> None:
    from kg.store.query import OxigraphEngine, RdflibEngine, run_any_query
    from kg.store.results import render_any

    stored = _stored_query(query_name, query_text)
    bound = _params(params)
    runner: OxigraphEngine | RdflibEngine
    if store_dir is not None:
        if engine != "oxigraph":
            raise click.UsageError("a --store is queried with the oxigraph engine")
        from kg.store.ingest import open_store

        runner = OxigraphEngine(open_store(store_dir))
    else:
        quads = load(inputs, base, reading).quads
        runner = OxigraphEngine.from_quads(quads) if engine == "oxigraph" else RdflibEngine(quads)
    if isinstance(runner, OxigraphEngine):  # documents an earlier kg mapped, in a store or an RDF file
        from kg.store.ingest import counts_warning

        if (warning := counts_warning(runner.store, stored.text)) is not None:
            click.echo(f"{store_dir or ', '.join(map(str, inputs))}: warning: {escape_control(warning)}", err=True)
    click.echo(render_any(run_any_query(stored, runner, bound, limit), fmt), nl=False)


def graph_inputs(command: F) -> F:
    """INPUT... (disclosures or RDF files) or --store DIR, for commands that work on a whole graph."""
    command = store_option("Use this persistent store instead of INPUT files.")(command)
    command = base_option(command)
    command = reader_options(command)
    return click.argument("inputs", metavar="[INPUT]...", nargs=-1, type=DOCUMENT)(command)


def served_inputs(
    inputs: tuple[Path, ...], base: str, encoding: str | None = None, overrides: Path | None = None, *, reading: Reading | None = None,
) -> tuple[list, list | None]:
    """INPUT files for kg serve: the graph, and its DCAT/VoID description as kg build writes it.

    Only disclosure texts get one made here; RDF files are served with the description they
    hold (kg build wrote it into them), or one made from the store (None)."""
    from kg.rdf.dataset import DatasetOptions

    built = _built_inputs(inputs, None, base, reading or Reading(encoding, overrides))
    return built.quads, built.description(DatasetOptions(base=base)) if built.disclosures else None


def load_graph(inputs: tuple[Path, ...], store_dir: Path | None, base: str, reading: Reading) -> list:
    if store_dir is not None and not inputs:
        from kg.store.ingest import store_quads

        return store_quads(store_dir)
    return _built_inputs(inputs, store_dir, base, reading).quads


def _built_inputs(inputs: tuple[Path, ...], store_dir: Path | None, base: str, reading: Reading) -> Built:
    """INPUT files read into a kg.build.Built; a usage error unless INPUT files alone were given."""
    if not inputs or store_dir is not None:
        raise click.UsageError("give INPUT files or --store DIR, not both")
    return load(inputs, base, reading)


@cli.command()
@graph_inputs
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False, allow_dash=True, path_type=Path),
              help="The HTML page to write (`-`: standard output).")
@click.option("--focus", metavar="CODE|NAME", help="Only one project, activity or department (code or exact name).")
@click.option("--max-nodes", type=click.IntRange(min=10), default=None, help=MAX_NODES_HELP)
@library_errors
def viz(
    inputs: tuple[Path, ...], store_dir: Path | None, base: str, reading: Reading,
    output: Path, focus: str | None, max_nodes: int | None,
) -> None:
    """Draw the graph as an interactive network page: one HTML file that works offline.

    Search, filters (kind, tier, project, comparator, satisfaction ≥ 95) and focus are on the
    page; all document text on it is escaped.

    Example: kg viz examples/000_c335fd1cef659d43.txt -o graph.html
    """
    from kg.web.viz import (
        DEFAULT_MAX_NODES,
        quads_page,
        store_page,
        write_page,
        write_store_page,
    )

    limit = max_nodes or DEFAULT_MAX_NODES
    store = store_dir if not inputs else None  # a store is read for what the page draws, not quad by quad
    if str(output) == STDIN:
        page, summary = (store_page(store, focus, limit) if store is not None else
                         quads_page(load_graph(inputs, store_dir, base, reading), focus, limit))
        click.get_binary_stream("stdout").write(page.encode("utf-8"))
        click.echo(_viz_line(summary, "standard output"), err=True)
        return
    if store is not None:
        summary = write_store_page(store, output, focus=focus, max_nodes=limit)
    else:
        summary = write_page(load_graph(inputs, store_dir, base, reading), output, focus=focus, max_nodes=limit)
    click.echo(_viz_line(summary, str(summary.path)), err=True)


def _viz_line(summary: Any, where: str) -> str:
    line = f"wrote {where}: {summary.nodes} nodes, {summary.edges} edges"
    if summary.overview:
        line += f"; an overview of {summary.departments} departments ({summary.graph_nodes} nodes, above the limit)"
    return line


@cli.command()
@graph_inputs
@format_option()
@library_errors
def stats(inputs: tuple[Path, ...], store_dir: Path | None, base: str, reading: Reading, fmt: str) -> None:
    """Graph statistics: counts by kind, tier degrees, components, shared indicator texts, missing targets.

    `-f jsonl` gives one object per row, its section first; `-f csv` and `-f tsv` one table, a
    section column first (blank where a section has no such column).

    Example: kg stats examples/000_c335fd1cef659d43.txt
    """
    from kg.network.stats import graph_stats, model_stats
    from kg.output import json_default, one_table, render_jsonl

    if store_dir is not None and not inputs:  # the store's network model from a few queries, not every quad
        from kg.network.store import store_graph
        from kg.store.ingest import open_store

        sections = model_stats(store_graph(open_store(store_dir)))
    else:
        sections = graph_stats(load_graph(inputs, store_dir, base, reading))
    if fmt == "json":
        data = {name: [dict(zip(rows.columns, r)) for r in rows.rows] for name, rows in sections.items()}
        click.echo(json.dumps(data, ensure_ascii=False, indent=2, default=json_default))
        return
    if fmt == "jsonl":
        for name, rows in sections.items():
            click.echo(render_jsonl(Rows(["section", *rows.columns], [[name, *r] for r in rows.rows])), nl=False)
        return
    if fmt != "table":
        click.echo(render(one_table(sections), fmt), nl=False)
        return
    for number, (name, rows) in enumerate(sections.items()):
        click.echo(("\n" if number else "") + f"{name}\n")
        click.echo(render(rows, fmt), nl=False)


@cli.command()
@click.argument("inputs", metavar="[INPUT]...", nargs=-1, type=DOCUMENT)
@store_option("List the findings stored in this persistent store (written when each document was loaded).")
@click.option("--strict", is_flag=True, help="Exit with status 1 when any error or warning is found.")
@reader_options
@format_option()
@library_errors
def audit(inputs: tuple[Path, ...], store_dir: Path | None, strict: bool, reading: Reading, fmt: str) -> None:
    """Check that disclosures are consistent: totals, cross-table agreement, cost targets, templates.

    Prints each finding on one line: the document (region, unit_code, department, year), its
    severity, the check, the tables and lines, what was expected and what was found; then a
    count by severity on stderr. The table is fitted to the terminal (piped, nothing is cut).
    The exit status is 0 unless --strict is given and an error or warning was found, or a
    document was read only in part (without --allow-partial).

    Example: kg audit examples/000_c335fd1cef659d43.txt
    """
    if bool(inputs) == bool(store_dir):
        raise click.UsageError("give INPUT disclosure files or --store DIR, not both")
    disclosures: list[Disclosure] = []
    if store_dir is not None:
        severities = _audit_store(store_dir, fmt)
    else:
        from kg.analyse.audit import audit as run_audit
        from kg.analyse.audit import finding_rows, has_pages
        from kg.output import with_documents

        disclosures = read_disclosures(inputs, reading)
        findings = [(d, run_audit(d)) for d in disclosures]
        paged = any(has_pages(d) for d in disclosures)  # a PDF among the inputs: a page column beside the lines
        _echo_fitted(with_documents([(d, finding_rows(found, d if paged else None)) for d, found in findings]), fmt)
        severities = [str(f.severity) for _, found in findings for f in found]
    counts = Counter(severities)
    click.echo(", ".join([_plural(counts["error"], "error"), _plural(counts["warning"], "warning"), f"{counts['info']} info"])
               + (f" in {len(inputs)} documents" if len(inputs) > 1 else ""), err=True)
    refuse_partial(disclosures, reading)
    if strict and (counts["error"] or counts["warning"]):
        sys.exit(1)


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def _echo_fitted(rows: Rows, fmt: str) -> None:
    """Rows; as a table, every cell whole when piped and the table fitted to a terminal's width."""
    if fmt == "table":
        click.echo(render_table(rows, max_width=None, width=_terminal_width()), nl=False)
    else:
        echo_rows(rows, fmt)


def _stored(store_dir: Path, query_name: str, params: dict[str, str] | None = None) -> Any:
    """What a library query finds in a store (each row naming its document)."""
    from kg.store.ingest import open_store
    from kg.store.query import OxigraphEngine, run_query

    return run_query(query_name, OxigraphEngine(open_store(store_dir)), params)


def _echo_result(result: Any, fmt: str) -> Any:
    """Print a query's result, as a table fitted to the terminal or in ``fmt``; the result."""
    from kg.store.results import render_result, table_rows

    if fmt == "table":
        _echo_fitted(table_rows(result), fmt)
    else:
        click.echo(render_result(result, fmt), nl=False)
    return result


def _echo_stored(store_dir: Path, query_name: str, fmt: str) -> Any:
    """Print what a library query finds in a store (each row naming its document); the result."""
    return _echo_result(_stored(store_dir, query_name), fmt)


def _audit_store(store_dir: Path, fmt: str) -> list[str]:
    """Print the findings stored in a store; return their severities."""
    from kg.store.results import plain_value

    result = _echo_stored(store_dir, "audit-findings", fmt)
    severity = result.variables.index("severity")
    return [str(plain_value(row[severity])) for row in result.rows if row[severity] is not None]


@cli.command()
@click.argument("inputs", metavar="[INPUT]...", nargs=-1, type=DOCUMENT)
@store_option("List the links stored in this persistent store (inferred when each document was loaded), one row each.")
@click.option("--activity", metavar="NAME", help="Only this 预算13表 activity (with --store: its links, a row for each piece of evidence).")
@click.option("--min-score", type=float, default=None, help="Lowest score of an inferred link to show [default: 0.25].")
@click.option(
    "--links", "links_file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Reviewed-links file (TOML) confirming or rejecting links.",
)
@reader_options
@format_option()
@library_errors
def trace(
    inputs: tuple[Path, ...], store_dir: Path | None, activity: str | None, min_score: float | None, links_file: Path | None,
    reading: Reading, fmt: str,
) -> None:
    """Trace 预算13表 activities to the 预算表12 projects that serve them, with the evidence.

    For each document (a heading names it) and each activity: its targets, the linked projects
    with score and evidence, their targets of the same 二级 kind side by side, and the money;
    then the projects no activity claims. csv, tsv, json and jsonl give one row per link, the
    document first (region, unit_code, department, year), unclaimed projects with an empty
    activity. With several INPUTs, --activity picks the documents that have it. With --store,
    the links stored in it (the library query `trace`), one row each; with --store and
    --activity, that activity's links with their evidence (the library query `activity-links`).

    Example: kg trace examples/000_c335fd1cef659d43.txt --activity 综合治理
    """
    if bool(inputs) == bool(store_dir):
        raise click.UsageError("give INPUT disclosure files or --store DIR, not both")
    if store_dir is not None:
        if min_score is not None or links_file is not None:
            raise click.UsageError("--store shows the links inferred when each document was loaded: --min-score and --links are about INPUT files")
        if activity is None:
            _echo_stored(store_dir, "trace", fmt)
        else:
            links = _stored(store_dir, "activity-links", {"activity": activity})
            if not links.rows:  # as kg trace FILE --activity says of a name its document does not have
                raise click.ClickException(f"no links of an activity {activity!r} in the store (`kg query activity-indicators --store "
                                           f"{store_dir}` lists its activities)")
            _echo_result(links, fmt)
        return
    from kg.analyse.trace import DEFAULT_MIN_SCORE, load_reviews, trace_rows, trace_text
    from kg.analyse.trace import trace as trace_links
    from kg.build import one_disclosure_options
    from kg.output import document_heading, with_documents

    disclosures = read_disclosures(inputs, reading)
    one_disclosure_options(len(disclosures), links=links_file)
    if activity is not None and len(disclosures) > 1:  # the documents that have it; all, to say none has it
        having = [d for d in disclosures if activity in {a.name for a in d.activities}]
        traced = having or disclosures
    else:
        traced = disclosures
    results = []
    for d in traced:
        reviews = load_reviews(links_file, d) if links_file else []
        results.append((d, trace_links(d, reviews, DEFAULT_MIN_SCORE if min_score is None else min_score, activity)))
    if fmt == "table":
        click.echo("\n".join(f"{document_heading(d)}\n\n{trace_text(result, d)}" for d, result in results), nl=False)
    else:
        echo_rows(with_documents([(d, trace_rows(result, d)) for d, result in results]), fmt)
    refuse_partial(disclosures, reading)


@cli.command()
@click.option("-o", "--output", "--out", "out_dir", required=True, type=click.Path(file_okay=False, path_type=Path), callback=_a_folder,
              help="Folder to write the pages into.")
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
@click.option("-o", "--output", "--out", "out_dir", required=True, type=click.Path(file_okay=False, path_type=Path), callback=_a_folder,
              help="Folder to write the documents into.")
@click.option("--seed", type=int, default=0, show_default=True, help="The corpus: the same seed writes the same bytes.")
@click.option("--workers", type=click.IntRange(min=1), help="Processes that write documents [default: one per core].")
@click.option("--districts", type=click.IntRange(1, 16), help="The same units in this many districts, a document per unit and year (a corpus in series).")
@click.option("--years", "years_text", metavar="YEARS", help="The years of a corpus in series: 2024-2026 or 2024,2025 [default with --districts: 2024-2025].")
@click.option("--format", "fmt", type=click.Choice(("txt", "xlsx", "pdf")), default="txt", show_default=True,
              help="txt: text as the PDF extraction gives it; xlsx: a department workbook (a sheet per table, merged cells, numeric amounts); "
                   "pdf: the disclosure PDF (A4 landscape, ruled tables, 表12's project cells merged and cut by page breaks).")
@library_errors
def synth(count: int, out_dir: Path, seed: int, workers: int | None, districts: int | None, years_text: str | None, fmt: str) -> None:
    """Write N synthetic disclosures in the example's layout, each with its truth as JSON.

    Units, years, projects and indicator mixes vary, with the same damage real extractions
    have (page breaks splitting projects both ways, codes with inner spaces, broken numbers,
    glued tiers). For tests and benchmarks: NNNNN_<unit>_<year>.txt and .truth.json.

    With --districts or --years the same units come back in several districts and years, their
    projects keeping their codes while targets and amounts change; each truth lists the changes
    from the year before.

    \b
    Example: kg synth 100 -o corpus --seed 1
    Example: kg synth 12 -o series --districts 3 --years 2025-2026
    Example: kg synth 10 -o workbooks --format xlsx
    Example: kg synth 10 -o pdfs --format pdf
    """
    from kg.synth.generate import parse_years, write_corpus

    years = parse_years(years_text) if years_text is not None else None
    paths = write_corpus(count, out_dir, seed=seed, workers=workers, districts=districts, years=years, fmt=fmt)
    click.echo(f"wrote {len(paths)} disclosures (and their .truth.json) into {out_dir}", err=True)


@cli.command()
@graph_inputs
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on (loopback unless you say otherwise).")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True)
@click.option("--allow-update", is_flag=True, help="Accept SPARQL UPDATE (refused with 403 by default).")
@click.option("--timeout", "timeout_s", type=float, default=60.0, show_default=True, help="Time limit of one query, in seconds.")
@click.option("--max-rows", type=click.IntRange(min=1), default=100_000, show_default=True, help="Most rows (or triples) a result may have.")
@click.option("--workers", type=click.IntRange(min=1), help="Query processes, each holding the store open [default: one per core; one with --allow-update].")
@click.option("--quiet", "-q", is_flag=True, help="No access log (the line per request).")
@library_errors
def serve(
    inputs: tuple[Path, ...], store_dir: Path | None, base: str, reading: Reading,
    host: str, port: int, allow_update: bool, timeout_s: float, max_rows: int, workers: int | None, quiet: bool,
) -> None:
    """Serve a SPARQL 1.1 endpoint (/sparql), a query editor (YASGUI) and resolvable IRIs.

    Read-only unless --allow-update; every query is bounded in time and size. The dataset
    description is at /.well-known/void. "serving on URL" is printed (on stderr) once the port
    is bound; the access log goes to stdout unless --quiet.

    Example: kg serve --store corpus-store --port 8000
    """
    from kg.web.serve import create_app
    from kg.web.serve import serve as run_server

    source: Any
    description = None
    if store_dir is not None:
        source = str(store_dir)
    else:  # described as kg build describes it (DCAT/VoID), at /.well-known/void
        source, description = served_inputs(inputs, base, reading=reading)
    app = create_app(source, base=base, allow_update=allow_update, timeout_s=timeout_s, max_rows=max_rows,
                     workers=workers, description=description)
    run_server(app, host=host, port=port, access_log=not quiet,
               on_ready=lambda url: click.echo(f"serving on {url}/ (SPARQL at /sparql, editor at /); Ctrl-C stops", err=True))


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
    inputs: tuple[Path, ...], store_dir: Path | None, base: str, reading: Reading,
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

    source: Any = str(store_dir) if store_dir is not None else load_graph(inputs, None, base, reading)
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
    "-o", "--output", "--out", "out_dir", default="kg-demo", show_default=True, type=click.Path(file_okay=False, path_type=Path),
    callback=_a_folder,
    help="Folder for the graph files the demo writes.",
)
@format_option()
@library_errors
def demo(out_dir: Path, fmt: str) -> None:
    """Run the main job on the bundled example: read it, build the graph, write it, and query it.

    Writes example.ttl and example.jsonld (with their DCAT/VoID description) and the network
    page example.html into --output, then prints the satisfaction targets of at least 95 %.

    Example: kg demo -o kg-demo
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
