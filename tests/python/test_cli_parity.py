"""The Python records are concord-search --format jsonl's, field for field,
on the same index: hits, mention records, count rows, explain and errors;
and an index built through the module is the one concord-index builds."""

import os
import subprocess

import pytest

import concord
from conftest import SAMPLES, concord_bin, run_cli

SEARCHES = [
    ("Istanbul", {}, []),
    ("Зеленський", {"limit": 20}, ["--limit", "20"]),
    ('"prisoners of war"', {}, []),
    ("person:Zelensky NEAR Erdogan", {}, []),
    ("lang:en date:2025-06-01..2025-06-30", {"limit": 3, "offset": 2},
     ["--limit", "3", "--offset", "2"]),
    ("Ukraine OR Russia", {"sort": "date", "limit": 50}, ["--sort", "date", "--limit", "50"]),
    ("Istanbul", {"collapse": True}, ["--collapse"]),
    ("Zelensky", {"aliases": False}, ["--no-aliases"]),
    ("talks -Putin", {"exact_total": True}, ["--exact-total"]),
    ("nothingmatchesthis", {}, []),
]  # fmt: skip

MENTIONS = [
    ("Zelensky", None, {}, []),
    ("Путин", None, {}, []),
    ("Russia", None, {"context": 3}, ["--context", "3"]),
    ("Ukraine", "date:2025-06-01..2025-06-30", {"limit": 7}, ["--limit", "7"]),
    ("Erdogan", None, {"min_confidence": "high"}, ["--min-confidence", "high"]),
    ("Kyiv", None, {"aliases": False}, ["--no-aliases"]),
    ("Medinsky", None, {}, []),
    ("Nobodyknowsthisname", None, {}, []),
]

COUNTS = [
    ("Zelensky", "month", None),
    ("Putin", "date", None),
    ("Putin", "day", None),
    ("Russia", "week", None),
    ("Ukraine", "source", None),
    ("Ukraine", "lang", None),
    ("Zelensky", "variant", None),
    ("Russia", "entity", None),
    (["Zelensky", "Putin"], "week", None),
    (["Zelensky", "Putin", "Erdoğan"], "month", "lang:en"),
    (["Kyiv", "Moscow"], "source", None),
    (["Zelensky", "Putin"], "week", "date:2025-05..2025-06"),
]


@pytest.mark.parametrize("query,options,flags", SEARCHES)
def test_search_hits_equal_concord_search_jsonl(sample_db, query, options, flags):
    hits = concord.Searcher(sample_db).search(query, **options)
    assert list(hits) == run_cli("--db", sample_db, *flags, "--", query)


def test_search_totals_equal_concord_search_json(sample_db):
    import json

    out = subprocess.run(
        [concord_bin("concord-search"), "--db", sample_db, "--format", "json", "--", "Ukraine"],
        stdout=subprocess.PIPE, check=True,
    )  # fmt: skip
    doc = json.loads(out.stdout)
    hits = concord.Searcher(sample_db).search("Ukraine")
    assert (hits.total, hits.total_exact, hits.partial) == (
        doc["total"], doc["total_exact"], doc["partial"])  # fmt: skip
    assert hits.query == doc["query"] and hits.ignored == doc["ignored"]


@pytest.mark.parametrize("name,query,options,flags", MENTIONS)
def test_mention_records_equal_concord_search_jsonl(sample_db, name, query, options, flags):
    stream = concord.Searcher(sample_db).mentions(name, query, **options)
    records = list(stream)
    args = ["--db", sample_db, "--mentions", name, *flags]
    if query:
        args += ["--", query]
    assert records == run_cli(*args)
    if "limit" not in options:
        assert stream.summary["total_mentions"] == len(records)


@pytest.mark.parametrize("names,by,query", COUNTS)
def test_count_rows_equal_concord_search_jsonl(sample_db, names, by, query):
    rows = concord.Searcher(sample_db).count(names, by=by, query=query)
    args = ["--db", sample_db, "--count-by", by]
    for name in [names] if isinstance(names, str) else names:
        args += ["--mentions", name]
    if query:
        args += ["--", query]
    assert list(rows) == run_cli(*args)
    assert rows.by == by
    assert [f["name"] for f in rows.figures] == ([names] if isinstance(names, str) else names)


