"""Language detection and English-only rules: other languages pass through untouched."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from repair import Config, check_text, fix_text
from repair.cli import main
from repair.cli_score import score
from repair.errors import ConfigError
from repair.language import detect_language
from repair.registry import ALL_RULES
from tests.conftest import CORPUS, FIXTURES, require_eval

LANGUAGES = FIXTURES / "languages" / "clean"
SAMPLES = {"de-news.txt": "German", "fr-news.txt": "French", "zh-news.txt": "Chinese"}
# German quotes that English rules rewrite, on a line long enough to be told German.
GERMAN = "„Handwerk bringt dich überall hin“, sagte die Präsidentin der Kammer am Dienstag.\n"


@pytest.mark.parametrize("name", SAMPLES)
def test_sample_documents_are_detected(name: str) -> None:
    text = (LANGUAGES / name).read_text(encoding="utf-8")
    assert detect_language(text) == name[:2]


def test_fix_leaves_german_french_and_chinese_byte_identical_with_one_notice_each(
    tmp_path: Path,
) -> None:
    for name in SAMPLES:
        shutil.copy(LANGUAGES / name, tmp_path / name)
    result = CliRunner().invoke(main, ["fix", "--isolated", "--no-cache", str(tmp_path)])
    assert result.exit_code == 0, result.output
    for name, language in SAMPLES.items():
        assert (tmp_path / name).read_bytes() == (LANGUAGES / name).read_bytes()
        notice = f"notice: {tmp_path / name}: not English ({language}, detected)"
        assert result.stderr.count(notice) == 1, result.stderr


def test_english_rules_still_fix_english_text() -> None:
    assert (
        fix_text("He said \u201ehello\u201c to them.").text != "He said \u201ehello\u201c to them."
    )


def test_language_setting_overrides_detection(tmp_path: Path) -> None:
    assert check_text(GERMAN) == []  # detected German
    # Told it is English, the English quote rules run on it.
    assert any(f.code.startswith("QUO") for f in check_text(GERMAN, config=Config(language="en")))
    # Told it is German, a short line too short to detect is left alone.
    short = "„Handwerk bringt dich überall hin“\n"
    assert fix_text(short).text != short
    assert fix_text(short, config=Config(language="de")).text == short


def test_language_from_the_config_file_and_per_file_settings(tmp_path: Path) -> None:
    short = "„Handwerk bringt dich überall hin“\n"
    (tmp_path / "de").mkdir()
    (tmp_path / "de" / "motto.txt").write_text(short, encoding="utf-8")
    (tmp_path / "en.txt").write_text(short, encoding="utf-8")
    (tmp_path / "repair.toml").write_text('[per-file-language]\n"de/*" = "de"\n', encoding="utf-8")
    result = CliRunner().invoke(main, ["fix", "--no-cache", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "de" / "motto.txt").read_text(encoding="utf-8") == short
    assert (tmp_path / "en.txt").read_text(encoding="utf-8") != short
    assert "not English (German, set in the settings)" in result.stderr

    german = tmp_path / "german"  # another folder: settings are discovered once per folder
    german.mkdir()
    (german / "repair.toml").write_text('language = "de"\n', encoding="utf-8")
    (german / "motto.txt").write_text(short, encoding="utf-8")
    result = CliRunner().invoke(main, ["fix", "--no-cache", str(german / "motto.txt")])
    assert result.exit_code == 0, result.output
    assert (german / "motto.txt").read_text(encoding="utf-8") == short


@pytest.mark.parametrize("value", ["german", "e", 3, "en_US"])
def test_a_bad_language_is_a_config_error(value: object) -> None:
    with pytest.raises(ConfigError, match="language must be 'auto' or a language code"):
        Config().with_options({"language": value})


def test_language_codes_are_lowercased_and_auto_is_the_default() -> None:
    assert Config().language == "auto"
    assert Config().with_options({"language": "EN-GB"}).language == "en-gb"


def test_only_encoding_rules_hold_in_every_language() -> None:
    neutral = sorted(rule.code for rule in ALL_RULES if not rule.english_only)
    assert neutral == sorted(rule.code for rule in ALL_RULES if rule.family == "ENC")


def test_mojibake_in_german_is_still_repaired() -> None:
    damaged = GERMAN.encode("utf-8").decode("cp1252", errors="replace")
    fixed = fix_text(damaged).text
    assert "überall" in fixed and "Ã" not in fixed


def test_a_chinese_source_is_not_scored(tmp_path: Path) -> None:
    source = tmp_path / "zh-news.txt"
    shutil.copy(LANGUAGES / "zh-news.txt", source)
    result = CliRunner().invoke(score, ["--isolated", "--output-format", "json", str(source)])
    assert result.exit_code == 0, result.output
    (record,) = json.loads(result.stdout)
    assert record["skipped"].startswith("not English (Chinese, detected)")
    assert "score_before" not in record


def _english_texts() -> list[tuple[str, str]]:
    """Every human reference segment and English document of ../shared/eval/mqm-zhen, and
    every paragraph of the sample corpus: clean English, short lines included."""
    folder = require_eval("mqm-zhen")
    texts = []
    with (folder / "references.tsv").open(encoding="utf-8", newline="") as stream:
        for row in csv.DictReader(stream, delimiter="\t"):
            texts += [(f"{row['doc']}:{row['seg_id']}:{h}", row[h]) for h in ("Human-A", "Human-B")]
    for path in sorted((folder / "docs").glob("*.txt")):
        if not path.name.endswith(".src.txt"):
            texts.append((path.name, path.read_text(encoding="utf-8")))
    for path in sorted(CORPUS.glob("*.*")):
        if path.suffix in (".txt", ".md"):
            text = path.read_text(encoding="utf-8")
            texts.append((path.name, text))
            texts += [(f"{path.name}:{i}", p) for i, p in enumerate(text.split("\n")) if p]
    return texts


def test_no_english_text_is_taken_for_another_language() -> None:
    texts = _english_texts()
    assert len(texts) > 1000
    wrong = [
        (name, language) for name, text in texts if (language := detect_language(text)) != "en"
    ]
    assert wrong == []


def test_the_chinese_sources_are_chinese() -> None:
    sources = sorted((require_eval("mqm-zhen") / "docs").glob("*.src.txt"))
    assert sources
    assert {detect_language(p.read_text(encoding="utf-8")) for p in sources} == {"zh"}


def test_the_notice_is_said_again_when_the_cache_answers(tmp_path: Path) -> None:
    shutil.copy(LANGUAGES / "de-news.txt", tmp_path / "de-news.txt")
    notice = f"notice: {tmp_path / 'de-news.txt'}: not English (German, detected)"
    for _ in range(2):  # the second run is answered by the cache, or replayed
        result = CliRunner().invoke(main, ["check", "--isolated", str(tmp_path)])
        assert result.exit_code == 0, result.output
        assert result.stderr.count(notice) == 1, result.stderr


def test_each_record_of_a_corpus_gets_its_notice(tmp_path: Path) -> None:
    corpus = tmp_path / "news.jsonl"
    texts = [(LANGUAGES / "de-news.txt").read_text(encoding="utf-8"), GERMAN, "Talks resumed."]
    corpus.write_text("".join(json.dumps({"text": t}) + "\n" for t in texts), encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "--isolated", str(corpus)])
    assert result.exit_code == 0, result.output
    assert f"notice: {corpus}[1]: not English (German, detected)" in result.stderr
    assert f"notice: {corpus}[2]: not English (German, detected)" in result.stderr
    assert f"{corpus}[3]" not in result.stderr


def test_rules_say_which_languages_a_rule_checks() -> None:
    result = CliRunner().invoke(main, ["rules", "QUO004"])
    assert "; English text only" in result.stdout
    result = CliRunner().invoke(main, ["rules", "ENC002"])
    assert "; text in any language" in result.stdout
    result = CliRunner().invoke(main, ["rules", "--output-format", "json"])
    by_code = {rule["code"]: rule["english_only"] for rule in json.loads(result.stdout)}
    assert by_code["ENC002"] is False and by_code["WRD002"] is True


MIXED = (
    "The minister quoted the motto of the campaign in German at the fair on Tuesday.\n\n"
    + GERMAN
    + "\nShe said that the the campaign would run until May.\n"
)


def test_a_paragraph_in_another_language_gets_no_english_fix() -> None:
    fixed = fix_text(MIXED, unsafe=True).text
    assert GERMAN in fixed  # the German quotation keeps its „…“
    assert "that the campaign" in fixed  # the English paragraph is fixed all the same
    assert all(f.code != "QUO004" for f in check_text(MIXED))


def test_declared_english_every_paragraph_is_english() -> None:
    findings = check_text(MIXED, config=Config(language="en"))
    assert any(f.code == "QUO004" for f in findings)


def test_no_english_paragraph_of_the_sample_corpus_is_taken_for_another_language() -> None:
    from repair.document import Document
    from repair.language import in_other_language

    for path in sorted(CORPUS.glob("*.*")):
        if path.suffix in (".txt", ".md"):
            doc = Document.from_text(path.read_text(encoding="utf-8"), path=str(path))
            wrong = [p for p in doc.paragraphs if in_other_language(doc, p.start)]
            assert wrong == [], [doc.text[p.start : p.end] for p in wrong]


@pytest.mark.parametrize(
    "text",
    [
        "Привет мир, это тест большого текста \udcff и ещё немного слов\n",
        "Der Bürgermeister sagte am Montag \udcff, dass die Stadt neue Wohnungen baut und "
        "die Mieten sinken sollen, wie er gegenüber der Zeitung erklärte.\n",
    ],
    ids=["other-script", "latin"],
)
def test_a_lone_surrogate_does_not_fail_language_detection(text: str) -> None:
    """Text decoded with ``surrogateescape`` holds lone surrogates, which lingua (UTF-8
    only) refused: the check failed. Detection reads them as U+FFFD."""
    assert detect_language(text) == detect_language(text.replace("\udcff", "\ufffd"))
    assert detect_language(text) != "en"
    check_text(text)  # raised UnicodeEncodeError
    fix_text(text)
