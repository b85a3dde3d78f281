"""Each rule declared paragraph-local (``Rule.scope``) is: on real texts, what it finds in a
paragraph it finds there again when the paragraph is checked among other paragraphs only,
as the fix loop's re-check does (repair/recheck.py), and it reports nothing outside one."""

from __future__ import annotations

import dataclasses
import random
from collections.abc import Iterator

import pytest

from repair import Config
from repair.document import Document
from repair.findings import Finding
from repair.language import ENGLISH, document_language, is_english
from repair.recheck import _by_paragraph, _changed_document, _moved, run_apart
from repair.registry import ALL_RULES, RULES_BY_CODE
from repair.rules.base import CheckContext, Rule, Scope
from tests.conftest import CORPUS, EVAL, FIXTURES

LOCAL = tuple(rule for rule in ALL_RULES if rule.scope is Scope.PARAGRAPH)


def plain_texts() -> Iterator[tuple[str, str]]:
    """Plain texts (the re-check is for plain text): the corpus, the fixtures, the scraped
    pages and the MQM documents of ../shared/eval."""
    folders = [CORPUS, *sorted(p for p in FIXTURES.iterdir() if p.is_dir())]
    folders += [EVAL / "scraped", EVAL / "mqm-zhen" / "docs"]
    for folder in folders:
        for path in sorted(folder.glob("*.txt")):
            yield path.name, path.read_text(encoding="utf-8", errors="replace")


def locality_failures(rule: Rule, name: str, text: str) -> Iterator[str]:
    """How ``rule`` fails to be paragraph-local on ``text``: a finding outside a paragraph,
    or a paragraph whose findings differ when only some paragraphs are checked together."""
    doc = Document.from_text(text, path=name)
    config = Config()
    language = document_language(doc, config)
    if rule.english_only and not is_english(language):
        return
    context = CheckContext(dataclasses.replace(config, language=language))
    if not is_english(language):
        context = CheckContext(dataclasses.replace(config, language=ENGLISH))
    paragraphs = doc.paragraphs
    full = _by_paragraph(map(rule.stamp, rule.check(doc, context)), paragraphs)
    if full is None:
        yield f"{name}: a finding outside a paragraph"
        return
    count = len(paragraphs)
    rng = random.Random(name)
    subsets = [range(0, count, 2), range(1, count, 2), [rng.randrange(count)] if count else []]
    subsets.append(sorted(rng.sample(range(count), count // 8)))
    for subset in subsets:
        texts, pieces, offset = [], [], 0
        for number in subset:
            span = paragraphs[number]
            pieces.append((offset, number))
            texts.append(text_of(doc, number))
            offset += len(span) + 2
        if not pieces:
            continue
        changed = _changed_document(doc, texts, pieces)
        if changed is None:
            continue  # the re-check checks the whole text then
        alone = _by_paragraph(run_apart(rule, changed, doc, context), changed.paragraphs)
        if alone is None:
            yield f"{name}: a finding outside a paragraph checked with some others"
            continue
        for position, (offset, number) in enumerate(pieces):
            shift = paragraphs[number].start - offset
            found: list[Finding] = [_moved(f, shift) for f in alone.get(position, [])]
            if found != full.get(number, []):
                yield f"{name}: paragraph {number} differs: {found} != {full.get(number, [])}"


def text_of(doc: Document, number: int) -> str:
    span = doc.paragraphs[number]
    return doc.text[span.start : span.end]


_GLUED = ("electionsThe", "talksAnd", "electionsThe", "marketsBut", "pricesThe", "talksAnd")


def damaged(text: str) -> str:
    """``text`` with damage the local rules are about in every third line: a replacement
    character, an entity, doubled commas, spaced hyphens and dashes (some of whose compounds
    stand whole in other lines), mojibake (UTF-8 read as Latin-1), and in every ninth line
    spaces before marks and words run together."""
    lines = text.split("\n")
    for number in range(0, len(lines), 3):
        line = lines[number] + (
            " Schr\ufffd\ufffdder said,, &amp; \u201cyes\u201d caf\u00e9: a two -day, long- term"
            " state - owned 32 - week plan, or a cross - border one"
        )
        if number % 9 == 3:
            line += " (a long-term, cross-border plan)"
        if number % 9 == 6:
            # Space before a mark, a lost sentence end, a number and a byline run into a
            # word, and a glued token: some written once in the text, some twice or more
            # (a name then, for GLU001, which counts them over the whole text).
            glued = _GLUED[(number // 9) % len(_GLUED)]
            line += (
                f" Sales rose 5%According to data , and fell.Water rose in 2019It was"
                f" said by Anna SmithEurope correspondent of the {glued} report ."
            )
        lines[number] = line.encode("utf-8").decode("latin-1") if number % 2 else line
    return "\n".join(lines)


TEXTS = list(plain_texts())
TEXTS += [(f"damaged-{name}", damaged(text)) for name, text in TEXTS[:60]]


@pytest.mark.parametrize("rule", LOCAL, ids=[rule.code for rule in LOCAL])
def test_a_paragraph_local_rule_finds_the_same_in_a_paragraph_checked_apart(rule: Rule) -> None:
    assert len(TEXTS) > (150 if (EVAL / "scraped").is_dir() else 50)
    failures = [f for name, text in TEXTS for f in locality_failures(rule, name, text)]
    assert failures == []


def test_the_locality_test_catches_a_rule_that_reads_the_whole_text() -> None:
    # PUN005 joins "state - owned" safely when "state-owned" stands elsewhere in the text:
    # local only with the hyphenated words of the whole text (its context) handed to it.
    text = "Talks on state - owned firms.\n\nThe state-owned firms agreed.\n\nMore talks.\n"
    rule = RULES_BY_CODE["PUN005"]
    assert rule.context
    assert list(locality_failures(rule, "t.txt", text)) == []
    blind = dataclasses.replace(rule, context=())
    failures = list(locality_failures(blind, "t.txt", text))
    assert any("paragraph 0 differs" in failure for failure in failures)


def test_the_declared_paragraph_local_rules() -> None:
    # What the audit of every rule found local (see the report of issue 20): a change here
    # needs the locality test above to cover the rule on texts where it fires.
    assert {rule.code for rule in LOCAL} == {
        "ENC002",
        "ENC005",
        "ENC007",
        "GLU002",
        "GLU003",
        "PUN001",
        "PUN002",
        "PUN003",
        "PUN004",
        "PUN005",
    }


@pytest.mark.parametrize("rule", LOCAL, ids=[rule.code for rule in LOCAL])
def test_each_paragraph_local_rule_fires_on_the_texts_that_test_it(rule: Rule) -> None:
    # The locality test proves nothing of a rule that finds nothing in its texts.
    config = CheckContext(Config())
    fired = sum(
        1 for name, text in TEXTS for _ in rule.check(Document.from_text(text, path=name), config)
    )
    assert fired > 0
