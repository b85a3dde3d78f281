"""SCR: scraping leftovers. Photo credits and captions in the body, promo lines, source
footers, placeholder links, section and interface labels, and teaser blocks from other pages.

The names these rules look for (agencies, photo services, labels, caption words) are data:
``repair/data/scraping-credits.toml`` and ``repair/data/scraping-labels.toml``. Every fix
that deletes text is unsafe; removal takes whole lines with their line breaks, so no blank
line is left behind.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Final

from repair import data
from repair.document import Document, Protected
from repair.findings import Applicability, Edit, Finding, Fix, Span
from repair.lexicon import zipf
from repair.rules.base import CheckContext, FixAvailability, Rule

_MAX_CREDIT_WORDS: Final = 12
_MAX_CAPTION_WORDS: Final = 60
_COMMON_WORD_ZIPF: Final = 5.5
"""A title-case token this common ("World", "News", "Says") is no photographer's name."""
_HEADLINE_WORD_ZIPF: Final = 4.5
"""Stricter, when nothing but spaces sets a name apart from a wire agency ("Trump Slams")."""
_SEPARATOR: Final = re.compile(r"[/|]|\bvia\b|[ \t][-\u2013\u2014][ \t]|,")

_EMPHASIS: Final = re.compile(r"^(\*\*|__|\*|_)(?P<inner>\S(?:.*\S)?)\1$")
_PARENTHESES: Final = re.compile(r"^\((?P<inner>[^()]+)\)$")
_SENTENCE_GAP: Final = re.compile(r"""[.!?\u2026]["\u201d\u2019)\]]?[ \t]+""")
_SENTENCE_BREAK: Final = re.compile(r"[a-z]{3,}[.!?][ \t]+[A-Z]")
_QUOTES: Final = re.compile(r"[\"\u201c\u201d\u00ab\u00bb\u201e]")
_YEAR_OR_PLACE: Final = re.compile(r"\b(?:19|20)\d\d\b|,[ \t]+[A-Z][\w.-]+\.$")
_TERMINAL: Final = re.compile(r"""[.!?\u2026:;][\s"'\u201d\u2019)\]*_]*$""")
_URL_LINE: Final = re.compile(r"^<?(?:https?://|www\.)\S+?>?$", re.IGNORECASE)
_LIST_OR_BLOCK: Final = re.compile(r"^(?:[-+*>|#]|\d+[.)])\s")
_PLACEHOLDER_LINK: Final = re.compile(r"(?<![!\\\]])\[(?P<text>[^\[\]\n]*)\]\([ \t]*#[ \t]*\)")
_BLOCK_MARKER: Final = re.compile(r"^(?:[-+*>#]|\d+[.)])")


# Data tables, turned into patterns once per process ------------------------------------


def _alternation(entries: Iterable[str]) -> str:
    """A regex alternation of ``entries``, longest first; short all-caps names keep their case.

    >>> _alternation(["AP", "Getty Images"])
    '(?i:Getty\\\\s+Images)|AP'
    """
    parts = []
    for entry in sorted(set(entries), key=lambda e: (-len(e), e)):
        body = r"\s+".join(re.escape(word) for word in entry.split())
        parts.append(body if len(entry) < 5 and entry.isupper() else f"(?i:{body})")
    return "|".join(parts)


@dataclass(frozen=True, slots=True)
class _CreditPatterns:
    agency: re.Pattern[str]
    """Any agency or photo service, as a word."""
    credit: re.Pattern[str]
    """A whole credit: optional prefix, optional name, an agency, more agencies or words."""
    photo_service: re.Pattern[str]
    particles: frozenset[str]
    not_names: frozenset[str]


@functools.cache
def _credit_patterns() -> _CreditPatterns:
    table = data.table("scraping-credits")
    agencies = _alternation([*table["agencies"]["names"], *table["photo-services"]["names"]])
    agency = rf"(?<![\w.-])(?:{agencies})(?![\w-])"
    words = _alternation(table["credit-words"]["words"])
    item = rf"(?:{agency}|(?<![\w-])(?:{words})(?![\w-]))"
    separator = r"(?:[ \t]*[/|][ \t]*|[ \t]+[-\u2013\u2014][ \t]+|[ \t]*,[ \t]*|[ \t]+)"
    prefix = _alternation(table["prefixes"]["labels"])
    token = rf"(?!{agency})[^\W\d_][\w'\u2019.-]*"
    credit = rf"""
        (?:(?P<prefix>{prefix})[ \t]*:?[ \t]*)?   # "Photo:", "Photograph by"
        (?:(?P<name>{token}(?:[ \t]+{token}){{0,4}}){separator})?  # the photographer
        (?P<agency>{agency})                     # the agency that credits the picture
        (?P<more>(?:{separator}{item})*)         # "via Getty Images", "/ File Photo"
    """
    return _CreditPatterns(
        agency=re.compile(agency),
        credit=re.compile(credit, re.VERBOSE),
        photo_service=re.compile(
            rf"^(?:{_alternation(table['photo-services']['names'])})$", re.IGNORECASE
        ),
        particles=frozenset(table["names"]["particles"]),
        not_names=frozenset(table["names"]["not-names"]),
    )


