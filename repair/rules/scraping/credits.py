"""SCR001, SCR002: photo credits and captions left in the body."""

from __future__ import annotations

from collections.abc import Iterator

from repair.document import Document
from repair.findings import Applicability, Edit, Fix, Hit
from repair.rules.base import CheckContext
from repair.rules.scraping._common import _content_span, _removal
from repair.rules.scraping.captions import (
    _QUOTES,
    _between_body_paragraphs,
    _caption_line,
    _caption_pair_set_apart,
    _pair_set_apart,
)
from repair.rules.scraping.credit_lines import _find_credits
from repair.rules.scraping.sources import credit_lists


def photo_credit_in_body(doc: Document, ctx: CheckContext) -> Iterator[Hit]:
    """Photo credit left in the body: a photographer and an agency, alone or after a caption.

    What it catches:
        A line that is only a credit ("Jane Doyle Reuters", "Ivan Petrov Getty Images News
        Getty images", "Photo: AFP", "Sean Gallup/Getty Images", "EPA / Chen Aner", "Image
        credit: Leila Kamarani", "Credit: Omar Marov / Harbour Pictures", "\u00a9 Omar Marov /
        Harbour Pictures"), and a credit set
        apart at the end of a caption line ("... Zavrensky. **Port Authority / flickr**", "... in
        Wroclaw. AP Photo / Jan Novak", "... Image credit: Jan Novak"; "Photo by" and a
        bare name there may end a sentence and are left alone). Agencies and photo
        services come from data/scraping-credits.toml; so do the last words that tell a
        picture desk no table lists ("Jane Doyle | Lakeside Pictures", "Omar Marov/Pool/
        AFP"), and credit lists cut over lines ("Photos by" and its names, "...; sources:
        Wikimedia Commons,"). A wire agency alone on a line is a byline and is not
        reported; agencies named in sentences ("said Reuters",
        "Bloomberg reported Tuesday") never are.
    Why:
        The picture is gone; its credit reads as a stray sentence fragment and puts names
        in the text that no one said or wrote there.
    Bad:
        Officials met in Brussels.
        Jane Doyle Reuters
        Farmers say that the valley is facing a dry summer.
    Good:
        "Every late harvest costs us twice," Vantorp said, in comments reported by Reuters.
    Fix safety:
        Safe for a line that is nothing but a credit set apart as only credits are (a
        "/" or "|" separator, a "Photo:" or "Credit:" label, "via", a photo service:
        "EPA / Chen Aner", "Sean Gallup/Getty Images", "Name / Lakeside Pictures")
        standing between two paragraphs of prose: the one before ends as a sentence (a
        closing quote may follow a space), has fifteen words or two sentences or else
        narrates (a reporting, modal or auxiliary verb, a pronoun or connective first)
        and reads as no caption (a caption's credit goes with its caption or not at all),
        the one after has eight words or more. Safe too for a credit line right after its
        caption line (SCR002) when the pair stands so between two paragraphs of prose
        and the caption names a place or a year: both go. The line goes with its line
        break. Measured on the damage simulator (benchmarks/damage.py, all kinds, unseen
        seeds 31 to 35 and 41 to 45): 616 of 617 safe removals right (99.8%; the other
        partial: the credit went, a quote mark another rule turned beside it stayed
        wrong), none outside a credit, none on a control; seeds 14 and 1 to 8:
        532 of 532; on the 100 pages of ../shared/eval/scraped (benchmarks/scraping.py) no
        article line removed; silent on the mqm-zhen references.
        Unsafe otherwise: a bare "Name Agency" line could be a headline ("Putin Meets
        Reuters"), and a credit at the end of a caption goes with the space before it
        (SCR002 takes the caption). Credit lists that ``get_text`` cut over lines
        ("Photos by" and its names, "...; sources: Wikimedia Commons, ...") are found
        and go with the unsafe fix only.
    """
    lists = list(credit_lists(doc))
    for credit in _find_credits(doc):
        if any(found.span.start <= credit.span.start < found.span.end for found in lists):
            continue  # a piece of a credit list, reported whole below
        shown = doc.text[credit.span.start : credit.span.end]
        if credit.caption is None:
            fix = _removal(doc, credit.line, credit.line, "Remove the credit line")
            alone = credit.strong and _between_body_paragraphs(doc, credit.line)
            if alone or _caption_pair_set_apart(doc, credit):
                fix = Fix(fix.edits, Applicability.SAFE, fix.title)
        else:
            edit = Edit.delete(credit.caption.end, credit.span.end)
            fix = Fix((edit,), Applicability.UNSAFE, "Remove the credit")
        yield Hit(f'Photo credit "{shown}" in the body', credit.span, fix=fix)
    yield from lists


