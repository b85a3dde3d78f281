"""The ``repair`` command's entry point: a replayed check, or the click command line.

A check whose inputs have not changed since the same check last ran is answered by
:mod:`repair.cli_replay` before click or any rule is imported; everything else goes to
:func:`repair.cli.main`.
"""

from __future__ import annotations

import sys

from repair import cli_replay as replay

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> None:
    """Run ``repair ARGV`` (the process's own arguments by default) and exit."""
    args = list(sys.argv[1:] if argv is None else argv)
    exit_code = replay.replay(args)
    if exit_code is not None:
        sys.exit(exit_code)
    from repair.cli import main as command_line

    replay.arm(args)
    try:
        command_line.main(args=args, prog_name="repair")
    finally:
        replay.arm(None)
