"""GLU: glued words, on real lines of the corpus and of ../shared/eval."""

from __future__ import annotations

import csv

import pytest

from repair import Applicability, Config, check_text, fix_text
from repair.findings import Finding
from repair.rules.glued import split_parts
from tests.conftest import (
    CLEAN_ARTICLE,
    LIVE_BLOG,
    MT_ARTICLE,
    corpus_text,
    mqm_records,
    require_eval,
)

GLU = Config(select=("GLU",))


def findings(text: str, path: str = "t.txt") -> list[Finding]:
    return check_text(text, config=GLU, path=path)


def messages(text: str) -> list[str]:
    return [f"{f.code} {f.message}" for f in findings(text)]


def fixed(text: str, unsafe: bool = True) -> str:
    return fix_text(text, config=GLU, unsafe=unsafe).text


def test_both_glued_words_of_the_mt_article() -> None:
    found = findings(corpus_text(MT_ARTICLE))
    assert [f"{f.code} {f.message}" for f in found] == [
        'GLU001 Words run together in "talksAnd"',
        'GLU002 Number run into a word in "2%According"',
    ]
    assert all(f.fix is not None and f.fix.applicability is Applicability.UNSAFE for f in found)


def test_mt_article_splits_only_with_unsafe_fixes() -> None:
    text = corpus_text(MT_ARTICLE)
    assert fixed(text, unsafe=False) == text
    result = fixed(text)
    assert "peace talks And that he" in result
    assert "reached 2% According to NATO" in result
    assert fixed(result) == result


def test_glued_byline_of_the_live_blog() -> None:
    text = corpus_text(LIVE_BLOG)
    assert messages(text) == [
        'GLU003 Byline name run into its desk in "BeakeEurope correspondent"',
        'GLU001 Words run together in "correspondentBBCAll"',
    ]
    result = fixed(text)
    assert "Nick Beake Europe correspondent BBC All his adult life" in result
    assert fixed(result) == result


@pytest.mark.parametrize(
    ("line", "evidence"),
    [
        # MT outputs of ../shared/eval/mqm-zhen, as the annotators saw them.
        ("Hanoi, Vietnam strives to expand cooperation withHanoi, Vietnam", "withHanoi"),
        ('Witness the 10-year "cloud riseWitness the 10-year "cloud rise"', "riseWitness"),
        ("in the four northern islandsIncluding the promotion", "islandsIncluding"),
    ],
)
def test_glued_words_in_mt_outputs(line: str, evidence: str) -> None:
    assert messages(line) == [f'GLU001 Words run together in "{evidence}"']


@pytest.mark.parametrize(
    "line",
    [
        "He bought an iPhone at McDonald's and watched YouTube on a PlayStation.",
        "JPMorgan, eBay, McCain, MacArthur, DeSantis, LeBron, OpenAI, a PhD, iOS and WiFi.",
        "pass the APS or TestAS exams, says the McKinsey Global Institute",
        "on land with a pH value of 8.8, 10kWh, mRNA",
        "US Secretary of Defense Pete HegeSeth gave the taste",  # a misspelt name, for NAM
        "MacKenzie, VanDyke, DelBene, GlaxoSmithKline, ExxonMobil, WeChat, ChatGPT, macOS",
        "follow @realDonaldTrump and #BlackLivesMatter",
        "The 1990s, 10km, 2nd, G20, 5G and 3Com rose 2% in 2024.",
    ],
)
def test_real_casings_stay_silent(line: str) -> None:
    assert messages(line) == []


def test_split_parts() -> None:
    assert split_parts("correspondentBBCAll") == ["correspondent", "BBC", "All"]
    assert split_parts("JPMorgan") == ["JP", "Morgan"]


def test_clean_article_gets_no_glued_finding() -> None:
    text = corpus_text(CLEAN_ARTICLE)
    assert findings(text, str(CLEAN_ARTICLE)) == []
    assert fixed(text) == text


def test_references_stay_silent() -> None:
    path = require_eval("mqm-zhen/references.tsv")
    count = 0
    with path.open(encoding="utf-8") as stream:
        for row in csv.DictReader(stream, delimiter="\t", quoting=csv.QUOTE_NONE):
            count += len(findings(row["Human-A"])) + len(findings(row["Human-B"]))
    assert count == 0


def test_findings_on_mt_outputs_mostly_overlap_human_error_spans() -> None:
    total = overlapping = 0
    for record in mqm_records():
        if str(record["system"]).startswith("Human"):
            continue
        errors = record["errors"]
        assert isinstance(errors, list)
        for finding in findings(str(record["target"])):
            total += 1
            overlapping += any(
                e["start"] is not None and e["start"] <= finding.end and finding.start <= e["end"]
                for e in errors
            )
    assert total >= 10
    assert overlapping / total >= 0.8
