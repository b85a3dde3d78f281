"""GLU: glued words, on real lines of the corpus and of ../shared/eval."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from repair import Applicability, Config, check_text, fix_text
from repair.data import word_set
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


def findings(text: str, path: str = "t.txt", config: Config = GLU) -> list[Finding]:
    return check_text(text, config=config, path=path)


def messages(text: str, config: Config = GLU) -> list[str]:
    return [f"{f.code} {f.message}" for f in findings(text, config=config)]


def fixed(text: str, unsafe: bool = True, config: Config = GLU) -> str:
    return fix_text(text, config=config, unsafe=unsafe).text


# Glued sentences: the sentence end comes back ------------------------------------------------


def test_both_glued_sentences_of_the_mt_article() -> None:
    found = findings(corpus_text(MT_ARTICLE))
    assert [f"{f.code} {f.message}" for f in found] == [
        'GLU001 Sentence end lost in "talksAnd"',
        'GLU002 Sentence end lost after a number in "2%According"',
    ]
    assert all(f.fix is not None and f.fix.applicability is Applicability.SAFE for f in found)


def test_mt_article_gets_its_sentence_ends_back_by_default() -> None:
    text = corpus_text(MT_ARTICLE)
    result = fixed(text, unsafe=False)
    assert "start peace talks. And that he instructed" in result
    assert "NATO members reached 2%. According to NATO estimates" in result
    assert len(result) == len(text) + 4  # ". " twice: nothing else touched
    assert fixed(result) == result


@pytest.mark.parametrize(
    ("damaged", "restored"),
    [
        # Sentences of the human references of ../shared/eval/mqm-zhen, their end removed.
        (
            "was punished by 3000 YuanMeanwhile, he lost his job.",
            "was punished by 3000 Yuan. Meanwhile, he lost his job.",
        ),
        (
            "the earlier the betterThe situation gets worse every day.",
            "the earlier the better. The situation gets worse every day.",
        ),
        (
            "was far away from downtown BeijingHowever, its radiations to Hebei grew.",
            "was far away from downtown Beijing. However, its radiations to Hebei grew.",
        ),
        (
            "He learned from the successful experiences from VietnamThey were impressed.",
            "He learned from the successful experiences from Vietnam. They were impressed.",
        ),
        (
            "The country held electionsThe vote was close.",
            "The country held elections. The vote was close.",
        ),
        (
            "Iran quit the deal in 2019It has since enriched uranium.",
            "Iran quit the deal in 2019. It has since enriched uranium.",
        ),
        (
            "Prices fell by 2%According to the bureau, demand slowed.",
            "Prices fell by 2%. According to the bureau, demand slowed.",
        ),
    ],
)
def test_lost_sentence_end_is_restored_by_default(damaged: str, restored: str) -> None:
    (finding,) = findings(damaged)
    assert finding.message.startswith("Sentence end lost")
    assert fixed(damaged, unsafe=False) == restored


@pytest.mark.parametrize(
    ("damaged", "unsafe_fix"),
    [
        # A capitalised word that may be a name or a plain word: the separator lost may have
        # been a space; the sentence end is offered, not applied.
        ("It was a traditional robust industry in HohhotRelying on its resources.", None),
        ("by 2025International airlines will grow.", "by 2025. International airlines will grow."),
        (
            "from the baby's umbilical cordZhang Huan got into the car.",
            "from the baby's umbilical cord. Zhang Huan got into the car.",
        ),
        # "He" is also a Chinese name: "ZhangHe" may be "Zhang He" run together.
        (
            "He learned from the successful experiences from VietnamHe was also impressed.",
            "He learned from the successful experiences from Vietnam. He was also impressed.",
        ),
        # After "with" no sentence ends: a space was lost (mqm-zhen MT output).
        (
            "strives to expand cooperation withHanoi, Vietnam",
            "strives to expand cooperation with Hanoi, Vietnam",
        ),
    ],
)
def test_uncertain_separator_is_an_unsafe_fix(damaged: str, unsafe_fix: str | None) -> None:
    assert fixed(damaged, unsafe=False) == damaged
    if unsafe_fix is None:
        assert findings(damaged) == []
    else:
        assert fixed(damaged) == unsafe_fix


@pytest.mark.parametrize(
    ("line", "safe"),
    [
        ("Turnout fell after the electionsIn 2019, the party lost its seats.", True),
        ("The talks ended on Friday and the talksAt the same time resumed.", True),
        ("The vote was counted twice and the electionsIt was said were fair.", True),
        # Names of code in prose: a noun follows, not a clause.
        ("Sort the rows by the createdAt field of each record.", False),
        ("The query needs a groupBy clause to count the rows.", False),
    ],
)
def test_a_sentence_opener_that_ends_identifiers_needs_a_clause_after_it(
    line: str, safe: bool
) -> None:
    (finding,) = findings(line)
    assert finding.fix is not None
    assert (finding.fix.applicability is Applicability.SAFE) is safe


def test_capitalized_function_word_rule_leaves_the_glued_sentence_to_glu() -> None:
    # WRD005 (capitalised function word) must not lower-case the second half of the join.
    config = Config(select=("GLU", "WRD"))
    text = "Voters went to the polls after the electionsBut turnout fell sharply this year.\n"
    assert "elections. But turnout" in fixed(text, unsafe=False, config=config)
    assert "elections. But turnout" in fixed(text, unsafe=True, config=config)


def test_glued_byline_of_the_live_blog() -> None:
    text = corpus_text(LIVE_BLOG)
    assert messages(text) == [
        'GLU003 Byline name run into its desk in "BeakeEurope correspondent"',
        'GLU001 Words run together in "correspondentBBCAll"',
    ]
    assert fixed(text, unsafe=False) == text
    result = fixed(text)
    assert "Nick Beake Europe correspondent BBC. All his adult life" in result
    assert fixed(result) == result


@pytest.mark.parametrize(
    ("line", "message"),
    [
        # MT outputs of ../shared/eval/mqm-zhen, as the annotators saw them.
        (
            "Hanoi, Vietnam strives to expand cooperation withHanoi, Vietnam",
            'Words run together in "withHanoi"',
        ),
        (
            'Witness the 10-year "cloud riseWitness the 10-year "cloud rise"',
            'Words run together in "riseWitness"',
        ),
        (
            "in the four northern islandsIncluding the promotion",
            'Words run together in "islandsIncluding"',
        ),
        ("the newborn (PicturedPictured), and then", 'Words run together in "PicturedPictured"'),
    ],
)
def test_glued_words_in_mt_outputs(line: str, message: str) -> None:
    (finding,) = findings(line)
    assert finding.message == message
    assert finding.fix is not None and finding.fix.applicability is Applicability.UNSAFE


# Names are not glued words ----------------------------------------------------------------------

# Camel-case company and product names, none of them in data/glued-casings.txt: the rules
# must know them for names by the evidence of their parts, not by a list.
UNLISTED_BRANDS = (
    "AriCloud",  # ../shared/eval/mqm-zhen, OPPO output
    "BlueWave",
    "SolarCity",
    "BlackRock",
    "MasterCard",
    "DreamWorks",
    "JetBlue",
    "SeaWorld",
    "HubSpot",
    "SunTrust",
    "CoreLogic",
    "AirAsia",
    "PetroChina",
    "MediaTek",
    "CrowdStrike",
    "ServiceNow",
    "SoundCloud",
    "TripAdvisor",
    "WordPress",
    "CloudFlare",
    "OneDrive",
    "GameStop",
    "SenseTime",
    "JinkoSolar",
    "PowerChina",
    "FosunPharma",
    "CheckIn",
    "ZTECorp",
)


def test_unlisted_brands_are_not_in_the_casing_table() -> None:
    listed = {casing.lower() for casing in word_set("glued-casings")}
    assert not [brand for brand in UNLISTED_BRANDS if brand.lower() in listed]


@pytest.mark.parametrize("brand", UNLISTED_BRANDS)
def test_unlisted_brand_is_a_name(brand: str) -> None:
    for line in (
        f"{brand} said its profit rose in the third quarter.",
        f"Shares of {brand} rose 5% on Monday, the exchange said.",
        f"analysts at {brand} and other firms",
    ):
        assert messages(line) == []


@pytest.mark.parametrize(
    "line",
    [
        # Issue 15: split by the old GLU001 unsafe fix.
        "Wang Jian, founder of AriCloud, said that today, data-centric cloud services grow.",
        "He bought a PlayStation from a SoftBank unit.",
        "AstraZeneca said the vaccine works; ChinaDaily.com reported it first.",
        "He bought an iPhone at McDonald's and watched YouTube on a PlayStation.",
        "JPMorgan, eBay, McCain, MacArthur, DeSantis, LeBron, OpenAI, a PhD, iOS and WiFi.",
        "pass the APS or TestAS exams, says the McKinsey Global Institute",
        "on land with a pH value of 8.8, 10kWh, mRNA",
        "US Secretary of Defense Pete HegeSeth gave the taste",  # a misspelt name, for NAM
        "MacKenzie, VanDyke, DelBene, GlaxoSmithKline, ExxonMobil, WeChat, ChatGPT, macOS",
        "follow @realDonaldTrump and #BlackLivesMatter",
        "The 1990s, 10km, 2nd, G20, 5G, 5Gb and 3Com rose 2% in 2024.",
        "LinkedIn and NowThis ran it; the 3D film won an Oscar in 2019.",
        "Set `premiumOnly` and `createdAt` in the config file.",  # code between backticks
        # Code in prose (../shared/eval/scraped): lower camel case of three words, calls.
        "Added logAdminCommands, showDeathMessages, reducedDebugInfo and randomTickSpeed",
        "The body is read with arrayBuffer() or formData() once the promise resolves.",
        # A URL-encoded subject: "%20After" is no number before a word.
        "mailto:?subject=The%20Morning%20After%3A%20Two%20days",
    ],
)
def test_real_casings_stay_silent(line: str) -> None:
    assert messages(line) == []


def test_a_unit_after_a_number_is_split_with_a_space() -> None:
    # engadget (../shared/eval/scraped): "Ghz" is a unit, not the start of a sentence.
    line = "It features an 8-core CPU running at 2.3Ghz, 12GB of GDDR5 RAM."
    assert fixed(line) == line.replace("2.3Ghz", "2.3 Ghz")
    assert fixed(line, unsafe=False) == line


def test_a_token_written_twice_is_a_name() -> None:
    once = "The firm smartWidget launched on Monday."
    assert messages(once) == ['GLU001 Words run together in "smartWidget"']
    twice = once + " Sales of smartWidget doubled."
    assert messages(twice) == []


def test_a_token_of_the_entity_list_is_a_name(tmp_path: Path) -> None:
    line = "The firm smartWidget launched on Monday."
    entities = tmp_path / "entities.toml"
    entities.write_text(
        '[[entity]]\nname = "smartWidget Inc"\ntype = "organization"\n', encoding="utf-8"
    )
    config = Config(select=("GLU",), entities=(str(entities),))
    assert messages(line, config=config) == []


def test_split_parts() -> None:
    assert split_parts("correspondentBBCAll") == ["correspondent", "BBC", "All"]
    assert split_parts("JPMorgan") == ["JP", "Morgan"]


# Clean text -----------------------------------------------------------------------------------


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


def test_a_number_before_an_opener_that_ends_names_is_split_safely_only_before_a_clause() -> None:
    # "All", "It", "In" also end names ("Education4All"): the sentence end is certain only
    # when a clause goes on after the word.
    name = "Shoppers could buy a 4All pass at the station."
    assert fixed(name, unsafe=False) == name
    assert fixed(name) == "Shoppers could buy a 4. All pass at the station."
    glued = "Sales fell in 2019It was the worst year since 2008."
    assert fixed(glued, unsafe=False) == "Sales fell in 2019. It was the worst year since 2008."
