"""WRD: damaged words. Non-words, doubled words, stutters and repeated fragments, words of one
stem side by side, function words capitalized mid-sentence, and words cut short at a line end.

Capitalized tokens are taken for names and never called non-words: there is no entity list to
tell a garbled name from a rare one. Word lists are data (``repair/data/words-*.txt``);
frequencies come from wordfreq through :mod:`repair.lexicon`.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
from collections.abc import Iterable, Iterator
from typing import Final

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from repair import data, lexicon
from repair.document import Document
from repair.findings import Applicability, Finding, Fix, Severity, Span
from repair.rules.base import CheckContext, FixAvailability, Rule

_END_MARKS: Final = frozenset(".!?\u2026:;\"'\u201d\u2019)]*_>|")
_TOKEN: Final = re.compile(r"[A-Za-z][\w'\u2019-]*")


@functools.cache
def _function_words() -> frozenset[str]:
    return data.word_set("words-function")


@functools.cache
def _repeatable() -> frozenset[str]:
    return data.word_set("words-repeatable")


@functools.cache
def _short_words() -> frozenset[str]:
    return data.word_set("words-short")


def looks_like_title(text: str) -> bool:
    """True for a headline, label or dateline: four words or fewer, or mostly capitalized.

    >>> looks_like_title("US Defense Secretary's Pivotal NATO Visit Amid Ukraine Conflict")
    True
    >>> looks_like_title("President Donald Trump creates a task force to prepare for the 2026 W")
    False
    """
    tokens = _TOKEN.findall(text)
    if len(tokens) <= 4:
        return True
    function_words = _function_words()
    content = [t for t in tokens if len(t) > 2 and t.lower() not in function_words]
    if not content:
        return False
    capitalized = sum(1 for t in content if t[0].isupper())
    return capitalized / len(content) >= 0.6


def is_cut_word(token: str, language: str = "en") -> bool:
    """True when a token at the end of a line is a word cut short, not a word.

    One- and two-letter tokens must be in data/words-short.txt. A longer lowercase token is
    cut when it is rare (wordfreq knows many web fragments, so "rare" is a Zipf below 2) and
    begins a common word. Longer capitalized tokens may be names and are never called cut.

    >>> is_cut_word("th"), is_cut_word("W"), is_cut_word("governm"), is_cut_word("of")
    (True, True, True, False)
    """
    if not token.isalpha():
        return False
    if len(token) <= 2:
        return token not in _short_words() and token.lower() not in _short_words()
    if not token.islower() or lexicon.is_word(token, language, _CUT_WORD_ZIPF):
        return False
    return _begins_longer_common_word(token, language)


def _begins_longer_common_word(token: str, language: str) -> bool:
    """True when a common word longer than ``token`` starts with it.

    The words that start with ``token`` sort together, right after ``token`` itself (when it
    is a common word): one binary search instead of a scan of the whole list.

    >>> _begins_longer_common_word("governm", "en"), _begins_longer_common_word("xqz", "en")
    (True, False)
    """
    ordered = _sorted_common_words(language)
    index = bisect.bisect_left(ordered, token)
    if index < len(ordered) and ordered[index] == token:
        index += 1
    return index < len(ordered) and ordered[index].startswith(token)


_CUT_WORD_ZIPF: Final = 2.0


def _ends_open(text: str) -> bool:
    """True when a line's text ends with no end mark (nor a closing quote or bracket)."""
    stripped = text.rstrip()
    return bool(stripped) and stripped[-1] not in _END_MARKS


# WRD001 ------------------------------------------------------------------------------------

# A lowercase word of letters only: not part of a name, a URL, a number, a compound or a
# contraction ("dealsAnd", "e-mail", "don't", "example.com" are left to other rules).
_LOWER_WORD: Final = re.compile(r"(?<![\w'\u2019@/.#&-])[a-z]{3,}(?![\w'\u2019@/&-]|\.\w)")
_SUGGESTION_LIMIT: Final = 3