def test_explain_equals_concord_search_explain(sample_db):
    query = "person:Zelensky NEAR Стамбул"
    records = run_cli("--db", sample_db, "--explain", "--", query)
    assert concord.Searcher(sample_db).explain(query) == records[0]["explain"]
    assert "Zelensky" in concord.Searcher(sample_db).explain(query, text=True)


@pytest.mark.parametrize(
    "query,column",
    [("(Putin", 7), ('"open phrase', 13), ("Putin NEAR/x Kyiv", 12),
     ("date:2025-13-45", 6), ("Putin AND", 10), ("title:", 7)],
)  # fmt: skip
def test_query_errors_carry_the_cli_code_and_column(sample_db, query, column):
    cli = run_cli("--db", sample_db, "--", query, check_status=(2,))
    error = cli[0]["error"]
    with pytest.raises(concord.Error) as raised:
        concord.Searcher(sample_db).search(query)
    assert raised.value.code == error["code"]
    assert raised.value.message == error["message"]
    assert raised.value.column == error.get("column", 0)
    assert isinstance(raised.value, concord.QuerySyntaxError)
    assert isinstance(raised.value, ValueError)
    assert raised.value.column == column
    assert f"column {column}" in str(raised.value)


def test_an_index_built_by_the_module_is_the_one_concord_index_builds(sample_db, tmp_path):
    cli_db = str(tmp_path / "cli.db")
    subprocess.run([concord_bin("concord-index"), "--db", cli_db, "--quiet", str(SAMPLES)],
                   check=True)  # fmt: skip
    ours, theirs = concord.Searcher(sample_db), concord.Searcher(cli_db)
    a, b = ours.stats(), theirs.stats()
    for key in ("documents", "files", "languages", "entities_hash", "format", "shards"):
        assert a[key] == b[key], key
    for query, options, _ in SEARCHES:
        assert list(ours.search(query, **options)) == list(theirs.search(query, **options))
    assert list(ours.mentions("Russia")) == list(theirs.mentions("Russia"))


def _write(directory, name: bytes, content: bytes):
    with open(os.path.join(os.fsencode(directory), name), "wb") as f:
        f.write(content)


def test_odd_file_names_and_invalid_utf8_print_as_the_cli_prints_them(tmp_path):
    corpus = tmp_path / "odd"
    corpus.mkdir()
    _write(corpus, b"back\\slash.txt", "Zelensky met Erdogan in Istanbul.\n".encode())
    _write(corpus, b"control\x01char.txt", "Зеленський прибув до Стамбула.\n".encode())
    _write(corpus, b"latin1-\xe9t\xe9.txt", b"Selenskyj sprach mit Erdogan in Istanbul.\n")
    _write(corpus, "c1-\u0085.txt".encode(), "Zelenskyy and Putin; Istanbul talks.\n".encode())
    _write(corpus, b"bad-text.txt", b"Zelensky \xff\xfe said in Istanbul \xc3( again.\n")
    db = str(tmp_path / "odd.db")
    with concord.Index(db) as index:
        index.add_paths([str(corpus)])
        # From memory, bytes are kept as they are: invalid UTF-8 in every field.
        index.add({"id": b"bad\xffid\\x", "path": b"/x/\xfe\x01.txt", "title": b"T\xff",
                   "lang": "en", "text": b"Zelensky \xff\xfe said in Istanbul \xc3( again."})
    searcher = concord.Searcher(db)
    assert list(searcher.search("Istanbul")) == run_cli("--db", db, "--", "Istanbul")
    records = list(searcher.mentions("Zelensky"))
    assert records == run_cli("--db", db, "--mentions", "Zelensky")
    paths = {r["path"] for r in records}
    assert any("back\\\\slash" in p for p in paths)
    assert any("control\\x01char" in p for p in paths)
    assert any("latin1-\\xE9t\\xE9" in p for p in paths)
    assert any("c1-\\xC2\\x85" in p for p in paths)
    assert any(r["doc"] == "bad\\xFFid\\\\x" and r["right"].startswith(" \ufffd\ufffd said")
               for r in records)
