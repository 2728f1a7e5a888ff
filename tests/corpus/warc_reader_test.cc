#include <gtest/gtest.h>
#include <zlib.h>

#include <string>
#include <vector>

#include "corpus/reader.h"

namespace concord::corpus {
namespace {

bool AnyContains(const std::vector<std::string>& v, const std::string& needle) {
  for (const std::string& s : v) {
    if (s.find(needle) != std::string::npos) return true;
  }
  return false;
}

bool StartsWith(const std::string& s, const std::string& prefix) {
  return s.compare(0, prefix.size(), prefix) == 0;
}

std::string Gzip(const std::string& data) {
  z_stream z{};
  EXPECT_EQ(deflateInit2(&z, Z_BEST_COMPRESSION, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY),
            Z_OK);
  std::string out(deflateBound(&z, data.size()) + 64, '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  z.avail_in = static_cast<uInt>(data.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  EXPECT_EQ(deflate(&z, Z_FINISH), Z_STREAM_END);
  out.resize(z.total_out);
  deflateEnd(&z);
  return out;
}

std::string Chunked(const std::string& data, std::size_t chunk) {
  static const char kHex[] = "0123456789abcdef";
  std::string out;
  for (std::size_t i = 0; i < data.size(); i += chunk) {
    const std::size_t n = std::min(chunk, data.size() - i);
    std::string size;
    for (std::size_t v = n; v > 0; v /= 16) size.insert(size.begin(), kHex[v % 16]);
    out += size + ";ext=1\r\n" + data.substr(i, n) + "\r\n";
  }
  return out + "0\r\n\r\n";
}

std::string WarcRecord(const std::string& type, const std::string& uri, const std::string& block,
                       const std::string& content_type = "application/http; msgtype=response") {
  std::string r = "WARC/1.0\r\nWARC-Type: " + type +
                  "\r\nWARC-Record-ID: <urn:uuid:12345678-1234-1234-1234-123456789abc>\r\n"
                  "WARC-Date: 2025-06-03T07:23:00Z\r\n";
  if (!uri.empty()) r += "WARC-Target-URI: " + uri + "\r\n";
  r += "Content-Type: " + content_type + "\r\n";
  r += "Content-Length: " + std::to_string(block.size()) + "\r\n\r\n";
  return r + block + "\r\n\r\n";
}

std::string Http(const std::string& status, const std::string& headers, const std::string& body) {
  return "HTTP/1.1 " + status + "\r\n" + headers +
         "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
}

std::string Page(const std::string& title, const std::string& body) {
  return "<!DOCTYPE html>\n<html><head><title>" + title + "</title></head><body><article><h1>" +
         title + "</h1><p>" + body + "</p></article></body></html>\n";
}

const char kPage1[] = "Delegations met in Istanbul on Monday to resume ceasefire talks.";
const char kPage2[] = "Negotiators in Geneva exchanged written memoranda after the second round.";

// warcinfo, request, response (html), response (404), response (chunked +
// gzip), metadata, response (image).
std::vector<std::string> SampleRecords() {
  return {
      WarcRecord("warcinfo", "", "software: test\r\nformat: WARC File Format 1.0\r\n",
                 "application/warc-fields"),
      WarcRecord("request", "https://example.org/a", "GET /a HTTP/1.1\r\nHost: example.org\r\n\r\n",
                 "application/http; msgtype=request"),
      WarcRecord("response", "https://example.org/a",
                 Http("200 OK", "Content-Type: text/html; charset=utf-8\r\n",
                      Page("Talks resume", kPage1))),
      WarcRecord("response", "https://example.org/missing",
                 Http("404 Not Found", "Content-Type: text/html\r\n",
                      Page("Not found", "Nothing here at all, sorry about that."))),
      WarcRecord("response", "<https://example.org/b>",
                 "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\n"
                 "Transfer-Encoding: chunked\r\n\r\n" +
                     Chunked(Gzip(Page("Second round", kPage2)), 17)),
      WarcRecord("metadata", "https://example.org/b", "via: https://example.org/\r\n",
                 "application/warc-fields"),
      WarcRecord("response", "https://example.org/logo.png",
                 Http("200 OK", "Content-Type: image/png\r\n", "\x89PNG\r\n\x1a\n....")),
  };
}

std::string Join(const std::vector<std::string>& records) {
  std::string out;
  for (const std::string& r : records) out += r;
  return out;
}

Source MakeSource(std::string content) {
  Source source;
  source.path = "crawl.warc";
  source.id = "/data/crawl.warc";
  source.content = std::move(content);
  return source;
}

TEST(WarcReaderTest, ReadsHtmlResponses) {
  CollectingSink sink;
  std::string error;
  ASSERT_TRUE(ReadWarcSource(MakeSource(Join(SampleRecords())), ReadOptions(), 0, &sink, &error))
      << error;
  EXPECT_TRUE(sink.warnings.empty()) << sink.warnings[0];
  ASSERT_EQ(sink.articles.size(), 2u);
  const Article& a = sink.articles[0];
  const Article& b = sink.articles[1];
  EXPECT_EQ(a.path, "crawl.warc#https://example.org/a");
  EXPECT_TRUE(StartsWith(a.id, "/data/crawl.warc#record-3")) << a.id;
  EXPECT_EQ(a.url, "https://example.org/a");
  EXPECT_EQ(a.date, "2025-06-03");
  EXPECT_NE(a.text.find("Istanbul"), std::string::npos) << a.text;
  EXPECT_EQ(b.path, "crawl.warc#https://example.org/b");
  EXPECT_TRUE(StartsWith(b.id, "/data/crawl.warc#record-5")) << b.id;
  EXPECT_EQ(b.url, "https://example.org/b");
  EXPECT_EQ(b.date, "2025-06-03");
  EXPECT_NE(b.text.find("Geneva"), std::string::npos) << b.text;
}

TEST(WarcReaderTest, TruncatedLastRecordKeepsEarlierOnes) {
  const std::vector<std::string> records = SampleRecords();
  const std::string head = records[0] + records[1] + records[2] + records[3];
  const std::string content = head + records[4].substr(0, records[4].size() / 2);
  CollectingSink sink;
  std::string error;
  ASSERT_TRUE(ReadWarcSource(MakeSource(content), ReadOptions(), 0, &sink, &error)) << error;
  ASSERT_EQ(sink.articles.size(), 1u);
  EXPECT_EQ(sink.articles[0].url, "https://example.org/a");
  ASSERT_EQ(sink.warnings.size(), 1u);
  EXPECT_EQ(sink.warnings[0], "crawl.warc: truncated WARC record 5 at byte " +
                                  std::to_string(head.size()) + "; earlier records kept");

  // Cut inside the record's headers.
  CollectingSink headers_cut;
  ASSERT_TRUE(ReadWarcSource(MakeSource(head + records[4].substr(0, 30)), ReadOptions(), 0,
                             &headers_cut, &error));
  EXPECT_EQ(headers_cut.articles.size(), 1u);
  EXPECT_TRUE(AnyContains(headers_cut.warnings, "truncated WARC record 5"));
}

TEST(WarcReaderTest, GarbageBetweenRecordsIsSkippedWithOneWarning) {
  const std::vector<std::string> records = SampleRecords();
  const std::string content = records[0] + "this is not a record\r\nnor WARC/1.0 this\r\n" +
                              records[2] + "more junk\n" + records[4];
  CollectingSink sink;
  std::string error;
  ASSERT_TRUE(ReadWarcSource(MakeSource(content), ReadOptions(), 0, &sink, &error)) << error;
  ASSERT_EQ(sink.articles.size(), 2u);
  EXPECT_EQ(sink.articles[0].url, "https://example.org/a");
  EXPECT_EQ(sink.articles[1].url, "https://example.org/b");
  ASSERT_EQ(sink.warnings.size(), 1u);
  EXPECT_TRUE(StartsWith(sink.warnings[0], "crawl.warc: unexpected bytes at byte "))
      << sink.warnings[0];
}

TEST(WarcReaderTest, ResourceAndConversionRecords) {
  const std::string content =
      WarcRecord("conversion", "https://example.org/c",
                 "Ceasefire talks resumed in Istanbul on Monday, officials said.\n", "text/plain") +
      WarcRecord("resource", "file:///page.html", Page("Local page", kPage1), "text/html") +
      WarcRecord("resource", "file:///x.bin", "\x01\x02\x03", "application/octet-stream");
  CollectingSink sink;
  std::string error;
  ASSERT_TRUE(ReadWarcSource(MakeSource(content), ReadOptions(), 0, &sink, &error)) << error;
  ASSERT_EQ(sink.articles.size(), 2u);
  EXPECT_EQ(sink.articles[0].url, "https://example.org/c");
  EXPECT_TRUE(StartsWith(sink.articles[0].id, "/data/crawl.warc#record-1"));
  EXPECT_NE(sink.articles[0].text.find("Ceasefire"), std::string::npos);
  EXPECT_EQ(sink.articles[1].url, "file:///page.html");
}

TEST(WarcReaderTest, BareLineFeedsAndDeflate) {
  std::string deflated;
  {
    const std::string page = Page("Raw deflate", kPage2);
    z_stream z{};
    ASSERT_EQ(deflateInit2(&z, 6, Z_DEFLATED, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY), Z_OK);
    deflated.resize(deflateBound(&z, page.size()));
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(page.data()));
    z.avail_in = static_cast<uInt>(page.size());
    z.next_out = reinterpret_cast<Bytef*>(deflated.data());
    z.avail_out = static_cast<uInt>(deflated.size());
    ASSERT_EQ(deflate(&z, Z_FINISH), Z_STREAM_END);
    deflated.resize(z.total_out);
    deflateEnd(&z);
  }
  const std::string http =
      "HTTP/1.0 200 OK\nContent-Type: text/html\nContent-Encoding: deflate\n\n" + deflated;
  const std::string content =
      "WARC/1.1\nWARC-Type: response\nWARC-Target-URI: https://x.test/\n"
      "Content-Length: " +
      std::to_string(http.size()) + "\n\n" + http + "\n\n";
  CollectingSink sink;
  std::string error;
  ASSERT_TRUE(ReadWarcSource(MakeSource(content), ReadOptions(), 0, &sink, &error)) << error;
  ASSERT_EQ(sink.articles.size(), 1u);
  EXPECT_NE(sink.articles[0].text.find("Geneva"), std::string::npos);
  EXPECT_EQ(sink.articles[0].date, "");
}

TEST(WarcReaderTest, ZlibDeflateAndATruncatedGzipBody) {
  const std::string page = Page("Zlib deflate", kPage2);
  std::string zlib(compressBound(page.size()), '\0');
  uLongf size = zlib.size();
  ASSERT_EQ(compress(reinterpret_cast<Bytef*>(zlib.data()), &size,
                     reinterpret_cast<const Bytef*>(page.data()), page.size()),
            Z_OK);
  zlib.resize(size);
  const std::string gz = Gzip(Page("Cut short", kPage1));
  auto record = [](const std::string& uri, const std::string& encoding, const std::string& body) {
    const std::string http =
        "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: " + encoding + "\r\n\r\n" +
        body;
    return "WARC/1.1\r\nWARC-Type: response\r\nWARC-Target-URI: " + uri +
           "\r\nContent-Length: " + std::to_string(http.size()) + "\r\n\r\n" + http + "\r\n\r\n";
  };
  CollectingSink sink;
  std::string error;
  ASSERT_TRUE(
      ReadWarcSource(MakeSource(record("https://x.test/z", "deflate", zlib) +
                                record("https://x.test/g", "gzip", gz.substr(0, gz.size() / 2))),
                     ReadOptions(), 0, &sink, &error))
      << error;
  ASSERT_GE(sink.articles.size(), 1u);
  EXPECT_NE(sink.articles[0].text.find("Geneva"), std::string::npos);
  bool warned = false;
  for (const std::string& w : sink.warnings) {
    warned |= w.find("truncated gzip data") != std::string::npos;
  }
  EXPECT_TRUE(warned);
}

TEST(WarcReaderTest, ThePageDateComesBeforeTheCrawlDate) {
  // Every record is crawled on 2025-06-03 (WarcRecord's WARC-Date).
  const auto response = [](const std::string& uri, const std::string& page) {
    return WarcRecord("response", uri, Http("200 OK", "Content-Type: text/html\r\n", page));
  };
  const std::string json_ld =
      R"(<html><head><script type="application/ld+json">{"@type": "NewsArticle",
      "datePublished": "2025-05-20T18:00:00+02:00"}</script></head><body><p>)" +
      std::string(kPage1) + "</p></body></html>";
  const std::string content =
      response("https://example.org/written",
               Page("Talks", "Published 1 June 2025. " + std::string(kPage1))) +
      response("https://example.org/announced",
               Page("Summit", "The summit opens on 15 July 2025. " + std::string(kPage2))) +
      response("https://example.org/json-ld", json_ld) +
      response("https://example.org/undated", Page("Talks", kPage1));
  CollectingSink sink;
  std::string error;
  ASSERT_TRUE(ReadWarcSource(MakeSource(content), ReadOptions(), 0, &sink, &error)) << error;
  ASSERT_EQ(sink.articles.size(), 4u);
  EXPECT_EQ(sink.articles[0].date, "2025-06-01");  // the text's, written before the crawl
  EXPECT_EQ(sink.articles[1].date, "2025-06-03");  // a date after the crawl is not its own
  EXPECT_EQ(sink.articles[2].date, "2025-05-20");  // JSON-LD
  EXPECT_EQ(sink.articles[3].date, "2025-06-03");  // nothing else: the crawl date
}

