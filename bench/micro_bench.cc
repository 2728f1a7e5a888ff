// Microbenchmarks of concord's hot paths: tokenising (with the folding cache
// warm and cold), word folding, entity matching and query parsing.
//
//   build/bin/concord_micro_bench [--benchmark_min_time=0.2] [--benchmark_filter=Match]
//
// Throughput is reported in bytes of input per second. English text is read
// from corpus/samples/*.txt; the French and Cyrillic paragraphs are below.

#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "corpus/article.h"
#include "corpus/reader.h"
#include "indexer/document_builder.h"
#include "lang/entity_dictionary.h"
#include "lang/entity_matcher.h"
#include "lang/language_id.h"
#include "lang/normalize.h"
#include "lang/tokenizer.h"
#include "query/query_parser.h"

namespace {

namespace fs = std::filesystem;
using concord::corpus::Article;

// News-style French prose, written for this benchmark (accents, elisions,
// entity names and their French spellings).
constexpr std::string_view kFrenchParagraph =
    "Les délégations russe et ukrainienne se sont retrouvées lundi à Istanbul pour un "
    "deuxième cycle de pourparlers directs, au palais de Ciragan, sous l'égide de la "
    "diplomatie turque. Selon le ministre ukrainien de la Défense, Roustem Oumerov, Kyiv "
    "a remis à Moscou un mémorandum qui prévoit un cessez-le-feu complet et inconditionnel "
    "d'au moins trente jours. Le chef de la délégation russe, Vladimir Medinski, a déclaré "
    "qu'un nouvel échange de prisonniers aurait lieu dans les prochains jours. Volodymyr "
    "Zelensky a jugé que la Russie n'avait fait aucune proposition sérieuse, tandis que le "
    "Kremlin affirmait qu'il était « trop tôt » pour envisager une rencontre entre Poutine et "
    "le président ukrainien. À Washington, Donald Trump s'est dit prêt à intervenir si les "
    "discussions échouaient, alors que les Européens préparent un nouveau paquet de "
    "sanctions. L'Organisation du traité de l'Atlantique nord (OTAN) doit se réunir à La Haye "
    "à la fin du mois ; Emmanuel Macron et Friedrich Merz y plaideront pour un soutien accru "
    "à l'Ukraine.\n\n";

// Ukrainian and Russian sentences, written for this benchmark (case endings of
// names: Зеленського, Путіна, Києва, Стамбулі).
constexpr std::string_view kCyrillicParagraph =
    "Делегації України та Росії у понеділок провели другий раунд прямих переговорів у "
    "Стамбулі. Міністр оборони Рустем Умєров заявив, що Київ передав російській стороні "
    "меморандум про повне припинення вогню щонайменше на тридцять днів. Президент "
    "Володимир Зеленський наголосив, що зустріч Зеленського і Путіна можлива лише після "
    "перемир'я. Речник Кремля Дмитро Пєсков сказав, що Москва вивчає пропозиції Києва. "
    "Российская делегация во главе с Владимиром Мединским предложила обменять пленных по "
    "формуле «шесть тысяч на шесть тысяч». Министр иностранных дел Сергей Лавров заявил, "
    "что Россия готова продолжить переговоры в Стамбуле, а Дональд Трамп призвал стороны "
    "как можно скорее договориться о прекращении огня. Верховна Рада України ухвалила "
    "заяву щодо обміну полоненими та повернення депортованих дітей.\n\n";

// Queries as users type them (docs/query-language.md).
const std::vector<std::string>& Queries() {
  static const auto* queries = new std::vector<std::string>{
      "Zelensky",
      "Zelensky Putin",
      "Zelensky AND Putin",
      "Zelensky OR Zelenskyy",
      "(Zelensky OR Putin) Istanbul",
      "\"peace talks\"",
      "\"Volodymyr Zelensky\" NEAR/3 Putin",
      "Zelensky NEAR Putin -Trump",
      "title:\"peace talks\" date:2025-06",
      "title:negotiat* lang:uk",
      "person:Zelensky date:2025-06-01..2025-06-05",
      "entity:istanbul source:Reuters",
      "a -b NEAR c OR lang:uk date:2025-06",
      "ceasefire AND (memorandum OR \"prisoner exchange\") NOT Kremlin",
      "Зеленський OR Зеленского",
      "l'OTAN Poutine cessez-le-feu",
      "date:..2025-06-05 Medinsky",
      "Zelenskyy-Putin meeting date:2024..2025-03",
      "drone* NEAR/5 Kharkiv OR drone* NEAR/5 Odesa",
      "negotiat* -\"Istanbul talks\" NOT (Trump OR Witkoff)",
  };
  return *queries;
}

// The sample articles (corpus/samples/*.txt), as the indexer reads them.
const std::vector<Article>& SampleArticles() {
  static const auto* articles = [] {
    auto* out = new std::vector<Article>;
    std::vector<std::string> paths;
    for (const auto& entry : fs::directory_iterator(CONCORD_SOURCE_DIR "/corpus/samples")) {
      if (entry.path().extension() == ".txt") paths.push_back(entry.path().string());
    }
    std::sort(paths.begin(), paths.end());
    for (const std::string& path : paths) {
      concord::corpus::CollectingSink sink;
      std::string error;
      if (!concord::corpus::ReadFile(path, concord::corpus::ReadOptions(), &sink, &error)) {
        std::fprintf(stderr, "micro_bench: %s: %s\n", path.c_str(), error.c_str());
        continue;
      }
      for (Article& a : sink.articles) {
        if (a.lang.empty()) a.lang = "en";
        out->push_back(std::move(a));
      }
    }
    if (out->empty()) {
      std::fprintf(stderr, "micro_bench: no articles in corpus/samples\n");
      std::exit(1);
    }
    return out;
  }();
  return *articles;
}

// Text in each language, without repetition (so that a cold cache stays cold
// for more than a paragraph): all the sample articles (English, ~33 KB), the
// French paragraph (~1 KB), the Cyrillic paragraph (~1.5 KB).
const std::string& Text(int language) {
  static const auto* texts = [] {
    std::string english;
    for (const Article& a : SampleArticles()) english.append(a.text).append("\n\n");
    return new std::vector<std::string>{english, std::string(kFrenchParagraph),
                                        std::string(kCyrillicParagraph)};
  }();
  return (*texts)[language];
}

const char* const kLanguageNames[] = {"English", "French", "Cyrillic"};

const concord::lang::EntityMatcher& Matcher() {
  static const auto* matcher = [] {
    concord::lang::EntityDictionary dictionary;
    std::vector<std::string> errors;
    if (!concord::lang::LoadBuiltinEntities(&dictionary, &errors)) {
      std::fprintf(stderr, "micro_bench: cannot load the built-in entities\n");
      std::exit(1);
    }
    return new concord::lang::EntityMatcher(dictionary);
  }();
  return *matcher;
}

// Tokenize() with the per-thread tokenizer and a warm folding cache: the
// steady state of an indexing thread.
void BM_Tokenize(benchmark::State& state) {
  const std::string& text = Text(static_cast<int>(state.range(0)));
  state.SetLabel(kLanguageNames[state.range(0)]);
  benchmark::DoNotOptimize(concord::lang::Tokenize(text));  // warms the cache
  for (auto _ : state) {
    std::vector<concord::lang::Token> tokens = concord::lang::Tokenize(text);
    benchmark::DoNotOptimize(tokens.data());
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) *
                          static_cast<int64_t>(text.size()));
}
BENCHMARK(BM_Tokenize)->DenseRange(0, 2);

