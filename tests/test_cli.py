"""The CLI through click's CliRunner: exit codes, output formats, stdin, diff, errors."""

from __future__ import annotations

import functools
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from repair.cli import main
from repair.config import discover_config
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
    assert "No finding in 1 file(s) checked; 2 could not be read or checked" in out


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
    assert code == 0 and "ENC002 [*] mojibake" in out
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
    monkeypatch.setattr("repair.stamps.RACY_NS", -1)  # trust files written a moment ago
    args = ["check", "--isolated", "--jobs", "1", "--output-format", output_format, str(corpus)]
    first = run(*args)

    def no_read(path: Path) -> object:
        raise AssertionError(f"{path} was read again")

    monkeypatch.setattr("repair.worker.read_bytes_and_status", no_read)
    monkeypatch.setattr("repair.cached_batch.read_bytes", no_read)
    # As a second process would: the folder index and the entries come from disk.
    from repair.cache import _cache_in

    monkeypatch.setattr("repair.cache._cache_in", functools.lru_cache(_cache_in.__wrapped__))
    second = run(*args)
    assert second == first
    assert first[0] == 1 and first[1].count(str(corpus)) > 40


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


# Output that tells the truth (issue 19) ---------------------------------------------------


def test_a_summary_is_not_clean_when_nothing_could_be_read(tmp_path: Path) -> None:
    (tmp_path / "bin.txt").write_bytes(b"\x00\x01\x02")
    for target in (tmp_path / "nope.txt", tmp_path / "bin.txt"):
        code, out, err = run("check", "--isolated", str(target))
        assert code == 2 and "error:" in err
        assert "All clean" not in out
        assert out.strip().endswith(
            "Nothing checked: 1 could not be read or checked (see the errors above)."
        )


def test_a_summary_counts_failures_beside_findings(tmp_path: Path, damaged: Path) -> None:
    (tmp_path / "bin.txt").write_bytes(b"\x00\x01\x02")
    code, out, _ = run("check", "--isolated", str(damaged), str(tmp_path / "bin.txt"))
    assert code == 2
    assert "Found 2 finding(s) in 1 of 1 file(s)" in out and "1 could not be read" in out


def test_fixing_a_utf16_file_does_not_say_all_clean(tmp_path: Path) -> None:
    path = tmp_path / "wide.txt"
    path.write_bytes("Plain text.\n".encode("utf-16"))
    code, out, _ = run("fix", "--isolated", str(path))
    assert code == 0
    assert "All clean" not in out
    assert out.splitlines() == ["Fixed 1 finding(s) in 1 file(s)."]


def test_fix_with_nothing_to_fix_says_so(tmp_path: Path) -> None:
    path = tmp_path / "fine.txt"
    path.write_text("Plain text.\n", encoding="utf-8")
    code, out, _ = run("fix", "--isolated", str(path))
    assert code == 0 and out.splitlines() == ["All clean: 1 file(s) checked, nothing to fix."]


def test_records_are_called_records(tmp_path: Path) -> None:
    corpus = tmp_path / "news.jsonl"
    rows = [{"text": "AT&amp;T said so.\n"}, {"text": "Fine text.\n"}, {"text": "Fine too.\n"}]
    corpus.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    code, out, _ = run("check", "--isolated", str(corpus))
    assert code == 1
    assert "Found 1 finding(s) in 1 of 3 record(s)" in out and "file(s)" not in out
    code, out, _ = run("fix", "--isolated", "--output", str(tmp_path / "out.jsonl"), str(corpus))
    assert "Fixed 1 finding(s) in 1 record(s)" in out and "file(s)" not in out


def test_one_legend_for_the_marks_in_check_rules_and_help(damaged: Path) -> None:
    from repair.report.formats import FIX_LEGEND

    _, checked, _ = run("check", "--isolated", str(damaged))
    _, listed, _ = run("rules")
    assert FIX_LEGEND in checked and FIX_LEGEND in listed
    for command in ("check", "fix", "rules"):
        _, help_text, _ = run(command, "--help")
        assert " ".join(FIX_LEGEND.split()) in " ".join(help_text.split())
    # A rule whose fix is unsafe is listed with the mark its findings show in check.
    byline = next(line for line in listed.splitlines() if line.startswith("GLU003"))
    assert byline.startswith("GLU003 [-] glued-byline")
    stdin = b"Nick BeakeEurope correspondentBBCAll his adult life, he served.\n"
    code, out, _ = run("check", "--isolated", "--select", "GLU003", "-", stdin=stdin)
    assert code == 1 and "GLU003" in out and out.splitlines()[0].endswith("[-]")
    assert next(line for line in listed.splitlines() if line.startswith("WRD004")).startswith(
        "WRD004     same-stem-words"
    )


