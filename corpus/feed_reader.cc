// RSS 2.0 / 0.9x, RSS 1.0 (RDF) and Atom feeds: one article per item or
// entry. Elements are matched by local name, so any namespace prefix works
// (and a prefix the feed forgot to declare as well). Item HTML is turned into
// text by corpus/html_text.h, the same extraction as for HTML pages.

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>

#include <algorithm>
#include <climits>
#include <cstddef>
#include <memory>
#include <set>
#include <string>
#include <string_view>

#include "corpus/article.h"
#include "corpus/date_extract.h"
#include "corpus/html_text.h"
#include "corpus/reader.h"
#include "lang/ascii.h"
#include "lang/utf8.h"

namespace concord::corpus {
namespace {

constexpr std::size_t kMaxIdBytes = 200;
// Bytes and nodes that entity references may add to a whole feed: enough for
// legitimate internal entities, far too little for a "billion laughs".
constexpr std::size_t kEntityBudget = 1u << 20;
constexpr std::size_t kDateSearchBytes = 2000;

// Namespaces whose elements are the feed's own (as opposed to extensions
// such as media:title or media:content that share a local name).
constexpr std::string_view kFeedNamespaces[] = {
    "http://www.w3.org/2005/Atom",      "http://purl.org/atom/ns#",
    "http://purl.org/rss/1.0/",         "http://my.netscape.com/rdf/simple/0.9/",
    "http://backend.userland.com/rss2", "http://blogs.law.harvard.edu/tech/rss",
};

struct DocDeleter {
  void operator()(xmlDoc* doc) const { xmlFreeDoc(doc); }
};
struct ParserDeleter {
  void operator()(xmlParserCtxt* ctxt) const { xmlFreeParserCtxt(ctxt); }
};

// The first error of the parse running on this thread, captured from
// libxml2 instead of printed.
struct FirstError {
  const xmlParserCtxt* ctxt = nullptr;  // the parse of the whole document
  bool seen = false;
  int line = 0;
  std::string message;
};
thread_local FirstError* t_first_error = nullptr;

template <typename Error>
void RecordError(void*, Error error) {
  if (t_first_error == nullptr || t_first_error->seen || error == nullptr) return;
  // Undeclared prefixes ("content:encoded" without xmlns:content) are common
  // and harmless: elements are matched by local name anyway.
  if (error->level < XML_ERR_ERROR || error->domain == XML_FROM_NAMESPACE) return;
  t_first_error->seen = true;
  // Errors inside an entity's text count lines from the entity's start; the
  // document's own input says where in the file the parser was.
  const xmlParserCtxt* ctxt = t_first_error->ctxt;
  t_first_error->line = (ctxt != nullptr && ctxt->inputNr > 0 && ctxt->inputTab[0] != nullptr)
                            ? ctxt->inputTab[0]->line
                            : error->line;
  std::string message = error->message != nullptr ? error->message : "";
  while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) {
    message.pop_back();
  }
  t_first_error->message = message.empty() ? "parse error" : message;
}

bool InFeedNamespace(const xmlNode* node) {
  if (node->ns == nullptr || node->ns->href == nullptr) return true;
  const std::string_view href(reinterpret_cast<const char*>(node->ns->href));
  for (std::string_view ns : kFeedNamespaces) {
    if (href == ns) return true;
  }
  return false;
}

// The first child element called `name`, preferring the feed's own
// namespaces over extensions.
const xmlNode* FindChild(const xmlNode* parent, std::string_view name) {
  if (parent == nullptr) return nullptr;
  const xmlNode* other = nullptr;
  for (const xmlNode* c = parent->children; c != nullptr; c = c->next) {
    if (c->type != XML_ELEMENT_NODE || !EqualsIgnoreCase(LocalName(c), name)) continue;
    if (InFeedNamespace(c)) return c;
    if (other == nullptr) other = c;
  }
  return other;
}

bool HasElementChild(const xmlNode* node) {
  for (const xmlNode* c = node->children; c != nullptr; c = c->next) {
    if (c->type == XML_ELEMENT_NODE) return true;
  }
  return false;
}

bool LooksLikeHtml(std::string_view s) { return s.find_first_of("<&") != std::string_view::npos; }

class FeedParser {
 public:
  FeedParser(const Source& source, ArticleSink* sink) : source_(source), sink_(sink) {}

  bool Read(std::string* error);

 private:
  // The text of a title, description or content element: escaped HTML,
  // inline XHTML or plain text, to extracted text. In Atom the type
  // attribute says which; RSS does not say, so markup is looked for.
  std::string ContentText(const xmlNode* node, bool atom) {
    if (node == nullptr) return {};
    const std::string type = lang::LowerAscii(lang::TrimAscii(AttributeValue(node, "type")));
    if (HasElementChild(node)) return ExtractMainText(node, &entity_budget_);
    const std::string raw = NodeText(node, &entity_budget_);
    if (atom && type.find("html") != std::string::npos) return HtmlToText(raw);
    if (atom && !type.empty() && type != "text" && type.compare(0, 5, "text/") != 0) {
      return {};  // base64 media and the like
    }
    return LooksLikeHtml(raw) ? HtmlToText(raw) : PlainToText(raw);
  }