@functools.cache
def _labels() -> dict[str, frozenset[str]]:
    table = data.table("scraping-labels")
    return {
        "need-url": frozenset(label.casefold() for label in table["footer"]["need-url"]),
        "top": frozenset(label.casefold() for label in table["sections"]["top"]),
        "anywhere": frozenset(label.casefold() for label in table["sections"]["anywhere"]),
    }


@functools.cache
def _caption_cues() -> re.Pattern[str]:
    cues = data.table("scraping-labels")["captions"]["cues"]
    return re.compile(rf"\b(?:{_alternation(cues)})\b", re.IGNORECASE)


@functools.cache
def _label_line(kind: str) -> re.Pattern[str]:
    """A line that opens with a label of ``kind`` and a colon: group ``label``, ``rest``."""
    labels = data.table("scraping-labels")[kind]["labels"]
    return re.compile(
        rf"""^[ \t]*(?:[#>][ \t#>]*)?(?:\*\*|__|\*|_)?      # heading, quote or emphasis
            (?P<label>{_alternation(labels)})[ \t]*:(?:\*\*|__|\*|_)?  # "Related article:"
            [ \t]*(?P<rest>.*?)[ \t]*$""",
        re.VERBOSE,
    )


# Lines ---------------------------------------------------------------------------------


def _is_blank(doc: Document, index: int) -> bool:
    return not doc.line_text(index).strip()


def _is_own_paragraph(doc: Document, index: int) -> bool:
    """True when line ``index`` stands between sentences, not inside a wrapped sentence.

    A line is inside one when the line before it goes on without an end mark and the line
    after it goes on in lower case ("taken by / Yves Herman Reuters / photographer.").
    """
    before = doc.line_text(index - 1).strip() if index > 0 else ""
    after = doc.line_text(index + 1).strip() if index + 1 < len(doc.lines) else ""
    continued = bool(before) and not _TERMINAL.search(before)
    continues = after[:1].islower()
    return not (continued and continues)


def _content_span(doc: Document, index: int) -> Span:
    """Line ``index`` without its leading and trailing white space."""
    line = doc.lines[index]
    text = doc.text[line.start : line.end]
    lead = len(text) - len(text.lstrip())
    return Span(line.start + lead, line.start + len(text.rstrip()))


def _line_removal(doc: Document, first: int, last: int) -> Edit:
    """Delete lines ``first``..``last`` with their line breaks, leaving no blank-line debris.

    >>> doc = Document.from_text("a\\n\\nCREDIT\\n\\nb\\n")
    >>> _line_removal(doc, 2, 2)
    Edit(start=3, end=11, replacement='')
    """
    lines = doc.lines
    following = last + 1
    while following < len(lines) and _is_blank(doc, following):
        following += 1
    if following < len(lines):
        separated = first == 0 or _is_blank(doc, first - 1)
        end = lines[following].start if separated else lines[last + 1].start
        return Edit.delete(lines[first].start, end)
    previous = first - 1
    while previous >= 0 and _is_blank(doc, previous):
        previous -= 1
    start = lines[previous].end if previous >= 0 else lines[first].start
    return Edit.delete(start, lines[last].end)


def _removal(doc: Document, first: int, last: int, title: str) -> Fix:
    return Fix((_line_removal(doc, first, last),), Applicability.UNSAFE, title)


def _unwrap(text: str) -> tuple[str, bool]:
    """``text`` without emphasis or parentheses around it, and whether there were any.

    >>> _unwrap("**NATO / flickr**"), _unwrap("Reuters")
    (('NATO / flickr', True), ('Reuters', False))
    """
    for pattern in (_EMPHASIS, _PARENTHESES):
        match = pattern.match(text)
        if match:
            return match["inner"].strip(), True
    return text, False


