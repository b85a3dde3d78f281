"""What the PUN rules share: the data tables' names, the evidence that two halves around a
hyphen make one compound, and the triggers of the rules about marks, whose lines are found by
one scan. Their line-by-line search is :func:`repair.text.finditer_lines`."""

from __future__ import annotations

import itertools
import re
from typing import Final

from repair import data
from repair.document import Document
from repair.rules.base import WholeText
from repair.rules.same_text import in_fix_run, shared_by_text
from repair.text import TRIGGER_LINES, lines_holding, share_trigger_lines

COMPOUNDS: Final = "punctuation-compounds"
PREFIXES: Final = "punctuation-prefixes"
FUNCTION_WORDS: Final = "punctuation-function-words"
DOMAIN_ENDINGS: Final = "punctuation-domain-endings"
OUTLETS: Final = "punctuation-outlets"
PARTICLES: Final = "punctuation-particles"
MEASURE_WORDS: Final = "punctuation-measure-words"


MAX_SHORT_FORM: Final = 5
"""Letters of the longest short form a number is joined to ("COVID-19"): longer capitals
("BETWEEN -1") are words of code or of a shouted sentence, and "-1" is a negative number."""


def is_compound(left: str, right: str) -> bool:
    return f"{left}-{right}".lower() in data.word_set(COMPOUNDS)


def is_function_word(word: str) -> bool:
    """A function word of the table; capitals are a short form ("US", "IT"), not one.

    >>> is_function_word("us"), is_function_word("US")
    (True, False)
    """
    if len(word) > 1 and word.isupper():
        return False
    return word.lower() in data.word_set(FUNCTION_WORDS)


_HYPHENATED: Final = re.compile(r"(?<![\w-])[A-Za-z]+(?:-[A-Za-z]+)+(?![\w-])")


def written_whole_elsewhere(doc: Document, left: str, right: str) -> bool:
    """Whether the text writes "left-right" with its hyphen elsewhere, in any case: the
    writer's own compound, which neither a dash nor a word broken at a line's end is.

    >>> doc = Document.from_text("The over-age workers. Many over- age workers.")
    >>> written_whole_elsewhere(doc, "over", "age"), written_whole_elsewhere(doc, "a", "b")
    (True, False)
    """
    return f"{left}-{right}".lower() in HYPHENATED(doc)


# A hyphen between two ASCII letters, as every hyphen of a ``_HYPHENATED`` word is. The
# pattern starts with a literal, which ``re`` skips to fast; ``_HYPHENATED`` itself would be
# tried at every letter of the text.
_INNER_HYPHEN: Final = re.compile(r"-(?<=[A-Za-z]-)(?=[A-Za-z])")
_SPACE_OR_BREAK: Final = re.compile(r"[ \n]")


def _hyphenated_pairs(doc: Document) -> frozenset[str]:
    """Every pair of adjacent parts of the text's hyphenated words, in lower case
    ("state-owned-enterprise" gives "state-owned" and "owned-enterprise").

    ``_HYPHENATED`` is run only on the stretches of text with no space nor line break
    around a hyphen between letters. Each of its matches holds such a hyphen and neither a
    space nor a line break, so it lies in the stretch around its first hyphen; and the
    matches there are those of the whole text: the lookbehind sees the character before
    the stretch, and at its end stands a space or a line break, which the closing
    lookahead accepts as it accepts the end of the searched range.

    >>> sorted(_hyphenated_pairs(Document.from_text("A state-owned-Firm, x-1 and re- do.")))
    ['owned-firm', 'state-owned']
    """
    text = doc.text
    pairs: set[str] = set()
    end = 0  # the end of the last stretch searched: no stretch starts before it
    hyphen = _INNER_HYPHEN.search(text)
    while hyphen is not None:
        at = hyphen.start()
        # Both searches stop at the next space or line break, or at the last stretch's end:
        # each character is looked at about once, however long the lines.
        start = max(text.rfind(" ", end, at), text.rfind("\n", end, at), end - 1) + 1
        space = _SPACE_OR_BREAK.search(text, at)
        end = len(text) if space is None else space.start()
        for match in _HYPHENATED.finditer(text, start, end):
            parts = match[0].lower().split("-")
            pairs.update(f"{a}-{b}" for a, b in itertools.pairwise(parts))
        hyphen = _INNER_HYPHEN.search(text, end)
    return frozenset(pairs)


