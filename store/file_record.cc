#include "store/file_record.h"

#include <sstream>

namespace concord::store {

std::string FileRecordKey(const std::string& file_key) {
  return schema::Bounded(schema::kMetaFilePrefix, file_key);
}

std::string EncodeFileRecord(const std::string& file_key, const FileRecord& r) {
  std::ostringstream out;
  out << r.size << ' ' << r.mtime_ns << ' ' << r.content_hash << ' ' << r.indexed_at_ns << ' '
      << r.documents << ' ' << r.analysis << '\t' << file_key;
  if (!r.via.empty() && r.via != file_key) out << '\0' << r.via;
  return out.str();
}

bool DecodeFileRecord(const std::string& value, FileRecord* r, std::string* file_key) {
  const std::size_t tab = value.find('\t');
  if (tab == std::string::npos) return false;
  std::istringstream in(value.substr(0, tab));
  if (!(in >> r->size >> r->mtime_ns >> r->content_hash >> r->indexed_at_ns >> r->documents)) {
    return false;
  }
  if (!(in >> r->analysis)) r->analysis = 1;  // written before the field existed
  const std::size_t nul = value.find('\0', tab + 1);
  *file_key = value.substr(tab + 1, nul == std::string::npos ? std::string::npos : nul - tab - 1);
  r->via = nul == std::string::npos ? *file_key : value.substr(nul + 1);
  return true;
}

}  // namespace concord::store