# SCR001, SCR002: photo credits and captions ---------------------------------------------


@dataclass(frozen=True, slots=True)
class _Credit:
    line: int
    span: Span
    """The credit, emphasis included."""
    caption: Span | None
    """The caption on the same line before the credit, if there is one."""


def _is_name(words: list[str], patterns: _CreditPatterns, common: float) -> bool:
    """True when ``words`` can be a photographer's or an organisation's name.

    A title-case word whose Zipf frequency reaches ``common`` is taken for a headline word.

    >>> p = _credit_patterns()
    >>> _is_name(["Yves", "Herman"], p, 4.5), _is_name(["Trump", "Tells"], p, 5.5)
    (True, False)
    >>> _is_name(["NATO"], p, 4.5), _is_name(["Trump", "Slams"], p, 4.5)
    (True, False)
    """
    for word in words:
        if word in patterns.particles:
            continue
        if not word[0].isupper() or word in patterns.not_names:
            return False
        if not word.isupper() and zipf(word.lower()) >= common:
            return False
    return bool(words) and words[0] not in patterns.particles


def _match_credit(text: str, *, attached: bool) -> bool:
    """True when ``text`` is a photo credit and nothing else.

    A wire agency alone may be a byline, so it takes a name, a prefix, a photo service or a
    second credit word to make a credit. When a name and the agency are all there is
    ("Yves Herman Reuters"), the name must not hold a common word, as a headline would
    ("Trump Slams Bloomberg"). A credit ``attached`` to the end of a caption also needs
    emphasis, parentheses or a separator to set it apart from the sentence.

    >>> _match_credit("Yves Herman Reuters", attached=False)
    True
    >>> _match_credit("Reuters", attached=False), _match_credit("said Reuters", attached=False)
    (False, False)
    """
    inner, wrapped = _unwrap(text)
    if len(inner.split()) > _MAX_CREDIT_WORDS:
        return False
    patterns = _credit_patterns()
    match = patterns.credit.fullmatch(inner)
    if match is None:
        return False
    separated = bool(wrapped or match["prefix"] or _SEPARATOR.search(inner))
    strong = bool(separated or match["more"] or patterns.photo_service.match(match["agency"]))
    if match["name"]:
        common = _COMMON_WORD_ZIPF if strong else _HEADLINE_WORD_ZIPF
        if not _is_name(match["name"].split(), patterns, common):
            return False
    elif not strong:
        return False
    return separated if attached else True


def _credit_lines(doc: Document) -> Iterator[int]:
    """Indexes of the lines that name an agency, each once, in order."""
    seen = -1
    for match in _credit_patterns().agency.finditer(doc.text):
        index = doc.line_index(match.start())
        if index != seen:
            seen = index
            yield index


def _find_credits(doc: Document) -> Iterator[_Credit]:
    for index in _credit_lines(doc):
        if not _is_own_paragraph(doc, index):
            continue
        content = _content_span(doc, index)
        text = doc.text[content.start : content.end]
        if _match_credit(text, attached=False):
            yield _Credit(index, content, None)
            continue
        for gap in _SENTENCE_GAP.finditer(text):
            rest = text[gap.end() :]
            if len(rest.split()) <= _MAX_CREDIT_WORDS and _match_credit(rest, attached=True):
                lead = text[: gap.end()].rstrip()
                caption = Span(content.start, content.start + len(lead))
                yield _Credit(index, Span(content.start + gap.end(), content.end), caption)
                break


def photo_credit_in_body(doc: Document, ctx: CheckContext) -> Iterator[Finding]:
    """Photo credit left in the body: a photographer and an agency, alone or after a caption.

    What it catches:
        A line that is only a credit ("Yves Herman Reuters", "Hristo Rusev Getty Images News
        Getty images", "Photo: AFP", "Sean Gallup/Getty Images"), and a credit set apart at
        the end of a caption line ("... Zelensky. **NATO / flickr**"). Agencies and photo
        services come from data/scraping-credits.toml. A wire agency alone on a line is a
        byline and is not reported; agencies named in sentences ("said Reuters",
        "Bloomberg reported Tuesday") never are.
    Why:
        The picture is gone; its credit reads as a stray sentence fragment and puts names
        in the text that no one said or wrote there.
    Bad:
        Officials met in Brussels.
        Yves Herman Reuters
        Analysts say that Europe is facing a choice.
    Good:
        "Every quick fix is a dirty deal," Kallas said, in comments reported by Reuters.
    Fix safety:
        Unsafe: removal deletes text. A credit line goes with its line break; a credit at
        the end of a caption goes with the space before it (SCR002 takes the caption).
    """
    for credit in _find_credits(doc):
        shown = doc.text[credit.span.start : credit.span.end]
        if credit.caption is None:
            fix = _removal(doc, credit.line, credit.line, "Remove the credit line")
        else:
            edit = Edit.delete(credit.caption.end, credit.span.end)
            fix = Fix((edit,), Applicability.UNSAFE, "Remove the credit")
        yield Finding("SCR001", f'Photo credit "{shown}" in the body', credit.span, fix=fix)


