"""Evidence that a token is a listed name damaged, not another name that happens to be close.

Closeness alone proves nothing: "Kenyo" is a company, not "Kenya" mistyped, and two cities
of one province may differ by a letter. What MT and scraping do to names leaves marks of its
own: letter case flipped inside the word, one letter of the name lost, its ending cut, the
same sounds written in another transliteration. These helpers test for those marks, and
for the places where a capitalized run of letters is only part of a longer name.
"""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING, Final

from repair import data
from repair.entities import fold
from repair.lazy_import import LazyModule

if TYPE_CHECKING:
    from rapidfuzz.distance import Levenshtein
else:  # rapidfuzz on first use (repair.lazy_import): only an entity list's look-ups call it
    Levenshtein = LazyModule("rapidfuzz.distance.Levenshtein", globals(), "Levenshtein")

CASE: Final = "garbled case"
LOST: Final = "letter lost"
CUT: Final = "cut off"
SOUND: Final = "same sound"
EVIDENCE_ORDER: Final = (CASE, LOST, CUT, SOUND)

# A possessive ending, with either apostrophe: "Dovriv's" (but not "Liang'an", which goes on).
_POSSESSIVE: Final = re.compile(r"['\u2019]s(?![^\W\d_])")
_APOSTROPHES: Final = "'\u2019"


@functools.cache
def _surname_prefixes() -> frozenset[str]:
    return frozenset(data.table("names-context")["surname_prefixes"])


def has_inner_capital(word: str) -> bool:
    """True when a letter after the first is a capital.

    >>> has_inner_capital("VelDerholm"), has_inner_capital("Velderholm"), has_inner_capital("H")
    (True, False, False)
    """
    rest = word[1:]
    # (A word whose cased letters are all lower case has no capital: no loop for it.)
    return not rest.islower() and any(char.isupper() for char in rest)


def garbled_case(token: str, spelling: str) -> bool:
    """True when ``token`` has a capital inside that ``spelling`` lacks, and that capital
    does not follow a surname prefix ("McCain", "DeSantis" are written so on purpose).

    >>> garbled_case("VelDerhlom", "Velderholm"), garbled_case("DeMarro", "Demarro")
    (True, False)
    >>> garbled_case("GazProm", "GAZPROM"), garbled_case("Gazprom", "Gazprom")
    (False, False)
    """
    if not has_inner_capital(token) or has_inner_capital(spelling):
        return False
    first = next(i for i, char in enumerate(token[1:], 1) if char.isupper())
    return token[:first].casefold() not in _surname_prefixes()


def letter_lost(token: str, spelling: str) -> bool:
    """True when ``token`` is ``spelling`` with one letter left out (folded forms).

    >>> letter_lost("Helstrom", "Haelstrom"), letter_lost("Lazi", "Lazzi")
    (True, True)
    >>> letter_lost("Minguang", "Mingang"), letter_lost("Kenyo", "Kenya")
    (False, False)
    """
    short, full = fold(token), fold(spelling)
    if len(full) != len(short) + 1:
        return False
    return any(full[:i] + full[i + 1 :] == short for i in range(len(full)))


# The spellings one European name takes across transliteration schemes (German, Polish,
# French, English), coarser than the index's sound key by none of the merges Chinese pinyin
# tells apart (x/q/k/c, z/zh/s/sh, ch/h): "Dowrijiw" and "Dovryv" are "Dovriv", and "Chelmiw"
# "Khelmiv", but "Qiao" stays apart from "Xiao" and "Zhang" from "Shang".
_SCHEME_CLUSTERS: Final = (("tsch", "ch"), ("sch", "sh"), ("kh", "ch"), ("ck", "k"), ("ph", "f"))
_SCHEME_LETTERS: Final = str.maketrans({"w": "v", "y": "i", "j": "i"})
_DOUBLED: Final = re.compile(r"([a-z])\1+")


def transliteration_key(word: str) -> str:
    """A key equal for spellings of one name in two European transliterations.

    >>> key = transliteration_key("Dovriv")
    >>> transliteration_key("Dowrijiw") == key == transliteration_key("Dovryv")
    True
    >>> transliteration_key("Chelmiw") == transliteration_key("Khelmiv")
    True
    >>> transliteration_key("Qiaojia") == transliteration_key("Xiaojia")
    False
    """
    key = "".join(c for c in fold(word) if c.isalpha())
    for cluster, sound in _SCHEME_CLUSTERS:
        key = key.replace(cluster, sound)
    return _DOUBLED.sub(r"\1", key.translate(_SCHEME_LETTERS))


