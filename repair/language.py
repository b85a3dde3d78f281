"""Which language a document is written in, so that English-only rules see English only.

Most rules know English: its quote marks, its function words, its spelling. On German,
French or Chinese text they would "fix" correct text (German „…“ quotes turned English), so
the engine runs them on English documents only (see ``Rule.english_only``). The language
comes from the settings when they name one (``language``, ``per-file-language``), else from
:func:`detect_language`.

Detection leans to English: a text is English unless the evidence against it is strong,
since a wrong "not English" silences every English rule. A text mostly in another script
is not English; a Latin-script text is English when English function words make up a fair
share of its words, when nearly all its lowercase words are common English words (a
headline), or when it is too short to tell; otherwise lingua (low-accuracy mode, offline, a
few Latin-script languages) must name another language with high confidence.
"""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING, Final

from repair import data
from repair.language_prefix import Tally, share_reached
from repair.lexicon import COMMON_WORD_ZIPF, zipf

if TYPE_CHECKING:
    from lingua import LanguageDetector

    from repair.config import Config
    from repair.document import Document
    from repair.findings import Span

ENGLISH: Final = "en"
AUTO: Final = "auto"
"""The ``language`` setting that asks for detection."""
OTHER: Final = "und"
"""ISO 639's "undetermined": another script, whose language the detector cannot name."""
NO_WORDS: Final = "zxx"
"""ISO 639's "no linguistic content": not one word of two letters or more (numbers, symbols,
box-drawing art, spaced-out letters such as ``O P I N I Ã O``)."""

_MARKERS_TABLE: Final = "language-english-markers"
_SAMPLE_WINDOW: Final = 4000  # characters read at the start, middle and end of a long text
_MIN_WORDS: Final = 8  # fewer Latin-script words than this: too short to call not English
_MAX_WORDS: Final = 300  # words handed to the detector
_ENGLISH_MARKER_SHARE: Final = 0.06  # English segments: median 0.2; German, French: 0
_COMMON_ENGLISH_SHARE: Final = 0.9  # of lowercase words common in English: German has < 0.8
_CONFIDENCE: Final = 0.9  # the detector's confidence needed to call a text not English
_MIN_OTHER_LETTERS: Final = 10
_NOTICE_START: Final = "not English"

# A Latin-script word; Vietnamese letters (Latin Extended Additional) included.
_LATIN_WORD: Final = re.compile(
    r"[A-Za-z\u00c0-\u024f\u1e00-\u1eff]+(?:['\u2019][A-Za-z\u00c0-\u024f\u1e00-\u1eff]+)*"
)
# A letter of any other script: Han, kana, Hangul, Cyrillic, Greek, Arabic...
_OTHER_LETTER: Final = re.compile(r"[^\W\d_A-Za-z\u00c0-\u024f\u1e00-\u1eff]")
_LONGEST_WORD: Final = 20  # longer runs of letters are base64, hashes and the like
_PLAIN_WORDS: Final[set[str]] = set()  # the words :func:`_is_plain_word` said yes and no to
_OTHER_WORDS: Final[set[str]] = set()
_MAX_REMEMBERED_WORDS: Final = 200_000  # then both are emptied: memory stays bounded
_DETECTOR: Final[list[LanguageDetector]] = []  # the detector, once built

# Candidate languages of the detector, by lingua's names: English, the Latin-script languages
# news is most often written in, and the main languages of other scripts (for naming them).
_CANDIDATE_NAMES: Final = (
    "ENGLISH GERMAN FRENCH SPANISH ITALIAN PORTUGUESE DUTCH POLISH SWEDISH DANISH BOKMAL FINNISH "
    "CZECH ROMANIAN HUNGARIAN TURKISH INDONESIAN VIETNAMESE CHINESE JAPANESE KOREAN RUSSIAN "
    "UKRAINIAN GREEK ARABIC HEBREW PERSIAN HINDI THAI"
)
_CANDIDATES: Final = tuple(_CANDIDATE_NAMES.split())


