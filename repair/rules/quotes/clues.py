"""The clues to the role of each double quote mark, and the pairing of one paragraph's marks.

A mark's role, opening or closing, comes from the strongest evidence at hand, in this order:

- *attribution*: a sentence mark, a space, then the mark and a reporting verb
  (``happened, “said Elias Morvath``): machine translation swapped the closing mark and the
  space before it;
- *colon*: a colon, a closing-looking mark, a space and a capital (``adding:” Ukrainian``);
- *end*: a mark alone at the end of a paragraph after a sentence's end (``Europe. “``);
- *shape*: which side of the mark a space is on (``“word`` opens, ``word”`` closes);
- *glyph*: the curly mark's own orientation, when spaces are on both sides or neither;
- *pairing*: a straight mark with no other clue takes the role the alternation gives it.

:mod:`repair.rules.quotes.marks` walks a document's paragraphs and decides, with these,
which paragraphs are balanced.
"""

from __future__ import annotations

import enum
import functools
import re
from typing import Final, Literal, NamedTuple

from repair import data
from repair.findings import Span


class Role(enum.Enum):
    OPEN = "opening"
    CLOSE = "closing"


Evidence = Literal["attribution", "colon", "end", "shape", "glyph", "pairing"]
STRONG: Final = frozenset({"attribution", "colon", "end", "shape"})

DOUBLE_MARKS: Final = '"\u201c\u201d\u201e'
CURLY_OPEN: Final = "\u201c"
CURLY_CLOSE: Final = "\u201d"
_GLYPH_ROLE: Final = {"\u201c": Role.OPEN, "\u201e": Role.OPEN, "\u201d": Role.CLOSE}
_OPEN_BEFORE: Final = frozenset("([{<\u2014\u2013-/*_~")
_CLOSE_AFTER: Final = frozenset(".,;:!?)]}>\u2014\u2013-/*_~\u2026")
_SENTENCE_END: Final = frozenset(".?!\u2026")
_INCHES: Final = re.compile(r"\d'\d{0,2}$")  # 5'11" is feet and inches
_SPACE_CAPITAL: Final = re.compile(" +[A-Z]")


class Mark(NamedTuple):
    """One double quote mark: where it is, what it is and the role it plays.

    A named tuple, not a dataclass: a document has thousands, and a tuple is built several
    times faster.
    """

    offset: int
    char: str
    shape: Role | None
    role: Role
    evidence: Evidence

    @property
    def glyph_role(self) -> Role | None:
        return _GLYPH_ROLE.get(self.char)

    @property
    def is_certain(self) -> bool:
        return self.evidence in STRONG


@functools.cache
def attribution_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """(strong, weak): a reporting verb, with a pronoun or with up to three capitalised words."""
    table = data.table("quotes-attribution")
    verbs = "|".join(sorted(table["verbs"], key=len, reverse=True))
    pronouns = "|".join(table["pronouns"])
    strong = re.compile(rf"(?:(?i:{pronouns})\s+)?(?:{verbs})\b")
    weak = re.compile(rf"(?:[A-Z][\w\u2019'.-]*\s+){{1,3}}(?:{verbs})\b")
    return strong, weak


@functools.cache
def attribution_clause() -> re.Pattern[str]:
    """Spaces and a reporting clause, the subject first or not: " he said", " Li Qiang
    said", " the senior official said", " said Li". Where a lost closing mark belonged."""
    table = data.table("quotes-attribution")
    verbs = "|".join(sorted(table["verbs"], key=len, reverse=True))
    pronouns = "|".join(table["pronouns"])
    subject = (
        rf"(?:(?i:{pronouns})[\x20\t]+|(?:[A-Z][\w\u2019'.-]*[\x20\t]+){{1,3}}"
        rf"|(?:the|a|an)[\x20\t]+(?:[\w\u2019'.-]+[\x20\t]+){{1,3}})"
    )
    # The clause ends within a few words ("he said on Thursday.", "said Li, a senior
    # official"): "the ministry said it had no comment on the plan" is a sentence
    # of its own, not an attribution.
    clause_end = r"(?=(?:[\x20\t]+[^\s.,;:!?]+){0,6}[\x20\t]*(?:[.,;:!?\u2014\u2013]|$))"
    return re.compile(rf"[\x20\t]+{subject}?(?:{verbs})\b{clause_end}", re.MULTILINE)


