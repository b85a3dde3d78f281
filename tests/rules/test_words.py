"""WRD: non-words, doubled words, stutters, same-stem pairs, capitals mid-sentence, cut words."""

from __future__ import annotations

import csv
import itertools
import random
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from repair import Applicability, Config, check_text, fix_text
from repair.document import Document
from repair.registry import RULES_BY_CODE
from repair.rules.words import (
    _shared,
    doubled,
    fragment,
    is_cut_word,
    looks_like_title,
    phrase,
    repeat_lines,
    stem,
    suggestions,
)
from repair.rules.words.prose import is_headline
from tests.conftest import (
    CLEAN_ARTICLE,
    LIVE_BLOG,
    MT_ARTICLE,
    corpus_text,
    mqm_records,
    require_eval,
)

WRD = Config(select=("WRD",))


def found(text: str, code: str, path: str = "x.txt") -> list[str]:
    """The evidence (text under the span) of each finding of ``code``."""
    config = Config(select=(code,))
    return [text[f.start : f.end] for f in check_text(text, config=config, path=path)]


# The MT article --------------------------------------------------------------------------


def test_mt_article_stutter_and_same_stem_pair_are_flagged() -> None:
    text = corpus_text(MT_ARTICLE)
    assert found(text, "WRD003") == ["he\u201d, he \u201c, he\u201d, he"]
    assert found(text, "WRD004") == ["strategy strategist"]


def test_mt_article_capitalized_function_words() -> None:
    text = corpus_text(MT_ARTICLE)
    findings = check_text(text, config=Config(select=("WRD005",)))
    assert [text[f.start : f.end] for f in findings] == ["The", "Only"]
    assert all(f.fix and f.fix.applicability is Applicability.UNSAFE for f in findings)
    fixed = fix_text(text, config=Config(select=("WRD005",)), unsafe=True).text
    assert "stateing it the return" in fixed and "At the moment only 23" in fixed
    assert fix_text(text, config=Config(select=("WRD005",))).text == text


def test_clean_article_gets_no_word_finding_even_with_default_off_rules() -> None:
    text = corpus_text(CLEAN_ARTICLE)
    assert check_text(text, config=WRD, path=str(CLEAN_ARTICLE)) == []


# WRD001 non-word ------------------------------------------------------------------------


def test_non_word_is_off_by_default_and_suggests_words() -> None:
    assert RULES_BY_CODE["WRD001"].default is False
    line = "stunning Ukraine and its allies, stateing it The return to the borders"
    (finding,) = check_text(line, config=Config(select=("WRD001",)))
    assert finding.message.startswith('Non-word "stateing" (did you mean "stating"')
    assert suggestions("stateing")[0] == ("stating", 1)


def test_non_word_fix_only_when_one_suggestion_is_one_edit_away() -> None:
    (stateing,) = check_text("allies, stateing it", config=Config(select=("WRD001",)))
    assert stateing.fix is not None and stateing.fix.applicability is Applicability.UNSAFE
    text = "its unbelievability towards Europe"
    (unbelievability,) = check_text(text, config=Config(select=("WRD001",)))
    assert unbelievability.fix is None


@pytest.mark.parametrize(
    "line",
    [
        "Trump got involved, and Moscow and Kijiw may require it.",  # capitalized: a name
        "peace talksAnd that he instructed officials",  # glued words are GLU's
        "He said in the comments e-mail, at www.example.com today.",
        "He doesn't think the well-known ex-minister will return.",
    ],
)
def test_non_word_leaves_names_compounds_and_urls_alone(line: str) -> None:
    assert found(line, "WRD001") == []


# WRD002 doubled word --------------------------------------------------------------------


def test_doubled_word_is_flagged_with_an_unsafe_fix() -> None:
    line = (
        "created an opportunity for increased investment for those member member governments"
        " that can afford it."
    )
    assert found(line, "WRD002") == ["member member"]
    fixed = fix_text(line, config=Config(select=("WRD002",)), unsafe=True).text
    assert "those member governments" in fixed
    assert fix_text(line, config=Config(select=("WRD002",))).text == line


@pytest.mark.parametrize(
    "line",
    [
        "He said that that was not the deal.",
        "She had had enough of the talks.",
        "The wine comes from Walla Walla in Washington.",
        "They said no, no, no to the plan.",
    ],
)
def test_doubled_word_spares_legitimate_doubles(line: str) -> None:
    assert found(line, "WRD002") == []


def applicability(text: str, code: str) -> list[Applicability | None]:
    config = Config(select=(code,))
    return [f.fix.applicability if f.fix else None for f in check_text(text, config=config)]


