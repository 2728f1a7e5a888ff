#include "lang/context_cues.h"

#include <string>
#include <unordered_set>

namespace concord::lang {
namespace {

const std::unordered_set<std::string_view>& WomensTitles() {
  static const auto* titles = new std::unordered_set<std::string_view>{
      "mrs",   "ms",           "miss",     "lady",      "dame",    "madame",  "mme",
      "mlle",  "mademoiselle", "frau",     "fraulein",  "senora",  "sra",     "senorita",
      "srta",  "signora",      "sigra",    "signorina", "senhora", "dona",    "pani",
      "panna", "gospoda",      "gospodja", "hanim",     "bayan",   "asszony", "mevrouw",
      "mevr",  "doamna",       "rouva",    "госпожа",   "пані",    "госпођа"};
  return *titles;
}

const std::unordered_set<std::string_view>& Titles() {
  static const auto* titles = new std::unordered_set<std::string_view>{
      // English
      "mr", "dr", "president", "prime", "minister", "premier", "chancellor", "leader", "general",
      "gen", "senator", "sen", "governor", "gov", "mayor", "secretary", "spokesman", "spokeswoman",
      "spokesperson", "envoy", "ambassador", "king", "queen", "prince", "princess", "pope", "sir",
      "lord", "judge", "justice", "colonel", "col", "captain", "capt", "commander", "admiral",
      "marshal", "deputy", "vice", "chief", "chairman", "chairwoman", "chair", "speaker",
      "director", "professor", "prof", "ceo", "comrade", "candidate", "rep", "representative",
      "congressman", "congresswoman", "sheikh", "emir", "sultan", "patriarch", "metropolitan",
      "archbishop", "bishop", "father", "saint", "st", "first", "former", "foreign", "defence",
      "defense",
      // French
      "m", "mm", "mmes", "monsieur", "messieurs", "presidente", "ministre", "chancelier",
      "chanceliere", "generale", "maire", "ambassadeur", "ambassadrice", "porte-parole",
      "dirigeant", "dirigeante", "depute", "deputee", "senateur", "senatrice", "secretaire",
      "docteur", "professeur", "maitre", "me", "roi", "reine", "princesse", "pape",
      // German
      "herr", "herrn", "prasident", "prasidentin", "kanzler", "kanzlerin", "ministerin",
      "premierminister", "bundeskanzler", "burgermeister", "burgermeisterin", "botschafter",
      "botschafterin", "generalin", "chef", "chefin", "sprecher", "sprecherin", "konig", "konigin",
      "papst",
      // Spanish, Italian, Portuguese
      "sr", "senor", "don", "presidenta", "ministro", "ministra", "canciller", "alcalde",
      "alcaldesa", "embajador", "embajadora", "portavoz", "lider", "jefe", "jefa", "rey", "reina",
      "papa", "sig", "signor", "signore", "cancelliere", "sindaco", "ambasciatore", "portavoce",
      "capo", "re", "regina", "senhor", "chanceler", "prefeito", "prefeita", "embaixador",
      "porta-voz", "chefe", "rei", "rainha",
      // Polish, Czech, Slovak, South Slavic
      "pan", "panstwo", "prezydent", "szef", "szefowa", "mer", "burmistrz", "ambasador", "rzecznik",
      "rzeczniczka", "marszalek", "posel", "poslanka", "kanclerz", "prezident", "prezidentka",
      "premierka", "ministr", "ministryne", "kancler", "starosta", "velvyslanec", "mluvci",
      "gospodin", "predsjednik", "predsjednica", "premijer", "ministar", "kancelar",
      "gradonacelnik", "veleposlanik", "predsednik",
      // Russian, Ukrainian, Serbian, Bulgarian
      "господин", "президент", "премьер", "премьер-министр", "министр", "глава", "генерал", "мэр",
      "посол", "канцлер", "спикер", "председатель", "патриарх", "пан", "прем'єр", "міністр",
      "голова", "мер", "речник", "председник", "премијер", "министар",
      // Turkish, Azerbaijani, Hungarian, Dutch, Romanian, Finnish
      "cumhurbaskani", "bakan", "basbakan", "sayin", "bay", "buyukelci", "sozcu", "baskan",
      "prezident", "nazir", "ur", "elnok", "miniszter", "miniszterelnok", "kancellar", "tabornok",
      "polgarmester", "nagykovet", "heer", "dhr", "generaal", "kanselier", "burgemeester", "domnul",
      "presedinte", "presedintele", "ministru", "cancelar", "primar", "presidentti", "paaministeri",
      "ministeri", "kansleri", "kenraali", "pormestari", "herra"};
  return *titles;
}

// German writes offices as compounds ending in a title: Außenminister,
// Kremlchef, Regierungssprecher, Ministerpräsidentin.
bool EndsWithGermanTitle(std::string_view w) {
  static const char* const kHeads[] = {
      "minister", "ministerin", "prasident", "prasidentin", "kanzler",      "kanzlerin",
      "chef",     "chefin",     "sprecher",  "sprecherin",  "berater",      "beraterin",
      "fuhrer",   "fuhrerin",   "gesandter", "gesandte",    "vorsitzende",  "vorsitzender",
      "meister",  "meisterin",  "general",   "botschafter", "botschafterin"};
  for (const char* head : kHeads) {
    const std::string_view h(head);
    if (w.size() > h.size() + 2 && w.compare(w.size() - h.size(), h.size(), h) == 0) return true;
  }
  return false;
}

}  // namespace

bool IsTitleWord(std::string_view folded) {
  if (Titles().count(folded) > 0 || WomensTitles().count(folded) > 0 ||
      EndsWithGermanTitle(folded)) {
    return true;
  }
  // An inflected title: Präsidenten, prezydenta, президента, министра.
  for (std::size_t cut = 1; cut <= 6 && cut + 4 <= folded.size(); ++cut) {
    const std::string_view stem = folded.substr(0, folded.size() - cut);
    if (Titles().count(stem) > 0 || EndsWithGermanTitle(stem)) {
      // At most three letters cut (Cyrillic letters are two bytes each).
      const std::string_view ending = folded.substr(stem.size());
      std::size_t letters = 0;
      for (const char c : ending) letters += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
      if (letters <= 3) return true;
    }
  }
  return false;
}

bool IsWomansTitle(std::string_view folded) { return WomensTitles().count(folded) > 0; }

bool IsCalendarWord(std::string_view folded) {
  static const auto* words = new std::unordered_set<std::string_view>{
      "monday",   "tuesday",  "wednesday", "thursday", "friday", "saturday", "sunday", "january",
      "february", "march",    "april",     "may",      "june",   "july",     "august", "september",
      "october",  "november", "december",  "jan",      "feb",    "mar",      "apr",    "jun",
      "jul",      "aug",      "sep",       "sept",     "oct",    "nov",      "dec"};
  return words->count(folded) > 0;
}

bool IsDefiniteArticle(std::string_view folded) {
  // (Not Italian "i": it is the English "I", capitalised everywhere.)
  static const auto* articles = new std::unordered_set<std::string_view>{
      "the", "le", "la",  "les", "el",  "los", "las", "il",  "lo", "gli", "o",
      "os",  "as", "der", "die", "das", "den", "dem", "des", "de", "het"};
  return articles->count(folded) > 0;
}

bool IsPatronymic(std::string_view folded) {
  // The stems of the endings; a case ending of up to three letters may
  // follow (Владимирович-ем, Александровн-ы).
  static const char* const kStems[] = {"ович",  "евич",  "ьевич",   "йович",  "ич",    "овн",
                                       "евн",   "ичн",   "івн",     "ївн",    "ovich", "evich",
                                       "ovych", "evych", "ovn",     "evn",    "ivn",   "ichn",
                                       "ovic",  "evic",  "owitsch", "ewitsch"};
  std::string_view word = folded;
  for (int cut = 0; cut <= 3 && !word.empty(); ++cut) {
    for (const char* stem : kStems) {
      const std::string_view s(stem);
      if (word.size() > s.size() + 2 && word.compare(word.size() - s.size(), s.size(), s) == 0) {
        return true;
      }
    }
    // One letter (one UTF-8 sequence) less.
    std::size_t end = word.size() - 1;
    while (end > 0 && (static_cast<unsigned char>(word[end]) & 0xC0) == 0x80) --end;
    word = word.substr(0, end);
  }
  return false;
}

bool IsOpeningQuote(char32_t c) {
  switch (c) {
    case U'«':
    case U'„':
    case U'“':
    case U'"':
    case U'\'':
    case U'‘':
    case U'‚':
    case U'‹':
    case U'「':
    case U'『':
      return true;
    default:
      return false;
  }
}

bool IsClosingQuote(char32_t c) {
  switch (c) {
    case U'»':
    case U'“':
    case U'”':
    case U'"':
    case U'\'':
    case U'’':
    case U'›':
    case U'」':
    case U'』':
      return true;
    default:
      return false;
  }
}

}  // namespace concord::lang
