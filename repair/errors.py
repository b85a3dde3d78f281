"""The exception hierarchy of repair.

This is a leaf module: it imports nothing from repair, so every other module, and every
front end, can import it without cycles. Messages name where, then what:
``corpus/entities.toml:14: entity has "aliases" but no "name"``.
"""

from __future__ import annotations

from collections.abc import Sequence


class RepairError(Exception):
    """Base class of every error repair raises on purpose."""


class ConfigError(RepairError):
    """A configuration file or option is malformed: unknown key, unknown code, bad value."""


class EntityListError(RepairError):
    """An entity list is malformed."""


class DocumentError(RepairError):
    """A file cannot be turned into a document; the file is left untouched."""

    def __init__(self, path: str, problem: str) -> None:
        super().__init__(f"{path}: {problem}")
        self.path = path
        self.problem = problem


class UnreadableFile(DocumentError):
    """The file cannot be read: missing, a broken link, a folder, no permission."""


class FileTooLarge(DocumentError):
    """The file is larger than the ``max-file-size`` setting: it is neither checked nor
    fixed. (Checking costs several times a file's size in memory, and the rules that read
    a whole document, such as the spellings of names or the encoding of the bytes, would
    not judge a file cut into windows as they judge it whole.)"""


class BinaryFile(DocumentError):
    """The file holds binary data, not text."""


class UndecodableFile(DocumentError):
    """The bytes are not UTF-8 and no other text encoding fits them."""


class UnencodableText(DocumentError):
    """The fixed text cannot be written back in the file's original encoding."""


class FileNotWritten(DocumentError):
    """The fixed text was not written, and the file is left as it is: it changed since it
    was read, it is read-only, or it is reached through a symbolic link that leaves the
    folder being fixed."""


class FixDidNotConverge(RepairError):
    """Fixes kept changing the text after the maximum number of passes."""

    def __init__(self, path: str | None, codes: Sequence[str], passes: int) -> None:
        where = path or "<text>"
        listed = ", ".join(sorted(set(codes)))
        super().__init__(f"{where}: fixes did not converge after {passes} passes ({listed})")
        self.path = path
        self.codes = tuple(codes)
        self.passes = passes
