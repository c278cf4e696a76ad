"""The library stays independent of the CLI: only kg/cli.py may import click."""

import ast
import re
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


def import_graph() -> dict[str, set[str]]:
    """kg's modules and the kg modules each imports, anywhere in the file (functions and
    TYPE_CHECKING blocks included: a cycle hidden there is still a cycle)."""
    modules = {
        ".".join(("kg", *path.relative_to(PACKAGE).with_suffix("").parts)).removesuffix(".__init__"): path
        for path in PACKAGE.rglob("*.py")
    }
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        found: set[str] = set()
        package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                found |= {alias.name for alias in node.names if alias.name in modules}
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    base = ".".join(package.split(".")[: len(package.split(".")) - node.level + 1] + ([base] if base else []))
                for alias in node.names:  # `from kg.rdf import terms` imports the module kg.rdf.terms
                    target = f"{base}.{alias.name}" if f"{base}.{alias.name}" in modules else base
                    if target in modules:
                        found.add(target)
        graph[name] = found - {name}
    return graph


def find_cycle(graph: dict[str, set[str]]) -> list[str]:
    """One import cycle as the modules along it, or [] when there is none (depth-first search)."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(module: str) -> list[str]:
        state[module] = 1
        path.append(module)
        for target in sorted(graph[module]):
            if state.get(target) == 1:
                return path[path.index(target):] + [target]
            if target not in state and (cycle := visit(target)):
                return cycle
        path.pop()
        state[module] = 2
        return []

    for module in sorted(graph):
        if module not in state and (cycle := visit(module)):
            return cycle
    return []


def test_the_package_has_no_import_cycle() -> None:
    assert find_cycle(import_graph()) == []


def test_no_row_shape_of_the_national_reader_imports_another() -> None:
    """kg.read.national reads each shape rows are printed in with a module of its own; what two shapes
    share lives in kg.read.national.rows (or words), so that each shape reads alone."""
    shapes = {f"kg.read.national.{shape}" for shape in ("lines", "cells", "plain", "stream", "glued")}
    graph = import_graph()
    assert shapes <= graph.keys()
    assert sorted((module, target) for module in shapes for target in graph[module] if target in shapes) == []


def test_the_cycle_check_finds_a_cycle() -> None:
    graph = import_graph()
    graph["kg.records"].add("kg.rdf.mapping")  # records would need the mapping, which needs records
    cycle = find_cycle(graph)
    assert cycle[0] == cycle[-1] and "kg.records" in cycle and "kg.rdf.mapping" in cycle


def test_no_stage_reaches_a_later_one_through_shared_modules() -> None:
    """The modules every stage shares (kg.vocab, kg.records, kg.numbers …) bring no later stage into
    read or analyse: what a reader reaches of kg.rdf is only its vocabulary constants (kg.rdf.terms,
    generated from the ontology, and kg.rdf.namespaces), never the mapping, I/O or IRI minting."""
    graph = import_graph()
    constants = {"kg.rdf", "kg.rdf.terms", "kg.rdf.namespaces"}
    later = {"kg.read": ("kg.analyse", "kg.rdf", "kg.store", "kg.web", "kg.network", "kg.build", "kg.cli"),
             "kg.analyse": ("kg.rdf", "kg.store", "kg.web", "kg.network", "kg.build", "kg.cli")}
    offenders = []
    for stage, forbidden in later.items():
        for module in (m for m in graph if m.startswith(stage + ".")):
            reached, todo = set(), [module]
            while todo:
                for target in graph.get(todo.pop(), ()):
                    if target not in reached and not target.startswith(stage + "."):
                        reached.add(target)
                        todo.append(target)
            offenders += [f"{module} reaches {target}" for target in sorted(reached) if target.startswith(forbidden) and target not in constants]
    assert offenders == []


def test_stages_import_only_earlier_stages() -> None:
    """read → analyse → rdf → store / web: a reader never needs RDF, analysis never needs a store."""
    later = {"kg.read": ("kg.analyse", "kg.rdf", "kg.store", "kg.web", "kg.network", "kg.build", "kg.cli"),
             "kg.analyse": ("kg.rdf", "kg.store", "kg.web", "kg.network", "kg.build", "kg.cli"),
             "kg.rdf": ("kg.store", "kg.web", "kg.network", "kg.build", "kg.cli")}
    offenders = sorted(
        f"{module} imports {target}"
        for module, targets in import_graph().items()
        for stage, forbidden in later.items() if module.startswith(stage + ".")
        for target in targets if target.startswith(forbidden)
    )
    assert offenders == []


def test_queries_are_data_files_not_python_strings() -> None:
    """SPARQL queries live in .rq files (queries/, and a module's queries/ folder beside it), where they
    are read, linted and reused; a string in the code that holds a query's SELECT … WHERE is one that
    escaped. (Updates that carry a graph's data, kg.store.ingest's INSERT DATA, are data themselves.)"""
    query = re.compile(r"\b(?:SELECT|ASK|CONSTRUCT)\b.*\bWHERE\s*\{", re.DOTALL)
    found = []
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            parts = [node.value] if isinstance(node, ast.Constant) and isinstance(node.value, str) else \
                [v.value for v in node.values if isinstance(v, ast.Constant) and isinstance(v.value, str)] if isinstance(node, ast.JoinedStr) else []
            if any(query.search(text) for text in parts) or (isinstance(node, ast.JoinedStr) and query.search("".join(parts))):
                found.append(f"{path.relative_to(PACKAGE)}:{node.lineno}")
    assert found == []
