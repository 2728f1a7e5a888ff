#ifndef CONCORD_INDEXER_DOCUMENT_BUILDER_H_
#define CONCORD_INDEXER_DOCUMENT_BUILDER_H_

#include <string>
#include <vector>

#include <xapian.h>

#include "corpus/article.h"
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

// Turns an analysed Article into a Xapian document (terms, values, data).
// Not thread-safe (owns stemmers); one per indexing thread.
class DocumentBuilder {
 public:
  // REQUIRES: article.lang is set (detected or given); tokens come from
  // lang::Tokenize(article.text).
  // `file_key` names the source file (its canonical path) so that all the
  // articles of one file can be replaced together. `title_mentions` index
  // into lang::Tokenize(article.title).
  Xapian::Document Build(const corpus::Article& article, const std::string& file_key,
                         const std::vector<lang::Token>& tokens,
                         const std::vector<MentionTerm>& mentions,
                         const std::vector<MentionTerm>& title_mentions = {});

 private:
  lang::StemmerSet stemmers_;
};

}  // namespace concord::indexer

#endif  // CONCORD_INDEXER_DOCUMENT_BUILDER_H_
