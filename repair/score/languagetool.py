"""The one module that talks to LanguageTool: which server to use, and its ``/v2/check`` API.

Three modes, from the ``languagetool`` setting:

- a URL (``http://localhost:8081``): that server. ``REPAIR_LANGUAGETOOL_URL`` gives the URL
  when the setting is ``auto``;
- ``auto`` (the default): a local server started through language-tool-python when a
  LanguageTool release is already installed where it keeps them, else none;
- ``off``: none.

Text goes only to a server the user named or to one started on this machine: never to a
public server by default, and nothing is downloaded (language-tool-python would fetch a
release on first use; this module checks first that one is installed and Java is there).
Texts are sent in batches of whole paragraphs, so each match maps back to a document offset.
"""

from __future__ import annotations

import functools
import json
import os
import shutil
import urllib.parse
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final, Literal, Protocol

from repair import replay
from repair.config import Config
from repair.errors import ConfigError, RepairError
from repair.findings import Span

ENV_URL: Final = "REPAIR_LANGUAGETOOL_URL"
# Where language-tool-python keeps releases, and the variable that moves it.
_LTP_PATH_ENV: Final = "LTP_PATH"
_LTP_JAR_DIR_ENV: Final = "LTP_JAR_DIR_PATH"
_SERVER_JAR: Final = "languagetool-server.jar"
# Paragraphs are joined into requests of at most this many characters.
BATCH_CHARS: Final = 20_000
_JOIN: Final = "\n\n"
_TIMEOUT_SECONDS: Final = 30.0
# LanguageTool's language codes for repair's two-letter ``language`` setting.
_VARIANTS: Final = {"en": "en-US", "de": "de-DE", "pt": "pt-PT"}

Mode = Literal["off", "url", "local", "unavailable"]


class LanguageToolError(RepairError):
    """A LanguageTool server could not be reached or answered something unreadable."""


@dataclass(frozen=True, slots=True)
class Match:
    """One LanguageTool match, with ``offset`` into the text that was sent."""

    offset: int
    length: int
    message: str
    rule_id: str
    replacements: tuple[str, ...] = ()
    issue_type: str = ""


@dataclass(frozen=True, slots=True)
class Backend:
    """The server to use, as the settings and the environment decide it."""

    mode: Mode
    url: str | None = None
    installation: Path | None = None
    """The local LanguageTool release (mode ``local``)."""
    reason: str = ""
    """Why no server is used (modes ``off`` and ``unavailable``)."""


class Checker(Protocol):
    def check(self, text: str, language: str) -> list[Match]: ...


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
        reason="grammar checks (LT) skipped: no LanguageTool server; set languagetool = URL "
        f"in repair.toml or {ENV_URL}, or install LanguageTool for language-tool-python",
    )


def local_installation(environ: Mapping[str, str] | None = None) -> Path | None:
    """The newest LanguageTool release language-tool-python has installed, if Java is here.

    Looks where language-tool-python looks (``$LTP_JAR_DIR_PATH``, else
    ``$LTP_PATH`` or ``~/.cache/language_tool_python``) without creating or downloading
    anything.
    """
    environ = os.environ if environ is None else environ
    jar_dir = environ.get(_LTP_JAR_DIR_ENV)
    if jar_dir:
        if not replay.is_file(str(Path(jar_dir) / _SERVER_JAR)):
            return None
        found = [Path(jar_dir)]
    else:
        folder = Path(environ.get(_LTP_PATH_ENV) or Path.home() / ".cache" / "language_tool_python")
        if not replay.is_dir(str(folder)):
            return None
        found = sorted(p for p in folder.glob("LanguageTool-*") if (p / _SERVER_JAR).is_file())
    # Past the probes above, the answer depends on a folder's releases and on Java: a check
    # that got this far is not replayed (repair.replay notes no more of it).
    replay.cannot_replay("a LanguageTool installation folder is present")
    if not found or shutil.which("java") is None:
        return None
    return found[-1]


@functools.lru_cache(maxsize=16)
def _backend(setting: str, env_url: str, ltp_path: str, jar_dir: str) -> Backend:
    environ = {ENV_URL: env_url, _LTP_PATH_ENV: ltp_path, _LTP_JAR_DIR_ENV: jar_dir}
    return resolve(setting, {k: v for k, v in environ.items() if v})


def forget_backends() -> None:
    """Look the backends up again on next use (the environment or the disk may differ)."""
    _backend.cache_clear()


def backend_for(config: Config) -> Backend:
    """:func:`resolve` for ``config`` and this process's environment, looked up once."""
    return _backend(
        config.languagetool,
        os.environ.get(ENV_URL, ""),
        os.environ.get(_LTP_PATH_ENV, ""),
        os.environ.get(_LTP_JAR_DIR_ENV, ""),
    )


def skipped_notice(config: Config, environ: Mapping[str, str] | None = None) -> str | None:
    """The one line to show when LT rules are selected but no server can run them."""
    # The LT rules alone, not the registry: a run answered from the cache imports no rule.
    from repair.rules.base import is_enabled
    from repair.rules.languagetool import RULES

    ignored = config.ignored_for(None)
    if not any(is_enabled(rule, config, ignored) for rule in RULES):
        return None
    backend = backend_for(config) if environ is None else resolve(config.languagetool, environ)
    return backend.reason if backend.mode == "unavailable" else None


# Talking to a server ----------------------------------------------------------------------


