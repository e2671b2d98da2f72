"""The errors regionkit raises for bad input, bad tables and failed outputs.

Every one is a :class:`RegionkitError`, itself a :class:`ValueError`, so code that
already catches ``ValueError`` keeps working. The command line maps exactly these
to a one-line message on stderr and exit status 2; anything else is a bug and
shows its traceback.

>>> import regionkit as rk
>>> issubclass(rk.UnknownGroupError, rk.RegionkitError)
True
"""

from __future__ import annotations

__all__ = [
    "RegionkitError",
    "UsageError",
    "InputTypeError",
    "InputFileError",
    "MissingInputError",
    "SchemaError",
    "DuplicateIdError",
    "UnknownGroupError",
    "UnknownCountryError",
    "OutputError",
    "OutputLockedError",
    "IncompleteOutputError",
]


class RegionkitError(ValueError):
    """Base class: a bad argument, input or output, explained in one line."""


class UsageError(RegionkitError):
    """A bad option value on the command line (also ``regionkit.cli.UsageError``)."""


class InputTypeError(RegionkitError, TypeError):
    """An argument of a kind a function does not take (also a ``TypeError``)."""


class InputFileError(RegionkitError):
    """An input file or folder cannot be read (missing, unreadable, empty, malformed).

    The message names the file (and the line, when there is one). ``path`` holds it.
    """

    def __init__(self, message: str, *, path: object = None) -> None:
        super().__init__(message)
        self.path = None if path is None else str(path)


class MissingInputError(InputFileError, FileNotFoundError):
    """An input path that does not exist (also a ``FileNotFoundError``)."""


class SchemaError(RegionkitError):
    """A table lacks a required column, or a column holds values of the wrong kind."""


class DuplicateIdError(SchemaError):
    """Article ids are duplicated, missing or empty (pass ``on_bad_ids=`` to keep going)."""


class UnknownGroupError(RegionkitError):
    """A group or organisation id that the gazetteer does not know."""


class UnknownCountryError(RegionkitError):
    """A country name or code that the gazetteer cannot resolve."""


class OutputError(RegionkitError):
    """An output cannot be written (permission, full disk, a folder where a file goes...)."""

    def __init__(self, message: str, *, path: object = None) -> None:
        super().__init__(message)
        self.path = None if path is None else str(path)


class OutputLockedError(OutputError):
    """Another run is writing the same output right now."""


class IncompleteOutputError(OutputError):
    """A run stopped before finishing; the parts written so far are kept for a resume."""
