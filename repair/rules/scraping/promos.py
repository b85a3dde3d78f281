"""SCR003, SCR004: promo lines for other pages and source footers of copied pages."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Final

from repair.document import Document
from repair.findings import Applicability, Fix, Hit, Span
from repair.rules.base import CheckContext
from repair.rules.scraping._common import (
    _credit_patterns,
    _is_own_paragraph,
    _label_line,
    _labels,
    _lines_around,
    _lines_holding,
    _next_content_line,
    _removal,
)

_MAX_SAFE_TITLE_WORDS: Final = 20
_TITLE_START: Final = re.compile(r"""^(?:\[|["'\u201c\u2018])?[A-Z0-9]""")
_SENTENCE_INSIDE: Final = re.compile(r"[a-z]{2,}[.!?][ \t]+[A-Z]")
_SENTENCE_END: Final = re.compile(r"""[.!?]["'\u201d\u2019)\]*_]*$""")
_LEADING_MARK: Final = re.compile(r"^[ \t]*[#>]")


def _is_headline(title: str) -> bool:
    """True when the text after a promo label reads as a headline: it starts with a capital
    (or a digit, a quote, a link), has 2 to 20 words and is no sentence (no end mark, no
    sentence break inside).

    >>> _is_headline("Carmakers weigh data law"), _is_headline("Opinion: The debate is not over")
    (True, True)
    >>> _is_headline("the talks went on for hours."), _is_headline("Talks ended. Nobody won.")
    (False, False)
    """
    words = len(title.split())
    if not 2 <= words <= _MAX_SAFE_TITLE_WORDS or not _TITLE_START.match(title):
        return False
    return not (_SENTENCE_END.search(title) or _SENTENCE_INSIDE.search(title))


_URL_LINE: Final = re.compile(r"^<?(?:https?://|www\.)\S+?>?$", re.IGNORECASE)


def promo_line(doc: Document, ctx: CheckContext) -> Iterator[Hit]:
    """Promo for another page: "Related article:", "Read more:", "See also:" and a title.

    What it catches:
        A paragraph of one line that opens with a promo label from
        data/scraping-labels.toml and a colon or a bar ("ALSO READ | ..."), followed by the
        title (often a link) of another article.
    Why:
        The promo is page furniture, not the article: it breaks the text between two
        paragraphs and adds a headline nobody reading the article asked for.
    Bad:
        Related article: Harbour Talks With Velmora Are a Win-Win for the Fleet
    Good:
        The related article said harbour talks with Velmora are a win-win for the fleet.
    Fix safety:
        Safe for a line that is the label, its mark and a headline alone (2 to 20 words,
        starting with a capital, with no end mark and no sentence break: "Read next |
        Scientists question data law"), with no heading or quote mark, standing over a
        paragraph of prose (eight words or more, starting as a sentence) and under a line
        with no list, heading or quote mark (a paragraph, the headline, a credit). The
        line goes with its line break. Measured on the damage simulator
        (benchmarks/damage.py, all kinds): unseen seeds 31 to 35 and 41 to 45, 325 of 325
        safe removals right (100%); seeds 14 and 1 to 8, 286 of 286; none outside a promo,
        none on a control; the rule never fires on the 100 pages of
        ../shared/eval/scraped (benchmarks/scraping.py) nor on the mqm-zhen references.
        Unsafe otherwise: a label followed by a sentence ("Recommended: two doses a
        day.") may be the article's own words. The line's link target goes with it (the
        rule may touch link targets and URLs for that reason, never editing inside one).
    """
    pattern = _label_line("promo", ":|")
    # The pattern needs the label's colon or bar: only the lines holding one are tried.
    candidates = sorted({*_lines_holding(doc, ":"), *_lines_holding(doc, "|")})
    for index in candidates:
        match = pattern.match(doc.line_text(index))
        if not match or not match["rest"] or not _is_own_paragraph(doc, index):
            continue
        if len(match["rest"].split()) > 30:
            continue
        start = doc.lines[index].start
        mark = doc.text[start + match.end("label") : start + match.end()].lstrip()[:1]
        label = f"{match['label']}{mark}"
        fix = _removal(doc, index, index, "Remove the promo line")
        line = doc.line_text(index)
        if (
            _is_headline(match["rest"])
            and not _LEADING_MARK.match(line)
            and _before_prose_paragraph(doc, index)
        ):
            fix = Fix(fix.edits, Applicability.SAFE, fix.title)
        yield Hit(
            f'Promo line "{label}" for another page',
            Span(start + match.start("label"), start + match.end("label") + 1),
            fix=fix,
        )


_PROSE_MIN_WORDS: Final = 8
_PROSE_START: Final = re.compile(r"""^["'\u201c\u2018(]?[A-Z0-9]""")


def _before_prose_paragraph(doc: Document, index: int) -> bool:
    """True when line ``index`` stands over a paragraph of prose (eight words or more,
    starting as a sentence, no list, heading or quote mark) and under some line of text
    with no such mark: a paragraph, the headline, a credit.

    >>> doc = Document.from_text("Harbour Talks Resume\\nRead next | Talks end\\n"
    ...     "They will meet again next week in Brussels, he added.\\n")
    >>> _before_prose_paragraph(doc, 1), _before_prose_paragraph(doc, 0)
    (True, False)
    """
    around = _lines_around(doc, index)
    if around is None:
        return False
    first, second = around
    if first[0] in "#>*-+|" or second[0] in "#>*-+|":
        return False
    return len(second.split()) >= _PROSE_MIN_WORDS and bool(_PROSE_START.match(second))


def _is_url(text: str) -> bool:
    """True when ``text`` is a URL and nothing else (bare, ``<...>`` or a Markdown link)."""
    inner = re.sub(r"^\[[^\]]*\]\((.+)\)$", r"\1", text.strip())
    return bool(_URL_LINE.match(inner))


def source_footer(doc: Document, ctx: CheckContext) -> Iterator[Hit]:
    """Source footer of a copied page: "Original url:" and the address of the page.

    What it catches:
        A line with a footer label from data/scraping-labels.toml and a colon, alone (with
        the URL on the next line) or followed by a URL, as scrapers and read-later tools
        append them. "Source:" and "Via:" count only with a URL or an agency credit, since a
        text may cite its own sources under a table.
    Why:
        The footer is metadata about the copy, not text of the article.
    Bad:
        The official said so.

        Original url:

        https://www.example.com/2025/02/12/story
    Good:
        Source: World Bank estimates for 2024, published in January.
    Fix safety:
        Unsafe: removal deletes the label line and the URL line after it, with their line
        breaks. The rule may touch URLs and link targets, which it removes whole.
    """
    if ":" not in doc.text:
        return
    pattern = _label_line("footer")
    labels = _labels()
    for index in _lines_holding(doc, ":"):  # the pattern needs the label's colon
        match = pattern.match(doc.line_text(index))
        if not match or not _is_own_paragraph(doc, index):
            continue
        rest = match["rest"]
        last = index
        if not rest:
            following = _next_content_line(doc, index)
            if following is None or not _is_url(doc.line_text(following)):
                continue
            last = following
        elif not _is_url(rest):
            if match["label"].casefold() in labels["need-url"]:
                if not _credit_patterns().agency.fullmatch(rest):
                    continue
            elif len(rest.split()) > 8:
                continue
        start = doc.lines[index].start
        label = f"{match['label']}:"
        yield Hit(
            f'Source footer "{label}" of a copied page',
            Span(start + match.start("label"), start + match.end("label") + 1),
            fix=_removal(doc, index, last, "Remove the footer"),
        )
