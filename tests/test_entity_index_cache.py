"""The entity index kept in the cache folder: restored equal to the built one, never stale
or damaged, one entry per set of lists, and used only when the run caches."""

from __future__ import annotations

import dataclasses
import gc
import marshal
from collections.abc import MutableMapping
from pathlib import Path

import pytest
from click.testing import CliRunner

from repair.entities import EntityIndex, index_cache, load_index, loading
from tests.conftest import CORPUS, FIXTURES

CORPUS_LIST = CORPUS / "entities.toml"
WORLD_LIST = FIXTURES / "names" / "world.toml"


def _fields(index: EntityIndex) -> list[object]:
    """Every field of an index, tables as lists of items (their order counts too); the
    spelling groups as made (by the index built) or restored; not where it is kept."""
    values: list[object] = []
    for field in dataclasses.fields(index):
        if field.name == "kept_at":
            continue
        value = index.spelling_groups() if field.name == "_groups" else getattr(index, field.name)
        values.append(list(value.items()) if hasattr(value, "items") else value)
    return values


def _fresh(paths: tuple[str, ...], cache: Path | None) -> EntityIndex:
    """The index a new process would load: nothing remembered from this one."""
    loading._RECENT.clear()
    return load_index(paths, cache)


def _entries(cache: Path) -> list[Path]:
    return sorted((cache / "entities").glob("*.index"))


