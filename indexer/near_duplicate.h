#ifndef CONCORD_INDEXER_NEAR_DUPLICATE_H_
#define CONCORD_INDEXER_NEAR_DUPLICATE_H_

#include <xapian.h>

#include <cstdint>
#include <string>
#include <vector>

#include "lang/tokenizer.h"

namespace concord::indexer {

// A MinHash signature of a document's word 3-shingles (over folded words):
// the share of equal entries between two signatures estimates the Jaccard
// similarity of their shingle sets. A wire story republished with another
// headline, a dateline or a credit line keeps most of its shingles.
struct Signature {
  static constexpr int kHashes = 100;
  static constexpr int kBands = 20;  // of kHashes / kBands rows each
  std::vector<std::uint32_t> mins;   // kHashes entries, or none for texts under 3 words
  bool empty() const { return mins.empty(); }
};

Signature MinHashSignature(const std::vector<lang::Token>& tokens);

// Estimated Jaccard similarity (0..1); 0 when either is empty.
double Similarity(const Signature& a, const Signature& b);

// Locality-sensitive band terms (schema::kBand + band + hash of its rows):
// documents sharing a band term are candidates; with 20 bands of 5 rows, a
// pair with similarity 0.7 shares one with probability 0.98, 0.3 with 0.05.
std::vector<std::string> BandTerms(const Signature& signature);

std::string EncodeSignature(const Signature& signature);  // for a value slot
bool DecodeSignature(const std::string& data, Signature* signature);

// The near-duplicate cluster of a document about to be written to `db`: the
// cluster of the oldest indexed document similar enough to it (a shared band
// term, then the signatures compared), else its own id. Xapian errors
// propagate.
std::string ClusterOf(const Xapian::Database& db, const Signature& signature,
                      const std::string& own_id);

// Clusters again the documents of `db`, a database built from parts written
// apart (segments merged by compaction), as if its documents had been
// written one by one in document-id order after those of `older` (the
// segments before it; may be null): each document sharing a band term with
// an older or earlier one takes the cluster of the oldest similar enough,
// else its own id. Only documents sharing a band are read, and only `db`
// changes. Returns how many changed cluster. Xapian errors propagate; the
// caller commits.
std::size_t JoinClusters(const Xapian::Database* older, Xapian::WritableDatabase* db);

}  // namespace concord::indexer

#endif  // CONCORD_INDEXER_NEAR_DUPLICATE_H_
