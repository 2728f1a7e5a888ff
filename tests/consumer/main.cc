// An archive tool in miniature, built against the INSTALLED concord package:
// it indexes a folder of articles from memory buffers (as a crawler or a
// digital-library back end would hand them over), searches, lists mentions.
// usage: consumer DB_DIR ARTICLES_DIR
#include <concord/concord.hpp>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: consumer DB_DIR ARTICLES_DIR\n";
    return 2;
  }
  std::cout << "concord " << concord::Version() << "\n";
  std::unique_ptr<concord::Index> index;
  concord::Status s = concord::Index::Open(argv[1], concord::IndexOptions(), &index);
  if (!s.ok()) {
    std::cerr << s.message() << "\n";
    return 1;
  }
  int added = 0;
  for (const auto& entry : std::filesystem::directory_iterator(argv[2])) {
    std::ifstream in(entry.path(), std::ios::binary);
    std::stringstream buffer;
    buffer << in.rdbuf();
    concord::Article a;
    a.id = "mem:" + entry.path().filename().string();
    a.text = buffer.str();
    if (!(s = index->Add(a)).ok()) {
      std::cerr << s.message() << "\n";
      return 1;
    }
    ++added;
  }
  if (!(s = index->Commit()).ok()) return 1;
  index.reset();  // release the write lock

  std::unique_ptr<concord::Searcher> searcher;
  if (!(s = concord::Searcher::Open({argv[1]}, nullptr, &searcher)).ok()) return 1;
  concord::SearchRequest request;
  request.query = "Selenskyj";  // German spelling: finds every spelling
  concord::SearchResult result;
  if (!(s = searcher->Search(request, &result)).ok()) return 1;
  std::cout << added << " added; " << result.total << " match Selenskyj\n";

  concord::MentionRequest mentions;
  mentions.name = "Зеленський";
  std::vector<concord::Mention> found;
  if (!(s = searcher->Mentions(mentions, &found, nullptr)).ok()) return 1;
  for (const concord::Mention& m : found) {
    std::cout << m.article.id << " " << m.start << "-" << m.end << " " << m.surface << " ("
              << m.rung << ")\n";
  }
  // Errors are values: a malformed query says where.
  request.query = "(Zelensky AND";
  s = searcher->Search(request, &result);
  std::cout << "bad query: code " << static_cast<int>(s.code()) << " column " << s.column() << "\n";
  return found.empty() || s.code() != concord::Code::kQuerySyntax ? 1 : 0;
}
