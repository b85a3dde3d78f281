"""Batch runs: the result cache and worker processes."""

from __future__ import annotations

import functools
import json
import os
import pickle
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from repair import Config, check_paths, check_text, fix_paths
from repair.api import FileResult
from repair.cache import _cache_in
from repair.document import Document
from repair.files import read_bytes_and_status
from tests.conftest import CORPUS, MARKDOWN_ARTICLE, MT_ARTICLE, corpus_text


@pytest.fixture
def corpus_copies(tmp_path: Path) -> Path:
    """Four copies of the sample corpus: 20 files, enough to start worker processes."""
    for index in range(4):
        shutil.copytree(CORPUS, tmp_path / f"copy{index}", ignore=shutil.ignore_patterns("*.toml"))
    return tmp_path


def _summary(results: list[FileResult]) -> list[tuple[str, tuple[str, ...]]]:
    return [(r.path, tuple(f"{f.code}@{f.start}" for f in r.findings)) for r in results]


def test_second_run_reads_the_cache_and_does_no_rule_work(
    corpus_copies: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = list(check_paths([corpus_copies], cache=True))

    def no_rule_work(*args: object, **kwargs: object) -> None:
        raise AssertionError("a rule ran on an unchanged file")

    monkeypatch.setattr("repair.checker.check_document", no_rule_work)
    second = list(check_paths([corpus_copies], cache=True))
    assert _summary(second) == _summary(first)
    assert any(r.findings for r in second)


def test_changed_bytes_or_settings_miss_the_cache(corpus_copies: Path) -> None:
    list(check_paths([corpus_copies], cache=True))
    target = corpus_copies / "copy0" / MARKDOWN_ARTICLE.name
    target.write_text(target.read_text(encoding="utf-8").replace("\\\\$", "$"), encoding="utf-8")
    results = {r.path: r for r in check_paths([corpus_copies], cache=True)}
    assert "ENC006" not in {f.code for f in results[str(target)].findings}
    only_enc = {
        r.path: r for r in check_paths([corpus_copies], cache=True, options={"select": ["ENC"]})
    }
    assert all(f.code.startswith("ENC") for r in only_enc.values() for f in r.findings)


def test_fix_with_cache_then_check_is_consistent(corpus_copies: Path) -> None:
    list(fix_paths([corpus_copies], cache=True))
    cached = _summary(list(check_paths([corpus_copies], cache=True)))
    fresh = _summary(list(check_paths([corpus_copies], cache=False)))
    assert cached == fresh
    assert not any(r.changed for r in fix_paths([corpus_copies], cache=True))


@pytest.fixture
def pool_for_any_size(monkeypatch: pytest.MonkeyPatch) -> None:
    """Workers even for the few kilobytes of a test corpus (a pool needs a megabyte each)."""
    monkeypatch.setattr("repair.batch.BYTES_PER_WORKER", 1)


def test_two_jobs_give_the_same_results_in_the_same_order(
    corpus_copies: Path, pool_for_any_size: None
) -> None:
    serial = _summary(list(check_paths([corpus_copies], jobs=1)))
    parallel = _summary(list(check_paths([corpus_copies], jobs=2)))
    assert len(serial) == 20 and parallel == serial


def test_documents_travel_without_their_parse_tree() -> None:
    doc = Document.from_text(MARKDOWN_ARTICLE.read_text(encoding="utf-8"), path="a.md")
    assert doc.protected  # computes the Markdown parse
    copy = pickle.loads(pickle.dumps(doc))
    assert "_markdown_tokens" not in copy.__dict__
    assert copy.text == doc.text and copy.protected == doc.protected


def test_a_run_the_cache_answers_imports_no_rule(corpus_copies: Path) -> None:
    """The rules and their libraries (ftfy, wordfreq, markdown-it) load only for rule work."""
    script = (
        "import sys, contextlib, io\n"
        "from repair.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    try:\n"
        f"        main(['check', '--exit-zero', '--jobs', '1', {str(corpus_copies)!r}])\n"
        "    except SystemExit:\n"
        "        pass\n"
        "heavy = {'repair.registry', 'ftfy', 'wordfreq', 'markdown_it', 'sacrebleu'}\n"
        "print(sorted(heavy & set(sys.modules)))\n"
    )
    env = {"REPAIR_CACHE_DIR": str(corpus_copies / ".cache"), "REPAIR_LANGUAGETOOL_URL": ""}

    def run() -> str:
        done = subprocess.run(
            [sys.executable, "-c", script],
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, **env},
        )
        return done.stdout.strip()

    assert "repair.registry" in run()  # the first run does the rule work
    assert run() == "[]"


