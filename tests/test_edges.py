"""The edges of fix, output, records and cache: nothing lost, nothing stale, no hang.

Each test here stands for a hostile input that once lost data, wrote wrong text, crashed or
hung (issue 21): it fails on the code before the fix.
"""

from __future__ import annotations

import contextlib
import os
import stat
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from repair import api, engine, fix_paths, worker
from repair.cli import main
from repair.files import decode

AMP_LINE = "AT&amp;T said so.\n"
AMP_FIXED = "AT&T said so.\n"


# 1. An edit made while fix runs is not lost -----------------------------------------------


def test_an_edit_made_while_fix_runs_is_kept_and_the_file_reported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "big.txt"
    path.write_text(AMP_LINE, encoding="utf-8")
    fix_document = engine.fix_document

    def fix_while_someone_edits(*args: Any, **kwargs: Any) -> Any:
        with path.open("a", encoding="utf-8") as stream:
            stream.write("EDIT\n")
        return fix_document(*args, **kwargs)

    monkeypatch.setattr(engine, "fix_document", fix_while_someone_edits)
    (result,) = fix_paths([path])
    assert path.read_text(encoding="utf-8") == AMP_LINE + "EDIT\n"
    assert not result.written
    assert result.error is not None and "changed while it was being fixed" in result.error
    assert not list(tmp_path.glob(".*repair-tmp"))


# 10. In-place writes ------------------------------------------------------------------------


def test_a_link_leaving_the_walked_folder_is_not_written_through(tmp_path: Path) -> None:
    outside = tmp_path / "outside.txt"
    outside.write_text(AMP_LINE, encoding="utf-8")
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "inside.txt").write_text(AMP_LINE, encoding="utf-8")
    (corpus / "link.txt").symlink_to(outside)
    results = {Path(r.path).name: r for r in fix_paths([corpus])}
    assert outside.read_text(encoding="utf-8") == AMP_LINE
    assert not results["link.txt"].written
    assert "outside" in (results["link.txt"].notice or "")
    assert (corpus / "inside.txt").read_text(encoding="utf-8") == AMP_FIXED


def test_a_link_within_the_walked_folder_and_a_named_link_are_written_through(
    tmp_path: Path,
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    real = corpus / "real.md"  # not walked (*.txt only by name below), reached by the link
    real.write_text(AMP_LINE, encoding="utf-8")
    (corpus / "link.txt").symlink_to(real)
    list(fix_paths([corpus]))
    assert real.read_text(encoding="utf-8") == AMP_FIXED
    outside = tmp_path / "named.md"
    outside.write_text(AMP_LINE, encoding="utf-8")
    (corpus / "named.txt").symlink_to(outside)
    (result,) = fix_paths([corpus / "named.txt"])
    assert result.written and outside.read_text(encoding="utf-8") == AMP_FIXED


def test_a_read_only_file_is_left_alone_with_an_error(tmp_path: Path) -> None:
    path = tmp_path / "locked.txt"
    path.write_text(AMP_LINE, encoding="utf-8")
    path.chmod(0o444)
    (result,) = fix_paths([path])
    assert path.read_text(encoding="utf-8") == AMP_LINE
    assert result.error is not None and "read-only" in result.error
    assert stat.S_IMODE(path.stat().st_mode) == 0o444


def test_owner_and_group_are_kept(tmp_path: Path) -> None:
    if os.geteuid() != 0:
        pytest.skip("only root can give a file to another owner")
    path = tmp_path / "owned.txt"
    path.write_text(AMP_LINE, encoding="utf-8")
    os.chown(path, 4321, 8765)
    (result,) = fix_paths([path])
    assert result.written
    assert (path.stat().st_uid, path.stat().st_gid) == (4321, 8765)


# 2. --output collisions and links in the output tree ------------------------------------------


def _run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["fix", "--isolated", "--no-cache", *args])
    return result.exit_code, result.output


