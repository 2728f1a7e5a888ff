#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "corpus/html_text.h"
#include "corpus/reader.h"
#include "lang/utf8.h"

namespace concord::corpus {
namespace {

Source HtmlSource(std::string content) {
  Source source;
  source.path = "pages/story.html";
  source.id = "/data/pages/story.html";
  source.content = std::move(content);
  return source;
}

bool Contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

const char kNewsPage[] = R"(<!DOCTYPE html>
<html lang="fr-FR">
<head>
  <meta charset="utf-8">
  <title>Le sommet de Genève | Le Quotidien</title>
  <meta property="og:title" content="Le sommet de Gen&egrave;ve s&#8217;ouvre   lundi">
  <meta property="og:site_name" content="Le Quotidien">
  <meta property="article:published_time" content="2025-06-03T07:23:00+02:00">
  <meta property="og:url" content="https://example.org/og-url">
  <link rel="canonical" href="https://example.org/2025/06/03/sommet">
  <style>body { color: red; } .secret { display: none }</style>
  <script>var tracking = "SCRIPTTEXT";</script>
</head>
<body class="page has-header">
  <div id="cookie-banner">Nous utilisons des cookies. <button>Accepter</button></div>
  <header class="site-header"><a href="/">Le Quotidien</a> HEADERTEXT</header>
  <nav><ul><li>Monde</li><li>NAVTEXT</li></ul></nav>
  <div class="breadcrumb">Accueil &gt; Monde</div>
  <article class="story">
    <header><p class="byline">Par A. Martin, <time datetime="2025-05-01">1 mai</time></p></header>
    <h1>Le sommet de Genève s’ouvre lundi</h1>
    <p>Premier   paragraphe,
       sur deux lignes.</p>
    <div class="share-buttons">SHARETEXT</div>
    <p>Deuxième paragraphe avec <a href="#">un lien</a> et <b>du gras</b>.</p>
    <figure><img src="x.jpg"><figcaption>Une légende</figcaption></figure>
    <p>Troisième paragraphe.</p>
    <aside class="related-articles"><article><p>RELATEDTEXT</p></article></aside>
    <script>document.write("INLINESCRIPT")</script>
  </article>
  <aside class="sidebar"><p>SIDEBARTEXT</p></aside>
  <footer>FOOTERTEXT &copy; 2025</footer>
</body>
</html>
)";

TEST(HtmlReaderTest, ExtractsTheArticleOfANewsPage) {
  CollectingSink sink;
  std::string error;
  ASSERT_TRUE(ReadHtmlSource(HtmlSource(kNewsPage), &sink, &error)) << error;
  ASSERT_EQ(sink.articles.size(), 1u);
  EXPECT_TRUE(sink.warnings.empty());
  const Article& a = sink.articles[0];
  EXPECT_EQ(a.path, "pages/story.html");
  EXPECT_EQ(a.id, "/data/pages/story.html");
  EXPECT_EQ(a.title, "Le sommet de Genève s\u2019ouvre lundi");
  EXPECT_EQ(a.date, "2025-06-03");
  EXPECT_EQ(a.source, "Le Quotidien");
  EXPECT_EQ(a.url, "https://example.org/2025/06/03/sommet");
  EXPECT_EQ(a.lang, "fr");
  EXPECT_EQ(a.byte_offset, 0u);
  EXPECT_EQ(a.cp_offset, 0u);

  for (const char* boilerplate :
       {"SCRIPTTEXT", "INLINESCRIPT", "HEADERTEXT", "NAVTEXT", "cookies", "Accepter", "Accueil",
        "SHARETEXT", "RELATEDTEXT", "SIDEBARTEXT", "FOOTERTEXT", "color: red", "Par A. Martin"}) {
    EXPECT_FALSE(Contains(a.text, boilerplate)) << boilerplate << " in:\n" << a.text;
  }
  EXPECT_EQ(a.text,
            "Le sommet de Genève s’ouvre lundi\n\n"
            "Premier paragraphe, sur deux lignes.\n\n"
            "Deuxième paragraphe avec un lien et du gras.\n\n"
            "Une légende\n\n"
            "Troisième paragraphe.");
}

TEST(HtmlReaderTest, DeeplyNestedUnclosedParagraphsKeepTheirLastOne) {
  // 400 unclosed <p><font>: 800 levels, beyond libxml2's default of 256.
  std::string page = "<html><head><title>Deep</title></head><body>";
  for (int i = 0; i < 400; ++i) page += "<p><font>Paragraph " + std::to_string(i) + ".";
  page += "</body></html>";
  CollectingSink sink;
  std::string error;
  ASSERT_TRUE(ReadHtmlSource(HtmlSource(page), &sink, &error)) << error;
  ASSERT_EQ(sink.articles.size(), 1u);
  EXPECT_NE(sink.articles[0].text.find("Paragraph 399."), std::string::npos);
}

TEST(HtmlReaderTest, DecodesTheDeclaredCharset) {
  const std::string page =
      "<html><head><meta charset=\"windows-1252\"><title>Caf\xe9</title></head>"
      "<body><p>Un caf\xe9 \x93serr\xe9\x94.</p></body></html>";
  CollectingSink sink;
  std::string error;
  ASSERT_TRUE(ReadHtmlSource(HtmlSource(page), &sink, &error)) << error;
  ASSERT_EQ(sink.articles.size(), 1u);
  const Article& a = sink.articles[0];
  EXPECT_EQ(a.title, "Caf\xc3\xa9");
  EXPECT_EQ(a.text, "Un caf\xc3\xa9 \xe2\x80\x9cserr\xc3\xa9\xe2\x80\x9d.");
  EXPECT_EQ(lang::FindInvalidUtf8(a.text), std::string::npos);
}

TEST(HtmlReaderTest, DecodesTheHttpEquivCharset) {
  const std::string page =
      "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=iso-8859-1\">"
      "</head><body><p>R\xe9sum\xe9</p></body></html>";
  CollectingSink sink;
  std::string error;
  ASSERT_TRUE(ReadHtmlSource(HtmlSource(page), &sink, &error)) << error;
  ASSERT_EQ(sink.articles.size(), 1u);
  EXPECT_EQ(sink.articles[0].text, "R\xc3\xa9sum\xc3\xa9");
}

TEST(HtmlReaderTest, UndeclaredLatin1StillComesOutAsUtf8) {
  CollectingSink sink;
  std::string error;
  ASSERT_TRUE(ReadHtmlSource(HtmlSource("<p>na\xefve caf\xe9</p>"), &sink, &error)) << error;
  ASSERT_EQ(sink.articles.size(), 1u);
  EXPECT_EQ(lang::FindInvalidUtf8(sink.articles[0].text), std::string::npos);
}

TEST(HtmlReaderTest, SimplePageUsesTitleAndSourceHints) {
  const char page[] = R"(<html><head><title>
      Storm   hits the coast
    </title></head>
    <body>
      <p>First paragraph.</p>
      <p>Second&nbsp;paragraph.<br>With a line break.</p>
      <ul><li>one</li><li>two</li></ul>
    </body></html>)";
  Source source = HtmlSource(page);
  source.url = "https://example.com/storm";
  source.date = "2025-02-03";
  CollectingSink sink;
  std::string error;
  ASSERT_TRUE(ReadHtmlSource(source, &sink, &error)) << error;
  ASSERT_EQ(sink.articles.size(), 1u);
  const Article& a = sink.articles[0];
  EXPECT_EQ(a.title, "Storm hits the coast");
  EXPECT_EQ(a.url, "https://example.com/storm");
  EXPECT_EQ(a.date, "2025-02-03");
  EXPECT_EQ(a.lang, "");
  EXPECT_EQ(a.source, "");
  EXPECT_EQ(a.text, "First paragraph.\n\nSecond paragraph.\nWith a line break.\n\none\ntwo");
}