@functools.cache
def attributed_end() -> re.Pattern[str]:
    """A comma, question or exclamation mark before a reporting clause: where a quotation
    ends in news style (``“We will win,” he said``). The match is the mark."""
    return re.compile(rf"[,?!](?={attribution_clause().pattern})")


def shape_of(before: str, after: str) -> Role | None:
    """The role the spaces around a mark give it; ``None`` when both sides or neither are open.

    >>> shape_of(" ", "w"), shape_of("d", ","), shape_of(" ", " "), shape_of("d", "w")
    (<Role.OPEN: 'opening'>, <Role.CLOSE: 'closing'>, None, None)
    """
    left_open = before == "" or before.isspace() or before in _OPEN_BEFORE
    right_close = after == "" or after.isspace() or after in _CLOSE_AFTER
    if left_open and not right_close:
        return Role.OPEN
    if right_close and not left_open:
        return Role.CLOSE
    return None


def offsets_of(text: str, chars: str, start: int = 0, end: int | None = None) -> list[int]:
    """The sorted offsets of ``chars`` in ``text[start:end]``, found with ``str.find``.

    >>> offsets_of('a "b" \u201cc\u201d', '"\u201c')
    [2, 4, 6]
    """
    stop = len(text) if end is None else end
    found: list[int] = []
    find = text.find
    for char in chars:
        offset = find(char, start, stop)
        while offset != -1:
            found.append(offset)
            offset = find(char, offset + 1, stop)
    found.sort()
    return found


def kept_marks(text: str, span: Span, candidates: list[int]) -> list[tuple[int, str]]:
    """The double marks of one paragraph that are quote marks, not inches."""
    found = []
    for offset in candidates:
        char = text[offset]
        if char == '"':
            lower = max(span.start, offset - 4)
            # Inches end in a digit and an apostrophe: look for the pattern only then.
            if text.find("'", lower, offset) != -1 and _INCHES.search(text, lower, offset):
                continue
        found.append((offset, char))
    return found


_Clue = tuple[Role | None, tuple[Role, Evidence] | None]
"""A mark's shape and its strong evidence."""
_GLYPH_EVIDENCE: Final[dict[str, tuple[Role, Evidence]]] = {
    char: (role, "glyph") for char, role in _GLYPH_ROLE.items()
}
_PAIRING_OPEN: Final[tuple[Role, Evidence]] = (Role.OPEN, "pairing")
_PAIRING_CLOSE: Final[tuple[Role, Evidence]] = (Role.CLOSE, "pairing")


def _assign(
    clues: list[_Clue], found: list[tuple[int, str]], first_may_close: bool
) -> tuple[list[tuple[Role, Evidence]], int | None, list[int]]:
    """Give every mark a role and pair them.

    ``first_may_close``: the first mark may close a quotation opened before the paragraph.
    Returns each mark's (role, evidence), the index of the mark where pairing broke, and
    the indexes of the unclosed marks.
    """
    roles: list[tuple[Role, Evidence]] = []
    stack: list[int] = []
    failure: int | None = None
    for position, ((_, evidence), (_, char)) in enumerate(zip(clues, found, strict=True)):
        if evidence is not None:
            role = evidence
        elif char in _GLYPH_EVIDENCE:
            role = _GLYPH_EVIDENCE[char]
        else:
            role = _PAIRING_CLOSE if stack else _PAIRING_OPEN
        roles.append(role)
        if role[0] is Role.OPEN:
            nested = bool(stack) and (
                len(stack) > 1 or role[1] == "pairing" or roles[stack[-1]][1] == "pairing"
            )
            if nested and failure is None:
                failure = position
            stack.append(position)
        elif stack:
            stack.pop()
        elif failure is None and not (first_may_close and position == 0):
            failure = position
    return roles, failure, stack