def test_findings_cross_processes_unchanged() -> None:
    """Findings pickle as plain values (fast for the parent) and come back equal."""
    findings = check_text(corpus_text(MT_ARTICLE), path=MT_ARTICLE.name)
    assert any(f.fix is not None for f in findings) and any(f.fix is None for f in findings)
    restored = pickle.loads(pickle.dumps(findings))
    assert restored == findings
    assert [(f.severity, f.fix and f.fix.applicability) for f in restored] == [
        (f.severity, f.fix and f.fix.applicability) for f in findings
    ]
    assert {hash(f) for f in restored} == {hash(f) for f in findings}


@pytest.fixture
def trusted_now(monkeypatch: pytest.MonkeyPatch) -> None:
    """Let the folder index trust files written a moment ago (tests cannot age a ctime)."""
    monkeypatch.setattr("repair.stamps.RACY_NS", -1)


def _as_in_a_new_process(monkeypatch: pytest.MonkeyPatch) -> None:
    """Forget the cache objects of earlier runs: their indexes and entries come from disk."""
    monkeypatch.setattr("repair.cache._cache_in", functools.lru_cache(_cache_in.__wrapped__))


def _rendered(results: list[FileResult]) -> list[list[str]]:
    from repair.report.formats import result_github_lines, result_records, result_text_lines

    return [
        [*result_text_lines(r), *map(str, result_records(r)), *result_github_lines(r)]
        for r in results
    ]


def test_an_unchanged_file_is_answered_without_being_read(
    corpus_copies: Path, monkeypatch: pytest.MonkeyPatch, trusted_now: None
) -> None:
    first = list(check_paths([corpus_copies], cache=True, documents=False))
    from_documents = _rendered(list(check_paths([corpus_copies], cache=False)))

    def no_read(path: Path) -> object:
        raise AssertionError(f"{path} was read again")

    monkeypatch.setattr("repair.worker.read_bytes_and_status", no_read)
    monkeypatch.setattr("repair.cached_batch.read_bytes", no_read)
    _as_in_a_new_process(monkeypatch)
    second = list(check_paths([corpus_copies], cache=True, documents=False))
    assert _summary(second) == _summary(first)
    assert all(r.document is None and r.locations is not None for r in second)
    # Lines, columns, JSON and annotations come out as they did from the documents.
    assert _rendered(second) == from_documents


@pytest.mark.parametrize("fix", [False, True])
def test_a_file_the_cache_does_not_know_is_read_once_and_then_not_at_all(
    corpus_copies: Path, monkeypatch: pytest.MonkeyPatch, trusted_now: None, fix: bool
) -> None:
    """The first run reads each file once (in the process that checks it, not also in the
    parent to look it up) and leaves all the second run needs: a second check reads none,
    a second fix each file once (its result carries the text)."""
    read: list[Path] = []

    def counted(path: Path, max_bytes: int | None = None) -> tuple[bytes, os.stat_result]:
        read.append(path)
        return read_bytes_and_status(path, max_bytes)

    def counted_bytes(path: Path) -> bytes:
        return counted(path)[0]

    monkeypatch.setattr("repair.worker.read_bytes_and_status", counted)
    monkeypatch.setattr("repair.cached_batch.read_bytes", counted_bytes)

    def run() -> list[FileResult]:
        if fix:
            return list(fix_paths([corpus_copies], write=False, cache=True))
        return list(check_paths([corpus_copies], cache=True, documents=False))

    first = run()
    assert len(read) == len(set(read)) == len(first) == 20
    read.clear()
    _as_in_a_new_process(monkeypatch)
    second = run()
    assert [str(path) for path in read] == ([r.path for r in first] if fix else [])
    assert _summary(second) == _summary(first)


