"""The damage simulator's core: clean documents in, damaged ones and a log of every artefact out.

Each artefact is one edit of the clean text (a span of it replaced by its damaged form), so the
log can say, for each, its kind, its form, its span in the damaged text and the original it
replaced; putting the originals back gives the clean text exactly. Artefacts never overlap and
keep a few characters apart, so that each can be judged on its own.

The kinds follow the damage of the sample corpus (corpus/, ../shared/seeds/), each in several
forms so that no rule is tuned to one:

    mojibake  a whole paragraph read as cp1252 or latin-1 (once or twice)
    name      a listed name garbled: case flipped inside, a letter dropped, the ending cut,
              another transliteration
    quote     a quote mark dropped, a closing mark typed as opening, a pair flipped
    hyphen    a space before or after the hyphen of a compound ("two -day", "G -7")
    glued     two sentences run together ("talksAnd", "2%According", "elections.The")
    stutter   1 to 4 words repeated, with a space, ", " or quote marks between
    credit    a photo credit line between two paragraphs
    caption   a photo caption between two paragraphs, its credit on the next line, on the same
              line or in brackets after it
    split     a paragraph broken in two mid-sentence
    promo     a promo line ("Related article: ...") between two paragraphs
    teaser    cut-off teasers of other articles at the end of the text

The vocabularies (photographers, agencies, caption and promo forms, transliterations) are in
benchmarks/damage-vocabulary.toml, invented for the simulator: no real person is named, and
the forms vary more than any one site's.
"""

from __future__ import annotations

import random
import re
import tomllib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Final

KINDS: Final = (
    "mojibake",
    "name",
    "quote",
    "hyphen",
    "glued",
    "stutter",
    "credit",
    "caption",
    "split",
    "promo",
    "teaser",
)

RATES: Final = {
    # Artefacts per 1,000 words at damage level 1.0; a document's level is drawn per document
    # so that the set spans light to heavy damage.
    "mojibake": 3.0,
    "name": 4.0,
    "quote": 3.0,
    "hyphen": 3.0,
    "glued": 3.0,
    "stutter": 3.0,
    "credit": 2.0,
    "caption": 0.5,
    "split": 2.0,
    "promo": 1.0,
    "teaser": 0.0,  # decided per document, see _inject_teaser
}
GAP: Final = 3
"""Clean characters kept between two artefacts, so that a fix of one cannot touch another."""


@dataclass(frozen=True, slots=True)
class CleanDocument:
    """A clean text made of paragraphs, and how they are laid out."""

    name: str
    paragraphs: tuple[str, ...]
    separator: str = "\n\n"
    """Between paragraphs: a blank line, or one line break for one-paragraph-a-line texts."""
    story: str = ""
    """Documents of one story (two translations of one source) share it: teasers come from
    other stories."""

    @property
    def text(self) -> str:
        return self.separator.join(self.paragraphs) + "\n"


@dataclass(frozen=True, slots=True)
class Artefact:
    """One injected artefact: the clean span it replaced and where it stands in the damage."""

    kind: str
    form: str
    clean_start: int
    clean_end: int
    start: int
    """Span in the damaged text."""
    end: int
    original: str
    damaged: str

    def as_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class DamagedDocument:
    name: str
    clean: str
    damaged: str
    artefacts: tuple[Artefact, ...]
    control: bool
    level: float

    @property
    def words(self) -> int:
        return len(self.clean.split())


@dataclass(frozen=True, slots=True)
class _Edit:
    kind: str
    form: str
    start: int
    end: int
    replacement: str


