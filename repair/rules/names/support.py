"""The text's own evidence for a damaged name: the same name written in full elsewhere.

A name cut at its end ("Velderho") or short of one letter ("Velderhlm") is often a word of
its own to wordfreq, or too short for the index's near search ("Kog"). When the same text
writes a listed name in full, and that name is the only listed spelling the token shortens
so, the text itself says what the token was meant to be.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import Final

from repair.entities import EntityIndex, fold
from repair.findings import Applicability, Span
from repair.lexicon import COMMON_WORD_ZIPF, zipf
from repair.rules.names.evidence import CUT, LOST, is_pinyin, letter_lost

MAX_CUT: Final = 2
"""Letters an ending may lose and still be told from another name."""
MIN_LETTERS: Final = 3
"""A shorter token ("Ko") fits too many names to say which one."""
_NEAR_CUTOFF: Final = 50.0
"""Low enough that the index returns every spelling one or two letters longer."""
PINYIN_SUPPORT: Final = 2
"""Times a pinyin name must be written in full before a pinyin token is taken for it: one
article may name a Lijuan once and a Lijun once; a name written twice and a near-homonym
once is damage (on the simulator, 1 fixes a few more and 3 a few fewer, all right)."""
PINYIN_MIN_LETTERS: Final = 5
"""One pinyin syllable ("Zhan", "Yan") is a surname of its own, whatever else the text says."""


def shortening(token: str, spelling: str) -> str | None:
    """How ``token`` shortens ``spelling``: its ending cut, or one inner letter lost.

    >>> shortening("Velderho", "Velderholm"), shortening("Velderhlm", "Velderholm")
    ('cut off', 'letter lost')
    >>> shortening("Velder", "Velderholm"), shortening("Welderholm", "Velderholm") is None
    (None, True)
    """
    short, full = fold(token), fold(spelling)
    if short[:1] != full[:1]:
        return None
    if full.startswith(short) and 1 <= len(full) - len(short) <= MAX_CUT:
        return CUT
    if letter_lost(token, spelling):
        return LOST
    return None


def supported_spelling(
    token: str,
    written: Mapping[str, int],
    index: EntityIndex,
    by_shape: Mapping[tuple[str, int], Sequence[str]] | None = None,
) -> tuple[str, str] | None:
    """(spelling, how) when ``token`` shortens exactly one name the text writes in full and
    no other listed spelling; None otherwise.

    ``by_shape`` is :func:`written_by_shape` of ``written``, when the caller asks for many
    tokens of one text: only the spellings that could be shortened to the token are tried.
    """
    folded = fold(token)
    if len(folded) < MIN_LETTERS:
        return None
    if by_shape is None:
        pool: Iterable[str] = written
    else:
        pool = [
            spelling
            for longer in _FEWER
            for spelling in by_shape.get((folded[:1], len(folded) + longer), ())
        ]
    found = [(s, how) for s in pool if (how := shortening(token, s) or "")]
    if len(found) != 1:
        return None
    spelling, how = found[0]
    rivals = {
        c.spelling
        for c in index.near(token, cutoff=_NEAR_CUTOFF)
        if c.spelling != spelling and shortening(token, c.spelling)
    }
    if rivals:
        return None
    return spelling, how


_MAX_SHORTER: Final = max(MAX_CUT, 1)
"""How many letters shorter than a spelling a shortening may be: a cut ending (up to
:data:`MAX_CUT`) or one lost letter (see :func:`shortening`)."""
_FEWER: Final = range(1, _MAX_SHORTER + 1)


def written_by_shape(written: Iterable[str]) -> Mapping[tuple[str, int], Sequence[str]]:
    """(first folded letter, folded length) -> the spellings of that shape, in order: a
    shortening keeps the first letter and loses one to :data:`_MAX_SHORTER` letters, so a
    token need only be tried against a few shapes, not every name the text writes."""
    shapes: dict[tuple[str, int], list[str]] = {}
    for spelling in written:
        folded = fold(spelling)
        shapes.setdefault((folded[:1], len(folded)), []).append(spelling)
    return shapes


def shortening_shapes(by_shape: Mapping[tuple[str, int], Sequence[str]]) -> set[tuple[str, int]]:
    """The shapes (as :func:`written_by_shape`'s) of the tokens that may shorten a spelling
    of ``by_shape``: its first letter, 1 to :data:`_MAX_SHORTER` letters fewer. For a token
    of another shape, :func:`supported_spelling` has no spelling to try, and is None."""
    return {(first, size - fewer) for first, size in by_shape for fewer in _FEWER}


def support_applicability(
    token: str, spelling: str, written: Mapping[str, int], counts: Counter[str], language: str
) -> Applicability:
    """Safe for a token used once that is no common word and, when it is pinyin, stands for
    a name of several syllables that the text writes in full at least twice."""
    if counts[token] > 1 or zipf(token, language) >= COMMON_WORD_ZIPF:
        return Applicability.UNSAFE
    pinyin = is_pinyin(token) and is_pinyin(spelling)
    if pinyin and (written[spelling] < PINYIN_SUPPORT or len(fold(token)) < PINYIN_MIN_LETTERS):
        return Applicability.UNSAFE
    return Applicability.SAFE


def safe_repairs(
    text: str,
    loose: Iterable[str],
    places: Callable[[str], Iterable[Span]],
    written: Mapping[str, int],
    counts: Counter[str],
    index: EntityIndex,
    language: str,
) -> Iterator[tuple[Span, str, str]]:
    """(span, spelling, reason) for each place of the tokens of ``loose`` (near no listed
    name by the index alone; ``places`` gives where they stand) that only the text's own
    full spelling reveals as a name cut or short of a letter, and safely so. The others are
    not reported: a word of its own may look so. A token is judged once, whatever its
    places: most tokens shorten no name the text writes, and their places are not sought."""
    if not written:
        return
    by_shape = written_by_shape(written)
    # Most loose tokens have no shape of a shortening, and are passed over with a look-up
    # rather than a call that finds no spelling to try
    shapes = shortening_shapes(by_shape)
    for token in loose:
        folded = fold(token)
        if (folded[:1], len(folded)) not in shapes:
            continue
        support = supported_spelling(token, written, index, by_shape)
        if support is None:
            continue
        spelling, how = support
        safety = support_applicability(token, spelling, written, counts, language)
        if safety is not Applicability.SAFE:
            continue
        for span in places(token):
            if not line_cut_at(text, span.end):
                yield span, spelling, describe(how, spelling)


def line_cut_at(text: str, end: int) -> bool:
    """True when the line ends right after ``end`` with no punctuation: a line cut off (a
    teaser, a truncated scrape) takes its last word's ending with it, and what follows
    is lost, not a name to complete.

    >>> line_cut_at("a report by Centra\\nNext", 18), line_cut_at("in Velderho.", 11)
    (True, False)
    """
    return end == len(text) or text[end] == "\n"


def describe(how: str, spelling: str) -> str:
    return f'{how}, "{spelling}" written in full elsewhere in the text'


__all__ = [
    "MAX_CUT",
    "describe",
    "line_cut_at",
    "safe_repairs",
    "shortening",
    "shortening_shapes",
    "support_applicability",
    "supported_spelling",
    "written_by_shape",
]
