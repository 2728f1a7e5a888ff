#include "lang/entity_matcher.h"

#include <unicode/uchar.h>
#include <unicode/uscript.h>

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <cstring>
#include <deque>
#include <iterator>
#include <map>
#include <mutex>
#include <set>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

#include "lang/compiled_aliases.h"
#include "lang/context_cues.h"
#include "lang/derivation.h"
#include "lang/inflection.h"
#include "lang/name_key.h"
#include "lang/normalize.h"
#include "lang/ordinary_words.h"
#include "lang/transliterate.h"
#include "lang/utf8.h"

namespace concord::lang {
namespace {

// One way an alias could start at a document position.
struct Candidate {
  int alias = -1;
  std::size_t length = 0;  // in word tokens
  Rung rung = Rung::kExact;
  int strip = 0;              // dictionary letters dropped before endings (less is better)
  std::string detail;         // ending or key, for the evidence
  bool gender_clash = false;  // a masculine ending on a feminine name, or the reverse
  // Name key rung: a prefix cut before the name (Arabic "و"); derived rung:
  // the word before its formant (the formant is the detail).
  std::string prefix;
  // Among candidates equal in the above, which spelling of an entity the
  // evidence names: one in the word's own script, then the closest.
  bool same_script = false;
  int distance = 0;  // name key rung: edits from the spelling
  // Name key rung: a key of two consonants (ShortKey), weak evidence alone.
  bool short_key = false;
};

bool EndsWith(const std::string& s, const std::string& suffix) {
  return s.size() > suffix.size() &&
         s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// Stems an alias word may take before a case ending: itself, minus up to two
// final vowels, and the Ukrainian і/ї alternation of closed final syllables
// (Київ -> Києв-а, Харків -> Харков-а). An Arabic spelling with the article
// (الناتو) has its bare form too, as Persian and Urdu write it (ناتو).
std::vector<std::pair<std::string, int>> AliasStems(const std::string& norm) {
  std::vector<std::pair<std::string, int>> out{{norm, 0}};
  const std::string article = "\u0627\u0644";  // ال
  if (norm.compare(0, article.size(), article) == 0 &&
      CountCodePoints(norm) >= CountCodePoints(article) + 3) {
    out.emplace_back(norm.substr(article.size()), 0);
  }
  std::u32string w = ToUtf32(norm);
  for (int strip = 1; strip <= 2 && w.size() > 3 && IsStemFinalVowel(w.back()); ++strip) {
    w.pop_back();
    out.emplace_back(FromUtf32(w), strip);
  }
  std::u32string u = ToUtf32(norm);
  if (u.size() >= 4 && !IsStemFinalVowel(u.back())) {
    char32_t& v = u[u.size() - 2];
    if (v == U'і') {
      for (char32_t r : {U'о', U'е'}) {
        v = r;
        out.emplace_back(FromUtf32(u), 1);
      }
    } else if (v == U'ї') {
      v = U'є';
      out.emplace_back(FromUtf32(u), 1);
    }
  }
  return out;
}

std::size_t CodePoints(const std::string& s) { return CountCodePoints(s); }

// Levenshtein distance with adjacent transpositions, giving up above `limit`.
int EditDistance(const std::u32string& a, const std::u32string& b, int limit) {
  const std::size_t n = a.size(), m = b.size();
  if (static_cast<int>(n > m ? n - m : m - n) > limit) return limit + 1;
  std::vector<std::vector<int>> d(n + 1, std::vector<int>(m + 1));
  for (std::size_t i = 0; i <= n; ++i) d[i][0] = static_cast<int>(i);
  for (std::size_t j = 0; j <= m; ++j) d[0][j] = static_cast<int>(j);
  for (std::size_t i = 1; i <= n; ++i) {
    for (std::size_t j = 1; j <= m; ++j) {
      const int cost = a[i - 1] == b[j - 1] ? 0 : 1;
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
  }
  return std::min(d[n][m], limit + 1);
}

// A typo sits inside a word: names are mistyped in the middle (Zelesnky,
// Medinksy), while a difference in the first or the last letter is how
// other words are made from a name (Russian, Crimean, Germans, Frances).
bool EditIsInside(const std::u32string& a, const std::u32string& b) {
  std::size_t prefix = 0;
  while (prefix < a.size() && prefix < b.size() && a[prefix] == b[prefix]) ++prefix;
  std::size_t suffix = 0;
  while (suffix < a.size() - prefix && suffix < b.size() - prefix &&
         a[a.size() - 1 - suffix] == b[b.size() - 1 - suffix]) {
    ++suffix;
  }
  return prefix >= 1 && suffix >= 1;
}

// True when `a` and `b` differ in one letter only and both are different
// vowels (Task/Tusk, Puten/Putin, März/Merz, Boden/Biden): that is how the
// ordinary words next to a short name are made, while romanisations of it
// add, drop or swap letters, or write i, y and j for one another.
bool OneVowelChanged(const std::u32string& a, const std::u32string& b) {
  if (a.size() != b.size()) return false;
  const auto vowel = [](char32_t c) {
    return c == U'a' || c == U'e' || c == U'i' || c == U'o' || c == U'u';
  };
  int differences = 0;
  bool vowels = false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (a[i] == b[i]) continue;
    ++differences;
    vowels = vowel(a[i]) && vowel(b[i]) && !(a[i] == U'i' && b[i] == U'y');
  }
  return differences == 1 && vowels;
}

// A derived form is read from a spelling one edit away only when its stem
// has this many letters or more (dniepropetrowsk).
constexpr std::size_t kFuzzyDerivedLetters = 10;

// How many romanisation differences a name-key match may hide, by the length
// of the dictionary form: Oumerov/Umerov 1, Umjerow/Umerov 2, Zelenszkij/Zelenskyy 3.
int KeyEditBudget(std::size_t letters) { return letters >= 9 ? 3 : letters >= 6 ? 2 : 1; }

// Keys with fewer consonants than this are not looked up at all ("K" or
// "SV" would match half the words of a language). A key of exactly this
// many is short (ShortKey): Sumy, Kyiv, Shoigu and روسيا have such keys, and
// so do Some, Cave and Sega, so a word reaches a short key only closely
// (ShortKeyBudget) and its mention is ambiguous unless the text also names
// the figure otherwise.
constexpr int kMinKeyConsonants = 2;
// Consonants a word in kana or hangul needs on the name-key rung
// (SyllabaryCandidates): the syllabaries' coarse classes make shorter keys
// everyone's.
constexpr std::size_t kMinSyllabaryConsonants = 3;
// Katakana tokens read as one word at most (SyllabaryCandidates).
constexpr std::size_t kMaxKatakanaRun = 6;

bool ShortKey(const std::string& trimmed_key) { return KeyConsonants(trimmed_key) < 3; }
// Edits allowed between a word and a spelling with a short key: one, or two
// for a word of five letters or more (Szumi and Soemy are two from Sumy;
// Some and Live are two from Sumy and Lviv).
int ShortKeyBudget(std::size_t alias_letters, std::size_t word_letters) {
  return std::min(2, std::max(KeyEditBudget(alias_letters), word_letters >= 5 ? 2 : 1));
}

// How the ambiguity cue of a woman's title before a man's surname begins.
constexpr const char* kWomansTitleCue = "after a woman's title, '";

// Endings that turn a name into an adjective or a demonym in European
// languages (Georgian, Siberian, Moldovan, ukrainien, russisch, ucraino).
// A fuzzy rung never bridges them: "Georgian" is not a spelling of Georgien.
bool AddsAdjectiveEnding(const std::string& word, const std::string& alias) {
  static const char* const kEndings[] = {
      "ian",  "ians",  "ean",    "eans", "an",   "ans",  "ese",   "ish",    "ien",
      "iens", "ienne", "iennes", "ais",  "aise", "isch", "ische", "ischen", "ischer",
      "ano",  "ana",   "anos",   "anas", "ese",  "esi",  "iano",  "iana"};
  for (const char* e : kEndings) {
    const std::string ending(e);
    if (EndsWith(word, ending) && !EndsWith(alias, ending)) return true;
  }
  return false;
}

// The feminine forms of a Slavic man's surname (Latin, folded): -ov/-ev/-in
// take -a (Peskov > Peskova), -sky/-skiy/-ski become -ska/-skaya (Medinsky >
// Medinska), adjectival -ny/-nyi/-niy likewise (Navalny > Navalna,
// Navalnaya). Empty for other names.
std::vector<std::string> FeminineForms(const std::string& surname) {
  std::vector<std::string> out;
  if (surname.size() < 4) return out;
  for (const char* male : {"ov", "ev", "in", "yn"}) {
    if (EndsWith(surname, male)) out.push_back(surname + "a");
  }
  for (const char* male : {"skyy", "skyi", "skiy", "skij", "skii", "skyj", "sky", "ski"}) {
    if (!EndsWith(surname, male)) continue;
    // Keep the "sk" of the ending.
    const std::string root = surname.substr(0, surname.size() - std::strlen(male) + 2);
    out.push_back(root + "a");
    out.push_back(root + "aya");
    out.push_back(root + "aja");
    out.push_back(root + "aia");
    return out;
  }
  for (const char* male : {"nyy", "nyi", "niy", "nij", "nii", "nyj", "ny"}) {
    if (!EndsWith(surname, male)) continue;
    const std::string root = surname.substr(0, surname.size() - std::strlen(male) + 1);
    for (const char* female : {"a", "aya", "aja", "aia"}) out.push_back(root + female);
    break;
  }
  return out;
}

// Scripts whose grammar glues small words to names: Korean particles follow
// (푸틴과 "with Putin"); Arabic and Hebrew conjunctions, prepositions and the
// article precede (وبوتين "and Putin", לזלנסקי "to Zelensky").
enum class Glue { kNone, kKorean, kArabic, kHebrew, kEthiopic };

// The Unicode script of a word's first letter (Arabic for Persian and Urdu
// words too).
UScriptCode FirstLetterScript(std::string_view word) {
  std::size_t i = 0;
  UErrorCode status = U_ZERO_ERROR;
  const UScriptCode script =
      word.empty() ? USCRIPT_INVALID_CODE : uscript_getScript(DecodeUtf8(word, &i), &status);
  return U_FAILURE(status) ? USCRIPT_INVALID_CODE : script;
}

// Text in the token's script writes names with capitals (Latin, Cyrillic,
// Greek, Armenian), judged by its first letter. Georgian has capitals in
// Unicode (Mtavruli) but running text does not use them.
bool HasCase(const Token& t) {
  if (t.script != Script::kOther) return true;
  std::size_t i = 0;
  return !t.norm.empty() && IsArmenianLetter(DecodeUtf8(t.norm, &i));
}

Glue GlueOf(const Token& t) {
  if (t.script != Script::kOther || t.norm.empty()) return Glue::kNone;
  std::size_t i = 0;
  const char32_t c = DecodeUtf8(t.norm, &i);
  if (c >= 0xAC00 && c <= 0xD7AF) return Glue::kKorean;
  if (c >= 0x0600 && c <= 0x06FF) return Glue::kArabic;
  if (c >= 0x0590 && c <= 0x05FF) return Glue::kHebrew;
  if (c >= 0x1200 && c <= 0x139F) return Glue::kEthiopic;
  return Glue::kNone;
}

const std::vector<std::string>& Proclitics(Glue g) {
  static const std::vector<std::string> kNone;
  static const std::vector<std::string> kArabic = {"وال", "فال", "بال", "كال", "لل", "ال", "وب",
                                                   "ول",  "فب",  "و",   "ف",   "ب",  "ل",  "ك"};
  static const std::vector<std::string> kHebrew = {"וה", "וב", "ול", "ומ", "שה", "שב", "של", "מה",
                                                   "כש", "ו",  "ה",  "ב",  "ל",  "מ",  "ש",  "כ"};
  // Amharic's prepositions are syllables glued to the noun: በኢስታንቡል "in
  // Istanbul", ከፑቲን "from/with Putin", ወደ ኪየቭ.
  static const std::vector<std::string> kEthiopic = {"እንደ", "ወደ", "ስለ", "በ", "ከ", "ለ", "የ"};
  return g == Glue::kArabic     ? kArabic
         : g == Glue::kHebrew   ? kHebrew
         : g == Glue::kEthiopic ? kEthiopic
                                : kNone;
}

// Endings tried on a word: Korean particles, else the language's case endings.
const std::vector<std::string>& EndingsFor(const Token& t, std::string_view lang) {
  static const std::vector<std::string> kKorean = {
      "에서", "에게", "으로", "께서", "한테", "보다", "처럼", "까지", "부터",
      "이나", "이랑", "은",   "는",   "이",   "가",   "을",   "를",   "과",
      "와",   "의",   "에",   "로",   "도",   "만",   "나",   "랑"};
  if (GlueOf(t) == Glue::kKorean) return kKorean;
  if (t.script == Script::kOther) return ScriptEndings(t.norm, lang);  // Georgian, Tamil...
  return InflectionEndings(lang, t.script);
}

// Calls f(stem, ending) for each way to read `t` as a stem and an ending:
// each ending of EndingsFor that it ends with (StemBefore gives the stem),
// and, in the Indic scripts, the part after a zero-width non-joiner
// (Token::zwnj_tail). (Persian writes one before its plural: پوتین‌ها,
// "Putins", is no mention.)
template <class F>
void ForEachEnding(const Token& t, std::string_view lang, F&& f) {
  std::size_t at = 0;
  const char32_t lead = t.zwnj_tail > 0 ? DecodeUtf8(t.norm, &at) : 0;
  if (t.zwnj_tail > 0 && t.zwnj_tail < t.norm.size() && lead >= 0x0900 && lead <= 0x0DFF) {
    const std::size_t cut = t.norm.size() - t.zwnj_tail;
    f(t.norm.substr(0, cut), t.norm.substr(cut));
  }
  for (const std::string& e : EndingsFor(t, lang)) {
    if (!EndsWith(t.norm, e)) continue;
    // (Only a word of those scripts may take back a virama.)
    f(t.script == Script::kOther ? StemBefore(t.norm, e)
                                 : t.norm.substr(0, t.norm.size() - e.size()),
      e);
  }
}

// Plural endings of nouns in Latin-script languages whose names take no case
// endings, for the demonyms the dictionary lists (Muscovites, londinenses,
// Moskowitern); all of them when the language is unknown. Italian and
// Romanian plurals replace the last vowel (londinese, londinesi): the alias's
// stem without it takes the ending.
const std::vector<std::string>& DemonymPlurals(std::string_view lang) {
  static const std::map<std::string, std::vector<std::string>, std::less<>> kByLang = {
      {"en", {"s"}},       {"fr", {"s"}},       {"es", {"s", "es"}}, {"pt", {"s", "es"}},
      {"it", {"i", "e"}},  {"ro", {"i"}},       {"de", {"n", "s"}},  {"nl", {"s", "en"}},
      {"ca", {"s", "os"}}, {"sv", {"er", "ar"}}};
  static const std::vector<std::string> kAll = {"s", "es", "i", "e", "n", "en", "os", "er", "ar"};
  static const std::vector<std::string> kNone;
  const auto it = kByLang.find(lang);
  if (it != kByLang.end()) return it->second;
  return lang.empty() || lang == "und" ? kAll : kNone;
}

// A country's name that Czech and Slovak build like an adjective (Rusko,
// Německo, Slovensko: the formant -sk-/-ck- and a neuter ending): in the
// other Slavic languages the same letters, inflected or not, are the
// adjective (Croatian ruske, Slovene rusko, Serbian руска: "Russian").
bool AdjectiveShapedPlace(const std::string& norm) {
  if (CodePoints(norm) < 5) return false;
  for (const char* tail : {"sko", "cko", "ско", "цко"}) {
    if (EndsWith(norm, tail)) return true;
  }
  return false;
}

// Languages that name countries so (AdjectiveShapedPlace), or say nothing.
bool NamesCountriesAsAdjectives(std::string_view lang) {
  return lang == "cs" || lang == "sk" || lang.empty() || lang == "und";
}

// Korean syllables are whole syllables: a two-letter stem is a real name (푸틴).
std::size_t MinStemLetters(const Token& t) { return GlueOf(t) == Glue::kKorean ? 2 : 3; }

enum class Gender { kNone, kMasculine, kFeminine };

// Slavic surnames are adjectives (Zelenskyy/Zelenska, Медведев/Медведева):
// the case ending tells the bearer's gender. Only unambiguous endings count.
Gender EndingGender(const std::string& ending) {
  static const std::set<std::string> kMasculine = {
      "ego", "iego", "emu", "iemu", "eho", "ho",  "mu",  "ym", "im", "ovi",
      "owi", "em",   "om",  "ого",  "его", "ому", "ему", "им", "ім", "ым",
      "ові", "еві",  "ом",  "ем",   "ём",  "og",  "ог",  "ога"};
  static const std::set<std::string> kFeminine = {"iej", "ej", "ou", "ой", "ої", "ую",
                                                  "ою",  "ей", "ія", "oj", "ој"};
  if (kMasculine.count(ending)) return Gender::kMasculine;
  if (kFeminine.count(ending)) return Gender::kFeminine;
  return Gender::kNone;
}

// A person's alias ending in -a is taken as feminine (Zelenska, Зеленська,
// Медведева), anything else as masculine; only used against EndingGender.
Gender AliasGender(const std::string& norm) {
  if (norm.empty()) return Gender::kNone;
  const std::u32string w = ToUtf32(norm);
  const char32_t last = w.back();
  return (last == U'a' || last == U'а' || last == U'я') ? Gender::kFeminine : Gender::kMasculine;
}

}  // namespace

const char* RungName(Rung rung) {
  switch (rung) {
    case Rung::kExact:
      return "exact";
    case Rung::kInflected:
      return "inflection";
    case Rung::kNameKey:
      return "name-key";
    case Rung::kTypo:
      return "typo";
    case Rung::kDerived:
      return "derived";
  }
  return "unknown";
}

Confidence MentionConfidence(Rung rung, bool ambiguous) {
  if (ambiguous) return Confidence::kLow;
  return rung == Rung::kNameKey || rung == Rung::kTypo ? Confidence::kMedium : Confidence::kHigh;
}

const char* ConfidenceName(Confidence confidence) {
  switch (confidence) {
    case Confidence::kLow:
      return "low";
    case Confidence::kMedium:
      return "medium";
    case Confidence::kHigh:
      return "high";
  }
  return "unknown";
}

bool ParseConfidence(std::string_view name, Confidence* confidence) {
  for (const Confidence c : {Confidence::kLow, Confidence::kMedium, Confidence::kHigh}) {
    if (name == ConfidenceName(c)) {
      *confidence = c;
      return true;
    }
  }
  return false;
}

// The compiled tables (lang/compiled_aliases.h) and the matching over them.
struct EntityMatcher::Impl : CompiledAliases {
  // The fuzzy rungs and the first-name cue ask the spelling dictionaries.
  bool ordinary_words = true;
  // Names this matcher among others, for the per-thread cache of
  // SyllabaryCandidates (a matcher at the address of a destroyed one is
  // another).
  const std::uint64_t serial = NextSerial();
  static std::uint64_t NextSerial() {
    static std::atomic<std::uint64_t> next{1};
    return next++;
  }
  // One text being matched: its words and what its letter case tells.
  struct Scan {
    std::string_view text;
    const std::vector<Token>& tokens;
    std::string_view lang;
    bool typed_name = false;         // a name typed in a query, not a document
    std::string_view type;           // entity type to keep ("" = any)
    std::vector<std::size_t> words;  // indexes of word tokens
    // Words written in lower case somewhere in the text: ordinary words there.
    std::unordered_set<std::string> lower_words;
    // Case is no evidence (a typed name; a text written all in lower case).
    bool relaxed = false;
    // The word at `glued_at` read as `glued` instead: the part of a word
    // that follows another word glued to it (GluedTail).
    std::size_t glued_at = SIZE_MAX;
    const Token* glued = nullptr;
    const Token& Word(std::size_t p) const { return p == glued_at ? *glued : tokens[words[p]]; }
  };

