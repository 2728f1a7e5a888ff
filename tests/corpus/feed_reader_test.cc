#include <gtest/gtest.h>

#include <chrono>
#include <set>
#include <string>
#include <vector>

#include "corpus/reader.h"
#include "lang/utf8.h"

namespace concord::corpus {
namespace {

Source FeedSource(std::string content) {
  Source source;
  source.path = "feeds/news.xml";
  source.id = "/data/feeds/news.xml";
  source.content = std::move(content);
  return source;
}

bool Contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

const char kRss2[] = R"(<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
     xmlns:media="http://search.yahoo.com/mrss/">
<channel>
  <title>World &amp; Europe News</title>
  <link>https://news.example/</link>
  <language>en-us</language>
  <item>
    <title>Talks resume in Istanbul</title>
    <link>https://news.example/2025/06/talks</link>
    <guid isPermaLink="false">news-example-1001</guid>
    <pubDate>Tue, 03 Jun 2025 07:23:00 +0000</pubDate>
    <media:title>Photo caption, not the title</media:title>
    <description>&lt;p&gt;Delegations met on &lt;b&gt;Monday&lt;/b&gt;.&lt;/p&gt;
      &lt;p&gt;A second round is planned.&lt;/p&gt;&lt;div class="share"&gt;Share this&lt;/div&gt;
    </description>
  </item>
  <item>
    <title><![CDATA[Markets &amp; <i>oil</i> prices]]></title>
    <link>https://news.example/2025/05/markets</link>
    <guid>https://news.example/?p=1002</guid>
    <pubDate>Wed, 28 May 2025 19:58:00 GMT</pubDate>
    <description>Short summary.</description>
    <content:encoded><![CDATA[<p>Full text of the <a href="x">markets</a> story.</p>
      <script>bad()</script>]]></content:encoded>
  </item>
</channel>
</rss>
)";

TEST(FeedReaderTest, ReadsRss2Items) {
  CollectingSink sink;
  std::string error;
  ASSERT_TRUE(ReadFeedSource(FeedSource(kRss2), &sink, &error)) << error;
  EXPECT_TRUE(sink.warnings.empty()) << sink.warnings[0];
  ASSERT_EQ(sink.articles.size(), 2u);

  const Article& a = sink.articles[0];
  EXPECT_EQ(a.path, "feeds/news.xml");
  EXPECT_EQ(a.id, "/data/feeds/news.xml#news-example-1001");
  EXPECT_EQ(a.title, "Talks resume in Istanbul");
  EXPECT_EQ(a.date, "2025-06-03");
  EXPECT_EQ(a.url, "https://news.example/2025/06/talks");
  EXPECT_EQ(a.source, "World & Europe News");
  EXPECT_EQ(a.lang, "en");
  EXPECT_EQ(a.text, "Delegations met on Monday.\n\nA second round is planned.");
  EXPECT_EQ(a.byte_offset, 0u);

  const Article& b = sink.articles[1];
  EXPECT_EQ(b.id, "/data/feeds/news.xml#https://news.example/?p=1002");
  EXPECT_EQ(b.title, "Markets & oil prices");
  EXPECT_EQ(b.date, "2025-05-28");
  EXPECT_EQ(b.url, "https://news.example/2025/05/markets");
  // content:encoded wins over description.
  EXPECT_EQ(b.text, "Full text of the markets story.");
}

const char kAtom[] = R"(<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="de-DE">
  <title type="text">Beispiel Nachrichten</title>
  <id>urn:uuid:feed</id>
  <updated>2025-06-04T10:00:00Z</updated>
  <entry>
    <title type="html">Wahl &lt;em&gt;in&lt;/em&gt; Polen</title>
    <link rel="self" href="https://n.example/api/1"/>
    <link rel="alternate" type="text/html" href="https://n.example/wahl"/>
    <id>tag:n.example,2025:1</id>
    <published>2025-06-01T20:00:00+02:00</published>
    <updated>2025-06-02T08:00:00+02:00</updated>
    <content type="html">&lt;p&gt;Erster Absatz.&lt;/p&gt;
      &lt;p&gt;Zweiter Absatz.&lt;/p&gt;</content>
  </entry>
  <entry xml:lang="en">
    <title>Second entry</title>
    <link href="https://n.example/second"/>
    <id>tag:n.example,2025:2</id>
    <updated>2025-06-02T09:30:00Z</updated>
    <summary>Plain summary
with two lines.</summary>
    <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">
      <p>Inline <b>XHTML</b> body.</p><p>Two.</p></div></content>
  </entry>
</feed>
)";

