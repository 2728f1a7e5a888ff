#include "tools/serve/html.h"

#include <algorithm>

#include "lang/utf8.h"

namespace concord::serve {
namespace {

bool Unsafe(char32_t c) {
  return (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || (c >= 0x7F && c <= 0x9F) ||
         (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
}

void Append(char32_t c, bool keep_lines, std::string* out) {
  switch (c) {
    case '&':
      *out += "&amp;";
      return;
    case '<':
      *out += "&lt;";
      return;
    case '>':
      *out += "&gt;";
      return;
    case '"':
      *out += "&quot;";
      return;
    case '\'':
      *out += "&#39;";
      return;
    case '\t':
    case 0x2028:
    case 0x2029:
      *out += ' ';
      return;
    case '\n':
    case '\r':
      *out += keep_lines ? static_cast<char>(c) : ' ';
      return;
    default:
      lang::AppendUtf8(Unsafe(c) ? 0xFFFD : c, out);
  }
}

}  // namespace

std::string Html(std::string_view text) { return HtmlMarked(text, {}, false); }

std::string HtmlMarked(std::string_view text,
                       std::vector<std::pair<std::size_t, std::size_t>> spans, bool keep_lines,
                       std::string_view mark_attributes) {
  std::sort(spans.begin(), spans.end());
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  std::size_t i = 0, cp = 0, next = 0;  // next: the span to open or close
  bool open = false, first = true;
  const auto skip_unusable = [&] {
    while (next < spans.size() &&
           (spans[next].first >= spans[next].second || spans[next].first < cp)) {
      ++next;  // empty, or starting inside what is already written
    }
  };
  skip_unusable();
  while (i < text.size()) {
    if (open && cp == spans[next].second) {
      out += "</mark>";
      open = false;
      ++next;
      skip_unusable();
    }
    if (!open && next < spans.size() && cp == spans[next].first) {
      out += "<mark";
      if (first && !mark_attributes.empty()) out += std::string(" ") + std::string(mark_attributes);
      out += '>';
      open = true;
      first = false;
    }
    Append(lang::DecodeUtf8(text, &i), keep_lines, &out);
    ++cp;
  }
  // A span that ends past the text was out of range: its mark is still
  // closed, so the page stays well-formed.
  if (open) out += "</mark>";
  return out;
}

std::string UrlEncode(std::string_view value) {
  static const char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : value) {
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
        c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

Url& Url::Add(std::string_view key, std::string_view value) {
  if (value.empty()) return *this;
  query_ += query_.empty() ? '?' : '&';
  query_ += UrlEncode(key) + "=" + UrlEncode(value);
  return *this;
}

Url& Url::Add(std::string_view key, std::size_t value) { return Add(key, std::to_string(value)); }

Url& Url::AddAll(std::string_view key, const std::vector<std::string>& values) {
  for (const std::string& v : values) Add(key, v);
  return *this;
}

std::string PageStart(std::string_view title, std::string_view nav_active) {
  const auto nav = [&](std::string_view href, std::string_view label) {
    return std::string("<a href=\"") + std::string(href) + "\"" +
           (label == nav_active ? " aria-current=\"page\"" : "") + ">" + std::string(label) +
           "</a>";
  };
  return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
         "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
         "<meta name=\"referrer\" content=\"no-referrer\"><title>" +
         Html(title) +
         " · concord</title><link rel=\"stylesheet\" href=\"/static/page.css\">"
         "<script src=\"/static/page.js\" defer></script></head>\n<body><header>"
         "<a class=\"brand\" href=\"/\">concord</a><nav>" +
         nav("/", "Search") + nav("/mentions", "Mentions") + "</nav></header>\n<main>\n";
}

std::string PageEnd() { return "</main>\n</body></html>\n"; }

std::string QueryErrorHtml(std::string_view query, const Status& status) {
  std::string out = "<div class=\"error\" role=\"alert\"><p><strong>Query error";
  if (status.column() > 0) out += " at column " + std::to_string(status.column());
  out += ":</strong> " + Html(status.message()) + "</p>";
  if (status.column() > 0) {
    out += "<pre class=\"caret\">" + Html(query) + "\n" + std::string(status.column() - 1, ' ') +
           "^</pre>";
  }
  return out +
         "<p class=\"hint\">See the query language: words, \"phrases\", OR, NOT, "
         "NEAR/n, lang:, source:, date:2025-06..2025-07, person:NAME.</p></div>\n";
}

std::string ErrorHtml(const Status& status) {
  return "<div class=\"error\" role=\"alert\"><p><strong>" + Html(CodeName(status.code())) +
         ":</strong> " + Html(status.message()) + "</p></div>\n";
}

std::string Thousands(std::size_t n) {
  std::string digits = std::to_string(n), out;
  for (std::size_t k = 0; k < digits.size(); ++k) {
    if (k > 0 && (digits.size() - k) % 3 == 0) out += ',';
    out += digits[k];
  }
  return out;
}

}  // namespace concord::serve
