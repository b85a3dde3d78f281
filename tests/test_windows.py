"""Files too big to hold whole, checked and fixed window by window (repair/windows.py).

The thresholds are lowered for each test so that a small file goes through the windows
exactly as a file of hundreds of megabytes does.
"""

from __future__ import annotations

import io
import os
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

import pytest

from repair import engine, windows
from repair.api import check_paths, fix_paths
from repair.config import Config
from repair.errors import FixDidNotConverge
from repair.results import FileResult

CONFIG = Config(languagetool="off")
WINDOW = 2_000


def _paragraphs(count: int) -> str:
    """Paragraphs each unlike the others (no line repeats another: STR003 looks across the
    whole document), with damage that a paragraph shows by itself: mojibake, a spaced
    hyphen, straight quotes."""
    lines = []
    for index in range(count):
        lines.append(
            f"Paragraph {index}: the minister met {index + 3} delegates on a two -day visit "
            f'to the cafÃ© of the harbour, and said "we will meet again in week {index}".'
        )
    return "\n\n".join(lines) + "\n"


@pytest.fixture
def small_windows(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(windows, "WINDOWED_ABOVE", 3 * WINDOW)
    monkeypatch.setattr(windows, "WINDOW_CHARS", WINDOW)


def _whole_then_windowed(
    monkeypatch: pytest.MonkeyPatch, run: object, *args: object, **kwargs: object
) -> tuple[FileResult, FileResult]:
    assert callable(run)
    monkeypatch.setattr(windows, "WINDOWED_ABOVE", 10**9)
    whole = next(run(*args, **kwargs))
    monkeypatch.setattr(windows, "WINDOWED_ABOVE", 3 * WINDOW)
    monkeypatch.setattr(windows, "WINDOW_CHARS", WINDOW)
    windowed = next(run(*args, **kwargs))
    return whole, windowed


def _states(result: FileResult) -> list[tuple[object, ...]]:
    return [
        (f.code, f.start, f.end, f.message, f.fix, result.location(i))
        for i, f in enumerate(result.findings)
    ]


def test_windows_join_into_the_text_and_end_at_paragraphs() -> None:
    text = _paragraphs(60)
    layout = windows.Layout("utf-8", 0, "\n", False)
    parts = list(windows.windows(io.BytesIO(text.encode()), layout, WINDOW))
    assert len(parts) >= 4 and "".join(parts) == text
    for part in parts[:-1]:
        assert part.endswith("\n\n") and len(part) <= WINDOW
    for part in parts[1:]:
        assert part.startswith("Paragraph ")


def test_windows_of_a_crlf_file_never_cut_a_line_end_in_two() -> None:
    text = _paragraphs(60).replace("\n", "\r\n")
    raw = text.encode()
    layout = windows.survey(io.BytesIO(raw), "x")
    assert layout.newline == "\r\n"
    # Pieces of one byte more than a window: a CR ends some of them.
    parts = list(windows.windows(io.BytesIO(raw), layout, WINDOW))
    assert "".join(parts) == text.replace("\r\n", "\n")


def test_a_windowed_check_finds_what_the_whole_file_shows(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    file = tmp_path / "news.txt"
    file.write_text(_paragraphs(80), encoding="utf-8")
    assert file.stat().st_size > 3 * WINDOW
    whole, windowed = _whole_then_windowed(monkeypatch, check_paths, [file], config=CONFIG)
    assert whole.document is not None and windowed.document is None
    assert len(whole.findings) > 80
    assert _states(windowed) == _states(whole)


def test_a_windowed_fix_writes_what_the_whole_file_fix_writes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = tmp_path / "news.txt"
    source.write_text(_paragraphs(80), encoding="utf-8")
    results = []
    for name in ("whole", "windowed"):
        copy = tmp_path / name / "news.txt"
        copy.parent.mkdir()
        copy.write_bytes(source.read_bytes())
        if name == "windowed":
            monkeypatch.setattr(windows, "WINDOWED_ABOVE", 3 * WINDOW)
            monkeypatch.setattr(windows, "WINDOW_CHARS", WINDOW)
        results.append(next(fix_paths([copy], config=CONFIG)))
    whole, windowed = results
    assert whole.changed and windowed.changed and windowed.written
    assert len(windowed.applied) == len(whole.applied) > 80
    assert _states(windowed) == _states(whole)
    fixed = (tmp_path / "windowed" / "news.txt").read_bytes()
    assert fixed == (tmp_path / "whole" / "news.txt").read_bytes()
    assert "café" in fixed.decode() and "two-day" in fixed.decode()


@pytest.mark.parametrize(
    ("encoding", "newline", "prefix", "keep"),
    [
        ("utf-8", "\r\n", b"", False),
        ("utf-8", "\n", b"\xef\xbb\xbf", False),
        ("utf-16-le", "\r\n", b"\xff\xfe", True),
        ("utf-16-le", "\n", b"\xff\xfe", False),
        ("cp1252", "\r", b"", False),
    ],
)
@pytest.mark.usefixtures("small_windows")
def test_a_windowed_fix_keeps_line_ends_bom_and_encoding(
    tmp_path: Path, encoding: str, newline: str, prefix: bytes, keep: bool
) -> None:
    text = _paragraphs(80).replace("cafÃ©", "café")
    file = tmp_path / "news.txt"
    file.write_bytes(prefix + text.replace("\n", newline).encode(encoding))
    config = CONFIG.with_options({"output-encoding": "keep"}) if keep else CONFIG
    result = next(fix_paths([file], config=config))
    assert result.error is None and result.written
    data = file.read_bytes()
    if encoding != "utf-8" and not keep:  # written as UTF-8, as a whole file is
        assert [f.code for f in result.applied].count("ENC001") == 1
        prefix, encoding = b"", "utf-8"
    assert data.startswith(prefix) and data[len(prefix) :].count(prefix or b"\x00\xff") == 0
    fixed = data[len(prefix) :].decode(encoding)
    assert fixed.count(newline) == text.count("\n") and fixed.count("café") == 80
    assert "two-day" in fixed and "two -day" not in fixed


@pytest.mark.usefixtures("small_windows")
def test_a_window_that_fails_leaves_the_file_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    file = tmp_path / "news.txt"
    file.write_text(_paragraphs(80), encoding="utf-8")
    before = file.read_bytes()
    run = engine.run
    calls = []

    def failing_later(*args: object, **kwargs: object) -> engine.Outcome:
        calls.append(1)
        if len(calls) == 3:  # two windows were written to the new file already
            raise FixDidNotConverge("news.txt", ["QUO001"], 20)
        return run(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(engine, "run", failing_later)
    result = next(fix_paths([file], config=CONFIG))
    assert result.error is not None and not result.written
    assert file.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["news.txt"]  # no temporary file left


@pytest.mark.usefixtures("small_windows")
def test_a_windowed_file_with_nothing_to_fix_is_not_written(tmp_path: Path) -> None:
    file = tmp_path / "news.txt"
    file.write_text(_paragraphs(80).replace("cafÃ©", "café").replace(" -day", "-day"))
    checked = next(check_paths([file], config=CONFIG))
    stamp = file.stat().st_mtime_ns
    os.utime(file, ns=(stamp - 10**9, stamp - 10**9))
    result = next(fix_paths([file], config=CONFIG))
    assert not result.changed and not result.written
    assert file.stat().st_mtime_ns == stamp - 10**9
    assert len(result.findings) == len(checked.findings)


@pytest.mark.usefixtures("small_windows")
def test_a_windowed_file_over_max_file_size_is_still_refused(tmp_path: Path) -> None:
    file = tmp_path / "news.txt"
    file.write_text(_paragraphs(80) * 200, encoding="utf-8")
    config = CONFIG.with_options({"max-file-size": 1})
    result = next(fix_paths([file], config=config))
    assert result.error is not None and "too large" in result.error


@pytest.mark.usefixtures("small_windows")
def test_a_file_that_stops_decoding_after_the_survey_is_left_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    file = tmp_path / "news.txt"
    file.write_text(_paragraphs(80), encoding="utf-8")
    before = file.read_bytes()
    cut_into = windows.windows

    def broken(stream: BinaryIO, layout: windows.Layout, size: int) -> Iterator[str]:
        yield from cut_into(stream, layout, size)
        raise UnicodeDecodeError("utf-8", b"\xff", 0, 1, "invalid start byte")

    monkeypatch.setattr(windows, "windows", broken)
    result = next(fix_paths([file], config=CONFIG))
    assert result.error is not None and "changed while it was read" in result.error
    assert file.read_bytes() == before and [p.name for p in tmp_path.iterdir()] == ["news.txt"]


def test_a_windowed_check_prints_the_lines_and_counts_of_the_whole_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import functools

    from repair.api import map_checked
    from repair.report import formats

    file = tmp_path / "news.txt"
    file.write_text(_paragraphs(80), encoding="utf-8")
    printing = functools.partial(formats.printed_result, output_format="text")
    whole, windowed = _whole_then_windowed(
        monkeypatch, map_checked, [file], printing, config=CONFIG
    )
    assert isinstance(windowed, formats.PrintedResult)
    assert len(whole.lines) > 80 and windowed.lines == whole.lines
    assert windowed.tally == whole.tally and windowed.tally.files_with_findings == 1


@pytest.mark.parametrize("command", ["check", "fix"])
def test_the_cli_reports_a_windowed_file_as_a_whole_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: str
) -> None:
    from click.testing import CliRunner

    from repair.cli import main

    file = tmp_path / "news.txt"
    file.write_text(_paragraphs(80), encoding="utf-8")
    args = [command, "--isolated", "--no-cache", str(file)]
    if command == "fix":
        args += ["--output", str(tmp_path / "out")]
    outputs = []
    for above in (10**9, 3 * WINDOW):
        monkeypatch.setattr(windows, "WINDOWED_ABOVE", above)
        monkeypatch.setattr(windows, "WINDOW_CHARS", WINDOW)
        result = CliRunner().invoke(main, args)
        outputs.append((result.exit_code, result.output))
    assert outputs[1] == outputs[0]
    if command == "check":
        assert outputs[0][0] == 1 and f"{file}:159:" in outputs[0][1]
    else:
        assert "Fixed 160 finding(s) in 1 file(s)" in outputs[0][1]


def test_a_windowed_fix_prints_the_lines_and_counts_of_the_whole_file_as_it_goes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import functools

    from repair.api import map_fixed
    from repair.report import formats

    file = tmp_path / "news.txt"
    # A doubled comma is left to --unsafe-fixes: findings remain.
    file.write_text(_paragraphs(80).replace("harbour,", "harbour, ,"), encoding="utf-8")
    printing = functools.partial(formats.printed_result, output_format="text")
    out = tmp_path / "out"
    whole, windowed = _whole_then_windowed(
        monkeypatch, map_fixed, [file], printing, config=CONFIG, output_dir=out
    )
    assert isinstance(windowed, formats.PrintedResult)
    assert len(whole.lines) >= 80 and windowed.lines == whole.lines
    assert windowed.tally == whole.tally
    assert windowed.tally.changed == 1 and windowed.tally.applied > 80


@pytest.mark.usefixtures("small_windows")
def test_a_printed_windowed_fix_holds_no_findings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import functools

    from repair.api import map_fixed
    from repair.report import formats

    def held(*args: object) -> None:
        raise AssertionError("findings held to the end of the file")

    monkeypatch.setattr(windows._Tally, "add", held)
    file = tmp_path / "news.txt"
    file.write_text(_paragraphs(80), encoding="utf-8")
    printing = functools.partial(formats.printed_result, output_format="text")
    (printed,) = map_fixed([file], printing, config=CONFIG, output_dir=tmp_path / "out")
    assert printed.error is None and printed.tally.applied > 80
