"""Where the command line writes: results on stdout, errors and notices on stderr, one line
each, with colour only on a terminal and never under ``NO_COLOR``; the exit codes; and the
one place that turns an error into its line and exit code 2.

Everything written goes through :class:`Output`, which also hands it to the run memo
(:mod:`repair.cli_replay`), so that a replayed check prints exactly what this one did.
"""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from typing import Any, TextIO, TypeVar

import click

from repair import cli_replay
from repair.errors import ConfigError, EntityListError, RepairError

EXIT_CLEAN = 0
EXIT_FINDINGS = 1
EXIT_ERROR = 2

F = TypeVar("F", bound=Callable[..., Any])


def _use_colour(stream: Any) -> bool:
    if os.environ.get("NO_COLOR"):
        return False
    return is_terminal(stream)


class Output:
    """Where results and errors go, with colour only on a terminal and never under NO_COLOR."""

    def __init__(self, verbose: bool = False, colour: str = "auto") -> None:
        self.colour = _use_colour(sys.stdout) if colour == "auto" else colour == "always"
        self.error_colour = _use_colour(sys.stderr) if colour == "auto" else colour == "always"
        self.verbose = verbose
        self.results_file: TextIO | None = None
        """Where results go instead of stdout (``--output-file``), while it is open."""

    def style(self, text: str, **styles: Any) -> str:
        return click.style(text, **styles) if self.colour else text

    def styler(self) -> Callable[..., str] | None:
        """What colours a result's lines: click's style on a terminal, else nothing."""
        return click.style if self.colour else None

    def result(self, text: str = "", nl: bool = True) -> None:
        if self.results_file is not None:
            self.results_file.write(click.unstyle(text) + ("\n" if nl else ""))
            return
        self._echo(text + "\n" if nl else text, cli_replay.STDOUT, self.colour)

    def error(self, text: str) -> None:
        prefix = click.style("error:", fg="red", bold=True) if self.error_colour else "error:"
        self._echo(f"{prefix} {text}\n", cli_replay.STDERR, self.error_colour)

    def notice_line(self, text: str) -> None:
        """A line on stderr with no prefix: a closing count that must stay out of a patch."""
        self._echo(text + "\n", cli_replay.STDERR, self.error_colour)

    def notice(self, text: str) -> None:
        self._echo(f"notice: {text}\n", cli_replay.STDERR, self.error_colour)

    def warning(self, text: str) -> None:
        prefix = (
            click.style("warning:", fg="yellow", bold=True) if self.error_colour else "warning:"
        )
        self._echo(f"{prefix} {text}\n", cli_replay.STDERR, self.error_colour)

    @staticmethod
    def _echo(text: str, stream: int, colour: bool) -> None:
        # Without colour, escape sequences come out, those of the text too, as click.echo
        # would take them out: here, once, so that the replay memo keeps the text as it is
        # written (color=True then only tells click there is nothing left to strip).
        text = text if colour else click.unstyle(text)
        click.echo(text, nl=False, err=stream == cli_replay.STDERR, color=True)
        cli_replay.note_output(stream, text)


def handle_errors(function: F) -> F:
    """Turn library errors into one stderr line and exit code 2."""

    @functools.wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        output = Output(kwargs.get("verbose", False))
        try:
            return function(*args, **kwargs)
        except (ConfigError, EntityListError) as error:
            output.error(str(error))
        except RepairError as error:
            output.error(str(error))
        except KeyboardInterrupt:
            output.error("interrupted")
        except click.exceptions.Exit:
            raise
        except click.ClickException:
            raise
        except Exception as error:  # the one place that catches everything: report and exit 2
            output.error(f"internal error: {type(error).__name__}: {error}")
            if output.verbose:
                import traceback

                traceback.print_exc()
            else:
                click.echo("(run with --verbose for the traceback)", err=True)
        sys.exit(EXIT_ERROR)

    return wrapper  # type: ignore[return-value]


def is_terminal(stream: Any) -> bool:
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


# Below this many files a run is short enough to need no progress bar.
_PROGRESS_MIN_FILES = 50

T = TypeVar("T")


def with_progress(results: Iterable[T], total: int, label: str) -> Iterator[T]:
    """The results, with a progress bar on stderr when it is a terminal and the run is long
    (``total`` results, as the walk already done counted them)."""
    if not is_terminal(sys.stderr) or total < _PROGRESS_MIN_FILES:
        yield from results
        return
    from rich.console import Console
    from rich.progress import Progress

    with Progress(console=Console(stderr=True), transient=True) as progress:
        task = progress.add_task(label, total=total)
        for result in results:
            progress.advance(task)
            yield result
