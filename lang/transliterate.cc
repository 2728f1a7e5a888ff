#include "lang/transliterate.h"

#include <unicode/translit.h>
#include <unicode/unistr.h>

#include <cstring>
#include <map>
#include <memory>
#include <unordered_map>
#include <vector>

#include "lang/utf8.h"

namespace concord::lang {
namespace {

// Letters shared by Russian and Ukrainian (and most Cyrillic orthographies).
constexpr const char* kCyrillicCommon =
    "а > a; б > b; в > v; д > d; е > e; ё > yo; ж > zh; з > z; к > k; л > l; "
    "м > m; н > n; о > o; п > p; р > r; с > s; т > t; у > u; ф > f; х > kh; ц > ts; "
    "ч > ch; ш > sh; щ > shch; ъ > ; ь > ; ы > y; э > e; ю > yu; я > ya; "
    "ґ > g; є > ye; і > i; ї > yi; ў > w; ђ > dj; ј > j; љ > lj; њ > nj; ћ > c; "
    "џ > dz; ѓ > gj; ќ > kj; ѕ > dz; \\' > ; ’ > ; ʼ > ; "
    // Kazakh, Kyrgyz, Tatar, Bashkir, Tajik, Mongolian (Стамбұл, Мәскеу).
    "ә > a; ғ > g; қ > k; ң > n; ө > o; ұ > u; ү > u; һ > h; җ > zh; ҳ > h; ҷ > j; "
    "ӣ > i; ӯ > u;";

// National 2010 system: й is "y" word-initially and "i" elsewhere (Зеленський > zelenskyi).
constexpr const char* kUkrainian = "г > h; и > y; ^ й > y; й > i; ";
constexpr const char* kRussian = "г > g; и > i; й > y; ";

constexpr const char* kGreek =
    "ου > ou; αι > ai; ει > ei; οι > oi; ευ > ev; αυ > av; γγ > ng; γκ > gk; μπ > b; "
    "ντ > nt; α > a; β > v; γ > g; δ > d; ε > e; ζ > z; η > i; θ > th; ι > i; κ > k; "
    "λ > l; μ > m; ν > n; ξ > x; ο > o; π > p; ρ > r; σ > s; ς > s; τ > t; υ > y; "
    "φ > f; χ > ch; ψ > ps; ω > o;";

// Georgian (Mkhedruli; Mtavruli capitals fold to it), after the 2002 national
// system without the ejective apostrophes.
constexpr const char* kGeorgian =
    "ა > a; ბ > b; გ > g; დ > d; ე > e; ვ > v; ზ > z; თ > t; ი > i; კ > k; ლ > l; მ > m; "
    "ნ > n; ო > o; პ > p; ჟ > zh; რ > r; ს > s; ტ > t; უ > u; ფ > p; ქ > k; ღ > gh; ყ > q; "
    "შ > sh; ჩ > ch; ც > ts; ძ > dz; წ > ts; ჭ > ch; ხ > kh; ჯ > j; ჰ > h;";

// Eastern Armenian, press style: ու is u, և is ev.
constexpr const char* kArmenian =
    "ու > u; և > ev; ա > a; բ > b; գ > g; դ > d; ե > e; զ > z; է > e; ը > y; թ > t; "
    "ժ > zh; ի > i; լ > l; խ > kh; ծ > ts; կ > k; հ > h; ձ > dz; ղ > gh; ճ > ch; մ > m; "
    "յ > y; ն > n; շ > sh; ո > o; չ > ch; պ > p; ջ > j; ռ > r; ս > s; վ > v; տ > t; "
    "ր > r; ց > ts; ւ > v; փ > p; ք > k; օ > o; ֆ > f;";

// Arabic and Persian (and Urdu) letters, press style. An abjad leaves short
// vowels unwritten, so the Latin form is a skeleton ("بوتين" > "butin",
// "زيلينسكي" > "zilinski"); alef, waw and yeh give the long vowels a, u, i;
// harakat (short-vowel marks, rarely written in news) and tatweel are dropped.
// A final he (ه, Urdu ہ) writes a vowel in Persian and Urdu (روسیه "rusie").
constexpr const char* kArabic =
    "ا > a; أ > a; إ > i; آ > a; ٱ > a; ء > ; ؤ > u; ئ > i; ب > b; ت > t; ث > th; ج > j; "
    "ح > h; خ > kh; د > d; ذ > dh; ر > r; ز > z; س > s; ش > sh; ص > s; ض > d; ط > t; "
    "ظ > z; ع > ; غ > gh; ف > f; ق > q; ك > k; ل > l; م > m; ن > n; ه } $ > e; ه > h; ة > a; "
    "و > u; ي > i; ى > a; پ > p; چ > ch; ژ > zh; گ > g; ک > k; ی > i; ۀ > e; ے > e; "
    "ٹ > t; ڈ > d; ڑ > r; ں > n; ھ > h; ہ } $ > e; ہ > h; ۂ > e; "
    "[\\u064B-\\u065F\\u0670\\u0640] > ;";

std::unique_ptr<icu::Transliterator> Make(const char* id, const std::string& rules) {
  UErrorCode status = U_ZERO_ERROR;
  UParseError perr;
  std::unique_ptr<icu::Transliterator> t(icu::Transliterator::createFromRules(
      icu::UnicodeString::fromUTF8(id), icu::UnicodeString::fromUTF8(rules), UTRANS_FORWARD, perr,
      status));
  if (U_FAILURE(status)) return nullptr;
  return t;
}

struct Transliterators {
  std::unique_ptr<icu::Transliterator> ukrainian =
      Make("concord-uk-latin", std::string(kUkrainian) + kCyrillicCommon);
  std::unique_ptr<icu::Transliterator> russian =
      Make("concord-ru-latin", std::string(kRussian) + kCyrillicCommon);
  std::unique_ptr<icu::Transliterator> greek = Make("concord-el-latin", kGreek);
  std::unique_ptr<icu::Transliterator> georgian = Make("concord-ka-latin", kGeorgian);
  std::unique_ptr<icu::Transliterator> armenian = Make("concord-hy-latin", kArmenian);
  std::unique_ptr<icu::Transliterator> arabic = Make("concord-ar-latin", kArabic);
};

enum class Kind {
  kNone,
  kCyrillic,
  kUkrainian,
  kGreek,
  kGeorgian,
  kArmenian,
  kArabic,
  kDevanagari,
  kOther  // the other Brahmic scripts, Thai, Lao, Myanmar, Ethiopic: ICU's Any-Latin
};
constexpr int kKinds = 9;

// Scripts read through ICU's own transliteration (ISO 15919 for the Indic
// ones, then plain ASCII): Tamil, Telugu, Kannada, Malayalam; Thai and Lao;
// Myanmar; Ethiopic (புடின், పుతిన్, ፑቲን are "putin"). Khmer ICU leaves as
// it is; Sinhala is read through Devanagari (AppendSinhalaAsDevanagari), Lao
// through Thai (LaoAsThai).
bool IsOtherTransliterable(char32_t c) {
  return (c >= 0x0B80 && c <= 0x0D7F) || (c >= 0x0E00 && c <= 0x0EFF) ||
         (c >= 0x1000 && c <= 0x109F) || (c >= 0x1200 && c <= 0x139F);
}

// ICU's "Any-Latin; Latin-ASCII" of this thread, made on first use (most
// texts never need it); null when ICU cannot make it.
icu::Transliterator* AnyLatin() {
  thread_local std::unique_ptr<icu::Transliterator> any_latin = [] {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::Transliterator> t(
        icu::Transliterator::createInstance("Any-Latin; Latin-ASCII", UTRANS_FORWARD, status));
    return U_SUCCESS(status) ? std::move(t) : nullptr;
  }();
  return any_latin.get();
}

// ICU's reading of such a word, in lower-case ASCII letters only (Thai
// syllables come out spaced: "pu tin"); "" when it has none. Malayalam's
// chillu letters (ൻ, a final n) are first written as the consonant and a
// virama, which ICU reads.
std::string IcuLatin(std::string_view w) {
  std::string spelled;
  std::size_t i = 0;
  while (i < w.size()) {
    const char32_t c = DecodeUtf8(w, &i);
    static const char32_t kChillu[] = {0x0D23, 0x0D28, 0x0D30, 0x0D32, 0x0D33, 0x0D15};  // U+0D7A..
    if (c >= 0x0D7A && c <= 0x0D7F) {
      AppendUtf8(kChillu[c - 0x0D7A], &spelled);
      AppendUtf8(0x0D4D, &spelled);
    } else {
      AppendUtf8(c, &spelled);
    }
  }
  icu::Transliterator* any_latin = AnyLatin();
  if (!any_latin) return "";
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(
      icu::StringPiece(spelled.data(), static_cast<int32_t>(spelled.size())));
  any_latin->transliterate(u);
  std::string latin, out;
  u.toUTF8String(latin);
  for (char c : latin) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c >= 'a' && c <= 'z') out += c;
  }
  return out;
}

