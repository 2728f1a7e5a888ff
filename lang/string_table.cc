#include "lang/string_table.h"

#include "lang/hash.h"

namespace concord::lang {
namespace {

constexpr std::size_t kHeaderWords = 4;  // keys, buckets, values, pool bytes

std::uint32_t LoadWord(const char* p) {
  const auto* b = reinterpret_cast<const unsigned char*>(p);
  return static_cast<std::uint32_t>(b[0]) | static_cast<std::uint32_t>(b[1]) << 8 |
         static_cast<std::uint32_t>(b[2]) << 16 | static_cast<std::uint32_t>(b[3]) << 24;
}

void PutWord(std::uint32_t v, std::string* out) {
  for (int i = 0; i < 4; ++i) out->push_back(static_cast<char>((v >> (8 * i)) & 0xff));
}

std::uint32_t Bucket(std::string_view key, std::uint32_t buckets) {
  return static_cast<std::uint32_t>(Fnv1a64(key)) & (buckets - 1);
}

}  // namespace

std::uint32_t StringTable::Values::operator[](std::size_t i) const {
  return LoadWord(data_ + 4 * i);
}

StringTable::StringTable() : StringTable(Entries()) {}

StringTable::StringTable(const Entries& entries) {
  const auto keys = static_cast<std::uint32_t>(entries.size());
  std::uint32_t buckets = 1;
  while (buckets < 2 * keys + 1) buckets *= 2;  // at least one empty bucket
  std::vector<std::uint32_t> index(buckets, 0);
  std::string pool;
  std::vector<std::uint32_t> key_offsets{0}, value_offsets{0}, values;
  std::uint32_t k = 0;
  for (const auto& [key, list] : entries) {
    std::uint32_t b = Bucket(key, buckets);
    while (index[b] != 0) b = (b + 1) & (buckets - 1);
    index[b] = ++k;
    pool += key;
    key_offsets.push_back(static_cast<std::uint32_t>(pool.size()));
    values.insert(values.end(), list.begin(), list.end());
    value_offsets.push_back(static_cast<std::uint32_t>(values.size()));
  }
  auto bytes = std::make_shared<std::string>();
  for (std::uint32_t v : {keys, buckets, static_cast<std::uint32_t>(values.size()),
                          static_cast<std::uint32_t>(pool.size())}) {
    PutWord(v, bytes.get());
  }
  for (const auto* words : {&index, &key_offsets, &value_offsets, &values}) {
    for (std::uint32_t v : *words) PutWord(v, bytes.get());
  }
  *bytes += pool;
  bytes_ = *bytes;
  owner_ = std::move(bytes);
  Layout();
}

std::uint32_t StringTable::Word(std::size_t index) const {
  return LoadWord(bytes_.data() + 4 * index);
}

void StringTable::Layout() {
  keys_ = Word(0);
  buckets_ = Word(1);
  values_ = Word(2);
  key_offsets_ = kHeaderWords + buckets_;
  value_offsets_ = key_offsets_ + keys_ + 1;
  value_start_ = value_offsets_ + keys_ + 1;
  pool_start_ = 4 * (value_start_ + values_);
}

bool StringTable::View(std::string_view bytes, std::shared_ptr<const void> owner,
                       std::uint32_t value_limit, StringTable* table, std::string* error) {
  const auto fail = [&](const char* why) {
    *error = std::string("string table: ") + why;
    return false;
  };
  if (bytes.size() < 4 * kHeaderWords) return fail("truncated header");
  StringTable t;
  t.bytes_ = bytes;
  const std::uint64_t keys = t.Word(0), buckets = t.Word(1), values = t.Word(2), pool = t.Word(3);
  if (buckets == 0 || (buckets & (buckets - 1)) != 0 || buckets <= keys) {
    return fail("bad bucket count");
  }
  if (bytes.size() != 4 * (kHeaderWords + buckets + 2 * (keys + 1) + values) + pool) {
    return fail("size does not match its header");
  }
  t.Layout();
  // Every key in exactly one bucket, so the others are empty and a search
  // for a missing key ends.
  std::vector<bool> indexed(keys, false);
  for (std::uint64_t b = 0; b < buckets; ++b) {
    const std::uint32_t slot = t.Word(kHeaderWords + b);
    if (slot > keys || (slot != 0 && indexed[slot - 1])) return fail("bad bucket");
    if (slot != 0) indexed[slot - 1] = true;
  }
  for (bool once : indexed) {
    if (!once) return fail("a key in no bucket");
  }
  for (const auto& [start, end] : {std::pair{t.key_offsets_, pool}, {t.value_offsets_, values}}) {
    if (t.Word(start) != 0 || t.Word(start + keys) != end) return fail("bad offsets");
    for (std::uint64_t k = 0; k < keys; ++k) {
      if (t.Word(start + k) > t.Word(start + k + 1)) return fail("offsets out of order");
    }
  }
  for (std::uint64_t v = 0; v < values; ++v) {
    if (t.Word(t.value_start_ + v) >= value_limit) return fail("value out of range");
  }
  t.owner_ = std::move(owner);
  *table = std::move(t);
  return true;
}

StringTable::Values StringTable::Find(std::string_view key) const {
  for (std::uint32_t b = Bucket(key, buckets_);; b = (b + 1) & (buckets_ - 1)) {
    const std::uint32_t slot = Word(kHeaderWords + b);
    if (slot == 0) return Values();
    const std::uint32_t k = slot - 1;
    const std::uint32_t start = Word(key_offsets_ + k), end = Word(key_offsets_ + k + 1);
    if (bytes_.substr(pool_start_ + start, end - start) != key) continue;
    const std::uint32_t first = Word(value_offsets_ + k), last = Word(value_offsets_ + k + 1);
    return Values(bytes_.data() + 4 * (value_start_ + first), last - first);
  }
}

}  // namespace concord::lang