def test_mojibake_with_nothing_in_its_place_says_it_is_dropped() -> None:
    code, out, _ = run(
        "check", "--isolated", "--select", "ENC002", "-", stdin="Cost\u00c2\u00a0high.\n".encode()
    )
    assert code == 1
    assert 'ENC002 Mojibake "Â" dropped: it stands for nothing' in out
    assert 'for ""' not in out


def test_fix_diff_shows_invisible_characters_and_counts_the_fixes(tmp_path: Path) -> None:
    path = tmp_path / "hidden.txt"
    path.write_text(
        "Tom\N{ZERO WIDTH SPACE} said\N{NO-BREAK SPACE}no.\nAT&amp;T x\x84y.\nHe saidTime is up.\n",
        encoding="utf-8",
    )
    code, out, err = run("fix", "--isolated", "--diff", str(path))
    assert code == 1
    assert "-Tom<U+200B> said<U+00A0>no.\n-AT&amp;T x<U+0084>y.\n+Tom said<U+00A0>no.\n" in out
    assert "\N{ZERO WIDTH SPACE}" not in out and "\x84" not in out
    _, fixed, _ = run("fix", "--isolated", "--output", str(tmp_path / "out"), str(path))
    applied = re.findall(r"^Fixed (\d+) finding", fixed, re.M)[0]  # the diff counts as fix does
    assert err.splitlines()[-1] == f"Would fix {applied} findings (1 more with --unsafe-fixes)."
    _, _, err = run("fix", "--isolated", "--diff", "--unsafe-fixes", str(path))
    assert re.fullmatch(r"Would fix \d+ findings\.", err.splitlines()[-1])


# The usual flags and formats, with ruff's names (issue 19) --------------------------------

SARIF_SCHEMA = Path(__file__).parent / "schemas" / "sarif-2.1.0-rtm.5.json"
"""The SARIF 2.1.0 schema (OASIS, rtm.5), as the npm package @microsoft/jest-sarif ships it."""


@pytest.fixture
def glued(tmp_path: Path) -> Path:
    path = tmp_path / "glued.txt"
    path.write_text("AT&amp;T said it&#39;s ready.\nHe saidTime is up.\n", encoding="utf-8")
    return path


def test_statistics_count_each_code_and_its_fixes(glued: Path) -> None:
    code, out, _ = run("check", "--isolated", "--statistics", str(glued))
    assert code == 1
    lines = out.splitlines()
    assert lines[0].split()[:4] == ["2", "ENC005", "[*]", "html-entity-in-plain-text"]
    assert lines[0].endswith("fixes: 2 safe")
    assert lines[1].split()[:4] == ["1", "GLU001", "[-]", "glued-words"]
    assert lines[1].endswith("fixes: 1 unsafe") and len(lines) == 2  # no findings, no summary
    _, out, _ = run("check", "--isolated", "--statistics", "--output-format", "json", str(glued))
    assert json.loads(out)[1] == {
        "code": "GLU001",
        "name": "glued-words",
        "count": 1,
        "safe_fixes": 0,
        "unsafe_fixes": 1,
    }


def test_full_format_quotes_the_line_with_a_caret_under_the_span(glued: Path) -> None:
    code, out, _ = run("check", "--isolated", "--output-format", "full", str(glued))
    assert code == 1
    assert (
        f'{glued}:1:3: ENC005 HTML entity "&amp;" in plain text [*]\n'
        "  |\n"
        "1 | AT&amp;T said it&#39;s ready.\n"
        "  |   ^^^^^\n"
    ) in out
    assert "2 | He saidTime is up.\n  |    ^^^^^^^^\n" in out


def test_json_lines_is_one_json_finding_a_line(glued: Path) -> None:
    _, out, _ = run("check", "--isolated", "--output-format", "json-lines", str(glued))
    records = [json.loads(line) for line in out.splitlines()]
    _, array, _ = run("check", "--isolated", "--output-format", "json", str(glued))
    assert records == json.loads(array) and len(records) == 3


def test_gitlab_code_quality_report(glued: Path) -> None:
    _, out, _ = run("check", "--isolated", "--output-format", "gitlab", str(glued))
    issues = json.loads(out)
    assert len(issues) == 3 and len({issue["fingerprint"] for issue in issues}) == 3
    assert issues[2] == {
        "description": 'GLU001 Words run together in "saidTime"',
        "check_name": "GLU001",
        "fingerprint": issues[2]["fingerprint"],
        "severity": "minor",
        "location": {"path": str(glued), "lines": {"begin": 2, "end": 2}},
    }


