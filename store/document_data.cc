#include "store/document_data.h"

#include <cstdint>
#include <nlohmann/json.hpp>
#include <vector>

#include "lang/utf8.h"

namespace concord::store {

std::string CompactDate(const std::string& d) {
  if (d.size() != 10 || d[4] != '-' || d[7] != '-') return std::string();
  std::string out = d.substr(0, 4) + d.substr(5, 2) + d.substr(8, 2);
  for (char c : out) {
    if (c < '0' || c > '9') return std::string();
  }
  return out;
}

namespace {

// A file name that is not valid UTF-8 is kept byte for byte in a binary
// field beside its readable form, so results can show it losslessly.
void PutName(nlohmann::json& j, const char* key, const std::string& name) {
  j[key] = lang::SanitizeUtf8(name);
  if (lang::FindInvalidUtf8(name) != std::string::npos) {
    j[std::string(key) + "_bytes"] =
        nlohmann::json::binary_t(std::vector<std::uint8_t>(name.begin(), name.end()));
  }
}

std::string GetName(const nlohmann::json& j, const char* key) {
  const auto bytes = j.find(std::string(key) + "_bytes");
  if (bytes != j.end() && bytes->is_binary()) {
    return std::string(bytes->get_binary().begin(), bytes->get_binary().end());
  }
  return j.value(key, "");
}

std::string Encode(const corpus::Article& a, bool with_text) {
  nlohmann::json j;
  PutName(j, "path", a.path);
  PutName(j, "id", a.id);
  j["title"] = lang::SanitizeUtf8(a.title);
  j["date"] = a.date;
  j["source"] = lang::SanitizeUtf8(a.source);
  j["url"] = lang::SanitizeUtf8(a.url);
  j["lang"] = a.lang;
  j["byte_offset"] = a.byte_offset;
  j["cp_offset"] = a.cp_offset;
  // The text is stored as base64-free raw bytes in a JSON string only when
  // valid; invalid UTF-8 is kept exactly in a separate binary field so offsets
  // into the original never drift.
  if (!with_text) {
    // Metadata only.
  } else if (lang::FindInvalidUtf8(a.text) == std::string::npos) {
    j["text"] = a.text;
  } else {
    j["text_bytes"] =
        nlohmann::json::binary_t(std::vector<std::uint8_t>(a.text.begin(), a.text.end()));
  }
  std::vector<std::uint8_t> cbor = nlohmann::json::to_cbor(j);
  return std::string(cbor.begin(), cbor.end());
}

}  // namespace

std::string EncodeDocumentData(const corpus::Article& a) { return Encode(a, true); }

std::string EncodeDocumentMeta(const corpus::Article& a) { return Encode(a, false); }

bool DecodeDocumentData(const std::string& data, corpus::Article* a) {
  nlohmann::json j = nlohmann::json::from_cbor(data, true, false);
  if (j.is_discarded() || !j.is_object()) return false;
  a->path = GetName(j, "path");
  a->id = GetName(j, "id");
  a->title = j.value("title", "");
  a->date = j.value("date", "");
  a->source = j.value("source", "");
  a->url = j.value("url", "");
  a->lang = j.value("lang", "");
  a->byte_offset = j.value("byte_offset", std::size_t{0});
  a->cp_offset = j.value("cp_offset", std::size_t{0});
  if (j.contains("text_bytes") && j["text_bytes"].is_binary()) {
    const auto& bin = j["text_bytes"].get_binary();
    a->text.assign(bin.begin(), bin.end());
  } else {
    a->text = j.value("text", "");
  }
  return true;
}

}  // namespace concord::store
