// StringTable (lang/string_table.h): what a built table finds, that a view
// of its bytes finds the same, and that View refuses every malformed block
// (a saved matcher is read from disk: a table View accepts must be safe to
// search, Find must end, and no value may point outside what it indexes).
#include "lang/string_table.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <memory>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "lang/hash.h"

namespace concord::lang {
namespace {

using Entries = StringTable::Entries;

constexpr std::uint32_t kNoLimit = UINT32_MAX;

std::vector<std::uint32_t> ToVector(StringTable::Values values) {
  std::vector<std::uint32_t> out;
  for (std::size_t i = 0; i < values.size(); ++i) out.push_back(values[i]);
  return out;
}

// Names in several scripts, an empty key, a key with a NUL byte, and keys
// that are prefixes of one another (Find must compare whole keys).
Entries SampleEntries() {
  return {
      {"", {7}},
      {"a", {1}},
      {"ab", {2, 2}},
      {"abc", {3, 1, 2}},
      {std::string("a\0b", 3), {4}},
      {"Zelenskyy", {10, 3, 99}},
      {"\xd0\x97\xd0\xb5\xd0\xbb\xd0\xb5\xd0\xbd\xd1\x81\xd1\x8c\xd0\xba\xd0\xb8\xd0\xb9",
       {11}},  // Зеленський
      {"\xd8\xb2\xd9\x8a\xd9\x84\xd9\x8a\xd9\x86\xd8\xb3\xd9\x83\xd9\x8a", {12, 0}},  // زيلينسكي
      {"\xe6\xb3\xbd\xe8\xbf\x9e\xe6\x96\xaf\xe5\x9f\xba", {13}},  // 泽连斯基
      {"\xed\x91\xb8\xed\x8b\xb4", {14, 15, 16, 17}},              // 푸틴
      {"no values", {}},
  };
}

// SampleEntries plus 2000 generated keys with 1 to 4 values each, in an
// order that is not sorted.
Entries ManyEntries() {
  Entries entries = SampleEntries();
  for (std::uint32_t i = 0; i < 2000; ++i) {
    std::vector<std::uint32_t>& values = entries["key-" + std::to_string(i)];
    for (std::uint32_t j = 0; j <= i % 4; ++j) values.push_back((i * 7919 + j * 104729) % 100000);
  }
  return entries;
}

// Keys that are absent from ManyEntries but close to present ones.
std::vector<std::string> MissingKeys() {
  return {"key-2000",
          "key-1 ",
          " key-1",
          "Key-1",
          "key-",
          "abcd",
          "b",
          std::string("\0", 1),
          std::string("a\0", 2),
          "Zelensky",
          "\xd0\x97\xd0\xb5\xd0\xbb\xd0\xb5\xd0\xbd\xd1\x81\xd1\x8c\xd0\xba\xd0\xb8",  // Зеленськи
          "\xd8\xb2\xd9\x8a\xd9\x84\xd9\x8a\xd9\x86\xd8\xb3\xd9\x83",  // زيلينسك
          "\xe6\xb3\xbd\xe8\xbf\x9e\xe6\x96\xaf",                      // 泽连斯
          "\xed\x91\xb8"};
}

// The home bucket of a key, as string_table.cc computes it.
std::uint32_t Home(const std::string& key, std::uint32_t buckets) {
  return static_cast<std::uint32_t>(Fnv1a64(key)) & (buckets - 1);
}

// A table's words and bytes, split to be edited and joined again. The header
// is kept as it was read (Join writes it as it stands); Fix sets it from the
// sections, so that only the edit under test is wrong.
struct Parts {
  std::uint32_t keys = 0, buckets = 0, values = 0, pool = 0;
  std::vector<std::uint32_t> index, key_offsets, value_offsets, value_list;
  std::string pool_bytes;