def _previous_content_line(doc: Document, index: int) -> int | None:
    previous = index - 1
    while previous >= 0 and _is_blank(doc, previous):
        previous -= 1
    return previous if previous >= 0 else None


def _is_caption(text: str) -> bool:
    """True when a line right before a credit reads as a photo caption.

    >>> _is_caption("A detailed view as troops take part in exercises at Tsranch, Bulgaria.")
    True
    >>> _is_caption("Analysts say that Europe is facing a choice.")
    False
    """
    words = len(text.split())
    if not 6 <= words <= _MAX_CAPTION_WORDS or not text.endswith("."):
        return False
    if _QUOTES.search(text) or _SENTENCE_BREAK.search(text):
        return False
    return bool(_caption_cues().search(text) and _YEAR_OR_PLACE.search(text))


def photo_caption_in_body(doc: Document, ctx: CheckContext) -> Iterator[Finding]:
    """Photo caption left in the body, next to the credit of its missing picture.

    What it catches:
        The text before a credit on the same line ("NATO Secretary General Mark Rutte and
        Ukrainian President Volodymyr Zelensky. **NATO / flickr**"), and the line right
        before a credit line when it reads as a caption: one sentence, no quotation, a
        caption verb from data/scraping-labels.toml ("take part", "poses", "a general
        view") and a place or a year ("... on February 13, 2025 at Tsranch, Bulgaria.").
    Why:
        The caption describes a picture the reader no longer sees, and interrupts the
        article between two paragraphs.
    Bad:
        A detailed view as members of the armed forces take part in exercises at Tsranch, Bulgaria.
        Hristo Rusev Getty Images News Getty images
        European officials also criticized the position.
    Good:
        European officials also criticized the position.
        Hristo Rusev Getty Images News Getty images
    Fix safety:
        Unsafe: removal deletes the caption line with its line break. Only lines next to a
        credit that SCR001 reports are candidates.
    """
    for credit in _find_credits(doc):
        shown = doc.text[credit.span.start : credit.span.end]
        if credit.caption is not None:
            caption_line = credit.line
            span = credit.caption
        else:
            previous = _previous_content_line(doc, credit.line)
            if previous is None or not _is_own_paragraph(doc, previous):
                continue
            caption_line = previous
            span = _content_span(doc, caption_line)
            text = doc.text[span.start : span.end]
            if _match_credit(text, attached=False) or not _is_caption(text):
                continue
        if _QUOTES.search(doc.text, span.start, span.end):
            continue
        yield Finding(
            "SCR002",
            f'Photo caption before the credit "{shown}"',
            span,
            fix=_removal(doc, caption_line, caption_line, "Remove the caption line"),
        )


# SCR003, SCR004: promo lines and source footers -----------------------------------------


def promo_line(doc: Document, ctx: CheckContext) -> Iterator[Finding]:
    """Promo for another page: "Related article:", "Read more:", "See also:" and a title.

    What it catches:
        A paragraph of one line that opens with a promo label from
        data/scraping-labels.toml and a colon, followed by the title (often a link) of
        another article.
    Why:
        The promo is page furniture, not the article: it breaks the text between two
        paragraphs and adds a headline nobody reading the article asked for.
    Bad:
        Related article: Negotiations With Trump Are a Win-Win for the Kremlin
    Good:
        The related article said negotiations with Trump are a win-win for the Kremlin.
    Fix safety:
        Unsafe: removal deletes the line with its line break. The line's link target goes
        with it (the rule may touch link targets and URLs for that reason, never editing
        inside one).
    """
    if ":" not in doc.text:
        return
    pattern = _label_line("promo")
    for index in range(len(doc.lines)):
        match = pattern.match(doc.line_text(index))
        if not match or not match["rest"] or not _is_own_paragraph(doc, index):
            continue
        if len(match["rest"].split()) > 30:
            continue
        start = doc.lines[index].start
        label = f"{match['label']}:"
        yield Finding(
            "SCR003",
            f'Promo line "{label}" for another page',
            Span(start + match.start("label"), start + match.end("label") + 1),
            fix=_removal(doc, index, index, "Remove the promo line"),
        )