def test_doubled_word_is_safe_only_for_words_grammar_never_doubles() -> None:
    line = "the latest monetary easing measures of the the European Central Bank"
    assert applicability(line, "WRD002") == [Applicability.SAFE]
    assert fix_text(line, config=Config(select=("WRD002",))).text == line.replace("the the", "the")
    # A capital may start a name: "the The Hague" is not certainly a slip.
    assert applicability("at the The Hague summit", "WRD002") == [Applicability.UNSAFE]


@pytest.mark.parametrize(
    ("line", "evidence"),
    [
        ("an open, inclusive, inclusive, balanced and win-win environment", "inclusive, inclusive"),
        ("the creation of garbage sorting songs, songs, comics, micro-videos", "songs, songs"),
    ],
)
def test_doubled_word_with_a_comma_on_mt_output(line: str, evidence: str) -> None:
    assert found(line, "WRD002") == [evidence]
    assert applicability(line, "WRD002") == [Applicability.UNSAFE]
    fixed = fix_text(line, config=Config(select=("WRD002",)), unsafe=True).text
    assert fixed == line.replace(evidence, evidence.split(",")[0])


@pytest.mark.parametrize(
    "line",
    [
        "It was a big, big deal for the alliance.",  # emphasis: data/words-emphatic.txt
        "with the cloud computing power behind it, it can quickly convert infrared images",
        "organized by other teachers, parents, parents' committees, etc.",
        "pursues a mutually beneficial and win-win, win-win strategy",  # a compound's half
        "Go, go, go, go, she shouted.",  # a run of copies is WRD003's
        "enemies becoming friends, friends becoming lovers, lovers becoming caretakers",
    ],
)
def test_doubled_word_with_a_comma_spares_emphasis_and_clause_ends(line: str) -> None:
    assert found(line, "WRD002") == []


@pytest.mark.parametrize(
    ("line", "fixed"),
    [
        (
            "Over 230 flower varieties were used in the, the flower beds, including 16 kinds.",
            "Over 230 flower varieties were used in the flower beds, including 16 kinds.",
        ),
        (
            "and their contribution to the, the world.",
            "and their contribution to the world.",
        ),
    ],
)
def test_doubled_determiner_with_a_comma_is_removed_by_the_safe_fix(line: str, fixed: str) -> None:
    assert applicability(line, "WRD002") == [Applicability.SAFE]
    assert fix_text(line, config=Config(select=("WRD002",))).text == fixed


def test_doubled_determiner_with_a_comma_in_a_quotation_stays_unsafe() -> None:
    line = "\u201cIt is the, the truth,\u201d she said."  # a speaker may falter so
    assert applicability(line, "WRD002") == [Applicability.UNSAFE]
    assert found("My, my, how the harbour has grown.", "WRD002") == []


def test_doubled_word_leaves_formulas_and_tables_alone() -> None:
    assert found("The condition x i i = 0 holds for every row.", "WRD002") == []
    assert found("Beijing\t12\t12\t4", "WRD002") == []
    assert found("The condition holds for every every row.", "WRD002") == ["every every"]
    assert found("reach over a 5,000-word word count, and hit publish.", "WRD002") == []


# WRD003 repeated fragment ---------------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    ['"No, no, no," she said, and he laughed.', "It was a long, long, long day."],
)
def test_repeated_fragment_spares_emphasis(line: str) -> None:
    assert found(line, "WRD003") == []


@pytest.mark.parametrize(
    "line",
    [
        "    .netmask: IPv6Address('ffff:ffff:ffff:ffff:ffff:ffff:ffff:fff0')",
        "A string, 'x:x:x:x:x:x:d.d.d.d', where the 'x's are the hexadecimal values.",
        "Assuming the text is of the form NAME.NAME....[NAME], and is evaluable.",
    ],
)
def test_repeated_fragment_leaves_addresses_and_placeholders_alone(line: str) -> None:
    assert found(line, "WRD003") == []


def test_repeated_fragment_counts_plain_runs_from_four_copies() -> None:
    assert found("and we, we, we agreed", "WRD003") == []
    assert found("and we, we, we, we agreed", "WRD003") == ["we, we, we, we"]


def test_repeated_fragment_safe_fix_keeps_one_copy_of_a_quoted_stutter() -> None:
    line = "expensive exercise, \u201che\u201d, he \u201c, he\u201d, he is expensive exercise."
    assert applicability(line, "WRD003") == [Applicability.SAFE]
    fixed = fix_text(line, config=Config(select=("WRD003",))).text
    assert fixed == "expensive exercise, \u201che is expensive exercise."


