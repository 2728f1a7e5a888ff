#include "corpus/html_text.h"

#include <libxml/HTMLparser.h>
#include <libxml/entities.h>
#include <libxml/parser.h>
#include <libxml/xmlerror.h>

#include <algorithm>
#include <climits>
#include <cstddef>
#include <cstdio>
#include <initializer_list>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "corpus/date_extract.h"
#include "lang/ascii.h"
#include "lang/utf8.h"

namespace concord::corpus {
namespace {

// Entity references are followed this deep at most (XML trees only; the HTML
// parser decodes entities itself).
constexpr int kMaxEntityDepth = 4;

// JSON-LD bounds. Real blocks are a few KiB and nest a handful of levels.
constexpr std::size_t kMaxJsonLdBytes = 1u << 20;   // a larger <script> is skipped
constexpr std::size_t kJsonLdPageBytes = 4u << 20;  // parsed per page at most
constexpr int kMaxJsonLdNesting = 64;               // deeper blocks are skipped unparsed
constexpr int kMaxJsonLdDepth = 16;                 // arrays and @graph levels searched
constexpr std::size_t kMaxJsonLdValues = 10000;     // values looked at per page

using nlohmann::json;

void IgnoreGenericError(void*, const char*, ...) {}

// A template so that it matches both the 2.9 signature (xmlErrorPtr) and the
// newer one (const xmlError*).
template <typename Error>
void IgnoreStructuredError(void*, Error) {}

struct DocDeleter {
  void operator()(xmlDoc* doc) const { xmlFreeDoc(doc); }
};
using DocPtr = std::unique_ptr<xmlDoc, DocDeleter>;
using lang::IsAsciiSpace;
using lang::LowerAscii;
using lang::TrimAscii;

bool IsAsciiAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsAsciiDigit(char c) { return c >= '0' && c <= '9'; }

std::string_view XmlView(const xmlChar* s) {
  return s == nullptr ? std::string_view() : std::string_view(reinterpret_cast<const char*>(s));
}

bool IsOneOf(std::string_view name, std::initializer_list<std::string_view> names) {
  for (std::string_view n : names) {
    if (name == n) return true;
  }
  return false;
}

bool StartsWith(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && s.compare(0, prefix.size(), prefix) == 0;
}

// Lays text out line by line: whitespace runs inside a line become one space,
// block boundaries become a line break or a blank line, and nothing is ever
// emitted before the first or after the last visible character.
class TextBuilder {
 public:
  static constexpr int kLine = 1;
  static constexpr int kParagraph = 2;

  // With `keep_newlines` (<pre>, plain text), a newline breaks the line and
  // two in a row (blank line) break the paragraph.
  void Text(std::string_view s, bool keep_newlines) {
    for (std::size_t i = 0; i < s.size(); ++i) {
      const char c = s[i];
      const unsigned char u = static_cast<unsigned char>(c);
      if (c == '\n' && keep_newlines) {
        Break(pending_ >= kLine ? kParagraph : kLine);
      } else if (IsAsciiSpace(c)) {
        space_ = true;
      } else if (u == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xA0) {
        space_ = true;  // no-break space (&nbsp;)
        ++i;
      } else if (u < 0x20 || u == 0x7F) {
        // Control characters carry no text.
      } else {
        Emit(c);
      }
    }
  }

  void Break(int level) { pending_ = std::max(pending_, level); }

  // <br>: a second one in a row separates paragraphs.
  void LineBreak() { Break(pending_ >= kLine ? kParagraph : kLine); }

  void Space() { space_ = true; }

  std::size_t size() const { return out_.size(); }

  std::string Finish() {
    if (lang::FindInvalidUtf8(out_) != std::string::npos) return lang::SanitizeUtf8(out_);
    return std::move(out_);
  }

 private:
  void Emit(char c) {
    if (!out_.empty()) {
      if (pending_ == kParagraph) {
        out_ += "\n\n";
      } else if (pending_ == kLine) {
        out_ += '\n';
      } else if (space_) {
        out_ += ' ';
      }
    }
    pending_ = 0;
    space_ = false;
    out_ += c;
  }