@functools.cache
def _pinyin_syllables() -> frozenset[str]:
    groups = data.table("names-pinyin")["group"]
    return frozenset(i + f for group in groups for i in group["initials"] for f in group["finals"])


_LONGEST_SYLLABLE: Final = 6


@functools.lru_cache(maxsize=65_536)
def is_pinyin(word: str) -> bool:
    """True when ``word`` splits whole into pinyin syllables ("Liangan", "Guangzhou").

    >>> is_pinyin("Liangan"), is_pinyin("Lijiang"), is_pinyin("Dowrijiw"), is_pinyin("Velderholm")
    (True, True, False, False)
    """
    letters = fold(word)
    if not letters.isalpha():
        return False
    syllables = _pinyin_syllables()
    ends = {0}  # offsets a split into syllables can reach
    for start in range(len(letters)):
        if start in ends:
            for end in range(start + 1, min(len(letters), start + _LONGEST_SYLLABLE) + 1):
                if letters[start:end] in syllables:
                    ends.add(end)
    return len(letters) in ends


@functools.cache
def _respellings() -> tuple[tuple[str, str], ...]:
    pairs = data.table("names-transliterations")["pairs"]
    return tuple((a, b) for one, other in pairs for a, b in ((one, other), (other, one)))


@functools.lru_cache(maxsize=8192)
def _respelled_once(word: str) -> frozenset[str]:
    """Every spelling of ``word`` with one correspondence of the table swapped."""
    found = set()
    for written, instead in _respellings():
        start = word.find(written)
        while start >= 0:
            found.add(word[:start] + instead + word[start + len(written) :])
            start = word.find(written, start + 1)
    return frozenset(found)


@functools.lru_cache(maxsize=4096)
def respelled(token: str, spelling: str) -> bool:
    """True when one or two swaps of the table ``names-transliterations`` turn ``spelling``
    into ``token``: the same name in another romanization.

    >>> respelled("Beidzhing", "Beijing"), respelled("Hsinhua", "Xinhua")
    (True, True)
    >>> respelled("Savrenskyj", "Zavrenskyy"), respelled("Kenyo", "Kenya")
    (True, False)
    """
    wanted, start = fold(token), fold(spelling)
    once = _respelled_once(start)
    # The table holds each swap both ways, so a swap undone is a swap: two swaps lead from
    # the spelling to the token when one from each meets (each side's swaps are kept for
    # the next pair, where the spellings of every swap of a swap cost a look-up each).
    return wanted in once or not once.isdisjoint(_respelled_once(wanted))


def distance(token: str, spelling: str) -> int:
    """Edits between the folded forms: the measure rivals are compared by.

    >>> distance("Kovalenka", "Kovalenko"), distance("Tozdemam", "Tözdemar")
    (1, 1)
    """
    return int(Levenshtein.distance(fold(token), fold(spelling)))


def inside_longer_word(text: str, start: int, end: int) -> bool:
    """True when the letters at ``start:end`` are one part of a word joined by an
    apostrophe to more letters ("Liang'an", "d'Estaing", "O'Brien"): the part alone is no
    name to correct. A possessive ending does not count, nor a hyphen: the parts of
    "Beijing-Tianjin" are names each.

    >>> inside_longer_word("in Liang'an now", 3, 8), inside_longer_word("Dovriv's mayor", 0, 6)
    (True, False)
    >>> inside_longer_word("Valéry d'Estaing", 9, 16), inside_longer_word("Beijing-Tianjin", 8, 15)
    (True, False)
    """
    after = text[end : end + 2]
    joined = len(after) == 2 and after[0] in _APOSTROPHES and after[1].isalpha()
    if joined and not _POSSESSIVE.match(text, end):
        return True
    before = text[max(0, start - 2) : start]
    return len(before) == 2 and before[1] in _APOSTROPHES and before[0].isalpha()


__all__ = [
    "CASE",
    "CUT",
    "EVIDENCE_ORDER",
    "LOST",
    "SOUND",
    "distance",
    "garbled_case",
    "has_inner_capital",
    "inside_longer_word",
    "is_pinyin",
    "letter_lost",
    "respelled",
    "transliteration_key",
]