bool IsThai(char32_t c) { return c >= 0x0E00 && c <= 0x0E7F; }

// Thai, through ICU, with two readings of its own:
// - A vowel written before its syllable (เ, แ, โ, ใ, ไ) is said after the
//   syllable's first consonants, and ICU places it after the first only:
//   before a cluster (a consonant and ร, ล or ว with no vowel of their
//   own) it reads เครน "khern"; the cluster is read first here: "khren"
//   (ยูเครน, Ukraine; เครมลิน, Kremlin).
// - ICU writes อ as "x". Before a vowel or opening the word it only
//   carries the vowel (อิสตันบูล is "istanbul"); elsewhere it is the vowel
//   o (มอสโก "mosko", Moscow; ลาฟรอฟ "lafrof").
std::string ThaiToLatin(std::string_view w) {
  static const std::map<char32_t, const char*> kLeading = {
      {0x0E40, "e"}, {0x0E41, "ae"}, {0x0E42, "o"}, {0x0E43, "ai"}, {0x0E44, "ai"}};
  std::vector<char32_t> cps;
  for (std::size_t i = 0; i < w.size();) cps.push_back(DecodeUtf8(w, &i));
  const auto consonant = [](char32_t c) { return c >= 0x0E01 && c <= 0x0E2E; };
  const auto has_vowel = [](char32_t c) {
    return (c >= 0x0E30 && c <= 0x0E3A) || (c >= 0x0E47 && c <= 0x0E4E);
  };
  std::string out, run;
  const auto one = [](char32_t c) {
    std::string s;
    AppendUtf8(c, &s);
    return IcuLatin(s);
  };
  for (std::size_t k = 0; k < cps.size(); ++k) {
    const auto lead = kLeading.find(cps[k]);
    if (lead != kLeading.end() && k + 2 < cps.size() && consonant(cps[k + 1]) &&
        (cps[k + 2] == 0x0E23 || cps[k + 2] == 0x0E25 || cps[k + 2] == 0x0E27) &&
        (k + 3 == cps.size() || !has_vowel(cps[k + 3]))) {
      out += IcuLatin(run);
      run.clear();
      out += one(cps[k + 1]) + one(cps[k + 2]) + lead->second;
      k += 2;
      continue;
    }
    AppendUtf8(cps[k], &run);
  }
  out += IcuLatin(run);
  std::string read;
  for (std::size_t k = 0; k < out.size(); ++k) {
    if (out[k] != 'x') {
      read += out[k];
    } else if (!read.empty() && (k + 1 == out.size() || !std::strchr("aeiou", out[k + 1]))) {
      read += 'o';
    }
  }
  return read;
}

