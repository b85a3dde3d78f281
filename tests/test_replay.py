"""Replayed checks: an unchanged check prints what it printed, and any change is seen."""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
import time
import zlib
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from repair import cli_replay as replay
from repair import cli_replay_store, stamps
from repair.cache import ResultCache
from repair.cli import main as command_line
from repair.config import discover_config
from repair.config_files import cache_dir_setting, nearest_config_file
from repair.launch import main as launch
from tests.conftest import CORPUS, FIXTURES, LIVE_BLOG, MT_ARTICLE

NAMES = FIXTURES / "names"

Run = tuple[int, str, str]


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A working folder holding a writable copy of the sample corpus, made the cwd.

    The racy window is off: these files were written a moment ago, and a run over them
    would otherwise store no memo. Its own test keeps it.
    """
    shutil.copytree(CORPUS, tmp_path / "corpus")
    for path in (tmp_path / "corpus").iterdir():
        path.chmod(0o644)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(stamps, "RACY_NS", 0)
    monkeypatch.delenv("REPAIR_LANGUAGETOOL_URL", raising=False)
    return tmp_path


def run(capsys: pytest.CaptureFixture[str], *args: str) -> Run:
    """``repair ARGS`` through the launcher, in this process."""
    with pytest.raises(SystemExit) as exited:
        launch(list(args))
    out, err = capsys.readouterr()
    return int(exited.value.code or 0), out, err


def replayed(capsys: pytest.CaptureFixture[str], *args: str) -> Run | None:
    """What a replay of ``repair ARGS`` prints and returns, or ``None`` if it does not."""
    exit_code = replay.replay(list(args))
    out, err = capsys.readouterr()
    if exit_code is None:
        assert (out, err) == ("", "")
        return None
    return exit_code, out, err


def fresh(capsys: pytest.CaptureFixture[str], *args: str) -> Run:
    """What the same check prints when nothing is cached or replayed."""
    result = CliRunner().invoke(command_line, [*args[:1], "--no-cache", *args[1:]])
    assert result.exception is None or isinstance(result.exception, SystemExit)
    return result.exit_code, result.stdout, result.stderr


def test_an_unchanged_check_prints_the_same_lines_and_exits_the_same(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first = run(capsys, "check", "corpus")
    assert first[0] == 1
    assert "HegeSeth" in first[1]  # the sample corpus's findings, not an empty run
    assert replayed(capsys, "check", "corpus") == first
    # Standard error too: grammar checks selected with no server here say so.
    with_notice = run(capsys, "check", "--extend-select", "LT", "corpus")
    assert "notice:" in with_notice[2]
    assert replayed(capsys, "check", "--extend-select", "LT", "corpus") == with_notice
    assert replayed(capsys, "check", "--output-format", "json", "corpus") is None
    as_json = run(capsys, "check", "--output-format", "json", "corpus")
    assert replayed(capsys, "check", "--output-format", "json", "corpus") == as_json
    assert replayed(capsys, "check", "corpus") == first  # each arguments' own memo


def _edit_same_size(project: Path) -> None:
    target = project / "corpus" / LIVE_BLOG.name
    status = target.stat()
    data = target.read_bytes()
    target.write_bytes(data.replace(b"Hegseth", b"Hegsett", 1))
    os.utime(target, ns=(status.st_atime_ns, status.st_mtime_ns))
    assert target.stat().st_size == status.st_size


def _add_text_file(project: Path) -> None:
    (project / "corpus" / "new.txt").write_text("A two -day visit.\n", encoding="utf-8")


def _add_subfolder(project: Path) -> None:
    (project / "corpus" / "more").mkdir()
    (project / "corpus" / "more" / "new.md").write_text("e -Mail\n", encoding="utf-8")


def _delete_file(project: Path) -> None:
    (project / "corpus" / MT_ARTICLE.name).unlink()


def _config_above(project: Path) -> None:
    # The corpus's own repair.toml is nearer; above the copy there is none: the working
    # folder's is looked for when a file is given without one of its own.
    (project / "corpus" / "repair.toml").unlink()
    (project / "repair.toml").write_text('ignore = ["QUO"]\n', encoding="utf-8")


def _edit_config(project: Path) -> None:
    with (project / "corpus" / "repair.toml").open("a", encoding="utf-8") as stream:
        stream.write('ignore = ["PUN"]\n')


def _edit_entity_list(project: Path) -> None:
    entities = project / "corpus" / "entities.toml"
    entities.write_text(
        entities.read_text(encoding="utf-8").replace("Hegseth", "Hegsett"), encoding="utf-8"
    )


def _gitignore_in_corpus(project: Path) -> None:
    (project / "corpus" / ".gitignore").write_text(f"{MT_ARTICLE.name}\n", encoding="utf-8")


def _gitignore_above(project: Path) -> None:
    (project / ".git").mkdir()
    (project / ".gitignore").write_text(f"corpus/{MT_ARTICLE.name}\n", encoding="utf-8")


def _make_unreadable(project: Path) -> None:
    (project / "corpus" / MT_ARTICLE.name).chmod(0o200)


CHANGES: dict[str, Callable[[Path], None]] = {
    "a file edited, same size and mtime": _edit_same_size,
    "a text file added": _add_text_file,
    "a folder with a Markdown file added": _add_subfolder,
    "a file deleted": _delete_file,
    "a config file above instead": _config_above,
    "the config edited": _edit_config,
    "the entity list edited": _edit_entity_list,
    "a .gitignore in the corpus": _gitignore_in_corpus,
    "a .gitignore above, in the repository's root": _gitignore_above,
    "a file's mode changed": _make_unreadable,
}


@pytest.mark.parametrize("change", CHANGES.values(), ids=CHANGES.keys())
def test_a_change_to_any_input_is_not_replayed(
    project: Path, capsys: pytest.CaptureFixture[str], change: Callable[[Path], None]
) -> None:
    first = run(capsys, "check", "corpus")
    assert replayed(capsys, "check", "corpus") == first
    change(project)
    assert replayed(capsys, "check", "corpus") is None
    after = run(capsys, "check", "corpus")
    if os.geteuid() != 0 or change is not _make_unreadable:  # root reads any file
        assert after != first
    assert after == fresh(capsys, "check", "corpus")


def _assert_change_is_seen(
    capsys: pytest.CaptureFixture[str], args: tuple[str, ...], change: Callable[[], None]
) -> Run:
    """Record ``repair ARGS``, replay it, make ``change``: it must not be replayed, and the
    check must print something else, as a fresh check does. The first run's output."""
    first = run(capsys, *args)
    assert replayed(capsys, *args) == first
    change()
    assert replayed(capsys, *args) is None
    after = run(capsys, *args)
    assert after != first
    assert after == fresh(capsys, *args)
    return first


