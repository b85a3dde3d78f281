"""PUN: punctuation and spacing, on real lines of the corpus and of ../shared/eval."""

from __future__ import annotations

import csv
import itertools
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from repair import Applicability, Config, check_text, fix_text
from repair.document import Document
from repair.findings import Finding
from repair.rules.punctuation import _shared
from tests.conftest import CLEAN_ARTICLE, LIVE_BLOG, MT_ARTICLE, corpus_text, require_eval

PUN = Config(select=("PUN",))


def findings(text: str, path: str = "t.txt") -> list[Finding]:
    return check_text(text, config=PUN, path=path)


def messages(text: str) -> list[str]:
    return [f"{f.code} {f.message}" for f in findings(text)]


def fixed(text: str, unsafe: bool = False) -> str:
    return fix_text(text, config=PUN, unsafe=unsafe).text


# PUN001 -------------------------------------------------------------------------------


def test_every_spaced_hyphen_of_the_mt_article_is_flagged() -> None:
    found = messages(corpus_text(MT_ARTICLE))
    for evidence in ("two -day", "non -European", "e -Mail", "in -mail"):
        assert f'PUN001 Space before the hyphen in "{evidence}"' in found


def test_fix_joins_the_spaced_hyphens_of_the_mt_article_safely() -> None:
    text = corpus_text(MT_ARTICLE)
    result = fixed(text)
    assert "two-day summit" in result
    assert "non-European troops" in result
    assert "comments e-Mail." in result
    assert "found in -mail" in result, "a function word gets no join: it lost a letter"
    assert fixed(result) == result


@pytest.mark.parametrize(
    ("line", "safety"),
    [
        ("to start a two -day summit", Applicability.SAFE),  # both halves are words
        ("European and non -European troops", Applicability.SAFE),  # a prefix
        ("he said in the comments e -Mail.", Applicability.SAFE),  # a one-letter prefix
        ("a so -called truce", Applicability.SAFE),  # the compounds table
        ("President Abdel -Fattahxq said so.", Applicability.UNSAFE),  # not a word
    ],
)
def test_spaced_hyphen_fix_safety(line: str, safety: Applicability) -> None:
    (finding,) = findings(line)
    assert finding.code == "PUN001"
    assert finding.fix is not None
    assert finding.fix.applicability is safety


def test_function_word_gets_no_join() -> None:
    (finding,) = findings("Bill Blain found in -mail in the comments on Thursday.")
    assert finding.fix is None


def test_space_after_the_hyphen_is_flagged_but_joined_only_from_the_tables() -> None:
    (finding,) = findings("a long- term plan")
    assert finding.message == 'Space after the hyphen in "long- term"'
    assert finding.fix is not None
    assert finding.fix.applicability is Applicability.SAFE
    (dash,) = findings("the plan- nothing more")
    assert dash.fix is not None
    assert dash.fix.applicability is Applicability.UNSAFE


@pytest.mark.parametrize(
    "line",
    [
        # Real lines of the eval references: suspended hyphens.
        "the ratio of the medium- and long-term external debt rose by 3 percentage points",
        "encouraging students to attend such training on- or off-campus.",
        "Temperatures fell to -5 degrees",
        "Options a -b and --verbose",
        "a well-known, two-day, non-European e-mail",
        "He wrote - and I quote - nothing.",
    ],
)
def test_spaced_hyphen_stays_silent(line: str) -> None:
    assert not [f for f in findings(line) if f.code == "PUN001"]


@pytest.mark.parametrize(
    ("line", "joined"),
    [
        ("the leaders of the G -7 met in Canada", "G-7"),
        ("new COVID -19 cases were reported", "COVID-19"),
        ("prices have risen since the mid -2000s", "mid-2000s"),
        ("many post -90s workers", "post-90s"),
    ],
)
def test_spaced_hyphen_before_a_number_is_joined_safely(line: str, joined: str) -> None:
    (finding,) = findings(line)
    assert finding.code == "PUN001"
    assert finding.fix is not None and finding.fix.applicability is Applicability.SAFE
    assert joined in fixed(line)


