"""Building the entity index: its tables against a plain reference build, and the cyclic
collector around it (paused, and what was made handed to the oldest generation, with a
caller's freeze and cyclic garbage left as they were)."""

from __future__ import annotations

import gc
import weakref
from collections.abc import Sequence
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from repair.entities import Entity, EntityIndex, EntityType, merge, read_entity_list
from repair.entities.index import MIN_FUZZY_LENGTH, collector_paused
from repair.entities.spelling import fold, sound_key, words
from tests.conftest import CORPUS, FIXTURES


class _Node:
    def __init__(self) -> None:
        self.other: object = None


def _generation_of(item: object) -> int | None:
    for generation in range(3):
        if any(found is item for found in gc.get_objects(generation=generation)):
            return generation
    return None


def test_what_the_block_makes_goes_to_the_oldest_generation() -> None:
    assert gc.isenabled() and not gc.get_freeze_count()
    with collector_paused():
        assert not gc.isenabled()
        made = [[number] for number in range(100)]
    assert gc.isenabled() and not gc.get_freeze_count()
    assert _generation_of(made) == 2
    assert _generation_of(made[-1]) == 2
    after = [[1]]  # made after the block: young, as ever
    assert _generation_of(after) == 0


def test_a_cycle_made_in_the_block_is_still_collected() -> None:
    with collector_paused():
        one, two = _Node(), _Node()
        one.other, two.other = two, one
        watch = weakref.ref(one)
    del one, two
    assert watch() is not None  # a cycle: reference counting alone does not free it
    gc.collect()
    assert watch() is None


def test_a_callers_freeze_is_left_as_it_was() -> None:
    callers = [[number] for number in range(10)]
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        with collector_paused():
            made = [[number] for number in range(10)]
        assert gc.isenabled() and gc.get_freeze_count() == frozen
        assert _generation_of(callers) is None  # still frozen: in no generation
        assert _generation_of(made) == 0  # nothing moved while anything is frozen
    finally:
        gc.unfreeze()


def test_the_collector_left_disabled_stays_disabled() -> None:
    gc.disable()
    try:
        with collector_paused():
            made = [[1]]
        assert not gc.isenabled()
        assert _generation_of(made) == 0
    finally:
        gc.enable()


def test_an_index_built_with_the_collector_paused_is_the_one_built_without() -> None:
    entities = merge(
        read_entity_list(path)
        for path in (CORPUS / "entities.toml", FIXTURES / "names" / "world.toml")
    )
    paused = EntityIndex.build(entities)
    running = EntityIndex._build(entities)
    for name in (
        "spellings",
        "key_spellings",
        "given_names",
        "by_casefold",
        "by_first_variant_word",
        "_buckets",
        "_by_sound",
        "_by_fold",
    ):
        assert dict(getattr(paused, name)) == dict(getattr(running, name)), name
    assert paused.canonical_spellings == running.canonical_spellings
    assert paused.spelling_groups() == running.spelling_groups()


# The build against the plain reference ------------------------------------------------


