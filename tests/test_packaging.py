"""An installed (not editable) kg must carry ontology/, queries/ and the example inside it."""

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(out), str(ROOT)],
        check=True, capture_output=True,
    )
    (found,) = out.glob("kg-*.whl")
    return found


def test_wheel_ships_the_data_files(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    for folder in ("ontology", "queries", "examples"):
        for path in (ROOT / folder).rglob("*"):
            if path.is_file():
                assert f"kg/_data/{folder}/{path.relative_to(ROOT / folder).as_posix()}" in names
    modules_queries = sorted((ROOT / "kg").rglob("queries/*.rq"))  # the queries modules run for themselves
    assert modules_queries and all(path.relative_to(ROOT).as_posix() in names for path in modules_queries)


def test_installed_wheel_runs_the_demo(wheel: Path, tmp_path: Path) -> None:
    target = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(target), str(wheel)], check=True)
    result = subprocess.run(
        [sys.executable, "-c", "import sys; sys.path.insert(0, sys.argv[1]); from kg.cli import cli; cli(['demo'])", str(target)],
        capture_output=True, text=True, cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    assert "budget year 2026" in result.stdout
    assert "projects                        36" in result.stdout
