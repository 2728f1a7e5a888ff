#include "lang/name_key.h"

#include <algorithm>
#include <cstring>
#include <string_view>

#include "lang/utf8.h"

namespace concord::lang {
namespace {

bool IsVowelLetter(char c) {
  return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y' || c == 'j';
}

struct Rule {
  const char* from;
  const char* to;  // "" drops; "V" is a vowel mark
};

// Longest first within each starting letter. "c" and "x" are read by ConsonantAt.
constexpr Rule kRules[] = {
    {"schtsch", "S"}, {"shch", "S"}, {"szcz", "S"}, {"tsch", "S"}, {"sch", "S"},
    {"tch", "S"},     {"tsh", "S"},  // Arabic and Persian تش for ch (كليتشكو, Klitschko)
    {"sh", "S"},      {"zh", "S"},   {"sz", "S"},   {"ts", "S"},   {"tz", "S"},
    {"dz", "S"},      {"kh", "H"},   {"gh", "H"},   {"ph", "F"},   {"th", "t"},
    {"ck", "K"},      {"qu", "K"},   {"w", "v"},    {"s", "S"},    {"z", "S"},
    {"k", "K"},       {"q", "K"},    {"g", "H"},    {"h", "H"},    {"f", "F"},
};

// Appends a key symbol unless it repeats the last one (doubled letters and
// merged spellings count once).
void Append(std::string* key, char symbol) {
  if (key->empty() || key->back() != symbol) *key += symbol;
}

// The consonant sound that starts at s[i] (not a vowel letter): its key
// symbols in its first reading, and the letters it spans.
struct Sound {
  std::string_view symbols;
  std::size_t letters;
};
Sound ConsonantAt(const std::string& s, std::size_t i) {
  const char c = s[i];
  const char next = i + 1 < s.size() ? s[i + 1] : '\0';
  if (c == 'x') return {"KS", 1};  // also "kh" (SecondReading)
  if (c == 'c') {
    if (next == 'h') return {"H", 2};  // German/Polish/Czech "ch"; also "sh" (SecondReading)
    // Polish "cz" and Hungarian "cs" are the sound of "ch" (Kowalczuk, Kovalcsuk).
    if (next == 'z' || next == 's') return {"S", 2};
    return {next == 'e' || next == 'i' || next == 'y' ? "S" : "K", 1};
  }
  for (const Rule& r : kRules) {
    const std::size_t n = std::char_traits<char>::length(r.from);
    if (s.compare(i, n, r.from) == 0) return {r.to, n};
  }
  return {std::string_view(s).substr(i, 1), 1};
}

// The symbol of the other reading of the sound at s[i], or '\0' when it has
// one reading: "ch" is also French/English "sh"; "x", "ks" in most
// languages, is "kh" in Azerbaijani, Uzbek and older Spanish (Xarkiv, Xerson).
char SecondReading(const std::string& s, std::size_t i) {
  if (s[i] == 'x') return 'H';
  if (s[i] == 'c' && i + 1 < s.size() && s[i + 1] == 'h') return 'S';
  return '\0';
}

// The j of South Slavic lj and nj (Navaljni, Navalny) before a consonant
// or at the word's end: it softens the l or n, no vowel is heard.
bool SoftensConsonant(const std::string& s, std::size_t i) {
  return s[i] == 'j' && i > 0 && (s[i - 1] == 'l' || s[i - 1] == 'n') &&
         (i + 1 == s.size() || !IsVowelLetter(s[i + 1]));
}

void Expand(const std::string& s, std::size_t i, std::string key, std::vector<std::string>* out) {
  while (i < s.size()) {
    if (out->size() >= 4) return;
    if (SoftensConsonant(s, i)) {
      ++i;
      continue;
    }
    if (IsVowelLetter(s[i])) {
      Append(&key, 'V');
      ++i;
      continue;
    }
    const Sound sound = ConsonantAt(s, i);
    if (const char other = SecondReading(s, i)) {
      std::string alt = key;
      Append(&alt, other);
      Expand(s, i + sound.letters, alt, out);
    }
    for (const char symbol : sound.symbols) Append(&key, symbol);
    i += sound.letters;
  }
  if (std::find(out->begin(), out->end(), key) == out->end()) out->push_back(key);
}

// Lower-case ASCII letters of `latin_folded`, as the keys read them.
std::string KeyLetters(std::string_view latin_folded) {
  std::string s;
  for (char c : latin_folded) {
    if (c >= 'a' && c <= 'z')
      s += c;
    else if (c >= 'A' && c <= 'Z')
      s += static_cast<char>(c - 'A' + 'a');
  }
  return s;
}

}  // namespace

std::string SoundSpelling(std::string_view latin_folded) {
  const std::string s = KeyLetters(latin_folded);
  std::string out;
  for (std::size_t i = 0; i < s.size();) {
    const char c = s[i];
    if (SoftensConsonant(s, i)) {
      ++i;
      continue;
    }
    if (IsVowelLetter(c)) {
      Append(&out, c == 'y' || c == 'j' ? 'i' : c);
      ++i;
      continue;
    }
    const Sound sound = ConsonantAt(s, i);  // its first reading: the key has both
    for (const char symbol : sound.symbols) Append(&out, symbol);
    i += sound.letters;
  }
  return out;
}

std::vector<std::string> NameKeys(std::string_view latin_folded) {
  std::vector<std::string> out;
  Expand(KeyLetters(latin_folded), 0, std::string(), &out);
  return out;
}

std::string AbjadSkeleton(std::string_view latin_folded) {
  std::string out(latin_folded);
  for (char& c : out) {
    switch (c) {
      case 'p':
        c = 'b';
        break;
      case 'v':
        c = 'f';
        break;
      case 'q':
        c = 'k';
        break;
      case 'o':
        c = 'u';
        break;
      case 'e':
      case 'y':
        c = 'i';
        break;
      default:
        break;
    }
  }
  // A doubled consonant is written once (its shadda unwritten): Rutte is
  // روٹے. (Doubled vowels stay: كييف, Kyiv, is not كيف, "how".)
  std::string once;
  for (const char c : out) {
    if (!once.empty() && once.back() == c && c != 'a' && c != 'i' && c != 'u') continue;
    once += c;
  }
  return once;
}

std::vector<std::string> AbjadReadings(std::string_view latin_of_word) {
  const std::string base = AbjadSkeleton(latin_of_word);
  std::vector<std::string> out{base};
  const auto add = [&](std::string r) {
    if (std::find(out.begin(), out.end(), r) == out.end()) out.push_back(std::move(r));
  };
  // An alef that opens the word only carries the vowel after it (أوديسا).
  std::string bare = base;
  if (bare.size() > 3 && bare[0] == 'a' && (bare[1] == 'u' || bare[1] == 'i')) {
    bare.erase(0, 1);
    add(bare);
  }
  // Vav after alef is "v" in names (لاوروف, Lavrov; داود).
  for (const std::string& r : std::vector<std::string>(out)) {
    std::string v = r;
    for (std::size_t i = 1; i + 1 < v.size(); ++i) {
      if (v[i] == 'a' && v[i + 1] == 'u') v[i + 1] = 'f';
    }
    if (v != r) add(std::move(v));
  }
  return out;
}

std::vector<std::string> HebrewReadings(std::string_view folded_word) {
  std::vector<char32_t> letters;
  for (std::size_t i = 0; i < folded_word.size();) {
    const char32_t c = DecodeUtf8(folded_word, &i);
    if (c == 0x05F3 || c == U'\'' || c == 0x2019) {     // geresh
      if (!letters.empty()) letters.back() |= 0x10000;  // marked: ג׳ ז׳ צ׳
    } else if (c >= 0x05D0 && c <= 0x05EA) {
      letters.push_back(c);
    } else if (c < 0x0591 || c > 0x05C7) {  // (points and accents are skipped)
      return {};
    }
  }
  // One letter as the abjad alphabet writes it; bet and pe as v and f from
  // letter `soft_from` on.
  const auto letter = [&](std::size_t k, std::size_t soft_from) -> std::string {
    const bool soft = k >= soft_from;
    const char32_t c = letters[k];
    const bool last = k + 1 == letters.size();
    switch (c) {
      case 0x105D2:
        return "j";  // ג׳
      case 0x105D6:
        return "zh";  // ז׳
      case 0x105E6:
        return "ch";  // צ׳
      case 0x105E5:
        return "ch";
      default:
        break;
    }
    switch (c & 0xFFFF) {
      case 0x05D0:
      case 0x05E2:
        return "a";  // alef, ayin
      case 0x05D1:
        return soft ? "f" : "b";
      case 0x05D2:
        return "g";
      case 0x05D3:
        return "d";
      case 0x05D4:
        return last && k > 0 ? "a" : "h";
      case 0x05D5:
        return "u";
      case 0x05D6:
        return "z";
      case 0x05D7:
        return "kh";
      case 0x05D8:
      case 0x05EA:
        return "t";
      case 0x05D9:
        return "i";
      case 0x05DA:
      case 0x05DB:
      case 0x05E7:
        return "k";
      case 0x05DC:
        return "l";
      case 0x05DD:
      case 0x05DE:
        return "m";
      case 0x05DF:
      case 0x05E0:
        return "n";
      case 0x05E1:
        return "s";
      case 0x05E3:
        return "f";  // final pe
      case 0x05E4:
        return soft ? "f" : "b";
      case 0x05E5:
      case 0x05E6:
        return "ts";
      case 0x05E8:
        return "r";
      case 0x05E9:
        return "sh";
      default:
        return "";
    }
  };
  const auto spell = [&](std::size_t soft_from, bool keep_alef) {
    std::string out;
    for (std::size_t k = 0; k < letters.size(); ++k) {
      if (k == 0 && !keep_alef && letters.size() > 3 && (letters[0] & 0xFFFF) == 0x05D0 &&
          (letters[1] == 0x05D5 || letters[1] == 0x05D9)) {
        continue;
      }
      // A doubled vav is the consonant v (דוויד, David).
      if (letters[k] == 0x05D5 && k + 1 < letters.size() && letters[k + 1] == 0x05D5) {
        out += 'f';
        ++k;
        continue;
      }
      out += letter(k, soft_from);
    }
    return AbjadSkeleton(out);
  };
  std::vector<std::string> out;
  const auto add = [&](std::string r) {
    if (!r.empty() && std::find(out.begin(), out.end(), r) == out.end()) {
      out.push_back(std::move(r));
    }
  };
  for (const std::size_t soft_from : {letters.size(), std::size_t{1}, std::size_t{0}}) {
    add(spell(soft_from, true));
    add(spell(soft_from, false));
  }
  return out;
}

std::string SyllabarySpelling(std::string_view latin_folded) {
  std::string out;
  const auto put = [&](char c) {
    if (out.empty() || out.back() != c) out += c;
  };
  for (std::size_t i = 0; i < latin_folded.size(); ++i) {
    const char c = latin_folded[i];
    const char next = i + 1 < latin_folded.size() ? latin_folded[i + 1] : '\0';
    // Digraphs: one consonant.
    if (next == 'h' &&
        (c == 's' || c == 'c' || c == 'z' || c == 'k' || c == 't' || c == 'p' || c == 'g')) {
      put(c == 'k' || c == 'g' ? 'k' : c == 't' ? 't' : c == 'p' ? 'b' : 's');
      ++i;
      continue;
    }
    if ((c == 't' && (next == 's' || next == 'z')) || (c == 'd' && next == 'z')) {
      put('s');
      ++i;
      continue;
    }
    switch (c) {
      case 'l':
      case 'r':
        put('r');
        break;
      case 'b':
      case 'v':
      case 'f':
      case 'p':
        put('b');
        break;
      case 'd':
      case 't':
        put('t');
        break;
      case 'g':
      case 'k':
      case 'c':
      case 'q':
      case 'h':
        put('k');
        break;
      case 'x':
        put('k');
        put('s');
        break;
      case 's':
      case 'z':
      case 'j':
        put('s');
        break;
      case 'm':
      case 'n':
        put(c);
        break;
      case 'a':
      case 'e':
      case 'i':
      case 'o':
      case 'u':
      case 'y': {
        // A run of vowels is one, of its first letter's class (Korean eo,
        // the vowel of "but", with o and u); y before a vowel is a glide.
        if (c == 'y' && next != '\0' && std::strchr("aeiouy", next)) break;
        if (i > 0 && std::strchr("aeiou", latin_folded[i - 1])) break;  // the run goes on
        put(c == 'a' ? 'A' : c == 'o' || c == 'u' || (c == 'e' && next == 'o') ? 'U' : 'I');
        break;
      }
      default:  // w (a glide), and letters of no class
        break;
    }
  }
  return out;
}

std::string SyllabaryKey(std::string_view spelling) {
  std::string out;
  for (const char c : spelling) {
    if (c != 'A' && c != 'I' && c != 'U') out += c;
  }
  return out;
}

std::vector<std::string> SyllabaryReadings(std::string_view latin, bool korean) {
  const auto vowel = [](char c) { return std::strchr("aeiouyw", c) != nullptr; };
  std::string bare;
  for (std::size_t i = 0; i < latin.size(); ++i) {
    const bool after_consonant = i > 0 && !vowel(latin[i - 1]);
    const std::size_t length = korean ? 2 : 1;
    const bool added = korean ? latin.substr(i, 2) == "eu"
                              : latin[i] == 'u' || (latin[i] == 'o' && i > 0 &&
                                                    (latin[i - 1] == 't' || latin[i - 1] == 'd'));
    const bool before_consonant_or_end =
        i + length == latin.size() || (i + length < latin.size() && !vowel(latin[i + length]));
    if (added && after_consonant && before_consonant_or_end) {
      i += length - 1;
      continue;
    }
    bare += latin[i];
  }
  std::vector<std::string> out{SyllabarySpelling(latin)};
  const auto add = [&](std::string r) {
    if (std::find(out.begin(), out.end(), r) == out.end()) out.push_back(std::move(r));
  };
  add(SyllabarySpelling(bare));
  if (!korean) {
    // Japanese writes a Russian v after a vowel with ワ (ザハロワ, Zakharova)
    // and a d before e or i with ジ (メドベージェフ, Medvedev).
    std::string russian = bare;
    for (std::size_t i = 0; i < russian.size(); ++i) {
      if (russian[i] == 'w' && i > 0 && std::strchr("aeiou", russian[i - 1])) russian[i] = 'v';
      if (russian[i] == 'j') russian[i] = 'd';
    }
    add(SyllabarySpelling(russian));
  }
  return out;
}

std::string WithoutSofteningJ(std::string_view latin_folded) {
  const std::string s(latin_folded);
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (!SoftensConsonant(s, i)) out += s[i];
  }
  return out;
}