def test_junit_report(glued: Path) -> None:
    from xml.etree import ElementTree

    _, out, _ = run("check", "--isolated", "--output-format", "junit", str(glued))
    root = ElementTree.fromstring(out.encode("utf-8"))
    assert root.tag == "testsuites" and root.get("failures") == "3"
    (suite,) = root
    assert suite.get("name") == str(glued)
    cases = list(suite)
    assert [case.get("name") for case in cases] == [
        "org.repair.ENC005",
        "org.repair.ENC005",
        "org.repair.GLU001",
    ]
    failure = cases[0].find("failure")
    assert failure is not None and failure.get("message") == 'HTML entity "&amp;" in plain text'


def test_sarif_report_is_valid_sarif_2_1_0(glued: Path) -> None:
    code, out, _ = run("check", "--isolated", "--output-format", "sarif", str(glued))
    assert code == 1
    log = json.loads(out)
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    jsonschema.validate(log, schema)  # raises on the first departure from the schema
    (run_,) = log["runs"]
    assert log["version"] == "2.1.0"
    assert [rule["id"] for rule in run_["tool"]["driver"]["rules"]] == ["ENC005", "GLU001"]
    first = run_["results"][0]
    assert first["ruleId"] == "ENC005" and first["level"] == "warning"
    region = first["locations"][0]["physicalLocation"]["region"]
    assert region == {"startLine": 1, "startColumn": 3, "endLine": 1, "endColumn": 8}


def test_the_schema_test_would_catch_a_broken_log() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"version": "2.1.0", "runs": [{"results": []}]}, schema)


def test_output_file_takes_what_stdout_would_get(glued: Path, tmp_path: Path) -> None:
    target = tmp_path / "findings.json"
    code, out, _ = run(
        "check", "--isolated", "--output-format", "json", "-o", str(target), str(glued)
    )
    assert code == 1 and out == ""
    assert len(json.loads(target.read_text(encoding="utf-8"))) == 3


def test_quiet_drops_the_summary_and_silent_prints_nothing(glued: Path) -> None:
    _, loud, _ = run("check", "--isolated", str(glued))
    code, quiet, _ = run("check", "--isolated", "-q", str(glued))
    assert code == 1 and quiet.splitlines() == loud.splitlines()[:3]
    code, silent, _ = run("check", "--isolated", "--silent", str(glued))
    assert code == 1 and silent == ""
    code, silent, _ = run("fix", "--isolated", "-s", "--diff", str(glued))
    assert code == 1 and silent == ""
    code, quiet, err = run("fix", "--isolated", "--quiet", "--diff", str(glued))
    assert code == 1 and quiet.startswith("--- a/") and "Would fix" not in err


def test_show_fixes_lists_the_fixes_by_code(tmp_path: Path) -> None:
    path = tmp_path / "spaced.txt"
    path.write_text("AT&amp;T said it&#39;s ready , now.\n", encoding="utf-8")
    code, out, _ = run("fix", "--isolated", "--show-fixes", str(path))
    assert code == 0
    assert out.splitlines() == [
        "Fixed 3 finding(s) in 1 file(s).",
        "Fixes applied, by code:",
        "  2 \N{MULTIPLICATION SIGN} ENC005 (html-entity-in-plain-text)",
        "  1 \N{MULTIPLICATION SIGN} PUN002 (space-before-punctuation)",
    ]
    _, out, _ = run("fix", "--isolated", "--show-fixes", str(path))
    assert out.splitlines()[-1] == "No fix applied."


def test_exit_non_zero_on_fix(glued: Path, tmp_path: Path) -> None:
    copy = tmp_path / "copy.txt"
    shutil.copy(glued, copy)
    assert run("fix", "--isolated", "--unsafe-fixes", str(glued))[0] == 0
    assert run("fix", "--isolated", "--unsafe-fixes", "--exit-non-zero-on-fix", str(copy))[0] == 1
    # Nothing left to fix: exit 0 even with the flag.
    assert run("fix", "--isolated", "--unsafe-fixes", "--exit-non-zero-on-fix", str(copy))[0] == 0


