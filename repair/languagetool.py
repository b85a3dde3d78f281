"""The one module that talks to LanguageTool: which server to use (its ``/v2/check`` API is
:mod:`repair.languagetool_api`'s, whose names it gives too).

The adapter behind the LT rules (:mod:`repair.rules.languagetool`). It takes the
``languagetool`` setting, not the settings as a whole: whether the rules are in force is
the rule module's question (:func:`repair.rules.languagetool.grammar_in_force`). Three
modes, from the setting:

- a URL (``http://localhost:8081``): that server. ``REPAIR_LANGUAGETOOL_URL`` gives the URL
  when the setting is ``auto``;
- ``auto`` (the default): a server on 127.0.0.1 started from a LanguageTool release on this
  machine (``scripts/languagetool.sh fetch`` puts one in ``~/.cache/repair/languagetool``;
  language-tool-python's are found too), one per run, shared by its worker processes
  (:func:`serving`); else none;
- ``off``: none.

The rules run only when they are in force: selected (``extend-select = ["LT"]``), or a
server URL configured. Text goes only to a server the user named or to one started on this
machine: never to a public server, and nothing is downloaded. Texts are sent in batches of
whole paragraphs, so each match maps back to a document offset. A server that fails during
a run costs that run its grammar findings, never a file's other findings.
"""

from __future__ import annotations

import atexit
import contextlib
import functools
import os
import urllib.parse
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Final, Literal

from repair.errors import ConfigError
from repair.languagetool_api import (
    BATCH_CHARS,
    Checker,
    HttpChecker,
    LanguageToolError,
    Match,
    batches,
    check_paragraphs,
    language_code,
    parse_matches,
)

if TYPE_CHECKING:
    from repair.languagetool_server import LocalServer

ENV_URL: Final = "REPAIR_LANGUAGETOOL_URL"

Mode = Literal["off", "url", "local", "unavailable"]


@dataclass(frozen=True, slots=True)
class Backend:
    """The server to use, as the settings and the environment decide it."""

    mode: Mode
    url: str | None = None
    installation: Path | None = None
    """The local LanguageTool release (mode ``local``)."""
    reason: str = ""
    """Why no server is used (modes ``off`` and ``unavailable``)."""


# Choosing a server --------------------------------------------------------------------------


def is_url(value: str) -> bool:
    """True for an ``http://`` or ``https://`` URL.

    >>> is_url("http://localhost:8081"), is_url("auto")
    (True, False)
    """
    return urllib.parse.urlsplit(value).scheme in ("http", "https")


def resolve(setting: str, environ: Mapping[str, str] | None = None) -> Backend:
    """The backend for a ``languagetool`` setting: a URL, ``auto`` or ``off``.

    >>> resolve("off").mode
    'off'
    >>> resolve("auto", {"REPAIR_LANGUAGETOOL_URL": "http://127.0.0.1:8081"}).url
    'http://127.0.0.1:8081'
    """
    environ = os.environ if environ is None else environ
    if setting == "off":
        return Backend("off", reason='LanguageTool is off (languagetool = "off")')
    if is_url(setting):
        return Backend("url", url=setting)
    if setting != "auto":
        raise ConfigError(f'languagetool must be "auto", "off" or an http(s) URL, not {setting!r}')
    from_env = environ.get(ENV_URL, "").strip()
    if from_env:
        if not is_url(from_env):
            raise ConfigError(f"{ENV_URL} must be an http(s) URL, not {from_env!r}")
        return Backend("url", url=from_env)
    installation = local_installation(environ)
    if installation is not None:
        return Backend("local", installation=installation)
    return Backend(
        "unavailable",
        reason="grammar checks (LT) skipped: no LanguageTool server; run "
        "scripts/languagetool.sh fetch, or set languagetool = URL in repair.toml or "
        f"{ENV_URL}",
    )


def local_installation(environ: Mapping[str, str] | None = None) -> Path | None:
    """The newest LanguageTool release on this machine, if Java is here to run it.

    See :mod:`repair.languagetool_server` for where it looks; nothing is created or
    downloaded.
    """
    from repair.languagetool_server import newest_installation

    return newest_installation(os.environ if environ is None else environ)


@functools.lru_cache(maxsize=16)
def _backend(setting: str, env_url: str, places: tuple[tuple[str, str], ...]) -> Backend:
    return resolve(setting, {ENV_URL: env_url, **dict(places)} if env_url else dict(places))


def forget_backends() -> None:
    """Look the backends up again on next use (the environment or the disk may differ)."""
    _backend.cache_clear()


def backend_for(setting: str) -> Backend:
    """:func:`resolve` for a ``languagetool`` setting and this process's environment, looked
    up once."""
    from repair.languagetool_server import environ_snapshot

    return _backend(
        setting,
        os.environ.get(ENV_URL, ""),
        tuple(sorted(environ_snapshot().items())),
    )


# The run's server -------------------------------------------------------------------------

SERVED_ENV: Final = "REPAIR_LANGUAGETOOL_SERVED"
"""Set by :func:`serving` while a run lasts, for its worker processes: the installation, a
tab, and the URL of the server started from it, or ``!`` and why none could start."""
MISSING_PREFIX: Final = "grammar findings (LT) missing"


