#ifndef CONCORD_STORE_ERRORS_H_
#define CONCORD_STORE_ERRORS_H_

#include <xapian.h>

#include <string>

#include "concord/status.hpp"

namespace concord::store {

// The Code of a Xapian failure, decided by its exception type where it is
// caught, never by its message: DatabaseLockError -> kLocked,
// DatabaseNotFoundError -> kNotFound, DatabaseCorruptError and
// DatabaseVersionError -> kCorrupt, InvalidArgumentError -> kInvalidArgument,
// everything else (opening, network, modified, I/O) -> kIo.
Code CodeOf(const Xapian::Error& e);

// True when `e` was caused by the system error `errnum`: Xapian keeps the
// errno of a failed system call and describes it with strerror.
bool CausedBy(const Xapian::Error& e, int errnum);

// Status(CodeOf(e), message).
Status XapianStatus(const Xapian::Error& e, std::string message);

}  // namespace concord::store

#endif  // CONCORD_STORE_ERRORS_H_
