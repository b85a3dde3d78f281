"""Rankings of suspect tokens kept in the notes of an index's cache entry: a later process
uses the kept ranking instead of searching the list, and gets the one the search gives
(lists of 100,000 entries as names_speed.py makes them, on the sample corpus, real scraped
pages and garbled names)."""

from __future__ import annotations

import dataclasses
import marshal
import os
import zlib
from collections.abc import Iterator
from pathlib import Path

import pytest

from benchmarks.names_speed import entity_list, write_toml
from repair import Config, check_paths
from repair.entities import EntityIndex, load_index, loading, read_entity_list
from repair.entities.notes import add_notes, notes_path, read_notes
from repair.rules.names import known, mentions, suspects
from repair.rules.names.mentions import _CAPITALIZED
from tests.conftest import CORPUS
from tests.rules.test_names_large_list import _texts

SIZE = 100_000


@pytest.fixture(scope="module")
def big_index(tmp_path_factory: pytest.TempPathFactory) -> EntityIndex:
    """The corpus's list and made-up entities, 100,000 in all, with no cache entry."""
    own = read_entity_list(CORPUS / "entities.toml")
    path = tmp_path_factory.mktemp("known") / "big.toml"
    write_toml([*own, *entity_list(SIZE - len(own))], path)
    return load_index((str(path),))


@pytest.fixture
def noted(big_index: EntityIndex, tmp_path: Path) -> Iterator[EntityIndex]:
    """The same index, as if restored from an entry in ``tmp_path`` (notes kept there)."""
    index = dataclasses.replace(big_index, kept_at=tmp_path / "entry.index")
    _forget()
    yield index
    _forget()


def _forget() -> None:
    """What this process knows: as a new process, which reads the notes again."""
    known._known.cache_clear()
    mentions._plans.cache_clear()
    mentions.scan.cache_clear()


def _suspect_tokens(index: EntityIndex) -> list[str]:
    tokens = dict.fromkeys(m[0] for text in _texts() for m in _CAPITALIZED.finditer(text))
    return [t for t in tokens if t not in index.spellings and t.casefold() not in index.by_casefold]


def test_a_kept_ranking_is_the_one_the_search_gives(noted: EntityIndex) -> None:
    tokens = _suspect_tokens(noted)
    searched = {token: known.known_ranking(token, noted, "en") for token in tokens}
    known.keep_rankings(noted, "en")
    _forget()
    kept = known._known(noted, "en").kept
    assert kept.keys() == searched.keys()
    for token in tokens:
        ranking = known.known_ranking(token, noted, "en")
        assert ranking == searched[token] == suspects.near_ranking(token, noted, "en"), token
    assert not known._known(noted, "en").new  # none was searched again
    # Every part of a ranking went through the notes: rivals, runner-ups, kin, the flags
    rankings = [r for r in searched.values() if r is not None]
    assert len(rankings) > 200
    assert sum(bool(r.rivals) for r in rankings) > 10
    assert sum(r.runner_up for r in rankings) > 10
    assert sum(bool(r.kin) for r in rankings) > 0
    assert sum(r.best.same_sound for r in rankings) > 2
    assert sum(r.best.truncated for r in rankings) > 10


def test_a_scan_with_kept_rankings_finds_what_one_without_finds(
    big_index: EntityIndex, noted: EntityIndex
) -> None:
    texts = list(_texts())
    searched = [mentions.scan(text, big_index) for text in texts]
    assert sum(m.kind == "near" for scanned in searched for m in scanned) > 100
    for text in texts:  # a first run keeps the rankings after each text
        mentions.scan(text, noted)
    assert not known._known(noted, "en").new
    _forget()
    assert [mentions.scan(text, noted) for text in texts] == searched
    assert not known._known(noted, "en").new


