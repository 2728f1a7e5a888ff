#include "store/mention_table.h"

#include <algorithm>
#include <cstdint>
#include <map>
#include <unordered_map>
#include <utility>

#include "lang/coding.h"
#include "store/schema.h"

namespace concord::store {
namespace {

using lang::GetString;
using lang::GetVarint;
using lang::PutString;
using lang::PutVarint;
using lang::SkipString;

constexpr unsigned char kVersion = 2;
// In schema::kValueMentions of a document whose entities have tables of
// their own (never a table's first byte).
constexpr unsigned char kEntityTablesMark = 0x7e;

// Index of `s` in *table, appended when new.
std::uint64_t Intern(const std::string& s, std::vector<const std::string*>* table,
                     std::unordered_map<std::string_view, std::uint64_t>* index) {
  auto [it, added] = index->emplace(s, table->size());
  if (added) table->push_back(&s);
  return it->second;
}

std::string OneLine(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
  }
  return out;
}

}  // namespace

void MentionContext(std::string_view text, const std::vector<lang::Token>& tokens,
                    std::size_t first, std::size_t last, std::size_t end_byte, std::size_t words,
                    std::string* left, std::string* right) {
  std::size_t k = first, seen = 0;
  while (k > 0 && seen < words) {
    --k;
    if (tokens[k].indexed()) ++seen;
  }
  if (seen == 0) {
    left->clear();
  } else {
    *left =
        OneLine(text.substr(tokens[k].byte_start, tokens[first].byte_start - tokens[k].byte_start));
  }
  std::size_t to = end_byte;
  k = last;
  seen = 0;
  while (k + 1 < tokens.size() && seen < words) {
    ++k;
    if (tokens[k].byte_start < end_byte) continue;
    if (tokens[k].indexed()) ++seen;
    to = tokens[k].byte_end;
  }
  *right = OneLine(text.substr(end_byte, to - end_byte));
}

std::string EncodeMentionTable(const std::vector<StoredMention>& mentions) {
  std::string out;
  if (mentions.empty()) return out;
  std::vector<const std::string*> ids, evidence;
  std::unordered_map<std::string_view, std::uint64_t> id_index, evidence_index;
  std::vector<std::uint64_t> id_of, evidence_of;
  for (const StoredMention& m : mentions) {
    id_of.push_back(Intern(m.entity_id, &ids, &id_index));
    evidence_of.push_back(Intern(m.evidence, &evidence, &evidence_index));
  }
  out.push_back(static_cast<char>(kVersion));
  PutVarint(ids.size(), &out);
  for (const std::string* s : ids) PutString(*s, &out);
  PutVarint(evidence.size(), &out);
  for (const std::string* s : evidence) PutString(*s, &out);
  PutVarint(mentions.size(), &out);
  for (std::size_t i = 0; i < mentions.size(); ++i) {
    const StoredMention& m = mentions[i];
    PutVarint(id_of[i], &out);
    PutVarint(static_cast<std::uint64_t>(m.rung) | (m.ambiguous ? kAmbiguousFlag : 0), &out);
    PutVarint(evidence_of[i], &out);
    PutVarint(m.byte_start, &out);
    PutVarint(m.byte_end - m.byte_start, &out);
    PutVarint(m.cp_start, &out);
    PutVarint(m.cp_end - m.cp_start, &out);
    PutString(m.surface, &out);
    PutString(m.left, &out);
    PutString(m.right, &out);
  }
  return out;
}

