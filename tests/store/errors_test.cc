#include "store/errors.h"

#include <gtest/gtest.h>

namespace concord::store {
namespace {

TEST(CodeOf, FollowsTheExceptionClassNotItsMessage) {
  EXPECT_EQ(CodeOf(Xapian::DatabaseLockError("held")), Code::kLocked);
  EXPECT_EQ(CodeOf(Xapian::DatabaseNotFoundError("gone")), Code::kNotFound);
  EXPECT_EQ(CodeOf(Xapian::DatabaseCorruptError("bad block")), Code::kCorrupt);
  EXPECT_EQ(CodeOf(Xapian::DatabaseVersionError("old format")), Code::kCorrupt);
  EXPECT_EQ(CodeOf(Xapian::InvalidArgumentError("term too long")), Code::kInvalidArgument);
  EXPECT_EQ(CodeOf(Xapian::NetworkError("refused")), Code::kIo);
  EXPECT_EQ(CodeOf(Xapian::DatabaseModifiedError("revision discarded")), Code::kIo);
  // Words in a message (or a path in it) never decide the code.
  EXPECT_EQ(CodeOf(Xapian::DatabaseOpeningError("/srv/locked/Version-2/Corrupt: not a db")),
            Code::kIo);
  EXPECT_EQ(CodeOf(Xapian::NetworkError("DatabaseLockError DatabaseCorruptError")), Code::kIo);
}

TEST(XapianStatus, KeepsTheMessageGiven) {
  const Status s = XapianStatus(Xapian::DatabaseLockError("held"), "database x is locked");
  EXPECT_EQ(s.code(), Code::kLocked);
  EXPECT_EQ(s.message(), "database x is locked");
  EXPECT_EQ(s.ToString(), "locked: database x is locked");
  EXPECT_EQ(Status().ToString(), "OK");
}

}  // namespace
}  // namespace concord::store
