"""concord.Searcher: read access to one or more databases (concord::Searcher)."""

from __future__ import annotations

import json
import os
from typing import Any, Dict, Iterable, List, Optional, Sequence, TypedDict, Union

from . import _concord
from ._index import PathLike, Statistics, _path, _paths, _warn_dictionary

MentionStream = _concord.MentionStream


class Hit(TypedDict):
    """A search result: concord-search --format jsonl's fields."""

    rank: int  # 1-based across pages
    path: str  # escaped as concord-search prints names (docs/corpus.md)
    id: str  # escaped likewise
    title: str
    date: str  # "YYYY-MM-DD" or ""
    source: str
    url: str
    lang: str
    score: float  # four decimals
    snippet: str
    highlights: List[List[int]]  # [start, end) code points in the snippet
    copies: int  # with collapse: near-duplicates folded in


class Mention(TypedDict):
    """A mention record: concord-search --mentions --format jsonl's fields."""

    doc: str  # the document's id, escaped
    path: str
    title: str
    date: str
    source: str
    lang: str
    entity: str  # entity id, "" for a name not in the dictionaries
    label: str
    surface: str  # the source text between start and end
    start: int  # code points into the source file
    end: int
    byte_start: int  # bytes into the source file
    byte_end: int
    rung: str  # exact, inflection, derived, name-key, typo
    evidence: str
    left: str
    right: str
    confidence: str  # high, medium, low


class SearchResults(List[Hit]):
    """The hits of one page (a list), with the search's totals as attributes.

    ``total``: matching documents (an estimate above 1,000 unless
    ``total_exact``); ``partial``: shards were skipped; ``ignored``: query
    words with nothing searchable in them ({"text", "column"}); ``query``.
    """

    def __init__(
        self,
        hits: Iterable[Hit],
        *,
        query: str,
        total: int,
        total_exact: bool,
        partial: bool,
        ignored: List[Dict[str, Any]],
    ) -> None:
        super().__init__(hits)
        self.query = query
        self.total = total
        self.total_exact = total_exact
        self.partial = partial
        self.ignored = ignored

    def to_pandas(self) -> Any:
        """The hits as a pandas.DataFrame (concord.hits_frame)."""
        from ._frames import hits_frame

        return hits_frame(self)


class CountRows(List[Dict[str, Any]]):
    """Count rows (a list of dicts), with the count's totals as attributes.

    ``by``: the key of each row ("month", "week", ...); ``figures``: per
    figure its name, entities, total_mentions and documents;
    ``documents_in_scope``: documents the query admits; ``partial``.
    """

    def __init__(
        self,
        rows: Iterable[Dict[str, Any]],
        *,
        by: str,
        figures: List[Dict[str, Any]],
        documents_in_scope: int,
        partial: bool,
    ) -> None:
        super().__init__(rows)
        self.by = by
        self.figures = figures
        self.documents_in_scope = documents_in_scope
        self.partial = partial

    def to_pandas(self) -> Any:
        """The counts as a tidy pandas.DataFrame (concord.counts_frame)."""
        from ._frames import counts_frame

        return counts_frame(self)


