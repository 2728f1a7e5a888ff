#ifndef CONCORD_CORPUS_HTML_TEXT_H_
#define CONCORD_CORPUS_HTML_TEXT_H_

// Internal to corpus/: the HTML-to-text extraction shared by the HTML page
// reader and the feed reader (feed items carry HTML in their descriptions).
// Parsing is libxml2's; this file decides what text and metadata to keep.

#include <libxml/tree.h>

#include <cstddef>
#include <string>
#include <string_view>

namespace concord::corpus {

// What an HTML page says about itself, plus its main text. Every field may be
// empty; none is taken from outside the page (no source hints, no FindDate).
struct HtmlPage {
  std::string title;      // og:title, else <title>, else the first <h1>; one line
  std::string date;       // YYYY-MM-DD from publication meta tags, JSON-LD, microdata
                          // or <time datetime>
  std::string site_name;  // og:site_name, else meta publisher / application-name
  std::string url;        // <link rel=canonical>, else og:url, exactly as written
  std::string lang;       // two letters from <html lang>, else http-equiv content-language
  std::string text;       // main text, see ExtractMainText
};

// Parses a whole page. The charset comes from the page (<meta charset>, BOM,
// XML declaration); undeclared non-UTF-8 bytes are read as Latin-1 by libxml2.
// False only when libxml2 cannot make a document of the bytes at all.
bool ParseHtmlPage(std::string_view bytes, HtmlPage* page);

// Text of an HTML fragment already in UTF-8 (an RSS description, an Atom
// content): the same extraction as for pages. Empty when there is no text.
std::string HtmlToText(std::string_view html);

// HtmlToText on a single line: line breaks become spaces (titles).
std::string HtmlToLine(std::string_view html);

// Plain text (no markup) laid out like extracted text: whitespace runs
// collapsed within a line, a blank line between paragraphs, trimmed.
std::string PlainToText(std::string_view text);

// Whitespace runs (line breaks included) to one space, trimmed.
std::string CollapseWhitespace(std::string_view text);

// Dates as found in web metadata and feeds: ISO 8601 ("2025-06-03",
// "2025-06-03T07:23:00+02:00") and RFC 822 ("Tue, 03 Jun 2025 07:23:00 +0000",
// two-digit years too), else anything FindDate understands. The day is the one
// written (no time-zone conversion). "" when there is no valid date.
std::string NormalizeWebDate(std::string_view value);

// "en-GB" -> "en", "FR" -> "fr", "de, en" -> "de"; "" unless the tag starts
// with exactly two ASCII letters.
std::string NormalizeLangTag(std::string_view tag);

// --- libxml2 level, for readers that parse documents themselves ----------

// Silences libxml2's own error printing (process default and this thread).
// Cheap after the first call on a thread; call before every parse.
void QuietLibxml2();

// Main text below `root`: the largest <article> if any, else the largest
// <main>, else `root` itself, without boilerplate (see docs/corpus.md). Works
// on HTML and on XML trees (element names are compared by local name).
// Entity references in XML trees are followed to a small depth while
// `*entity_budget` (bytes and nodes) lasts, so that an entity bomb stays
// cheap; pass a budget shared by the whole document. `*main_root`, when not
// null, receives the element the text was taken from.
std::string ExtractMainText(const xmlNode* root, std::size_t* entity_budget,
                            const xmlNode** main_root = nullptr);

// The element's name without any namespace prefix.
std::string_view LocalName(const xmlNode* node);

// Case-insensitive ASCII comparison.
bool EqualsIgnoreCase(std::string_view a, std::string_view b);

// Value of the attribute with local name `name` (case-insensitive), or "".
// Only literal text is read; entity references in the value are skipped.
std::string AttributeValue(const xmlNode* node, std::string_view name);

// Concatenated text below `node` (text and CDATA, no markup), following
// entity references like ExtractMainText.
std::string NodeText(const xmlNode* node, std::size_t* entity_budget);

}  // namespace concord::corpus

#endif  // CONCORD_CORPUS_HTML_TEXT_H_