namespace {

// `as_written`, then `other` when it differs.
std::vector<std::string> Readings(std::string_view as_written, std::string other) {
  std::vector<std::string> out{std::string(as_written)};
  if (other != out[0]) out.push_back(std::move(other));
  return out;
}

}  // namespace

std::vector<std::string> DutchReadings(std::string_view word) {
  std::string r;
  for (std::size_t i = 0; i < word.size();) {
    const std::string_view rest = word.substr(i);
    if (rest.substr(0, 3) == "tsj") {
      r += "ch";
      i += 3;
    } else if (rest.substr(0, 2) == "sj" || rest.substr(0, 2) == "zj") {
      r += rest[0] == 's' ? "sh" : "zh";
      i += 2;
    } else if (rest.substr(0, 2) == "oe") {
      r += 'u';
      i += 2;
    } else {
      r += word[i++];
    }
  }
  return Readings(word, std::move(r));
}

std::vector<std::string> DevanagariReadings(std::string_view latin_of_word, bool tamil) {
  std::string z(latin_of_word);
  std::replace(z.begin(), z.end(), 'j', 'z');
  std::vector<std::string> out = Readings(latin_of_word, std::move(z));
  const auto vowel = [](char c) { return IsVowelLetter(c); };
  std::string other;
  for (std::size_t i = 0; i < latin_of_word.size(); ++i) {
    const char c = latin_of_word[i];
    const char before = i > 0 ? latin_of_word[i - 1] : 0;
    const char after = i + 1 < latin_of_word.size() ? latin_of_word[i + 1] : 0;
    if (tamil && (c == 'k' || c == 't' || c == 'p') && before != 0 && after != 0 &&
        (before == 'n' || before == 'm' || (vowel(before) && vowel(after)))) {
      other += c == 'k' ? 'g' : c == 't' ? 'd' : 'b';
    } else if (!tamil && c == 'v' && after == 'h') {
      other += 'v';
      ++i;
    } else if (!tamil && c == 'b' && after == 'h' && i + 2 == latin_of_word.size()) {
      other += 'v';  // Nepali's final भ for a v: कीभ, Kyiv
      ++i;
    } else {
      other += c;
    }
  }
  if (std::find(out.begin(), out.end(), other) == out.end()) out.push_back(std::move(other));
  return out;
}

