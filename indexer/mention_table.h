#ifndef CONCORD_INDEXER_MENTION_TABLE_H_
#define CONCORD_INDEXER_MENTION_TABLE_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "lang/entity_matcher.h"

namespace concord::indexer {

// One entity mention as the indexer found it, kept with the document
// (value slot schema::kValueMentions) so that listing mentions reads it back
// instead of analysing the text again.
struct StoredMention {
  std::string entity_id;
  lang::Rung rung = lang::Rung::kExact;
  std::string evidence;
  std::size_t byte_start = 0, byte_end = 0;  // into the article text
  std::size_t cp_start = 0, cp_end = 0;
};

// Compact binary form: a version byte, the distinct entity ids and evidence
// strings once each, then per mention their indexes, the rung and the
// offsets, all as LEB128 varints.
std::string EncodeMentionTable(const std::vector<StoredMention>& mentions);

// False (and *mentions cleared) when `data` is empty, of another version or
// malformed; callers then analyse the text instead.
bool DecodeMentionTable(std::string_view data, std::vector<StoredMention>* mentions);

}  // namespace concord::indexer

#endif  // CONCORD_INDEXER_MENTION_TABLE_H_
