"""A LanguageTool server started on this machine, owned by the run that started it.

Where releases are looked for, newest version first:

- ``$REPAIR_LT_HOME/<version>/lib`` (default ``~/.cache/repair/languagetool``), where
  ``scripts/languagetool.sh fetch`` puts the jars Maven fetches;
- ``LanguageTool-<version>/languagetool-server.jar`` where language-tool-python keeps the
  releases it downloaded (``$LTP_JAR_DIR_PATH``, else ``$LTP_PATH`` or
  ``~/.cache/language_tool_python``).

A :class:`LocalServer` is a Java process listening on 127.0.0.1 only (LanguageTool's
HTTPServer without ``--public``), on a free port. Its start is bounded by a timeout, and it
stops when the object is stopped, when this process exits, and (on Linux) when this process
dies without exiting: the kernel sends it SIGTERM.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import signal
import socket
import subprocess
import time
from collections.abc import Mapping
from pathlib import Path
from typing import IO, Final

from repair import inputs
from repair.errors import RepairError

LT_HOME_ENV: Final = "REPAIR_LT_HOME"
START_TIMEOUT_ENV: Final = "REPAIR_LT_START_TIMEOUT"
_LTP_PATH_ENV: Final = "LTP_PATH"
_LTP_JAR_DIR_ENV: Final = "LTP_JAR_DIR_PATH"
_SERVER_JAR: Final = "languagetool-server.jar"
_FETCHED_MARK: Final = ".complete"  # written by scripts/languagetool.sh once every jar is in
_MAIN_CLASS: Final = "org.languagetool.server.HTTPServer"
_START_TIMEOUT_SECONDS: Final = 120.0
_STOP_TIMEOUT_SECONDS: Final = 10.0
_HEAP: Final = "-Xmx1g"
_VERSION_PART: Final = re.compile(r"\d+")
_WARM_UP_TEXT: Final = "The minister arrived in Brussels on Tuesday."


class ServerStartError(RepairError):
    """A local LanguageTool server did not start, or did not answer in time."""


def version_key(name: str) -> tuple[int, ...]:
    """A release's version as numbers, so that 6.10 sorts above 6.9.

    >>> sorted(["LanguageTool-6.10", "LanguageTool-6.9", "6.8"], key=version_key)
    ['6.8', 'LanguageTool-6.9', 'LanguageTool-6.10']
    """
    return tuple(int(part) for part in _VERSION_PART.findall(name))


def lt_home(environ: Mapping[str, str]) -> Path:
    """The folder ``scripts/languagetool.sh`` fetches releases into."""
    configured = environ.get(LT_HOME_ENV)
    if configured:
        return Path(configured)
    return Path(environ.get("HOME") or Path.home()) / ".cache" / "repair" / "languagetool"


def installations(environ: Mapping[str, str]) -> list[Path]:
    """The LanguageTool releases on this machine, oldest version first.

    Looks without creating or downloading anything; a probe that finds a folder tells
    :mod:`repair.inputs` that the run depends on more than it can describe (its releases
    may come and go).
    """
    found: list[Path] = []
    home = lt_home(environ)
    if inputs.is_dir(str(home)):
        inputs.note_untracked("a LanguageTool installation folder is present")
        found += [p for p in home.iterdir() if (p / _FETCHED_MARK).is_file()]
    jar_dir = environ.get(_LTP_JAR_DIR_ENV)
    if jar_dir:
        if inputs.is_file(str(Path(jar_dir) / _SERVER_JAR)):
            inputs.note_untracked("a LanguageTool installation folder is present")
            found.append(Path(jar_dir))
    else:
        folder = Path(
            environ.get(_LTP_PATH_ENV)
            or Path(environ.get("HOME") or Path.home()) / ".cache" / "language_tool_python"
        )
        if inputs.is_dir(str(folder)):
            inputs.note_untracked("a LanguageTool installation folder is present")
            found += [p for p in folder.glob("LanguageTool-*") if (p / _SERVER_JAR).is_file()]
    return sorted(found, key=lambda p: version_key(p.name))


def newest_installation(environ: Mapping[str, str]) -> Path | None:
    """The newest release, when Java is here to run it."""
    found = installations(environ)
    if not found or shutil.which("java") is None:
        return None
    return found[-1]


def classpath(installation: Path) -> str:
    """The Java class path of a release: language-tool-python's jar, or the fetched jars."""
    jar = installation / _SERVER_JAR
    return str(jar) if jar.is_file() else str(installation / "lib" / "*")