def language_code(language: str) -> str:
    """LanguageTool's code for repair's ``language`` setting.

    >>> language_code("en"), language_code("fr")
    ('en-US', 'fr')
    """
    return _VARIANTS.get(language, language)


def check_url(base: str) -> str:
    """The ``/v2/check`` endpoint of a server given by its base URL.

    >>> check_url("http://localhost:8081"), check_url("https://lt.example/v2/")
    ('http://localhost:8081/v2/check', 'https://lt.example/v2/check')
    """
    trimmed = base.rstrip("/")
    if not trimmed.endswith("/v2"):
        trimmed += "/v2"
    return trimmed + "/check"


@dataclass(frozen=True, slots=True)
class HttpChecker:
    """A LanguageTool server reached over HTTP, as its ``/v2/check`` API documents."""

    url: str
    timeout: float = _TIMEOUT_SECONDS

    def check(self, text: str, language: str) -> list[Match]:
        # urllib.request brings http.client and ssl: imported by the first check, not by
        # every run that only asks whether a server is configured.
        import urllib.error
        import urllib.request

        body = urllib.parse.urlencode({"text": text, "language": language}).encode("utf-8")
        request = urllib.request.Request(
            check_url(self.url),
            data=body,
            headers={
                "Content-Type": "application/x-www-form-urlencoded",
                "Accept": "application/json",
            },
        )
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                payload = json.loads(response.read().decode("utf-8"))
        except urllib.error.HTTPError as error:
            raise LanguageToolError(f"LanguageTool server {self.url}: HTTP {error.code}") from error
        except (urllib.error.URLError, OSError) as error:
            reason = getattr(error, "reason", error)
            raise LanguageToolError(f"LanguageTool server {self.url}: {reason}") from error
        except (UnicodeDecodeError, json.JSONDecodeError) as error:
            raise LanguageToolError(f"LanguageTool server {self.url}: not JSON") from error
        return parse_matches(payload, self.url)


def parse_matches(payload: Any, where: str = "LanguageTool") -> list[Match]:
    """The matches of a ``/v2/check`` answer.

    >>> [match] = parse_matches({"matches": [{"offset": 4, "length": 3, "message": "Typo.",
    ...     "replacements": [{"value": "cat"}], "rule": {"id": "X", "issueType": "misspelling"}}]})
    >>> match.offset, match.rule_id, match.replacements
    (4, 'X', ('cat',))
    """
    try:
        return [
            Match(
                offset=int(item["offset"]),
                length=int(item["length"]),
                message=str(item.get("message", "")),
                rule_id=str(item["rule"]["id"]),
                replacements=tuple(str(r["value"]) for r in item.get("replacements", ())),
                issue_type=str(item["rule"].get("issueType", "")),
            )
            for item in payload["matches"]
        ]
    except (KeyError, TypeError, ValueError) as error:
        raise LanguageToolError(f"LanguageTool server {where}: unexpected answer") from error


@functools.cache
def _local_server_url(installation: Path) -> str:
    """Start one local server per process and keep it: starting Java takes seconds."""
    import language_tool_python

    version = installation.name.removeprefix("LanguageTool-")
    tool = language_tool_python.LanguageTool("en-US", language_tool_download_version=version)
    return str(tool.url)


def checker_for(backend: Backend) -> Checker | None:
    """A checker for the backend, or ``None`` when there is no server to use."""
    if backend.mode == "url" and backend.url is not None:
        return HttpChecker(backend.url)
    if backend.mode == "local" and backend.installation is not None:
        try:
            return HttpChecker(_local_server_url(backend.installation))
        except Exception as error:  # language-tool-python raises many kinds; say which
            raise LanguageToolError(f"local LanguageTool did not start: {error}") from error
    return None


# Batches of paragraphs --------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Piece:
    sent_at: int
    span: Span


def batches(
    text: str, paragraphs: Sequence[Span], limit: int = BATCH_CHARS
) -> Iterator[tuple[str, tuple[_Piece, ...]]]:
    """Paragraphs joined by blank lines into requests of at most ``limit`` characters.

    >>> [b for b, _ in batches("Ab.\\nCd.\\n", [Span(0, 3), Span(4, 7)])]
    ['Ab.\\n\\nCd.']
    """
    pieces: list[_Piece] = []
    parts: list[str] = []
    size = 0
    for span in paragraphs:
        chunk = text[span.start : span.end]
        if parts and size + len(_JOIN) + len(chunk) > limit:
            yield "".join(parts), tuple(pieces)
            pieces, parts, size = [], [], 0
        if parts:
            parts.append(_JOIN)
            size += len(_JOIN)
        pieces.append(_Piece(size, span))
        parts.append(chunk)
        size += len(chunk)
    if parts:
        yield "".join(parts), tuple(pieces)


def check_paragraphs(
    checker: Checker, text: str, paragraphs: Sequence[Span], language: str
) -> Iterator[tuple[Span, Match]]:
    """Each match with its span in ``text``; a match across two paragraphs is dropped."""
    for batch, pieces in batches(text, paragraphs):
        for match in checker.check(batch, language_code(language)):
            for piece in pieces:
                end_sent = piece.sent_at + len(piece.span)
                if piece.sent_at <= match.offset < end_sent:
                    if match.offset + match.length <= end_sent:
                        start = piece.span.start + match.offset - piece.sent_at
                        yield Span(start, start + match.length), match
                    break


__all__ = [
    "ENV_URL",
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
    "parse_matches",
    "resolve",
    "skipped_notice",
]
