#include "store/schema.h"

#include <cstdint>

#include "lang/hash.h"

namespace concord::schema {

std::string Bounded(const std::string& prefix, const std::string& text) {
  constexpr std::size_t kMax = 240;
  if (prefix.size() + text.size() <= kMax) return prefix + text;
  // Stable across runs and machines.
  const std::string tag = "#" + lang::Hex64(lang::Fnv1a64(text));
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
