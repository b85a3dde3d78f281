"""SCR: scraping leftovers. Photo credits and captions in the body, promo lines, source
footers, placeholder links, section and interface labels, teaser blocks and cards from other
pages, lists of related links, detached time stamps, the page chrome around the article,
links and buttons that end in an arrow, and captions under Markdown images.

The words these rules look for (agencies, photo services, labels, caption words, interface
and chrome words, related-list headings, month names) are data:
``repair/data/scraping-credits.toml``, ``repair/data/scraping-labels.toml`` and
``repair/data/scraping-chrome.toml``. Fixes that delete text are unsafe, but in the shapes
measured safe: a credit line, a caption with a place or year and its credit line (SCR001,
SCR002) between two prose paragraphs, a promo line (SCR003) over a prose paragraph, and a
tail of teasers certainly cut off (SCR007); removal takes whole lines with their line
breaks, so no blank line is left behind.
"""

from __future__ import annotations

from typing import Final

from repair.document import Protected
from repair.rules.base import FixAvailability, Rule
from repair.rules.scraping.cards import teaser_card
from repair.rules.scraping.chrome import page_chrome
from repair.rules.scraping.credits import photo_caption_in_body, photo_credit_in_body
from repair.rules.scraping.datelines import detached_dateline
from repair.rules.scraping.figures import call_to_action, image_caption
from repair.rules.scraping.labels import section_label
from repair.rules.scraping.links import placeholder_link
from repair.rules.scraping.promos import promo_line, source_footer
from repair.rules.scraping.related import related_links
from repair.rules.scraping.teasers import teaser_tail

_REMOVES_LINKS: Final = frozenset({Protected.LINK_TARGET, Protected.URL})
_REMOVES_BLOCKS: Final = frozenset(Protected)
"""A block of page chrome outside the article goes whole, with the links, addresses and
markup in it, and with what CommonMark reads as code there: html2text indents nested menu
lists by four spaces, which makes them indented code blocks. The fix never edits inside
the article, where code is."""
_REMOVES_LIST_LINES: Final = _REMOVES_BLOCKS - {Protected.CODE}
"""Lists and cards inside the article go with their links and markup; code stays."""

RULES: Final[tuple[Rule, ...]] = (
    Rule("SCR001", "photo-credit-in-body", photo_credit_in_body, FixAvailability.ALWAYS),
    Rule("SCR002", "photo-caption-in-body", photo_caption_in_body, FixAvailability.ALWAYS),
    Rule("SCR003", "promo-line", promo_line, FixAvailability.ALWAYS, may_touch=_REMOVES_LINKS),
    Rule(
        "SCR004", "source-footer", source_footer, FixAvailability.ALWAYS, may_touch=_REMOVES_LINKS
    ),
    Rule(
        "SCR005",
        "placeholder-link",
        placeholder_link,
        FixAvailability.ALWAYS,
        may_touch=frozenset({Protected.LINK_TARGET}),
    ),
    Rule(
        "SCR006",
        "section-label",
        section_label,
        FixAvailability.ALWAYS,
        may_touch=frozenset({Protected.LINK_TARGET, Protected.URL, Protected.EMAIL}),
    ),
    Rule("SCR007", "teaser-tail", teaser_tail, FixAvailability.ALWAYS, may_touch=_REMOVES_LINKS),
    Rule("SCR008", "page-chrome", page_chrome, FixAvailability.ALWAYS, may_touch=_REMOVES_BLOCKS),
    Rule(
        "SCR009",
        "related-links",
        related_links,
        FixAvailability.ALWAYS,
        may_touch=_REMOVES_BLOCKS,  # the rule itself stops a list at code (related.py)
    ),
    Rule(
        "SCR010", "teaser-card", teaser_card, FixAvailability.ALWAYS, may_touch=_REMOVES_LIST_LINES
    ),
    Rule(
        "SCR011",
        "detached-dateline",
        detached_dateline,
        FixAvailability.ALWAYS,
        may_touch=frozenset({Protected.LINK_TARGET, Protected.URL, Protected.EMAIL}),
    ),
    Rule(
        "SCR012",
        "call-to-action",
        call_to_action,
        FixAvailability.ALWAYS,
        may_touch=_REMOVES_LIST_LINES,
    ),
    Rule(
        "SCR013",
        "image-caption",
        image_caption,
        FixAvailability.SOMETIMES,
        may_touch=_REMOVES_LIST_LINES,
    ),
)