TEST(HtmlReaderTest, FallsBackToH1AndDateInText) {
  const char page[] = R"(<html><body>
      <div class="logo">Daily</div>
      <main><h1>Election  results</h1><p>Published June 5, 2025. Counting went on.</p></main>
    </body></html>)";
  CollectingSink sink;
  std::string error;
  ASSERT_TRUE(ReadHtmlSource(HtmlSource(page), &sink, &error)) << error;
  ASSERT_EQ(sink.articles.size(), 1u);
  EXPECT_EQ(sink.articles[0].title, "Election results");
  EXPECT_EQ(sink.articles[0].date, "2025-06-05");
  EXPECT_FALSE(Contains(sink.articles[0].text, "Daily"));
}

TEST(HtmlReaderTest, ReadsTimeInsideTheArticleAndResolvesRelativeCanonical) {
  const char page[] = R"(<html lang="en-GB"><head>
      <link rel="canonical" href="/2025/story">
      <meta name="publisher" content="The Paper"></head>
      <body><article><p><time datetime="2024-12-31T23:00:00Z">Dec 31</time></p>
      <p>Text of the story.</p></article></body></html>)";
  Source source = HtmlSource(page);
  source.url = "https://news.example/section/page.html";
  CollectingSink sink;
  std::string error;
  ASSERT_TRUE(ReadHtmlSource(source, &sink, &error)) << error;
  ASSERT_EQ(sink.articles.size(), 1u);
  const Article& a = sink.articles[0];
  EXPECT_EQ(a.date, "2024-12-31");
  EXPECT_EQ(a.url, "https://news.example/2025/story");
  EXPECT_EQ(a.lang, "en");
  EXPECT_EQ(a.source, "The Paper");
}