@functools.cache
def _common_words(language: str) -> tuple[str, ...]:
    """Lowercase words at or above lexicon.COMMON_WORD_ZIPF: the suggestions' pool."""
    return tuple(
        word
        for word in lexicon.common_words(language)
        if word.isalpha() and word.islower() and len(word) > 2
    )


@functools.cache
def _sorted_common_words(language: str) -> tuple[str, ...]:
    """:func:`_common_words` in sorted order, without repeats, for prefix searches."""
    return tuple(sorted(set(_common_words(language))))


@functools.lru_cache(maxsize=4096)
def suggestions(word: str, language: str = "en") -> tuple[tuple[str, int], ...]:
    """Common words within two edits of ``word``, nearest and most frequent first.

    >>> suggestions("declareing")[0]
    ('declaring', 1)
    """
    matches = process.extract(
        word,
        _common_words(language),
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


def non_word(doc: Document, ctx: CheckContext) -> Iterator[Finding]:
    """Lowercase word absent from the frequency dictionary, with suggestions.

    What it catches:
        A lowercase word of three letters or more that wordfreq does not know (Zipf below
        1.0), as machine translation invents them ("declareing", "enrager"). Capitalized
        tokens, which may be names, and compounds, contractions and numbers are not checked.
        The message lists up to three common words within two edits.
    Why:
        A non-word is an error a reader sees at once, and it hurts search and metrics.
    Bad:
        stunning Ukraine and its allies, declareing it was unrealistic.
    Good:
        stunning Ukraine and its allies, stating it was unrealistic.
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
        yield Finding(
            "WRD001",
            message,
            Span(match.start(), match.end()),
            Severity.WARNING,
            _non_word_fix(word, found, match.start()),
        )


# Word starts where WRD002, WRD003 or WRD004 may match -------------------------------------

# Their patterns start with ``\b`` and a letter, so ``re`` would try them at every letter of
# the text. All three need a word followed, after non-word characters only, by the same word
# (WRD002, WRD003) or by a word of the same seven-letter stem (WRD004): this pattern finds
# those word starts, trying only after characters that are not ASCII letters or digits (a
# charset ``re`` skips to in C), and each rule runs its own pattern there alone.
_REPEAT_LETTERS: Final = "A-Za-z\u0130\u0131\u017f\u212a"  # [A-Za-z] under IGNORECASE
_REPEAT_AHEAD: Final = rf"""
    (?=
        (                          # 1: a word (WRD002's and WRD003's first copy)...
          (?> ([a-z]{{7}})[{_REPEAT_LETTERS}]*+  # 2: ...its first seven letters if lowercase
            | [{_REPEAT_LETTERS}]++ )            # (WRD004), else none
        )
        [^{_REPEAT_LETTERS}0-9_]++  # characters that are no letter nor digit (all non-word)
        (?: (?i:\1) | \2 )        # the same word in any case, or the same seven letters
    )
"""
_REPEAT_AFTER: Final = re.compile(
    rf"""[^A-Za-z0-9_]    # a character before a word: found by a charset skip, in C
        {_REPEAT_AHEAD}
    """,
    re.VERBOSE,
)
_REPEAT_AT: Final = re.compile(_REPEAT_AHEAD, re.VERBOSE)


def _repeat_starts(doc: Document) -> tuple[int, ...]:
    """Offsets, in order, of the word starts where WRD002, WRD003 and WRD004 may match."""
    return doc.shared("repair.rules.words.repeat-starts", _find_repeat_starts)


def _find_repeat_starts(doc: Document) -> tuple[int, ...]:
    text = doc.text
    starts = [match.end() for match in _REPEAT_AFTER.finditer(text)]
    if _REPEAT_AT.match(text):
        starts.insert(0, 0)
    return tuple(starts)


def _matches_at(
    pattern: re.Pattern[str], text: str, starts: Iterable[int]
) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text)`` when every match starts at one of ``starts`` (in order):
    the pattern, which never matches the empty string, is tried there alone, past the last
    match, as ``finditer`` would try it."""
    resume = -1
    for start in starts:
        if start < resume:
            continue
        match = pattern.match(text, start)
        if match is not None:
            resume = match.end()
            yield match


# WRD002 ------------------------------------------------------------------------------------

_DOUBLED: Final = re.compile(r"\b([A-Za-z]+)[ \t]+(\1)\b", re.IGNORECASE)


def doubled_word(doc: Document, ctx: CheckContext) -> Iterator[Finding]:
    """The same word twice in a row ("the the").

    What it catches:
        A word written twice with only a space between, whatever its case. Words that
        correct English doubles ("that that", "had had") are listed in
        data/words-repeatable.txt; two capitalized copies are taken for a name
        ("Walla Walla").
    Why:
        Machine translation and hasty edits leave doubled words that readers trip over.
    Bad:
        He said the the talks would go on.
    Good:
        He said that that was not the deal, and he had had enough.
    Fix safety:
        Unsafe: removing the second copy deletes a word.
    """
    for match in _matches_at(_DOUBLED, doc.text, _repeat_starts(doc)):
        first, second = match[1], match[2]
        if first.lower() in _repeatable() or (first[0].isupper() and second[0].isupper()):
            continue
        yield Finding(
            "WRD002",
            f'Word doubled: "{match[0]}"',
            Span(match.start(), match.end()),
            Severity.WARNING,
            Fix.replace(
                match.end(1),
                match.end(2),
                "",
                Applicability.UNSAFE,
                f'Remove the second "{second}"',
            ),
        )


# WRD003 ------------------------------------------------------------------------------------

_REPEATED_FRAGMENT: Final = re.compile(
    r"""\b([A-Za-z]{1,12})\b        # a short word...
        (?:[^\w\n]{1,6}\1\b){2,}    # ...repeated twice more with only punctuation between
    """,
    re.VERBOSE | re.IGNORECASE,
)
_QUOTES_AND_BRACKETS: Final = re.compile(r"[\"\u201c\u201d\u201e\u00ab\u00bb()\[\]]")


def repeated_fragment(doc: Document, ctx: CheckContext) -> Iterator[Finding]:
    """A word stuttered three times or more, with quotes or punctuation between the copies.

    What it catches:
        The stutter machine translation makes of quoted speech: one word repeated with only
        quote marks, commas or brackets between (he", he ", he", he). Emphatic repetitions
        ("no, no, no") are listed in data/words-repeatable.txt; a plain comma-separated run
        is reported only from four copies on.
    Why:
        The copies are noise the source never had; the sentence around them is garbled too.
    Bad:
        expensive exercise, \\u201che\\u201d, he \\u201c, he\\u201d, he is expensive.
    Good:
        "No, no, no," she said, and he laughed.
    Fix safety:
        No fix: which copy, and which quote marks, belong to the text cannot be known.
    """
    for match in _matches_at(_REPEATED_FRAGMENT, doc.text, _repeat_starts(doc)):
        word = match[1]
        if word.lower() in _repeatable():
            continue
        copies = len(re.findall(rf"\b{re.escape(word)}\b", match[0], re.IGNORECASE))
        if copies < 4 and not _QUOTES_AND_BRACKETS.search(match[0]):
            continue
        yield Finding(
            "WRD003",
            f'"{word}" repeated {copies} times: "{match[0]}"',
            Span(match.start(), match.end()),
            Severity.WARNING,
        )


# WRD004 ------------------------------------------------------------------------------------

_WORD_PAIR: Final = re.compile(r"\b([a-z]{5,})[ \t]+(?=([a-z]{5,})\b)")
_MIN_STEM: Final = 7


def _common_prefix_length(first: str, second: str) -> int:
    length = 0
    for a, b in zip(first, second, strict=False):
        if a != b:
            break
        length += 1
    return length


def same_stem_words(doc: Document, ctx: CheckContext) -> Iterator[Finding]:
    """Two words of one stem side by side ("strategy strategist").

    What it catches:
        Two different lowercase words in a row that share a stem of seven letters or more,
        covering all but at most two letters of the shorter one: machine translation's
        hesitation between two renderings of one source word.
    Why:
        One of the two words is redundant, and the phrase reads as a stutter.
    Bad:
        said David Roche, a quantum strategy strategist.
    Good:
        said David Roche, a strategist at Quantum Strategy.
    Fix safety:
        No fix: which of the two words was meant cannot be known.
    """
    for match in _matches_at(_WORD_PAIR, doc.text, _repeat_starts(doc)):
        first, second = match[1], match[2]
        if first == second:
            continue
        stem = _common_prefix_length(first, second)
        if stem < _MIN_STEM or stem < min(len(first), len(second)) - 2:
            continue
        end = match.end() + len(second)
        yield Finding(
            "WRD004",
            f'Two words of one stem: "{first} {second}"',
            Span(match.start(), end),
            Severity.WARNING,
        )


# WRD005 ------------------------------------------------------------------------------------

_CAPITALIZED_MID_SENTENCE: Final = re.compile(
    r"""\b[a-z]+[ \t]+        # a lowercase word, no punctuation after it
        ([A-Z][a-z]+)         # a capitalized word...
        (?=[ \t]+[a-z0-9])    # ...followed by a lowercase word or a number (not a name)
    """,
    re.VERBOSE,
)


# The same capitalized words as _CAPITALIZED_MID_SENTENCE, found from the space before them
# (a scan for spaces, not an attempt at every letter); the lowercase word before is checked
# then. Matches cannot overlap: each holds one capitalized word and the space before it.
_CAPITALIZED_AFTER_SPACE: Final = r"[ \t]({word})(?=[ \t]+[a-z0-9])"
# The same for a text with no tab: a pattern that starts with a literal, which ``re`` skips
# to faster than to a set of characters.
_CAPITALIZED_AFTER_SPACE_NO_TAB: Final = r" ({word})(?=[ \t]+[a-z0-9])"


@functools.cache
def _capitalized_function_word_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """``_CAPITALIZED_AFTER_SPACE`` and its form for a text with no tab, matching only the
    function words (capitalized) that ``[A-Z][a-z]+`` can match.

    Most capitalized words mid-sentence are names, not function words: the pattern passes
    them over in ``re`` (one branch per first letter) instead of yielding each to Python.
    A branch matches exactly the whole word: the lookahead wants a space right after it.
    """
    words = sorted(
        word.capitalize()
        for word in _function_words()
        if len(word) >= 2 and word.isascii() and word.isalpha() and word.islower()
    )
    branches = []
    for first, group in itertools.groupby(words, key=lambda word: word[0]):
        rests = sorted((word[1:] for word in group), key=lambda rest: (-len(rest), rest))
        branches.append(f"{first}(?:{'|'.join(rests)})")
    word = "|".join(branches) or "(?!)"  # no function word: a pattern that never matches
    return (
        re.compile(_CAPITALIZED_AFTER_SPACE.format(word=word)),
        re.compile(_CAPITALIZED_AFTER_SPACE_NO_TAB.format(word=word)),
    )


def _lowercase_word_before(text: str, space: int) -> bool:
    """True when ``\\b[a-z]+[ \\t]+`` ends at ``space + 1``: a whole lowercase word, then spaces."""
    end = space
    while end and text[end - 1] in " \t":
        end -= 1
    start = end
    while start and "a" <= text[start - 1] <= "z":
        start -= 1
    if start == end:
        return False
    return start == 0 or not (text[start - 1].isalnum() or text[start - 1] == "_")


def capitalized_function_word(doc: Document, ctx: CheckContext) -> Iterator[Finding]:
    """Function word capitalized in the middle of a sentence ("it The return").

    What it catches:
        An article, preposition, conjunction, pronoun or auxiliary from
        data/words-function.txt written with a capital between a lowercase word and a
        lowercase word or number, on one line: where machine translation lost a sentence
        end or a word ("saying it The return", "At the moment Only 23"). A capitalized
        word followed by another capital ("in The Hague", "told The Moscow Times") is a
        name and is left alone.
    Why:
        The capital is either wrong or the trace of a lost sentence boundary.
    Bad:
        At the moment Only 23 out of 32 members reached the target.
    Good:
        At the moment only 23 of 32 members meet it, a diplomat told The Moscow Times.
    Fix safety:
        Unsafe: lowercasing is right when the capital is a stray, but a sentence end may
        have been lost there instead.
    """
    text = doc.text
    function_words = _function_words()
    with_tab, without_tab = _capitalized_function_word_patterns()
    pattern = with_tab if "\t" in text else without_tab
    for match in pattern.finditer(text):
        word = match[1]
        lower = word.lower()
        if lower not in function_words or not _lowercase_word_before(text, match.start()):
            continue
        yield Finding(
            "WRD005",
            f'Capitalized "{word}" in the middle of a sentence',
            Span(match.start(1), match.end(1)),
            Severity.WARNING,
            Fix.replace(
                match.start(1), match.end(1), lower, Applicability.UNSAFE, f'Write "{lower}"'
            ),
        )


# WRD006 ------------------------------------------------------------------------------------

_LAST_TOKEN: Final = re.compile(r"(?<=\s)([A-Za-z]+)[ \t]*$")


def cut_word_at_end(doc: Document, span: Span) -> Span | None:
    """The span of a paragraph's last word when that word is cut short, else None.

    The paragraph must end with no end mark and read as a sentence, not a title.
    """
    text = doc.text[span.start : span.end]
    if not _ends_open(text):
        return None
    # A paragraph ending in a word of letters only: the last token is all that can match.
    last_token = text.rsplit(None, 1)[-1]
    if not last_token.isascii() or not last_token.isalpha():
        return None
    match = _LAST_TOKEN.search(text, len(text.rstrip()) - len(last_token))
    if match is None or looks_like_title(text) or not is_cut_word(match[1]):
        return None
    return Span(span.start + match.start(1), span.start + match.end(1))


def word_cut_at_line_end(doc: Document, ctx: CheckContext) -> Iterator[Finding]:
    """Word cut short at the end of a paragraph ("...long feared: that th").

    What it catches:
        A paragraph (a line, in text stored one paragraph per line) that reads as a
        sentence, has no end mark, and ends in a fragment: a one- or two-letter token that
        is not a short word (data/words-short.txt), or a lowercase non-word. Scrapers cut
        teasers this way. The last paragraph of the text is STR004's.
    Why:
        The sentence is lost, and what is left is a broken word and an unfinished thought.
    Bad:
        Last week's blowup exemplified what many experts have long feared: that th

        President Trump creates a task force to prepare for the World Cup.
    Good:
        Last week's blowup exemplified what many experts have long feared.

        President Trump creates a task force to prepare for the World Cup.
    Fix safety:
        No fix: the lost text cannot be known.
    """
    for paragraph in doc.paragraphs[:-1]:
        cut = cut_word_at_end(doc, paragraph)
        if cut is None:
            continue
        word = doc.text[cut.start : cut.end]
        yield Finding(
            "WRD006",
            f'Paragraph ends in a word cut short: "{word}"',
            cut,
            Severity.WARNING,
        )


RULES: Final[tuple[Rule, ...]] = (
    Rule("WRD001", "non-word", non_word, FixAvailability.SOMETIMES, default=False),
    Rule("WRD002", "doubled-word", doubled_word, FixAvailability.ALWAYS),
    Rule("WRD003", "repeated-fragment", repeated_fragment),
    Rule("WRD004", "same-stem-words", same_stem_words),
    Rule("WRD005", "capitalized-function-word", capitalized_function_word, FixAvailability.ALWAYS),
    Rule("WRD006", "word-cut-at-line-end", word_cut_at_line_end),
)