_MAX_MEASURED: Final = 999
"""The largest count joined to a unit: "2019 - year of change" names a year, not a span."""


def measures(number: str, word: str) -> bool:
    """Whether "<number>-<word>" is a count and its unit ("32-week", "70-year").

    >>> measures("32", "week"), measures("2019", "year"), measures("5", "weeks")
    (True, False, False)
    """
    return int(number) <= _MAX_MEASURED and word in data.word_set(MEASURE_WORDS)


def starts_line(text: str, offset: int) -> bool:
    """Whether only spaces, list marks or quote marks stand before ``offset`` on its line."""
    line_start = text.rfind("\n", 0, offset) + 1
    return not any(char.isalnum() for char in text[line_start:offset])


# A word, a hyphen with a space on one side or both, and the next word (in the lookahead:
# it may be the first word of the next pair, "a -b -c").
_SPACED_PAIR: Final = re.compile(r"(?<![A-Za-z])([A-Za-z]+)(?:\x20-\x20?|-\x20)(?=([A-Za-z]+))")


def _asked_pairs(doc: Document) -> frozenset[str]:
    """The pairs of :func:`_hyphenated_pairs` that PUN001 or PUN005 may ask about
    (:func:`written_whole_elsewhere`): those whose halves the text also writes apart, around
    a hyphen with a space on one side or both.

    They ask about the whole runs of ASCII letters on each side of such a hyphen ("over-
    age", "state - owned"), on one line: every pair they ask about is a pair of
    ``_SPACED_PAIR`` on the lines of such hyphens (:data:`SPACED_HYPHEN_TRIGGERS`), and
    this set holds it exactly when the text writes it whole. A pass that joins "two -day"
    into "two-day" (now written whole, and apart nowhere) leaves this set as it was, where
    the set of every pair gains "two-day": the fix loop then checks again only the
    paragraphs the pass changed (:mod:`repair.recheck`), not the whole text. Fix runs of
    /work/wt/prof.py's 78 files: of 139 re-checks, 63 changed the set of every pair, 10
    change this one. The lines are searched for the pairs first: most texts write none of
    them whole, and those with none apart need no search for hyphenated words. Outside a
    fix run, every pair.

    >>> doc = Document.from_text("state-owned-firm; state - owned; x-y; x- z")
    >>> doc.keep_run_memo()
    >>> sorted(_asked_pairs(doc))
    ['state-owned']
    """
    if not in_fix_run(doc):
        # Nothing compares the set between texts: every pair answers as well, with one
        # search fewer (a check costs 0.5% more instructions else).
        return _hyphenated_pairs(doc)
    text = doc.text
    apart = {
        f"{left}-{right}".lower()
        for start, end in lines_holding(doc, SPACED_HYPHEN_TRIGGERS)
        for left, right in _SPACED_PAIR.findall(text, start, end)
    }
    if not apart:
        return frozenset()  # no search for hyphenated words
    return frozenset(apart.intersection(_hyphenated_pairs(doc)))


HYPHENATED: Final = WholeText("repair.rules.punctuation.hyphenated", _asked_pairs)
"""The pairs of the text's hyphenated words that PUN001 and PUN005 may ask about (the
analysis :func:`written_whole_elsewhere` reads): what they read of the whole text."""


# Triggers of the rules about marks (each rule searches only the lines holding one) -------

SPACE_BEFORE_PUNCTUATION_TRIGGERS: Final = (
    re.compile(r"\x20[,.;:?!]"),
    re.compile(r"\t[,.;:?!]"),
)
"""PUN002: a space or a tab before a mark (the tab only searched in a text holding one)."""
GLUED_SENTENCE_TRIGGERS: Final = tuple(re.compile(rf"\{mark}[A-Z]") for mark in ".?!")
"""PUN003: a sentence's end before a capital."""
DOUBLED_PUNCTUATION_TRIGGERS: Final = (
    *(re.compile(rf"{mark}(?<=[\x20\t{mark}]{mark})") for mark in ",;"),
    re.compile(r"\.\."),
    re.compile(r":(?<=[\x20\t]:)"),
)
"""PUN004: a doubled mark holds two marks in a row, or a space or tab before its second mark: the
second mark with a space, a tab or the same mark before it. One trigger a mark, each
starting with its mark. Tried only on the lines :data:`_MARK_SCANS` finds
(:func:`share_mark_lines`)."""

