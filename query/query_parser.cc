#include "query/query_parser.h"

#include <utility>

#include "corpus/date_extract.h"
#include "lang/utf8.h"

namespace concord::query {
namespace {

using Kind = QueryNode::Kind;
using NodePtr = std::unique_ptr<QueryNode>;

NodePtr MakeNode(Kind kind, std::size_t position) {
  auto node = std::make_unique<QueryNode>();
  node->kind = kind;
  node->position = position;
  return node;
}

// Byte length of the whitespace character at q[i], 0 if there is none. Unicode
// spaces count too: a no-break space pasted from a web page separates words.
std::size_t SpaceLength(std::string_view q, std::size_t i) {
  const unsigned char c = static_cast<unsigned char>(q[i]);
  if (c < 0x80) return (c == ' ' || (c >= '\t' && c <= '\r')) ? 1 : 0;
  std::size_t next = i;
  const char32_t cp = lang::DecodeUtf8(q, &next);
  const bool space = cp == 0x85 || cp == 0xA0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A) ||
                     cp == 0x2028 || cp == 0x2029 || cp == 0x202F || cp == 0x205F || cp == 0x3000;
  return space ? next - i : 0;
}

bool IsBlank(std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t n = SpaceLength(text, i);
    if (n == 0) return false;
    i += n;
  }
  return true;
}

bool IsDigits(std::string_view s) {
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return !s.empty();
}

int ToInt(std::string_view digits) {
  int n = 0;
  for (char c : digits) n = n * 10 + (c - '0');
  return n;
}

std::string TwoDigits(int n) {
  return {static_cast<char>('0' + n / 10), static_cast<char>('0' + n % 10)};
}

// Parses "YYYY-MM-DD", "YYYY-MM" or "YYYY" into the first and last day it
// covers, as YYYYMMDD. False with a message in *error when it is not a date.
bool ParseDateBound(std::string_view s, std::string* first, std::string* last, std::string* error) {
  auto invalid = [&](const std::string& why) {
    *error = "invalid date '" + std::string(s) + "': " + why;
    return false;
  };
  const bool shaped = (s.size() == 4 || s.size() == 7 || s.size() == 10) &&
                      IsDigits(s.substr(0, 4)) &&
                      (s.size() < 7 || (s[4] == '-' && IsDigits(s.substr(5, 2)))) &&
                      (s.size() < 10 || (s[7] == '-' && IsDigits(s.substr(8, 2))));
  if (!shaped) return invalid("expected YYYY-MM-DD, YYYY-MM or YYYY");
  const std::string year(s.substr(0, 4));
  if (s.size() == 4) {
    *first = year + "0101";
    *last = year + "1231";
    return true;
  }
  const int month = ToInt(s.substr(5, 2));
  if (month < 1 || month > 12) return invalid("month must be 01-12");
  const std::string year_month = year + TwoDigits(month);
  const int days = corpus::DaysInMonth(ToInt(year), month);
  if (s.size() == 7) {
    *first = year_month + "01";
    *last = year_month + TwoDigits(days);
    return true;
  }
  const int day = ToInt(s.substr(8, 2));
  if (day < 1 || day > days) {
    return invalid("day must be 01-" + TwoDigits(days) + " in " + year + "-" + TwoDigits(month));
  }
  *first = *last = year_month + TwoDigits(day);
  return true;
}

bool IsTextField(std::string_view name) {
  for (std::string_view f : {"title", "lang", "source", "person", "place", "org", "entity"}) {
    if (name == f) return true;
  }
  return false;
}

enum class Tok { kEnd, kOperand, kLParen, kRParen, kAnd, kOr, kNot, kMinus, kNear };

// How a token is named in error messages, e.g. "expected a term after AND".
const char* Describe(Tok kind) {
  static const char* const kNames[] = {"end of query", "a term", "'('", "')'", "AND",
                                       "OR",           "NOT",    "'-'", "NEAR"};
  return kNames[static_cast<int>(kind)];
}

struct Token {
  Tok kind = Tok::kEnd;
  std::size_t pos = 0;
  int distance = 0;  // kNear
  NodePtr leaf;      // kOperand: a kTerm, kPhrase or kDateRange node
};

// A recursive-descent parser over a one-token lookahead. The first error wins:
// after it the lexer only returns kEnd, so every rule unwinds at once.
class Parser {
 public:
  explicit Parser(std::string_view query) : q_(query) {}
  ParseResult Run();

