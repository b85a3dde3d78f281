"""Entity lists: reading TOML and CSV, errors naming file and line, merging, the index,
harvesting, and the ``repair entities`` commands."""

from __future__ import annotations

import gc
import os
import re
import time
import tomllib
from pathlib import Path

import pytest
from click.testing import CliRunner

from repair.cli_entities import entities
from repair.entities import (
    Entity,
    EntityIndex,
    EntityType,
    load_index,
    merge,
    parse_csv,
    parse_toml,
    plain_toml,
    read_entity_list,
    sound_key,
    spelling,
    words,
)
from repair.entities import index as index_module
from repair.entities.spelling import fold
from repair.errors import EntityListError
from repair.harvest import harvest, harvest_texts, render_toml
from tests.conftest import CLEAN_ARTICLE, CORPUS, FIXTURES

CORPUS_LIST = CORPUS / "entities.toml"
WORLD_LIST = FIXTURES / "names" / "world.toml"


def test_toml_entity_with_all_keys() -> None:
    text = (
        '[[entity]]\nname = "Pete Hegseth"\naliases = ["Hegseth"]\n'
        'variants = ["Hegset"]\ntype = "person"\nnote = "US defense secretary"\n'
    )
    assert parse_toml(text, "l.toml") == (
        Entity("Pete Hegseth", ("Hegseth",), ("Hegset",), EntityType.PERSON, "l.toml:1"),
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('[[entity]]\nname = "A"\n\n[[entity]]\naliases = ["B"]\n',
         'l.toml:4: entity has "aliases" but no "name"'),
        ('[[entity]]\nname = "Kyiv"\ntyp = "place"\n',
         "l.toml:3: unknown key 'typ' (did you mean 'type'?)"),
        ('[[entity]]\nname = "Kyiv"\ntype = "city"\n',
         "l.toml:3: type must be one of person, place, organization, other, not 'city'"),
        ('[[entity]]\nname = "Kyiv"\naliases = "Kiev", \n', "l.toml:3: invalid TOML"),
        ('[[entity]]\nname = "Kyiv"\nvariants = ["Kyiv"]\n',
         "l.toml:3: 'Kyiv' is both an accepted form and a variant"),
        ('[[entities]]\nname = "Kyiv"\n', "l.toml:0: unknown key 'entities'"),
        ('[[entity]]\nname = 3\n', "l.toml:2: name must be a string, not 3"),
        ('[[entity]]\nname = "Kyiv"\naliases = [1]\n', "l.toml:3: aliases must be a string"),
    ],
)  # fmt: skip
def test_malformed_toml_names_file_line_and_problem(text: str, message: str) -> None:
    with pytest.raises(EntityListError) as caught:
        parse_toml(text, "l.toml")
    assert str(caught.value).startswith(message)


PLAIN_TOML_TEXTS = [
    "",
    "# only a comment\n",
    "[[entity]]\n",
    '[[entity]] # a header\n  name="Dovriv"  # a town\ntype = "place"\n\n',
    '[[entity]]\naliases = []\nvariants = [ "Dovryv" , "Dowriw" , ]\n',
    '[[entity]]\nname = "Tab\there"\naliases = ["a]b", "c # d"]\n',
    '[[entity]]\nname = "Bülükçan \u2028 x"\n[[entity]]\nname = "Bülükçan"\n',
]
NOT_PLAIN_TOML_TEXTS = [
    '[[entity]]\nname = "A\\u00e9"\n',  # an escape
    "[[entity]]\nname = 'literal'\n",
    '[[entity]]\r\nname = "crlf"\r\n',
    '[[ entity ]]\nname = "spaced header"\n',
    '[[entity]]\naliases = [\n  "multi-line",\n]\n',
    '[[entity]]\nname = "a"\nname = "b"\n',  # a key twice: an error
    'name = "top level"\n',
    '[[entity]]\nname = "a" "b"\n',
    '[[entity]]\nname = "control \x01"\n',
    "[[entity]]\naliases = [,]\n",
    "[[entity]]\ncount = 3\n",
]


