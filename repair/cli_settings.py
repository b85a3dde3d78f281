"""The settings of one command line: ``--config``/``--isolated`` and the settings flags,
read and validated once, as one typed object every command passes on.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from repair import inputs
from repair.config import Config, discover_config, load_config

# The flags whose value is a comma-separated list, and the config key each overrides.
_LIST_FLAGS = (
    ("select", "select"),
    ("extend_select", "extend-select"),
    ("ignore", "ignore"),
    ("fixable", "fixable"),
    ("unfixable", "unfixable"),
)
# The flags whose value is given as is.
_CHOICE_FLAGS = (
    ("quote_style", "quote-style"),
    ("output_encoding", "output-encoding"),
    ("max_file_size", "max-file-size"),
)


@dataclass(frozen=True, slots=True)
class CommandSettings:
    """The settings a command line gives: a fixed config, and flags laid over every file's.

    ``config`` is the one ``--config`` names (or the defaults under ``--isolated``); ``None``
    means each file's folder finds its own. ``options`` are the flags as config-file keys
    (``extend-select``...), what :meth:`repair.config.Config.with_options` and the library's
    ``options`` arguments take.
    """

    config: Config | None = None
    options: Mapping[str, Any] = field(default_factory=dict)

    @classmethod
    def from_flags(cls, flags: Mapping[str, Any]) -> CommandSettings:
        """The settings of click's parsed ``flags``, validated: a typo is a usage error
        before any file is read, not a per-file one."""
        options: dict[str, Any] = {}
        for flag, key in _LIST_FLAGS:
            listed = _split(flags.get(flag))
            if listed is not None:
                options[key] = listed
        for flag, key in _CHOICE_FLAGS:
            if flags.get(flag) is not None:
                options[key] = flags[flag]
        if flags.get("entities"):
            options["entities"] = [str(inputs.resolved(Path(p))) for p in flags["entities"]]
        config: Config | None = None
        if flags.get("config_file") is not None:
            config = load_config(flags["config_file"])
        elif flags.get("isolated"):
            config = Config(root=str(Path.cwd()))
        (config or Config()).with_options(options)
        return cls(config, options)

    def for_folder(self, folder: Path) -> Config:
        """The settings in force for the files of ``folder``."""
        base = self.config if self.config is not None else discover_config(folder)
        return base.with_options(self.options) if self.options else base

    def for_path(self, path: str) -> Config:
        """The settings in force for ``path`` (a file, a folder, or ``-`` for the working
        folder's)."""
        start = Path.cwd() if path == "-" else Path(path)
        return self.for_folder(start if start.is_dir() else start.parent)

    def of_run(self, paths: tuple[str, ...]) -> Config:
        """The settings of a run as a whole (``--config``, or those of the first path's
        folder, under the flags): they decide whether the run needs a LanguageTool server."""
        return self.for_path(next((p for p in paths if p != "-"), "."))


def _split(value: str | None) -> list[str] | None:
    if value is None:
        return None
    return [item.strip() for item in value.split(",") if item.strip()]
