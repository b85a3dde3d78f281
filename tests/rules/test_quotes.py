"""QUO: quotes, on real lines of the corpus and of ../shared/eval."""

from __future__ import annotations

import csv
import re

import pytest

from repair import Applicability, Config, check_text, fix_text
from repair.findings import Finding
from repair.rules import quotes
from tests.conftest import (
    CLEAN_ARTICLE,
    CORPUS,
    MARKDOWN_ARTICLE,
    MT_ARTICLE,
    corpus_text,
    require_eval,
)

QUO = Config(select=("QUO",))  # QUO007 too: a prefix selects rules that are off by default
DEFAULT_QUO = Config(select=tuple(r.code for r in quotes.RULES if r.default))
CURLY_MARKS = re.compile("[\u201c\u201d\u2018\u2019]")


def findings(text: str, path: str = "t.txt", config: Config = QUO) -> list[Finding]:
    return check_text(text, config=config, path=path)


def codes(text: str, path: str = "t.txt", config: Config = QUO) -> list[str]:
    return [f.code for f in findings(text, path, config)]


def fixed(text: str, path: str = "t.txt", unsafe: bool = False, config: Config = QUO) -> str:
    result = fix_text(text, config=config, path=path, unsafe=unsafe).text
    assert fix_text(result, config=config, path=path, unsafe=unsafe).text == result
    return result


def test_registry_imports_the_package() -> None:
    assert [r.code for r in quotes.RULES] == [f"QUO00{n}" for n in range(1, 8)]


# The machine-translated article -------------------------------------------------------


def test_mt_article_quote_imbalance_is_flagged() -> None:
    found = findings(corpus_text(MT_ARTICLE), str(MT_ARTICLE), DEFAULT_QUO)
    messages = [f"{f.code} {f.message}" for f in found]
    assert sum(m.startswith("QUO001") for m in messages) == 2
    assert 'QUO002 Opening quote where a closing one belongs in "existed, \u201csaid"' in messages
    assert 'QUO005 Single quote closes a double quotation in "coffee\' The"' in messages


def test_mt_article_fix_pairs_what_it_can_and_reports_the_rest() -> None:
    text = corpus_text(MT_ARTICLE)
    result = fixed(text, str(MT_ARTICLE), config=DEFAULT_QUO)
    assert "never existed,\u201d said David Roche" in result
    assert "negotiations began,\u201d said German" in result
    assert "expensive exercise.\u201d He said" in result
    assert "a problem of Europe. \u201d\n" in result  # the text's own spacing kept
    assert "they do not want. \u201c\n" in result  # an earlier mark broke the pairing
    # Unbalanced paragraphs keep their doubtful marks and stay reported.
    assert "interested in peace, \u201csaid" in result
    assert "adding:\u201d Ukrainian" in result
    left = codes(result, str(MT_ARTICLE), DEFAULT_QUO)
    assert left.count("QUO001") == 2
    # A curly document: its straight apostrophes are reported, curled only on request.
    assert "Trump's administration" in result and "won't" in result
    curly = Config(select=DEFAULT_QUO.select, quote_style="curly")
    result = fixed(text, str(MT_ARTICLE), config=curly)
    assert "Trump\u2019s administration" in result and "won\u2019t" in result


def test_mt_article_unsafe_fix_also_turns_the_doubtful_marks() -> None:
    result = fixed(corpus_text(MT_ARTICLE), str(MT_ARTICLE), unsafe=True, config=DEFAULT_QUO)
    assert "interested in peace,\u201d said" in result
    assert "adding: \u201cUkrainian" in result


# The scraped Markdown article ---------------------------------------------------------


def test_markdown_article_mixed_styles_are_flagged_and_straightened() -> None:
    text = corpus_text(MARKDOWN_ARTICLE)
    found = findings(text, str(MARKDOWN_ARTICLE), DEFAULT_QUO)
    # The majority is no instruction: reported once, straightened only with unsafe fixes.
    (finding,) = found
    assert finding.code == "QUO006"
    assert finding.message.startswith("20 curly marks in a document of mostly straight")
    assert finding.fix is not None and finding.fix.applicability is Applicability.UNSAFE
    assert fixed(text, str(MARKDOWN_ARTICLE), config=DEFAULT_QUO) == text
    result = fixed(text, str(MARKDOWN_ARTICLE), config=DEFAULT_QUO, unsafe=True)
    assert not CURLY_MARKS.search(result)  # straight quotes are the majority there
    assert '"This is quite an important week," a senior' in result
    assert "the United States' commitment" in result


