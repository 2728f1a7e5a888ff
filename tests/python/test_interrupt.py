"""Ctrl-C (SIGINT) stops a long add_paths: KeyboardInterrupt comes out, what
was read is committed, and the index is usable and can finish the job."""

import os
import signal
import threading
import time

import pytest

import concord

FILES = 400


def _tree(tmp_path):
    corpus = tmp_path / "tree"
    for i in range(FILES):
        folder = corpus / f"{i // 50:02d}"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{i:04d}.txt").write_text(f"Dispatch {i}: Zelensky and Putin, Istanbul.\n")
    return corpus


def _slow(started=None):
    # A progress callback that makes the update last about FILES * 5 ms.
    def progress(files_done, files, bytes_done, total_bytes):
        if started is not None:
            started.set()
        time.sleep(0.005)

    return progress


def _check_usable(index, path, corpus):
    done = index.stats()["documents"]
    assert 0 < done < FILES  # stopped early, after committing what was read
    assert concord.Searcher(path).search("Istanbul").total == done
    report = index.add_paths([str(corpus)])
    assert report["files_added"] == FILES - done and not report["interrupted"]
    assert concord.Searcher(path).search("Istanbul", exact_total=True).total == FILES


def test_sigint_from_another_thread_interrupts_add_paths(tmp_path):
    corpus = _tree(tmp_path)
    path = str(tmp_path / "db")
    index = concord.Index(path)
    started = threading.Event()

    def interrupt():
        started.wait()
        time.sleep(0.2)
        os.kill(os.getpid(), signal.SIGINT)

    killer = threading.Thread(target=interrupt)
    killer.start()
    began = time.monotonic()
    try:
        with pytest.raises(KeyboardInterrupt):
            index.add_paths([str(corpus)], progress=_slow(started))
    finally:
        killer.join()
    assert time.monotonic() - began < FILES * 0.005
    _check_usable(index, path, corpus)


def test_sigint_during_a_sharded_update_interrupts_it(tmp_path):
    # The callbacks run in the shards' threads there; the wait still sees Ctrl-C.
    corpus = _tree(tmp_path)
    path = str(tmp_path / "db")
    index = concord.Index(path, shards=2)
    calls = []

    def progress(files_done, files, bytes_done, total_bytes):
        calls.append(files_done)
        if len(calls) == 20:
            signal.raise_signal(signal.SIGINT)
        time.sleep(0.005)

    with pytest.raises(KeyboardInterrupt):
        index.add_paths([str(corpus)], progress=progress, threads=2)
    _check_usable(index, path, corpus)