  std::string out_;
  int pending_ = 0;
  bool space_ = false;
};

// Elements that never hold readable text.
bool IsNeverText(std::string_view name) {
  return IsOneOf(name,
                 {"script", "style", "noscript", "template", "svg", "iframe", "button", "select",
                  "textarea", "head", "title", "canvas", "video", "audio", "object"});
}

// Elements that are page furniture rather than the article.
bool IsBoilerplateTag(std::string_view name) {
  return IsOneOf(name, {"nav", "header", "footer", "aside", "form"});
}

bool IsBoilerplateRole(std::string_view role) {
  const std::string r = LowerAscii(TrimAscii(role));
  return IsOneOf(
      r, {"navigation", "banner", "contentinfo", "complementary", "search", "menu", "menubar"});
}

// Words of class names and ids that mark furniture. A token matches when it
// starts with one ("navbar", "comments", "subscription").
bool IsBoilerplateToken(std::string_view token) {
  if (StartsWith(token, "commentar")) return false;  // "commentary" is an article kind
  for (std::string_view word :
       {"nav", "menu", "footer", "header", "sidebar", "cookie", "banner", "share", "social",
        "related", "comment", "advert", "promo", "subscri", "breadcrumb", "newsletter", "popup"}) {
    if (StartsWith(token, word)) return true;
  }
  return false;
}

// Splits "site-header mainNav" into "site", "header", "main", "nav".
bool HasBoilerplateToken(std::string_view value) {
  std::string token;
  char prev = 0;
  // Layout modifiers ("has-sidebar", "no-header") describe the page around
  // the element, not the element.
  bool after_modifier = false;
  const auto flush = [&] {
    const bool hit = !token.empty() && !after_modifier && IsBoilerplateToken(token);
    if (!token.empty()) after_modifier = IsOneOf(token, {"has", "with", "no", "without"});
    token.clear();
    return hit;
  };
  for (char c : value) {
    if (IsAsciiAlpha(c) || IsAsciiDigit(c)) {
      const bool camel_break = (c >= 'A' && c <= 'Z') && prev >= 'a' && prev <= 'z';
      if (camel_break && flush()) return true;
      token += LowerAscii(c);
    } else if (flush()) {
      return true;
    }
    prev = c;
  }
  return flush();
}

enum class Strictness { kStrict, kLenient };

bool IsElement(const xmlNode* node) { return node != nullptr && node->type == XML_ELEMENT_NODE; }

std::string LowerLocalName(const xmlNode* node) { return LowerAscii(LocalName(node)); }

// Calls `visit` on every element below `root` in document order (root
// included); `visit` returns false to skip the element's children. Iterative:
// recovered documents can nest deeply.
template <typename Visit>
void WalkElements(const xmlNode* root, Visit visit) {
  std::vector<const xmlNode*> stack = {root};
  std::vector<const xmlNode*> children;
  while (!stack.empty()) {
    const xmlNode* node = stack.back();
    stack.pop_back();
    if (IsElement(node) && !visit(node)) continue;
    if (node->type != XML_ELEMENT_NODE && node->type != XML_DOCUMENT_NODE &&
        node->type != XML_HTML_DOCUMENT_NODE) {
      continue;
    }
    children.clear();
    for (const xmlNode* c = node->children; c != nullptr; c = c->next) {
      if (c->type == XML_ELEMENT_NODE) children.push_back(c);
    }
    stack.insert(stack.end(), children.rbegin(), children.rend());
  }
}

// Whether an element named `name` (one of "article", "main") is below `node`.
bool ContainsElement(const xmlNode* node, std::string_view name) {
  bool found = false;
  WalkElements(node, [&](const xmlNode* e) {
    if (found) return false;
    if (e != node && LowerLocalName(e) == name) found = true;
    return !found;
  });
  return found;
}

// Visible bytes below `node`, roughly: text outside never-text elements,
// without whitespace. Used to compare sizes only.
std::size_t VisibleBytes(const xmlNode* node) {
  std::size_t bytes = 0;
  WalkElements(node, [&](const xmlNode* e) {
    if (IsNeverText(LowerLocalName(e))) return false;
    for (const xmlNode* c = e->children; c != nullptr; c = c->next) {
      if (c->type != XML_TEXT_NODE && c->type != XML_CDATA_SECTION_NODE) continue;
      for (char ch : XmlView(c->content)) bytes += IsAsciiSpace(ch) ? 0 : 1;
    }
    return true;
  });
  return bytes;
}

// What is being extracted, and how strictly.
class DropRules {
 public:
  DropRules(const xmlNode* root, Strictness strictness) : root_(root), strictness_(strictness) {}

