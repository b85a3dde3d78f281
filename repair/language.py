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
headline; a Title Case one by its capitalised words), or when it is too short to tell;
otherwise lingua (low-accuracy mode, offline, a few Latin-script languages) must name
another language with high confidence.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Final

from repair.language_prefix import share_reached, spaced_share_reached
from repair.language_words import (
    LATIN_WORD,
    Lines,
    common_english_share,
    line_evidence,
    marker_count,
    others_and_bound,
    plain_words,
    spaced_markers,
    tally,
    title_case_share,
)

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

_SAMPLE_WINDOW: Final = 4000  # characters read at the start, middle and end of a long text
_MIN_WORDS: Final = 8  # fewer Latin-script words than this: too short to call not English
_MAX_WORDS: Final = 300  # words handed to the detector
_ENGLISH_MARKER_SHARE: Final = 0.06  # English segments: median 0.2; German, French: 0
_COMMON_ENGLISH_SHARE: Final = 0.9  # of lowercase words common in English: German has < 0.8
_CONFIDENCE: Final = 0.9  # the detector's confidence needed to call a text not English
_MIN_OTHER_LETTERS: Final = 10
_NOTICE_START: Final = "not English"
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


def _detect_by_lines(sample: str, lines: Lines, others: int, bound: int) -> str:
    """:func:`_detect_in_sample` of ``sample`` from the evidence of each of its lines, kept
    in ``lines``: a pass changes few lines, and the rest is summed, not read again. Neither
    pattern has anchors or lookaround or matches a line break, and each word is counted on
    its own, so the words and counts of the sample are those of its lines, in order.

    As :func:`repair.language_prefix.share_reached` does with pieces, the lines are read in
    order until the markers seen are the share needed even of the most words the lines left
    could hold (``bound``, the total of :func:`word_bound`, less the bounds of the lines
    read): an English sample is decided on its first lines, and its other lines are not read
    at all. ``others``: :func:`other_letters` of ``sample``; ``bound`` is -1 when they are
    enough to compare (then only the whole count decides).
    """
    evidence = []
    left = bound
    words = letters = markers = 0
    long_word = False
    for line in sample.split("\n"):
        found = lines.get(line)
        if found is None:
            found = lines[line] = line_evidence(line)
        evidence.append(found)
        words += len(found[0])
        letters += found[1]
        markers += found[2]
        long_word = long_word or found[3]
        left -= found[4]
        if (
            left >= 0
            and markers
            and long_word
            and markers / (words + left) >= _ENGLISH_MARKER_SHARE
        ):
            return ENGLISH  # the full count gives a share as large: English (see above)
    if others >= _MIN_OTHER_LETTERS and others > 2 * letters:
        return _other_script_language(sample)
    if not others and not long_word:
        return NO_WORDS
    # markers / words is the float _english_marker_share gives for the same two counts.
    if words < _MIN_WORDS or markers / words >= _ENGLISH_MARKER_SHARE:
        return ENGLISH
    return _latin_language([word for found in evidence for word in found[0]])


def _detect_in_sample(sample: str, lines: Lines | None = None) -> str:
    """:func:`detect_language` of a text whose :func:`_sample` is ``sample``: a pure function
    of ``sample`` (the word tables and the detector do not change in a process). ``lines``:
    a memo of :func:`_detect_by_lines`."""
    others, bound = others_and_bound(sample)
    if others >= _MIN_OTHER_LETTERS:
        bound = -1  # the letters are compared first; else only the markers can decide, early
    # First by counting the commonest markers between spaces, with no word read: that
    # decides most English samples, whole documents and paragraphs, at a tenth of the cost.
    if bound >= 0 and spaced_share_reached(sample, spaced_markers(), bound, _ENGLISH_MARKER_SHARE):
        return ENGLISH
    if lines is not None:
        return _detect_by_lines(sample, lines, others, bound)
    if bound >= 0 and share_reached(sample, tally, _ENGLISH_MARKER_SHARE):
        return ENGLISH
    tokens = LATIN_WORD.findall(sample)
    words = plain_words(tokens)
    # The Latin letters are counted only when there are other letters enough to compare.
    if others >= _MIN_OTHER_LETTERS and others > 2 * sum(map(len, words)):
        return _other_script_language(sample)
    if not others and all(len(w) < 2 for w in tokens):
        return NO_WORDS  # nothing English rules could read as words or sentences
    if len(words) < _MIN_WORDS or _english_marker_share(words) >= _ENGLISH_MARKER_SHARE:
        return ENGLISH
    return _latin_language(words)


def _latin_language(words: list[str]) -> str:
    """The language of a sample of Latin-script ``words`` (its plain words, in order) that
    is long enough to tell and has few English markers."""
    if common_english_share(words) >= _COMMON_ENGLISH_SHARE:
        return ENGLISH  # a headline or a list of names: no function words, English all the same
    if title_case_share(words) >= _COMMON_ENGLISH_SHARE:
        # A Title Case headline, with no lowercase word to read: as common in English, and
        # none clearly another language's. Saves loading lingua's models (0.125 s of CPU) in
        # nearly every process of English news, whose files start with one.
        return ENGLISH
    confidences = _detector().compute_language_confidence_values(
        _encodable(" ".join(words[:_MAX_WORDS]))
    )
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
        lines: Lines | None = doc.run_memo(f"{__name__}.lines") if by_line else None
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
    # Asked for each finding of an English-only rule: one look-up in the verdicts.
    known: dict[Span, bool] = doc.shared(_PARAGRAPHS, _no_verdicts)
    verdict = known.get(paragraph)
    if verdict is None:
        language = _detected(doc, _sample(_prose_of(doc, paragraph)))
        verdict = known[paragraph] = language != NO_WORDS and not is_english(language)
    return verdict


_PARAGRAPHS: Final = f"{__name__}.paragraphs"
"""The key of the paragraphs' verdicts (:meth:`Document.shared`; repair.recheck carries them)."""


def _no_verdicts(_: Document) -> dict[Span, bool]:
    return {}


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


def _english_marker_share(words: list[str]) -> float:
    return marker_count(words) / len(words)


def _other_script_language(sample: str) -> str:
    found = _detector().detect_language_of(_encodable(sample))
    if found is None or found.iso_code_639_1.name.lower() == ENGLISH:
        return OTHER
    return found.iso_code_639_1.name.lower()


_LONE_SURROGATE: Final = re.compile("[\ud800-\udfff]")


def _encodable(text: str) -> str:
    """``text`` with each lone surrogate (bytes a decoder escaped, ``surrogateescape``)
    made U+FFFD: lingua takes UTF-8 only and raised on them, failing the whole check."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return _LONE_SURROGATE.sub("\ufffd", text)
    return text


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
]