def test_every_flag_and_format_is_in_help_and_readme() -> None:
    from repair.cli_options import OUTPUT_FORMATS
    from tests.conftest import ROOT

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    flags = {
        "check": [
            "--statistics",
            "--output-format",
            "--output-file",
            "--show-files",
            "--show-settings",
            "--add-baseline",
            "--baseline",
            "--quiet",
            "--silent",
            "--color",
        ],
        "fix": ["--show-fixes", "--exit-non-zero-on-fix", "--quiet", "--silent", "--color"],
    }
    for command, names in flags.items():
        _, help_text, _ = run(command, "--help")
        for name in names:
            assert name in help_text and f"`{name}" in readme, (command, name)
    assert "`repair clean" in readme and run("clean", "--help")[0] == 0
    _, help_text, _ = run("check", "--help")
    for name in OUTPUT_FORMATS:
        # click wraps lines at hyphens too ("json-" / "lines:"): compare without spaces
        assert f"{name}:" in "".join(help_text.split()), name
        assert f"| `{name}` |" in readme or name == "text", name  # text: concise's old name


def test_pre_commit_hooks_run_serially() -> None:
    yaml = pytest.importorskip("yaml")
    from tests.conftest import ROOT

    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    # One process for the whole file list: one summary, and no more workers than cores.
    assert hooks and all(hook["require_serial"] is True for hook in hooks)


def test_color_always_and_never(glued: Path) -> None:
    _, coloured, _ = run("check", "--isolated", "--color", "always", str(glued))
    assert "\x1b[" in coloured
    _, plain, _ = run("check", "--isolated", "--color", "never", str(glued))
    assert "\x1b[" not in plain and plain == click.unstyle(coloured)