 private:
  void Fail(std::size_t pos, std::string message);
  Token End();
  void Advance();
  Token Lex();
  Token LexWord(std::size_t start, std::size_t end);
  Token LexNear(std::size_t start, std::string_view word);
  Token LexField(std::string_view field, std::size_t start, std::size_t end);
  Token LexDate(std::size_t start, std::size_t end);
  Token LexPhrase(std::size_t quote, std::string_view field, std::size_t start);
  Token LexTerm(std::string_view field, std::size_t start, std::size_t text_pos, std::size_t end);
  Token Operand(NodePtr leaf);

  bool StartsUnary() const;
  NodePtr FailExpectedTerm();
  NodePtr ParseOr();
  NodePtr ParseAnd();
  NodePtr ParseUnary();
  NodePtr ParseNear();
  NodePtr ParsePrimary();
  bool Enter(std::size_t pos);

  std::string_view q_;
  std::size_t next_ = 0;  // lexer cursor
  Token tok_;
  Tok prev_ = Tok::kEnd;
  bool has_prev_ = false;
  bool started_ = false;
  int depth_ = 0;
  std::size_t operands_ = 0;
  std::string error_;
  std::size_t error_pos_ = 0;
};

void Parser::Fail(std::size_t pos, std::string message) {
  if (!error_.empty()) return;
  error_ = std::move(message);
  error_pos_ = pos;
}

Token Parser::End() {
  next_ = q_.size();
  Token t;
  t.pos = q_.size();
  return t;
}

void Parser::Advance() {
  prev_ = tok_.kind;
  has_prev_ = started_;
  started_ = true;
  tok_ = Lex();
}

Token Parser::Lex() {
  while (next_ < q_.size()) {
    const std::size_t n = SpaceLength(q_, next_);
    if (n == 0) break;
    next_ += n;
  }
  if (!error_.empty() || next_ >= q_.size()) return End();
  Token t;
  t.pos = next_;
  switch (q_[next_]) {
    case '(':
      t.kind = Tok::kLParen;
      ++next_;
      return t;
    case ')':
      t.kind = Tok::kRParen;
      ++next_;
      return t;
    case '"':
      return LexPhrase(next_, "", next_);
    case '-': {
      const std::size_t after = next_ + 1;
      if (after == q_.size() || q_[after] == ')' || SpaceLength(q_, after) > 0) {
        Fail(next_, "expected a term directly after '-' (write -word to exclude a word)");
        return End();
      }
      t.kind = Tok::kMinus;
      next_ = after;
      return t;
    }
  }
  std::size_t end = next_;
  while (end < q_.size() && q_[end] != '(' && q_[end] != ')' && q_[end] != '"' &&
         SpaceLength(q_, end) == 0) {
    ++end;
  }
  return LexWord(next_, end);
}

Token Parser::LexWord(std::size_t start, std::size_t end) {
  const std::string_view word = q_.substr(start, end - start);
  next_ = end;
  Token t;
  t.pos = start;
  if (word == "AND") t.kind = Tok::kAnd;
  if (word == "OR") t.kind = Tok::kOr;
  if (word == "NOT") t.kind = Tok::kNot;
  if (word == "NEAR") {
    t.kind = Tok::kNear;
    t.distance = kDefaultNearDistance;
  }
  if (t.kind != Tok::kEnd) return t;
  if (word.substr(0, 5) == "NEAR/") return LexNear(start, word);
  const std::size_t colon = word.find(':');
  if (colon != std::string_view::npos) {
    const std::string_view name = word.substr(0, colon);
    if (name == "date") return LexDate(start, end);
    if (IsTextField(name)) return LexField(name, start, end);
  }
  return LexTerm("", start, start, end);
}

Token Parser::LexNear(std::size_t start, std::string_view word) {
  const std::string_view digits = word.substr(5);
  if (!IsDigits(digits)) {
    Fail(start + 5, "expected a number after 'NEAR/'");
    return End();
  }
  const int distance = digits.size() > 4 ? kMaxNearDistance + 1 : ToInt(digits);
  if (distance < 1 || distance > kMaxNearDistance) {
    Fail(start + 5, "NEAR distance must be between 1 and " + std::to_string(kMaxNearDistance));
    return End();
  }
  Token t;
  t.kind = Tok::kNear;
  t.pos = start;
  t.distance = distance;
  return t;
}

Token Parser::LexField(std::string_view field, std::size_t start, std::size_t end) {
  const std::size_t value = start + field.size() + 1;
  if (value < end) return LexTerm(field, start, value, end);
  if (end < q_.size() && q_[end] == '"') return LexPhrase(end, field, start);
  Fail(value, "expected a word or phrase after '" + std::string(field) + ":'");
  return End();
}