TEST(WarcReaderTest, NotAWarcFile) {
  CollectingSink sink;
  std::string error;
  EXPECT_FALSE(ReadWarcSource(MakeSource("<html>no</html>"), ReadOptions(), 0, &sink, &error));
  EXPECT_EQ(error, "crawl.warc: not a WARC file");
  EXPECT_FALSE(ReadWarcSource(MakeSource(""), ReadOptions(), 0, &sink, &error));
  EXPECT_TRUE(sink.articles.empty());
}

TEST(WarcReaderTest, NestedTooDeeply) {
  ReadOptions options;
  options.max_archive_depth = 2;
  CollectingSink sink;
  std::string error;
  ASSERT_TRUE(ReadWarcSource(MakeSource(Join(SampleRecords())), options, 2, &sink, &error));
  EXPECT_TRUE(sink.articles.empty());
  ASSERT_EQ(sink.warnings.size(), 1u);
  EXPECT_EQ(sink.warnings[0], "crawl.warc: WARC file nested too deeply; skipped");
}

// A record too large to hold (over 32 MB) is read as it streams: its HTML
// in pieces with every paragraph kept, and the records around it as usual.
TEST(WarcReaderTest, AHugeRecordIsReadInPiecesBetweenOthers) {
  std::string body = "<html><head><title>Long crawl page</title></head><body>";
  int paragraphs = 0;
  while (body.size() < 34u << 20) {
    body += "<p>Paragraph " + std::to_string(paragraphs++) + " of the crawled page.</p>\n";
  }
  body += "</body></html>";
  const std::vector<std::string> records = SampleRecords();
  const std::string content = records[2] +
                              WarcRecord("response", "https://example.org/huge",
                                         Http("200 OK", "Content-Type: text/html\r\n", body)) +
                              records[4];
  body.clear();
  CollectingSink sink;
  std::string error;
  ASSERT_TRUE(ReadWarcSource(MakeSource(content), ReadOptions(), 0, &sink, &error)) << error;
  ASSERT_GE(sink.articles.size(), 2u + 4u);
  EXPECT_EQ(sink.articles.front().url, "https://example.org/a");
  EXPECT_EQ(sink.articles.back().url, "https://example.org/b");
  std::size_t found = 0;
  for (std::size_t i = 1; i + 1 < sink.articles.size(); ++i) {
    const Article& a = sink.articles[i];
    EXPECT_EQ(a.path, "crawl.warc#https://example.org/huge");
    EXPECT_EQ(a.id, "/data/crawl.warc#record-2#part-" + std::to_string(i));
    EXPECT_EQ(a.url, "https://example.org/huge");
    EXPECT_EQ(a.title, "Long crawl page (part " + std::to_string(i) + ")");
    for (std::size_t at = a.text.find("Paragraph "); at != std::string::npos;
         at = a.text.find("Paragraph ", at + 1)) {
      ++found;
    }
  }
  EXPECT_EQ(found, static_cast<std::size_t>(paragraphs));
  ASSERT_EQ(sink.warnings.size(), 1u);
  EXPECT_NE(sink.warnings[0].find("crawl.warc#https://example.org/huge: 34 MB of HTML, indexed "
                                  "as"),
            std::string::npos)
      << sink.warnings[0];
}

// A WARC file larger than any member limit is read record by record: the
// size of the file does not matter, only that of a record.
TEST(WarcReaderTest, AWarcFileIsNotLimitedBySize) {
  std::string content;
  for (int i = 0; i < 400; ++i) {
    content += WarcRecord(
        "response", "https://example.org/" + std::to_string(i),
        Http("200 OK", "Content-Type: text/html\r\n", Page("Story " + std::to_string(i), kPage1)));
  }
  ReadOptions options;
  options.max_member_bytes = 4096;  // far below the file's size
  CollectingSink sink;
  std::string error;
  Source source = MakeSource(Gzip(content));
  source.path = "crawl.warc.gz";
  ASSERT_TRUE(ReadSource(source, options, 0, &sink, &error)) << error;
  EXPECT_TRUE(sink.warnings.empty()) << sink.warnings[0];
  ASSERT_EQ(sink.articles.size(), 400u);
  EXPECT_EQ(sink.articles[0].path, "crawl.warc#https://example.org/0");
  EXPECT_EQ(sink.articles[399].url, "https://example.org/399");
}

}  // namespace
}  // namespace concord::corpus