def test_a_worker_reads_what_its_sibling_ranked_since(
    noted: EntityIndex, monkeypatch: pytest.MonkeyPatch
) -> None:
    tokens = [t for t in _suspect_tokens(noted) if suspects.near_ranking(t, noted, "en")][:40]
    expected = {token: suspects.near_ranking(token, noted, "en") for token in tokens}
    assert known._known(noted, "en").kept == {}  # this worker read the notes: none yet
    assert noted.kept_at is not None
    topic = "names.rankings.en"
    # The sibling keeps its first rankings, then is writing more when this worker reads
    add_notes(noted.kept_at, topic, {t: known._encoded(expected[t]) for t in tokens[:20]})
    add_notes(noted.kept_at, topic, {t: known._encoded(expected[t]) for t in tokens[20:]})
    whole = notes_path(noted.kept_at).read_bytes()
    first = len(whole) - len(_record(marshal.dumps((topic, {})))) // 2
    notes_path(noted.kept_at).write_bytes(whole[:first])
    monkeypatch.setattr(known, "near_ranking", lambda *args: pytest.fail(f"searched {args[0]}"))
    for token in tokens[:20]:
        assert known.known_ranking(token, noted, "en") == expected[token]
    assert tokens[-1] not in known._known(noted, "en").kept  # its record is not whole yet
    notes_path(noted.kept_at).write_bytes(whole)
    for token in tokens[20:]:
        assert known.known_ranking(token, noted, "en") == expected[token]


def test_the_notes_are_per_language(noted: EntityIndex) -> None:
    token = next(t for t in _suspect_tokens(noted) if known.known_ranking(t, noted, "en"))
    known.keep_rankings(noted, "en")
    _forget()
    assert token in known._known(noted, "en").kept
    assert token not in known._known(noted, "de").kept


def test_an_index_with_no_entry_keeps_nothing(big_index: EntityIndex, tmp_path: Path) -> None:
    _forget()
    for text in _texts():
        mentions.scan(text, big_index)
    assert not known._known(big_index, "en").new
    assert big_index.kept_at is None


@pytest.mark.parametrize("damage", ["cut", "flipped", "garbage", "not-a-table"])
def test_damaged_notes_give_the_records_before_the_damage(tmp_path: Path, damage: str) -> None:
    entry = tmp_path / "entry.index"
    add_notes(entry, "topic", {"Velderhlm": 1})
    whole = notes_path(entry).stat().st_size
    add_notes(entry, "topic", {"Kogan": 2, "Velderhlm": 3})
    add_notes(entry, "other", {"Kogan": 4})
    assert read_notes(entry) == {"topic": {"Velderhlm": 3, "Kogan": 2}, "other": {"Kogan": 4}}
    data = notes_path(entry).read_bytes()
    if damage == "cut":
        data = data[: whole + 12]
    elif damage == "flipped":
        data = data[: whole + 10] + bytes([data[whole + 10] ^ 1]) + data[whole + 11 :]
    elif damage == "garbage":
        data = data[:whole] + os.urandom(64)
    else:  # a record whose checksum is right and whose body is no (topic, table) pair
        body = marshal.dumps(("topic", ["Kogan"]))
        data = data[:whole] + _record(body) + data[whole:]
    notes_path(entry).write_bytes(data)
    assert read_notes(entry) == {"topic": {"Velderhlm": 1}}


def _record(body: bytes) -> bytes:
    return len(body).to_bytes(4, "little") + zlib.crc32(body).to_bytes(4, "little") + body


def test_notes_stop_growing_at_their_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from repair.entities import notes

    monkeypatch.setattr(notes, "MAX_BYTES", 200)
    entry = tmp_path / "entry.index"
    for number in range(20):
        add_notes(entry, "topic", {f"token{number}": number})
    assert 100 < notes_path(entry).stat().st_size <= 200
    assert 0 < len(read_notes(entry)["topic"]) < 20


