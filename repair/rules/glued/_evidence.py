"""What tells a glued sentence from a name: the words on each side of the join, the casing
tables, the entity list and the text itself.

A capitalised function word or sentence adverb ("The", "And", "According") after a word
that can end a sentence is the trace of a lost sentence end; a capitalised token whose
second half opens no sentence ("VeltaCloud", "SoftBank"), or one written so more than once in
the text or listed as an entity, is a name.
"""

from __future__ import annotations

import functools
import re
from typing import Final

from repair import data, lexicon
from repair.document import Document
from repair.rules.base import CheckContext
from repair.rules.glued._scan import _CAPITAL_TRIGGER, capital_hits

_CASINGS = "glued-casings"
_STARTERS = "glued-sentence-starters"
_SENTENCE_ONLY = "glued-sentence-only"
_COMPOUND_ENDS = "glued-compound-ends"
_NAME_PARTICLES = "glued-name-particles"
# Shared with STR004: words after which no sentence ends ("the", "with", "of").
_OPEN_WORDS = "structure-open-words"
_FUNCTION_WORDS = "words-function"

# After "In", "At", "It" opening a sentence: a number, a name, a quote, a comma or a word
# (checked against the function words): "In 2019", "At the", "It was", "Then, ".
_PHRASE_START: Final = re.compile(r"(?:, | (?:[\d\"\u201c\u2018']|[A-Z]|(?P<word>[a-z]+)\b))")


@functools.cache
def _casings() -> frozenset[str]:
    return frozenset(casing.lower() for casing in data.word_set(_CASINGS))


def is_listed_casing(token: str) -> bool:
    """True when data/glued-casings.txt lists the token, whatever its case.

    >>> is_listed_casing("3com"), is_listed_casing("2%According")
    (True, False)
    """
    return token.lower() in _casings()


def is_known_casing(token: str) -> bool:
    """True when the glued form is itself a word or a listed casing.

    >>> is_known_casing("YouTube"), is_known_casing("dealsAnd")
    (True, False)
    """
    return is_listed_casing(token) or lexicon.is_word(token)


def is_name_particle(part: str) -> bool:
    """True for a particle that starts a surname with an inner capital ("Mac", "Van")."""
    return part in data.word_set(_NAME_PARTICLES)


def opens_sentence(word: str) -> bool:
    """True when ``word``, capitalised, is a word that opens sentences, not names.

    >>> opens_sentence("The"), opens_sentence("According"), opens_sentence("Cloud")
    (True, True, False)
    """
    return word in data.word_set(_STARTERS)


def opens_only_sentences(word: str) -> bool:
    """True when ``word`` opens a clause and can stand nowhere else: after any word, even a
    name ("BeijingThe", "VietnamThey"), it marks a lost sentence end.

    >>> opens_only_sentences("The"), opens_only_sentences("It")
    (True, False)
    """
    return word in data.word_set(_SENTENCE_ONLY)


def can_end_sentence(word: str) -> bool:
    """False for a word after which no sentence ends: an article, a preposition such as
    "with", a conjunction, an auxiliary.

    >>> can_end_sentence("talks"), can_end_sentence("with"), can_end_sentence("2019")
    (True, False, True)
    """
    return word.lower() not in data.word_set(_OPEN_WORDS)


def is_sentence_join(first: str, second: str) -> bool:
    """True when ``second`` opens a sentence right after ``first`` ended one: "talks|And".

    >>> is_sentence_join("elections", "The"), is_sentence_join("with", "The")
    (True, False)
    >>> is_sentence_join("Linked", "In"), is_sentence_join("talks", "In")
    (False, True)
    """
    if not opens_sentence(second) or not can_end_sentence(first):
        return False
    # "LinkedIn", "CheckIn", "NowThis": after a capitalised word, a particle or a second
    # function word makes a compound name. After an acronym ("BBCAll") it opens a sentence.
    return (
        not first[0].isupper()
        or first.isupper()
        or (not ends_compounds(second) and not opens_sentence(first.title()))
    )


def ends_compounds(word: str) -> bool:
    """True for a sentence opener that also ends camel-case compounds and names of code
    ("LinkedIn", "createdAt", "readOnly"): see data/glued-compound-ends.txt.

    >>> ends_compounds("In"), ends_compounds("The")
    (True, False)
    """
    return word in data.word_set(_COMPOUND_ENDS)


def phrase_follows(text: str, offset: int) -> bool:
    """True when the text at ``offset`` goes on as a clause opened by a preposition or a
    pronoun would: a number, a capitalised word, a quote, a comma or a function word ("In
    2019", "At the", "It was"); not a noun ("createdAt field", "groupBy clause").

    >>> phrase_follows("electionsIn 2019, turnout", 11), phrase_follows("createdAt field", 9)
    (True, False)
    """
    match = _PHRASE_START.match(text, offset)
    if match is None:
        return False
    word = match["word"]
    return word is None or word in data.word_set(_OPEN_WORDS) or word in _function_words()


@functools.cache
def _function_words() -> frozenset[str]:
    return frozenset(word.lower() for word in data.word_set(_FUNCTION_WORDS))


def is_name_in_text(
    token: str, doc: Document, ctx: CheckContext, *, by_capitals: bool = True
) -> bool:
    """True when the text or the entity list shows ``token`` is written so on purpose.

    A glue is an accident: the same one twice in a text is a name ("VeltaCloud ... VeltaCloud's
    platform"). An entity whose name holds the token, in any case, is a name too.
    ``by_capitals``: the copies are looked for at the text's capital hits
    (:func:`written_twice`), else counted in the whole text (a re-check of a fix run, which
    has not searched the whole text for capitals: one count costs less than that search).
    """
    if written_twice(token, doc) if by_capitals else doc.text.count(token) >= 2:
        return True
    index = ctx.entities
    return index is not None and bool(index.by_casefold.get(token.casefold()))


def written_twice(token: str, doc: Document) -> bool:
    """True when the text holds ``token`` twice, the second copy past the end of the first:
    ``text.find(token, text.find(token) + len(token)) >= 0`` (``text.count(token) >= 2``:
    ``count`` counts copies that do not overlap, each from the end of the one before),
    without two searches of the whole text.

    A glued token holds a capital where the scan of :func:`capital_hits` stops, and every
    copy of it in the text holds one at the same place (what the trigger reads lies inside
    the token): its copies are looked for at the text's few capital hits only.
    """
    text = doc.text
    trigger = _CAPITAL_TRIGGER.search(token)
    if trigger is None:  # not a glued token: searched for as it is
        first = text.find(token)
        return first >= 0 and text.find(token, first + len(token)) >= 0
    shift = trigger.start()
    first = -1
    for hit in capital_hits(doc):  # in order: the first copy found is the first in the text
        start = hit - shift
        if not text.startswith(token, start):
            continue
        if first < 0:
            first = start
        elif start >= first + len(token):
            return True
    return False
