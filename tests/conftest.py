from __future__ import annotations

import fnmatch
import warnings
from pathlib import Path

import pytest

from kg.read.text import parse_disclosure
from kg.records import Disclosure

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "000_c335fd1cef659d43.txt"


@pytest.fixture(scope="session")
def example_path() -> Path:
    return EXAMPLE


@pytest.fixture(scope="session")
def example() -> Disclosure:
    """The bundled example, parsed once for the whole session (read-only)."""
    return parse_disclosure(EXAMPLE)


@pytest.fixture(scope="session")
def example_lines() -> list[str]:
    return EXAMPLE.read_text(encoding="utf-8").split("\n")


# ---- the fast loop: `python3 -m pytest -m "not slow"` (scripts/test.sh -m "not slow") ---------------
# Marked here, in one place, rather than in each module. An entry is a module ("test_x.py") or a test
# ("test_x.py::name", where * matches anything and [ ] are literal, for parametrized ids), with why it
# is slow. KEEP_FAST names tests of a slow module that stay in the fast loop, so each module has one.
# The plain command (CI, .ci/run) runs everything.
SLOW_TESTS: dict[str, str] = {
    "test_browser.py": "drives headless Chromium",
    "test_serve_browser.py": "drives headless Chromium against kg serve",
    "test_sparql_protocol.py": "the W3C protocol suite against two kg serve processes (4 s)",
    "test_packaging.py": "builds a wheel and pip-installs it",
    "test_kill.py": "runs kg in 17 subprocesses, killed or failed at chosen points (12 s)",
    "test_synth.py": "generates and reads a synthetic corpus (a 10 s module fixture)",
    "test_docs.py": "generates the ontology reference pages",
    "test_readme.py::test_readme_outputs_are_what_the_commands_print": "runs every command of the README (3 s)",
    "test_push.py::test_push_fills_the_graph_in_chunks_and_a_second_push_replaces_it": "starts Virtuoso",
    "test_push.py::test_library_queries_give_the_same_rows_in_virtuoso": "Virtuoso, every library query (3 s)",
    "test_push.py::test_satisfaction_targets_read_the_same_text_and_numbers": "Virtuoso",
    "test_push.py::test_a_store_folder_is_pushed_once_per_triple": "Virtuoso",
    "test_push.py::test_a_wrong_password_fails_with_the_stores_answer": "Virtuoso",
    "test_push.py::test_the_push_command_takes_the_library_options": "Virtuoso",
    "test_fuzz.py::test_damaged_examples_give_the_readers_own_error_or_traceable_records": "150 hypothesis examples",
    "test_store.py::test_every_iri_the_writer_accepts_oxigraph_accepts": "3,000 hypothesis examples (2 s)",
    "test_store.py::test_the_same_document_again_is_loaded_once_and_a_changed_one_only_with_replace": "ingests a corpus twice (1 s)",
    "test_store.py::test_a_store_answers_as_the_union_of_its_documents[*]": "every library query on 3 documents (7 s)",
    "test_build.py::test_building_twice_gives_identical_bytes_across_processes": "six kg build subprocesses (3 s)",
    "test_build.py::test_every_format_round_trips_to_the_built_graph[*]": "rdflib isomorphism, 1 s a format",
    "test_cli_viz.py::test_focused_and_overview_pages_are_the_same_bytes_whatever_the_hash_seed": "kg viz subprocesses (3.5 s)",
    "test_serve.py::test_the_ontology_namespace_serves_the_reference_to_browsers_and_rdf_to_clients": "renders the reference (3 s)",
    "test_serve.py::test_kg_serve_of_input_files_describes_them_as_kg_build_does": "a second server from text (1.5 s)",
    "test_serve.py::test_a_query_past_the_time_limit_is_stopped_and_the_server_goes_on": "waits out a time limit (1.5 s)",
    "test_serve_iris.py::test_kg_serve_with_a_local_base_resolves_every_kind_at_the_iri_itself": "a second kg serve process (2 s)",
    "test_validate.py::test_validate_command_on_text_and_on_the_built_turtle": "SHACL twice (2 s)",
    "test_shapes_mistakes.py::test_example_*": "SHACL on a broken copy of the example, each (1 s)",
    "test_budget_rdf.py::test_budget_lines_and_findings_conform_to_the_shapes": "SHACL (2 s)",
    "test_trace.py::test_function_evidence_on_generated_documents": "generates a synthetic corpus (1 s)",
    "test_trace.py::test_build_with_reviewed_links_puts_confirmed_links_in_the_graph": "builds twice with rdflib (1 s)",
    "test_across_years.py::test_rdflib_gives_the_same_rows[*]": "rdflib over a 12-document series (10 s)",
    "test_across_years.py::test_virtuoso_gives_the_same_rows": "starts Virtuoso",
    "test_across_years.py::test_virtuoso_gives_the_median_at_every_bucket_edge": "starts Virtuoso",
    "test_spreadsheet.py::test_kg_build_of_a_workbook_gives_the_text_paths_graph[*]": "kg build and rdflib isomorphism, 1 s a workbook",
    "test_spreadsheet.py::test_synth_writes_workbooks_whose_records_are_their_truth": "generates and reads 10 workbooks (4 s)",
    "test_pdf.py::test_every_rendering_builds_the_text_paths_graph[*]": "two builds and rdflib isomorphism, 2-3 s a rendering",
    "test_pdf.py::test_a_password_protected_pdf_is_named_and_an_empty_password_is_opened": "encrypts a rendering twice (2.5 s)",
    "test_pdf.py::test_the_renderings_are_remade_by_the_script_the_same_way": "runs the render script (1 s)",
    "test_synth_pdf.py::test_synth_writes_pdfs_whose_records_are_their_truth": "generates, prints and reads 10 PDFs (4 s)",
    "test_synth_pdf.py::test_the_same_seed_writes_the_same_pdf_and_the_command_takes_the_format": "prints PDFs twice (3 s)",
    "test_queries.py::test_both_engines_give_the_same_rows[*]": "rdflib runs every library query (up to 5 s each)",
    "test_dcat_ap.py": "pySHACL with the DCAT-AP 3.0 shapes over built descriptions (a 6 s module fixture)",
}
KEEP_FAST: dict[str, str] = {
    "test_synth.py::test_reader_view_is_to_jsonable_restricted_to_the_truth_fields": "needs no corpus",
    "test_synth.py::test_series_options_are_checked[*]": "refused before any document is written",
    "test_synth.py::test_years_are_read_as_a_range_or_a_list": "needs no corpus",
    "test_queries.py::test_both_engines_give_the_same_rows[satisfaction-at-least]": "one query on both engines",
    "test_queries.py::test_both_engines_give_the_same_rows[projects-without-cost-target]": "one query on both engines",
    "test_dcat_ap.py::test_options_that_would_be_untrue_write_nothing[*]": "refused before the description is built",
    "test_docs.py::test_an_unreadable_ontology_is_an_error_and_writes_nothing": "fails before generating",
    "test_store.py::test_a_store_answers_as_the_union_of_its_documents[department-summary]": "one query of the union",
    "test_build.py::test_every_format_round_trips_to_the_built_graph[ttl]": "one format",
    "test_spreadsheet.py::test_kg_build_of_a_workbook_gives_the_text_paths_graph[example-sheets.xlsx]": "one workbook",
}


def _matches(node: str, entry: str) -> bool:
    """Whether a test ("test_x.py::name[id]") is the module or the test an entry names."""
    if "::" not in entry:
        return node.split("::", 1)[0] == entry
    return fnmatch.fnmatchcase(node, entry.replace("[", "[[]"))


@pytest.hookimpl(tryfirst=True)  # before -m deselects by the marks
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    used: set[str] = set()
    for item in items:
        node = item.path.name + "::" + item.nodeid.split("::", 1)[1] if "::" in item.nodeid else item.path.name
        slow = [entry for entry in SLOW_TESTS if _matches(node, entry)]
        fast = [entry for entry in KEEP_FAST if _matches(node, entry)]
        used.update(slow + fast)
        if slow and not fast:
            item.add_marker(pytest.mark.slow)
    # An entry that names nothing (a test renamed or removed) would let a slow test into the fast loop.
    collected = {item.path.name for item in items}
    if not any("::" in arg for arg in config.args):  # whole modules were collected
        for entry in (*SLOW_TESTS, *KEEP_FAST):
            if entry not in used and entry.split("::", 1)[0] in collected:
                warnings.warn(f"tests/conftest.py: {entry!r} names no test", pytest.PytestWarning, stacklevel=1)
