#include "store/errors.h"

#include <cstring>
#include <utility>

namespace concord::store {

// Xapian::Error has no virtual functions, so its class is read from
// get_type(), the name of the exception's class (not its message).
Code CodeOf(const Xapian::Error& e) {
  static const struct {
    const char* type;
    Code code;
  } kCodes[] = {{"DatabaseLockError", Code::kLocked},
                {"DatabaseNotFoundError", Code::kNotFound},
                {"DatabaseCorruptError", Code::kCorrupt},
                {"DatabaseVersionError", Code::kCorrupt},
                {"InvalidArgumentError", Code::kInvalidArgument}};
  const char* type = e.get_type();
  for (const auto& entry : kCodes) {
    if (type != nullptr && std::strcmp(type, entry.type) == 0) return entry.code;
  }
  return Code::kIo;
}

bool CausedBy(const Xapian::Error& e, int errnum) {
  const char* cause = e.get_error_string();
  return cause && std::strcmp(cause, std::strerror(errnum)) == 0;
}

Status XapianStatus(const Xapian::Error& e, std::string message) {
  return Status(CodeOf(e), std::move(message));
}

}  // namespace concord::store