def test_show_files_lists_what_a_check_reads_and_checks_nothing(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("AT&amp;T\n", encoding="utf-8")
    (tmp_path / "b.md").write_text("fine\n", encoding="utf-8")
    (tmp_path / "image.png").write_bytes(b"\x89PNG")
    (tmp_path / ".gitignore").write_text("b.md\n", encoding="utf-8")
    (tmp_path / ".git").mkdir()
    code, out, _ = run("check", "--isolated", "--show-files", str(tmp_path))
    assert code == 0 and out.splitlines() == [str(tmp_path / "a.txt")]


def test_clean_removes_the_cache_and_only_a_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from repair.cache import ResultCache

    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("REPAIR_CACHE_DIR")  # the default place: beside the config, or here
    from repair.config import discover_config

    discover_config.cache_clear()
    (tmp_path / "a.txt").write_text("AT&amp;T\n", encoding="utf-8")
    run("check", "a.txt")
    assert (tmp_path / ".repair_cache" / "CACHEDIR.TAG").is_file()
    code, out, _ = run("clean")
    assert code == 0 and out == f"Removed {tmp_path / '.repair_cache'}\n"
    assert not (tmp_path / ".repair_cache").exists()
    assert run("clean")[1] == f"No cache at {tmp_path / '.repair_cache'}\n"
    # A folder repair did not make is never removed, whatever the setting names.
    precious = tmp_path / "precious"
    (precious / "keep.txt").parent.mkdir()
    (precious / "keep.txt").write_text("mine\n", encoding="utf-8")
    monkeypatch.setenv("REPAIR_CACHE_DIR", str(precious))
    code, _, err = run("clean")
    assert code == 2 and "not removed" in err and (precious / "keep.txt").is_file()
    ResultCache.mark_cache_folder(precious / "made")
    monkeypatch.setenv("REPAIR_CACHE_DIR", str(precious / "made"))
    assert run("clean")[0] == 0 and not (precious / "made").exists()


def test_add_baseline_writes_through_a_link_to_a_shared_baseline(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "corpus").mkdir()
    (tmp_path / "corpus" / "a.txt").write_text("AT&amp;T said so.\n", encoding="utf-8")
    shared = tmp_path / "team" / "baseline.json"
    shared.parent.mkdir()
    shared.write_text('{"repair-baseline": 1, "findings": []}\n', encoding="utf-8")
    (tmp_path / "repair-baseline.json").symlink_to(shared)
    code, out, _ = run("check", "--isolated", "--add-baseline", "corpus")
    assert code == 0 and out.startswith("Wrote repair-baseline.json: 1 finding(s) accepted")
    # The link stays, and the file it points at holds the new baseline, as an editor
    # saving through the link would leave them.
    assert (tmp_path / "repair-baseline.json").is_symlink()
    assert json.loads(shared.read_text(encoding="utf-8"))["findings"][0]["code"] == "ENC005"
    assert run("check", "--isolated", "corpus")[0] == 0


def test_a_baseline_accepts_todays_findings_and_reports_only_new_ones(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    article = corpus / "a.txt"
    article.write_text("AT&amp;T said it&#39;s ready.\nHe saidTime is up.\n", encoding="utf-8")
    text_before = article.read_bytes()
    code, out, _ = run("check", "--isolated", "--add-baseline", "corpus")
    assert code == 0 and out.startswith("Wrote repair-baseline.json: 3 finding(s) accepted")
    assert article.read_bytes() == text_before  # the text stays as it was: no comment in it
    saved = json.loads((tmp_path / "repair-baseline.json").read_text(encoding="utf-8"))
    assert {"path": "corpus/a.txt", "code": "GLU001", "text": "saidTime", "count": 1} in saved[
        "findings"
    ]
    code, out, _ = run("check", "--isolated", "corpus")
    assert code == 0 and out.startswith("All clean")
    # An edit elsewhere moves the accepted findings; a new one is still reported.
    article.write_text(
        "A new first line.\nAT&amp;T said it&#39;s ready.\n"
        "He saidTime is up. The kilometersPassengers rose.\n",
        encoding="utf-8",
    )
    code, out, _ = run("check", "--isolated", "corpus")
    assert code == 1
    assert [line.split(": ", 1)[1] for line in out.splitlines() if "corpus/a.txt:" in line] == [
        'GLU001 Words run together in "kilometersPassengers" [-]'
    ]
    # An explicit baseline elsewhere, and one that is not a baseline.
    (tmp_path / "repair-baseline.json").rename(tmp_path / "accepted.json")
    assert run("check", "--isolated", "corpus")[0] == 1
    assert (
        run("check", "--isolated", "--baseline", "accepted.json", "corpus")[1].count("GLU001") == 1
    )
    (tmp_path / "bad.json").write_text("[]", encoding="utf-8")
    code, _, err = run("check", "--isolated", "--baseline", "bad.json", "corpus")
    assert code == 2 and "bad.json: not a repair baseline" in err


def test_show_settings_prints_the_settings_in_force() -> None:
    code, out, _ = run("check", "--show-settings", "--select", "ENC,QUO", str(CORPUS))
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == f"# settings for {CORPUS} (from {CORPUS / 'repair.toml'})"
    assert 'select = ["ENC", "QUO"]' in lines
    assert f'entities = ["{CORPUS / "entities.toml"}"]' in lines  # the corpus's config
    assert not any(": " in line and "CODE" in line for line in lines)  # nothing was checked


def test_fix_diff_of_stdin_ends_with_the_count_too() -> None:
    result = CliRunner().invoke(
        main, ["fix", "--isolated", "--diff", "-"], input=b"AT&amp;T saidTime is up.\n"
    )
    assert result.exit_code == 1 and result.stdout.startswith("--- a/-")
    assert result.stderr.splitlines()[-1] == "Would fix 1 finding (1 more with --unsafe-fixes)."


def test_fixable_and_unfixable_flags_for_check_and_fix(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # the result cache goes here: its key must hold the flags
    text = "The minister said itâ€™s a good day.\n"
    article = tmp_path / "a.txt"
    article.write_text(text, encoding="utf-8")
    code, out, _ = run("check", "a.txt")
    assert code == 1 and "ENC002" in out and "[*]" in out.splitlines()[0]
    code, out, _ = run("check", "--unfixable", "ENC", "a.txt")
    assert code == 1 and "ENC002" in out and "[*]" not in out.splitlines()[0]
    assert "fixable with" not in out
    code, out, _ = run("check", "--fixable", "QUO,SCR", "a.txt")
    assert "[*]" not in out.splitlines()[0]
    code, _, _ = run("fix", "--unfixable", "ENC002", "a.txt")
    assert code == 1 and article.read_text(encoding="utf-8") == text
    code, _, _ = run("fix", "--fixable", "ENC", "a.txt")
    assert code == 0 and "\N{RIGHT SINGLE QUOTATION MARK}" in article.read_text(encoding="utf-8")


def test_config_can_demote_a_safe_fix(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    text = "The minister said itâ€™s a good day.\n"
    article = tmp_path / "a.txt"
    article.write_text(text, encoding="utf-8")
    assert "[*]" in run("check", "a.txt")[1]
    (tmp_path / "repair.toml").write_text('extend-unsafe-fixes = ["ENC"]\n', encoding="utf-8")
    discover_config.cache_clear()  # a new process would read the folder again
    out = run("check", "a.txt")[1]
    assert "ENC002" in out.splitlines()[0] and out.splitlines()[0].endswith("[-]")
    run("fix", "a.txt")
    assert article.read_text(encoding="utf-8") == text
    run("fix", "--unsafe-fixes", "a.txt")
    assert "\N{RIGHT SINGLE QUOTATION MARK}" in article.read_text(encoding="utf-8")


def test_fix_flags_are_in_the_help() -> None:
    for command in ("check", "fix"):
        out = run(command, "--help")[1]
        assert "--fixable CODES" in out and "--unfixable CODES" in out