bool IsLao(char32_t c) { return c >= 0x0E80 && c <= 0x0EFF; }

// A Lao word in Thai letters, which ICU can read: Unicode laid the Lao block
// out as Thai's, 0x80 further, but for a few letters (ຊ is ซ, ຍ and ຽ are ย,
// subscript ຼ is ล, ໜ and ໝ are หน and หม; the vowel ົ, which Thai lacks,
// is read as ั).
std::string LaoAsThai(std::string_view w) {
  std::string out;
  for (std::size_t i = 0; i < w.size();) {
    const char32_t c = DecodeUtf8(w, &i);
    if (!IsLao(c)) {
      AppendUtf8(c, &out);
    } else if (c == 0x0E8A) {
      AppendUtf8(0x0E0B, &out);
    } else if (c == 0x0E8D || c == 0x0EBD) {
      AppendUtf8(0x0E22, &out);
    } else if (c == 0x0EBC) {
      AppendUtf8(0x0E25, &out);
    } else if (c == 0x0EBB) {
      AppendUtf8(0x0E31, &out);
    } else if (c == 0x0EDC || c == 0x0EDD) {
      AppendUtf8(0x0E2B, &out);
      AppendUtf8(c == 0x0EDC ? 0x0E19 : 0x0E21, &out);
    } else {
      AppendUtf8(c - 0x80, &out);
    }
  }
  return out;
}

