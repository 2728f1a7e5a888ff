#ifndef CONCORD_LANG_STRING_TABLE_H_
#define CONCORD_LANG_STRING_TABLE_H_

#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace concord::lang {

// An immutable map from strings to lists of 32-bit numbers, laid out in one
// block of bytes: an open-addressing hash index, the keys' and the values'
// offsets, the values, the keys' bytes (all numbers 32-bit little-endian).
// A table saved to a file is used where it lies — opening one allocates
// nothing per key, which is what makes a saved entity matcher cheap to load
// (lang/compiled_aliases.h). Copies share the bytes; const methods are
// thread-safe.
class StringTable {
 public:
  using Entries = std::map<std::string, std::vector<std::uint32_t>>;

  // The values of one key, in the order they were given.
  class Values {
   public:
    Values() = default;
    Values(const char* data, std::size_t size) : data_(data), size_(size) {}
    std::size_t size() const { return size_; }
    bool empty() const { return size_ == 0; }
    std::uint32_t operator[](std::size_t i) const;

   private:
    const char* data_ = nullptr;
    std::size_t size_ = 0;
  };

  StringTable();  // empty
  explicit StringTable(const Entries& entries);

  // A table over `bytes` as bytes() returned them; `owner` keeps them alive
  // (null when the caller guarantees that they outlive the table and its
  // copies). False, with *error saying what, unless they are well formed and
  // every value is below `value_limit`: a table that View accepts can be
  // searched without reading outside `bytes`.
  static bool View(std::string_view bytes, std::shared_ptr<const void> owner,
                   std::uint32_t value_limit, StringTable* table, std::string* error);

  std::string_view bytes() const { return bytes_; }
  std::size_t size() const { return keys_; }
  Values Find(std::string_view key) const;  // empty when absent

 private:
  std::uint32_t Word(std::size_t index) const;  // the index-th number of bytes_
  void Layout();                                // the sections, from the header

  std::shared_ptr<const void> owner_;
  std::string_view bytes_;
  std::uint32_t keys_ = 0, buckets_ = 0, values_ = 0;
  std::size_t key_offsets_ = 0, value_offsets_ = 0, value_start_ = 0, pool_start_ = 0;
};

}  // namespace concord::lang

#endif  // CONCORD_LANG_STRING_TABLE_H_