bool DecodeMentionTable(std::string_view data, std::vector<StoredMention>* mentions,
                        const std::function<bool(const std::string& entity_id)>& keep,
                        bool strings) {
  mentions->clear();
  if (data.empty() || static_cast<unsigned char>(data[0]) != kVersion) return false;
  std::size_t pos = 1;
  std::uint64_t n;
  std::vector<std::string> ids, evidence;
  for (std::vector<std::string>* table : {&ids, &evidence}) {
    if (!GetVarint(data, &pos, &n) || n > data.size()) return false;
    table->resize(n);
    for (std::string& s : *table) {
      if (!GetString(data, &pos, &s)) return false;
    }
  }
  std::vector<char> kept(ids.size(), 1);
  if (keep) {
    for (std::size_t i = 0; i < ids.size(); ++i) kept[i] = keep(ids[i]);
  }
  if (!GetVarint(data, &pos, &n) || n > data.size()) return false;
  mentions->reserve(keep ? 0 : n);
  for (std::uint64_t i = 0; i < n; ++i) {
    std::uint64_t id, rung, ev, byte_start, byte_len, cp_start, cp_len;
    if (!GetVarint(data, &pos, &id) || !GetVarint(data, &pos, &rung) ||
        !GetVarint(data, &pos, &ev) || !GetVarint(data, &pos, &byte_start) ||
        !GetVarint(data, &pos, &byte_len) || !GetVarint(data, &pos, &cp_start) ||
        !GetVarint(data, &pos, &cp_len) || id >= ids.size() || ev >= evidence.size() ||
        (rung & ~std::uint64_t{kAmbiguousFlag}) < static_cast<std::uint64_t>(lang::Rung::kExact) ||
        (rung & ~std::uint64_t{kAmbiguousFlag}) > static_cast<std::uint64_t>(lang::kLastRung)) {
      mentions->clear();
      return false;
    }
    if (!kept[id] || !strings) {
      bool whole = true;
      for (int field = 0; field < 3 && whole; ++field) whole = SkipString(data, &pos);
      if (!whole) {
        mentions->clear();
        return false;
      }
      if (!kept[id]) continue;
    }
    StoredMention m;
    if (strings && (!GetString(data, &pos, &m.surface) || !GetString(data, &pos, &m.left) ||
                    !GetString(data, &pos, &m.right))) {
      mentions->clear();
      return false;
    }
    m.entity_id = ids[id];
    m.ambiguous = (rung & kAmbiguousFlag) != 0;
    m.rung = static_cast<lang::Rung>(rung & ~std::uint64_t{kAmbiguousFlag});
    m.evidence = evidence[ev];
    m.byte_start = byte_start;
    m.byte_end = byte_start + byte_len;
    m.cp_start = cp_start;
    m.cp_end = cp_start + cp_len;
    mentions->push_back(std::move(m));
  }
  if (pos != data.size()) {
    mentions->clear();
    return false;
  }
  return true;
}

std::vector<std::pair<unsigned, std::string>> EncodeEntityMentionTables(
    std::vector<StoredMention> mentions) {
  std::map<unsigned, std::vector<StoredMention>> by_slot;
  for (StoredMention& m : mentions) {
    by_slot[schema::EntityMentionSlot(m.entity_id)].push_back(std::move(m));
  }
  std::vector<std::pair<unsigned, std::string>> out;
  if (by_slot.empty()) return out;
  out.emplace_back(schema::kValueMentions, std::string(1, static_cast<char>(kEntityTablesMark)));
  for (const auto& [slot, table] : by_slot) out.emplace_back(slot, EncodeMentionTable(table));
  return out;
}

bool DecodeEntityMentions(const std::function<std::string(unsigned slot)>& value,
                          const std::set<std::string>& ids, std::vector<StoredMention>* mentions,
                          bool strings) {
  mentions->clear();
  const auto keep = [&ids](const std::string& id) { return ids.count(id) > 0; };
  std::set<unsigned> slots;
  for (const std::string& id : ids) slots.insert(schema::EntityMentionSlot(id));
  bool found = false;
  std::vector<StoredMention> part;
  for (unsigned slot : slots) {
    const std::string data = value(slot);
    if (data.empty()) continue;
    if (!DecodeMentionTable(data, &part, keep, strings)) {
      mentions->clear();
      return false;
    }
    found = true;
    for (StoredMention& m : part) mentions->push_back(std::move(m));
  }
  if (!found) {
    // A document with tables for other entities only: none of these.
    const std::string whole = value(schema::kValueMentions);
    if (whole.size() == 1 && static_cast<unsigned char>(whole[0]) == kEntityTablesMark) return true;
    return DecodeMentionTable(whole, mentions, keep, strings);
  }
  if (slots.size() > 1) {
    std::stable_sort(mentions->begin(), mentions->end(),
                     [](const StoredMention& a, const StoredMention& b) {
                       return a.byte_start != b.byte_start ? a.byte_start < b.byte_start
                                                           : a.byte_end < b.byte_end;
                     });
  }
  return true;
}

}  // namespace concord::store
