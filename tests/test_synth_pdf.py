"""kg synth --format pdf: generated disclosures printed as PDFs (kg.synth.pdf, reportlab's CID font
STSong-Light) read back by kg.read.pdf give their truth's records, lines included."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from kg.build import read_disclosure
from kg.cli import cli
from kg.read.source import is_pdf
from kg.synth.generate import TRUTH_SUFFIX, reader_view, truth_view, write_corpus


def test_synth_writes_pdfs_whose_records_are_their_truth(tmp_path: Path) -> None:
    paths = write_corpus(10, tmp_path / "a", seed=5, workers=2, fmt="pdf")
    assert [p.suffix for p in paths] == [".pdf"] * 10
    crossed = 0
    for path in paths:
        assert is_pdf(path.read_bytes())
        truth = json.loads(path.with_name(path.stem + TRUTH_SUFFIX).read_text(encoding="utf-8"))
        disclosure = read_disclosure(path)
        assert reader_view(disclosure) == truth_view(truth), path.name  # lines included: renumbered to the extract's
        assert disclosure.counts()["skipped lines carrying data"] == 0, path.name
        assert all(disclosure.page(i.line) for p in disclosure.projects for i in p.indicators)
        crossed += sum(1 for p in disclosure.projects if len({disclosure.page(i.line) for i in p.indicators}) > 1)
    assert crossed >= 10  # page breaks do fall inside projects, so merged cells are cut


def test_the_same_seed_writes_the_same_pdf_and_the_command_takes_the_format(tmp_path: Path) -> None:
    first = write_corpus(1, tmp_path / "a", seed=9, workers=1, fmt="pdf")
    again = write_corpus(1, tmp_path / "b", seed=9, workers=1, fmt="pdf")
    assert [p.read_bytes() for p in first] == [p.read_bytes() for p in again]
    result = CliRunner().invoke(cli, ["synth", "1", "-o", str(tmp_path / "c"), "--format", "pdf", "--seed", "9"])
    assert result.exit_code == 0, result.output
    assert sorted(p.suffix for p in (tmp_path / "c").iterdir()) == [".json", ".pdf"]
    assert (tmp_path / "c" / first[0].name).read_bytes() == first[0].read_bytes()