def detect_language(text: str) -> str:
    """ISO 639-1 code of the language of ``text``: ``"en"`` unless the evidence is strong.

    >>> detect_language("The talks ended on Tuesday, and both sides said they would meet again.")
    'en'
    >>> detect_language("Die Regierung will die Ausgaben für die Verteidigung im Jahr erhöhen.")
    'de'
    >>> detect_language("国务院新闻办公室周二举行发布会介绍前三季度经济运行情况。")
    'zh'
    >>> detect_language("Merci beaucoup")  # too short to tell
    'en'
    >>> detect_language("O P I N I \N{LATIN CAPITAL LETTER A WITH TILDE} O")
    'zxx'
    """
    return _detect_in_sample(_sample(text))


_Scan = tuple[list[str], int]
"""The Latin-script words of a text, and how many letters of other scripts it holds."""


def _scan(text: str) -> _Scan:
    return _LATIN_WORD.findall(text), 0 if text.isascii() else _other_letters(text)


_ASCII_BYTES: Final = bytes(range(0x80))


def _other_letters(text: str) -> int:
    """How many letters of other scripts ``text`` holds (``_OTHER_LETTER``'s matches).

    No ASCII character is one, so only the others are searched: the text's UTF-8 without
    its ASCII bytes, which leaves whole characters (a character past ASCII is made of
    bytes past ASCII only), found at C speed where a search would test every character.

    >>> _other_letters("The \u5317\u4eac office, caf\u00e9 \u201cok\u201d"), _other_letters("ok")
    (2, 0)
    """
    rest = text.encode("utf-8", "surrogatepass").translate(None, _ASCII_BYTES)
    return len(_OTHER_LETTER.findall(rest.decode("utf-8", "surrogatepass")))


def _scan_lines(sample: str, memo: dict[str, _Scan]) -> _Scan:
    """:func:`_scan` of ``sample``, line by line with each line's scan kept in ``memo``
    (a fix run's, see :meth:`Document.run_memo`; a pure function of the line). Neither
    pattern has anchors or lookaround or matches a line break, so the matches in the text
    are those in its lines, in order."""
    tokens: list[str] = []
    other_letters = 0
    for line in sample.split("\n"):
        scanned = memo.get(line)
        if scanned is None:
            scanned = memo[line] = _scan(line)
        tokens += scanned[0]
        other_letters += scanned[1]
    return tokens, other_letters


def _detect_in_sample(sample: str, lines: dict[str, _Scan] | None = None) -> str:
    """:func:`detect_language` of a text whose :func:`_sample` is ``sample``: a pure function
    of ``sample`` (the word tables and the detector do not change in a process). ``lines``:
    a memo of :func:`_scan_lines`."""
    if lines is None:
        other_letters = 0 if sample.isascii() else _other_letters(sample)
        # Fewer other letters than that: only the share of markers can decide, often early.
        if other_letters < _MIN_OTHER_LETTERS and share_reached(
            sample, _tally, _ENGLISH_MARKER_SHARE
        ):
            return ENGLISH
        tokens = _LATIN_WORD.findall(sample)
    else:
        tokens, other_letters = _scan_lines(sample, lines)
    words = _plain_words(tokens)
    # The Latin letters are counted only when there are other letters enough to compare.
    if other_letters >= _MIN_OTHER_LETTERS and other_letters > 2 * sum(map(len, words)):
        return _other_script_language(sample)
    if not other_letters and all(len(w) < 2 for w in tokens):
        return NO_WORDS  # nothing English rules could read as words or sentences
    if len(words) < _MIN_WORDS or _english_marker_share(words) >= _ENGLISH_MARKER_SHARE:
        return ENGLISH
    if _common_english_share(words) >= _COMMON_ENGLISH_SHARE:
        return ENGLISH  # a headline or a list of names: no function words, English all the same
    confidences = _detector().compute_language_confidence_values(" ".join(words[:_MAX_WORDS]))
    if not confidences:
        return ENGLISH
    best = confidences[0]
    if best.value < _CONFIDENCE:
        return ENGLISH
    return best.language.iso_code_639_1.name.lower()


def document_language(doc: Document, config: Config) -> str:
    """The language ``doc`` is taken to be in: the settings' for its path, else detected.

    Detected once per document and shared by every use (the engine, the notice).
    """
    configured = config.language_for(doc.path)
    if configured != AUTO:
        return configured
    return doc.shared(__name__, lambda d: _detected(d, _sample(d.text), by_line=True))