def test_a_config_file_given_on_the_command_line_is_an_input(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    settings = project / "settings.toml"
    settings.write_text('select = ["ALL"]\n', encoding="utf-8")
    args = ("check", "--config", str(settings), "corpus")
    _assert_change_is_seen(
        capsys, args, lambda: settings.write_text('ignore = ["QUO"]\n', encoding="utf-8")
    )


def test_the_entity_list_of_a_jsonl_corpus_is_an_input(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    records = project / "records.jsonl"
    lines = MT_ARTICLE.read_text(encoding="utf-8").splitlines()[:12]
    records.write_text(
        "".join(json.dumps({"id": i, "text": line}) + "\n" for i, line in enumerate(lines)),
        encoding="utf-8",
    )
    args = ("check", "--entities", "corpus/entities.toml", "records.jsonl")
    # The list is read by the workers only: it is noted where settings are made.
    first = _assert_change_is_seen(capsys, args, lambda: _edit_entity_list(project))
    assert "NAM" in first[1]


def test_a_retargeted_symbolic_link_is_not_replayed(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Two releases whose text files are one file (hard links, as cp -al makes): every file
    # stats the same through either, but the second release's settings ignore PUN.
    for release in ("release1", "release2"):
        (project / release / "docs").mkdir(parents=True)
    text = project / "release1" / "docs" / "a.txt"
    text.write_text("They agreed on a two -day truce .\n", encoding="utf-8")
    os.link(text, project / "release2" / "docs" / "a.txt")
    (project / "release2" / "repair.toml").write_text('ignore = ["PUN"]\n', encoding="utf-8")
    (project / "current").symlink_to("release1")
    for args in (("check", "current/docs"), ("check", "current/docs/a.txt")):
        (project / "current").unlink()
        (project / "current").symlink_to("release1")
        first = run(capsys, *args)
        assert first[0] == 1
        assert replayed(capsys, *args) == first
        (project / "current").unlink()
        (project / "current").symlink_to("release2")
        assert replayed(capsys, *args) is None, args
        after = run(capsys, *args)
        assert after[0] == 0
        assert after == fresh(capsys, *args)


def test_an_entity_list_given_through_a_symbolic_link_is_an_input(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lists = project / "lists"
    lists.mkdir()
    shutil.copy(NAMES / "world.toml", lists / "world.toml")
    shutil.copy(NAMES / "docs.toml", lists / "docs.toml")
    (lists / "current.toml").symlink_to("world.toml")
    shutil.copy(NAMES / "world.text", project / "world.text")
    args = ("check", "--entities", "lists/current.toml", "world.text")

    def retarget() -> None:
        (lists / "current.toml").unlink()
        (lists / "current.toml").symlink_to("docs.toml")

    _assert_change_is_seen(capsys, args, retarget)


def test_an_unreadable_gitignore_stores_no_memo(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # Another user may read it and walk otherwise (simulated: root reads any file).
    (project / "corpus" / ".gitignore").write_text(f"{MT_ARTICLE.name}\n", encoding="utf-8")
    real_read_text = Path.read_text

    def unreadable(path: Path, *args: object, **kwargs: object) -> str:
        if path.name == ".gitignore":
            raise PermissionError(13, "Permission denied", str(path))
        return real_read_text(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Path, "read_text", unreadable)
    run(capsys, "check", "corpus")
    assert replayed(capsys, "check", "corpus") is None


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full to fail writes")
def test_a_replay_that_cannot_write_exits_2_with_an_error_line(project: Path) -> None:
    env = {**os.environ, "REPAIR_LANGUAGETOOL_URL": ""}
    command = [sys.executable, "-m", "repair", "check", "corpus"]
    time.sleep(2.1)  # past the racy window: the first run stores a memo
    first = subprocess.run(command, capture_output=True, env=env, check=False)
    assert first.returncode == 1
    with Path("/dev/full").open("wb") as full:
        failed = subprocess.run(command, stdout=full, stderr=subprocess.PIPE, env=env, check=False)
    assert failed.returncode == 2  # not 1, "findings": the output was lost
    assert b"Traceback" not in failed.stderr
    assert failed.stderr.startswith(b"error: ")


def test_streams_click_writes_otherwise_store_no_memo(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # Click writes UTF-8 with replacements to an ASCII stream, and skips a closed one.
    ascii_out = io.TextIOWrapper(io.BytesIO(), encoding="ascii")
    monkeypatch.setattr(sys, "stdout", ascii_out)
    with pytest.raises(SystemExit):
        launch(["check", "corpus"])
    monkeypatch.setattr(sys, "stdout", None)
    with pytest.raises(SystemExit):
        launch(["check", "corpus"])
    runs = replay.runs_folder()
    assert runs is not None
    assert not Path(runs).exists() or not list(Path(runs).iterdir())


def test_untrusted_file_status_stores_no_memo(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with (project / "corpus" / "repair.toml").open("a", encoding="utf-8") as stream:
        stream.write("trust-file-status = false\n")
    first = run(capsys, "check", "corpus")
    assert first[0] == 1
    assert replayed(capsys, "check", "corpus") is None


def test_a_run_printing_past_the_limit_stores_no_memo_and_holds_nothing(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    held = []
    finish = replay.finish

    def finish_seeing_what_is_held(exit_code: int) -> bool:
        assert replay._recording is not None
        output = replay._recording.output
        held.append((output.size, output.runs, replay._recording.blocked))
        return finish(exit_code)

    monkeypatch.setattr(replay, "finish", finish_seeing_what_is_held)
    printed = run(capsys, "check", "corpus")
    assert replayed(capsys, "check", "corpus") == printed
    size = len((printed[1] + printed[2]).encode())
    assert held[0] == (size, [[replay.STDOUT, len(printed[1].encode())]], None)
    monkeypatch.setattr(replay, "_OUTPUT_LIMIT", size - 1)
    assert run(capsys, "check", "--exit-zero", "corpus")[1] == printed[1]
    assert replayed(capsys, "check", "--exit-zero", "corpus") is None
    assert held[1] == (0, [], f"printed more than {size - 1:,} bytes")


def test_what_a_run_printed_is_stored_compressed_and_replayed_exactly(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    output = replay._Output()
    written = [(replay.STDOUT, "a\n"), (replay.STDOUT, "b\udcff\n"), (replay.STDERR, "é\n")]
    for stream, text in [*written, (replay.STDOUT, "c" * 100_000)]:
        output.add(stream, text)
    runs, data = output.stored_runs(), b"".join(output.stored_bytes())
    assert runs == ((replay.STDOUT, 7), (replay.STDERR, 3), (replay.STDOUT, 100_000))
    assert len(data) < 1_000  # compressed
    assert replay._printed(runs, data) == [
        (replay.STDOUT, "a\nb\udcff\n"),
        (replay.STDERR, "é\n"),
        (replay.STDOUT, "c" * 100_000),
    ]
    # A damaged memo's output is not replayed, nor partly printed.
    assert replay._printed(runs[:-1], data) is None
    assert replay._printed((*runs[:-1], (3, 100_000)), data) is None
    assert replay._printed(((replay.STDOUT, replay._OUTPUT_LIMIT + 1),), data) is None
    assert replay._printed(runs, data[:-4]) is None  # cut short
    with pytest.raises(zlib.error):
        replay._printed(runs, b"\x00" + data[1:])  # not a zlib stream: replay() catches it


def test_a_memo_is_not_replayed_to_a_closed_stream(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    run(capsys, "check", "corpus")
    monkeypatch.setattr(sys, "stdout", None)
    assert replay.replay(["check", "corpus"]) is None


def test_entries_the_walk_left_out_may_go_and_new_ones_are_looked_at(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (project / "corpus" / "photo.jpg").write_bytes(b"\xff\xd8\xff")
    (project / "corpus" / "node_modules").mkdir()
    (project / "corpus" / "node_modules" / "notes.txt").write_text("two -day", encoding="utf-8")
    first = run(capsys, "check", "corpus")
    (project / "corpus" / "photo.jpg").unlink()
    shutil.rmtree(project / "corpus" / "node_modules")
    assert replayed(capsys, "check", "corpus") == first
    # A new entry is not replayed even when the walk would leave it out: only the walk,
    # with the settings loaded, can tell.
    (project / "corpus" / "photo.png").write_bytes(b"\x89PNG")
    assert replayed(capsys, "check", "corpus") is None
    assert run(capsys, "check", "corpus") == first


def test_a_cache_folder_made_inside_the_corpus_by_the_run_is_left_out(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("REPAIR_CACHE_DIR")
    config = project / "corpus" / "repair.toml"
    config.write_text('entities = ["entities.toml"]\n', encoding="utf-8")  # the default cache-dir
    monkeypatch.chdir(project / "corpus")
    first = run(capsys, "check", ".")
    assert (project / "corpus" / ".repair_cache").is_dir()  # made by the first run
    assert replayed(capsys, "check", ".") == first


def test_the_environment_and_the_working_folder_are_part_of_the_key(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    first = run(capsys, "check", "corpus")
    monkeypatch.setenv("REPAIR_SOMETHING_NEW", "1")
    assert replayed(capsys, "check", "corpus") is None
    monkeypatch.delenv("REPAIR_SOMETHING_NEW")
    monkeypatch.chdir(project / "corpus")
    assert replayed(capsys, "check", ".") is None
    monkeypatch.chdir(project)
    assert replayed(capsys, "check", "corpus") == first


def test_changed_code_is_not_replayed(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    run(capsys, "check", "corpus")
    monkeypatch.setattr(stamps, "_code", (*stamps.code_stamp(), ("rules/new.py", 1, 1)))
    assert replayed(capsys, "check", "corpus") is None


def test_files_changed_just_before_the_run_store_no_memo(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(stamps, "RACY_NS", 2_000_000_000)  # the copies are a moment old
    run(capsys, "check", "corpus")
    assert replayed(capsys, "check", "corpus") is None


@pytest.mark.parametrize(
    "args",
    [
        ("check", "--no-cache", "corpus"),
        ("check", "corpus", "missing.txt"),  # exit 2: an error is looked at again
    ],
    ids=["cache off", "an error"],
)
def test_runs_that_store_no_memo(
    project: Path, capsys: pytest.CaptureFixture[str], args: tuple[str, ...]
) -> None:
    run(capsys, *args)
    runs = replay.runs_folder()
    assert runs is not None
    assert not Path(runs).exists() or not list(Path(runs).iterdir())


def test_a_languagetool_installation_folder_stores_no_memo(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    (project / "lt").mkdir()
    monkeypatch.setenv("REPAIR_LT_HOME", str(project / "lt"))
    run(capsys, "check", "--extend-select", "LT", "corpus")
    assert replayed(capsys, "check", "--extend-select", "LT", "corpus") is None


def test_a_languagetool_folder_is_not_looked_at_without_lt(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    (project / "lt").mkdir()
    monkeypatch.setenv("REPAIR_LT_HOME", str(project / "lt"))
    first = run(capsys, "check", "corpus")
    assert replayed(capsys, "check", "corpus") == first


def test_standard_input_stores_no_memo(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    stdin = io.TextIOWrapper(io.BytesIO(MT_ARTICLE.read_bytes()), encoding="utf-8")
    monkeypatch.setattr(sys, "stdin", stdin)
    exit_code, out, _ = run(capsys, "check", "-", "corpus")
    assert exit_code == 1
    assert "-:" in out
    runs = replay.runs_folder()
    assert runs is not None
    assert not Path(runs).exists() or not list(Path(runs).iterdir())


def test_a_damaged_memo_is_not_replayed(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    first = run(capsys, "check", "corpus")
    runs = replay.runs_folder()
    assert runs is not None
    (memo,) = Path(runs).iterdir()
    data = memo.read_bytes()
    for damaged in (data[: len(data) // 2], b"\x00" * 16, b""):
        memo.write_bytes(damaged)
        assert replayed(capsys, "check", "corpus") is None
    assert run(capsys, "check", "corpus") == first
    assert replayed(capsys, "check", "corpus") == first


def test_a_check_run_without_the_launcher_records_nothing(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run(capsys, "check", "--select", "PUN", "corpus")  # armed, then disarmed
    CliRunner().invoke(command_line, ["check", "corpus"])
    assert replayed(capsys, "check", "corpus") is None
    assert replayed(capsys, "check", "--select", "PUN", "corpus") is not None


def test_only_the_newest_memos_are_kept(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cli_replay_store, "_MEMOS_KEPT", 3)
    for code in ("PUN", "QUO", "STR", "GLU"):
        run(capsys, "check", "--select", code, "corpus")
    runs = replay.runs_folder()
    assert runs is not None
    assert len(list(Path(runs).glob("*.memo"))) == 3
    assert replayed(capsys, "check", "--select", "GLU", "corpus") is not None


def test_a_replayed_check_imports_neither_click_nor_a_rule(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    env = {**os.environ, "REPAIR_LANGUAGETOOL_URL": ""}
    probe = (
        "import atexit, sys\n"
        "atexit.register(lambda: sys.stderr.write("
        "'\\nimported: ' + ' '.join(sorted(m for m in sys.modules "
        "if m in ('click', 'repair.cli', 'repair.rules', 'repair.checker')))))\n"
        "from repair.launch import main\n"
        "main()\n"
    )

    def check() -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-c", probe, "check", "corpus"],
            capture_output=True,
            text=True,
            env=env,
            check=False,
        )

    first = check()
    assert "imported: click" in first.stderr
    assert first.returncode == 1
    time.sleep(2.1)  # the copies are a moment old, and a real run keeps the racy window
    second = check()  # stores the memo: its files are now older than the window
    third = check()
    assert third.stdout == first.stdout == second.stdout
    assert third.stderr.endswith("imported: ")
    assert third.returncode == 1


# Where memos live ---------------------------------------------------------------------------


def test_the_memo_folder_is_the_cache_folder_of_the_working_folders_settings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("REPAIR_CACHE_DIR")
    monkeypatch.chdir(tmp_path)
    cases = [
        None,
        ("repair.toml", 'cache-dir = "elsewhere/cache"\n'),
        ("pyproject.toml", '[project]\nname = "repair-user"\n'),  # "repair", no table
        ("pyproject.toml", '[tool."rep\\u0061ir"]\ncache-dir = "escaped"\n'),
        ("pyproject.toml", "[tool.repair]\nselect = ['PUN']\n"),
    ]
    for case in cases:
        for name in ("repair.toml", "pyproject.toml"):
            (tmp_path / name).unlink(missing_ok=True)
        if case is not None:
            (tmp_path / case[0]).write_text(case[1], encoding="utf-8")
        discover_config.cache_clear()
        settings = discover_config(tmp_path)
        expected = ResultCache.for_config(settings).folder / "runs"
        assert Path(replay.runs_folder() or "") == expected, case


def test_config_files_are_found_as_before(tmp_path: Path) -> None:
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "pyproject.toml").write_text("[tool.black]\n", encoding="utf-8")
    (tmp_path / "pyproject.toml").write_text("[tool.repair]\n", encoding="utf-8")
    assert nearest_config_file(str(tmp_path / "a" / "b")) == str(tmp_path / "pyproject.toml")
    (tmp_path / "a" / ".repair.toml").write_text("", encoding="utf-8")
    assert nearest_config_file(str(tmp_path / "a" / "b")) == str(tmp_path / "a" / ".repair.toml")
    (tmp_path / "a" / "b" / "repair.toml").write_text("cache-dir = 3\n", encoding="utf-8")
    found = nearest_config_file(str(tmp_path / "a" / "b"))
    assert found == str(tmp_path / "a" / "b" / "repair.toml")
    assert cache_dir_setting(found) is None  # not a string: loading the config says so


# Property: whatever changes, a replay prints what a fresh check prints ----------------------

_NAMES = ("a.txt", "b.md", "sub/c.txt", "sub/d.png", ".gitignore", "repair.toml")
_TEXTS = ("A two -day visit.\n", "Clean text.\n", "peace talksAnd that\n", "", "*.md\n")
_OPERATIONS = st.lists(
    st.tuples(
        st.sampled_from(("write", "delete")), st.sampled_from(_NAMES), st.sampled_from(_TEXTS)
    ),
    min_size=1,
    max_size=4,
)


@settings(
    derandomize=True,  # deterministic mode to avoid CI flakiness
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(operations=_OPERATIONS)
def test_a_replay_always_prints_what_a_fresh_check_prints(
    tmp_path_factory: pytest.TempPathFactory,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    operations: list[tuple[str, str, str]],
) -> None:
    folder = tmp_path_factory.mktemp("tree")
    monkeypatch.chdir(folder)
    monkeypatch.setattr(stamps, "RACY_NS", 0)
    (folder / "top").mkdir()
    (folder / "top" / "a.txt").write_text("He said “yes.\n", encoding="utf-8")
    run(capsys, "check", "top")
    for operation, name, text in operations:
        target = folder / "top" / name
        if operation == "write":
            target.parent.mkdir(exist_ok=True)
            if name == "repair.toml":
                text = 'ignore = ["QUO"]\n' if text else ""
            target.write_text(text, encoding="utf-8")
        else:
            target.unlink(missing_ok=True)
        again = replayed(capsys, "check", "top")
        expected = fresh(capsys, "check", "top")
        if again is not None:
            assert again == expected, (operation, name)
        assert run(capsys, "check", "top") == expected
