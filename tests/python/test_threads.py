"""The GIL is released while concord searches and counts: another Python
thread keeps running during a long call, and threads with a Searcher each,
or sharing one, get the same results as one thread alone."""

import concurrent.futures
import threading
import time

import concord

QUERIES = ["Zelensky", "talks NEAR/3 Zelensky", "ceasefire -drone", "Outlet", "Story"]


def longest_pause_of_another_thread(call):
    """Runs call() while another thread records when it runs; returns the
    call's duration and the longest time that thread could not run during it."""
    ticks = []
    stop = threading.Event()

    def ticker():
        while not stop.is_set():
            ticks.append(time.perf_counter())

    thread = threading.Thread(target=ticker)
    thread.start()
    time.sleep(0.02)
    start = time.perf_counter()
    call()
    end = time.perf_counter()
    stop.set()
    thread.join()
    inside = [start] + [t for t in ticks if start < t < end] + [end]
    return end - start, max(b - a for a, b in zip(inside, inside[1:]))


def test_another_thread_runs_during_a_long_search_and_count(many_mentions_db):
    searcher = concord.Searcher(many_mentions_db)
    calls = {
        "search": lambda: searcher.search("Zelensky", collapse=True, exact_total=True),
        "count": lambda: searcher.count("Zelensky", by="variant"),
        "mentions": lambda: searcher.mentions("Zelensky").close(),
    }
    for name, call in calls.items():
        # Holding the GIL, a call would stop the other thread all along: the
        # best of three tries is spared a busy machine's scheduling.
        duration, pause = min((longest_pause_of_another_thread(call) for _ in range(3)),
                              key=lambda m: m[1] / m[0])  # fmt: skip
        print(f"{name}: {duration * 1000:.0f} ms, the other thread paused {pause * 1000:.1f} ms")
        assert pause < duration / 2, name


def test_threads_with_a_searcher_each_get_what_one_thread_gets(many_mentions_db):
    def work(queries):
        searcher = concord.Searcher(many_mentions_db)
        return [
            (list(searcher.search(q, limit=50)), list(searcher.count("Zelensky", by="source")))
            for q in queries
        ]

    started = time.perf_counter()
    alone = [work(QUERIES) for _ in range(4)]
    sequential = time.perf_counter() - started
    started = time.perf_counter()
    with concurrent.futures.ThreadPoolExecutor(4) as pool:
        together = list(pool.map(work, [QUERIES] * 4))
    parallel = time.perf_counter() - started
    print(f"4 x {len(QUERIES)} searches and counts: {sequential:.2f} s in one thread, "
          f"{parallel:.2f} s in four (x{sequential / parallel:.2f})")  # fmt: skip
    assert together == alone


def test_one_searcher_shared_by_threads_gives_each_the_same_results(sample_db):
    searcher = concord.Searcher(sample_db)
    expected = list(searcher.search("Ukraine", limit=20))

    mentions = list(searcher.mentions("Russia"))

    def work(_):
        return list(searcher.search("Ukraine", limit=20)), list(searcher.mentions("Russia"))

    with concurrent.futures.ThreadPoolExecutor(8) as pool:
        assert all(r == (expected, mentions) for r in pool.map(work, range(100)))
