"""The pandas helpers: dtypes (dates as datetime64, categories for entity,
rung, lang...), the tidy counts frame, and a clear ImportError without pandas."""

import sys

import pytest

import concord

pd = pytest.importorskip("pandas")


def test_mentions_frame_has_typed_columns(sample_db):
    searcher = concord.Searcher(sample_db)
    frame = searcher.mentions_frame("Zelensky")
    records = list(searcher.mentions("Zelensky"))
    assert list(frame.columns) == list(records[0].keys())
    assert len(frame) == len(records)
    assert str(frame["date"].dtype) == "datetime64[ns]"
    for name in ("entity", "rung", "lang", "confidence", "source", "label"):
        assert isinstance(frame[name].dtype, pd.CategoricalDtype), name
    for name in ("start", "end", "byte_start", "byte_end"):
        assert str(frame[name].dtype) == "int64", name
    assert frame["date"].iloc[0] == pd.Timestamp(records[0]["date"])
    assert list(frame["surface"]) == [r["surface"] for r in records]


def test_counts_frame_is_tidy_with_calendar_buckets(sample_db):
    searcher = concord.Searcher(sample_db)
    rows = searcher.count(["Zelensky", "Putin"], by="week")
    frame = searcher.counts_frame(["Zelensky", "Putin"], by="week")
    assert list(frame.columns) == ["bucket", "figure", "mentions", "documents",
                                   "documents_in_scope", "share", "per_1000"]  # fmt: skip
    assert len(frame) == 2 * len(rows)
    assert str(frame["bucket"].dtype) == "datetime64[ns]"
    assert list(frame["figure"].cat.categories) == ["Zelensky", "Putin"]
    for row in rows:
        for count in row["counts"]:
            match = frame[(frame["bucket"] == pd.Timestamp(row["week"]))
                          & (frame["figure"] == count["figure"])]  # fmt: skip
            assert match["mentions"].item() == count["mentions"]
            assert match["documents_in_scope"].item() == row["documents_in_scope"]
    pivot = frame.pivot(index="bucket", columns="figure", values="mentions")
    assert pivot.sum().to_dict() == {f["name"]: f["total_mentions"] for f in rows.figures}


def test_counts_frame_of_one_figure_and_other_keys(sample_db):
    searcher = concord.Searcher(sample_db)
    months = searcher.counts_frame("Putin", by="month")
    assert str(months["bucket"].dtype) == "datetime64[ns]"
    assert (months["bucket"].dt.day == 1).all()
    assert set(months["figure"]) == {"Putin"}
    sources = searcher.count("Putin", by="source").to_pandas()
    assert sources["bucket"].dtype == object and sources.attrs["by"] == "source"
    assert sources["mentions"].sum() == searcher.count("Putin", by="source").figures[0][
        "total_mentions"]  # fmt: skip


def test_hits_frame(sample_db):
    hits = concord.Searcher(sample_db).search("Istanbul")
    frame = hits.to_pandas()
    assert list(frame["id"]) == [h["id"] for h in hits]
    assert str(frame["score"].dtype) == "float64" and str(frame["rank"].dtype) == "int64"
    assert str(frame["date"].dtype) == "datetime64[ns]"


def test_without_pandas_the_helpers_say_how_to_get_it(sample_db, monkeypatch):
    monkeypatch.setitem(sys.modules, "pandas", None)  # import pandas now fails
    searcher = concord.Searcher(sample_db)
    with pytest.raises(ImportError, match="python3-pandas"):
        searcher.mentions_frame("Putin")
    with pytest.raises(ImportError, match="pip install pandas"):
        searcher.count("Putin").to_pandas()
    assert len(list(searcher.mentions("Putin"))) > 0  # the rest works without it


def test_empty_frames_keep_their_dtypes(sample_db):
    searcher = concord.Searcher(sample_db)
    frame = searcher.mentions_frame("Nobodyknowsthisname")
    assert len(frame) == 0 and frame["surface"].dtype == object
    assert str(frame["date"].dtype) == "datetime64[ns]" and str(frame["start"].dtype) == "int64"
    hits = searcher.search("nothingmatchesthis").to_pandas()
    assert len(hits) == 0 and hits["title"].dtype == object