// ICU's reading (IcuLatin); Thai's its own way (ThaiToLatin), and Lao's as
// Thai's (LaoAsThai).
std::string OtherScriptToLatin(std::string_view w) {
  std::size_t at = 0;
  const char32_t lead = w.empty() ? 0 : DecodeUtf8(w, &at);
  if (IsThai(lead)) return ThaiToLatin(w);
  if (IsLao(lead)) return ThaiToLatin(LaoAsThai(w));
  return IcuLatin(w);
}

bool IsArabicLetter(char32_t c) {
  return (c >= 0x0620 && c <= 0x064A) || (c >= 0x0671 && c <= 0x06D3) ||
         (c >= 0x0750 && c <= 0x077F);
}
bool IsDevanagari(char32_t c) { return c >= 0x0900 && c <= 0x097F; }
bool IsBengali(char32_t c) { return c >= 0x0980 && c <= 0x09FF; }
// Bengali, Gurmukhi, Gujarati, Oriya: blocks laid out as Devanagari's.
bool IsNorthIndic(char32_t c) { return c >= 0x0980 && c <= 0x0B7F; }

// A Bengali, Gurmukhi, Gujarati or Oriya word in Devanagari letters: Unicode
// laid these blocks out as Devanagari's, 0x80, 0x100, 0x180 and 0x200
// further (ক U+0995, ਕ U+0A15, ક U+0A95 are क U+0915; the vowel signs and
// the virama likewise), and they are read as Hindi is (the inherent vowel
// unsaid at the end of a word: પુતિન, ਪੁਤਿਨ "putin"). Bengali ৎ (khanda
// ta) is त with a virama; Bengali has no "v" and writes a foreign one with
// ভ ("bh"), read "v" here; Gurmukhi's tippi is a nasal, its addak (a
// doubled consonant) dropped.
bool IsSinhala(char32_t c) { return c >= 0x0D80 && c <= 0x0DFF; }