@pytest.mark.parametrize(
    "line",
    [
        "around 5,000 older IR-1 centrifuges at Natanz (Natanz, Natanz) to accumulate uranium",
        "He\u201d, he \u201c, he said",  # copies written differently
    ],
)
def test_repeated_fragment_fix_is_unsafe_with_brackets_or_mixed_case(line: str) -> None:
    assert applicability(line, "WRD003") == [Applicability.UNSAFE]


# WRD004 same stem -----------------------------------------------------------------------


def test_same_stem_words_on_mt_output() -> None:
    line = "to comprehensively upgrade the landscaping landscape and create a festive atmosphere."
    assert found(line, "WRD004") == ["landscaping landscape"]


@pytest.mark.parametrize(
    "line",
    [
        "enterprises producing products for export",  # a stem of six letters: too short
        "the national nationwide campaign",  # stem "nation" covers too little
        "the strategy, strategists said, had failed",  # punctuation between
    ],
)
def test_same_stem_words_needs_a_long_shared_stem(line: str) -> None:
    assert found(line, "WRD004") == []


# WRD005 capitalized function word -------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "a senior NATO official told The Moscow Times on condition of anonymity.",
        "at NATO's forthcoming summit in The Hague, slated for June 24-26.",
        "said vice premier He stressed the point.",  # "He" is a surname; not in the list
        "Blain said, adding: The peace will be a problem of Europe.",
        "Europe has left Trump with the aforementioned\nIt seems that the allies",
    ],
)
def test_capitalized_function_word_spares_names_and_sentence_starts(line: str) -> None:
    assert found(line, "WRD005") == []


@pytest.mark.parametrize(
    "line",
    [
        "Online Sales During Singles Day Hit a Record High of Over 100 Billion",
        "Exports Rise by Over 20 Percent in the First Quarter",
    ],
)
def test_capitalized_function_word_spares_title_case_headlines(line: str) -> None:
    assert is_headline(line)
    assert found(line, "WRD005") == []
    # The same words in a sentence are reported: the headline test is what spares them.
    sentence = "Sales of the new phones rose by Over 20 percent in the first quarter."
    assert not is_headline(sentence) and found(sentence, "WRD005") == ["Over"]


def test_capitalized_function_word_spares_a_house_style_used_three_times() -> None:
    text = (
        "The contributor grants You a licence.\nThe licence ends if You fail to comply.\n"
        "It limits no rights that You have under the law.\n"
    )
    assert found(text, "WRD005") == []
    assert found("The contributor grants You a licence.\n", "WRD005") == ["You"]


def test_capitalized_function_word_leaves_glued_words_to_glu() -> None:
    """A glued join needs a sentence end (GLU's fix), never a small letter."""
    line = "Turnout was low in the electionsBut the party won a majority of seats."
    assert found(line, "WRD005") == []
    assert found("Turnout was low in the elections. But the party won.", "WRD005") == []


def test_capitalized_function_word_leaves_a_stuttered_phrase_to_wrd007() -> None:
    line = "The engagement The engagement photo was taken by her sister."
    assert found(line, "WRD005") == []
    assert found(line, "WRD007") == ["The engagement The engagement"]


# WRD006 cut word ------------------------------------------------------------------------


def test_live_blog_teaser_cut_mid_word() -> None:
    text = corpus_text(LIVE_BLOG)
    assert found(text, "WRD006") == ["th"]  # the last line's "W" is STR004's


@pytest.mark.parametrize(
    "text",
    [
        "US Defense Secretary's Pivotal NATO Visit Amid Ukraine W\nThe next line.\n",
        "He fought alongside his allies in the war of\n\nThe next line.\n",
    ],
)
def test_cut_word_needs_a_sentence_and_a_fragment(text: str) -> None:
    assert found(text, "WRD006") == []


def test_cut_word_helpers() -> None:
    assert is_cut_word("th") and is_cut_word("W") and is_cut_word("governm")
    assert not is_cut_word("of") and not is_cut_word("Hegs") and not is_cut_word("I")
    assert looks_like_title("NATO command") and not looks_like_title(
        "that the allies of Ukraine in Europe were blind"
    )


