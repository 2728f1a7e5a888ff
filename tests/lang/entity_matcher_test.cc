#include "lang/entity_matcher.h"

#include <gtest/gtest.h>

#include <random>
#include <set>

#include "lang/inflection.h"
#include "lang/name_key.h"
#include "lang/ordinary_words.h"
#include "lang/tokenizer.h"
#include "lang/transliterate.h"
#include "lang/utf8.h"

namespace concord::lang {
namespace {

constexpr const char* kDictionary = R"(
[zelenskyy]
type: person
label: Volodymyr Zelenskyy
name: Volodymyr Zelenskyy
alias: Zelenskyy | Zelensky | Zelenskiy | Selenskyj | Zełenski | Зеленський | Зеленский
default: yes

[zelenska]
type: person
label: Olena Zelenska
name: Olena Zelenska
alias: Zelenska | Зеленська

[putin]
type: person
label: Vladimir Putin
name: Vladimir Putin
alias: Putin | Путин | Путін
cased: Poutine

[dmitry_medvedev]
type: person
label: Dmitry Medvedev
name: Dmitry Medvedev
alias: Medvedev | Medwedew | Медведев
default: yes

[daniil_medvedev]
type: person
label: Daniil Medvedev
name: Daniil Medvedev
alias: Medvedev

[medinsky]
type: person
label: Vladimir Medinsky
alias: Medinsky | Medinski

[kyiv]
type: place
label: Kyiv
alias: Kyiv | Kiev | Kiew | Київ

[lavrov]
type: person
label: Sergey Lavrov
alias: Lavrov | Лавров

[erdogan]
type: person
label: Recep Tayyip Erdoğan
alias: Erdoğan

[moscow]
type: place
label: Moscow
alias: Moscow | Moskva | Москва

[sumy]
type: place
label: Sumy
cased: Sumy | Суми

[nato]
type: org
label: NATO
alias: NATO | OTAN
)";

// "entity:surface:rung" for every mention `matcher` finds in `text`.
std::vector<std::string> Found(const EntityMatcher& matcher, const std::string& text,
                               const std::string& lang) {
  std::vector<std::string> out;
  for (const Mention& m : matcher.Match(text, Tokenize(text), lang)) {
    out.push_back(matcher.entity(m.entity).id + ":" +
                  text.substr(m.byte_start, m.byte_end - m.byte_start) + ":" + RungName(m.rung));
  }
  return out;
}

// A matcher for the dictionary text `entities`, which loads without errors.
std::unique_ptr<EntityMatcher> MatcherFor(const std::string& entities) {
  EntityDictionary dict;
  std::vector<std::string> errors;
  EXPECT_TRUE(dict.LoadString(entities, "t", &errors));
  EXPECT_TRUE(errors.empty()) << errors[0];
  return std::make_unique<EntityMatcher>(dict);
}

class MatcherTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::vector<std::string> errors;
    ASSERT_TRUE(dict_.LoadString(kDictionary, "test", &errors));
    ASSERT_TRUE(errors.empty()) << errors[0];
    matcher_ = std::make_unique<EntityMatcher>(dict_);
  }

  std::vector<std::string> Find(const std::string& text, const std::string& lang = "en") {
    return Found(*matcher_, text, lang);
  }

  EntityDictionary dict_;
  std::unique_ptr<EntityMatcher> matcher_;
};

using V = std::vector<std::string>;

TEST_F(MatcherTest, ExactAliasAnyCaseForm) {
  EXPECT_EQ(Find("Zelenskiy met ZELENSKYY."),
            (V{"zelenskyy:Zelenskiy:exact", "zelenskyy:ZELENSKYY:exact"}));
}

TEST_F(MatcherTest, PossessiveCliticIsPartOfTheMention) {
  EXPECT_EQ(Find("Putin's envoy and Putin’s aide"),
            (V{"putin:Putin's:exact", "putin:Putin’s:exact"}));
}

TEST_F(MatcherTest, LongestMultiWordAliasWins) {
  EXPECT_EQ(Find("Olena Zelenska and Volodymyr Zelenskyy"),
            (V{"zelenska:Olena Zelenska:exact", "zelenskyy:Volodymyr Zelenskyy:exact"}));
}

TEST_F(MatcherTest, LookAlikeLettersOfAnotherScriptAreReadAsTheirTwins) {
  // A Latin "e" in a Cyrillic name, a Cyrillic "о" in a Latin one, a Greek
  // Rho for a Latin P; the surface and offsets stay the page's own.
  EXPECT_EQ(Find("Зустріч із З\x65ленським", "uk"), (V{"zelenskyy:З\x65ленським:inflection"}));
  EXPECT_EQ(Find("Talks in M\u043escow with \u03a1utin"),
            (V{"moscow:M\u043escow:exact", "putin:\u03a1utin:exact"}));
  const std::string text = "Talks with Zelensk\u0443y";  // Cyrillic u as a Latin y
  const std::vector<Token> tokens = Tokenize(text);
  const std::vector<Mention> found = matcher_->Match(text, tokens, "en");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].evidence, "alias 'Zelenskyy'; look-alike letters read as latin");
  // Not a mixed word: Cyrillic "ж" has no Latin look-alike.
  EXPECT_EQ(Find("Zelenskyж"), V{});
}

// Names written in scripts the dictionary has no spelling in reach the name
// key rung through transliteration.
TEST_F(MatcherTest, DevanagariNamesAreReadAsPronounced) {
  EXPECT_EQ(Find("रूसी विदेश मंत्री लावरोव ने पुतिन से मुलाकात की", "hi"),
            (V{"lavrov:लावरोव:name-key", "putin:पुतिन:name-key"}));
  EXPECT_EQ(Find("राष्ट्रपति एर्दोगन ने कहा", "hi"), (V{"erdogan:एर्दोगन:name-key"}));
}

TEST_F(MatcherTest, BengaliNamesAreReadAsDevanagariOnes) {
  // The Bengali block mirrors Devanagari's; ভ writes a foreign "v"; a name
  // takes the genitive -র/-এর and the locative -ে.
  EXPECT_EQ(Find("প্রেসিডেন্ট পুতিন এবং লাভরভ", "bn"),
            (V{"putin:পুতিন:name-key", "lavrov:লাভরভ:name-key"}));
  EXPECT_EQ(Find("ভ্লাদিমির পুতিনের বক্তব্য", "bn"), (V{"putin:পুতিনের:name-key"}));
  // Not another word of its letters: কাপড় (cloth) is no name.
  EXPECT_EQ(Find("কাপড় কিনেছি", "bn"), V{});
}

TEST_F(MatcherTest, OtherIndicAndEthiopicNamesAreReadThroughIcu) {
  EXPECT_EQ(Find("அதிபர் புடின் கூறினார்", "ta"), (V{"putin:புடின்:name-key"}));
  EXPECT_EQ(Find("అధ్యక్షుడు పుతిన్ అన్నారు", "te"), (V{"putin:పుతిన్:name-key"}));
  EXPECT_EQ(Find("રાષ્ટ્રપતિ પુતિન અને લાવરોવ", "gu"),
            (V{"putin:પુતિન:name-key", "lavrov:લાવરોવ:name-key"}));
  EXPECT_EQ(Find("ፕሬዚዳንት ፑቲን ተናገሩ", "am"), (V{"putin:ፑቲን:name-key"}));
}

TEST_F(MatcherTest, EndingsGluedInIndicAndDravidianScriptsAreCut) {
  // Tamil: a vowel-initial ending takes the place of the name's virama
  // (கீவ் + -இலிருந்து, புடின் + -ஐ).
  EXPECT_EQ(Find("அவர் கீவிலிருந்து புடினைச் சந்தித்தார்", "ta"),
            (V{"kyiv:கீவிலிருந்து:name-key", "putin:புடினைச்:name-key"}));
  EXPECT_EQ(Find("പുടിനുമായി ചർച്ച നടത്തി, തുടർന്ന് കീവിലേക്ക് മടങ്ങി", "ml"),
            (V{"putin:പുടിനുമായി:name-key", "kyiv:കീവിലേക്ക്:name-key"}));
  // Telugu and Kannada write a zero-width non-joiner before the ending.
  EXPECT_EQ(Find("పుతిన్\u200cతో సమావేశమై కీవ్\u200cకు వచ్చారు", "te"),
            (V{"putin:పుతిన్\u200cతో:name-key", "kyiv:కీవ్\u200cకు:name-key"}));
  EXPECT_EQ(Find("ಕೀವ್\u200cಗೆ ಮರಳಿದರು", "kn"), (V{"kyiv:ಕೀವ್\u200cಗೆ:name-key"}));
  // Marathi and Nepali glue postpositions; Marathi writes Kyiv's v as व्ह.
  EXPECT_EQ(Find("पुतिन यांनी नंतर कीव्हला भेट दिली", "mr"),
            (V{"putin:पुतिन:name-key", "kyiv:कीव्हला:name-key"}));
  EXPECT_EQ(Find("उनले पुटिनसँग भेट गरे", "ne"), (V{"putin:पुटिनसँग:name-key"}));
  EXPECT_EQ(Find("પુતિનની મુલાકાત", "gu"), (V{"putin:પુતિનની:name-key"}));
  // Hindi writes them apart: its words are not cut so.
  EXPECT_EQ(Find("पुतिनला", "hi"), V{});
  // Sinhala, read as Devanagari is (ICU has no reading of it), its
  // endings cut: the locative -හිදී, the instrumental -එන්.
  EXPECT_EQ(Find("ජනාධිපති සෙලෙන්ස්කි කියෙව්හිදී පුටිනෙන් ඉල්ලා සිටියේය", "si"),
            (V{"zelenskyy:සෙලෙන්ස්කි:name-key", "kyiv:කියෙව්හිදී:name-key", "putin:පුටිනෙන්:name-key"}));
  EXPECT_EQ(Find("අද උදෑසන වැසි ඇද හැලුණි, පාසල් වසා දමා ඇත", "si"), V{});
  // Amharic's prepositions are syllables glued before the name.
  EXPECT_EQ(Find("ከፑቲን ጋር ተገናኙ", "am"), (V{"putin:ከፑቲን:name-key"}));
  // Ordinary words keep their endings: no name.
  EXPECT_EQ(Find("அவர் நகரில் பேசினார்", "ta"), V{});
}

TEST_F(MatcherTest, ThaiNamesCutIntoPiecesAreReadWhole) {
  // The word dictionary cuts foreign names: เซ|เลน|สกี, and ปู|ติ|นที่, whose
  // last piece took the next word's first letter. The mention is the name's
  // letters only.
  EXPECT_EQ(Find("ประธานาธิบดีเซเลนสกีพบกับปูตินที่ทำเนียบ", "th"),
            (V{"zelenskyy:เซเลนสกี:name-key", "putin:ปูติน:name-key"}));
  const std::string text = "พบกับปูตินที่";
  const std::vector<Mention> found = matcher_->Match(text, Tokenize(text), "th");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_NE(found[0].evidence.find("written without spaces: 3 pieces read as one"),
            std::string::npos);
  // A name that begins inside a piece: นา|ยลาฟ|รอฟ is นาย ("Mr") Lavrov.
  EXPECT_EQ(Find("นายลาฟรอฟ รัฐมนตรีต่างประเทศ", "th"), (V{"lavrov:ลาฟรอฟ:name-key"}));
  // Lao, read as Thai: ປູ|ຕິນ is Putin.
  EXPECT_EQ(Find("ປະທານາທິບໍດີປູຕິນກ່າວວ່າ", "lo"), (V{"putin:ປູຕິນ:name-key"}));
  // Ordinary Thai text: no name, however its syllables are joined.
  EXPECT_EQ(Find("ฝนตกหนักในหลายจังหวัดทางภาคใต้ ประชาชนควรระวังน้ำท่วมฉับพลัน", "th"), V{});
}

TEST_F(MatcherTest, TurkicMongolianAndBasqueCaseEndingsAreCut) {
  EXPECT_EQ(Find("Зеленскийдің сөзі: Путинмен кездесті", "kk"),
            (V{"zelenskyy:Зеленскийдің:inflection", "putin:Путинмен:inflection"}));
  EXPECT_EQ(Find("Путин Зеленскийге жооп берди", "ky"),
            (V{"putin:Путин:exact", "zelenskyy:Зеленскийге:inflection"}));
  // Not in Russian, whose nouns take no such endings.
  EXPECT_EQ(Find("Путинмен", "ru"), V{});
  EXPECT_EQ(Find("Зеленский Путинтэй уулзав", "mn"),
            (V{"zelenskyy:Зеленский:exact", "putin:Путинтэй:inflection"}));
  EXPECT_EQ(
      Find("Zelensky Putinning taklifini rad etdi va Kievga qaytdi", "uz"),
      (V{"zelenskyy:Zelensky:exact", "putin:Putinning:inflection", "kyiv:Kievga:inflection"}));
  EXPECT_EQ(Find("Zelenskik Putinekin hitz egin zuen, eta gero Kievera itzuli zen", "eu"),
            (V{"zelenskyy:Zelenskik:inflection", "putin:Putinekin:inflection",
               "kyiv:Kievera:inflection"}));
  // Kazakh's own letters are transliterated too (ә in Мәскеу, ұ in Стамбұл).
  EXPECT_EQ(ToLatin("мәскеу"), "maskeu");
  EXPECT_EQ(ToLatin("стамбұлда"), "stambulda");
}

