"""The fix loop's re-check (repair/recheck.py) gives what a full check after every pass
gives: the same fixed text, applied and remaining findings, passes and findings."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from repair import Config, checker, fixer
from repair.document import Document
from repair.findings import Edit, Finding, Hit, Span
from repair.recheck import Rechecker, _near_protected, _same_protected
from repair.registry import ALL_RULES
from repair.rules.base import CheckContext, Rule, Scope
from tests.conftest import CORPUS, EVAL

CONFIG = Config()
PARAGRAPHS = [
    line
    for path in sorted(CORPUS.glob("*.txt"))
    for line in path.read_text(encoding="utf-8").splitlines()
    if line.strip()
]
DAMAGE = [
    lambda p: p.encode("utf-8").decode("latin-1"),  # mojibake (ENC002)
    lambda p: p.replace(" the ", " the the ", 1),  # WRD002
    lambda p: p.replace(",", ",,", 1),  # PUN004
    lambda p: p.replace(" & ", " &amp; ", 1) + " AT&amp;T",  # ENC005
    lambda p: p.replace("-", " -", 1),  # PUN001
    lambda p: p.replace("o", "\ufffd", 1),  # ENC007
    lambda p: p.replace(". ", ".", 1),  # PUN003
    lambda p: p + " Photo: Reuters",  # SCR001
    lambda p: p + " A state - owned firm, a 32 - week plan.",  # PUN005
    lambda p: p + " The state-owned firm's long-term plan.",  # what PUN001 and PUN005 read
    lambda p: p.replace("-", "- ", 1),  # PUN001
    lambda p: p,
]


def full_check(doc: Document, since: fixer.Revision | None = None) -> list[Finding]:
    return checker.check_document(doc, CONFIG)


def both_fixes(text: str, unsafe: bool) -> tuple[fixer.FixResult, fixer.FixResult]:
    doc = Document.from_text(text, path="t.txt")
    incremental = fixer.fix_document(doc, Rechecker(CONFIG), unsafe=unsafe)
    full = fixer.fix_document(Document.from_text(text, path="t.txt"), full_check, unsafe=unsafe)
    return incremental, full


@st.composite
def damaged_texts(draw: st.DrawFn) -> str:
    picked = draw(st.lists(st.sampled_from(PARAGRAPHS), min_size=1, max_size=12))
    damages = draw(st.lists(st.sampled_from(DAMAGE), min_size=len(picked), max_size=len(picked)))
    separator = draw(st.sampled_from(["\n", "\n\n"]))
    return separator.join(damage(p) for damage, p in zip(damages, picked, strict=True)) + "\n"


@settings(max_examples=60, deadline=None)
@given(damaged_texts(), st.booleans())
def test_the_re_check_fixes_as_a_full_check_does(text: str, unsafe: bool) -> None:
    incremental, full = both_fixes(text, unsafe)
    assert incremental == full


def test_the_corpus_is_fixed_as_with_a_full_check() -> None:
    for path in sorted(CORPUS.glob("*.*")):
        text = path.read_text(encoding="utf-8")
        for unsafe in (False, True):
            incremental, full = both_fixes(text, unsafe)
            assert incremental == full, path.name


def test_a_paragraph_local_rule_checks_again_only_the_changed_paragraphs(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    seen: list[str] = []
    mojibake = next(rule for rule in ALL_RULES if rule.code == "ENC002")
    assert mojibake.scope is Scope.PARAGRAPH

    def spy(doc: Document, ctx: CheckContext) -> Iterator[Hit]:
        seen.append(doc.text)
        return mojibake.check(doc, ctx)

    spied = Rule("ENC002", "mojibake", spy, mojibake.fix, mojibake.severity, scope=Scope.PARAGRAPH)
    rules = tuple(spied if rule is mojibake else rule for rule in ALL_RULES)
    monkeypatch.setattr("repair.checker.ALL_RULES", rules)
    clean = "The talks went on until late at night in Geneva."
    broken = "Caf\u00c3\u00a9 owners \u00e2\u0080\u009cagreed\u00e2\u0080\u009d."
    text = f"{clean}\n\n{broken}\n\n{clean}\n"
    result = fixer.fix_document(Document.from_text(text), Rechecker(CONFIG))
    assert "Caf\u00e9 owners \u201cagreed\u201d." in result.text
    assert seen[0] == text  # the first check reads the whole text
    assert seen[1] == "Caf\u00e9 owners \u201cagreed\u201d."  # then the changed paragraph
    assert result == fixer.fix_document(Document.from_text(text), full_check)


def test_paragraphs_a_pass_left_as_they_were_hand_on_their_language_verdicts() -> None:
    text = "Eins zwei drei.\n\nThe talks,, went on.\n\nVier f\u00fcnf.\n"
    check = Rechecker(CONFIG)
    before = Document.from_text(text)
    check(before)
    verdicts = before.shared("repair.language.paragraphs", lambda _: {})
    first, second, third = before.paragraphs
    verdicts.clear()
    verdicts.update({first: True, second: True, third: False})  # as if detected
    edit = Edit(second.start + 9, second.start + 11, ", also,")  # the second one changes
    after = before.with_text(fixer.apply_edits(text, [edit]))
    check(after, fixer.Revision(before, (edit,)))
    carried = after.shared("repair.language.paragraphs", lambda _: {})
    moved = Span(third.start + 5, third.end + 5)
    assert after.paragraphs[2] == moved
    assert carried[first] is True and carried[moved] is False
    assert after.paragraphs[1] not in carried or carried[after.paragraphs[1]] is False


def test_texts_with_controls_taken_for_white_space_are_fixed_as_with_a_full_check() -> None:
    # "\x85" alone on a line lies outside every paragraph, and ftfy reads it as "…".
    text = "Caf\u00c3\u00a9 owners.\n\x85\nThe talks,, went on.\n\nCaf\u00c3\u00a9 owners.\n"
    for unsafe in (False, True):
        incremental, full = both_fixes(text, unsafe)
        assert incremental == full


def protected_texts() -> Iterator[str]:
    """Plain texts with protected spans: the corpus and the scraped pages of ../shared/eval
    (URLs, e-mail addresses, entities, HTML), and the same with damage beside them."""
    paths = sorted(CORPUS.glob("*.txt")) + sorted((EVAL / "scraped").glob("*.txt"))
    for path in paths:
        text = path.read_text(encoding="utf-8", errors="replace")
        yield text
        yield text.replace(" http", ",, http").replace("&amp;", "&amp ;").replace("<", ",,<")


def test_paragraphs_near_no_protected_span_have_the_same_protected_text_around_them() -> None:
    # The fast path of _Plan.make: a paragraph near no protected span, before and after a
    # pass, needs no comparison span by span; _same_protected would say the same. Every
    # paragraph is asked, kept or not, against the text with a few edits made.
    asked = near = 0
    for text in protected_texts():
        old = Document.from_text(text, path="t.txt")
        for doc, shift in [(old, 0), (old.with_text("x " + text), 2)]:
            near_old = _near_protected(old.paragraphs, old.protected)
            near_new = _near_protected(doc.paragraphs, doc.protected)
            for number, span in enumerate(old.paragraphs):
                around = Span(max(0, span.start - 1), span.end + 1)
                expected = any(True for _ in old.protected_overlapping(around))
                assert (number in near_old) == expected
                moved = doc.paragraphs[number]
                wider = Span(max(0, moved.start - 1), moved.end + 1)
                assert (number in near_new) == any(True for _ in doc.protected_overlapping(wider))
                if number not in near_old and number not in near_new:
                    assert _same_protected(old, span, doc, shift)
                asked += 1
                near += number in near_old
    assert asked > 5000 and near > 200


@pytest.mark.slow
@pytest.mark.parametrize("shard", range(3))
def test_the_digest_documents_are_fixed_as_with_a_full_check(tmp_path: Path, shard: int) -> None:
    # Every field of the result (applied and remaining findings, passes), where the digests
    # hold the fixed text only: the corpus, ../shared/eval and the damaged references.
    scripts = str(Path(__file__).resolve().parent.parent / "scripts")
    if not (EVAL / "mqm-zhen").is_dir():
        pytest.skip("../shared/eval is not beside the checkout")
    sys.path.insert(0, scripts)
    import output_digests

    config, texts = output_digests.documents(tmp_path)

    def full(doc: Document, since: fixer.Revision | None = None) -> list[Finding]:
        return checker.check_document(doc, config)

    differ = []
    # Every document, a third in each shard: the fixed text, and the findings found,
    # applied and remaining, and the passes, of the incremental re-check and a full one.
    for index, (name, text) in enumerate(texts):
        if index % 3 != shard:
            continue
        path = name if name.endswith((".txt", ".md")) else f"{name}.txt"
        for unsafe in (False, True):
            incremental = fixer.fix_document(
                Document.from_text(text, path=path), Rechecker(config), unsafe=unsafe
            )
            whole = fixer.fix_document(Document.from_text(text, path=path), full, unsafe=unsafe)
            if incremental != whole:
                differ.append((name, unsafe))
    assert differ == []