# WRD007 repeated phrase -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "fixed"),
    [
        (
            "Alibaba Cloud founder Wang Jian said that said that data-centric computing grew.",
            "Alibaba Cloud founder Wang Jian said that data-centric computing grew.",
        ),
        (
            "They agreed in the end, in the end, to meet again in Brussels.",
            "They agreed in the end, to meet again in Brussels.",
        ),
        (
            "food supplied in the Mainland, as well as well as measures to ensure food safety",
            "food supplied in the Mainland, as well as measures to ensure food safety",
        ),
        (
            "Wang Yi said that over the past 70 years, the past 70 years, the people worked hard.",
            "Wang Yi said that over the past 70 years, the people worked hard.",
        ),
        (
            "the call of their delegates in Hong Kong Hong Kong represents interference",
            "the call of their delegates in Hong Kong represents interference",
        ),
        (
            # No clause ends in "the": the comma is the stutter's.
            "According to the, to the White Paper on Cloud Computing, the market grew.",
            "According to the White Paper on Cloud Computing, the market grew.",
        ),
        (
            # The copy runs on, but no clause opened before it could end at the comma.
            "The testing of driverless vehicles is, vehicles is going to expand to cities.",
            "The testing of driverless vehicles is going to expand to cities.",
        ),
        (
            "China has dispatched troops, dispatched troops to eight United Nations Missions.",
            "China has dispatched troops to eight United Nations Missions.",
        ),
    ],
)
def test_repeated_phrase_is_removed_by_the_safe_fix(line: str, fixed: str) -> None:
    assert applicability(line, "WRD007") == [Applicability.SAFE]
    assert fix_text(line, config=Config(select=("WRD007",))).text == fixed


@pytest.mark.parametrize(
    "line",
    [
        # After a comma the copy runs on: "the report of the Agency" may be meant.
        "According to the report, the report of the International Atomic Energy Agency",
        'the dairy industry innovation" five major upgrade " five major upgrade "plan.',
        "in the end in the end in the end we won",  # a third copy
        "In the end, in the end, the ministers agreed.",  # "Let it be, let it be" opens so
        "Anna Kowalska / Bloomberg via Getty Images via Getty Images",  # a credit line
        # Inside a quotation a speaker repeats on purpose.
        'She told him: "You have to keep going, keep going." He did.',
        "\u201cFor us it is over, it is over,\u201d the coach said after the final whistle.",
        # The copy runs on into a longer name: "the House Judiciary Committee" may be meant.
        "The bill was passed by the House by the House Judiciary Committee's members.",
        # After a comma the first copy may close a fronted phrase or clause ...
        "In the city, the city council voted on Tuesday to close the old port.",
        "When the weight of the paperwork equals the weight of the plane, the plane will fly.",
        "Given the rules, the rules committee met again on Friday.",
        "He who knows nothing, knows nothing.",
        # ... or the copy open a clause of its own or a chain.
        "She needed a man, a man who wouldn't shift from his views.",
        "Recognize the good in the bad, the bad in the worst, and so grow gently old.",
        "Because I do, Because I do not hope to turn again",
    ],
)
def test_repeated_phrase_fix_is_unsafe_where_the_evidence_is_not_certain(line: str) -> None:
    assert applicability(line, "WRD007") == [Applicability.UNSAFE]
    assert fix_text(line, config=Config(select=("WRD007",))).text == line


@pytest.mark.parametrize(
    "line",
    [
        "Prices rose again and again and again, more and more and more steeply.",
        "The protesters marched day after day after day until the law was withdrawn.",
        "Little by little by little, the town rebuilt its harbour.",
        "The band closed the concert with \u201cNew York, New York\u201d and left.",
        "Crowds chanted \u201clock her up, lock her up\u201d outside the hall.",
        "Since the 18th National Congress of the CPC, the CPC Central Committee has acted.",
        "The clock went tick tock tick tock through the night.",
        "He kept saying thank you, thank you.",
        "The condition a b c a b c = 0 holds for every row.",
    ],
)
def test_repeated_phrase_spares_intentional_repetition(line: str) -> None:
    assert found(line, "WRD007") == []


def test_repeated_phrase_safe_fix_restores_injected_stutters_in_references() -> None:
    """Stutters of 2 to 4 words (a space or a comma between) injected into the human
    references: the safe fix gives back the reference or leaves the line as it is, never
    a third text, and it restores most of them."""
    path = require_eval("mqm-zhen/references.tsv")
    with path.open(encoding="utf-8") as stream:
        lines = [row[c] for row in csv.DictReader(stream, delimiter="\t") for c in ("Human-A",)]
    rng = random.Random(20)
    config = Config(select=("WRD007",))
    injected = restored = 0
    for line in lines:
        words = list(re.finditer(r"(?<![\w'\u2019-])[A-Za-z]+(?![\w'\u2019-])", line))
        size = rng.randint(2, 4)
        if len(words) <= size:
            continue
        first = rng.randrange(len(words) - size)
        run = words[first : first + size]
        if any(line[a.end() : b.start()] != " " for a, b in itertools.pairwise(run)):
            continue
        start, end = run[0].start(), run[-1].end()
        damaged = line[:end] + rng.choice((" ", ", ")) + line[start:end] + line[end:]
        fixed = fix_text(damaged, config=config).text
        assert fixed in (line, damaged), damaged
        injected += 1
        restored += fixed == line
    assert injected > 200 and restored / injected > 0.6