_MARK_SCANS: Final = (
    (",", DOUBLED_PUNCTUATION_TRIGGERS[0]),
    (".", re.compile(r"\.(?:(?<=[\x20\t.]\.)|(?=[A-Z]))")),
    (";", DOUBLED_PUNCTUATION_TRIGGERS[1]),
    (":", DOUBLED_PUNCTUATION_TRIGGERS[3]),
    ("?", re.compile(r"\?(?:(?<=[\x20\t]\?)|(?=[A-Z]))")),
    ("!", re.compile(r"!(?:(?<=[\x20\t]!)|(?=[A-Z]))")),
)
"""Each mark where a trigger above holds it: after a space or a tab (PUN002, and PUN004's
", ,"), after itself (",,", ";;", the second "." of "..", on the line of the first), or
before a capital (PUN003). One scan a mark, each starting with its mark (which ``re``
skips to in C), for the three rules: the space of PUN002's trigger stopped its scan at
every word."""


SPACED_HYPHEN_TRIGGERS: Final = (re.compile(r"-(?:(?<=\x20-)|(?=\x20))"),)
"""PUN001: a hyphen with a space on one side; ``re`` finds the rare hyphen first."""
SPACED_DASH_TRIGGERS: Final = tuple(
    re.compile(rf"{dash}(?<=\x20{dash})(?=\x20)") for dash in ("-", "\u2013")
)
"""PUN005: a hyphen or an en dash with a space on both sides."""
_DASH_SCANS: Final = (("-", SPACED_HYPHEN_TRIGGERS[0]), ("\u2013", SPACED_DASH_TRIGGERS[1]))
"""A hyphen with a space on one side (PUN001; PUN005's, spaced on both sides, are among
them) and an en dash spaced on both sides (PUN005): one scan for the hyphens of both rules,
and the en dashes scanned only in a text holding one."""


def space_before_triggers(text: str) -> tuple[re.Pattern[str], ...]:
    """PUN002's triggers for ``text``: the tab's only when it holds one."""
    if "\t" in text:
        return SPACE_BEFORE_PUNCTUATION_TRIGGERS
    return SPACE_BEFORE_PUNCTUATION_TRIGGERS[:1]


def share_mark_lines(doc: Document) -> None:
    """Finds the lines of PUN002, PUN003 and PUN004 by one scan a mark, for
    :func:`repair.text.finditer_lines` (once per document: whichever rule asks first).

    2 MB of /work/wt/prof.py, CPU of the trigger lines of the three rules: 9.3 -> 4.9 ms."""
    groups = (
        space_before_triggers(doc.text),
        GLUED_SENTENCE_TRIGGERS,
        DOUBLED_PUNCTUATION_TRIGGERS,
    )
    _share_table(doc)
    share_trigger_lines(doc, _MARK_SCANS, groups)


def share_hyphen_lines(doc: Document) -> None:
    """Finds the lines of PUN001 and PUN005 by one scan for their hyphens, as
    :func:`share_mark_lines` does for the marks.

    2 MB of /work/wt/prof.py, CPU of the trigger lines of the two rules: 1.9 -> 1.3 ms."""
    _share_table(doc)
    share_trigger_lines(doc, _DASH_SCANS, (SPACED_HYPHEN_TRIGGERS, SPACED_DASH_TRIGGERS))


def _share_table(doc: Document) -> None:
    """Give ``doc`` the table of trigger lines of the document checked before it with the
    same text: the fix loop checks the paragraphs a pass changed apart, with a fresh
    :meth:`Document.shared` for each rule, and the five PUN rules would each scan them
    again for their marks (:mod:`repair.rules.same_text`).

    Fix runs of /work/wt/prof.py's 78 files, the re-checks of PUN001-PUN005 replayed
    (best of 5): 19.5 -> 16.3 ms."""
    shared_by_text(doc, TRIGGER_LINES, _new_table)


def _new_table(doc: Document) -> dict[tuple[re.Pattern[str], ...], list[tuple[int, int]]]:
    return {}
