"""A build that fails or is killed part-way leaves the previous output files or store intact.

The faults are injected at known points by tests/faulty_kg.py (kg's CLI run with os.replace and
pyoxigraph.Store wrapped), not by killing at a random time: each test checks that its fault fired
where it meant to (exit status, leftovers that prove the write had begun), so it cannot pass by
having killed kg before anything was written.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil
import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from kg.cli import cli
from kg.store.ingest import ingest, open_store

FAULTY_KG = Path(__file__).with_name("faulty_kg.py")
KILLED = -signal.SIGKILL
ONTOLOGY = "https://w3id.org/cnbudget/ontology"
GRAPH = "https://w3id.org/cnbudget/id/graph/110105/{unit}/2026"


def document(example_path: Path, path: Path, unit: str, renamed: bool = False) -> Path:
    """The example as published by another unit; `renamed` changes its department's name (same graph)."""
    text = example_path.read_text(encoding="utf-8").replace("623001-", f"{unit}-")
    if renamed:
        text = text.replace("大屯街道", "小屯街道")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def faulty_kg(fault: str, *args: str | Path, must_fire: bool = True, **env: str) -> subprocess.CompletedProcess[str]:
    """`kg ARGS…` in a subprocess with one fault injected (see tests/faulty_kg.py).

    Its output goes to files, not pipes: workers that outlive a killed kg must not keep us waiting.
    """
    command = [sys.executable, str(FAULTY_KG), *map(str, args)]
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        process = subprocess.run(command, env={**os.environ, "KG_FAULT": fault, **env}, stdout=out, stderr=err,
                                 timeout=120, check=False)
        out.seek(0)
        err.seek(0)
        result = subprocess.CompletedProcess(command, process.returncode, out.read().decode(), err.read().decode())
    if must_fire:
        assert "injected fault" in result.stderr and "fault not reached" not in result.stderr, result.stderr
    return result


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("."))


def snapshot(store_dir: Path) -> dict[str, frozenset[str]]:
    """Every named graph of a store, as its set of triples (blank nodes canonically relabelled)."""
    graphs: dict[str, ox.Dataset] = {}
    for quad in open_store(store_dir).quads_for_pattern(None, None, None, None):
        graphs.setdefault(quad.graph_name.value, ox.Dataset()).add(ox.Quad(quad.subject, quad.predicate, quad.object))
    for dataset in graphs.values():
        dataset.canonicalize(ox.CanonicalizationAlgorithm.UNSTABLE)  # same within one pyoxigraph version
    return {name: frozenset(map(str, dataset)) for name, dataset in graphs.items()}


# ---- files: kg.atomic stages every output, then renames each into place ---------------------------

@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory, example_path: Path) -> dict[str, object]:
    """A previous build of one document to two outputs, and what a build of two documents writes."""
    root = tmp_path_factory.mktemp("files")
    docs = [document(example_path, root / "docs" / f"{unit}.txt", unit) for unit in ("624001", "624002")]
    old, new = [root / "old" / "graph.ttl", root / "old" / "graph.nt"], [root / "new" / "graph.ttl", root / "new" / "graph.nt"]
    assert CliRunner().invoke(cli, ["build", str(docs[0]), "-o", str(old[0]), "-o", str(old[1])]).exit_code == 0
    assert CliRunner().invoke(cli, ["build", *map(str, docs), "-o", str(new[0]), "-o", str(new[1])]).exit_code == 0
    before, after = [p.read_bytes() for p in old], [p.read_bytes() for p in new]
    assert before[0] != after[0] and before[1] != after[1]
    return {"docs": docs, "before": before, "after": after}


@pytest.fixture()
def outputs(tmp_path: Path, built: dict[str, object]) -> dict[str, object]:
    """The previous outputs in a folder of their own, and the arguments of the build of two documents."""
    out = [tmp_path / "out" / "graph.ttl", tmp_path / "out" / "graph.nt"]
    out[0].parent.mkdir()
    for path, data in zip(out, built["before"]):
        path.write_bytes(data)
    return {**built, "out": out, "args": ["build", *built["docs"], "-o", out[0], "-o", out[1]]}


@pytest.mark.parametrize("renames", [0, 1], ids=["first-rename", "second-rename"])
def test_a_failed_rename_leaves_each_output_whole_and_no_temporary_file(outputs: dict, renames: int) -> None:
    out: list[Path] = outputs["out"]
    result = faulty_kg(f"rename-raise:{renames}", *outputs["args"])
    assert result.returncode == 1 and "injected fault" in result.stderr
    for path, before, after in zip(out, outputs["before"], outputs["after"]):
        assert path.read_bytes() in (before, after), f"{path.name} is neither the previous output nor the new one"
    if renames == 0:
        assert [p.read_bytes() for p in out] == outputs["before"]
    assert leftovers(out[0].parent) == []  # the staged files that were not renamed are removed


