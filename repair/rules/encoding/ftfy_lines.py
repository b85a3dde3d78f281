"""Which lines to hand to ftfy, and ftfy's fix of one line with its explanation.

ftfy changes a line only when its badness heuristic (``ftfy.badness.is_bad``) fires, or to
decode C1 controls and lone surrogates. Searching the whole text with that heuristic costs
as much as ftfy itself, so a cheap character-class search finds the few places where it can
fire, and the heuristic is asked about a small window around each.

That shortcut needs a fact about ftfy's badness pattern: each of its matches holds a
character of a small set (C1 controls, "\u00c3" and the like), or a pair of non-ASCII
characters of two sets side by side. It is read from the pattern itself when this module is
imported (:mod:`repair.rules.encoding.ftfy_patterns`); if ftfy ever ships a pattern of
another shape, the shortcut is off and every line with a non-ASCII character is asked,
which is slower and as right.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from typing import Any, Final

import ftfy
from ftfy.badness import BADNESS_RE
from ftfy.badness import is_bad as ftfy_is_bad
from ftfy.chardata import ALTERED_UTF8_RE, CHARMAP_ENCODINGS, LOSSY_UTF8_RE
from ftfy.fixes import fix_c1_controls, fix_surrogates

from repair.document import Document
from repair.findings import Span
from repair.rules.encoding.ftfy_patterns import badness_triggers, lossy_characters, text_pattern
from repair.rules.scraping._lines import text_lines

_FTFY_CONFIG: Final = ftfy.TextFixerConfig(
    unescape_html=False,  # ENC005, and only in plain text
    remove_terminal_escapes=False,  # ENC003
    fix_latin_ligatures=False,
    fix_character_width=False,  # would turn CJK full-width punctuation into ASCII
    uncurl_quotes=False,  # quotes are the QUO family's
    fix_line_breaks=False,
    remove_control_chars=False,  # ENC003
    normalization=None,  # NFC would rewrite correct decomposed text
    explain=True,
)
_FIXERS_AFTER_ENCODING: Final = (
    ("fix_c1_controls", fix_c1_controls),
    ("fix_surrogates", fix_surrogates),
)
"""What ``ftfy.fix_and_explain`` runs after the encoding fixer under ``_FTFY_CONFIG``."""
_C1_OR_SURROGATE: Final = re.compile("[\x80-\x9f\ud800-\udfff]")
_LOSSY_CHARACTERS: Final = lossy_characters(LOSSY_UTF8_RE, CHARMAP_ENCODINGS)
_LOSSY: Final = None if _LOSSY_CHARACTERS is None else re.compile(f"[{_LOSSY_CHARACTERS}]")
"""Characters one of which a line holds if ``ftfy.fixes.replace_lossy_sequences`` can change
it once encoded (U+FFFD, "?" and byte 1A, read from ftfy's pattern), or ``None``."""
_ALTERED_SOURCE: Final = text_pattern(ALTERED_UTF8_RE, CHARMAP_ENCODINGS)
_ALTERED: Final = None if _ALTERED_SOURCE is None else re.compile(_ALTERED_SOURCE)
"""Where a line can hold, once encoded, what ``ftfy.fixes.restore_byte_a0`` looks for (UTF-8
with a space for byte A0, read from ftfy's pattern), or ``None``: a line without a match
of it is not searched for that in bytes, which costs a fifth of ftfy's round."""
_CONFIGS: Final = {
    (lossy, altered): _FTFY_CONFIG._replace(replace_lossy_sequences=lossy, restore_byte_a0=altered)
    for lossy in (False, True)
    for altered in (False, True)
}
"""ftfy's settings for a round on a line that may (``True``) or cannot hold a lossy
sequence and a sequence ``restore_byte_a0`` repairs: a fixer that cannot change the line
is off, so that the round does not search for its pattern."""
_ONE_ROUND: Final[Callable[[str, ftfy.TextFixerConfig], tuple[str, list[Any] | None]] | None] = (
    getattr(ftfy, "_fix_encoding_one_step_and_explain", None)
)
"""One round of ``ftfy.fix_encoding_and_explain``'s loop, which runs it until the text
stops changing."""
_CUT_VERIFIED: Final = ftfy.__version__.startswith("6.3.")
"""Whether this ftfy's round is the one :func:`_round`'s shortcut was checked against (the
ways out of a round are ftfy's private code: another version asks about the whole line)."""


def fix_line(line: str, known_bad: bool = False) -> tuple[str, str]:
    """ftfy's fix of ``line`` under this module's settings, and its steps in words.

    The same text and steps as ``ftfy.fix_and_explain(line, config=_FTFY_CONFIG)``, with one
    call of ftfy's encoding fixer instead of one per round: of the fixers that settings
    leave on, only the C1 and surrogate fixes run after it, and the encoding fixer is asked
    again only when they changed something. (So where a C1 control undefined in cp1252
    stays, ftfy's steps repeat once more a "transcode fix_c1_controls" that changed
    nothing, and these do not.) ``known_bad`` says that :func:`is_bad` already
    found ``line`` bad (:func:`lines_to_fix_marked` tells), so that it is not asked again.

    >>> fix_line("Sch\\u00c3\\u00b6n") == ("Sch\\u00f6n", "encode latin-1, decode utf-8")
    True
    """
    steps: list[tuple[str, str]] = []
    while True:
        fixed, may_hold_c1 = _decode(line, steps, known_bad)
        decoded = fixed
        # Both fixers only rewrite the characters of this class: without one they return
        # the text as it is, after a search of their own and a substitution.
        if may_hold_c1 and _C1_OR_SURROGATE.search(fixed):
            for name, fixer in _FIXERS_AFTER_ENCODING:
                repaired = fixer(decoded)
                if repaired != decoded:
                    steps.append(("apply", name))
                decoded = repaired
        if decoded == fixed:
            return decoded, ", ".join(f"{action} {arg}" for action, arg in steps)
        line, known_bad = decoded, False


def _decode(text: str, steps: list[tuple[str, str]], known_bad: bool = False) -> tuple[str, bool]:
    """``ftfy.fix_encoding_and_explain(text, _FTFY_CONFIG)``'s text, its steps added to
    ``steps`` (``known_bad`` when :func:`is_bad` is known to be true of ``text``), and
    whether that text may hold a C1 control or a lone surrogate (``False`` when the search
    of :func:`is_bad` found no hit in it: these are hits of ``_MAY_NEED_FTFY``).

    ftfy's loop ends on a round that finds the text not bad, which asks its badness
    pattern about every character of the repaired line. :func:`is_bad` gives the same
    answer from the few places the pattern can match, so that round is not run: ftfy would
    return the text as it is. A round on a text without a character of ``_LOSSY`` does not
    look for lossy sequences, nor one without a match of ``_ALTERED`` for the sequences
    ``restore_byte_a0`` repairs: neither can be there (ftfy would search the encoded line
    and leave it as it is). Without ftfy's one-round function (a private name, looked up
    once) or with a pattern of an unexpected shape, ftfy's own loop runs.
    """
    if _ONE_ROUND is None or _SHAPE is None or _MAY_NEED_FTFY is None:
        fixed, found = ftfy.fix_encoding_and_explain(text, _FTFY_CONFIG)
        steps.extend(found or ())
        return fixed, True
    while True:
        if not known_bad:
            # is_bad, split: most repaired lines have no hit at all.
            if _MAY_NEED_FTFY.search(text) is None:
                return text, False
            search = BADNESS_RE.search
            if not any(search(text, start, end) for start, end in _suspect_regions(text)):
                return text, True
        known_bad = False
        config = _CONFIGS[
            _LOSSY is None or _LOSSY.search(text) is not None,
            _ALTERED is None or _ALTERED.search(text) is not None,
        ]
        fixed, found = _round(text, config)
        steps.extend(found or ())
        if fixed == text:
            return text, True
        text = fixed


def _round(text: str, config: ftfy.TextFixerConfig) -> tuple[str, list[Any] | None]:
    """ftfy's round (``_ONE_ROUND``) on ``text``, which it finds bad, asked about the text
    from its first character outside ASCII when that gives the same answer.

    The round's search for badness tries its pattern at every place before the first
    match (about 0.2 us each), most of a round on a line whose mojibake is not at its
    start. What follows it reads the text in one single-byte encoding after another and
    returns the first that decodes as UTF-8, its steps ending with that decode. That way is
    blind to a prefix of ASCII without byte 1A (which ftfy's encodings leave out): such a
    prefix is in every encoding, encodes to itself and decodes to itself, and every byte
    pattern the way looks for (byte A0 restored, lossy sequences) starts with a byte
    outside ASCII or is 1A. The line being bad, the round takes that way on the whole text
    exactly when it takes it on the rest, to the same steps: the prefix is put back. Any
    other way out (such as ``decode_inconsistent_utf8``, whose answer depends on the
    text's length) is asked again of the whole text.
    """
    assert _ONE_ROUND is not None
    first = _NOT_ASCII.search(text)
    cut = 0 if first is None else first.start()
    if cut and _CUT_VERIFIED and text.find("\x1a", 0, cut) == -1:
        fixed, found = _ONE_ROUND(text[cut:], config)
        if found and found[-1] in _DECODED_AS_UTF8:
            return text[:cut] + fixed, found
    return _ONE_ROUND(text, config)


_NOT_ASCII: Final = re.compile("[^\x00-\x7f]")
_DECODED_AS_UTF8: Final = (("decode", "utf-8"), ("decode", "utf-8-variants"))
"""The last step of a round that read the text in a single-byte encoding as UTF-8."""


def _may_need_ftfy(text: str) -> bool:
    return bool(ftfy_is_bad(text) or _C1_OR_SURROGATE.search(text))


_SHAPE: Final = badness_triggers(BADNESS_RE)
_MAY_NEED_FTFY: Final = (
    None
    if _SHAPE is None
    else re.compile(
        f"[\\x80-\\x9f\\ud800-\\udfff{_SHAPE[0]}{_SHAPE[1]}]"
        f"(?:(?<=[\\x80-\\x9f\\ud800-\\udfff{_SHAPE[0]}])|"
        + (f"[{_SHAPE[2]}])" if _SHAPE[2] else "(?!))")  # an empty class is no pattern
    )
)
"""A character that alone can start a badness match (C1 controls and lone surrogates
included), or a *first* character followed by a *second*: every badness match holds one
of these (:func:`badness_triggers`), and so does every line the C1 or surrogate fixer
would change."""


def lines_apart() -> bool:
    """Whether ftfy's pattern has the shape expected, so that :func:`line_to_fix` tells each
    line apart (else the whole text is asked first, :func:`lines_to_fix_marked`)."""
    return _SHAPE is not None and _MAY_NEED_FTFY is not None


def _suspect_regions(part: str) -> Iterator[tuple[int, int]]:
    """(start, end) of the windows of ``part`` where a badness match can be: around each
    hit of ``_MAY_NEED_FTFY``, the pattern's width and one more on either side, windows
    that touch merged (a text dense with hits is searched once, not once per hit)."""
    assert _SHAPE is not None and _MAY_NEED_FTFY is not None
    reach = _SHAPE[3] + 1
    start = end = -1
    for hit in _MAY_NEED_FTFY.finditer(part):
        offset = hit.start()
        if offset - reach <= end:
            end = min(len(part), offset + reach + 1)
            continue
        if end != -1:
            yield start, end
        start, end = max(0, offset - reach), min(len(part), offset + reach + 1)
    if end != -1:
        yield start, end


def is_bad(text: str) -> bool:
    """``ftfy.badness.is_bad(text)``, asked only where the pattern can match.

    A badness match holds a hit of ``_MAY_NEED_FTFY`` (or the character after one) and is
    at most the pattern's width long, so it lies in a window around that hit; the pattern
    has no lookaround and its one anchor (``^``) does not match at a window's start, so a
    match inside a window is a match in the text.

    >>> is_bad("caf\\u00e9 \\u201cok\\u201d"), is_bad("Sch\\u00c3\\u00b6n")
    (False, True)
    """
    if _SHAPE is None or _MAY_NEED_FTFY is None:
        return ftfy_is_bad(text)
    if _MAY_NEED_FTFY.search(text) is None:
        return False  # most repaired lines: no window to ask about
    search = BADNESS_RE.search
    return any(search(text, start, end) for start, end in _suspect_regions(text))


def lines_to_fix(doc: Document) -> list[Span]:
    """The lines ftfy may change, in order: the bad ones (:func:`is_bad`) and those with a
    C1 control or a lone surrogate, each of which is a hit of ``_MAY_NEED_FTFY``.

    >>> lines_to_fix(Document.from_text("ok \\u2019s\\nSch\\u00c3\\u00b6n\\nfine"))
    [Span(start=6, end=12)]
    """
    return [line for line, _, _ in lines_to_fix_marked(doc)]


def lines_to_fix_marked(doc: Document) -> list[tuple[Span, str, bool]]:
    """(span, text, known bad) of each line of :func:`lines_to_fix`: known bad when
    :func:`is_bad` was seen true of it (else it may still be, or hold a C1 control or a
    lone surrogate), for :func:`fix_line`.

    >>> doc = Document.from_text("ok\\nSch\\u00c3\\u00b6n\\nx\\ud800")
    >>> [(line, known_bad) for line, _, known_bad in lines_to_fix_marked(doc)]
    [(Span(start=3, end=9), True), (Span(start=10, end=12), False)]
    """
    text = doc.text
    if text.isascii():
        return []
    if _SHAPE is None or _MAY_NEED_FTFY is None:
        return _lines_asked_one_by_one(doc)
    # Lines are looked at one by one: ``str.isascii`` passes over ASCII many times faster
    # than a search of the whole text for a hit would. The lines split once for the rules
    # that read them (SCR, the ENC scan for strays).
    may_need_ftfy = _MAY_NEED_FTFY.search
    found = []
    for line, part in zip(doc.lines, text_lines(doc), strict=True):
        if part.isascii():
            continue
        hit = may_need_ftfy(part)
        if hit is not None:
            known_bad = _asked(part, hit.start())
            if known_bad is not None:
                found.append((line, part, known_bad))
    return found


def line_to_fix(part: str) -> bool | None:
    """Whether ftfy may change the line ``part`` of a text, as :func:`lines_to_fix_marked`
    says: ``None`` when it cannot, else whether :func:`is_bad` was seen true of it. A
    function of the line's text alone, when :func:`lines_apart`.

    >>> line_to_fix("ok \\u2019s"), line_to_fix("Sch\\u00c3\\u00b6n"), line_to_fix("x\\ud800")
    (None, True, False)
    """
    assert _MAY_NEED_FTFY is not None
    hit = _MAY_NEED_FTFY.search(part)
    return None if hit is None else _asked(part, hit.start())


def _asked(part: str, offset: int) -> bool | None:
    """:func:`line_to_fix` of ``part``, whose first hit of ``_MAY_NEED_FTFY`` is at
    ``offset`` (lines without one, most of those outside ASCII, make no call)."""
    assert _SHAPE is not None
    # Mojibake is found around its first hit, mostly: that window is asked first, and
    # before it a match that starts at the hit (most do: "\u00c3\u00b6", "\u00e2\u20ac\u0153"),
    # one place tried, where the window's search tries the pattern at every place before.
    reach = _SHAPE[3] + 1
    if BADNESS_RE.match(part, offset, offset + reach + 1):
        return True
    search = BADNESS_RE.search
    if search(part, max(0, offset - reach), offset + reach + 1):
        return True
    for start, end in _suspect_regions(part):
        if search(part, start, end):
            return True
        if _C1_OR_SURROGATE.search(part, start, end):
            return False
    return None


def _lines_asked_one_by_one(doc: Document) -> list[tuple[Span, str, bool]]:
    """The slow way round, when the shape of ftfy's pattern is not the one expected."""
    text = doc.text
    if not _may_need_ftfy(text):
        return []
    lines: Sequence[Span] = doc.lines
    found = []
    for line in lines:
        part = text[line.start : line.end]
        if not part.isascii() and _may_need_ftfy(part):
            found.append((line, part, False))
    return found