@pytest.mark.parametrize("text", PLAIN_TOML_TEXTS + NOT_PLAIN_TOML_TEXTS)
def test_the_plain_toml_reader_reads_as_tomllib_does(text: str) -> None:
    try:
        expected: object = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        with pytest.raises(tomllib.TOMLDecodeError, match=re.escape(str(error))):
            plain_toml.loads(text)
        return
    assert plain_toml.loads(text) == expected
    # The fast path takes the plain texts and leaves every other one to tomllib
    assert (plain_toml._plain_tables(text) is not None) == (text in PLAIN_TOML_TEXTS)


def test_the_lists_of_the_repository_are_read_as_tomllib_reads_them() -> None:
    lists = [CORPUS_LIST, *sorted((FIXTURES / "names").glob("*.toml"))]
    for path in lists:
        text = path.read_text(encoding="utf-8-sig")
        assert plain_toml._plain_tables(text) is not None, path
        assert plain_toml.loads(text) == tomllib.loads(text), path


def test_csv_list_with_separated_aliases() -> None:
    text = "name,aliases,variants,type\nKharkiv,,Kharkov;Charkow,place\n# a comment,,,\n"
    (entity,) = parse_csv(text, "l.csv")
    assert entity == Entity("Kharkiv", (), ("Kharkov", "Charkow"), EntityType.PLACE, "l.csv:2")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("name,alias\nKyiv,Kiev\n", "l.csv:1: unknown column 'alias' (did you mean 'aliases'?)"),
        ("aliases\nKiev\n", "l.csv:1: the header has no 'name' column"),
        ("name,type\nKyiv,place\nOdesa,town\n", "l.csv:3: type must be one of"),
        ("name,type\nKyiv,place,extra\n", "l.csv:2: 3 cells but 2 columns"),
        ("name,aliases\n,Kiev\n", 'l.csv:2: entity has "aliases" but no "name"'),
    ],
)
def test_malformed_csv_names_file_line_and_problem(text: str, message: str) -> None:
    with pytest.raises(EntityListError, match="^" + re.escape(message)):
        parse_csv(text, "l.csv")


def test_unknown_format_and_missing_file(tmp_path: Path) -> None:
    with pytest.raises(EntityListError, match=r"unknown entity list format '\.json'"):
        read_entity_list(tmp_path / "list.json")
    with pytest.raises(EntityListError, match="cannot read"):
        read_entity_list(tmp_path / "missing.toml")


def test_merge_joins_same_names_and_rejects_conflicts() -> None:
    first = Entity("Kyiv", variants=("Kijiw",), type=EntityType.PLACE, where="a:1")
    second = Entity("Kyiv", aliases=("Kyiv City",), variants=("Kiiv",), where="b:4")
    (merged,) = merge([(first,), (second,)])
    assert merged.aliases == ("Kyiv City",) and merged.variants == ("Kijiw", "Kiiv")
    assert merged.type is EntityType.PLACE
    with pytest.raises(EntityListError, match="b:4: 'Kyiv' is a organization here"):
        merge([(first,), (Entity("Kyiv", type=EntityType.ORGANIZATION, where="b:4"),)])
    with pytest.raises(EntityListError, match="variant 'Kyiv' of 'Kiev' is an accepted form"):
        merge([(first,), (Entity("Kiev", variants=("Kyiv",), where="c:1"),)])


def test_load_index_reads_each_list_set_once() -> None:
    paths = (str(CORPUS_LIST), str(WORLD_LIST))
    assert load_index(paths) is load_index(paths)
    index = load_index(paths)
    assert "Hegseth" in index.key_spellings and "Kharkiv" in index.key_spellings
    assert "Pete" in index.given_names and "Pete" not in index.key_spellings


def test_sound_key_joins_transliterations_only() -> None:
    assert len({sound_key(n) for n in ("Zelenskyy", "Zelenskiy", "Selenskyj")}) == 1
    assert len({sound_key(n) for n in ("Kharkiv", "Charkiw")}) == 1
    assert sound_key("Kharkov") != sound_key("Kharkiv")  # an old name, listed as a variant
    assert sound_key("Erdoğan") == sound_key("Erdogan")