@dataclass(slots=True)
class _ProcessState:
    """What this process knows of LanguageTool servers, for as long as it lives."""

    owned: dict[Path, LocalServer] = field(default_factory=dict)
    """Servers this process started itself (a library call outside :func:`serving`)."""
    broken: dict[str, str] = field(default_factory=dict)
    """URL or installation -> why it failed: later files skip it at once, not after a
    timeout each."""
    missing: int = 0
    """Checks that ran without grammar findings because the server failed."""
    reason: str = ""
    """Why the last of them did."""


# The one piece of process state: a server and its health live as long as the process, and
# the rule, the engine and the printer of one run must agree on them.
_STATE: Final = _ProcessState()


def url_configured(setting: str) -> bool:
    """Whether the user named a server: ``languagetool = URL``, or ``$REPAIR_LANGUAGETOOL_URL``
    under ``auto``. Naming one puts the LT rules in force like selecting them."""
    if is_url(setting):
        return True
    return setting == "auto" and bool(os.environ.get(ENV_URL, "").strip())


def skipped_notice(setting: str, environ: Mapping[str, str] | None = None) -> str | None:
    """The one line to show when the LT rules are in force under ``setting`` but no server
    can run them."""
    backend = backend_for(setting) if environ is None else resolve(setting, environ)
    return backend.reason if backend.mode == "unavailable" else None


@contextlib.contextmanager
def serving(setting: str, in_force: bool) -> Iterator[None]:
    """Start the run's one local server when the run needs one, and stop it at the end.

    The worker processes started inside the block share it: they find its URL in
    ``$REPAIR_LANGUAGETOOL_SERVED``. The server stops when the block ends, by an exception
    or a Ctrl-C too. A server that does not start in time leaves every file of the run
    without grammar findings, each result saying so (see :func:`missing_notice`).
    """
    if SERVED_ENV in os.environ or not in_force:
        yield
        return
    _STATE.broken.clear()  # a server that failed an earlier run of this process may be back
    backend = backend_for(setting)
    if backend.mode != "local" or backend.installation is None:
        yield
        return
    from repair.languagetool_server import LocalServer, ServerStartError, start_timeout

    server = None
    try:
        server = LocalServer.start(backend.installation, start_timeout(os.environ))
        served = server.url
    except ServerStartError as error:
        served = f"!local LanguageTool did not start: {error}"
    os.environ[SERVED_ENV] = f"{backend.installation}\t{served}"
    try:
        yield
    finally:
        os.environ.pop(SERVED_ENV, None)
        if server is not None:
            server.stop()


def _owned_server_url(installation: Path) -> str:
    """The URL of this process's own server from ``installation``, started on first use
    and stopped when the process exits."""
    from repair.languagetool_server import LocalServer, ServerStartError, start_timeout

    server = _STATE.owned.get(installation)
    if server is None:
        try:
            server = LocalServer.start(installation, start_timeout(os.environ))
        except ServerStartError as error:
            raise LanguageToolError(f"local LanguageTool did not start: {error}") from error
        if not _STATE.owned:
            atexit.register(stop_owned_servers)
        _STATE.owned[installation] = server
    return server.url


def stop_owned_servers() -> None:
    """Stop the servers this process started itself."""
    while _STATE.owned:
        _, server = _STATE.owned.popitem()
        server.stop()


def _served_url(installation: Path) -> str | None:
    """The URL :func:`serving` published for ``installation``; raises if it did not start."""
    served = os.environ.get(SERVED_ENV, "")
    where, _, value = served.partition("\t")
    if where != str(installation) or not value:
        return None
    if value.startswith("!"):
        raise LanguageToolError(value[1:])
    return value


def checker_for(backend: Backend) -> Checker | None:
    """A checker for the backend, or ``None`` when there is no server to use.

    Raises :class:`LanguageToolError` when the server failed before, in this process, or a
    local one does not start.
    """
    url: str | None = None
    if backend.mode == "url":
        url = backend.url
    elif backend.mode == "local" and backend.installation is not None:
        key = str(backend.installation)
        if key in _STATE.broken:
            raise LanguageToolError(_STATE.broken[key])
        try:
            url = _served_url(backend.installation) or _owned_server_url(backend.installation)
        except LanguageToolError as error:
            _STATE.broken[key] = str(error)
            raise
    if url is None:
        return None
    if url in _STATE.broken:
        raise LanguageToolError(_STATE.broken[url])
    return HttpChecker(url, unreachable=_STATE.broken)


def note_missing(error: LanguageToolError) -> None:
    """Count a check that ran without grammar findings because of ``error``."""
    _STATE.missing += 1
    _STATE.reason = str(error)


def missing_count() -> int:
    """How many checks of this process ran without grammar findings (see :func:`note_missing`)."""
    return _STATE.missing


def missing_notice(before: int) -> str | None:
    """The notice for a result whose check began when :func:`missing_count` was ``before``:
    ``None`` when its grammar findings are all there."""
    if _STATE.missing == before:
        return None
    return f"{MISSING_PREFIX}: {_STATE.reason}"


__all__ = [
    "BATCH_CHARS",
    "ENV_URL",
    "MISSING_PREFIX",
    "SERVED_ENV",
    "Backend",
    "Checker",
    "HttpChecker",
    "LanguageToolError",
    "Match",
    "backend_for",
    "batches",
    "check_paragraphs",
    "checker_for",
    "language_code",
    "local_installation",
    "missing_count",
    "missing_notice",
    "note_missing",
    "parse_matches",
    "resolve",
    "serving",
    "skipped_notice",
    "stop_owned_servers",
    "url_configured",
]
