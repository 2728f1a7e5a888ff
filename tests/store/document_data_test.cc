#include "store/document_data.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace concord::store {
namespace {

corpus::Article Sample() {
  corpus::Article a;
  a.id = "/news/caf\xE9.txt#2";
  a.path = "/news/caf\xE9.txt";
  a.title = "Talks";
  a.date = "2025-06-02";
  a.source = "Wire";
  a.url = "https://example.org/a";
  a.lang = "en";
  a.byte_offset = 12;
  a.cp_offset = 11;
  a.text = "Zelensky met Erdogan \xFF in Istanbul.";
  return a;
}

TEST(DocumentData, RoundTripsEveryFieldByteForByte) {
  const corpus::Article a = Sample();
  corpus::Article b;
  ASSERT_TRUE(DecodeDocumentData(EncodeDocumentData(a), &b));
  EXPECT_EQ(b.id, a.id);  // not valid UTF-8: kept exactly
  EXPECT_EQ(b.path, a.path);
  EXPECT_EQ(b.title, a.title);
  EXPECT_EQ(b.date, a.date);
  EXPECT_EQ(b.source, a.source);
  EXPECT_EQ(b.url, a.url);
  EXPECT_EQ(b.lang, a.lang);
  EXPECT_EQ(b.byte_offset, a.byte_offset);
  EXPECT_EQ(b.cp_offset, a.cp_offset);
  EXPECT_EQ(b.text, a.text);
}

TEST(DocumentData, MetaHasEverythingButTheText) {
  corpus::Article b;
  ASSERT_TRUE(DecodeDocumentData(EncodeDocumentMeta(Sample()), &b));
  EXPECT_EQ(b.path, Sample().path);
  EXPECT_TRUE(b.text.empty());
}

TEST(DocumentData, MalformedDataIsRefused) {
  corpus::Article b;
  EXPECT_FALSE(DecodeDocumentData("", &b));
  EXPECT_FALSE(DecodeDocumentData("\xFF\x00garbage", &b));
}

// Listings read document data through a fast reader of the CBOR that
// EncodeDocumentData writes; anything else still decodes through the
// general one, and a cut-off copy never decodes half.
TEST(DocumentData, DataTheFastReaderDoesNotKnowStillDecodes) {
  nlohmann::json j = {{"title", "Talks"},
                      {"date", "2025-06-02"},
                      {"weight", 1.5},
                      {"byte_offset", 3},
                      {"text", "Zelensky met Erdogan."}};
  const std::vector<std::uint8_t> cbor = nlohmann::json::to_cbor(j);
  corpus::Article b;
  b.source = "left over from another document";
  ASSERT_TRUE(DecodeDocumentData(std::string(cbor.begin(), cbor.end()), &b));
  EXPECT_EQ(b.title, "Talks");
  EXPECT_EQ(b.byte_offset, 3u);
  EXPECT_EQ(b.text, "Zelensky met Erdogan.");
  EXPECT_EQ(b.source, "");
}

TEST(DocumentData, EveryTruncationIsRefused) {
  const std::string data = EncodeDocumentData(Sample());
  for (std::size_t n = 0; n < data.size(); ++n) {
    corpus::Article b;
    EXPECT_FALSE(DecodeDocumentData(data.substr(0, n), &b)) << n;
  }
}

TEST(CompactDate, OnlyIsoDates) {
  EXPECT_EQ(CompactDate("2025-06-03"), "20250603");
  EXPECT_EQ(CompactDate("2025-6-3"), "");
  EXPECT_EQ(CompactDate("June 3"), "");
  EXPECT_EQ(CompactDate("20x5-06-03"), "");
}

}  // namespace
}  // namespace concord::store
