"""Fixtures of the Python module's tests (tests/CMakeLists.txt runs them in ctest).

Environment: PYTHONPATH=BUILD/python (the package in the build tree);
CONCORD_BIN=BUILD/bin for the concord-index and concord-search that the
results are compared with (those tests are skipped without it);
CONCORD_SAMPLES=corpus/samples (default: found from this file).
"""

import json
import os
import pathlib
import random
import subprocess

import pytest

import concord

SAMPLES = pathlib.Path(
    os.environ.get("CONCORD_SAMPLES")
    or pathlib.Path(__file__).resolve().parents[2] / "corpus" / "samples"
)

# The generated index with many mentions (test_streaming, test_threads).
MANY_DOCUMENTS = 10_000
MENTIONS_PER_DOCUMENT = 12


def concord_bin(tool: str) -> str:
    directory = os.environ.get("CONCORD_BIN")
    if not directory:
        pytest.skip("CONCORD_BIN (the build's bin/) is not set: no CLI to compare with")
    return os.path.join(directory, tool)


def run_cli(*args, check_status=(0, 1)):
    """concord-search ARGS --format jsonl: its records, without the envelope's
    format_version (the Python records leave it out)."""
    out = subprocess.run(
        [concord_bin("concord-search"), "--format", "jsonl", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        check=False,
    )
    assert out.returncode in check_status, out.stderr.decode(errors="replace")
    records = []
    for line in out.stdout.decode("utf-8").splitlines():
        record = json.loads(line)
        record.pop("format_version", None)
        records.append(record)
    return records


@pytest.fixture(scope="session")
def sample_db(tmp_path_factory):
    """The sample corpus indexed through the Python module."""
    path = tmp_path_factory.mktemp("samples") / "news.db"
    with concord.Index(str(path)) as index:
        report = index.add_paths([str(SAMPLES)])
    assert report["documents_added"] > 0 and not report["warnings"]
    return str(path)


def _many_mentions_text(rng, number):
    words = ("talks ceasefire minister delegation summit border energy grain port "
             "sanctions drone brigade parliament").split()
    sentences = []
    for k in range(MENTIONS_PER_DOCUMENT):
        name = "Zelenskyy" if k % 3 == 0 else "Zelensky"
        sentences.append(" ".join(rng.choice(words) for _ in range(4)) + f" {name} said.")
    return f"Story {number}. " + " ".join(sentences)


@pytest.fixture(scope="session")
def many_mentions_db(tmp_path_factory):
    """MANY_DOCUMENTS short dated articles, each mentioning Zelensky
    MENTIONS_PER_DOCUMENT times (120,000 mentions), added with Index.add."""
    path = tmp_path_factory.mktemp("many") / "many.db"
    rng = random.Random(20250602)
    with concord.Index(str(path)) as index:
        for i in range(MANY_DOCUMENTS):
            index.add({
                "id": f"story-{i}",
                "date": f"2025-{1 + i % 12:02d}-{1 + i % 28:02d}",
                "lang": "en",
                "source": f"Outlet {i % 7}",
                "text": _many_mentions_text(rng, i),
            })  # fmt: skip
    return str(path)
