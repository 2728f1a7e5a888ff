#include "lang/name_key.h"

#include <algorithm>

namespace concord::lang {
namespace {

bool IsVowelLetter(char c) {
  return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y' || c == 'j';
}

struct Rule {
  const char* from;
  const char* to;  // "" drops; "V" is a vowel mark
};

// Longest first within each starting letter. "ch" is handled separately.
constexpr Rule kRules[] = {
    {"schtsch", "S"}, {"shch", "S"}, {"szcz", "S"}, {"tsch", "S"}, {"sch", "S"}, {"tch", "S"},
    {"sh", "S"},      {"zh", "S"},   {"sz", "S"},   {"cz", "S"},   {"ts", "S"},  {"tz", "S"},
    {"dz", "S"},      {"kh", "H"},   {"gh", "H"},   {"ph", "F"},   {"th", "t"},  {"ck", "K"},
    {"qu", "K"},      {"w", "v"},    {"s", "S"},    {"z", "S"},    {"k", "K"},   {"q", "K"},
    {"g", "H"},       {"h", "H"},    {"f", "F"},
};

void Expand(const std::string& s, std::size_t i, std::string key, std::vector<std::string>* out) {
  while (i < s.size()) {
    if (out->size() >= 4) return;
    const char c = s[i];
    if (IsVowelLetter(c)) {
      if (key.empty() || key.back() != 'V') key += 'V';
      ++i;
      continue;
    }
    if (c == 'x') {
      // "ks" in most languages; the sound of "kh" in Azerbaijani, Uzbek and
      // older Spanish (Xarkiv, Xerson).
      std::string alt = key;
      if (alt.empty() || alt.back() != 'H') alt += 'H';
      Expand(s, i + 1, alt, out);
      key += (key.empty() || key.back() != 'K') ? "KS" : "S";
      ++i;
      continue;
    }
    if (c == 'c' && i + 1 < s.size() && s[i + 1] == 'h') {
      // German/Polish/Czech "ch" = kh; French/English "ch" = sh.
      std::string alt = key;
      if (alt.empty() || alt.back() != 'S') alt += 'S';
      Expand(s, i + 2, alt, out);
      if (key.empty() || key.back() != 'H') key += 'H';
      i += 2;
      continue;
    }
    if (c == 'c') {
      const char next = i + 1 < s.size() ? s[i + 1] : '\0';
      if (next == 'z' || next == 's') {
        // Polish "cz" and Hungarian "cs" are the sound of "ch" (Kowalczuk, Kovalcsuk).
        if (key.empty() || key.back() != 'S') key += 'S';
        i += 2;
        continue;
      }
      const char sym = (next == 'e' || next == 'i' || next == 'y') ? 'S' : 'K';
      if (key.empty() || key.back() != sym) key += sym;
      ++i;
      continue;
    }
    bool matched = false;
    for (const Rule& r : kRules) {
      const std::size_t n = std::char_traits<char>::length(r.from);
      if (s.compare(i, n, r.from) == 0) {
        for (const char* p = r.to; *p; ++p) {
          if (key.empty() || key.back() != *p) key += *p;
        }
        i += n;
        matched = true;
        break;
      }
    }
    if (matched) continue;
    if (c >= 'a' && c <= 'z') {
      if (key.empty() || key.back() != c) key += c;
    }
    ++i;
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
  const auto put = [&](char c) {
    if (out.empty() || out.back() != c) out += c;
  };
  for (std::size_t i = 0; i < s.size();) {
    const char c = s[i];
    if (IsVowelLetter(c)) {
      put(c == 'y' || c == 'j' ? 'i' : c);
      ++i;
      continue;
    }
    if (c == 'c') {
      const char next = i + 1 < s.size() ? s[i + 1] : '\0';
      if (next == 'h') {
        put('H');  // one reading of two; the key has both
        i += 2;
      } else if (next == 'z' || next == 's') {
        put('S');
        i += 2;
      } else {
        put(next == 'e' || next == 'i' || next == 'y' ? 'S' : 'K');
        ++i;
      }
      continue;
    }
    bool matched = false;
    for (const Rule& r : kRules) {
      const std::size_t n = std::char_traits<char>::length(r.from);
      if (s.compare(i, n, r.from) == 0) {
        for (const char* p = r.to; *p; ++p) put(*p);
        i += n;
        matched = true;
        break;
      }
    }
    if (matched) continue;
    if (c == 'x') {
      put('K');
      put('S');
    } else {
      put(c);
    }
    ++i;
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
  return out;
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
