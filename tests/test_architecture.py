"""The library stays independent of the CLI: only kg/cli.py may import click."""

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "kg"


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module.split(".")[0])
    return names


def test_library_modules_never_import_click() -> None:
    offenders = [p.name for p in PACKAGE.rglob("*.py") if p.name not in ("cli.py", "__main__.py") and "click" in imported_modules(p)]
    assert offenders == []


def test_nothing_imports_the_cli() -> None:
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        if path.name in ("cli.py", "__main__.py"):
            continue
        if "kg.cli" in path.read_text(encoding="utf-8"):
            offenders.append(path.name)
    assert offenders == []


def test_terms_module_is_generated_from_the_ontology() -> None:
    from kg.rdf.gen_terms import TARGET, render

    assert TARGET.read_text(encoding="utf-8") == render(), "run `python -m kg.rdf.gen_terms`"
