#ifndef CONCORD_LANG_NAME_KEY_H_
#define CONCORD_LANG_NAME_KEY_H_

#include <string>
#include <string_view>
#include <vector>

namespace concord::lang {

// Transliteration-invariant keys of a name written in Latin letters (fold and
// transliterate first). The key keeps the consonant skeleton and marks where
// vowels stand, merging the letters that newsrooms' romanisation schemes swap:
// s/z/sh/zh/ch/sz/cz/ts/tsch (Selenskyj, Zelenszkij), kh/h/g (Kherson, Herson),
// v/w (Medwedew), k/c/q/ck, f/ph, j/y/i and every vowel run (Oumerov, Umjerow).
// "ch" is ambiguous (German/Polish "kh", French/English "sh"), and so is "x"
// ("ks", or "kh" in Azerbaijani and Uzbek: Xarkiv), so a word can have
// several keys; the result holds 1 to 4 distinct keys.
//
// Example: Zelenskyy, Zelenskiy, Zelenszkij, Selenskyj -> "SVlVnSKV".
// Pure function; thread-safe.
std::vector<std::string> NameKeys(std::string_view latin_folded);

// The word as the keys hear it, vowels kept: the letters romanisation
// schemes swap merged as in the key (sch, sh, zh, sz -> S; kh, h, g -> H;
// w -> v; y, j -> i; doubled letters once), so that the edits between two
// spellings with one key are the vowels they differ in, not the scheme
// ("saporoschje" and "zaporizhzhia": "SaporoSie", "SaporiSia").
std::string SoundSpelling(std::string_view latin_folded);

// What an abjad can tell apart: Arabic script writes no p, v, o or e, so a
// name written in it ("butin", "lafruf" in Latin letters) is compared with a
// dictionary spelling after both lose those distinctions: p→b, v→f, o→u,
// e→i, y→i, and q→k (Arabic writes a foreign k as ق: القرم, Krym) ("putin"
// → "butin", "lavrov" → "lafruf"); a doubled consonant once ("rutte" →
// "ruti"). Other letters stay.
std::string AbjadSkeleton(std::string_view latin_folded);

// The ways to read a word written in Arabic script (`latin_of_word`: its
// ToLatin) as AbjadSkeleton spellings: as written; without an alef that
// opens the word before و or ي, which only carries their vowel (أوديسا
// "audisa" is "udisa", Odesa); with vav after alef read as "v", as Persian
// and Urdu write it in names (لاوروف "lauruf" is "lafruf", Lavrov). At most
// four readings, the first as written.
std::vector<std::string> AbjadReadings(std::string_view latin_of_word);

// The ways to read a word in Hebrew letters as AbjadSkeleton spellings,
// as AbjadReadings reads Arabic script: vav and yod as the vowels u and i
// they mostly write (a doubled one as the consonant: וו is v), alef and ayin
// as a, a final he as a, and a geresh making ג, ז, צ into j, zh, ch. Bet and
// pe are read hard (b and p, Arabic script's b), soft (v and f) after the
// word's first letter, where Hebrew mostly softens them, and soft throughout,
// as names from other languages write f (פידאן, Fidan). Alef opening the
// word before vav or yod only carries their vowel (אומרוב "umruf", Umerov).
// At most six readings, the first with every bet and pe hard; {} when the
// word holds a letter that is not Hebrew.
std::vector<std::string> HebrewReadings(std::string_view folded_word);

// How Japanese kana and Korean hangul spell a foreign name, coarsely: the
// syllabaries have no l beside r, no v or f beside b and p, and pad
// consonants with vowels, so a name (`latin_folded`: a Latin spelling, or
// SyllabaryToLatin of a word) is kept as its consonant classes — l r; b v f
// p; d t; g k c q h x; s z j sh ch zh ts dz; m; n — and its vowels as three
// classes, A (a), I (e, i, y) and U (o, u, and Korean eo), a run of vowels
// as its first; w, and y before a vowel, are glides and left out. Doubled
// classes count once.
// Example: "zelenskyy" and ゼレンスキー "zerensuki" -> "sIrInskI" and
// "sIrInsUkI"; "lavrov" and ラブロフ "raburofu" -> "rAbrUb", "rAbUrUbU".
std::string SyllabarySpelling(std::string_view latin_folded);

// A SyllabarySpelling without its vowels ("sIrInskI" -> "srnsk").
std::string SyllabaryKey(std::string_view spelling);

// The ways to read a word in kana or hangul (`latin`: SyllabaryToLatin) as
// SyllabarySpellings: as written, and without the vowels the syllabaries
// add after a consonant that has none — Japanese u (o after t and d),
// Korean eu — before another consonant or at the end ("raburofu" ->
// "rabrof", "labeulopeu" -> "labrop"); in Japanese also with ワ after a
// vowel as v and ジ as d, as Japanese writes Russian names ("zaharowa" ->
// Zakharova, "medobeejefu" -> Medvedev). At most three.
std::vector<std::string> SyllabaryReadings(std::string_view latin, bool korean);

// The word without the j of South Slavic lj and nj before a consonant or at
// the end, as the keys read it ("navaljna" -> "navalna").
std::string WithoutSofteningJ(std::string_view latin_folded);

// The ways to read a Dutch word (folded) as a name from another language:
// as written, and with Dutch spellings of sounds read as other schemes
// write them: oe as u, sj as sh, zj as zh, tsj as ch (Soemy is Sumy,
// Sjojgoe Shoigu). At most two.
std::vector<std::string> DutchReadings(std::string_view word);

// The ways to read a word of a Brahmic script (`latin_of_word`: its ToLatin)
// as a name: as written; with j as the z it writes when the nukta of ज़ is
// left out (जेलेंस्की "jelenski" is "zelenski", Zelensky); and, for a
// Tamil word (`tamil`), with k, t, p voiced after a nasal or between vowels,
// as Tamil reads the one letter it has for each pair (இஸ்தான்புல்
// "istanpul" is "istanbul"), or else with "vh" as v, as Marathi writes a v
// that ends a syllable (कीव्ह, Kyiv), and a final "bh" as v, as Nepali
// writes it (कीभ). At most three.
std::vector<std::string> DevanagariReadings(std::string_view latin_of_word, bool tamil = false);

// The ways to read a Thai word (`latin_of_word`: its ToLatin) as a name
// from another language: as written; with kh, th, ph as the plain k, t, p
// that Thai writes with those letters (เคียฟ "kheiyf"); and with f as the v
// it also writes (เคียฟ, Kyiv). At most three.
std::vector<std::string> ThaiReadings(std::string_view latin_of_word);

// The ways to read a Greek word (`latin_of_word`: its ToLatin, where ντ is
// "nt" and γκ "gk") as a name: as written, and with ντ and γκ as the d and g
// they write in names from other languages (Μεντίνσκι "mentinski" is
// "medinski", Medinsky; Φιντάν, Fidan; Γκαλούσκα, Galushka), and with a
// final -of as the Russian -ov it writes (Ουμέροφ, Umerov). At most three
// readings, the first as written.
std::vector<std::string> GreekReadings(std::string_view latin_of_word);

// Name keys for comparing with words in Arabic script: those of the
// AbjadSkeleton without vowel marks, since an abjad leaves short vowels
// unwritten ("zlnski" and "zelenskyy" both give "SlnSK").
std::vector<std::string> AbjadKeys(std::string_view latin_folded);

// The key without a trailing vowel mark ("SVlVnSKV" -> "SVlVnSK"), so that a
// stem stripped of its case ending compares with the dictionary form.
std::string TrimKey(const std::string& key);

// Number of consonant symbols in a key: keys with few consonants are too
// common to trust ("kVv" would match Kiev, Kiva and cave).
int KeyConsonants(const std::string& key);

}  // namespace concord::lang

#endif  // CONCORD_LANG_NAME_KEY_H_