def photo_caption_in_body(doc: Document, ctx: CheckContext) -> Iterator[Hit]:
    """Photo caption left in the body, next to the credit of its missing picture.

    What it catches:
        The text before a credit on the same line ("Harbour Director Anna Tarne and
        Mayor Ostap Zavrensky. **Port Authority / flickr**"), and the line right
        before a credit line when it reads as a caption: one sentence, no quotation, a
        caption verb from data/scraping-labels.toml ("take part", "poses", "a general
        view") and a place or a year ("... on March 4, 2024 at Velmora, Dovria.").
        Over a credit set apart as only credits are ("Photo: Name/Agency", "Name /
        Agency", "\u00a9 Name / Studio"), a plainer caption too: one sentence of four to
        forty words, a noun phrase or the present tense, with a caption verb or (in 25
        words or fewer) a place or a year ("A flooded street in central Wroclaw."), and none
        of the article's narration: no reporting, modal or auxiliary verb, no past tense
        (an irregular one from the table, a verb in "-ed" before its object or not after
        an article), no pronoun, no pronoun or connective first (data/scraping-labels.toml).
    Why:
        The caption describes a picture the reader no longer sees, and interrupts the
        article between two paragraphs.
    Bad:
        A detailed view as crew members take part in drills at Velmora, Dovria.
        Ivan Petrov Getty Images News Getty images
        Local officials also criticized the plan.
    Good:
        Local officials also criticized the plan.
        Ivan Petrov Getty Images News Getty images
    Fix safety:
        Safe for a caption line right before a credit line (blank lines aside) when the
        caption names a place or a year and the pair stands between two paragraphs of
        prose: the one before ends as a sentence, has fifteen words or two sentences and
        reads as no caption, the one after starts as a sentence and has eight words or
        more. The caption goes with its line break, and SCR001 removes the credit line.
        Measured on the damage simulator (benchmarks/damage.py, all kinds): unseen seeds
        31 to 35 and 41 to 45, 44 of 44 safe removals right (100%); seeds 14 and 1 to 8,
        50 of 50; none outside a caption, none on a control (a caption verb with no
        place or year once took an article sentence: "The province holds two thirds of
        the harvest."; such pairs stay unsafe); on the 100 pages of
        ../shared/eval/scraped (benchmarks/scraping.py) no article line removed by the
        default fix (one real caption kept by the page's reader view is flagged, unsafe);
        silent on the mqm-zhen references.
        Unsafe otherwise: a caption sharing its line with the credit, or next to other
        text than prose, may be a sentence of the article. Only lines next to a credit that
        SCR001 reports are candidates.
    """
    for credit in _find_credits(doc):
        shown = doc.text[credit.span.start : credit.span.end]
        if credit.caption is not None:
            caption_line = credit.line
            span = credit.caption
        else:
            previous = _caption_line(doc, credit)
            if previous is None:
                continue
            caption_line = previous
            span = _content_span(doc, caption_line)
        if _QUOTES.search(doc.text, span.start, span.end):
            continue
        fix = _removal(doc, caption_line, caption_line, "Remove the caption line")
        if credit.caption is None and _pair_set_apart(doc, caption_line, credit.line):
            fix = Fix(fix.edits, Applicability.SAFE, fix.title)
        yield Hit(f'Photo caption before the credit "{shown}"', span, fix=fix)