def test_a_record_cut_short_is_taken_back(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # A full disk writes part of a record: left there, it would hide every later record.
    from repair.entities import notes

    entry = tmp_path / "entry.index"
    add_notes(entry, "topic", {"Velderhlm": 1})
    whole = notes_path(entry).stat().st_size
    real_write = os.write
    monkeypatch.setattr(notes.os, "write", lambda handle, data: real_write(handle, data[:10]))
    add_notes(entry, "topic", {"Kogan": 2})
    monkeypatch.setattr(notes.os, "write", real_write)
    assert notes_path(entry).stat().st_size == whole
    add_notes(entry, "topic", {"Ivanova": 3})
    assert read_notes(entry) == {"topic": {"Velderhlm": 1, "Ivanova": 3}}


def test_an_unwritable_folder_only_costs_the_search(tmp_path: Path) -> None:
    add_notes(tmp_path / "missing" / "entry.index", "topic", {"Kogan": 1})
    assert read_notes(tmp_path / "missing" / "entry.index") == {}


def test_a_rerun_in_a_cache_folder_uses_the_kept_rankings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Through the CLI's path: the index restored from the cache, its notes beside it."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for path in sorted(CORPUS.glob("*.txt"))[:6]:
        (corpus / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    monkeypatch.setenv("REPAIR_CACHE_DIR", str(tmp_path / "cache"))
    config = Config(select=("NAM",), entities=(str(CORPUS / "entities.toml"),))
    loading._RECENT.clear()  # restored from the cache folder, not an index loaded before
    _forget()
    first = [r.findings for r in check_paths([corpus], config=config, cache=True)]
    (notes,) = (tmp_path / "cache").rglob("*.notes")
    assert any(read_notes(Path(str(notes)[: -len(".notes")])).values())
    for entry in (tmp_path / "cache").rglob("*"):  # the results go; the index and notes stay
        if entry.is_file() and "entities" not in entry.parts:
            entry.unlink()
    loading._RECENT.clear()
    _forget()
    searched: list[str] = []
    monkeypatch.setattr(known, "near_ranking", lambda *args: searched.append(args[0]))
    assert [r.findings for r in check_paths([corpus], config=config, cache=True)] == first
    assert not searched
    loading._RECENT.clear()
    _forget()


def test_storing_an_entry_again_keeps_its_own_notes(tmp_path: Path) -> None:
    """The notes share the entry's key, so an entry stored again (two cold runs at once, a
    damaged entry rebuilt) keeps them: removing them lost the first run's rankings, and
    its workers, reading on from where they stopped, then read a new file from the middle
    of a record. The notes of the other entries of the same lists still go."""
    from repair.entities import index_cache

    entry = tmp_path / "entities" / "paths-key.index"
    older = entry.with_name("paths-older.index")
    entry.parent.mkdir()
    add_notes(entry, "topic", {"Velderhlm": 1})
    add_notes(older, "topic", {"Kogan": 2})
    index_cache.store(entry, [], [{}] * 8, frozenset(), {})
    assert read_notes(entry) == {"topic": {"Velderhlm": 1}}
    assert not notes_path(older).exists()


@pytest.mark.parametrize(
    "kept",
    [
        5,
        "ranking",
        compile("1", "notes", "eval"),
        ((), (), False, ()),
        (("Velderholm", (0,), 90.0, False), (), False, ()),
        (("Velderholm", "0", 90.0, False, False), (), False, ()),
        (("Velderholm", (10**9,), 90.0, False, False), (), False, ()),
        (("Velderholm", (0,), 90.0, False, False), 7, False, ()),
    ],
)
def test_a_kept_ranking_of_another_shape_is_searched_again(
    noted: EntityIndex, kept: object
) -> None:
    """A record whose checksum is right and whose ranking is no ranking (written on
    purpose, or by a bug) costs the search again, not the run: the whole check failed with
    an internal error while the notes held it."""
    token = next(t for t in _suspect_tokens(noted) if suspects.near_ranking(t, noted, "en"))
    assert noted.kept_at is not None
    add_notes(noted.kept_at, "names.rankings.en", {token: kept})
    assert known.known_ranking(token, noted, "en") == suspects.near_ranking(token, noted, "en")


def test_a_process_holds_a_bounded_number_of_rankings(
    noted: EntityIndex, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The notes stop growing at their limit; what a long process keeps in memory stops
    too (it grew with every token it ever met: 200,000 tokens, 200,000 rankings held)."""
    monkeypatch.setattr(known, "_MAX_KEPT", 50, raising=False)
    for number in range(300):
        known.known_ranking(f"Zqxv{number:04d}", noted, "en")
        known.keep_rankings(noted, "en")
    assert len(known._known(noted, "en").kept) <= 51
