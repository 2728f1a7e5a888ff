// A stand-in for libFuzzer's driver, linked with a fuzz target when the build
// is not a libFuzzer build (any compiler, any build type): CI runs every target
// this way on its seeds plus a fixed number of deterministic mutations.
//
//   <target>_replay [--mutations N] [--max-len BYTES] FILE_OR_DIR...
//
// Every regular file named (directories are walked recursively, in name order)
// is fed to LLVMFuzzerTestOneInput as is. Then N inputs (default 2000) are made
// from the seeds by a std::mt19937 with a fixed seed: bit flips, byte inserts
// and deletes, splices of two seeds, chunk copies, truncations and insertions
// of tokens that the parsers treat specially. The same binary and seeds always
// produce the same inputs, so a failure reproduces; the input that fails is
// written to ./<program>.failure-input before it is run, so it survives the abort.

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);

namespace {

namespace fs = std::filesystem;

// Pieces of syntax the query parser, dictionary loader, tokenizer and article
// splitter give meaning to, plus UTF-8 fragments that are easy to get wrong.
const std::vector<std::string>& Tokens() {
  static const std::vector<std::string> kTokens = {
      "\"",
      "(",
      ")",
      "NEAR/",
      "NEAR/0",
      "NEAR/1001",
      " NEAR ",
      " AND ",
      " OR ",
      "NOT ",
      "-",
      ":",
      "*",
      "title:",
      "date:",
      "..",
      "2025-02-29",
      "lang:",
      "person:",
      "[",
      "]",
      "[id]",
      "|",
      "=",
      "fr=",
      "name: ",
      "alias: ",
      "cased: ",
      "type: ",
      "default: yes",
      "#",
      "\n",
      "\r\n",
      "\t",
      " ",
      "'",
      "\xe2\x80\x99",
      "l'",
      "qu\xe2\x80\x99",
      "'s",
      "\xff",
      "\xc3",
      "\xe2\x80",
      "\xe2\x80\x8b",
      "\xc2\xad",
      "\xc2\xa0",
      "\xcc\x81",
      "\xef\xbb\xbf",
      "\xf0\x9f\x98\x80",
      "\xd0\x97",
      "\x00",
      "Vue normale\n",
      "3 juin 2025 \xc3\xa0 07:23\n",
      "  \xe2\x80\xa2 \xe2\x9c\x87",
      "\xe2\x9d\x8c",
      "\n\n",
  };
  return kTokens;
}

bool ReadFile(const fs::path& path, std::string* out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  out->assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  return !in.bad();
}

void WriteFile(const std::string& path, const std::string& data) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(data.data(), static_cast<std::streamsize>(data.size()));
}

// Regular files under `arg` (or `arg` itself), sorted so runs are repeatable.
bool CollectFiles(const std::string& arg, std::vector<fs::path>* files) {
  std::error_code ec;
  if (fs::is_regular_file(arg, ec)) {
    files->push_back(arg);
    return true;
  }
  if (!fs::is_directory(arg, ec)) return false;
  std::vector<fs::path> found;
  for (auto it = fs::recursive_directory_iterator(arg, ec);
       !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (it->is_regular_file(ec)) found.push_back(it->path());
  }
  if (ec) return false;
  std::sort(found.begin(), found.end());
  files->insert(files->end(), found.begin(), found.end());
  return true;
}

class Mutator {
 public:
  Mutator(const std::vector<std::string>* seeds, std::size_t max_len)
      : seeds_(seeds), max_len_(max_len), rng_(0x5eed1234u) {}

  std::string Next() {
    std::string s = seeds_->empty() ? std::string() : (*seeds_)[Below(seeds_->size())];
    const std::size_t rounds = 1 + Below(6);
    for (std::size_t r = 0; r < rounds; ++r) MutateOnce(&s);
    if (s.size() > max_len_) s.resize(max_len_);
    return s;
  }

 private:
  // Uniform in [0, n); 0 when n == 0.
  std::size_t Below(std::size_t n) {
    if (n == 0) return 0;
    return std::uniform_int_distribution<std::size_t>(0, n - 1)(rng_);
  }

