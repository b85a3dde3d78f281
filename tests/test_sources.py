"""The sources of a run: which paths become which source, and how each writes a fix back."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from repair.results import FileCheck, FileFix
from repair.sources import (
    RecordCorpus,
    Run,
    StandardInput,
    WalkedFiles,
    corpus_output,
    sources_of,
)

AMP = "AT&amp;T said it&#39;s ready.\n"


def test_paths_become_sources_in_the_order_a_run_reads_them(tmp_path: Path) -> None:
    out = tmp_path / "out"
    found = sources_of(["a.txt", "news.jsonl", "-", "docs", "t.parquet"], output=out)
    assert found == [
        StandardInput(None),
        RecordCorpus("news.jsonl", out / "news.jsonl", in_output_folder=True),
        RecordCorpus("t.parquet", out / "t.parquet", in_output_folder=True),
        WalkedFiles(("a.txt", "docs"), out),
    ]


def test_one_corpus_is_written_to_the_output_itself_unless_it_is_a_folder(tmp_path: Path) -> None:
    assert corpus_output("news.jsonl", tmp_path / "fixed.jsonl", 1) == tmp_path / "fixed.jsonl"
    assert corpus_output("news.jsonl", tmp_path, 1) == tmp_path / "news.jsonl"
    assert corpus_output("news.jsonl", tmp_path / "new", 2) == tmp_path / "new" / "news.jsonl"


def test_each_source_checks_and_fixes_through_the_same_engine(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "a.txt").write_text(AMP, encoding="utf-8")
    (tmp_path / "news.jsonl").write_text(json.dumps({"text": AMP}) + "\n", encoding="utf-8")
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(AMP.encode())))
    run = Run(options={"select": ["ENC"]})
    walked = WalkedFiles((str(tmp_path / "a.txt"),))
    corpus = RecordCorpus(str(tmp_path / "news.jsonl"), tmp_path / "fixed.jsonl")
    checks = [r for s in (StandardInput(), corpus, walked) for r in s.check(run)]
    assert all(isinstance(r, FileCheck) for r in checks)
    assert {tuple(f.code for f in r.findings) for r in checks} == {("ENC005", "ENC005")}
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(AMP.encode())))
    (stdin_fix,) = StandardInput().fix(run, unsafe=False, write=True)
    (dry,) = corpus.fix(run, unsafe=False, write=False)
    assert not (tmp_path / "fixed.jsonl").exists()  # a dry run writes nothing
    (written,) = corpus.fix(run, unsafe=False, write=True)
    (file_fix,) = walked.fix(run, unsafe=False, write=True)
    for fixed in (stdin_fix, dry, written, file_fix):
        assert isinstance(fixed, FileFix) and fixed.fixed_text == "AT&T said it's ready.\n"
        assert [f.code for f in fixed.found] == ["ENC005", "ENC005"] and not fixed.remaining
    assert json.loads((tmp_path / "fixed.jsonl").read_text(encoding="utf-8"))["text"] == (
        "AT&T said it's ready.\n"
    )
    assert (tmp_path / "a.txt").read_text(encoding="utf-8") == "AT&T said it's ready.\n"
    assert file_fix.written and not stdin_fix.written
