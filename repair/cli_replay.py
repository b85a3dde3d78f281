"""Replaying a check whose inputs have not changed: the run memo of the command line.

While ``repair check`` runs, this module observes what it reads (:mod:`repair.inputs`):
each file it checks, each config file, entity list and ``.gitignore``, each file it looked
for and did not find (a config file in a folder above, a ``.git``), and the entries of each
folder it walked. At the end it stores them with the lines it printed and its exit code: a
*run memo*, under ``runs/`` in the cache folder of the working folder's settings
(``$REPAIR_CACHE_DIR`` when set).

The next ``repair check`` with the same arguments, working folder, environment and repair
looks for its memo before importing anything else. When every file still has the size,
modification and change times, inode, device and mode it had, every probe finds what it
found, and every walked folder has the same entries, it prints the same lines and exits with
the same code, without loading a rule or a cache entry. Otherwise the check runs as usual and
the per-file cache answers for the files that did not change.

What keeps a replay exact:

- **Racy files.** A file whose modification or change time falls within 2 s of the start of
  the run that read it may change again within the file system's clock without its times
  changing: such a run stores no memo. A change after a memo was stored gives the file a
  new change time, which no program can set back.
- **Walked folders** are compared by their entries, not their times. An entry the walk left
  out (an excluded name, a file no ``include`` pattern matches) may go; a new entry of any
  kind means the walk must run again, since only it can tell whether it would take it. One
  exception: the run that records the memo classifies the entries that appeared while it
  ran (the cache folder it made, say) with the walk's own rules.
- **No memo** for a run that ended in an error (exit 2), read standard input, had the cache
  off, had the LT rules in force and found a LanguageTool installation folder, lacked
  grammar findings (a LanguageTool server failed), could not read a config or ``.gitignore``
  file (another user may), ran under ``trust-file-status = false``, wrote to a closed or
  ASCII stream, or printed more than 64 MB (what it printed is then dropped at once, not
  held to the end), nor on Windows, whose change time is
  a creation time.

It belongs to the command line: the library only reports its inputs (:mod:`repair.inputs`),
and the launcher (:mod:`repair.launch`) and ``repair check`` are the only callers. It
imports nothing beyond the standard library's core (no pathlib, no regular expressions):
its answer must cost less than Python's own start-up.
"""

from __future__ import annotations

import marshal
import os
import sys
import time
import zlib

from repair import inputs, stamps
from repair.cli_replay_store import listing, memo_name, run_key, runs_folder, store
from repair.inputs import FOLDER, OTHER, PROBES
from repair.stamps import code_stamp, file_signature

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Sequence
    from contextlib import AbstractContextManager
    from types import TracebackType
    from typing import Any

    from repair.inputs import Excluded

STDOUT, STDERR = 1, 2

# What a replayable run prints is held, compressed as it is printed, until it ends (about a
# tenth of its size: 1.5 MB for 167,000 lines of findings), so that a run with the cache
# holds little more than one without; a run that prints more than this stores no memo and
# drops what it held at once.
_OUTPUT_LIMIT = 64 * 1024 * 1024  # bytes of UTF-8


# Recording -----------------------------------------------------------------------------------


class _Output:
    """What a recorded run printed: runs of writes to one stream, as (stream, bytes) pairs,
    and the bytes of all of them, UTF-8 compressed as they come (zlib's fastest level)."""

    def __init__(self) -> None:
        self.runs: list[list[int]] = []
        self.size = 0
        self.compressor = zlib.compressobj(1)
        self.compressed: list[bytes] = []

    def add(self, stream: int, text: str) -> None:
        # surrogatepass: a file name's undecodable bytes (surrogate escapes) come back as
        # they were written
        data = text.encode("utf-8", "surrogatepass")
        self.size += len(data)
        if self.runs and self.runs[-1][0] == stream:
            self.runs[-1][1] += len(data)
        else:
            self.runs.append([stream, len(data)])
        self.compressed.append(self.compressor.compress(data))

    def stored_runs(self) -> tuple[tuple[int, int], ...]:
        return tuple((stream, size) for stream, size in self.runs)

    def stored_bytes(self) -> list[bytes]:
        """The compressed bytes, in parts: written after the memo, never joined (a copy)."""
        return [*self.compressed, self.compressor.flush()]