  void Compile(const EntityDictionary& dict);
  // Fills the filters (CompiledAliases::short_bags and the heads) from the
  // compiled aliases; a loaded matcher reads them with the tables.
  void BuildFilters();
  // The filters hold (HeadBit) how the stems the derived rung can reach
  // begin: their first four letters for stems of six letters or more, their
  // first three for shorter ones. A derived stem changes only at its end (the
  // letters it loses or gains are among its last three), so a word that
  // begins otherwise is no derived form of a name, and most words are turned
  // away by a load or two instead of cutting every formant. The demonym
  // filter holds the first four letters of every listed demonym
  // (Alias::demonym), hashed alike: a word that begins otherwise is no plural
  // of one. The short-typo filter holds the letters (LetterBagBit) of the
  // one-word spellings of four or five letters that ShortTypoCandidates may
  // reach.
  bool MayBeDerived(std::string_view word) const;
  // Fills aliases_of (after Compile or a load).
  void IndexAliases();
  std::vector<std::vector<int>> aliases_of;  // entity -> its aliases
  // Per entity, its cue words folded as text is (Entity::cues,
  // namesake_cues; a cue of several words counts word by word): each word
  // whole, and those of five letters or more also as prefixes of words with
  // an ending of up to four letters (recipes, Rezepte).
  // FNV-1a: a hash libstdc++ takes as fast, so even a small set is looked
  // up by hash rather than scanned.
  struct CueHash {
    std::size_t operator()(std::string_view s) const {
      std::uint64_t h = 1469598103934665603ull;
      for (const char c : s) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ull;
      return static_cast<std::size_t>(h);
    }
  };
  struct CueWords {
    std::deque<std::string> words;  // what the views below point into
    std::unordered_set<std::string_view, CueHash> whole, prefixes;
    std::vector<std::size_t> prefix_sizes;  // distinct byte sizes of `prefixes`
    // Bits of the first three bytes of every cue (CueHead): most words are
    // turned away by one load. Empty while there is no cue (most entities).
    std::vector<std::uint64_t> heads;
    bool empty() const { return whole.empty(); }
    void Add(const std::string& norm);
    bool Has(const std::string& word) const;
  };
  static constexpr std::size_t kCueHeadBits = 4096;
  // Built on first use (BuildCueWords): only matching a text reads them,
  // never resolving a typed name, and folding every cue costs about a
  // millisecond of each search process's start.
  mutable std::vector<CueWords> cue_words, namesake_words;
  mutable std::once_flag cue_words_built;
  void BuildCueWords() const;
  // What each word of one text is to one entity, found as windows reach it
  // (each word once, whatever the number of mentions): -1 not yet looked
  // at, 0 no cue, 1 a namesake's word, 2 one of the figure's.
  struct CuePlaces {
    std::vector<std::int8_t> kind;
  };
  // Why a mention is taken for someone or something else of its name, ""
  // when nothing says so. A decisive cue is one a reader would not doubt:
  // the mention is dropped; any other keeps it, ambiguous.
  struct Cue {
    static Cue Doubt(std::string why) {
      Cue cue;
      cue.why = std::move(why);
      return cue;
    }
    static Cue Decisive(std::string why) {
      Cue cue = Doubt(std::move(why));
      cue.decisive = true;
      return cue;
    }
    std::string why;
    bool decisive = false;
    // Another first name than the figure's own before its surname: decisive
    // when the text also names the figure with its own (Emmanuel Macron...
    // Brigitte Macron), known once every mention has been looked at.
    bool another_first_name = false;
    // The surname is another person's here (after another first name or a
    // woman's title): `another` is how the text names that person.
    std::string another;
    // One of the figure's own first names, or a title or office, is written
    // before its surname here (Tayyip Erdoğan, President Erdoğan).
    bool as_figure = false;
    // From the dictionary's cue words (NamesakeCue); `only_namesake_words`
    // when none of the figure's own were near.
    bool namesake_words = false;
    bool only_namesake_words = false;
  };
  // The namesake's words near mention `m` outweigh the figure's own
  // (Entity::namesake_cues). `places` caches each entity's cue places in
  // this text.
  Cue NamesakeCue(const Scan& s, const Mention& m, std::map<int, CuePlaces>* places) const;
  std::vector<Mention> Run(std::string_view text, const std::vector<Token>& tokens,
                           std::string_view lang, bool typed_name, std::string_view type) const;
  // The candidates of each rung for the word at words[p]: rungs 1 and 2
  // (aliases, possibly multi-word, each word exact or inflected), 3 (the
  // transliteration-invariant name key) and 4 (one edit from a long alias).
  void AliasCandidates(const Scan& s, std::size_t p, std::vector<Candidate>* out) const;
  // The derived rung: the word is an adjective or demonym of a one-word
  // alias of an entity that derives forms (lang/derivation.h).
  void DerivedCandidates(const Scan& s, std::size_t p, std::vector<Candidate>* out) const;
  void KeyCandidates(const Scan& s, std::size_t p, std::vector<Candidate>* out) const;
  // A name in Thai, which is written without spaces, that the word
  // dictionary cut into pieces (เซ|เลน|สกี, Zelensky; ปู|ติ|นที่, where the
  // last piece took the next word's first letters): words[p] (or its last
  // letters) and up to three pieces after it, the last whole or its first
  // letters, each of four letters at most, read as one word by the
  // name-key rung (keys of three consonants or more, one edit at most).
  // Sets *joined to that word and returns how many pieces after words[p]
  // it takes (0: none, and `out` is left empty).
  std::size_t JoinedCandidates(Scan& s, std::size_t p, Token* joined,
                               std::vector<Candidate>* out) const;
  // The name-key rung for a word in kana or hangul: its SyllabaryReadings
  // against the spellings' SyllabarySpelling, with at least
  // kMinSyllabaryConsonants consonants; three must match exactly (and are
  // weak evidence, as a short key), four or more within one edit (the
  // syllabaries' loanwords are many: プレス, "press", is not Paris).
  void SyllabaryCandidates(const Scan& s, std::size_t p, std::vector<Candidate>* out) const;
  // What SyllabaryCandidates finds for `word` (of token `t`, in `lang`),
  // before the scan's type filter.
  struct SyllabaryHit {
    int alias;
    int distance;
    bool cut;  // a particle cut
    std::string key;
  };
  std::vector<SyllabaryHit> SyllabaryHits(const Token& t, const std::string& word,
                                          std::string_view lang, bool korean) const;
  void TypoCandidates(const Scan& s, std::size_t p, std::vector<Candidate>* out) const;
  // Rung 4 for spellings of four or five letters: only two letters swapped
  // or one doubled inside the word, since any other edit of a short name is
  // too often another word (Tusk, Task).
  void ShortTypoCandidates(const Scan& s, const std::u32string& w,
                           std::vector<Candidate>* out) const;
  // The best candidate; among figures sharing a name, the one named in full
  // earlier (named_in_full: entity -> word position), else the default one.
  // *resolution says how a shared name was resolved ("" if not shared).
  const Candidate& Choose(std::vector<Candidate>* cands,
                          const std::map<int, std::size_t>& named_in_full,
                          std::string* resolution) const;
  std::string Evidence(const Candidate& chosen) const;
  std::string Evidence(const Candidate& chosen, const std::string& alias) const;
  // The cue in the words around mention `i` of `out` (matched through alias
  // `alias`) that it names someone or something else of that name. See
  // Mention::ambiguous. Adds the figure to *with_own_name when its surname
  // follows one of its own first names (Tayyip Erdoğan; Orbán Viktor).
  Cue AmbiguityCue(const Scan& s, const std::vector<Mention>& out, std::size_t i, int alias,
                   std::set<int>* with_own_name, std::map<int, CuePlaces>* places) const;
  // A person's surname alone after a sentence of the same paragraph named
  // another person of that name (Brigitte Macron, Mrs Zelensky), the figure
  // not named by its first name or a title since: a paragraph about her,
  // the surname perhaps hers. Adds that doubt to the mentions of `cues`
  // that have none.
  void SpouseCues(const Scan& s, const std::vector<Mention>& out, const std::vector<int>& alias_of,
                  std::vector<Cue>* cues) const;
  // Whether the word before token `token`, spaces apart, is one of
  // `entity`'s own first names (a word of one of its aliases other than the
  // last, as written in the dictionary) or a title.
  bool AfterOwnFirstNameOrTitle(const Scan& s, std::size_t token, int entity) const;
  // Whether the spelling dictionary of `lang` lists `surface` with its
  // capital (IsListedName) and also lists a one-word spelling of `entity`
  // that `surface` is not: the dictionary knows the figure by that
  // spelling, so this word is another one (German Krimi, a crime story,
  // beside Krim). For a language that capitalises nouns, where a word
  // reached by sound is seldom an inflected form.
  bool AnotherListedName(std::string_view lang, std::string_view surface, int entity) const;
  bool TypeOk(const Scan& s, int alias) const {
    return s.type.empty() || entities[aliases[alias].entity].type == s.type;
  }
  bool CaseOk(const Token& t, CaseRule rule, bool relaxed, bool cased, bool exact) const;
  int TokenRung(const Token& t, const AliasToken& a, std::string_view lang, int* strip,
                std::string* ending) const;
  // True when `latin_word` is one vowel away from a one-word spelling of
  // `entity` shorter than six letters (OneVowelChanged) and no spelling of
  // it is `latin_word` in Latin letters: Puten is Putin's neighbour, so no
  // other spelling of Putin (Putyin) may take it either, while Tramp is
  // Трамп's own romanisation.
  bool VowelNeighbour(const std::u32string& latin_word, int entity) const {
    bool neighbour = false;
    for (const int alias : aliases_of[entity]) {
      const CompiledAlias& ca = aliases[alias];
      if (ca.tokens.size() != 1 || ca.tokens[0].script != Script::kLatin) continue;
      const std::u32string spelling = ToUtf32(ca.tokens[0].norm);
      if (spelling == latin_word) return false;
      neighbour |= spelling.size() < 6 && OneVowelChanged(latin_word, spelling);
    }
    if (!neighbour) return false;
    for (const int alias : aliases_of[entity]) {  // (rare) romanised spellings of other scripts
      const CompiledAlias& ca = aliases[alias];
      if (ca.tokens.size() == 1 && ca.tokens[0].script != Script::kLatin &&
          ToUtf32(ToLatin(ca.tokens[0].norm)) == latin_word) {
        return false;
      }
    }
    return true;
  }
  // True when `word`, in Arabic or Hebrew script, ends in the suffix that
  // makes adjectives and demonyms of names there (-ī: Arabic ي, feminine ية,
  // Persian and Urdu ی: الأوكراني, یوکرینی "Ukrainian"; Hebrew י, ית, ים,
  // יות: רוסי "Russian", רוסית "Russian", the language) while no spelling of
  // `entity` ends so, and `entity` is a place without derived forms: a
  // country's adjective, not the country. (Not Hindi ी: तुर्की and जर्मनी are
  // Turkey and Germany.)
  bool IsNisbaOfPlace(std::string_view word, int entity) const {
    const Entity& e = entities[entity];
    if (e.type != "place" || e.DerivesForms()) return false;
    static const char* const kNisba[] = {
        "\u064a",       "\u06cc",       "\u064a\u0629", "\u05d9\u05d5\u05ea",
        "\u05d9\u05ea", "\u05d9\u05dd", "\u05d9"};
    for (const char* n : kNisba) {
      const std::string_view suffix(n);
      if (word.size() <= suffix.size() || word.substr(word.size() - suffix.size()) != suffix) {
        continue;
      }
      for (const int alias : aliases_of[entity]) {
        const std::string& last = aliases[alias].tokens.back().norm;
        if (last.size() > suffix.size() &&
            std::string_view(last).substr(last.size() - suffix.size()) == suffix) {
          return false;
        }
      }
      return true;
    }
    return false;
  }
  // True when `entity` is a place without derived forms (a country) one of
  // whose spellings in the word's script begins with the word and has two
  // letters more or so, the word's own last vowel (a case ending) aside: the
  // word is the people's or the adjective's stem (Turkish Türk beside
  // Türkiye, Greek Τούρκο beside Τουρκία), not the country by its sound.
  bool IsTruncatedCountry(const std::string& norm, Script script, int entity) const {
    const Entity& e = entities[entity];
    if (e.type != "place" || e.DerivesForms()) return false;
    std::u32string word = ToUtf32(norm);
    if (word.size() > 3 && IsStemFinalVowel(word.back())) word.pop_back();
    for (const int alias : aliases_of[entity]) {
      const CompiledAlias& ca = aliases[alias];
      if (ca.tokens.size() != 1 || ca.tokens[0].script != script) continue;
      const std::u32string spelling = ToUtf32(ca.tokens[0].norm);
      if (spelling.size() >= word.size() + 2 && spelling.compare(0, word.size(), word) == 0) {
        return true;
      }
    }
    return false;
  }
  // A one-word spelling of another person whose surname is the feminine
  // form (FeminineForms) of the last word of alias `alias` (Zelenska for
  // Zelensky), or -1.
  int WomanOfTheFamily(int alias) const {
    const CompiledAlias& man = aliases[alias];
    for (const std::string& form : FeminineForms(ToLatin(man.tokens.back().norm))) {
      const StringTable::Values entries = stems.Find(form);
      for (std::size_t i = 0; i < entries.size(); ++i) {
        const int other = StemAlias(entries[i]);
        const CompiledAlias& woman = aliases[other];
        if (StemStrip(entries[i]) == 0 && woman.tokens.size() == 1 && woman.entity != man.entity &&
            entities[woman.entity].type == "person") {
          return other;
        }
      }
    }
    return -1;
  }
  // (South Slavic Navaljna is Navalna.)
  bool IsFeminineOf(const std::string& latin_word, int entity) const {
    const std::string soft = WithoutSofteningJ(latin_word);
    for (const std::string* form : {&latin_word, &soft}) {
      const StringTable::Values of = feminine_forms.Find(*form);
      for (std::size_t i = 0; i < of.size(); ++i) {
        if (of[i] == static_cast<std::uint32_t>(entity)) return true;
      }
    }
    return false;
  }
};

void EntityMatcher::Impl::Compile(const EntityDictionary& dict) {
  entities = dict.entities();
  StringTable::Entries stem_entries, key_entries, abjad_entries, syllabary_entries,
      deletion_entries;
  std::map<std::string, std::set<int>> feminine;
  for (int e = 0; e < static_cast<int>(entities.size()); ++e) {
    by_id.emplace(entities[e].id, e);
    for (const Alias& a : entities[e].aliases) {
      if (a.historical && !dict.historical_names()) continue;
      CompiledAlias ca;
      ca.entity = e;
      ca.text = a.text;
      ca.full_name = a.full_name;
      ca.cased = a.cased;
      ca.demonym = a.demonym;
      for (const Token& t : Tokenize(a.text)) {
        if (!t.indexed()) continue;
        AliasToken at;
        at.norm = t.norm;
        const std::size_t letters = CodePoints(t.norm);
        // (An adjective-shaped place name in lower case is the adjective.)
        const bool adjective_shaped =
            entities[e].type == "place" && t.capitalized && AdjectiveShapedPlace(t.norm);
        at.case_rule = (t.all_caps && letters <= 5)  ? CaseRule::kAllCaps
                       : a.cased || adjective_shaped ? CaseRule::kCapital
                       : t.capitalized               ? CaseRule::kPreferCapital
                                                     : CaseRule::kAny;
        at.stems = AliasStems(t.norm);
        at.script = t.script;
        ca.tokens.push_back(std::move(at));
      }
      if (ca.tokens.empty()) continue;
      if (entities[e].type == "person" && !ca.demonym) {
        for (const std::string& f : FeminineForms(ToLatin(ca.tokens.back().norm))) {
          feminine[f].insert(e);
        }
      }
      const int index = static_cast<int>(aliases.size());
      for (const auto& [stem, strip] : ca.tokens[0].stems) {
        stem_entries[stem].push_back(StemEntry(index, strip));
      }
      // An acronym said as a word (NATO, OTAN) has keys too: a script
      // without capitals writes it by its sound (नाटो, ناتو), and only such
      // words may reach it by key (KeyCandidates); it has no typo rung.
      // A demonym is matched as written, with its endings: not by sound or
      // typo (it is no name).
      const bool acronym = ca.tokens.size() == 1 && ca.tokens[0].case_rule == CaseRule::kAllCaps;
      if (ca.tokens.size() == 1 && !ca.demonym) {
        const std::string& norm = ca.tokens[0].norm;
        for (const std::string& key : NameKeys(ToLatin(norm))) {
          const std::string trimmed = TrimKey(key);
          if (KeyConsonants(trimmed) >= kMinKeyConsonants) key_entries[trimmed].push_back(index);
        }
        // An Arabic spelling may hold the article ("الناتو"): words are
        // compared with and without it, so the key is the name's own.
        const std::string article = "\u0627\u0644";  // ال
        const std::string name = norm.compare(0, article.size(), article) == 0 &&
                                         CodePoints(norm) >= CodePoints(article) + 3
                                     ? norm.substr(article.size())
                                     : norm;
        for (const std::string& key : AbjadKeys(ToLatin(name))) {
          if (KeyConsonants(key) >= kMinKeyConsonants) abjad_entries[key].push_back(index);
        }
        // Kana and hangul words are compared with the spellings in scripts
        // whose Latin letters are the name's own (SyllabarySpelling): of
        // people and places, whose names those scripts spell by their sound
        // (an organisation's they translate: 서비스, "service", is not
        // Совбез).
        const Script script = ca.tokens[0].script;
        const std::string& type = entities[e].type;
        if (!acronym && (type == "person" || type == "place") &&
            (script == Script::kLatin || script == Script::kCyrillic || script == Script::kGreek)) {
          const std::string key = SyllabaryKey(SyllabarySpelling(ToLatin(norm)));
          if (key.size() >= kMinSyllabaryConsonants) syllabary_entries[key].push_back(index);
        }
        const std::u32string w = ToUtf32(norm);
        if (w.size() >= 6 && !acronym) {
          std::set<std::string> variants{norm};
          for (std::size_t i = 0; i < w.size(); ++i) {
            variants.insert(FromUtf32(w.substr(0, i) + w.substr(i + 1)));
          }
          for (const std::string& v : variants) deletion_entries[v].push_back(index);
        }
      }
      alias_entities.push_back(ca.entity);
      aliases.push_back(std::move(ca));
    }
  }
  stems = StringTable(stem_entries);
  keys = StringTable(key_entries);
  abjad_keys = StringTable(abjad_entries);
  syllabary_keys = StringTable(syllabary_entries);
  deletions = StringTable(deletion_entries);
  StringTable::Entries feminine_entries;
  for (const auto& [form, of] : feminine) feminine_entries[form].assign(of.begin(), of.end());
  feminine_forms = StringTable(feminine_entries);
}

namespace {

// The filters have kFilterBits = 14 bits (2 KB, so that the bitmaps stay in
// the cache next to the tables); the built-in dictionary fills a few per
// cent of each.

// The bytes of the first `letters` letters of `word` (all of it when
// shorter; at most eight bytes), packed into a number.
std::uint64_t HeadKey(std::string_view word, int letters) {
  std::uint64_t key = 0;
  std::size_t i = 0;
  for (int n = 0; n < letters && i < word.size(); ++n) {
    const auto lead = static_cast<unsigned char>(word[i]);
    const std::size_t end = i + (lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4);
    for (; i < end && i < word.size() && i < 8; ++i) {
      key |= static_cast<std::uint64_t>(static_cast<unsigned char>(word[i])) << (8 * i);
    }
    if (i >= 8) break;
  }
  return key;
}

// The letters of a short word, in any order, hashed into kFilterBits bits.
std::size_t LetterBagBit(std::u32string letters) {
  std::sort(letters.begin(), letters.end());
  std::uint64_t h = 0xcbf29ce484222325ULL;
  for (const char32_t c : letters) h = (h ^ c) * 0x100000001b3ULL;
  return static_cast<std::size_t>((h * 0x9E3779B97F4A7C15ULL) >> (64 - kFilterBits));
}

// That key hashed into kFilterBits bits.
std::size_t HeadBit(std::uint64_t key) {
  return static_cast<std::size_t>((key * 0x9E3779B97F4A7C15ULL) >> (64 - kFilterBits));
}
std::size_t HeadBit(std::string_view word, int letters) { return HeadBit(HeadKey(word, letters)); }

}  // namespace

void EntityMatcher::Impl::BuildCueWords() const {
  cue_words.assign(entities.size(), {});
  namesake_words.assign(entities.size(), {});
  for (std::size_t e = 0; e < entities.size(); ++e) {
    for (const auto& [words, set] : {std::pair{&entities[e].cues, &cue_words[e]},
                                     std::pair{&entities[e].namesake_cues, &namesake_words[e]}}) {
      for (const std::string& w : *words) {
        for (const Token& t : Tokenize(w)) {
          if (t.kind == TokenKind::kWord && !t.norm.empty()) set->Add(t.norm);
        }
      }
    }
  }
}

void EntityMatcher::Impl::IndexAliases() {
  aliases_of.assign(entities.size(), {});
  for (std::size_t a = 0; a < alias_entities.size(); ++a) {
    aliases_of[alias_entities[a]].push_back(static_cast<int>(a));
  }
}

void EntityMatcher::Impl::BuildFilters() {
  short_bags.assign(kFilterWords, 0);
  derived_heads3.assign(kFilterWords, 0);
  derived_heads4.assign(kFilterWords, 0);
  demonym_heads.assign(kFilterWords, 0);
  for (const CompiledAlias& ca : aliases) {
    if (ca.tokens.size() == 1 && !ca.cased && !ca.demonym &&
        ca.tokens[0].case_rule != CaseRule::kAllCaps) {
      const std::u32string w = ToUtf32(ca.tokens[0].norm);
      if (w.size() >= 4 && w.size() <= 5) {
        const std::size_t bit = LetterBagBit(w);
        short_bags[bit / 64] |= std::uint64_t{1} << (bit % 64);
      }
    }
    if (ca.demonym && ca.tokens.size() == 1) {
      const std::size_t bit = HeadBit(ca.tokens[0].norm, 4);
      demonym_heads[bit / 64] |= std::uint64_t{1} << (bit % 64);
    }
    if (ca.tokens.size() != 1 || ca.demonym || !entities[ca.entity].DerivesForms()) continue;
    for (const auto& stem : ca.tokens[0].stems) {
      const bool long_stem = CountCodePoints(stem.first) >= 6;
      const std::size_t bit = HeadBit(stem.first, long_stem ? 4 : 3);
      (long_stem ? derived_heads4 : derived_heads3)[bit / 64] |= std::uint64_t{1} << (bit % 64);
    }
  }
}

bool EntityMatcher::Impl::MayBeDerived(std::string_view word) const {
  const std::size_t four = HeadBit(word, 4);
  if (derived_heads4[four / 64] >> (four % 64) & 1) return true;
  const std::size_t three = HeadBit(word, 3);
  return derived_heads3[three / 64] >> (three % 64) & 1;
}

bool EntityMatcher::Impl::CaseOk(const Token& t, CaseRule rule, bool relaxed, bool cased,
                                 bool exact) const {
  switch (rule) {
    case CaseRule::kAny:
      return true;
    case CaseRule::kAllCaps:
      return t.all_caps || (relaxed && !cased && !t.capitalized);
    case CaseRule::kCapital:
      return t.capitalized || t.all_caps || (relaxed && !cased);
    case CaseRule::kPreferCapital:
      // A script without case (Devanagari, Arabic, Georgian) gives no evidence.
      return exact || t.capitalized || t.all_caps || relaxed || !HasCase(t);
  }
  return false;
}

// 1 when `t` is alias word `a`, 2 when it is `a` plus an ending, 0 otherwise.
int EntityMatcher::Impl::TokenRung(const Token& t, const AliasToken& a, std::string_view lang,
                                   int* strip, std::string* ending) const {
  *strip = 0;
  if (t.norm == a.norm) return 1;
  if (GlueOf(t) == Glue::kArabic) {
    for (const auto& [stem, strip_letters] : a.stems) {
      if (strip_letters == 0 && stem == t.norm) return 1;  // an Arabic alias without its article
    }
  }
  for (const std::string& p : Proclitics(GlueOf(t))) {
    if (t.norm.size() > p.size() && t.norm.compare(0, p.size(), p) == 0 &&
        t.norm.compare(p.size(), std::string::npos, a.norm) == 0) {
      *ending = p + "-";
      return 2;
    }
  }
  int best = -1;
  ForEachEnding(t, lang, [&](const std::string& stem, const std::string& e) {
    for (const auto& [s, k] : a.stems) {
      if (s == stem && (best < 0 || k < best) && CodePoints(stem) >= MinStemLetters(t)) {
        best = k;
        *ending = e;
      }
    }
  });
  if (best < 0) return 0;
  *strip = best;
  return 2;
}

namespace {

// Languages that write every noun with a capital: there a capital says
// nothing about a neighbouring word being a name.
bool CapitalisesNouns(std::string_view lang) { return lang == "de" || lang == "lb"; }

// Whether `surface` is an ordinary word of `lang` (lang/ordinary_words.h)
// with a dictionary stem not made from the name `folded_name`: an ordinary
// word, not only a form made from the name (Polish moście is a form of mość
// and of most, "bridge").
bool OrdinaryWordNotFromName(std::string_view lang, std::string_view surface,
                             const std::string& folded_name) {
  const std::vector<std::string> stems = OrdinaryWordStems(lang, surface);
  if (stems.empty()) return false;
  // A stem made from the name holds it whole (курский: Курск) or all but
  // its last letter and then goes on (одесский: Одесса); one that stops
  // there is another word (crime: Crimea). Compared as written and in Latin
  // letters (Ukrainian ковальчук is Kovalchuk's own word).
  const auto begins_with_name = [](const std::u32string& stem, const std::u32string& name) {
    std::size_t common = 0;
    while (common < stem.size() && common < name.size() && stem[common] == name[common]) ++common;
    return common >= 3 &&
           (common == name.size() || (common + 1 == name.size() && stem.size() > common));
  };
  const std::u32string name = ToUtf32(folded_name);
  const std::u32string latin_name = ToUtf32(ToLatin(folded_name));
  for (const std::string& stem : stems) {
    const std::string folded = FoldWord(stem);
    if (!begins_with_name(ToUtf32(folded), name) &&
        !begins_with_name(ToUtf32(ToLatin(folded, lang)), latin_name)) {
      return true;
    }
  }
  return false;
}

// In languages without articles a capital at the start of a sentence is no
// evidence of a name: "Sumy pieniędzy" (sums of money) opens a Polish
// sentence, while French says "La poutine". There, spellings that are
// ordinary words ("cased:") found only sentence-initially are kept when the
// document also names the same entity elsewhere.
bool BareNounsOpenSentences(std::string_view lang) {
  static const std::set<std::string_view> kNoArticles = {
      "pl", "cs", "sk", "sl", "hr", "sr", "bs", "uk", "ru", "be",  "bg",
      "mk", "lt", "lv", "et", "fi", "tr", "az", "kk", "la", "und", ""};
  return kNoArticles.count(lang) > 0;
}

bool SentenceInitial(std::string_view text, const std::vector<Token>& tokens, std::size_t token) {
  if (token == 0) return true;
  const Token& prev = tokens[token - 1];
  const std::string_view gap = text.substr(prev.byte_end, tokens[token].byte_start - prev.byte_end);
  return gap.find_first_of(".!?:\n") != std::string_view::npos ||
         gap.find("\u2026") != std::string_view::npos;
}

// An office set off by a comma right after a name, within the three words
// after the comma and in the same sentence: "Кислиця, перший заступник
// міністра", "Fidan, dışişleri bakanı", "Rubio, the secretary of state".
// The title word as written, or "" when there is none.
std::string_view OfficeAfterComma(std::string_view text, const std::vector<Token>& tokens,
                                  std::size_t last) {
  std::size_t end = tokens[last].byte_end;
  if (tokens[last].clitic_follows && last + 1 < tokens.size()) end = tokens[++last].byte_end;
  bool comma = false;
  int words = 0;
  for (std::size_t k = last + 1; k < tokens.size() && words < 3; ++k) {
    std::string_view gap = text.substr(end, tokens[k].byte_start - end);
    while (!gap.empty() && (gap.front() == ' ' || gap.back() == ' ')) {
      gap = gap.front() == ' ' ? gap.substr(1) : gap.substr(0, gap.size() - 1);
    }
    if (!comma) {
      if (gap != ",") return {};
      comma = true;
    } else if (!gap.empty()) {
      return {};  // another mark: the apposition, or the sentence, ends
    }
    end = tokens[k].byte_end;
    if (tokens[k].kind != TokenKind::kWord) continue;
    ++words;
    if (IsTitleWord(tokens[k].norm)) return tokens[k].surface(text);
  }
  return {};
}

// Turkish writes an apostrophe between a proper name and its suffix, never
// after an ordinary word (Kiyev'i, Sumi'ye, but "şehri"): a word so
// written is a name.
bool ProperNameSuffix(std::string_view text, const std::vector<Token>& tokens, const Mention& m,
                      std::string_view lang) {
  if (lang != "tr" || !tokens[m.last_token].clitic_follows || m.last_token + 1 >= tokens.size()) {
    return false;
  }
  const Token& clitic = tokens[m.last_token + 1];
  const std::string_view written = clitic.surface(text);
  return clitic.kind == TokenKind::kClitic &&
         (written.rfind("'", 0) == 0 || written.rfind("\u2019", 0) == 0);
}

// Page extraction runs words together where markup separated them: "talks
// withZelensky", "переговорыЗеленского", "zZełenskim", "LEGGI ANCHEPutin".
// A word of a cased script is also read from a capital inside it when the
// part before it is another word: two lower-case letters or more, a
// one-letter Slavic preposition (z, w, v, s, k, u, o, в, с, к, у, о, з), or
// two capitals or more before a capitalised word (ANCHE|Putin). *tail is
// that part as a token of its own (offsets, fold, case), *head the part
// before it. False when `word` is no such word: iPhone, eBay (one letter
// that is no preposition), McDonald, YouTube (a capital before the turn).
bool GluedTail(std::string_view text, const Token& word, Token* tail, std::string* head) {
  if (word.kind != TokenKind::kWord || word.lookalikes || word.all_caps ||
      (word.script != Script::kLatin && word.script != Script::kCyrillic &&
       word.script != Script::kGreek)) {
    return false;
  }
  if (word.capitalized ? !word.caps_then_lower : !word.lower_then_upper) return false;
  const std::string_view surface = word.surface(text);
  // The letters up to the turn: their byte offsets and whether upper case.
  std::vector<std::size_t> at;
  std::vector<bool> upper;
  std::size_t i = 0;
  while (i < surface.size() && at.size() < 64) {
    const std::size_t start = i;
    const char32_t c = DecodeUtf8(surface, &i);
    const bool up = u_isupper(c) || u_istitle(c);
    if (!up && !u_islower(c)) return false;  // a digit, a mark, an apostrophe: not plain glue
    at.push_back(start);
    upper.push_back(up);
  }
  at.push_back(i);       // the end of the last letter read
  std::size_t turn = 0;  // the letter that begins the tail
  if (!upper[0]) {
    while (turn < upper.size() && !upper[turn]) ++turn;
    if (turn == upper.size()) return false;
    if (turn == 1) {
      static const std::set<std::string> kPrepositions = {"z", "w", "v", "s", "k", "u", "o",
                                                          "в", "с", "к", "у", "о", "з"};
      if (!kPrepositions.count(std::string(surface.substr(0, at[1])))) return false;
    }
  } else {
    std::size_t run = 0;
    while (run < upper.size() && upper[run]) ++run;
    if (run < 3 || run == upper.size()) return false;  // no lower-case letter after the run
    turn = run - 1;
  }
  const std::string_view rest = surface.substr(at[turn]);
  if (CountCodePoints(rest) < 3) return false;
  *head = std::string(surface.substr(0, at[turn]));
  *tail = word;
  tail->byte_start = word.byte_start + at[turn];
  tail->cp_start = word.cp_start + turn;
  tail->norm = FoldWord(rest);
  tail->capitalized = true;
  bool lower = false;
  for (std::size_t j = 0; j < rest.size();) lower |= u_islower(DecodeUtf8(rest, &j)) != 0;
  tail->all_caps = !lower;
  return true;
}

// Drops the mentions whose only evidence is a sentence-initial capital
// (only_initial[i]) unless another mention names the same entity.
void DropSentenceInitialOnly(const std::vector<bool>& only_initial, std::vector<Mention>* out) {
  std::set<int> named_elsewhere;
  for (std::size_t i = 0; i < out->size(); ++i) {
    if (!only_initial[i]) named_elsewhere.insert((*out)[i].entity);
  }
  std::size_t kept = 0;
  for (std::size_t i = 0; i < out->size(); ++i) {
    if (only_initial[i] && !named_elsewhere.count((*out)[i].entity)) continue;
    if (kept != i) (*out)[kept] = std::move((*out)[i]);
    ++kept;
  }
  out->resize(kept);
}

}  // namespace

void EntityMatcher::Impl::AliasCandidates(const Scan& s, std::size_t p,
                                          std::vector<Candidate>* out) const {
  const Token& t = s.Word(p);
  std::vector<std::pair<std::string, std::string>> lookups{{t.norm, ""}};
  ForEachEnding(t, s.lang, [&](const std::string& stem, const std::string& e) {
    lookups.emplace_back(stem, e);
  });
  for (const std::string& prefix : Proclitics(GlueOf(t))) {
    if (t.norm.size() > prefix.size() && t.norm.compare(0, prefix.size(), prefix) == 0) {
      lookups.emplace_back(t.norm.substr(prefix.size()), prefix + "-");
    }
  }
  std::set<int> seen;
  // A listed demonym in the plural (Muscovites): its stems take the ending.
  const std::size_t head = t.script == Script::kLatin ? HeadBit(t.norm, 4) : 0;
  if (t.script == Script::kLatin && (demonym_heads[head / 64] >> (head % 64) & 1)) {
    for (const std::string& e : DemonymPlurals(s.lang)) {
      if (!EndsWith(t.norm, e) || CodePoints(t.norm) < e.size() + 4) continue;
      const StringTable::Values entries = stems.Find(t.norm.substr(0, t.norm.size() - e.size()));
      for (std::size_t i = 0; i < entries.size(); ++i) {
        const int alias = StemAlias(entries[i]);
        const CompiledAlias& ca = aliases[alias];
        if (!ca.demonym || ca.tokens.size() != 1 || StemStrip(entries[i]) > 1 ||
            !TypeOk(s, alias) || !CaseOk(t, ca.tokens[0].case_rule, s.relaxed, ca.cased, false) ||
            !seen.insert(alias).second) {
          continue;
        }
        out->push_back({alias, 1, Rung::kDerived, StemStrip(entries[i]), e, false, ""});
      }
    }
  }
  for (const auto& lookup : lookups) {
    const StringTable::Values entries = stems.Find(lookup.first);
    for (std::size_t i = 0; i < entries.size(); ++i) {
      const int alias = StemAlias(entries[i]);
      if (!seen.insert(alias).second || !TypeOk(s, alias)) continue;
      const CompiledAlias& ca = aliases[alias];
      if (p + ca.tokens.size() > s.words.size()) continue;
      Candidate c{alias, 0, Rung::kExact, 0, "", false, ""};
      bool ok = true;
      for (std::size_t k = 0; k < ca.tokens.size() && ok; ++k) {
        const Token& dt = s.Word(p + k);
        int strip = 0;
        std::string ending;
        const int r = TokenRung(dt, ca.tokens[k], s.lang, &strip, &ending);
        ok = r > 0 && CaseOk(dt, ca.tokens[k].case_rule, s.relaxed, ca.cased, r == 1);
        // Inflected, an adjective-shaped name is the adjective outside Czech
        // and Slovak (Croatian Ruske).
        if (r == 2 && ca.tokens.size() == 1 && entities[ca.entity].type == "place" &&
            AdjectiveShapedPlace(ca.tokens[0].norm) && !NamesCountriesAsAdjectives(s.lang)) {
          ok = false;
        }
        // A country's name loses at most its last vowel to a case ending
        // (Россия, России); more, and another word begins (Τουρκία, Τούρκο
        // "Turk").
        if (r == 2 && strip >= 2 && entities[ca.entity].type == "place" &&
            !entities[ca.entity].DerivesForms()) {
          ok = false;
        }
        if (r == 2) {
          c.rung = Rung::kInflected;
          c.strip += strip;
          c.detail = ending;
          if (entities[ca.entity].type == "person" && k + 1 == ca.tokens.size()) {
            const Gender g = EndingGender(ending);
            c.gender_clash = g != Gender::kNone && g != AliasGender(ca.tokens[k].norm);
          }
        }
      }
      if (!ok) continue;
      c.length = ca.tokens.size();
      if (ca.demonym) c.rung = Rung::kDerived;
      out->push_back(c);
    }
  }
}

void EntityMatcher::Impl::DerivedCandidates(const Scan& s, std::size_t p,
                                            std::vector<Candidate>* out) const {
  const Token& t = s.Word(p);
  if (t.script != Script::kLatin && t.script != Script::kCyrillic) return;
  // (A long word may also be derived from a spelling one edit away, which
  // may begin otherwise.)
  const bool may_be = MayBeDerived(t.norm);
  const bool long_word = CodePoints(t.norm) > kFuzzyDerivedLetters;
  if (!may_be && !long_word) return;
  const bool capitalized = t.capitalized || t.all_caps || s.relaxed;
  // Is the next word, in the same phrase, capitalised (Kievan Rus)?
  bool name_follows = false;
  if (p + 1 < s.words.size()) {
    const Token& next = s.Word(p + 1);
    const std::string_view gap = s.text.substr(t.byte_end, next.byte_start - t.byte_end);
    name_follows =
        next.capitalized && !s.relaxed && gap.find_first_not_of(" \t") == std::string_view::npos;
  }
  std::set<int> seen;
  const std::vector<DerivedStem> derived = DerivedStems(t.norm, s.lang, t.script, capitalized);
  for (const DerivedStem& d : derived) {
    if (!may_be) break;
    if (d.opens_names && name_follows) continue;
    const StringTable::Values entries = stems.Find(d.stem);
    for (std::size_t i = 0; i < entries.size(); ++i) {
      const int alias = StemAlias(entries[i]);
      const CompiledAlias& ca = aliases[alias];
      if (ca.tokens.size() != 1 || ca.tokens[0].case_rule == CaseRule::kAllCaps || ca.demonym ||
          !entities[ca.entity].DerivesForms() || !TypeOk(s, alias) || !seen.insert(alias).second) {
        continue;
      }
      Candidate c{alias, 1, Rung::kDerived, StemStrip(entries[i]), d.formant, false, ""};
      c.prefix = d.base;
      c.same_script = ca.tokens[0].script == t.script;
      out->push_back(std::move(c));
    }
  }
  if (!out->empty() || !long_word) return;
  // A long stem one edit from a spelling's (Polish dniepropetrowski from
  // Dniepropetrowsk, the dictionary listing Dnipropetrowsk): found through
  // the name keys, as the typo rung allows one edit in a long name.
  for (const DerivedStem& d : derived) {
    if (d.opens_names && name_follows) continue;
    const std::string latin = ToLatin(d.stem, s.lang);
    if (CodePoints(latin) < kFuzzyDerivedLetters) continue;
    const std::u32string heard = ToUtf32(latin);
    for (const std::string& key : NameKeys(latin)) {
      const StringTable::Values found = keys.Find(TrimKey(key));
      for (std::size_t i = 0; i < found.size(); ++i) {
        const int alias = static_cast<int>(found[i]);
        const CompiledAlias& ca = aliases[alias];
        if (ca.tokens.size() != 1 || ca.tokens[0].case_rule == CaseRule::kAllCaps || ca.demonym ||
            ca.tokens[0].script == Script::kOther || !entities[ca.entity].DerivesForms() ||
            !TypeOk(s, alias) || seen.count(alias)) {
          continue;
        }
        for (const auto& [stem, strip] : ca.tokens[0].stems) {
          if (EditDistance(heard, ToUtf32(ToLatin(stem)), 1) > 1) continue;
          seen.insert(alias);
          Candidate c{alias, 1, Rung::kDerived, strip, d.formant, false, ""};
          c.prefix = d.base;
          c.same_script = ca.tokens[0].script == t.script;
          c.distance = 1;
          out->push_back(std::move(c));
          break;
        }
      }
    }
  }
}

void EntityMatcher::Impl::SyllabaryCandidates(const Scan& s, std::size_t p,
                                              std::vector<Candidate>* out) const {
  const Token& t = s.Word(p);
  const bool korean = GlueOf(t) == Glue::kKorean;
  // Japanese word breaks cut katakana by the words of their dictionary
  // (マクロン is マクロ + ン, "macro" + n): a run of katakana tokens with
  // nothing between them is read as one word, from its first token only.
  std::size_t length = 1;
  std::string joined = t.norm;  // the word, or the katakana run it opens
  if (p != s.glued_at && IsKatakanaWord(t.norm)) {
    const auto adjacent = [&](std::size_t a) {  // words a and a + 1, one katakana run
      return s.tokens[s.words[a]].byte_end == s.tokens[s.words[a + 1]].byte_start &&
             IsKatakanaWord(s.tokens[s.words[a]].norm) &&
             IsKatakanaWord(s.tokens[s.words[a + 1]].norm);
    };
    if (p > 0 && adjacent(p - 1)) return;
    while (p + length < s.words.size() && length < kMaxKatakanaRun && adjacent(p + length - 1)) {
      joined += s.tokens[s.words[p + length]].norm;
      ++length;
    }
  }
  const std::string& word = joined;
  // What a word reaches depends only on the word and the language (its
  // endings): remembered per thread, since Korean and Japanese texts repeat
  // their words and every hangul word comes here.
  thread_local std::uint64_t cache_owner = 0;
  thread_local std::unordered_map<std::string, std::vector<SyllabaryHit>> cache;
  if (cache_owner != serial || cache.size() > 100000) {
    cache.clear();
    cache_owner = serial;
  }
  thread_local std::string cache_key;  // reused: most lookups allocate nothing
  cache_key.assign(s.lang).push_back('\0');
  cache_key += word;
  auto cached = cache.find(cache_key);
  if (cached == cache.end()) {
    cached = cache.emplace(cache_key, SyllabaryHits(t, word, s.lang, korean)).first;
  }
  for (const SyllabaryHit& h : cached->second) {
    if (!TypeOk(s, h.alias)) continue;
    Candidate c{h.alias, length, Rung::kNameKey, h.cut ? 1 : 0, h.key, false, ""};
    c.distance = h.distance;
    // Three consonants are weak evidence alone (カラス, Kallas, is also
    // "crow"), as a short key is: ambiguous unless the text names the
    // figure otherwise.
    c.short_key = h.key.size() == kMinSyllabaryConsonants;
    out->push_back(std::move(c));
  }
}

std::vector<EntityMatcher::Impl::SyllabaryHit> EntityMatcher::Impl::SyllabaryHits(
    const Token& t, const std::string& word, std::string_view lang, bool korean) const {
  // The word, and the word without a particle (Korean 우메로프가).
  std::vector<std::pair<std::string, bool>> forms{{word, false}};
  for (const std::string& e : EndingsFor(t, lang)) {
    if (EndsWith(word, e) && CodePoints(word) >= CodePoints(e) + 2) {
      forms.emplace_back(word.substr(0, word.size() - e.size()), true);
    }
  }
  std::map<int, SyllabaryHit> best;  // alias -> its closest reading
  for (const auto& [form, cut] : forms) {
    const std::string latin = SyllabaryToLatin(form);
    if (latin.empty()) continue;
    for (const std::string& reading : SyllabaryReadings(latin, korean)) {
      const std::string key = SyllabaryKey(reading);
      if (key.size() < kMinSyllabaryConsonants) continue;
      const int budget = key.size() > kMinSyllabaryConsonants ? 1 : 0;
      const StringTable::Values found = syllabary_keys.Find(key);
      for (std::size_t i = 0; i < found.size(); ++i) {
        const int alias = static_cast<int>(found[i]);
        const std::string spelling = SyllabarySpelling(ToLatin(aliases[alias].tokens[0].norm));
        const int distance = EditDistance(ToUtf32(reading), ToUtf32(spelling), budget);
        if (distance > budget) continue;
        const auto known = best.find(alias);
        if (known != best.end() && known->second.distance <= distance) continue;
        best[alias] = SyllabaryHit{alias, distance, cut, key};
      }
    }
  }
  std::vector<SyllabaryHit> hits;
  for (auto& [alias, h] : best) hits.push_back(std::move(h));
  return hits;
}

void EntityMatcher::Impl::KeyCandidates(const Scan& s, std::size_t p,
                                        std::vector<Candidate>* out) const {
  const Token& t = s.Word(p);
  if (IsSyllabaryWord(t.norm)) {
    SyllabaryCandidates(s, p, out);
    return;
  }
  // Any word of a script without case may be a name.
  const bool proper = t.capitalized || t.all_caps || s.relaxed || !HasCase(t);
  // A word in Arabic or Hebrew letters is compared as an abjad writes it
  // (AbjadSkeleton; Hebrew through its own readings, HebrewReadings).
  const bool hebrew = GlueOf(t) == Glue::kHebrew;
  const bool abjad = GlueOf(t) == Glue::kArabic || hebrew;
  if (!proper || s.lower_words.count(t.norm) ||
      (t.script == Script::kOther && !hebrew && !NeedsTransliteration(t.norm))) {
    return;
  }
  const auto& table = abjad ? abjad_keys : keys;
  // How the word may be read in Latin letters (AbjadReadings, GreekReadings).
  // (The Brahmic scripts alike: Bengali, Tamil... write "z" as "j" too.)
  const UScriptCode first_script = FirstLetterScript(t.norm);
  const bool devanagari = t.script == Script::kOther &&
                          (first_script == USCRIPT_DEVANAGARI || first_script == USCRIPT_BENGALI ||
                           first_script == USCRIPT_GURMUKHI || first_script == USCRIPT_GUJARATI ||
                           first_script == USCRIPT_ORIYA || first_script == USCRIPT_TAMIL ||
                           first_script == USCRIPT_TELUGU || first_script == USCRIPT_KANNADA ||
                           first_script == USCRIPT_MALAYALAM || first_script == USCRIPT_SINHALA);
  const auto readings_of = [&](std::string_view word) {
    return hebrew                       ? HebrewReadings(word)
           : abjad                      ? AbjadReadings(ToLatin(word, s.lang))
           : t.script == Script::kGreek ? GreekReadings(ToLatin(word, s.lang))
           : devanagari ? DevanagariReadings(ToLatin(word, s.lang), first_script == USCRIPT_TAMIL)
           : first_script == USCRIPT_THAI || first_script == USCRIPT_LAO
               ? ThaiReadings(ToLatin(word, s.lang))
           : s.lang == "nl" && t.script == Script::kLatin
               ? DutchReadings(word)
               : std::vector<std::string>{ToLatin(word, s.lang)};
  };
  // The word; the word without a case ending; the word without a prefix
  // glued before it (Arabic "و", "ب", "ال"...: "وبوتين" is "and Putin").
  struct Form {
    std::string text;
    std::string ending;  // cut from the end ("" = none)
    bool prefixed = false;
    bool article = false;  // the prefix holds the definite article (ال, ה)
  };
  std::vector<Form> forms{{t.norm, "", false, false}};
  // (An ending's length is counted in bytes in Cyrillic and Greek, which
  // asks a longer word there.)
  ForEachEnding(t, s.lang, [&](const std::string& stem, const std::string& e) {
    if (CodePoints(t.norm) >= (t.script == Script::kOther ? CodePoints(e) : e.size()) + 3) {
      forms.push_back({stem, e, false, false});
    }
  });
  for (const std::string& prefix : Proclitics(GlueOf(t))) {
    if (t.norm.size() > prefix.size() && t.norm.compare(0, prefix.size(), prefix) == 0 &&
        CodePoints(t.norm) >= CodePoints(prefix) + 3) {
      const std::string_view p(prefix);
      const bool article =
          p.size() >= 2 && (p.substr(p.size() - 2) == "ה" ||
                            (p.size() >= 4 && p.substr(p.size() - 4) == "ال") || p == "لل");
      forms.push_back({t.norm.substr(prefix.size()), "", true, article});
    }
  }
  // Per alias, the form closest to it (a prefix cut may fit better than the
  // whole word), in the order the aliases were first found.
  std::vector<std::pair<Candidate, int>> best_forms;  // candidate, its edit distance
  std::map<int, std::size_t> slot;                    // alias -> index in best_forms
  for (const Form& form : forms) {
    const std::string& ending = form.ending;
    for (const std::string& reading : readings_of(form.text)) {
      for (const std::string& key : abjad ? AbjadKeys(reading) : NameKeys(reading)) {
        const StringTable::Values found = table.Find(TrimKey(key));
        for (std::size_t i = 0; i < found.size(); ++i) {
          const int alias = static_cast<int>(found[i]);
          // An alias refused for one form may still fit another (the whole
          // word fails, its stem without the case ending passes).
          const auto known = slot.find(alias);
          if (!TypeOk(s, alias) || (known != slot.end() && !form.prefixed)) continue;
          const CompiledAlias& ca = aliases[alias];
          const bool acronym = ca.tokens[0].case_rule == CaseRule::kAllCaps;
          // (An acronym of two letters by its sound alone would be any
          // syllable: Thai ฝน, "rain", is no VN.)
          if (acronym ? HasCase(t) || CodePoints(ca.tokens[0].norm) < 3
                      : !CaseOk(t, ca.tokens[0].case_rule, s.relaxed, ca.cased, false)) {
            continue;
          }
          if (ending.empty() && IsFeminineOf(ToLatin(t.norm, s.lang), ca.entity)) continue;
          // A person's name takes no definite article: الفدان is "the
          // feddan", not Fidan (a dictionary spelling with one is exact).
          if (form.article && entities[ca.entity].type == "person") continue;
          // (Latin-script demonym endings; a Georgian case ending may look like one.)
          if (t.script != Script::kOther &&
              AddsAdjectiveEnding(ToLatin(t.norm, s.lang), ToLatin(ca.tokens[0].norm))) {
            continue;
          }
          if (t.script == Script::kOther && IsNisbaOfPlace(t.norm, ca.entity)) continue;
          if (entities[ca.entity].type == "place" && AdjectiveShapedPlace(ca.tokens[0].norm) &&
              !NamesCountriesAsAdjectives(s.lang)) {
            continue;
          }
          // (Also once a case ending is cut: Greek Ρώσος, "a Russian".)
          if (IsTruncatedCountry(t.norm, t.script, ca.entity) ||
              (!ending.empty() && IsTruncatedCountry(form.text, t.script, ca.entity))) {
            continue;
          }
          // The key forgets vowels; the spelling must still be close to the
          // alias (or to one of its stems when an ending was cut).
          const std::u32string f = ToUtf32(reading);
          const bool short_key = ShortKey(TrimKey(key));
          // A word of a cased script reaches a short key only through a
          // spelling in a cased script: the romanisation of an abjad or
          // Devanagari spelling has lost too much (Turkish Rus, "Russian", is
          // रूस in Latin letters).
          if (short_key && HasCase(t) && ca.tokens[0].script == Script::kOther) continue;
          // A short key is compared whole: Kyvi (KVvV) is not Kyiv (KVv).
          if (short_key && !abjad && ending.empty()) {
            const std::vector<std::string> own = NameKeys(ToLatin(ca.tokens[0].norm));
            if (std::find(own.begin(), own.end(), key) == own.end()) continue;
          }
          // A word of an uncased script reaches a short key only with as many
          // letters (a letter more or less is another word: रूसी "Russian"
          // beside रूस), through a spelling in its own script or in Latin
          // letters (كيف "how" is कीव in Arabic letters).
          const bool same_length = short_key && !HasCase(t);
          if (same_length && FirstLetterScript(t.norm) != FirstLetterScript(ca.tokens[0].norm) &&
              ca.tokens[0].script != Script::kLatin) {
            continue;
          }
          // (As an abjad writes the alias: Turkki has five letters there.)
          const std::size_t alias_letters = CodePoints(
              abjad ? AbjadSkeleton(ToLatin(ca.tokens[0].norm)) : ToLatin(ca.tokens[0].norm));
          const int budget = !short_key ? KeyEditBudget(alias_letters)
                             : abjad    ? 1  // no vowels to tell words apart
                                        : ShortKeyBudget(alias_letters, f.size());
          // A spelling in Devanagari writes every vowel; one ending in a
          // vowel is not an Arabic-script word without it, since that
          // script writes a final long vowel too (ماسک "mask" is no मास्को,
          // Moscow, which Urdu writes ماسکو).
          const bool written_vowels = abjad && ca.tokens[0].script == Script::kOther &&
                                      FirstLetterScript(ca.tokens[0].norm) == USCRIPT_DEVANAGARI;
          const auto vowel = [](char32_t c) { return c == U'a' || c == U'i' || c == U'u'; };
          // A Brahmic word is written as it sounds: against a Latin
          // spelling, as many sounds, not letters (রাশিয়া "rashiya",
          // Russia: r-a-sh-i-a, r-u-ss-i-a).
          const bool as_heard = same_length && devanagari && ca.tokens[0].script == Script::kLatin;
          const std::u32string heard_word =
              as_heard ? ToUtf32(SoundSpelling(FromUtf32(f))) : std::u32string();
          int best = budget + 1;
          for (const auto& [stem, strip] : ca.tokens[0].stems) {
            if (!ending.empty() || strip == 0) {
              const std::u32string spelling =
                  ToUtf32(abjad ? AbjadSkeleton(ToLatin(stem)) : ToLatin(stem));
              if (written_vowels && ending.empty() && !spelling.empty() && !f.empty() &&
                  vowel(spelling.back()) && !vowel(f.back())) {
                continue;
              }
              // Nor a final i or u of a spelling in another script, which
              // Arabic script writes as a letter too (ماسک "mask" is no
              // Kazakh Мәскеу, Moscow). (A final a it may leave out: القرم
              // is Crimea.)
              if (abjad && !hebrew && ending.empty() && !spelling.empty() && !f.empty() &&
                  FirstLetterScript(ca.tokens[0].norm) != USCRIPT_ARABIC &&
                  (spelling.back() == U'i' || spelling.back() == U'u') && !vowel(f.back())) {
                continue;
              }
              // Hebrew writes a name's final vowel (פוטין is Putin; פוטינה,
              // a letter for a vowel more, is another word).
              if (hebrew && ending.empty() && !spelling.empty() && !f.empty() &&
                  vowel(spelling.back()) != vowel(f.back())) {
                continue;
              }
              const std::u32string heard_spelling =
                  as_heard ? ToUtf32(SoundSpelling(FromUtf32(spelling))) : std::u32string();
              if (as_heard ? heard_spelling.size() != heard_word.size()
                           : same_length && spelling.size() != f.size()) {
                continue;
              }
              // A longer key is compared as heard, through a spelling in a
              // cased script: the edits are the vowels, not the romanisation
              // schemes (Saporoschje, Zaporizhzhia). (A Georgian or
              // Devanagari spelling's romanisation is one scheme already:
              // French Recette is not რუსეთი.)
              best = std::min(
                  best, as_heard ? EditDistance(heard_word, heard_spelling, best)
                        : abjad || short_key || ca.tokens[0].script == Script::kOther
                            ? EditDistance(f, spelling, best)
                            : EditDistance(ToUtf32(SoundSpelling(FromUtf32(f))),
                                           ToUtf32(SoundSpelling(FromUtf32(spelling))), best));
            }
          }
          if (best > budget) continue;
          if (t.script == Script::kLatin && ending.empty() && VowelNeighbour(f, ca.entity)) {
            continue;
          }
          Candidate c{alias, 1, Rung::kNameKey, ending.empty() ? 0 : 1, TrimKey(key), false, ""};
          c.same_script = ca.tokens[0].script == t.script;
          c.distance = best;
          c.short_key = short_key;
          if (form.prefixed) c.prefix = t.norm.substr(0, t.norm.size() - form.text.size());
          if (!ending.empty() && entities[ca.entity].type == "person") {
            const Gender g = EndingGender(ending);
            c.gender_clash = g != Gender::kNone && g != AliasGender(ca.tokens[0].norm);
          }
          if (known == slot.end()) {
            slot.emplace(alias, best_forms.size());
            best_forms.emplace_back(c, best);
          } else if (best < best_forms[known->second].second) {
            best_forms[known->second] = {c, best};
          }
        }
      }
    }
  }
  for (const auto& entry : best_forms) out->push_back(entry.first);
}

namespace {

// A word in Thai letters, or in Lao, whose block mirrors Thai's.
bool IsThaiWord(const Token& t) {
  std::size_t i = 0;
  const char32_t c = t.norm.empty() ? 0 : DecodeUtf8(t.norm, &i);
  return t.kind == TokenKind::kWord && c >= 0x0E00 && c <= 0x0EFF;
}

// Where a Thai (or Lao) word may be cut: after each letter that no vowel
// sign or tone mark follows, and not after a vowel written before its
// consonant (เ, แ, โ, ใ, ไ; Lao ເ...ໄ). Byte offsets, ascending, the
// word's end last.
std::vector<std::size_t> ThaiCuts(std::string_view word) {
  std::vector<std::size_t> cuts;
  std::size_t i = 0;
  while (i < word.size()) {
    const char32_t c = DecodeUtf8(word, &i);
    std::size_t j = i;
    const char32_t next = i < word.size() ? DecodeUtf8(word, &j) : 0;
    const bool mark =
        next != 0 && (u_charType(static_cast<UChar32>(next)) == U_NON_SPACING_MARK ||
                      u_charType(static_cast<UChar32>(next)) == U_COMBINING_SPACING_MARK);
    if (!mark && !(c >= 0x0E40 && c <= 0x0E44) && !(c >= 0x0EC0 && c <= 0x0EC4)) cuts.push_back(i);
  }
  if (cuts.empty() || cuts.back() != word.size()) cuts.push_back(word.size());
  return cuts;
}

}  // namespace

std::size_t EntityMatcher::Impl::JoinedCandidates(Scan& s, std::size_t p, Token* joined,
                                                  std::vector<Candidate>* out) const {
  constexpr std::size_t kMaxPieces = 4;
  constexpr std::size_t kMaxLetters = 16;
  // The dictionary cuts an unknown name into syllables: pieces of four
  // letters at most (a longer one is a word it knows).
  constexpr std::size_t kMaxPieceLetters = 4;
  const Token& first = s.tokens[s.words[p]];
  if (!IsThaiWord(first) || first.norm != first.surface(s.text) ||
      CodePoints(first.norm) > kMaxPieceLetters) {
    return 0;
  }
  // The name may begin inside the first piece too, which took the last
  // letter of the word before it (นา|ยลาฟ|รอฟ: นาย, "Mr", and Lavrov).
  std::vector<std::size_t> starts{0};
  for (const std::size_t cut : ThaiCuts(first.norm)) {
    if (cut < first.norm.size()) starts.push_back(cut);
  }
  for (const std::size_t from : starts) {
    std::size_t best = 0;  // pieces of the longest reading that found a name
    const std::string head = first.norm.substr(from);
    std::string whole = head;
    std::string latin_before = ToLatin(head, s.lang);
    for (std::size_t k = 1; k < kMaxPieces && p + k < s.words.size(); ++k) {
      const Token& piece = s.tokens[s.words[p + k]];
      const Token& before = s.tokens[s.words[p + k - 1]];
      // Adjacent Thai pieces folded as written (so that offsets carry over).
      if (piece.byte_start != before.byte_end || !IsThaiWord(piece) ||
          piece.norm != piece.surface(s.text)) {
        break;
      }
      if (k > 1) {
        if (CodePoints(before.norm) > kMaxPieceLetters) break;
        whole += before.norm;
        latin_before += ToLatin(before.norm, s.lang);
      }
      if (CodePoints(whole) >= kMaxLetters) break;
      const std::vector<std::size_t> cuts = ThaiCuts(piece.norm);
      // The piece whole first, then shorter: the longest reading wins.
      for (auto cut = cuts.rbegin(); cut != cuts.rend(); ++cut) {
        const std::string part = piece.norm.substr(0, *cut);
        if (CodePoints(part) > kMaxPieceLetters) continue;
        const std::string text = whole + part;
        if (CodePoints(text) > kMaxLetters) continue;
        // A cheaper test first: the pieces' own readings, joined, must
        // reach a key of three consonants or more. (Remembered per reading:
        // the same syllables recur.)
        const std::string latin = latin_before + ToLatin(part, s.lang);
        thread_local std::unordered_map<std::string, bool> reaching;
        thread_local std::uint64_t reaching_serial = 0;
        if (reaching_serial != serial || reaching.size() > 100000) {
          reaching.clear();
          reaching_serial = serial;
        }
        auto [known, fresh] = reaching.try_emplace(latin, false);
        if (fresh) {
          for (const std::string& r : ThaiReadings(latin)) {
            for (const std::string& key : NameKeys(r)) {
              const std::string trimmed = TrimKey(key);
              known->second = known->second || (!ShortKey(trimmed) && !keys.Find(trimmed).empty());
            }
          }
        }
        if (!known->second) continue;
        Token t = first;
        t.norm = text;
        t.byte_start = first.byte_start + from;
        t.cp_start = first.cp_start + CodePoints(first.norm.substr(0, from));
        t.byte_end = piece.byte_start + *cut;
        t.cp_end = piece.cp_start + CodePoints(part);
        std::vector<Candidate> cands;
        s.glued_at = p;
        s.glued = &t;
        KeyCandidates(s, p, &cands);
        s.glued_at = SIZE_MAX;
        s.glued = nullptr;
        cands.erase(
            std::remove_if(cands.begin(), cands.end(),
                           [](const Candidate& c) { return c.short_key || c.distance > 1; }),
            cands.end());
        if (cands.empty()) continue;
        *out = std::move(cands);
        *joined = t;
        best = k;
        break;
      }
    }
    if (best > 0) return best;
  }
  return 0;
}

void EntityMatcher::Impl::TypoCandidates(const Scan& s, std::size_t p,
                                         std::vector<Candidate>* out) const {
  // Only for a capitalised word that is not also used as an ordinary
  // (lower-case) word in this text.
  const Token& t = s.Word(p);
  if (!(t.capitalized || t.all_caps || s.typed_name) || s.lower_words.count(t.norm)) return;
  // A Cyrillic or Greek word is also compared in Latin letters, as the
  // name-key rung does (Ковальчук, one edit from Kovalčuk).
  std::vector<std::string> spellings{t.norm};
  if (t.script == Script::kCyrillic || t.script == Script::kGreek) {
    const std::string latin = ToLatin(t.norm, s.lang);
    if (latin != t.norm) spellings.push_back(latin);
  }
  for (const std::string& spelling : spellings) {
    if (!out->empty()) break;
    const std::u32string w = ToUtf32(spelling);
    if (w.size() < 6) {
      ShortTypoCandidates(s, w, out);
      continue;
    }
    std::set<int> found;
    std::vector<std::string> probes{spelling};
    for (std::size_t i = 0; i < w.size(); ++i) {
      probes.push_back(FromUtf32(w.substr(0, i) + w.substr(i + 1)));
    }
    for (const std::string& probe : probes) {
      const StringTable::Values near = deletions.Find(probe);
      for (std::size_t i = 0; i < near.size(); ++i) {
        const int alias = static_cast<int>(near[i]);
        if (!TypeOk(s, alias) || !found.insert(alias).second) continue;
        const std::u32string a = ToUtf32(aliases[alias].tokens[0].norm);
        if (EditDistance(a, w, 1) != 1 || !EditIsInside(a, w)) continue;
        if (AddsAdjectiveEnding(spelling, aliases[alias].tokens[0].norm)) continue;
        if (IsTruncatedCountry(t.norm, t.script, aliases[alias].entity)) continue;
        out->push_back({alias, 1, Rung::kTypo, 0, "", false, ""});
      }
    }
  }
}

void EntityMatcher::Impl::ShortTypoCandidates(const Scan& s, const std::u32string& w,
                                              std::vector<Candidate>* out) const {
  if (w.size() < 4) return;
  // Swapping keeps the word's letters; undoing a doubled letter drops one.
  // Most words have no spelling with those letters: one bit says so.
  const auto has_bag = [&](const std::u32string& letters) {
    const std::size_t bit = LetterBagBit(letters);
    return (short_bags[bit / 64] >> (bit % 64) & 1) != 0;
  };
  bool maybe = w.size() <= 5 && has_bag(w);
  for (std::size_t i = 1; i + 2 < w.size() && !maybe; ++i) {
    if (w[i] == w[i + 1]) maybe = has_bag(w.substr(0, i) + w.substr(i + 1));
  }
  if (!maybe) return;
  // Two letters swapped inside the word (Kiyv), or one of two equal letters
  // inside it doubled (Kyyiv): what is left must be a spelling of four or
  // five letters, as written in the dictionary.
  std::vector<std::u32string> probes;
  for (std::size_t i = 1; i + 2 < w.size(); ++i) {
    if (w[i] == w[i + 1]) {
      probes.push_back(w.substr(0, i) + w.substr(i + 1));
    } else {
      std::u32string swapped = w;
      std::swap(swapped[i], swapped[i + 1]);
      probes.push_back(std::move(swapped));
    }
  }
  std::set<int> found;
  for (const std::u32string& probe : probes) {
    if (probe.size() < 4 || probe.size() > 5) continue;
    const StringTable::Values entries = stems.Find(FromUtf32(probe));
    for (std::size_t i = 0; i < entries.size(); ++i) {
      const int alias = StemAlias(entries[i]);
      const CompiledAlias& ca = aliases[alias];
      if (StemStrip(entries[i]) != 0 || ca.tokens.size() != 1 || ca.cased || ca.demonym ||
          ca.tokens[0].case_rule == CaseRule::kAllCaps || !TypeOk(s, alias) ||
          !found.insert(alias).second) {
        continue;
      }
      out->push_back({alias, 1, Rung::kTypo, 0, "", false, ""});
    }
  }
}

const Candidate& EntityMatcher::Impl::Choose(std::vector<Candidate>* cands,
                                             const std::map<int, std::size_t>& named_in_full,
                                             std::string* resolution) const {
  // Longest, then lowest rung (a longer key before a short one), then fewest
  // dictionary letters dropped; among equals a spelling in the word's
  // script, the closest, the first listed. Entities tied on all but the
  // script share the name; a closer spelling is no tie (פידאן is Fidan at
  // no edit, not Biden at one).
  std::sort(cands->begin(), cands->end(), [](const Candidate& a, const Candidate& b) {
    if (a.length != b.length) return a.length > b.length;
    if (a.rung != b.rung) return a.rung < b.rung;
    if (a.short_key != b.short_key) return b.short_key;
    if (a.gender_clash != b.gender_clash) return b.gender_clash;
    if (a.strip != b.strip) return a.strip < b.strip;
    if (a.same_script != b.same_script) return a.same_script;
    if (a.distance != b.distance) return a.distance < b.distance;
    return a.alias < b.alias;
  });
  const Candidate& best = (*cands)[0];
  std::vector<const Candidate*> tied;
  std::set<int> tied_entities;
  for (const Candidate& c : *cands) {
    if (c.length == best.length && c.rung == best.rung && c.short_key == best.short_key &&
        c.strip == best.strip && c.gender_clash == best.gender_clash &&
        c.distance == best.distance && tied_entities.insert(aliases[c.alias].entity).second) {
      tied.push_back(&c);
    }
  }
  resolution->clear();
  if (tied.size() == 1) return *tied[0];
  const Candidate* chosen = tied[0];
  std::size_t latest = 0;
  bool by_context = false;
  for (const Candidate* c : tied) {
    auto it = named_in_full.find(aliases[c->alias].entity);
    if (it != named_in_full.end() && (!by_context || it->second >= latest)) {
      chosen = c;
      latest = it->second;
      by_context = true;
    }
  }
  if (by_context) {
    *resolution = "; shared name resolved to the figure named in full earlier";
    return *chosen;
  }
  for (const Candidate* c : tied) {
    if (entities[aliases[c->alias].entity].is_default) {
      *resolution = "; shared name resolved to the default figure";
      return *c;
    }
  }
  *resolution = "; shared name, first figure in the dictionary";
  const Candidate* first = tied[0];
  for (const Candidate* c : tied) {
    if (aliases[c->alias].entity < aliases[first->alias].entity) first = c;
  }
  return *first;
}

std::string EntityMatcher::Impl::Evidence(const Candidate& chosen) const {
  const CompiledAlias& ca = aliases[chosen.alias];
  for (const Alias& a : entities[ca.entity].aliases) {
    if (a.historical && a.text == ca.text) return "historical name; " + Evidence(chosen, ca.text);
  }
  return Evidence(chosen, ca.text);
}

std::string EntityMatcher::Impl::Evidence(const Candidate& chosen, const std::string& alias) const {
  switch (chosen.rung) {
    case Rung::kExact:
      return "alias '" + alias + "'";
    case Rung::kInflected:
      // A detail ending in '-' is a prefix glued before the name (Arabic, Hebrew).
      return !chosen.detail.empty() && chosen.detail.back() == '-'
                 ? "prefix '" + chosen.detail + "' + alias '" + alias + "'"
                 : "alias '" + alias + "' + ending '-" + chosen.detail + "'";
    case Rung::kNameKey:
      return (chosen.prefix.empty() ? "" : "prefix '" + chosen.prefix + "-' + ") + "name key " +
             chosen.detail + " of alias '" + alias + "'";
    case Rung::kTypo:
      return "one edit from alias '" + alias + "'";
    case Rung::kDerived:
      if (aliases[chosen.alias].demonym) {
        return "demonym '" + alias + "'" +
               (chosen.detail.empty() ? "" : " + ending '-" + chosen.detail + "'");
      }
      return std::string(chosen.distance > 0 ? "derived from a spelling one edit from alias '"
                                             : "derived from alias '") +
             alias + "': '" + chosen.prefix + "' + '-" + chosen.detail + "'";
  }
  return std::string();
}

std::vector<Mention> EntityMatcher::Impl::Run(std::string_view text,
                                              const std::vector<Token>& tokens,
                                              std::string_view lang, bool typed_name,
                                              std::string_view type) const {
  Scan s{text, tokens, lang, typed_name, type, {}, {}, false};
  std::size_t capitalised = 0;
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    if (tokens[i].kind != TokenKind::kWord) continue;
    s.words.push_back(i);
    if (tokens[i].capitalized || tokens[i].all_caps) {
      ++capitalised;
    } else if (HasCase(tokens[i])) {
      // A word of an uncased script (Georgian, Arabic, CJK) is no evidence
      // of an ordinary word.
      s.lower_words.insert(tokens[i].norm);
    }
  }
  // Text written all in lower case (chat logs, some OCR) keeps no case evidence.
  s.relaxed = typed_name || (s.words.size() >= 10 && capitalised * 50 < s.words.size());
  const bool bare_nouns_open_sentences = BareNounsOpenSentences(lang);

