#include "lang/compiled_aliases.h"

#include <cstring>

#include "lang/coding.h"

namespace concord::lang {
namespace {

constexpr std::string_view kMagic = "concord-matcher\n";
constexpr std::size_t kChecksumBytes = 8;

// A checksum of the encoded tables, eight bytes at a time (the tables are
// read by every search, so this must cost far less than compiling them).
std::uint64_t Checksum(std::string_view data) {
  std::uint64_t h = 0x9e3779b97f4a7c15ULL ^ data.size();
  std::size_t i = 0;
  for (; i + 8 <= data.size(); i += 8) {
    std::uint64_t w;
    std::memcpy(&w, data.data() + i, 8);
    h = (h ^ w) * 0xff51afd7ed558ccdULL;
    h ^= h >> 32;
  }
  for (; i < data.size(); ++i) h = (h ^ static_cast<unsigned char>(data[i])) * 0x100000001b3ULL;
  return h;
}

void PutFixed64(std::uint64_t v, std::string* out) {
  for (int i = 0; i < 8; ++i) out->push_back(static_cast<char>((v >> (8 * i)) & 0xff));
}

std::uint64_t GetFixed64(std::string_view data) {
  std::uint64_t v = 0;
  for (int i = 0; i < 8; ++i)
    v |= static_cast<std::uint64_t>(static_cast<unsigned char>(data[i])) << (8 * i);
  return v;
}

// Reads the encoding field by field; the first failure names what it was
// reading and sticks (every later read fails too).
class Reader {
 public:
  explicit Reader(std::string_view data) : data_(data) {}

  bool ok() const { return error_.empty(); }
  const std::string& error() const { return error_; }
  bool AtEnd() const { return pos_ == data_.size(); }
  std::size_t pos() const { return pos_; }

  std::uint64_t Number(const char* what, std::uint64_t limit = UINT64_MAX) {
    std::uint64_t v = 0;
    if (!ok()) return 0;
    if (!GetVarint(data_, &pos_, &v)) return Fail(what, "truncated"), 0;
    if (v > limit) return Fail(what, "out of range"), 0;
    return v;
  }
  // A count of items that each take at least one byte: never more than the
  // bytes left, so a corrupt count cannot make a huge allocation.
  std::size_t Count(const char* what) { return Number(what, data_.size() - pos_); }
  int Index(const char* what, std::size_t size) {
    if (size == 0) return Fail(what, "refers to an empty table"), 0;
    return static_cast<int>(Number(what, size - 1));
  }
  std::string String(const char* what) { return std::string(View(what)); }
  std::string_view View(const char* what) {
    std::string_view s;
    if (ok() && !GetStringView(data_, &pos_, &s)) Fail(what, "truncated");
    return s;
  }
  // A string table (lang/string_table.h) whose values are below `limit`.
  void Table(const char* what, const std::shared_ptr<const void>& owner, std::uint32_t limit,
             StringTable* table) {
    const std::string_view bytes = View(what);
    std::string why;
    if (ok() && !StringTable::View(bytes, owner, limit, table, &why)) {
      Fail(what, why.c_str());
    }
  }

  void Fail(const char* what, const char* why) {
    if (ok()) error_ = std::string(what) + " " + why + " at byte " + std::to_string(pos_);
  }

