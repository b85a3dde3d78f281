"""A restored index reads its tables in shards, as keys are looked up: it answers every
look-up, near search and iteration exactly as the index built from the lists, whichever
shards were read before; and a damaged entry is still built again."""

from __future__ import annotations

import dataclasses
import itertools
import marshal
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from benchmarks.names_speed import entity_list, write_toml
from repair.entities import EntityIndex, fold, index_cache, load_index, loading, sound_key
from repair.entities.lists import merge, read_entity_list
from repair.entities.shards import ShardedSet, ShardedTable, cut
from repair.errors import RepairError
from tests.conftest import CORPUS, FIXTURES, real_text_paths

WORLD_LIST = FIXTURES / "names" / "world.toml"
_TABLES = [f.name for f in dataclasses.fields(EntityIndex) if f.name not in ("entities", "kept_at")]


@pytest.fixture(scope="module")
def lists(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, ...]:
    """The sample corpus's list and a made-up one of 3,000 entries: tables of many shards."""
    made = tmp_path_factory.mktemp("lists") / "made-up.toml"
    write_toml(entity_list(3000), made)
    return (str(CORPUS / "entities.toml"), str(WORLD_LIST), str(made))


@pytest.fixture(scope="module")
def tokens() -> list[str]:
    """Words of real text, their case folds and a few damaged: most in no table."""
    found: dict[str, None] = {}
    for path in real_text_paths()[:40]:
        for word in re.findall(r"\w+", path.read_text(encoding="utf-8")):
            found.update(dict.fromkeys((word, word.casefold(), word[:-1], fold(word))))
    return [*found, "", "\udcff", "Tozdemar\u0301"]


def _restored(paths: tuple[str, ...], cache: Path) -> EntityIndex:
    loading._RECENT.clear()
    load_index(paths, cache)  # built and kept
    loading._RECENT.clear()
    (entry,) = (cache / "entities").glob("*.index")
    restored = index_cache.restore(entry, EntityIndex)
    assert restored is not None
    return restored


def _keys(built: EntityIndex, name: str, tokens: list[str]) -> list[object]:
    table = getattr(built, name)
    if name == "_buckets":  # (first sounds, length): the tokens' own, and of other kinds
        starts = [sound_key(t)[:2] for t in tokens[:3000]]
        return [*table, *((s, len(s) + 3) for s in starts), ("ka", 5.0), ("ka", True), ("ka",)]
    return [*table, *tokens, 7, None, b"Kyiv"]


def test_every_table_answers_as_the_built_ones(
    lists: tuple[str, ...], tokens: list[str], tmp_path: Path
) -> None:
    built = EntityIndex.build(merge(map(read_entity_list, lists)))
    restored = _restored(lists, tmp_path)
    for name in _TABLES:
        kept = getattr(restored, name)
        table = built.spelling_groups() if name == "_groups" else getattr(built, name)
        assert isinstance(kept, ShardedTable | ShardedSet), name
        assert len(kept) == len(table), name
        for key in _keys(built, name, tokens):
            assert (key in kept) == (key in table), (name, key)
            if isinstance(table, frozenset):
                continue
            assert kept.get(key) == table.get(key), (name, key)
            assert kept.get(key, "absent") == table.get(key, "absent"), (name, key)
            if key in table:
                assert kept[key] == table[key], (name, key)
            else:
                with pytest.raises(KeyError):
                    kept[key]
        # Iterated after some shards were read, and in a fresh one before any: the order kept
        fresh = getattr(_restored(lists, tmp_path / "again"), name)
        assert list(fresh) == list(kept) == list(table), name
        assert kept == table and table == kept, name
    assert built.canonical_spellings == restored.canonical_spellings
    with pytest.raises(TypeError):  # unhashable, as a dict says
        [] in restored.spellings  # noqa: B015


def test_near_searches_answer_as_the_built_index(
    lists: tuple[str, ...], tokens: list[str], tmp_path: Path
) -> None:
    built = EntityIndex.build(merge(map(read_entity_list, lists)))
    restored = _restored(lists, tmp_path)
    names = [t for t in tokens if t[:1].isupper() and len(t) >= 4][:400]
    names += [n[:3] + "a" + n[4:] for n in itertools.islice(built.key_spellings, 0, 3000, 10)]
    for token in names:
        assert restored.near(token, 60.0) == built.near(token, 60.0), token
        assert restored.near_within(token, 2, 60.0) == built.near_within(token, 2, 60.0), token