  // Whether `node` (an element below or at the root) is left out of the text.
  bool IsDropped(const xmlNode* node) {
    const std::string name = LowerLocalName(node);
    if (IsNeverText(name)) return node != root_;
    if (strictness_ == Strictness::kLenient || node == root_ ||
        IsOneOf(name, {"html", "body", "article", "main"})) {
      return false;
    }
    const bool by_tag = IsBoilerplateTag(name) || IsBoilerplateRole(AttributeValue(node, "role"));
    if (!by_tag && !HasBoilerplateToken(AttributeValue(node, "class")) &&
        !HasBoilerplateToken(AttributeValue(node, "id"))) {
      return false;
    }
    // There is one <main> per page: what holds it is a wrapper, not furniture.
    if (ContainsElement(node, "main")) return false;
    // A <form> around the whole page (ASP.NET) or a wrapper whose class only
    // sounds like furniture holds the article; a box of teaser <article>s
    // ("related", "sidebar") holds little of the page's text.
    if (name == "form") return !ContainsElement(node, "article") && !HoldsMostText(node);
    if (by_tag) return true;
    return !(ContainsElement(node, "article") && HoldsMostText(node));
  }

 private:
  bool HoldsMostText(const xmlNode* node) {
    if (root_bytes_ == kUnknown) root_bytes_ = VisibleBytes(root_);
    return VisibleBytes(node) * 2 > root_bytes_;
  }

