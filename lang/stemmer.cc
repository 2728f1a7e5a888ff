#include "lang/stemmer.h"

namespace concord::lang {

Xapian::Stem* StemmerSet::Get(const std::string& lang) {
  auto it = stemmers_.find(lang);
  if (it != stemmers_.end()) return &it->second;
  if (missing_.count(lang) || lang.empty() || lang == "und") return nullptr;
  try {
    Xapian::Stem stem(lang);
    if (stem.is_none()) throw Xapian::InvalidArgumentError("none");
    return &stemmers_.emplace(lang, stem).first->second;
  } catch (const Xapian::Error&) {
    missing_[lang] = true;
    return nullptr;
  }
}

bool StemmerSet::Has(const std::string& lang) { return Get(lang) != nullptr; }

std::string StemmerSet::Stem(const std::string& lang, const std::string& folded_word) {
  Xapian::Stem* stem = Get(lang);
  if (!stem) return std::string();
  return (*stem)(folded_word);
}

}  // namespace concord::lang