TEST_F(MatcherTest, ArabicAndPersianNamesAreComparedAsAnAbjadWritesThem) {
  // No p, v, o or e in Arabic script: بوتين is Putin, لافروف Lavrov.
  EXPECT_EQ(Find("التقى لافروف مع بوتين في إسطنبول", "ar"),
            (V{"lavrov:لافروف:name-key", "putin:بوتين:name-key"}));
  EXPECT_EQ(Find("قال الرئيس أردوغان", "ar"), (V{"erdogan:أردوغان:name-key"}));
  // Persian leaves the short vowels of زلنسکی unwritten.
  EXPECT_EQ(Find("دیدار پوتین و زلنسکی", "fa"),
            (V{"putin:پوتین:name-key", "zelenskyy:زلنسکی:name-key"}));
  // A prefix glued before the name ("and Putin") is cut and named.
  const std::string text = "اجتماع لافروف وبوتين";
  const std::vector<Token> tokens = Tokenize(text);
  const std::vector<Mention> found = matcher_->Match(text, tokens, "ar");
  ASSERT_EQ(found.size(), 2u);
  EXPECT_EQ(found[1].evidence, "prefix 'و-' + name key btn of alias 'Putin'");
  // Words with the same consonants but not the name's long vowels are not it:
  // بطن (belly, b-t-n) is not بوتين.
  EXPECT_EQ(Find("ألم في البطن وفي الظهر", "ar"), V{});
}

TEST_F(MatcherTest, AzerbaijaniLettersFold) {
  EXPECT_EQ(Find("Ərdoğan və Putin görüşdü", "az"),
            (V{"erdogan:Ərdoğan:exact", "putin:Putin:exact"}));
}

TEST_F(MatcherTest, ElisionDoesNotHideAnAlias) {
  EXPECT_EQ(Find("l'OTAN s'inquiète", "fr"), (V{"nato:OTAN:exact"}));
}

TEST_F(MatcherTest, SlavicCaseEndingsAreInflections) {
  EXPECT_EQ(Find("Zełenskiego i Putinem", "pl"),
            (V{"zelenskyy:Zełenskiego:inflection", "putin:Putinem:inflection"}));
  EXPECT_EQ(Find("Путина и Москве", "ru"),
            (V{"putin:Путина:inflection", "moscow:Москве:inflection"}));
}

TEST_F(MatcherTest, UkrainianVowelAlternationInflects) {
  EXPECT_EQ(Find("у Києві", "uk"), (V{"kyiv:Києві:inflection"}));
}

// Lithuanian: the genitive and dative of feminine -a nouns (Maskva, Moscow).
TEST_F(MatcherTest, BalticCaseEndingsInflect) {
  EXPECT_EQ(Find("iš Moskvos ir Moskvai", "lt"),
            (V{"moscow:Moskvos:inflection", "moscow:Moskvai:inflection"}));
}

// Albanian: definite and case endings on names (ë folds to e).
TEST_F(MatcherTest, AlbanianEndingsInflect) {
  EXPECT_EQ(Find("Sipas Zelenskyt, takimi i Putinit në Moskvë", "sq"),
            (V{"zelenskyy:Zelenskyt:inflection", "putin:Putinit:inflection",
               "moscow:Moskvë:inflection"}));
}

TEST_F(MatcherTest, GermanGenitiveInflects) {
  EXPECT_EQ(Find("Selenskyjs Delegation", "de"), (V{"zelenskyy:Selenskyjs:inflection"}));
}

TEST_F(MatcherTest, NoEndingsInLanguagesThatDoNotInflectNames) {
  EXPECT_EQ(Find("the Kievan Rus chronicle", "en"), V{});
}

TEST_F(MatcherTest, NameKeyBridgesTransliterations) {
  EXPECT_EQ(Find("Zelenszkij spoke", "hu"), (V{"zelenskyy:Zelenszkij:name-key"}));
  EXPECT_EQ(Find("ответил Зеленскому", "ru").size(), 1u);
  EXPECT_EQ(Find("Medinskij said", "it"), (V{"medinsky:Medinskij:name-key"}));
}

// Georgian and Armenian words reach Latin aliases through transliteration
// and the name key, with their case endings (and the Armenian article) cut.
// Georgian has no capitals: a text in it counts as uncased.
TEST_F(MatcherTest, GeorgianAndArmenianReachLatinAliases) {
  EXPECT_EQ(
      Find("ზელენსკი ჩავიდა სტამბოლში და იქ შეხვდა ზელენსკის მრჩეველს, პუტინი კი არ ჩამოვიდა",
           "ka"),
      (V{"zelenskyy:ზელენსკი:name-key", "zelenskyy:ზელენსკის:name-key", "putin:პუტინი:name-key"}));
  EXPECT_EQ(Find("Զելենսկին հանդիպեց Պուտինի ներկայացուցչի հետ", "hy"),
            (V{"zelenskyy:Զելենսկին:name-key", "putin:Պուտինի:name-key"}));
  // Ordinary Georgian words stay words.
  EXPECT_EQ(
      Find("მოლაპარაკებები გაგრძელდება ხვალ დილით, განაცხადა მინისტრმა ჟურნალისტებთან საუბრისას "
           "და დაამატა რომ შეხვედრა იქნება",
           "ka"),
      V{});
}

// In a language that does not inflect names, a man's surname with a
// feminine ending names another person; where -a is a case ending it stays.
TEST_F(MatcherTest, FeminineFormOfASurnameIsAnotherPerson) {
  EXPECT_EQ(Find("Svetlana Medvedeva and Lyudmila Putina attended", "en"), V{});
  EXPECT_EQ(Find("Elle a parlé avec Medinskaya hier", "fr"), V{});
  EXPECT_EQ(Find("Olena Zelenskaya arrived", "en"), (V{"zelenska:Zelenskaya:name-key"}));
  EXPECT_EQ(Find("spotkanie Putina", "pl"), (V{"putin:Putina:inflection"}));
}

TEST_F(MatcherTest, TypoOfLongCapitalisedNameMatches) {
  EXPECT_EQ(Find("Zelesnkyy arrived"), (V{"zelenskyy:Zelesnkyy:typo"}));
  EXPECT_EQ(Find("Medinksi arrived"), (V{"medinsky:Medinksi:typo"}));
}

TEST_F(MatcherTest, GenderOfTheEndingPicksTheBearer) {
  // Masculine endings belong to Volodymyr, feminine ones to Olena.
  EXPECT_EQ(Find("Зеленського і Зеленської", "uk"),
            (V{"zelenskyy:Зеленського:inflection", "zelenska:Зеленської:inflection"}));
  EXPECT_EQ(Find("Zełenskiego i Zełenskiej", "pl"),
            (V{"zelenskyy:Zełenskiego:inflection", "zelenska:Zełenskiej:inflection"}));
  // Croatian: -og his, -oj hers.
  EXPECT_EQ(Find("Zelenskog i Zelenskoj", "hr"),
            (V{"zelenskyy:Zelenskog:inflection", "zelenska:Zelenskoj:inflection"}));
}

// Chinese spells names by convention (the dictionary lists them); a longer
// name holding another is the longer one: 白俄罗斯 is Belarus, not Russia.
TEST(MatcherChineseTest, TheLongerNameHoldingAnotherWins) {
  const auto owned = MatcherFor(
      "[russia]\ntype: place\nalias: 俄罗斯\n"
      "[belarus]\ntype: place\nalias: 白俄罗斯\n"
      "[umerov]\ntype: person\nalias: 乌梅罗夫\n");
  EXPECT_EQ(Found(*owned, "白俄罗斯总统与俄罗斯总统会谈。乌梅罗夫率领代表团。", "zh"),
            (V{"belarus:白俄罗斯:exact", "russia:俄罗斯:exact", "umerov:乌梅罗夫:exact"}));
}

// Serbian Cyrillic, as Croatian: -ог his, -ој hers.
TEST(MatcherGenderTest, SerbianEndingsTellHisFromHers) {
  const auto owned = MatcherFor(
      "[zelenskyy]\ntype: person\nalias: Зеленски\n"
      "[zelenska]\ntype: person\nalias: Зеленска\n");
  EXPECT_EQ(Found(*owned, "Зеленског и Зеленској", "sr"),
            (V{"zelenskyy:Зеленског:inflection", "zelenska:Зеленској:inflection"}));
}

// Page extraction runs a name into the word before it where markup kept
// them apart; the mention is the name's part of the word.
TEST_F(MatcherTest, ANameGluedToTheWordBeforeItIsFound) {
  EXPECT_EQ(Find("the talks withZelensky resumed", "en"), (V{"zelenskyy:Zelensky:exact"}));
  EXPECT_EQ(Find("встречаЗеленского отложена", "ru"), (V{"zelenskyy:Зеленского:inflection"}));
  EXPECT_EQ(Find("talks inMoskva", "en"), (V{"moscow:Moskva:exact"}));
  const std::string text = "Le sommet à Paris avecPoutine";
  const std::vector<Mention> found = matcher_->Match(text, Tokenize(text), "fr");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].cp_start, 22u);
  EXPECT_EQ(found[0].cp_end, 29u);
  EXPECT_EQ(found[0].evidence, "alias 'Poutine'; glued to the word before it, 'avec'");
  // A one-letter preposition, or a word in capitals (a link's "read also"),
  // run into the name.
  EXPECT_EQ(Find("rozmowa zZełenskim", "pl"), (V{"zelenskyy:Zełenskim:inflection"}));
  EXPECT_EQ(Find("LEGGI ANCHEPutin: pronti a trattare", "it"), (V{"putin:Putin:exact"}));
  // Brand-style capitals are not glue: one letter that is no preposition,
  // or a capital, before the turn.
  EXPECT_EQ(Find("iPutin and McPutin and deKyiv", "en"), (V{"kyiv:Kyiv:exact"}));
}

TEST_F(MatcherTest, FuzzyRungsNeverTakeAdjectivesOrDerivedWords) {
  // One edit at the end of a name makes another word, not a typo.
  EXPECT_EQ(Find("Medinskys met Medinskyan delegates", "en"), V{});
  // A close name key with a demonym ending is an adjective: of a person, no
  // mention at all; of a place, a mention on the derived rung, never a name key.
  EXPECT_EQ(Find("the Lavrovian line", "en"), V{});
  EXPECT_EQ(Find("the Moskvian line", "en"), (V{"moscow:Moskvian:derived"}));
}

TEST_F(MatcherTest, DerivedFormsNeedAPlaceAFormantAndTheLanguagesCase) {
  // People's adjectives are not their mentions.
  EXPECT_EQ(Find("путинский режим и лавровская дипломатия", "ru"), V{});
  EXPECT_EQ(Find("the Putinist line", "en"), V{});
  // English writes demonyms with a capital; a lower-case one is another word.
  EXPECT_EQ(Find("kyivan officials said so. Officials agreed.", "en"), V{});
  // Followed by a capitalised word, an English adjective begins another
  // name (a historical state, a war).
  EXPECT_EQ(Find("the Kievan Rus chronicle", "en"), V{});
  // A language without a formant table derives nothing; so does an acronym.
  EXPECT_EQ(Find("moskvalainen", "sv"), V{});
  EXPECT_EQ(Find("the NATOan summit", "en"), V{});
}

TEST_F(MatcherTest, UncasedAliasMatchesInLowerCaseButCasedNeedsACapital) {
  EXPECT_EQ(Find("Moscow and kyiv agreed", "en"), (V{"moscow:Moscow:exact", "kyiv:kyiv:exact"}));
  EXPECT_EQ(Find("Poutine et la poutine", "fr"), (V{"putin:Poutine:exact"}));
  // Inflected forms keep needing the capital.
  EXPECT_EQ(Find("Moskvy a moskvy", "cs"), (V{"moscow:Moskvy:inflection"}));
}

TEST_F(MatcherTest, SentenceInitialCapitalIsNoEvidenceWithoutArticles) {
  // Polish has no articles: "Sumy" opening a sentence may be "sums".
  EXPECT_EQ(Find("Rozmowy trwały. Sumy pieniędzy nie podano.", "pl"), V{});
  // ...unless the text names the city elsewhere.
  EXPECT_EQ(Find("Sumy ostrzelano. Mieszkańcy Sumy uciekli.", "pl"),
            (V{"sumy:Sumy:exact", "sumy:Sumy:exact"}));
  // French puts an article before the dish, so a capital is evidence.
  EXPECT_EQ(Find("Selon lui. Poutine a reçu Witkoff.", "fr"), (V{"putin:Poutine:exact"}));
}

// People of a place as Ukrainian, Russian and Polish name them: -ян-, -як-,
// -ець/-ц- (whose vowel falls), Polish -(i)anin and -czyk.
TEST(DerivedTest, SlavicDemonymsOfEveryFormation) {
  const auto compiled = MatcherFor(R"(
[russia]
type: place
derived: no
alias: Russia | Rosja
[dnipro]
type: place
alias: Дніпро
[siberia]
type: place
alias: Сибір | Сибирь
[kherson]
type: place
alias: Херсон
[mariupol]
type: place
alias: Маріуполь | Мариуполь
[moscow]
type: place
alias: Moskwa
[kyiv]
type: place
alias: Kijów
[paris]
type: place
alias: Paryż
[london]
type: place
alias: Londyn
)");
  const EntityMatcher& matcher = *compiled;
  EXPECT_EQ(Found(matcher, "дніпряни і сибіряки", "uk"),
            (V{"dnipro:дніпряни:derived", "siberia:сибіряки:derived"}));
  EXPECT_EQ(Found(matcher, "херсонець і маріупольці", "uk"),
            (V{"kherson:херсонець:derived", "mariupol:маріупольці:derived"}));
  EXPECT_EQ(Found(matcher, "сибиряки и мариупольцы", "ru"),
            (V{"siberia:сибиряки:derived", "mariupol:мариупольцы:derived"}));
  EXPECT_EQ(Found(matcher, "moskwianie, kijowianka, paryżanie i londyńczycy", "pl"),
            (V{"moscow:moskwianie:derived", "kyiv:kijowianka:derived", "paris:paryżanie:derived",
               "london:londyńczycy:derived"}));
  // A country's people are not the country (derived: no).
  EXPECT_EQ(Found(matcher, "Rosjanie wyszli", "pl"), V{});
  // An ordinary word with the same ending is no demonym.
  EXPECT_EQ(Found(matcher, "кінці і поляки", "uk"), V{});
}