// A Sinhala letter as the Devanagari letters of its sound, which ICU cannot
// read (its block is not laid out as Devanagari's): consonants and vowels
// one for one, the prenasalised ඟ ඬ ඳ ඹ as a nasal cluster, ෆ as फ़, ඇ/ැ
// ("ae") as e, al-lakuna as the virama. Appends to *out; false for a
// code point it does not know.
bool AppendSinhalaAsDevanagari(char32_t c, std::string* out) {
  static const std::map<char32_t, std::vector<char32_t>> kMap = {{0x0D82, {0x0902}},
                                                                 {0x0D83, {0x0903}},
                                                                 {0x0D85, {0x0905}},
                                                                 {0x0D86, {0x0906}},
                                                                 {0x0D87, {0x090F}},
                                                                 {0x0D88, {0x090F}},
                                                                 {0x0D89, {0x0907}},
                                                                 {0x0D8A, {0x0908}},
                                                                 {0x0D8B, {0x0909}},
                                                                 {0x0D8C, {0x090A}},
                                                                 {0x0D8D, {0x090B}},
                                                                 {0x0D91, {0x090F}},
                                                                 {0x0D92, {0x090F}},
                                                                 {0x0D93, {0x0910}},
                                                                 {0x0D94, {0x0913}},
                                                                 {0x0D95, {0x0913}},
                                                                 {0x0D96, {0x0914}},
                                                                 {0x0D9A, {0x0915}},
                                                                 {0x0D9B, {0x0916}},
                                                                 {0x0D9C, {0x0917}},
                                                                 {0x0D9D, {0x0918}},
                                                                 {0x0D9E, {0x0919}},
                                                                 {0x0D9F, {0x0928, 0x094D, 0x0917}},
                                                                 {0x0DA0, {0x091A}},
                                                                 {0x0DA1, {0x091B}},
                                                                 {0x0DA2, {0x091C}},
                                                                 {0x0DA3, {0x091D}},
                                                                 {0x0DA4, {0x091E}},
                                                                 {0x0DA5, {0x091C, 0x094D, 0x091E}},
                                                                 {0x0DA6, {0x0928, 0x094D, 0x091C}},
                                                                 {0x0DA7, {0x091F}},
                                                                 {0x0DA8, {0x0920}},
                                                                 {0x0DA9, {0x0921}},
                                                                 {0x0DAA, {0x0922}},
                                                                 {0x0DAB, {0x0923}},
                                                                 {0x0DAC, {0x0928, 0x094D, 0x0921}},
                                                                 {0x0DAD, {0x0924}},
                                                                 {0x0DAE, {0x0925}},
                                                                 {0x0DAF, {0x0926}},
                                                                 {0x0DB0, {0x0927}},
                                                                 {0x0DB1, {0x0928}},
                                                                 {0x0DB3, {0x0928, 0x094D, 0x0926}},
                                                                 {0x0DB4, {0x092A}},
                                                                 {0x0DB5, {0x092B}},
                                                                 {0x0DB6, {0x092C}},
                                                                 {0x0DB7, {0x092D}},
                                                                 {0x0DB8, {0x092E}},
                                                                 {0x0DB9, {0x092E, 0x094D, 0x092C}},
                                                                 {0x0DBA, {0x092F}},
                                                                 {0x0DBB, {0x0930}},
                                                                 {0x0DBD, {0x0932}},
                                                                 {0x0DC0, {0x0935}},
                                                                 {0x0DC1, {0x0936}},
                                                                 {0x0DC2, {0x0937}},
                                                                 {0x0DC3, {0x0938}},
                                                                 {0x0DC4, {0x0939}},
                                                                 {0x0DC5, {0x0933}},
                                                                 {0x0DC6, {0x092B, 0x093C}},
                                                                 {0x0DCA, {0x094D}},
                                                                 {0x0DCF, {0x093E}},
                                                                 {0x0DD0, {0x0947}},
                                                                 {0x0DD1, {0x0947}},
                                                                 {0x0DD2, {0x093F}},
                                                                 {0x0DD3, {0x0940}},
                                                                 {0x0DD4, {0x0941}},
                                                                 {0x0DD6, {0x0942}},
                                                                 {0x0DD8, {0x0943}},
                                                                 {0x0DD9, {0x0947}},
                                                                 {0x0DDA, {0x0947}},
                                                                 {0x0DDB, {0x0948}},
                                                                 {0x0DDC, {0x094B}},
                                                                 {0x0DDD, {0x094B}},
                                                                 {0x0DDE, {0x094C}}};
  const auto it = kMap.find(c);
  if (it == kMap.end()) return false;
  for (const char32_t d : it->second) AppendUtf8(d, out);
  return true;
}

std::string NorthIndicAsDevanagari(std::string_view w) {
  std::string out;
  std::size_t i = 0;
  while (i < w.size()) {
    const char32_t c = DecodeUtf8(w, &i);
    if (IsSinhala(c) && AppendSinhalaAsDevanagari(c, &out)) continue;
    if (c == 0x09CE) {
      AppendUtf8(0x0924, &out);
      AppendUtf8(0x094D, &out);
    } else if (c == 0x09F0) {  // Assamese ra
      AppendUtf8(0x0930, &out);
    } else if (c == 0x09F1) {  // Assamese wa
      AppendUtf8(0x0935, &out);
    } else if (c == 0x09AD) {  // ভ writes a foreign "v" (ভ্লাদিমির, Vladimir)
      AppendUtf8(0x0935, &out);
    } else if (c == 0x0A70) {  // tippi
      AppendUtf8(0x0902, &out);
    } else if (c == 0x0A71) {  // addak
    } else if (IsBengali(c)) {
      AppendUtf8(c - 0x80, &out);
    } else if (c >= 0x0A00 && c <= 0x0A7F) {
      AppendUtf8(c - 0x100, &out);
    } else if (c >= 0x0A80 && c <= 0x0AFF) {
      AppendUtf8(c - 0x180, &out);
    } else if (c >= 0x0B00 && c <= 0x0B7F) {
      AppendUtf8(c - 0x200, &out);
    } else {
      AppendUtf8(c, &out);
    }
  }
  return out;
}

