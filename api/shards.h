#ifndef CONCORD_API_SHARDS_H_
#define CONCORD_API_SHARDS_H_

// Sharded databases on the writing side (docs/scaling.md); not installed.

#include <cstddef>
#include <string>
#include <vector>

#include "concord/concord.hpp"

namespace concord {

// The databases behind an index path: {path} for a plain database (*shards =
// 0), or PATH/shard-000.. of a sharded one (*shards = N), created when
// `requested` >= 2 and the path is new. Checks `requested` (0 = whatever is
// there) against what is there, and that every shard knows its place.
Status ResolveShards(const std::string& path, std::size_t requested, bool create_if_missing,
                     std::vector<std::string>* shard_paths, std::size_t* shards);

}  // namespace concord

#endif  // CONCORD_API_SHARDS_H_