TEST(HtmlReaderTest, PicksTheLargestArticle) {
  const char page[] = R"(<body>
      <article><p>Teaser.</p></article>
      <article><p>The real story is much longer than the teaser.</p></article>
    </body>)";
  CollectingSink sink;
  std::string error;
  ASSERT_TRUE(ReadHtmlSource(HtmlSource(page), &sink, &error)) << error;
  ASSERT_EQ(sink.articles.size(), 1u);
  EXPECT_EQ(sink.articles[0].text, "The real story is much longer than the teaser.");
}

TEST(HtmlReaderTest, PageWrappedInAFormOrSidebarWrapperKeepsItsText) {
  // ASP.NET pages put everything in a <form>; themes call wrappers "has-sidebar".
  const char page[] = R"(<body><div class="menu">Menu</div>
      <form id="aspnetForm"><div class="content has-sidebar"><article>
      <p>Only text of the page.</p></article></div></form>
      <div class="sidebar"><article><p>A teaser in the sidebar.</p></article></div></body>)";
  CollectingSink sink;
  std::string error;
  ASSERT_TRUE(ReadHtmlSource(HtmlSource(page), &sink, &error)) << error;
  ASSERT_EQ(sink.articles.size(), 1u);
  EXPECT_EQ(sink.articles[0].text, "Only text of the page.");
}

TEST(HtmlReaderTest, MalformedHtmlStillYieldsText) {
  const char page[] =
      "<html><body><div><p>Unclosed paragraph <b>bold <i>both</div></div></div>"
      "<p>Next one</span></td><li>item<table><tr><td>cell A<td>cell B</table>"
      "<p>after &amp unterminated &copy entity";
  CollectingSink sink;
  std::string error;
  ASSERT_TRUE(ReadHtmlSource(HtmlSource(page), &sink, &error)) << error;
  ASSERT_EQ(sink.articles.size(), 1u);
  const std::string& text = sink.articles[0].text;
  EXPECT_TRUE(Contains(text, "Unclosed paragraph bold both")) << text;
  EXPECT_TRUE(Contains(text, "Next one")) << text;
  EXPECT_TRUE(Contains(text, "cell A cell B")) << text;
  EXPECT_TRUE(Contains(text, "unterminated")) << text;
  EXPECT_EQ(lang::FindInvalidUtf8(text), std::string::npos);
}

TEST(HtmlReaderTest, PageWithoutTextIsAWarning) {
  for (const char* page :
       {"<html><head><script>var a = 1;</script><style>p{}</style></head><body>\n"
        "<script>alert('x')</script>  <noscript>Enable JS</noscript></body></html>",
        "", "   \n", "<html></html>"}) {
    CollectingSink sink;
    std::string error;
    EXPECT_TRUE(ReadHtmlSource(HtmlSource(page), &sink, &error)) << page;
    EXPECT_TRUE(sink.articles.empty()) << page;
    ASSERT_EQ(sink.warnings.size(), 1u) << page;
    // The message says why: nothing at all, or markup without text.
    EXPECT_EQ(sink.warnings[0],
              std::string("pages/story.html: HTML page has no text to index (") +
                  (std::string(page).find('<') == std::string::npos
                       ? "the file is empty or blank)"
                       : "its " + std::to_string(std::string(page).size()) +
                             " bytes hold only markup, scripts, styles or navigation)"));
  }
}

