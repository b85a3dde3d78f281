"""What the STR rules share: end marks, the words after which no sentence ends, and how a
paragraph or a line can stop in mid-sentence."""

from __future__ import annotations

import enum
import re
from typing import Final

from repair import data
from repair.text import ASCII_WORD

SENTENCE_END: Final = frozenset(".!?\u2026:;\"'\u201d\u2019)]*_>|")
LOWERCASE_START: Final = re.compile(r"[a-z]+\b(?![-'\u2019.@/]?\w)")
WORD: Final = ASCII_WORD
LAST_WORD: Final = re.compile(r"([A-Za-z]+)[ \t]*$")
_ASCII_LETTERS: Final = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")


def last_word(text: str) -> re.Match[str] | None:
    """``LAST_WORD.search(text)``, found from the end: searched from the start, the pattern
    is tried at every letter of the paragraph, a microsecond a character.

    >>> last_word("the leaders of the \\t")[1], last_word("met.") is None
    ('the', True)
    """
    end = len(text) - 1 if text.endswith("\n") else len(text)  # "$" also matches there
    while end and text[end - 1] in " \t":
        end -= 1
    start = end
    while start and text[start - 1] in _ASCII_LETTERS:
        start -= 1
    return LAST_WORD.match(text, start) if start < end else None


def open_words() -> frozenset[str]:
    return data.word_set("structure-open-words")


def ends_open(text: str) -> bool:
    """True when text ends with no end mark, closing quote or bracket.

    >>> ends_open("aid to Ukraine,"), ends_open("the end."), ends_open("he said.\\u201d")
    (True, False, False)
    """
    stripped = text.rstrip()
    return bool(stripped) and stripped[-1] not in SENTENCE_END


def excerpt(text: str, width: int = 40) -> str:
    """The end of a line, for messages.

    >>> excerpt("a" * 50, 10)
    '...aaaaaaaaaa'
    """
    text = text.strip()
    return text if len(text) <= width else "..." + text[-width:]


class Break(enum.Enum):
    """How the first half of a broken sentence ends."""

    COMMA = "comma"
    OPEN_WORD = "open word"  # "the", "of", "with": no sentence ends there
    WORD = "word"


def break_kind(head: str) -> Break | None:
    """How ``head`` (a paragraph, its trailing space stripped) can end mid-sentence.

    >>> break_kind("aid to Ukraine,"), break_kind("the leaders of the"), break_kind("said:")
    (<Break.COMMA: 'comma'>, <Break.OPEN_WORD: 'open word'>, None)
    """
    if not ends_open(head):
        return None
    if head.endswith(","):
        return Break.COMMA
    if last_word(head) is None:
        return None
    return Break.OPEN_WORD if ends_in_open_word(head) else Break.WORD


def ends_in_open_word(paragraph: str) -> bool:
    """True when the paragraph ends with a word after which no sentence ends ("the").

    >>> ends_in_open_word("the leaders of the"), ends_in_open_word("the leaders met")
    (True, False)
    """
    last = last_word(paragraph)
    return last is not None and last[1].lower() in open_words()
