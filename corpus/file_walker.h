#ifndef CONCORD_CORPUS_FILE_WALKER_H_
#define CONCORD_CORPUS_FILE_WALKER_H_

#include <string>
#include <vector>

namespace concord::corpus {

// Expands `paths` into the files to index.
//
// A path naming a file is taken whatever its extension. A directory is walked
// recursively (following symbolic links, but never into a directory already
// visited, so link loops end) and yields every file in it: the content decides
// the format (corpus/reader.h). Hidden entries (names starting with '.') and
// "*.meta" sidecars are skipped. The result is sorted and holds each file once
// even when reached by several paths or links (compared by canonical path);
// file names are returned as reached, e.g. "corpus/samples/000_x.txt".
//
// A Xapian database (a directory holding "iamglass", or a sharded concord
// database's "XAPIANDB" stub) holds no documents: it is not walked, silently
// when it is one of `own_databases` (the database being written, which may
// sit inside the tree), else with a message.
//
// A missing or unreadable path (or directory inside the walk) appends a
// message naming it to `*errors` (may be null) and the walk continues.
std::vector<std::string> ListTextFiles(const std::vector<std::string>& paths,
                                       std::vector<std::string>* errors,
                                       const std::vector<std::string>& own_databases = {});

}  // namespace concord::corpus

#endif  // CONCORD_CORPUS_FILE_WALKER_H_