  void MutateOnce(std::string* s) {
    switch (Below(8)) {
      case 0:  // flip one bit
        if (!s->empty()) (*s)[Below(s->size())] ^= static_cast<char>(1u << Below(8));
        break;
      case 1:  // insert a random byte
        s->insert(s->begin() + static_cast<std::ptrdiff_t>(Below(s->size() + 1)),
                  static_cast<char>(Below(256)));
        break;
      case 2:  // delete a run of bytes
        if (!s->empty()) {
          const std::size_t at = Below(s->size());
          s->erase(at, 1 + Below(std::min<std::size_t>(8, s->size() - at)));
        }
        break;
      case 3:  // splice: a prefix of this input and a suffix of another seed
        if (!seeds_->empty()) {
          const std::string& other = (*seeds_)[Below(seeds_->size())];
          *s = s->substr(0, Below(s->size() + 1)) + other.substr(Below(other.size() + 1));
        }
        break;
      case 4:
      case 5: {  // insert a special token (twice as likely: it finds the most)
        const std::string& token = Tokens()[Below(Tokens().size())];
        s->insert(Below(s->size() + 1), token);
        break;
      }
      case 6:  // copy a chunk of the input elsewhere in it
        if (!s->empty()) {
          const std::size_t from = Below(s->size());
          const std::string chunk = s->substr(from, 1 + Below(32));
          s->insert(Below(s->size() + 1), chunk);
        }
        break;
      default:  // truncate
        s->resize(Below(s->size() + 1));
        break;
    }
  }

  const std::vector<std::string>* seeds_;
  std::size_t max_len_;
  std::mt19937 rng_;
};

void Run(const std::string& failure_path, const std::string& input) {
  // Kept on disk until the input passed, so a crash leaves its reproducer.
  WriteFile(failure_path, input);
  LLVMFuzzerTestOneInput(reinterpret_cast<const uint8_t*>(input.data()), input.size());
}

int Usage(const char* argv0) {
  std::fprintf(stderr, "usage: %s [--mutations N] [--max-len BYTES] FILE_OR_DIR...\n", argv0);
  return 2;
}

bool ParseCount(const char* text, std::size_t* out) {
  char* end = nullptr;
  const unsigned long long n = std::strtoull(text, &end, 10);
  if (end == text || *end != '\0') return false;
  *out = static_cast<std::size_t>(n);
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  std::size_t mutations = 2000;
  std::size_t max_len = 16384;
  std::vector<fs::path> files;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if ((arg == "--mutations" || arg == "--max-len") && i + 1 < argc) {
      if (!ParseCount(argv[++i], arg == "--mutations" ? &mutations : &max_len)) {
        return Usage(argv[0]);
      }
    } else if (arg.substr(0, 1) == "-") {
      return Usage(argv[0]);
    } else if (!CollectFiles(argv[i], &files)) {
      std::fprintf(stderr, "%s: cannot read '%s'\n", argv[0], argv[i]);
      return 1;
    }
  }

  const std::string failure_path = fs::path(argv[0]).filename().string() + ".failure-input";
  std::vector<std::string> seeds;
  for (const fs::path& path : files) {
    std::string data;
    if (!ReadFile(path, &data)) {
      std::fprintf(stderr, "%s: cannot read '%s'\n", argv[0], path.c_str());
      return 1;
    }
    std::fprintf(stderr, "seed %s (%zu bytes)\n", path.c_str(), data.size());
    Run(failure_path, data);
    seeds.push_back(std::move(data));
  }
  Run(failure_path, std::string());  // the empty input, always

  Mutator mutator(&seeds, max_len);
  for (std::size_t i = 0; i < mutations; ++i) Run(failure_path, mutator.Next());

  std::remove(failure_path.c_str());
  std::printf("%s: ran %zu seed inputs and %zu mutated inputs, all passed\n", argv[0],
              seeds.size() + 1, mutations);
  return 0;
}