def _corpus(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_two_files_of_one_name_to_one_output_are_refused(tmp_path: Path) -> None:
    first = _corpus(tmp_path / "a", "x.txt", AMP_LINE)
    second = _corpus(tmp_path / "b", "x.txt", "Other &amp; text.\n")
    out = tmp_path / "o"
    code, output = _run(str(first), str(second), "--output", str(out))
    assert code == 2
    assert str(first) in output and str(second) in output and "same file" in output
    assert not (out / "x.txt").exists()


def test_two_folders_of_one_layout_to_one_output_are_refused(tmp_path: Path) -> None:
    _corpus(tmp_path / "a" / "sub", "x.txt", AMP_LINE)
    _corpus(tmp_path / "b" / "sub", "x.txt", AMP_LINE)
    code, output = _run(str(tmp_path / "a"), str(tmp_path / "b"), "--output", str(tmp_path / "o"))
    assert code == 2 and "same file" in output
    assert not (tmp_path / "o").exists()


def test_two_corpora_of_one_name_to_one_output_folder_are_refused(tmp_path: Path) -> None:
    record = '{"text": "AT&amp;T"}\n'
    first = _corpus(tmp_path / "a", "news.jsonl", record)
    second = _corpus(tmp_path / "b", "news.jsonl", record)
    code, output = _run(str(first), str(second), "--output", str(tmp_path / "o"))
    assert code == 2 and str(first) in output and str(second) in output


def test_output_naming_a_file_is_a_usage_error(tmp_path: Path) -> None:
    source = _corpus(tmp_path / "a", "x.txt", AMP_LINE)
    taken = _corpus(tmp_path, "taken", "keep me\n")
    code, output = _run(str(source), "--output", str(taken))
    assert code == 2 and "is a file" in output and "All clean" not in output
    assert taken.read_text(encoding="utf-8") == "keep me\n"


def test_a_link_in_the_output_tree_is_not_written_through(tmp_path: Path) -> None:
    source = _corpus(tmp_path / "a", "x.txt", AMP_LINE)
    victim = _corpus(tmp_path, "victim.txt", "keep me\n")
    out = tmp_path / "o"
    out.mkdir()
    (out / "x.txt").symlink_to(victim)
    code, output = _run(str(source), "--output", str(out))
    assert code == 2 and "symbolic link" in output
    assert victim.read_text(encoding="utf-8") == "keep me\n"


def test_a_linked_folder_in_the_output_tree_is_refused(tmp_path: Path) -> None:
    _corpus(tmp_path / "a" / "sub", "x.txt", AMP_LINE)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    out = tmp_path / "o"
    out.mkdir()
    (out / "sub").symlink_to(elsewhere, target_is_directory=True)
    code, output = _run(str(tmp_path / "a"), "--output", str(out))
    assert code == 2 and "symbolic link" in output
    assert not list(elsewhere.iterdir())


# 3 and 4. JSONL records: one bad record never aborts the corpus; fields kept as read ---------


def _fix_jsonl(tmp_path: Path, lines: bytes) -> tuple[int, str, bytes]:
    source = tmp_path / "news.jsonl"
    source.write_bytes(lines)
    target = tmp_path / "fixed.jsonl"
    code, output = _run(str(source), "--output", str(target))
    return code, output, target.read_bytes() if target.exists() else b""


def test_a_lone_surrogate_in_another_field_is_kept_and_the_text_fixed(tmp_path: Path) -> None:
    line = b'{"other":"\\ud800","text":"AT&amp;T said."}\n'
    code, output, written = _fix_jsonl(tmp_path, line + b'{"text":"Fine."}\n')
    assert code == 0 and "internal error" not in output
    assert written == b'{"other":"\\ud800","text":"AT&T said."}\n{"text":"Fine."}\n'


def test_a_record_nested_too_deep_is_reported_with_its_line_and_passed_through(
    tmp_path: Path,
) -> None:
    deep = b'{"text":"AT&amp;T","x":' + b'{"a":' * 1000 + b"1" + b"}" * 1001 + b"\n"
    code, output, written = _fix_jsonl(tmp_path, b'{"text":"AT&amp;T"}\n' + deep)
    assert code == 2
    assert "news.jsonl[2]" in output and "nested too deep" in output
    assert "internal error" not in output
    assert written == b'{"text":"AT&T"}\n' + deep


def test_fixed_records_keep_numbers_repeated_keys_escapes_and_the_bom(tmp_path: Path) -> None:
    bom, numbers = b"\xef\xbb\xbf", b'"x": 0.10000000000000000555'
    first = b'{"n": 1E400, "text": "AT&amp;T", "text": "AT&amp;T \\u00e9", ' + numbers + b"}\r\n"
    second = b'{ "id":1 ,"text" : "caf\xc3\xa9 &amp; bar" , "t":[1,2.50]}\n'
    code, _, written = _fix_jsonl(tmp_path, bom + first + second)
    assert code == 0
    assert written == (
        bom
        + b'{"n": 1E400, "text": "AT&amp;T", "text": "AT&T \\u00e9", '
        + numbers
        + b"}\r\n"
        + b'{ "id":1 ,"text" : "caf\xc3\xa9 & bar" , "t":[1,2.50]}\n'
    )


def test_the_output_corpus_gets_the_mode_of_the_file_it_replaces_or_the_umask(
    tmp_path: Path,
) -> None:
    source = tmp_path / "news.jsonl"
    source.write_bytes(b'{"text":"AT&amp;T"}\n')
    target = tmp_path / "fixed.jsonl"
    mask = os.umask(0o022)
    try:
        _run(str(source), "--output", str(target))
        assert stat.S_IMODE(target.stat().st_mode) == 0o644
        target.chmod(0o640)
        _run(str(source), "--output", str(target))
        assert stat.S_IMODE(target.stat().st_mode) == 0o640
    finally:
        os.umask(mask)


# 7. No hang on a named pipe ----------------------------------------------------------------


def test_a_named_pipe_in_a_walked_folder_is_skipped(tmp_path: Path) -> None:
    (tmp_path / "real.txt").write_text(AMP_LINE, encoding="utf-8")
    os.mkfifo(tmp_path / "pipe.txt")
    # On the old code this blocks forever: run it where a hang is a failure, not a stall.
    results = _in_child(lambda: [r.path for r in api.check_paths([tmp_path])])
    assert results == [str(tmp_path / "real.txt")]


def test_a_named_pipe_named_on_the_command_line_is_an_error_not_a_hang(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.txt")
    results = _in_child(lambda: [r.error for r in api.check_paths([tmp_path / "pipe.txt"])])
    assert results == ["not a regular file (a pipe, socket or device)"]


def _in_child(work: Any) -> Any:
    """``work()`` in a forked process; one that has not answered within a minute is stuck
    (this guards against a hang: it measures no time) and is stopped."""
    import multiprocessing

    context = multiprocessing.get_context("fork")
    receiving, sending = context.Pipe(duplex=False)
    child = context.Process(target=lambda: sending.send(work()), daemon=True)
    child.start()
    try:
        if not receiving.poll(60):
            raise AssertionError("stuck: no answer within a minute")
        return receiving.recv()
    finally:
        child.kill()
        child.join()


# 9. ENC001 does not rewrite a file from a guess on a few bytes ------------------------------


@pytest.mark.parametrize(
    "raw", [b"abc \xc0\xaf def\n", b"\xed\xa0\x80", "他说你好。\n".encode("gbk")]
)
def test_a_short_file_whose_encoding_is_a_guess_is_undecodable_and_left(
    tmp_path: Path, raw: bytes
) -> None:
    path = tmp_path / "short.txt"
    path.write_bytes(raw)
    (result,) = fix_paths([path])
    assert result.error is not None and "too few non-ASCII bytes" in result.error
    assert path.read_bytes() == raw


@pytest.mark.parametrize(
    ("text", "encoding"),
    [("café\n", "latin-1"), ("naïve\n", "cp1252"), ("Straße über Köln\n", "cp1252")],
)
def test_a_short_file_of_accented_latin_words_is_still_read(text: str, encoding: str) -> None:
    doc = decode(text.encode(encoding), "short.txt")
    assert doc.text == text and doc.detected_encoding


# 11. Messages that say what happened --------------------------------------------------------


def test_a_failure_before_writing_is_not_called_a_write_failure(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _corpus(tmp_path, "x.txt", AMP_LINE)

    def folder_without_permission(*args: Any) -> Any:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(worker, "config_for", folder_without_permission)
    (result,) = fix_paths([path])
    assert result.error == "cannot read: Permission denied"


def test_a_copy_that_cannot_be_written_names_the_copy(tmp_path: Path) -> None:
    source = _corpus(tmp_path / "a", "x.txt", AMP_LINE)
    blocked = _corpus(tmp_path, "blocked", "a file where a folder should be\n")
    (result,) = fix_paths([tmp_path / "a"], output_dir=blocked / "o")
    assert result.error is not None
    assert result.error.startswith(f"{blocked / 'o' / 'x.txt'}: cannot write:")
    assert source.read_text(encoding="utf-8") == AMP_LINE


def test_a_full_disk_under_a_jsonl_output_is_a_write_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import tempfile

    def full_disk(*args: Any, **kwargs: Any) -> tuple[int, str]:
        return os.open("/dev/full", os.O_WRONLY), str(tmp_path / "never-made")

    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full to fill")
    monkeypatch.setattr(tempfile, "mkstemp", full_disk)
    source = _corpus(tmp_path, "news.jsonl", '{"text": "AT&amp;T"}\n')
    code, output = _run(str(source), "--output", str(tmp_path / "fixed.jsonl"))
    assert code == 2 and "cannot write: No space left on device" in output
    assert "cannot read" not in output


def test_a_config_nested_too_deep_is_a_config_error(tmp_path: Path) -> None:
    config = _corpus(tmp_path, "repair.toml", "a = " + "[" * 2000 + "]" * 2000 + "\n")
    source = _corpus(tmp_path, "x.txt", "Fine.\n")
    result = CliRunner().invoke(main, ["check", "--no-cache", "--config", str(config), str(source)])
    assert result.exit_code == 2
    assert "nested too deep" in result.output and "internal error" not in result.output


def test_a_file_name_with_a_newline_stays_on_its_line(tmp_path: Path) -> None:
    _corpus(tmp_path, "a\nb.txt", AMP_LINE)
    result = CliRunner().invoke(main, ["check", "--isolated", "--no-cache", str(tmp_path)])
    (finding,) = [line for line in result.output.splitlines() if "ENC005" in line]
    assert finding.startswith(f"{tmp_path}/a\\nb.txt:1:")


def test_summary_markdown_keeps_html_in_file_names_as_text() -> None:
    from repair.report.summary import summary_markdown

    totals = {
        "files": 1,
        "words": 0,
        "score_before": 0.0,
        "score_after": 0.0,
        "findings_before": 0,
        "findings_after": 0,
        "fixes_applied": 0,
        "by_family": {},
    }
    name = "<img src=x onerror=alert(1)>.txt"
    markdown = summary_markdown({"totals": totals, "files": [{"path": name, "error": "x"}]})
    assert "<img" not in markdown and "&lt;img src=x onerror=alert(1)&gt;.txt" in markdown


def test_fixing_standard_input_with_other_paths_is_a_usage_error(tmp_path: Path) -> None:
    other = _corpus(tmp_path, "other.txt", AMP_LINE)
    result = CliRunner().invoke(main, ["fix", "--isolated", "-", str(other)], input="AT&amp;T\n")
    assert result.exit_code == 2 and str(other) in result.output
    assert other.read_text(encoding="utf-8") == AMP_LINE


# 5. Nothing stale: entity lists stamped by content, cache entries checked on load ------------


def test_an_entity_list_edited_with_its_size_and_time_kept_changes_the_key(
    tmp_path: Path,
) -> None:
    from repair.config import Config
    from repair.fingerprint import settings_fingerprint

    entities = tmp_path / "entities.toml"
    entities.write_text('[[entity]]\nname = "Xi Jinping"\n', encoding="utf-8")
    old = entities.stat()
    config = Config(entities=(str(entities),))
    before = settings_fingerprint(config, "a.txt")
    entities.write_text('[[entity]]\nname = "Li Jinping"\n', encoding="utf-8")  # same size
    os.utime(entities, ns=(old.st_atime_ns, old.st_mtime_ns))  # as cp -p or tar leave it
    assert settings_fingerprint(config, "a.txt") != before


def _entry_with(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, rows: Any) -> Path:
    """A file whose cache entry holds ``rows`` as its findings."""
    import json

    monkeypatch.setenv("REPAIR_CACHE_DIR", str(tmp_path / "cache"))
    path = _corpus(tmp_path / "corpus", "x.txt", AMP_LINE)
    list(api.check_paths([path], cache=True, options={"select": ["ENC005"]}))
    (entry,) = (tmp_path / "cache").rglob("??/*.json")
    data = json.loads(entry.read_text(encoding="utf-8"))
    data["findings"] = rows
    data["locations"] = [[1, 1, 1, 2] for _ in rows]
    entry.write_text(json.dumps(data), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "rows",
    [
        [["ENC005", "m", "0", 3, "warning", None]],  # a start that is not a number
        [["ENC005", "m", 5, 3, "warning", None]],  # an end before the start
        [["ENC005", "m", 0, 3, "fatal", None]],  # no such severity
        [["ENC005", "m", 0, 3, "warning", ["safe", "t", [[2, 1, "X"]]]]],  # a reversed edit
        [["ENC005", "m", 0, 3, "warning", ["safe", "t", [[0, 2, "X"], [1, 3, "Y"]]]]],
        [["ENC005", "m", 0, 3, "warning", ["safe", "t", [[0, 10**9, "X"]]]]],  # beyond the text
    ],
)
def test_a_cache_entry_wrong_inside_is_a_miss_and_never_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, rows: Any
) -> None:
    path = _entry_with(tmp_path, monkeypatch, rows)
    (checked,) = api.check_paths([path], cache=True, options={"select": ["ENC005"]})
    assert [f.code for f in checked.findings] == ["ENC005"] and checked.findings[0].start == 2
    (fixed,) = fix_paths([path], cache=True, options={"select": ["ENC005"]})
    assert fixed.error is None
    assert path.read_text(encoding="utf-8") == AMP_FIXED


# 6. A cache folder inside the corpus hides nothing --------------------------------------------


def test_a_cache_in_the_corpus_folder_does_not_hide_the_corpus(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("REPAIR_CACHE_DIR", raising=False)
    (tmp_path / "repair.toml").write_text('cache-dir = "."\n', encoding="utf-8")
    _corpus(tmp_path, "a.txt", AMP_LINE)
    _corpus(tmp_path, "b.txt", "Fine.\n")
    first = [r.path for r in api.check_paths([tmp_path], cache=True)]
    second = [r.path for r in api.check_paths([tmp_path], cache=True)]
    assert len(first) == len(second) == 2
    assert not (tmp_path / ".gitignore").exists()
    (marker,) = tmp_path.glob("*/.gitignore")  # the cache's own folder is ignored
    assert marker.read_text(encoding="utf-8").splitlines()[-1] == "*"


# 8. Workers die with their parent ---------------------------------------------------------------


def _children(parent: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            with contextlib.suppress(OSError):
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
                if int(fields[1]) == parent:
                    found.append(int(entry.name))
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"  # a zombie has ended; only its exit status waits to be collected


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc (Linux)")
def test_workers_end_when_the_run_is_killed(tmp_path: Path) -> None:
    import signal
    import subprocess
    import sys
    import time

    # Eight tasks of a minute each on two workers: a worker left behind would live on.
    script = "import time, repair.batch as b; list(b.run_ordered(time.sleep, [60.0] * 8, 2))"
    run = subprocess.Popen([sys.executable, "-c", script])
    workers: list[int] = []
    try:
        for _ in range(600):  # until both workers are up (a bound, not a measure)
            workers = _children(run.pid)
            if len(workers) >= 2:
                break
            time.sleep(0.1)
        assert len(workers) >= 2
        time.sleep(1)  # the workers have run their initializer and taken a task
        run.send_signal(signal.SIGKILL)
        run.wait()
        for _ in range(300):
            if not any(_alive(pid) for pid in workers):
                break
            time.sleep(0.1)
        assert not any(_alive(pid) for pid in workers)
    finally:
        run.kill()
        for pid in workers:  # the workers this test started, should they have lived on
            with contextlib.suppress(OSError):
                os.kill(pid, signal.SIGKILL)


def test_a_killed_jsonl_output_run_leaves_no_partial_file(tmp_path: Path) -> None:
    import signal
    import subprocess
    import sys

    source = _corpus(tmp_path, "news.jsonl", '{"text": "AT&amp;T"}\n' * 3)
    # The second record's line never comes: the run is killed while it writes the output.
    script = (
        "import sys, time, repair.records, repair.records.jsonl as r\n"
        "write, calls = r.line_output, []\n"
        "def slow(*args):\n"
        "    calls.append(1)\n"
        "    if len(calls) == 2:\n"
        "        print('writing', flush=True); time.sleep(60)\n"
        "    return write(*args)\n"
        "r.line_output = slow\n"
        "list(repair.records.fix_records(sys.argv[1], sys.argv[2]))\n"
    )
    run = subprocess.Popen(
        [sys.executable, "-c", script, str(source), str(tmp_path / "fixed.jsonl")],
        stdout=subprocess.PIPE,
    )
    try:
        assert run.stdout is not None and run.stdout.readline() == b"writing\n"
        run.send_signal(signal.SIGKILL)
        run.wait()
    finally:
        run.kill()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["news.jsonl"]


def test_an_output_file_that_is_also_a_folder_of_copies_is_refused(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path, "news.jsonl", '{"text": "AT&amp;T"}\n')
    text = _corpus(tmp_path / "a", "y.txt", AMP_LINE)
    code, output = _run(str(corpus), str(text), "--output", str(tmp_path / "o"))
    assert code == 2 and "as a file and as the folder" in output
    assert not (tmp_path / "o").exists()


def test_a_folder_that_cannot_be_listed_is_reported_not_skipped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _corpus(tmp_path / "open", "a.txt", "Fine.\n")
    _corpus(tmp_path / "closed", "b.txt", "Fine.\n")
    scandir = os.scandir

    def no_permission(path: Any = ".") -> Any:
        if Path(path).name == "closed":
            raise PermissionError(13, "Permission denied", str(path))
        return scandir(path)

    monkeypatch.setattr(os, "scandir", no_permission)
    results = {Path(r.path).name: r for r in api.check_paths([tmp_path])}
    assert results["a.txt"].error is None
    assert results["closed"].error is not None