Token Parser::LexDate(std::size_t start, std::size_t end) {
  const std::size_t value = start + 5;
  const std::string_view text = q_.substr(value, end - value);
  if (text.empty()) {
    Fail(value, "expected a date after 'date:' (YYYY-MM-DD, YYYY-MM, YYYY or FROM..TO)");
    return End();
  }
  NodePtr node = MakeNode(Kind::kDateRange, start);
  std::string unused, error;
  const std::size_t dots = text.find("..");
  if (dots == std::string_view::npos) {
    if (!ParseDateBound(text, &node->date_from, &node->date_to, &error)) {
      Fail(value, error);
      return End();
    }
    return Operand(std::move(node));
  }
  const std::string_view from = text.substr(0, dots), to = text.substr(dots + 2);
  if (from.empty() && to.empty()) {
    Fail(value, "expected a date before or after '..'");
    return End();
  }
  if (!from.empty() && !ParseDateBound(from, &node->date_from, &unused, &error)) {
    Fail(value, error);
    return End();
  }
  if (!to.empty() && !ParseDateBound(to, &unused, &node->date_to, &error)) {
    Fail(value + dots + 2, error);
    return End();
  }
  if (!from.empty() && !to.empty() && node->date_from > node->date_to) {
    Fail(value, "invalid date range '" + std::string(text) + "': it starts after it ends");
    return End();
  }
  return Operand(std::move(node));
}

Token Parser::LexPhrase(std::size_t quote, std::string_view field, std::size_t start) {
  const std::size_t close = q_.find('"', quote + 1);
  if (close == std::string_view::npos) {
    Fail(q_.size(), "unterminated phrase: expected '\"' to close the phrase opened at column " +
                        std::to_string(lang::CountCodePoints(q_.substr(0, quote)) + 1));
    return End();
  }
  const std::string_view text = q_.substr(quote + 1, close - quote - 1);
  if (IsBlank(text)) {
    Fail(quote, "empty phrase: expected words between the quotes");
    return End();
  }
  next_ = close + 1;
  NodePtr node = MakeNode(Kind::kPhrase, start);
  node->field = std::string(field);
  node->text = std::string(text);
  return Operand(std::move(node));
}

Token Parser::LexTerm(std::string_view field, std::size_t start, std::size_t text_pos,
                      std::size_t end) {
  std::string_view text = q_.substr(text_pos, end - text_pos);
  const std::size_t star = text.find('*');
  const bool wildcard = star != std::string_view::npos;
  if (wildcard && star + 1 != text.size()) {
    Fail(text_pos + star, "'*' is only allowed at the end of a word (prefix search)");
    return End();
  }
  if (wildcard && star == 0) {
    Fail(text_pos, "expected at least one character before '*'");
    return End();
  }
  if (wildcard && !field.empty() && field != "title") {
    Fail(text_pos + star, "field '" + std::string(field) + ":' does not take a wildcard");
    return End();
  }
  if (wildcard) text.remove_suffix(1);
  NodePtr node = MakeNode(Kind::kTerm, start);
  node->field = std::string(field);
  node->text = std::string(text);
  node->wildcard = wildcard;
  return Operand(std::move(node));
}

Token Parser::Operand(NodePtr leaf) {
  if (++operands_ > kMaxQueryTerms) {
    Fail(leaf->position, "query has too many terms: at most " + std::to_string(kMaxQueryTerms) +
                             " words, phrases and dates");
    return End();
  }
  Token t;
  t.kind = Tok::kOperand;
  t.pos = leaf->position;
  t.leaf = std::move(leaf);
  return t;
}

bool Parser::StartsUnary() const {
  return tok_.kind == Tok::kOperand || tok_.kind == Tok::kLParen || tok_.kind == Tok::kNot ||
         tok_.kind == Tok::kMinus;
}

NodePtr Parser::FailExpectedTerm() {
  if (has_prev_) {
    Fail(tok_.pos, std::string("expected a term after ") + Describe(prev_));
  } else if (tok_.kind == Tok::kEnd) {
    Fail(0, "empty query");
  } else if (tok_.kind == Tok::kRParen) {
    Fail(tok_.pos, "unexpected ')' without a matching '('");
  } else {
    Fail(tok_.pos, std::string("expected a term before ") + Describe(tok_.kind));
  }
  return nullptr;
}

// Moves `child` into `out`, merging it when it is a group of the same kind.
void AppendFlattened(Kind kind, NodePtr child, std::vector<NodePtr>* out) {
  if (child->kind != kind) {
    out->push_back(std::move(child));
    return;
  }
  for (NodePtr& grandchild : child->children) out->push_back(std::move(grandchild));
}

