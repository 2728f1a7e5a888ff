#include "lang/ordinary_words.h"

#include <unicode/locid.h>
#include <unicode/uchar.h>
#include <unicode/ucnv.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <hunspell/hunspell.hxx>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

namespace concord::lang {
namespace {

constexpr std::size_t kMaxLoaded = 4;
// Answers remembered before the memory is cleared (a few MB).
constexpr std::size_t kMaxRemembered = 1 << 16;

// The language part of "pt-BR", "sr_Latn".
std::string BaseLanguage(std::string_view lang) {
  const std::size_t cut = lang.find_first_of("-_");
  std::string base(lang.substr(0, cut));
  for (char& c : base) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  return base;
}

std::vector<std::filesystem::path> DictionaryDirectories() {
  std::vector<std::filesystem::path> dirs;
  if (const char* env = std::getenv("CONCORD_DICTIONARY_PATH")) {
    std::string_view rest(env);
    while (!rest.empty()) {
      const std::size_t colon = rest.find(':');
      if (colon != 0) dirs.emplace_back(std::string(rest.substr(0, colon)));
      if (colon == std::string_view::npos) break;
      rest.remove_prefix(colon + 1);
    }
  }
  dirs.emplace_back("/usr/share/hunspell");
  dirs.emplace_back("/usr/share/myspell/dicts");
  return dirs;
}

bool IsDictionary(const std::filesystem::path& base) {
  std::error_code ec;
  return std::filesystem::is_regular_file(base.string() + ".aff", ec) &&
         std::filesystem::is_regular_file(base.string() + ".dic", ec);
}

std::string FindDictionary(const std::string& lang) {
  if (lang.size() < 2 || lang.size() > 3 ||
      !std::all_of(lang.begin(), lang.end(), [](char c) { return c >= 'a' && c <= 'z'; })) {
    return "";
  }
  std::string region = lang;
  for (char& c : region) c = static_cast<char>(c - 'a' + 'A');
  for (const std::filesystem::path& dir : DictionaryDirectories()) {
    for (const std::string& name : {lang + "_" + region, lang}) {
      if (IsDictionary(dir / name)) return (dir / name).string();
    }
    std::vector<std::string> others;
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
      const std::string file = entry.path().filename().string();
      if (file.size() > lang.size() + 5 && file.compare(0, lang.size() + 1, lang + "_") == 0 &&
          file.compare(file.size() - 4, 4, ".aff") == 0) {
        const std::string base = (dir / file.substr(0, file.size() - 4)).string();
        if (IsDictionary(base)) others.push_back(base);
      }
    }
    if (!others.empty()) return *std::min_element(others.begin(), others.end());
  }
  return "";
}

struct Dictionary {
  std::string lang;
  std::unique_ptr<Hunspell> speller;
  UConverter* converter = nullptr;  // to the dictionary's encoding; null for UTF-8
  ~Dictionary() {
    if (converter != nullptr) ucnv_close(converter);
  }
};

// Converts between UTF-8 and a dictionary's encoding ("" when a letter
// has no place in it, as it then has in none of the dictionary's words).
std::string Encode(UConverter* converter, const icu::UnicodeString& text) {
  std::string out;
  if (converter == nullptr) return text.toUTF8String(out);
  UErrorCode status = U_ZERO_ERROR;
  ucnv_setFromUCallBack(converter, UCNV_FROM_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &status);
  out.resize(static_cast<std::size_t>(text.length()) * 4 + 4);
  const int32_t n = ucnv_fromUChars(converter, out.data(), static_cast<int32_t>(out.size()),
                                    text.getBuffer(), text.length(), &status);
  out.resize(U_SUCCESS(status) ? static_cast<std::size_t>(n) : 0);
  return out;
}

std::string Decode(UConverter* converter, const std::string& text) {
  if (converter == nullptr) return text;
  UErrorCode status = U_ZERO_ERROR;
  const icu::UnicodeString decoded(text.data(), static_cast<int32_t>(text.size()), converter,
                                   status);
  std::string out;
  return U_SUCCESS(status) ? decoded.toUTF8String(out) : out;
}

class OrdinaryWords {
 public:
  // What the dictionary of `lang` says of `word` as written.
  struct Answer {
    std::vector<std::string> stems;  // of an ordinary word; none otherwise
    bool name = false;               // listed as a name (with a capital)
  };