  std::string ChildText(const xmlNode* parent, std::string_view name) {
    const xmlNode* child = FindChild(parent, name);
    return child == nullptr ? std::string()
                            : std::string(lang::TrimAscii(NodeText(child, &entity_budget_)));
  }

  std::string TitleOf(const xmlNode* parent, bool atom) {
    return CollapseWhitespace(ContentText(FindChild(parent, "title"), atom));
  }

  // RSS <link>text</link>, else Atom <link rel="alternate" href>, else the
  // first <link href>.
  std::string LinkOf(const xmlNode* item) {
    std::string text_link, alternate, first_href;
    for (const xmlNode* c = item->children; c != nullptr; c = c->next) {
      if (c->type != XML_ELEMENT_NODE || !EqualsIgnoreCase(LocalName(c), "link")) continue;
      const std::string href = std::string(lang::TrimAscii(AttributeValue(c, "href")));
      if (!href.empty()) {
        const std::string rel = lang::LowerAscii(lang::TrimAscii(AttributeValue(c, "rel")));
        if (alternate.empty() && (rel.empty() || rel == "alternate")) alternate = href;
        if (first_href.empty()) first_href = href;
      } else if (text_link.empty()) {
        text_link = std::string(lang::TrimAscii(NodeText(c, &entity_budget_)));
      }
    }
    if (!text_link.empty()) return text_link;
    return alternate.empty() ? first_href : alternate;
  }

  // xml:lang of the item or its nearest ancestor.
  static std::string XmlLang(const xmlNode* node) {
    for (; node != nullptr && node->type == XML_ELEMENT_NODE; node = node->parent) {
      const std::string lang = NormalizeLangTag(AttributeValue(node, "lang"));
      if (!lang.empty()) return lang;
    }
    return {};
  }

  // Printable, bounded: control characters and spaces become '_'.
  static std::string SanitizeIdPart(std::string_view raw) {
    std::string valid(raw);
    if (lang::FindInvalidUtf8(valid) != std::string::npos) valid = lang::SanitizeUtf8(valid);
    std::string out;
    for (std::size_t i = 0; i < valid.size(); ++i) {
      const unsigned char c = static_cast<unsigned char>(valid[i]);
      const bool c1_control =
          c == 0xC2 && i + 1 < valid.size() && static_cast<unsigned char>(valid[i + 1]) < 0xA0;
      if (c <= 0x20 || c == 0x7F || c1_control) {
        if (c1_control) ++i;
        if (!out.empty() && out.back() != '_') out += '_';
      } else {
        out += static_cast<char>(c);
      }
    }
    while (!out.empty() && out.back() == '_') out.pop_back();
    if (out.size() > kMaxIdBytes) {
      std::size_t cut = kMaxIdBytes;
      while (cut > 0 && (static_cast<unsigned char>(out[cut]) & 0xC0) == 0x80) --cut;
      out.resize(cut);
    }
    return out;
  }

  std::string UniqueId(std::string_view key, int n) {
    std::string id;
    const std::string part = SanitizeIdPart(key);
    if (!part.empty()) id = source_.id + "#" + part;
    // Items without an id, and repeats of an earlier item's id, are numbered.
    if (id.empty() || used_ids_.count(id) > 0) id = source_.id + "#item-" + std::to_string(n);
    for (int k = 2; used_ids_.count(id) > 0; ++k) {
      id = source_.id + "#item-" + std::to_string(n) + "-" + std::to_string(k);
    }
    used_ids_.insert(id);
    return id;
  }

  void ReadItem(const xmlNode* item, int n, bool atom);

