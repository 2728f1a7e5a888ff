// Fuzz target for concord-serve's escaping (tools/serve/html.h): document
// text, titles and queries are written by strangers, and every byte of them
// reaches a page through Html or HtmlMarked.
//
// Input: two bytes choose up to four [start, end) spans, the rest is the
// text. Properties checked on every input:
//   - Html's output holds no markup character at all (< > " ' and a bare &
//     are entities), no line break, and is valid UTF-8;
//   - HtmlMarked's output, with its <mark...> and </mark> tags taken out,
//     holds no markup character either; opening and closing tags pair up,
//     never nested; the attribute string appears on the first mark only;
//   - the text between the tags, unescaped, has as many code points as the
//     input (one U+FFFD for each bad byte or control), so offsets stay valid.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "lang/utf8.h"
#include "tests/fuzz/fuzz_check.h"
#include "tools/serve/html.h"

namespace {

// Entities back to one character each, for counting code points.
std::string Unescape(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '&') {
      out += s[i];
      continue;
    }
    const std::size_t semi = s.find(';', i);
    FUZZ_CHECK(semi != std::string_view::npos && semi - i <= 8);  // a well-formed entity
    out += '?';
    i = semi;
  }
  return out;
}

bool NoMarkup(std::string_view s) {
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (c == '<' || c == '>' || c == '"' || c == '\'') return false;
    if (c == '&') {
      const std::size_t semi = s.find(';', i);
      if (semi == std::string_view::npos || semi - i > 8) return false;
    }
  }
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 2) return 0;
  const std::string text(reinterpret_cast<const char*>(data) + 2, size - 2);
  const std::size_t cps = concord::lang::CountCodePoints(text);

  const std::string line = concord::serve::Html(text);
  FUZZ_CHECK(NoMarkup(line));
  FUZZ_CHECK(line.find('\n') == std::string::npos && line.find('\r') == std::string::npos);
  FUZZ_CHECK(concord::lang::FindInvalidUtf8(line) == std::string::npos);

  std::vector<std::pair<std::size_t, std::size_t>> spans;
  const std::size_t n = data[0] % 5;
  for (std::size_t k = 0; k < n; ++k) {
    const std::size_t a = (data[1] * (k + 3) + k * 7) % (cps + 3);
    const std::size_t b = a + (data[0] >> 3) % 9;
    spans.emplace_back(a, b);
  }
  const std::string attributes = "id=\"hit\"";
  const std::string marked =
      concord::serve::HtmlMarked(text, spans, (data[0] & 0x80) != 0, attributes);
  FUZZ_CHECK(concord::lang::FindInvalidUtf8(marked) == std::string::npos);
  std::string plain;
  std::size_t opened = 0, closed = 0, with_attributes = 0;
  bool inside = false;
  for (std::size_t i = 0; i < marked.size();) {
    if (marked.compare(i, 5, "<mark") == 0) {
      const std::size_t end = marked.find('>', i);
      FUZZ_CHECK(end != std::string::npos && !inside);
      const std::string tag = marked.substr(i, end + 1 - i);
      FUZZ_CHECK(tag == "<mark>" || tag == "<mark " + attributes + ">");
      with_attributes += tag != "<mark>";
      ++opened;
      inside = true;
      i = end + 1;
    } else if (marked.compare(i, 7, "</mark>") == 0) {
      FUZZ_CHECK(inside);
      ++closed;
      inside = false;
      i += 7;
    } else {
      plain += marked[i++];
    }
  }
  FUZZ_CHECK(opened == closed && !inside);
  FUZZ_CHECK(with_attributes <= 1 && (opened == 0 || with_attributes == 1));
  FUZZ_CHECK(NoMarkup(plain));
  FUZZ_CHECK(concord::lang::CountCodePoints(Unescape(plain)) == cps);
  return 0;
}
