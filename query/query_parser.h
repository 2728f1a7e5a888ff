#ifndef CONCORD_QUERY_QUERY_PARSER_H_
#define CONCORD_QUERY_QUERY_PARSER_H_

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

#include "query/query_ast.h"

namespace concord::query {

// The query language of concord-search, parsed into a QueryNode tree. The
// grammar, for users, is in docs/query-language.md:
//
//   query    := or_expr EOF
//   or_expr  := and_expr ( "OR" and_expr )*
//   and_expr := unary ( ["AND"] unary )*
//   unary    := ( "NOT" | "-" ) unary | near
//   near     := primary ( ( "NEAR" | "NEAR/" n ) primary )*
//   primary  := "(" or_expr ")" | field ":" ( word | phrase ) | "date:" dates
//             | phrase | word
//
// Pure parsing: words are kept as typed; cutting and folding them is the
// tokenizer's job, in QueryBuilder. Everything here is stateless and
// thread-safe.
//
// Limits (a query beyond them is an error, never a crash or a deep stack):
//   kMaxQueryDepth        64    parentheses and NOT/'-' nested in each other
//   kMaxQueryTerms        1024  words, phrases and date ranges in one query
//   kMaxNearDistance      1000  the n of NEAR/n
//   kDefaultNearDistance  10    the n of a bare NEAR
inline constexpr int kMaxQueryDepth = 64;
inline constexpr std::size_t kMaxQueryTerms = 1024;
inline constexpr int kMaxNearDistance = 1000;
inline constexpr int kDefaultNearDistance = 10;

struct ParseResult {
  std::unique_ptr<QueryNode> root;  // null on error
  std::string error;                // "" on success; says what was expected
  std::size_t error_column = 0;     // 1-based, in code points; 0 on success
  bool ok() const { return error.empty(); }
};

// Parses `query`. Any byte string is accepted as input (invalid UTF-8 and NUL
// bytes included): the result is either a tree (ok()) or an error with the
// column of the problem, never both. Invalid UTF-8 bytes are kept in words and
// count as one column each. Never throws except std::bad_alloc.
ParseResult ParseQuery(std::string_view query);

// The canonical text of a tree: explicit AND, NEAR/n, NOT instead of '-',
// parentheses only where precedence needs them, dates as YYYY-MM-DD.
// For every tree ParseQuery returned, ParseQuery(ToString(tree)) is Equal to
// it. Trees built by hand that break the invariants of query_ast.h may not
// survive the round trip.
std::string ToString(const QueryNode& node);

// Same kind, field, text, wildcard, distance, dates and children (in order).
// Positions are ignored, so a tree equals its reparsed canonical form.
bool Equal(const QueryNode& a, const QueryNode& b);

// One line for a user, "" when r.ok():
//   query error at column 14: expected a term after AND (at end of query)
// REQUIRES: r came from ParseQuery(query).
std::string DescribeError(std::string_view query, const ParseResult& r);

}  // namespace concord::query

#endif  // CONCORD_QUERY_QUERY_PARSER_H_
