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
      // Basque glues its cases to every noun: Putinekin "with Putin",
      // Istanbulen "in Istanbul", Kievera "to Kyiv", Zelenskik (ergative).
      {"eu", {"k",     "ek",     "a",  "ak",  "ri",   "ari",   "ren",     "aren",  "en",  "n",
              "an",    "ean",    "ra", "era", "rat",  "tik",   "etik",    "ko",    "eko", "ekin",
              "rekin", "arekin", "z",  "ez",  "rako", "erako", "rentzat", "entzat"}},
      // Uzbek (Latin): Istanbulda, Kiyevga, Putinning, Moskvadan.
      {"uz", {"da", "ga", "ka", "qa", "dan", "ning", "ni", "dagi", "gacha"}},
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

// The case endings of the Turkic languages written in Cyrillic (Kazakh,
// Kyrgyz, Tatar, Bashkir, Uzbek), glued to every name as to every noun:
// Стамбулда, Киевке, Путинмен, Мәскеуден. Their vowel harmony gives each
// case several forms.
const std::vector<std::string>& TurkicCyrillicEndings() {
  static const auto* list = new std::vector<std::string>{
      // locative
      "да", "де", "та", "те", "нда", "нде", "до", "дө", "то", "тө", "дә", "тә",
      // dative
      "ға", "ге", "қа", "ке", "на", "не", "га", "ка", "го", "гө", "ко", "кө", "гә", "кә",
      // ablative
      "дан", "ден", "тан", "тен", "нан", "нен", "дон", "дөн", "тон", "төн", "дән", "тән", "нән",
      // genitive
      "ның", "нің", "дың", "дің", "тың", "тің", "нын", "нин", "дын", "дин", "тын", "тин", "нун",
      "нүн", "дун", "дүн", "тун", "түн", "нең", "нинг",
      // accusative
      "ны", "ні", "ды", "ді", "ты", "ті", "ни", "ну", "нү", "ду", "дү", "ту", "тү",
      // instrumental and the locative's adjective (Киевтегі, "in Kyiv")
      "мен", "бен", "пен", "менен", "дағы", "дегі", "тағы", "тегі", "даги", "дагы", "деги"};
  return *list;
}

// Mongolian's: Истанбулд, Киевт, Путинтэй, Москвагаас.
const std::vector<std::string>& MongolianEndings() {
  static const auto* list = new std::vector<std::string>{
      "д",   "т",   "ын",  "ийн",  "ны",   "ий",   "н",    "ыг",   "ийг", "г",
      "аас", "ээс", "оос", "өөс",  "тай",  "тэй",  "той",  "аар",  "ээр", "оор",
      "өөр", "руу", "рүү", "гаас", "гээс", "гоос", "гөөс", "гаар", "гээр"};
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

  static const auto* turkic = [] {
    std::vector<std::string> all = CyrillicEndings();
    all.insert(all.end(), TurkicCyrillicEndings().begin(), TurkicCyrillicEndings().end());
    return new std::vector<std::string>(SortedUnique(all));
  }();
  static const auto* mongolian = [] {
    std::vector<std::string> all = CyrillicEndings();
    all.insert(all.end(), MongolianEndings().begin(), MongolianEndings().end());
    return new std::vector<std::string>(SortedUnique(all));
  }();
  static const auto* tajik = [] {
    std::vector<std::string> all = CyrillicEndings();
    all.push_back("ро");  // the object marker: Путинро
    return new std::vector<std::string>(SortedUnique(all));
  }();

  if (script == Script::kCyrillic) {
    if (lang == "kk" || lang == "ky" || lang == "tt" || lang == "ba" || lang == "uz") {
      return *turkic;
    }
    if (lang == "mn") return *mongolian;
    if (lang == "tg") return *tajik;
    return *cyrillic;
  }
  if (script == Script::kGreek) return *greek;
  if (script != Script::kLatin) return kNone;
  auto it = per_lang->find(std::string(lang));
  if (it != per_lang->end()) return it->second;
  if (lang.empty() || lang == "und") return *unknown;
  if (lang == "mul") return *others;
  return kNone;  // a known language that does not inflect names (en, fr, es, it...)
}