TEST(HtmlReaderTest, PreKeepsItsLines) {
  CollectingSink sink;
  std::string error;
  ASSERT_TRUE(ReadHtmlSource(HtmlSource("<p>Intro</p><pre>line  one\nline two\n\nthree</pre>"),
                             &sink, &error));
  ASSERT_EQ(sink.articles.size(), 1u);
  EXPECT_EQ(sink.articles[0].text, "Intro\n\nline one\nline two\n\nthree");
}

// A page whose article holds `body`, with `head` in its <head>.
std::string PageWith(const std::string& head, const std::string& body) {
  return "<html><head><title>Story</title>" + head + "</head><body><article><h1>Story</h1>" + body +
         "</article></body></html>";
}

std::string JsonLd(const std::string& json) {
  return "<script type=\"application/ld+json\">" + json + "</script>";
}

std::string DateOf(const Source& source) {
  CollectingSink sink;
  std::string error;
  EXPECT_TRUE(ReadHtmlSource(source, &sink, &error)) << error;
  EXPECT_EQ(sink.articles.size(), 1u);
  return sink.articles.empty() ? "(no article)" : sink.articles[0].date;
}

std::string DateOf(const std::string& page) { return DateOf(HtmlSource(page)); }

TEST(HtmlReaderTest, ReadsDatePublishedOfAJsonLdNewsArticle) {
  const std::string page = PageWith(
      R"(<script type=" Application/LD+JSON ">
      {"@context": "https://schema.org", "@type": "NewsArticle", "headline": "Story",
       "datePublished": "2025-06-02T23:15:00+03:00", "dateModified": "2025-06-04T08:00:00Z"}
      </script>)",
      "<p>Text of the story.</p>");
  // The day as written, not converted to UTC (2025-06-02T20:15Z would say the same).
  EXPECT_EQ(DateOf(page), "2025-06-02");
}

TEST(HtmlReaderTest, JsonLdPrefersTheArticleOfAGraphOverTheWebPage) {
  // Yoast and similar plugins: one block, a @graph whose WebPage comes first.
  const std::string page = PageWith(JsonLd(R"({"@context": "https://schema.org", "@graph": [
      {"@type": "Organization", "name": "The Paper"},
      {"@type": "WebPage", "@id": "https://x.test/#webpage", "datePublished": "2024-01-01"},
      {"@type": ["NewsArticle", "Article"], "datePublished": "2025-06-02"}]})"),
                                    "<p>Text of the story.</p>");
  EXPECT_EQ(DateOf(page), "2025-06-02");
}

TEST(HtmlReaderTest, JsonLdArrayFormAndOtherTypes) {
  // A top-level array; the type as a full IRI.
  EXPECT_EQ(DateOf(PageWith(JsonLd(R"([
      {"@type": "WebSite", "dateCreated": "2001-01-01"},
      {"@type": "http://schema.org/ReportageNews", "datePublished": "2025-06-02"}])"),
                            "<p>Text.</p>")),
            "2025-06-02");
  // No article anywhere: the first node with a date, whatever its type.
  EXPECT_EQ(DateOf(PageWith(JsonLd(R"({"@type": "WebPage", "datePublished": "2025-03-04"})") +
                                JsonLd(R"({"@type": "Event", "datePublished": "2025-03-05"})"),
                            "<p>Text.</p>")),
            "2025-03-04");
  // dateCreated, else uploadDate, when datePublished is missing or not a date.
  EXPECT_EQ(DateOf(PageWith(JsonLd(R"({"@type": "BlogPosting", "datePublished": "soon",
                                       "dateCreated": "2025-05-06"})"),
                            "<p>Text.</p>")),
            "2025-05-06");
  EXPECT_EQ(DateOf(PageWith(JsonLd(R"({"@type": "VideoObject", "uploadDate": "2025-05-07"})"),
                            "<p>Text.</p>")),
            "2025-05-07");
  // An article's dateCreated beats another node's datePublished.
  EXPECT_EQ(DateOf(PageWith(JsonLd(R"([{"@type": "WebPage", "datePublished": "2025-01-01"},
                                      {"@type": "Article", "dateCreated": "2025-05-08"}])"),
                            "<p>Text.</p>")),
            "2025-05-08");
}