  static constexpr std::size_t kUnknown = ~std::size_t{0};
  const xmlNode* root_;
  Strictness strictness_;
  std::size_t root_bytes_ = kUnknown;
};

int BlockLevel(std::string_view name) {
  if (name.size() == 2 && name[0] == 'h' && name[1] >= '1' && name[1] <= '6') {
    return TextBuilder::kParagraph;
  }
  if (IsOneOf(name, {"p",       "blockquote", "pre",  "ul",       "ol",      "dl",      "table",
                     "section", "article",    "main", "figure",   "hr",      "address", "header",
                     "footer",  "aside",      "nav",  "fieldset", "details", "body",    "form"})) {
    return TextBuilder::kParagraph;
  }
  if (IsOneOf(name, {"div", "li", "tr", "dd", "dt", "figcaption", "caption", "summary", "legend",
                     "center"})) {
    return TextBuilder::kLine;
  }
  return 0;
}

// The entity declaration an entity-reference node points to, if it may be
// expanded.
const xmlEntity* ExpandableEntity(const xmlNode* ref) {
  const xmlNode* target = ref->children;
  if (target == nullptr || target->type != XML_ENTITY_DECL) return nullptr;
  const xmlEntity* entity = reinterpret_cast<const xmlEntity*>(target);
  if (entity->etype != XML_INTERNAL_GENERAL_ENTITY) return nullptr;
  return entity;
}

// Walks the nodes below `root` in order, text and entity references included.
// `on_element(node, entering)` is called when an element is entered (return
// false to skip it) and left; `on_text(text)` for text and CDATA.
template <typename OnElement, typename OnText>
void WalkContent(const xmlNode* root, std::size_t* entity_budget, OnElement on_element,
                 OnText on_text) {
  struct Frame {
    const xmlNode* node;
    int entity_depth;
    bool leaving;
  };
  std::vector<Frame> stack = {{root, 0, false}};
  std::vector<const xmlNode*> children;
  const auto push_children = [&](const xmlNode* first, int depth) {
    children.clear();
    for (const xmlNode* c = first; c != nullptr; c = c->next) children.push_back(c);
    for (auto it = children.rbegin(); it != children.rend(); ++it) {
      stack.push_back({*it, depth, false});
    }
  };
  while (!stack.empty()) {
    const Frame frame = stack.back();
    stack.pop_back();
    const xmlNode* node = frame.node;
    if (frame.leaving) {
      on_element(node, false);
      continue;
    }
    // Whatever comes out of entities is paid for from the budget.
    if (frame.entity_depth > 0) {
      if (*entity_budget == 0) continue;
      --*entity_budget;
    }
    switch (node->type) {
      case XML_TEXT_NODE:
      case XML_CDATA_SECTION_NODE: {
        std::string_view text = XmlView(node->content);
        if (frame.entity_depth > 0) {
          text = text.substr(0, *entity_budget);
          *entity_budget -= text.size();
        }
        on_text(text);
        break;
      }
      case XML_ELEMENT_NODE:
        if (!on_element(node, true)) break;
        stack.push_back({node, frame.entity_depth, true});
        push_children(node->children, frame.entity_depth);
        break;
      case XML_DOCUMENT_NODE:
      case XML_HTML_DOCUMENT_NODE:
        push_children(node->children, frame.entity_depth);
        break;
      case XML_ENTITY_REF_NODE:
        if (frame.entity_depth<kMaxEntityDepth&& * entity_budget> 0) {
          if (const xmlEntity* entity = ExpandableEntity(node)) {
            push_children(entity->children, frame.entity_depth + 1);
          }
        }
        break;
      default:
        break;  // comments, processing instructions, DTD
    }
  }
}

std::string ExtractText(const xmlNode* root, Strictness strictness, std::size_t* entity_budget) {
  TextBuilder builder;
  DropRules rules(root, strictness);
  int pre_depth = 0;
  const auto on_element = [&](const xmlNode* node, bool entering) {
    if (entering && rules.IsDropped(node)) return false;
    const std::string name = LowerLocalName(node);
    if (name == "br") {
      if (entering) builder.LineBreak();
      return true;
    }
    if (name == "td" || name == "th") {
      builder.Space();
      return true;
    }
    if (name == "pre") pre_depth += entering ? 1 : -1;
    if (const int level = BlockLevel(name)) builder.Break(level);
    return true;
  };
  const auto on_text = [&](std::string_view text) { builder.Text(text, pre_depth > 0); };
  WalkContent(root, entity_budget, on_element, on_text);
  return builder.Finish();
}

// Outermost elements named `name` below `root` that are not inside dropped
// furniture (a teaser <article> inside a sidebar does not count).
std::vector<const xmlNode*> FindOutermost(const xmlNode* root, std::string_view name,
                                          Strictness strictness) {
  std::vector<const xmlNode*> found;
  DropRules rules(root, strictness);
  WalkElements(root, [&](const xmlNode* e) {
    if (rules.IsDropped(e)) return false;
    if (LowerLocalName(e) == name) {
      found.push_back(e);
      return false;
    }
    return true;
  });
  return found;
}

const xmlNode* FindFirstElement(const xmlNode* root, std::string_view name) {
  const xmlNode* found = nullptr;
  WalkElements(root, [&](const xmlNode* e) {
    if (found != nullptr) return false;
    if (LowerLocalName(e) == name) found = e;
    return found == nullptr;
  });
  return found;
}

bool RelHas(std::string_view rel, std::string_view wanted) {
  std::string token;
  for (std::size_t i = 0; i <= rel.size(); ++i) {
    if (i == rel.size() || IsAsciiSpace(rel[i])) {
      if (EqualsIgnoreCase(token, wanted)) return true;
      token.clear();
    } else {
      token += rel[i];
    }
  }
  return false;
}

// "2025-06-02" from "2025-06-02" or "2025-06-02T10:15:00+03:00": the day as
// written. "" unless `s` starts with a valid YYYY-MM-DD not followed by a digit.
std::string IsoDateAtStart(std::string_view s) {
  if (s.size() < 10 || (s.size() > 10 && IsAsciiDigit(s[10]))) return {};
  const std::string_view day = s.substr(0, 10);
  return IsValidIsoDate(day) ? std::string(day) : std::string();
}

bool IsJsonLdScript(const xmlNode* e) {
  const std::string type = AttributeValue(e, "type");
  return EqualsIgnoreCase(TrimAscii(std::string_view(type).substr(0, type.find(';'))),
                          "application/ld+json");
}

// The text of a <script>; false when it is longer than `limit` bytes.
bool ScriptText(const xmlNode* script, std::size_t limit, std::string* text) {
  text->clear();
  for (const xmlNode* c = script->children; c != nullptr; c = c->next) {
    if (c->type != XML_TEXT_NODE && c->type != XML_CDATA_SECTION_NODE) continue;
    const std::string_view part = XmlView(c->content);
    if (part.size() > limit - text->size()) return false;
    *text += part;
  }
  return true;
}

// Whether the arrays and objects of `text` nest at most `max_depth` deep.
// nlohmann::json builds every level (an allocation each) before it can judge
// the text, so absurd nesting is refused before parsing. Up to the first
// syntax error the parser sees the same strings and brackets as this scan.
bool NestsAtMost(std::string_view text, int max_depth) {
  int depth = 0;
  bool in_string = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (c == '\\') {
        ++i;
      } else if (c == '"') {
        in_string = false;
      }
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > max_depth) return false;
    } else if (c == ']' || c == '}') {
      --depth;
    }
  }
  return true;
}