const std::vector<std::string>& ScriptEndings(std::string_view word, std::string_view lang) {
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
  // Marathi and Nepali glue their postpositions to the noun (इस्तंबूलमध्ये
  // "in Istanbul", पुतिनसँग "with Putin", जेलेन्स्कीले); Hindi writes them
  // apart, so the list serves those two languages and an unknown one.
  static const auto* marathi_nepali = new std::vector<std::string>(
      SortedUnique({"ला",  "ने",    "चा",  "ची", "चे",   "च्या", "त",  "मध्ये", "मधील", "हून", "कडे",
                    "कडून", "साठी", "वर",  "शी", "ना",  "ंना",  "ही", "ले",   "लाई",  "को", "का",
                    "की",  "मा",   "बाट", "सँग", "सम्म", "तिर", "हरू", "हरु",  "मै",    "लाइ"}));
  // Gujarati: ઇસ્તંબુલમાં "in Istanbul", પુતિનની, ઝેલેન્સ્કીએ.
  static const auto* gujarati = new std::vector<std::string>(
      SortedUnique({"માં", "માંથી", "નું", "ની", "નો", "ના", "નાં", "ને", "થી", "એ", "પર", "નાથી"}));
  // The Dravidian languages glue their cases too. An ending that begins with
  // a vowel sign takes the place of the virama that ends a name (புடின் +
  // -ஐ is புடினை): StemBefore gives it back.
  static const auto* tamil = new std::vector<std::string>(
      SortedUnique({"ில்",    "ின்",   "ுக்கு", "ை",        "ைச்",        "ைப்",       "ைத்",    "ைக்",
                    "ால்",    "ுடன்",  "ிடம்",  "ிலிருந்து", "ிடமிருந்து", "ிற்கு",     "ுக்குச்", "ுக்குப்",
                    "ுக்குத்", "ும்",   "ிலும்", "ின",       "க்கு",       "யின்",      "யில்",   "யை",
                    "யுடன்",  "யிடம்", "வின்",  "வில்",      "வை",        "வுடன்",     "க்குச்",  "யைச்",
                    "வைச்",   "யும்",  "வும்",  "வுக்கு",    "விலிருந்து", "யிலிருந்து"}));
  static const auto* telugu = new std::vector<std::string>(
      SortedUnique({"లో",  "కు",  "ను",  "తో",  "కి",  "ని",  "పై",  "గా",     "నుంచి", "నుండి", "లోని",
                    "ులో", "ుకు", "ును", "ుతో", "ుకి", "ుని", "ుపై", "ునుంచి", "ు",    "యొక్క"}));
  static const auto* kannada = new std::vector<std::string>(SortedUnique(
      {"ನಲ್ಲಿ", "ದಲ್ಲಿ", "ಲ್ಲಿ",    "ಗೆ",   "ಕ್ಕೆ",     "ಅನ್ನು", "ನ್ನು", "ನ", "ದ",  "ರ", "ಯ",   "ಇಂದ", "ನಿಂದ",
       "ದಿಂದ", "ಗಳು", "ನೊಂದಿಗೆ", "ಅವರ", "ಅವರನ್ನು", "ಅವರು", "ಿನಲ್ಲಿ", "ಿಗೆ", "ನಿಗೆ", "ಿನ", "ಿನಿಂದ", "ನೊಡನೆ"}));
  static const auto* malayalam = new std::vector<std::string>(
      SortedUnique({"ിൽ", "ിലെ",   "ിലേക്ക്", "ിൽനിന്ന്", "ിനെ",  "ിന്റെ",   "ിന്",   "ിനോട്", "ുമായി",
                    "ും",  "ോട്",    "ിനും",   "ിലും",    "യിൽ",  "യുടെ",    "യെ",   "ക്ക്",   "യ്ക്ക്",
                    "യും", "യുമായി", "യോട്",   "യിലേക്ക്", "യിലെ", "ിനൊപ്പം", "യ്ക്കും", "ിലുള്ള"}));
  // Sinhala: locative -හිදී/-හි, dative -ට, genitive -ගේ, ablative -ගෙන්,
  // instrumental -ෙන් (පුටින් + -එන්: පුටිනෙන්).
  static const auto* sinhala = new std::vector<std::string>(
      SortedUnique({"හිදී", "හි", "ට", "ටත්", "ගේ", "යේ", "ගෙන්", "ෙන්", "ගෙ", "ටය", "ේ"}));
  if (word.empty()) return kNone;
  std::size_t i = 0;
  const char32_t c = DecodeUtf8(word, &i);
  if (IsGeorgianLetter(c)) return *georgian;
  if (IsArmenianLetter(c)) return *armenian;
  if (c >= 0x0980 && c <= 0x09FF) return *bengali;
  if (c >= 0x0900 && c <= 0x097F) {
    return lang == "mr" || lang == "ne" || lang.empty() || lang == "und" ? *marathi_nepali : kNone;
  }
  if (c >= 0x0A80 && c <= 0x0AFF) return *gujarati;
  if (c >= 0x0B80 && c <= 0x0BFF) return *tamil;
  if (c >= 0x0C00 && c <= 0x0C7F) return *telugu;
  if (c >= 0x0C80 && c <= 0x0CFF) return *kannada;
  if (c >= 0x0D00 && c <= 0x0D7F) return *malayalam;
  if (c >= 0x0D80 && c <= 0x0DFF) return *sinhala;
  return kNone;
}

std::string StemBefore(std::string_view word, std::string_view ending) {
  std::string stem(word.substr(0, word.size() - ending.size()));
  std::size_t i = 0;
  const char32_t first = ending.empty() ? 0 : DecodeUtf8(ending, &i);
  // The virama of the word's block, when the ending begins with a vowel sign.
  char32_t virama = 0;
  for (const char32_t block : {0x0B80, 0x0C00, 0x0C80, 0x0D00}) {
    if (first >= block + 0x3E && first <= block + 0x4C) virama = block + 0x4D;
  }
  if (first >= 0x0DCF && first <= 0x0DDF) virama = 0x0DCA;  // Sinhala's al-lakuna
  if (virama == 0 || stem.empty()) return stem;
  AppendUtf8(virama, &stem);
  // A short final syllable doubles its consonant before a vowel
  // (இஸ்தான்புல் + -இல் is இஸ்தான்புல்லில்): once is the name.
  const std::u32string u = ToUtf32(stem);
  const std::size_t n = u.size();
  if (n >= 5 && u[n - 1] == virama && u[n - 3] == virama && u[n - 2] == u[n - 4]) {
    return FromUtf32(u.substr(0, n - 2));
  }
  return stem;
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
