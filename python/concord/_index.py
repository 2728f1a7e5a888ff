"""concord.Index: a database open for writing (concord::Index)."""

from __future__ import annotations

import datetime
import os
import warnings
from typing import (
    Any,
    Callable,
    Dict,
    Iterable,
    List,
    Mapping,
    Optional,
    Sequence,
    Tuple,
    TypedDict,
    Union,
)

from . import _concord

PathLike = Union[str, bytes, "os.PathLike[str]", "os.PathLike[bytes]"]

# progress(files_done, files_total, bytes_done, bytes_total) -> None or bool
Progress = Callable[[int, int, int, int], Optional[bool]]


class UpdateReport(TypedDict):
    """What Index.add_paths did (concord::UpdateReport)."""

    files_added: int
    files_updated: int
    files_unchanged: int
    files_removed: int
    files_skipped: int
    documents_added: int
    documents_updated: int
    documents_removed: int
    warnings: List[str]  # "PATH: reason", one per problem
    interrupted: bool  # the progress callback returned False


class Statistics(TypedDict):
    """Size and content of a database (concord::IndexStatistics)."""

    documents: int
    files: int
    languages: List[str]
    entities_hash: str
    format: int
    shards: int
    segments: int


def _path(path: PathLike) -> bytes:
    # Bytes, so that a file name that is not valid UTF-8 reaches the library
    # as it is on disk.
    return os.fsencode(path)


def _paths(paths: Union[PathLike, Iterable[PathLike]]) -> List[bytes]:
    if isinstance(paths, (str, bytes, os.PathLike)):
        return [_path(paths)]
    return [_path(p) for p in paths]


def _warn_dictionary(lines: Sequence[str]) -> None:
    for line in lines:
        warnings.warn(f"entity dictionary: {line}", stacklevel=3)


class Index:
    """A concord database open for writing.

    ``Index(path)`` opens the database at ``path``, creating it unless
    ``create=False``. ``shards=N`` (N >= 2) creates a sharded database, or
    checks that an existing one has N shards (docs/scaling.md).
    ``entities``: dictionary files (docs/entities.md) to tag mentions with,
    on top of the built-in ones; ``tag_entities=False`` records no mentions.
    ``stem_terms=True`` writes each document's stems as terms of its own,
    for a shard to be served over Xapian's remote backend, which cannot read
    the database's stem table (docs/scaling.md).

    One writer per database, in one process at a time: a second one raises
    concord.LockedError. Changes become visible to searchers, and durable,
    at commit(); add_paths commits by itself. close() (or the end of a
    ``with`` block) releases the database; leaving the block normally
    commits first, leaving it with an exception drops what was not
    committed, as a crash would.

    The GIL is released during every call; calls on one Index from several
    threads run one at a time.
    """

    def __init__(
        self,
        path: PathLike,
        shards: int = 0,
        entities: Union[None, PathLike, Iterable[PathLike]] = None,
        *,
        tag_entities: bool = True,
        create: bool = True,
        batch_bytes: int = 4 << 20,
        stem_terms: bool = False,
    ) -> None:
        files = [] if entities is None else _paths(entities)
        self._path = os.fsdecode(path)
        self._index = _concord._Index(
            _path(path), shards, files, tag_entities, batch_bytes, create, stem_terms
        )
        _warn_dictionary(self._index.dictionary_warnings)

    def add_paths(
        self,
        paths: Union[PathLike, Iterable[PathLike]],
        progress: Optional[Progress] = None,
        *,
        on_warning: Optional[Callable[[str], Any]] = None,
        prune: bool = True,
        verify: bool = False,
        jsonl_fields: Optional[Mapping[str, str]] = None,
        threads: int = 0,
    ) -> UpdateReport:
        """Indexes files and folders in every supported format, incrementally.

        Unchanged files are skipped, changed ones replaced, and (``prune``)
        documents of files under ``paths`` that disappeared removed;
        ``verify`` compares the content of files whose size and time look
        unchanged. ``jsonl_fields`` maps concord fields to JSON Lines keys
        ({"text": "body"}). Problems with single files are warnings (in the
        report, and passed to ``on_warning`` as they happen), not errors.

        ``progress(files_done, files_total, bytes_done, bytes_total)`` is
        called after each file and document; returning False stops the
        update after committing what was read (the report says
        ``interrupted``). Ctrl-C does the same and then raises
        KeyboardInterrupt; an exception raised by a callback stops the
        update too and is raised once it has stopped. The callbacks must not
        use this Index.
        """
        fields = [] if jsonl_fields is None else list(jsonl_fields.items())
        return self._index.add_paths(
            _paths(paths), progress, on_warning, prune, verify, fields, threads
        )

    def add(self, article: Mapping[str, Any]) -> None:
        """Adds an article from memory, replacing one with the same id.

        ``article`` has an "id" and any of "text", "title", "date" (ISO
        "YYYY-MM-DD", or a datetime.date), "source", "url", "lang" (ISO
        639-1; absent: detected) and "path" (for display). Visible at commit().
        """
        fields = dict(article)
        date = fields.get("date")
        if isinstance(date, (datetime.date, datetime.datetime)):
            fields["date"] = date.strftime("%Y-%m-%d")
        self._index.add(fields)

    def remove(self, id: str) -> None:
        """Removes the document with this id (concord.NotFoundError if none)."""
        self._index.remove(id)

    def commit(self) -> None:
        """Makes everything written so far durable and visible, atomically."""
        self._index.commit()

    def stats(self) -> Statistics:
        """Size and content of the database."""
        return self._index.stats()

    def retag(self) -> int:
        """Re-tags every stored document with the index's dictionaries; returns how many."""
        return self._index.retag()

    def optimize(self) -> None:
        """Commits, then merges the database's segments into one compact segment."""
        self._index.optimize()

    def close(self) -> None:
        """Drops what was not committed and releases the database. Idempotent."""
        self._index.close()

    @property
    def closed(self) -> bool:
        return self._index.closed

    def __enter__(self) -> "Index":
        return self

    def __exit__(self, exc_type: Any, exc: Any, tb: Any) -> None:
        try:
            if exc_type is None and not self.closed:
                self.commit()
        finally:
            self.close()

    def __repr__(self) -> str:
        return f"<concord.Index {self._path!r}{' (closed)' if self.closed else ''}>"


__all__: Tuple[str, ...] = ("Index", "UpdateReport", "Statistics")
