"""concord.Index: articles from memory, files and folders, commits,
statistics, shards and extra dictionaries; Searcher.document."""

import datetime

import pytest

import concord
from conftest import SAMPLES


def test_articles_added_from_memory_are_searchable_after_commit(tmp_path):
    path = str(tmp_path / "db")
    index = concord.Index(path)
    index.add({"id": "a1", "title": "Talks", "date": datetime.date(2025, 6, 2),
               "source": "Reuters", "lang": "en", "url": "https://example.org/a1",
               "text": "Zelensky and Erdogan met in Istanbul."})  # fmt: skip
    assert concord.Searcher(path).search("Istanbul").total == 0  # not committed
    index.commit()
    hits = concord.Searcher(path).search("Istanbul")
    assert [(h["id"], h["title"], h["date"], h["source"], h["url"]) for h in hits] == [
        ("a1", "Talks", "2025-06-02", "Reuters", "https://example.org/a1")]  # fmt: skip
    index.add({"id": "a1", "text": "Replaced: Putin in Moscow.", "lang": "en"})
    index.remove("a1")
    index.add({"id": "a2", "text": "Putin in Moscow.", "lang": "en"})
    index.commit()
    searcher = concord.Searcher(path)
    assert searcher.search("Istanbul").total == 0
    assert [h["id"] for h in searcher.search("Moscow")] == ["a2"]
    assert index.stats()["documents"] == 1


def test_a_with_block_commits_unless_it_raises(tmp_path):
    path = str(tmp_path / "db")
    with concord.Index(path) as index:
        index.add({"id": "kept", "text": "Zelensky in Kyiv.", "lang": "en"})
    assert index.closed
    with pytest.raises(KeyError):
        with concord.Index(path) as index:
            index.add({"id": "dropped", "text": "Zelensky in Lviv.", "lang": "en"})
            raise KeyError("abandon")
    assert [h["id"] for h in concord.Searcher(path).search("Zelensky")] == ["kept"]


def test_add_paths_is_incremental_and_reports_what_it_did(tmp_path):
    path = str(tmp_path / "db")
    with concord.Index(path) as index:
        first = index.add_paths(SAMPLES)  # a single path, as a PathLike
        again = index.add_paths([str(SAMPLES)])
        stats = index.stats()
    assert first["files_added"] == stats["files"] > 0 and first["documents_added"] == 6
    assert again["files_unchanged"] == first["files_added"] and again["files_added"] == 0
    assert not first["interrupted"] and first["warnings"] == []
    assert stats["documents"] == 6 and stats["languages"] == ["en"] and stats["shards"] == 1


def test_progress_returning_false_stops_after_committing(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i in range(20):
        (corpus / f"{i:02d}.txt").write_text(f"Story {i} about Kyiv.\n")
    calls = []

    def progress(files_done, files, bytes_done, total_bytes):
        calls.append((files_done, files, bytes_done, total_bytes))
        return files_done < 4

    with concord.Index(str(tmp_path / "db")) as index:
        report = index.add_paths([str(corpus)], progress=progress)
        assert report["interrupted"]
        assert 4 <= index.stats()["documents"] < 20
    assert calls[0][1] == 20 and calls[-1][3] > 0


def test_a_sharded_index_is_searched_as_one(tmp_path):
    path = str(tmp_path / "sharded.db")
    with concord.Index(path, shards=3) as index:
        index.add_paths([str(SAMPLES)], threads=2)
        assert index.stats()["shards"] == 3
    searcher = concord.Searcher(path)
    assert searcher.stats()["shards"] == 3
    assert searcher.search("Istanbul").total == 6
    with pytest.raises(concord.InvalidArgumentError):
        concord.Index(path, shards=2)


def test_stem_terms_and_the_stem_table_find_the_same_forms(tmp_path):
    found = {}
    for stem_terms in (False, True):
        path = str(tmp_path / ("db-%s" % stem_terms))
        with concord.Index(path, stem_terms=stem_terms) as index:
            index.add({"id": "a", "lang": "en", "text": "The talks resumed in Istanbul."})
            index.add({"id": "b", "lang": "en", "text": "Talking again, they walked."})
            index.add({"id": "c", "lang": "fr", "text": "Les négociations ont repris."})
        searcher = concord.Searcher(path)
        found[stem_terms] = [sorted(h["id"] for h in searcher.search(q))
                             for q in ("talk", "négociation", "walking")]  # fmt: skip
    assert found[False] == found[True] == [["a", "b"], ["c"], ["b"]]


def test_extra_dictionaries_tag_their_figures(tmp_path):
    dictionary = tmp_path / "extra.entities"
    dictionary.write_text("[zblorp]\ntype: person\nlabel: Qwertyna Zblorp\n"
                          "name: Qwertyna Zblorp\nalias: Zblorp\n")  # fmt: skip
    path = str(tmp_path / "db")
    with concord.Index(path, entities=[dictionary]) as index:
        index.add({"id": "f", "lang": "en", "text": "Zblorp hosted the talks. Qwertyna Zblorp spoke."})
    plain = concord.Searcher(path)
    assert plain.dictionaries_differ
    with_extra = concord.Searcher(path, entities=str(dictionary))
    assert not with_extra.dictionaries_differ
    records = list(with_extra.mentions("Zblorp"))
    assert {r["entity"] for r in records} == {"zblorp"} and len(records) == 2
    assert [r["entity"] for r in plain.mentions("Zblorp")] == ["", ""]  # an ad-hoc name


def test_a_bad_dictionary_line_is_a_warning(tmp_path):
    dictionary = tmp_path / "bad.entities"
    dictionary.write_text("[fine]\nlabel: Fine\nalias: Finest\nnonsense line\n")
    with pytest.warns(UserWarning, match="bad.entities:4"):
        concord.Index(str(tmp_path / "db"), entities=dictionary).close()


def test_document_gives_the_text_a_mention_points_into(sample_db):
    searcher = concord.Searcher(sample_db)
    for record in searcher.mentions("Ukraine"):
        doc = searcher.document(record["doc"])
        start = record["start"] - doc["text_start"]
        end = record["end"] - doc["text_start"]
        assert doc["text"][start:end] == record["surface"]
        assert doc["id"] == record["doc"] and doc["path"] == record["path"]


def test_a_searcher_sees_one_revision_until_refreshed(tmp_path):
    path = str(tmp_path / "db")
    index = concord.Index(path)
    index.add({"id": "1", "lang": "en", "text": "Zelensky in Kyiv."})
    index.commit()
    searcher = concord.Searcher(path)
    assert searcher.search("Zelensky").total == 1
    index.add({"id": "2", "lang": "en", "text": "Zelensky in Lviv."})
    index.commit()
    # Search, listing and counts read the same revision...
    assert searcher.search("Zelensky").total == 1
    assert len(list(searcher.mentions("Zelensky"))) == 1
    assert searcher.count("Zelensky", by="lang")[0]["mentions"] == 1
    searcher.refresh()  # ...until refreshed
    assert searcher.search("Zelensky").total == 2
    assert len(list(searcher.mentions("Zelensky"))) == 2
    assert searcher.count("Zelensky", by="lang")[0]["mentions"] == 2
