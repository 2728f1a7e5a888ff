#ifndef CONCORD_STORE_FILE_RECORD_H_
#define CONCORD_STORE_FILE_RECORD_H_

#include <cstddef>
#include <cstdint>
#include <string>

#include "store/schema.h"

namespace concord::store {

// What the database remembers of an indexed file, to skip it when unchanged.
// Kept as the metadata value of FileRecordKey(file key).
struct FileRecord {
  std::uint64_t size = 0;
  std::int64_t mtime_ns = 0;
  std::uint64_t content_hash = 0;
  std::int64_t indexed_at_ns = 0;  // wall clock when it was read (racy-mtime check)
  std::size_t documents = 0;
  // The absolute path the file was reached by (through links), when it is not
  // `file_key` itself: pruning checks it still leads to the file.
  std::string via;
  // schema::kAnalysisVersion when it was read (1 in records that lack it).
  int analysis = schema::kAnalysisVersion;
};

// The metadata key of a file's record: schema::kMetaFilePrefix + the key,
// bounded as Xapian requires.
std::string FileRecordKey(const std::string& file_key);

// "SIZE MTIME HASH INDEXED_AT DOCUMENTS ANALYSIS\tKEY", then "\0VIA" when the
// file was reached by another path (no path holds a NUL byte).
std::string EncodeFileRecord(const std::string& file_key, const FileRecord& record);

// False on a malformed value. Records written before a field existed read
// it as its oldest meaning (ANALYSIS 1, VIA the key itself).
bool DecodeFileRecord(const std::string& value, FileRecord* record, std::string* file_key);

}  // namespace concord::store

#endif  // CONCORD_STORE_FILE_RECORD_H_