class _Inputs:
    """What one check read, and what it printed: the :class:`repair.inputs.Observer` of a
    recorded run."""

    def __init__(self, argv: tuple[str, ...], runs: str) -> None:
        self.runs = runs
        self.key = run_key(argv)
        self.started_ns = time.time_ns()
        self.files: dict[str, None] = {}  # an ordered set
        self.probes: dict[tuple[str, str], bool] = {}
        self.resolutions: dict[str, str] = {}
        self.folders: dict[str, tuple[dict[str, str], Excluded]] = {}
        self.output = _Output()
        self.blocked: str | None = None

    def file_read(self, path: str) -> None:
        self.files[path] = None

    def probed(self, path: str, kind: str, found: bool) -> None:
        self.probes[(path, kind)] = found

    def resolved(self, path: str, target: str) -> None:
        self.resolutions[path] = target

    def folder_listed(self, path: str, taken: dict[str, str], excluded: Excluded) -> None:
        self.folders[path] = (taken, excluded)

    def untracked(self, reason: str) -> None:
        self.blocked = reason


_armed: tuple[str, ...] | None = None
_recording: _Inputs | None = None


def arm(argv: Sequence[str] | None) -> None:
    """Let the command about to run with ``argv`` record a memo, or (``None``) no command.

    The launcher arms the command it runs, and disarms it after: a check run any other way,
    such as through click's test runner, records nothing. A recording takes the arguments
    once, so that no later check of the same process can store its own output under them.
    """
    global _armed
    _armed = tuple(argv) if argv is not None else None


def recording(eligible: bool) -> _Recorder:
    """A context in which the check inside the ``with`` block notes its inputs and outputs,
    if the launcher armed one and ``eligible`` (the CLI says whether the run can be replayed
    at all). It gives whether it records."""
    return _Recorder(eligible)


class _Recorder:
    def __init__(self, eligible: bool) -> None:
        self.eligible = eligible
        self.observing: AbstractContextManager[None] | None = None

    def __enter__(self) -> bool:
        global _armed, _recording
        argv, _armed, _recording = _armed, None, None
        # On Windows st_ctime is the creation time: a rewrite that kept a file's size and
        # modification time would go unseen. Click writes to a closed stream or to one
        # encoded in ASCII otherwise than a replay would.
        if self.eligible and argv is not None and os.name != "nt" and _plain_streams():
            try:
                runs = runs_folder()
            except OSError:  # a working folder deleted under the run
                runs = None
            if runs is not None:
                _recording = _Inputs(argv, runs)
                self.observing = inputs.observing(_recording)
                self.observing.__enter__()
        return _recording is not None

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        global _recording
        _recording = None
        if self.observing is not None:
            self.observing.__exit__(kind, error, traceback)
            self.observing = None


def _plain_streams() -> bool:
    """Whether standard output and error are open, UTF-8 text streams."""
    import codecs

    for stream in (sys.stdout, sys.stderr):
        try:
            if stream is None or codecs.lookup(stream.encoding).name != "utf-8":
                return False
        except (AttributeError, LookupError, TypeError):
            return False
    return True


def is_recording() -> bool:
    return _recording is not None


def note_output(stream: int, text: str) -> None:
    """Record ``text`` as written to :data:`STDOUT` or :data:`STDERR`, exactly as written."""
    run = _recording
    if run is None or run.blocked is not None:
        return
    run.output.add(stream, text)
    if run.output.size > _OUTPUT_LIMIT:
        run.output = _Output()
        run.blocked = f"printed more than {_OUTPUT_LIMIT:,} bytes"


def finish(exit_code: int) -> bool:
    """Store the memo of the run being recorded, if it can be replayed; whether it was."""
    run = _recording
    if run is None or run.blocked is not None or exit_code not in (0, 1):
        return False
    try:
        memo = _memo_of(run, exit_code)
    except OSError:
        return False
    if memo is None:
        return False
    # The memo, then the compressed output after it: marshal.load stops at the memo's end.
    store(run.runs, memo_name(run.key), [marshal.dumps(memo), *run.output.stored_bytes()])
    return True


def _memo_of(run: _Inputs, exit_code: int) -> tuple[Any, ...] | None:
    """The memo of a finished run, or ``None`` when an input changed while it ran."""
    horizon = run.started_ns - stamps.RACY_NS
    files = []
    for path in run.files:
        status = os.stat(path)
        if status.st_mtime_ns >= horizon or status.st_ctime_ns >= horizon:
            return None
        files.append((path, file_signature(status)))
    probes = tuple((path, kind, found) for (path, kind), found in run.probes.items())
    resolved = tuple(run.resolutions.items())
    if not _lookups_hold(probes, resolved):
        return None
    folders = []
    for path, (taken, excluded) in run.folders.items():
        left_out = {}
        present = 0
        for name, kind in listing(path).items():
            if name in taken:
                if taken[name] != kind:
                    return None
                present += 1
            elif excluded(name, kind != OTHER):
                left_out[name] = kind
            else:
                return None  # an entry the walk would take appeared while it ran
        if present != len(taken):
            return None
        unwalked = (
            os.path.join(path, name) not in run.folders
            for name, kind in taken.items()
            if kind == FOLDER
        )
        if any(unwalked):
            return None  # a folder the walk could not enter
        folders.append((path, tuple(taken.items()), tuple(left_out.items())))
    return (
        run.key,
        code_stamp(),
        tuple(files),
        probes,
        resolved,
        tuple(folders),
        run.output.stored_runs(),
        exit_code,
    )


