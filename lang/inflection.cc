#include "lang/inflection.h"

#include <algorithm>
#include <map>
#include <set>

#include "lang/utf8.h"

namespace concord::lang {
namespace {

// Endings per language, folded (diacritics removed for Latin scripts).
const std::map<std::string, std::vector<std::string>>& LatinTable() {
  static const auto* table = new std::map<std::string, std::vector<std::string>>{
      {"pl", {"a",  "u",   "e",   "em", "ie", "owi", "iem", "ego",  "iego", "emu", "iemu", "im",
              "ym", "ami", "ach", "om", "y",  "i",   "ow",  "owie", "ej",   "iej", "a"}},
      {"cs", {"a", "u",   "e",   "em",  "ovi", "ou",  "eho", "emu", "ym",   "ymi",  "y",
              "i", "ech", "ach", "ami", "ove", "ovy", "ho",  "mu",  "ovou", "ovych"}},
      {"sk",
       {"a", "u", "e", "om", "ovi", "ou", "eho", "emu", "ym", "ymi", "y", "i", "och", "ach", "ami",
        "ovia", "ho", "mu"}},
      {"hr",
       {"a", "u", "e", "om", "em", "ovi", "ove", "ima", "i", "og", "omu", "ega", "emu", "ev", "ov",
        "oj"}},
      {"sr",
       {"a", "u", "e", "om", "em", "ovi", "ove", "ima", "i", "og", "omu", "ega", "emu", "oj"}},
      {"bs", {"a", "u", "e", "om", "em", "ovi", "ove", "ima", "i", "og", "omu", "oj"}},
      {"sl", {"a", "u", "e", "om", "em", "ovi", "ove", "ih", "im", "ega", "emu", "i"}},
      {"de", {"s", "es", "n", "ns"}},
      {"nl", {"s"}},
      {"sv", {"s"}},
      {"da", {"s"}},
      {"no", {"s"}},
      {"nb", {"s"}},
      {"is", {"s", "i", "ar"}},
      {"fi",
       {"n",  "a",   "lla", "lle", "lta", "ssa", "sta",  "hin",  "ksi",  "na",   "in",   "iin",
        "ta", "lla", "ia",  "ja",  "sa",  "een", "ille", "illa", "ilta", "ista", "issa", "iin"}},
      {"et", {"i", "ga", "le", "lt", "l", "s", "st", "sse", "ni", "ks", "na", "d", "id", "ile"}},
      {"hu",
       {"nak", "nek", "val", "vel", "nal",  "nel", "jal", "jel", "lal", "lel", "ral", "rel", "t",
        "ot",  "et",  "at",  "ban", "ben",  "ba",  "be",  "bol", "tol", "rol", "hoz", "hez", "ra",
        "re",  "on",  "en",  "ert", "kent", "ig",  "nek", "ek",  "ok",  "ai",  "ei",  "ja",  "je",
        "nal", "tal", "tel", "sal", "sel",  "kal", "kel", "mal", "mel", "dal", "del"}},
      {"lt", {"as", "o",   "ui",  "a",   "u", "e",  "is",  "io", "iui", "i",  "yje",
              "ys", "ams", "uje", "ais", "u", "ij", "ija", "os", "ai",  "oje"}},
      {"lv", {"s", "a", "am", "u", "im", "i", "os", "us", "ai", "as", "a", "ija", "ijas"}},
      {"ro", {"ul", "ului", "ei", "a", "i", "ii", "ele"}},
      // Albanian's definite and case endings (Zelenskit, Lavrovit, Rubion;
      // ë folds to e: Moskë, Moskës).
      {"sq", {"i", "it", "in", "u", "ut", "un", "a", "e", "es", "en", "n", "t", "s"}},
      {"tr", {}},
      // Azerbaijani writes case suffixes without Turkish's apostrophe
      // (İstanbulda, Moskvanı, Ərdoğanla); ı, ə, ü, ö fold to i, e, u, o.
      {"az", {"in", "un", "nin", "nun", "a",   "e",   "ya",   "ye",   "i",    "u",
              "ni", "nu", "da",  "de",  "dan", "den", "nda",  "nde",  "ndan", "nden",
              "la", "le", "yla", "yle", "dir", "dur", "daki", "deki", "lar",  "ler"}},
      {"ga", {}},
  };
  return *table;
}

const std::vector<std::string>& CyrillicEndings() {
  static const auto* list = new std::vector<std::string>{
      "а", "у", "е", "ом", "ем", "ём", "ым", "им", "ой", "ей", "ою", "ею", "ого", "его", "ему",
      "ому", "ах", "ях", "ами", "ями", "ов", "ев", "ів", "ам", "ям", "и", "ы", "і", "ю", "я", "ові",
      "еві", "єві", "ую", "ыми", "ими", "ым", "ої", "ій", "ського", "ськ", "ія", "ії", "ию", "ии",
      "ою", "ові", "ові",
      // Serbian and Macedonian: Мединског, Зеленској.
      "ог", "ој", "ога"};
  return *list;
}

// Folded, as Token::norm is: case folding writes the final sigma ς as σ
// (Τουρκίας is "τουρκιασ").
const std::vector<std::string>& GreekEndings() {
  static const auto* list = new std::vector<std::string>{"ου", "ο", "σ", "α",  "ησ", "ασ",
                                                         "ων", "η", "ι", "οσ", "ον", "ε"};
  return *list;
}

std::vector<std::string> SortedUnique(std::vector<std::string> v) {
  std::sort(v.begin(), v.end(), [](const std::string& a, const std::string& b) {
    return a.size() != b.size() ? a.size() > b.size() : a < b;
  });
  v.erase(std::unique(v.begin(), v.end()), v.end());
  return v;
}

}  // namespace

const std::vector<std::string>& InflectionEndings(std::string_view lang, Script script) {
  static const std::vector<std::string> kNone;
  static const auto* cyrillic = new std::vector<std::string>(SortedUnique(CyrillicEndings()));
  static const auto* greek = new std::vector<std::string>(SortedUnique(GreekEndings()));
  static const auto* per_lang = [] {
    auto* m = new std::map<std::string, std::vector<std::string>>;
    for (const auto& [code, list] : LatinTable()) (*m)[code] = SortedUnique(list);
    return m;
  }();
  static const auto* unknown = [] {
    std::vector<std::string> all;
    for (const char* code : {"pl", "cs", "sk", "hr", "sl", "de", "lt", "lv"}) {
      const auto& l = LatinTable().at(code);
      all.insert(all.end(), l.begin(), l.end());
    }
    return new std::vector<std::string>(SortedUnique(all));
  }();

  static const auto* others = [] {
    const std::set<std::string> in_unknown = {"pl", "cs", "sk", "hr", "sl", "de", "lt", "lv"};
    std::vector<std::string> all;
    for (const auto& [code, list] : LatinTable()) {
      if (in_unknown.count(code)) continue;
      for (const std::string& e : list) {
        if (e.size() >= 3) all.push_back(e);
      }
    }
    return new std::vector<std::string>(SortedUnique(all));
  }();

  if (script == Script::kCyrillic) return *cyrillic;
  if (script == Script::kGreek) return *greek;
  if (script != Script::kLatin) return kNone;
  auto it = per_lang->find(std::string(lang));
  if (it != per_lang->end()) return it->second;
  if (lang.empty() || lang == "und") return *unknown;
  if (lang == "mul") return *others;
  return kNone;  // a known language that does not inflect names (en, fr, es, it...)
}

const std::vector<std::string>& ScriptEndings(std::string_view word) {
  static const std::vector<std::string> kNone;
  // Georgian: the nominative -ი drops before most endings (ერდოღან-ს, -მა, -ის).
  static const auto* georgian = new std::vector<std::string>(
      SortedUnique({"ი",    "ის",  "ს",    "მა",     "მ",     "ით",   "ად",  "ო",     "ში",
                    "ზე",   "თან", "სთან", "ისთვის", "სთვის", "იდან", "დან", "ისგან", "სგან",
                    "ამდე", "მდე", "ისა",  "ისი",    "საც",   "მაც",  "იც"}));
  // Armenian: definite article -ը/-ն and the case endings, with the article too.
  static const auto* armenian = new std::vector<std::string>(
      SortedUnique({"ը", "ն", "ի", "ին", "ից", "ով", "ում", "ու", "ուն"}));
  // Bengali: genitive -র/-এর (রাশিয়ার, ইউক্রেনের), locative -ে/-তে/-য়
  // (ইস্তাম্বুলে), objective -কে, plural -রা/-দের; য় as NFC leaves it (য + ়).
  static const auto* bengali = new std::vector<std::string>(
      SortedUnique({"র", "ের", "য়ের", "ে", "তে", "য়", "য়ে", "কে", "েকে", "রা", "দের", "েরা"}));
  if (word.empty()) return kNone;
  std::size_t i = 0;
  const char32_t c = DecodeUtf8(word, &i);
  if (IsGeorgianLetter(c)) return *georgian;
  if (IsArmenianLetter(c)) return *armenian;
  if (c >= 0x0980 && c <= 0x09FF) return *bengali;
  return kNone;
}

bool IsStemFinalVowel(char32_t c) {
  switch (c) {
    case U'a':
    case U'e':
    case U'i':
    case U'o':
    case U'u':
    case U'y':
    case U'j':
    case U'а':
    case U'е':
    case U'и':
    case U'о':
    case U'у':
    case U'ы':
    case U'й':
    case U'ь':
    case U'я':
    case U'ю':
    case U'є':
    case U'і':
    case U'ї':
    case U'ё':
    case U'э':
    case U'ъ':
    case U'α':
    case U'ε':
    case U'η':
    case U'ι':
    case U'ο':
    case U'υ':
    case U'ω':
    case U'σ':
    case U'ა':
    case U'ე':
    case U'ი':
    case U'ო':
    case U'უ':
    case U'ա':
    case U'ե':
    case U'է':
    case U'ը':
    case U'ի':
    case U'ո':
    case U'օ':
      return true;
    default:
      return false;
  }
}

}  // namespace concord::lang
