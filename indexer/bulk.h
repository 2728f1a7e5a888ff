#ifndef CONCORD_INDEXER_BULK_H_
#define CONCORD_INDEXER_BULK_H_

#include <cstddef>
#include <string>
#include <vector>

#include "concord/status.hpp"
#include "concord/types.hpp"
#include "indexer/index_writer.h"

namespace concord::indexer {

// A bulk run into an empty segmented database (store/segments.h): `paths`
// are indexed into `builders` new segments of `dir` at once (each file goes
// to one builder by its path, each builder has its own analysis and writer
// threads, so N builders keep N cores busy), then the builders are merged by
// compaction into one new segment, near-duplicate clusters are joined across
// builders (JoinClusters), and the result is flushed to disk. *segment is
// its name; the caller makes it live (WriteManifest) after opening a writer
// on it. The builders are removed. Stopped by the caller (progress), what
// was read is merged as well; on an error nothing is kept.
Status BuildSegments(const std::string& dir, const IndexWriterOptions& options,
                     std::size_t builders, std::size_t batch_bytes,
                     const std::vector<std::string>& paths, const UpdateOptions& update,
                     UpdateReport* report, std::string* segment);

}  // namespace concord::indexer

#endif  // CONCORD_INDEXER_BULK_H_
