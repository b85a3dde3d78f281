"""The entity index: every accepted spelling of the merged lists, indexed so that the cost
of looking up a token does not grow with the list, and built once per process for the
lists' content (:func:`load_index`).
"""

from __future__ import annotations

import contextlib
import functools
import gc
import hashlib
import operator
import threading
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from time import time_ns
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Final, NamedTuple

from repair.entities import index_cache
from repair.entities.lists import Entity, EntityType, merge, read_entity_list
from repair.entities.spelling import fold, folded_and_sounds, sound_key, words
from repair.lazy_import import LazyModule
from repair.stamps import RACY_NS, file_signature

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
    """A tuple; restored from the cache, a sequence that makes them when asked for."""
    spellings: Mapping[str, tuple[int, ...]]
    """Every accepted word of every form ("Tomas", "Velderholm") -> the entities using it."""
    key_spellings: Mapping[str, tuple[int, ...]]
    """The words near misses are matched to: surnames, and the words of places and others."""
    given_names: Mapping[str, tuple[int, ...]]
    """Words that stand before a person's surname in a form ("Tomas", "Ilvar", "Osgar")."""
    by_casefold: Mapping[str, tuple[str, ...]]
    by_first_variant_word: Mapping[str, tuple[tuple[str, int], ...]]
    """First word of a variant -> (variant, entity) pairs."""
    canonical_spellings: frozenset[str]
    """The words of canonical names: preferred when two spellings of one entity tie."""
    _buckets: Mapping[tuple[str, int], tuple[str, ...]] = field(repr=False)
    _by_sound: Mapping[str, tuple[str, ...]] = field(repr=False)
    _by_fold: Mapping[str, tuple[str, ...]] = field(repr=False)

    @classmethod
    def build(cls, entities: Sequence[Entity]) -> EntityIndex:
        with collector_paused():
            return cls._build(entities)

    @classmethod
    def _build(cls, entities: Sequence[Entity]) -> EntityIndex:
        spellings: dict[str, list[int]] = {}
        keys: dict[str, list[int]] = {}
        given: dict[str, list[int]] = {}
        variants: dict[str, list[tuple[str, int]]] = {}
        canonical: set[str] = set()
        person_type = EntityType.PERSON
        for number, entity in enumerate(entities):
            person = entity.type is person_type
            for position_of_form, form in enumerate((entity.name, *entity.aliases)):
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
                        spellings[word] = [number]
                    elif entries[-1] != number:
                        entries.append(number)
                    table = given if person and position < last else keys
                    entries = table.get(word)
                    if entries is None:
                        table[word] = [number]
                    elif entries[-1] != number:
                        entries.append(number)
            for variant in entity.variants:
                first = words(variant)
                if first:
                    variants.setdefault(first[0], []).append((variant, number))
        casefolded: dict[str, list[str]] = {}
        for word in spellings:
            casefolded.setdefault(word.casefold(), []).append(word)
        # Buckets are ordered sets (dicts): a membership test in a list of a large bucket
        # made building the index quadratic in the list.
        buckets: dict[tuple[str, int], dict[str, None]] = {}
        by_sound: dict[str, list[str]] = {}
        by_fold: dict[str, list[str]] = {}
        for word, folded, sound in folded_and_sounds(keys):
            if len(folded) < MIN_FUZZY_LENGTH:
                continue
            if folded not in by_fold:
                size = len(folded)
                start = sound[:2]
                buckets.setdefault((start, size), {})[folded] = None
                other = sound[:1] + sound[2:3]
                if other != start:
                    buckets.setdefault((other, size), {})[folded] = None
                by_sound.setdefault(sound, []).append(folded)
            by_fold.setdefault(folded, []).append(word)
        return cls(
            tuple(entities),
            _frozen(spellings),
            _frozen(keys),
            _frozen(given),
            _frozen(casefolded),
            _frozen(variants),
            frozenset(canonical),
            _frozen(buckets),
            _frozen(by_sound),
            _frozen(by_fold),
        )

    def __len__(self) -> int:
        return len(self.entities)

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