def test_the_index_keys_spellings_all_at_once_as_one_at_a_time() -> None:
    """The build folds and keys ASCII spellings in one joined text: no step may cross from
    one spelling to the next (a doubled letter, a cluster split between two), and others
    go one at a time."""
    spellings = ["Anna", "Aaron", "Tsch", "Ek", "Hoff", "Faaa", "Erdoğan", "Łódź", "S", "Kh"]
    assert list(spelling.folded_and_sounds(spellings)) == [
        (word, fold(word), sound_key(word)) for word in spellings
    ]


@pytest.mark.parametrize(
    "form", ["Dovriv", "Tomas Velderholm", "Maren von der Halde", "Jean-Yves O'Brien", "A  B"]
)
def test_the_index_splits_forms_as_words_does(form: str) -> None:
    assert index_module._form_words(form) == list(words(form))


def test_the_index_is_built_with_the_collector_left_as_it_was() -> None:
    EntityIndex.build([Entity("Dovriv")])
    assert gc.isenabled()
    gc.disable()
    try:
        EntityIndex.build([Entity("Dovriv")])
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_index_finds_near_misses_whatever_the_list_size() -> None:
    filler = [Entity(f"Name{n:05d}".replace("0", "o")) for n in range(2000)]
    index = EntityIndex.build([*filler, Entity("Gumrukcu", type=EntityType.PERSON)])
    (found,) = index.near("Gumrukc", cutoff=75)
    assert found.spelling == "Gumrukcu" and found.truncated
    assert index.near("Gumrukcuian", cutoff=75) == ()  # a derived word


def test_corpus_list_is_valid() -> None:
    listed = {e.name for e in read_entity_list(CORPUS_LIST)}
    assert {"Pete Hegseth", "Kyiv", "Zeki Levent Gumrukcu", "NATO"} <= listed


# Harvest ----------------------------------------------------------------------------------


def test_harvest_of_the_clean_article() -> None:
    found = {n.name: n for n in harvest([CLEAN_ARTICLE])}
    assert found["Pete Hegseth"].type is EntityType.PERSON
    assert found["Pete Hegseth"].aliases == ("Hegseth",)
    assert found["Steve Witkoff"].aliases == ("Witkoff",)
    assert found["Brussels"].type is EntityType.PLACE
    assert found["The Moscow Times"].type is EntityType.ORGANIZATION
    assert "While NATO" not in found and "Tuesday" not in found and "The" not in found


def test_harvest_output_is_a_valid_list() -> None:
    names = harvest_texts(["Secretary Pete Hegseth met Kaja Kallas in Brussels. Kallas said no."])
    text = render_toml(names, ["x.txt"])
    parsed = parse_toml(text, "h.toml")
    assert [(e.name, e.type.value) for e in parsed] == [
        ("Kaja Kallas", "person"),
        ("Brussels", "place"),
        ("Pete Hegseth", "person"),
    ]


# The commands -----------------------------------------------------------------------------


def test_check_command_accepts_the_corpus_list() -> None:
    result = CliRunner().invoke(entities, ["check", str(CORPUS_LIST), str(WORLD_LIST)])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[-1].startswith(f"{CORPUS_LIST}, {WORLD_LIST}: 54 entities")


def test_check_command_reports_a_malformed_list(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text('[[entity]]\nname = "Kyiv"\ntype = "town"\n', encoding="utf-8")
    result = CliRunner().invoke(entities, ["check", str(bad)])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"error: {bad}:3: type must be one of")


def test_check_command_warns_of_a_variant_that_is_a_word(tmp_path: Path) -> None:
    listed = tmp_path / "l.csv"
    listed.write_text("name,variants\nTürkiye,Turkey\n", encoding="utf-8")
    result = CliRunner().invoke(entities, ["check", str(listed)])
    assert result.exit_code == 0
    assert "variant 'Turkey' of 'Türkiye' is a common English word" in result.stdout


def test_harvest_command_writes_a_list_that_checks(tmp_path: Path) -> None:
    output = tmp_path / "harvested.toml"
    result = CliRunner().invoke(entities, ["harvest", str(CLEAN_ARTICLE), "-o", str(output)])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("Wrote ") and "review them" in result.stdout
    assert "Pete Hegseth" in {e.name for e in read_entity_list(output)}
    assert CliRunner().invoke(entities, ["check", str(output)]).exit_code == 0