def test_untrusted_file_status_reads_every_file_again(
    corpus_copies: Path, monkeypatch: pytest.MonkeyPatch, trusted_now: None
) -> None:
    # As on a file system whose change times cannot be trusted: the index is not consulted.
    untrusting = Config(trust_file_status=False)
    first = list(check_paths([corpus_copies], config=untrusting, cache=True, documents=False))
    read = []

    def counted(path: Path, max_bytes: int | None = None) -> tuple[bytes, os.stat_result]:
        read.append(path)
        return read_bytes_and_status(path, max_bytes)

    monkeypatch.setattr("repair.worker.read_bytes_and_status", counted)
    _as_in_a_new_process(monkeypatch)
    second = list(check_paths([corpus_copies], config=untrusting, cache=True, documents=False))
    assert _summary(second) == _summary(first)
    assert len(read) == len(second) == 20  # every file read and hashed; no rule ran


def test_a_file_rewritten_with_its_old_size_and_mtime_is_read_again(
    corpus_copies: Path, trusted_now: None
) -> None:
    target = corpus_copies / "copy0" / MT_ARTICLE.name
    list(check_paths([corpus_copies], cache=True, documents=False))
    before = target.stat()
    text = target.read_text(encoding="utf-8")
    changed = text.replace("two -day", "two-day")
    changed += " " * (len(text.encode()) - len(changed.encode()))
    target.write_text(changed, encoding="utf-8")
    os.utime(target, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert target.stat().st_size == before.st_size
    assert target.stat().st_mtime_ns == before.st_mtime_ns
    results = {r.path: r for r in check_paths([corpus_copies], cache=True, documents=False)}
    fresh = {r.path: r for r in check_paths([corpus_copies], cache=False)}
    assert _summary([results[str(target)]]) == _summary([fresh[str(target)]])


def test_a_file_changed_just_before_it_was_read_is_not_indexed(
    corpus_copies: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    list(check_paths([corpus_copies], cache=True, documents=False))
    reads = []
    real = __import__("repair.files", fromlist=["x"]).read_bytes_and_status

    def counting(path: Path, max_bytes: int | None = None) -> object:
        reads.append(path)
        return real(path, max_bytes)

    monkeypatch.setattr("repair.worker.read_bytes_and_status", counting)
    list(check_paths([corpus_copies], cache=True, documents=False))
    # Written by the fixture within the last seconds: a change could hide in the clock's
    # granularity, so every file is read again.
    assert len(reads) == 20


def test_the_cache_folder_is_marked_for_git_and_backup_tools(
    corpus_copies: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = corpus_copies / ".cache"
    monkeypatch.setenv("REPAIR_CACHE_DIR", str(cache))
    list(check_paths([corpus_copies / "copy0"], cache=True))
    assert (cache / ".gitignore").read_text(encoding="utf-8").splitlines()[-1] == "*"
    assert (cache / "CACHEDIR.TAG").read_text(encoding="utf-8").startswith("Signature: 8a477f")


def test_a_fix_that_makes_line_endings_uniform_leaves_no_stale_entry(tmp_path: Path) -> None:
    """The written text reads back otherwise (mixed endings come out uniform): findings of
    the text as fixed must not be cached for those bytes, or a later fix applies them at
    offsets that point elsewhere."""
    from repair.cli import main

    def fix_twice(folder: Path, *extra: str) -> bytes:
        folder.mkdir()
        (folder / "s.txt").write_bytes(b"a\r\nb\r\nc\r\xe2\x80\x8b\nThe the cat sat.\r\n")
        for args in ([], ["--unsafe-fixes"]):
            CliRunner().invoke(main, ["fix", "--isolated", *extra, *args, str(folder)])
        return (folder / "s.txt").read_bytes()

    uncached = fix_twice(tmp_path / "uncached", "--no-cache")
    assert uncached.endswith(b"The cat sat.\r\n")
    assert fix_twice(tmp_path / "cached") == uncached


def test_a_symbolic_link_loop_is_a_file_error_not_a_crash(tmp_path: Path) -> None:
    from repair.cli import main

    (tmp_path / "loop").symlink_to(tmp_path / "loop")
    result = CliRunner().invoke(main, ["check", "--isolated", str(tmp_path / "loop" / "a.txt")])
    assert result.exit_code == 2, result.output
    assert "internal error" not in result.stderr and "a.txt" in result.stderr


def test_a_damaged_cache_is_a_miss(
    corpus_copies: Path, monkeypatch: pytest.MonkeyPatch, trusted_now: None
) -> None:
    cache = Path(os.environ["REPAIR_CACHE_DIR"])
    first = _summary(list(check_paths([corpus_copies], cache=True, documents=False)))
    indexes, entries_damaged = list(cache.rglob("folders/*.json")), list(cache.rglob("??/*.json"))
    assert indexes and entries_damaged
    for index in indexes:
        entries = json.loads(index.read_text(encoding="utf-8"))
        index.write_text(
            json.dumps({name: [*entry[:-1], "ü" * 64] for name, entry in entries.items()}),
            encoding="utf-8",
        )
    for entry in entries_damaged:
        entry.write_text('{"findings": [], "locations": [[1, 1, 1]], "notice": null}')
    _as_in_a_new_process(monkeypatch)
    assert _summary(list(check_paths([corpus_copies], cache=True, documents=False))) == first


def test_one_folder_spelled_two_ways_keeps_one_index(
    corpus_copies: Path, monkeypatch: pytest.MonkeyPatch, trusted_now: None
) -> None:
    monkeypatch.chdir(corpus_copies)
    names = sorted(p.name for p in (corpus_copies / "copy0").iterdir())
    given = [f"copy0/{names[0]}", str(corpus_copies / "copy0" / names[1])]
    list(check_paths(given, cache=True, documents=False))
    (index,) = Path(os.environ["REPAIR_CACHE_DIR"]).rglob("folders/*.json")
    assert sorted(json.loads(index.read_text(encoding="utf-8"))) == names[:2]


def test_a_process_that_lives_on_keeps_the_entries_it_loaded(
    corpus_copies: Path, monkeypatch: pytest.MonkeyPatch, trusted_now: None
) -> None:
    first = _summary(list(check_paths([corpus_copies], cache=True, documents=False)))
    assert _summary(list(check_paths([corpus_copies], cache=True, documents=False))) == first

    def no_disk(self: object, key: str) -> None:
        raise AssertionError("an entry was read from disk again")

    monkeypatch.setattr("repair.cache.ResultCache._load", no_disk)
    assert _summary(list(check_paths([corpus_copies], cache=True, documents=False))) == first


def test_map_checked_returns_what_the_function_makes_of_each_result(
    corpus_copies: Path, trusted_now: None, pool_for_any_size: None
) -> None:
    """Made in the workers on a first run, in this process from the cache on a second:
    the same lines and counts either way, and the same as from the results themselves."""
    import functools

    from repair.api import map_checked
    from repair.report.formats import printed_result

    printing = functools.partial(printed_result, output_format="text", unsafe=True)
    expected = [printing(r) for r in check_paths([corpus_copies])]
    first = list(map_checked([corpus_copies], printing, jobs=2, cache=True))
    second = list(map_checked([corpus_copies], printing, jobs=2, cache=True))
    assert first == second == expected
    assert sum(p.tally.findings for p in first) > 100 and any(
        " [*]" in p.lines[0] for p in first if p.lines
    )


@pytest.mark.parametrize("documents", [True, False])
def test_the_batch_runs_its_corpus_rule_after_the_files(tmp_path: Path, documents: bool) -> None:
    """NAM004 across files comes from check_paths itself (and map_checked), not from a step
    its caller must remember; the results keep the documents the rule needs."""
    from repair.api import map_checked
    from repair.config import discover_config

    (tmp_path / "entities.toml").write_text(
        '[[entity]]\nname = "Halvard Brennik"\naliases = ["Brennik", "Brenik"]\ntype = "person"\n',
        encoding="utf-8",
    )
    (tmp_path / "repair.toml").write_text('entities = ["entities.toml"]\n', encoding="utf-8")
    (tmp_path / "a.txt").write_text("Brenik spoke. Brenik left.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Brenik arrived.\n", encoding="utf-8")
    (tmp_path / "c.txt").write_text("Brennik arrived.\n", encoding="utf-8")
    discover_config.cache_clear()
    results = list(check_paths([tmp_path], documents=documents))
    codes = {Path(r.path).name: [f.code for f in r.findings] for r in results}
    assert "NAM004" in codes["c.txt"] and "NAM004" not in codes["b.txt"]
    assert all(r.document is not None for r in results)
    counted = list(map_checked([tmp_path], lambda r: [f.code for f in r.findings]))
    assert counted == [codes[name] for name in ("a.txt", "b.txt", "c.txt")]


def test_a_small_batch_is_checked_without_workers(corpus_copies: Path) -> None:
    """Twenty files of a few kilobytes are less than a worker's share of input."""
    from repair.api import expand_paths
    from repair.batch import BYTES_PER_WORKER, pool_size

    files = expand_paths([corpus_copies])
    assert len(files) == 20 and sum(f.stat().st_size for f in files) < BYTES_PER_WORKER
    assert pool_size(files, 2, lambda file: file.stat().st_size) == 1


def test_workers_inherit_the_entity_index_built_before_they_start(
    tmp_path: Path, corpus_copies: Path, pool_for_any_size: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The index is built once, in this process, and forked workers use it: a worker that
    built its own paid for it again (seconds for a list of 100,000 names)."""
    from repair.entities import EntityIndex

    if sys.platform != "linux":
        pytest.skip("workers are forked on Linux only")
    listed = tmp_path / "entities.toml"
    shutil.copyfile(CORPUS / "entities.toml", listed)  # a list no earlier test built
    log = tmp_path / "builders.log"
    build = EntityIndex.build.__func__  # type: ignore[attr-defined]

    def logged_build(cls: type[EntityIndex], entities: object) -> EntityIndex:
        with log.open("a", encoding="utf-8") as stream:
            stream.write(f"{os.getpid()}\n")
        return build(cls, entities)  # type: ignore[no-any-return]

    monkeypatch.setattr(EntityIndex, "build", classmethod(logged_build))
    options = {"entities": [str(listed)]}
    serial = _summary(list(check_paths([corpus_copies], options=options)))
    log.unlink()
    listed.write_text(listed.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    parallel = _summary(list(check_paths([corpus_copies], jobs=2, options=options)))
    assert parallel == serial
    assert log.read_text(encoding="utf-8").split() == [str(os.getpid())]


def _started(log: Path, task: int) -> tuple[int, int]:
    """A task of the test below: notes that it started, then takes its time."""
    import time

    with log.open("a", encoding="utf-8") as stream:
        stream.write(f"{task}\n")
    time.sleep(0.02 if task != 5 else 0.3)
    return task, task * task


def test_the_biggest_tasks_go_first_and_results_keep_their_order(tmp_path: Path) -> None:
    """A task much bigger than the others is started first wherever it stands (left to its
    turn at the end, it would run alone), and every result still comes in task order."""
    from repair.batch import BYTES_PER_WORKER, run_ordered

    if sys.platform != "linux":
        pytest.skip("workers are forked on Linux only")
    log = tmp_path / "started.log"
    tasks = list(range(6))
    sizes = dict.fromkeys(tasks, BYTES_PER_WORKER // 4) | {5: 3 * BYTES_PER_WORKER}
    function = functools.partial(_started, log)
    results = list(run_ordered(function, tasks, 2, size_of=sizes.__getitem__))
    assert results == [(task, task * task) for task in tasks]
    started = [int(line) for line in log.read_text(encoding="utf-8").split()]
    assert sorted(started) == tasks and 5 in started[:2]


def _square_but_four(task: int) -> int:
    """A task of the test below: fails on 4."""
    if task == 4:
        raise ValueError("task 4")
    return task * task


def test_a_big_tasks_error_comes_at_its_own_turn(tmp_path: Path) -> None:
    """Two big tasks are sent first (4, then 1); 4's error is raised at its own turn, after
    the results of the tasks before it, not when 1's result is wanted."""
    from repair.batch import BYTES_PER_WORKER, run_ordered

    if sys.platform != "linux":
        pytest.skip("workers are forked on Linux only")
    tasks = list(range(6))
    sizes = dict.fromkeys(tasks, BYTES_PER_WORKER // 4) | {
        1: 2 * BYTES_PER_WORKER,
        4: 3 * BYTES_PER_WORKER,
    }
    results = []
    with pytest.raises(ValueError, match="task 4"):
        for result in run_ordered(_square_but_four, tasks, 2, size_of=sizes.__getitem__):
            results.append(result)
    assert results == [0, 1, 4, 9]


def test_a_serial_run_freezes_what_its_first_task_loaded_until_it_ends() -> None:
    """In one process, what the first task loaded (word tables, patterns) is moved out of
    the cyclic collector's sight for the later tasks, and given back when the run ends,
    also when a task fails: a library caller's collector is left as it was."""
    import gc

    from repair.batch import run_ordered

    frozen_before = gc.get_freeze_count()
    seen: list[int] = []

    def task(number: int) -> int:
        seen.append(gc.get_freeze_count())
        if number == 3:
            raise ValueError("task 3")
        return number

    assert list(run_ordered(task, [0, 1, 2], 1)) == [0, 1, 2]
    assert seen[0] == frozen_before and all(count > frozen_before for count in seen[1:])
    assert gc.get_freeze_count() == frozen_before
    with pytest.raises(ValueError, match="task 3"):
        list(run_ordered(task, [0, 3], 1))
    assert gc.get_freeze_count() == frozen_before


def test_a_callers_own_freeze_is_left_as_it_was() -> None:
    """gc.unfreeze() thaws whatever is frozen: a caller that froze objects of its own finds
    them frozen after a run (serial or pooled), which then freezes nothing of its own."""
    import gc

    from repair.batch import BYTES_PER_WORKER, run_ordered

    callers = [[number] for number in range(100)]
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        assert frozen >= len(callers)
        seen: list[int] = []

        def task(number: int) -> int:
            seen.append(gc.get_freeze_count())
            return number

        assert list(run_ordered(task, [0, 1, 2], 1)) == [0, 1, 2]
        # The count may fall (a frozen object freed) but not rise: nothing more was frozen.
        assert len(seen) == 3 and max(seen) <= frozen
        assert _still_frozen(callers)
        if sys.platform == "linux":
            sizes = [BYTES_PER_WORKER] * 4
            pooled = run_ordered(_square_but_four, [0, 1, 2, 3], 2, size_of=sizes.__getitem__)
            assert list(pooled) == [0, 1, 4, 9]
            assert _still_frozen(callers)
    finally:
        gc.unfreeze()


def _still_frozen(objects: list[list[int]]) -> bool:
    """Whether ``objects`` are all frozen: not in any generation the collector walks."""
    import gc

    walked = {id(item) for item in gc.get_objects()}
    return all(id(item) not in walked for item in objects)


_KEPT: list[object] = []


def _freeze_count_at_start(task: int) -> tuple[int, int, int]:
    """A task of the test below: (its worker, when it started, the frozen-object count
    then), keeping a few objects alive as a first task's tables are."""
    import gc
    import time

    started = (os.getpid(), time.monotonic_ns(), gc.get_freeze_count())
    _KEPT.append([[task] for _ in range(100)])
    time.sleep(0.01)
    return started


def test_a_worker_freezes_what_its_first_task_loaded() -> None:
    """In each worker, the tasks after its first find what the first one loaded moved out
    of the cyclic collector's sight (the first finds only what the parent froze)."""
    from repair.batch import BYTES_PER_WORKER, run_ordered

    if sys.platform != "linux":
        pytest.skip("workers are forked on Linux only")
    tasks = list(range(12))
    results = list(
        run_ordered(_freeze_count_at_start, tasks, 2, size_of=lambda _: BYTES_PER_WORKER)
    )
    by_worker: dict[int, list[tuple[int, int]]] = {}
    for pid, started, frozen in results:
        by_worker.setdefault(pid, []).append((started, frozen))
    assert len(by_worker) == 2 and os.getpid() not in by_worker
    for runs in by_worker.values():
        counts = [frozen for _, frozen in sorted(runs)]
        assert len(counts) >= 2 and all(count > counts[0] for count in counts[1:])