def test_clean_article_gets_no_quote_finding() -> None:
    text = corpus_text(CLEAN_ARTICLE)
    assert findings(text, str(CLEAN_ARTICLE)) == []
    assert fix_text(text, config=QUO, path=str(CLEAN_ARTICLE), unsafe=True).text == text


@pytest.mark.parametrize("name", sorted(p.name for p in CORPUS.glob("*.*")))
def test_corpus_fix_is_idempotent(name: str) -> None:
    text = (CORPUS / name).read_text(encoding="utf-8")
    fixed(text, name, unsafe=True)


# Orientation, spacing, attribution ----------------------------------------------------


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        # A reporting verb after a comma: the closing mark crossed its space.
        (
            "\u201cThe Trump administration has already publicly established Putin, \u201csaid "
            "German defense minister Boris Pistorius.",
            "\u201cThe Trump administration has already publicly established Putin,\u201d said "
            "German defense minister Boris Pistorius.",
        ),
        # Straight marks cross their space too.
        (
            '"There is no betrayal there, "said Hegseth.',
            '"There is no betrayal there," said Hegseth.',
        ),
        # A closing mark glued to its word but curled the wrong way.
        (
            "NATO membership for Ukraine were \u201cunrealistic\u201c goals.",
            "NATO membership for Ukraine were \u201cunrealistic\u201d goals.",
        ),
    ],
)
def test_misoriented_marks_are_turned_safely(line: str, expected: str) -> None:
    assert codes(line) == ["QUO002"]
    assert fixed(line) == expected


@pytest.mark.parametrize(
    "line",
    [
        # Real lines where the marks are right: a name and a verb may open a quotation.
        "He said, \u201cTrump said he would call Putin.\u201d",
        "\u201cEvery quick amendment is a dirty contract,\u201d said Kallas, in the comments "
        "reported by Reuters, adding that \u201cwe saw it earlier, he won't stop killing.\u201d",
        "NATO Secretary General Mark Rutte last month called on members to shift to a "
        "\u201cwartime mindset\u201d to face the \u201clong-term\u201d security threats posed by "
        'Russia, saying: \u201cWe are not ready."',
        "The first flight from Beijing Daxing International Airport initiated Beijing\u2019s "
        '"two airports" era.',
        # Apostrophes are not quotes, in either style.
        "The defendant Mr. Zhou was sentenced to three years' imprisonment with four years\u2019 "
        "probation.",
        "Trump's special envoy said NATO's members don't agree on Ukraine's future.",
        # Feet and inches.
        "The suspect is 5'11\" tall and was last seen in Brussels.",
    ],
)
def test_correct_quotes_stay_silent(line: str) -> None:
    assert codes(line) == []


def test_a_quotation_running_over_paragraphs_is_balanced() -> None:
    text = (
        "\u201cIf you look at 75 years of NATO history, we have navigated a lot of situations.\n"
        "\u201cThat\u2019s exactly what we need to do now,\u201d the NATO official said.\n"
    )
    assert codes(text) == []


def test_a_quotation_left_open_mid_paragraph_is_unbalanced() -> None:
    text = (
        "The official said \u201cthe U.S. is basically the backbone of this alliance.\n"
        "Moscow, meanwhile, is closely monitoring NATO's internal discussions.\n"
    )
    assert codes(text) == ["QUO001"]


# A WMT20 document cut one sentence a line (../shared/eval/mqm-zhen, Human-A, doc 836-837):
# the quotation opens in one line and closes in the next.
SENTENCE_PER_LINE = (
    'Guterres said, "Every time I visit China, I am shocked by the speed of change and '
    "progress.\n"
    "You have created one of the most dynamic economies in the world and helped lift more "
    'than 850 million people out of poverty. "\n'
)


def test_a_quotation_carried_into_the_next_line_that_closes_it_is_balanced() -> None:
    assert [c for c in codes(SENTENCE_PER_LINE) if c == "QUO001"] == []


