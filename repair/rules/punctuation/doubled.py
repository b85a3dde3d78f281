"""PUN004 doubled-punctuation: the same mark twice (",," or ", ,")."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Final

from repair.document import Document
from repair.findings import Applicability, Fix, Hit, Span
from repair.rules.base import CheckContext
from repair.rules.punctuation._shared import DOUBLED_PUNCTUATION_TRIGGERS, share_mark_lines
from repair.text import finditer_lines

# Doubled marks: ",," and ";;" (adjacent), ", ," (spaced), ".." that is no ellipsis.
_DOUBLED_PUNCTUATION: Final = re.compile(
    r"""(?<=\w)
        (?: (?P<pair>([,;])\2)                  # ",," ";;"
          | (?P<spaced>([,;:])[\x20\t]+\4)      # ", ,"
          | (?P<dots>\.\.)(?!\.)                # ".." but not "..."
        )
        (?=\s|$|["'\u201d\u2019])
    """,
    re.VERBOSE,
)


def doubled_punctuation(doc: Document, ctx: CheckContext) -> Iterator[Hit]:
    """The same punctuation mark written twice.

    What it catches:
        ",," and ";;" after a word, the same mark twice with a space between (", ,"), and
        exactly two periods after a word ("said.."). An ellipsis ("..."), "?!", "!!" and
        "??" are left alone: they are written on purpose.
    Why:
        A doubled mark is left where MT or an editor dropped or merged words; it reads as a
        typo and breaks sentence splitting.
    Bad:
        The harvest belongs not only to the farmers, , but also to the town.
    Good:
        The harvest belongs not only to the farmers... but also to the town?!
    Fix safety:
        Safe for adjacent ",," and ";;": the second mark is removed. Unsafe for ", ," (a word
        may have been lost between the marks) and for ".." (it may be a cut ellipsis).
    """
    share_mark_lines(doc)
    for match in finditer_lines(_DOUBLED_PUNCTUATION, doc, DOUBLED_PUNCTUATION_TRIGGERS):
        evidence = match[0]
        safety = Applicability.SAFE if match["pair"] else Applicability.UNSAFE
        mark = evidence[0]
        yield Hit(
            f'Doubled punctuation "{evidence}"',
            Span(match.start(), match.end()),
            Fix.replace(match.start() + 1, match.end(), "", safety, f'Keep one "{mark}"'),
        )