def load_index(paths: tuple[str, ...], cache: Path | None = None) -> EntityIndex:
    """The merged index of the entity lists at ``paths``, built once per process and again
    when a list's content changes (a notebook's user edits one between runs).

    Lists are told apart by the digest of their bytes, as the result cache tells them: an
    edit that keeps the size and the modification time (``cp -p``, ``tar``, a coarse
    clock) still counts. A process forked after the index was built (a worker of the
    pool) inherits it. With a ``cache`` folder (the result cache's), an index built there
    by an earlier process for the same bytes is restored instead of built, and one built
    here is kept there (see :mod:`repair.entities.index_cache`); a later call for the same
    lists, with or without the folder, gets the index of the first.
    """
    digests = tuple(_list_digest(path) for path in paths)
    key = (paths, digests)
    with _RECENT_LOCK:  # threads of one process (a threaded Dask worker) load it once
        index = _RECENT.get(key)
        if index is None:
            if len(_RECENT) >= _MAX_RECENT:  # the oldest goes
                del _RECENT[next(iter(_RECENT))]
            index, matches = _loaded(paths, digests, cache)
            if matches:
                _RECENT[key] = index
    return index


_RECENT: Final[dict[tuple[tuple[str, ...], tuple[str, ...]], EntityIndex]] = {}
"""The last indexes loaded, by paths and digests, oldest first. (Not an lru_cache of
:func:`load_index`: whether the disk cache may be used is no part of what was loaded.)"""
_MAX_RECENT: Final = 8
_RECENT_LOCK: Final = threading.Lock()


def _loaded(
    paths: tuple[str, ...], digests: tuple[str, ...], cache: Path | None
) -> tuple[EntityIndex, bool]:
    """The index of the lists, and whether it is the index of the bytes ``digests`` name.

    The lists read may differ from the bytes digested before (an edit in between): such an
    index is used, but kept nowhere (on disk or in this process) under digests it does not
    match.
    """
    entry = None if cache is None else index_cache.entry_path(cache, paths, digests)
    if entry is not None:
        with collector_paused():  # restoring makes millions of objects, and no cycle
            restored = index_cache.restore(entry, EntityIndex)
        if restored is not None:
            return restored, True
    index = _built_index(paths)
    if tuple(_digest(path) for path in paths) != digests:
        return index, False
    if entry is not None:
        index_cache.store(
            entry,
            index.entities,
            [
                index.spellings,
                index.key_spellings,
                index.given_names,
                index.by_casefold,
                index.by_first_variant_word,
                index._buckets,
                index._by_sound,
                index._by_fold,
            ],
            index.canonical_spellings,
        )
    return index, True


def _list_digest(path: str) -> str:
    """The digest of the list's bytes, read again when its status (size, times, inode)
    changes, and on every call while the list is younger than a file system's clock can
    tell apart from a later edit."""
    try:
        status = Path(path).stat()
    except OSError:
        return "unreadable"  # reading it will say what is wrong
    if max(status.st_mtime_ns, status.st_ctime_ns) > time_ns() - RACY_NS:
        return _digest(path)
    return _digest_while(path, file_signature(status))


@functools.lru_cache(maxsize=64)
def _digest_while(path: str, signature: tuple[int, ...]) -> str:
    """:func:`_digest` of the list at ``path`` while its status is ``signature``."""
    return _digest(path)


def _digest(path: str) -> str:
    try:
        return hashlib.sha256(Path(path).read_bytes()).hexdigest()
    except OSError:
        return "unreadable"


def _built_index(paths: tuple[str, ...]) -> EntityIndex:
    with collector_paused():  # reading makes as many objects as indexing, and no cycle
        return EntityIndex.build(merge(read_entity_list(path) for path in paths))