_PIECES = st.sampled_from(
    [
        "the",
        "The",
        "end",
        "in",
        "70",
        "year-old",
        "it's",
        " ",
        " ",
        ", ",
        "\u201c",
        "\u201d",
        ".",
        "(",
        "\n",
    ]
)


@settings(derandomize=True, max_examples=400, deadline=None)
@given(text=st.lists(_PIECES, max_size=24).map("".join))
def test_repeated_phrase_line_prefilter_misses_no_match(text: str) -> None:
    """The pattern is run only on lines the prefilter passes: it must pass every line where
    the pattern matches."""
    for line in text.split("\n"):
        if phrase._REPEATED_PHRASE.search(line):
            assert repeat_lines.lines_that_may_hold_a_repeat(line) == [0], line


@settings(derandomize=True, max_examples=200, deadline=None)
@given(
    words=st.lists(
        st.sampled_from(["talks", "said", "that", "minister", "budget", "rose", "of", "the"]),
        min_size=2,
        max_size=4,
        unique=True,
    )
)
def test_a_phrase_written_twice_with_a_space_is_written_once_by_the_safe_fix(
    words: list[str],
) -> None:
    copy = " ".join(words)
    text = f"Officials {copy} {copy} on Monday.\n"
    assert fix_text(text, config=Config(select=("WRD",))).text == f"Officials {copy} on Monday.\n"


# Precision on clean references and MT ---------------------------------------------------


def test_default_word_rules_are_nearly_silent_on_human_references() -> None:
    path = require_eval("mqm-zhen/references.tsv")
    with path.open(encoding="utf-8") as stream:
        rows = list(csv.DictReader(stream, delimiter="\t"))
    words = findings = 0
    for row in rows:
        for column in ("Human-A", "Human-B"):
            words += len(row[column].split())
            findings += len(
                check_text(row[column], config=Config(select=("WRD",), ignore=("WRD001",)))
            )
    assert 1000 * findings / words < 0.2


def test_stutter_findings_on_mt_overlap_human_error_spans() -> None:
    """Doubled words and repeated phrases in MT output are errors the MQM raters marked."""
    config = Config(select=("WRD002", "WRD007"))
    total = hits = 0
    for record in mqm_records():
        if str(record["system"]).startswith("Human"):
            continue
        errors = record["errors"]
        assert isinstance(errors, list)
        spans = [(e["start"], e["end"]) for e in errors if e["start"] is not None]
        for finding in check_text(str(record["target"]), config=config):
            total += 1
            hits += any(s <= finding.end and finding.start <= e for s, e in spans)
    assert total >= 30 and hits / total >= 0.9


def test_stem_and_capital_findings_on_mt_mostly_overlap_human_error_spans() -> None:
    config = Config(select=("WRD004", "WRD005"))
    total = hits = 0
    for record in mqm_records():
        if str(record["system"]).startswith("Human"):
            continue
        target = str(record["target"])
        errors = record["errors"]
        assert isinstance(errors, list)
        spans = [(e["start"], e["end"]) for e in errors if e["start"] is not None]
        for finding in check_text(target, config=config):
            total += 1
            hits += any(s <= finding.end and finding.start <= e for s, e in spans)
    assert total >= 10 and hits / total >= 0.8


@pytest.mark.parametrize(
    "text",
    [
        "the the end",
        "(The THE) end",
        "x-the the",
        "\u0130t it",
        "he\u201d, he \u201c, he\u201d, he",
        "a quantum strategy strategist.",
        "caf\u00e9the the",
        "the_the the",
    ],
)
def test_repeat_prefilter_finds_what_the_patterns_find(text: str) -> None:
    """WRD002 and WRD003 try their patterns only at the prefilter's word starts (WRD004 too,
    where a pair shares a stem of seven letters)."""
    doc = Document.from_text(text)
    starts = set(_shared.repeat_starts(doc))
    for pattern in (doubled._DOUBLED, fragment._REPEATED_FRAGMENT):
        assert {match.start() for match in pattern.finditer(text)} <= starts
        found = _shared.matches_at(pattern, text, sorted(starts))
        assert [m.span() for m in found] == [m.span() for m in pattern.finditer(text)]
    stems = [m for m in stem._WORD_PAIR.finditer(text) if m[1][:7] == m[2][:7]]
    assert {match.start() for match in stems} <= starts