  std::vector<Mention> out;
  std::vector<bool> only_initial_evidence;  // per mention of `out`
  std::vector<int> alias_of;                // per mention of `out`: the alias matched
  std::vector<bool> by_short_key;           // per mention of `out`
  Token tail;                               // another reading of the word (below)
  std::string glued_head, reading;
  std::map<int, std::size_t> named_in_full;  // entity -> last word position of a full name
  std::vector<Candidate> cands, typos;
  std::string resolution;
  for (std::size_t p = 0; p < s.words.size();) {
    // Each rung is tried only when the ones before found nothing.
    cands.clear();
    AliasCandidates(s, p, &cands);
    if (cands.empty()) DerivedCandidates(s, p, &cands);
    if (cands.empty()) KeyCandidates(s, p, &cands);
    // Rung 4 when nothing was found, or only short keys: a short name's
    // typo (two letters swapped, one doubled) is surer than its sound alone.
    if (cands.empty() ||
        std::all_of(cands.begin(), cands.end(), [](const Candidate& c) { return c.short_key; })) {
      typos.clear();
      TypoCandidates(s, p, &typos);
      if (!typos.empty()) cands.swap(typos);
    }
    // Another reading of the word: a name glued to the word before it, or
    // a name with an apostrophe inside (Donets'k: a transliterated soft
    // sign, which the tokenizer cut off as a clitic). Its exact, inflected
    // or derived forms and its name key (a typo as well would be too much
    // doubt).
    reading.clear();
    if (cands.empty()) {
      const std::size_t at = s.words[p];
      if (!typed_name && GluedTail(text, tokens[at], &tail, &glued_head)) {
        reading = "; glued to the word before it, '" + glued_head + "'";
      } else if (tokens[at].clitic_follows && at + 1 < tokens.size() &&
                 tokens[at + 1].norm.size() > 1 && tokens[at + 1].norm[0] == '\'') {
        tail = tokens[at];
        tail.norm += tokens[at + 1].norm.substr(1);
        reading = "; apostrophe inside the name read as a soft sign";
      }
    }
    if (!reading.empty()) {
      s.glued_at = p;
      s.glued = &tail;
      AliasCandidates(s, p, &cands);
      if (cands.empty()) DerivedCandidates(s, p, &cands);
      if (cands.empty()) KeyCandidates(s, p, &cands);
      s.glued_at = SIZE_MAX;
      s.glued = nullptr;
      if (cands.empty()) reading.clear();
    }
    std::size_t joined = 0;  // pieces after words[p] read with it (JoinedCandidates)
    if (cands.empty() && tokens[s.words[p]].script == Script::kOther) {
      joined = JoinedCandidates(s, p, &tail, &cands);
      if (joined > 0) {
        reading = "; written without spaces: " + std::to_string(joined + 1) + " pieces read as one";
      }
    }
    if (cands.empty()) {
      ++p;
      continue;
    }
    const Candidate& chosen = Choose(&cands, named_in_full, &resolution);
    const CompiledAlias& ca = aliases[chosen.alias];
    // A word reached by its sound or by one edit that the language's
    // dictionary lists as an ordinary word made from another stem is that
    // word: English Schools (not Scholz), Crime (not Crimea), Hungarian
    // krémes "creamy" (not Krymas). Not after the figure's own first name or
    // a title (Donald Tramp), not in German, which capitalises every noun and
    // so lists names and words alike. (Not on the inflection rung: it fires
    // on most names of a Slavic text, and in an archive of many languages
    // the dictionaries would be loaded and unloaded by turns.)
    // In German, a word that the dictionary lists with its capital beside
    // one of the figure's own spellings (Krimi, a crime story, beside Krim).
    // (Elsewhere such a word may be an inflected form the dictionary
    // lists: Czech Evropy.)
    if (ordinary_words && !typed_name && reading.empty() && chosen.length == 1 &&
        (chosen.rung == Rung::kNameKey || chosen.rung == Rung::kTypo) &&
        (CapitalisesNouns(s.lang)
             ? AnotherListedName(s.lang, tokens[s.words[p]].surface(text), ca.entity)
             : OrdinaryWordNotFromName(s.lang, tokens[s.words[p]].surface(text),
                                       ca.tokens[0].norm)) &&
        !AfterOwnFirstNameOrTitle(s, s.words[p], ca.entity)) {
      ++p;
      continue;
    }
    Mention m;
    m.first_token = s.words[p];
    m.last_token = s.words[p + chosen.length - 1];
    m.entity = ca.entity;
    m.rung = chosen.rung;
    m.alias = ca.text;
    const Token& first = reading.empty() ? tokens[m.first_token] : tail;
    const Token* last = &tokens[m.last_token];
    if (joined > 0) {
      m.last_token = s.words[p + joined];
      last = &tail;
    } else if (last->clitic_follows && m.last_token + 1 < tokens.size()) {
      last = &tokens[m.last_token + 1];
    }
    m.byte_start = first.byte_start;
    m.byte_end = last->byte_end;
    m.cp_start = first.cp_start;
    m.cp_end = last->cp_end;
    m.evidence = Evidence(chosen) + resolution;
    m.evidence += reading;
    for (std::size_t i = m.first_token; i <= m.last_token; ++i) {
      if (tokens[i].lookalikes) {
        m.evidence += std::string("; look-alike letters read as ") + ScriptName(tokens[i].script);
        break;
      }
    }
    if (ca.full_name) named_in_full[ca.entity] = p;
    // A capital that opens a sentence says nothing of a name: a cased
    // spelling where bare nouns open sentences (not its derived forms:
    // Krim is a word, Krimski names the place), or a short key (Suma y
    // sigue), stands on it alone only with another mention of the figure,
    // or, a person's, with an office after it (Кислиця, перший заступник
    // міністра).
    bool only_initial = !typed_name && chosen.length == 1 && !first.all_caps &&
                        ((bare_nouns_open_sentences && ca.cased && chosen.rung != Rung::kDerived) ||
                         (chosen.short_key && HasCase(first))) &&
                        SentenceInitial(text, tokens, m.first_token) &&
                        !ProperNameSuffix(text, tokens, m, s.lang);
    if (only_initial && entities[ca.entity].type == "person") {
      const std::string_view office = OfficeAfterComma(text, tokens, m.last_token);
      if (!office.empty()) {
        only_initial = false;
        m.evidence += "; an office after it, '" + std::string(office) + "'";
      }
    }
    only_initial_evidence.push_back(only_initial);
    out.push_back(std::move(m));
    alias_of.push_back(chosen.alias);
    by_short_key.push_back(chosen.short_key);
    p += chosen.length + joined;
  }
  std::vector<bool> dropped(out.size(), false);  // for someone or something else
  if (!typed_name) {
    // A short key alone is weak evidence; another mention of the figure in
    // the text, by any other way, makes it likely.
    std::set<int> named_otherwise;
    for (std::size_t i = 0; i < out.size(); ++i) {
      if (!by_short_key[i]) named_otherwise.insert(out[i].entity);
    }
    std::map<int, CuePlaces> cue_places;  // filled as mentions need them
    std::set<int> with_own_name;          // named with a first name of their own
    for (const auto& [entity, at] : named_in_full) with_own_name.insert(entity);
    std::vector<Cue> cues(out.size());
    for (std::size_t i = 0; i < out.size(); ++i) {
      cues[i] = AmbiguityCue(s, out, i, alias_of[i], &with_own_name, &cue_places);
    }
    SpouseCues(s, out, alias_of, &cues);
    // One sense per text: a spelling the namesake's words decided to be the
    // namesake elsewhere in the text is the namesake again where they only
    // raise a doubt and the figure's own words are not near (Poutine, the
    // dish, in a recipe that also says "rien à voir avec Vladimir Poutine").
    std::set<std::string> namesake_spellings;
    for (std::size_t i = 0; i < out.size(); ++i) {
      if (cues[i].decisive && cues[i].namesake_words && out[i].first_token == out[i].last_token) {
        namesake_spellings.insert(tokens[out[i].first_token].norm);
      }
    }
    for (std::size_t i = 0; i < out.size(); ++i) {
      const bool decided_elsewhere = cues[i].only_namesake_words &&
                                     out[i].first_token == out[i].last_token &&
                                     namesake_spellings.count(tokens[out[i].first_token].norm);
      if (cues[i].decisive || decided_elsewhere ||
          (cues[i].another_first_name && with_own_name.count(out[i].entity))) {
        dropped[i] = true;
        continue;
      }
      std::string cue = std::move(cues[i].why);
      if (cue.empty() && by_short_key[i] && !named_otherwise.count(out[i].entity) &&
          !cues[i].as_figure && !ProperNameSuffix(text, tokens, out[i], s.lang)) {
        cue = "a short name found by its sound alone, and the text names the figure no other way";
      }
      if (cue.empty()) continue;
      // A woman's title before a man's surname names the woman of his
      // family the dictionary knows by its feminine form (Mrs Zelensky is
      // Olena Zelenska); without one, the mention stays his, ambiguous.
      const int woman = cue.rfind(kWomansTitleCue, 0) == 0 ? WomanOfTheFamily(alias_of[i]) : -1;
      if (woman >= 0) {
        out[i].entity = aliases[woman].entity;
        out[i].alias = aliases[woman].text;
        out[i].evidence += "; after a woman's title, the woman of the family: '" +
                           aliases[woman].text + "' is the feminine form of '" +
                           aliases[alias_of[i]].text + "'";
        continue;
      }
      out[i].ambiguous = true;
      out[i].evidence += "; ambiguous: " + cue;
    }
  }
  std::size_t kept = 0;
  for (std::size_t i = 0; i < out.size(); ++i) {
    if (dropped[i]) continue;
    if (kept != i) {
      out[kept] = std::move(out[i]);
      only_initial_evidence[kept] = only_initial_evidence[i];
    }
    ++kept;
  }
  out.resize(kept);
  only_initial_evidence.resize(kept);
  DropSentenceInitialOnly(only_initial_evidence, &out);
  return out;
}

namespace {

// The word token before `token` and whether only spaces lie between them.
std::size_t WordBefore(std::string_view text, const std::vector<Token>& tokens, std::size_t token,
                       bool* adjacent) {
  *adjacent = false;
  for (std::size_t k = token; k-- > 0;) {
    if (tokens[k].kind != TokenKind::kWord) continue;
    const std::string_view gap =
        text.substr(tokens[k].byte_end, tokens[token].byte_start - tokens[k].byte_end);
    *adjacent = !gap.empty() && gap.find_first_not_of(" \u00a0") == std::string_view::npos;
    return k;
  }
  return SIZE_MAX;
}

// The word token after `token` (a mention's last; a clitic after it is
// part of it) and whether only spaces lie between them.
std::size_t WordAfter(std::string_view text, const std::vector<Token>& tokens, std::size_t token,
                      bool* adjacent) {
  *adjacent = false;
  std::size_t end = tokens[token].byte_end;
  for (std::size_t k = token + 1; k < tokens.size(); ++k) {
    if (tokens[k].kind != TokenKind::kWord) {
      if (k == token + 1 && tokens[token].clitic_follows) end = tokens[k].byte_end;
      continue;
    }
    const std::string_view gap = text.substr(end, tokens[k].byte_start - end);
    *adjacent = !gap.empty() && gap.find_first_not_of(" \u00a0") == std::string_view::npos;
    return k;
  }
  return SIZE_MAX;
}

}  // namespace

bool EntityMatcher::Impl::AnotherListedName(std::string_view lang, std::string_view surface,
                                            int entity) const {
  if (!IsListedName(lang, surface)) return false;
  const std::string folded = FoldWord(surface);
  bool listed = false;
  for (const int a : aliases_of[entity]) {
    const CompiledAlias& alias = aliases[a];
    if (alias.tokens.size() != 1) continue;
    if (alias.tokens[0].norm == folded) return false;
    listed = listed || IsListedName(lang, alias.text);
  }
  return listed;
}

bool EntityMatcher::Impl::AfterOwnFirstNameOrTitle(const Scan& s, std::size_t token,
                                                   int entity) const {
  bool adjacent = false;
  const std::size_t before = WordBefore(s.text, s.tokens, token, &adjacent);
  if (before == SIZE_MAX || !adjacent) return false;
  const std::string& word = s.tokens[before].norm;
  if (IsTitleWord(word)) return true;
  for (const int alias : aliases_of[entity]) {
    const std::vector<AliasToken>& names = aliases[alias].tokens;
    for (std::size_t k = 0; k + 1 < names.size(); ++k) {
      if (names[k].norm == word) return true;
    }
  }
  return false;
}

namespace {

// Is any mention of `out` (in token order, not overlapping) on token `token`?
bool InMention(const std::vector<Mention>& out, std::size_t token) {
  const auto after =
      std::upper_bound(out.begin(), out.end(), token,
                       [](std::size_t t, const Mention& m) { return t < m.first_token; });
  return after != out.begin() && std::prev(after)->last_token >= token;
}

char32_t CodePointBefore(std::string_view text, std::size_t byte) {
  if (byte == 0) return 0;
  std::size_t start = byte - 1;
  while (start > 0 && (static_cast<unsigned char>(text[start]) & 0xC0) == 0x80) --start;
  std::size_t i = start;
  return DecodeUtf8(text, &i);
}

char32_t CodePointAt(std::string_view text, std::size_t byte) {
  if (byte >= text.size()) return 0;
  std::size_t i = byte;
  return DecodeUtf8(text, &i);
}

// Whether text[start, end) stands alone between quotation marks, French
// style spaces inside them allowed (« Moskva »).
bool Quoted(std::string_view text, std::size_t start, std::size_t end) {
  const auto space = [](char32_t c) { return c == U' ' || c == 0xA0 || c == 0x202F; };
  char32_t before = CodePointBefore(text, start);
  if (space(before) && start > 1) {
    std::size_t at = start - 1;
    while (at > 0 && (static_cast<unsigned char>(text[at]) & 0xC0) == 0x80) --at;
    before = CodePointBefore(text, at);
  }
  char32_t after = CodePointAt(text, end);
  if (space(after)) {
    std::size_t i = end;
    DecodeUtf8(text, &i);
    after = CodePointAt(text, i);
  }
  return IsOpeningQuote(before) && IsClosingQuote(after);
}

// A capitalised word shaped like an adjective of nationality (Turkish,
// European, Ukrainian, Chinese, Baltic; Dutch Russische, Oekraïense): folded.
// Some first names are too (Ivan, Christian): then a doubt, never decisive.
bool NationalityShaped(const std::string& folded) {
  for (const char* e : {"an", "ish", "ese", "ic", "isch", "ische", "ense"}) {
    if (EndsWith(folded, e)) return true;
  }
  return false;
}

// Languages whose nouns make their plural with -s (and names with it: the
// Putins, les Poutines, los Putin... not Latvian, where -s is the nominative).
bool PluralInS(std::string_view lang) {
  return lang == "en" || lang == "fr" || lang == "es" || lang == "pt" || lang == "nl" ||
         lang == "de";
}
// ...of which those that also write the possessive genitive with a bare -s
// right before its noun (Putins Sprecher, Poetins woordvoerder).
bool GenitiveInS(std::string_view lang) { return lang == "de" || lang == "nl"; }

}  // namespace

namespace {

// The first three bytes of a word, hashed into `bits` bits.
std::size_t CueHead(const std::string& word, std::size_t bits) {
  std::size_t h = 0;
  for (std::size_t i = 0; i < 3 && i < word.size(); ++i) {
    h = h * 131 + static_cast<unsigned char>(word[i]);
  }
  return h % bits;
}

}  // namespace

void EntityMatcher::Impl::CueWords::Add(const std::string& norm) {
  const std::string_view word = words.emplace_back(norm);
  whole.insert(word);
  if (heads.empty()) heads.assign(kCueHeadBits / 64, 0);
  const std::size_t head = CueHead(norm, kCueHeadBits);
  heads[head / 64] |= std::uint64_t{1} << (head % 64);
  if (CountCodePoints(norm) < 5) return;
  prefixes.insert(word);
  if (std::find(prefix_sizes.begin(), prefix_sizes.end(), norm.size()) == prefix_sizes.end()) {
    prefix_sizes.push_back(norm.size());
  }
}

// A word is a cue when it is the cue, or the cue with an ending of up to
// four letters (recipes, recettes, Rezepte) when the cue has five or more
// (shorter ones would reach other words: port, portrait).
bool EntityMatcher::Impl::CueWords::Has(const std::string& word) const {
  if (word.empty() || heads.empty()) return false;
  const std::size_t head = CueHead(word, kCueHeadBits);
  if (!(heads[head / 64] >> (head % 64) & 1)) return false;
  if (whole.count(word)) return true;
  for (const std::size_t size : prefix_sizes) {
    if (word.size() <= size) continue;
    const std::string_view head(word.data(), size);
    if (prefixes.count(head) && CountCodePoints(word) - CountCodePoints(head) <= 4) return true;
  }
  return false;
}

EntityMatcher::Impl::Cue EntityMatcher::Impl::NamesakeCue(const Scan& s, const Mention& m,
                                                          std::map<int, CuePlaces>* places) const {
  std::call_once(cue_words_built, [this] { BuildCueWords(); });
  const CueWords& against = namesake_words[m.entity];
  if (against.empty()) return {};
  CuePlaces& cues = (*places)[m.entity];
  if (cues.kind.empty()) cues.kind.assign(s.words.size(), -1);
  // Forty words each side: about the sentence before and after. The
  // mention's own words [p, q] are no cues. A word weighs by how close it
  // is: one in another sentence 1, one in the mention's sentence 2, the word
  // right next to it 4 (Chicken Kiev, Paris Hilton, Odessa, Texas).
  constexpr std::size_t kWindow = 40;
  const std::size_t p = static_cast<std::size_t>(
      std::lower_bound(s.words.begin(), s.words.end(), m.first_token) - s.words.begin());
  const std::size_t q = static_cast<std::size_t>(
      std::lower_bound(s.words.begin(), s.words.end(), m.last_token) - s.words.begin());
  const std::size_t lo = p > kWindow ? p - kWindow : 0;
  const std::size_t hi = std::min(s.words.size(), q + kWindow + 1);
  int namesake = 0, figure = 0;  // weights
  std::size_t namesake_words_seen = 0, figure_words_seen = 0;
  bool in_sentence = false;  // a namesake's word in the mention's sentence
  std::vector<std::string> shown;
  const auto weigh = [&](std::size_t w, bool same_sentence, bool next_to) {
    std::int8_t& kind = cues.kind[w];
    if (kind < 0) {
      const std::string& norm = s.tokens[s.words[w]].norm;
      kind = against.Has(norm) ? 1 : cue_words[m.entity].Has(norm) ? 2 : 0;
    }
    if (kind == 0) return;
    const int weight = !same_sentence ? 1 : next_to ? 4 : 2;
    if (kind == 2) {
      figure += weight;
      ++figure_words_seen;
      return;
    }
    namesake += weight;
    ++namesake_words_seen;
    in_sentence |= same_sentence;
    const std::string word(s.tokens[s.words[w]].surface(s.text));
    if (shown.size() < 3 && std::find(shown.begin(), shown.end(), word) == shown.end()) {
      shown.push_back(word);
    }
  };
  bool same = true;
  for (std::size_t w = p; w-- > lo;) {
    same = same && !SentenceInitial(s.text, s.tokens, s.words[w + 1]);
    weigh(w, same, w + 1 == p);
  }
  same = true;
  for (std::size_t w = q + 1; w < hi; ++w) {
    same = same && !SentenceInitial(s.text, s.tokens, s.words[w]);
    weigh(w, same, w == q + 1);
  }
  if (namesake == 0 || namesake <= figure) return {};
  Cue cue;
  cue.why = "near ";
  for (std::size_t k = 0; k < shown.size(); ++k) cue.why += (k ? ", '" : "'") + shown[k] + "'";
  cue.why += ", words of a namesake (" + std::to_string(namesake_words_seen) + " against " +
             std::to_string(figure_words_seen) + " of the figure's own)";
  // Decisive: in the mention's sentence, and outweighing the figure's
  // words twice, with the weight of a word next to it or of two in its
  // sentence.
  cue.decisive = in_sentence && namesake >= 4 && namesake >= 2 * figure;
  cue.namesake_words = true;
  cue.only_namesake_words = figure == 0;
  return cue;
}

void EntityMatcher::Impl::SpouseCues(const Scan& s, const std::vector<Mention>& out,
                                     const std::vector<int>& alias_of,
                                     std::vector<Cue>* cues) const {
  // Most texts name no other person of a figure's name: nothing to walk.
  if (std::none_of(cues->begin(), cues->end(),
                   [](const Cue& cue) { return !cue.another.empty(); })) {
    return;
  }
  // Per figure, how its surname was last written in this paragraph: as
  // another person's (`another` set) or as the figure's own (null).
  struct Last {
    std::size_t paragraph = SIZE_MAX, sentence = 0;
    const std::string* another = nullptr;
  };
  std::map<int, Last> last;
  // Paragraphs end at a line break; mentions come in text order.
  std::size_t paragraph = 0, sentence = 0, byte = 0, token = 0;
  for (std::size_t i = 0; i < out.size(); ++i) {
    for (; byte < out[i].byte_start && byte < s.text.size(); ++byte) {
      paragraph += s.text[byte] == '\n';
    }
    for (; token <= out[i].first_token && token < s.tokens.size(); ++token) {
      sentence += token > 0 && SentenceInitial(s.text, s.tokens, token);
    }
    Cue& cue = (*cues)[i];
    const CompiledAlias& ca = aliases[alias_of[i]];
    Last& l = last[out[i].entity];
    if (l.paragraph != paragraph) l = Last{paragraph, sentence, nullptr};
    if (!cue.another.empty()) {
      l.another = &cue.another;
      l.sentence = sentence;
      continue;
    }
    if (cue.as_figure || ca.full_name) {
      l.another = nullptr;
      continue;
    }
    // (In the sentence that names her, the surname alone is someone else:
    // "Emine Erdoğan toured the exhibition with Erdoğan".)
    if (cue.why.empty() && !cue.decisive && l.another && l.sentence != sentence &&
        ca.tokens.size() == 1 && entities[out[i].entity].type == "person") {
      cue.why = "in a paragraph that names another person of this name, '" + *l.another +
                "', the figure not named by a first name or title since";
    }
  }
}

EntityMatcher::Impl::Cue EntityMatcher::Impl::AmbiguityCue(const Scan& s,
                                                           const std::vector<Mention>& out,
                                                           std::size_t i, int alias,
                                                           std::set<int>* with_own_name,
                                                           std::map<int, CuePlaces>* places) const {
  const Mention& m = out[i];
  const Token& first = s.tokens[m.first_token];
  const CompiledAlias& ca = aliases[alias];
  const Entity& entity = entities[m.entity];
  const bool glued = m.byte_start != first.byte_start;
  // A full name (Vladimir Poutine) is the figure's, whatever the words
  // around it.
  if (!ca.full_name) {
    if (Cue cue = NamesakeCue(s, m, places); !cue.why.empty()) return cue;
  }
  // Quotation marks around the name alone: a ship, a newspaper, a film;
  // never the person or the place itself. (An organisation's name is quoted
  // as a matter of course in Russian and Ukrainian: «Газпром».)
  if ((entity.type == "person" || entity.type == "place") &&
      Quoted(s.text, m.byte_start, m.byte_end)) {
    return Cue::Decisive("in quotation marks, the name of something else (a ship, a title)");
  }
  // A derived form after an article written with a capital inside a
  // sentence: the name of a newspaper or another title (selon Le Parisien,
  // in The Londoner), not the place's people.
  if (m.rung == Rung::kDerived && !glued) {
    bool adjacent = false;
    const std::size_t before = WordBefore(s.text, s.tokens, m.first_token, &adjacent);
    if (before != SIZE_MAX && adjacent && s.tokens[before].capitalized &&
        !s.tokens[before].all_caps && IsDefiniteArticle(s.tokens[before].norm) &&
        !SentenceInitial(s.text, s.tokens, before)) {
      return Cue::Decisive("after the article '" + std::string(s.tokens[before].surface(s.text)) +
                           "' written with a capital: the name of a newspaper or a title");
    }
  }
  // Whether `word` is one of the figure's own names, in any spelling
  // (Tayyib, Aljaksandr, Сергеј are Tayyip, Aliaksandr, Sergey): in Latin
  // letters, within the edits the name-key rung allows. -1 no; 1 a first
  // name; 0 another of its words (the surname again in another spelling).
  const auto own_name = [&](const Token& word) {
    const std::u32string latin = ToUtf32(ToLatin(word.norm, s.lang));
    const int budget = KeyEditBudget(latin.size());
    for (const int other : aliases_of[m.entity]) {
      const std::vector<AliasToken>& names = aliases[other].tokens;
      for (std::size_t k = 0; k < names.size(); ++k) {
        const AliasToken& t = names[k];
        if (t.norm == word.norm ||
            EditDistance(ToUtf32(ToLatin(t.norm)), latin, budget) <= budget) {
          return k + 1 < names.size() ? 1 : 0;
        }
      }
    }
    return -1;
  };
  // A place's or an organisation's spelling that is also an ordinary word
  // (`cased:` Rada "council", Sumy "sums") right before a capitalised word
  // that is no mention, no title, none of the figure's own words, and never
  // written in lower case here: the first word of another name (Rada Miasta
  // Krakowa, a city council; Rada Borić, a woman). Decisive, as another
  // first name is, when the text names the figure in full (Rada Najwyższa
  // Ukrainy). (Not for an abbreviation: UN Security Council; nor where
  // every noun is capitalised.)
  // The capitalised word right after the mention when it goes on another
  // name: touching it, no mention, no title or day, none of the figure's
  // own words, never written in lower case here. SIZE_MAX otherwise.
  const auto another_name_after = [&]() -> std::size_t {
    bool touching = false;
    const std::size_t after = WordAfter(s.text, s.tokens, m.last_token, &touching);
    if (after == SIZE_MAX || !touching || InMention(out, after)) return SIZE_MAX;
    const Token& next = s.tokens[after];
    const bool goes_on = next.capitalized && !next.all_caps && HasCase(next) &&
                         CountCodePoints(next.norm) >= 2 && !IsTitleWord(next.norm) &&
                         !IsCalendarWord(next.norm) && !s.lower_words.count(next.norm) &&
                         own_name(next) < 0;
    return goes_on ? after : SIZE_MAX;
  };
  if (entity.type != "person" && ca.cased && !ca.full_name && ca.tokens.size() == 1 && !glued &&
      !first.all_caps && !CapitalisesNouns(s.lang)) {
    if (const std::size_t after = another_name_after(); after != SIZE_MAX) {
      Cue cue;
      cue.why = "the first word of another name, '" +
                std::string(s.text.substr(m.byte_start, s.tokens[after].byte_end - m.byte_start)) +
                "'";
      cue.another_first_name = true;
      return cue;
    }
  }
  // Joined by a hyphen to another capitalised word that is no mention: an
  // eponym (Kellogg-Briand Pact, Vance-Owen plan).
  if (!CapitalisesNouns(s.lang)) {
    const auto hyphenated = [&](std::size_t token) {
      return token < s.tokens.size() && s.tokens[token].kind == TokenKind::kWord &&
             s.tokens[token].capitalized && !InMention(out, token);
    };
    if (CodePointAt(s.text, m.byte_end) == U'-' && m.last_token + 1 < s.tokens.size() &&
        s.tokens[m.last_token + 1].byte_start == m.byte_end + 1 && hyphenated(m.last_token + 1)) {
      return Cue::Doubt("joined by a hyphen to another name, '" +
                        std::string(s.tokens[m.last_token + 1].surface(s.text)) + "'");
    }
    if (m.first_token > 0 && CodePointBefore(s.text, m.byte_start) == U'-' &&
        s.tokens[m.first_token - 1].byte_end + 1 == m.byte_start && hyphenated(m.first_token - 1)) {
      return Cue::Doubt("joined by a hyphen to another name, '" +
                        std::string(s.tokens[m.first_token - 1].surface(s.text)) + "'");
    }
  }
  if (entity.type != "person" || glued) return {};
  // A person's capitalised spelling written in lower case in a text that
  // capitalises names: an ordinary word (meloni "melons", fidan "sapling").
  // (A place in lower case is a careless translation's: "Moscow and kyiv".)
  if (m.rung == Rung::kExact && !s.relaxed && HasCase(first) && !first.capitalized &&
      !first.all_caps && ca.tokens[0].case_rule == CaseRule::kPreferCapital) {
    return Cue::Doubt("written in lower case, as an ordinary word is");
  }
  // A plural: the name used as a common noun (the Putins of this world), in
  // the languages whose plural is -s; never a spelling of the figure itself
  // (Latvian Zelenskis).
  if (!s.relaxed && EndsWith(first.norm, "s") && PluralInS(s.lang)) {
    bool plural = false;
    for (const int other : aliases_of[m.entity]) {
      const CompiledAlias& a = aliases[other];
      if (a.tokens.size() != 1) continue;
      if (a.tokens[0].norm == first.norm) return {};
      plural |= a.tokens[0].norm + "s" == first.norm;
    }
    // A doubt, never decisive: the plural may name the family, the figure
    // among them (the Zelenskys and the Macrons). A genitive right before
    // the noun it qualifies is no plural.
    bool before_noun = false;  // a word right after (WordAfter: false when none)
    if (plural && GenitiveInS(s.lang)) WordAfter(s.text, s.tokens, m.last_token, &before_noun);
    if (plural && !before_noun) return Cue::Doubt("a plural, the name used as a common noun");
  }
  // A word before a surname alone: a woman's title before a man's name, or
  // another first name than the figure's own (Emine Erdoğan, Brigitte Macron).
  // Hungarian writes the given name after the surname (Orbán Viktor, Orbán
  // Anita), and a wife's name with a suffix (Orbánné), not a title.
  if (ca.full_name || ca.tokens.size() != 1) return {};
  const bool given_name_after = s.lang == "hu";
  // A spelling that is also a first name (`cased:` Fidan, Rubio) right
  // before a capitalised word that is no mention, no title, and never
  // written in lower case here: the first name of someone else (Fidan
  // Aksoy). (Not in Hungarian, nor where every noun is capitalised.)
  if (ca.cased && !given_name_after && !CapitalisesNouns(s.lang)) {
    if (const std::size_t after = another_name_after(); after != SIZE_MAX) {
      const Token& next = s.tokens[after];
      Cue cue;
      cue.why = "before the surname '" + std::string(next.surface(s.text)) +
                "', the first name of someone else";
      cue.another_first_name = !NationalityShaped(next.norm);
      cue.another = std::string(s.text.substr(m.byte_start, next.byte_end - m.byte_start));
      return cue;
    }
  }
  bool adjacent = false;
  const std::size_t next_to = given_name_after
                                  ? WordAfter(s.text, s.tokens, m.last_token, &adjacent)
                                  : WordBefore(s.text, s.tokens, m.first_token, &adjacent);
  if (next_to == SIZE_MAX || !adjacent || InMention(out, next_to)) return {};
  const Token& word = s.tokens[next_to];
  if (!given_name_after && IsWomansTitle(word.norm)) {
    if (AliasGender(ca.tokens[0].norm) == Gender::kMasculine) {
      Cue cue;
      cue.why = kWomansTitleCue + std::string(word.surface(s.text)) +
                "' (his wife or another woman of the family?)";
      cue.another = std::string(s.text.substr(word.byte_start, m.byte_end - word.byte_start));
      return cue;
    }
    return {};
  }
  // An initial (V. Putin) or a patronymic (Владимирович Путин) says nothing
  // against the figure.
  if (IsTitleWord(word.norm)) {
    Cue titled;
    titled.as_figure = true;
    return titled;
  }
  // In a script without case, the word before tells only when it is one of
  // the figure's own first names (مارک روٹے, Mark Rutte).
  if (!HasCase(word) && CountCodePoints(word.norm) >= 2 && own_name(word) == 1) {
    with_own_name->insert(m.entity);
    Cue as_figure;
    as_figure.as_figure = true;
    return as_figure;
  }
  if (!word.capitalized || word.all_caps || !HasCase(word) || CountCodePoints(word.norm) < 2 ||
      IsPatronymic(word.norm) || IsCalendarWord(word.norm)) {
    return {};
  }
  // One of the figure's own names; a first name proper, not the surname
  // again in another spelling, names the figure.
  if (const int own = own_name(word); own >= 0) {
    Cue as_figure;
    if (own == 1) {
      with_own_name->insert(m.entity);
      as_figure.as_figure = true;
    }
    return as_figure;
  }
  // A capital opening a sentence, or a word the text also writes in lower
  // case, may be no name at all; opening a sentence, it is one when the
  // language's spelling dictionary lists it as a name (Emine Erdoğan at the
  // start of a Turkish sentence). (Not where every noun is capitalised and
  // listed so.)
  if (s.lower_words.count(word.norm)) return {};
  if (!given_name_after && SentenceInitial(s.text, s.tokens, next_to) &&
      (!ordinary_words || CapitalisesNouns(s.lang) ||
       !IsListedName(s.lang, word.surface(s.text)))) {
    return {};
  }
  Cue cue;
  cue.why = (given_name_after ? "before the given name '" : "after the first name '") +
            std::string(word.surface(s.text)) + "', not one of this figure's names";
  // (Not where every noun is capitalised: Gastgeber Erdoğan is the host;
  // nor after what may be an adjective of nationality, which English and
  // Dutch capitalise: "the Turkish Erdoğan", "de Russische Poetin".)
  cue.another_first_name = !CapitalisesNouns(s.lang) && !NationalityShaped(word.norm);
  cue.another = given_name_after
                    ? std::string(s.text.substr(m.byte_start, word.byte_end - m.byte_start))
                    : std::string(s.text.substr(word.byte_start, m.byte_end - word.byte_start));
  return cue;
}

EntityMatcher::EntityMatcher(const EntityDictionary& dictionary) : impl_(new Impl) {
  impl_->Compile(dictionary);
  impl_->BuildFilters();
  impl_->IndexAliases();
}
EntityMatcher::EntityMatcher(const EntityDictionary& dictionary, bool ordinary_words)
    : EntityMatcher(dictionary) {
  impl_->ordinary_words = ordinary_words;
}
EntityMatcher::EntityMatcher() : impl_(new Impl) {}
EntityMatcher::~EntityMatcher() = default;

std::string EntityMatcher::Save(std::string_view key) const {
  return EncodeCompiledAliases(*impl_, key);
}

EntityMatcher::LoadOutcome EntityMatcher::Load(std::string_view bytes,
                                               std::shared_ptr<const void> owner,
                                               std::string_view key,
                                               std::unique_ptr<EntityMatcher>* matcher,
                                               std::string* error) {
  std::unique_ptr<EntityMatcher> loaded(new EntityMatcher);
  switch (DecodeCompiledAliases(bytes, std::move(owner), key, loaded->impl_.get(), error)) {
    case DecodeOutcome::kOk:
      loaded->impl_->IndexAliases();
      *matcher = std::move(loaded);
      return LoadOutcome::kLoaded;
    case DecodeOutcome::kStale:
      return LoadOutcome::kStale;
    case DecodeOutcome::kCorrupt:
      break;
  }
  return LoadOutcome::kCorrupt;
}

std::vector<Mention> EntityMatcher::Match(std::string_view text, const std::vector<Token>& tokens,
                                          std::string_view lang) const {
  return impl_->Run(text, tokens, lang, false, "");
}

std::vector<int> EntityMatcher::Resolve(std::string_view name, std::string_view type,
                                        Rung* rung) const {
  const std::vector<Token> tokens = Tokenize(name);
  std::size_t words = 0;
  for (const Token& t : tokens) words += t.kind == TokenKind::kWord;
  std::vector<int> out;
  if (words == 0) return out;
  // A typed name has no document language: the common endings first, then
  // the long ones of the other inflecting languages (Zelenszkijjel).
  for (const char* lang : {"und", "mul"}) {
    const std::vector<Mention> mentions = impl_->Run(name, tokens, lang, true, type);
    if (mentions.size() != 1) continue;
    std::size_t covered = 0;
    for (std::size_t i = mentions[0].first_token; i <= mentions[0].last_token; ++i) {
      covered += tokens[i].kind == TokenKind::kWord;
    }
    if (covered == words) {
      out.push_back(mentions[0].entity);
      if (rung != nullptr) *rung = mentions[0].rung;
      break;
    }
  }
  return out;
}

int EntityMatcher::size() const { return static_cast<int>(impl_->entities.size()); }
const Entity& EntityMatcher::entity(int index) const { return impl_->entities[index]; }
int EntityMatcher::Find(std::string_view id) const {
  auto it = impl_->by_id.find(std::string(id));
  return it == impl_->by_id.end() ? -1 : it->second;
}

}  // namespace concord::lang