def pairing(
    text: str,
    start: int,
    clues: list[_Clue],
    found: list[tuple[int, str]],
    runs_in: bool,
    runs_on: bool,
    carried_in: bool,
) -> tuple[list[tuple[Role, Evidence]], int | None, int]:
    """Each mark's (role, evidence), the index of the mark where pairing broke (``None``
    when the paragraph is balanced), and how many quotations are left open at its end."""
    roles, failure, unclosed = _assign(clues, found, runs_in or carried_in)
    if failure is None and unclosed:
        # One quotation left open may run on: into a next paragraph that opens with a quote
        # mark, or, when it is the paragraph's last mark, out of an excerpt or out of a
        # paragraph it opens (segmenting or scraping lost the next paragraph's mark).
        opener = unclosed[0]
        at = found[opener][0] - start
        is_last = opener == len(found) - 1
        # A quotation that runs on closes before no attribution: "“We win, he said." lost
        # its closing mark, whatever the next paragraph opens with.
        attributed = is_last and not runs_in and attributed_end().search(text, at) is not None
        opens_paragraph = at == len(text) - len(text.lstrip(" \t>*_-"))
        last = is_last and (runs_in or opens_paragraph)
        if len(unclosed) > 1 or attributed or not (runs_on or last):
            failure = unclosed[-1]
    return roles, failure, len(unclosed)


_OPEN_SHAPE: Final[tuple[Role, Evidence]] = (Role.OPEN, "shape")
_CLOSE_SHAPE: Final[tuple[Role, Evidence]] = (Role.CLOSE, "shape")
_ATTRIBUTION: Final[tuple[Role, Evidence]] = (Role.CLOSE, "attribution")
_COLON: Final[tuple[Role, Evidence]] = (Role.OPEN, "colon")
_END: Final[tuple[Role, Evidence]] = (Role.CLOSE, "end")
SPACE_OR_OPEN_BEFORE: Final = _OPEN_BEFORE | frozenset(" \t\n")
SPACE_OR_CLOSE_AFTER: Final = _CLOSE_AFTER | frozenset(" \t\n")
"""With the usual spaces, so that ``isspace`` is asked only about the others."""


def mark_clues(
    text: str, start: int, found: list[tuple[int, str]]
) -> tuple[list[_Clue], list[int]]:
    """Each mark's shape and strong evidence (weak attributions left out).

    Also the indexes of the marks where only a weak attribution may yet be evidence: after
    a sentence mark and a space, not followed by one, with no strong attribution.
    """
    strong_attr = attribution_patterns()[0].match
    tail = len(text.rstrip())  # where the paragraph's trailing white space starts
    clues: list[_Clue] = []
    weak_candidates: list[int] = []
    for position, (offset, char) in enumerate(found):
        index = offset - start
        after = text[index + 1 : index + 2]
        # The role the spaces around the mark give it (see shape_of).
        left_open = (
            not index or text[index - 1] in SPACE_OR_OPEN_BEFORE or text[index - 1].isspace()
        )
        right_close = not after or after in SPACE_OR_CLOSE_AFTER or after.isspace()
        if left_open:
            shape = None if right_close else Role.OPEN
        else:
            shape = Role.CLOSE if right_close else None
        # The text before the mark, without its trailing spaces and tabs, ends at head_end.
        head_end = index
        while head_end and text[head_end - 1] in " \t":
            head_end -= 1
        spaced = head_end != index
        last = text[head_end - 1] if head_end else ""
        evidence: tuple[Role, Evidence] | None = None
        # ("" is in ",.?!": a mark after nothing but spaces may close a quotation too.)
        if spaced and last in ",.?!" and after not in (" ", "\t"):
            if strong_attr(text, index + 1):
                evidence = _ATTRIBUTION
            else:
                weak_candidates.append(position)
        if evidence is not None:
            pass
        elif (
            not spaced
            and last == ":"
            and char in '"\u201d'
            and _SPACE_CAPITAL.match(text, index + 1)
        ):
            evidence = _COLON
        elif tail == index + 1 and spaced and last in _SENTENCE_END:
            evidence = _END
        elif shape is not None:
            evidence = _OPEN_SHAPE if shape is Role.OPEN else _CLOSE_SHAPE
        clues.append((shape, evidence))
    return clues, weak_candidates


def with_weak_attributions(
    text: str, start: int, found: list[tuple[int, str]], clues: list[_Clue], candidates: list[int]
) -> list[_Clue] | None:
    """The clues once weak attributions count too; ``None`` when they change nothing."""
    _, weak_attr = attribution_patterns()
    weak_clues = None
    for position in candidates:
        if weak_attr.match(text, found[position][0] - start + 1):
            if weak_clues is None:
                weak_clues = list(clues)
            weak_clues[position] = (clues[position][0], _ATTRIBUTION)
    return weak_clues
