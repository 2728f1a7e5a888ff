#ifndef CONCORD_STATUS_HPP_
#define CONCORD_STATUS_HPP_

/// @file status.hpp
/// The error vocabulary of concord, used by the public API and inside the
/// library alike (included by concord.hpp; header-only).

#include <cstddef>
#include <string>
#include <utility>

#if defined(_WIN32)
#define CONCORD_API
#else
#define CONCORD_API [[gnu::visibility("default")]]
#endif

namespace concord {

/// What went wrong, for programs to branch on.
enum class Code {
  kOk = 0,
  kInvalidArgument,  ///< a bad option or argument (the message names it)
  kQuerySyntax,      ///< a malformed query; Status::column() is the 1-based position
  kNotFound,         ///< no such database, file or document
  kLocked,           ///< another writer holds the database
  kCorrupt,          ///< the database or a file is damaged or in another format
  kIo,               ///< reading or writing failed
  kInternal,         ///< a bug: please report it with the message
  kCancelled,        ///< the caller asked to stop (a sink or a progress callback)
  kTruncated,        ///< a listing was cut at its limit (see Searcher::Mentions)
};

/// The code's name as concord-search prints it in JSON errors: "ok",
/// "invalid_argument", "query_syntax", "not_found", "locked", "corrupt", "io",
/// "internal", "cancelled", "truncated".
inline const char* CodeName(Code code) {
  switch (code) {
    case Code::kOk:
      return "ok";
    case Code::kInvalidArgument:
      return "invalid_argument";
    case Code::kQuerySyntax:
      return "query_syntax";
    case Code::kNotFound:
      return "not_found";
    case Code::kLocked:
      return "locked";
    case Code::kCorrupt:
      return "corrupt";
    case Code::kIo:
      return "io";
    case Code::kInternal:
      return "internal";
    case Code::kCancelled:
      return "cancelled";
    case Code::kTruncated:
      return "truncated";
  }
  return "internal";
}

/// The result of an operation: ok, or a code with an actionable message.
/// [[nodiscard]]: a Status that nobody looks at is a bug.
class [[nodiscard]] CONCORD_API Status {
 public:
  Status() = default;
  Status(Code code, std::string message, std::size_t column = 0)
      : code_(code), message_(std::move(message)), column_(column) {}
  bool ok() const { return code_ == Code::kOk; }
  Code code() const { return code_; }
  const std::string& message() const { return message_; }
  /// For kQuerySyntax: 1-based column of the problem in the query; else 0.
  std::size_t column() const { return column_; }
  /// "OK", or the code's name and the message: "locked: database news.db is
  /// locked by another writer (...)".
  std::string ToString() const {
    return ok() ? "OK" : std::string(CodeName(code_)) + ": " + message_;
  }

 private:
  Code code_ = Code::kOk;
  std::string message_;
  std::size_t column_ = 0;
};

}  // namespace concord

#endif  // CONCORD_STATUS_HPP_
