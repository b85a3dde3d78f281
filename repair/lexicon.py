"""Word frequencies from wordfreq, wrapped in one typed module.

A word's Zipf frequency is log10 of its count per billion words: 7 for "the", 3 for words
seen about once per million, 0 for words wordfreq does not know.
"""

from __future__ import annotations

import functools
import math
import re
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Final

from repair.text import LETTER_WORD

if TYPE_CHECKING:
    from repair.lexicon_cache import Bands

COMMON_WORD_ZIPF: Final = 3.0
"""At or above this, a word is common enough that no rule may call it a typo."""
KNOWN_WORD_ZIPF: Final = 1.0
"""At or above this, a token is a word (wordfreq's lists stop near 1.0 for English)."""


# A word (LETTER_WORD): letters, with inner apostrophes or hyphens. Anything else wordfreq
# would split into several tokens and answer for the most frequent one ("2%According" ->
# "according"), so it gets no frequency.

# An English word of ASCII letters is answered from wordfreq's table (repair.lexicon_cache)
# without importing wordfreq: such a word needs none of its normalisation (NFKC and case
# folding are lower() here), and its tokens are the pieces between hyphens, each split after
# a leading elision of one or two letters before a vowel or "h" ("l'amour": "l", "amour"),
# as wordfreq's tokenizer splits them. Every other word is wordfreq's to answer.
_ASCII_WORD: Final = re.compile(r"[A-Za-z]+(?:['-][A-Za-z]+)*")
_ELISION: Final = re.compile(r"[a-z]{1,2}'(?=[aehiouy])")
_MINIMUM: Final = 10**0.0 / 1e9  # zipf_frequency's minimum frequency (Zipf 0), as it computes it

_cache_folder: Path | None = None
_english_lock = threading.Lock()
_english: list[Bands | None] = []  # the table, once loaded (None: wordfreq answers)


def keep_tables_in(folder: Path | None) -> None:
    """Read wordfreq's English table through the cache in ``folder`` (``<cache>/lexicon``)
    from now on: a process that has not loaded it yet reads it back from there instead of
    decoding it. ``None``: decode it each time (no cache)."""
    global _cache_folder
    _cache_folder = folder


def _english_bands() -> Bands | None:
    """wordfreq's English table, loaded once per process (forked workers inherit it)."""
    if not _english:
        with _english_lock:
            if not _english:
                from repair.lexicon_cache import english_bands

                _english.append(english_bands(_cache_folder))
    return _english[0]


def _tokens(lowered: str) -> list[str]:
    """The tokens wordfreq's tokenizer makes of a lowered :data:`_ASCII_WORD`."""
    tokens = []
    for piece in lowered.split("-"):
        while elision := _ELISION.match(piece):
            tokens.append(piece[: elision.end() - 1])
            piece = piece[elision.end() :]
        tokens.append(piece)
    return tokens


def _zipf_of(tokens: list[str], bands: Bands) -> float:
    """``wordfreq.zipf_frequency`` of a word made of ``tokens``: the same arithmetic on the
    same table, step by step, so that every float comes out the same."""
    one_over = 0.0
    for token in tokens:
        band = bands.get(token)
        if band is None:
            return round(math.log(_MINIMUM, 10) + 9, 2)
        one_over += 1.0 / 10 ** (-band / 100)
    unrounded = max(1.0 / one_over, _MINIMUM)
    frequency = round(unrounded, math.floor(-math.log(unrounded, 10)) + 3)
    return round(math.log(frequency, 10) + 9, 2)


@functools.lru_cache(maxsize=200_000)
def zipf(word: str, language: str = "en") -> float:
    """Zipf frequency of ``word`` (case-insensitive), 0.0 when unknown or not one word.

    >>> zipf("the") > 7, zipf("xqzvtk"), zipf("2%According")
    (True, 0.0, 0.0)
    """
    if not LETTER_WORD.fullmatch(word):
        return 0.0
    if language == "en" and _ASCII_WORD.fullmatch(word):
        bands = _english_bands()
        if bands is not None:
            return _zipf_of(_tokens(word.lower()), bands)
    import wordfreq  # imported on first use: a cached run never needs it

    return float(wordfreq.zipf_frequency(word, language))


def common_words(language: str = "en", min_zipf: float = COMMON_WORD_ZIPF) -> tuple[str, ...]:
    """The language's words at or above ``min_zipf``, most frequent first.

    >>> common_words()[:3]
    ('the', 'to', 'and')
    """
    return _common_words(language, float(min_zipf))


@functools.cache  # one key per language and threshold, however common_words was called
def _common_words(language: str, min_zipf: float) -> tuple[str, ...]:
    # The frequency table is sorted, most frequent first: read it directly rather than
    # asking zipf_frequency about each of tens of thousands of words.
    threshold = 10 ** (min_zipf - 9)
    bands = _english_bands() if language == "en" else None
    if bands is not None:
        # The last band whose frequency (as wordfreq computes it) reaches the threshold.
        last = -1
        while 10 ** (-(last + 1) / 100) >= threshold:
            last += 1
        return tuple(word for word in bands.down_to(last) if LETTER_WORD.fullmatch(word))
    import wordfreq

    found = []
    # The same arguments as zipf_frequency passes: get_frequency_dict's cache is keyed by how
    # it is called, and "en" alone would build the 0.3-second table a second time.
    for word, frequency in wordfreq.get_frequency_dict(language, "best").items():
        if frequency < threshold:
            break
        if LETTER_WORD.fullmatch(word):  # numbers and clitics ("'s") are not words to suggest
            found.append(word)
    return tuple(found)


def is_word(word: str, language: str = "en", threshold: float = KNOWN_WORD_ZIPF) -> bool:
    """True when ``word`` is in the language's frequency list at or above ``threshold``.

    >>> is_word("talks"), is_word("dealsAnd")
    (True, False)
    """
    return zipf(word, language) >= threshold
