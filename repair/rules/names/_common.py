"""What the NAM rules share: the document's scan, a mention's owners and its fix."""

from __future__ import annotations

from collections.abc import Iterator

from repair.document import Document
from repair.entities import EntityIndex
from repair.findings import Applicability, Fix
from repair.rules.base import CheckContext
from repair.rules.encoding import mojibake_spans
from repair.rules.names.mentions import Mention, scan


def document_index(doc: Document, ctx: CheckContext) -> EntityIndex | None:
    """``ctx.entities``, taken once per document and kept with it for every NAM rule.

    Each ``ctx.entities`` looks at every list's status to notice an edit (8 us); the NAM
    rules asked for it 16 times a document, once per mention. A list edited during one
    document's check is read at the next document, and one document sees one index.

    Kept for the check's context, not for the document alone: a document checked again
    (a library user's, under the same settings) reads a list edited since, as each use of
    ``ctx.entities`` did. (A check hands every rule one context.)
    """
    if not ctx.config.entities:
        return None
    indexes: dict[tuple[str, ...], tuple[CheckContext, EntityIndex | None]] = doc.shared(
        "repair.rules.names.indexes", lambda _: {}
    )
    paths = ctx.config.entities
    kept = indexes.get(paths)
    if kept is None or kept[0] is not ctx:
        kept = indexes[paths] = (ctx, ctx.entities)
    return kept[1]


def mentions_of(doc: Document, ctx: CheckContext, kind: str) -> Iterator[Mention]:
    """The mentions of one kind in ``doc``, none inside mojibake; nothing without a list."""
    index = document_index(doc, ctx)
    if index is None or not len(index):
        return
    scanned = _scan(doc, index, ctx.config.language)
    # A name rule reads no word inside mojibake ("Velder\u00e2\u20ac\u2122s" is no "Velder\u00e2").
    claimed = mojibake_spans(doc) if any(not m.text.isascii() for m in scanned) else ()
    for mention in scanned:
        if mention.kind == kind and not any(mention.span.overlaps(s) for s in claimed):
            yield mention


def _scan(doc: Document, index: EntityIndex, language: str) -> tuple[Mention, ...]:
    """:func:`scan` of the document's text, kept with the document for every NAM rule."""
    scans: dict[tuple[EntityIndex, str], tuple[Mention, ...]] = doc.shared(
        "repair.rules.names.scans", lambda _: {}
    )
    key = (index, language)
    if key not in scans:
        scans[key] = scan(doc.text, index, language)
    return scans[key]


def who(mention: Mention, index: EntityIndex) -> str:
    """The entities a mention may name, for messages: "Tomas Velderholm, person"."""
    return "; ".join(index.entities[n].label for n in mention.entities)


def name_fix(mention: Mention, applicability: Applicability) -> Fix:
    """The fix writing the mention's accepted spelling in its place."""
    return Fix.replace(
        mention.span.start,
        mention.span.end,
        mention.spelling,
        applicability,
        f'Write "{mention.spelling}"',
    )
