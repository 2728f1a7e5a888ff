"""Searcher.mentions streams: 120,000 records go through in flat memory on
the Python side, a stream can be closed or dropped at any point and its
thread ends, and the summary is there before the first record."""

import gc
import json
import os
import subprocess
import sys
import time
import tracemalloc

import concord
from conftest import MANY_DOCUMENTS, MENTIONS_PER_DOCUMENT

TOTAL = MANY_DOCUMENTS * MENTIONS_PER_DOCUMENT


def threads():
    return len(os.listdir("/proc/self/task"))


def test_120000_mentions_stream_with_flat_python_memory(many_mentions_db):
    searcher = concord.Searcher(many_mentions_db)
    stream = searcher.mentions("Zelensky")
    assert stream.summary["total_mentions"] == TOTAL
    assert stream.summary["documents"] == MANY_DOCUMENTS
    tracemalloc.start()
    try:
        count = 0
        for record in stream:
            count += 1
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert count == TOTAL
    # A few records alive at a time; the whole listing as dicts is ~300 MB.
    assert peak < 1 << 20, f"{peak} bytes traced"


# Prints the growth of the peak resident set (KiB, /proc/self/status VmHWM;
# ru_maxrss would start at the parent's peak) while `mode` reads the
# listing: "stream" all of it one record at a time, "first" ten records,
# "list" all of it into one list.
_RSS_PROBE = """
import concord, json, sys
def status(field):
    with open("/proc/self/status") as f:
        return next(int(line.split()[1]) for line in f if line.startswith(field + ":"))
path, mode = sys.argv[1], sys.argv[2]
searcher = concord.Searcher(path)
searcher.search("Zelensky")
with open("/proc/self/clear_refs", "w") as f:
    f.write("5")  # the peak so far is now the current size
before = status("VmRSS")
if mode == "list":
    n = len(list(searcher.mentions("Zelensky")))
else:
    n = sum(1 for _ in searcher.mentions("Zelensky", limit=None if mode == "stream" else 10))
print(json.dumps({"records": n, "growth_kib": status("VmHWM") - before}))
"""


def _rss_growth(path, mode):
    out = subprocess.run([sys.executable, "-c", _RSS_PROBE, path, mode],
                         stdout=subprocess.PIPE, check=True, env=os.environ)  # fmt: skip
    return json.loads(out.stdout)


def test_streaming_every_record_costs_no_more_memory_than_reading_ten(many_mentions_db):
    # The library collects a listing's records before it hands out the
    # first (query::Walk), so reading ten records already costs their
    # memory; what the stream adds on top of that must not grow with the
    # records read. A list of them all shows what the probe can see.
    first = _rss_growth(many_mentions_db, "first")
    stream = _rss_growth(many_mentions_db, "stream")
    listed = _rss_growth(many_mentions_db, "list")
    assert (first["records"], stream["records"], listed["records"]) == (10, TOTAL, TOTAL)
    extra_mib = (stream["growth_kib"] - first["growth_kib"]) / 1024
    listed_mib = (listed["growth_kib"] - first["growth_kib"]) / 1024
    print(f"peak RSS growth: reading 10 records {first['growth_kib'] / 1024:.1f} MiB; "
          f"more for streaming {TOTAL}: {extra_mib:.1f} MiB, for listing them: "
          f"{listed_mib:.1f} MiB")  # fmt: skip
    assert extra_mib < 32
    assert listed_mib > 100


def test_the_summary_comes_first_and_limit_truncates(many_mentions_db):
    searcher = concord.Searcher(many_mentions_db)
    with searcher.mentions("Zelensky", limit=10) as stream:
        summary = stream.summary
        assert summary["truncated"] and summary["total_mentions"] == TOTAL
        assert summary["entities"] == ["zelenskyy"]
        assert len(list(stream)) == 10


def test_closing_a_stream_stops_it_at_once(many_mentions_db):
    searcher = concord.Searcher(many_mentions_db)
    before = threads()
    stream = searcher.mentions("Zelensky")
    assert threads() == before + 1  # the listing's thread
    first = [next(stream) for _ in range(5)]
    started = time.monotonic()
    stream.close()
    assert time.monotonic() - started < 2
    assert threads() == before
    assert list(stream) == [] and len(first) == 5
    stream.close()  # idempotent
    # The searcher that made it was usable meanwhile and still is.
    assert searcher.search("Zelensky").total == MANY_DOCUMENTS


def test_a_dropped_stream_ends_its_thread(many_mentions_db):
    searcher = concord.Searcher(many_mentions_db)
    before = threads()
    for _ in range(20):
        stream = searcher.mentions("Zelensky", query="date:2025-03")
        next(stream)
        del stream
    gc.collect()
    assert threads() == before


def test_reading_documents_while_streaming(sample_db):
    searcher = concord.Searcher(sample_db)
    seen = 0
    for record in searcher.mentions("Russia"):
        text = searcher.document(record["doc"])["text"]
        assert record["surface"] in text
        seen += 1
    assert seen > 50


def test_a_stream_and_to_pandas_read_the_same_records(sample_db):
    searcher = concord.Searcher(sample_db)
    frame = searcher.mentions("Putin").to_pandas()
    records = list(searcher.mentions("Putin"))
    assert len(frame) == len(records)
    assert list(frame["surface"]) == [r["surface"] for r in records]
