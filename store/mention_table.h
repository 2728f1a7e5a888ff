#ifndef CONCORD_STORE_MENTION_TABLE_H_
#define CONCORD_STORE_MENTION_TABLE_H_

#include <cstddef>
#include <functional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "lang/entity_matcher.h"
#include "lang/tokenizer.h"

namespace concord::store {

// One entity mention as the indexer found it, kept with the document
// (value slot schema::EntityMentionSlot of its entity) so that listing
// mentions reads it back instead of analysing the text again.
struct StoredMention {
  std::string entity_id;
  lang::Rung rung = lang::Rung::kExact;
  std::string evidence;
  std::size_t byte_start = 0, byte_end = 0;  // into the article text
  std::size_t cp_start = 0, cp_end = 0;
  std::string surface;      // the text between byte_start and byte_end
  std::string left, right;  // kStoredContextWords words of context, one line each
  bool ambiguous = false;   // lang::Mention::ambiguous
};

// Context words stored with each mention: the default of --context, so that
// a default listing reads no document text at all.
constexpr std::size_t kStoredContextWords = 8;

// A document with more mentions than this stores no table (its entity terms
// are complete): listing matches its text again, so a page dense with names
// never makes a value Xapian refuses.
constexpr std::size_t kMaxStoredMentions = 50000;

// Text of up to `words` word tokens before the mention whose first token is
// `first` (*left) and after its last byte `end_byte` (*right), newlines and
// tabs made spaces. The one definition of a mention's context.
void MentionContext(std::string_view text, const std::vector<lang::Token>& tokens,
                    std::size_t first, std::size_t last, std::size_t end_byte, std::size_t words,
                    std::string* left, std::string* right);

// Compact binary form: a version byte, the distinct entity ids and evidence
// strings once each, then per mention their indexes, the rung (plus
// kAmbiguousFlag), the offsets (LEB128 varints), the surface and the context
// (length-prefixed).
constexpr unsigned kAmbiguousFlag = 16;
std::string EncodeMentionTable(const std::vector<StoredMention>& mentions);

// False (and *mentions cleared) when `data` is empty, of another version or
// malformed; callers then analyse the text instead.
// With `keep`, only the mentions of the entities it accepts are returned
// (the others are still checked, but their strings are not copied). Without
// `strings`, surface and context are checked but left empty: what counting
// needs.
bool DecodeMentionTable(std::string_view data, std::vector<StoredMention>* mentions,
                        const std::function<bool(const std::string& entity_id)>& keep = nullptr,
                        bool strings = true);

// A document's mentions as values to store: (value slot, table) for each
// slot its entities use (schema::EntityMentionSlot), and a mark in
// schema::kValueMentions saying the document has them (so that a document
// with tables for other entities only is known to have none of an entity).
// Nothing for no mentions.
std::vector<std::pair<unsigned, std::string>> EncodeEntityMentionTables(
    std::vector<StoredMention> mentions);

// The stored mentions of the entities `ids` in one document, in text order,
// reading slots through `value` ("" for a slot the document lacks): their
// own tables, or, for a document indexed before them, its one table
// (schema::kValueMentions). False (and *mentions empty) when the document
// holds none of those tables or one is malformed.
bool DecodeEntityMentions(const std::function<std::string(unsigned slot)>& value,
                          const std::set<std::string>& ids, std::vector<StoredMention>* mentions,
                          bool strings = true);

}  // namespace concord::store

#endif  // CONCORD_STORE_MENTION_TABLE_H_