def test_a_carried_quotation_needs_a_closing_mark_first_in_the_next_line() -> None:
    # The next line opens a quotation of its own: nothing closes the first one.
    text = SENTENCE_PER_LINE.replace("You have created", 'Still, he said, "you created')
    assert "QUO001" in codes(text)


def test_two_quotations_left_open_are_not_carried() -> None:
    text = 'He said "one and "two.\nThree, he went on. "\n'
    assert "QUO001" in codes(text)


def test_space_inside_quotes_mid_paragraph_and_at_the_end() -> None:
    line = "\u201cIt is an expensive exercise. \u201d He said in the comments."
    assert codes(line) == ["QUO003"]
    assert fixed(line) == "\u201cIt is an expensive exercise.\u201d He said in the comments."
    end = "there is nothing we can do about it. \u201d"  # a reference line: QUO007 is off
    assert codes(end, config=DEFAULT_QUO) == []
    assert codes(end) == ["QUO007"]
    assert fixed(end) == "there is nothing we can do about it.\u201d"


# Foreign marks, single marks ----------------------------------------------------------


def test_low_marks_and_guillemets_become_english_quotes() -> None:
    # Real lines of the MT article, with the marks a German or French edition would use.
    low = "the block would develop \u201eneue Initiativen\u201c supporting Ukraine."
    assert sorted(codes(low)) == ["QUO002", "QUO004"]
    assert fixed(low) == "the block would develop \u201cneue Initiativen\u201d supporting Ukraine."
    french = "his \u00ab\u00a0American\u00a0\u00bb plan for Ukraine can be a wake up Europe."
    assert codes(french) == ["QUO004"]
    assert fixed(french) == "his \u201cAmerican\u201d plan for Ukraine can be a wake up Europe."
    assert codes("Home \u00bb World \u00bb Europe") == []  # a breadcrumb, not quotes


def test_single_quote_closing_a_double_is_reported_without_a_fix() -> None:
    line = corpus_text(MT_ARTICLE).splitlines()[18]
    assert "smell coffee' The" in line
    (finding,) = [f for f in findings(line) if f.code == "QUO005"]
    assert finding.fix is None
    possessive = "\u201cSuch companies deserve investors' attention,\u201d Xu Yang said."
    assert codes(possessive) == []


# Styles -------------------------------------------------------------------------------


def test_configured_style_wins_over_the_majority() -> None:
    line = '"It\'s too early to tell," the senior NATO official said.'
    assert codes(line) == []
    curly = Config(select=("QUO",), quote_style="curly")
    assert codes(line, config=curly) == ["QUO006"] * 3
    assert fixed(line, config=curly) == (
        "\u201cIt\u2019s too early to tell,\u201d the senior NATO official said."
    )
    straight = Config(select=("QUO",), quote_style="straight")
    assert fixed(fixed(line, config=curly), config=straight) == line


def test_an_opening_single_mark_is_curled_only_as_an_unsafe_fix() -> None:
    text = (
        "\u201cThe U.S. is a very, very important part of the puzzle,\u201d the official said.\n"
        "Trump Demands Rare Earth Metals, Says Ukraine 'May Be Russian Someday'\n"
        "\u201cWe shall see,\u201d he said. \u201cIt\u2019s too early to tell.\u201d\n"
        "Trump's Vice President JD Vance will meet with European Commission President.\n"
    )
    curly = Config(select=("QUO",), quote_style="curly")
    assert codes(text, config=curly) == ["QUO006"] * 3
    assert "Ukraine 'May Be Russian Someday\u2019" in fixed(text, config=curly)
    assert "Ukraine \u2018May Be Russian Someday\u2019" in fixed(text, unsafe=True)


def test_auto_style_fixes_only_on_request() -> None:
    # A curly apostrophe in a name of a document of straight quotes (issue 15).
    text = (
        'Officials in Xi\u2019an said "the project" was "on time" and Xi\u2019an\'s "new '
        'line" will open in the "spring", Xi\u2019an\'s mayor said. "It is done."\n'
    )
    found = findings(text, config=DEFAULT_QUO)
    (finding,) = found
    assert (
        finding.message
        == '3 curly marks in a document of mostly straight quotes, the first "Xi\u2019an"'
    )
    assert finding.fix is not None and finding.fix.applicability is Applicability.UNSAFE
    assert fixed(text, config=DEFAULT_QUO) == text
    assert "Xi'an" in fixed(text, config=DEFAULT_QUO, unsafe=True)
    straight = Config(select=DEFAULT_QUO.select, quote_style="straight")
    assert "Xi\u2019an" not in fixed(text, config=straight)


