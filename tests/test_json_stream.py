"""``--output-format json`` is written file by file, byte for byte the array it was."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from click.testing import CliRunner

from repair.api import check_paths
from repair.cli import main
from repair.report.formats import result_records
from repair.report.json_stream import JsonArrayStream
from tests.conftest import CLEAN_ARTICLE, CORPUS, require_eval


def _array(records: list[dict[str, Any]]) -> str:
    """The array as the run printed it when it held every record to the end."""
    return json.dumps(records, ensure_ascii=False, indent=2) + "\n"


def _check_json(*args: str) -> str:
    result = CliRunner().invoke(main, ["check", "--output-format", "json", *args])
    assert result.exit_code in (0, 1), result.output
    return result.stdout


def test_the_corpus_array_is_the_one_json_dumps_makes() -> None:
    out = _check_json(str(CORPUS))
    records = json.loads(out)
    assert len(records) > 20
    assert any(not r["message"].isascii() for r in records)  # ensure_ascii=False is kept
    assert out == _array(records)


def test_each_files_records_are_written_when_its_result_comes() -> None:
    results = [r for r in check_paths([CORPUS]) if r.findings]
    assert len(results) >= 3
    pieces: list[str] = []
    stream = JsonArrayStream(pieces.append)
    for count, result in enumerate(results, start=1):
        stream.add(result_records(result))
        assert len(pieces) == count  # nothing held back for the end
    stream.close()
    every = [record for result in results for record in result_records(result)]
    assert "".join(pieces) == _array(every)


def test_a_run_without_findings_prints_an_empty_array() -> None:
    assert _check_json(str(CLEAN_ARTICLE)) == "[]\n"


def test_the_output_file_holds_what_stdout_shows(tmp_path: Path) -> None:
    target = tmp_path / "findings.json"
    _check_json("--output-file", str(target), str(CORPUS))
    assert target.read_text(encoding="utf-8") == _check_json(str(CORPUS))


def test_scraped_pages_give_the_array_json_dumps_makes() -> None:
    """Real pages, hundreds of findings: the layout holds across files."""
    folder = require_eval("scraped")
    pages = [p for p in sorted(folder.glob("*.*.*")) if p.suffix in (".txt", ".md")][:20]
    out = _check_json(*map(str, pages))
    records = json.loads(out)
    assert len({r["path"] for r in records}) > 5
    assert out == _array(records)
