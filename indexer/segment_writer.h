#ifndef CONCORD_INDEXER_SEGMENT_WRITER_H_
#define CONCORD_INDEXER_SEGMENT_WRITER_H_

#include <cstddef>
#include <string>
#include <vector>

#include "concord/status.hpp"
#include "concord/types.hpp"
#include "indexer/index_writer.h"

// Writing a segmented database (store/segments.h). The caller holds the
// directory lock and a writer on each live segment.
namespace concord::indexer {

// Brings the database up to date with `paths` as UpdatePaths does. A file
// with a record in a live segment is updated, or pruned, in that segment
// (`live`: their writers, oldest first); the new files go to `builders` new
// segments written at once (each file to one builder by its path, each
// builder with its own analysis and writer threads, so N builders keep N
// cores busy). The builders are then merged by compaction into one new
// segment, whose near-duplicate clusters are joined with the live segments'
// (JoinClusters), and flushed to disk: *segment is its name, to be made live
// by the caller (WriteManifest) — "" when no file was new. Stopped by the
// caller (progress), what was read is kept; on an error the new segment is
// not made.
Status UpdateSegments(const std::string& dir, const std::vector<IndexWriter*>& live,
                      const IndexWriterOptions& options, std::size_t builders,
                      std::size_t batch_bytes, const std::vector<std::string>& paths,
                      const UpdateOptions& update, UpdateReport* report, std::string* segment);

// The end of a run: `parts` (builders of `dir`, closed) merged by compaction
// into the new segment `name`, its near-duplicate clusters joined with the
// live segments' (JoinClusters), marked as a run's finished segment
// (schema::kSegmentNew) and flushed to disk. The parts are left as they are.
Status FinishSegment(const std::string& dir, const std::vector<IndexWriter*>& live,
                     const std::vector<std::string>& parts, const std::string& name);

// After a crash: the work of a run that stopped before its manifest listed
// its segment. Its finished segment, if it got that far, is *adopted as it
// is; else its builders (complete at their last commit) are finished into a
// new one. *adopted is "" when there is nothing to keep; the caller lists it
// (and removes what is left unlisted). A file a builder holds only in part
// (no record) is routed to that segment by the next run and replaced there.
Status AdoptStoppedRun(const std::string& dir, const std::vector<IndexWriter*>& live,
                       const std::vector<std::string>& listed, std::string* adopted);

// Merges segments of `dir` (names, oldest first; no writer open on them)
// into a new segment, flushed to disk; *merged is its name. They stay on
// disk until the caller's manifest no longer lists them.
Status MergeSegments(const std::string& dir, const std::vector<std::string>& names,
                     std::string* merged);

}  // namespace concord::indexer

#endif  // CONCORD_INDEXER_SEGMENT_WRITER_H_
