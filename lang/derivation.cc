#include "lang/derivation.h"

#include <algorithm>
#include <map>

#include "lang/inflection.h"
#include "lang/utf8.h"

namespace concord::lang {
namespace {

// Endings that are also the commonest endings of ordinary words are left
// out (Italian and Spanish -ino/-ina: crimine is "crime", not Crimea's).
//
// Formants of one family: an onset (the derivational suffix proper, "ск",
// "sk"; empty where the ending is the whole formant) followed by one of the
// endings (case and gender: "ие", "iego"). A family whose words a language
// writes with a capital (Moskauer, Kyivan) counts only on capitalised words.
struct Family {
  std::vector<std::u32string> onsets;
  std::vector<std::u32string> endings;
  std::vector<std::string> endings_utf8;  // the same, to turn most words away unconverted
  bool capital = false;
  bool opens_names = false;  // DerivedStem::opens_names
  std::size_t min_stem = 0;  // letters the stem keeps at least (0: the default)
};

Family Make(std::initializer_list<const char*> onsets, std::initializer_list<const char*> endings,
            bool capital = false, bool opens_names = false) {
  Family f;
  for (const char* o : onsets) f.onsets.push_back(ToUtf32(o));
  for (const char* e : endings) {
    f.endings.push_back(ToUtf32(e));
    f.endings_utf8.emplace_back(e);
  }
  f.capital = capital;
  f.opens_names = opens_names;
  return f;
}

// Romance -ino (parisino, parigini): also the ending of many ordinary words,
// so only after a stem of five letters or more (crimine, "crime", would
// otherwise be Crimea's).
Family RomanceIno(std::initializer_list<const char*> endings) {
  Family f = Make({""}, endings);
  f.min_stem = 5;
  return f;
}

// East and South Slavic adjectives in Cyrillic (московск-ие, київськ-ий,
// донецьк-ої, запорізьк-ий, софийск-и, београдск-ог, маскоўск-і), demonyms
// and regions, read
// whatever the document's language: Cyrillic case endings are read the same
// way (lang/inflection.cc).
const std::vector<Family>& CyrillicFamilies() {
  static const auto* families = new std::vector<Family>{
      Make({"ськ", "цьк", "зьк", "ск", "цк"},
           {// Russian
            "ий", "ый", "ой", "ая", "ое", "ые", "ие", "ого", "ому", "ом", "ым", "им", "ую", "ых",
            "их", "ыми", "ими", "ей", "ою",
            // Ukrainian (with the Russian ones above)
            "а", "е", "і", "ої", "ій", "ім", "у", "ого",
            // Belarusian
            "ая", "ае", "ага", "аму", "ім", "імі",
            // Bulgarian, Macedonian, Serbian
            "и", "о", "ия", "ият", "ите", "ата", "ото", "ог", "ој", "ога", "ому"}),
      // Demonyms, people of the place (москвич-и, киевлян-е, одессит-ы,
      // харьковчан-е, одесит-ів, дніпрян-и, сибіряк-и), and Ukrainian regions
      // named after their city (Харківщин-а, Сумщин-і), with their noun
      // endings.
      Make({"ич", "ичк", "лян", "лянин", "ян", "янин", "янк", "ит", "итк", "чан", "чанин", "як",
            "щин"},
           {"", "а", "и", "ы", "е", "у", "ом", "ой", "ою", "ей", "ами", "ах", "ам", "ов", "і", "ів",
            "ям", "ями", "ях"}),
      // Demonyms in -ец/-ець, whose vowel falls before the endings
      // (херсонець, херсонц-і; маріуполец, маріупольц-ями; бахмутц-ы).
      Make({"ець", "ец"}, {""}),
      Make({"ц"}, {"і", "ів", "ям", "ями", "ях", "я", "ю", "ем", "ы", "ев", "ам", "ами", "ах", "а",
                   "у", "ом"})};
  return *families;
}

// Latin-script formants per language, folded (ý -> y, ä -> a, ı -> i).
const std::map<std::string, std::vector<Family>>& LatinFamilies() {
  static const auto* table = new std::map<std::string, std::vector<Family>>{
      {"pl",
       {Make({"sk", "ck"}, {"i", "a", "ie", "iego", "iej", "iemu", "im", "ich", "imi", "o"}),
        Make({"s", "c"}, {"cy"}),
        // People of the place: paryż-anie, moskw-ianin, kijow-ianka,
        // londyń-czycy, berliń-czyk.
        Make({"ian", "an"},
             {"in", "ie", "ina", "inem", "inowi", "ka", "ki", "ek", "om", "ami", "ach"}),
        Make({"cz"}, {"yk", "ycy", "yka", "ykow", "ykom", "ykami", "ykach", "ka", "ki", "ek"})}},
      {"cs",
       {Make({"sk", "ck"}, {"y", "a", "e", "eho", "emu", "em", "ym", "ych", "ymi", "ou"}),
        Make({"st", "ct"}, {"i"})}},
      {"sk",
       {Make({"sk", "ck"}, {"y", "a", "e", "eho", "emu", "om", "ym", "ych", "ymi", "ou", "i"})}},
      {"hr",
       {Make({"sk", "ck"},
             {"i", "a", "o", "e", "og", "oga", "om", "omu", "oj", "ih", "im", "ima"})}},
      {"sr",
       {Make({"sk", "ck"},
             {"i", "a", "o", "e", "og", "oga", "om", "omu", "oj", "ih", "im", "ima"})}},
      {"bs",
       {Make({"sk", "ck"},
             {"i", "a", "o", "e", "og", "oga", "om", "omu", "oj", "ih", "im", "ima"})}},
      {"sl", {Make({"sk", "ck"}, {"i", "a", "o", "e", "ega", "emu", "em", "ih", "im", "imi"})}},
      {"de", {Make({""}, {"er", "erin", "erinnen"}, true)}},
      {"nl", {Make({""}, {"se"}, true, true)}},
      {"en", {Make({""}, {"an", "ans", "ian", "ians", "ite", "ites", "er", "ers"}, true, true)}},
      {"fr", {Make({""}, {"ien",  "ienne", "iens", "iennes", "ois",  "oise", "oises", "ais",
                          "aise", "aises", "ite",  "ites",   "ain",  "aine", "ains",  "aines",
                          "en",   "enne",  "ens",  "ennes",  "iote", "iotes"})}},
      {"es",
       {Make({""}, {"ense", "enses", "iense", "ienses", "ita",   "itas",  "ano", "ana",
                    "anos", "anas",  "iano",  "iana",   "ianos", "ianas", "eno", "ena",
                    "enos", "enas",  "es",    "esa",    "eses",  "esas",  "i",   "ies"}),
        RomanceIno({"ino", "ina", "inos", "inas"})}},
      {"it",
       {Make({""}, {"ese", "esi", "ita", "iti", "ite", "ano", "ana", "ani", "ane", "iano", "iana",
                    "iani", "iane"}),
        RomanceIno({"ino", "ina", "ini", "ine"})}},
      {"pt",
       {Make({""}, {"ense", "enses", "iense", "ienses", "ita", "itas", "ano", "ana", "anos", "anas",
                    "iano", "iana", "ianos", "ianas", "es", "esa", "eses", "esas"}),
        RomanceIno({"ino", "ina", "inos", "inas"})}},
      {"ro",
       {Make({""},
             {"ean", "eana", "eni", "ene", "ez", "eza", "ezi", "eze", "it", "ita", "iti", "ite"})}},
      {"hu", {Make({""}, {"i", "iak", "iek", "iakat", "ieket"})}},
      {"tr", {Make({""}, {"li", "lu", "liler", "lilar", "lular", "luler"})}},
      {"az", {Make({""}, {"li", "lu", "liler", "lilar", "lular", "luler"})}},
      {"fi",
       {Make({""}, {"lainen", "laisen", "laiset", "laista", "laisia", "laisten", "laiseen",
                    "laisessa", "laisille"})}},
  };
  return *table;
}

const std::vector<Family>& FamiliesFor(std::string_view lang, Script script) {
  static const std::vector<Family> kNone;
  // In a text of unknown language, no one-letter formant (Hungarian -i):
  // too many words of other languages end in one.
  static const auto* every_latin = [] {
    auto* all = new std::vector<Family>;
    for (const auto& [code, families] : LatinFamilies()) {
      for (Family f : families) {
        if (f.onsets.size() == 1 && f.onsets[0].empty()) {
          Family longer;
          longer.onsets = f.onsets;
          longer.capital = f.capital;
          longer.opens_names = f.opens_names;
          longer.min_stem = f.min_stem;
          for (std::size_t i = 0; i < f.endings.size(); ++i) {
            if (f.endings[i].size() < 2) continue;
            longer.endings.push_back(f.endings[i]);
            longer.endings_utf8.push_back(f.endings_utf8[i]);
          }
          f = std::move(longer);
        }
        all->push_back(std::move(f));
      }
    }
    return all;
  }();
  if (script == Script::kCyrillic) return CyrillicFamilies();
  if (script != Script::kLatin) return kNone;
  const auto it = LatinFamilies().find(std::string(lang));
  if (it != LatinFamilies().end()) return it->second;
  if (lang.empty() || lang == "und" || lang == "mul") return *every_latin;
  return kNone;
}

bool EndsWith(const std::u32string& s, const std::u32string& suffix) {
  return s.size() >= suffix.size() &&
         s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

bool IsVowel(char32_t c) { return IsStemFinalVowel(c) && c != U'ь' && c != U'ъ'; }

// The consonants a formant's first consonant may stand for at the end of
// the name: voicing and palatal alternations (Запоріжжя -> запорі-зький,
// Zaporoże -> zaporo-ski, Прага -> пра-зький).
std::vector<std::u32string> Alternants(char32_t first) {
  switch (first) {
    case U'с':
      return {U"з", U"ж"};
    case U'з':
      return {U"ж", U"жж", U"г", U"з"};
    case U's':
      return {U"z"};
    case U'ц':
      return {U"к", U"ч"};
    default:
      return {};
  }
}

void AddStems(const std::u32string& base, const std::u32string& onset, std::size_t min_letters,
              std::vector<std::u32string>* out) {
  const auto add = [&](std::u32string stem) {
    if (stem.size() >= min_letters && std::find(out->begin(), out->end(), stem) == out->end()) {
      out->push_back(std::move(stem));
    }
  };
  add(base);
  if (!onset.empty()) {
    // The name ends in (part of) the onset: Курск -> кур-ский, Одеса ->
    // оде-ський, Donieck -> donie-cki; or doubles its first letter: Одесса.
    for (std::size_t k = 1; k <= onset.size(); ++k) add(base + onset.substr(0, k));
    add(base + onset[0] + onset[0]);
    for (const std::u32string& alt : Alternants(onset[0])) add(base + alt);
  }
  const std::size_t n = base.size();
  // A fleeting vowel before the last consonant: москов -> москв, moskiew ->
  // moskw, moskev -> moskv.
  if (n >= 4 && !IsVowel(base[n - 1])) {
    const char32_t v = base[n - 2];
    if (v == U'e' && base[n - 3] == U'i' && n >= 5 && !IsVowel(base[n - 4])) {
      add(base.substr(0, n - 3) + base[n - 1]);  // Polish -ie-
    } else if ((v == U'о' || v == U'е' || v == U'o' || v == U'e') && !IsVowel(base[n - 3])) {
      add(base.substr(0, n - 2) + base[n - 1]);
    }
  }
  // A linking -ov-: днепр-ов-ский, mosc-ov-ita.
  for (const char32_t* link : {U"ов", U"ев", U"ov", U"ev", U"ow", U"ew"}) {
    const std::u32string l(link);
    if (EndsWith(base, l)) add(base.substr(0, n - l.size()));
  }
  // A soft sign before the formant: стамбуль-ский.
  if (n >= 1 && base[n - 1] == U'ь') add(base.substr(0, n - 1));
}

}  // namespace

std::vector<DerivedStem> DerivedStems(std::string_view word, std::string_view lang, Script script,
                                      bool capitalized) {
  std::vector<DerivedStem> out;
  const std::vector<Family>& families = FamiliesFor(lang, script);
  if (families.empty()) return out;
  std::u32string w;  // `word`, decoded when some ending fits
  std::vector<std::u32string> stems;
  for (const Family& family : families) {
    if (family.capital && !capitalized) continue;
    for (std::size_t e = 0; e < family.endings.size(); ++e) {
      const std::string& ending_utf8 = family.endings_utf8[e];
      if (word.size() <= ending_utf8.size() ||
          word.compare(word.size() - ending_utf8.size(), ending_utf8.size(), ending_utf8) != 0) {
        continue;
      }
      if (w.empty()) w = ToUtf32(word);
      const std::u32string& ending = family.endings[e];
      for (const std::u32string& onset : family.onsets) {
        const std::u32string formant = onset + ending;
        if (w.size() <= formant.size() || !EndsWith(w, formant)) continue;
        const std::u32string base = w.substr(0, w.size() - formant.size());
        // Before a vowel-initial formant a short stem is too often a word.
        const std::size_t min_letters =
            std::max(family.min_stem, std::size_t{IsVowel(formant[0]) ? 4u : 3u});
        stems.clear();
        AddStems(base, onset, min_letters, &stems);
        for (const std::u32string& stem : stems) {
          DerivedStem d{FromUtf32(stem), FromUtf32(base), FromUtf32(formant), family.opens_names};
          const bool seen = std::any_of(out.begin(), out.end(),
                                        [&](const DerivedStem& o) { return o.stem == d.stem; });
          if (!seen) out.push_back(std::move(d));
        }
      }
    }
  }
  return out;
}

}  // namespace concord::lang