def test_a_failed_second_rename_keeps_every_previous_output(outputs: dict) -> None:
    result = faulty_kg("rename-raise:1", *outputs["args"])
    assert result.returncode == 1 and "injected fault" in result.stderr
    assert [p.read_bytes() for p in outputs["out"]] == outputs["before"]


def test_a_build_killed_before_its_renames_keeps_the_outputs_and_the_next_run_cleans_up(outputs: dict) -> None:
    out: list[Path] = outputs["out"]
    result = faulty_kg("rename-kill:0", *outputs["args"])
    assert result.returncode == KILLED
    assert [p.read_bytes() for p in out] == outputs["before"]
    staged = leftovers(out[0].parent)
    assert all(name.endswith(".tmp") for name in staged), staged
    assert {name.split(".")[1] + "." + name.split(".")[2] for name in staged} == {p.name for p in out}, "killed with both outputs staged"
    # The next run (another process, as after a real kill) removes what the killed one left behind.
    assert faulty_kg("none", *outputs["args"], must_fire=False).returncode == 0
    assert leftovers(out[0].parent) == []
    assert [p.read_bytes() for p in out] == outputs["after"]


# ---- a new store: bulk-loaded into a staging folder, renamed into place at the end ------------------

@pytest.fixture()
def three_docs(tmp_path: Path, example_path: Path) -> list[Path]:
    return [document(example_path, tmp_path / "docs" / f"{unit}.txt", unit) for unit in ("624001", "624002", "624003")]


def loading_folders(store_dir: Path) -> list[str]:
    return [p.name for p in store_dir.parent.iterdir() if p.name.startswith(f".{store_dir.name}.loading-")]


def alive(pids: list[int]) -> list[int]:
    return [pid for pid in pids if psutil.pid_exists(pid) and psutil.Process(pid).status() != psutil.STATUS_ZOMBIE]


@pytest.mark.parametrize(
    "writes, running_workers",
    [(1, 0), (2, 2), (4, 0)],  # the workers start after the ontology is loaded and end once the last document is read
    ids=["ontology-loaded", "first-batch-loaded", "all-loaded"],
)
def test_a_killed_ingest_into_a_new_store_leaves_no_store(
    tmp_path: Path, three_docs: list[Path], writes: int, running_workers: int
) -> None:
    """Killed after the ontology, after the first batch (one document a batch), after every batch."""
    store_dir = tmp_path / "store"
    children = tmp_path / "children.txt"
    result = faulty_kg(f"store-kill:{writes}", "build", *three_docs, "--store", store_dir, "--workers", "2",
                       KG_BATCH="1", KG_CHILDREN_FILE=str(children))
    assert result.returncode == KILLED
    assert not store_dir.exists()
    assert len(loading_folders(store_dir)) == 1, "killed while the store was being loaded"
    # Its parse workers end with it rather than waiting forever on their queue.
    workers = [int(pid) for pid in children.read_text().split()]
    assert len(workers) >= running_workers, "killed while its two parse workers were running"
    deadline = time.time() + 10
    while alive(workers) and time.time() < deadline:
        time.sleep(0.1)
    orphans = alive(workers)
    for pid in orphans:  # do not leave them running when the check fails
        os.kill(pid, signal.SIGKILL)
    assert orphans == []
    # The next run removes the killed run's staging folder and makes the whole store.
    ingest(store_dir, three_docs[:2], workers=1)
    assert loading_folders(store_dir) == []
    assert set(snapshot(store_dir)) == {ONTOLOGY, GRAPH.format(unit="624001"), GRAPH.format(unit="624002")}


def test_a_failed_bulk_load_into_a_new_store_leaves_nothing_behind(tmp_path: Path, three_docs: list[Path]) -> None:
    store_dir = tmp_path / "store"
    result = faulty_kg("store-raise:2", "build", *three_docs, "--store", store_dir, "--workers", "1", KG_BATCH="1")
    assert result.returncode == 1 and "injected fault" in result.stderr  # the second batch's load failed
    assert not store_dir.exists() and loading_folders(store_dir) == []