// Czech and Slovak name countries like adjectives (Rusko, Německo); in the
// other Slavic languages those letters are the adjective "Russian", found
// neither inflected, nor by sound, nor in lower case.
TEST(DerivedTest, AnAdjectiveShapedCountryNameIsTheAdjectiveElsewhere) {
  const auto compiled =
      MatcherFor("[russia]\ntype: place\nderived: no\nalias: Russia | Rusko | Rusija | Русија\n");
  const EntityMatcher& matcher = *compiled;
  EXPECT_EQ(Found(matcher, "Rusko zaútočilo. V Rusku je zima.", "cs"),
            (V{"russia:Rusko:exact", "russia:Rusku:inflection"}));
  EXPECT_EQ(Found(matcher, "Ruske snage i Rusija.", "hr"), (V{"russia:Rusija:exact"}));
  EXPECT_EQ(Found(matcher, "To je rusko podjetje.", "sl"), V{});
  EXPECT_EQ(Found(matcher, "Руска војска и Русија.", "sr"), (V{"russia:Русија:exact"}));
}

// The stem of a country's name is its people's or adjective's word, not the
// country by sound or by one edit: Turkish Türk, Greek Τούρκο, English
// George (Georgia's French spelling is Géorgie).
TEST(DerivedTest, ACountrysNameCutShortIsNotTheCountry) {
  const auto compiled = MatcherFor(R"(
[turkiye]
type: place
derived: no
alias: Türkiye | Turkki | Τουρκία
[georgia]
type: place
derived: no
alias: Georgia | Géorgie
)");
  const EntityMatcher& matcher = *compiled;
  EXPECT_EQ(Found(matcher, "Her Türk vatandaşı Türkiye'yi sever.", "tr"),
            (V{"turkiye:Türkiye'yi:exact"}));
  EXPECT_EQ(Found(matcher, "τον Τούρκο ομόλογό του από την Τουρκία", "el"),
            (V{"turkiye:Τουρκία:exact"}));
  EXPECT_EQ(Found(matcher, "George said Georgia", "en"), (V{"georgia:Georgia:exact"}));
  // Its own case endings still are (Τουρκίας, Greek genitive, its final
  // sigma folded to σ).
  EXPECT_EQ(Found(matcher, "της Τουρκίας", "el"), (V{"turkiye:Τουρκίας:inflection"}));
  EXPECT_EQ(Found(*MatcherFor("[russia]\ntype: place\nderived: no\nalias: Ρωσία\n"),
                  "Ο Ρώσος υπουργός από τη Ρωσία", "el"),
            (V{"russia:Ρωσία:exact"}));
}

TEST(DerivedTest, TheDictionarySaysWhichEntitiesDerive) {
  EntityDictionary dict;
  std::vector<std::string> errors;
  ASSERT_TRUE(dict.LoadString(R"(
[russia]
type: place
derived: no
alias: Russia | Россия | Rosja
[moscow]
type: place
alias: Moscow | Moskva | Moskwa | Moskau | Moscou | Moszkva | Москва
[kyiv]
type: place
alias: Kyiv | Kiev | Kiew | Kijów | Київ | Киев
[odesa]
type: place
alias: Odesa | Odessa | Одеса | Одесса
[zaporizhzhia]
type: place
alias: Запоріжжя | Запорожье | Zaporoże
[kursk]
type: place
alias: Курск | Kursk
[crimea]
type: place
alias: Crimea | Krim
[putin]
type: person
derived: yes
alias: Putin
[lavrov]
type: person
alias: Lavrov
[sumy]
type: place
derived: maybe
alias: Sumy
)",
                              "t", &errors));
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0], "t:33: derived must be 'yes' or 'no', got 'maybe'");
  EXPECT_FALSE(dict.Find("russia")->DerivesForms());
  EXPECT_TRUE(dict.Find("odesa")->DerivesForms());
  EXPECT_TRUE(dict.Find("putin")->DerivesForms());
  EXPECT_FALSE(dict.Find("lavrov")->DerivesForms());
  const EntityMatcher matcher(dict);
  auto found = [&](const std::string& text, const std::string& lang) {
    return Found(matcher, text, lang);
  };
  // A place's adjectives and demonyms are its mentions, in every language
  // with a formant table: the alias's stem plus the formant, after the
  // regular changes of the stem (fleeting vowel, linking -ov-).
  EXPECT_EQ(found("Московские власти и киевский мэр", "ru"),
            (V{"moscow:Московские:derived", "kyiv:киевский:derived"}));
  EXPECT_EQ(found("Київська влада", "uk"), (V{"kyiv:Київська:derived"}));
  EXPECT_EQ(found("władze kijowskie i moskiewskie media", "pl"),
            (V{"kyiv:kijowskie:derived", "moscow:moskiewskie:derived"}));
  EXPECT_EQ(found("moskevský starosta", "cs"), (V{"moscow:moskevský:derived"}));
  EXPECT_EQ(found("moskovski gradonačelnik", "hr"), (V{"moscow:moskovski:derived"}));
  EXPECT_EQ(found("Die Moskauer Führung und der Kiewer Bürgermeister", "de"),
            (V{"moscow:Moskauer:derived", "kyiv:Kiewer:derived"}));
  EXPECT_EQ(found("les autorités moscovites et le maire kiévien", "fr"),
            (V{"moscow:moscovites:derived", "kyiv:kiévien:derived"}));
  EXPECT_EQ(found("Kyivan officials", "en"), (V{"kyiv:Kyivan:derived"}));
  EXPECT_EQ(found("a moszkvai vezetés", "hu"), (V{"moscow:moszkvai:derived"}));
  // Demonyms, and Ukrainian regions named after their city.
  EXPECT_EQ(found("москвичи и киевляне, одесситы", "ru"),
            (V{"moscow:москвичи:derived", "kyiv:киевляне:derived", "odesa:одесситы:derived"}));
  EXPECT_EQ(found("на Київщині", "uk"), (V{"kyiv:Київщині:derived"}));
  const std::string text = "Московские власти";
  const std::vector<Mention> moscow = matcher.Match(text, Tokenize(text), "ru");
  ASSERT_EQ(moscow.size(), 1u);
  EXPECT_EQ(moscow[0].evidence, "derived from alias 'Москва': 'москов' + '-ские'");
  // A country that says "derived: no": its adjective names a people, a language.
  EXPECT_EQ(found("Russian troops", "en"), V{});
  EXPECT_EQ(found("российские войска и rosyjskie media", "ru"), V{});
  // Consonants the formant swallows or changes: Одес(с)а -> одеський,
  // одесский, odeski; Запоріжжя -> запорізький; Курск -> курская.
  EXPECT_EQ(found("губернатор Одесской области", "ru"), (V{"odesa:Одесской:derived"}));
  EXPECT_EQ(found("Одеський порт", "uk"), (V{"odesa:Одеський:derived"}));
  EXPECT_EQ(found("port odeski", "pl"), (V{"odesa:odeski:derived"}));
  EXPECT_EQ(found("запорізький губернатор і запорожский завод", "uk"),
            (V{"zaporizhzhia:запорізький:derived", "zaporizhzhia:запорожский:derived"}));
  EXPECT_EQ(found("obwód zaporoski", "pl"), (V{"zaporizhzhia:zaporoski:derived"}));
  EXPECT_EQ(found("Курская область", "ru"), (V{"kursk:Курская:derived"}));
  // Ordinary words that end like a formant after a short stem stay words:
  // Italian "crimine" (crime) is not Crimea's, in Italian or in a text of
  // unknown language.
  EXPECT_EQ(found("un crimine di guerra e i crimini", "it"), V{});
  EXPECT_EQ(found("un crimine di guerra e i crimini", "und"), V{});
  EXPECT_EQ(found("a krími vezetés", "hu"), (V{"crimea:krími:derived"}));
  // A person derives only when the dictionary says so.
  EXPECT_EQ(found("the Putinian era and the Lavrovian style", "en"), (V{"putin:Putinian:derived"}));
}

// Spellings that differ from the dictionary's in ways the rungs above do
// not cover: case suffixes without an apostrophe, an apostrophe for a soft
// sign, a swapped or doubled letter in a short name, an Arabic article left
// out.
TEST(VariantTest, SuffixesApostrophesShortTyposAndArticles) {
  EntityDictionary dict;
  std::vector<std::string> errors;
  ASSERT_TRUE(dict.LoadString(R"(
[moscow]
type: place
alias: Moskva
[erdogan]
type: person
alias: Erdoğan
[donetsk]
type: place
alias: Donetsk
[kyiv]
type: place
alias: Kyiv
[tusk]
type: person
alias: Tusk
[putin]
type: person
alias: Putin | Putyin
[trump]
type: person
alias: Trump | Трамп
[nato]
type: org
alias: NATO | الناتو
)",
                              "t", &errors));
  ASSERT_TRUE(errors.empty()) << errors[0];
  const EntityMatcher matcher(dict);
  auto found = [&](const std::string& text, const std::string& lang) {
    return Found(matcher, text, lang);
  };
  // Azerbaijani glues its case suffixes on (genitive, accusative, "with").
  EXPECT_EQ(found("Moskvanın mövqeyi və Ərdoğanla görüş", "az"),
            (V{"moscow:Moskvanın:inflection", "erdogan:Ərdoğanla:inflection"}));
  // Older romanisations write the Ukrainian soft sign as an apostrophe.
  EXPECT_EQ(found("shelling in Donets'k overnight", "en"), (V{"donetsk:Donets'k:exact"}));
  const std::string text = "shelling in Donets'k";
  const std::vector<Mention> donetsk = matcher.Match(text, Tokenize(text), "en");
  ASSERT_EQ(donetsk.size(), 1u);
  EXPECT_EQ(donetsk[0].evidence, "alias 'Donetsk'; apostrophe inside the name read as a soft sign");
  // A short name: two letters swapped or one doubled inside it; never at
  // its ends, never another edit.
  EXPECT_EQ(found("Kiyv and Kyyiv and Tsuk", "en"),
            (V{"kyiv:Kiyv:typo", "kyiv:Kyyiv:typo", "tusk:Tsuk:typo"}));
  EXPECT_EQ(found("Ykiv and Kyvi", "en"), V{});
  // One vowel for another in a short name makes ordinary words, which the
  // name key (blind to vowels) would otherwise take: Task, not Tusk.
  EXPECT_EQ(found("a Task force", "en"), V{});
  // ...nor may a longer spelling of the same figure (Putyin) take it; but a
  // word that is another spelling's romanisation (Трамп) is the figure.
  EXPECT_EQ(found("Puten und Enten", "de"), V{});
  EXPECT_EQ(found("Donald Tramp bildirib", "az"), (V{"trump:Tramp:name-key"}));
  // Persian and Urdu write an Arabic spelling without its article.
  EXPECT_EQ(found("نشست ناتو", "fa"), (V{"nato:ناتو:exact"}));
}

// Romance demonyms in -és, -í, -iense and -ino; a Slavic adjective of a
// "cased:" spelling opening a sentence; Arabic-script adjectives of countries.
TEST(DerivedTest, MoreFormantsAndCountryAdjectives) {
  EntityDictionary dict;
  std::vector<std::string> errors;
  ASSERT_TRUE(dict.LoadString(R"(
[paris]
type: place
alias: Paris | Parigi
[berlin]
type: place
alias: Berlin
[istanbul]
type: place
alias: Istanbul | Estambul
[crimea]
type: place
alias: Crimea | Krym
cased: Krim
[ukraine]
type: place
derived: no
alias: Ukraine | أوكرانيا | اوکراین
)",
                              "t", &errors));
  ASSERT_TRUE(errors.empty()) << errors[0];
  const EntityMatcher matcher(dict);
  const auto found = [&](const std::string& text, const std::string& lang) {
    return Found(matcher, text, lang);
  };
  EXPECT_EQ(found("los berlineses y un estambulí", "es"),
            (V{"berlin:berlineses:derived", "istanbul:estambulí:derived"}));
  EXPECT_EQ(found("los parisinos y los parisienses", "pt"),
            (V{"paris:parisinos:derived", "paris:parisienses:derived"}));
  EXPECT_EQ(found("i parigini", "it"), (V{"paris:parigini:derived"}));
  // -ino after a short stem is an ordinary word: crimine is "crime".
  EXPECT_EQ(found("un crimine di guerra", "it"), V{});
  // Krim opening a Croatian sentence may be the word; Krimski is the place's.
  EXPECT_EQ(found("Napad je bio. Krimski most je zatvoren.", "hr"), (V{"crimea:Krimski:derived"}));
  EXPECT_EQ(found("Napad je bio. Krim je daleko.", "hr"), V{});
  // "The Ukrainian" is not Ukraine: a country has no derived forms.
  EXPECT_EQ(found("قال الجيش الأوكراني إن", "ar"), V{});
  EXPECT_EQ(found("ارتش یوکرینی و اوکراین", "fa"), (V{"ukraine:اوکراین:exact"}));
  // After an article written with a capital inside a sentence: a newspaper,
  // not the place's people; the article opening a sentence is no cue.
  EXPECT_EQ(found("Des Parisiens, selon Le Parisien, et les Berlinois.", "fr"),
            (V{"paris:Parisiens:derived", "berlin:Berlinois:derived"}));
  EXPECT_EQ(found("Legge Il Parigino? No, i parigini.", "it"), (V{"paris:parigini:derived"}));
  EXPECT_EQ(found("Fin. Les Parisiens sont sortis.", "fr"), (V{"paris:Parisiens:derived"}));
}