// Devanagari, Hindi press style. A consonant carries the inherent vowel "a"
// unless a vowel sign or a virama follows; Hindi does not pronounce it at
// the end of a word, nor between two consonants after a vowel when a vowel
// follows (VC_CV: लावरोव is "lavrov", not "lavarova"), and names are
// romanised as pronounced. Nukta forms give the Persian and English sounds
// (ज़ z, फ़ f, क़ q); anusvara and candrabindu a nasal: "m" before a labial,
// else "n".
std::string DevanagariToLatin(std::string_view w) {
  struct Sound {
    std::string text;
    bool consonant = false;
    bool inherent = false;  // a consonant followed by its unwritten "a"
    bool nasal = false;     // an anusvara's nasal, which closes the vowel before it
  };
  std::vector<Sound> sounds;
  std::size_t i = 0;
  while (i < w.size()) {
    char32_t c = DecodeUtf8(w, &i);
    std::size_t j = i;
    const bool nukta = j < w.size() && DecodeUtf8(w, &j) == 0x093C;
    if (nukta) i = j;
    static const char* const kConsonants[] = {
        "k",  "kh", "g", "gh", "n", "ch", "chh", "j",  "jh", "n",  "t", "th", "d",
        "dh", "n",  "t", "th", "d", "dh", "n",   "n",  "p",  "ph", "b", "bh", "m",
        "y",  "r",  "r", "l",  "l", "l",  "v",   "sh", "sh", "s",  "h"};  // U+0915..U+0939
    static const char* const kNukta[] = {"q", "kh", "gh", "z", "r", "rh", "f", "y"};  // U+0958..
    if (c >= 0x0958 && c <= 0x095F) {
      sounds.push_back({kNukta[c - 0x0958], true, true});
      continue;
    }
    if (c >= 0x0915 && c <= 0x0939) {
      std::string t = kConsonants[c - 0x0915];
      if (nukta) {
        if (c == 0x091C) t = "z";
        if (c == 0x092B) t = "f";
        if (c == 0x0915) t = "q";
        if (c == 0x0917) t = "gh";
        if (c == 0x0921 || c == 0x0922) t = "r";
      }
      sounds.push_back({t, true, true});
      continue;
    }
    const char* vowel = nullptr;
    switch (c) {
      case 0x093E:
      case 0x0906:
      case 0x0905:
        vowel = "a";
        break;
      case 0x093F:
      case 0x0940:
      case 0x0907:
      case 0x0908:
        vowel = "i";
        break;
      case 0x0941:
      case 0x0942:
      case 0x0909:
      case 0x090A:
        vowel = "u";
        break;
      case 0x0943:
      case 0x090B:
        vowel = "ri";
        break;
      case 0x0945:
      case 0x0946:
      case 0x0947:
      case 0x090D:
      case 0x090E:
      case 0x090F:
        vowel = "e";
        break;
      case 0x0948:
      case 0x0910:
        vowel = "ai";
        break;
      case 0x0949:
      case 0x094A:
      case 0x094B:
      case 0x0911:
      case 0x0912:
      case 0x0913:
        vowel = "o";
        break;
      case 0x094C:
      case 0x0914:
        vowel = "au";
        break;
      default:
        break;
    }
    const bool sign = c >= 0x093E && c <= 0x094C;
    if (vowel) {
      if (sign && !sounds.empty() && sounds.back().consonant) sounds.back().inherent = false;
      sounds.push_back({vowel, false, false});
    } else if (c == 0x094D) {  // virama: no vowel after the consonant
      if (!sounds.empty()) sounds.back().inherent = false;
    } else if (c == 0x0901 || c == 0x0902) {  // candrabindu, anusvara
      // The nasal takes the place of the consonant after it: "m" before
      // p, ph, b, bh, m (ट्रंप is "tramp", Trump), "n" elsewhere.
      std::size_t k = i;
      const char32_t next = k < w.size() ? DecodeUtf8(w, &k) : 0;
      sounds.push_back({next >= 0x092A && next <= 0x092E ? "m" : "n", true, false, true});
    } else if (c == 0x0903) {  // visarga
      sounds.push_back({"h", true, false});
    }
  }
  std::string out;
  for (std::size_t k = 0; k < sounds.size(); ++k) {
    out += sounds[k].text;
    if (!sounds[k].inherent) continue;
    const bool last = k + 1 == sounds.size();
    // VC_CV: a vowel (written or inherent, or nasalised by an anusvara:
    // Punjabi ਜ਼ੇਲੇਂਸਕੀ is "zelenski") before, a consonant and a vowel after.
    const bool vowel_before =
        k > 0 && (!sounds[k - 1].consonant || sounds[k - 1].inherent || sounds[k - 1].nasal);
    const bool cv_after = k + 2 < sounds.size() && sounds[k + 1].consonant &&
                          (!sounds[k + 2].consonant || sounds[k + 1].inherent);
    // VC_CC: nor before a cluster (Bengali জেলেনস্কি is "jelenski").
    const bool cluster_after = k + 2 < sounds.size() && sounds[k + 1].consonant &&
                               !sounds[k + 1].inherent && sounds[k + 2].consonant;
    if (last || (vowel_before && (cv_after || cluster_after))) continue;
    out += 'a';
  }
  return out;
}

