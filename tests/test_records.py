"""JSONL and Parquet corpora: records in, records out, nothing dropped."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from repair.cli import main
from repair.records import check_records, fix_records
from tests.conftest import CORPUS

LINES = [
    line
    for path in sorted(CORPUS.glob("*.txt"))
    for line in path.read_text(encoding="utf-8").splitlines()
    if line.strip()
]


def _record(index: int) -> dict[str, object]:
    text = LINES[index % len(LINES)]
    if index % 7 == 0:
        text = text.replace(" and ", " &amp; ", 1) + " &amp; more"
    return {"id": index, "text": text, "meta": {"source": "sample", "n": [index, None, 1.5]}}


def _write_jsonl(
    path: Path, records: list[object], extra_lines: dict[int, str] | None = None
) -> None:
    lines = [json.dumps(r, ensure_ascii=False) for r in records]
    for position, raw in sorted((extra_lines or {}).items()):
        lines.insert(position, raw)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_ten_thousand_records_round_trip(tmp_path: Path) -> None:
    source, target = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    records = [_record(i) for i in range(10_000)]
    _write_jsonl(source, records)
    results = list(fix_records(source, target, jobs=2, options={"select": ["ENC"]}))
    assert len(results) == 10_000
    out = [json.loads(line) for line in target.read_text(encoding="utf-8").splitlines()]
    assert len(out) == 10_000
    assert [r["id"] for r in out] == list(range(10_000))
    assert all(o["meta"] == r["meta"] for o, r in zip(out, records, strict=True))
    changed = [o for o, r in zip(out, records, strict=True) if o["text"] != r["text"]]
    assert changed and all("&amp;" not in o["text"] for o in changed)
    assert len(changed) == sum(1 for r in records if "&amp;" in str(r["text"]))


def test_unchanged_records_keep_their_bytes(tmp_path: Path) -> None:
    source, target = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    source.write_bytes(b'{"text": "Fine text.",   "b": 1.0}\r\n{"text": "AT&amp;T", "b": 2}\r\n')
    list(fix_records(source, target))
    assert (
        target.read_bytes() == b'{"text": "Fine text.",   "b": 1.0}\r\n{"text": "AT&T", "b": 2}\r\n'
    )


def test_malformed_records_pass_through_with_their_line_number(tmp_path: Path) -> None:
    source, target = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    _write_jsonl(
        source,
        [_record(0), _record(1), _record(2)],
        {1: "{not json", 3: '{"text": null, "id": "x"}', 4: "[1, 2]"},
    )
    results = list(fix_records(source, target))
    errors = {r.path: r.error for r in results if r.error}
    assert errors == {
        f"{source}[2]": "line 2: invalid JSON (Expecting property name enclosed in double quotes: "
        "line 1 column 2 (char 1)), passed through",
        f"{source}[4]": "line 4: field 'text' not a string (NoneType), passed through",
        f"{source}[5]": "line 5: not a JSON object, passed through",
    }
    in_lines = source.read_text(encoding="utf-8").splitlines()
    out_lines = target.read_text(encoding="utf-8").splitlines()
    assert len(out_lines) == len(in_lines) == 6
    assert [out_lines[i] for i in (1, 3, 4)] == [in_lines[i] for i in (1, 3, 4)]


def test_other_text_field(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    _write_jsonl(source, [{"body": "AT&amp;T"}])
    (result,) = check_records(source, text_field="body")
    assert [f.code for f in result.findings] == ["ENC005"]


def test_parquet_round_trip_keeps_columns_and_nulls(tmp_path: Path) -> None:
    pyarrow = pytest.importorskip("pyarrow")
    parquet = pytest.importorskip("pyarrow.parquet")
    source, target = tmp_path / "in.parquet", tmp_path / "out.parquet"
    table = pyarrow.table(
        {"id": [1, 2, 3], "text": ["AT&amp;T", None, "Clean."], "score": [0.5, 1.0, None]}
    )
    parquet.write_table(table, source)
    results = list(fix_records(source, target))
    assert [r.error for r in results] == [None, "row 2: 'text' is null, passed through", None]
    out = parquet.read_table(target)
    assert out.schema == table.schema
    assert out.column("text").to_pylist() == ["AT&T", None, "Clean."]
    assert out.column("score").to_pylist() == [0.5, 1.0, None]


def test_cli_checks_and_fixes_jsonl(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    _write_jsonl(source, [{"text": "Clean."}, {"text": "AT&amp;T"}])
    result = CliRunner().invoke(main, ["check", "--isolated", str(source)])
    assert result.exit_code == 1
    assert result.stdout.startswith(f"{source}[2]:1:3: ENC005")
    result = CliRunner().invoke(main, ["fix", "--isolated", str(source)])
    assert result.exit_code == 2 and "needs --output" in result.stderr
    out = tmp_path / "fixed"
    out.mkdir()
    result = CliRunner().invoke(main, ["fix", "--isolated", "--output", str(out), str(source)])
    assert result.exit_code == 0, result.output
    assert (out / "in.jsonl").read_text(encoding="utf-8").splitlines()[1] == '{"text": "AT&T"}'


def test_records_with_windows_line_endings_change_only_where_fixed(tmp_path: Path) -> None:
    """A record's "\r\n" is its own: not a change, and kept where a fix changes the text."""
    source, target = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    _write_jsonl(source, [{"text": "Fine text.\r\nSecond line."}, {"text": "AT&amp;T\r\nok."}])
    results = list(fix_records(source, target))
    assert [r.changed for r in results] == [False, True]
    out = [json.loads(line) for line in target.read_text(encoding="utf-8").splitlines()]
    assert [o["text"] for o in out] == ["Fine text.\r\nSecond line.", "AT&T\r\nok."]
    diff = CliRunner().invoke(
        main, ["fix", "--isolated", "--diff", "--output", str(target), str(source)]
    )
    assert diff.exit_code == 1, diff.output
    assert diff.stdout.count("+++ ") == 1 and "<U+000D>" not in diff.stdout