def _detected(doc: Document, sample: str, *, by_line: bool = False) -> str:
    """:func:`_detect_in_sample` of ``sample``, kept in a fix run's memo (see
    :meth:`Document.run_memo`): after a pass, the paragraphs and samples it left as they
    were are not detected again, and (``by_line``, for a whole text's sample, which most
    passes change somewhere) the lines it left as they were are not scanned again."""
    memo = doc.run_memo(f"{__name__}.detected")
    if memo is None:
        return _detect_in_sample(sample)
    language = memo.get(sample)
    if language is None:
        lines = doc.run_memo(f"{__name__}.lines") if by_line else None
        language = memo[sample] = _detect_in_sample(sample, lines)
    return language


def in_other_language(doc: Document, offset: int) -> bool:
    """Whether the paragraph holding ``offset`` is detected in a language other than English
    (a quotation left in German in an English article). Asked only where a rule reports, and
    once per paragraph.
    """
    paragraph = doc.paragraph_of(offset)
    if paragraph is None:
        return False
    known: dict[Span, bool] = doc.shared(f"{__name__}.paragraphs", lambda _: {})
    if paragraph not in known:
        language = _detected(doc, _sample(_prose_of(doc, paragraph)))
        known[paragraph] = language != NO_WORDS and not is_english(language)
    return known[paragraph]


def _prose_of(doc: Document, span: Span) -> str:
    """The text of ``span`` with its URLs, link targets, code and markup blanked: their
    words ("source=post_page", "webmd.com/signin") are no language's."""
    pieces = []
    start = span.start
    for protected in doc.protected_overlapping(span):
        pieces.append(doc.text[start : max(start, protected.span.start)])
        start = max(start, protected.span.end)
    pieces.append(doc.text[start : span.end])
    return " ".join(pieces)


def is_english(language: str) -> bool:
    """Whether English-only rules run on a text in ``language`` (a code such as ``en-GB``).

    >>> is_english("en"), is_english("en-GB"), is_english("de")
    (True, True, False)
    """
    return language.split("-")[0].lower() == ENGLISH


def language_notice(doc: Document, config: Config) -> str | None:
    """The one line said of a document that is not English, or ``None`` for English text."""
    language = document_language(doc, config)
    if is_english(language):
        return None
    how = "detected" if config.language_for(doc.path) == AUTO else "set in the settings"
    return f"{_NOTICE_START} ({language_name(language)}, {how}): English-only rules skipped"


def is_language_notice(notice: str | None) -> bool:
    """Whether a result's notice is :func:`language_notice`'s (the text is not English)."""
    return notice is not None and notice.startswith(_NOTICE_START)


def language_name(code: str) -> str:
    """The English name of a language code, or the code itself when it is not known.

    >>> language_name("de"), language_name("zh"), language_name("und"), language_name("xx")
    ('German', 'Chinese', 'another language', 'xx')
    """
    if code == OTHER:
        return "another language"
    if code == NO_WORDS:
        return "no words"
    from lingua import IsoCode639_1, Language

    try:
        language = Language.from_iso_code_639_1(IsoCode639_1.from_str(code))
    except ValueError:
        return code
    return "Norwegian" if language.name == "BOKMAL" else language.name.title()


def _sample(text: str) -> str:
    """The start, middle and end of a long text: enough to tell its language, at a bounded
    cost whatever its length."""
    if len(text) <= 3 * _SAMPLE_WINDOW:
        return text
    middle = (len(text) - _SAMPLE_WINDOW) // 2
    return "\n".join(
        (text[:_SAMPLE_WINDOW], text[middle : middle + _SAMPLE_WINDOW], text[-_SAMPLE_WINDOW:])
    )


def _is_plain_word(word: str) -> bool:
    """A word as prose writes it: lowercase, capitalized or all capitals, and not too long
    (``AAQSkZJRg`` of a base64 image is no word).

    >>> [w for w in ("news", "News", "NEWS", "iPhone", "AAQSkZJRg") if _is_plain_word(w)]
    ['news', 'News', 'NEWS']
    """
    return len(word) <= _LONGEST_WORD and (word.islower() or word.isupper() or word[1:].islower())