TEST(HtmlReaderTest, MalformedJsonLdIsIgnoredAndTheNextSourceUsed) {
  const std::string body = R"(<p><time datetime="2025-04-05">5 April</time></p><p>Text.</p>)";
  for (const std::string& block : std::vector<std::string>{
           JsonLd(R"({"@type": "NewsArticle", "datePublished": "2025-06-02",})"),  // trailing comma
           JsonLd(R"({"@type": "NewsArticle", "datePublished": "2025-06-02")"),    // unclosed
           JsonLd(R"({"@type": "NewsArticle", "datePublished": "2025-06-31"})"),   // no such day
           JsonLd(R"({"@type": "NewsArticle", "datePublished": "20250602"})"),
           JsonLd(R"({"@type": "NewsArticle", "datePublished": 2025})"), JsonLd("\xff\xfe{]"),
           JsonLd(""), JsonLd("<!-- -->"),
           // Not JSON-LD.
           R"(<script type="application/json">{"datePublished": "2025-06-02"}</script>)",
           R"(<script>var ld = {"datePublished": "2025-06-02"};</script>)"}) {
    EXPECT_EQ(DateOf(PageWith(block, body)), "2025-04-05") << block;
  }
  // A broken block does not hide a good one after it.
  EXPECT_EQ(
      DateOf(PageWith(JsonLd("{\"@type\": ") +
                          JsonLd(R"({"@type": "NewsArticle", "datePublished": "2025-06-02"})"),
                      body)),
      "2025-06-02");
}

TEST(HtmlReaderTest, JsonLdComesAfterMetaTagsAndBeforeMicrodataTimeAndText) {
  const std::string json_ld = JsonLd(R"({"@type": "NewsArticle", "datePublished": "2025-06-02"})");
  EXPECT_EQ(
      DateOf(PageWith(
          R"(<meta property="article:published_time" content="2025-06-01T09:00:00Z">)" + json_ld,
          "<p>Text.</p>")),
      "2025-06-01");
  EXPECT_EQ(DateOf(PageWith(json_ld, R"(<p itemprop="datePublished">3 June 2025</p>
                                        <p><time datetime="2025-06-04">4 June</time></p>)")),
            "2025-06-02");
  EXPECT_EQ(DateOf(PageWith(json_ld, "<p>Published 5 June 2025. Counting went on.</p>")),
            "2025-06-02");
  Source crawled = HtmlSource(PageWith(json_ld, "<p>Text.</p>"));
  crawled.date = "2025-06-09";
  EXPECT_EQ(DateOf(crawled), "2025-06-02");
}

TEST(HtmlReaderTest, DateInTheTextBeatsTheCrawlDate) {
  // The crawl date is when the page was fetched; the page was published before.
  Source source = HtmlSource(PageWith("", "<p>Published 5 June 2025. Counting went on.</p>"));
  source.date = "2025-06-09";
  EXPECT_EQ(DateOf(source), "2025-06-05");
  // Same day: either way.
  source.date = "2025-06-05";
  EXPECT_EQ(DateOf(source), "2025-06-05");
  // A date after the fetch is an event the page announces, not its publication.
  source = HtmlSource(PageWith("", "<p>The summit will open on 15 July 2025 in Geneva.</p>"));
  source.date = "2025-06-09";
  EXPECT_EQ(DateOf(source), "2025-06-09");
  // An invalid hint is no date.
  source.date = "2025-06-31";
  EXPECT_EQ(DateOf(source), "2025-07-15");
}

TEST(HtmlReaderTest, HugeOrDeepJsonLdStaysCheap) {
  const std::string body = R"(<p><time datetime="2025-04-05">5 April</time></p><p>Text.</p>)";
  const std::string article = R"({"@type": "NewsArticle", "datePublished": "2025-06-02"})";

  // Over 1 MiB: skipped, even with a date in it.
  const std::string padding(1u << 20, ' ');
  EXPECT_EQ(DateOf(PageWith(JsonLd(article + padding), body)), "2025-04-05");

  // Nested 400,000 deep (valid JSON, under 1 MiB): the block is refused before
  // parsing, whatever it holds; the next block is still read.
  const std::string deep = R"({"@type": "NewsArticle", "datePublished": "2025-06-01", "x": )" +
                           std::string(400000, '[') + std::string(400000, ']') + "}";
  EXPECT_EQ(DateOf(PageWith(JsonLd(deep), body)), "2025-04-05");
  EXPECT_EQ(DateOf(PageWith(JsonLd(deep) + JsonLd(article), body)), "2025-06-02");
  // Brackets inside strings, after an escaped quote too, are not nesting.
  EXPECT_EQ(
      DateOf(PageWith(JsonLd(R"({"@type": "NewsArticle", "headline": "\")" +
                             std::string(1000, '[') + R"(\"", "datePublished": "2025-06-02"})"),
                      body)),
      "2025-06-02");

  // @graph inside @graph: searched 16 levels deep, no further.
  const auto nested_graphs = [&](int levels) {
    std::string json = article;
    for (int i = 0; i < levels; ++i) json = R"({"@graph": [)" + json + "]}";
    return json;
  };
  EXPECT_EQ(DateOf(PageWith(JsonLd(nested_graphs(7)), body)), "2025-06-02");
  EXPECT_EQ(DateOf(PageWith(JsonLd(nested_graphs(30)), body)), "2025-04-05");

  // 20,000 nodes before the article: the search stops after 10,000 values.
  std::string crowd = "[";
  for (int i = 0; i < 20000; ++i) crowd += R"({"@type": "Thing"},)";
  EXPECT_EQ(DateOf(PageWith(JsonLd(crowd + article + "]"), body)), "2025-04-05");
}

