"""The entity index: every accepted spelling of the merged lists, indexed so that the cost
of looking up a token does not grow with the list. (Loaded once per process for the lists'
content by :func:`repair.entities.loading.load_index`.)
"""

from __future__ import annotations

import contextlib
import gc
import operator
from collections.abc import Iterable, Iterator, Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Final, NamedTuple

from repair.entities.groups import spelling_groups_of
from repair.entities.lists import Entity, EntityType
from repair.entities.spelling import fold, folded_and_sounds, sound_key, words
from repair.lazy_import import LazyModule

if TYPE_CHECKING:
    from rapidfuzz import fuzz, process
    from rapidfuzz.distance import Levenshtein
else:  # rapidfuzz on first use (repair.lazy_import): only an entity list's look-ups call it
    fuzz = LazyModule("rapidfuzz.fuzz", globals(), "fuzz")
    process = LazyModule("rapidfuzz.process", globals(), "process")
    Levenshtein = LazyModule("rapidfuzz.distance.Levenshtein", globals(), "Levenshtein")

MIN_FUZZY_LENGTH: Final = 4
"""Shorter spellings are matched exactly only: too many real words lie one edit away."""
_LENGTH_SLACK: Final = 2


def _is_name_word(word: str) -> bool:
    return word[:1].isupper() or any(char.isupper() for char in word)


class Candidate(NamedTuple):
    """A near match of a token: the accepted spelling, and how it was found. (A named
    tuple: a token of a large list has hundreds, and a frozen dataclass took three times
    as long to make.)"""

    spelling: str
    entities: tuple[int, ...]
    score: float
    """rapidfuzz ratio of the folded forms, 0 to 100."""
    same_sound: bool
    truncated: bool