std::vector<std::string> ThaiReadings(std::string_view latin_of_word) {
  std::string plain;
  for (std::size_t i = 0; i < latin_of_word.size(); ++i) {
    const char c = latin_of_word[i];
    plain += c;
    if ((c == 'k' || c == 't' || c == 'p') && i + 1 < latin_of_word.size() &&
        latin_of_word[i + 1] == 'h') {
      ++i;
    }
  }
  std::vector<std::string> out = Readings(latin_of_word, plain);
  std::string v = plain;
  std::replace(v.begin(), v.end(), 'f', 'v');
  if (std::find(out.begin(), out.end(), v) == out.end()) out.push_back(std::move(v));
  return out;
}

std::vector<std::string> GreekReadings(std::string_view latin_of_word) {
  std::string stops;
  for (std::size_t i = 0; i < latin_of_word.size(); ++i) {
    const std::string_view pair = latin_of_word.substr(i, 2);
    if (pair == "nt" || pair == "gk") {
      stops += pair == "nt" ? 'd' : 'g';
      ++i;
    } else {
      stops += latin_of_word[i];
    }
  }
  std::vector<std::string> out = Readings(latin_of_word, std::move(stops));
  // Greek writes the Russian -ov as it sounds, -οφ (Ουμέροφ, Umerov).
  std::string v = out.back();
  if (v.size() > 3 && v.back() == 'f' && v[v.size() - 2] == 'o') {
    v.back() = 'v';
    out.push_back(std::move(v));
  }
  return out;
}

std::vector<std::string> AbjadKeys(std::string_view latin_folded) {
  std::vector<std::string> out;
  for (std::string key : NameKeys(AbjadSkeleton(latin_folded))) {
    key.erase(std::remove(key.begin(), key.end(), 'V'), key.end());
    if (std::find(out.begin(), out.end(), key) == out.end()) out.push_back(std::move(key));
  }
  return out;
}

std::string TrimKey(const std::string& key) {
  if (!key.empty() && key.back() == 'V') return key.substr(0, key.size() - 1);
  return key;
}

int KeyConsonants(const std::string& key) {
  return static_cast<int>(std::count_if(key.begin(), key.end(), [](char c) { return c != 'V'; }));
}

}  // namespace concord::lang
