"""How the entity index compares spellings: folded (lower case, no diacritics), by sound
across transliterations, and split into words."""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable, Iterator
from types import MappingProxyType
from typing import Final

from repair.text import LETTERS

_FOLD_EXTRA: Final = MappingProxyType(
    {
        "ø": "o",
        "ł": "l",
        "đ": "d",
        "\N{LATIN SMALL LETTER DOTLESS I}": "i",
        "ß": "ss",
        "æ": "ae",
        "œ": "oe",
        "þ": "th",
    }
)


@functools.lru_cache(maxsize=65_536)
def fold(text: str) -> str:
    """Lower case without diacritics: the form near misses are measured on.

    >>> fold("Bülükçan"), fold("Erdoğan"), fold("Łódź")
    ('bulukcan', 'erdogan', 'lodz')
    """
    if text.isascii():  # most names: nothing to decompose or strip
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return "".join(_FOLD_EXTRA.get(c, c) for c in stripped)


# Spellings of one sound across transliteration schemes (German, Polish, French, English),
# applied in order: longer clusters first.
SOUND_CLUSTERS: Final = (
    ("tsch", "ch"),
    ("sch", "sh"),
    ("kh", "h"),
    ("ch", "h"),
    ("sh", "s"),
    ("zh", "s"),
    ("ph", "f"),
    ("ck", "k"),
)
SOUND_LETTERS: Final = str.maketrans(
    {"q": "k", "c": "k", "x": "k", "z": "s", "w": "v", "j": "i", "y": "i"}
)
# A letter the next one repeats: deleting each collapses a run, with no template to expand
REPEATED: Final = re.compile(r"(.)(?=\1)")
_ASCII_NON_LETTERS: Final = re.compile("[^A-Za-z]+")


@functools.lru_cache(maxsize=65_536)
def sound_key(text: str) -> str:
    """A coarse key equal for spellings of one name in different transliterations.

    i/y/j fall together, as do w/v, z/s, c/k and kh/ch/h; repeats collapse. Other vowels
    stay apart: "Zavrenska" is not "Zavrensky", nor "Danzhou" "Changtai".

    >>> sound_key("Dovriv") == sound_key("Dowrijiw")
    True
    >>> sound_key("Savrenskyj") == sound_key("Zavrenskyy")
    True
    >>> sound_key("Chelmiw") == sound_key("Khelmiv")
    True
    >>> sound_key("Zavrenska") == sound_key("Zavrensky")
    False
    >>> sound_key("Danzhou") == sound_key("Changtai")
    False
    """
    folded = fold(text)
    if folded.isascii():  # the letters of ASCII text, at C speed
        key = _ASCII_NON_LETTERS.sub("", folded)
    else:
        key = "".join(c for c in folded if c.isalpha())
    for cluster, sound in SOUND_CLUSTERS:
        key = key.replace(cluster, sound)
    return REPEATED.sub("", key.translate(SOUND_LETTERS))


_WORD: Final = LETTERS


def words(text: str) -> tuple[str, ...]:
    """The words of a form, split at spaces, hyphens and apostrophes.

    >>> words("Maren von der Halde"), words("Jean-Yves O'Brien")
    (('Maren', 'von', 'der', 'Halde'), ('Jean', 'Yves', 'O', 'Brien'))
    """
    return tuple(_WORD.findall(text))


_NOT_LETTER_OR_LINE: Final = re.compile("[^A-Za-z\n]+")


def folded_and_sounds(spellings: Iterable[str]) -> Iterator[tuple[str, str, str]]:
    """(spelling, :func:`fold`, :func:`sound_key`) of each spelling, in order. The ASCII
    spellings (most) are folded and keyed all at once: joined by line breaks, which no step
    of the key crosses, into one text that each step goes through once, in C."""
    words_in = list(spellings)
    plain = [word for word in words_in if word.isascii() and "\n" not in word]
    joined = "\n".join(plain).lower()
    folded_plain = joined.split("\n")
    key = _NOT_LETTER_OR_LINE.sub("", joined)
    for cluster, sound in SOUND_CLUSTERS:
        key = key.replace(cluster, sound)
    keys = REPEATED.sub("", key.translate(SOUND_LETTERS)).split("\n")
    known = dict(zip(plain, zip(folded_plain, keys, strict=True), strict=True)) if plain else {}
    for word in words_in:
        found = known.get(word)
        if found is None:
            yield word, fold(word), sound_key(word)
        else:
            yield word, found[0], found[1]
