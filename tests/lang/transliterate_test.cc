#include "lang/transliterate.h"

#include <gtest/gtest.h>

#include "lang/name_key.h"
#include "lang/normalize.h"

namespace concord::lang {
namespace {

std::string Latin(const char* word) { return ToLatin(FoldWord(word)); }

// Hindi drops the inherent vowel at the end of a word and between two
// consonants after a vowel; names come out as they are said.
TEST(TransliterateScripts, NorthIndicAsDevanagariSouthIndicAndOthersThroughIcu) {
  EXPECT_EQ(Latin("পুতিন"), "putin");
  EXPECT_EQ(Latin("জেলেনস্কি"), "jelenski");  // no inherent vowel before a cluster
  EXPECT_EQ(Latin("কিয়েভ"), "kiyev");        // ভ is a foreign v
  EXPECT_EQ(Latin("புடின்"), "putin");        // Tamil
  EXPECT_EQ(Latin("పుతిన్"), "putin");         // Telugu
  EXPECT_EQ(Latin("പുടിൻ"), "putin");         // Malayalam, a chillu letter last
  EXPECT_EQ(Latin("પુતિન"), "putin");         // Gujarati, as Devanagari: no final "a"
  EXPECT_EQ(Latin("ਪੁਤਿਨ"), "putin");         // Gurmukhi, as Devanagari
  EXPECT_EQ(Latin("લાવરોવ"), "lavrov");
  EXPECT_EQ(Latin("ፑቲን"), "putin");  // Ethiopic
  EXPECT_EQ(Latin("පුටින්"), "putin");  // Sinhala, as Devanagari (ICU has no reading)
  EXPECT_EQ(Latin("සෙලෙන්ස්කි"), "selenski");
}

TEST(TransliterateScripts, DevanagariAsPronounced) {
  EXPECT_EQ(Latin("लावरोव"), "lavrov");
  EXPECT_EQ(Latin("पुतिन"), "putin");
  EXPECT_EQ(Latin("ज़ेलेंस्की"), "zelenski");
  EXPECT_EQ(Latin("एर्दोगन"), "erdogan");
  EXPECT_EQ(Latin("ट्रम्प"), "tramp");
  EXPECT_EQ(Latin("मास्को"), "masko");
  EXPECT_EQ(Latin("कीव"), "kiv");
  // Anusvara is the nasal of the consonant after it: m before a labial.
  EXPECT_EQ(Latin("ट्रंप"), "tramp");
  EXPECT_EQ(Latin("जेलेंस्की"), "jelenski");
  // A vowel nasalised by an anusvara closes its syllable as a written
  // consonant would: Gurmukhi writes no virama in ਜ਼ੇਲੇਂਸਕੀ.
  EXPECT_EQ(Latin("ਜ਼ੇਲੇਂਸਕੀ"), "zelenski");
  EXPECT_EQ(Latin("संसद"), "sansad");
}

TEST(TransliterateScripts, BrahmicReadings) {
  using R = std::vector<std::string>;
  EXPECT_EQ(DevanagariReadings("jelenski"), (R{"jelenski", "zelenski"}));
  // Marathi's व्ह for a v that ends a syllable.
  EXPECT_EQ(DevanagariReadings("kivh"), (R{"kivh", "kiv"}));
  EXPECT_EQ(DevanagariReadings("kibh"), (R{"kibh", "kiv"}));  // Nepali's final भ
  // Tamil's one letter for k/g, t/d, p/b: voiced after a nasal or between vowels.
  EXPECT_EQ(DevanagariReadings("istanpul", true), (R{"istanpul", "istanbul"}));
  EXPECT_EQ(DevanagariReadings("putin", true), (R{"putin", "pudin"}));
}

TEST(TransliterateScripts, ThaiVowelCarrierAndReadings) {
  // อ carries the vowel after it, or is the vowel o.
  EXPECT_EQ(Latin("อิสตันบูล"), "istanbul");
  EXPECT_EQ(Latin("มอสโก"), "mosko");
  // A vowel written before a cluster is said after the cluster.
  EXPECT_EQ(Latin("ยูเครน"), "yukhren");
  EXPECT_EQ(Latin("เครมลิน"), "khremlin");
  EXPECT_EQ(Latin("เบลารุส"), "belarus");  // เบ-ลา: ล has a vowel of its own
  // Lao, as the Thai letters its block mirrors.
  EXPECT_EQ(Latin("ປູຕິນ"), "putin");
  EXPECT_EQ(Latin("ມົສກູ"), "masku");
  using R = std::vector<std::string>;
  EXPECT_EQ(ThaiReadings("kheiyf"), (R{"kheiyf", "keiyf", "keiyv"}));
  EXPECT_EQ(ThaiReadings("putin"), (R{"putin"}));
}

// An abjad leaves short vowels unwritten: the Latin form is a skeleton with
// the long vowels only.
TEST(TransliterateScripts, ArabicAndPersianSkeletons) {
  EXPECT_EQ(Latin("بوتين"), "butin");
  EXPECT_EQ(Latin("زيلينسكي"), "zilinski");
  EXPECT_EQ(Latin("أردوغان"), "ardughan");
  EXPECT_EQ(Latin("پوتین"), "putin");  // Persian pe and yeh
  EXPECT_EQ(Latin("لافروف"), "lafruf");
  EXPECT_EQ(Latin("بُوتِين"), "butin");  // harakat dropped
  // A final he writes a vowel in Persian and Urdu; inside a word it is h.
  EXPECT_EQ(Latin("روسیه"), "rusie");
  EXPECT_EQ(Latin("تہران"), "thran");
}

TEST(TransliterateScripts, OtherWordsComeBackUnchanged) {
  EXPECT_EQ(Latin("Zelensky"), "zelensky");
  EXPECT_EQ(Latin("東京"), FoldWord("東京"));
  EXPECT_FALSE(NeedsTransliteration("zelensky"));
  EXPECT_TRUE(NeedsTransliteration(FoldWord("पुतिन")));
  EXPECT_TRUE(NeedsTransliteration(FoldWord("بوتين")));
}

}  // namespace
}  // namespace concord::lang
