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
    EXPECT_EQ(sink.warnings[0], "pages/story.html: HTML page has no text, nothing to index");
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
