"""Killing kg in the middle of a large build leaves the previous output or store intact."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pyoxigraph as ox

from kg.store.ingest import ingest, open_store
from kg.store.query import OxigraphEngine, run_query


def documents(example_path: Path, folder: Path, count: int) -> list[Path]:
    text = example_path.read_text(encoding="utf-8")
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for n in range(count):
        path = folder / f"doc{n:03d}.txt"
        path.write_text(text.replace("623001-", f"{624000 + n}-"), encoding="utf-8")
        paths.append(path)
    return paths


def start(*args: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "kg", *args], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def kill_after(process: subprocess.Popen, seconds: float) -> None:
    time.sleep(seconds)
    if process.poll() is None:
        os.kill(process.pid, signal.SIGKILL)
    process.wait()


def test_killed_file_build_keeps_the_previous_output(tmp_path: Path, example_path: Path) -> None:
    docs = documents(example_path, tmp_path / "docs", 40)
    out = tmp_path / "out" / "graph.ttl"
    subprocess.run([sys.executable, "-m", "kg", "build", str(docs[0]), "-o", str(out)], check=True, capture_output=True)
    before = out.read_bytes()
    for delay in (0.8, 1.6, 2.4):
        kill_after(start("build", *map(str, docs), "-o", str(out), "-o", str(out.with_suffix(".nt"))), delay)
        # Either the old file, or the whole new one: never a part.
        if out.read_bytes() != before:
            units = {q.object.value for q in ox.parse(path=str(out), format=ox.RdfFormat.TURTLE) if q.predicate.value.endswith("#unitCode")}
            assert len(units) == 40
    # The next run removes what a killed one left behind.
    subprocess.run([sys.executable, "-m", "kg", "build", str(docs[1]), "-o", str(out)], check=True, capture_output=True)
    assert [p.name for p in out.parent.iterdir() if p.name.startswith(".")] == []


def test_killed_ingest_into_a_new_store_leaves_no_store(tmp_path: Path, example_path: Path) -> None:
    docs = documents(example_path, tmp_path / "docs", 60)
    store_dir = tmp_path / "store"
    process = start("build", str(tmp_path / "docs"), "--store", str(store_dir), "--workers", "2")
    workers: list[int] = []
    deadline = time.time() + 20
    while len(workers) < 2 and time.time() < deadline and process.poll() is None:
        workers = [child.pid for child in psutil.Process(process.pid).children(recursive=True)]
        time.sleep(0.05)
    assert len(workers) == 2, "the parse workers started"
    kill_after(process, 0.3)
    # Its parse workers end with it rather than waiting forever on their queue.
    deadline = time.time() + 10
    while any(psutil.pid_exists(pid) and psutil.Process(pid).status() != psutil.STATUS_ZOMBIE for pid in workers) and time.time() < deadline:
        time.sleep(0.1)
    assert not any(psutil.pid_exists(pid) and psutil.Process(pid).status() != psutil.STATUS_ZOMBIE for pid in workers)
    if store_dir.exists():  # it finished before the kill: then it must be complete
        assert len(run_query("department-summary", OxigraphEngine(open_store(store_dir))).rows) == len(docs)
        return
    ingest(store_dir, docs[:2], workers=1)  # also removes the killed run's staging folder
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".store.loading-")] == []
    assert len(run_query("department-summary", OxigraphEngine(open_store(store_dir))).rows) == 2


def test_killed_ingest_into_an_existing_store_keeps_every_graph_whole(tmp_path: Path, example_path: Path) -> None:
    docs = documents(example_path, tmp_path / "docs", 40)
    store_dir = tmp_path / "store"
    ingest(store_dir, docs[:5], workers=1)
    kill_after(start("build", *map(str, docs), "--store", str(store_dir), "--workers", "1"), 2.5)
    engine = OxigraphEngine(open_store(store_dir))
    rows = run_query("department-summary", engine).rows
    assert len(rows) >= 5
    # Each graph is a whole document: 36 projects and 239 indicators, never part of one.
    assert {(r[9].value, r[12].value) for r in rows} == {("36", "239")}
    assert len(run_query("indicators", engine).rows) == 215 * len(rows)