class _Plan:
    """Edits of one clean text, kept disjoint and :data:`GAP` apart."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.edits: list[_Edit] = []

    def free(self, start: int, end: int) -> bool:
        return all(end + GAP <= edit.start or edit.end + GAP <= start for edit in self.edits)

    def add(self, kind: str, form: str, start: int, end: int, replacement: str) -> bool:
        if self.text[start:end] == replacement or not self.free(start, end):
            return False
        self.edits.append(_Edit(kind, form, start, end, replacement))
        return True


# Vocabularies ------------------------------------------------------------------------------

_VOCABULARY: Final = tomllib.loads(
    (Path(__file__).parent / "damage-vocabulary.toml").read_text(encoding="utf-8")
)


def _words(section: str, key: str) -> tuple[str, ...]:
    return tuple(_VOCABULARY[section][key])


def _pairs(section: str, key: str) -> tuple[tuple[str, str], ...]:
    return tuple((first, second) for first, second in _VOCABULARY[section][key])


_FIRST_NAMES: Final = _words("photographers", "first-names")
_SYLLABLES: Final = _words("photographers", "syllables")
_SURNAME_ENDINGS: Final = _words("photographers", "surname-endings")
_AGENCIES: Final = _words("credits", "agencies")
_INVENTED_AGENCIES: Final = _words("credits", "invented-agencies")
_CREDIT_FORMS: Final = _pairs("credits", "forms")
_CAPTION_TEMPLATES: Final = _words("captions", "templates")
_CITIES: Final = _words("captions", "cities")
_MONTHS: Final = _words("captions", "months")
_CAPTION_FORMS: Final = _pairs("captions", "forms")
_PROMO_LABELS: Final = _words("promos", "labels")
_PROMO_SUBJECTS: Final = _words("promos", "subjects")
_PROMO_VERBS: Final = _words("promos", "verbs")
_PROMO_OBJECTS: Final = _words("promos", "objects")
_PROMO_TITLES: Final = _words("promos", "titles")
_PROMO_FORMS: Final = _pairs("promos", "forms")
_TRANSLITERATIONS: Final = _pairs("names", "transliterations")
_ABBREVIATIONS: Final = frozenset(_words("sentences", "abbreviations"))
_FUNCTION_WORDS: Final = frozenset(_words("sentences", "function-words"))


def invented_photographer(rng: random.Random) -> str:
    """A first name and a surname built from syllables: nobody in particular."""
    syllables = "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(1, 2)))
    return f"{rng.choice(_FIRST_NAMES)} {(syllables + rng.choice(_SURNAME_ENDINGS)).capitalize()}"


def credit_line(rng: random.Random) -> tuple[str, str]:
    """(form, line) of a photo credit."""
    form, template = rng.choice(_CREDIT_FORMS)
    agency = rng.choice(_INVENTED_AGENCIES if rng.random() < 0.08 else _AGENCIES)
    if agency in _INVENTED_AGENCIES:
        form += "+unknown-agency"
    return form, template.format(n=invented_photographer(rng), a=agency)


def caption_lines(rng: random.Random, separator: str) -> tuple[str, str]:
    """(form, lines) of a photo caption with its credit, the people in it invented."""
    caption = rng.choice(_CAPTION_TEMPLATES).format(
        p=invented_photographer(rng),
        q=invented_photographer(rng),
        c=rng.choice(_CITIES),
        m=rng.choice(_MONTHS),
        d=rng.randint(1, 28),
        y=rng.randint(2015, 2025),
    )
    credit_form, credit = credit_line(rng)
    form, template = rng.choice(_CAPTION_FORMS)
    if credit.startswith("(") and form == "credit-in-brackets":
        form, template = _CAPTION_FORMS[1]
    return f"{form}/{credit_form}", template.format(caption=caption, sep=separator, credit=credit)


def promo_line(rng: random.Random) -> tuple[str, str]:
    """(form, line) of a promo for another article, with an invented title."""
    subject = rng.choice(_PROMO_SUBJECTS)
    title = rng.choice(_PROMO_TITLES).format(
        S=subject, s=subject.lower(), v=rng.choice(_PROMO_VERBS), o=rng.choice(_PROMO_OBJECTS)
    )
    form, template = rng.choice(_PROMO_FORMS)
    return form, template.format(label=rng.choice(_PROMO_LABELS), title=title)


# Mojibake ------------------------------------------------------------------------------------


def _sloppy_cp1252(data: bytes) -> str:
    """Bytes read as Windows-1252, its five unassigned bytes taken as latin-1 (as browsers do)."""
    return "".join(
        bytes([b]).decode("latin-1")
        if b in (0x81, 0x8D, 0x8F, 0x90, 0x9D)
        else bytes([b]).decode("cp1252")
        for b in data
    )


def mojibake(text: str, form: str) -> str:
    """``text`` encoded as UTF-8 and read back in the wrong encoding.

    >>> mojibake("It\\u2019s", "cp1252")
    'Itâ€™s'
    """
    if form == "cp1252":
        return _sloppy_cp1252(text.encode("utf-8"))
    if form == "latin-1":
        return text.encode("utf-8").decode("latin-1")
    if form == "cp1252-twice":
        return _sloppy_cp1252(_sloppy_cp1252(text.encode("utf-8")).encode("utf-8"))
    raise ValueError(form)


# Injectors: each adds up to ``count`` edits of its kind to the plan -------------------------


def _paragraph_spans(doc: CleanDocument) -> list[tuple[int, int]]:
    spans, offset = [], 0
    for paragraph in doc.paragraphs:
        spans.append((offset, offset + len(paragraph)))
        offset += len(paragraph) + len(doc.separator)
    return spans


def _sites(pattern: re.Pattern[str], text: str) -> list[re.Match[str]]:
    return list(pattern.finditer(text))


def _inject_mojibake(plan: _Plan, doc: CleanDocument, rng: random.Random, count: int) -> None:
    spans = [s for s in _paragraph_spans(doc) if any(ord(c) > 127 for c in plan.text[s[0] : s[1]])]
    rng.shuffle(spans)
    for start, end in spans[:count]:
        form = rng.choice(("cp1252", "cp1252", "latin-1", "cp1252-twice"))
        plan.add("mojibake", form, start, end, mojibake(plan.text[start:end], form))


_NAME_WORD: Final = re.compile(r"\b[A-Z][a-z]{3,}\b")


def garble_name(word: str, rng: random.Random) -> tuple[str, str]:
    """(form, garbled) of a capitalized name word of four letters or more.

    >>> garble_name("Hegseth", random.Random(3))[1] != "Hegseth"
    True
    """
    forms = ["case-flip", "letter-dropped", "ending-cut", "transliteration"]
    rng.shuffle(forms)
    for form in forms:
        garbled = _garbled(word, form, rng)
        if garbled and garbled != word:
            return form, garbled
    return "case-flip", word[:-1] + word[-1].upper()


def _garbled(word: str, form: str, rng: random.Random) -> str | None:
    inner = range(1, len(word) - 1)
    if form == "case-flip":
        at = rng.choice(inner)
        return word[:at] + word[at].upper() + word[at + 1 :]
    if form == "letter-dropped":
        at = rng.choice(inner)
        return word[:at] + word[at + 1 :]
    if form == "ending-cut":
        cut = rng.choice((1, 1, 2))
        return word[:-cut] if len(word) - cut >= 3 else None
    options = [(a, b) for a, b in _TRANSLITERATIONS if a in word.lower()[1:]]
    if not options:
        return None
    old, new = rng.choice(options)
    at = word.lower().index(old, 1)
    return word[:at] + new + word[at + len(old) :]


def _inject_names(
    plan: _Plan, doc: CleanDocument, rng: random.Random, count: int, names: frozenset[str]
) -> None:
    sites = [m for m in _sites(_NAME_WORD, plan.text) if m[0] in names]
    rng.shuffle(sites)
    added = 0
    for match in sites:
        if added >= count:
            break
        form, garbled = garble_name(match[0], rng)
        added += plan.add("name", form, match.start(), match.end(), garbled)


_CURLY_PAIR: Final = re.compile("\u201c[^\u201c\u201d\n]{2,300}\u201d")
_STRAIGHT_PAIR: Final = re.compile('"[^"\n]{2,300}"')


def _inject_quotes(plan: _Plan, doc: CleanDocument, rng: random.Random, count: int) -> None:
    sites = _sites(_CURLY_PAIR, plan.text) + _sites(_STRAIGHT_PAIR, plan.text)
    rng.shuffle(sites)
    added = 0
    for match in sites:
        if added >= count:
            break
        curly = match[0][0] == "\u201c"
        forms = ["drop-open", "drop-close"] + (["close-as-open", "flipped-pair"] if curly else [])
        form = rng.choice(forms)
        start, end = match.start(), match.end()
        if form == "drop-open":
            added += plan.add("quote", form, start, start + 1, "")
        elif form == "drop-close":
            added += plan.add("quote", form, end - 1, end, "")
        elif form == "close-as-open":
            added += plan.add("quote", form, end - 1, end, "\u201c")
        else:
            inner = match[0][1:-1]
            added += plan.add("quote", form, start, end, f"\u201d{inner}\u201c")


_COMPOUND: Final = re.compile(r"\b[A-Za-z0-9]+-[A-Za-z0-9]+\b")


def _inject_hyphens(plan: _Plan, doc: CleanDocument, rng: random.Random, count: int) -> None:
    sites = _sites(_COMPOUND, plan.text)
    rng.shuffle(sites)
    added = 0
    for match in sites:
        if added >= count:
            break
        hyphen = match.start() + match[0].index("-")
        form = rng.choices(("space-before", "space-after", "spaced"), (7, 2, 1))[0]
        spaced = {"space-before": " -", "space-after": "- ", "spaced": " - "}[form]
        added += plan.add("hyphen", form, hyphen, hyphen + 1, spaced)


_SENTENCE_JOIN: Final = re.compile(r"([A-Za-z0-9%)]+)([.!?]) ([A-Z][a-z]*)")


def _inject_glued(plan: _Plan, doc: CleanDocument, rng: random.Random, count: int) -> None:
    sites = [
        m
        for m in _sites(_SENTENCE_JOIN, plan.text)
        if m[1].lower() not in _ABBREVIATIONS and len(m[1]) >= 2 and not m[1].isupper()
    ]
    rng.shuffle(sites)
    added = 0
    for match in sites:
        if added >= count:
            break
        start, end = match.start(2), match.end(2) + 1  # the end mark and the space
        if rng.random() < 0.2:
            form, replacement = "space-dropped", match[2]
        else:
            form, replacement = "end-dropped", ""
        form += "-after-digit" if match[1][-1].isdigit() or match[1][-1] == "%" else ""
        added += plan.add("glued", form, start, end, replacement)


_WORD_RUN: Final = re.compile(r"(?<![\w'\u2019-])[A-Za-z]+(?: [A-Za-z]+){0,3}(?![\w'\u2019-])")


def _inject_stutters(plan: _Plan, doc: CleanDocument, rng: random.Random, count: int) -> None:
    words = list(re.finditer(r"(?<![\w'\u2019-])[A-Za-z]+(?![\w'\u2019-])", plan.text))
    rng.shuffle(words)
    added = 0
    for first in words:
        if added >= count:
            break
        size = rng.choice((1, 2, 2, 3, 3, 4))
        run = _WORD_RUN.match(plan.text, first.start())
        if run is None:
            continue
        phrase = " ".join(run[0].split(" ")[:size])
        size = phrase.count(" ") + 1
        end = first.start() + len(phrase)
        style = (
            rng.choice(("space", "comma", "comma", "quotes"))
            if size == 1
            else (rng.choice(("space", "comma")))
        )
        if style == "quotes":
            copies = rng.randint(2, 4)
            marks = ("\u201d, ", " \u201c, ")
            damaged = "".join(phrase + marks[i % 2] for i in range(copies)) + phrase
        else:
            damaged = phrase + (" " if style == "space" else ", ") + phrase
        added += plan.add("stutter", f"{size}-word-{style}", first.start(), end, damaged)


def _between_paragraphs(doc: CleanDocument) -> list[int]:
    """Offsets of the separators between paragraphs."""
    return [end for _, end in _paragraph_spans(doc)[:-1]]


def _inject_lines(
    plan: _Plan,
    doc: CleanDocument,
    rng: random.Random,
    count: int,
    kind: str,
    make: Callable[[random.Random], tuple[str, str]],
) -> None:
    gaps = _between_paragraphs(doc)
    rng.shuffle(gaps)
    added = 0
    for at in gaps:
        if added >= count:
            break
        form, line = make(rng)
        sep = doc.separator
        added += plan.add(kind, form, at, at + len(sep), sep + line + sep)


_SPLIT_POINT: Final = re.compile(r"(?<=[\w,;%)\u2019])( )(?=[\w(\u201c])")


def _inject_splits(plan: _Plan, doc: CleanDocument, rng: random.Random, count: int) -> None:
    candidates = []
    for start, end in _paragraph_spans(doc):
        paragraph = plan.text[start:end]
        if len(paragraph.split()) < 12:
            continue
        for match in _SPLIT_POINT.finditer(paragraph):
            if 0.2 * len(paragraph) < match.start() < 0.8 * len(paragraph):
                candidates.append(start + match.start(1))
    rng.shuffle(candidates)
    added = 0
    for at in candidates:
        if added >= count:
            break
        before = plan.text[:at].rsplit(" ", 1)[-1]
        after = plan.text[at + 1 :]
        form = (
            "after-comma"
            if before.endswith((",", ";"))
            else "after-function-word"
            if before.lower() in _FUNCTION_WORDS
            else "after-word"
        )
        form += "-then-lower" if after[:1].islower() else "-then-upper"
        added += plan.add("split", form, at, at + 1, doc.separator)


def _inject_teaser(
    plan: _Plan, doc: CleanDocument, rng: random.Random, others: Sequence[CleanDocument]
) -> None:
    """Two or three paragraphs of other documents, each cut mid-word, after the last one."""
    pool = [p for other in others for p in other.paragraphs if len(p.split()) >= 12]
    if not pool:
        return
    teasers = []
    for paragraph in rng.sample(pool, min(len(pool), rng.randint(2, 3))):
        words = paragraph.split(" ")
        kept = " ".join(words[: rng.randint(8, min(24, len(words) - 2))])
        next_word = words[len(kept.split(" "))]
        # Cut inside the next word, as a teaser box does, or at a word's end.
        teasers.append(f"{kept} {next_word[: rng.randint(1, max(1, len(next_word) - 1))]}")
    end = len(plan.text) - 1
    sep = doc.separator
    plan.add("teaser", f"{len(teasers)}-teasers", end, end + 1, sep + sep.join(teasers) + "\n")


# The simulator ---------------------------------------------------------------------------------


def _count(rate: float, words: int, level: float, rng: random.Random) -> int:
    expected = rate * level * words / 1000.0
    return int(expected) + (rng.random() < expected - int(expected))


def damage_document(
    doc: CleanDocument,
    rng: random.Random,
    *,
    kinds: Sequence[str],
    names: frozenset[str],
    others: Sequence[CleanDocument],
    level: float,
) -> DamagedDocument:
    """``doc`` with artefacts of ``kinds`` injected at ``level`` (1.0: :data:`RATES`)."""
    text = doc.text
    plan = _Plan(text)
    words = len(text.split())

    def count(kind: str) -> int:
        return _count(RATES[kind], words, level, rng) if kind in kinds else 0

    injectors: dict[str, Callable[[int], None]] = {
        # Whole paragraphs first: the smaller artefacts go around them.
        "mojibake": lambda n: _inject_mojibake(plan, doc, rng, n),
        "name": lambda n: _inject_names(plan, doc, rng, n, names),
        "quote": lambda n: _inject_quotes(plan, doc, rng, n),
        "hyphen": lambda n: _inject_hyphens(plan, doc, rng, n),
        "glued": lambda n: _inject_glued(plan, doc, rng, n),
        "stutter": lambda n: _inject_stutters(plan, doc, rng, n),
        "split": lambda n: _inject_splits(plan, doc, rng, n),
        "credit": lambda n: _inject_lines(plan, doc, rng, n, "credit", credit_line),
        "caption": lambda n: _inject_lines(
            plan, doc, rng, n, "caption", lambda r: caption_lines(r, doc.separator)
        ),
        "promo": lambda n: _inject_lines(plan, doc, rng, n, "promo", promo_line),
        "teaser": lambda n: _inject_teaser(plan, doc, rng, others) if n else None,
    }
    for kind, inject in injectors.items():
        # A teaser tail is there or not: a page has one box of teasers at most.
        teasers = int(kind in kinds and rng.random() < min(1.0, 0.2 * level))
        inject(teasers if kind == "teaser" else count(kind))
    # A damaged document has at least one artefact, else it would be a control in disguise.
    fallback = [kind for kind in injectors if kind in kinds]
    rng.shuffle(fallback)
    for kind in fallback:
        if plan.edits:
            break
        injectors[kind](1)
    damaged, artefacts = _apply(text, plan.edits)
    return DamagedDocument(doc.name, text, damaged, artefacts, control=False, level=level)


def _apply(text: str, edits: Sequence[_Edit]) -> tuple[str, tuple[Artefact, ...]]:
    pieces: list[str] = []
    artefacts = []
    position = length = 0
    for edit in sorted(edits, key=lambda e: e.start):
        between = text[position : edit.start]
        pieces.append(between)
        length += len(between)
        artefacts.append(
            Artefact(
                edit.kind,
                edit.form,
                edit.start,
                edit.end,
                length,
                length + len(edit.replacement),
                text[edit.start : edit.end],
                edit.replacement,
            )
        )
        pieces.append(edit.replacement)
        length += len(edit.replacement)
        position = edit.end
    pieces.append(text[position:])
    return "".join(pieces), tuple(artefacts)


def restore(damaged: str, artefacts: Sequence[Artefact]) -> str:
    """The damaged text with every artefact's original put back: the clean text."""
    pieces, position = [], 0
    for artefact in artefacts:
        pieces += [damaged[position : artefact.start], artefact.original]
        position = artefact.end
    pieces.append(damaged[position:])
    return "".join(pieces)


def simulate(
    docs: Sequence[CleanDocument],
    *,
    seed: int,
    kinds: Sequence[str] = KINDS,
    names: frozenset[str] = frozenset(),
    control_every: int = 5,
) -> Iterator[DamagedDocument]:
    """Damage every document but each ``control_every``-th one (from the first), which stays
    clean: the controls. The same seed gives the same output."""
    for index, doc in enumerate(docs):
        rng = random.Random(f"{seed}:{index}:{doc.name}")
        if index % control_every == 0:
            yield DamagedDocument(doc.name, doc.text, doc.text, (), control=True, level=0.0)
            continue
        level = rng.uniform(0.3, 2.0)
        others = [o for o in docs if o.name != doc.name and (not doc.story or o.story != doc.story)]
        yield damage_document(doc, rng, kinds=kinds, names=names, others=others, level=level)
