#include "lang/transliterate.h"

#include <unicode/translit.h>
#include <unicode/unistr.h>

#include <memory>
#include <unordered_map>

#include "lang/utf8.h"

namespace concord::lang {
namespace {

// Letters shared by Russian and Ukrainian (and most Cyrillic orthographies).
constexpr const char* kCyrillicCommon =
    "а > a; б > b; в > v; д > d; е > e; ё > yo; ж > zh; з > z; к > k; л > l; "
    "м > m; н > n; о > o; п > p; р > r; с > s; т > t; у > u; ф > f; х > kh; ц > ts; "
    "ч > ch; ш > sh; щ > shch; ъ > ; ь > ; ы > y; э > e; ю > yu; я > ya; "
    "ґ > g; є > ye; і > i; ї > yi; ў > w; ђ > dj; ј > j; љ > lj; њ > nj; ћ > c; "
    "џ > dz; ѓ > gj; ќ > kj; ѕ > dz; \\' > ; ’ > ; ʼ > ;";

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
};

enum class Kind { kNone, kCyrillic, kUkrainian, kGreek, kGeorgian, kArmenian };
constexpr int kKinds = 6;

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
  }
  return kind;
}

}  // namespace

bool NeedsTransliteration(std::string_view w) { return Classify(w) != Kind::kNone; }

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
                            : kind == Kind::kUkrainian ? t.ukrainian.get()
                                                       : t.russian.get();
  std::string out;
  if (tr) {
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
