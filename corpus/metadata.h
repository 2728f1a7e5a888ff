#ifndef CONCORD_CORPUS_METADATA_H_
#define CONCORD_CORPUS_METADATA_H_

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "corpus/article.h"

namespace concord::corpus {

// Sidecar metadata: for a file "X.txt" an optional "X.txt.meta" next to it.
//
//   # comment
//   source: Euromaidan Press      (fills the field when the text yielded nothing)
//   !title: Better title          (overrides what the text yielded; "!key:" with
//                                  an empty value clears the field)
//   [2]                           (following keys apply to article 2 only)
//   date: 2025-05-28
//
// Keys: title, date (YYYY-MM-DD), source, url, lang (ISO 639-1). Keys before
// any section apply to every article; a section's value for a key replaces the
// global one for that article. Problems never fail the read: they become
// warnings "path:line: message" and the offending line is ignored.
struct MetadataEntry {
  std::string value;
  bool override = false;  // written "!key:"
  int line = 0;           // 1-based line in the sidecar, for messages
};

// key -> entry; the last occurrence of a key in a scope wins.
using MetadataFields = std::map<std::string, MetadataEntry>;

struct Sidecar {
  MetadataFields global;
  std::map<int, MetadataFields> sections;  // 1-based article number -> fields
  std::map<int, int> section_lines;        // article number -> line of its "[N]" header
};

// Returns the sidecar path for a text file ("X.txt" -> "X.txt.meta").
std::string SidecarPath(const std::string& text_path);

// Parses sidecar text. `path` only names the sidecar in warnings.
Sidecar ParseSidecar(std::string_view content, const std::string& path,
                     std::vector<std::string>* warnings);

// Applies `sidecar` to `articles` (articles[i] is article number i+1).
void ApplySidecar(const Sidecar& sidecar, const std::string& path, std::vector<Article>* articles,
                  std::vector<std::string>* warnings);

// Reads SidecarPath(text_path) when it exists and applies it. A missing
// sidecar is normal; an unreadable one is a warning.
void ApplySidecarFile(const std::string& text_path, std::vector<Article>* articles,
                      std::vector<std::string>* warnings);

}  // namespace concord::corpus

#endif  // CONCORD_CORPUS_METADATA_H_
