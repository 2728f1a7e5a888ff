#include "query/highlight.h"

#include "lang/transliterate.h"
#include "lang/utf8.h"

namespace concord::query {

bool TokenMatcher::Matches(const lang::Token& t, const std::string& doc_lang) {
  if (!t.indexed()) return false;
  if (terms_.norms.count(t.norm)) return true;
  for (const std::string& p : terms_.prefixes) {
    if (t.norm.compare(0, p.size(), p) == 0) return true;
  }
  if (t.script == lang::Script::kCyrillic || t.script == lang::Script::kGreek) {
    if (terms_.norms.count(lang::ToLatin(t.norm, doc_lang))) return true;
  }
  if (!terms_.stems.empty() && t.kind == lang::TokenKind::kWord) {
    const std::string& stem = stemmers_.Stem(doc_lang, t.norm);
    if (!stem.empty() && terms_.stems.count(stem)) return true;
  }
  return false;
}

std::vector<bool> TokenMatcher::Hits(const std::vector<lang::Token>& tokens,
                                     const std::string& doc_lang) {
  std::vector<bool> hit(tokens.size());
  for (std::size_t i = 0; i < tokens.size(); ++i) hit[i] = Matches(tokens[i], doc_lang);
  if (terms_.phrases.empty()) return hit;
  std::vector<std::size_t> words;  // indexed tokens: phrases skip punctuation and clitics
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    if (tokens[i].indexed()) words.push_back(i);
  }
  auto is = [&](const lang::Token& t, const std::set<std::string>& forms) {
    if (forms.count(t.norm)) return true;
    return (t.script == lang::Script::kCyrillic || t.script == lang::Script::kGreek) &&
           forms.count(lang::ToLatin(t.norm, doc_lang));
  };
  for (const auto& phrase : terms_.phrases) {
    if (phrase.empty() || phrase.size() > words.size()) continue;
    for (std::size_t w = 0; w + phrase.size() <= words.size(); ++w) {
      std::size_t k = 0;
      while (k < phrase.size() && is(tokens[words[w + k]], phrase[k])) ++k;
      if (k < phrase.size()) continue;
      for (k = 0; k < phrase.size(); ++k) hit[words[w + k]] = true;
    }
  }
  return hit;
}

Snippet MakeSnippet(std::string_view text, const std::vector<lang::Token>& tokens,
                    const std::vector<bool>& hit, std::size_t max_words) {
  Snippet s;
  if (tokens.empty() || max_words == 0) return s;
  // Sliding window over token indexes, counting hits.
  std::size_t best_start = 0, best_hits = 0, window_hits = 0;
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    if (hit[i]) ++window_hits;
    if (i >= max_words && hit[i - max_words]) --window_hits;
    if (window_hits > best_hits) {
      best_hits = window_hits;
      best_start = i + 1 >= max_words ? i + 1 - max_words : 0;
    }
  }
  // Give the first hit some left context rather than starting on it.
  if (best_hits > 0 && best_start > 0) {
    std::size_t first_hit = best_start;
    while (first_hit < tokens.size() && !hit[first_hit]) ++first_hit;
    const std::size_t lead = max_words / 4;
    best_start = first_hit > lead ? first_hit - lead : 0;
  }
  const std::size_t last = std::min(tokens.size(), best_start + max_words) - 1;
  const std::size_t from = best_start == 0 ? 0 : tokens[best_start].byte_start;
  std::size_t to = tokens[last].byte_end;
  if (last + 1 == tokens.size()) {
    // Keep closing punctuation after the last word.
    while (to < text.size() && text[to] != '\n' && to - tokens[last].byte_end < 3) ++to;
  }
  s.starts_mid_text = from > 0;
  s.ends_mid_text = to < text.size();
  // The words with what lies between them; a run of whitespace (blank lines,
  // a page of spaces) becomes one space, so a snippet is as long as its words.
  std::size_t cp = 0;
  const auto append = [&](std::string_view piece) {
    const std::string clean = lang::SanitizeUtf8(piece);
    s.text += clean;
    cp += lang::CountCodePoints(clean);
  };
  const auto append_gap = [&](std::string_view gap) {
    bool blank = true;
    for (char c : gap) blank = blank && (c == ' ' || c == '\n' || c == '\r' || c == '\t');
    if (blank) {
      if (!gap.empty() && !s.text.empty()) append(" ");
      return;
    }
    append(lang::WithoutControls(gap));
  };
  std::size_t pos = from;
  for (std::size_t i = best_start; i <= last; ++i) {
    append_gap(text.substr(pos, tokens[i].byte_start - pos));
    const std::size_t byte_start = s.text.size(), cp_start = cp;
    append(text.substr(tokens[i].byte_start, tokens[i].byte_end - tokens[i].byte_start));
    if (hit[i]) {
      s.spans.emplace_back(cp_start, cp);
      s.byte_spans.emplace_back(byte_start, s.text.size());
    }
    pos = tokens[i].byte_end;
  }
  if (to > pos) append_gap(text.substr(pos, to - pos));
  return s;
}

}  // namespace concord::query