def _next_content_line(doc: Document, index: int) -> int | None:
    following = index + 1
    while following < len(doc.lines) and _is_blank(doc, following):
        following += 1
    return following if following < len(doc.lines) else None


def _is_url(text: str) -> bool:
    """True when ``text`` is a URL and nothing else (bare, ``<...>`` or a Markdown link)."""
    inner = re.sub(r"^\[[^\]]*\]\((.+)\)$", r"\1", text.strip())
    return bool(_URL_LINE.match(inner))


def source_footer(doc: Document, ctx: CheckContext) -> Iterator[Finding]:
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
    for index in range(len(doc.lines)):
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
        yield Finding(
            "SCR004",
            f'Source footer "{label}" of a copied page',
            Span(start + match.start("label"), start + match.end("label") + 1),
            fix=_removal(doc, index, last, "Remove the footer"),
        )


# SCR005: placeholder links ---------------------------------------------------------------


def placeholder_link(doc: Document, ctx: CheckContext) -> Iterator[Finding]:
    """Markdown link whose target is a bare ``#``: the scraper lost the real address.

    What it catches:
        ``[text](#)``, in Markdown and in plain text, as scrapers write links they could
        not resolve ("Bloomberg [reported](#) Tuesday", "By [Pyotr Kozlov](#)"). In-page
        anchors (``#section``) and images are left alone.
    Why:
        The link goes nowhere; in plain text the reader sees the brackets and ``(#)``.
    Bad:
        Kellogg's plans were [reported](#) by Bloomberg on Tuesday.
    Good:
        Kellogg's plans were [reported](https://example.com/story) by Bloomberg on Tuesday.
    Fix safety:
        Safe: the fix keeps the link text and drops the brackets and the ``(#)`` target,
        so every word the reader saw stays, and nothing pointed anywhere. It is unsafe when
        the link opens a line and its text starts like a list item, quote or heading, which
        unwrapping would turn into markup.
    """
    if "](" not in doc.text:
        return
    for match in _PLACEHOLDER_LINK.finditer(doc.text):
        text = match["text"]
        line_start = doc.line_starts[doc.line_index(match.start())]
        at_line_start = not doc.text[line_start : match.start()].strip()
        risky = at_line_start and _BLOCK_MARKER.match(text.lstrip())
        applicability = Applicability.UNSAFE if risky else Applicability.SAFE
        yield Finding(
            "SCR005",
            f'Placeholder link "[{_shorten(text)}](#)" with no target',
            Span(match.start(), match.end()),
            fix=Fix.replace(
                match.start(), match.end(), text, applicability, f'Keep the link text "{text}"'
            ),
        )


# SCR006: section and interface labels ----------------------------------------------------


def _label_text(text: str) -> str:
    """A line stripped of Markdown heading marks and emphasis, for comparing with labels.

    >>> _label_text("## **World**")
    'World'
    """
    stripped = text.strip().lstrip("#").strip()
    return _unwrap(stripped)[0]


def _shorten(text: str, limit: int = 40) -> str:
    """``text`` cut to ``limit`` characters with an ellipsis, for messages.

    >>> _shorten("Negotiations With Trump Are a Win-Win for the Kremlin")
    'Negotiations With Trump Are a Win-Win fo\u2026'
    """
    return text if len(text) <= limit else text[:limit] + "\u2026"


def section_label(doc: Document, ctx: CheckContext) -> Iterator[Finding]:
    """Section or interface label of the page: "World" above the headline, "Advertisement".

    What it catches:
        The first line of a text when it holds only a section name of a news site
        ("World", "Politics", "Business", "Live"), and, anywhere, a line that holds only an
        interface label ("Advertisement", "Share this article"). Both lists are in
        data/scraping-labels.toml. A subheading inside the text ("NATO command") is not a
        section label: the evidence is the known name and, for section names, the place.
    Why:
        The label is navigation of the page, read as a one-word paragraph or as part of
        the headline.
    Bad:
        World

        US Defense Secretary's Pivotal NATO Visit
    Good:
        US Defense Secretary's Pivotal NATO Visit

        World leaders met in Brussels.
    Fix safety:
        Unsafe: removal deletes the label line with its line break.
    """
    labels = _labels()
    content = [i for i in range(len(doc.lines)) if not _is_blank(doc, i)]
    if len(content) < 2:
        return
    for position, index in enumerate(content):
        text = _label_text(doc.line_text(index)).casefold()
        if text in labels["anywhere"]:
            kind = "Page label"
        elif position == 0 and text in labels["top"]:
            kind = "Section label"
        else:
            continue
        if not _is_own_paragraph(doc, index):
            continue
        span = _content_span(doc, index)
        shown = doc.text[span.start : span.end]
        yield Finding(
            "SCR006",
            f'{kind} "{shown}" of the page',
            span,
            fix=_removal(doc, index, index, "Remove the label line"),
        )