def test_the_tables_come_from_the_bytes_checked(lists: tuple[str, ...], tmp_path: Path) -> None:
    """The entry replaced or removed after the restore, before a table's first use: the
    shards are read from the bytes read then, not from the file."""
    built = EntityIndex.build(merge(map(read_entity_list, lists)))
    restored = _restored(lists, tmp_path)
    (entry,) = (tmp_path / "entities").glob("*.index")
    entry.write_bytes(b"\0" * entry.stat().st_size)
    assert dict(restored.spellings) == dict(built.spellings)
    entry.unlink()
    assert list(restored._by_fold.items()) == list(built._by_fold.items())


@pytest.mark.parametrize("where", [0.3, 0.6, 0.9])
def test_a_damaged_shard_fails_the_check_and_is_built_again(
    lists: tuple[str, ...], tmp_path: Path, where: float
) -> None:
    built = _restored(lists, tmp_path)
    (entry,) = (tmp_path / "entities").glob("*.index")
    data = bytearray(entry.read_bytes())
    data[int(len(data) * where)] ^= 0x10  # inside some table's shards
    entry.write_bytes(bytes(data))
    assert index_cache.restore(entry, EntityIndex) is None
    loading._RECENT.clear()
    again = load_index(lists, tmp_path)
    assert dict(again.by_casefold) == dict(built.by_casefold)
    assert index_cache.restore(entry, EntityIndex) is not None  # written anew


def test_a_directory_placing_blobs_past_the_end_is_another_layout(tmp_path: Path) -> None:
    """Well formed and checked, but its spans wrong: built again, not read past the end."""
    index = _restored((str(WORLD_LIST),), tmp_path)
    (entry,) = (tmp_path / "entities").glob("*.index")
    body = index_cache._body(index.entities, [{}] * 10)
    size = int.from_bytes(body[:4], "little")
    directory = marshal.loads(body[4 : 4 + size])
    wrong = marshal.dumps((*directory[:1], (0, 1 << 40), *directory[2:]))
    body = len(wrong).to_bytes(4, "little") + wrong + body[4 + size :]
    entry.write_bytes(index_cache._MAGIC + index_cache._check(body) + body)
    assert index_cache.restore(entry, EntityIndex) is None


_WORDS = st.text(max_size=12)
_BUCKETS = st.tuples(_WORDS, st.integers(-3, 1 << 40))


@settings(max_examples=80, deadline=None)
@given(
    table=st.dictionaries(_WORDS, _WORDS, min_size=40, max_size=300)
    | st.dictionaries(_BUCKETS, _WORDS, min_size=40, max_size=300)
    | st.dictionaries(_WORDS | _BUCKETS | st.integers(), _WORDS, max_size=40),
    others=st.lists(_WORDS | _BUCKETS, max_size=20),
)
def test_a_sharded_table_is_the_table_it_was_cut_from(
    table: dict[object, str], others: list[object]
) -> None:
    shards, order = cut(table)
    kept: ShardedTable[object, str] = ShardedTable(
        len(shards), len(table), shards.__getitem__, order
    )
    for key in [*others, *table]:
        assert (key in kept) == (key in table) and kept.get(key) == table.get(key)
    assert list(kept.items()) == list(table.items()) and len(kept) == len(table)


def _rewritten(entry: Path, change: Callable[[list[Any]], None]) -> None:
    """The entry with its directory changed, and its check made anew: an entry whose check
    passes, written wrong on purpose (or by a faulty writer)."""
    data = entry.read_bytes()
    body = data[len(index_cache._MAGIC) + index_cache._CHECK_SIZE :]
    size = int.from_bytes(body[:4], "little")
    directory = list(marshal.loads(body[4 : 4 + size]))
    directory[3] = [list(described) for described in directory[3]]
    change(directory)
    directory[3] = tuple(map(tuple, directory[3]))
    wrong = marshal.dumps(tuple(directory))
    body = len(wrong).to_bytes(4, "little") + wrong + body[4 + size :]
    entry.write_bytes(index_cache._MAGIC + index_cache._check(body) + body)


def _base(value: int) -> Callable[[list[Any]], None]:
    return lambda directory: directory[3][0].__setitem__(1, value)


