#ifndef CONCORD_STORE_DOCUMENT_DATA_H_
#define CONCORD_STORE_DOCUMENT_DATA_H_

#include <string>

#include "corpus/article.h"

namespace concord::store {

// The document data (Xapian's per-document data), CBOR: metadata, the
// text and its offsets in the file. Text or a file name that is not valid
// UTF-8 is kept byte for byte in a binary field beside it.
std::string EncodeDocumentData(const corpus::Article& article);
// The same without the text (value slot schema::kValueMeta): what listings
// that need no text read; DecodeDocumentData parses it (text "").
std::string EncodeDocumentMeta(const corpus::Article& article);
// Parses document data back; false on malformed data.
bool DecodeDocumentData(const std::string& data, corpus::Article* article);

// "2025-06-03" -> "20250603"; "" when not an ISO date.
std::string CompactDate(const std::string& iso_date);

}  // namespace concord::store

#endif  // CONCORD_STORE_DOCUMENT_DATA_H_
