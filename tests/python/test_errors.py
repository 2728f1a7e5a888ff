"""Failures are Python exceptions mapped from Status codes: concord.Error with
.code (the code's name) and .message, a subclass per code, .column for a
query error; callbacks' exceptions come back out of add_paths."""

import pytest

import concord
from concord import _errors

CODES = {
    "invalid_argument": concord.InvalidArgumentError,
    "query_syntax": concord.QuerySyntaxError,
    "not_found": concord.NotFoundError,
    "locked": concord.LockedError,
    "corrupt": concord.CorruptError,
    "io": concord.IoError,
    "internal": concord.InternalError,
    "cancelled": concord.CancelledError,
    "truncated": concord.TruncatedError,
}


def test_every_status_code_has_its_exception_class():
    for code, cls in CODES.items():
        assert _errors.error_class(code) is cls
        assert cls.code == code and issubclass(cls, concord.Error)
    assert _errors.error_class("a code of the future") is concord.Error


def test_a_query_error_has_code_message_and_column(sample_db):
    with pytest.raises(concord.QuerySyntaxError) as raised:
        concord.Searcher(sample_db).search("Putin AND (Kyiv OR")
    e = raised.value
    assert e.code == "query_syntax" and e.column > 0 and e.message
    assert str(e) == f"query error at column {e.column}: {e.message}"


def test_a_bad_filter_of_mentions_and_counts_raises_at_the_call(sample_db):
    searcher = concord.Searcher(sample_db)
    with pytest.raises(concord.QuerySyntaxError) as raised:
        searcher.mentions("Putin", query='"unclosed')
    assert raised.value.column == 10
    with pytest.raises(concord.QuerySyntaxError):
        searcher.count(["Putin", "Zelensky"], by="week", query="(x")


def test_a_second_writer_gets_locked_error(tmp_path):
    path = str(tmp_path / "db")
    first = concord.Index(path)
    with pytest.raises(concord.LockedError) as raised:
        concord.Index(path)
    assert raised.value.code == "locked" and path in raised.value.message
    first.close()
    concord.Index(path).close()  # released by close()


def test_missing_things_are_not_found(tmp_path, sample_db):
    with pytest.raises(concord.NotFoundError):
        concord.Searcher(str(tmp_path / "missing.db"))
    with pytest.raises(concord.NotFoundError):
        concord.Index(str(tmp_path / "missing.db"), create=False)
    with pytest.raises(concord.NotFoundError):
        concord.Searcher(sample_db).document("no such id")
    with pytest.raises(concord.NotFoundError):
        concord.Index(str(tmp_path / "db")).remove("no such id")
    with pytest.raises(concord.NotFoundError):
        concord.Index(str(tmp_path / "db2"), entities=str(tmp_path / "missing.entities"))


def test_bad_arguments_are_invalid_argument_errors(tmp_path, sample_db):
    searcher = concord.Searcher(sample_db)
    with pytest.raises(concord.InvalidArgumentError, match="fortnight"):
        searcher.count("Putin", by="fortnight")
    with pytest.raises(concord.InvalidArgumentError, match="min_confidence"):
        searcher.mentions("Putin", min_confidence="certain")
    with pytest.raises(concord.InvalidArgumentError, match="sort"):
        searcher.search("Putin", sort="alphabetical")
    with pytest.raises(ValueError):  # InvalidArgumentError is a ValueError too
        searcher.mentions("")
    index = concord.Index(str(tmp_path / "db"))
    with pytest.raises(concord.InvalidArgumentError, match="'body'"):
        index.add({"id": "a", "body": "text"})
    with pytest.raises(TypeError, match="'date'"):
        index.add({"id": "a", "text": "x", "date": 20250602})
    (tmp_path / "plain-file").write_text("not a database")
    with pytest.raises(concord.Error) as raised:
        concord.Searcher(str(tmp_path / "plain-file"))
    assert raised.value.code in ("invalid_argument", "not_found", "corrupt")


def test_closed_objects_say_so(tmp_path, sample_db):
    index = concord.Index(str(tmp_path / "db"))
    index.close()
    index.close()  # idempotent
    assert index.closed
    with pytest.raises(concord.InvalidArgumentError, match="closed"):
        index.add({"id": "a", "text": "Putin"})
    with pytest.raises(concord.InvalidArgumentError, match="closed"):
        index.add_paths([str(tmp_path)])
    searcher = concord.Searcher(sample_db)
    searcher.close()
    with pytest.raises(concord.InvalidArgumentError, match="closed"):
        searcher.search("Putin")
    with pytest.raises(concord.InvalidArgumentError, match="closed"):
        searcher.mentions("Putin")


def _corpus(tmp_path, files=30):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i in range(files):
        (corpus / f"{i:03d}.txt").write_text(f"Article {i}: Zelensky spoke in Kyiv.\n")
    return corpus


def test_an_exception_in_progress_stops_add_paths_and_comes_out(tmp_path):
    corpus = _corpus(tmp_path)
    index = concord.Index(str(tmp_path / "db"))

    def progress(files_done, files, bytes_done, total_bytes):
        if files_done == 5:
            raise RuntimeError("stop here")

    with pytest.raises(RuntimeError, match="stop here"):
        index.add_paths([str(corpus)], progress=progress)
    done = index.stats()["documents"]
    assert 5 <= done < 30  # what was read was committed
    assert index.add_paths([str(corpus)])["files_added"] == 30 - done
    assert index.stats()["documents"] == 30


def test_a_callback_cannot_use_the_index_it_updates(tmp_path):
    corpus = _corpus(tmp_path, files=3)
    index = concord.Index(str(tmp_path / "db"))
    with pytest.raises(concord.InvalidArgumentError, match="busy"):
        index.add_paths([str(corpus)], progress=lambda *counts: index.stats())
    assert index.add_paths([str(corpus)])["files_added"] + index.stats()["files"] >= 3


def test_an_exception_in_on_warning_comes_out(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "bad.jsonl").write_text('{"text": "Zelensky"}\nnot json\n')
    index = concord.Index(str(tmp_path / "db"))
    warnings = []
    report = index.add_paths([str(corpus)], on_warning=warnings.append)
    assert warnings and warnings == report["warnings"] and "bad.jsonl:2" in warnings[0]
    (corpus / "bad2.jsonl").write_text("also not json\n")

    def on_warning(message):
        raise ValueError(message)

    with pytest.raises(ValueError, match="bad2.jsonl"):
        index.add_paths([str(corpus)], on_warning=on_warning)