_WRONG_PLACES = {
    "base before the blobs": _base(-100),
    "base -1": _base(-1),
    "length a float": lambda d: d[3][0].__setitem__(0, float(d[3][0][0])),
    "shards over the rows": _base(0),
    "order over the shards' ends": lambda d: d[3][0].__setitem__(3, d[3][0][2]),
    "rows one byte on": lambda d: d.__setitem__(1, (1, d[1][1])),
    "rows over a table": lambda d: d.__setitem__(1, (d[3][0][1], d[3][0][1] + d[1][1])),
    "a table over the next": lambda d: d[3].__setitem__(0, d[3][1]),
}


@pytest.mark.parametrize("change", _WRONG_PLACES.values(), ids=_WRONG_PLACES.keys())
def test_a_directory_placing_blobs_wrong_is_another_layout(
    tmp_path: Path, change: Callable[[list[Any]], None]
) -> None:
    """Checked but wrong: a negative base read the blobs' end, a float length failed len()
    in a rule, and overlapping blobs read shards or rows of something else, each ending the
    run as an internal error when first read. Built again instead."""
    paths = (str(WORLD_LIST),)
    built = _restored(paths, tmp_path)
    (entry,) = (tmp_path / "entities").glob("*.index")
    _rewritten(entry, change)
    assert index_cache.restore(entry, EntityIndex) is None
    loading._RECENT.clear()
    assert dict(load_index(paths, tmp_path).spellings) == dict(built.spellings)


def _written_wrong(entry: Path, index: EntityIndex, monkeypatch: pytest.MonkeyPatch) -> None:
    """``index`` kept at ``entry`` by a writer whose shards, orders or rows are wrong (as
    ``monkeypatch`` made them), its blobs placed right and its check passing."""
    loading._RECENT.clear()
    tables = [getattr(index, name) for name in _TABLES[:5] + _TABLES[6:9]]
    body = index_cache._body(
        index.entities, [*tables, dict.fromkeys(index.canonical_spellings), index._groups]
    )
    monkeypatch.undo()
    entry.write_bytes(index_cache._MAGIC + index_cache._check(body) + body)


def _not_a_dict(table: Any) -> tuple[list[bytes], bytes]:
    shards, order = cut(table)
    return [marshal.dumps(list(range(3))) for _ in shards], order


def _order_past(table: Any) -> tuple[list[bytes], bytes]:
    shards, order = cut(table)
    return shards, b"\xff" * len(order)


@pytest.mark.parametrize("wrong", [_not_a_dict, _order_past], ids=["not a dict", "order past"])
def test_a_shard_that_does_not_load_is_a_clear_error_and_the_entry_is_built_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, wrong: Callable[[Any], Any]
) -> None:
    """Shards that are no tables, or an order naming shards past the last: the error names
    the entry and is a RepairError (a batch reports it against the file, not as an
    internal error ending the run: before, a ValueError, an IndexError in iteration), and
    the entry goes, so that the next run builds it."""
    paths = (str(WORLD_LIST),)
    built = _restored(paths, tmp_path)
    (entry,) = (tmp_path / "entities").glob("*.index")
    monkeypatch.setattr(index_cache, "cut", wrong)
    _written_wrong(entry, built, monkeypatch)
    hostile = index_cache.restore(entry, EntityIndex)
    assert hostile is not None  # its shards are read on first use only
    with pytest.raises(RepairError, match=re.escape(str(entry))):
        list(hostile.spellings) if wrong is _order_past else "Kyiv" in hostile.spellings
    assert not entry.exists()
    loading._RECENT.clear()
    assert dict(load_index(paths, tmp_path).spellings) == dict(built.spellings)
    assert index_cache.restore(entry, EntityIndex) is not None


def test_a_row_that_does_not_load_is_a_clear_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    paths = (str(WORLD_LIST),)
    built = _restored(paths, tmp_path)
    (entry,) = (tmp_path / "entities").glob("*.index")
    rows, ends = index_cache._rows(built.entities)
    monkeypatch.setattr(index_cache, "_rows", lambda _: (b"\xff" * len(rows), ends))
    _written_wrong(entry, built, monkeypatch)
    hostile = index_cache.restore(entry, EntityIndex)
    assert hostile is not None
    with pytest.raises(RepairError, match=re.escape(str(entry))):
        hostile.entities[3]
    assert not entry.exists()