def start_timeout(environ: Mapping[str, str]) -> float:
    """Seconds a server may take to answer, from ``$REPAIR_LT_START_TIMEOUT``."""
    try:
        return float(environ.get(START_TIMEOUT_ENV, "")) or _START_TIMEOUT_SECONDS
    except ValueError:
        return _START_TIMEOUT_SECONDS


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _die_with_parent() -> None:
    """In the child before Java starts: SIGTERM when the parent dies (Linux only)."""
    with contextlib.suppress(Exception):  # another system, or no libc: the atexit stop is left
        import ctypes

        pr_set_pdeathsig = 1
        ctypes.CDLL(None, use_errno=True).prctl(pr_set_pdeathsig, signal.SIGTERM)


def answers(url: str, timeout: float = 2.0) -> bool:
    """Whether the server at ``url`` lists its languages."""
    import urllib.request

    try:
        with urllib.request.urlopen(f"{url}/v2/languages", timeout=timeout) as response:
            return bool(response.status == 200)
    except (OSError, ValueError):
        return False


class LocalServer:
    """One Java LanguageTool server on 127.0.0.1, from :meth:`start` until :meth:`stop`."""

    def __init__(self, process: subprocess.Popen[bytes], url: str, log: IO[bytes]) -> None:
        self.process = process
        self.url = url
        self._log = log

    @classmethod
    def start(cls, installation: Path, timeout: float = _START_TIMEOUT_SECONDS) -> LocalServer:
        """Start a server from ``installation`` and wait until it answers, at most ``timeout``
        seconds; raises :class:`ServerStartError` (and leaves no process) otherwise."""
        java = shutil.which("java")
        if java is None:
            raise ServerStartError("Java is not installed")
        port = _free_port()
        import tempfile

        # What Java says, shown if it fails to start; open as long as the server runs.
        log = tempfile.TemporaryFile()  # noqa: SIM115
        command = [java, _HEAP, "-cp", classpath(installation), _MAIN_CLASS, "--port", str(port)]
        try:
            process = subprocess.Popen(
                command,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                # Its own session: a Ctrl-C reaches this process, which stops the server
                # itself once the run has ended.
                start_new_session=True,
                preexec_fn=_die_with_parent,  # before any thread of ours: safe to fork
            )
        except OSError as error:
            log.close()
            raise ServerStartError(f"cannot run Java: {error}") from error
        server = cls(process, f"http://127.0.0.1:{port}", log)
        deadline = time.monotonic() + timeout
        server._wait_until_it_answers(deadline, timeout)
        server._warm_up(deadline, timeout)
        return server

    def _wait_until_it_answers(self, deadline: float, timeout: float) -> None:
        while not answers(self.url):
            if self.process.poll() is not None:
                said = self._last_words()
                self.stop()
                raise ServerStartError(f"LanguageTool exited at start: {said}")
            if time.monotonic() > deadline:
                self.stop()
                raise ServerStartError(f"LanguageTool did not answer within {timeout:.0f} s")
            time.sleep(0.2)

    def _warm_up(self, deadline: float, timeout: float) -> None:
        """One short check, within the start's time: the server loads a language's rules on
        its first request for it, which takes longer than any later request."""
        import urllib.parse
        import urllib.request

        body = urllib.parse.urlencode({"text": _WARM_UP_TEXT, "language": "en-US"}).encode()
        try:
            with urllib.request.urlopen(
                f"{self.url}/v2/check", data=body, timeout=max(1.0, deadline - time.monotonic())
            ) as response:
                response.read()
        except OSError as error:
            self.stop()
            raise ServerStartError(
                f"LanguageTool did not answer a first check within {timeout:.0f} s: {error}"
            ) from error

    def _last_words(self) -> str:
        self._log.seek(0)
        lines = [line for line in self._log.read().decode("utf-8", "replace").splitlines() if line]
        errors = [line for line in lines if "Exception" in line or "Error" in line]
        return (errors or lines or ["no output"])[-1][:200]

    def stop(self) -> None:
        """Stop the server (SIGTERM, then SIGKILL after a wait); safe to call twice."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(_STOP_TIMEOUT_SECONDS)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self._log.close()

    def __enter__(self) -> LocalServer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


def environ_snapshot() -> dict[str, str]:
    """The variables that decide which release is found."""
    names = (LT_HOME_ENV, _LTP_PATH_ENV, _LTP_JAR_DIR_ENV, "HOME")
    return {name: os.environ[name] for name in names if os.environ.get(name)}


__all__ = [
    "LT_HOME_ENV",
    "LocalServer",
    "ServerStartError",
    "answers",
    "classpath",
    "installations",
    "lt_home",
    "newest_installation",
    "start_timeout",
    "version_key",
]