// German capitalises every noun, so its dictionary lists nouns as it lists
// names; a word it lists beside the place's own German name is another word.
TEST(ListedNamesTest, AGermanNounListedBesideThePlacesGermanNameIsNone) {
  if (OrdinaryWordDictionary("de").empty()) GTEST_SKIP() << "no German dictionary installed";
  const auto owned = MatcherFor(R"(
[crimea]
type: place
alias: Crimea | Crimée | Krim
)");
  const EntityMatcher& matcher = *owned;
  // Krimi (a crime story) sounds like Crimée; Krim is the place.
  EXPECT_EQ(Found(matcher, "Der neue Krimi spielt auf der Krim.", "de"), (V{"crimea:Krim:exact"}));
  // A spelling the dictionary does not list is still read by its sound.
  EXPECT_EQ(Found(matcher, "Die Halbinsel Krym wurde annektiert.", "de"),
            (V{"crimea:Krym:name-key"}));
}

// A derived form of a long spelling one edit from the dictionary's: the
// Polish and Czech adjectives of Dniepropetrowsk / Dněpropetrovsk.
TEST(DerivedTest, ALongStemOneEditFromASpelling) {
  const auto owned = MatcherFor(R"(
[dnipropetrovsk]
type: place
alias: Dnipropetrovsk | Dnipropetrowsk
[kharkiv]
type: place
alias: Charków
)");
  const EntityMatcher& matcher = *owned;
  EXPECT_EQ(Found(matcher, "obwód dniepropetrowski i obwód charkowski", "pl"),
            (V{"dnipropetrovsk:dniepropetrowski:derived", "kharkiv:charkowski:derived"}));
  EXPECT_EQ(Found(matcher, "Dněpropetrovská oblast", "cs"),
            (V{"dnipropetrovsk:Dněpropetrovská:derived"}));
  const std::string text = "obwód dniepropetrowski";
  const std::vector<Mention> m = matcher.Match(text, Tokenize(text), "pl");
  ASSERT_EQ(m.size(), 1u);
  EXPECT_EQ(m[0].evidence,
            "derived from a spelling one edit from alias 'Dnipropetrowsk': 'dniepropetrow' + "
            "'-ski'");
  // Not a short stem, nor two edits away.
  EXPECT_EQ(Found(matcher, "obwód charkiwski", "pl"), V{});
  EXPECT_EQ(Found(matcher, "obwód dnieprupetrowski", "pl"), V{});
}

// Hungarian writes the given name after the surname: another one there is
// another person, surely so when the text also names the figure with his own.
TEST(AmbiguityTest, HungarianGivenNamesFollowTheSurname) {
  EntityDictionary dict;
  std::vector<std::string> errors;
  ASSERT_TRUE(
      dict.LoadString("[orban]\ntype: person\nname: Viktor Orbán\nalias: Orbán\n", "t", &errors));
  const EntityMatcher matcher(dict);
  const std::string text = "Orbán Viktor szerint igen, Orbán Anita szerint nem.";
  const std::vector<Mention> found = matcher.Match(text, Tokenize(text), "hu");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_FALSE(found[0].ambiguous) << found[0].evidence;
  EXPECT_EQ(found[0].byte_start, 0u);
  const std::string alone = "A vitában Orbán Anita szerint nem.";
  const std::vector<Mention> kept = matcher.Match(alone, Tokenize(alone), "hu");
  ASSERT_EQ(kept.size(), 1u);
  EXPECT_TRUE(kept[0].ambiguous);
  EXPECT_NE(kept[0].evidence.find("before the given name 'Anita'"), std::string::npos)
      << kept[0].evidence;
}

// A woman's title before a man's surname names the woman of his family whose
// surname is its feminine form, when the dictionary knows her.
TEST(AmbiguityTest, AWomansTitleNamesTheWomanOfTheFamily) {
  EntityDictionary dict;
  std::vector<std::string> errors;
  ASSERT_TRUE(dict.LoadString(R"(
[zelenskyy]
type: person
name: Volodymyr Zelensky
alias: Zelensky
[olena_zelenska]
type: person
name: Olena Zelenska
alias: Zelenska
[macron]
type: person
alias: Macron
)",
                              "t", &errors));
  const EntityMatcher matcher(dict);
  const std::string text = "Mrs Zelensky opened the centre; Zelensky spoke.";
  const std::vector<Mention> found = matcher.Match(text, Tokenize(text), "en");
  ASSERT_EQ(found.size(), 2u);
  EXPECT_EQ(matcher.entity(found[0].entity).id, "olena_zelenska");
  EXPECT_FALSE(found[0].ambiguous);
  EXPECT_NE(found[0].evidence.find("'Zelenska' is the feminine form of 'Zelensky'"),
            std::string::npos)
      << found[0].evidence;
  EXPECT_EQ(matcher.entity(found[1].entity).id, "zelenskyy");
  // No woman of the family in the dictionary: his, ambiguous.
  const std::string other = "Mrs Macron visited";
  const std::vector<Mention> macron = matcher.Match(other, Tokenize(other), "en");
  ASSERT_EQ(macron.size(), 1u);
  EXPECT_EQ(matcher.entity(macron[0].entity).id, "macron");
  EXPECT_TRUE(macron[0].ambiguous);
}

// Names whose key has two consonants (Sumy, Kyiv, Shoigu, روسيا): a word
// reaches them only closely, in a cased script only through a spelling in a
// cased script, in an uncased one only with as many letters and through a
// spelling in its own script (or in Latin letters, for Arabic script); alone
// in a text, such a mention is ambiguous, and a capital that opens a
// sentence is no evidence for it.
TEST(ShortKeyTest, ShortNamesAreReachedCloselyAndMarkedWhenAlone) {
  EntityDictionary dict;
  std::vector<std::string> errors;
  ASSERT_TRUE(dict.LoadString(R"(
[sumy]
type: place
alias: Soumy
cased: Sumy | Суми
[shoigu]
type: person
alias: Shoigu | Шойгу
[kyiv]
type: place
alias: Kyiv | Kiev | Київ | كييف | कीव
[russia]
type: place
derived: no
alias: Russia | Rusya | روسيا | रूस
[nato]
type: org
alias: NATO | OTAN
[rutte]
type: person
name: Mark Rutte
alias: Rutte
)",
                              "t", &errors));
  ASSERT_TRUE(errors.empty()) << errors[0];
  const EntityMatcher matcher(dict);
  // "entity:surface" (":?" when ambiguous) for every mention.
  auto found = [&](const std::string& text, const std::string& lang) {
    std::vector<std::string> out;
    for (const Mention& m : matcher.Match(text, Tokenize(text), lang)) {
      EXPECT_EQ(m.ambiguous, m.evidence.find("; ambiguous: ") != std::string::npos);
      out.push_back(matcher.entity(m.entity).id + ":" +
                    text.substr(m.byte_start, m.byte_end - m.byte_start) +
                    (m.ambiguous ? ":?" : ""));
    }
    return out;
  };
  // Romanisations of other languages: Hungarian sz, Turkish ş, Czech š.
  EXPECT_EQ(found("A drónok Szumi városát érték el.", "hu"), (V{"sumy:Szumi:?"}));
  EXPECT_EQ(found("Bakan Sergey Şoygu ve Sergei Šoigu", "tr"),
            (V{"shoigu:Şoygu:?", "shoigu:Šoigu:?"}));
  // Named otherwise in the text, the figure makes its short key likely.
  EXPECT_EQ(found("Shoigu kam. Später sprach Schoigu.", "de"),
            (V{"shoigu:Shoigu", "shoigu:Schoigu"}));
  // Persian and Urdu spellings of Arabic ones: a letter changed, none added.
  EXPECT_EQ(found("مذاکرات روسیه و اوکراین", "fa"), (V{"russia:روسیه:?"}));
  EXPECT_EQ(found("کیئف میں دھماکے", "ur"), (V{"kyiv:کیئف:?"}));
  // Not reached: Arabic "how" (كيف, a letter less than كييف), Hindi
  // "Russian" (रूसी, a letter more than रूस), Turkish "Russian" (Rus, रूस
  // in Latin letters).
  EXPECT_EQ(found("كيف حالك اليوم", "ar"), V{});
  EXPECT_EQ(found("रूसी सेना आगे बढ़ी", "hi"), V{});
  // A Brahmic word against a Latin spelling: as many sounds (Bengali
  // রাশিয়া, "rashiya", r-a-sh-i-a as Russia r-u-ss-i-a).
  EXPECT_EQ(found("রাশিয়া ও ইউক্রেন", "bn"), (V{"russia:রাশিয়া:?"}));
  EXPECT_EQ(found("Rus heyeti geldi", "tr"), V{});
  // A word two edits away needs five letters (Some, Live are not Sumy, Kyiv)...
  EXPECT_EQ(found("Troops came to Some town and Kave", "en"), V{});
  // ...and a capital opening a sentence, another mention of the figure.
  EXPECT_EQ(found("Hubo ataques. Suma y sigue la guerra.", "es"), V{});
  EXPECT_EQ(found("Drones sobre Sumy. Sumi y Járkov resisten.", "es"),
            (V{"sumy:Sumy", "sumy:Sumi"}));
  // Two letters swapped or one doubled is a typo, surer than the sound.
  EXPECT_EQ(found("Kyyiv was calm.", "en"), (V{"kyiv:Kyyiv"}));
  // An acronym said as a word, written by its sound where there are no
  // capitals (Hindi, Urdu); never by key in a cased script.
  EXPECT_EQ(found("नाटो की बैठक", "hi"), (V{"nato:नाटो:?"}));
  EXPECT_EQ(found("نیٹو اجلاس", "ur"), (V{"nato:نیٹو:?"}));
  EXPECT_EQ(found("Nato and Nate", "en"), V{});
  // A doubled consonant written once in Arabic script (Rutte, روٹے); the
  // figure's own first name before a short key names it, in any script.
  EXPECT_EQ(found("سیکریٹری جنرل مارک روٹے نے کہا", "ur"), (V{"rutte:روٹے"}));
  EXPECT_EQ(found("روٹے نے کہا", "ur"), (V{"rutte:روٹے:?"}));
  EXPECT_EQ(found("مارک روته گفت", "fa"), (V{"rutte:روته"}));
  // Turkish writes an apostrophe between a name and its suffix only: a
  // name, even opening a sentence; in another language, no evidence.
  EXPECT_EQ(found("Ordu gece Sumi'ye saldırdı.", "tr"), (V{"sumy:Sumi'ye"}));
  EXPECT_EQ(found("Kiyev’e gitti.", "tr"), (V{"kyiv:Kiyev’e"}));
  EXPECT_EQ(found("Ordu gece Sumi ile geldi.", "tr"), (V{"sumy:Sumi:?"}));
  EXPECT_EQ(found("We saw Sumi's troops.", "en"), (V{"sumy:Sumi's:?"}));
}

// A person's name takes no definite article: an Arabic or Hebrew word with
// one is a common noun, whatever its sound (الفدان, "the feddan", beside
// Fidan); a place may take one.
TEST(MatcherNameKeyTest, APersonsNameTakesNoArticle) {
  EntityDictionary dict;
  std::vector<std::string> errors;
  ASSERT_TRUE(dict.LoadString(R"(
[fidan]
type: person
alias: Фидан
[crimea]
type: place
alias: Krym
)",
                              "t", &errors));
  ASSERT_TRUE(errors.empty()) << errors[0];
  const EntityMatcher matcher(dict);
  const auto found = [&](const std::string& text) {
    std::vector<std::string> out;
    for (const Mention& m : matcher.Match(text, Tokenize(text), "ar")) {
      out.push_back(matcher.entity(m.entity).id + ":" +
                    text.substr(m.byte_start, m.byte_end - m.byte_start));
    }
    return out;
  };
  EXPECT_EQ(found("ارتفع سعر الفدان"), V{});
  EXPECT_EQ(found("ارتفع سعر وبالفدان"), V{});
  EXPECT_EQ(found("التقى فيدان"), V{"fidan:فيدان"});
  EXPECT_EQ(found("وصل وفيدان"), V{"fidan:وفيدان"});
  EXPECT_EQ(found("في القرم"), V{"crimea:القرم"});
}

// "surface:cue" for every ambiguous mention the matcher finds in `text`,
// "surface" for the others.
std::vector<std::string> Marked(const EntityMatcher& matcher, const std::string& text,
                                const std::string& lang) {
  std::vector<std::string> out;
  for (const Mention& m : matcher.Match(text, Tokenize(text), lang)) {
    std::string r = text.substr(m.byte_start, m.byte_end - m.byte_start);
    const std::size_t cue = m.evidence.find("; ambiguous: ");
    EXPECT_EQ(m.ambiguous, cue != std::string::npos) << m.evidence;
    if (m.ambiguous) r += ":" + m.evidence.substr(cue + 13);
    out.push_back(r);
  }
  return out;
}

