"""docs/python.md's walk-through runs as printed, on the sample corpus."""

import os
import pathlib
import re

import pytest

from conftest import SAMPLES

DOC = pathlib.Path(__file__).resolve().parents[2] / "docs" / "python.md"


def test_the_walk_through_runs(tmp_path, monkeypatch):
    pytest.importorskip("pandas")
    pytest.importorskip("matplotlib")
    blocks = re.findall(r"^```python\n(.*?)^```$", DOC.read_text(), re.S | re.M)
    assert len(blocks) >= 6
    (tmp_path / "corpus").mkdir()
    os.symlink(SAMPLES, tmp_path / "corpus" / "samples")
    monkeypatch.chdir(tmp_path)
    namespace = {}
    for block in blocks:
        exec(compile(block, str(DOC), "exec"), namespace)
    weekly = namespace["weekly"]
    assert list(weekly.columns) == ["Zelensky", "Putin"] and weekly.values.sum() > 0
    assert (tmp_path / "attention.png").stat().st_size > 1000
    assert namespace["report"]["documents_added"] == 6