  Answer Ask(std::string_view lang, std::string_view word) {
    const std::string base = BaseLanguage(lang);
    // The word as written is remembered: most are asked again and again.
    std::string key = base;
    key += '\0';
    key.append(word);
    {
      std::lock_guard<std::mutex> lock(mutex_);
      const auto known = answers_.find(key);
      if (known != answers_.end()) return known->second;
    }
    const icu::UnicodeString original = icu::UnicodeString::fromUTF8(
        icu::StringPiece(word.data(), static_cast<int32_t>(word.size())));
    bool cased = false;
    for (int32_t i = 0; i < original.length() && !cased; i = original.moveIndex32(i, 1)) {
      cased = u_hasBinaryProperty(original.char32At(i), UCHAR_CASED);
    }
    icu::UnicodeString lower = original;
    lower.toLower(icu::Locale(base.c_str()));
    icu::UnicodeString title = lower;
    if (!lower.isEmpty()) {
      title.replace(
          0, title.moveIndex32(0, 1),
          icu::UnicodeString(lower, 0, lower.moveIndex32(0, 1)).toUpper(icu::Locale(base.c_str())));
    }

    std::lock_guard<std::mutex> lock(mutex_);
    Answer answer;
    if (!cased) {
      // (No dictionary is asked.)
    } else if (Dictionary* dictionary = Load(base)) {
      const std::string spelled = Encode(dictionary->converter, lower);
      const std::string capitalised = Encode(dictionary->converter, title);
      if (!spelled.empty() && dictionary->speller->spell(spelled)) {
        // The stems of the word in lower case and with a capital: one with
        // a capital is a name the dictionary lists (Ukrainian Ковальчук, a
        // surname and a noun; Hungarian moszkvai, of Moszkva; Turkish
        // Emine, a first name, which the dictionary also reads em + ine).
        std::vector<std::string> found = dictionary->speller->stem(spelled);
        const std::size_t from_lower = found.size();
        for (std::string& stem : dictionary->speller->stem(capitalised)) {
          found.push_back(std::move(stem));
        }
        bool capital_stem = false;
        for (std::size_t i = 0; i < found.size(); ++i) {
          std::string decoded = Decode(dictionary->converter, found[i]);
          if (decoded.empty()) continue;
          icu::UnicodeString stem = icu::UnicodeString::fromUTF8(decoded);
          const UChar32 first = stem.char32At(0);
          if (u_isupper(first) || u_istitle(first)) {
            capital_stem = true;
            // Listed as a name when no stem of the word in lower case is
            // this one too: Emine (em + -ine in lower case), not Winter.
            std::string lowered;
            stem.toLower(icu::Locale(base.c_str())).toUTF8String(lowered);
            bool also_a_word = false;
            for (std::size_t j = 0; j < from_lower && !also_a_word; ++j) {
              also_a_word = Decode(dictionary->converter, found[j]) == lowered;
            }
            answer.name |= !also_a_word;
          }
          if (std::find(answer.stems.begin(), answer.stems.end(), decoded) == answer.stems.end()) {
            answer.stems.push_back(std::move(decoded));
          }
        }
        // A stem with a capital: a name too. (No stem at all, and `stems`
        // stays empty: the word was accepted through a conversion, not found;
        // Ukrainian's drops every Latin letter, so it accepts any Latin word.)
        if (capital_stem) answer.stems.clear();
      } else if (!capitalised.empty() && dictionary->speller->spell(capitalised)) {
        // Refused in lower case, accepted with a capital: a name (Keith).
        answer.name = true;
      }
    }
    if (answers_.size() >= kMaxRemembered) answers_.clear();
    answers_.emplace(std::move(key), answer);
    return answer;
  }

  std::string Path(std::string_view lang) {
    std::lock_guard<std::mutex> lock(mutex_);
    return PathOf(BaseLanguage(lang));
  }

 private:
  const std::string& PathOf(const std::string& lang) {
    auto it = paths_.find(lang);
    if (it == paths_.end()) it = paths_.emplace(lang, FindDictionary(lang)).first;
    return it->second;
  }

  // The loaded dictionary of `lang`, most recently used first; null when
  // none is installed or it cannot be read.
  Dictionary* Load(const std::string& lang) {
    for (auto it = loaded_.begin(); it != loaded_.end(); ++it) {
      if (it->lang == lang) {
        loaded_.splice(loaded_.begin(), loaded_, it);
        return loaded_.front().speller ? &loaded_.front() : nullptr;
      }
    }
    const std::string& path = PathOf(lang);
    if (path.empty()) return nullptr;
    if (loaded_.size() >= kMaxLoaded) loaded_.pop_back();
    loaded_.emplace_front();
    Dictionary& d = loaded_.front();
    d.lang = lang;
    d.speller = std::make_unique<Hunspell>((path + ".aff").c_str(), (path + ".dic").c_str());
    const std::string encoding = d.speller->get_dict_encoding();
    if (encoding != "UTF-8" && encoding != "utf-8" && encoding != "UTF8") {
      UErrorCode status = U_ZERO_ERROR;
      d.converter = ucnv_open(encoding.c_str(), &status);
      if (U_FAILURE(status)) {
        // An encoding ICU does not know: the dictionary is not read.
        d.converter = nullptr;
        d.speller.reset();
        return nullptr;
      }
    }
    return &d;
  }

  std::mutex mutex_;
  std::list<Dictionary> loaded_;  // at most kMaxLoaded, most recently used first
  std::unordered_map<std::string, std::string> paths_;  // language -> dictionary ("" none)
  // language NUL word as written -> what the dictionary says of it
  std::unordered_map<std::string, Answer> answers_;
};

OrdinaryWords& Shared() {
  static OrdinaryWords* words = new OrdinaryWords();  // never destroyed: used by any thread
  return *words;
}

}  // namespace

bool IsOrdinaryWord(std::string_view lang, std::string_view word) {
  return !Shared().Ask(lang, word).stems.empty();
}

std::vector<std::string> OrdinaryWordStems(std::string_view lang, std::string_view word) {
  return Shared().Ask(lang, word).stems;
}

bool IsListedName(std::string_view lang, std::string_view word) {
  return Shared().Ask(lang, word).name;
}

std::string OrdinaryWordDictionary(std::string_view lang) { return Shared().Path(lang); }

}  // namespace concord::lang