// The words around a name that suggest someone or something else of that
// name: the mention is kept, marked ambiguous, and the evidence names the
// cue; where the cue is decisive (quotation marks, a plural, another first
// name in a text that names the figure with its own) it is dropped.
TEST(AmbiguityTest, ContextCuesMarkNamesakes) {
  EntityDictionary dict;
  std::vector<std::string> errors;
  ASSERT_TRUE(dict.LoadString(R"(
[erdogan]
type: person
name: Recep Tayyip Erdoğan | Реджеп Тайип Эрдоган
alias: Erdoğan | Эрдоган
[macron]
type: person
name: Emmanuel Macron
alias: Macron
[zelenskyy]
type: person
name: Volodymyr Zelensky
alias: Zelensky
[putin]
type: person
alias: Putin | Putinas
[kellogg]
type: person
name: Keith Kellogg
alias: Kellogg
[moscow]
type: place
alias: Moscow | Москва
[kursk]
type: place
alias: Kursk
[meloni]
type: person
alias: Meloni
[gazprom]
type: org
alias: Gazprom | Газпром
)",
                              "t", &errors));
  ASSERT_TRUE(errors.empty()) << errors[0];
  const EntityMatcher matcher(dict);
  const auto marked = [&](const std::string& text, const std::string& lang) {
    return Marked(matcher, text, lang);
  };
  // Another first name before the surname: the wife, a son, a sister; not
  // the figure where the text names him with his own.
  EXPECT_EQ(marked("Emmanuel Macron et Brigitte Macron", "fr"), (V{"Emmanuel Macron"}));
  EXPECT_EQ(marked("Hier, Brigitte Macron a reçu Emmanuel Macron", "fr"), (V{"Emmanuel Macron"}));
  EXPECT_EQ(marked("Tayyip Erdoğan ve Emine Erdoğan geldi", "tr"), (V{"Erdoğan"}));
  EXPECT_EQ(marked("Dün Emine Erdoğan sergiyi gezdi", "tr"),
            (V{"Erdoğan:after the first name 'Emine', not one of this figure's names"}));
  EXPECT_EQ(marked("Selon elle, Brigitte Macron a parlé", "fr"),
            (V{"Macron:after the first name 'Brigitte', not one of this figure's names"}));
  // A paragraph that names another person of the name, and not the figure
  // by its first name: the surname alone there may be hers.
  const std::string hers = "in a paragraph that names another person of this name, ";
  EXPECT_EQ(
      marked("Emmanuel Macron est à Bruxelles.\nSelon elle, Brigitte Macron a visité une école. "
             "Macron a ensuite parlé aux élèves.",
             "fr"),
      (V{"Emmanuel Macron",
         "Macron:" + hers +
             "'Brigitte Macron', the figure not named by a first name or title since"}));
  EXPECT_EQ(marked("Dün Emine Erdoğan bir okulu ziyaret etti. Erdoğan çocuklarla konuştu.", "tr"),
            (V{"Erdoğan:after the first name 'Emine', not one of this figure's names",
               "Erdoğan:" + hers +
                   "'Emine Erdoğan', the figure not named by a first name or title since"}));
  EXPECT_EQ(marked("Mrs Macron opened the school. Macron spoke to pupils.", "en").back(),
            "Macron:" + hers + "'Mrs Macron', the figure not named by a first name or title since");
  // ...but not once the paragraph names him by a title or his first name,
  // nor in the sentence that names her, nor in another paragraph.
  EXPECT_EQ(
      marked("Selon elle, Brigitte Macron est arrivée. Le président Macron a parlé.", "fr"),
      (V{"Macron:after the first name 'Brigitte', not one of this figure's names", "Macron"}));
  EXPECT_EQ(marked("Dün Emine Erdoğan, Tayyip Erdoğan ile geldi. Erdoğan konuştu.", "tr"),
            (V{"Erdoğan", "Erdoğan"}));  // hers dropped: the text names him by his own
  EXPECT_EQ(marked("Later Emine Erdoğan toured the show with Erdoğan.", "en"),
            (V{"Erdoğan:after the first name 'Emine', not one of this figure's names", "Erdoğan"}));
  EXPECT_EQ(
      marked("Hier, Brigitte Macron a visité une école.\nMacron a parlé à Kyiv.", "fr"),
      (V{"Macron:after the first name 'Brigitte', not one of this figure's names", "Macron"}));
  // A day or a month is no first name; in German every noun is capitalised,
  // so a word there is a doubt, never decisive.
  EXPECT_EQ(marked("Emmanuel Macron left. On Tuesday Macron said no.", "en"),
            (V{"Emmanuel Macron", "Macron"}));
  // An adjective of nationality, capitalised in English, is a doubt.
  EXPECT_EQ(marked("Emmanuel Macron left; the European Macron stayed.", "en"),
            (V{"Emmanuel Macron",
               "Macron:after the first name 'European', not one of this figure's names"}));
  EXPECT_EQ(marked("Recep Tayyip Erdoğan kam an; Gastgeber Erdoğan lächelte.", "de"),
            (V{"Recep Tayyip Erdoğan",
               "Erdoğan:after the first name 'Gastgeber', not one of this figure's names"}));
  // The surname again in another spelling is no first name of his own.
  EXPECT_EQ(marked("Le livre Emmanuel, puis Makron Brigitte Macron", "fr").back(),
            "Macron:after the first name 'Brigitte', not one of this figure's names");
  // ...but not the figure's own first name in another spelling, a title
  // (inflected or a German compound), a word opening a sentence.
  EXPECT_EQ(marked("Tayyip Erdoğan and President Erdoğan", "en"), (V{"Erdoğan", "Erdoğan"}));
  EXPECT_EQ(marked("Der Kremlchef Putin traf den Präsidenten Erdoğan", "de"),
            (V{"Putin", "Erdoğan"}));
  EXPECT_EQ(marked("Встреча. Тайипа Эрдогана ждали", "ru"), (V{"Эрдогана"}));
  EXPECT_EQ(marked("Talks ended. Yesterday Putin spoke.", "en"), (V{"Putin"}));
  // An initial or a patronymic is no other first name.
  EXPECT_EQ(marked("talks with V. Putin and with Vladimirovich Putin", "en"),
            (V{"Putin", "Putin"}));
  EXPECT_EQ(marked("встреча с Владимировичем Эрдоганом", "ru"), (V{"Эрдоганом"}));
  // A woman's title before a man's surname, the dictionary knowing no woman
  // of his family.
  EXPECT_EQ(marked("Mrs Zelensky opened the centre", "en"),
            (V{"Zelensky:after a woman's title, 'Mrs' (his wife or another woman of the "
               "family?)"}));
  // In quotation marks: a ship, a submarine.
  EXPECT_EQ(marked("крейсер «Москва» затонул, в Москве молчат", "ru"), (V{"Москве"}));
  EXPECT_EQ(marked("the submarine \"Kursk\" sank", "en"), V{});
  EXPECT_EQ(marked("das U-Boot „Kursk“ sank vor Kursk", "de"), V{"Kursk"});
  // An organisation's name is quoted as a matter of course in Russian.
  EXPECT_EQ(marked("компания «Газпром» сообщила", "ru"), V{"Газпром"});
  EXPECT_EQ(marked("le croiseur « Moscow » a coulé près de Moscow", "fr"), V{"Moscow"});
  // A quotation of more than the name quotes a sentence, not a name.
  EXPECT_EQ(marked("« Moscow will answer », he said", "en"), V{"Moscow"});
  // Joined by a hyphen to another name that is no mention: an eponym; two
  // figures joined by a hyphen are both mentions.
  EXPECT_EQ(marked("the Kellogg-Briand Pact and the Putin-Zelensky call", "en"),
            (V{"Kellogg:joined by a hyphen to another name, 'Briand'", "Putin", "Zelensky"}));
  // A plural (one edit from the Lithuanian Putinas), a doubt: it may name
  // the family; a capitalised name in lower case in a text that capitalises
  // names.
  EXPECT_EQ(marked("too many Putins in this world", "en"),
            (V{"Putins:a plural, the name used as a common noun"}));
  // ...but not where -s is no plural: the German and Dutch genitive before
  // its noun (after a comma, the plural again); nor a spelling of the
  // figure itself.
  EXPECT_EQ(marked("Putins Sprecher schwieg", "de"), (V{"Putins"}));
  EXPECT_EQ(marked("Poetins woordvoerder zweeg", "nl"), (V{"Poetins"}));
  EXPECT_EQ(marked("zu viele Putins, sagte er", "de"),
            (V{"Putins:a plural, the name used as a common noun"}));
  EXPECT_EQ(marked("tikās ar Putins", "lv"), (V{"Putins"}));
  EXPECT_EQ(marked("Ieri la Meloni ha comprato i meloni", "it"),
            (V{"Meloni", "meloni:written in lower case, as an ordinary word is"}));
}

// A spelling that is also a first name (cased:) right before a capitalised
// word that is no mention: someone else's first name; decisive when the text
// names the figure by its own.
TEST(AmbiguityTest, AFiguresSurnameAsSomeoneElsesFirstName) {
  EntityDictionary dict;
  std::vector<std::string> errors;
  ASSERT_TRUE(dict.LoadString(R"(
[fidan]
type: person
name: Hakan Fidan
cased: Fidan
[rubio]
type: person
name: Marco Rubio
cased: Rubio
)",
                              "t", &errors));
  ASSERT_TRUE(errors.empty()) << errors[0];
  const EntityMatcher matcher(dict);
  const auto marked = [&](const std::string& text, const std::string& lang) {
    return Marked(matcher, text, lang);
  };
  EXPECT_EQ(marked("Bakan Hakan Fidan konuştu. Küratör Fidan Aksoy da geldi.", "tr"),
            (V{"Hakan Fidan"}));
  EXPECT_EQ(marked("Küratör Fidan Aksoy sergiyi açtı.", "tr"),
            (V{"Fidan:before the surname 'Aksoy', the first name of someone else"}));
  // Not before a title, a mention, a day, a word also written in lower
  // case, the figure's own first name, nor across punctuation.
  EXPECT_EQ(marked("Marco Rubio said Rubio Tuesday was busy.", "en"), (V{"Marco Rubio", "Rubio"}));
  EXPECT_EQ(marked("Marco Rubio met Fidan. Rubio, Fidan and the Secretary talked.", "en"),
            (V{"Marco Rubio", "Fidan", "Rubio", "Fidan"}));
  EXPECT_EQ(marked("Dün Fidan Hakan ile görüştü.", "tr"), (V{"Fidan"}));
  EXPECT_EQ(marked("Marco Rubio and the Rubio Administration; the administration said.", "en"),
            (V{"Marco Rubio", "Rubio"}));
}

// A word opening a sentence may be no name; it is one where the language's
// spelling dictionary lists it as a name and not also as a word (skipped per
// language where no dictionary is installed).
TEST(AmbiguityTest, ASentenceOpensWithAFirstNameTheDictionaryLists) {
  EntityDictionary dict;
  std::vector<std::string> errors;
  ASSERT_TRUE(dict.LoadString(R"(
[erdogan]
type: person
name: Recep Tayyip Erdoğan
alias: Erdoğan
[macron]
type: person
name: Emmanuel Macron
alias: Macron
)",
                              "t", &errors));
  ASSERT_TRUE(errors.empty()) << errors[0];
  const EntityMatcher matcher(dict);
  const auto marked = [&](const std::string& text, const std::string& lang) {
    return Marked(matcher, text, lang);
  };
  if (!OrdinaryWordDictionary("tr").empty()) {
    // Emine: a first name (the dictionary also reads it em + -ine); Bugün,
    // "today", a word.
    EXPECT_TRUE(IsListedName("tr", "Emine"));
    EXPECT_FALSE(IsListedName("tr", "Bugün"));
    EXPECT_EQ(marked("Recep Tayyip Erdoğan geldi. Emine Erdoğan da sergiyi gezdi.", "tr"),
              (V{"Recep Tayyip Erdoğan"}));
    EXPECT_EQ(marked("Emine Erdoğan sergiyi gezdi.", "tr"),
              (V{"Erdoğan:after the first name 'Emine', not one of this figure's names"}));
    EXPECT_EQ(marked("Recep Tayyip Erdoğan geldi. Bugün Erdoğan konuştu.", "tr"),
              (V{"Recep Tayyip Erdoğan", "Erdoğan"}));
  }
  if (!OrdinaryWordDictionary("en").empty()) {
    // Winter is a name and a word: no evidence.
    EXPECT_TRUE(IsListedName("en", "Brigitte"));
    EXPECT_FALSE(IsListedName("en", "Winter"));
    EXPECT_FALSE(IsListedName("en", "Yesterday"));
    EXPECT_EQ(marked("Emmanuel Macron spoke. Brigitte Macron smiled.", "en"),
              (V{"Emmanuel Macron"}));
    EXPECT_EQ(marked("Emmanuel Macron spoke. Winter Macron, some call it.", "en"),
              (V{"Emmanuel Macron", "Macron"}));
  }
  // Without the dictionaries (a name typed at search time), no evidence.
  const EntityMatcher unchecked(dict, false);
  EXPECT_EQ(Marked(unchecked, "Emine Erdoğan sergiyi gezdi.", "tr"), (V{"Erdoğan"}));
}

// A person's spelling that is also an ordinary word, opening a sentence where
// bare nouns open sentences, needs another mention of the figure, or an
// office set off by a comma after it.
TEST(AmbiguityTest, AnOfficeAfterANameOpeningASentence) {
  const auto owned = MatcherFor(R"(
[kyslytsya]
type: person
name: Сергій Кислиця
cased: Кислиця
[fidan]
type: person
name: Hakan Fidan
cased: Fidan
[sumy]
type: place
cased: Суми
)");
  const EntityMatcher& matcher = *owned;
  const auto found = [&](const std::string& text, const std::string& lang) {
    V out;
    for (const Mention& m : matcher.Match(text, Tokenize(text), lang)) {
      out.push_back(text.substr(m.byte_start, m.byte_end - m.byte_start));
    }
    return out;
  };
  EXPECT_EQ(found("Кислиця, перший заступник міністра, нагадав про Майдан.", "uk"), V{"Кислиця"});
  EXPECT_EQ(found("Fidan, Dışişleri Bakanı, açıklama yaptı.", "tr"), V{"Fidan"});
  const std::string text = "Кислиця, заступник міністра, прибув.";
  const std::vector<Mention> m = matcher.Match(text, Tokenize(text), "uk");
  ASSERT_EQ(m.size(), 1u);
  EXPECT_NE(m[0].evidence.find("an office after it, 'міністра'"), std::string::npos)
      << m[0].evidence;
  // Not without an office, nor past the end of the apposition, nor for a
  // place.
  EXPECT_EQ(found("Кислиця росте в лісі.", "uk"), V{});
  EXPECT_EQ(found("Кислиця, кажуть, росте. Міністр мовчить.", "uk"), V{});
  EXPECT_EQ(found("Fidan, dün dikildi; bakan geldi.", "tr"), V{});
  EXPECT_EQ(found("Суми, заступник міністра сказав, великі.", "uk"), V{});
}

