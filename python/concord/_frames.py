"""pandas DataFrames of hits, mentions and counts, with proper dtypes.

pandas is optional: it is imported when a frame is asked for, and its
absence is an ImportError that says how to install it.
"""

from __future__ import annotations

from typing import Any, Dict, Iterable, List, Mapping

_MENTION_COLUMNS = (
    "doc", "path", "title", "date", "source", "lang", "entity", "label", "surface",
    "start", "end", "byte_start", "byte_end", "rung", "evidence", "left", "right",
    "confidence",
)  # fmt: skip
_HIT_COLUMNS = (
    "rank", "path", "id", "title", "date", "source", "url", "lang", "score", "snippet",
    "highlights", "copies",
)  # fmt: skip
_INT_COLUMNS = ("start", "end", "byte_start", "byte_end", "rank", "copies")
_CATEGORY_COLUMNS = ("source", "lang", "entity", "label", "rung", "confidence")
_CALENDAR_FORMATS = {"date": "%Y-%m-%d", "day": "%Y-%m-%d", "week": "%Y-%m-%d", "month": "%Y-%m"}


def _pandas() -> Any:
    try:
        import pandas
    except ImportError as e:
        raise ImportError(
            "concord's DataFrame helpers need pandas, which is not installed: "
            "apt install python3-pandas (Debian), or pip install pandas"
        ) from e
    return pandas


def _typed(pd: Any, columns: Dict[str, List[Any]], date_format: str = "%Y-%m-%d") -> Any:
    frame = pd.DataFrame(columns)
    for name in frame.columns:
        if name == "date":
            # "" (undated) becomes NaT.
            frame[name] = pd.to_datetime(frame[name], format=date_format, errors="coerce")
        elif name in _INT_COLUMNS:
            frame[name] = frame[name].astype("int64")
        elif name in _CATEGORY_COLUMNS:
            frame[name] = frame[name].astype("category")
        elif name != "score":
            frame[name] = frame[name].astype(object)  # str (an empty column would be float)
    return frame


def mentions_frame(mentions: Iterable[Mapping[str, Any]]) -> Any:
    """A DataFrame of mention records (a concord.MentionStream, or any iterable
    of its dicts), one row each, read one record at a time.

    Columns as the records' fields; dtypes: date datetime64 (NaT when
    undated); start, end, byte_start, byte_end int64; entity, label, rung,
    confidence, lang, source category; the rest str (object).
    """
    pd = _pandas()
    columns: Dict[str, List[Any]] = {name: [] for name in _MENTION_COLUMNS}
    appends = [(columns[name].append, name) for name in _MENTION_COLUMNS]
    for record in mentions:
        for append, name in appends:
            append(record[name])
    return _typed(pd, columns)


def hits_frame(hits: Iterable[Mapping[str, Any]]) -> Any:
    """A DataFrame of search hits (Searcher.search's result), one row each.

    dtypes: date datetime64; rank, copies int64; score float64; source,
    lang category; highlights a list of [start, end] per row.
    """
    pd = _pandas()
    columns: Dict[str, List[Any]] = {name: [] for name in _HIT_COLUMNS}
    for hit in hits:
        for name in _HIT_COLUMNS:
            columns[name].append(hit[name])
    frame = _typed(pd, columns)
    frame["score"] = frame["score"].astype("float64")
    return frame


def counts_frame(rows: Any) -> Any:
    """A tidy DataFrame of Searcher.count's rows (either layout): one row per
    bucket and figure, with the columns bucket, figure, mentions, documents,
    documents_in_scope, share, per_1000.

    bucket is datetime64 when counting by date, day, week (its Monday) or
    month (its first day), NaT for undated documents; else str. figure is a
    category in the order the names were asked. share and per_1000 are
    float64, NaN for a bucket without documents.
    """
    pd = _pandas()
    by = rows.by
    names = [f["name"] for f in rows.figures]
    columns: Dict[str, List[Any]] = {
        "bucket": [], "figure": [], "mentions": [], "documents": [],
        "documents_in_scope": [], "share": [], "per_1000": [],
    }  # fmt: skip
    for row in rows:
        counts = row["counts"] if "counts" in row else [dict(row, figure=names[0])]
        for count in counts:
            columns["bucket"].append(row[by])
            columns["figure"].append(count["figure"])
            columns["mentions"].append(count["mentions"])
            columns["documents"].append(count["documents"])
            columns["documents_in_scope"].append(row["documents_in_scope"])
            columns["share"].append(count["share"])
            columns["per_1000"].append(count["per_1000"])
    frame = pd.DataFrame(columns)
    if by in _CALENDAR_FORMATS:
        frame["bucket"] = pd.to_datetime(
            frame["bucket"], format=_CALENDAR_FORMATS[by], errors="coerce"
        )
    else:
        frame["bucket"] = frame["bucket"].astype("object")
    categories = list(dict.fromkeys(names))  # a name asked twice is one category
    frame["figure"] = pd.Categorical(frame["figure"], categories=categories)
    for name in ("mentions", "documents", "documents_in_scope"):
        frame[name] = frame[name].astype("int64")
    for name in ("share", "per_1000"):
        frame[name] = frame[name].astype("float64")
    frame.attrs["by"] = by
    return frame