// Schema.org types whose date is the article's: NewsArticle and the other
// *Article types, ReportageNews, BlogPosting... Also as full IRIs
// ("https://schema.org/NewsArticle") and in a list of types.
bool IsArticleType(const json& type) {
  if (type.is_array()) {
    for (const json& t : type) {
      if (t.is_string() && IsArticleType(t)) return true;
    }
    return false;
  }
  if (!type.is_string()) return false;
  const std::string& iri = type.get_ref<const std::string&>();
  const std::string name = LowerAscii(std::string_view(iri).substr(iri.find_last_of("/#:") + 1));
  return (name.size() >= 7 && name.compare(name.size() - 7, 7, "article") == 0) ||
         IsOneOf(name, {"reportagenews", "blogposting", "liveblogposting", "report"});
}

// A JSON-LD date value: "2025-06-02...", {"@value": "2025-06-02"}, or a list
// whose first element is one of these.
std::string JsonLdDateValue(const json& value) {
  const json* v = &value;
  if (v->is_array() && !v->empty()) v = &v->front();
  if (v->is_object()) {
    const auto it = v->find("@value");
    if (it == v->end()) return {};
    v = &*it;
  }
  if (!v->is_string()) return {};
  return IsoDateAtStart(TrimAscii(v->get_ref<const std::string&>()));
}

// The publication date stated by a page's JSON-LD blocks: the first node
// (top level, in a top-level array, in @graph) of an article type with a
// datePublished, dateCreated or uploadDate; else the first node of any other
// type with one. Blocks that are not JSON are ignored, as are those over the
// bounds above.
class JsonLdDateFinder {
 public:
  void AddScript(const xmlNode* script) {
    if (!article_date_.empty()) return;
    if (!ScriptText(script, std::min(kMaxJsonLdBytes, bytes_left_), &text_)) return;
    bytes_left_ -= text_.size();
    if (!NestsAtMost(text_, kMaxJsonLdNesting)) return;
    const json doc = json::parse(text_.begin(), text_.end(), nullptr, /*allow_exceptions=*/false);
    if (!doc.is_discarded()) Visit(doc, 0);
  }

  std::string date() const { return article_date_.empty() ? other_date_ : article_date_; }

 private:
  void Visit(const json& value, int depth) {
    if (depth > kMaxJsonLdDepth || values_left_ == 0 || !article_date_.empty()) return;
    --values_left_;
    if (value.is_array()) {
      for (const json& element : value) Visit(element, depth + 1);
      return;
    }
    if (!value.is_object()) return;
    std::string date;
    for (const char* key : {"datePublished", "dateCreated", "uploadDate"}) {
      const auto it = value.find(key);
      if (it != value.end()) date = JsonLdDateValue(*it);
      if (!date.empty()) break;
    }
    if (!date.empty()) {
      const auto type = value.find("@type");
      if (type != value.end() && IsArticleType(*type)) {
        article_date_ = std::move(date);
        return;
      }
      if (other_date_.empty()) other_date_ = std::move(date);
    }
    const auto graph = value.find("@graph");
    if (graph != value.end()) Visit(*graph, depth + 1);
  }

