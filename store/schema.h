#ifndef CONCORD_STORE_SCHEMA_H_
#define CONCORD_STORE_SCHEMA_H_

#include <string>

#include "concord/version.hpp"

// The layout of a concord database: term prefixes, value slots and metadata
// keys. Shared by the indexer (writes) and the query module (reads); change
// them only together with kFormatVersion.
namespace concord::schema {

constexpr int kFormatVersion = CONCORD_INDEX_FORMAT;

// How text becomes terms (lang::Tokenize, the document builder). Each file's
// record keeps the version it was analysed with; a file analysed with an
// older one is read again by the next run, as if it had changed, so an
// upgrade never leaves old documents searchable differently from new ones.
//   1  words and numbers
//   2  emoji and other symbols are terms too
//   3  a word mixing Latin, Cyrillic and Greek look-alike letters is read in
//      its dominant script (lang/lookalikes.h)
//   4  a word's stem goes to the database's stem table, not into the
//      document as a Z term (unless IndexWriterOptions::stem_terms)
constexpr int kAnalysisVersion = 4;

// Term prefixes. Unprefixed terms are folded words with positions.
// Z + stem in the document's language: a document term before analysis
// version 4, and since then only with IndexWriterOptions::stem_terms.
constexpr const char* kStem = "Z";
// The stem table (since analysis version 4), kept in Xapian's synonym table:
// Z + language + ":" + stem -> the indexed words of documents in that
// language that have that stem.
inline std::string StemTableKey(const std::string& lang, const std::string& stem) {
  return kStem + lang + ":" + stem;
}
constexpr const char* kTitle = "S";         // S + folded title word (positional in the title)
constexpr const char* kUniqueId = "Q";      // Q + article id (boolean)
constexpr const char* kLang = "L";          // L + ISO 639-1 code (boolean)
constexpr const char* kSource = "XS";       // XS + each folded word of the source (boolean)
constexpr const char* kYear = "XY";         // XY + YYYY
constexpr const char* kMonth = "XM";        // XM + YYYYMM
constexpr const char* kDay = "XD";          // XD + YYYYMMDD
constexpr const char* kEntity = "XE";       // XE + entity id, at each mention position
constexpr const char* kTitleEntity = "XH";  // XH + entity id, at each title position of a mention
// XC + entity id + ":" + the number of its mentions in the text (boolean, so
// document lengths and ranking are unchanged): counts without reading
// documents (EntityCountTerm).
constexpr const char* kEntityCount = "XC";
constexpr const char* kEntityType = "XT";  // XT + entity type (person, place, org...), boolean
constexpr const char* kFile = "XF";        // XF + canonical path of the source file (boolean)

inline std::string EntityCountPrefix(const std::string& entity_id) {
  return kEntityCount + entity_id + ":";
}
inline std::string EntityCountTerm(const std::string& entity_id, std::size_t mentions) {
  return EntityCountPrefix(entity_id) + std::to_string(mentions);
}

// Value slots.
constexpr unsigned kValueDate = 0;     // "YYYYMMDD" (sortable as a string)
constexpr unsigned kValueSource = 1;   // source as written
constexpr unsigned kValueLang = 2;     // ISO 639-1
constexpr unsigned kValueCluster = 3;  // near-duplicate cluster: the id of its first document
constexpr unsigned kValueMinHash = 4;  // MinHash signature of the word 3-shingles (binary)
// The entity mentions found at indexing, with offsets, rung and evidence
// (store/mention_table.h); absent in documents indexed before it existed.
constexpr unsigned kValueMentions = 5;
// The document data without the text (indexer/document_builder.h), so that
// mention listings and counts need not read the text.
constexpr unsigned kValueMeta = 6;
// Each entity's mentions in a document, in a slot of its own
// (EntityMentionSlot): Xapian keeps a slot's values of all documents
// together in docid order, so listing one figure reads only its records.
// Documents indexed before this keep one table of every entity in
// kValueMentions; readers take either.
constexpr unsigned kValueEntityMentionsFirst = 0x01000000;
constexpr unsigned kEntityMentionSlots = 0x01000000;

// The slot of an entity's mention tables: a hash of its id (lang::Fnv1a64).
// Entities that share a slot share its tables (each record names its entity).
unsigned EntityMentionSlot(const std::string& entity_id);

// Near-duplicate candidates: XB + band number (2 hex) + hash of the band's rows
// (indexer/near_duplicate.h). Candidates whose signatures agree on at least
// kNearDuplicateSimilarity of their entries join the same cluster.
constexpr const char* kBand = "XB";
constexpr double kNearDuplicateSimilarity = 0.5;

// Database metadata keys.
constexpr const char* kMetaFormat = "concord.format";
constexpr const char* kMetaLanguages = "concord.languages";  // comma-separated codes seen
constexpr const char* kMetaEntitiesHash = "concord.entities.hash";
// Where the last writer put the stems (analysis version 4): "table" (the stem
// table, StemTableKey) or "terms" (Z terms, IndexWriterOptions::stem_terms).
// scripts/serve-shard warns about "table": the remote backend cannot read it.
constexpr const char* kMetaStems = "concord.stems";
// One key per indexed file: kMetaFilePrefix + FileKeyOf(canonical path); the
// value is "size mtime_ns content_hash indexed_at_ns documents\tcanonical path".
constexpr const char* kMetaFilePrefix = "concord.file:";
// Shards of a sharded database (store/shards.h): in each shard, how many
// there are and which one it is ("0" .. "N-1"). Absent in a plain database.
constexpr const char* kMetaShards = "concord.shards";
constexpr const char* kMetaShard = "concord.shard";
// Segments (store/segments.h): the file DIR/seg-N/concord.segment holds
// "building" in a run's builder, "new" in the segment a run merged them
// into; absent elsewhere. Told apart after a crash, to keep a stopped run's
// work (store::SegmentMark).
constexpr const char* kMetaSegment = "concord.segment";
constexpr const char* kSegmentBuilding = "building";
constexpr const char* kSegmentNew = "new";

// Xapian terms and metadata keys are limited to about 245 bytes. Ids and
// paths longer than that keep a readable head and a hash of the whole.
std::string Bounded(const std::string& prefix, const std::string& text);

}  // namespace concord::schema

#endif  // CONCORD_STORE_SCHEMA_H_
