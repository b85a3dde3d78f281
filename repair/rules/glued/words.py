"""GLU001: words run together, and the sentence end lost between them ("electionsThe")."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Iterator, Sequence
from typing import Final

from repair import lexicon
from repair.document import Document
from repair.findings import Applicability, Edit, Fix, Hit, Span
from repair.rules.base import CheckContext
from repair.rules.encoding._by_line import finds_by_line
from repair.rules.glued._evidence import (
    can_end_sentence,
    ends_compounds,
    is_known_casing,
    is_name_in_text,
    is_name_particle,
    is_sentence_join,
    opens_only_sentences,
    phrase_follows,
)
from repair.rules.glued._scan import mixed_case_tokens, mixed_case_tokens_in, split_parts
from repair.rules.glued.byline import is_byline

_MIN_IDENTIFIER_PARTS: Final = 3


def _part_is_word(part: str) -> bool:
    if part.isupper():
        return len(part) >= 3 and lexicon.is_word(part)  # "AS" in "PlanAS" is no evidence
    return len(part) >= 2 and lexicon.is_word(part)


def _is_title_case(word: str) -> bool:
    return word[0].isupper() and not word.isupper()


def glued_parts(token: str) -> list[str] | None:
    """The words a glued token is made of, or ``None`` when it may be written so on purpose.

    A token that starts with a capital is a name ("VeltaCloud", "SoftBank", "ChinaDaily")
    unless its second half opens a sentence ("BeijingThe") or repeats the first.

    >>> glued_parts("dealsAnd"), glued_parts("McKinsey"), glued_parts("OpenAI")
    (['deals', 'And'], None, None)
    >>> glued_parts("VeltaCloud"), glued_parts("BeijingThe")
    (None, ['Beijing', 'The'])
    """
    parts = split_parts(token)
    if len(parts) < 2 or "".join(parts) != token or is_known_casing(token):
        return None
    if not all(_part_is_word(part) for part in parts):
        return None
    first, second = parts[0], parts[1]
    if first[0].isupper() and second != first and not is_sentence_join(first, second):
        return None  # no sentence ends inside "SoftBank" or "ZTECorp": a name
    if _is_title_case(first):
        # Names and brands start so ("DelBene", "SolarCity"): every part must be common.
        if len(first) < 3 or is_name_particle(first):
            return None
        if not all(lexicon.is_word(part, threshold=lexicon.COMMON_WORD_ZIPF) for part in parts):
            return None  # "KowalSki" is a misspelt name, not two words
    return parts


def _is_code_identifier(parts: Sequence[str], text: str, end: int) -> bool:
    """True for a name of code in prose: camel case of three words or more in lower camel
    case ("maxRetryCount", "loadUserPrefs"), or a call ("toJsonString()").

    >>> _is_code_identifier(["send", "Command", "Feedback"], "", 0)
    True
    >>> _is_code_identifier(["correspondent", "BBC", "All"], "", 0)
    False
    """
    if not parts[0].islower():
        return False
    if text.startswith("(", end):
        return True
    return len(parts) >= _MIN_IDENTIFIER_PARTS and not any(part.isupper() for part in parts)


def _separator(previous: str, part: str) -> str:
    """What was lost between two parts: a sentence end before a capitalised word that
    follows a lower-case word able to end a sentence ("talks. And", "rise. Witness"), a
    space otherwise ("with Hanoi", "correspondent BBC").

    >>> _separator("talks", "And"), _separator("with", "Hanoi"), _separator("BBC", "All")
    ('. ', ' ', '. ')
    """
    if is_sentence_join(previous, part):
        return ". "
    if _is_title_case(part) and previous.islower() and can_end_sentence(previous):
        return ". "
    return " "


def _split_fix(text: str, start: int, parts: Sequence[str]) -> Fix:
    """Restore what was lost between the parts. Safe only for a lost sentence end between
    two parts, the first in lower case or the second a word that opens nothing but clauses
    ("BeijingThe"): the cases measured certain."""
    edits = []
    offset = start
    joined = parts[0]
    for previous, part in itertools.pairwise(parts):
        offset += len(previous)
        separator = _separator(previous, part)
        edits.append(Edit.insert(offset, separator))
        joined += separator + part
    first, *rest = parts
    certain = (
        len(rest) == 1
        and is_sentence_join(first, rest[0])
        and (first.islower() or opens_only_sentences(rest[0]))
        # "createdAt field", "readOnly mode": a name of code, unless a clause goes on.
        and (not ends_compounds(rest[0]) or phrase_follows(text, offset + len(rest[0])))
    )
    applicability = Applicability.SAFE if certain else Applicability.UNSAFE
    return Fix.of(edits, applicability, f'Split into "{joined}"')


def glued_words(doc: Document, ctx: CheckContext) -> Iterator[Hit]:
    """Words run together with no space, seen as a capital inside a word.

    What it catches:
        A lower-case letter followed by a capital ("marketsBut", "pricesSome") or an acronym
        followed by a capitalised word ("BBCAll"), when every part is a word of the lexicon
        and the glued form is neither a word nor a casing of data/glued-casings.txt. Names
        are never split: a token that starts with a capital and whose second half opens no
        sentence ("VeltaCloud", "SoftBank", "ChinaDaily.com"), one written so twice in the
        text or listed in the entity list, parts of one letter (iPhone, eBay), acronyms of
        two (OpenAI, macOS), name particles (McKinsey, DeSantis, MacArthur), handles,
        hashtags and names of code (maxRetryCount, toJsonString()). Bylines
        ("SmithEurope correspondent") are left to GLU003.
    Why:
        A scraper that joins text nodes, or MT that loses a sentence break, leaves two words
        that no dictionary, search engine or metric can read.
    Bad:
        Prices rose in most marketsBut traders stayed calm.
    Good:
        JPMorgan, YouTube, VeltaCloud and SoftBank sell on PlayStation and iPhone.
    Fix safety:
        The fix restores the sentence end ("talks. And") where a capitalised word that
        opens sentences (data/glued-sentence-starters.txt) follows a word that can end one,
        and a space elsewhere ("with Hanoi"). Safe for two parts when the second is such a
        word and the first is in lower case ("electionsThe", "marketsBut"), or the second
        opens nothing but clauses (data/glued-sentence-only.txt: "BeijingThe",
        "ChinaHowever"); after a preposition or adverb that also ends names of code
        (data/glued-compound-ends.txt: "createdAt field"), only when a clause follows ("In
        2019", "At the"). Measured with benchmarks/damage.py (glued and split kinds, seeds
        1-8, 624 documents): 178 default fixes, all restoring the sentence end (one counted
        "inside" only because another artefact sat next to it), 0 outside an artefact, 0
        on controls; on the clean human references of ../shared/eval/mqm-zhen (169 texts,
        75,000 words) no finding. Unsafe otherwise: after a capitalised word the token may
        be a name, and before any other word the lost separator may have been a space, a
        line break or a comma.
    """
    text = doc.text
    found, whole = _candidates(doc)
    for start, token, parts in found:
        if is_name_in_text(token, doc, ctx, by_capitals=whole):
            continue
        fix = _split_fix(text, start, parts)
        # The message claims a lost sentence end only where the fix is certain of it.
        certain = fix.applicability is Applicability.SAFE
        lost = "Sentence end lost" if certain else "Words run together"
        yield Hit(f'{lost} in "{token}"', Span(start, start + len(token)), fix)


Candidate = tuple[int, str, tuple[str, ...]]
"""A token that reads as glued words: its offset, its text and its parts."""

_CANDIDATES: Final = "repair.rules.glued.words.candidates"


def _candidates(doc: Document) -> tuple[list[Candidate], bool]:
    """The tokens of ``doc`` that read as glued words (:func:`_candidates_in`), and whether
    the whole text was searched for them (its capital hits at hand).

    What makes a token one reads its line only: the token, which holds no line break, the
    byline around it (a name before it, a title after it on its line) and what follows it
    on its line ("(" of a call). In a fix run they are kept by line (a line alone has the
    tokens it has in the text: see :func:`repair.rules.glued._scan.capital_hits`), so that
    a later pass searches only the lines it changed, not the whole text for capitals.
    """
    return finds_by_line(
        doc,
        _CANDIDATES,
        _search_candidates,
        lambda: _candidates_in(doc.text, mixed_case_tokens(doc)),  # the tokens GLU003 shares
    )


def _search_candidates(text: str) -> list[Candidate]:
    return _candidates_in(text, mixed_case_tokens_in(text))


def _candidates_in(text: str, tokens: Iterable[re.Match[str]]) -> list[Candidate]:
    """The ``tokens`` of ``text`` that read as glued words and are neither part of a byline
    (GLU003's) nor a name of code."""
    found = []
    for match in tokens:
        token = match[0]
        parts = glued_parts(token)
        if parts is None or is_byline(text, match.start(), match.end()):
            continue
        if _is_code_identifier(parts, text, match.end()):
            continue
        found.append((match.start(), token, tuple(parts)))
    return found