Kind Classify(std::string_view w) {
  Kind kind = Kind::kNone;
  std::size_t i = 0;
  while (i < w.size()) {
    const char32_t c = DecodeUtf8(w, &i);
    if (c == U'і' || c == U'ї' || c == U'є' || c == U'ґ') return Kind::kUkrainian;
    if (c >= 0x0400 && c <= 0x052F) kind = Kind::kCyrillic;
    if (kind == Kind::kNone && c >= 0x0370 && c <= 0x03FF) kind = Kind::kGreek;
    if (kind == Kind::kNone && IsGeorgianLetter(c)) kind = Kind::kGeorgian;
    if (kind == Kind::kNone && IsArmenianLetter(c)) kind = Kind::kArmenian;
    if (kind == Kind::kNone && IsArabicLetter(c)) kind = Kind::kArabic;
    if (kind == Kind::kNone && (IsDevanagari(c) || IsNorthIndic(c) || IsSinhala(c))) {
      kind = Kind::kDevanagari;
    }
    if (kind == Kind::kNone && IsOtherTransliterable(c)) kind = Kind::kOther;
  }
  return kind;
}

}  // namespace

bool NeedsTransliteration(std::string_view w) { return Classify(w) != Kind::kNone; }

namespace {

bool IsKatakana(char32_t c) { return c >= 0x30A1 && c <= 0x30FF && c != 0x30FB; }  // not ・
bool IsHangulSyllable(char32_t c) { return c >= 0xAC00 && c <= 0xD7A3; }

// True when `w` is not empty and every letter of it passes `in_script`.
template <typename Predicate>
bool AllOf(std::string_view w, Predicate in_script) {
  std::size_t i = 0;
  while (i < w.size()) {
    if (!in_script(DecodeUtf8(w, &i))) return false;
  }
  return !w.empty();
}

}  // namespace

bool IsSyllabaryWord(std::string_view w) {
  return AllOf(w, [](char32_t c) { return IsKatakana(c) || IsHangulSyllable(c); });
}

bool IsKatakanaWord(std::string_view w) { return AllOf(w, IsKatakana); }

