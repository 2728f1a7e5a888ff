#include "query/explain.h"

#include <nlohmann/json.hpp>
#include <sstream>

#include "lang/name_key.h"
#include "lang/tokenizer.h"
#include "lang/transliterate.h"
#include "lang/utf8.h"
#include "query/query_parser.h"

namespace concord::query {
namespace {

using nlohmann::json;

const char* NodeName(QueryNode::Kind kind) {
  static const char* const kNames[] = {"word", "phrase", "NEAR", "AND", "OR", "NOT", "date"};
  return kNames[static_cast<int>(kind)];
}

json TokenJson(const lang::Token& t, const std::string& text) {
  json keys = json::array();
  const std::string latin = lang::ToLatin(t.norm);
  for (const std::string& k : lang::NameKeys(latin)) keys.push_back(k);
  json j = {{"surface", std::string(t.surface(text))},
            {"norm", t.norm},
            {"script", lang::ScriptName(t.script)},
            {"indexed", t.indexed()},
            {"keys", keys}};
  if (latin != t.norm) j["latin"] = latin;
  return j;
}

json NodeJson(const QueryNode& n, const lang::EntityMatcher* matcher) {
  json j = {{"node", NodeName(n.kind)}};
  if (n.kind == QueryNode::Kind::kTerm || n.kind == QueryNode::Kind::kPhrase) {
    j["text"] = n.text;
    if (!n.field.empty()) j["field"] = n.field;
    if (n.wildcard) j["prefix"] = true;
    json tokens = json::array();
    for (const lang::Token& t : lang::Tokenize(n.text)) tokens.push_back(TokenJson(t, n.text));
    j["tokens"] = tokens;
    if (matcher && (n.field.empty() || n.field == "person" || n.field == "place" ||
                    n.field == "org" || n.field == "entity")) {
      const std::string type = n.field.empty() || n.field == "entity" ? "" : n.field;
      json entities = json::array();
      lang::Rung rung = lang::Rung::kExact;
      for (int e : matcher->Resolve(n.text, type, &rung)) {
        const lang::Entity& ent = matcher->entity(e);
        entities.push_back({{"id", ent.id},
                            {"type", ent.type},
                            {"label", ent.label},
                            {"rung", lang::RungName(rung)}});
      }
      j["entities"] = entities;
    }
    return j;
  }
  if (n.kind == QueryNode::Kind::kNear) j["distance"] = n.distance;
  if (n.kind == QueryNode::Kind::kDateRange) {
    j["from"] = n.date_from;
    j["to"] = n.date_to;
  }
  json children = json::array();
  for (const auto& c : n.children) children.push_back(NodeJson(*c, matcher));
  j["children"] = children;
  return j;
}

void NodeText(const json& n, int depth, std::ostringstream& out) {
  const std::string indent(2 * depth, ' ');
  const std::string kind = n["node"];
  if (kind == "word" || kind == "phrase") {
    out << indent << kind << " '" << n["text"].get<std::string>() << "'"
        << (n.contains("field") ? " in field " + n["field"].get<std::string>() : "")
        << (n.contains("prefix") ? " (prefix)" : "") << "\n";
    for (const json& t : n["tokens"]) {
      out << indent << "  token '" << t["surface"].get<std::string>() << "' -> '"
          << t["norm"].get<std::string>() << "' [" << t["script"].get<std::string>()
          << (t["indexed"].get<bool>() ? "" : ", not indexed") << "]";
      if (t.contains("latin")) out << " latin '" << t["latin"].get<std::string>() << "'";
      out << " keys";
      for (const json& k : t["keys"]) out << " " << k.get<std::string>();
      out << "\n";
    }
    if (n.contains("entities")) {
      if (n["entities"].empty()) out << indent << "  entity: none\n";
      for (const json& e : n["entities"]) {
        out << indent << "  entity: " << e["id"].get<std::string>() << " ("
            << e["type"].get<std::string>() << ", " << e["label"].get<std::string>() << ")";
        // A loose reading: the word may also be searched as itself (the
        // xapian line says).
        const std::string rung = e.value("rung", "");
        if (rung == "name-key" || rung == "typo") out << " by " << rung << " only";
        out << "\n";
      }
    }
    return;
  }
  out << indent << kind;
  if (kind == "NEAR") out << "/" << n["distance"].get<int>();
  if (kind == "date") {
    const std::string from = n["from"], to = n["to"];
    out << " " << (from.empty() ? "…" : from) << ".." << (to.empty() ? "…" : to);
  }
  out << "\n";
  for (const json& c : n["children"]) NodeText(c, depth + 1, out);
}

}  // namespace

json ExplainQueryJson(const std::string& query_text, const lang::EntityMatcher* matcher,
                      const std::string& xapian_query, const IgnoredWords& ignored) {
  json j = {{"query", lang::SanitizeUtf8(query_text)}, {"ignored", json::array()}};
  for (const IgnoredWord& word : ignored) {
    j["ignored"].push_back({{"text", lang::SanitizeUtf8(word.text)}, {"column", word.column}});
  }
  ParseResult parsed = ParseQuery(query_text);
  if (!parsed.ok()) {
    j["parse_error"] = parsed.error;
    return j;
  }
  j["parsed"] = ToString(*parsed.root);
  j["tree"] = NodeJson(*parsed.root, matcher);
  if (!xapian_query.empty()) j["xapian"] = xapian_query;
  return j;
}

std::string ExplainQueryJsonText(const std::string& query_text, const lang::EntityMatcher* matcher,
                                 const std::string& xapian_query, const IgnoredWords& ignored) {
  // Strings in it are made valid UTF-8; `replace` guards against any left.
  return ExplainQueryJson(query_text, matcher, xapian_query, ignored)
      .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string ExplainQuery(const std::string& query_text, const lang::EntityMatcher* matcher,
                         const std::string& xapian_query, const IgnoredWords& ignored) {
  const json j = ExplainQueryJson(query_text, matcher, xapian_query, ignored);
  std::ostringstream out;
  out << "query: " << query_text << "\n";
  if (j.contains("parse_error")) {
    out << "parse error: " << j["parse_error"].get<std::string>() << "\n";
    return out.str();
  }
  out << "parsed: " << j["parsed"].get<std::string>() << "\n";
  NodeText(j["tree"], 0, out);
  if (j.contains("xapian")) out << "xapian: " << j["xapian"].get<std::string>() << "\n";
  for (const IgnoredWord& word : ignored) {
    out << "ignored: '" << word.text << "' at column " << word.column
        << ": no letters, digits or symbols to search for\n";
  }
  return out.str();
}

}  // namespace concord::query
