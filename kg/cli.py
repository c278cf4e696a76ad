"""The `kg` command. Thin: it parses options and calls the library; errors become one line."""

from __future__ import annotations

import functools
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from kg import __version__
from kg.errors import KgError
from kg.output import ROW_FORMATS, Rows, render

F = Callable[..., Any]


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
    from kg.parse import parse_disclosure
    from kg.records import to_jsonable
    from kg.report import count_rows, decision_rows, explain_text

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


@cli.command()
@format_option()
@library_errors
def demo(fmt: str) -> None:
    """Run the main job on the bundled example disclosure and print what it found.

    Example: kg demo
    """
    from kg.parse import parse_disclosure
    from kg.report import count_rows
    from kg.resources import example_path

    path = example_path()
    disclosure = parse_disclosure(path)
    click.echo(f"Read {path.name}: {disclosure.unit_name} ({disclosure.unit_code}), budget year {disclosure.year}")
    echo_rows(count_rows(disclosure), fmt)


def main() -> None:  # pragma: no cover - the console script calls cli() directly
    cli(sys.argv[1:])