@pytest.mark.parametrize(
    "line",
    [
        # A headline and its source (issue 15): an outlet, a domain, a multi-word name.
        "Talks resume in Geneva -Xinhuanet",
        "Morning Briefing -Daily Herald - www.example.com",
        "Stocks close higher as tech rallies -Reuters",
        "Beijing to host the autumn trade fair -Global Times | Home",
        "Flood relief reaches remote villages -news.cn",
        # Negative quantities and code.
        "WHERE growth BETWEEN -1 AND 1",
        "The index closed at -2.5 percent.",
        "Build it with emcc -O3 add.c -o add.js first.",
    ],
)
def test_spaced_hyphen_before_a_source_number_or_option_stays_silent(line: str) -> None:
    assert not [f for f in findings(line) if f.code == "PUN001"]


def test_a_capitalised_compound_inside_a_sentence_is_still_joined() -> None:
    # Damaged reference line: the names after the hyphen go on into lower-case words.
    line = "The Russia -Japan Summit Talks in December 2018 confirmed the policy."
    (finding,) = findings(line)
    assert finding.fix is not None and finding.fix.applicability is Applicability.SAFE
    assert "Russia-Japan Summit" in fixed(line)


@pytest.mark.parametrize(
    ("line", "repaired"),
    [
        (  # reference lines of ../shared/eval/mqm-zhen with the space put after the hyphen
            "but the other two babies were both 29- week-old and delivered in the ambulance",
            "but the other two babies were both 29-week-old and delivered in the ambulance",
        ),
        (
            "The 32- week premature baby was put on a respirator after admission.",
            "The 32-week premature baby was put on a respirator after admission.",
        ),
        (
            "the Cloud Implementation of Enterprises (2018- 2020) in 2018",
            "the Cloud Implementation of Enterprises (2018-2020) in 2018",
        ),
        (
            "by 61 minutes in the west- to-east direction and by 64 minutes",
            "by 61 minutes in the west-to-east direction and by 64 minutes",
        ),
    ],
)
def test_space_after_the_hyphen_is_closed_safely_where_certain(line: str, repaired: str) -> None:
    assert fixed(line) == repaired


def test_hyphen_cut_off_is_closed_safely_when_the_text_writes_the_compound_whole() -> None:
    # Reference lines of ../shared/eval/mqm-zhen: "over-age" is written whole in one of
    # them, so "over- age" and "over - age" in the others are the same compound, cut.
    text = (
        "Over-age migrant workers on some construction sites may face risks.\n\n"
        "We notice that many of them are over- age migrant workers.\n\n"
        "These unattractive jobs provide opportunities for over - age migrant workers.\n"
    )
    assert fixed(text) == text.replace("over- age", "over-age").replace("over - age", "over-age")
    alone = "These unattractive jobs provide opportunities for over - age migrant workers.\n"
    assert fixed(alone) == alone  # with no other evidence, " - " may be a dash


@pytest.mark.parametrize(
    "line",
    [
        "1- open the box and take out the charger.",  # a list numbered with hyphens
        "The plan runs to 2019- the year of the vote.",  # a dash before a function word
        "both medium- and long-term loans",  # a suspended hyphen
        "He was tired- very tired.",  # "- " may be a dash: only the tables make it certain
        "They waited 5- 3 hours.",  # not a range: the second number is lower
    ],
)
def test_space_after_the_hyphen_is_not_closed_without_certain_evidence(line: str) -> None:
    assert fixed(line) == line


# PUN002 -------------------------------------------------------------------------------

REAL_SPACE_BEFORE_COMMA = (
    "the security guard informed the Obstetrics Department immediately, and quickly , the "
    "associate chief physician, Zhang Huan, three other doctors"
)


def test_space_before_comma_is_removed() -> None:
    assert messages(REAL_SPACE_BEFORE_COMMA) == ['PUN002 Space before "," in "quickly ,"']
    assert "and quickly, the associate" in fixed(REAL_SPACE_BEFORE_COMMA)


@pytest.mark.parametrize(
    "line",
    [
        "He was wrong... The respondent had absolutely treated the applicant unfairly",
        "on land with a pH value of 8.8 to 9.6 and a salinity of 5% to 6%",
        "The score was 3 : 1 at 8:30, see .NET and .5 :)",
        "Really?! Yes, ok.",
    ],
)
def test_space_before_punctuation_stays_silent(line: str) -> None:
    assert messages(line) == []


# PUN003 -------------------------------------------------------------------------------


def test_missing_space_after_sentence_in_the_live_blog() -> None:
    found = findings(corpus_text(LIVE_BLOG))
    (finding,) = [f for f in found if f.code == "PUN003"]
    assert finding.message == 'No space after "." in "did.He"'
    # "He" opens sentences and "did" can end one: the space is certain.
    assert finding.fix is not None and finding.fix.applicability is Applicability.SAFE
    result = fixed(corpus_text(LIVE_BLOG))
    assert "its allies did. He fought" in result
    assert fixed(result) == result