@dataclass(frozen=True, slots=True, eq=False)
class EntityIndex:
    """Entities and their spellings, indexed for look-up by token."""

    entities: Sequence[Entity]
    """A tuple; restored from the cache, a sequence that makes them when asked for. (So the
    tables: mappings; restored, each read in shards as keys are looked up.)"""
    spellings: Mapping[str, tuple[int, ...]]
    """Every accepted word of every form ("Tomas", "Velderholm") -> the entities using it."""
    key_spellings: Mapping[str, tuple[int, ...]]
    """The words near misses are matched to: surnames, and the words of places and others."""
    given_names: Mapping[str, tuple[int, ...]]
    """Words that stand before a person's surname in a form ("Tomas", "Ilvar", "Osgar")."""
    by_casefold: Mapping[str, tuple[str, ...]]
    by_first_variant_word: Mapping[str, tuple[tuple[str, int], ...]]
    """First word of a variant -> (variant, entity) pairs."""
    canonical_spellings: AbstractSet[str]
    """The words of canonical names: preferred when two spellings of one entity tie. (A
    frozenset; restored from the cache, a set read in shards, as the tables are.)"""
    _buckets: Mapping[tuple[str, int], tuple[str, ...]] = field(repr=False)
    _by_sound: Mapping[str, tuple[str, ...]] = field(repr=False)
    _by_fold: Mapping[str, tuple[str, ...]] = field(repr=False)
    _groups: Mapping[str, tuple[str, ...]] | None = field(default=None, repr=False)
    """The :meth:`spelling_groups`, once made (restored with the index from the cache)."""
    kept_at: Path | None = field(default=None, repr=False)
    """The index cache's entry of this index, when it has one: its notes are kept beside
    it (:mod:`repair.entities.notes`). Set by the loader."""

    @classmethod
    def build(cls, entities: Sequence[Entity]) -> EntityIndex:
        with collector_paused():
            return cls._build(entities)

    @classmethod
    def _build(cls, entities: Sequence[Entity]) -> EntityIndex:
        # Each table's value is made a tuple as it is made: a one-tuple for the first owner
        # (most words have one), a list from the second on, made a tuple at the end (the
        # words in ``grown``). Lists for every word, made tuples in one pass over every
        # table, cost a sixth of the build of 100,000 entities.
        spellings: dict[str, Any] = {}
        keys: dict[str, Any] = {}
        given: dict[str, Any] = {}
        variants: dict[str, list[tuple[str, int]]] = {}
        canonical: set[str] = set()
        grown: list[tuple[dict[str, Any], str]] = []
        person_type = EntityType.PERSON
        for number, entity in enumerate(entities):
            person = entity.type is person_type
            for position_of_form, form in enumerate((entity.name, *entity.aliases)):
                if form.isalpha():  # one word (most forms): no split, no filtering
                    named = [form] if form[:1].isupper() or _is_name_word(form) else []
                    if position_of_form == 0:
                        canonical.add(form)
                else:
                    split = _form_words(form)
                    if position_of_form == 0:
                        canonical.update(split)
                    # Most words are capitalised: the first letter decides without a call
                    named = [w for w in split if w[:1].isupper() or _is_name_word(w)]
                last = len(named) - 1
                for position, word in enumerate(named):
                    # Inline, not a call per word (a tenth of the build). Numbers come in
                    # increasing order: only the last can be this one (a membership test
                    # of a word thousands of entities share would be quadratic).
                    entries = spellings.get(word)
                    if entries is None:
                        spellings[word] = (number,)
                    elif entries[-1] != number:
                        _add(spellings, word, entries, number, grown)
                    table = given if person and position < last else keys
                    entries = table.get(word)
                    if entries is None:
                        table[word] = (number,)
                    elif entries[-1] != number:
                        _add(table, word, entries, number, grown)
            for variant in entity.variants:
                first = words(variant)
                if first:
                    variants.setdefault(first[0], []).append((variant, number))
        casefolded: dict[str, Any] = {}
        for word in spellings:
            folded = word.casefold()
            entries = casefolded.get(folded)
            if entries is None:
                casefolded[folded] = (word,)
            else:
                _add(casefolded, folded, entries, word, grown)
        # A folded spelling goes into its buckets once, when first seen (so a bucket is a
        # list, with no membership test: one in a large bucket made the build quadratic)
        buckets: dict[tuple[str, int], list[str]] = {}
        by_sound: dict[str, Any] = {}
        by_fold: dict[str, Any] = {}
        for word, folded, sound in folded_and_sounds(keys):
            if len(folded) < MIN_FUZZY_LENGTH:
                continue
            entries = by_fold.get(folded)
            if entries is None:
                by_fold[folded] = (word,)
                size = len(folded)
                start = sound[:2]
                bucket = buckets.get((start, size))
                if bucket is None:
                    buckets[start, size] = [folded]
                else:
                    bucket.append(folded)
                other = sound[:1] + sound[2:3]
                if other != start:
                    bucket = buckets.get((other, size))
                    if bucket is None:
                        buckets[other, size] = [folded]
                    else:
                        bucket.append(folded)
                entries = by_sound.get(sound)
                if entries is None:
                    by_sound[sound] = (folded,)
                else:
                    _add(by_sound, sound, entries, folded, grown)
            else:
                _add(by_fold, folded, entries, word, grown)
        for table, word in grown:
            table[word] = tuple(table[word])
        return cls(
            tuple(entities),
            MappingProxyType(spellings),
            MappingProxyType(keys),
            MappingProxyType(given),
            MappingProxyType(casefolded),
            _frozen(variants),
            frozenset(canonical),
            _frozen(buckets),
            MappingProxyType(by_sound),
            MappingProxyType(by_fold),
        )

    def __len__(self) -> int:
        return len(self.entities)

    def spelling_groups(self) -> Mapping[str, tuple[str, ...]]:
        """Accepted spelling -> every accepted spelling of the same word of the same entity
        (see :func:`~repair.entities.groups.spelling_groups_of`), made on first use and
        kept with the index: in the cache's entry too, so that no process restoring it
        (nor each worker of a run) goes over every spelling again."""
        groups = self._groups
        if groups is None:
            with collector_paused():  # many lists and tuples, and no cycle
                groups = MappingProxyType(spelling_groups_of(self.key_spellings))
            object.__setattr__(self, "_groups", groups)  # a cache of a frozen index's own
        return groups

    def near(self, token: str, cutoff: float) -> tuple[Candidate, ...]:
        """Accepted spellings close to ``token``, best first, scoring at least ``cutoff``.

        A spelling that ``token`` extends ("Dovrivan" for "Dovriv") is a derived word, not a
        near miss, and is left out.
        """
        folded = fold(token)
        key = sound_key(token)
        same_sound = set(self._by_sound.get(key, ())) if len(key) >= 3 else set()
        # Each bucket is scored as it is, in C: a spelling found in two buckets scores the
        # same twice, and the order is set by the final sort (a union of the buckets, sorted
        # for every token, cost more than the scoring on a large list; so did one call on
        # all the buckets joined).
        scored: dict[str, float] = {}
        size = len(folded)
        for start in _starts(key):
            for length in range(size - _LENGTH_SLACK, size + _LENGTH_SLACK + 1):
                bucket = self._buckets.get((start, length))
                if bucket:
                    found_here = process.extract(
                        folded, bucket, scorer=fuzz.ratio, limit=None, score_cutoff=cutoff
                    )
                    scored.update(map(_CHOICE_AND_SCORE, found_here))
        for choice in same_sound - scored.keys():
            scored[choice] = fuzz.ratio(folded, choice)
        return self._candidates(folded, scored, same_sound)

    def near_within(self, token: str, most: int, cutoff: float) -> tuple[Candidate, ...]:
        """The candidates of :meth:`near` (with ``cutoff``) at most ``most`` edits
        (Levenshtein, of the folded forms) from ``token``, in its order.

        Edits are counted in C, with a bound that lets rapidfuzz stop early, and only the
        few within are scored: the rival cutoff lets hundreds of spellings of a large list
        through, and a runner-up is looked for among those one edit further than the best.
        """
        folded = fold(token)
        key = sound_key(token)
        same_sound = set(self._by_sound.get(key, ())) if len(key) >= 3 else set()
        size = len(folded)
        within: dict[str, None] = {}
        # A word within ``most`` edits is within ``most`` letters of the token's length too
        low, high = size - min(most, _LENGTH_SLACK), size + min(most, _LENGTH_SLACK)
        for start in _starts(key):
            for length in range(low, high + 1):
                bucket = self._buckets.get((start, length))
                if bucket:
                    found_here = process.extract(
                        folded, bucket, scorer=Levenshtein.distance, limit=None, score_cutoff=most
                    )
                    within.update(dict.fromkeys(map(_CHOICE, found_here)))
        scored: dict[str, float] = {}
        ratio = fuzz.ratio
        for choice in within:
            score = ratio(folded, choice)
            if score >= cutoff or choice in same_sound:
                scored[choice] = score
        for choice in same_sound - scored.keys():
            if Levenshtein.distance(folded, choice) <= most:
                scored[choice] = ratio(folded, choice)
        return self._candidates(folded, scored, same_sound)

    def _candidates(
        self, folded: str, scored: dict[str, float], same_sound: set[str]
    ) -> tuple[Candidate, ...]:
        """The candidates of the folded choices ``scored`` of a token folded ``folded``,
        best first (see :meth:`near`)."""
        size = len(folded)
        # The spelling itself and the stems the token extends: the token's prefixes, found
        # with one set operation and not a test of every choice (hundreds on a large list)
        prefixes = {folded[:end] for end in range(1, size + 1)}
        for choice in prefixes & scored.keys():
            if choice == folded or _is_derived(folded, choice):
                del scored[choice]
        by_fold = self._by_fold
        owners = self.key_spellings
        found: dict[str, Candidate] = {}
        make = tuple.__new__  # Candidate's own __new__ is a call in Python more
        for choice, score in scored.items():
            truncated = len(choice) - size <= 2 and choice.startswith(folded)
            sounds = choice in same_sound
            for spelling in by_fold[choice]:
                found[spelling] = make(
                    Candidate, (spelling, owners[spelling], score, sounds, truncated)
                )
        # Best first: by spelling, then (a stable sort) by score, highest first; two sorts
        # on a field, in C, rather than one on a key made in Python per candidate
        ranked = sorted(found.values(), key=_SPELLING)
        ranked.sort(key=_SCORE, reverse=True)
        return tuple(ranked)


