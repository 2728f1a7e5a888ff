"""concord's exceptions: one class per concord::Code (include/concord/status.hpp).

The compiled module raises them (python/src/errors.cc) through error_class().
"""

from __future__ import annotations

from typing import Dict, Type


class Error(Exception):
    """A concord operation failed.

    ``code`` names the kind of failure as concord-search's JSON errors do
    ("query_syntax", "locked", ...); ``message`` says what failed and what to
    do; ``column`` is the 1-based position in the query for a
    QuerySyntaxError, else 0.
    """

    code: str = "internal"

    def __init__(self, message: str, column: int = 0) -> None:
        super().__init__(message)
        self.message = message
        self.column = column


class InvalidArgumentError(Error, ValueError):
    """A bad option or argument (the message names it), or a closed object."""

    code = "invalid_argument"


class QuerySyntaxError(Error, ValueError):
    """A malformed query; ``column`` is the 1-based position of the problem."""

    code = "query_syntax"

    def __str__(self) -> str:
        if self.column > 0:
            return f"query error at column {self.column}: {self.message}"
        return f"query error: {self.message}"


class NotFoundError(Error, LookupError):
    """No such database, file, dictionary or document."""

    code = "not_found"


class LockedError(Error):
    """Another writer holds the database (one concord.Index per database)."""

    code = "locked"


class CorruptError(Error):
    """The database or a file is damaged, or in another format."""

    code = "corrupt"


class IoError(Error):
    """Reading or writing failed."""

    code = "io"


class InternalError(Error):
    """A bug in concord: please report it with the message."""

    code = "internal"


class CancelledError(Error):
    """An operation was stopped on request."""

    code = "cancelled"


class TruncatedError(Error):
    """A listing was cut at its limit."""

    code = "truncated"


_BY_CODE: Dict[str, Type[Error]] = {
    cls.code: cls
    for cls in (
        InvalidArgumentError,
        QuerySyntaxError,
        NotFoundError,
        LockedError,
        CorruptError,
        IoError,
        InternalError,
        CancelledError,
        TruncatedError,
    )
}


def error_class(code: str) -> Type[Error]:
    """The exception class of a status code name; Error for an unknown one."""
    return _BY_CODE.get(code, Error)