@pytest.mark.parametrize(
    "line",
    [
        "(see 8.17 post), she says she is alarmed by what she's witnessing on U.S. soil",
        "Vice president J.D. Vance, e.g. at 8 a.m. on Friday",
        "Beijing, Sept 27 (Xinhuanet.Com) - the ministry said",
        "sold on Amazon.com, built with Node.js and ASP.NET",
        "The site runs on node.js.The team said so.",  # a dot inside a name of software
        "Prices rose to 3.5.In the north they fell.",  # a number with two dots
        "He cited e.g.The first case and Ph.D.The second.",  # abbreviations
    ],
)
def test_missing_space_after_sentence_stays_silent(line: str) -> None:
    assert not [f for f in findings(line) if f.code == "PUN003"]


@pytest.mark.parametrize(
    ("line", "repaired"),
    [
        (  # reference lines of ../shared/eval/mqm-zhen with the space after a stop dropped
            "new drivers for global economic growth.In the future, the role of stabilizer",
            "new drivers for global economic growth. In the future, the role of stabilizer",
        ),
        (
            "their own shares.This helped normalize repurchase behavior.",
            "their own shares. This helped normalize repurchase behavior.",
        ),
        (
            "the company's future development.Therefore, such companies were worth attention.",
            "the company's future development. Therefore, such companies were worth attention.",
        ),
        (
            "more than 100 million passengers handled in 2018.It has become the second airport",
            "more than 100 million passengers handled in 2018. It has become the second airport",
        ),
        (
            "on her amniotic fluid and blood.A baby boy was by her side",
            "on her amniotic fluid and blood. A baby boy was by her side",
        ),
    ],
)
def test_missing_space_before_a_sentence_opener_is_put_back_safely(
    line: str, repaired: str
) -> None:
    (finding,) = [f for f in findings(line) if f.code == "PUN003"]
    assert finding.fix is not None and finding.fix.applicability is Applicability.SAFE
    assert fixed(line) == repaired


@pytest.mark.parametrize(
    "line",
    [
        # Not a sentence opener after the mark: a credit glued to a caption, a noun.
        "during a candlelight rally in Seoul on Thursday.Anthony Wallace / AFP - Getty Images",
        "Use a strings.Builder to collect the parts, then call its String method.",
        "The firm said passengers.Passengers can also take the intercity train.",
        # An opener that also ends names of code, with no clause after it.
        "The query calls items.All(x => x.Ok) for each row.",
        "Hong Kong has fallen dramatically.In addition to the tourism industry, many lost.",
        # Not prose: a line of code.
        "exports.The = module.exports; exports.It = 2;",
    ],
)
def test_missing_space_after_sentence_stays_unsafe_without_certain_evidence(line: str) -> None:
    safe = [
        f
        for f in findings(line)
        if f.code == "PUN003" and f.fix and f.fix.applicability is Applicability.SAFE
    ]
    assert safe == []
    assert fixed(line) == line


# PUN004 -------------------------------------------------------------------------------


def test_doubled_punctuation_from_a_real_reference() -> None:
    line = (
        "China\u2019s achievements not only belong to itself, , but also to the world and mankind."
    )
    (finding,) = findings(line)
    assert finding.message == 'Doubled punctuation ", ,"'
    assert finding.fix is not None and finding.fix.applicability is Applicability.UNSAFE
    assert fixed(line) == line
    assert "itself, but" in fixed(line, unsafe=True)


def test_adjacent_commas_are_fixed_safely() -> None:
    assert fixed("the minister,, who spoke") == "the minister, who spoke"


@pytest.mark.parametrize(
    "line",
    [
        "He was wrong... The respondent",
        "Really?! Yes!! Why??",
        "the U.S., the E.U.; etc.",
    ],
)
def test_doubled_punctuation_stays_silent(line: str) -> None:
    assert messages(line) == []


# PUN005 -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "repaired"),
    [
        (
            "The 32 - week premature baby was put on a respirator after admission.",
            "The 32-week premature baby was put on a respirator after admission.",
        ),
        (
            "the 14 - day rate dropped 1.7 basis points to 2.95 percent",
            "the 14-day rate dropped 1.7 basis points to 2.95 percent",
        ),
    ],
)
def test_spaced_hyphen_between_a_count_and_its_unit_is_joined_safely(
    line: str, repaired: str
) -> None:
    assert fixed(line) == repaired