  std::string text_;
  std::string article_date_;
  std::string other_date_;
  std::size_t bytes_left_ = kJsonLdPageBytes;
  std::size_t values_left_ = kMaxJsonLdValues;
};

}  // namespace

void QuietLibxml2() {
  // Threads started later take the process defaults; threads already running
  // (including this one) keep their own copy, set here once per thread.
  static const bool process_defaults = [] {
    xmlInitParser();
    xmlThrDefSetGenericErrorFunc(nullptr, IgnoreGenericError);
    xmlStructuredErrorFunc structured = &IgnoreStructuredError;
    xmlThrDefSetStructuredErrorFunc(nullptr, structured);
    return true;
  }();
  thread_local const bool this_thread = [] {
    xmlSetGenericErrorFunc(nullptr, IgnoreGenericError);
    xmlStructuredErrorFunc structured = &IgnoreStructuredError;
    xmlSetStructuredErrorFunc(nullptr, structured);
    return true;
  }();
  (void)process_defaults;
  (void)this_thread;
}

std::string_view LocalName(const xmlNode* node) {
  std::string_view name = XmlView(node->name);
  const std::size_t colon = name.rfind(':');
  if (colon != std::string_view::npos) name.remove_prefix(colon + 1);
  return name;
}

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (LowerAscii(a[i]) != LowerAscii(b[i])) return false;
  }
  return true;
}

std::string AttributeValue(const xmlNode* node, std::string_view name) {
  if (!IsElement(node)) return {};
  for (const xmlAttr* attr = node->properties; attr != nullptr; attr = attr->next) {
    std::string_view attr_name = XmlView(attr->name);
    const std::size_t colon = attr_name.rfind(':');
    if (colon != std::string_view::npos) attr_name.remove_prefix(colon + 1);
    if (!EqualsIgnoreCase(attr_name, name)) continue;
    std::string value;
    for (const xmlNode* c = attr->children; c != nullptr; c = c->next) {
      if (c->type == XML_TEXT_NODE) value += XmlView(c->content);
    }
    return value;
  }
  return {};
}

std::string NodeText(const xmlNode* node, std::size_t* entity_budget) {
  std::string out;
  WalkContent(
      node, entity_budget, [](const xmlNode*, bool) { return true; },
      [&](std::string_view text) { out += text; });
  return out;
}

std::string ExtractMainText(const xmlNode* root, std::size_t* entity_budget,
                            const xmlNode** main_root) {
  if (main_root != nullptr) *main_root = root;
  // Strict first; if furniture removal left nothing, the page is laid out in
  // a way the heuristics misread, and all its text is better than none.
  for (Strictness strictness : {Strictness::kStrict, Strictness::kLenient}) {
    for (std::string_view container : {"article", "main"}) {
      std::string best;
      for (const xmlNode* candidate : FindOutermost(root, container, strictness)) {
        std::string text = ExtractText(candidate, strictness, entity_budget);
        if (text.size() > best.size()) {
          best = std::move(text);
          if (main_root != nullptr) *main_root = candidate;
        }
      }
      if (!best.empty()) return best;
    }
    std::string text = ExtractText(root, strictness, entity_budget);
    if (!text.empty()) return text;
  }
  return {};
}