# SCR007: teaser blocks --------------------------------------------------------------------

_MIN_TEASER_WORDS: Final = 6
_MIN_BODY_PARAGRAPHS: Final = 3


def _is_prose(text: str) -> bool:
    return len(text.split()) >= _MIN_TEASER_WORDS


def _is_teaser(text: str) -> bool:
    """True when a paragraph can be a teaser: prose, starting fresh, with no end mark.

    >>> _is_teaser("President Donald Trump creates a task force to prepare for the 2026 W")
    True
    >>> _is_teaser("He said it was over.")
    False
    """
    stripped = text.strip()
    if not _is_prose(stripped) or _TERMINAL.search(stripped) or _LIST_OR_BLOCK.match(stripped):
        return False
    first = stripped.lstrip("*_")[:1]  # a quotation goes on from the body: no teaser
    return first.isupper() or first.isdigit()


def _teaser_block(doc: Document) -> tuple[Span, int] | None:
    """The trailing block of teasers and how many there are, if the body before is prose."""
    paragraphs = doc.paragraphs
    count = 0
    while count < len(paragraphs):
        span = paragraphs[-1 - count]
        if not _is_teaser(doc.text[span.start : span.end]):
            break
        count += 1
    if count < 2:
        return None
    body = [doc.text[s.start : s.end].strip() for s in paragraphs[:-count]]
    prose = [text for text in body if _is_prose(text)]
    if len(prose) < _MIN_BODY_PARAGRAPHS or not body or not _TERMINAL.search(body[-1]):
        return None
    if sum(1 for text in prose if _TERMINAL.search(text)) < 0.8 * len(prose):
        return None
    return Span(paragraphs[-count].start, paragraphs[-1].end), count


def teaser_tail(doc: Document, ctx: CheckContext) -> Iterator[Finding]:
    """Teasers of other articles scraped onto the end of a text.

    What it catches:
        Two or more paragraphs at the end of a text that each start like a sentence but
        stop without an end mark, often mid-word ("... to prepare for the 2026 W"), after a
        body whose paragraphs end as sentences do. Those are the cut-off summaries that
        a page lists under an article.
    Why:
        They are other stories, cut to fit a box: a reader takes them for the article's
        end and finds it garbled.
    Bad:
        The ministers met on Thursday in Brussels.

        They talked for three hours about the war.

        A senior NATO diplomat said the talks went well.

        In her two decades as a human rights lawyer, Hadar Harris says she is alarmed

        Last week's Oval Office blowup exemplified what many experts have long feared: that th
    Good:
        The ministers met on Thursday in Brussels.

        They talked for three hours about the war.

        A senior NATO diplomat said the talks went well.

        In her two decades as a human rights lawyer, Hadar Harris says she is alarmed.
    Fix safety:
        Unsafe: removal deletes the block from the end of the body's last sentence on. A
        last paragraph alone is not a block: a text cut off at its end is STR's to report.
    """
    found = _teaser_block(doc)
    if found is None:
        return
    block, count = found
    first = doc.text[block.start : block.end].split("\n", 1)[0]
    shown = " ".join(first.split()[:6])
    body_end = doc.paragraphs[-count - 1].end
    yield Finding(
        "SCR007",
        f'Teaser block of {count} cut-off paragraphs from other pages at the end ("{shown}...")',
        block,
        fix=Fix(
            (Edit.delete(body_end, block.end),), Applicability.UNSAFE, "Remove the teaser block"
        ),
    )


_REMOVES_LINKS: Final = frozenset({Protected.LINK_TARGET, Protected.URL})

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
    Rule("SCR006", "section-label", section_label, FixAvailability.ALWAYS),
    Rule("SCR007", "teaser-tail", teaser_tail, FixAvailability.ALWAYS, may_touch=_REMOVES_LINKS),
)
