"""NAM001 to NAM003: a listed variant, a case garble and a damaged spelling of a listed name."""

from __future__ import annotations

from collections.abc import Iterator

from repair.document import Document
from repair.findings import Applicability, Hit
from repair.lexicon import COMMON_WORD_ZIPF, zipf
from repair.rules.base import CheckContext
from repair.rules.names._common import document_index, mentions_of, name_fix, who


def known_name_variant(doc: Document, ctx: CheckContext) -> Iterator[Hit]:
    """Name written in a form the entity list marks as wrong.

    What it catches:
        A spelling listed under ``variants`` of an entity ("Velderhom" for "Velderholm"), matched
        as a whole word, case-sensitively.
    Why:
        The list's author has said this form is wrong: it splits search, counts and links.
    Bad:
        Dovrov said the talks would go on.
    Good:
        Dovriv said the talks would go on.
    Fix safety:
        Safe: the list says the variant is always wrong; it is replaced by the closest
        accepted form of the same entity. Unsafe when the variant is also a common English
        word, which the text may mean. (The examples use the list ``tests/fixtures/names/
        docs.toml``; with no list the rule is silent.)
    """
    index = document_index(doc, ctx)
    for mention in mentions_of(doc, ctx, "variant"):
        assert index is not None
        common = zipf(mention.text, ctx.config.language) >= COMMON_WORD_ZIPF
        applicability = Applicability.UNSAFE if common else Applicability.SAFE
        yield Hit(
            f'Known misspelling "{mention.text}" of "{mention.spelling}" ({who(mention, index)})',
            mention.span,
            name_fix(mention, applicability),
        )


def name_case_anomaly(doc: Document, ctx: CheckContext) -> Iterator[Hit]:
    """Listed name with its letter case garbled inside the word.

    What it catches:
        A token that is an accepted spelling but for letter case, with a capital inside
        it: "VelDerholm" for "Velderholm", as MT systems leave names they split and rejoin.
        All-capital words are headline style and are left alone, as are tokens shorter
        than four letters ("pH" is not a listed "PH") and a name in title case that the
        list writes in capitals ("Kenyo" for "KENYO": house style, not damage).
    Why:
        Readers see a typo; search, spell checkers and entity linkers miss the name.
    Bad:
        Defense Secretary Tomas VelDerholm arrived in Brussels.
    Good:
        Defense Secretary Tomas Velderholm arrived in Brussels.
    Fix safety:
        Safe when the token has a capital inside that the spelling lacks, not right after
        a surname prefix ("McCain", "DeSantis" are written so), and only one spelling
        matches; unsafe otherwise ("Desantis" for a listed "DeSantis" may be a style
        choice). Measured: on benchmarks/damage.py (seeds 14, 1, 2, 3) 110 of 110 safe
        edits right, 115 of 115 with the unsafe ones; no edit on the 982 human references
        of mqm-zhen with a list harvested from them (benchmarks/names_precision.py).
    """
    index = document_index(doc, ctx)
    for mention in mentions_of(doc, ctx, "case"):
        assert index is not None and mention.applicability is not None
        yield Hit(
            f'Letter case garbled in "{mention.text}": "{mention.spelling}" '
            f"({who(mention, index)})",
            mention.span,
            name_fix(mention, mention.applicability),
        )


def misspelled_name(doc: Document, ctx: CheckContext) -> Iterator[Hit]:
    """Listed name damaged: letter case garbled, a letter lost, the ending cut, another
    transliteration.

    What it catches:
        A capitalized token that no list spells and wordfreq does not know, near an
        accepted spelling of a listed name, with a mark of damage: letters garbled with
        the case ("VelDerhlom"), one letter lost ("Helstrom"), the ending cut ("Zavrensk"), the
        same sound in another romanization ("Dowrijiw", "Savrenskyj", "Hsinhua"; pairs in
        data/names-transliterations.toml). Possessives are matched too ("Dowrijiw's").
        Closeness alone is no finding: a word wordfreq knows ("Hainan", "Scholtz") is a
        name of its own, a longer word that starts with the name ("Dovrivan") is derived,
        a part of an apostrophe or hyphen name ("Liang" of "Liang'an") is no name, and two
        words of pinyin ("Lingan", "Liangan") are two names unless the text names the
        listed one and uses the token once. A near miss with no mark of damage is
        reported, with suggestions and no fix, only right after the entity's first name.
    Why:
        MT systems garble names they do not know; a wrong name is a factual error.
    Bad:
        Talks with Dowrijiw resumed on Friday.
    Good:
        Talks with Dovriv resumed on Friday.
    Fix safety:
        Safe when no other entity's spelling is as close, or one edit further with a mark
        of damage of its own, and: the case is garbled and the token close; or the first
        name stands right before; or the token is used once and the entity is named
        correctly elsewhere in the text, or the token is the name in a European
        transliteration (w for v, j or y for i, ch for kh), or it is a pinyin name cut or
        short of a letter where no pinyin is left ("Shandng"). Other damage, and a pinyin
        pair, gets an unsafe fix; a spelling the text repeats with nothing to support the
        fix, or a close call between two entities, gets suggestions only.
        The text's own evidence makes a fix safe too, also for a token wordfreq knows or
        too short for the near search ("Kog"): a token used once, no common word (Zipf
        under 3), that is the ending cut (1 or 2 letters) or one inner letter short of a
        name the text writes in full, and of no other listed spelling; a pinyin token so
        only when it has two syllables or more and the name is written twice. Not at a
        line's end with no punctuation (a cut-off line lost the ending, not the name).
        Measured: on benchmarks/damage.py (seeds 14, 1, 2, 3) 170 of 170 safe edits right,
        224 of 224 with the unsafe ones; no edit on the 982 human references of mqm-zhen
        with a list harvested from them, and 4 unsafe fixes on its 3,880 MT outputs, all
        right (benchmarks/names_precision.py). With the text's own evidence, on unseen
        seeds 31 to 35 and 41 to 45: 517 of 517 safe edits inside artefacts right (393
        before), 612 right and 1 wrong with the unsafe ones (a teaser's cut-off last
        word); the one safe edit outside them, in every seed, and the one on the 78 whole
        reference documents, is "Bejing" to "Beijing": the reference's own slip.
    """
    index = document_index(doc, ctx)
    for mention in mentions_of(doc, ctx, "near"):
        assert index is not None and mention.applicability is not None
        suggestion = f'"{mention.spelling}" ({who(mention, index)})'
        for rival in mention.rivals:
            names = "; ".join(index.entities[n].label for n in rival.entities)
            suggestion += f' or "{rival.spelling}" ({names})'
        yield Hit(
            f'Misspelled name "{mention.text}": {suggestion}; {mention.reason}',
            mention.span,
            name_fix(mention, mention.applicability),
        )