TEST(FeedReaderTest, ReadsAtomEntries) {
  CollectingSink sink;
  std::string error;
  ASSERT_TRUE(ReadFeedSource(FeedSource(kAtom), &sink, &error)) << error;
  EXPECT_TRUE(sink.warnings.empty());
  ASSERT_EQ(sink.articles.size(), 2u);

  const Article& a = sink.articles[0];
  EXPECT_EQ(a.id, "/data/feeds/news.xml#tag:n.example,2025:1");
  EXPECT_EQ(a.title, "Wahl in Polen");
  EXPECT_EQ(a.date, "2025-06-01");  // published, not updated
  EXPECT_EQ(a.url, "https://n.example/wahl");
  EXPECT_EQ(a.source, "Beispiel Nachrichten");
  EXPECT_EQ(a.lang, "de");
  EXPECT_EQ(a.text, "Erster Absatz.\n\nZweiter Absatz.");

  const Article& b = sink.articles[1];
  EXPECT_EQ(b.date, "2025-06-02");  // only updated
  EXPECT_EQ(b.url, "https://n.example/second");
  EXPECT_EQ(b.lang, "en");
  EXPECT_EQ(b.text, "Inline XHTML body.\n\nTwo.");
}

TEST(FeedReaderTest, AtomSummaryWhenThereIsNoContent) {
  const char feed[] = R"(<feed xmlns="http://www.w3.org/2005/Atom"><title>T</title>
      <entry><title>E</title><id>e1</id><summary>Line one
line two

Next paragraph</summary></entry></feed>)";
  CollectingSink sink;
  std::string error;
  ASSERT_TRUE(ReadFeedSource(FeedSource(feed), &sink, &error)) << error;
  ASSERT_EQ(sink.articles.size(), 1u);
  EXPECT_EQ(sink.articles[0].text, "Line one\nline two\n\nNext paragraph");
  EXPECT_EQ(sink.articles[0].date, "");
  EXPECT_EQ(sink.articles[0].lang, "");
}

const char kRss1[] = R"(<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
         xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel rdf:about="https://rdf.example/">
    <title>RDF Site</title>
    <link>https://rdf.example/</link>
    <dc:language>fr</dc:language>
  </channel>
  <item rdf:about="https://rdf.example/a">
    <title>Premier</title>
    <link>https://rdf.example/a</link>
    <description>Le texte du premier.</description>
    <dc:date>2025-03-04T05:06:07+01:00</dc:date>
  </item>
  <item rdf:about="https://rdf.example/b">
    <title>Second</title>
    <description>Le texte du second, publié le 2 février 2025.</description>
  </item>
</rdf:RDF>
)";

TEST(FeedReaderTest, ReadsRss1) {
  CollectingSink sink;
  std::string error;
  ASSERT_TRUE(ReadFeedSource(FeedSource(kRss1), &sink, &error)) << error;
  ASSERT_EQ(sink.articles.size(), 2u);
  EXPECT_EQ(sink.articles[0].id, "/data/feeds/news.xml#https://rdf.example/a");
  EXPECT_EQ(sink.articles[0].date, "2025-03-04");
  EXPECT_EQ(sink.articles[0].source, "RDF Site");
  EXPECT_EQ(sink.articles[0].lang, "fr");
  EXPECT_EQ(sink.articles[0].text, "Le texte du premier.");
  // No link: rdf:about is the id; no dc:date: the date comes from the text.
  EXPECT_EQ(sink.articles[1].id, "/data/feeds/news.xml#https://rdf.example/b");
  EXPECT_EQ(sink.articles[1].date, "2025-02-02");
}

