// Fuzz target for the query language parser (query/query_parser.h).
//
// Properties checked on every input:
//   - ParseQuery never crashes, and returns either a tree or an error, never both;
//   - an error's column is 1-based, in code points, and at most one past the end;
//   - every tree satisfies the invariants documented in query/query_ast.h;
//   - the canonical text of a tree re-parses to an Equal tree, whose canonical
//     text is the same (ToString is a fixed point after one round).

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>

#include "lang/utf8.h"
#include "query/query_ast.h"
#include "query/query_parser.h"
#include "tests/fuzz/fuzz_check.h"

namespace {

using concord::query::QueryNode;
using Kind = concord::query::QueryNode::Kind;

bool IsAsciiSpace(char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }

bool IsKnownField(const std::string& field) {
  return field.empty() || field == "title" || field == "lang" || field == "source" ||
         field == "person" || field == "place" || field == "org" || field == "entity";
}

bool IsDateOrEmpty(const std::string& d) {
  if (d.empty()) return true;
  if (d.size() != 8) return false;
  for (char c : d) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

// Checks the invariants of query_ast.h on `node` and below; counts the leaves
// (terms, phrases, date ranges) into `*leaves`.
void CheckTree(const QueryNode& node, std::string_view query, int depth, std::size_t* leaves) {
  FUZZ_CHECK(depth <= 4 * concord::query::kMaxQueryDepth + 8);
  FUZZ_CHECK(node.position < query.size());
  FUZZ_CHECK(IsKnownField(node.field));
  switch (node.kind) {
    case Kind::kTerm:
      ++*leaves;
      FUZZ_CHECK(!node.text.empty());
      for (char c : node.text) {
        FUZZ_CHECK(!IsAsciiSpace(c) && c != '(' && c != ')' && c != '"' && c != '*');
      }
      FUZZ_CHECK(!node.wildcard || node.field.empty() || node.field == "title");
      FUZZ_CHECK(node.children.empty());
      break;
    case Kind::kPhrase: {
      ++*leaves;
      FUZZ_CHECK(node.text.find('"') == std::string::npos);
      bool blank = true;
      for (char c : node.text) {
        if (!IsAsciiSpace(c)) blank = false;
      }
      FUZZ_CHECK(!blank);
      FUZZ_CHECK(node.children.empty());
      break;
    }
    case Kind::kNear:
      FUZZ_CHECK(node.children.size() >= 2);
      FUZZ_CHECK(node.distance >= 1 && node.distance <= concord::query::kMaxNearDistance);
      for (const auto& child : node.children) {
        FUZZ_CHECK(child != nullptr);
        FUZZ_CHECK(child->kind == Kind::kTerm || child->kind == Kind::kPhrase);
        FUZZ_CHECK(child->field.empty() || child->field == "person" || child->field == "place" ||
                   child->field == "org" || child->field == "entity");
      }
      break;
    case Kind::kAnd:
    case Kind::kOr:
      FUZZ_CHECK(node.children.size() >= 2);
      for (const auto& child : node.children) {
        FUZZ_CHECK(child != nullptr);
        FUZZ_CHECK(child->kind != node.kind);
      }
      break;
    case Kind::kNot:
      FUZZ_CHECK(node.children.size() == 1);
      FUZZ_CHECK(node.children[0] != nullptr);
      break;
    case Kind::kDateRange:
      ++*leaves;
      FUZZ_CHECK(node.field.empty());
      FUZZ_CHECK(IsDateOrEmpty(node.date_from) && IsDateOrEmpty(node.date_to));
      FUZZ_CHECK(!node.date_from.empty() || !node.date_to.empty());
      FUZZ_CHECK(node.date_from.empty() || node.date_to.empty() || node.date_from <= node.date_to);
      FUZZ_CHECK(node.children.empty());
      break;
  }
  for (const auto& child : node.children) CheckTree(*child, query, depth + 1, leaves);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view query(reinterpret_cast<const char*>(data), size);
  const concord::query::ParseResult result = concord::query::ParseQuery(query);

  if (!result.ok()) {
    FUZZ_CHECK(result.root == nullptr);
    FUZZ_CHECK(result.error_column >= 1);
    FUZZ_CHECK(result.error_column <= query.size() + 1);
    FUZZ_CHECK(result.error_column <= concord::lang::CountCodePoints(query) + 1);
    FUZZ_CHECK(!concord::query::DescribeError(query, result).empty());
    return 0;
  }

  FUZZ_CHECK(result.root != nullptr);
  FUZZ_CHECK(result.error_column == 0);
  FUZZ_CHECK(concord::query::DescribeError(query, result).empty());
  std::size_t leaves = 0;
  CheckTree(*result.root, query, 0, &leaves);
  FUZZ_CHECK(leaves >= 1 && leaves <= concord::query::kMaxQueryTerms);

  // Round trip through the canonical text.
  const std::string canonical = concord::query::ToString(*result.root);
  const concord::query::ParseResult again = concord::query::ParseQuery(canonical);
  if (!again.ok()) {
    std::fprintf(stderr, "canonical text does not parse: [%s]: %s\n", canonical.c_str(),
                 concord::query::DescribeError(canonical, again).c_str());
  }
  FUZZ_CHECK(again.ok());
  if (!concord::query::Equal(*result.root, *again.root)) {
    std::fprintf(stderr, "re-parse differs: [%s] -> [%s]\n", canonical.c_str(),
                 concord::query::ToString(*again.root).c_str());
  }
  FUZZ_CHECK(concord::query::Equal(*result.root, *again.root));
  FUZZ_CHECK(concord::query::ToString(*again.root) == canonical);
  return 0;
}
