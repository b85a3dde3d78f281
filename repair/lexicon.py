"""Word frequencies from wordfreq, wrapped in one typed module.

A word's Zipf frequency is log10 of its count per billion words: 7 for "the", 3 for words
seen about once per million, 0 for words wordfreq does not know.
"""

from __future__ import annotations

import functools
from typing import Final

from repair.text import LETTER_WORD

COMMON_WORD_ZIPF: Final = 3.0
"""At or above this, a word is common enough that no rule may call it a typo."""
KNOWN_WORD_ZIPF: Final = 1.0
"""At or above this, a token is a word (wordfreq's lists stop near 1.0 for English)."""


# A word (LETTER_WORD): letters, with inner apostrophes or hyphens. Anything else wordfreq
# would split into several tokens and answer for the most frequent one ("2%According" ->
# "according"), so it gets no frequency.


@functools.lru_cache(maxsize=200_000)
def zipf(word: str, language: str = "en") -> float:
    """Zipf frequency of ``word`` (case-insensitive), 0.0 when unknown or not one word.

    >>> zipf("the") > 7, zipf("xqzvtk"), zipf("2%According")
    (True, 0.0, 0.0)
    """
    if not LETTER_WORD.fullmatch(word):
        return 0.0
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
    import wordfreq

    # The frequency table is sorted, most frequent first: read it directly rather than
    # asking zipf_frequency about each of tens of thousands of words.
    threshold = 10 ** (min_zipf - 9)
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