@pytest.mark.parametrize(
    "line",
    [
        "Looking back at 2019 - year of change for the harbour",  # a year, not a count
        "1 - day trips leave from the pier.",  # a list numbered at the line's start
        "It took 5 - weeks later - to finish.",  # a plural: no unit of a compound
    ],
)
def test_spaced_hyphen_after_a_number_stays_unless_a_count_meets_its_unit(line: str) -> None:
    assert fixed(line) == line


def test_spaced_dash_in_known_compound() -> None:
    line = "The hot - blooded general spoke first."
    assert messages(line) == ['PUN005 Spaced dash inside the compound "hot - blooded"']
    assert fixed(line) == line
    assert fixed(line, unsafe=True) == "The hot-blooded general spoke first."


@pytest.mark.parametrize(
    ("line", "joined"),
    [
        # Reference lines with their hyphen spaced on both sides (damage simulator forms).
        ("Given the potential breaches of anti - discrimination laws", "anti-discrimination"),
        ("operating around 5,000 older IR - 1 centrifuges at Natanz", "IR-1"),
        ("a balanced and win - win development environment", "win-win"),
    ],
)
def test_spaced_dash_inside_a_prefix_a_doubled_word_or_a_short_form(line: str, joined: str) -> None:
    (finding,) = findings(line)
    assert finding.code == "PUN005"
    assert finding.fix is not None and finding.fix.applicability is Applicability.UNSAFE
    assert joined in fixed(line, unsafe=True)


@pytest.mark.parametrize(
    "line",
    [
        "It arises from various factors - cognitive misunderstanding, ingrained prejudice",
        "Vitamins A - E are stored in fat.",
        "He took the post - and kept it for ten years.",
        "Pages 3 - 5 hold the figures.",
    ],
)
def test_spaced_dash_between_other_words_is_a_dash(line: str) -> None:
    assert messages(line) == []


@pytest.mark.parametrize(
    ("line", "joined"),
    [
        # Reference lines with a space put before their hyphen.
        ("the supermarket owner dismissed a 66 -year-old female worker", "66-year-old"),
        ("A 32 -week pregnant mother gave birth in the car", "32-week"),
        ("an increase of 39.2 percent year -on-year", "year-on-year"),
        ("40 years of reform and opening -up, the Chinese Communist Party", "opening-up"),
        ("the mortality rate of infants and pregnant and lying -in women", "lying-in"),
        ("the bill will further worsen China -US relations", "China-US"),
    ],
)
def test_spaced_hyphen_after_a_number_or_inside_a_chain_is_joined(line: str, joined: str) -> None:
    (finding,) = findings(line)
    assert finding.code == "PUN001"
    assert finding.fix is not None and finding.fix.applicability is Applicability.SAFE
    assert joined in fixed(line)


# Whole texts ---------------------------------------------------------------------------


def test_clean_article_gets_no_punctuation_finding() -> None:
    text = corpus_text(CLEAN_ARTICLE)
    assert findings(text, str(CLEAN_ARTICLE)) == []
    assert fix_text(text, config=PUN, unsafe=True).text == text


def test_references_stay_nearly_silent() -> None:
    path = require_eval("mqm-zhen/references.tsv")
    words = count = 0
    with path.open(encoding="utf-8") as stream:
        for row in csv.DictReader(stream, delimiter="\t", quoting=csv.QUOTE_NONE):
            for text in (row["Human-A"], row["Human-B"]):
                words += len(text.split())
                count += len(findings(text))
    assert words > 30_000
    assert count * 1000 / words < 0.1, f"{count} findings in {words} words"


@settings(derandomize=True, max_examples=400, deadline=None)
@given(
    text=st.lists(
        st.sampled_from(["ab", "X", "-", " ", "\n", "\t", "1", "_", "\u00e9", "."]), max_size=30
    ).map("".join)
)
def test_hyphenated_pairs_are_those_of_a_search_over_the_whole_text(text: str) -> None:
    """The hyphenated words are searched around hyphens only: the same as everywhere."""
    everywhere = set()
    for match in re.finditer(r"(?<![\w-])[A-Za-z]+(?:-[A-Za-z]+)+(?![\w-])", text):
        parts = match[0].lower().split("-")
        everywhere.update(f"{a}-{b}" for a, b in itertools.pairwise(parts))
    assert _shared._hyphenated_pairs(Document(text)) == everywhere