def test_no_clear_majority_is_no_style() -> None:
    # Real reference lines of both styles, pasted together: which marks are odd is unknown.
    text = (
        'From a visional concept to a "cloud" practice, cloud computing supports China\'s '
        "economic development.\n"
        "Recently, a new \u201ccolleague\u201d loaded with Alibaba's artificial intelligence "
        "was placed beside the quality inspector, the company\u2019s chief said.\n"
    )
    assert codes(text) == []


# Precision on the clean references -----------------------------------------------------


def test_references_stay_nearly_silent() -> None:
    path = require_eval("mqm-zhen/references.tsv")
    words = count = changed = 0
    with path.open(encoding="utf-8", newline="") as stream:
        for row in csv.DictReader(stream, delimiter="\t", quoting=csv.QUOTE_NONE):
            for text in (row["Human-A"], row["Human-B"]):
                words += len(text.split())
                found = findings(text, config=DEFAULT_QUO)
                count += len(found)
                if found and fix_text(text, config=DEFAULT_QUO).text != text:
                    changed += 1
    assert words > 30_000
    assert count * 1000 / words < 0.2, f"{count} findings in {words} words"
    assert changed <= 3, f"{changed} reference segments changed"


# A stray final mark, mojibake and code (issue 15) ---------------------------------------


def test_a_final_opening_mark_after_closed_quotations_is_stray_and_gets_no_fix() -> None:
    text = "The minister called the ruling \u201cunfair\u201d. \u201c\nThe court declined.\n"
    found = findings(text, config=DEFAULT_QUO)
    assert [f.code for f in found] == ["QUO001"]
    assert (
        found[0].message
        == 'Stray quote mark after the quotations closed, in "\u201cunfair\u201d. \u201c"'
    )
    assert found[0].fix is None
    assert fixed(text, config=DEFAULT_QUO, unsafe=True) == text


def test_a_final_opening_mark_closing_an_open_quotation_is_turned_keeping_its_space() -> None:
    # A real reference line (WMT20 Human-B, xinhua-zh-01.6343): the quotation is open.
    line = (
        "Wang Shigang said: \u201cOur next step is to further innovate and reform based on the "
        "test this year, cultivating and optimizing the variety of salt-tolerant rice again to "
        "improve its quality and production. \u201c"
    )
    (finding,) = findings(line, config=DEFAULT_QUO)
    assert finding.code == "QUO002"
    assert finding.fix is not None and finding.fix.applicability is Applicability.SAFE
    assert fixed(line, config=DEFAULT_QUO).endswith("quality and production. \u201d")


@pytest.mark.parametrize(
    "line",
    [
        "The talks \u00e2\u20ac\u201d which lasted two days \u00e2\u20ac\u201d ended on Friday.",
        "Prices rose 3\u00e2\u20ac\u201c4% and the minister said "
        "\u00e2\u20ac\u0153no\u00e2\u20ac\u009d.",
    ],
)
def test_quote_marks_inside_mojibake_are_left_to_enc002(line: str) -> None:
    found = check_text(line, config=Config(select=("QUO", "ENC002")))
    assert {f.code for f in found} == {"ENC002"}


def test_quotes_in_code_and_formulas_are_not_curled() -> None:
    curly = Config(select=("QUO",), quote_style="curly")
    text = 'Set `mode = "fast"` first.\nlevel = "high"\nName\t"Alias"\tCity\n'
    assert codes(text, config=curly) == []
    prose = 'He called it "fast" and "high".\n'
    assert codes(prose, config=curly) == ["QUO006"] * 4


# Lost marks (issue 14) -----------------------------------------------------------------