// A place's or an organisation's spelling that is also an ordinary word,
// before another capitalised word: the first word of another name. Decisive
// where the text names the figure in full.
TEST(AmbiguityTest, AnOrdinaryWordHeadingAnotherName) {
  const auto owned = MatcherFor(R"(
[verkhovna_rada]
type: org
name: Rada Najwyższa Ukrainy | Verkhovna Rada
cased: Rada
[united_nations]
type: org
cased: UN
[ukraine]
type: place
alias: Ukrainy | Ukraine
)");
  const EntityMatcher& matcher = *owned;
  const auto marked = [&](const std::string& text, const std::string& lang) {
    return Marked(matcher, text, lang);
  };
  EXPECT_EQ(marked("Rada Miasta Krakowa przyjęła uchwałę, a Rada Najwyższa Ukrainy budżet.", "pl"),
            (V{"Rada Najwyższa Ukrainy"}));
  EXPECT_EQ(marked("Aktivistica Rada Borić zatražila je pomoć.", "hr"),
            (V{"Rada:the first word of another name, 'Rada Borić'"}));
  // Not before a word in lower case, a mention, a title, nor for an
  // abbreviation; nor in German, which capitalises every noun.
  EXPECT_EQ(marked("W Kijowie Rada uchwaliła budżet.", "pl"), (V{"Rada"}));
  EXPECT_EQ(marked("Przemówienie przed Rada Ukrainy.", "pl"), (V{"Rada", "Ukrainy"}));
  EXPECT_EQ(marked("the UN Security Council met", "en"), (V{"UN"}));
  EXPECT_EQ(marked("Die Rada Abgeordneten stimmten.", "de"), (V{"Rada"}));
}

// Cue words of the dictionary: a namesake's words near a mention make it
// ambiguous, unless the figure's own words weigh as much; inflected cues
// count, short ones only as written; the evidence names the words. A word
// weighs more the closer it is; outweighing the figure's twice from the
// mention's sentence (a word next to it, two in it), they drop it.
TEST(AmbiguityTest, TheDictionarysCueWordsTellANamesake) {
  EntityDictionary dict;
  std::vector<std::string> errors;
  ASSERT_TRUE(dict.LoadString(R"(
[putin]
type: person
name: Vladimir Putin
alias: Putin | Poutine | Путин
namesake-cues: recipe | gravy | dish | cheese curds | рецепт
cues: Kremlin | president
[kyiv]
type: place
alias: Kyiv | Kiev
)",
                              "t", &errors));
  ASSERT_TRUE(errors.empty()) << errors[0];
  const EntityMatcher matcher(dict);
  const auto evidence = [&](const std::string& text, const std::string& lang) {
    std::vector<std::string> out;
    for (const Mention& m : matcher.Match(text, Tokenize(text), lang)) {
      out.push_back(m.ambiguous ? m.evidence.substr(m.evidence.find("ambiguous: ") + 11) : "-");
    }
    return out;
  };
  EXPECT_EQ(evidence("Our Poutine recipes: fries, cheese curds and a dark gravy.", "en"), V{});
  // In other sentences, or one word in the mention's: a doubt.
  EXPECT_EQ(evidence("Poutine arrived. The recipe was old, the cheese curds fresh.", "en"),
            (V{"near 'recipe', 'cheese', 'curds', words of a namesake (3 against 0 of the "
               "figure's own)"}));
  // The figure's own words in its sentence outweigh the namesake's there.
  EXPECT_EQ(evidence("The Kremlin said president Putin liked the dish.", "en"), (V{"-"}));
  // A full name is the figure's, whatever the words around it.
  EXPECT_EQ(evidence("Vladimir Putin's favourite dish: cheese curds", "en"), (V{"-"}));
  // The figure's words as many as the namesake's: the figure.
  EXPECT_EQ(evidence("President Putin skipped the dish at the Kremlin dinner.", "en"), (V{"-"}));
  // Forty words away is another story.
  std::string far = "Putin spoke.";
  for (int i = 0; i < 45; ++i) far += " word";
  far += " The gravy was cold.";
  EXPECT_EQ(evidence(far, "en"), (V{"-"}));
  // A short cue does not reach longer words; a long one takes endings.
  EXPECT_EQ(evidence("Putin dished out blame.", "en"), (V{"-"}));
  EXPECT_EQ(evidence("Путин и рецепты борща", "ru"),
            (V{"near 'рецепты', words of a namesake (1 against 0 of the figure's own)"}));
  // One sense per text: the spelling decided to be the dish elsewhere is the
  // dish again where the namesake's words only raise a doubt; not where the
  // figure's own words are near too, nor another spelling.
  EXPECT_EQ(evidence("A Poutine recipe with gravy and cheese curds. Nothing to do with "
                     "Vladimir Putin. Poutine, the real one, is eaten hot as a dish.",
                     "en"),
            (V{"-"}));
  EXPECT_EQ(evidence("A Poutine recipe with gravy and cheese curds. The Kremlin president "
                     "was not amused. Poutine stays popular.",
                     "en"),
            (V{"near 'curds', 'cheese', 'gravy', words of a namesake (4 against 2 of the "
               "figure's own)"}));
  // An entity without cues is never marked by them.
  EXPECT_EQ(evidence("Kyiv recipe with gravy", "en"), (V{"-"}));
  // Cue lines are part of the dictionary: its hash changes with them.
  EntityDictionary other;
  ASSERT_TRUE(
      other.LoadString("[putin]\ntype: person\nalias: Putin | Poutine | Путин\n", "t", &errors));
  EXPECT_NE(other.ContentHash(), dict.ContentHash());
}

// Former names are matched only when switched on, say so in the evidence,
// and switching them on changes the dictionary's hash (an index tagged
// with them is tagged with other dictionaries); a saved matcher keeps them.
TEST(HistoricalNamesTest, MatchedOnlyWhenSwitchedOn) {
  const std::string text = R"(
[bakhmut]
type: place
alias: Bakhmut | Бахмут
historical: Artemivsk | Артемовск
[kyiv]
type: place
alias: Kyiv
)";
  std::vector<std::string> errors;
  EntityDictionary off, on;
  ASSERT_TRUE(off.LoadString(text, "t", &errors));
  ASSERT_TRUE(on.LoadString(text, "t", &errors));
  ASSERT_TRUE(errors.empty()) << errors[0];
  on.set_historical_names(true);
  EXPECT_NE(off.ContentHash(), on.ContentHash());
  const std::string doc = "Artemivsk, now Bakhmut; в Артемовске";
  const auto found = [&](const EntityMatcher& m) {
    std::vector<std::string> out;
    for (const Mention& x : m.Match(doc, Tokenize(doc), "en")) {
      out.push_back(doc.substr(x.byte_start, x.byte_end - x.byte_start) + ":" + x.evidence);
    }
    return out;
  };
  EXPECT_EQ(found(EntityMatcher(off)), (V{"Bakhmut:alias 'Bakhmut'"}));
  const EntityMatcher with(on);
  const V expected = {"Artemivsk:historical name; alias 'Artemivsk'", "Bakhmut:alias 'Bakhmut'",
                      "Артемовске:historical name; alias 'Артемовск' + ending '-е'"};
  EXPECT_EQ(found(with), expected);
  std::unique_ptr<EntityMatcher> loaded;
  std::string error;
  const std::string saved = with.Save("k");  // the loaded tables point into it
  ASSERT_EQ(EntityMatcher::Load(saved, nullptr, "k", &loaded, &error),
            EntityMatcher::LoadOutcome::kLoaded)
      << error;
  EXPECT_EQ(found(*loaded), expected);
  // Without any historical alias, the switch changes nothing.
  EntityDictionary plain, plain_on;
  ASSERT_TRUE(plain.LoadString("[kyiv]\ntype: place\nalias: Kyiv\n", "t", &errors));
  ASSERT_TRUE(plain_on.LoadString("[kyiv]\ntype: place\nalias: Kyiv\n", "t", &errors));
  plain_on.set_historical_names(true);
  EXPECT_EQ(plain.ContentHash(), plain_on.ContentHash());
}

TEST(GlueTest, ParticlesAndProcliticsAroundNames) {
  EntityDictionary dict;
  std::vector<std::string> errors;
  dict.LoadString("[putin]\nalias: 푸틴 | بوتين | פוטין\n[moscow]\nalias: מוסקבה\n", "t", &errors);
  const EntityMatcher matcher(dict);
  auto surfaces = [&](const std::string& text) {
    std::vector<std::string> out;
    for (const Mention& m : matcher.Match(text, Tokenize(text), "und")) {
      out.push_back(text.substr(m.byte_start, m.byte_end - m.byte_start) + ":" + m.evidence);
    }
    return out;
  };
  // Korean particle after the name; Arabic "and"; Hebrew "that-in" before Moscow.
  EXPECT_EQ(surfaces("푸틴과 만났다"), (V{"푸틴과:alias '푸틴' + ending '-과'"}));
  EXPECT_EQ(surfaces("وبوتين"), (V{"وبوتين:prefix 'و-' + alias 'بوتين'"}));
  EXPECT_EQ(surfaces("שבמוסקבה ופוטין"),
            (V{"שבמוסקבה:prefix 'שב-' + alias 'מוסקבה'", "ופוטין:prefix 'ו-' + alias 'פוטין'"}));
  // A prefix alone, or another word sharing letters, is not the name.
  EXPECT_EQ(surfaces("ו פוטינה"), V{});
}

TEST_F(MatcherTest, TypoNeverWhereAnotherEntityMatchesExactly) {
  // "Zelenska" is one edit from "Zelenskyy"'s neighbours but is Olena's own alias.
  EXPECT_EQ(Find("Zelenska stayed"), (V{"zelenska:Zelenska:exact"}));
}

TEST_F(MatcherTest, LowerCaseOrdinaryWordsAreNotNames) {
  EXPECT_EQ(Find("on a servi une poutine au dîner", "fr"), V{});
  EXPECT_EQ(Find("Poutine a reçu", "fr"), (V{"putin:Poutine:exact"}));
  EXPECT_EQ(Find("wszystkie sumy pieniędzy", "pl"), V{});
  EXPECT_EQ(Find("Sumy region", "en"), (V{"sumy:Sumy:exact"}));
}

TEST_F(MatcherTest, AcronymsNeedCapitals) { EXPECT_EQ(Find("nato members"), V{}); }

TEST_F(MatcherTest, SharedSurnameFollowsTheFullNameNamedEarlier) {
  EXPECT_EQ(Find("Daniil Medvedev won. Medvedev smiled."),
            (V{"daniil_medvedev:Daniil Medvedev:exact", "daniil_medvedev:Medvedev:exact"}));
  EXPECT_EQ(Find("Medvedev threatened Kyiv."),
            (V{"dmitry_medvedev:Medvedev:exact", "kyiv:Kyiv:exact"}));
}

TEST_F(MatcherTest, OffsetsAreCodePointsIntoTheText) {
  const std::string text = "À Kyiv, Зеленський";
  const auto tokens = Tokenize(text);
  const auto mentions = matcher_->Match(text, tokens, "fr");
  ASSERT_EQ(mentions.size(), 2u);
  EXPECT_EQ(mentions[1].cp_start, 8u);
  EXPECT_EQ(mentions[1].cp_end, 18u);
}

TEST_F(MatcherTest, ResolveTypedNamesInAnyScript) {
  const int z = matcher_->Find("zelenskyy");
  for (const char* name : {"Zelensky", "zelensky", "Selenskyj", "Зеленський", "Zelenskij"}) {
    EXPECT_EQ(matcher_->Resolve(name, ""), std::vector<int>{z}) << name;
  }
  EXPECT_EQ(matcher_->Resolve("Olena Zelenska", ""), std::vector<int>{matcher_->Find("zelenska")});
  EXPECT_TRUE(matcher_->Resolve("Zelensky", "place").empty());
  EXPECT_TRUE(matcher_->Resolve("Istanbul", "").empty());
}

TEST_F(MatcherTest, ResolveTypedNamesWithLongEndingsOfOtherLanguages) {
  const int z = matcher_->Find("zelenskyy");
  // Hungarian instrumental and inessive, Finnish genitive + -lla.
  for (const char* name : {"Zelenszkijjel", "Zelenszkijnek", "Zelenskyllä"}) {
    EXPECT_EQ(matcher_->Resolve(name, ""), std::vector<int>{z}) << name;
  }
  EXPECT_TRUE(matcher_->Resolve("Zelenszkijjel", "place").empty());
}

TEST(NameKey, SchemesShareAKey) {
  const std::string key = NameKeys("zelenskyy")[0];
  for (const char* w : {"zelensky", "zelenskiy", "selenskyj", "zelenszkij", "zelenskij"}) {
    const auto keys = NameKeys(w);
    EXPECT_NE(std::find(keys.begin(), keys.end(), key), keys.end()) << w;
  }
  EXPECT_EQ(NameKeys("umerov")[0], NameKeys("oumerov")[0]);
  EXPECT_EQ(NameKeys("umerov")[0], NameKeys("umjerow")[0]);
  EXPECT_EQ(NameKeys("medvedev")[0], NameKeys("medwedew")[0]);
  EXPECT_NE(NameKeys("zelenograd")[0], key);
  // "x" is "ks", or "kh" as Azerbaijani and Uzbek write it.
  const auto xarkiv = NameKeys("xarkiv");
  EXPECT_NE(std::find(xarkiv.begin(), xarkiv.end(), NameKeys("kharkiv")[0]), xarkiv.end());
  const auto alexander = NameKeys("alexander");
  EXPECT_NE(std::find(alexander.begin(), alexander.end(), NameKeys("aleksander")[0]),
            alexander.end());
}

TEST(NameKey, SoundSpellingMergesSchemesAndKeepsVowels) {
  EXPECT_EQ(SoundSpelling("saporoschje"), "SaporoSie");
  EXPECT_EQ(SoundSpelling("zaporizhzhia"), "SaporiSia");
  EXPECT_EQ(SoundSpelling("szirszkij"), SoundSpelling("syrskyi"));
  EXPECT_EQ(SoundSpelling("alexander"), SoundSpelling("aleksander"));
  EXPECT_NE(SoundSpelling("tusk"), SoundSpelling("task"));
}

