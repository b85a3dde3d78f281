"""The NAM scan by token (each distinct capitalized token sorted once, the named ones looked
for in the text) against the walk of every capitalized token in order, its reference."""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

from benchmarks.names_speed import entity_list, garbled, write_toml
from repair.entities import EntityIndex, load_index, read_entity_list
from repair.rules.names import mentions
from repair.rules.names.capitalized import capitalized_pattern
from repair.rules.names.mentions import _CAPITALIZED
from tests.conftest import real_text_paths
from tests.rules.test_names_large_list import CORPUS_LIST, WORLD_LIST, _texts


@pytest.fixture(scope="module")
def indexes(tmp_path_factory: pytest.TempPathFactory) -> list[EntityIndex]:
    """The corpus's list and the world list (both with variants), and the corpus's list
    with 20,000 made-up entities."""
    path = tmp_path_factory.mktemp("names") / "mixed.toml"
    write_toml([*read_entity_list(CORPUS_LIST), *entity_list(20_000)], path)
    return [
        load_index((str(CORPUS_LIST),)),
        load_index((str(WORLD_LIST),)),
        load_index((str(path),)),
    ]


def _all_texts() -> Iterator[str]:
    """The texts of the large-list tests, and lines where made-up names, garbled or not,
    stand joined to more letters by an apostrophe or a hyphen (no name alone, or one)."""
    yield from _texts()
    rng = random.Random(11)
    made_up = entity_list(2_000)
    lines = []
    for _ in range(400):
        name = rng.choice(made_up).name.split()[-1]
        if rng.random() < 0.6:
            name = garbled(name, rng)
        joined = rng.choice((f"{name}'an", f"d'{name}", f"{name}-an", f"{name}'s", name))
        lines.append(f"Officials met {joined} on Friday.")
    yield "\n".join(lines) + "\n"


def _collected(text: str, index: EntityIndex, by_token: bool) -> tuple[object, ...]:
    found: tuple[list[mentions.Mention], list[mentions._Suspect], dict[str, None]] = ([], [], {})
    plans = mentions._plans(index, "en")
    if by_token:
        counts = Counter(_CAPITALIZED.findall(text))
        mentions._by_token(text, counts, index, "en", plans, *found)
        skipped: set[int] = set()
    else:
        skipped = set()
        counts = mentions._walk(text, index, "en", plans, *found, skipped)
    found_mentions, suspects, loose = found
    # The suspects come by token, not in text order: scan grades each on its own and sorts
    # the mentions by place
    by_place = sorted(suspects, key=lambda s: s.span)
    return sorted(found_mentions, key=lambda m: m.span), by_place, list(loose), counts, skipped


@pytest.mark.parametrize("few_named", [0, 10**6], ids=["one-walk", "search-each"])
def test_the_scan_by_token_finds_what_the_walk_finds(
    indexes: list[EntityIndex], few_named: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(mentions, "_FEW_NAMED", few_named)
    compared = named = 0
    for index in indexes:
        for text in _all_texts():
            variants = index.by_first_variant_word
            if not variants.keys().isdisjoint(Counter(_CAPITALIZED.findall(text))):
                continue  # the scan walks such a text
            fast = _collected(text, index, by_token=True)
            assert fast == _collected(text, index, by_token=False)
            compared += 1
            named += len(fast[0]) + len(fast[1])
    assert compared > 40 and named > 2000, (compared, named)


def test_scan_by_token_equals_scan_walking(
    indexes: list[EntityIndex], monkeypatch: pytest.MonkeyPatch
) -> None:
    texts = list(_all_texts())
    fast = [[mentions.scan(text, index) for text in texts] for index in indexes]
    mentions.scan.cache_clear()

    def walk(text, counts, index, language, plans, found, suspects, loose, pattern):  # type: ignore[no-untyped-def]
        walked = mentions._walk(
            text, index, language, plans, found, suspects, loose, set(), pattern=pattern
        )
        assert walked == counts

    monkeypatch.setattr(mentions, "_by_token", walk)
    try:
        assert [[mentions.scan(text, index) for text in texts] for index in indexes] == fast
    finally:
        mentions.scan.cache_clear()


def test_a_text_holding_a_variant_is_walked(tmp_path: Path) -> None:
    """A variant covers the tokens after its first: "Kyiv Oblast" is one mention, not two."""
    listed = tmp_path / "list.toml"
    listed.write_text(
        '[[entity]]\nname = "Kyiv"\nvariants = ["Kyiv Oblst"]\ntype = "place"\n', encoding="utf-8"
    )
    index = load_index((str(listed),))
    found = mentions.scan("In Kyiv Oblst and in Kyiv.", index)
    assert [(m.kind, m.text) for m in found] == [("variant", "Kyiv Oblst"), ("exact", "Kyiv")]


def test_a_text_naming_many_names_is_not_searched_once_per_name(
    indexes: list[EntityIndex], monkeypatch: pytest.MonkeyPatch
) -> None:
    """One search of the whole text per named token is quadratic on a text that names
    thousands of listed names (a results page): past ``_FEW_NAMED`` the text is walked once."""
    index = indexes[-1]
    surnames = list(dict.fromkeys(e.name.split()[-1] for e in index.entities))
    text = "".join(f"{name} spoke.\n" for name in surnames[: mentions._FEW_NAMED * 4])
    expected = _collected(text, index, by_token=False)

    def searched(text: str, token: str, count: int) -> None:
        raise AssertionError(f"searched the text for {token}")

    monkeypatch.setattr(mentions, "_scan_places", searched)
    assert _collected(text, index, by_token=True) == expected
    assert len(expected[0]) + len(expected[1]) > mentions._FEW_NAMED


def test_the_scan_with_the_ascii_reading_finds_what_it_finds_with_the_pattern(
    indexes: list[EntityIndex], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The scan counts and walks a text's tokens with ``capitalized_pattern`` (the ASCII
    reading where it matches the same); the reference reads every text with _CAPITALIZED.
    The texts of both paths are compared: walked (a listed variant's first word) and not."""
    texts = [*_all_texts(), *(p.read_text(encoding="utf-8") for p in real_text_paths())]
    for index in indexes:  # texts walked for a variant, and for naming many names
        variants = [v for pairs in index.by_first_variant_word.values() for v, _ in pairs]
        texts.append("".join(f"Officials met {v} on Friday.\n" for v in variants[:50]))
        surnames = dict.fromkeys(e.name.split()[-1] for e in index.entities)
        texts.append("".join(f"{name} spoke.\n" for name in list(surnames)[:200]))
    read_as_ascii = [capitalized_pattern(text) is not _CAPITALIZED for text in texts]
    assert sum(read_as_ascii) > 20
    fast = [[mentions.scan.__wrapped__(text, index) for text in texts] for index in indexes]
    monkeypatch.setattr(mentions, "capitalized_pattern", lambda text: _CAPITALIZED)
    reference = [[mentions.scan.__wrapped__(text, index) for text in texts] for index in indexes]
    assert fast == reference
    walked = [
        index.by_first_variant_word.keys() & set(_CAPITALIZED.findall(text))
        for index in indexes
        for text, ascii_read in zip(texts, read_as_ascii, strict=True)
        if ascii_read
    ]
    assert any(walked) and not all(walked)
    assert sum(len(found) for found in fast[0]) > 100