TEST(HtmlTextTest, ConvertsFragments) {
  EXPECT_EQ(HtmlToText("<p>One &amp; two</p><p>Three</p>"), "One & two\n\nThree");
  EXPECT_EQ(HtmlToText("plain text only"), "plain text only");
  EXPECT_EQ(HtmlToText(""), "");
  EXPECT_EQ(HtmlToLine("<b>Bold</b>\n<i>title</i><br>next"), "Bold title next");
  EXPECT_EQ(PlainToText("  a   b \n c\n\n\n d  "), "a b\nc\n\nd");
}

TEST(HtmlTextTest, NormalizesWebDates) {
  EXPECT_EQ(NormalizeWebDate("2025-06-03"), "2025-06-03");
  EXPECT_EQ(NormalizeWebDate(" 2025-06-03T07:23:00+02:00 "), "2025-06-03");
  EXPECT_EQ(NormalizeWebDate("Tue, 03 Jun 2025 07:23:00 +0000"), "2025-06-03");
  EXPECT_EQ(NormalizeWebDate("3 June 2025"), "2025-06-03");
  EXPECT_EQ(NormalizeWebDate("Mon, 5 Sep 94 10:00 GMT"), "1994-09-05");
  EXPECT_EQ(NormalizeWebDate("Sat, 01-Feb-2025"), "2025-02-01");
  EXPECT_EQ(NormalizeWebDate("June 5, 2025"), "2025-06-05");
  EXPECT_EQ(NormalizeWebDate("2025-02-30"), "");
  EXPECT_EQ(NormalizeWebDate("31 Feb 2025"), "");
  EXPECT_EQ(NormalizeWebDate("yesterday"), "");
  EXPECT_EQ(NormalizeWebDate(""), "");
}

TEST(HtmlTextTest, NormalizesLanguageTags) {
  EXPECT_EQ(NormalizeLangTag("en-GB"), "en");
  EXPECT_EQ(NormalizeLangTag("FR"), "fr");
  EXPECT_EQ(NormalizeLangTag("pt_BR"), "pt");
  EXPECT_EQ(NormalizeLangTag(" de, en"), "de");
  EXPECT_EQ(NormalizeLangTag("eng"), "");
  EXPECT_EQ(NormalizeLangTag("x"), "");
  EXPECT_EQ(NormalizeLangTag("1a"), "");
}

}  // namespace
}  // namespace concord::corpus