// A group of `kind` over `children`, or the only child itself.
NodePtr MakeGroup(Kind kind, std::vector<NodePtr> children) {
  if (children.size() == 1) return std::move(children[0]);
  NodePtr group = MakeNode(kind, children[0]->position);
  group->children = std::move(children);
  return group;
}

NodePtr Parser::ParseOr() {
  std::vector<NodePtr> children;
  while (true) {
    NodePtr child = ParseAnd();
    if (!child) return nullptr;
    AppendFlattened(Kind::kOr, std::move(child), &children);
    if (tok_.kind != Tok::kOr) break;
    Advance();
  }
  return MakeGroup(Kind::kOr, std::move(children));
}

NodePtr Parser::ParseAnd() {
  std::vector<NodePtr> children;
  while (true) {
    NodePtr child = ParseUnary();
    if (!child) return nullptr;
    AppendFlattened(Kind::kAnd, std::move(child), &children);
    if (tok_.kind == Tok::kAnd) {
      Advance();
    } else if (!StartsUnary()) {
      break;
    }
  }
  return MakeGroup(Kind::kAnd, std::move(children));
}

// Counts one level of nesting; false (with the error set) past the limit.
bool Parser::Enter(std::size_t pos) {
  if (++depth_ <= kMaxQueryDepth) return true;
  Fail(pos, "query is nested too deeply: at most " + std::to_string(kMaxQueryDepth) +
                " levels of parentheses and NOT");
  return false;
}

NodePtr Parser::ParseUnary() {
  if (!StartsUnary()) return FailExpectedTerm();
  if (tok_.kind != Tok::kNot && tok_.kind != Tok::kMinus) return ParseNear();
  const std::size_t pos = tok_.pos;
  if (!Enter(pos)) return nullptr;
  Advance();
  NodePtr child = ParseUnary();
  --depth_;
  if (!child) return nullptr;
  NodePtr node = MakeNode(Kind::kNot, pos);
  node->children.push_back(std::move(child));
  return node;
}

constexpr char kNearTakes[] =
    " (NEAR takes words, phrases and person:/place:/org:/entity: names; not groups, NOT, "
    "title:/lang:/source: or dates)";

bool IsNearOperand(const QueryNode& n) {
  if (n.kind != Kind::kTerm && n.kind != Kind::kPhrase) return false;
  return n.field.empty() || n.field == "person" || n.field == "place" || n.field == "org" ||
         n.field == "entity";
}

NodePtr Parser::ParseNear() {
  const std::size_t start = tok_.pos;
  NodePtr first = ParsePrimary();
  if (!first || tok_.kind != Tok::kNear) return first;
  if (!IsNearOperand(*first)) {
    Fail(start, std::string("expected a word or phrase before NEAR") + kNearTakes);
    return nullptr;
  }
  NodePtr near = MakeNode(Kind::kNear, first->position);
  near->distance = tok_.distance;
  near->children.push_back(std::move(first));
  while (tok_.kind == Tok::kNear) {
    if (tok_.distance != near->distance) {
      Fail(tok_.pos, "one NEAR chain must use one distance (NEAR/" +
                         std::to_string(near->distance) + " then NEAR/" +
                         std::to_string(tok_.distance) + ")");
      return nullptr;
    }
    Advance();
    if (tok_.kind != Tok::kOperand || !IsNearOperand(*tok_.leaf)) {
      const bool found_something = tok_.kind != Tok::kEnd && tok_.kind != Tok::kRParen;
      Fail(tok_.pos, std::string("expected a word or phrase after NEAR") +
                         (found_something ? kNearTakes : ""));
      return nullptr;
    }
    near->children.push_back(std::move(tok_.leaf));
    Advance();
  }
  return near;
}

NodePtr Parser::ParsePrimary() {
  if (tok_.kind == Tok::kOperand) {
    NodePtr leaf = std::move(tok_.leaf);
    Advance();
    return leaf;
  }
  if (tok_.kind != Tok::kLParen) return FailExpectedTerm();
  const std::size_t open = tok_.pos;
  if (!Enter(open)) return nullptr;
  Advance();
  NodePtr inner = ParseOr();
  --depth_;
  if (!inner) return nullptr;
  if (tok_.kind != Tok::kRParen) {
    Fail(tok_.pos, "expected ')' to close '(' at column " +
                       std::to_string(lang::CountCodePoints(q_.substr(0, open)) + 1));
    return nullptr;
  }
  Advance();
  return inner;
}

