#include <archive.h>
#include <archive_entry.h>
#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "corpus/reader.h"

namespace concord::corpus {
namespace {

bool AnyContains(const std::vector<std::string>& v, const std::string& needle) {
  for (const std::string& s : v) {
    if (s.find(needle) != std::string::npos) return true;
  }
  return false;
}

enum class Kind { kZip, kTarGz, kUstar };

struct Member {
  std::string name;
  std::string content;
  unsigned type = AE_IFREG;  // AE_IFDIR, AE_IFLNK
};

// Builds an archive in memory with libarchive's writer.
std::string MakeArchive(Kind kind, const std::vector<Member>& members) {
  struct archive* a = archive_write_new();
  if (kind == Kind::kZip) {
    archive_write_set_format_zip(a);
  } else if (kind == Kind::kTarGz) {
    archive_write_set_format_pax_restricted(a);
    archive_write_add_filter_gzip(a);
  } else {
    archive_write_set_format_ustar(a);
  }
  std::size_t capacity = 1 << 16;
  for (const Member& m : members) capacity += m.content.size() * 2 + 1024;
  std::string buffer(capacity, '\0');
  std::size_t used = 0;
  EXPECT_EQ(archive_write_open_memory(a, buffer.data(), buffer.size(), &used), ARCHIVE_OK);
  for (const Member& m : members) {
    struct archive_entry* e = archive_entry_new();
    // Zip names as UTF-8, so that the writer flags non-ASCII names as such;
    // tar names as raw bytes.
    if (kind == Kind::kZip) {
      archive_entry_set_pathname_utf8(e, m.name.c_str());
    } else {
      archive_entry_set_pathname(e, m.name.c_str());
    }
    archive_entry_set_filetype(e, m.type);
    archive_entry_set_perm(e, m.type == AE_IFDIR ? 0755 : 0644);
    archive_entry_set_mtime(e, 1748935380, 0);
    if (m.type == AE_IFLNK) archive_entry_set_symlink(e, m.content.c_str());
    archive_entry_set_size(e, m.type == AE_IFREG ? static_cast<la_int64_t>(m.content.size()) : 0);
    EXPECT_EQ(archive_write_header(a, e), ARCHIVE_OK) << archive_error_string(a);
    if (m.type == AE_IFREG && !m.content.empty()) {
      EXPECT_EQ(archive_write_data(a, m.content.data(), m.content.size()),
                static_cast<la_ssize_t>(m.content.size()));
    }
    archive_entry_free(e);
  }
  EXPECT_EQ(archive_write_close(a), ARCHIVE_OK);
  archive_write_free(a);
  buffer.resize(used);
  return buffer;
}

const char kHtml[] =
    "<!DOCTYPE html><html><head><title>Talks resume</title></head><body><article>"
    "<h1>Talks resume</h1><p>Delegations met in Istanbul on Monday to resume ceasefire talks."
    "</p></article></body></html>";
const char kText[] = "Negotiators in Geneva exchanged written memoranda after the second round.\n";
const char kJsonl[] =
    "{\"id\":\"r1\",\"title\":\"One\",\"text\":\"First record about Kyiv.\"}\n"
    "{\"id\":\"r2\",\"title\":\"Two\",\"text\":\"Second record about Kharkiv.\"}\n";

// Feeds are held in memory to be read: over max_member_bytes, skipped.
const std::string kBigFeed = "<rss version=\"2.0\"><channel><item><description>" +
                             std::string(10000, 'w') + "</description></item></channel></rss>";

std::vector<Member> SampleMembers() {
  const std::string inner = MakeArchive(Kind::kZip, {{"c.txt", "Inner text about Odesa port.\n"}});
  return {
      {"a/", "", AE_IFDIR},
      {"a/b.html", kHtml},
      {"a/notes.txt", kText},
      {"data/news.jsonl", kJsonl},
      {".hidden/x.txt", kText},
      {"a/.DS_Store",
       "\x00\x00\x00\x01"
       "Bud1"},
      {"__MACOSX/a/._b.html", "\x00\x05\x16\x07"},
      {"a/link.txt", "notes.txt", AE_IFLNK},
      {"inner.zip", inner},
      {"big.rss", kBigFeed},
  };
}

Source MakeSource(const std::string& name, std::string content) {
  Source source;
  source.path = name;
  source.id = "/data/" + name;
  source.content = std::move(content);
  return source;
}

ReadOptions SmallMembers() {
  ReadOptions options;
  options.max_member_bytes = 4000;
  return options;
}

const Article* Find(const std::vector<Article>& articles, const std::string& path) {
  for (const Article& a : articles) {
    if (a.path == path) return &a;
  }
  return nullptr;
}

void ExpectSampleArticles(const std::string& name, const CollectingSink& sink) {
  ASSERT_EQ(sink.articles.size(), 5u);
  const Article* html = Find(sink.articles, name + "!a/b.html");
  ASSERT_NE(html, nullptr);
  EXPECT_EQ(html->id.rfind("/data/" + name + "!a/b.html", 0), 0u) << html->id;
  EXPECT_NE(html->text.find("Istanbul"), std::string::npos);
  const Article* text = Find(sink.articles, name + "!a/notes.txt");
  ASSERT_NE(text, nullptr);
  EXPECT_EQ(text->id, "/data/" + name + "!a/notes.txt");
  EXPECT_NE(text->text.find("Geneva"), std::string::npos);
  std::vector<std::string> jsonl_ids;
  for (const Article& a : sink.articles) {
    if (a.path == name + "!data/news.jsonl") jsonl_ids.push_back(a.id);
  }
  EXPECT_EQ(jsonl_ids, (std::vector<std::string>{"/data/" + name + "!data/news.jsonl#r1",
                                                 "/data/" + name + "!data/news.jsonl#r2"}));
  const Article* inner = Find(sink.articles, name + "!inner.zip!c.txt");
  ASSERT_NE(inner, nullptr);
  EXPECT_EQ(inner->id, "/data/" + name + "!inner.zip!c.txt");

  ASSERT_EQ(sink.warnings.size(), 1u);
  EXPECT_EQ(sink.warnings[0], name + "!big.rss: too large (" + std::to_string(kBigFeed.size()) +
                                  " bytes > 4000 bytes limit); skipped");
}

TEST(ArchiveReaderTest, ReadsZipMembers) {
  CollectingSink sink;
  std::string error;
  ASSERT_TRUE(ReadArchiveSource(MakeSource("x.zip", MakeArchive(Kind::kZip, SampleMembers())),
                                SmallMembers(), 0, &sink, &error))
      << error;
  ExpectSampleArticles("x.zip", sink);
}

TEST(ArchiveReaderTest, ReadsTarGzMembers) {
  CollectingSink sink;
  std::string error;
  ASSERT_TRUE(ReadArchiveSource(MakeSource("x.tar.gz", MakeArchive(Kind::kTarGz, SampleMembers())),
                                SmallMembers(), 0, &sink, &error))
      << error;
  ExpectSampleArticles("x.tar.gz", sink);
}

TEST(ArchiveReaderTest, DotSlashNamesAndNonUtf8Names) {
  const std::string tar =
      MakeArchive(Kind::kUstar, {{"./a/notes.txt", kText}, {"caf\xE9.txt", kText}});
  CollectingSink sink;
  std::string error;
  ASSERT_TRUE(ReadArchiveSource(MakeSource("y.tar", tar), ReadOptions(), 0, &sink, &error))
      << error;
  ASSERT_EQ(sink.articles.size(), 2u);
  EXPECT_EQ(sink.articles[0].path, "y.tar!a/notes.txt");
  EXPECT_EQ(sink.articles[1].path, "y.tar!caf\xEF\xBF\xBD.txt");
  EXPECT_EQ(sink.articles[1].id, "/data/y.tar!caf\xE9.txt");
}

TEST(ArchiveReaderTest, Utf8ZipNames) {
  const std::string zip = MakeArchive(Kind::kZip, {{"caf\xC3\xA9/\xC3\xA9t\xC3\xA9.txt", kText}});
  CollectingSink sink;
  std::string error;
  ASSERT_TRUE(ReadArchiveSource(MakeSource("u.zip", zip), ReadOptions(), 0, &sink, &error))
      << error;
  ASSERT_EQ(sink.articles.size(), 1u);
  EXPECT_EQ(sink.articles[0].path, "u.zip!caf\xC3\xA9/\xC3\xA9t\xC3\xA9.txt");
  EXPECT_TRUE(sink.warnings.empty());
}

TEST(ArchiveReaderTest, NestedArchivesStopAtTheDepthLimit) {
  ReadOptions options = SmallMembers();
  options.max_archive_depth = 1;
  CollectingSink sink;
  std::string error;
  ASSERT_TRUE(ReadArchiveSource(MakeSource("x.zip", MakeArchive(Kind::kZip, SampleMembers())),
                                options, 0, &sink, &error));
  EXPECT_EQ(Find(sink.articles, "x.zip!inner.zip!c.txt"), nullptr);
  EXPECT_NE(Find(sink.articles, "x.zip!a/b.html"), nullptr);
  EXPECT_TRUE(AnyContains(sink.warnings, "x.zip!inner.zip: archive nested too deeply; skipped"));

  CollectingSink too_deep;
  ASSERT_TRUE(ReadArchiveSource(MakeSource("x.zip", MakeArchive(Kind::kZip, SampleMembers())),
                                options, 1, &too_deep, &error));
  EXPECT_TRUE(too_deep.articles.empty());
  EXPECT_EQ(too_deep.warnings,
            std::vector<std::string>{"x.zip: archive nested too deeply; skipped"});
}

// Text that gzip cannot shrink, so that a cut lands where expected.
std::string Noise(std::size_t size, unsigned seed) {
  std::mt19937 rng(seed);
  std::string s;
  while (s.size() < size) {
    for (int i = 0, n = 2 + static_cast<int>(rng() % 8); i < n; ++i) {
      s += static_cast<char>('a' + rng() % 26);
    }
    s += ' ';
  }
  return s;
}

std::vector<Member> NoisyMembers() {
  std::vector<Member> members;
  for (int i = 1; i <= 4; ++i) {
    members.push_back({"doc" + std::to_string(i) + ".txt", Noise(20000, i) + "\n"});
  }
  return members;
}

void ExpectDamagedKeepsFirstMembers(const std::string& name, const std::string& archive) {
  const std::string cut = archive.substr(0, archive.size() * 6 / 10);  // inside doc3
  CollectingSink sink;
  std::string error;
  ASSERT_TRUE(ReadArchiveSource(MakeSource(name, cut), ReadOptions(), 0, &sink, &error)) << error;
  ASSERT_EQ(sink.articles.size(), 2u);
  EXPECT_EQ(sink.articles[0].path, name + "!doc1.txt");
  EXPECT_EQ(sink.articles[1].path, name + "!doc2.txt");
  ASSERT_EQ(sink.warnings.size(), 1u);
  EXPECT_EQ(sink.warnings[0].rfind(name + ": damaged archive (", 0), 0u) << sink.warnings[0];
  EXPECT_NE(sink.warnings[0].find("); members read before the damage are kept"), std::string::npos);
}

TEST(ArchiveReaderTest, TruncatedTarGzKeepsMembersBeforeTheDamage) {
  ExpectDamagedKeepsFirstMembers("t.tar.gz", MakeArchive(Kind::kTarGz, NoisyMembers()));
}

TEST(ArchiveReaderTest, TruncatedZipKeepsMembersBeforeTheDamage) {
  ExpectDamagedKeepsFirstMembers("t.zip", MakeArchive(Kind::kZip, NoisyMembers()));
}

TEST(ArchiveReaderTest, RandomBytesAreNotAnArchive) {
  std::mt19937 rng(7);
  std::string bytes(4096, '\0');
  for (char& c : bytes) c = static_cast<char>(rng());
  CollectingSink sink;
  std::string error;
  EXPECT_FALSE(ReadArchiveSource(MakeSource("r.zip", bytes), ReadOptions(), 0, &sink, &error));
  EXPECT_EQ(error.rfind("r.zip: not a readable archive (", 0), 0u) << error;
  EXPECT_TRUE(sink.articles.empty());

  EXPECT_FALSE(ReadArchiveSource(MakeSource("e.zip", ""), ReadOptions(), 0, &sink, &error));
}

// Text too large to hold is never skipped: it is read in parts as it is
// decompressed, every byte in exactly one part, in order.
TEST(ArchiveReaderTest, LargeTextMembersAreReadInParts) {
  std::string text;
  for (int i = 0; text.size() < 20000; ++i) {
    text += "Paragraph " + std::to_string(i) + " of the long report from Istanbul.\n\n";
  }
  for (Kind kind : {Kind::kZip, Kind::kTarGz}) {
    ReadOptions options = SmallMembers();
    options.huge_text_bytes = 6000;
    options.text_part_bytes = 5000;
    CollectingSink sink;
    std::string error;
    ASSERT_TRUE(ReadArchiveSource(MakeSource("x.bin", MakeArchive(kind, {{"long.txt", text}})),
                                  options, 0, &sink, &error))
        << error;
    ASSERT_GE(sink.articles.size(), 4u);
    std::string joined;
    for (std::size_t i = 0; i < sink.articles.size(); ++i) {
      const Article& a = sink.articles[i];
      EXPECT_EQ(a.id, "/data/x.bin!long.txt#part-" + std::to_string(i + 1));
      EXPECT_LE(a.text.size(), 5000u);
      EXPECT_EQ(a.byte_offset, joined.size());
      joined += a.text;
    }
    EXPECT_EQ(joined, text);
    ASSERT_EQ(sink.warnings.size(), 1u);
    EXPECT_EQ(sink.warnings[0], "x.bin!long.txt: " + std::to_string(text.size()) +
                                    " bytes of plain text, indexed as " +
                                    std::to_string(sink.articles.size()) +
                                    " parts of about 5000 bytes each");
  }
}

}  // namespace
}  // namespace concord::corpus
