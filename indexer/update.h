#ifndef CONCORD_INDEXER_UPDATE_H_
#define CONCORD_INDEXER_UPDATE_H_

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "concord/status.hpp"
#include "concord/types.hpp"
#include "indexer/index_writer.h"

namespace concord::indexer {

// Brings a database up to date with `paths` (files and directories, walked
// once): a new or changed file is read and its documents replace the
// earlier ones as a whole; an unchanged one (same size and modification
// time, or with options.verify the same content hash) is not read again;
// a file recorded under the paths that is gone, or whose path now leads to
// another file, loses its documents (options.prune). A file analysed by an
// older concord (schema::kAnalysisVersion) is read again.
//
// `writers`: one per shard, each file going to store::ShardOf its canonical
// path, updated in parallel (options.threads); one for a plain database.
// `db_path`: the database, which is not read as documents when it sits
// inside the tree. Commits after about `batch_bytes` of text and at the end.
// One file never stops the run: it is warned about (report->warnings and
// options.on_warning) and counted as skipped. Returns the first error that
// stops writing.
// `route`, when given, picks the writer of each file (by its canonical path)
// instead of store::ShardOf.
// `finished`, when given, is called (from the writer's thread) with each
// writer's index once its share is done and committed; the caller may close
// that writer then, and must not touch another's.
using Router = std::function<std::size_t(const std::string& file_key)>;
Status UpdatePaths(const std::vector<IndexWriter*>& writers, const std::string& db_path,
                   std::size_t batch_bytes, const std::vector<std::string>& paths,
                   const UpdateOptions& options, UpdateReport* report,
                   const Router& route = nullptr,
                   const std::function<void(std::size_t)>& finished = nullptr);

}  // namespace concord::indexer

#endif  // CONCORD_INDEXER_UPDATE_H_
