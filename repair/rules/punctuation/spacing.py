"""PUN002 space-before-punctuation and PUN003 missing-space-after-sentence."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Final

from repair import data, lexicon
from repair.document import Document
from repair.findings import Applicability, Edit, Fix, Hit, Span
from repair.rules.base import CheckContext
from repair.rules.glued._evidence import (
    can_end_sentence,
    ends_compounds,
    is_sentence_join,
    phrase_follows,
)
from repair.rules.punctuation._shared import (
    DOMAIN_ENDINGS,
    GLUED_SENTENCE_TRIGGERS,
    share_mark_lines,
    space_before_triggers,
)
from repair.rules.words.prose import is_prose_line
from repair.text import finditer_lines

# Spaces between a word and the punctuation that should touch it: "quickly , the".
_SPACE_BEFORE_PUNCTUATION: Final = re.compile(
    r"""(?<=[\w)])                 # after a word, a number or a closing parenthesis
        (?P<space>[\x20\t]+)
        (?P<mark>[,;:?!]|\.(?!\.))  # one mark; " ..." is an ellipsis
        (?=\s|$|["'\u201d\u2019])  # then a space, the end, or a closing quote:
                                   # not ".NET", ".5", ":30", ":)", "!important"
    """,
    re.VERBOSE,
)


def space_before_punctuation(doc: Document, ctx: CheckContext) -> Iterator[Hit]:
    """Space between a word and the comma, period, colon or mark that follows it.

    What it catches:
        One or more spaces between a word and ``, . ; : ? !`` when the mark is followed by a
        space, a closing quote or the line's end ("quickly , the"). An ellipsis, ".5",
        ".NET", ":30", emoticons and a colon between numbers ("3 : 1") are left alone.
    Why:
        English sets these marks against the word before them; a space before them is an
        artefact of tokenised MT output or of a scraper joining text nodes, and a line break
        may fall before the mark.
    Bad:
        The associate chief arrived immediately , and quickly took charge .
    Good:
        The associate chief arrived immediately, and quickly took charge... at 8:30.
    Fix safety:
        Safe: only the spaces are removed; no character of text changes.
    """
    text = doc.text
    share_mark_lines(doc)
    for match in finditer_lines(_SPACE_BEFORE_PUNCTUATION, doc, space_before_triggers(text)):
        mark = match["mark"]
        start = match.start("space")
        if mark == ":" and text[start - 1].isdigit():
            continue  # a ratio or score: "3 : 1"
        word_start = start
        while word_start > 0 and (text[word_start - 1].isalnum() or text[word_start - 1] == ")"):
            word_start -= 1
        evidence = text[word_start : match.end()]
        yield Hit(
            f'Space before "{mark}" in "{evidence}"',
            Span(start, match.end()),
            Fix.replace(
                start,
                match.end("space"),
                "",
                Applicability.SAFE,
                f'Remove the space before "{mark}"',
            ),
        )


# A sentence end glued to the next sentence: "rose.Water". Abbreviations ("U.S.", "e.g.",
# "J.D.") have one letter before the dot, numbers ("8.17") no letters after it, and host
# names ("example.Com") end in a domain label. The left word may close a hyphenated compound
# ("non-residents.These") or be a number ("in 2018.It").
_GLUED_SENTENCE: Final = re.compile(
    r"""(?<![\w.@/\\#'])
        (?P<left>[A-Za-z][a-z]+|(?<![-,.])\d+%?)
        (?P<mark>[.?!])
        (?P<right>[A-Z][a-z]+|[AI](?=[ ][a-z]))
        (?![\w.@/\\-])
    """,
    re.VERBOSE,
)


def missing_space_after_sentence(doc: Document, ctx: CheckContext) -> Iterator[Hit]:
    """No space between a sentence's end and the next sentence.

    What it catches:
        A word or a number, a period, question or exclamation mark and a capitalised word
        with no space between them ("rose.Water", "in 2019.It"), as a scraper leaves them
        when it drops a line break, or machine translation when it drops a space. Both words
        must be words of the lexicon. Abbreviations with one-letter parts ("U.S.", "e.g.",
        "J.D."), decimals ("8.17") and host names ("Xinhuanet.Com") are left alone.
    Why:
        Tokenizers, sentence splitters and readers see one garbled word.
    Bad:
        And when the river rose.Water flooded the lower fields.
    Good:
        And when the river rose. Water flooded the lower fields of the U.S. farm at 8.17 a.m.
    Fix safety:
        Safe when the second word opens sentences (data/glued-sentence-starters.txt: "The",
        "However", "It") and the first can end one (data/structure-open-words.txt), the
        same test GLU001 uses, a clause follows ("talks.It was", not "System.In" or
        "query.Where(...)"), and the line is prose, not code: a space after the mark is then
        certain. Measured with the damage simulator (benchmarks/damage.py, seeds 14, 31-35
        and 41-45): 69 of 69 safe edits right (68% of the space-dropped sentence ends
        restored by default, none before);
        it never fires on the human references of ../shared/eval/mqm-zhen or on the BODY
        lines of ../shared/eval/scraped, where the glued words are code ("exports.Cow") and
        photo credits ("Thursday.Anthony ..."): those stay unsafe. Unsafe otherwise: the lost
        separator may have been a line break or a paragraph break, or the dot a member access.
    """
    share_mark_lines(doc)
    for match in finditer_lines(_GLUED_SENTENCE, doc, GLUED_SENTENCE_TRIGGERS):
        left, right = match["left"], match["right"]
        opens = _opens_glued_sentence(doc, match)
        if right.lower() in data.word_set(DOMAIN_ENDINGS) and not opens:
            continue
        if not left[0].isdigit() and not lexicon.is_word(left):
            continue
        if len(right) > 1 and not lexicon.is_word(right):
            continue
        if len(right) == 1 and not opens:
            continue
        after_mark = match.end("mark")
        yield Hit(
            f'No space after "{match["mark"]}" in "{match[0]}"',
            Span(match.start(), match.end()),
            Fix.of(
                (Edit.insert(after_mark, " "),),
                Applicability.SAFE if opens else Applicability.UNSAFE,
                f'Insert a space: "{left}{match["mark"]} {right}"',
            ),
        )


# After a sentence opener: a space, or the comma of "However," or "Meanwhile,".
_CLAUSE_GOES_ON: Final = re.compile(r"[ ]|,[ ]")


def _opens_glued_sentence(doc: Document, match: re.Match[str]) -> bool:
    """True when the word after the mark certainly opens a new sentence: a sentence opener
    after a word that can end one, a clause after it, on a line of prose."""
    left, right = match["left"], match["right"]
    first = "x" if left[0].isdigit() else left  # a number ends a sentence as a word does
    if len(right) == 1:  # "A", "I": the pattern asked for a lowercase word after it
        if not can_end_sentence(first) or first[0].isupper():
            return False
    elif not is_sentence_join(first, right):
        return False
    if not _CLAUSE_GOES_ON.match(doc.text, match.end()):
        return False
    if ends_compounds(right) and not phrase_follows(doc.text, match.end()):
        return False
    return is_prose_line(doc.line_text(doc.line_index(match.start())))