TEST(FeedReaderTest, TruncatedFeedKeepsTheItemsRead) {
  std::string feed = kRss2;
  feed.resize(feed.find("<pubDate>Wed"));  // cut inside the second item
  CollectingSink sink;
  std::string error;
  ASSERT_TRUE(ReadFeedSource(FeedSource(feed), &sink, &error)) << error;
  ASSERT_EQ(sink.warnings.size(), 1u);
  EXPECT_TRUE(Contains(sink.warnings[0], "feeds/news.xml: malformed XML at line "))
      << sink.warnings[0];
  EXPECT_TRUE(Contains(sink.warnings[0], "; recovered what could be read")) << sink.warnings[0];
  ASSERT_GE(sink.articles.size(), 1u);
  EXPECT_EQ(sink.articles[0].title, "Talks resume in Istanbul");
  EXPECT_EQ(sink.articles[0].text, "Delegations met on Monday.\n\nA second round is planned.");
}

TEST(FeedReaderTest, GarbageIsAnError) {
  for (const char* garbage :
       {"this is not xml at all", "", "\x89PNG\r\n\x1a\n\x00\x00", "{\"json\": true}"}) {
    CollectingSink sink;
    std::string error;
    EXPECT_FALSE(ReadFeedSource(FeedSource(garbage), &sink, &error)) << garbage;
    EXPECT_TRUE(Contains(error, "feeds/news.xml: malformed XML feed (line ")) << error;
    EXPECT_TRUE(sink.articles.empty());
  }
}

TEST(FeedReaderTest, OtherXmlIsNotAFeed) {
  CollectingSink sink;
  std::string error;
  EXPECT_FALSE(ReadFeedSource(FeedSource("<html><body><p>x</p></body></html>"), &sink, &error));
  EXPECT_EQ(error, "feeds/news.xml: not an RSS or Atom feed (root element <html>)");
}

TEST(FeedReaderTest, ItemsWithoutGuidGetNumberedIds) {
  const char feed[] = R"(<rss><channel><title>C</title>
      <item><title>One</title><description>First text</description></item>
      <item><description>Second text</description></item>
      <item><title></title><description>   </description></item>
      <item><title>Four</title></item>
      <item><guid>dup</guid><description>Five</description></item>
      <item><guid>dup</guid><description>Six</description></item>
      <item><guid>  with space
and	tab </guid><description>Seven</description></item>
    </channel></rss>)";
  CollectingSink sink;
  std::string error;
  ASSERT_TRUE(ReadFeedSource(FeedSource(feed), &sink, &error)) << error;
  ASSERT_EQ(sink.articles.size(), 6u);
  const std::string base = "/data/feeds/news.xml#";
  EXPECT_EQ(sink.articles[0].id, base + "item-1");
  EXPECT_EQ(sink.articles[1].id, base + "item-2");
  EXPECT_EQ(sink.articles[1].title, "");
  EXPECT_EQ(sink.articles[2].id, base + "item-4");
  EXPECT_EQ(sink.articles[2].text, "Four");  // headline-only item
  EXPECT_EQ(sink.articles[3].id, base + "dup");
  EXPECT_EQ(sink.articles[4].id, base + "item-6");
  EXPECT_EQ(sink.articles[5].id, base + "with_space_and_tab");
  std::set<std::string> ids;
  for (const Article& a : sink.articles) EXPECT_TRUE(ids.insert(a.id).second) << a.id;
  ASSERT_EQ(sink.warnings.size(), 1u);
  EXPECT_EQ(sink.warnings[0], "feeds/news.xml: feed item 3 has no text; skipped");
}

TEST(FeedReaderTest, LongIdsAreCut) {
  const std::string feed = "<rss><channel><item><guid>" + std::string(500, 'x') +
                           "</guid><description>t</description></item></channel></rss>";
  CollectingSink sink;
  std::string error;
  ASSERT_TRUE(ReadFeedSource(FeedSource(feed), &sink, &error)) << error;
  ASSERT_EQ(sink.articles.size(), 1u);
  EXPECT_EQ(sink.articles[0].id, "/data/feeds/news.xml#" + std::string(200, 'x'));
}