# A real reference line (WMT20 Human-B, australian-zh.107) between two lines of the text.
BEFORE = (
    "The Fair Work Commission heard the case of the applicant in Melbourne on Monday, and "
    "the company did not send a lawyer.\n"
)
AFTER = (
    "The company has 21 days to appeal against the ruling, and it said in a statement that "
    "it would study the decision.\n"
)
QUOTED = (
    "\u201cIn my view, supported by the job advertisements posted by Mr. Wang, the "
    "respondent\u2019s real motive for dismissing her was Mr. Wang\u2019s preference to hire "
    "staff of Asian speaking backgrounds,\u201d he said."
)


@pytest.mark.parametrize(
    ("damaged", "where"),
    [
        (QUOTED.replace("\u201d he said", " he said"), "backgrounds,\u201d he said"),
        (QUOTED.replace("\u201cIn my view", "In my view"), "\u201cIn my view"),
        (
            "Lai Yongcai said: " + QUOTED.replace("\u201cIn my view", "In my view"),
            "said: \u201cIn my view",
        ),
    ],
)
def test_a_lost_mark_is_put_back_as_an_unsafe_fix(damaged: str, where: str) -> None:
    text = BEFORE + damaged + "\n" + AFTER
    (finding,) = findings(text, config=DEFAULT_QUO)
    assert finding.code == "QUO001"
    assert finding.fix is not None and finding.fix.applicability is Applicability.UNSAFE
    assert fixed(text, config=DEFAULT_QUO) == text
    assert where in fixed(text, config=DEFAULT_QUO, unsafe=True)


def test_a_lost_closing_mark_follows_the_texts_own_comma_style() -> None:
    text = (
        BEFORE
        + "\u201cThe ruling is bold\u201d, the minister said on Monday, and \u201cthe law is "
        + "fair\u201d, his deputy said, to the surprise of the room and of the press.\n"
        + "\u201cWe will sign it before the end of the month, he said.\n"
        + AFTER
    )
    result = fixed(text, config=DEFAULT_QUO, unsafe=True)
    assert "\u201cWe will sign it before the end of the month\u201d, he said." in result


@pytest.mark.parametrize(
    ("damaged", "where"),
    [
        # A name in title case, a lower-case word beyond it: the bounds are seen.
        (
            "Japan calls these islands the Four Northern Islands\u201d, Russia calls them the "
            "\u201cSouth Kuril Islands\u201d.",
            "the \u201cFour Northern Islands\u201d,",
        ),
        # A term of a list of quoted terms: the lost mark goes at the connector.
        (
            "It is neither feasible nor detrimental to regard China\u2019s economic development "
            "as a \u201cthreat or \u201cchallenge\u201d and disconnect China from the world "
            "economy.",
            "a \u201cthreat\u201d or \u201cchallenge\u201d and",
        ),
        # A term the text quotes in full elsewhere.
        (
            "The second \u201caddition result\u201d of the transfer is to heighten the "
            "sustainability of the fund, and the third \u201caddition result of the transfer is "
            "to add a stabilizer for the capital market.",
            "third \u201caddition result\u201d of",
        ),
    ],
)
def test_a_lost_mark_of_a_quoted_term_is_put_back_where_its_bounds_show(
    damaged: str, where: str
) -> None:
    text = BEFORE + damaged + "\n" + AFTER
    (finding,) = findings(text, config=DEFAULT_QUO)
    assert finding.code == "QUO001"
    assert finding.fix is not None and finding.fix.applicability is Applicability.UNSAFE
    assert where in fixed(text, config=DEFAULT_QUO, unsafe=True)


@pytest.mark.parametrize(
    "line",
    [
        # A quoted term lost a mark and nothing bounds it: where it ended cannot be known.
        "Only when all parties act in the same direction can a balanced development "
        "environment be created, and the \u201ccake of development will be made bigger.",
        # A colon inside the name: a title and subtitle, or a label and a name?
        "The plan called Special: Love Plus\u201d opened on Monday.",
        # One capitalized word may be a quoted sentence's first.
        "Tarot cards are widely available and cheap. \u201cIf I see a deck on sale, I buy it, "
        "Kaplan, an avid collector, told us.",
    ],
)
def test_a_lost_mark_of_a_quoted_term_gets_no_fix(line: str) -> None:
    text = BEFORE + line + "\n" + AFTER
    (finding,) = findings(text, config=DEFAULT_QUO)
    assert finding.code == "QUO001"
    assert finding.fix is None