def _must_not_build(monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(paths: tuple[str, ...]) -> EntityIndex:
        raise AssertionError(f"built {paths} instead of restoring it")

    monkeypatch.setattr(loading, "_built_index", fail)


def test_a_restored_index_equals_the_built_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    paths = (str(CORPUS_LIST), str(WORLD_LIST))
    built = _fresh(paths, None)
    assert _entries(tmp_path) == []
    first = _fresh(paths, tmp_path)
    assert len(_entries(tmp_path)) == 1
    _must_not_build(monkeypatch)
    restored = _fresh(paths, tmp_path)
    assert restored is not first
    assert _fields(restored) == _fields(built) == _fields(first)
    assert restored.kept_at == first.kept_at == _entries(tmp_path)[0]
    assert built.kept_at is None
    assert not isinstance(restored.spellings, MutableMapping)  # read-only, as the built ones
    assert restored.near("Hegsith", 60.0) == built.near("Hegsith", 60.0)


def test_a_later_load_without_the_folder_gets_the_same_index(tmp_path: Path) -> None:
    paths = (str(CORPUS_LIST),)
    loading._RECENT.clear()
    assert load_index(paths, tmp_path) is load_index(paths)


def test_an_edited_list_is_built_again_and_its_old_entry_removed(tmp_path: Path) -> None:
    listed = tmp_path / "list" / "entities.toml"
    listed.parent.mkdir()
    listed.write_text('[[entity]]\nname = "Kyiv"\ntype = "place"\n', encoding="utf-8")
    cache = tmp_path / "cache"
    assert [e.name for e in _fresh((str(listed),), cache).entities] == ["Kyiv"]
    old = _entries(cache)
    listed.write_text('[[entity]]\nname = "Oslo"\ntype = "place"\n', encoding="utf-8")
    assert [e.name for e in _fresh((str(listed),), cache).entities] == ["Oslo"]
    new = _entries(cache)
    assert len(old) == len(new) == 1 and old != new
    # Another set of lists keeps its own entry
    _fresh((str(listed), str(WORLD_LIST)), cache)
    assert len(_entries(cache)) == 2


def test_an_index_of_bytes_edited_while_read_is_kept_nowhere(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The list changes between its digest and its read: the index of what was read is
    used, and a later load of the digested bytes does not get it."""
    listed = tmp_path / "entities.toml"
    listed.write_text('[[entity]]\nname = "Kyiv"\ntype = "place"\n', encoding="utf-8")
    digested = loading._list_digest(str(listed))
    listed.write_text('[[entity]]\nname = "Oslo"\ntype = "place"\n', encoding="utf-8")
    loading._RECENT.clear()
    with monkeypatch.context() as patched:
        patched.setattr(loading, "_list_digest", lambda path: digested)
        assert [e.name for e in load_index((str(listed),), tmp_path / "cache").entities] == ["Oslo"]
    assert not loading._RECENT
    assert not _entries(tmp_path / "cache")
    listed.write_text('[[entity]]\nname = "Kyiv"\ntype = "place"\n', encoding="utf-8")
    assert [e.name for e in load_index((str(listed),)).entities] == ["Kyiv"]


@pytest.mark.parametrize("damage", ["truncated", "flipped", "empty", "other layout"])
def test_a_damaged_entry_is_built_again_and_replaced(tmp_path: Path, damage: str) -> None:
    paths = (str(WORLD_LIST),)
    built = _fresh(paths, tmp_path)
    (entry,) = _entries(tmp_path)
    data = entry.read_bytes()
    if damage == "truncated":
        entry.write_bytes(data[: len(data) // 2])
    elif damage == "flipped":
        entry.write_bytes(data[:-10] + bytes([data[-10] ^ 1]) + data[-9:])
    elif damage == "empty":
        entry.write_bytes(b"")
    else:  # a well-formed entry of another layout: digest right, fields wrong
        body = marshal.dumps((index_cache.FORMAT, (), {}))
        header = data[: data.index(b"\n") + 1]
        entry.write_bytes(header + index_cache._check(body) + body)
    assert index_cache.restore(entry, EntityIndex) is None
    again = _fresh(paths, tmp_path)
    assert _fields(again) == _fields(built)
    assert index_cache.restore(entry, EntityIndex) is not None  # written anew


def test_an_entry_is_keyed_by_the_code_too(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    paths = (str(WORLD_LIST),)
    digests = tuple(loading._digest(path) for path in paths)
    before = index_cache.entry_path(tmp_path, paths, digests)
    monkeypatch.setattr(index_cache.stamps, "code_stamp", lambda: ("another version",))
    after = index_cache.entry_path(tmp_path, paths, digests)
    assert before != after and before.name[:20] == after.name[:20]


def test_an_unwritable_cache_only_costs_the_build(tmp_path: Path) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("not a folder", encoding="utf-8")
    index = _fresh((str(WORLD_LIST),), blocked)
    assert len(index) and blocked.read_text(encoding="utf-8") == "not a folder"


def _check(tmp_path: Path, *flags: str) -> None:
    from repair.cli import main

    text = tmp_path / "text.txt"
    text.write_text("Officials met Velderholm on Friday.\n", encoding="utf-8")
    loading._RECENT.clear()
    result = CliRunner().invoke(
        main,
        ["check", str(text), "--isolated", "--entities", str(WORLD_LIST), "--exit-zero", *flags],
        env={"REPAIR_CACHE_DIR": str(tmp_path / "cache")},
    )
    assert result.exit_code == 0, result.output


def test_the_check_keeps_the_index_beside_its_results(tmp_path: Path) -> None:
    _check(tmp_path)
    assert len(list((tmp_path / "cache").glob("*/entities/*.index"))) == 1


def test_a_library_run_leaves_nothing_frozen(tmp_path: Path) -> None:
    """The index is frozen for the run only: a library caller lives on, and the collector
    must see its objects again."""
    from repair import Config, check_paths

    text = tmp_path / "text.txt"
    text.write_text("Officials met Velderholm on Friday.\n", encoding="utf-8")
    loading._RECENT.clear()
    frozen = gc.get_freeze_count()
    config = Config(entities=(str(WORLD_LIST),), cache_dir=str(tmp_path / "cache"))
    assert list(check_paths([text], config=config, cache=True))
    assert gc.get_freeze_count() == frozen


def test_no_cache_builds_the_index_and_keeps_nothing(tmp_path: Path) -> None:
    _check(tmp_path, "--no-cache")
    assert not (tmp_path / "cache").exists()


def test_what_a_run_loads_is_frozen_out_of_the_collectors_sight() -> None:
    from repair.batch import thaw_after_run
    from repair.cached_batch import _kept_for_the_run

    frozen = gc.get_freeze_count()
    freezes: list[bool] = []
    try:
        with _kept_for_the_run(freezes):
            assert not gc.isenabled()
            made = [[number] for number in range(1000)]
        assert gc.isenabled() and gc.get_freeze_count() >= frozen + len(made)
        assert freezes == [True]
    finally:
        thaw_after_run()
    assert gc.get_freeze_count() == frozen == 0
    gc.disable()
    try:
        with _kept_for_the_run(freezes):
            made = [[number] for number in range(1000)]
        assert not gc.isenabled() and gc.get_freeze_count() == 0 and freezes == [True]
    finally:
        gc.enable()


def test_a_library_callers_own_freeze_is_left_as_it_was(tmp_path: Path) -> None:
    """gc.unfreeze() thaws whatever is frozen: a caller that froze objects of its own finds
    them frozen after a run, which then freezes nothing of its own."""
    from repair import Config, check_paths

    text = tmp_path / "text.txt"
    text.write_text("Officials met Velderholm on Friday.\n", encoding="utf-8")
    loading._RECENT.clear()
    callers = [[number] for number in range(100)]
    gc.freeze()
    try:
        config = Config(entities=(str(WORLD_LIST),), cache_dir=str(tmp_path / "cache"))
        assert list(check_paths([text], config=config, cache=True))
        walked = {id(item) for item in gc.get_objects()}  # the generations it walks
        assert not any(id(item) in walked for item in callers)
    finally:
        gc.unfreeze()


def test_the_process_remembers_the_last_eight_list_sets(tmp_path: Path) -> None:
    loading._RECENT.clear()
    paths = []
    for number in range(9):
        listed = tmp_path / f"list{number}.toml"
        listed.write_text(f'[[entity]]\nname = "Dovriv{"v" * number}"\n', encoding="utf-8")
        paths.append((str(listed),))
        load_index(paths[-1])
    remembered = [key[0] for key in loading._RECENT]
    assert remembered == paths[1:]


def test_a_run_the_cache_answers_whole_restores_the_index_to_compare_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No file goes to a worker, so nothing loads the index before the corpus rule: it
    must still come from the cache folder, not be built (3.7 s for 100,000 entries)."""
    from repair import Config, check_paths

    monkeypatch.setattr("repair.stamps.RACY_NS", -1)  # trust files written a moment ago
    texts = {"a": "Zelensky spoke. Zelensky left.", "b": "Zelenskyy arrived."}
    for name, text in texts.items():
        (tmp_path / f"{name}.txt").write_text(text + "\n", encoding="utf-8")
    config = Config(select=("NAM",), entities=(str(WORLD_LIST),), cache_dir=str(tmp_path / "cache"))
    loading._RECENT.clear()
    first = [r.findings for r in check_paths([tmp_path], config=config, cache=True)]
    assert any(f.code == "NAM004" for findings in first for f in findings)
    loading._RECENT.clear()  # a new process
    _must_not_build(monkeypatch)
    monkeypatch.setattr("repair.cached_batch.run_task", _must_not_run)  # the cache answers all
    again = [r.findings for r in check_paths([tmp_path], config=config, cache=True)]
    assert again == first


def _must_not_run(task: object) -> None:
    raise AssertionError(f"{task} went to a worker")


def test_restored_entities_are_the_built_ones_made_when_asked_for(tmp_path: Path) -> None:
    paths = (str(CORPUS_LIST), str(WORLD_LIST))
    built = _fresh(paths, None).entities
    _fresh(paths, tmp_path)
    restored = _fresh(paths, tmp_path).entities
    assert isinstance(restored, index_cache.RestoredEntities) and not restored._made
    assert restored[3] == built[3] and restored[-1] == built[-1] and len(restored._made) == 2
    assert restored[1:7:2] == built[1:7:2]
    assert list(restored) == list(built) and restored == built and built == restored
    assert restored != built[:-1] and restored[0] is restored[0]
    for outside in (len(built), -len(built) - 1):
        with pytest.raises(IndexError):
            built[outside]
        with pytest.raises(IndexError):
            restored[outside]
