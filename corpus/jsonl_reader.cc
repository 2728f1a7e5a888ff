// JSON Lines: one document per line, each a JSON object.

#include <unicode/uloc.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <string_view>
#include <unordered_set>
#include <utility>
#include <vector>

#include "corpus/date_extract.h"
#include "corpus/reader.h"
#include "corpus/stream.h"
#include "lang/utf8.h"

namespace concord::corpus {
namespace {

using nlohmann::json;

constexpr std::size_t kMaxIdBytes = 200;
// Warnings raised before the first record are held back: if no line is a JSON
// object the source is not JSON Lines at all and one error says so. Past this
// many, only a count is kept so that a huge misrouted text stays cheap.
constexpr std::size_t kMaxPendingWarnings = 100;
// Bytes read from the stream at a time.
constexpr std::size_t kChunk = 64u << 10;
// Parser messages may quote the offending token, which can be a whole line.
constexpr std::size_t kMaxMessageBytes = 160;

bool IsBlank(std::string_view s) {
  for (char c : s) {
    if (!(c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v')) return false;
  }
  return true;
}

// Cuts `s` to at most `max_bytes` without splitting a UTF-8 sequence.
void TruncateUtf8(std::string* s, std::size_t max_bytes) {
  if (s->size() <= max_bytes) return;
  std::size_t cut = max_bytes;
  while (cut > 0 && (static_cast<unsigned char>((*s)[cut]) & 0xC0) == 0x80) --cut;
  s->resize(cut);
}

// The JSON value stored under `key`: a top-level key as is, else a dotted path
// into nested objects ("meta.published").
json* Lookup(json& object, const std::string& key) {
  auto it = object.find(key);
  if (it != object.end()) return &*it;
  if (key.find('.') == std::string::npos) return nullptr;
  json* node = &object;
  std::size_t start = 0;
  while (true) {
    const std::size_t dot = key.find('.', start);
    const std::string part = key.substr(start, dot == std::string::npos ? dot : dot - start);
    if (!node->is_object()) return nullptr;
    auto child = node->find(part);
    if (child == node->end()) return nullptr;
    node = &*child;
    if (dot == std::string::npos) return node;
    start = dot + 1;
  }
}

// Strings as they are, numbers in their JSON spelling (id 17 -> "17").
bool ScalarToString(const json& value, std::string* out) {
  if (value.is_string()) {
    *out = value.get_ref<const std::string&>();
    return true;
  }
  if (value.is_number()) {
    *out = value.dump();
    return true;
  }
  return false;
}

// "2025-06-03", "2025-06-03T07:23:00Z", "2025-06-03 07:23" -> "2025-06-03".
std::string IsoDatePrefix(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  if (s.size() < 10 || !IsValidIsoDate(s.substr(0, 10))) return "";
  if (s.size() > 10 && s[10] != 'T' && s[10] != 't' && s[10] != ' ') return "";
  return std::string(s.substr(0, 10));
}

// Integers are taken as Unix time, in seconds or (when too large for a
// plausible second count) milliseconds.
std::string DateFromEpoch(const json& value) {
  double seconds = value.get<double>();
  if (seconds > 1e11) seconds /= 1000;
  if (!(seconds >= 0 && seconds < 7.3e9)) return "";  // 1970 .. ~2200
  const std::time_t t = static_cast<std::time_t>(seconds);
  std::tm tm{};
  if (gmtime_r(&t, &tm) == nullptr) return "";
  char buf[32];
  std::snprintf(buf, sizeof(buf), "%04d-%02d-%02d", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
  return IsValidIsoDate(buf) ? std::string(buf) : std::string();
}

std::string NormalizeDate(const json& value) {
  if (value.is_number()) return DateFromEpoch(value);
  if (!value.is_string()) return "";
  const std::string& s = value.get_ref<const std::string&>();
  std::string iso = IsoDatePrefix(s);
  if (!iso.empty()) return iso;
  return FindDate(s);
}

// A JSON value as a warning quotes it: valid UTF-8, at most 40 bytes.
std::string Shown(const json& v) {
  std::string shown = v.is_string()
                          ? "'" + lang::SanitizeUtf8(v.get_ref<const std::string&>()) + "'"
                          : lang::SanitizeUtf8(v.dump());
  if (shown.size() > 40) {
    TruncateUtf8(&shown, 40);
    shown += "...";
  }
  return shown;
}

// True for a two-letter ISO 639-1 code ICU knows ("en", "uk"; not "zz").
bool KnownLanguage(const std::string& code) {
  static const std::set<std::string> known = [] {
    std::set<std::string> out;
    for (const char* const* l = uloc_getISOLanguages(); *l != nullptr; ++l) {
      if (std::strlen(*l) == 2) out.insert(*l);
    }
    return out;
  }();
  return known.count(code) > 0;
}

// "en", "EN", "en-US", "fr_FR" -> two lower-case letters; "" when not such a code.
std::string NormalizeLang(std::string_view s) {
  if (s.size() < 2) return "";
  if (s.size() > 2 && s[2] != '-' && s[2] != '_') return "";
  std::string code;
  for (int i = 0; i < 2; ++i) {
    const char c = s[i];
    if (c >= 'A' && c <= 'Z') {
      code += static_cast<char>(c - 'A' + 'a');
    } else if (c >= 'a' && c <= 'z') {
      code += c;
    } else {
      return "";
    }
  }
  return code;
}

// An id fit to be part of an article id: valid UTF-8, no control characters,
// at most kMaxIdBytes.
std::string SanitizeId(const std::string& raw) {
  std::string id = lang::SanitizeUtf8(raw);
  for (char& c : id) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) c = '_';
  }
  TruncateUtf8(&id, kMaxIdBytes);
  return id;
}

std::string ParseErrorMessage(std::string_view line) {
  try {
    const json parsed = json::parse(line.begin(), line.end());
    static_cast<void>(parsed);
  } catch (const json::exception& e) {
    std::string message = e.what();
    // Drop the "[json.exception.parse_error.101] " tag; users need the rest.
    if (!message.empty() && message[0] == '[') {
      const std::size_t close = message.find("] ");
      if (close != std::string::npos) message.erase(0, close + 2);
    }
    message = lang::SanitizeUtf8(message);
    if (message.size() > kMaxMessageBytes) {
      TruncateUtf8(&message, kMaxMessageBytes);
      message += "...";
    }
    return message;
  }
  return "unknown error";
}

class JsonlReader {
 public:
  JsonlReader(const Source& source, const ReadOptions& options, ArticleSink* sink)
      : source_(source), sink_(sink) {
    for (const char* field : {"id", "title", "date", "source", "url", "lang", "text"}) {
      auto it = options.jsonl_fields.find(field);
      keys_.push_back(it != options.jsonl_fields.end() && !it->second.empty() ? it->second : field);
    }
  }

  // Reads `head` and then what `rest` gives, line by line: only one line is
  // held at a time, and a line over kMaxLineBytes is skipped with a warning.
  bool Read(std::string head, const Pull& rest, std::string* error) {
    std::string buf = std::move(head);
    std::size_t at = 0;       // start of the current line in buf
    std::size_t scanned = 0;  // bytes of the current line known to hold no newline
    std::size_t line_number = 0;
    bool eof = false, bom_checked = false, skipping = false;
    while (true) {
      if (sink_->cancelled()) return true;  // not a verdict on the format
      if (!bom_checked && (buf.size() >= 3 || eof)) {
        if (buf.compare(0, 3, "\xEF\xBB\xBF") == 0) at = 3;
        bom_checked = true;
      }
      const std::size_t nl = bom_checked ? buf.find('\n', at + scanned) : std::string::npos;
      if (nl != std::string::npos || (eof && at < buf.size())) {
        const std::size_t end = nl == std::string::npos ? buf.size() : nl;
        ++line_number;
        const std::string_view line(buf.data() + at, end - at);
        if (skipping) {
          skipping = false;  // the end of an over-long line
        } else if (!IsBlank(line)) {
          ReadLine(line, line_number);
        }
        at = end + 1;
        scanned = 0;
        continue;
      }
      if (eof) break;
      scanned = buf.size() - at;
      if (at > 0) {
        buf.erase(0, at);
        at = 0;
      }
      if (!skipping && buf.size() > kMaxLineBytes) {
        Warn(line_number + 1,
             "a line over " + std::to_string(kMaxLineBytes >> 20) + " MB cannot be held; skipped");
        skipping = true;
      }
      if (skipping) {  // keep nothing of it
        buf.clear();
        scanned = 0;
      }
      const std::size_t have = buf.size();
      buf.resize(have + kChunk);
      const std::size_t got = rest(buf.data() + have, kChunk);
      buf.resize(have + got);
      eof = got == 0;
    }
    if (!seen_object_) {
      *error = source_.path + ": not JSON Lines (no line parsed as a JSON object)";
      return false;
    }
    return true;
  }

 private:
  enum Field { kId, kTitle, kDate, kSource, kUrl, kLang, kText };

  void Warn(std::size_t line_number, const std::string& what) {
    std::string message = source_.path + ":" + std::to_string(line_number) + ": " + what;
    if (seen_object_) {
      sink_->Warn(std::move(message));
    } else if (pending_.size() < kMaxPendingWarnings) {
      pending_.push_back(std::move(message));
    } else {
      ++dropped_;
    }
  }

  void FlushPending() {
    for (std::string& message : pending_) sink_->Warn(std::move(message));
    pending_.clear();
    if (dropped_ > 0) {
      sink_->Warn(source_.path + ": " + std::to_string(dropped_) +
                  " more lines skipped before the first record");
    }
  }

  void ReadLine(std::string_view line, std::size_t line_number) {
    json record = json::parse(line.begin(), line.end(), nullptr, /*allow_exceptions=*/false);
    bool replaced = false;
    std::string sanitized;
    if (record.is_discarded() && lang::FindInvalidUtf8(line) != std::string_view::npos) {
      // The parser insists on valid UTF-8; replaced bytes beat losing the record.
      sanitized = lang::SanitizeUtf8(line);
      record = json::parse(sanitized, nullptr, /*allow_exceptions=*/false);
      replaced = !record.is_discarded();
      if (!replaced) line = sanitized;  // report the error that remains
    }
    if (record.is_discarded()) {
      Warn(line_number, "malformed JSON (" + ParseErrorMessage(line) + "); skipped");
      return;
    }
    if (!record.is_object()) {
      Warn(line_number, "not a JSON object; skipped");
      return;
    }
    if (!seen_object_) {
      seen_object_ = true;
      FlushPending();
    }
    if (replaced) Warn(line_number, "invalid UTF-8 replaced");
    AddRecord(&record, line_number);
  }

  void AddRecord(json* record, std::size_t line_number) {
    Article article;
    article.path = source_.path;

    json* text = Lookup(*record, keys_[kText]);
    if (text == nullptr || text->is_null()) {
      Warn(line_number, "record has no '" + keys_[kText] + "' field; skipped");
      return;
    }
    if (!text->is_string()) {
      Warn(line_number, "'" + keys_[kText] + "' is not a string; skipped");
      return;
    }
    if (IsBlank(text->get_ref<const std::string&>())) {
      Warn(line_number, "record has an empty '" + keys_[kText] + "'; skipped");
      return;
    }
    // Moved, not copied: a single record may be hundreds of megabytes.
    article.text = std::move(text->get_ref<std::string&>());

    std::string value;
    if (const json* v = Lookup(*record, keys_[kTitle]); v && ScalarToString(*v, &value)) {
      article.title = std::move(value);
    }
    if (const json* v = Lookup(*record, keys_[kSource]); v && ScalarToString(*v, &value)) {
      article.source = std::move(value);
    }
    if (const json* v = Lookup(*record, keys_[kUrl]); v && ScalarToString(*v, &value)) {
      article.url = std::move(value);
    }
    if (const json* v = Lookup(*record, keys_[kDate]); v && !v->is_null()) {
      article.date = NormalizeDate(*v);
      if (article.date.empty() && !(v->is_string() && v->get_ref<const std::string&>().empty())) {
        Warn(line_number, "'" + keys_[kDate] + "' value " + Shown(*v) +
                              " is not a date; ignored (the text's date is used, if any)");
      }
    }
    if (const json* v = Lookup(*record, keys_[kLang]); v && v->is_string()) {
      const std::string& raw = v->get_ref<const std::string&>();
      article.lang = NormalizeLang(raw);
      if (!raw.empty() && (article.lang.empty() || !KnownLanguage(article.lang))) {
        Warn(line_number, "'" + keys_[kLang] + "' value " + Shown(*v) +
                              " is not an ISO 639-1 language code; ignored (the language is "
                              "detected from the text)");
        article.lang.clear();
      }
    }

    std::string id;
    if (const json* v = Lookup(*record, keys_[kId]); v && ScalarToString(*v, &value)) {
      id = SanitizeId(value);
    }
    if (!id.empty() && !used_ids_.insert(id).second) {
      Warn(line_number, "duplicate id '" + id + "'; using line-" + std::to_string(line_number));
      id.clear();
    }
    if (id.empty()) id = LineId(line_number);
    article.id = source_.id + "#" + id;
    sink_->Add(std::move(article));
  }

  // "line-N", unless a record's own id already took it.
  std::string LineId(std::size_t line_number) {
    const std::string base = "line-" + std::to_string(line_number);
    std::string id = base;
    for (int n = 2; !used_ids_.insert(id).second; ++n) id = base + "." + std::to_string(n);
    return id;
  }

  const Source& source_;
  ArticleSink* sink_;
  std::vector<std::string> keys_;  // JSON key per Field
  std::unordered_set<std::string> used_ids_;
  bool seen_object_ = false;
  std::vector<std::string> pending_;
  std::size_t dropped_ = 0;
};

}  // namespace

bool ReadJsonlStream(const Source& meta, std::string head, const Pull& rest,
                     const ReadOptions& options, ArticleSink* sink, std::string* error) {
  JsonlReader reader(meta, options, sink);
  return reader.Read(std::move(head), rest, error);
}

bool ReadJsonlSource(const Source& source, const ReadOptions& options, ArticleSink* sink,
                     std::string* error) {
  const Pull from_memory = MemoryPull(source.content);
  return ReadJsonlStream(source, std::string(), from_memory, options, sink, error);
}

}  // namespace concord::corpus
