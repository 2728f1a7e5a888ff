#include "corpus/parts.h"

#include <string>

#include "lang/utf8.h"

namespace concord::corpus {

std::size_t PartCut(std::string_view text, std::size_t max) {
  if (text.size() <= max) return text.size();
  const std::string_view head = text.substr(0, max);
  const auto in_second_half = [&](std::size_t at) {
    return at != std::string_view::npos && at >= max / 2;
  };
  std::size_t cut = max;
  if (const std::size_t at = head.rfind("\n\n"); in_second_half(at)) {
    cut = at + 2;
  } else if (const std::size_t nl = head.rfind('\n'); in_second_half(nl)) {
    cut = nl + 1;
  } else if (const std::size_t sp = head.rfind(' '); in_second_half(sp)) {
    cut = sp + 1;
  }
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return cut == 0 ? max : cut;
}

std::vector<Article> SplitIntoParts(Article article) {
  std::vector<Article> parts;
  if (article.text.size() <= kMaxDocumentBytes) {
    parts.push_back(std::move(article));
    return parts;
  }
  std::string_view rest = article.text;
  std::size_t byte_offset = article.byte_offset, cp_offset = article.cp_offset;
  for (int n = 1; !rest.empty(); ++n) {
    const std::size_t cut = PartCut(rest, kPartBytes);
    Article part;
    part.path = article.path;
    part.id = article.id + "#part-" + std::to_string(n);
    part.title = article.title.empty() ? "" : article.title + " (part " + std::to_string(n) + ")";
    part.date = article.date;
    part.source = article.source;
    part.url = article.url;
    part.lang = article.lang;
    part.text.assign(rest.substr(0, cut));
    part.byte_offset = byte_offset;
    part.cp_offset = cp_offset;
    byte_offset += cut;
    cp_offset += lang::CountCodePoints(rest.substr(0, cut));
    rest.remove_prefix(cut);
    parts.push_back(std::move(part));
  }
  return parts;
}

}  // namespace concord::corpus