# Replaying ---------------------------------------------------------------------------------


def replay(argv: Sequence[str]) -> int | None:
    """Print what the same check printed last time and return its exit code, or ``None``
    (nothing printed) when there is no memo or an input has changed."""
    if not argv or argv[0] != "check" or "--no-cache" in argv or "-" in argv:
        return None  # never recorded: quicker to say so than to look
    try:
        key = run_key(argv)
        runs = runs_folder()
        if runs is None:
            return None
        with open(os.path.join(runs, memo_name(key)), "rb") as stream:
            memo = marshal.load(stream)  # the compressed output follows it
            recorded_key, stamp, files, probes, resolved, folders, output_runs, exit_code = memo
            if (
                recorded_key != key
                or exit_code not in (0, 1)
                or stamp != code_stamp()
                or not _unchanged(files, probes, resolved, folders)
                or (printed := _printed(output_runs, stream.read())) is None
            ):
                return None
    except (OSError, EOFError, ValueError, TypeError, LookupError, zlib.error):
        return None  # no memo, or a damaged one: run the check
    try:
        _write(printed)
    except BrokenPipeError:
        # The reader went away (| head): as Python advises, send the rest nowhere.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 2
    except OSError as error:
        sys.stderr.write(f"error: internal error: {type(error).__name__}: {error}\n")
        return 2
    return int(exit_code)


def _unchanged(
    files: Sequence[tuple[str, tuple[int, ...]]],
    probes: Sequence[tuple[str, str, bool]],
    resolved: Sequence[tuple[str, str]],
    folders: Sequence[tuple[str, tuple[tuple[str, str], ...], tuple[tuple[str, str], ...]]],
) -> bool:
    stat = os.stat
    for path, signature in files:
        if file_signature(stat(path)) != signature:
            return False
    if not _lookups_hold(probes, resolved):
        return False
    for path, taken, left_out in folders:
        taken_kinds, left_out_kinds = dict(taken), dict(left_out)
        present = 0
        for name, kind in listing(path).items():
            if taken_kinds.get(name) == kind:
                present += 1
            elif left_out_kinds.get(name) != kind:
                return False
        if present != len(taken_kinds):
            return False
    return True


def _lookups_hold(
    probes: Sequence[tuple[str, str, bool]], resolved: Sequence[tuple[str, str]]
) -> bool:
    """Whether every probe finds what it found, and every path resolves where it did."""
    for path, kind, found in probes:
        if PROBES[kind](path) != found:
            return False
    return all(os.path.realpath(path) == target for path, target in resolved)


def _printed(runs: Sequence[tuple[int, int]], data: bytes) -> list[tuple[int, str]] | None:
    """What a memo's run printed, to each stream in turn, from :class:`_Output`'s runs and
    compressed bytes; ``None`` when they do not agree (a damaged memo is not replayed, nor
    partly printed)."""
    total = sum(size for _, size in runs)
    if type(total) is not int or not 0 <= total <= _OUTPUT_LIMIT:
        return None
    # No more than the runs add up to is ever decompressed (a damaged memo's data could
    # unpack to any size); the stream must end there.
    decompressor = zlib.decompressobj()
    text = decompressor.decompress(data, total + 1)
    if not decompressor.eof or decompressor.unconsumed_tail:
        return None
    printed = []
    start = 0
    for stream, size in runs:
        if stream not in (STDOUT, STDERR) or type(size) is not int or size < 0:
            return None
        printed.append((stream, text[start : start + size].decode("utf-8", "surrogatepass")))
        start += size
    return printed if start == len(text) else None


def _write(outputs: Sequence[tuple[int, str]]) -> None:
    streams = {STDOUT: sys.stdout, STDERR: sys.stderr}
    last = None
    for number, text in outputs:
        stream = streams[number]
        if stream is None:
            continue  # closed: click skips it too
        if last is not None and stream is not last:
            last.flush()  # the order the two streams were written in, if they are one file
        stream.write(text)
        last = stream
    for stream in streams.values():
        if stream is not None:
            stream.flush()