ParseResult Parser::Run() {
  Advance();
  NodePtr root = ParseOr();
  if (root && tok_.kind == Tok::kRParen) Fail(tok_.pos, "unexpected ')' without a matching '('");
  if (root && tok_.kind != Tok::kEnd)
    Fail(tok_.pos, std::string("unexpected ") + Describe(tok_.kind));
  ParseResult result;
  if (error_.empty()) {
    result.root = std::move(root);
  } else {
    result.error = error_;
    result.error_column = lang::CountCodePoints(q_.substr(0, error_pos_)) + 1;
  }
  return result;
}

std::string FormatDate(const std::string& yyyymmdd) {
  if (yyyymmdd.size() != 8) return yyyymmdd;
  return yyyymmdd.substr(0, 4) + "-" + yyyymmdd.substr(4, 2) + "-" + yyyymmdd.substr(6, 2);
}

void AppendNode(const QueryNode& n, std::string* out);

void AppendJoined(const QueryNode& n, const std::string& separator, std::string* out) {
  for (std::size_t i = 0; i < n.children.size(); ++i) {
    const QueryNode& child = *n.children[i];
    if (i > 0) *out += separator;
    // AND binds tighter than OR, so only OR inside AND (and a group inside a
    // group of its own kind, which parsing never makes) needs parentheses.
    const bool parens = child.kind == Kind::kOr || child.kind == n.kind;
    if (parens) *out += '(';
    AppendNode(child, out);
    if (parens) *out += ')';
  }
}

void AppendNode(const QueryNode& n, std::string* out) {
  const std::string field = n.field.empty() ? "" : n.field + ":";
  switch (n.kind) {
    case Kind::kTerm:
      *out += field + n.text + (n.wildcard ? "*" : "");
      return;
    case Kind::kPhrase:
      *out += field + "\"" + n.text + "\"";
      return;
    case Kind::kDateRange:
      *out += "date:" + FormatDate(n.date_from);
      if (n.date_from != n.date_to || n.date_from.empty()) *out += ".." + FormatDate(n.date_to);
      return;
    case Kind::kNear:
      AppendJoined(n, " NEAR/" + std::to_string(n.distance) + " ", out);
      return;
    case Kind::kAnd:
      AppendJoined(n, " AND ", out);
      return;
    case Kind::kOr:
      AppendJoined(n, " OR ", out);
      return;
    case Kind::kNot: {
      *out += "NOT ";
      if (n.children.empty()) return;
      const QueryNode& child = *n.children[0];
      const bool parens = child.kind == Kind::kAnd || child.kind == Kind::kOr;
      if (parens) *out += '(';
      AppendNode(child, out);
      if (parens) *out += ')';
      return;
    }
  }
}

// At most `max` code points of `text` from byte `start`, with "…" if cut;
// control characters become spaces so the excerpt stays on one line.
std::string Excerpt(std::string_view text, std::size_t start, std::size_t max) {
  std::size_t end = start, count = 0;
  while (end < text.size() && count < max) {
    lang::DecodeUtf8(text, &end);
    ++count;
  }
  std::string out(text.substr(start, end - start));
  for (char& c : out) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) c = ' ';
  }
  return out + (end < text.size() ? "…" : "");
}

// Byte offset of 1-based code-point `column` in `text`.
std::size_t ByteOfColumn(std::string_view text, std::size_t column) {
  std::size_t i = 0;
  for (std::size_t c = 1; c < column && i < text.size(); ++c) lang::DecodeUtf8(text, &i);
  return i;
}

}  // namespace

ParseResult ParseQuery(std::string_view query) { return Parser(query).Run(); }

std::string ToString(const QueryNode& node) {
  std::string out;
  AppendNode(node, &out);
  return out;
}

bool Equal(const QueryNode& a, const QueryNode& b) {
  if (a.kind != b.kind || a.field != b.field || a.text != b.text || a.wildcard != b.wildcard ||
      a.distance != b.distance || a.date_from != b.date_from || a.date_to != b.date_to ||
      a.children.size() != b.children.size()) {
    return false;
  }
  for (std::size_t i = 0; i < a.children.size(); ++i) {
    if (!Equal(*a.children[i], *b.children[i])) return false;
  }
  return true;
}

std::string DescribeError(std::string_view query, const ParseResult& r) {
  if (r.ok()) return "";
  const std::string prefix =
      "query error at column " + std::to_string(r.error_column) + ": " + r.error;
  if (IsBlank(query)) return prefix;
  const std::size_t at = ByteOfColumn(query, r.error_column);
  const std::string where =
      at < query.size() ? " (at \"" + Excerpt(query, at, 20) + "\")" : " (at end of query)";
  return prefix + where;
}

}  // namespace concord::query
