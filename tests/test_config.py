"""Configuration files, selection, per-file ignores and inline suppression."""

from __future__ import annotations

import fnmatch
import os
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from repair import Config, ConfigError, check_paths, check_text, load_config
from repair.checker import enabled_rules
from repair.config import discover_config, find_config_file


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_repair_toml_is_found_walking_up(tmp_path: Path) -> None:
    write(tmp_path / "repair.toml", 'ignore = ["ENC005"]\n')
    nested = write(tmp_path / "a" / "b" / "c.txt", "AT&amp;T\n")
    assert find_config_file(nested) == tmp_path / "repair.toml"
    (result,) = check_paths([nested])
    assert result.findings == ()


def test_pyproject_without_repair_table_is_skipped(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", '[tool.repair]\nignore = ["ENC"]\n')
    write(tmp_path / "sub" / "pyproject.toml", "[project]\nname = 'x'\n")
    found = find_config_file(tmp_path / "sub" / "file.txt")
    assert found == tmp_path / "pyproject.toml"
    assert load_config(found).ignore == ("ENC",)


def test_unknown_key_is_an_error_with_a_suggestion(tmp_path: Path) -> None:
    path = write(tmp_path / "repair.toml", 'selcet = ["ENC"]\n')
    with pytest.raises(
        ConfigError, match=r"repair.toml: unknown key 'selcet' \(did you mean 'select'\?\)"
    ):
        load_config(path)


def test_unknown_code_is_an_error_naming_the_key(tmp_path: Path) -> None:
    path = write(tmp_path / "repair.toml", 'ignore = ["ENC999"]\n')
    with pytest.raises(ConfigError, match="unknown rule code 'ENC999' in ignore"):
        load_config(path)


def test_bad_value_and_bad_toml_are_errors(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="quote-style must be one of"):
        load_config(write(tmp_path / "repair.toml", 'quote-style = "fancy"\n'))
    with pytest.raises(ConfigError, match="invalid TOML"):
        load_config(write(tmp_path / "repair.toml", "select = [\n"))


def test_config_errors_stop_the_run(tmp_path: Path) -> None:
    write(tmp_path / "repair.toml", 'selcet = ["ENC"]\n')
    write(tmp_path / "a.txt", "text\n")
    discover_config.cache_clear()
    with pytest.raises(ConfigError):
        list(check_paths([tmp_path]))


def test_select_ignore_and_prefixes() -> None:
    config = Config(select=("ENC",), ignore=("ENC005",))
    codes = {rule.code for rule in enabled_rules(config)}
    assert "ENC002" in codes and "ENC005" not in codes
    assert all(code.startswith("ENC") for code in codes)


def test_rule_names_select_too() -> None:
    assert [r.code for r in enabled_rules(Config(select=("mojibake",)))] == ["ENC002"]


def test_per_file_ignores_match_globs_relative_to_the_config(tmp_path: Path) -> None:
    write(tmp_path / "repair.toml", '[per-file-ignores]\n"legacy/*.txt" = ["ENC005"]\n')
    write(tmp_path / "legacy" / "a.txt", "AT&amp;T\n")
    write(tmp_path / "new" / "a.txt", "AT&amp;T\n")
    discover_config.cache_clear()
    results = {Path(r.path).parent.name: r for r in check_paths([tmp_path])}
    assert results["legacy"].findings == ()
    assert [f.code for f in results["new"].findings] == ["ENC005"]


def test_entity_paths_resolve_against_the_config_folder(tmp_path: Path) -> None:
    config = load_config(write(tmp_path / "repair.toml", 'entities = ["names.toml"]\n'))
    assert config.entities == (str(tmp_path.resolve() / "names.toml"),)


def test_command_line_options_override_the_file() -> None:
    config = Config(ignore=("ENC005",)).with_options({"ignore": ["ENC002"]})
    assert config.ignore == ("ENC002",)
    with pytest.raises(ConfigError, match="command line: unknown rule code"):
        Config().with_options({"select": ["NOPE1"]})


def test_inline_suppression_on_the_line_and_the_next() -> None:
    text = (
        "AT&amp;T <!-- repair: ignore[ENC005] -->\nAT&amp;T\n<!-- repair: ignore -->\n\nAT&amp;T\n"
    )
    findings = check_text(text)
    assert [(f.code, text[: f.start].count("\n") + 1) for f in findings] == [("ENC005", 2)]


def test_suppression_of_another_code_keeps_the_finding() -> None:
    assert [f.code for f in check_text("AT&amp;T <!-- repair: ignore[QUO] -->")] == ["ENC005"]


def test_walk_respects_gitignore_excludes_and_include(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    write(tmp_path / ".gitignore", "ignored/\n*.skip.txt\n")
    write(tmp_path / "corpus" / "a.txt", "x")
    write(tmp_path / "corpus" / "b.skip.txt", "x")
    write(tmp_path / "corpus" / "c.md", "x")
    write(tmp_path / "corpus" / "d.json", "{}")
    write(tmp_path / "ignored" / "e.txt", "x")
    write(tmp_path / "node_modules" / "f.txt", "x")
    write(tmp_path / "drafts" / "g.txt", "x")
    write(tmp_path / "repair.toml", 'extend-exclude = ["drafts"]\n')
    discover_config.cache_clear()
    names = [Path(r.path).name for r in check_paths([tmp_path])]
    assert names == ["a.txt", "c.md"]
    names = [Path(r.path).name for r in check_paths([tmp_path / "corpus"])]
    assert names == ["a.txt", "c.md"]


def test_exclude_patterns_match_names_and_paths_relative_to_the_config(tmp_path: Path) -> None:
    write(tmp_path / "corpus" / "keep.txt", "x")
    write(tmp_path / "corpus" / "old" / "a.txt", "x")
    write(tmp_path / "corpus" / "new" / "a.txt", "x")
    write(tmp_path / "corpus" / "new" / "b.draft.txt", "x")
    write(tmp_path / "repair.toml", 'extend-exclude = ["corpus/old", "*.draft.txt"]\n')
    discover_config.cache_clear()
    found = [Path(r.path).relative_to(tmp_path).as_posix() for r in check_paths([tmp_path])]
    assert found == ["corpus/keep.txt", "corpus/new/a.txt"]


_GLOB_PIECES = st.sampled_from(["*", "?", "[ab]", "[!a]", "a", "b", ".", "txt", "/", "-", "[", "]"])


@given(
    patterns=st.lists(st.lists(_GLOB_PIECES, max_size=6).map("".join), max_size=4),
    name=st.text(st.sampled_from("ab.txt/-[]"), max_size=8),
)
def test_one_expression_for_all_patterns_matches_as_fnmatch_does(
    patterns: list[str], name: str
) -> None:
    from repair.walk import _matcher

    expected = any(fnmatch.fnmatch(name, pattern) for pattern in patterns)
    assert _matcher(tuple(patterns))(os.path.normcase(name)) == expected


def test_fix_settings_are_read_by_code_prefix_and_name(tmp_path: Path) -> None:
    config = load_config(
        write(
            tmp_path / "repair.toml",
            'fixable = ["ALL"]\nunfixable = ["NAM"]\nextend-safe-fixes = ["SCR001"]\n'
            'extend-unsafe-fixes = ["mixed-quote-styles"]\n',
        )
    )
    assert config.fixable == ("ALL",) and config.unfixable == ("NAM",)
    assert config.extend_safe_fixes == ("SCR001",)
    assert config.extend_unsafe_fixes == ("mixed-quote-styles",)
    assert Config().fixable is None


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ('extend-safe-fixes = ["SCR999"]', "unknown rule code 'SCR999' in extend-safe-fixes"),
        ('unfixable = ["LT:EN_A_VS_AN"]', "unfixable names whole rules, not 'LT:EN_A_VS_AN'"),
        ("fixable = 3", "fixable must be a list of strings"),
        ('extend-unsafe-fix = ["QUO"]', "unknown key 'extend-unsafe-fix'"),
    ],
)
def test_bad_fix_settings_are_errors_naming_file_and_key(
    tmp_path: Path, line: str, message: str
) -> None:
    path = write(tmp_path / "repair.toml", line + "\n")
    with pytest.raises(ConfigError, match=re.escape(f"{path}: {message}")):
        load_config(path)
