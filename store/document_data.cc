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

namespace {

// One CBOR data item's head: its major type and its argument (a length or a
// number); false for what EncodeDocumentData never writes (indefinite
// lengths, reserved values).
bool CborHead(std::string_view data, std::size_t* pos, int* major, std::uint64_t* arg) {
  if (*pos >= data.size()) return false;
  const auto initial = static_cast<unsigned char>(data[(*pos)++]);
  *major = initial >> 5;
  const int info = initial & 31;
  if (info < 24) {
    *arg = static_cast<std::uint64_t>(info);
    return true;
  }
  if (info > 27) return false;
  const std::size_t bytes = std::size_t{1} << (info - 24);
  if (data.size() - *pos < bytes) return false;
  *arg = 0;
  for (std::size_t i = 0; i < bytes; ++i) {
    *arg = *arg << 8 | static_cast<unsigned char>(data[(*pos)++]);
  }
  return true;
}

// The document data as EncodeDocumentData writes it — a CBOR map of text
// keys to text strings, byte strings and unsigned numbers — read straight
// into *a, without building a JSON object (listings read one per document).
// False for anything else: the general decoder below then reads it.
bool DecodeFlatCbor(std::string_view data, corpus::Article* a) {
  std::size_t pos = 0;
  int major = 0;
  std::uint64_t n = 0;
  if (!CborHead(data, &pos, &major, &n) || major != 5) return false;
  *a = corpus::Article();
  std::string_view path_bytes, id_bytes;
  bool have_path_bytes = false, have_id_bytes = false, have_text_bytes = false;
  for (std::uint64_t i = 0; i < n; ++i) {
    std::uint64_t len = 0;
    if (!CborHead(data, &pos, &major, &len) || major != 3 || data.size() - pos < len) return false;
    const std::string_view key = data.substr(pos, len);
    pos += len;
    std::uint64_t arg = 0;
    if (!CborHead(data, &pos, &major, &arg)) return false;
    if (major == 0) {
      if (key == "byte_offset") {
        a->byte_offset = arg;
      } else if (key == "cp_offset") {
        a->cp_offset = arg;
      } else {
        return false;
      }
      continue;
    }
    if ((major != 2 && major != 3) || data.size() - pos < arg) return false;
    const std::string_view value = data.substr(pos, arg);
    pos += arg;
    if (major == 2) {  // byte strings hold names and text that are not UTF-8
      if (key == "path_bytes") {
        path_bytes = value, have_path_bytes = true;
      } else if (key == "id_bytes") {
        id_bytes = value, have_id_bytes = true;
      } else if (key == "text_bytes") {
        a->text.assign(value), have_text_bytes = true;
      } else {
        return false;
      }
      continue;
    }
    std::string* field = key == "path"     ? &a->path
                         : key == "id"     ? &a->id
                         : key == "title"  ? &a->title
                         : key == "date"   ? &a->date
                         : key == "source" ? &a->source
                         : key == "url"    ? &a->url
                         : key == "lang"   ? &a->lang
                         : key == "text"   ? &a->text
                                           : nullptr;
    if (!field) return false;
    if (!(key == "text" && have_text_bytes)) field->assign(value);
  }
  if (pos != data.size()) return false;
  if (have_path_bytes) a->path.assign(path_bytes);
  if (have_id_bytes) a->id.assign(id_bytes);
  return true;
}

}  // namespace

bool DecodeDocumentData(const std::string& data, corpus::Article* a) {
  if (DecodeFlatCbor(data, a)) return true;
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