bool ParseHtmlPage(std::string_view bytes, HtmlPage* page) {
  *page = HtmlPage();
  if (bytes.size() > static_cast<std::size_t>(INT_MAX)) return false;
  QuietLibxml2();
  const DocPtr doc(htmlReadMemory(bytes.data(), static_cast<int>(bytes.size()), nullptr, nullptr,
                                  // HUGE: nesting up to 2048 levels instead of 256, so a page of
                                  // 400 unclosed <p><font> keeps its last paragraphs.
                                  HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                                      HTML_PARSE_NONET | XML_PARSE_HUGE));
  if (doc == nullptr) return false;
  const xmlNode* root = xmlDocGetRootElement(doc.get());
  if (root == nullptr) return true;

  const xmlNode* body = FindFirstElement(root, "body");
  std::size_t entity_budget = 1u << 20;
  const xmlNode* main_root = nullptr;
  page->text = ExtractMainText(body != nullptr ? body : root, &entity_budget, &main_root);

  // One pass over the page for <meta>, <link>, <title> and microdata.
  std::map<std::string, std::string> meta;  // lower-cased property/name/itemprop -> content
  std::string canonical, title_element, content_language, item_date;
  std::vector<const xmlNode*> json_ld_scripts;
  WalkElements(root, [&](const xmlNode* e) {
    const std::string name = LowerLocalName(e);
    if (name == "svg") return false;  // its <title> is not the page's
    if (name == "meta") {
      const std::string content = CollapseWhitespace(AttributeValue(e, "content"));
      for (const char* key_attr : {"property", "name", "itemprop"}) {
        const std::string key = LowerAscii(TrimAscii(AttributeValue(e, key_attr)));
        if (!key.empty() && !content.empty()) meta.emplace(key, content);
      }
      if (content_language.empty() &&
          EqualsIgnoreCase(TrimAscii(AttributeValue(e, "http-equiv")), "content-language")) {
        content_language = content;
      }
    } else if (name == "link") {
      if (canonical.empty() && RelHas(AttributeValue(e, "rel"), "canonical")) {
        canonical = std::string(TrimAscii(AttributeValue(e, "href")));
      }
    } else if (name == "title") {
      if (title_element.empty()) title_element = CollapseWhitespace(NodeText(e, &entity_budget));
    } else if (name == "script") {
      if (IsJsonLdScript(e)) json_ld_scripts.push_back(e);
    } else if (item_date.empty() && RelHas(AttributeValue(e, "itemprop"), "datePublished")) {
      for (const char* attr : {"content", "datetime"}) {
        if (item_date.empty()) item_date = NormalizeWebDate(AttributeValue(e, attr));
      }
      if (item_date.empty()) item_date = NormalizeWebDate(NodeText(e, &entity_budget));
    }
    return true;
  });
  const auto meta_value = [&](std::initializer_list<const char*> keys) -> std::string {
    for (const char* key : keys) {
      const auto it = meta.find(key);
      if (it != meta.end() && !it->second.empty()) return it->second;
    }
    return {};
  };

  page->title = meta_value({"og:title"});
  if (page->title.empty()) page->title = title_element;
  if (page->title.empty()) {
    // The headline of the article rather than a logo in the page header.
    const xmlNode* h1 = FindFirstElement(main_root, "h1");
    if (h1 == nullptr) h1 = FindFirstElement(root, "h1");
    if (h1 != nullptr) {
      page->title = CollapseWhitespace(ExtractText(h1, Strictness::kLenient, &entity_budget));
    }
  }

  for (const char* key :
       {"article:published_time", "og:article:published_time", "date", "pubdate", "dc.date",
        "dc.date.issued", "dcterms.date", "dcterms.issued", "datepublished"}) {
    const auto it = meta.find(key);
    if (it != meta.end()) page->date = NormalizeWebDate(it->second);
    if (!page->date.empty()) break;
  }
  if (page->date.empty()) {
    JsonLdDateFinder json_ld;
    for (const xmlNode* script : json_ld_scripts) json_ld.AddScript(script);
    page->date = json_ld.date();
  }
  if (page->date.empty()) page->date = item_date;
  // <time> in the body of a page without an <article> is as likely the
  // current date in a header; inside the article it dates the article.
  if (page->date.empty() && main_root != nullptr &&
      IsOneOf(LowerLocalName(main_root), {"article", "main"})) {
    WalkElements(main_root, [&](const xmlNode* e) {
      if (!page->date.empty()) return false;
      if (LowerLocalName(e) == "time") page->date = NormalizeWebDate(AttributeValue(e, "datetime"));
      return page->date.empty();
    });
  }

  page->site_name = meta_value({"og:site_name", "publisher", "application-name"});
  page->url = canonical.empty() ? meta_value({"og:url"}) : canonical;
  page->lang = NormalizeLangTag(AttributeValue(root, "lang"));
  if (page->lang.empty()) page->lang = NormalizeLangTag(content_language);
  return true;
}

