"""The CLI through click's CliRunner: exit codes, output formats, stdin, diff, errors."""

from __future__ import annotations

import functools
import json
import shutil
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from repair.cli import main
from tests.conftest import CLEAN_ARTICLE, CORPUS, MARKDOWN_ARTICLE


def run(*args: str, stdin: bytes | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), input=stdin)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def damaged(tmp_path: Path) -> Path:
    path = tmp_path / "damaged.txt"
    path.write_text("AT&amp;T said it&#39;s ready.\nSecond line.\n", encoding="utf-8")
    return path


def test_check_prints_path_line_col_code_message_and_exits_1(damaged: Path) -> None:
    code, out, _ = run("check", "--isolated", str(damaged))
    assert code == 1
    assert f'{damaged}:1:3: ENC005 HTML entity "&amp;" in plain text [*]' in out.splitlines()
    assert "Found 2 finding(s) in 1 of 1 file(s) (2 fixable with `repair fix`)." in out


def test_check_clean_article_exits_0() -> None:
    code, out, _ = run("check", str(CLEAN_ARTICLE))
    assert code == 0 and "All clean: 1 file(s) checked." in out


def test_check_whole_corpus_runs_and_reports() -> None:
    code, out, err = run("check", str(CORPUS))
    assert code == 1
    # LT not selected: not a word about LanguageTool.
    assert err == ""
    assert "moscow-times-nato-week.scraped.md" in out


def test_selected_grammar_checks_without_a_server_say_so_once() -> None:
    code, out, err = run("check", "--extend-select", "LT", str(CORPUS))
    assert code == 1
    assert err.count("notice: grammar checks (LT) skipped") == err.count("\n") == 1
    assert "LT001" not in out


def test_json_output_shape(damaged: Path) -> None:
    code, out, _ = run("check", "--isolated", "--output-format", "json", str(damaged))
    assert code == 1
    records = json.loads(out)
    assert records[0] == {
        "path": str(damaged),
        "line": 1,
        "column": 3,
        "end_line": 1,
        "end_column": 8,
        "code": "ENC005",
        "message": 'HTML entity "&amp;" in plain text',
        "severity": "warning",
        "fix": {
            "applicability": "safe",
            "title": 'Replace with "&"',
            "edits": [{"start": 2, "end": 7, "replacement": "&"}],
        },
    }


def test_github_output(damaged: Path) -> None:
    _, out, _ = run("check", "--isolated", "--output-format", "github", str(damaged))
    assert out.splitlines()[0] == (
        f"::warning file={damaged},line=1,col=3,endLine=1,endColumn=8,title=ENC005"
        '::ENC005 HTML entity "&amp;" in plain text'
    )


def test_check_reads_stdin() -> None:
    code, out, _ = run("check", "--isolated", "-", stdin=b"AT&amp;T\n")
    assert code == 1 and out.startswith("-:1:3: ENC005")


def test_fix_stdin_writes_fixed_text_to_stdout() -> None:
    result = CliRunner().invoke(main, ["fix", "--isolated", "-"], input=b"AT&amp;T\r\n")
    assert result.exit_code == 0 and result.stdout_bytes == b"AT&T\r\n"


def test_fix_diff_writes_nothing_and_exits_1(damaged: Path) -> None:
    before = damaged.read_bytes()
    code, out, _ = run("fix", "--isolated", "--diff", str(damaged))
    assert code == 1
    assert "-AT&amp;T said it&#39;s ready.\n+AT&T said it's ready.\n" in out
    assert damaged.read_bytes() == before


def test_fix_in_place_then_clean(damaged: Path) -> None:
    code, out, _ = run("fix", "--isolated", str(damaged))
    assert code == 0 and "Fixed 2 finding(s) in 1 file(s)." in out
    assert damaged.read_text(encoding="utf-8") == "AT&T said it's ready.\nSecond line.\n"
    assert run("fix", "--isolated", "--diff", str(damaged))[0] == 0


def test_fix_leaves_clean_article_byte_identical(tmp_path: Path) -> None:
    copy = tmp_path / CLEAN_ARTICLE.name
    shutil.copy(CLEAN_ARTICLE, copy)
    for extra in ([], ["--unsafe-fixes"]):
        code, _, _ = run("fix", *extra, str(copy))
        assert code == 0
        assert copy.read_bytes() == CLEAN_ARTICLE.read_bytes()


def test_fix_output_dir_leaves_originals(tmp_path: Path) -> None:
    source = tmp_path / "corpus"
    shutil.copytree(CORPUS, source)
    out = tmp_path / "out"
    run("fix", "--output", str(out), str(source))
    assert (source / MARKDOWN_ARTICLE.name).read_bytes() == MARKDOWN_ARTICLE.read_bytes()
    fixed = (out / MARKDOWN_ARTICLE.name).read_text(encoding="utf-8")
    # The only doubled escape ("\\\\$500Bln") is in a promo line alone between two prose
    # paragraphs, which the default fix removes (SCR003); the article's text stays.
    assert "\\\\$" not in fixed and "Related article" not in fixed
    assert "Bloomberg reported Tuesday." in fixed
    assert sorted(p.name for p in out.iterdir()) == sorted(
        p.name for p in source.iterdir() if p.suffix in (".txt", ".md")
    )


