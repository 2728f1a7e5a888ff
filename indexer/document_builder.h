#ifndef CONCORD_INDEXER_DOCUMENT_BUILDER_H_
#define CONCORD_INDEXER_DOCUMENT_BUILDER_H_

#include <xapian.h>

#include <cstdint>
#include <string>
#include <unordered_set>
#include <utility>
#include <vector>

#include "corpus/article.h"
#include "indexer/near_duplicate.h"
#include "lang/entity_matcher.h"
#include "lang/stemmer.h"
#include "lang/tokenizer.h"

namespace concord::indexer {

// One entity mention to be recorded as XE terms, at the positions of the
// word tokens it covers (token indexes into the article's token vector).
struct MentionTerm {
  std::size_t first_token = 0, last_token = 0;  // inclusive
  std::string entity_id;
  std::string entity_type;
};

// (stem table key, word) for each distinct word of a document: the
// database's stem table (schema::StemTableKey), which a query reads to find a
// word's other forms. A document then needs no Z term of its own.
using StemWords = std::vector<std::pair<std::string, std::string>>;

// A document ready to be written, and its near-duplicate signature (its
// cluster is decided when it is written, against the documents already in
// the database: ClusterOf).
struct AnalysedDocument {
  Xapian::Document doc;
  Signature signature;
  // The document's entries of the stem table (StemWords), to be written with
  // it; empty when the document carries Z terms itself.
  StemWords stem_words;
};

// Turns an analysed Article into a Xapian document (terms, values, data).
// Not thread-safe (owns stemmers); one per indexing thread.
class DocumentBuilder {
 public:
  // The whole analysis of one article: tokens, the mentions of `entities`
  // (null: none) in its text and title as XE terms and as the stored mention
  // table, the document (Build), its MinHash signature and band terms.
  // REQUIRES: article.lang and article.title are set.
  AnalysedDocument Analyse(const corpus::Article& article, const std::string& file_key,
                           const lang::EntityMatcher* entities);

  // REQUIRES: article.lang is set (detected or given); tokens come from
  // lang::Tokenize(article.text).
  // `file_key` names the source file (its canonical path) so that all the
  // articles of one file can be replaced together. `title_mentions` index
  // into lang::Tokenize(article.title). With `stem_words`, the stem table
  // entries of the words this builder has not given before (in the
  // article's language) go there: one builder per database, and every
  // entry given must reach the database (written even when its document is
  // refused). Without it, each distinct word's stem goes into the document
  // as a Z term.
  Xapian::Document Build(const corpus::Article& article, const std::string& file_key,
                         const std::vector<lang::Token>& tokens,
                         const std::vector<MentionTerm>& mentions,
                         const std::vector<MentionTerm>& title_mentions = {},
                         StemWords* stem_words = nullptr);

  // Analyse writes Z terms into each document instead of stem table
  // entries: for a database served over Xapian's remote backend, which
  // cannot read the stem table (IndexWriterOptions::stem_terms).
  void set_stem_terms(bool on) { stem_terms_ = on; }

 private:
  lang::StemmerSet stemmers_;
  bool stem_terms_ = false;
  // Hashes of (language, word) given to the stem table (Build).
  std::unordered_set<std::uint64_t> stem_memo_;
};

}  // namespace concord::indexer

#endif  // CONCORD_INDEXER_DOCUMENT_BUILDER_H_