TEST(FeedReaderTest, EmptyFeedIsAWarning) {
  CollectingSink sink;
  std::string error;
  ASSERT_TRUE(ReadFeedSource(
      FeedSource("<?xml version=\"1.0\"?><rss><channel><title>x</title></channel></rss>"), &sink,
      &error));
  EXPECT_TRUE(sink.articles.empty());
  ASSERT_EQ(sink.warnings.size(), 1u);
  EXPECT_EQ(sink.warnings[0], "feeds/news.xml: feed has no items, nothing to index");
}

TEST(FeedReaderTest, BlankLinesBeforeTheDeclarationAreTolerated) {
  CollectingSink sink;
  std::string error;
  ASSERT_TRUE(ReadFeedSource(FeedSource(std::string("\n\n  ") + kRss2), &sink, &error)) << error;
  EXPECT_TRUE(sink.warnings.empty());
  EXPECT_EQ(sink.articles.size(), 2u);
}

TEST(FeedReaderTest, EntityBombDoesNotExpand) {
  const char feed[] = R"(<?xml version="1.0"?>
<!DOCTYPE rss [
  <!ENTITY lol "lollollollollollollollollollol">
  <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
  <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
  <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
  <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
  <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
  <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
  <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
  <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
  <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
  <!ENTITY ext SYSTEM "file:///etc/passwd">
]>
<rss><channel><title>Bomb &lol9;</title>
<item><title>Item &lol9;</title><description>Text &lol9; &ext; end</description></item>
<item><title>Second</title><description>&lol9;&lol9;&lol9;&lol9;&lol9;&lol9;</description></item>
</channel></rss>
)";
  const auto start = std::chrono::steady_clock::now();
  CollectingSink sink;
  std::string error;
  const bool ok = ReadFeedSource(FeedSource(feed), &sink, &error);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  EXPECT_LT(seconds, 5.0);
  if (!ok) {
    EXPECT_TRUE(Contains(error, "feeds/news.xml: malformed XML feed")) << error;
    return;
  }
  std::size_t total = 0;
  for (const Article& a : sink.articles) {
    total += a.text.size() + a.title.size() + a.source.size();
    EXPECT_FALSE(Contains(a.text, "root:")) << "external entity loaded";
  }
  // A full expansion would be 3 * 10^9 bytes per reference.
  EXPECT_LT(total, 4u << 20);
}

TEST(FeedReaderTest, InvalidDatesFallBackToTheText) {
  const char feed[] = R"(<rss><channel><item><guid>a</guid>
      <pubDate>Someday soon</pubDate><description>Written on 5 June 2025.</description></item>
      <item><guid>b</guid><pubDate>Mon, 31 Feb 2025 10:00:00 GMT</pubDate>
      <description>No date here.</description></item></channel></rss>)";
  CollectingSink sink;
  std::string error;
  ASSERT_TRUE(ReadFeedSource(FeedSource(feed), &sink, &error)) << error;
  ASSERT_EQ(sink.articles.size(), 2u);
  EXPECT_EQ(sink.articles[0].date, "2025-06-05");
  EXPECT_EQ(sink.articles[1].date, "");
}

TEST(FeedReaderTest, TextIsValidUtf8InAnyDeclaredEncoding) {
  const std::string feed =
      "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><rss><channel><item><title>Caf\xe9"
      "</title><description>na\xefve</description></item></channel></rss>";
  CollectingSink sink;
  std::string error;
  ASSERT_TRUE(ReadFeedSource(FeedSource(feed), &sink, &error)) << error;
  ASSERT_EQ(sink.articles.size(), 1u);
  EXPECT_EQ(sink.articles[0].title, "Caf\xc3\xa9");
  EXPECT_EQ(sink.articles[0].text, "na\xc3\xafve");
  EXPECT_EQ(lang::FindInvalidUtf8(sink.articles[0].text), std::string::npos);
}

}  // namespace
}  // namespace concord::corpus