_CHOICE_AND_SCORE: Final = operator.itemgetter(0, 1)
_CHOICE: Final = operator.itemgetter(0)
_SPELLING: Final = operator.itemgetter(0)
_SCORE: Final = operator.itemgetter(2)


def _starts(key: str) -> tuple[str, ...]:
    """Bucket keys of a sound key: its first sound with the second, and with the third.

    A letter lost, added or changed in second place still shares a bucket:

    >>> _starts("baerbok"), _starts("berbok")
    (('ba', 'be'), ('be', 'br'))
    """
    return tuple(dict.fromkeys((key[:2], key[:1] + key[2:3])))


def _is_derived(word: str, stem: str) -> bool:
    """True when ``word`` is ``stem`` with a suffix: a plural, "-an", "-ism", not a typo.

    >>> _is_derived("kyivan", "kyiv"), _is_derived("zelenskys", "zelensky")
    (True, True)
    >>> _is_derived("rosatomm", "rosatom")
    False
    """
    if not word.startswith(stem):
        return False
    suffix = word[len(stem) :]
    return suffix == "s" or len(suffix) >= 2


def _add(
    table: dict[str, Any],
    key: str,
    entries: tuple[Any, ...] | list[Any],
    item: Any,
    grown: list[tuple[dict[str, Any], str]],
) -> None:
    """Add ``item`` to ``key``'s ``entries`` in a table being built: a one-tuple becomes a
    list, noted in ``grown`` to be made a tuple when the table is done."""
    if isinstance(entries, list):
        entries.append(item)
    else:
        table[key] = [*entries, item]
        grown.append((table, key))


def _frozen(table: Mapping[Any, Iterable[Any]]) -> Mapping[Any, tuple[Any, ...]]:
    return MappingProxyType(dict(zip(table.keys(), map(tuple, table.values()), strict=True)))


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """No cyclic garbage collection while an index is built: the build makes millions of
    strings, lists and tuples and no cycle, and the collector walked the growing heap again
    and again (a third of the build of 100,000 entities)."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        if not gc.get_freeze_count():
            # What the block made goes straight to the oldest generation (frozen, then
            # given back): the first young collections after it walked every object of
            # the index (0.13 s of a check with 100,000 entities). So does every other
            # object the process tracks: a caller's young garbage cycles wait for the
            # next full collection, no longer. Not while anything is frozen: unfreezing
            # gives back every frozen object, whoever froze it.
            gc.freeze()
            gc.unfreeze()
        gc.enable()


def _form_words(form: str) -> list[str]:
    """:func:`words` of a form: most are words of letters between single spaces, split
    without the regular expression (``words`` gives the same: a run of letters is a word)."""
    if form.isalpha():
        return [form]
    parts = form.split(" ")
    if all(part.isalpha() for part in parts):
        return parts
    return list(words(form))