  const Source& source_;
  ArticleSink* sink_;
  std::size_t entity_budget_ = kEntityBudget;
  std::set<std::string> used_ids_;
  std::string feed_title_;
  std::string feed_lang_;
};

void FeedParser::ReadItem(const xmlNode* item, int n, bool atom) {
  Article article;
  article.title = TitleOf(item, atom);
  static constexpr const char* kAtomText[] = {"content", "summary"};
  static constexpr const char* kRssText[] = {"encoded", "description"};
  for (const char* name : atom ? kAtomText : kRssText) {
    article.text = ContentText(FindChild(item, name), atom);
    if (!article.text.empty()) break;
  }
  if (article.text.empty() && article.title.empty()) {
    sink_->Warn(source_.path + ": feed item " + std::to_string(n) + " has no text; skipped");
    return;
  }
  // A headline-only item (a link post) is still findable by its headline.
  if (article.text.empty()) article.text = article.title;

  const std::string guid = ChildText(item, atom ? "id" : "guid");
  article.url = LinkOf(item);
  if (article.url.empty() && !atom && guid.compare(0, 4, "http") == 0) {
    const xmlNode* guid_node = FindChild(item, "guid");
    if (lang::LowerAscii(lang::TrimAscii(AttributeValue(guid_node, "isPermaLink"))) != "false") {
      article.url = guid;
    }
  }
  std::string key = guid;
  if (key.empty()) key = article.url;
  // RSS 1.0 rdf:about
  if (key.empty()) key = std::string(lang::TrimAscii(AttributeValue(item, "about")));
  article.id = UniqueId(key, n);

  for (const char* name : {"pubDate", "date", "published", "issued", "updated", "modified"}) {
    const std::string value = ChildText(item, name);
    if (!value.empty()) article.date = NormalizeWebDate(value);
    if (!article.date.empty()) break;
  }
  if (article.date.empty()) {
    article.date = FindDate(std::string_view(article.text).substr(0, kDateSearchBytes));
  }

  article.path = source_.path;
  article.source = feed_title_;
  article.lang = XmlLang(item);
  if (article.lang.empty()) article.lang = feed_lang_;
  sink_->Add(std::move(article));
}

bool FeedParser::Read(std::string* error) {
  QuietLibxml2();
  std::string_view content = source_.content;
  // Feeds written by careless scripts start with blank lines before the XML
  // declaration, which XML forbids; skip them and keep line numbers true.
  int skipped_lines = 0;
  {
    std::size_t start = content.compare(0, 3, "\xEF\xBB\xBF") == 0 ? 3 : 0;
    std::size_t p = start;
    int newlines = 0;
    while (p < content.size() && lang::IsAsciiSpace(content[p])) newlines += content[p++] == '\n';
    if (p > start && content.compare(p, 5, "<?xml") == 0) {
      content.remove_prefix(p);
      skipped_lines = newlines;
    }
  }
  if (content.size() > static_cast<std::size_t>(INT_MAX)) {
    *error = source_.path + ": feed too large to parse";
    return false;
  }

  const std::unique_ptr<xmlParserCtxt, ParserDeleter> ctxt(xmlNewParserCtxt());
  if (ctxt == nullptr) {
    *error = source_.path + ": out of memory parsing the feed";
    return false;
  }
  xmlStructuredErrorFunc record = &RecordError;
  ctxt->sax->serror = record;
  FirstError first_error;
  first_error.ctxt = ctxt.get();
  t_first_error = &first_error;
  // No XML_PARSE_NOENT, DTDLOAD or HUGE: entities stay references, nothing
  // external is ever fetched, and libxml2's size limits apply.
  const std::unique_ptr<xmlDoc, DocDeleter> doc(xmlCtxtReadMemory(
      ctxt.get(), content.data(), static_cast<int>(content.size()), nullptr, nullptr,
      XML_PARSE_RECOVER | XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING));
  t_first_error = nullptr;
  const int error_line =
      (first_error.seen ? first_error.line : ctxt->lastError.line) + skipped_lines;
  const xmlNode* root = doc == nullptr ? nullptr : xmlDocGetRootElement(doc.get());
  if (root == nullptr) {
    const std::string message =
        first_error.seen ? first_error.message : std::string("no XML element found");
    *error = source_.path + ": malformed XML feed (line " +
             std::to_string(std::max(error_line, 1)) + ": " + message + ")";
    return false;
  }

  const std::string root_name = lang::LowerAscii(LocalName(root));
  const xmlNode* channel = nullptr;
  const xmlNode* item_parent = nullptr;
  const char* item_name = "item";
  bool atom = false;
  if (root_name == "rss") {
    channel = FindChild(root, "channel");
    item_parent = channel != nullptr ? channel : root;
  } else if (root_name == "channel") {
    channel = item_parent = root;
  } else if (root_name == "rdf") {
    channel = FindChild(root, "channel");
    item_parent = root;  // RSS 1.0 items are siblings of the channel
  } else if (root_name == "feed") {
    channel = item_parent = root;
    item_name = "entry";
    atom = true;
  } else {
    *error = source_.path + ": not an RSS or Atom feed (root element <" +
             SanitizeIdPart(LocalName(root)).substr(0, 40) + ">)";
    return false;
  }

  if (!ctxt->wellFormed) {
    sink_->Warn(source_.path + ": malformed XML at line " +
                std::to_string(std::max(error_line, 1)) + "; recovered what could be read");
  }
  feed_title_ = TitleOf(channel, atom);
  feed_lang_ = NormalizeLangTag(ChildText(channel, "language"));

  int n = 0;
  for (const xmlNode* c = item_parent->children; c != nullptr; c = c->next) {
    if (c->type != XML_ELEMENT_NODE || !EqualsIgnoreCase(LocalName(c), item_name)) continue;
    ReadItem(c, ++n, atom);
  }
  if (n == 0) sink_->Warn(source_.path + ": feed has no items, nothing to index");
  return true;
}

}  // namespace

bool ReadFeedSource(const Source& source, ArticleSink* sink, std::string* error) {
  FeedParser parser(source, sink);
  return parser.Read(error);
}

}  // namespace concord::corpus
