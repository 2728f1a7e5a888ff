#include "store/schema.h"

#include <cstdint>

#include "lang/hash.h"

namespace concord::schema {

std::string Bounded(const std::string& prefix, const std::string& text) {
  constexpr std::size_t kMax = 240;
  if (prefix.size() + text.size() <= kMax) return prefix + text;
  std::uint64_t h = lang::Fnv1a64(text);  // stable across runs and machines
  static const char kHex[] = "0123456789abcdef";
  std::string tag(17, '#');
  for (int i = 16; i >= 1; --i, h >>= 4) tag[i] = kHex[h & 0xf];
  std::size_t head = kMax - prefix.size() - tag.size();
  // Do not cut a UTF-8 sequence in two.
  while (head > 0 && (static_cast<unsigned char>(text[head]) & 0xC0) == 0x80) --head;
  return prefix + text.substr(0, head) + tag;
}

unsigned EntityMentionSlot(const std::string& entity_id) {
  return kValueEntityMentionsFirst +
         static_cast<unsigned>(lang::Fnv1a64(entity_id) % kEntityMentionSlots);
}

}  // namespace concord::schema