namespace {

// A hangul syllable block (U+AC00..U+D7A3) is initial × 588 + vowel × 28 +
// final: each part romanised as ICU's Hangul-Latin does, in the letters the
// syllabary keys tell apart (an initial ㄹ r, a final one l; ㅇ silent first,
// ng last).
void AppendHangul(char32_t c, std::string* out) {
  static const char* const kInitial[] = {"g",  "kk", "n", "d",  "tt", "r", "m", "b", "pp", "s",
                                         "ss", "",   "j", "jj", "ch", "k", "t", "p", "h"};
  static const char* const kVowel[] = {"a",  "ae", "ya", "yae", "eo", "e",  "yeo",
                                       "ye", "o",  "wa", "wae", "oe", "yo", "u",
                                       "wo", "we", "wi", "yu",  "eu", "ui", "i"};
  static const char* const kFinal[] = {"",   "g",  "kk", "gs", "n",  "nj", "nh", "d", "l",  "lg",
                                       "lm", "lb", "ls", "lt", "lp", "lh", "m",  "b", "bs", "s",
                                       "ss", "ng", "j",  "ch", "k",  "t",  "p",  "h"};
  const char32_t index = c - 0xAC00;
  out->append(kInitial[index / 588]);
  out->append(kVowel[index % 588 / 28]);
  out->append(kFinal[index % 28]);
}

}  // namespace

std::string SyllabaryToLatin(std::string_view w) {
  // Hangul by arithmetic; katakana through ICU, remembered per word (a
  // Japanese text repeats its loanwords).
  std::size_t i = 0;
  if (!w.empty() && DecodeUtf8(w, &i) >= 0xAC00) {
    std::string out;
    for (i = 0; i < w.size();) {
      const char32_t c = DecodeUtf8(w, &i);
      if (!IsHangulSyllable(c)) return "";
      AppendHangul(c, &out);
    }
    return out;
  }
  thread_local std::unordered_map<std::string, std::string> memo;
  const auto known = memo.find(std::string(w));
  if (known != memo.end()) return known->second;
  icu::Transliterator* any_latin = AnyLatin();
  if (!any_latin) return "";
  icu::UnicodeString u =
      icu::UnicodeString::fromUTF8(icu::StringPiece(w.data(), static_cast<int32_t>(w.size())));
  any_latin->transliterate(u);
  std::string latin, out;
  u.toUTF8String(latin);
  for (char c : latin) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c == '~') {
      // ICU writes a small kana as "~" and its vowel, which replaces the
      // vowel before it: ヴァ "vu~a" is "va".
      if (!out.empty() && std::strchr("aeiou", out.back())) out.pop_back();
    } else if (c >= 'a' && c <= 'z') {
      out += c;
    }
  }
  if (memo.size() > 100000) memo.clear();
  memo.emplace(std::string(w), out);
  return out;
}

std::string ToLatin(std::string_view folded_word, std::string_view lang) {
  Kind kind = Classify(folded_word);
  if (kind == Kind::kNone) return std::string(folded_word);
  if (kind == Kind::kCyrillic && lang == "uk") kind = Kind::kUkrainian;

  thread_local Transliterators t;
  thread_local std::unordered_map<std::string, std::string> cache[kKinds];
  auto& memo = cache[static_cast<int>(kind)];
  auto it = memo.find(std::string(folded_word));
  if (it != memo.end()) return it->second;

  icu::Transliterator* tr = kind == Kind::kGreek       ? t.greek.get()
                            : kind == Kind::kGeorgian  ? t.georgian.get()
                            : kind == Kind::kArmenian  ? t.armenian.get()
                            : kind == Kind::kArabic    ? t.arabic.get()
                            : kind == Kind::kUkrainian ? t.ukrainian.get()
                                                       : t.russian.get();
  std::string out;
  if (kind == Kind::kDevanagari) {
    out = DevanagariToLatin(NorthIndicAsDevanagari(folded_word));
  } else if (kind == Kind::kOther) {
    out = OtherScriptToLatin(folded_word);
    if (out.empty()) out = std::string(folded_word);
  } else if (tr) {
    icu::UnicodeString u = icu::UnicodeString::fromUTF8(
        icu::StringPiece(folded_word.data(), static_cast<int32_t>(folded_word.size())));
    tr->transliterate(u);
    u.toUTF8String(out);
  } else {
    out = std::string(folded_word);
  }
  if (memo.size() > 100000) memo.clear();
  memo.emplace(std::string(folded_word), out);
  return out;
}

}  // namespace concord::lang