// Spellings whose letters differ by scheme more than by sound are within
// the name key's edits once compared as heard.
TEST(MatcherNameKeyTest, SchemesCostNoEdits) {
  EntityDictionary dict;
  std::vector<std::string> errors;
  ASSERT_TRUE(dict.LoadString(R"(
[zaporizhzhia]
type: place
alias: Zaporizhzhia | Запоріжжя
[syrskyi]
type: person
alias: Syrskyi | Сирський
)",
                              "t", &errors));
  const EntityMatcher matcher(dict);
  EXPECT_EQ(Found(matcher, "Die Front bei Saporoschje hält.", "de"),
            (V{"zaporizhzhia:Saporoschje:name-key"}));
  EXPECT_EQ(Found(matcher, "Olekszandr Szirszkij tábornok szerint", "hu"),
            (V{"syrskyi:Szirszkij:name-key"}));
  // The vowels still count: Saparischa is too far.
  EXPECT_EQ(Found(matcher, "Die Front bei Saparuschu hält.", "de"), V{});
  // A spelling in an uncased script keeps its romanisation's letters.
  EntityDictionary georgian;
  ASSERT_TRUE(georgian.LoadString("[russia]\ntype: place\nalias: რუსეთი\n", "t", &errors));
  EXPECT_EQ(Found(EntityMatcher(georgian), "Recette du jour", "fr"), V{});
  EXPECT_EQ(Found(EntityMatcher(georgian), "Ruseti", "en"), (V{"russia:Ruseti:name-key"}));
}

TEST(NameKey, AbjadReadings) {
  EXPECT_EQ(AbjadReadings("lauruf"), (V{"lauruf", "lafruf"}));  // لاوروف
  EXPECT_EQ(AbjadReadings("audisa"), (V{"audisa", "udisa"}));   // أوديسا
  EXPECT_EQ(AbjadReadings("butin"), (V{"butin"}));
  EXPECT_EQ(AbjadSkeleton("alqrm"), "alkrm");
  // A doubled consonant once, doubled vowels kept (كييف is not كيف).
  EXPECT_EQ(AbjadSkeleton("rutte"), "ruti");
  EXPECT_EQ(AbjadSkeleton("kiif"), "kiif");
}

TEST(NameKey, HebrewReadings) {
  // Alef before vav carries its vowel; a final bet is soft (Umerov).
  EXPECT_EQ(HebrewReadings("אומרוב"), (V{"aumrub", "umrub", "aumruf", "umruf"}));
  // Pe hard (Putin), soft after the first letter, soft throughout (Fidan).
  EXPECT_EQ(HebrewReadings("פוטין"), (V{"butin", "futin"}));
  EXPECT_EQ(HebrewReadings("פידאן"), (V{"bidan", "fidan"}));
  // A doubled vav is v; a final he is a; a geresh makes ג into j.
  EXPECT_EQ(HebrewReadings("דוויד"), (V{"dfid"}));
  EXPECT_EQ(HebrewReadings("אודסה"), (V{"audsa", "udsa"}));
  EXPECT_EQ(HebrewReadings("ג׳ונסון"), (V{"junsun"}));
  // Not Hebrew: no reading.
  EXPECT_EQ(HebrewReadings("פוטinה"), V{});
}

// Hebrew is an abjad too: a name without a Hebrew spelling in the
// dictionary is found by its consonants, with its prefixes, and the vowel
// letters it writes must fit the spelling's.
TEST(MatcherNameKeyTest, HebrewSpellingsOfForeignNames) {
  const auto owned = MatcherFor(R"(
[umerov]
type: person
alias: Rustem Umerov | Umerov | Умєров
[medinsky]
type: person
alias: Vladimir Medinsky | Medinsky | Мединский
[fidan]
type: person
alias: Hakan Fidan | Fidan | Фидан
[biden]
type: person
alias: Joe Biden | Biden
[putin]
type: person
alias: Vladimir Putin | Putin | Путин
[russia]
type: place
derived: no
alias: Russia | Россия | רוסיה
)");
  const EntityMatcher& matcher = *owned;
  EXPECT_EQ(Found(matcher, "אומרוב עומד בראש המשלחת, ומדינסקי בראש הרוסית.", "he"),
            (V{"umerov:אומרוב:name-key", "medinsky:ומדינסקי:name-key"}));
  // The closest spelling decides: Fidan at no edit, not Biden at one.
  EXPECT_EQ(Found(matcher, "פידאן נפגש עם ביידן", "he"),
            (V{"fidan:פידאן:name-key", "biden:ביידן:name-key"}));
  // A letter for a vowel the name lacks makes another word; an adjective
  // of a country is not the country; ordinary prose names no one.
  EXPECT_EQ(Found(matcher, "פוטינה", "he"), V{});
  EXPECT_EQ(Found(matcher, "הנשיא הרוסי והשגרירים הרוסים", "he"), V{});
  EXPECT_EQ(Found(matcher,
                  "ראש הממשלה אמר כי המצב הביטחוני מחייב החלטות קשות. שר האוצר הציג את "
                  "התקציב, והמשטרה עצרה שלושה חשודים בירושלים.",
                  "he"),
            V{});
}

TEST(NameKey, SyllabarySpellings) {
  EXPECT_EQ(SyllabaryToLatin("ウメロフ"), "umerofu");
  EXPECT_EQ(SyllabaryToLatin("ヴァンス"), "vansu");       // a small kana replaces the vowel
  EXPECT_EQ(SyllabaryToLatin("라브로프"), "rabeuropeu");  // initial ㄹ r, final l
  EXPECT_EQ(SyllabaryToLatin("젤렌스키"), "jelrenseuki");
  EXPECT_TRUE(IsSyllabaryWord("ゼレンスキー"));
  EXPECT_TRUE(IsSyllabaryWord("우메로프가"));
  EXPECT_FALSE(IsSyllabaryWord("ありがとう"));  // hiragana: Japanese words, no foreign names
  EXPECT_FALSE(IsSyllabaryWord("国防相"));
  EXPECT_FALSE(IsSyllabaryWord("Umerov"));
  // The same consonant classes and vowels from a Latin spelling and from
  // the syllabaries' readings without their added vowels.
  EXPECT_EQ(SyllabarySpelling("zelenskyy"), "sIrInskI");
  EXPECT_EQ(SyllabarySpelling("lavrov"), "rAbrUb");
  EXPECT_EQ(SyllabaryReadings("raburofu", false), (V{"rAbUrUbU", "rAbrUb"}));
  EXPECT_EQ(SyllabaryReadings("labeulopeu", true), (V{"rAbIrUbI", "rAbrUb"}));
  EXPECT_EQ(SyllabaryReadings("witokofu", false).back(), SyllabarySpelling("witkoff"));
  EXPECT_EQ(SyllabaryKey("sIrInskI"), "srnsk");
  // Russian names in Japanese: ワ after a vowel is v, ジ is d.
  EXPECT_EQ(SyllabaryReadings("zaharowa", false).back(), SyllabarySpelling("zakharova"));
  EXPECT_EQ(SyllabaryReadings("medobejefu", false).back(), SyllabarySpelling("medvedev"));
}

// Japanese and Korean spell foreign names by their sound: a name without a
// kana or hangul spelling in the dictionary is found through its Latin or
// Cyrillic one; three consonants must fit exactly and stay ambiguous alone;
// loanwords and an organisation's short name are no one.
TEST(MatcherNameKeyTest, KanaAndHangulSpellingsOfForeignNames) {
  const auto owned = MatcherFor(R"(
[umerov]
type: person
alias: Rustem Umerov | Umerov | Умєров
[medinsky]
type: person
alias: Vladimir Medinsky | Medinsky
[lavrov]
type: person
alias: Sergei Lavrov | Lavrov
[kallas]
type: person
alias: Kaja Kallas | Kallas
[belousov]
type: person
alias: Andrei Belousov | Belousov | Beloussow
[kadyrov]
type: person
alias: Ramzan Kadyrov | Kadyrov | Kadyrow
[putin]
type: person
alias: Vladimir Putin | Putin | Poutine
[security_council]
type: org
cased: Совбез
)");
  const EntityMatcher& matcher = *owned;
  EXPECT_EQ(Found(matcher, "ラブロフ外相とウメロフ国防相", "ja"),
            (V{"lavrov:ラブロフ:name-key", "umerov:ウメロフ:name-key"}));
  EXPECT_EQ(Found(matcher, "우메로프가 도착했다. 메딘스키 보좌관.", "ko"),
            (V{"umerov:우메로프가:name-key", "medinsky:메딘스키:name-key"}));
  const std::string text = "カラス上級代表";
  const std::vector<Mention> found = matcher.Match(text, Tokenize(text), "ja");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_TRUE(found[0].ambiguous);
  EXPECT_EQ(Found(matcher, "プレスリリース、プレス、ホテル、パートナー、サービス", "ja"), V{});
  EXPECT_EQ(Found(matcher, "ジャズ、ジーンズ、ワイン、ソフトウェア、ワクチン、メッセージ", "ja"),
            V{});
  EXPECT_EQ(Found(matcher, "서비스, 프로세스, 파트너, 호텔", "ko"), V{});
}

// Japanese word breaks cut katakana by the words of their dictionary
// (マクロン: マクロ "macro" + ン); a run of katakana is read whole, from its
// first token, and the mention covers it.
TEST(MatcherNameKeyTest, AKatakanaRunIsReadAsOneWord) {
  const auto owned = MatcherFor(R"(
[macron]
type: person
alias: Emmanuel Macron | Макрон
[kherson]
type: place
alias: Kherson
)");
  EXPECT_EQ(Found(*owned, "マクロン大統領はヘルソンで語った", "ja"),
            (V{"macron:マクロン:name-key", "kherson:ヘルソン:name-key"}));
  EXPECT_EQ(Found(*owned, "マクロ経済", "ja"), V{});
}

// A Devanagari spelling writes every vowel: an Arabic-script word without its
// final one is another word (ماسک "mask" beside ماسکو, Moscow).
TEST(MatcherNameKeyTest, ADevanagariFinalVowelIsWrittenInArabicScriptToo) {
  const auto owned = MatcherFor("[moscow]\ntype: place\nalias: मास्को\n");
  const EntityMatcher& matcher = *owned;
  EXPECT_EQ(Found(matcher, "ماسکو میں مذاکرات", "ur"), (V{"moscow:ماسکو:name-key"}));
  EXPECT_EQ(Found(matcher, "شہریوں کو ماسک پہننے کی ہدایت", "ur"), V{});
}

// Arabic script writes names its own way: an alef carrying the first vowel,
// vav for v after alef (Persian), qaf for a foreign k.
TEST(MatcherNameKeyTest, AbjadSpellingsOfForeignNames) {
  EntityDictionary dict;
  std::vector<std::string> errors;
  ASSERT_TRUE(dict.LoadString(R"(
[odesa]
type: place
alias: Odesa | Odessa
[lavrov]
type: person
alias: Lavrov | لافروف
[crimea]
type: place
alias: Crimea | Krym
)",
                              "t", &errors));
  const EntityMatcher matcher(dict);
  EXPECT_EQ(Found(matcher, "دیدار لاوروف با وزیر", "fa"), (V{"lavrov:لاوروف:name-key"}));
  EXPECT_EQ(Found(matcher, "انفجارات في القرم", "ar"), (V{"crimea:القرم:name-key"}));
  const std::string text = "أعلنت السلطات في أوديسا";
  const std::vector<Mention> odesa = matcher.Match(text, Tokenize(text), "ar");
  ASSERT_EQ(odesa.size(), 1u);
  EXPECT_EQ(text.substr(odesa[0].byte_start, odesa[0].byte_end - odesa[0].byte_start), "أوديسا");
  EXPECT_TRUE(odesa[0].ambiguous);  // a short key, and Odesa named no other way
}

// Demonyms no rule derives are listed in the dictionary ("demonyms:"); they
// are matched with their endings, as the derived rung, never by sound or typo.
TEST(MatcherDerivedTest, ListedDemonymsAreMatchedWithTheirEndingsOnly) {
  const auto compiled = MatcherFor(R"(
[moscow]
type: place
alias: Moscow | Москва
demonyms: Muscovite
[kyiv]
type: place
alias: Kyiv
derived: no
demonyms: киянин | кияни
)");
  const EntityMatcher& matcher = *compiled;
  EXPECT_EQ(Found(matcher, "Muscovites queued for bread.", "en"), (V{"moscow:Muscovites:derived"}));
  EXPECT_EQ(Found(matcher, "Кияни вийшли на вулиці.", "uk"), (V{"kyiv:Кияни:derived"}));
  // Listing a demonym opts in, even for an entity without derived forms.
  EXPECT_EQ(Found(matcher, "Він киянин.", "uk"), (V{"kyiv:киянин:derived"}));
  // No sound or typo of a demonym: it is no name.
  EXPECT_EQ(Found(matcher, "Muskovitte and Muscovit", "en"), V{});
  const std::string text = "Muscovites queued";
  const std::vector<Mention> m = matcher.Match(text, Tokenize(text), "en");
  ASSERT_EQ(m.size(), 1u);
  EXPECT_EQ(m[0].evidence, "demonym 'Muscovite' + ending '-s'");
}