def test_parquet_records_keep_their_line_endings(tmp_path: Path) -> None:
    pyarrow = pytest.importorskip("pyarrow")
    parquet = pytest.importorskip("pyarrow.parquet")
    source, target = tmp_path / "in.parquet", tmp_path / "out.parquet"
    parquet.write_table(pyarrow.table({"text": ["Fine.\r\nText.", "AT&amp;T\r\nok."]}), source)
    results = list(fix_records(source, target))
    assert [r.changed for r in results] == [False, True]
    assert parquet.read_table(target).column("text").to_pylist() == [
        "Fine.\r\nText.",
        "AT&T\r\nok.",
    ]


def test_corpus_output_through_a_link_keeps_the_link_and_mode(tmp_path: Path) -> None:
    source, real = tmp_path / "in.jsonl", tmp_path / "kept" / "real.jsonl"
    _write_jsonl(source, [{"text": "AT&amp;T"}])
    real.parent.mkdir()
    real.write_text("old\n", encoding="utf-8")
    real.chmod(0o640)
    link = tmp_path / "out.jsonl"
    link.symlink_to(real)
    list(fix_records(source, link))
    assert link.is_symlink() and link.resolve() == real.resolve()
    assert real.read_text(encoding="utf-8") == '{"text": "AT&T"}\n'
    assert real.stat().st_mode & 0o777 == 0o640


def test_a_link_in_the_output_folder_is_not_written_through(tmp_path: Path) -> None:
    source, folder, outside = tmp_path / "in.jsonl", tmp_path / "out", tmp_path / "outside"
    _write_jsonl(source, [{"text": "AT&amp;T"}])
    folder.mkdir()
    (folder / "in.jsonl").symlink_to(outside)
    result = CliRunner().invoke(main, ["fix", "--isolated", "--output", str(folder), str(source)])
    assert result.exit_code == 2
    assert "in.jsonl: is a symbolic link in the output folder; not written" in result.stderr
    assert "Not fixed: 1 could not be read, checked or written" in result.output
    assert not outside.exists()


def test_unreadable_parquet_is_one_error(tmp_path: Path) -> None:
    pytest.importorskip("pyarrow")
    broken = tmp_path / "broken.parquet"
    broken.write_bytes(b"not parquet")
    result = CliRunner().invoke(main, ["check", "--isolated", str(broken)])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"error: {broken}: cannot read Parquet")
