"""WRD002 doubled-word: the same word twice in a row ("the the")."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from typing import Final

from repair import data
from repair.document import Document
from repair.findings import Applicability, Fix, Hit, Span
from repair.rules.base import CheckContext
from repair.rules.words._shared import matches_at, repeat_starts, repeatable
from repair.rules.words.phrase import inside_quotation, repeated_phrases
from repair.rules.words.prose import in_prose

# Not the second half of a compound ("a 300-word word limit"), nor the first ("the case
# for for-profit colleges", "with with-profits policies").
_DOUBLED: Final = re.compile(
    r"\b(?<![-'\u2019])([A-Za-z]+)[ \t]+(\1)\b(?!-[A-Za-z])", re.IGNORECASE
)
# A lowercase word (not the end of a compound: "win-win, win"), a comma and the same word,
# not followed by a third copy (a run of three
# or more is WRD003's) nor by an apostrophe or hyphen ("parents, parents' committees").
_COMMA_DOUBLED: Final = re.compile(r"(?<![\w'\u2019-])([a-z]+), (\1)(?![\w'\u2019-]|, \1\b)")


@functools.cache
def _doubled_with_comma_on_purpose() -> frozenset[str]:
    """Words a comma between copies may mean: repeated for emphasis or grammar ("a big, big
    deal", "very, very"), and function words that end one clause and start the next
    ("behind it, it can")."""
    return (
        data.word_set("words-emphatic")
        | data.word_set("words-repeatable")
        | data.word_set("words-function")
    )


@functools.cache
def _never_doubled() -> frozenset[str]:
    """data/words-never-doubled.txt: words English grammar never writes twice in a row."""
    return data.word_set("words-never-doubled")


def _applicability(second: str) -> Applicability:
    """Safe when the word is one grammar never doubles, written in lowercase the second time
    (a capital may start a name or a sentence: "the The Hague")."""
    if second.islower() and second in _never_doubled():
        return Applicability.SAFE
    return Applicability.UNSAFE


def _inside_repeated_phrase(doc: Document, match: re.Match[str]) -> bool:
    """True when the doubled word is where two copies of a phrase meet (WRD007's)."""
    return any(
        phrase.start() <= match.start() and match.end() <= phrase.end()
        for phrase in repeated_phrases(doc)
    )


def doubled_word(doc: Document, ctx: CheckContext) -> Iterator[Hit]:
    """The same word twice in a row ("the the").

    What it catches:
        A word written twice with only a space between, whatever its case, or a lowercase
        word written twice with a comma between ("songs, songs, comics"), unless it is one
        speakers double for emphasis (data/words-emphatic.txt: "a big, big deal") or a
        function word that may end a clause and start the next ("behind it, it can").
        Words that correct English doubles ("that that", "had had") are listed in
        data/words-repeatable.txt; two capitalized copies are taken for a name ("Walla
        Walla"), and a word before a compound it starts ("for for-profit") is no double.
        Formulas, code and table rows ("x i i = 0") are not prose and are not checked, and
        a double where two copies of a phrase meet is WRD007's.
    Why:
        Machine translation and hasty edits leave doubled words that readers trip over.
    Bad:
        He said the the talks would go on.
    Good:
        He said that that was not the deal, and he had had enough.
    Fix safety:
        Safe for the words of data/words-never-doubled.txt (articles, determiners,
        conjunctions and prepositions that never end a phrasal verb: "the the", "of of").
        Measured with the damage simulator (benchmarks/damage.py, stutter-only seeds 1-8 and
        14 and all-kinds seeds 14, 21 and 22; each fix applied alone): the safe fix gave
        back the original all 17 times it fired on an injected stutter; its only other edit,
        once a run, is a real slip of the references ("regulated and and how"), and on
        245,000 words of scraped pages (../shared/eval/scraped) it fires only on real slips
        ("the the harbour", "of of the old mill"). Unsafe for any other word ("give in in
        time", "gave her her book" and reduplications are correct English) and with a comma
        between (the copies may list two things): 127 of 127 right on the simulator. The
        exception with a comma is a determiner of data/words-determiners.txt ("the, the",
        "their, their"): no phrase ends in one, so the copy is certainly a stutter, and the
        fix is safe outside a quotation (a speaker may falter: "the, the truth"). Seeds 14,
        31-35 and 41-45 of the simulator: 39 safe edits, 28 right on injected stutters and
        11 the references' own slip "and and" (one a run); no "the, the" or the like in
        the references, the BODY lines of ../shared/eval/scraped or 440,000 words of
        quotations and lyrics (Debian's fortunes). Other words doubled with a comma stay
        unsafe: those clean texts hold "many, many", "really, really", "talk to, to start"
        and, in lyrics and sayings, "try, try again", "taxes, taxes", "money, money is".
    """
    yield from _doubled_with_space(doc)
    yield from _doubled_with_comma(doc)


def _doubled_with_space(doc: Document) -> Iterator[Hit]:
    """ "the the": safe to undo for the words grammar never doubles."""
    text = doc.text
    for match in matches_at(_DOUBLED, text, repeat_starts(doc)):
        first, second = match[1], match[2]
        if first.lower() in repeatable() or (first[0].isupper() and second[0].isupper()):
            continue
        if not in_prose(doc, match.start()) or _inside_repeated_phrase(doc, match):
            continue
        yield _doubled(match, _applicability(second))


_WORD_BEFORE: Final = re.compile(r"(\w+) $")
_WORD_AFTER: Final = re.compile(r" (\w+)")


def _is_chain(text: str, match: re.Match[str]) -> bool:
    """True when the same word stands before the first copy and after the second, the
    figure that links one clause to the next: "rivals becoming partners, partners becoming
    lovers"."""
    before = _WORD_BEFORE.search(text, max(0, match.start() - 30), match.start())
    after = _WORD_AFTER.match(text, match.end())
    return bool(before and after and before[1].lower() == after[1].lower())


def _doubled_with_comma(doc: Document) -> Iterator[Hit]:
    """ "talks, talks": a lowercase word not doubled on purpose, a comma between the copies;
    "the, the": a determiner, which no comma can follow, doubled."""
    text = doc.text
    for match in matches_at(_COMMA_DOUBLED, text, repeat_starts(doc)):
        word = match[1]
        determiner = word in data.word_set("words-determiners")
        if not determiner and (word in _doubled_with_comma_on_purpose() or _is_chain(text, match)):
            continue
        if not in_prose(doc, match.start()) or _inside_repeated_phrase(doc, match):
            continue
        yield _doubled(match, _comma_applicability(doc, match, determiner))


def _comma_applicability(doc: Document, match: re.Match[str], determiner: bool) -> Applicability:
    """Safe for a determiner outside a quotation (a speaker may falter: "the, the truth")."""
    if determiner and not inside_quotation(doc, match.start()):
        return Applicability.SAFE
    return Applicability.UNSAFE


def _doubled(match: re.Match[str], applicability: Applicability) -> Hit:
    """The finding of a word doubled in ``match`` (groups 1 and 2: the copies), with the fix
    that removes the second copy and what separates it from the first."""
    return Hit(
        f'Word doubled: "{match[0]}"',
        Span(match.start(), match.end()),
        Fix.replace(
            match.end(1),
            match.end(2),
            "",
            applicability,
            f'Remove the second "{match[2]}"',
        ),
    )