class Searcher:
    """Read access to one or more concord databases, searched as one.

    ``path_or_paths``: a database, a folder of shards, a Xapian stub file,
    or a list of them (docs/scaling.md). ``entities``: dictionary files on
    top of the built-in ones, as concord-search --entities (the same as the
    index was tagged with, or mentions are found by reading the text).
    ``allow_partial``: skip shards that cannot be reached (results are then
    marked partial).

    A Searcher reads the databases as they were when it was opened (or
    refreshed: refresh() shows what was committed since). It keeps working
    while an Index writes them.

    The GIL is released during every call, so threads search in parallel,
    with a Searcher each or one shared: underneath, each call borrows a
    concord::Searcher (which is not thread-safe) for its duration, and a
    mention stream one for as long as it is read; a new one is opened only
    when all are busy.
    """

    def __init__(
        self,
        path_or_paths: Union[PathLike, Sequence[PathLike]],
        entities: Union[None, PathLike, Iterable[PathLike]] = None,
        *,
        allow_partial: bool = False,
        remote_timeout_ms: int = 10000,
    ) -> None:
        files = [] if entities is None else _paths(entities)
        self._paths = [os.fsdecode(p) for p in _paths(path_or_paths)]
        self._searcher = _concord._Searcher(
            _paths(path_or_paths), files, allow_partial, remote_timeout_ms
        )
        _warn_dictionary(self._searcher.notes()["dictionary_warnings"])

    def search(
        self,
        query: str,
        limit: int = 10,
        offset: int = 0,
        *,
        sort: str = "relevance",
        aliases: bool = True,
        collapse: bool = False,
        exact_total: bool = False,
        snippet_words: int = 36,
    ) -> SearchResults:
        """Ranked hits for a query (docs/query-language.md), ``limit`` from ``offset``.

        ``sort``: "relevance" or "date" (newest first); ``aliases``: a name
        also finds its figure's other spellings; ``collapse``: one hit per
        near-duplicate cluster; ``exact_total``: count every match.
        Raises concord.QuerySyntaxError (with ``.column``) for a bad query.
        """
        hits, total, total_exact, partial, ignored = self._searcher.search(
            query, limit, offset, sort, aliases, collapse, exact_total, snippet_words
        )
        return SearchResults(
            hits,
            query=query,
            total=total,
            total_exact=total_exact,
            partial=partial,
            ignored=ignored,
        )

    def mentions(
        self,
        name: str,
        query: Optional[str] = None,
        limit: Optional[int] = None,
        *,
        context: int = 8,
        aliases: bool = True,
        min_confidence: str = "low",
    ) -> MentionStream:
        """Every mention of a figure, whatever the spelling, as a stream of records.

        ``name``: any alias in any script (or any name at all);
        ``query``: restricts the documents (docs/query-language.md);
        ``limit``: records at most (None: all; the stream's
        summary["truncated"] says when it cut); ``context``: words each
        side; ``aliases=False``: the typed spelling and its variants only;
        ``min_confidence``: "low" (all), "medium" (no ambiguous ones) or
        "high" (dictionary spellings only).

        Records come one at a time (concord.MentionStream), never as one
        list: iterate, or build a DataFrame with .to_pandas().
        """
        return self._searcher.mentions(
            name, query or "", limit, context, aliases, min_confidence
        )

    def count(
        self,
        names: Union[str, Sequence[str]],
        by: str = "month",
        query: Optional[str] = None,
        *,
        aliases: bool = True,
        min_confidence: str = "low",
    ) -> CountRows:
        """Exact mention counts per bucket, as concord-search --count-by prints them.

        ``by``: "date" (or "day"), "week" (keyed by its Monday), "month",
        "source", "lang", "variant" or "entity". Days, weeks and months are
        zero-filled over the query's date: range, else from the first to
        the last dated document in scope.

        ``names`` a str: rows {BY: key, "mentions", "documents",
        "documents_in_scope", "share", "per_1000"} (concord-search's
        one-figure layout). A list of names: rows {BY: key,
        "documents_in_scope", "counts": [{"figure", "mentions",
        "documents", "share", "per_1000"}, ...]}, one count per figure in
        the order asked (its layout for several figures). share and
        per_1000 are None for a bucket without documents. .to_pandas()
        gives one tidy DataFrame for either.
        """
        one = isinstance(names, str)
        name_list = [names] if one else list(names)
        rows, figures, in_scope, partial = self._searcher.count(
            name_list, by, query or "", aliases, min_confidence, one
        )
        return CountRows(
            rows, by=by, figures=figures, documents_in_scope=in_scope, partial=partial
        )

    def explain(self, query: str, *, aliases: bool = True, text: bool = False) -> Any:
        """How a query is analysed, as the dict of docs/mentions.md ("query",
        "parsed", "tree", "xapian"), or with ``text=True`` as concord-search
        --explain prints it."""
        out = self._searcher.explain(query, aliases, not text)
        return out if text else json.loads(out)

    def document(self, id: str) -> Dict[str, Any]:
        """The document with this id (as given to Index.add or derived from its
        file), its text included: id, path, title, date, source, url, lang,
        text, text_start. A mention's surface is
        text[m["start"] - text_start : m["end"] - text_start].
        concord.NotFoundError when there is none."""
        return self._searcher.document(id)

    def stats(self) -> Statistics:
        """Size and content of the databases."""
        return self._searcher.stats()

    @property
    def warnings(self) -> List[str]:
        """Problems met while opening that did not stop it."""
        return self._searcher.notes()["warnings"]

    @property
    def unavailable_shards(self) -> List[str]:
        """Shards skipped with allow_partial, each with the reason."""
        return self._searcher.notes()["unavailable_shards"]

    @property
    def duplicate_databases(self) -> List[str]:
        """Databases given more than once and searched once."""
        return self._searcher.notes()["duplicate_databases"]

    @property
    def dictionaries_differ(self) -> bool:
        """The database was tagged with other dictionaries (re-tag it with Index.retag)."""
        return self._searcher.notes()["dictionaries_differ"]

    def mentions_frame(self, name: str, query: Optional[str] = None, **options: Any) -> Any:
        """mentions(...) as a pandas.DataFrame (concord.mentions_frame)."""
        from ._frames import _pandas, mentions_frame

        _pandas()  # before the listing starts
        with self.mentions(name, query, **options) as stream:
            return mentions_frame(stream)

    def counts_frame(
        self,
        names: Union[str, Sequence[str]],
        by: str = "month",
        query: Optional[str] = None,
        **options: Any,
    ) -> Any:
        """count(...) as a tidy pandas.DataFrame (concord.counts_frame)."""
        from ._frames import counts_frame

        return counts_frame(self.count(names, by, query, **options))

    def refresh(self) -> None:
        """Reopens the databases, so that the next calls see the latest commit.
        Streams already started read on as they were."""
        self._searcher.refresh()

    def close(self) -> None:
        """Releases the databases; streams already started read on. Idempotent."""
        self._searcher.close()

    def __repr__(self) -> str:
        return f"<concord.Searcher {self._paths!r}>"

    def __enter__(self) -> "Searcher":
        return self

    def __exit__(self, exc_type: Any, exc: Any, tb: Any) -> None:
        self.close()