// CPU time of the calling thread, in seconds.
double ThreadCpuSeconds() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

// The same text tokenised by a thread that has never folded a word: its
// FoldWord cache (thread_local) starts empty. Only Tokenize() is timed (the
// worker's CPU time, like the other benchmarks), not starting the thread or
// building its Tokenizer.
void BM_TokenizeColdCache(benchmark::State& state) {
  const std::string& text = Text(static_cast<int>(state.range(0)));
  state.SetLabel(kLanguageNames[state.range(0)]);
  for (auto _ : state) {
    double seconds = 0;
    std::thread worker([&text, &seconds] {
      concord::lang::Tokenizer tokenizer;
      const double start = ThreadCpuSeconds();
      std::vector<concord::lang::Token> tokens = tokenizer.Tokenize(text);
      seconds = ThreadCpuSeconds() - start;
      benchmark::DoNotOptimize(tokens.data());
    });
    worker.join();
    state.SetIterationTime(seconds);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) *
                          static_cast<int64_t>(text.size()));
}
BENCHMARK(BM_TokenizeColdCache)->DenseRange(0, 2)->UseManualTime();

// The words of one text, as the tokenizer cuts them.
std::vector<std::string> Words(int language) {
  const std::string& text = Text(language);
  std::vector<std::string> words;
  for (const concord::lang::Token& t : concord::lang::Tokenize(text)) {
    words.emplace_back(t.surface(text));
  }
  return words;
}

template <std::string (*Fold)(std::string_view)>
void FoldWords(benchmark::State& state) {
  const std::vector<std::string> words = Words(static_cast<int>(state.range(0)));
  state.SetLabel(kLanguageNames[state.range(0)]);
  int64_t bytes = 0;
  for (const std::string& w : words) bytes += static_cast<int64_t>(w.size());
  for (const std::string& w : words) benchmark::DoNotOptimize(Fold(w));  // warm
  for (auto _ : state) {
    for (const std::string& w : words) {
      std::string folded = Fold(w);
      benchmark::DoNotOptimize(folded.data());
    }
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) * bytes);
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * words.size()));
}

// FoldWord (per-thread cache for non-ASCII words) against the uncached fold.
void BM_FoldWord(benchmark::State& state) { FoldWords<concord::lang::FoldWord>(state); }
void BM_FoldWordUncached(benchmark::State& state) {
  FoldWords<concord::lang::FoldWordUncached>(state);
}
BENCHMARK(BM_FoldWord)->DenseRange(0, 2);
BENCHMARK(BM_FoldWordUncached)->DenseRange(0, 2);