def test_harvest_command_writes_through_a_link_and_keeps_it(tmp_path: Path) -> None:
    kept = tmp_path / "lists" / "names.toml"
    kept.parent.mkdir()
    kept.write_text("# an older list\n", encoding="utf-8")
    link = tmp_path / "names.toml"
    link.symlink_to(kept)
    result = CliRunner().invoke(entities, ["harvest", str(CLEAN_ARTICLE), "-o", str(link)])
    assert result.exit_code == 0, result.output
    assert link.is_symlink() and "Pete Hegseth" in {e.name for e in read_entity_list(kept)}


def test_harvest_command_needs_an_output() -> None:
    result = CliRunner().invoke(entities, ["harvest", str(CLEAN_ARTICLE)])
    assert result.exit_code == 2 and "Missing option '-o'" in result.stderr


def test_an_edited_list_is_read_again_by_a_process_that_lives_on(tmp_path: Path) -> None:
    """A notebook's user edits the list between two runs: the second run, cache on, uses it."""
    from repair import check_paths

    listed = tmp_path / "entities.toml"
    listed.write_text('[[entity]]\nname = "Kyiv"\ntype = "place"\n', encoding="utf-8")
    text = tmp_path / "a.txt"
    text.write_text("The delegation flew to Kiyv on Monday.\n", encoding="utf-8")
    options = {"entities": [str(listed)]}

    def names_found() -> list[str]:
        (result,) = check_paths([text], options=options, cache=True)
        return [f.code for f in result.findings if f.code.startswith("NAM")]

    before = names_found()
    listed.write_text('[[entity]]\nname = "Oslo"\ntype = "place"\n', encoding="utf-8")
    os.utime(listed, ns=(0, listed.stat().st_mtime_ns + 10**9))
    assert before and names_found() == []


def test_a_list_edited_with_its_size_and_time_kept_is_read_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``cp -p`` or ``tar`` keep the size and the modification time: the process that
    lives on must still see the new names (its cached results are keyed by the list's
    digest, and would hold findings of the old list)."""
    from repair import check_paths

    listed = tmp_path / "entities.toml"
    listed.write_text('[[entity]]\nname = "Kyiv"\ntype = "place"\n', encoding="utf-8")
    text = tmp_path / "a.txt"
    text.write_text("The delegation flew to Kiyv on Monday.\n", encoding="utf-8")
    options = {"entities": [str(listed)]}
    # Later than the list's times by more than a clock tick: its status is trusted.
    later = time.time_ns() + 10 * 10**9
    monkeypatch.setattr("repair.entities.loading.time_ns", lambda: later)

    def names_found() -> list[str]:
        (result,) = check_paths([text], options=options, cache=True)
        return [f.code for f in result.findings if f.code.startswith("NAM")]

    before = names_found()
    old = listed.stat()
    listed.write_text('[[entity]]\nname = "Oslo"\ntype = "place"\n', encoding="utf-8")
    os.utime(listed, ns=(old.st_atime_ns, old.st_mtime_ns))
    assert listed.stat().st_size == old.st_size
    assert before and names_found() == []


def test_a_young_list_is_read_again_while_its_times_cannot_tell(tmp_path: Path) -> None:
    """Within the clock's tick an edit may keep every time: a young list's digest is read
    on every load."""
    listed = tmp_path / "entities.toml"
    listed.write_text('[[entity]]\nname = "Kyiv"\n', encoding="utf-8")
    status = listed.stat()
    assert [e.name for e in load_index((str(listed),)).entities] == ["Kyiv"]
    listed.write_text('[[entity]]\nname = "Oslo"\n', encoding="utf-8")
    os.utime(listed, ns=(status.st_atime_ns, status.st_mtime_ns))
    assert [e.name for e in load_index((str(listed),)).entities] == ["Oslo"]


def test_an_empty_entity_list_checks_as_no_list(tmp_path: Path) -> None:
    from repair.cli import main

    (tmp_path / "empty.toml").write_text("# no entities yet\n", encoding="utf-8")
    (tmp_path / "a.txt").write_text("Pete Hegseth met reporters.\n", encoding="utf-8")
    args = ["check", "--no-cache", "--entities", str(tmp_path / "empty.toml"), str(tmp_path)]
    result = CliRunner().invoke(main, args)
    assert result.exit_code in (0, 1), result.output
    assert "internal error" not in result.stderr
