"""repair.lexicon answers as wordfreq does, from the table it reads without wordfreq.

An English word of ASCII letters is looked up in wordfreq's table as repair.lexicon_cache
reads it (the dict decoded from the file, or the sorted words of the cache), with wordfreq's
tokens and arithmetic redone; every other word is wordfreq's own answer. Each is compared
with ``wordfreq.zipf_frequency`` and ``wordfreq.get_frequency_dict`` themselves.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
import wordfreq
from hypothesis import given, settings
from hypothesis import strategies as st

from repair import lexicon
from repair.lexicon_cache import english_bands

# wordfreq's own table: the reference for the words and frequencies (slow to build, once).
REFERENCE = wordfreq.get_frequency_dict("en", "best")
ASCII_WORDS = [word for word in REFERENCE if re.fullmatch(r"[a-z]+(?:'[a-z]+)*", word)]
PLAIN = [word for word in ASCII_WORDS if "'" not in word]


@pytest.fixture(scope="module")
def cache_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A cache folder holding the table's entry (written by a first load)."""
    folder = tmp_path_factory.mktemp("cache") / "lexicon"
    english_bands(folder)
    assert list(folder.iterdir())
    return folder


@pytest.fixture(params=["decoded", "cached"])
def table(request: pytest.FixtureRequest) -> Iterator[str]:
    """The lexicon answering from a fresh table: decoded from wordfreq's file, or read back
    from the cache."""
    folder = request.getfixturevalue("cache_folder") if request.param == "cached" else None
    kept = lexicon._cache_folder, list(lexicon._english)
    lexicon.keep_tables_in(folder)
    _forget()
    try:
        yield request.param
        if lexicon._english:  # the table was asked for: the kind under test answered
            expected = {"decoded": "_DictBands", "cached": "_SortedBands"}[request.param]
            assert type(lexicon._english[0]).__name__ == expected
    finally:
        lexicon._cache_folder, lexicon._english[:] = kept[0], kept[1]
        _forget(keep_table=True)


def _forget(keep_table: bool = False) -> None:
    if not keep_table:
        lexicon._english.clear()
    lexicon.zipf.cache_clear()
    lexicon._common_words.cache_clear()


def _same(words: list[str]) -> None:
    ours = [lexicon.zipf(word) for word in words]
    theirs = [wordfreq.zipf_frequency(word, "en") for word in words]
    differ = [(w, a, b) for w, a, b in zip(words, ours, theirs, strict=True) if a != b]
    assert not differ, differ[:10]


def test_one_word_of_every_band_and_every_word_with_an_apostrophe(table: str) -> None:
    bands: dict[float, str] = {}
    for word in PLAIN:
        bands.setdefault(REFERENCE[word], word)
    assert len(bands) > 500  # every band that holds a word: the rounding of each
    _same(list(bands.values()) + [word for word in ASCII_WORDS if "'" in word])


def test_a_sample_of_the_table_in_any_case(table: str) -> None:
    sample = random.Random(20).sample(ASCII_WORDS, 3000)
    _same(sample + [word.upper() for word in sample[:500]] + [w.title() for w in sample[500:1000]])


def test_words_wordfreq_splits(table: str) -> None:
    """Hyphens split a word into tokens; so does a leading elision before a vowel or "h"
    (wordfreq's rule for "l'amour"), repeated; other apostrophes do not."""
    words = [
        "state-owned",
        "two-day",
        "Anti-Missile",
        "x-ray",
        "re-elect",
        "well-known-ish",
        "l'amour",
        "d'Artagnan",
        "qu'il",
        "o'er",
        "O'Connor",
        "y'all",
        "l'l'amour",
        "ab'hor",
        "abc'ed",
        "rock'n'roll",
        "don't-care",
        "you're",
        "it'll",
        "a'b",
        "xq'e",
        "zzzz-the",
        "the-zzzzqx",
        "Hainan",
        "Eldoria",
        "Vessmark",
        "xqzvtk",
        "a",
        "I",
        "z",
    ]
    _same(words)


_PIECE = st.text(st.sampled_from("aeihouyAEHxqtlnrsdTLQ"), min_size=1, max_size=6)


@settings(max_examples=400, deadline=None)
@given(
    st.lists(st.tuples(st.sampled_from("'-"), _PIECE | st.sampled_from(PLAIN)), max_size=3),
    _PIECE | st.sampled_from(PLAIN),
)
def test_any_ascii_word(rest: list[tuple[str, str]], first: str) -> None:
    word = first + "".join(joint + piece for joint, piece in rest)
    _same([word])


def test_words_not_of_ascii_letters_are_wordfreq_s(table: str) -> None:
    others = [
        word for word in REFERENCE if not word.isascii() and lexicon.LETTER_WORD.fullmatch(word)
    ]
    sample = random.Random(3).sample(others, 300)
    _same([*sample, "Zoë", "naïve", "café", "don\u2019t", "Ünver", "São-Paulo"])


def test_other_languages_are_wordfreq_s() -> None:
    for word in ("maison", "the", "Straße", "xqzvtk"):
        assert lexicon.zipf(word, "fr") == wordfreq.zipf_frequency(word, "fr")
        assert lexicon.zipf(word, "de") == wordfreq.zipf_frequency(word, "de")


@pytest.mark.parametrize("min_zipf", [3.0, 2.37, 0.0])
def test_common_words_in_wordfreq_s_order(table: str, min_zipf: float) -> None:
    threshold = 10 ** (min_zipf - 9)
    expected = []
    for word, frequency in REFERENCE.items():
        if frequency < threshold:
            break
        if lexicon.LETTER_WORD.fullmatch(word):
            expected.append(word)
    assert lexicon.common_words("en", min_zipf) == tuple(expected)