def _reference_tables(entities: Sequence[Entity]) -> dict[str, list[tuple[Any, Any]]]:
    """The tables of an index, built the plain way: a list per key, made a tuple at the end
    (the build before its values were made tuples as they were made)."""
    spellings: dict[str, list[int]] = {}
    keys: dict[str, list[int]] = {}
    given: dict[str, list[int]] = {}
    variants: dict[str, list[tuple[str, int]]] = {}
    for number, entity in enumerate(entities):
        for form in entity.forms:
            named = [w for w in words(form) if any(c.isupper() for c in w)]
            for position, word in enumerate(named):
                for table in (
                    spellings,
                    given
                    if entity.type is EntityType.PERSON and position < len(named) - 1
                    else keys,
                ):
                    if number not in table.setdefault(word, []):
                        table[word].append(number)
        for variant in entity.variants:
            if words(variant):
                variants.setdefault(words(variant)[0], []).append((variant, number))
    casefolded: dict[str, list[str]] = {}
    for word in spellings:
        casefolded.setdefault(word.casefold(), []).append(word)
    buckets: dict[tuple[str, int], list[str]] = {}
    by_sound: dict[str, list[str]] = {}
    by_fold: dict[str, list[str]] = {}
    for word in keys:
        folded, sound = fold(word), sound_key(word)
        if len(folded) < MIN_FUZZY_LENGTH:
            continue
        if folded not in by_fold:
            for start in dict.fromkeys((sound[:2], sound[:1] + sound[2:3])):
                buckets.setdefault((start, len(folded)), []).append(folded)
            by_sound.setdefault(sound, []).append(folded)
        by_fold.setdefault(folded, []).append(word)
    tables = {
        "spellings": spellings,
        "key_spellings": keys,
        "given_names": given,
        "by_casefold": casefolded,
        "by_first_variant_word": variants,
        "_buckets": buckets,
        "_by_sound": by_sound,
        "_by_fold": by_fold,
    }
    # In order, keys and values, each value a tuple
    made = {name: [(k, tuple(v)) for k, v in table.items()] for name, table in tables.items()}
    canonical = {word for entity in entities for word in words(entity.name)}
    return {**made, "canonical_spellings": sorted((word, ()) for word in canonical)}


def _tables(index: EntityIndex) -> dict[str, list[tuple[Any, Any]]]:
    names = ("spellings", "key_spellings", "given_names", "by_casefold")
    names += ("by_first_variant_word", "_buckets", "_by_sound", "_by_fold")
    tables = {name: list(getattr(index, name).items()) for name in names}
    return {**tables, "canonical_spellings": sorted((w, ()) for w in index.canonical_spellings)}


def _assert_built_as_the_reference(entities: Sequence[Entity]) -> None:
    index = EntityIndex.build(entities)
    tables = _tables(index)
    assert tables == _reference_tables(entities)
    for table in tables.values():
        assert all(type(value) is tuple for _, value in table)


def _lists() -> list[Sequence[Entity]]:
    paths = (CORPUS / "entities.toml", *sorted((FIXTURES / "names").glob("*.toml")))
    return [read_entity_list(path) for path in paths]


def test_the_build_gives_the_reference_tables_for_the_lists_of_the_tests() -> None:
    lists = _lists()
    for entities in lists:
        _assert_built_as_the_reference(entities)
    _assert_built_as_the_reference(merge(lists))


def test_the_build_gives_the_reference_tables_for_a_large_made_up_list() -> None:
    from benchmarks.names_speed import entity_list

    _assert_built_as_the_reference(entity_list(3000))


_WORD = st.sampled_from(
    [
        "Tomas",
        "Velderholm",
        "Tözdemar",
        "Tozdemar",
        "TOZDEMAR",
        "McDonald",
        "Mcdonald",
        "Zavrensky",
        "Savrenskyj",
        "Ilvar",
        "Dovriv",
        "Dowrijiw",
        "Kyiv",
        "von",
        "der",
        "Łódź",
        "Lodz",
        "Ab",
        "AB",
        "Jean-Yves",
        "O'Brien",
    ]
)
_FORM = st.lists(_WORD, min_size=1, max_size=3).map(" ".join)


@st.composite
def _entity_lists(draw: st.DrawFn) -> list[Entity]:
    entities: dict[str, Entity] = {}
    for _ in range(draw(st.integers(0, 12))):
        name = draw(_FORM)
        aliases = tuple(dict.fromkeys(a for a in draw(st.lists(_FORM, max_size=3)) if a != name))
        forms = {name, *aliases}
        variants = tuple(v for v in draw(st.lists(_FORM, max_size=2)) if v not in forms)
        kind = draw(st.sampled_from(list(EntityType)))
        entities.setdefault(name, Entity(name, aliases, tuple(dict.fromkeys(variants)), kind))
    return list(entities.values())


@settings(max_examples=300, deadline=None)
@given(_entity_lists())
def test_the_build_gives_the_reference_tables_for_lists_sharing_words(
    entities: list[Entity],
) -> None:
    _assert_built_as_the_reference(entities)