std::string HtmlToText(std::string_view html) {
  if (html.empty() || html.size() > static_cast<std::size_t>(INT_MAX)) return {};
  QuietLibxml2();
  // The fragment is UTF-8 already (it came out of an XML parser): a <meta
  // charset> inside it must not switch the decoding.
  const DocPtr doc(htmlReadMemory(html.data(), static_cast<int>(html.size()), nullptr, "UTF-8",
                                  HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                                      HTML_PARSE_NONET | HTML_PARSE_IGNORE_ENC | XML_PARSE_HUGE));
  if (doc == nullptr) return {};
  const xmlNode* root = xmlDocGetRootElement(doc.get());
  if (root == nullptr) return {};
  const xmlNode* body = FindFirstElement(root, "body");
  std::size_t entity_budget = 1u << 20;
  return ExtractMainText(body != nullptr ? body : root, &entity_budget);
}

std::string HtmlToLine(std::string_view html) { return CollapseWhitespace(HtmlToText(html)); }

std::string PlainToText(std::string_view text) {
  TextBuilder builder;
  builder.Text(text, /*keep_newlines=*/true);
  return builder.Finish();
}

std::string CollapseWhitespace(std::string_view text) {
  TextBuilder builder;
  builder.Text(text, /*keep_newlines=*/false);
  return builder.Finish();
}

std::string NormalizeWebDate(std::string_view value) {
  const std::string_view s = TrimAscii(value);
  if (s.empty()) return {};
  // ISO 8601, possibly with a time after it.
  if (s.size() >= 10 && s[4] == '-' && s[7] == '-' && (s.size() == 10 || !IsAsciiDigit(s[10]))) {
    return IsoDateAtStart(s);
  }
  // RFC 822: [Weekday,] D Mon YYYY [time zone], also with '-' between fields.
  std::vector<std::string_view> fields;
  std::size_t i = 0;
  while (i < s.size() && fields.size() < 4) {
    while (i < s.size() && (IsAsciiSpace(s[i]) || s[i] == ',' || s[i] == '-')) ++i;
    const std::size_t start = i;
    while (i < s.size() && !IsAsciiSpace(s[i]) && s[i] != ',' && s[i] != '-') ++i;
    if (i > start) fields.push_back(s.substr(start, i - start));
  }
  std::size_t f = (!fields.empty() && IsAsciiAlpha(fields[0][0])) ? 1 : 0;  // weekday
  const auto all_digits = [](std::string_view t) {
    return !t.empty() && std::all_of(t.begin(), t.end(), IsAsciiDigit);
  };
  if (fields.size() >= f + 3 && all_digits(fields[f]) && fields[f].size() <= 2 &&
      all_digits(fields[f + 2]) && (fields[f + 2].size() == 4 || fields[f + 2].size() == 2)) {
    std::string month_name = LowerAscii(fields[f + 1]);
    if (!month_name.empty() && month_name.back() == '.') month_name.pop_back();
    static constexpr const char* kMonths[] = {"january",   "february", "march",    "april",
                                              "may",       "june",     "july",     "august",
                                              "september", "october",  "november", "december"};
    int month = 0;
    for (int m = 0; m < 12; ++m) {
      if (month_name.size() >= 3 && StartsWith(kMonths[m], month_name)) month = m + 1;
    }
    int day = 0, year = 0;
    for (char c : fields[f]) day = day * 10 + (c - '0');
    for (char c : fields[f + 2]) year = year * 10 + (c - '0');
    if (fields[f + 2].size() == 2) year += year < 50 ? 2000 : 1900;
    if (month > 0) {
      char iso[40];  // roomy enough for any int, to keep -Wformat-truncation quiet
      std::snprintf(iso, sizeof(iso), "%04d-%02d-%02d", year, month, day);
      return IsValidIsoDate(iso) ? std::string(iso) : std::string();
    }
  }
  return FindDate(s);
}

std::string NormalizeLangTag(std::string_view tag) {
  std::string_view s = TrimAscii(tag);
  s = TrimAscii(s.substr(0, s.find_first_of(",;")));
  if (s.size() < 2 || !IsAsciiAlpha(s[0]) || !IsAsciiAlpha(s[1])) return {};
  if (s.size() > 2 && s[2] != '-' && s[2] != '_') return {};
  return LowerAscii(s.substr(0, 2));
}

}  // namespace concord::corpus
