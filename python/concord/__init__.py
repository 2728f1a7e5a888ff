"""concord: full-text search and every-mention listing for multilingual news archives.

Index a folder, search it, and list or count every mention of a figure
whatever the spelling (Zelenskyy, Selenskyj, Зеленський...)::

    import concord
    with concord.Index("news.db") as index:
        index.add_paths(["corpus/samples"])
    searcher = concord.Searcher("news.db")
    searcher.search("Istanbul")                   # hits: concord-search's jsonl fields
    for m in searcher.mentions("Zelensky"):       # streamed, one record at a time
        print(m["date"], m["surface"], m["right"])
    searcher.counts_frame(["Zelensky", "Putin"], by="week")   # a pandas DataFrame

docs/python.md walks through it. Failures raise concord.Error subclasses,
one per status code (concord.QuerySyntaxError has .column). The GIL is
released while concord works, so threads search in parallel (a Searcher
each); Ctrl-C stops a long add_paths after committing what was read.
"""

from ._errors import (
    CancelledError,
    CorruptError,
    Error,
    InternalError,
    InvalidArgumentError,
    IoError,
    LockedError,
    NotFoundError,
    QuerySyntaxError,
    TruncatedError,
)
from ._concord import MentionStream, __version__
from ._frames import counts_frame, hits_frame, mentions_frame
from ._index import Index, Statistics, UpdateReport
from ._searcher import CountRows, Hit, Mention, Searcher, SearchResults

# A stream's records as a DataFrame, read one at a time.
MentionStream.to_pandas = mentions_frame  # type: ignore[attr-defined]

__all__ = [
    "CancelledError",
    "CorruptError",
    "CountRows",
    "Error",
    "Hit",
    "Index",
    "InternalError",
    "InvalidArgumentError",
    "IoError",
    "LockedError",
    "Mention",
    "MentionStream",
    "NotFoundError",
    "QuerySyntaxError",
    "SearchResults",
    "Searcher",
    "Statistics",
    "TruncatedError",
    "UpdateReport",
    "__version__",
    "counts_frame",
    "hits_frame",
    "mentions_frame",
]