 private:
  std::string_view data_;
  std::size_t pos_ = 0;
  std::string error_;
};

void PutEntities(const DeferredItems<Entity>& entities, std::string* out) {
  PutVarint(entities.size(), out);
  for (const Entity& e : entities) {
    PutString(e.id, out);
    PutString(e.type, out);
    PutString(e.label, out);
    PutVarint(e.is_default | static_cast<unsigned>(e.derived) << 1, out);
    PutString(e.source_file, out);
    PutVarint(static_cast<std::uint64_t>(e.line < 0 ? 0 : e.line), out);
    PutVarint(e.aliases.size(), out);
    for (const Alias& a : e.aliases) {
      PutString(a.text, out);
      PutString(a.lang, out);
      PutVarint(a.full_name | (a.cased << 1) | (a.historical << 2) | (a.demonym << 3), out);
    }
    for (const std::vector<std::string>* words : {&e.cues, &e.namesake_cues}) {
      PutVarint(words->size(), out);
      for (const std::string& w : *words) PutString(w, out);
    }
  }
}

// One entity into *e. Its strings and vectors are assigned, not replaced:
// checking every entity into one scratch Entity allocates little.
void GetEntity(Reader* r, Entity* e) {
  e->id.assign(r->View("entity id"));
  e->type.assign(r->View("entity type"));
  e->label.assign(r->View("entity label"));
  // Bit 0: default; bits 1-2: Derived (at most kNo = 2).
  const std::uint64_t flags = r->Number("entity flags", 5);
  e->is_default = flags & 1;
  e->derived = static_cast<Entity::Derived>(flags >> 1);
  e->source_file.assign(r->View("entity file"));
  e->line = static_cast<int>(r->Number("entity line", INT32_MAX));
  e->aliases.resize(r->Count("alias count"));
  for (Alias& a : e->aliases) {
    a.text.assign(r->View("alias text"));
    a.lang.assign(r->View("alias language"));
    const std::uint64_t flags = r->Number("alias flags", 15);
    a.full_name = flags & 1;
    a.cased = flags & 2;
    a.historical = flags & 4;
    a.demonym = flags & 8;
  }
  for (std::vector<std::string>* words : {&e->cues, &e->namesake_cues}) {
    words->resize(r->Count("cue count"));
    for (std::string& w : *words) w.assign(r->View("cue word"));
  }
}

void PutAliases(const DeferredItems<CompiledAlias>& aliases, std::string* out) {
  PutVarint(aliases.size(), out);
  for (const CompiledAlias& a : aliases) {
    PutVarint(static_cast<std::uint64_t>(a.entity), out);
    PutString(a.text, out);
    PutVarint(a.full_name | (a.cased << 1) | (a.demonym << 2), out);
    PutVarint(a.tokens.size(), out);
    for (const AliasToken& t : a.tokens) {
      PutString(t.norm, out);
      PutVarint(static_cast<std::uint64_t>(t.case_rule), out);
      PutVarint(static_cast<std::uint64_t>(t.script), out);
      PutVarint(t.stems.size(), out);
      for (const auto& [stem, strip] : t.stems) {
        PutString(stem, out);
        PutVarint(static_cast<std::uint64_t>(strip), out);
      }
    }
  }
}

// One alias into *a, assigned as GetEntity does.
void GetAlias(Reader* r, std::size_t entities, CompiledAlias* a) {
  a->entity = r->Index("compiled alias entity", entities);
  a->text.assign(r->View("compiled alias text"));
  const std::uint64_t flags = r->Number("compiled alias flags", 7);
  a->full_name = flags & 1;
  a->cased = flags & 2;
  a->demonym = flags & 4;
  a->tokens.resize(r->Count("alias word count"));
  for (AliasToken& t : a->tokens) {
    t.norm.assign(r->View("alias word"));
    t.case_rule = static_cast<CaseRule>(
        r->Number("alias word case rule", static_cast<std::uint64_t>(CaseRule::kAllCaps)));
    t.script = static_cast<Script>(
        r->Number("alias word script", static_cast<std::uint64_t>(Script::kNumber)));
    t.stems.resize(r->Count("alias stem count"));
    for (auto& [stem, strip] : t.stems) {
      stem.assign(r->View("alias stem"));
      strip = static_cast<int>(r->Number("alias stem strip", 64));
    }
  }
}

// Reads `count` items of the encoding with `get`, each into one scratch item
// (which `check` then looks at), and returns where each begins in `body`,
// with the end of the last: what a deferred decode reads again.
template <typename T, typename Get, typename Check>
std::vector<std::size_t> CheckItems(Reader* r, std::size_t count, const Get& get,
                                    const Check& check) {
  std::vector<std::size_t> starts;
  starts.reserve(count + 1);
  T scratch;
  for (std::size_t i = 0; i < count && r->ok(); ++i) {
    starts.push_back(r->pos());
    get(r, &scratch);
    if (r->ok()) check(i, scratch);
  }
  starts.push_back(r->pos());
  return starts;
}

// Items of `body` that CheckItems accepted, decoded one by one when read.
template <typename T, typename Get>
void DeferItems(std::string_view body, std::vector<std::size_t> starts,
                const std::shared_ptr<const void>& owner, const Get& get, DeferredItems<T>* items) {
  const std::size_t count = starts.size() - 1;
  auto where = std::make_shared<const std::vector<std::size_t>>(std::move(starts));
  items->Defer(count, [body, where, owner, get](std::size_t i, T* item) {
    Reader r(body.substr((*where)[i], (*where)[i + 1] - (*where)[i]));
    get(&r, item);  // as when checked: the same bytes, so it succeeds
  });
}

void PutFilter(const std::vector<std::uint64_t>& words, std::string* out) {
  std::string bytes;
  for (std::size_t i = 0; i < kFilterWords; ++i) {
    PutFixed64(i < words.size() ? words[i] : 0, &bytes);
  }
  PutString(bytes, out);
}

void GetFilter(Reader* r, const char* what, std::vector<std::uint64_t>* words) {
  const std::string_view bytes = r->View(what);
  words->assign(kFilterWords, 0);
  if (!r->ok()) return;
  if (bytes.size() != kFilterWords * 8) {
    r->Fail(what, "of the wrong size");
    return;
  }
  for (std::size_t i = 0; i < kFilterWords; ++i) (*words)[i] = GetFixed64(bytes.substr(8 * i));
}

}  // namespace

std::string EncodeCompiledAliases(const CompiledAliases& tables, std::string_view key) {
  std::string body;
  PutEntities(tables.entities, &body);
  PutAliases(tables.aliases, &body);
  for (const StringTable* table :
       {&tables.stems, &tables.keys, &tables.abjad_keys, &tables.syllabary_keys, &tables.deletions,
        &tables.feminine_forms}) {
    PutString(table->bytes(), &body);
  }
  for (const std::vector<std::uint64_t>* filter : {&tables.short_bags, &tables.derived_heads3,
                                                   &tables.derived_heads4, &tables.demonym_heads}) {
    PutFilter(*filter, &body);
  }
  return SealCompiledAliases(body, key);
}

std::string SealCompiledAliases(std::string_view body, std::string_view key) {
  std::string out(kMagic);
  PutVarint(kCompiledAliasesFormat, &out);
  PutVarint(kTaggingRules, &out);
  PutString(key, &out);
  out += body;
  PutFixed64(Checksum(out), &out);
  return out;
}

bool SavedCompiledAliasesKey(std::string_view bytes, std::string* key) {
  if (bytes.size() < kMagic.size() + kChecksumBytes || bytes.substr(0, kMagic.size()) != kMagic) {
    return false;
  }
  Reader header(bytes.substr(kMagic.size()));
  const std::uint64_t format = header.Number("format");
  const std::uint64_t rules = header.Number("tagging rules");
  std::string saved = header.String("key");
  if (!header.ok() || format != kCompiledAliasesFormat ||
      rules != static_cast<std::uint64_t>(kTaggingRules)) {
    return false;
  }
  *key = std::move(saved);
  return true;
}

DecodeOutcome DecodeCompiledAliases(std::string_view bytes, std::shared_ptr<const void> owner,
                                    std::string_view key, CompiledAliases* tables,
                                    std::string* error) {
  *tables = CompiledAliases();
  if (bytes.size() < kMagic.size() + kChecksumBytes || bytes.substr(0, kMagic.size()) != kMagic) {
    *error = "not a saved concord matcher";
    return DecodeOutcome::kCorrupt;
  }
  Reader header(bytes.substr(kMagic.size()));
  const std::uint64_t format = header.Number("format");
  const std::uint64_t rules = header.Number("tagging rules");
  const std::string saved_key = header.String("key");
  if (!header.ok()) {
    *error = header.error();
    return DecodeOutcome::kCorrupt;
  }
  if (format != kCompiledAliasesFormat || rules != static_cast<std::uint64_t>(kTaggingRules) ||
      saved_key != key) {
    return DecodeOutcome::kStale;
  }
  const std::string_view body = bytes.substr(0, bytes.size() - kChecksumBytes);
  if (Checksum(body) != GetFixed64(bytes.substr(body.size()))) {
    *error = "checksum mismatch";
    return DecodeOutcome::kCorrupt;
  }
  const std::string_view encoded = body.substr(kMagic.size() + header.pos());
  Reader r(encoded);
  // Every entity and alias is read once here, into one scratch item, and
  // decoded for good when first used.
  const auto get_entity = [](Reader* reader, Entity* e) { GetEntity(reader, e); };
  const std::vector<std::size_t> entity_starts = CheckItems<Entity>(
      &r, r.Count("entity count"), get_entity, [&](std::size_t i, const Entity& e) {
        if (!tables->by_id.emplace(e.id, static_cast<int>(i)).second) {
          r.Fail(("entity id '" + e.id + "'").c_str(), "twice");
        }
      });
  const std::size_t entities = entity_starts.size() - 1;
  const auto get_alias = [entities](Reader* reader, CompiledAlias* a) {
    GetAlias(reader, entities, a);
  };
  const std::vector<std::size_t> alias_starts = CheckItems<CompiledAlias>(
      &r, r.Count("compiled alias count"), get_alias, [&](std::size_t, const CompiledAlias& a) {
        if (a.tokens.empty()) r.Fail("compiled alias", "without words");
        tables->alias_entities.push_back(a.entity);
      });
  const std::size_t aliases = alias_starts.size() - 1;
  r.Table("stem table", owner, static_cast<std::uint32_t>(aliases << kStripBits), &tables->stems);
  r.Table("key table", owner, static_cast<std::uint32_t>(aliases), &tables->keys);
  r.Table("abjad key table", owner, static_cast<std::uint32_t>(aliases), &tables->abjad_keys);
  r.Table("syllabary key table", owner, static_cast<std::uint32_t>(aliases),
          &tables->syllabary_keys);
  r.Table("typo table", owner, static_cast<std::uint32_t>(aliases), &tables->deletions);
  r.Table("feminine forms", owner, static_cast<std::uint32_t>(entities), &tables->feminine_forms);
  GetFilter(&r, "short typo filter", &tables->short_bags);
  GetFilter(&r, "derived filter", &tables->derived_heads3);
  GetFilter(&r, "long derived filter", &tables->derived_heads4);
  GetFilter(&r, "demonym filter", &tables->demonym_heads);
  if (r.ok() && !r.AtEnd()) {
    *error = "bytes after the last table";
  } else if (!r.ok()) {
    *error = r.error();
  } else {
    DeferItems(encoded, entity_starts, owner, get_entity, &tables->entities);
    DeferItems(encoded, alias_starts, owner, get_alias, &tables->aliases);
  }
  if (!error->empty()) {
    *tables = CompiledAliases();
    return DecodeOutcome::kCorrupt;
  }
  return DecodeOutcome::kOk;
}

}  // namespace concord::lang
