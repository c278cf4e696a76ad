"""The library's own exceptions. The CLI turns each into one `Error: …` line and an exit code."""

from __future__ import annotations

from pathlib import Path


class KgError(Exception):
    """Base of every error kg raises on purpose."""


class ParseError(KgError):
    """A disclosure (or a file beside it, such as an override file) cannot be read.

    Always names the file and, where there is one, the 1-based line, so the message reads like a
    compiler's: ``path:line: message``.
    """

    def __init__(self, path: str | Path | None, line: int | None, message: str) -> None:
        self.path = str(path) if path is not None else "<input>"
        self.line = line
        self.message = message
        where = self.path if line is None else f"{self.path}:{line}"
        super().__init__(f"{where}: {message}")


class OverrideError(ParseError):
    """An override file names a line or a project that the disclosure does not have."""


class MappingError(KgError):
    """Records cannot be turned into RDF (for example an option such as --base is invalid)."""


class QueryError(KgError):
    """A stored query is unknown, malformed, or given a parameter it cannot take."""


class ShapesError(KgError):
    """The SHACL shapes or the data to validate cannot be loaded."""


class OutputError(KgError):
    """An output file cannot be written (no space, no permission …); the previous outputs are kept."""