TEST(NameKey, GreekStopsAndSouthSlavicSoftConsonants) {
  EXPECT_EQ(GreekReadings("mentinski"), (V{"mentinski", "medinski"}));  // Μεντίνσκι
  EXPECT_EQ(GreekReadings("gkaluska"), (V{"gkaluska", "galuska"}));     // Γκαλούσκα
  EXPECT_EQ(GreekReadings("putin"), (V{"putin"}));
  EXPECT_EQ(GreekReadings("oumerof"), (V{"oumerof", "oumerov"}));  // Ουμέροφ
  EXPECT_EQ(GreekReadings("of"), (V{"of"}));
  EXPECT_EQ(NameKeys("navaljni"), NameKeys("navalny"));
  EXPECT_EQ(WithoutSofteningJ("navaljna"), "navalna");
  // Before a vowel the j is heard (Ljubljana), and after other letters.
  EXPECT_EQ(WithoutSofteningJ("ljubljana"), "ljubljana");
  EXPECT_EQ(WithoutSofteningJ("kijev"), "kijev");
  EXPECT_EQ(DevanagariReadings("jelenski"), (V{"jelenski", "zelenski"}));  // जेलेंस्की
  EXPECT_EQ(DutchReadings("sjojgoe"), (V{"sjojgoe", "shojgu"}));
  EXPECT_EQ(DutchReadings("tsjernihiv"), (V{"tsjernihiv", "chernihiv"}));
  EXPECT_EQ(DutchReadings("kyiv"), (V{"kyiv"}));
  // Arabic and Persian تش is ch (كليتشكو "klitshku", Klitschko).
  EXPECT_EQ(NameKeys("klitshku"), NameKeys("klitschku"));
}

// A Hindi page leaving out the nukta (ज for ज़), a Dutch one writing oe for u.
TEST(MatcherNameKeyTest, DevanagariWithoutNuktaAndDutchSpellings) {
  const auto compiled = MatcherFor(R"(
[zelenskyy]
type: person
alias: Zelensky | ज़ेलेंस्की
[kursk]
type: place
alias: Kursk
)");
  const EntityMatcher& matcher = *compiled;
  EXPECT_EQ(Found(matcher, "राष्ट्रपति जेलेंस्की ने कहा", "hi"), (V{"zelenskyy:जेलेंस्की:name-key"}));
  EXPECT_EQ(Found(matcher, "De regio Koersk werd beschoten.", "nl"), (V{"kursk:Koersk:name-key"}));
  // Only in Dutch: German oe is another sound.
  EXPECT_EQ(Found(matcher, "Die Region Koersk", "de"), V{});
}

// Names from other languages as Greek and South Slavic languages write them:
// ντ for d (Μεντίνσκι, Medinsky), lj for a soft l (Navaljni, Navalny), and
// a wife's feminine form that belongs to her, not to him (Navaljna).
TEST(MatcherNameKeyTest, GreekAndSouthSlavicSpellingsOfRussianNames) {
  const auto compiled = MatcherFor(R"(
[medinsky]
type: person
alias: Medinsky
[navalny]
type: person
alias: Navalny | Навальный
[navalnaya]
type: person
alias: Navalnaya | Навальна
)");
  const EntityMatcher& matcher = *compiled;
  EXPECT_EQ(Found(matcher, "Ο Βλαντιμίρ Μεντίνσκι δήλωσε", "el"),
            (V{"medinsky:Μεντίνσκι:name-key"}));
  EXPECT_EQ(Found(matcher, "Oporbeni vođa Navaljni umro je.", "hr"),
            (V{"navalny:Navaljni:name-key"}));
  EXPECT_EQ(Found(matcher, "Udovica Julija Navaljna pozvala je.", "hr"),
            (V{"navalnaya:Navaljna:name-key"}));
  // Read as written too: ντ is also nt (Αντώνης, Antonis).
  EXPECT_EQ(Found(*MatcherFor("[a]\ntype: person\nalias: Antonis\n"), "Ο Αντώνης είπε", "el"),
            (V{"a:Αντώνης:name-key"}));
}

TEST(MatcherTypoTest, CyrillicWordsAreComparedInLatinLettersToo) {
  EntityDictionary dict;
  std::vector<std::string> errors;
  ASSERT_TRUE(
      dict.LoadString("[k]\ntype: person\nlabel: Kovalčuk\nalias: Kovalčuk\n", "t", &errors));
  EntityMatcher matcher(dict);
  const std::string text = "Губернатор Ковальчук сказал журналистам о переговорах";
  const std::vector<Mention> found = matcher.Match(text, Tokenize(text), "ru");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].rung, Rung::kTypo);
  EXPECT_EQ(text.substr(found[0].byte_start, found[0].byte_end - found[0].byte_start), "Ковальчук");
}

TEST(NameKey, PolishCzAndHungarianCsKeyAsCh) {
  const auto keys = NameKeys("kovalchuk");
  for (const char* w : {"kowalczuk", "kovalcsuk", "kowaltschuk"}) {
    EXPECT_NE(std::find(keys.begin(), keys.end(), NameKeys(w)[0]), keys.end()) << w;
  }
  EXPECT_NE(NameKeys("kovalcuk")[0], NameKeys("kovalczuk")[0]);  // a plain c stays k
}

TEST(NameKey, AmbiguousChHasBothReadings) {
  const auto keys = NameKeys("cherson");
  const auto kherson = NameKeys("kherson")[0];
  EXPECT_NE(std::find(keys.begin(), keys.end(), kherson), keys.end());
}

// The reference for rungs 1 and 2: every alias tried at every word position
// by brute force, longest then lowest rung then least stripped; no tables.
struct RefMention {
  std::size_t first, last;
  std::string entity;
  int rung;
  bool cased = false;  // matched through a "cased:" spelling (not compared)
  bool operator==(const RefMention& o) const {
    return first == o.first && last == o.last && entity == o.entity && rung == o.rung;
  }
};

int RefWordRung(const Token& t, const std::string& alias_norm, const std::string& lang, int* strip,
                std::string* ending) {
  if (t.norm == alias_norm) {
    *strip = 0;
    return 1;
  }
  std::u32string a;
  for (std::size_t i = 0; i < alias_norm.size();) a.push_back(DecodeUtf8(alias_norm, &i));
  for (int k = 0; k <= 2; ++k) {
    if (k > 0 && (a.size() <= 3 || !IsStemFinalVowel(a.back()))) break;
    if (k > 0) a.pop_back();
    std::string stem;
    for (char32_t c : a) AppendUtf8(c, &stem);
    for (const std::string& e : InflectionEndings(lang, t.script)) {
      if (t.norm == stem + e && a.size() >= 3) {
        *strip = k;
        *ending = e;
        return 2;
      }
    }
  }
  return 0;
}

bool EndsWith(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() &&
         s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// A person's name ending in -a is feminine; these endings say which gender.
bool RefGenderClash(const std::string& alias_norm, const std::string& ending) {
  static const std::set<std::string> masculine = {
      "ego", "iego", "emu", "iemu", "eho", "ho", "mu", "ym",  "im",  "ovi", "owi", "em", "om",
      "ого", "его",  "ому", "ему",  "им",  "ім", "ым", "ові", "еві", "ом",  "ем",  "ём"};
  static const std::set<std::string> feminine = {"iej", "ej", "ou", "ой", "ої",
                                                 "ую",  "ою", "ей", "ія"};
  const bool fem_name =
      alias_norm.back() == 'a' || EndsWith(alias_norm, "а") || EndsWith(alias_norm, "я");
  return fem_name ? masculine.count(ending) > 0 : feminine.count(ending) > 0;
}

std::vector<RefMention> ReferenceMatch(const EntityDictionary& dict, const std::string& text,
                                       const std::vector<Token>& tokens, const std::string& lang) {
  std::vector<std::size_t> words;
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    if (tokens[i].kind == TokenKind::kWord) words.push_back(i);
  }
  std::vector<RefMention> out;
  for (std::size_t p = 0; p < words.size();) {
    std::size_t best_len = 0;
    int best_rung = 9, best_strip = 9, best_clash = 9;
    std::vector<bool> best_cased;
    std::vector<const Entity*> best;
    for (const Entity& e : dict.entities()) {
      for (const Alias& a : e.aliases) {
        std::vector<Token> at;
        for (const Token& t : Tokenize(a.text)) {
          if (t.indexed()) at.push_back(t);
        }
        if (at.empty() || p + at.size() > words.size()) continue;
        int rung = 1, strip = 0, clash = 0;
        bool ok = true;
        for (std::size_t k = 0; k < at.size() && ok; ++k) {
          const Token& dt = tokens[words[p + k]];
          int s = 0;
          std::string ending;
          const int r = RefWordRung(dt, at[k].norm, lang, &s, &ending);
          // Capitals are needed for "cased:" aliases, and for endings on a
          // capitalised alias; an exact uncased alias matches in any case.
          const bool caps_needed = a.cased || (at[k].capitalized && r == 2);
          const bool acronym = at[k].all_caps && at[k].norm.size() <= 5;
          ok =
              r > 0 && (!caps_needed || dt.capitalized || dt.all_caps) && (!acronym || dt.all_caps);
          rung = std::max(rung, r);
          strip += s;
          if (r == 2 && k + 1 == at.size() && e.type == "person" &&
              RefGenderClash(at[k].norm, ending)) {
            clash = 1;
          }
        }
        if (!ok) continue;
        const auto key = std::make_tuple(-static_cast<long>(at.size()), rung, clash, strip);
        const auto best_key =
            std::make_tuple(-static_cast<long>(best_len), best_rung, best_clash, best_strip);
        if (key < best_key) {
          best.clear();
          best_cased.clear();
          best_len = at.size();
          best_rung = rung;
          best_clash = clash;
          best_strip = strip;
        }
        if (key ==
                std::make_tuple(-static_cast<long>(best_len), best_rung, best_clash, best_strip) &&
            std::find(best.begin(), best.end(), &e) == best.end()) {
          best.push_back(&e);
          best_cased.push_back(a.cased);
        }
      }
    }
    if (best.empty()) {
      ++p;
      continue;
    }
    std::size_t chosen = 0;
    for (std::size_t i = 0; i < best.size(); ++i) {
      if (best.size() > 1 && best[i]->is_default) {
        chosen = i;
        break;
      }
    }
    out.push_back({words[p], words[p + best_len - 1], best[chosen]->id, best_rung,
                   best_cased[chosen] && best_len == 1});
    p += best_len;
  }
  // Languages without articles: a "cased:" spelling that only opens
  // sentences needs another mention of its entity in the text.
  const std::set<std::string> no_articles = {"pl", "cs", "ru", "uk", "tr", "fi", "lt", "und"};
  if (!no_articles.count(lang)) return out;
  auto opens_sentence = [&](std::size_t token) {
    if (token == 0) return true;
    const std::string gap = text.substr(tokens[token - 1].byte_end,
                                        tokens[token].byte_start - tokens[token - 1].byte_end);
    return gap.find_first_of(".!?:\n") != std::string::npos;
  };
  std::vector<RefMention> kept;
  for (const RefMention& m : out) {
    bool other = !(m.cased && opens_sentence(m.first) && !tokens[m.first].all_caps);
    for (const RefMention& n : out) {
      if (&n != &m && n.entity == m.entity &&
          !(n.cased && opens_sentence(n.first) && !tokens[n.first].all_caps)) {
        other = true;
      }
    }
    if (other) kept.push_back(m);
  }
  return kept;
}

TEST_F(MatcherTest, AgreesWithReferenceOnGeneratedText) {
  // Names and inflected names among capitalised and lower-case filler words;
  // no full names, so shared surnames resolve to the default in both.
  const std::vector<std::string> names = {
      "Zelenskyy",  "Zełenskiego", "Putina", "Putinem",     "Moskva",   "Moskvy",
      "Kiev",       "Kiewa",       "OTAN",   "Medinskiemu", "Zelenska", "Zelenskiej",
      "Selenskyjs", "Путина",      "Москве", "Зеленського", "Київ",     "Medvedev",
      "Medwedewa",  "Sumy",        "sumy",   "poutine",     "NATO"};
  const std::vector<std::string> filler = {"the",    "talks", "Ukraine",  "said", "und",    "na",
                                           "Berlin", "w",     "Istanbul", "и",    "встреча"};
  std::mt19937 rng(42);
  for (const std::string lang : {"pl", "ru", "de", "en", "cs"}) {
    for (int round = 0; round < 60; ++round) {
      std::string text;
      for (int w = 0; w < 25; ++w) {
        const bool name = rng() % 3 == 0;
        const auto& pool = name ? names : filler;
        text += pool[rng() % pool.size()] + (rng() % 7 == 0 ? ". " : " ");
      }
      const std::vector<Token> tokens = Tokenize(text);
      std::vector<RefMention> got;
      for (const Mention& m : matcher_->Match(text, tokens, lang)) {
        if (m.rung == Rung::kExact || m.rung == Rung::kInflected) {
          got.push_back({m.first_token, m.last_token, matcher_->entity(m.entity).id,
                         static_cast<int>(m.rung)});
        }
      }
      const std::vector<RefMention> want = ReferenceMatch(dict_, text, tokens, lang);
      ASSERT_EQ(got.size(), want.size()) << lang << ": " << text;
      for (std::size_t i = 0; i < got.size(); ++i) {
        EXPECT_EQ(got[i], want[i]) << lang << ": " << text << " at mention " << i << " ("
                                   << got[i].entity << " vs " << want[i].entity << ")";
      }
    }
  }
}

// The whole word and its stem share a name key when the case ending is all
// vowels; the whole word failing the edit budget must not keep the stem from
// being tried (Umirowa: too far from Umerov, its stem Umirow is not).
TEST(MatcherNameKeyTest, StemIsTriedAfterTheWholeWordFails) {
  EntityDictionary dict;
  std::vector<std::string> errors;
  ASSERT_TRUE(dict.LoadString("[umerov]\ntype: person\nlabel: Rustem Umerov\nalias: Umerov\n",
                              "test", &errors));
  EntityMatcher matcher(dict);
  const std::string text = "Kalbėjo su Umirowa vakar.";
  const std::vector<Mention> found = matcher.Match(text, Tokenize(text), "lt");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(text.substr(found[0].byte_start, found[0].byte_end - found[0].byte_start), "Umirowa");
  EXPECT_EQ(found[0].rung, Rung::kNameKey);
}

}  // namespace
}  // namespace concord::lang
