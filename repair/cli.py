"""The ``repair`` command: a thin click layer over :mod:`repair.api`.

Each command turns its options into settings (:mod:`repair.cli_settings`), calls the
library, hands the results to :mod:`repair.report` and picks the exit code: 0 clean (or
everything fixed), 1 findings remain or ``--diff`` would change something, 2 a usage,
configuration or file error (:mod:`repair.cli_output`). The commands live in modules of
their own (``repair.cli_check``, ``repair.cli_fix``, ``repair.cli_score``...), imported when
asked for; this one holds the group and ``repair rules``.
"""

from __future__ import annotations

import sys
from typing import ClassVar

import click

from repair import __version__
from repair.cli_output import EXIT_ERROR, Output
from repair.report.formats import FIX_LEGEND


class _LazyGroup(click.Group):
    """A group that imports a subcommand's module when the subcommand is asked for.

    ``score``, ``report`` and ``entities`` bring sacrebleu, jinja2 and the rules with them:
    a ``check`` answered from the cache should not pay for their import. Each command lives
    in its own ``cli_<command>`` module.
    """

    lazy: ClassVar[dict[str, str]] = {
        "check": "repair.cli_check",
        "clean": "repair.cli_clean",
        "entities": "repair.cli_entities",
        "fix": "repair.cli_fix",
        "report": "repair.cli_score",
        "score": "repair.cli_score",
    }

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *self.lazy})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in self.lazy and cmd_name not in self.commands:
            import importlib

            command = getattr(importlib.import_module(self.lazy[cmd_name]), cmd_name)
            self.add_command(command)
        return super().get_command(ctx, cmd_name)


@click.group(
    cls=_LazyGroup,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)
@click.version_option(__version__, prog_name="repair")
def main() -> None:
    """Find and fix the damage machine translation and web scraping leave in text.

    \b
    Start with:
      repair check corpus/        list what is wrong, file:line:col: CODE message
      repair fix --diff corpus/   show what the safe fixes would change
      repair fix corpus/          apply the safe fixes in place
      repair rules                list the rules; repair rules CODE explains one
    """


@main.command(epilog=f"Marks: {FIX_LEGEND}")
@click.argument("code", required=False)
@click.option(
    "--output-format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="text: a table or one rule's documentation; json: data.",
)
def rules(code: str | None, output_format: str) -> None:
    """List the rules, or explain one: repair rules QUO001 (or its name)."""
    from repair.registry import ALL_RULES, lookup
    from repair.report import rules as listing

    output = Output()
    if code is not None:
        rule = lookup(code)
        if rule is None:
            output.error(f"unknown rule {code!r}; `repair rules` lists them")
            sys.exit(EXIT_ERROR)
        chosen = [rule]
    else:
        chosen = list(ALL_RULES)
    if output_format == "json":
        lines = [listing.rules_json(chosen)]
    elif code is not None:
        lines = listing.rule_page(chosen[0], output.style)
    else:
        lines = listing.rules_table(chosen)
    for line in lines:
        output.result(line)


__all__ = ["main"]
