"""repair on Dask: a LocalCluster with 2 workers gives exactly the single-process texts."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from repair.cli import main
from repair.records import fix_records
from tests.conftest import CORPUS, mqm_records

pytest.importorskip("dask.dataframe", reason="the dask extra is not installed")
pytest.importorskip("distributed", reason="the dask extra is not installed")
pyarrow = pytest.importorskip("pyarrow")
parquet = pytest.importorskip("pyarrow.parquet")

# A LocalCluster and 20,000 records: about 100 s on 2 cores.
pytestmark = pytest.mark.slow

RECORDS = 20_000


def _texts() -> list[str | None]:
    texts: list[str | None] = [
        line
        for path in sorted(CORPUS.glob("*.*"))
        if path.suffix in (".txt", ".md")
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    for record in mqm_records():
        texts.append(str(record["target"]))
    return texts


@pytest.fixture(scope="module")
def dataset(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The same 20,000 records as a 4-file Parquet dataset and as one JSONL file."""
    folder = tmp_path_factory.mktemp("dask")
    texts = _texts()
    records = []
    for index in range(RECORDS):
        text = texts[index % len(texts)]
        if index % 997 == 5:
            text = None  # a malformed record: passed through and counted
        records.append({"id": index, "text": text, "source": f"s{index % 7}"})
    parquet_dir = folder / "dataset"
    parquet_dir.mkdir()
    quarter = RECORDS // 4
    for part in range(4):
        chunk = records[part * quarter : (part + 1) * quarter]
        parquet.write_table(pyarrow.Table.from_pylist(chunk), parquet_dir / f"part{part}.parquet")
    jsonl = folder / "records.jsonl"
    jsonl.write_text(
        "\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n", encoding="utf-8"
    )
    return parquet_dir, jsonl


def test_two_workers_give_the_single_process_texts(
    dataset: tuple[Path, Path], tmp_path: Path
) -> None:
    parquet_dir, jsonl = dataset
    out = tmp_path / "out"
    result = CliRunner().invoke(
        main,
        [
            "fix",
            "--isolated",
            "--engine",
            "dask",
            "--jobs",
            "2",
            str(parquet_dir),
            "--output",
            str(out),
        ],
    )
    assert result.exit_code == 0, result.output
    assert f"records {RECORDS}, malformed 21," in result.stdout
    repaired = parquet.read_table(out).to_pylist()

    single = tmp_path / "single.jsonl"
    list(fix_records(jsonl, single, options={}))
    expected = [json.loads(line) for line in single.read_text(encoding="utf-8").splitlines()]

    assert len(repaired) == len(expected) == RECORDS
    assert [r["id"] for r in repaired] == list(range(RECORDS))
    assert [r["source"] for r in repaired] == [e["source"] for e in expected]
    mismatched = [
        i for i, (r, e) in enumerate(zip(repaired, expected, strict=True)) if r["text"] != e["text"]
    ]
    assert mismatched == []
    assert sum(1 for r in repaired if r["text"] is None) == 21


def test_check_counts_findings_by_family(dataset: tuple[Path, Path], tmp_path: Path) -> None:
    parquet_dir, _ = dataset
    results = tmp_path / "results"
    result = CliRunner().invoke(
        main,
        [
            "check",
            "--isolated",
            "--engine",
            "dask",
            "--jobs",
            "2",
            str(parquet_dir),
            "--output",
            str(results),
        ],
    )
    assert result.exit_code == 1, result.output
    assert result.stdout.startswith(f"Checked records {RECORDS}, ENC ")
    table = parquet.read_table(results)
    assert table.num_rows == RECORDS and "repair_malformed" in table.column_names


@pytest.mark.filterwarnings("error:Computing mixed collections:UserWarning")
@pytest.mark.parametrize("kind", ["jsonl", "parquet"])
def test_fix_and_check_mix_no_collections(kind: str, tmp_path: Path) -> None:
    """Dask warns when one computation mixes graph-backed collections (its JSON writer) with
    expressions (the counts); such a mix also repaired each JSONL partition once per result."""
    import dask

    from repair import dask as repair_dask

    records = [
        {"id": i, "text": "The minister said itâ€™s a good day for the country and its people."}
        for i in range(3)
    ]
    if kind == "jsonl":
        source = tmp_path / "records.jsonl"
        source.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    else:
        source = tmp_path / "dataset"
        source.mkdir()
        parquet.write_table(pyarrow.Table.from_pylist(records), source / "part.parquet")
    with dask.config.set(scheduler="sync"):
        fixed = repair_dask.fix_dataset(source, tmp_path / "out")
        checked = repair_dask.check_dataset(source)
    assert fixed["records"] == checked["records"] == 3
    assert fixed["findings"] == sum(checked[family] for family in repair_dask.FAMILIES) > 0
    written = (
        [
            json.loads(line)
            for part in sorted((tmp_path / "out").glob("part-*.jsonl"))
            for line in part.read_text(encoding="utf-8").splitlines()
        ]
        if kind == "jsonl"
        else parquet.read_table(tmp_path / "out").to_pylist()
    )
    assert [r["id"] for r in written] == [0, 1, 2]
    assert all(r["text"] != records[0]["text"] for r in written)


# Each case: two records, one partition, one of which has a text to repair. The parts Dask
# writes, joined in order, must be the bytes `repair fix` writes on one machine.
_DAMAGED = "The minister said itâ€™s a good day for the country and its people."
_IDENTITY_CASES = {
    "other records' keys": [
        f'{{"id": 1, "text": {json.dumps(_DAMAGED)}}}\n',
        '{"text": "A clean line.", "lang": "en"}\n',
    ],
    "a number in the text field": [
        f'{{"id": 1, "text": {json.dumps(_DAMAGED)}}}\n',
        '{"id": 2, "text": 42}\n',
    ],
    "a lone surrogate in another field": [
        f'{{"other": "\\ud800", "text": {json.dumps(_DAMAGED)}}}\n',
        '{"other": "x", "text": "A clean line."}\n',
    ],
}


@pytest.mark.parametrize("lines", _IDENTITY_CASES.values(), ids=list(_IDENTITY_CASES))
def test_jsonl_parts_are_the_single_machine_bytes(lines: list[str], tmp_path: Path) -> None:
    import dask

    from repair import dask as repair_dask

    source = tmp_path / "records.jsonl"
    source.write_text("".join(lines), encoding="utf-8")
    single = tmp_path / "single.jsonl"
    list(fix_records(source, single, options={}))
    with dask.config.set(scheduler="sync"):
        counts = repair_dask.fix_dataset(source, tmp_path / "out")
    parts = sorted((tmp_path / "out").glob("part-*.jsonl"))
    written = b"".join(part.read_bytes() for part in parts)
    assert single.read_bytes() != source.read_bytes()  # the damaged text was repaired
    assert written == single.read_bytes()
    assert counts["records"] == 2


def test_jsonl_blocks_split_at_newlines_only(tmp_path: Path) -> None:
    """A ``\\r`` outside a string is JSON space, not the end of a line."""
    from repair.dask import _lines

    assert _lines(b'{"a":\r1}\n{"b": 2}') == [b'{"a":\r1}\n', b'{"b": 2}']
    assert _lines(b"") == []