// EntityMatcher::Match over the sample articles (tokens computed beforehand),
// with the built-in dictionary.
void BM_EntityMatch(benchmark::State& state) {
  const concord::lang::EntityMatcher& matcher = Matcher();
  const std::vector<Article>& articles = SampleArticles();
  std::vector<std::vector<concord::lang::Token>> tokens;
  int64_t bytes = 0;
  for (const Article& a : articles) {
    tokens.push_back(concord::lang::Tokenize(a.text));
    bytes += static_cast<int64_t>(a.text.size());
  }
  // Once before timing: the spelling dictionaries a language needs are
  // loaded once per process (lang/ordinary_words.h), not per article.
  for (std::size_t i = 0; i < articles.size(); ++i) {
    matcher.Match(articles[i].text, tokens[i], articles[i].lang);
  }
  std::size_t mentions = 0;
  for (auto _ : state) {
    mentions = 0;
    for (std::size_t i = 0; i < articles.size(); ++i) {
      mentions += matcher.Match(articles[i].text, tokens[i], articles[i].lang).size();
    }
    benchmark::DoNotOptimize(mentions);
  }
  state.counters["articles"] = static_cast<double>(articles.size());
  state.counters["mentions"] = static_cast<double>(mentions);
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) * bytes);
}
BENCHMARK(BM_EntityMatch);

// Match over the French and Cyrillic paragraphs (French spellings, case endings).
void BM_EntityMatchText(benchmark::State& state) {
  const concord::lang::EntityMatcher& matcher = Matcher();
  const int language = static_cast<int>(state.range(0));
  state.SetLabel(kLanguageNames[language]);
  const std::string text(language == 1 ? kFrenchParagraph : kCyrillicParagraph);
  const char* lang = language == 1 ? "fr" : "uk";
  const std::vector<concord::lang::Token> tokens = concord::lang::Tokenize(text);
  matcher.Match(text, tokens, lang);  // loads the language's dictionary, as above
  std::size_t mentions = 0;
  for (auto _ : state) {
    mentions = matcher.Match(text, tokens, lang).size();
    benchmark::DoNotOptimize(mentions);
  }
  state.counters["mentions"] = static_cast<double>(mentions);
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) *
                          static_cast<int64_t>(text.size()));
}
BENCHMARK(BM_EntityMatchText)->DenseRange(1, 2);

// Tokenize + Match: the per-article analysis cost of indexing.
void BM_TokenizeAndMatch(benchmark::State& state) {
  const concord::lang::EntityMatcher& matcher = Matcher();
  const std::vector<Article>& articles = SampleArticles();
  int64_t bytes = 0;
  for (const Article& a : articles) {
    bytes += static_cast<int64_t>(a.text.size());
    matcher.Match(a.text, concord::lang::Tokenize(a.text), a.lang);  // as above
  }
  for (auto _ : state) {
    std::size_t mentions = 0;
    for (const Article& a : articles) {
      mentions += matcher.Match(a.text, concord::lang::Tokenize(a.text), a.lang).size();
    }
    benchmark::DoNotOptimize(mentions);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) * bytes);
}
BENCHMARK(BM_TokenizeAndMatch);

// DocumentBuilder::Build: the terms, positions, stems and values of each
// sample article (its language detected, as the indexer does), without the
// entity mentions (BM_TokenizeAndMatch) and without writing.
void BM_BuildDocument(benchmark::State& state) {
  std::vector<Article> articles = SampleArticles();
  std::vector<std::vector<concord::lang::Token>> tokens;
  int64_t bytes = 0;
  for (Article& a : articles) {
    if (a.lang.empty()) a.lang = concord::lang::DetectLanguage(a.text);
    tokens.push_back(concord::lang::Tokenize(a.text));
    bytes += static_cast<int64_t>(a.text.size());
  }
  concord::indexer::DocumentBuilder builder;
  for (std::size_t i = 0; i < articles.size(); ++i) builder.Build(articles[i], "f", tokens[i], {});
  for (auto _ : state) {
    std::size_t terms = 0;
    for (std::size_t i = 0; i < articles.size(); ++i) {
      terms += builder.Build(articles[i], "f", tokens[i], {}).termlist_count();
    }
    benchmark::DoNotOptimize(terms);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) * bytes);
}
BENCHMARK(BM_BuildDocument);

void BM_ParseQuery(benchmark::State& state) {
  const std::vector<std::string>& queries = Queries();
  int64_t bytes = 0;
  for (const std::string& q : queries) {
    if (!concord::query::ParseQuery(q).ok()) {
      state.SkipWithError(("query does not parse: " + q).c_str());
      return;
    }
    bytes += static_cast<int64_t>(q.size());
  }
  for (auto _ : state) {
    for (const std::string& q : queries) {
      concord::query::ParseResult r = concord::query::ParseQuery(q);
      benchmark::DoNotOptimize(r.root.get());
    }
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) * bytes);
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * queries.size()));
}
BENCHMARK(BM_ParseQuery);

}  // namespace

BENCHMARK_MAIN();