def test_a_dead_parse_worker_leaves_no_new_store(tmp_path: Path, three_docs: list[Path]) -> None:
    store_dir = tmp_path / "store"
    result = faulty_kg(f"worker-kill:{three_docs[1].name}", "build", *three_docs, "--store", store_dir, "--workers", "2",
                       KG_BATCH="1")
    assert result.returncode == 1 and "BrokenProcessPool" in result.stderr
    assert not store_dir.exists() and loading_folders(store_dir) == []


# ---- an existing store: one transaction per document ----------------------------------------------

@pytest.fixture(scope="module")
def existing(tmp_path_factory: pytest.TempPathFactory, example_path: Path) -> dict[str, object]:
    """A store of three documents; two of them again with another department name, and a fourth."""
    root = tmp_path_factory.mktemp("existing")
    old = [document(example_path, root / "old" / f"{unit}.txt", unit) for unit in ("624001", "624002", "624003")]
    new = [document(example_path, root / "new" / f"{unit}.txt", unit, renamed=True) for unit in ("624001", "624002")]
    new.append(document(example_path, root / "new" / "624004.txt", "624004"))
    ingest(root / "store", old, workers=1)
    ingest(root / "new-store", new, workers=1)
    before, after = snapshot(root / "store"), snapshot(root / "new-store")
    assert before[GRAPH.format(unit="624001")] != after[GRAPH.format(unit="624001")]
    assert before[ONTOLOGY] == after[ONTOLOGY]
    return {"root": root, "store": root / "store", "new": new, "before": before, "after": after}


def reingest_copy(
    existing: dict, name: str, fault: str, workers: int, must_fire: bool = True
) -> tuple[subprocess.CompletedProcess[str], Path]:
    """Re-ingest the new documents, with a fault, into a copy of the existing store."""
    store_dir = existing["root"] / name
    shutil.rmtree(store_dir, ignore_errors=True)
    shutil.copytree(existing["store"], store_dir)
    args = ["build", *existing["new"], "--store", store_dir, "--workers", str(workers), "--replace"]  # changed documents replace the stored ones
    return faulty_kg(fault, *args, must_fire=must_fire), store_dir


@pytest.fixture(scope="module")
def kills(existing: dict) -> list[tuple[int, dict[str, frozenset]]]:
    """The store after a re-ingest killed after its 1st, 2nd… write, until a run ends unkilled."""
    states = []
    for writes in range(1, 50):
        result, store_dir = reingest_copy(existing, f"killed-{writes}", f"store-kill:{writes}", workers=1, must_fire=False)
        if result.returncode == 0:
            break
        assert result.returncode == KILLED, result.stderr
        states.append((writes, snapshot(store_dir)))
    else:
        pytest.fail("the re-ingest was still being killed after 49 writes")
    return states


def check_documents_whole(state: dict[str, frozenset], before: dict, after: dict) -> None:
    """Each document graph is the previous one or the new one, whole; none is lost or partial."""
    for name in set(before) | set(after):
        if name == ONTOLOGY:
            continue
        allowed = {before[name], after.get(name, before[name])} if name in before else {None, after[name]}
        assert state.get(name) in allowed, f"{name}: {len(state.get(name, ()))} triples, neither the old graph nor the new"
    assert set(state) <= set(before) | set(after)


def test_a_killed_ingest_into_an_existing_store_keeps_every_document_graph_whole(existing: dict, kills: list) -> None:
    before, after = existing["before"], existing["after"]
    assert len(kills) >= 3, "the re-ingest wrote to the store at least once per document"
    for writes, state in kills:
        check_documents_whole(state, before, after)
    # The kills landed part-way: some state holds new graphs beside old ones that were to be replaced.
    changed = [g for g in after if after[g] != before.get(g)]
    replaced = [sum(state.get(g) == after[g] for g in changed) for _, state in kills]
    assert any(0 < n < len(changed) for n in replaced), replaced


def test_a_killed_ingest_into_an_existing_store_keeps_the_ontology_graph(existing: dict, kills: list) -> None:
    for writes, state in kills:
        assert state.get(ONTOLOGY) == existing["before"][ONTOLOGY], f"killed after write {writes}: ontology graph lost"


def test_a_dead_parse_worker_leaves_every_graph_of_an_existing_store_whole(existing: dict) -> None:
    result, store_dir = reingest_copy(existing, "dead-worker", f"worker-kill:{existing['new'][1].name}", workers=2)
    assert result.returncode == 1 and "BrokenProcessPool" in result.stderr
    state = snapshot(store_dir)
    check_documents_whole(state, existing["before"], existing["after"])
    assert state[ONTOLOGY] == existing["before"][ONTOLOGY]
