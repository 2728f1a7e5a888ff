#include "query/highlight.h"

#include <cstdint>

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
    if (terms_.stem_forms_complete) return terms_.stem_forms.count(t.norm) > 0;
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
  // Widths in half words: a lone Chinese or Japanese character (a token of
  // IdeographRuns::kCharacters, or a one-character word) is half a word, so
  // a snippet of such text is about as long however its runs were cut.
  std::vector<std::uint8_t> width(tokens.size(), 2);
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    const lang::Token& t = tokens[i];
    if (t.cp_end - t.cp_start != 1 || t.byte_end - t.byte_start < 3) continue;
    std::size_t at = t.byte_start;
    if (lang::IsIdeographic(lang::DecodeUtf8(text, &at))) width[i] = 1;
  }
  const std::size_t room = 2 * max_words;
  // Sliding window [lo, i] of at most `room` half words, counting hits.
  std::size_t best_start = 0, best_hits = 0, window_hits = 0, window = 0, lo = 0;
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    window += width[i];
    if (hit[i]) ++window_hits;
    while (window > room) {
      window -= width[lo];
      if (hit[lo++]) --window_hits;
    }
    if (window_hits > best_hits) {
      best_hits = window_hits;
      best_start = lo;
    }
  }
  // Give the first hit some left context (a quarter of the room) rather
  // than starting on it.
  if (best_hits > 0 && best_start > 0) {
    std::size_t first_hit = best_start;
    while (first_hit < tokens.size() && !hit[first_hit]) ++first_hit;
    std::size_t lead = 0;
    best_start = first_hit;
    while (best_start > 0 && lead + width[best_start - 1] <= room / 4) lead += width[--best_start];
  }
  std::size_t last = best_start, used = width[best_start];
  while (last + 1 < tokens.size() && used + width[last + 1] <= room) used += width[++last];
  // Never cut a run of hits with nothing between them (the characters of a
  // Chinese name) at either end.
  const auto glued_hits = [&](std::size_t i) {  // tokens i and i + 1
    return hit[i] && hit[i + 1] && tokens[i].byte_end == tokens[i + 1].byte_start;
  };
  while (best_start > 0 && glued_hits(best_start - 1)) --best_start;
  while (last + 1 < tokens.size() && glued_hits(last)) ++last;
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
    const bool glued = pos == tokens[i].byte_start && i > best_start;
    append_gap(text.substr(pos, tokens[i].byte_start - pos));
    const std::size_t byte_start = s.text.size(), cp_start = cp;
    append(text.substr(tokens[i].byte_start, tokens[i].byte_end - tokens[i].byte_start));
    if (hit[i] && glued && hit[i - 1]) {
      // A hit right after a hit, nothing between (the characters of a
      // Chinese name): one span.
      s.spans.back().second = cp;
      s.byte_spans.back().second = s.text.size();
    } else if (hit[i]) {
      s.spans.emplace_back(cp_start, cp);
      s.byte_spans.emplace_back(byte_start, s.text.size());
    }
    pos = tokens[i].byte_end;
  }
  if (to > pos) append_gap(text.substr(pos, to - pos));
  return s;
}

}  // namespace concord::query
