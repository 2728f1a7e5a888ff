#include "lang/stemmer.h"

namespace concord::lang {

StemmerSet::Language* StemmerSet::Get(const std::string& lang) {
  auto it = languages_.find(lang);
  if (it != languages_.end()) return &it->second;
  if (missing_.count(lang) || lang.empty() || lang == "und") return nullptr;
  try {
    Xapian::Stem stem(lang);
    if (stem.is_none()) throw Xapian::InvalidArgumentError("none");
    return &languages_.emplace(lang, Language{stem, {}}).first->second;
  } catch (const Xapian::Error&) {
    missing_[lang] = true;
    return nullptr;
  }
}

bool StemmerSet::Has(const std::string& lang) { return Get(lang) != nullptr; }

const std::string& StemmerSet::Stem(const std::string& lang, const std::string& folded_word) {
  Language* l = Get(lang);
  if (!l) return empty_;
  auto it = l->cache.find(folded_word);
  if (it != l->cache.end()) return it->second;
  if (l->cache.size() >= kMaxCachedStems) l->cache.clear();  // bounded memory
  return l->cache.emplace(folded_word, l->stemmer(folded_word)).first->second;
}

}  // namespace concord::lang
