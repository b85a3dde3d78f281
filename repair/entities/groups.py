"""Spelling groups of an index: the accepted spellings that are one word of one entity
spelled two ways ("Tozdemar" and "Tözdemar", "Zavrensky" and "Zavrenskyy")."""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Mapping

from repair.entities.spelling import fold, sound_key


def spelling_groups_of(key_spellings: Mapping[str, tuple[int, ...]]) -> dict[str, tuple[str, ...]]:
    """Accepted spelling -> every accepted spelling of the same word of the same entity,
    from an index's key spellings (spelling -> the entities using it).

    Two spellings are one word spelled two ways when they fold alike or sound alike.
    Spellings with no alternative are left out.
    """
    # Only an entity with two spellings or more may have an alternative: most have one,
    # and those are found by counting in C, not by a list made for each entity
    counts = Counter(itertools.chain.from_iterable(key_spellings.values()))
    several = {number for number, count in counts.items() if count > 1}
    if not several:
        return {}
    # Their spellings, in the index's order: one pass over the spellings, not one per
    # entity (100,000 entities times their spellings took minutes).
    spellings_of: dict[int, list[str]] = {}
    for spelling, owners in key_spellings.items():
        if not several.isdisjoint(owners):
            for number in owners:
                spellings_of.setdefault(number, []).append(spelling)
    groups: dict[str, tuple[str, ...]] = {}
    for number in sorted(spellings_of):
        own = spellings_of[number]
        if len(own) == 1:
            continue  # most entities: one spelling, no alternative (alike would be itself)
        for spelling in own:
            alike = tuple(o for o in own if alternatives(spelling, o))
            if len(alike) > 1:
                groups[spelling] = tuple(sorted(set(groups.get(spelling, ())) | set(alike)))
    return groups


def alternatives(one: str, other: str) -> bool:
    """True for two spellings of one word: alike but for diacritics or transliteration.

    >>> alternatives("Tozdemar", "Tözdemar"), alternatives("Defense", "Defence")
    (True, False)
    """
    if one == other:
        return True
    if len(fold(one)) < 4 or len(fold(other)) < 4:
        return False
    return fold(one) == fold(other) or sound_key(one) == sound_key(other)
