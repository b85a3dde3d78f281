"""The NAM rules with a list of 100,000 entries (the sample corpus's own and made-up ones, as
benchmarks/names_speed.py makes them): the fast paths a large list takes answer exactly as
the reference does, on the sample corpus, real lines of ../shared/eval and garbled names."""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

from benchmarks.names_speed import entity_list, garbled, write_toml
from repair import Config, check_text
from repair.entities import EntityIndex, fold, load_index, read_entity_list
from repair.entities.groups import alternatives, spelling_groups_of
from repair.rules.names import known, mentions, support, suspects
from repair.rules.names.evidence import distance
from repair.rules.names.mentions import _CAPITALIZED
from tests.conftest import CORPUS, FIXTURES, require_eval

CORPUS_LIST = CORPUS / "entities.toml"
WORLD_LIST = FIXTURES / "names" / "world.toml"
SIZE = 100_000


@pytest.fixture(scope="module")
def big_list(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The corpus's list and made-up entities, 100,000 in all, as one TOML list."""
    own = read_entity_list(CORPUS_LIST)
    path = tmp_path_factory.mktemp("names") / "big.toml"
    write_toml([*own, *entity_list(SIZE - len(own))], path)
    return path


@pytest.fixture(scope="module")
def big_index(big_list: Path) -> EntityIndex:
    index = load_index((str(big_list),))
    assert len(index) == SIZE
    return index


def _texts() -> Iterator[str]:
    """The sample corpus, some real scraped pages, and lines naming made-up entities of the
    list, half of them garbled (as names_speed.py's corpus)."""
    for path in sorted(CORPUS.glob("*.txt")) + sorted(CORPUS.glob("*.md")):
        yield path.read_text(encoding="utf-8")
    scraped = require_eval("scraped")
    for path in sorted(scraped.glob("*.bs4.txt"))[:12]:
        yield path.read_text(encoding="utf-8")
    rng = random.Random(7)
    made_up = entity_list(2_000)
    lines = []
    for _ in range(600):
        name = rng.choice(made_up).name.split()[-1]
        if rng.random() < 0.7:
            name = garbled(name, rng)
        lines.append(f"Officials met {name} on Friday.")
    yield "\n".join(lines) + "\n"


def _reference(token: str, index: EntityIndex) -> object:
    """The ranking from every candidate within the rival cutoff (the code before
    :func:`suspects.near_ranking`)."""
    found = suspects._candidates(token, index, "en")
    return suspects._ranking(token, found, index) if found else None


def test_near_ranking_equals_the_ranking_of_every_candidate(big_index: EntityIndex) -> None:
    tokens = dict.fromkeys(m[0] for text in _texts() for m in _CAPITALIZED.finditer(text))
    ranked = lower = 0
    for token in tokens:
        if token in big_index.spellings or token.casefold() in big_index.by_casefold:
            continue
        fast = suspects.near_ranking(token, big_index, "en")
        assert fast == _reference(token, big_index), token
        if fast is not None:
            ranked += 1
            size = len(fold(token))
            edits = distance(token, fast.best.spelling)
            lower += suspects._least_ratio(size, edits + 1) < suspects._MIN_REPORT
    # The comparison covers both paths: runner-ups looked for under the report threshold
    assert ranked > 200 and lower > 50, (ranked, lower)


def test_near_within_is_near_cut_at_the_edits(big_index: EntityIndex) -> None:
    tokens = dict.fromkeys(m[0] for text in _texts() for m in _CAPITALIZED.finditer(text))
    tried = 0
    for token in list(tokens)[::3]:
        if len(fold(token)) < 4 or token in big_index.spellings:
            continue
        near = big_index.near(token, 60.0)
        for most in (1, 2, 3):
            within = tuple(c for c in near if distance(token, c.spelling) <= most)
            assert big_index.near_within(token, most, 60.0) == within, (token, most)
            tried += bool(within)
    assert tried > 300


def test_a_token_of_no_shortening_shape_has_no_support(big_index: EntityIndex) -> None:
    """safe_repairs passes over the tokens whose shape no written name shortens to."""
    supported = 0
    for text in _texts():
        scanned = mentions.scan(text, big_index)
        written = Counter(
            m.text for m in scanned if m.kind == "exact" and m.text in big_index.key_spellings
        )
        by_shape = support.written_by_shape(written)
        shapes = support.shortening_shapes(by_shape)
        for token in dict.fromkeys(m[0] for m in _CAPITALIZED.finditer(text)):
            found = support.supported_spelling(token, written, big_index, by_shape)
            folded = fold(token)
            assert found is None or (folded[:1], len(folded)) in shapes, token
            supported += found is not None
    assert supported > 5


def test_names_findings_are_those_of_the_reference(
    big_list: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = Config(select=("NAM",), entities=(str(big_list),))
    texts = list(_texts())
    fast = [check_text(text, config=config) for text in texts]
    assert sum(len(findings) for findings in fast) > 200
    mentions._plans.cache_clear()
    mentions.scan.cache_clear()
    monkeypatch.setattr(known, "near_ranking", lambda token, index, _: _reference(token, index))
    try:
        assert [check_text(text, config=config) for text in texts] == fast
    finally:
        mentions._plans.cache_clear()
        mentions.scan.cache_clear()


def _reference_groups(index: EntityIndex) -> dict[str, tuple[str, ...]]:
    """Spelling groups as they were made before only entities with several spellings were
    looked at."""
    spellings_of: dict[int, list[str]] = {}
    for spelling, owners in index.key_spellings.items():
        for number in owners:
            spellings_of.setdefault(number, []).append(spelling)
    groups: dict[str, tuple[str, ...]] = {}
    for number in sorted(spellings_of):
        own = spellings_of[number]
        for spelling in own if len(own) > 1 else ():
            alike = tuple(o for o in own if alternatives(spelling, o))
            if len(alike) > 1:
                groups[spelling] = tuple(sorted(set(groups.get(spelling, ())) | set(alike)))
    return groups


def test_spelling_groups_are_those_of_every_entity(big_index: EntityIndex) -> None:
    lists = [read_entity_list(CORPUS_LIST), read_entity_list(WORLD_LIST)]
    mixed = EntityIndex.build([*lists[1], *big_index.entities[:5000], *lists[0]])
    for index in (big_index, mixed, EntityIndex.build(lists[1])):
        assert spelling_groups_of(index.key_spellings) == _reference_groups(index)
    assert len(_reference_groups(mixed)) > 4