def test_unreadable_files_give_one_line_each_and_exit_2(tmp_path: Path) -> None:
    (tmp_path / "bin.txt").write_bytes(b"\x00\x01\x02")
    (tmp_path / "good.txt").write_text("fine\n", encoding="utf-8")
    (tmp_path / "link.txt").symlink_to(tmp_path / "nowhere")
    code, out, err = run("check", "--isolated", str(tmp_path))
    assert code == 2
    assert [line for line in err.splitlines() if line.startswith("error:")] == [
        f"error: {tmp_path / 'bin.txt'}: binary file (contains NUL bytes), not checked",
        f"error: {tmp_path / 'link.txt'}: broken symbolic link",
    ]
    assert "All clean: 1 file(s) checked." in out


def test_missing_path_is_reported(tmp_path: Path) -> None:
    code, _, err = run("check", str(tmp_path / "nope.txt"))
    assert code == 2 and "no such file" in err


def test_unknown_code_is_a_usage_error() -> None:
    code, _, err = run("check", "--select", "ENC9", str(CLEAN_ARTICLE))
    assert code == 2
    assert err.startswith("error: command line: unknown rule code 'ENC9' in select")


def test_bad_config_file_is_reported_with_its_key(tmp_path: Path) -> None:
    (tmp_path / "repair.toml").write_text('colour = "red"\n', encoding="utf-8")
    (tmp_path / "a.txt").write_text("x\n", encoding="utf-8")
    code, _, err = run("check", str(tmp_path / "a.txt"))
    assert code == 2 and "repair.toml: unknown key 'colour'" in err


def test_rules_lists_and_explains() -> None:
    code, out, _ = run("rules")
    assert code == 0 and "ENC002 [*]  mojibake" in out
    code, out, _ = run("rules", "ENC006")
    assert code == 0 and out.startswith("ENC006 markdown-double-escape")
    assert "Fix safety:" in out
    code, _, err = run("rules", "XYZ001")
    assert code == 2 and "unknown rule" in err


def test_no_colour_when_not_a_terminal(damaged: Path) -> None:
    _, out, _ = run("check", "--isolated", str(damaged))
    assert "\x1b[" not in out


def test_help_names_defaults() -> None:
    _, out, _ = run("fix", "--help")
    out = " ".join(out.split())
    assert "Default: safe fixes only" in out and "Default: fix files in place" in out


SHARED_OPTIONS = (
    "--config",
    "--isolated",
    "--select",
    "--extend-select",
    "--ignore",
    "--entities",
    "--quote-style",
    "--output-encoding",
    "--text-field",
    "--jobs",
    "--no-cache",
    "--verbose",
)


@pytest.mark.parametrize("command", ["check", "fix", "score", "report"])
def test_commands_share_the_settings_and_explain_every_option(command: str) -> None:
    found = main.get_command(click.Context(main), command)  # score and report load lazily
    assert found is not None
    options = [p for p in found.params if isinstance(p, click.Option)]
    names = {name for option in options for name in option.opts}
    assert set(SHARED_OPTIONS) <= names
    assert all(option.help for option in options), [o.opts for o in options if not o.help]
    code, out, _ = run(command, "--help")
    assert code == 0
    assert all(name in out for name in SHARED_OPTIONS)


def test_library_imports_without_click() -> None:
    code = "import sys, repair; print(repair.fix_text('AT&amp;T').text, 'click' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "AT&T False"


def test_corpus_config_brings_its_entity_list() -> None:
    _, out, _ = run("check", "--no-cache", str(CORPUS))
    assert 'NAM003 Misspelled name "Kijiw": "Kyiv" (Kyiv, place)' in out


def test_entities_commands_are_reachable() -> None:
    code, out, _ = run("entities", "check", str(CORPUS / "entities.toml"))
    assert code == 0, out


@pytest.mark.parametrize("output_format", ["text", "json", "github"])
def test_a_second_check_prints_what_the_first_did_without_reading_a_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, output_format: str
) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS, corpus, ignore=shutil.ignore_patterns("*.toml"))
    monkeypatch.setattr("repair.cache._RACY_NS", -1)  # trust files written a moment ago
    args = ["check", "--isolated", "--jobs", "1", "--output-format", output_format, str(corpus)]
    first = run(*args)

    def no_read(path: Path) -> object:
        raise AssertionError(f"{path} was read again")

    monkeypatch.setattr("repair.api.read_bytes_and_status", no_read)
    monkeypatch.setattr("repair.api.read_bytes", no_read)
    # As a second process would: the folder index and the entries come from disk.
    from repair.cache import _cache_in

    monkeypatch.setattr("repair.cache._cache_in", functools.lru_cache(_cache_in.__wrapped__))
    second = run(*args)
    assert second == first
    assert first[0] == 1 and first[1].count(str(corpus)) > 50


def test_names_are_compared_across_files_with_the_entity_list_of_their_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`repair check corpus/` from above the corpus uses corpus/repair.toml's entity list
    for NAM004 across files, as it does for each file."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "entities.toml").write_text(
        '[[entity]]\nname = "Volodymyr Zelenskyy"\naliases = ["Zelenskyy", "Zelensky"]\n'
        'type = "person"\n',
        encoding="utf-8",
    )
    (corpus / "repair.toml").write_text('entities = ["entities.toml"]\n', encoding="utf-8")
    (corpus / "a.txt").write_text("Zelensky spoke. Zelensky left.\n", encoding="utf-8")
    (corpus / "b.txt").write_text("Zelensky arrived.\n", encoding="utf-8")
    (corpus / "c.txt").write_text("Zelenskyy arrived.\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    from repair.config import discover_config

    discover_config.cache_clear()
    code, above, _ = run("check", "corpus")
    monkeypatch.chdir(corpus)
    discover_config.cache_clear()
    _, inside, _ = run("check", ".")
    assert code == 1 and "corpus/c.txt:1:1: NAM004" in above
    assert above.replace("corpus/", "") == inside
