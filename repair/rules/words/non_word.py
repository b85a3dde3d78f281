"""WRD001 non-word: a lowercase word wordfreq does not know, with suggestions."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Final

from repair import lexicon
from repair.document import Document
from repair.findings import Applicability, Fix, Hit, Span
from repair.lazy_import import LazyModule
from repair.rules.base import CheckContext

if TYPE_CHECKING:
    from rapidfuzz import process
    from rapidfuzz.distance import Levenshtein
else:  # rapidfuzz on first use (repair.lazy_import): only WRD001, off by default, calls it
    process = LazyModule("rapidfuzz.process", globals(), "process")
    Levenshtein = LazyModule("rapidfuzz.distance.Levenshtein", globals(), "Levenshtein")

# A lowercase word of letters only: not part of a name, a URL, a number, a compound or a
# contraction ("dealsAnd", "e-mail", "don't", "example.com" are left to other rules).
_LOWER_WORD: Final = re.compile(r"(?<![\w'\u2019@/.#&-])[a-z]{3,}(?![\w'\u2019@/&-]|\.\w)")
_SUGGESTION_LIMIT: Final = 3


@functools.cache
def common_words(language: str) -> tuple[str, ...]:
    """Lowercase words at or above lexicon.COMMON_WORD_ZIPF: the suggestions' pool."""
    return tuple(
        word
        for word in lexicon.common_words(language)
        if word.isalpha() and word.islower() and len(word) > 2
    )


@functools.cache
def sorted_common_words(language: str) -> tuple[str, ...]:
    """:func:`common_words` in sorted order, without repeats, for prefix searches."""
    return tuple(sorted(set(common_words(language))))


@functools.lru_cache(maxsize=4096)
def suggestions(word: str, language: str = "en") -> tuple[tuple[str, int], ...]:
    """Common words within two edits of ``word``, nearest and most frequent first.

    >>> suggestions("declareing")[0]
    ('declaring', 1)
    """
    matches = process.extract(
        word,
        common_words(language),
        scorer=Levenshtein.distance,
        score_cutoff=2,
        limit=None,
    )
    ranked = sorted(matches, key=lambda m: (m[1], -lexicon.zipf(m[0], language)))
    return tuple((choice, int(distance)) for choice, distance, _ in ranked[:_SUGGESTION_LIMIT])


def _non_word_fix(word: str, found: tuple[tuple[str, int], ...], start: int) -> Fix | None:
    """An unsafe replacement when one suggestion alone is one edit away."""
    close = [choice for choice, distance in found if distance == 1]
    if len(word) < 5 or len(close) != 1:
        return None
    return Fix.replace(
        start, start + len(word), close[0], Applicability.UNSAFE, f'Write "{close[0]}"'
    )


def _non_word_matches(text: str, language: str) -> list[re.Match[str]]:
    """The matches of ``_LOWER_WORD`` that are not words, in order.

    The lexicon is asked once per distinct word, and each non-word is then found with
    ``str.find``: a match of ``_LOWER_WORD`` is a whole run of lowercase letters, so it is
    found again by matching the pattern where the word occurs and checking that it matched
    that word alone.
    """
    unknown = [
        word for word in set(_LOWER_WORD.findall(text)) if not lexicon.is_word(word, language)
    ]
    found: list[re.Match[str]] = []
    for word in unknown:
        position = text.find(word)
        while position != -1:
            match = _LOWER_WORD.match(text, position)
            if match is not None and match.end() == position + len(word):
                found.append(match)
            position = text.find(word, position + 1)
    found.sort(key=lambda match: match.start())
    return found


def non_word(doc: Document, ctx: CheckContext) -> Iterator[Hit]:
    """Lowercase word absent from the frequency dictionary, with suggestions.

    What it catches:
        A lowercase word of three letters or more that wordfreq does not know (Zipf below
        1.0), as machine translation invents them ("declareing", "voteings"). Capitalized
        tokens, which may be names, and compounds, contractions and numbers are not checked.
        The message lists up to three common words within two edits.
    Why:
        A non-word is an error a reader sees at once, and it hurts search and metrics.
    Bad:
        surprising the council and its partners, declareing it was too costly.
    Good:
        surprising the council and its partners, stating it was too costly.
    Fix safety:
        Unsafe, and only when a single common word is one edit away: a rare correct word
        can be missing from the dictionary. Otherwise no fix. Off by default: rare words,
        jargon and lowercase foreign words make it noisy on clean text.
    """
    language = ctx.config.language
    for match in _non_word_matches(doc.text, language):
        word = match[0]
        found = suggestions(word, language)
        hint = ", ".join(f'"{choice}"' for choice, _ in found)
        message = f'Non-word "{word}"' + (f" (did you mean {hint}?)" if hint else "")
        yield Hit(
            message, Span(match.start(), match.end()), _non_word_fix(word, found, match.start())
        )
