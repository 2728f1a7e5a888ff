#ifndef CONCORD_VERSION_HPP_
#define CONCORD_VERSION_HPP_

// concord's version, for tools that embed it and for `--version`. The public
// library API grows beside this header (see docs/architecture.md).
#define CONCORD_VERSION_MAJOR 0
#define CONCORD_VERSION_MINOR 1
#define CONCORD_VERSION_PATCH 0
#define CONCORD_VERSION_STRING "0.1.0"

// Version of the on-disk index schema (store/schema.h); a database written
// with another schema version must be rebuilt.
#define CONCORD_INDEX_FORMAT 1

#endif  // CONCORD_VERSION_HPP_