  std::string Key(std::size_t k) const {
    return pool_bytes.substr(key_offsets[k], key_offsets[k + 1] - key_offsets[k]);
  }
  Parts& Fix() {
    keys = static_cast<std::uint32_t>(key_offsets.size() - 1);
    buckets = static_cast<std::uint32_t>(index.size());
    values = static_cast<std::uint32_t>(value_list.size());
    pool = static_cast<std::uint32_t>(pool_bytes.size());
    return *this;
  }
  // Puts the keys in `n` buckets by their hash and linear probing, as the
  // constructor does (for any n, modulo n); keys that find no bucket stay out.
  Parts& Reindex(std::uint32_t n) {
    index.assign(n, 0);
    for (std::size_t k = 0; k + 1 < key_offsets.size(); ++k) {
      if (n == 0) break;
      std::uint32_t b = static_cast<std::uint32_t>(Fnv1a64(Key(k))) % n;
      for (std::uint32_t tries = 0; tries < n && index[b] != 0; ++tries) b = (b + 1) % n;
      if (index[b] == 0) index[b] = static_cast<std::uint32_t>(k + 1);
    }
    return Fix();
  }
};

std::uint32_t WordAt(std::string_view bytes, std::size_t i) {
  const auto* b = reinterpret_cast<const unsigned char*>(bytes.data() + 4 * i);
  return static_cast<std::uint32_t>(b[0]) | static_cast<std::uint32_t>(b[1]) << 8 |
         static_cast<std::uint32_t>(b[2]) << 16 | static_cast<std::uint32_t>(b[3]) << 24;
}

void AppendWord(std::uint32_t v, std::string* out) {
  for (int i = 0; i < 4; ++i) out->push_back(static_cast<char>((v >> (8 * i)) & 0xff));
}

Parts Split(std::string_view bytes) {
  Parts p;
  std::size_t w = 0;
  p.keys = WordAt(bytes, w++);
  p.buckets = WordAt(bytes, w++);
  p.values = WordAt(bytes, w++);
  p.pool = WordAt(bytes, w++);
  const auto take = [&](std::size_t n, std::vector<std::uint32_t>* out) {
    for (std::size_t i = 0; i < n; ++i) out->push_back(WordAt(bytes, w++));
  };
  take(p.buckets, &p.index);
  take(p.keys + 1, &p.key_offsets);
  take(p.keys + 1, &p.value_offsets);
  take(p.values, &p.value_list);
  p.pool_bytes = std::string(bytes.substr(4 * w));
  return p;
}

std::string Join(const Parts& p) {
  std::string out;
  for (std::uint32_t v : {p.keys, p.buckets, p.values, p.pool}) AppendWord(v, &out);
  for (const auto* words : {&p.index, &p.key_offsets, &p.value_offsets, &p.value_list}) {
    for (std::uint32_t v : *words) AppendWord(v, &out);
  }
  return out + p.pool_bytes;
}

std::string Viewed(std::string_view bytes, std::uint32_t limit, StringTable* table) {
  std::string error;
  return StringTable::View(bytes, nullptr, limit, table, &error) ? "" : error;
}

// View accepts the bytes (the sanity check of every edit below: the table it
// starts from is valid, so a refusal is the edit's doing).
::testing::AssertionResult Accepted(const std::string& bytes, std::uint32_t limit = kNoLimit) {
  StringTable table;
  const std::string error = Viewed(bytes, limit, &table);
  if (!error.empty()) return ::testing::AssertionFailure() << "refused: " << error;
  return ::testing::AssertionSuccess();
}

// View refuses the bytes and says why. They are copied to a heap block of
// exactly their size (a std::string keeps short strings inside itself), so
// that under CONCORD_SANITIZE a read past their end is a read past an
// allocation.
::testing::AssertionResult Refused(const std::string& bytes, std::uint32_t limit = kNoLimit) {
  const std::unique_ptr<char[]> copy(new char[bytes.size()]);
  std::copy(bytes.begin(), bytes.end(), copy.get());
  StringTable table;
  std::string error;
  if (StringTable::View(std::string_view(copy.get(), bytes.size()), nullptr, limit, &table,
                        &error)) {
    return ::testing::AssertionFailure() << "accepted " << bytes.size() << " bytes";
  }
  if (error.empty()) return ::testing::AssertionFailure() << "refused without an error";
  return ::testing::AssertionSuccess() << error;
}

// Three keys of different lengths, so their offsets differ: 8 buckets.
Parts SmallParts() {
  return Split(StringTable(Entries{{"a", {1, 2}}, {"bb", {3}}, {"ccc", {4, 5, 6}}}).bytes());
}

TEST(StringTable, EveryKeyFindsExactlyItsValuesInOrderAndAMissingKeyFindsNothing) {
  const Entries entries = ManyEntries();
  const StringTable table(entries);
  EXPECT_EQ(table.size(), entries.size());
  for (const auto& [key, values] : entries) {
    EXPECT_EQ(ToVector(table.Find(key)), values) << "key '" << key << "'";
  }
  for (const std::string& key : MissingKeys()) {
    ASSERT_EQ(entries.count(key), 0u) << key;
    EXPECT_TRUE(table.Find(key).empty()) << "key '" << key << "'";
  }
  // The keys share buckets, so the searches above went through probe chains.
  const std::uint32_t buckets = WordAt(table.bytes(), 1);
  std::set<std::uint32_t> homes;
  for (const auto& entry : entries) homes.insert(Home(entry.first, buckets));
  EXPECT_LT(homes.size(), entries.size());
}

TEST(StringTable, KeysWhoseProbeWrapsPastTheLastBucketAreFound) {
  // Four keys whose home is the last of 8 buckets: three are stored in
  // buckets 7, 0 and 1, the fourth is searched for through all three.
  std::vector<std::string> last;
  for (int i = 0; last.size() < 4; ++i) {
    const std::string key = "w" + std::to_string(i);
    if (Home(key, 8) == 7) last.push_back(key);
  }
  const StringTable table(Entries{{last[0], {0}}, {last[1], {1}}, {last[2], {2}}});
  const Parts parts = Split(table.bytes());
  ASSERT_EQ(parts.buckets, 8u);
  EXPECT_NE(parts.index[0], 0u);  // wrapped
  for (std::uint32_t i = 0; i < 3; ++i) {
    EXPECT_EQ(ToVector(table.Find(last[i])), std::vector<std::uint32_t>{i});
  }
  EXPECT_TRUE(table.Find(last[3]).empty());
}

TEST(StringTable, AKeyFindsNothingUnderAKeyThatExtendsItOrThatItExtends) {
  // Pairs of keys, one a prefix of the other, with the same home bucket in a
  // one-key table (4 buckets): the search for one meets the other first.
  // (Which endings can share a home with the bare name depends on the hash:
  // "ova" and "skyy" can, "a" and "ov" never do.)
  int pairs = 0;
  for (const std::string ending : {"ova", "skyy"}) {
    int found = 0;
    for (int i = 0; i < 100 && found < 3; ++i) {
      const std::string shorter = "name" + std::to_string(i), longer = shorter + ending;
      if (Home(shorter, 4) != Home(longer, 4)) continue;
      ++found;
      const StringTable with_longer(Entries{{longer, {1}}});
      ASSERT_EQ(WordAt(with_longer.bytes(), 1), 4u);
      EXPECT_EQ(ToVector(with_longer.Find(longer)), std::vector<std::uint32_t>{1});
      EXPECT_TRUE(with_longer.Find(shorter).empty()) << shorter;
      const StringTable with_shorter(Entries{{shorter, {2}}});
      EXPECT_EQ(ToVector(with_shorter.Find(shorter)), std::vector<std::uint32_t>{2});
      EXPECT_TRUE(with_shorter.Find(longer).empty()) << longer;
    }
    pairs += found;
  }
  EXPECT_EQ(pairs, 6);
}

TEST(StringTable, AnEmptyTableFindsNothing) {
  for (const StringTable& table : {StringTable(), StringTable(Entries())}) {
    EXPECT_EQ(table.size(), 0u);
    EXPECT_TRUE(table.Find("").empty());
    EXPECT_TRUE(table.Find("a").empty());
    EXPECT_TRUE(table.Find("\xd0\x9f\xd1\x83\xd1\x82\xd0\xb8\xd0\xbd").empty());  // Путин
    StringTable viewed;
    ASSERT_TRUE(Accepted(std::string(table.bytes())));
    ASSERT_EQ(Viewed(table.bytes(), 0, &viewed), "");  // no values: any limit
    EXPECT_EQ(viewed.size(), 0u);
    EXPECT_TRUE(viewed.Find("").empty());
    EXPECT_TRUE(viewed.Find("a").empty());
  }
}

TEST(StringTable, ViewOverTheBytesOfABuiltTableGivesTheSameAnswers) {
  const Entries entries = ManyEntries();
  const StringTable built(entries);
  StringTable viewed;
  ASSERT_EQ(Viewed(built.bytes(), 100000, &viewed), "");
  EXPECT_EQ(viewed.bytes().data(), built.bytes().data());  // read where they lie
  EXPECT_EQ(viewed.size(), entries.size());
  for (const auto& [key, values] : entries) {
    EXPECT_EQ(ToVector(viewed.Find(key)), values) << "key '" << key << "'";
  }
  for (const std::string& key : MissingKeys()) EXPECT_TRUE(viewed.Find(key).empty()) << key;
}

TEST(StringTable, CopiesOfABuiltTableKeepWorkingAfterTheOriginalIsDestroyed) {
  const Entries entries = SampleEntries();
  std::vector<StringTable> copies;
  {
    const StringTable original(entries);
    copies.push_back(original);
    copies.push_back(original);
  }
  copies.erase(copies.begin());
  for (const auto& [key, values] : entries) EXPECT_EQ(ToVector(copies[0].Find(key)), values);
}

TEST(StringTable, AViewKeepsItsOwnerAliveAndWorksAfterTheTableItCameFromIsDestroyed) {
  const Entries entries = ManyEntries();
  // The bytes live here; the owner's "deletion" wipes them and says so, so
  // that a view which dropped its owner would find nothing (and no memory is
  // really freed while a view may still read it).
  std::string storage;
  bool released = false;
  StringTable kept;
  {
    const StringTable built(entries);
    storage = std::string(built.bytes());
    std::shared_ptr<const void> owner(&storage, [&released](const std::string* s) {
      const_cast<std::string*>(s)->assign(s->size(), '\0');
      released = true;
    });
    StringTable viewed;
    std::string error;
    ASSERT_TRUE(StringTable::View(storage, owner, 100000, &viewed, &error)) << error;
    owner.reset();
    EXPECT_FALSE(released);
    kept = viewed;  // a copy shares the owner
  }
  EXPECT_FALSE(released);
  for (const auto& [key, values] : entries) EXPECT_EQ(ToVector(kept.Find(key)), values) << key;
  kept = StringTable();
  EXPECT_TRUE(released);
}

TEST(StringTable, ViewRefusesEveryTruncationOfAValidTable) {
  Entries entries = SampleEntries();
  for (int i = 0; i < 20; ++i) entries["k" + std::to_string(i)] = {static_cast<std::uint32_t>(i)};
  const std::string bytes(StringTable(entries).bytes());
  ASSERT_TRUE(Accepted(bytes));
  for (std::size_t size = 0; size < bytes.size(); ++size) {
    EXPECT_TRUE(Refused(bytes.substr(0, size))) << size << " of " << bytes.size() << " bytes";
  }
  const std::string empty(StringTable().bytes());
  ASSERT_TRUE(Accepted(empty));
  for (std::size_t size = 0; size < empty.size(); ++size) {
    EXPECT_TRUE(Refused(empty.substr(0, size))) << size << " bytes of an empty table";
  }
}

TEST(StringTable, ViewRefusesBytesAppendedAtTheEnd) {
  const std::string bytes = Join(SmallParts());
  ASSERT_TRUE(Accepted(bytes));
  for (const std::string& tail :
       {std::string(1, '\0'), std::string(4, '\0'), std::string("x"), std::string(8, '\xff')}) {
    EXPECT_TRUE(Refused(bytes + tail)) << tail.size() << " bytes appended";
  }
  EXPECT_TRUE(Refused(std::string(StringTable().bytes()) + std::string(4, '\0')));
}

TEST(StringTable, ViewRefusesHeaderCountsThatDoNotMatchTheSize) {
  const Parts good = SmallParts();
  ASSERT_TRUE(Accepted(Join(good)));
  for (std::uint32_t Parts::*count :
       {&Parts::keys, &Parts::buckets, &Parts::values, &Parts::pool}) {
    for (std::uint32_t v : {good.*count + 1, good.*count - 1, 0x7fffffffu, 0xffffffffu}) {
      Parts p = good;
      p.*count = v;
      EXPECT_TRUE(Refused(Join(p))) << v;
    }
  }
  // Huge counts are refused before anything is allocated for them.
  Parts huge = good;
  huge.keys = 0x7fffffff;
  huge.buckets = 0x80000000;
  EXPECT_TRUE(Refused(Join(huge)));
}

TEST(StringTable, ViewRefusesABucketCountThatIsNotAPowerOfTwo) {
  Parts p = SmallParts();
  ASSERT_EQ(p.keys, 3u);
  // Power-of-two counts above the key count are accepted, and reindexed
  // that way the keys are found again: Reindex places them as Find looks.
  for (std::uint32_t n : {4u, 8u, 16u, 64u}) {
    StringTable table;
    const std::string bytes = Join(p.Reindex(n));
    ASSERT_EQ(Viewed(bytes, kNoLimit, &table), "") << n;
    EXPECT_EQ(ToVector(table.Find("bb")), std::vector<std::uint32_t>{3}) << n;
    EXPECT_EQ(ToVector(table.Find("ccc")), (std::vector<std::uint32_t>{4, 5, 6})) << n;
  }
  for (std::uint32_t n : {5u, 6u, 7u, 9u, 12u, 15u, 17u}) {
    EXPECT_TRUE(Refused(Join(p.Reindex(n)))) << n << " buckets";
  }
}

TEST(StringTable, ViewRefusesABucketCountNotLargerThanTheKeyCount) {
  Parts p = Split(StringTable(Entries{{"a", {0}}, {"b", {1}}, {"c", {2}}, {"d", {3}}}).bytes());
  ASSERT_EQ(p.keys, 4u);
  ASSERT_TRUE(Accepted(Join(p.Reindex(8))));
  EXPECT_TRUE(Refused(Join(p.Reindex(2)))) << "2 buckets for 4 keys";
  EXPECT_TRUE(Refused(Join(p.Reindex(1)))) << "1 bucket for 4 keys";
  EXPECT_TRUE(Refused(Join(p.Reindex(0)))) << "no buckets";
  // No buckets at all, even without keys: Find would have nowhere to look.
  Parts empty = Split(StringTable().bytes());
  ASSERT_TRUE(Accepted(Join(empty)));
  EXPECT_TRUE(Refused(Join(empty.Reindex(0))));
}

TEST(StringTable, ViewRefusesATableWhoseBucketsAreAllFull) {
  // Four keys in four buckets, each in exactly one: nothing else is wrong,
  // but a search for a missing key would never reach an empty bucket.
  Parts p = Split(StringTable(Entries{{"a", {0}}, {"b", {1}}, {"c", {2}}, {"d", {3}}}).bytes());
  p.Reindex(4);
  ASSERT_EQ(std::set<std::uint32_t>(p.index.begin(), p.index.end()),
            (std::set<std::uint32_t>{1, 2, 3, 4}));
  EXPECT_TRUE(Refused(Join(p)));
}

TEST(StringTable, ViewRefusesABucketPointingPastTheKeys) {
  const Parts good = SmallParts();
  ASSERT_TRUE(Accepted(Join(good)));
  std::size_t empty_bucket = 0, full_bucket = 0;
  for (std::size_t b = 0; b < good.index.size(); ++b) {
    (good.index[b] == 0 ? empty_bucket : full_bucket) = b;
  }
  for (std::size_t b : {empty_bucket, full_bucket}) {
    for (std::uint32_t slot : {good.keys + 1, good.keys + 2, 0x80000000u, 0xffffffffu}) {
      Parts p = good;
      p.index[b] = slot;
      EXPECT_TRUE(Refused(Join(p))) << "bucket " << b << " = " << slot;
    }
  }
}

TEST(StringTable, ViewRefusesAKeyInTwoBucketsOrInNone) {
  const Parts good = SmallParts();
  ASSERT_TRUE(Accepted(Join(good)));
  std::vector<std::size_t> empty, full;
  for (std::size_t b = 0; b < good.index.size(); ++b) {
    (good.index[b] == 0 ? empty : full).push_back(b);
  }
  ASSERT_EQ(full.size(), 3u);
  Parts twice = good;  // a key also in an empty bucket
  twice.index[empty[0]] = good.index[full[1]];
  EXPECT_TRUE(Refused(Join(twice)));
  Parts swapped = good;  // a key in two buckets, another in none
  swapped.index[full[0]] = good.index[full[2]];
  EXPECT_TRUE(Refused(Join(swapped)));
  Parts missing = good;  // a key in no bucket
  missing.index[full[1]] = 0;
  EXPECT_TRUE(Refused(Join(missing)));
  // Moving a key to another bucket is still well formed (Find may miss it,
  // but never reads out of bounds): the refusals above are not about places.
  Parts moved = good;
  moved.index[empty[0]] = good.index[full[0]];
  moved.index[full[0]] = 0;
  EXPECT_TRUE(Accepted(Join(moved)));
}

TEST(StringTable, ViewRefusesOffsetsOutOfOrder) {
  const Parts good = SmallParts();  // key offsets 0 1 3 6, value offsets 0 2 3 6
  ASSERT_EQ(good.key_offsets, (std::vector<std::uint32_t>{0, 1, 3, 6}));
  ASSERT_EQ(good.value_offsets, (std::vector<std::uint32_t>{0, 2, 3, 6}));
  ASSERT_TRUE(Accepted(Join(good)));
  for (auto offsets : {&Parts::key_offsets, &Parts::value_offsets}) {
    Parts p = good;
    (p.*offsets)[1] = 4;  // 0 4 3 6
    EXPECT_TRUE(Refused(Join(p)));
    p = good;
    std::swap((p.*offsets)[1], (p.*offsets)[2]);
    EXPECT_TRUE(Refused(Join(p)));
    p = good;
    (p.*offsets)[2] = 0xffffffff;
    EXPECT_TRUE(Refused(Join(p)));
    // Equal neighbours are in order: an empty key or an empty value list.
    p = good;
    (p.*offsets)[2] = (p.*offsets)[1];
    EXPECT_TRUE(Accepted(Join(p)));
  }
}

TEST(StringTable, ViewRefusesOffsetsThatStartOrEndElsewhereThanTheirSection) {
  const Parts good = SmallParts();
  ASSERT_TRUE(Accepted(Join(good)));
  for (auto offsets : {&Parts::key_offsets, &Parts::value_offsets}) {
    const std::size_t last = (good.*offsets).size() - 1;
    const std::uint32_t end = (good.*offsets)[last];
    for (std::uint32_t v : {end + 1, end + 1000, 0xffffffffu, end - 1}) {
      Parts p = good;
      (p.*offsets)[last] = v;  // past the end, or short of it
      EXPECT_TRUE(Refused(Join(p))) << v;
    }
    Parts p = good;
    (p.*offsets)[0] = 1;  // the first key or list does not start at 0
    EXPECT_TRUE(Refused(Join(p)));
  }
  // A pool or value section longer than the offsets say, with the header
  // saying so too.
  Parts pool = good;
  pool.pool_bytes += "zz";
  EXPECT_TRUE(Refused(Join(pool.Fix())));
  Parts values = good;
  values.value_list.push_back(1);
  EXPECT_TRUE(Refused(Join(values.Fix())));
}

TEST(StringTable, ViewRefusesAValueAtOrAboveTheLimit) {
  const Parts good = SmallParts();  // values 1 2 3 4 5 6
  EXPECT_TRUE(Accepted(Join(good), 7));
  EXPECT_TRUE(Refused(Join(good), 6));
  EXPECT_TRUE(Refused(Join(good), 1));
  EXPECT_TRUE(Refused(Join(good), 0));
  for (std::size_t i = 0; i < good.value_list.size(); ++i) {
    Parts p = good;
    p.value_list[i] = 7;
    EXPECT_TRUE(Refused(Join(p), 7)) << "value " << i;
    p.value_list[i] = 0xffffffff;
    EXPECT_TRUE(Refused(Join(p), kNoLimit)) << "value " << i;
  }
}

TEST(StringTable, RandomlyDamagedBytesAreRefusedOrSafeToSearch) {
  Entries entries = SampleEntries();
  for (int i = 0; i < 40; ++i) entries["k" + std::to_string(i)] = {static_cast<std::uint32_t>(i)};
  const std::string good(StringTable(entries).bytes());
  const std::uint32_t limit = 100;
  ASSERT_TRUE(Accepted(good, limit));
  std::mt19937 rng(12345);
  int refused = 0;
  for (int round = 0; round < 3000; ++round) {
    std::string bytes = good;
    const int edits = 1 + static_cast<int>(rng() % 4);
    for (int e = 0; e < edits; ++e) {
      const std::size_t at = rng() % bytes.size();
      if (rng() % 2) {
        bytes[at] = static_cast<char>(rng());
      } else {
        bytes[at] ^= static_cast<char>(1u << (rng() % 8));
      }
    }
    StringTable table;
    std::string error;
    if (!StringTable::View(bytes, nullptr, limit, &table, &error)) {
      EXPECT_FALSE(error.empty());
      ++refused;
      continue;
    }
    // Accepted: every search ends, with values inside the bytes and below
    // the limit.
    std::vector<std::string> searched = MissingKeys();
    for (const auto& entry : entries) searched.push_back(entry.first);
    for (const std::string& key : searched) {
      const StringTable::Values found = table.Find(key);
      ASSERT_LE(found.size(), bytes.size() / 4) << "round " << round;
      for (std::size_t i = 0; i < found.size(); ++i) ASSERT_LT(found[i], limit) << round;
    }
  }
  EXPECT_GT(refused, 0);
}

}  // namespace
}  // namespace concord::lang