def _plain_words(tokens: list[str]) -> list[str]:
    """The plain words (:func:`_is_plain_word`) among ``tokens``, in order.

    Detection runs on every paragraph a rule reports in: each distinct word is tested once
    per process, and the tokens are filtered by set membership, without a call per token.

    >>> _plain_words(["The", "cat", "iPhone", "the", "cat"])
    ['The', 'cat', 'the', 'cat']
    """
    if len(_PLAIN_WORDS) + len(_OTHER_WORDS) > _MAX_REMEMBERED_WORDS:
        _PLAIN_WORDS.clear()
        _OTHER_WORDS.clear()
    for word in set(tokens).difference(_PLAIN_WORDS, _OTHER_WORDS):
        (_PLAIN_WORDS if _is_plain_word(word) else _OTHER_WORDS).add(word)
    return list(filter(_PLAIN_WORDS.__contains__, tokens))


def _english_marker_share(words: list[str]) -> float:
    return _marker_count(words) / len(words)


def _marker_count(words: list[str]) -> int:
    forms = _marker_forms()
    if forms is None:
        markers = data.word_set(_MARKERS_TABLE)
        return sum(1 for w in words if w.lower() in markers)
    return sum(map(forms.__contains__, words))


def _tally(piece: str) -> Tally:
    """A piece's markers, plain words, and whether a word has two letters or more."""
    tokens = _LATIN_WORD.findall(piece)
    words = _plain_words(tokens)
    return _marker_count(words), len(words), any(len(t) > 1 for t in tokens)


@functools.cache
def _marker_forms() -> frozenset[str] | None:
    """The plain words whose lowercase is an English marker: each marker lowercase, all
    capitals and capitalized (``the``, ``THE``, ``The``), to count markers with one set
    lookup per word. ``None`` if a marker is not lowercase ASCII, where that would not hold.

    Only ASCII words lowercase to ASCII markers ("\N{LATIN CAPITAL LETTER I WITH DOT ABOVE}"
    lowercases to two characters, one of them non-ASCII), and a plain ASCII word (see
    :func:`_is_plain_word`) is lowercase, all capitals or capitalized.
    """
    markers = data.word_set(_MARKERS_TABLE)
    if not all(m.isascii() and m.islower() and m.isalpha() for m in markers):
        return None
    return frozenset(f for m in markers for f in (m, m.upper(), m.capitalize()))


def _common_english_share(words: list[str]) -> float:
    """The share of the lowercase words that are common English words (Zipf >= 3)."""
    lowercase = [w for w in words if w.islower()]
    if not lowercase:
        return 0.0
    return sum(1 for w in lowercase if zipf(w) >= COMMON_WORD_ZIPF) / len(lowercase)


def _other_script_language(sample: str) -> str:
    found = _detector().detect_language_of(sample)
    if found is None or found.iso_code_639_1.name.lower() == ENGLISH:
        return OTHER
    return found.iso_code_639_1.name.lower()


def load_models() -> None:
    """Load the language models that detecting a Latin-script text loads, as detection
    would on first use, for a process about to fork workers (:func:`repair.checker.prepare`):
    they inherit the models instead of each loading them (0.25 s of CPU on its first text
    handed to the detector, some 20 MB). The models of other scripts load when a text in one
    is met (0.02-0.03 s each): preloading them all costs the parent, which every worker waits
    for, another 0.05-0.15 s and 10,000 page faults, mostly for models no worker reads.
    """
    # An ASCII text rules out no Latin-script candidate: all of their models load.
    _detector().compute_language_confidence_values(_LATIN_SAMPLE)


# Any words of Latin letters without accents (see load_models).
_LATIN_SAMPLE: Final = "de la en het und der il est dat ist que"


def _detector() -> LanguageDetector:
    """lingua's detector over :data:`_CANDIDATES`, built once per process."""
    if not _DETECTOR:
        _DETECTOR.append(_build_detector())
    return _DETECTOR[0]


def _build_detector() -> LanguageDetector:
    """Low-accuracy mode (trigram models only) is fast to load and to run, and is accurate on
    the paragraphs it is asked about here; models load on first use of each language."""
    from lingua import Language, LanguageDetectorBuilder

    languages = [getattr(Language, name) for name in _CANDIDATES]
    builder = LanguageDetectorBuilder.from_languages(*languages).with_low_accuracy_mode()
    return builder.build()


__all__ = [
    "AUTO",
    "ENGLISH",
    "NO_WORDS",
    "OTHER",
    "detect_language",
    "document_language",
    "in_other_language",
    "is_english",
    "is_language_notice",
    "language_name",
    "language_notice",
    "load_models",
]
