#include "store/matcher_file.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include "lang/entity_dictionary.h"

namespace concord::store {
namespace {

namespace fs = std::filesystem;

class MatcherFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::mt19937_64 rng(std::random_device{}());
    dir_ = fs::temp_directory_path() / ("concord_matcher_" + std::to_string(rng()));
    fs::create_directories(dir_);
    std::vector<std::string> errors;
    ASSERT_TRUE(dict_.LoadString("[kyiv]\ntype: place\nalias: Kyiv\n", "t", &errors));
  }
  void TearDown() override {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }
  fs::path dir_;
  lang::EntityDictionary dict_;
};

// Saved under the content hash and the built-in files' digest, a matcher is
// found by either; by the digest, the content hash comes with it.
TEST_F(MatcherFileTest, FoundByContentHashOrBySource) {
  const lang::EntityMatcher matcher(dict_);
  const std::string hash = dict_.ContentHash();
  std::string error;
  ASSERT_TRUE(SaveMatcher(dir_.string(), matcher, MatcherKey(hash, "0123abcd"), &error)) << error;
  std::vector<std::string> warnings;
  EXPECT_TRUE(LoadMatcher({dir_.string()}, hash, &warnings));
  std::string found;
  auto by_source = LoadMatcherBySource({dir_.string()}, "0123abcd", &found, &warnings);
  ASSERT_TRUE(by_source);
  EXPECT_EQ(found, hash);
  EXPECT_EQ(by_source->Resolve("Kyiv", "").size(), 1u);
  found.clear();
  EXPECT_FALSE(LoadMatcherBySource({dir_.string()}, "0123abce", &found, &warnings));
  EXPECT_FALSE(LoadMatcherBySource({dir_.string()}, "abcd", &found, &warnings));
  EXPECT_FALSE(LoadMatcherBySource({dir_.string()}, "", &found, &warnings));
  EXPECT_FALSE(LoadMatcher({dir_.string()}, hash.substr(1), &warnings));
  EXPECT_TRUE(found.empty());
  EXPECT_TRUE(warnings.empty());
}

// Saved without a digest (user dictionaries, or an older writer), it is found
// by its content hash alone.
TEST_F(MatcherFileTest, WithoutASourceOnlyByContentHash) {
  const lang::EntityMatcher matcher(dict_);
  const std::string hash = dict_.ContentHash();
  std::string error;
  ASSERT_TRUE(SaveMatcher(dir_.string(), matcher, MatcherKey(hash, ""), &error)) << error;
  EXPECT_EQ(MatcherKey(hash, ""), hash);
  std::string found;
  EXPECT_FALSE(LoadMatcherBySource({dir_.string()}, "0123abcd", &found, nullptr));
  EXPECT_TRUE(LoadMatcher({dir_.string()}, hash, nullptr));
}

}  // namespace
}  // namespace concord::store
