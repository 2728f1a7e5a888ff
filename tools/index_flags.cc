#include "tools/index_flags.h"

#include <cstdlib>
#include <cxxopts.hpp>
#include <set>

namespace concord::cli {
namespace {

// The error concord-index prints for bad flags (exit status 2).
Status Usage(const std::string& message) { return Status(Code::kInvalidArgument, message); }

const char* kHelpTail =
    "Reads text, HTML, RSS/Atom, JSON Lines, WARC(.gz), gzip, tar(.gz) and zip;\n"
    "directories are walked recursively and each file's content decides its\n"
    "format. Re-running re-reads only files whose size, time or content\n"
    "changed, and removes the documents of files that disappeared.\n"
    "A database is a set of segments listed by DB/XAPIANDB: each run writes\n"
    "its new files as a new segment, one writer per core, and segments of\n"
    "similar size are merged as they accumulate (docs/architecture.md).\n"
    "With --shards N each file goes to the shard its path hashes to, and the\n"
    "shards are indexed in parallel; concord-search --db DB searches them as\n"
    "one (docs/scaling.md).\n"
    "Entity tagging reads each article's language's spelling dictionary\n"
    "(Hunspell: $CONCORD_DICTIONARY_PATH, /usr/share/hunspell) so that an\n"
    "ordinary word is never taken for a misspelt name (docs/entities.md).\n"
    "One concord-index writes a database at a time: another one fails at\n"
    "once (exit 2), or with --wait waits for the first to finish.\n"
    "Exit status: 0 done (problems are warned about), 2 error,\n"
    "3 warnings with --strict, 130 interrupted (what was read is committed).\n";

}  // namespace

Status ParseIndexFlags(int argc, char** argv, IndexConfig* config) {
  cxxopts::Options options("concord-index",
                           "Index text files and directories into a concord database.");
  options.positional_help("PATH...");
  options.add_options()("db", "database directory (default $CONCORD_DB or ./concord.db)",
                        cxxopts::value<std::string>())(
      "entities", "extra entity dictionary file (repeatable)",
      cxxopts::value<std::vector<std::string>>())("no-entities", "do not tag entity mentions")(
      "historical-names",
      "also tag the former names the dictionaries mark historical: (Artemivsk for Bakhmut)")(
      "retag",
      "re-tag every stored document with the current dictionaries "
      "(no sources are read)")(
      "field", "JSON Lines field mapping, e.g. text=body or date=meta.published (repeatable)",
      cxxopts::value<std::vector<std::string>>())("no-prune",
                                                  "keep the documents of files that disappeared")(
      "verify",
      "also compare the content of files whose size and time look unchanged "
      "(after restoring from a backup, cp -p, rsync -t)")(
      "strict", "exit with status 3 when anything was warned about")(
      "batch-mb", "commit after about this many MB of text (fractions allowed)",
      cxxopts::value<double>()->default_value("4"))(
      "shards",
      "create the database as N shards (DB/shard-000.., searched as one "
      "through DB/XAPIANDB); later runs keep N",
      cxxopts::value<std::size_t>())(
      "stem-terms",
      "write each word's stem into every document (Z terms), as before the stem "
      "table: for a database to be served by xapian-tcpsrv, which cannot read the "
      "stem table; about a quarter slower and an eighth larger")(
      "jobs",
      "writers at once: the builders of a run's new segment, or the shards "
      "indexed at once (default: one per core)",
      cxxopts::value<std::size_t>())(
      "optimize",
      "merge every segment of the database into one compact segment (after "
      "indexing the PATHs, if any)")("merge",
                                     "compact the shards of --db into one new database at --out")(
      "out", "with --merge: the new database", cxxopts::value<std::string>())(
      "wait",
      "when another concord-index holds the database, wait for it to finish, "
      "up to SECONDS (--wait=SECONDS; --wait alone: no limit)",
      cxxopts::value<std::string>()->implicit_value("forever"),
      "SECONDS")("q,quiet", "no progress line; warnings and the summary only")(
      "version", "print the version and exit")("h,help", "show this help")(
      "paths", "files or directories to index", cxxopts::value<std::vector<std::string>>());
  options.parse_positional({"paths"});
  try {
    auto result = options.parse(argc, argv);
    config->version = result.count("version") > 0;
    config->help = result.count("help") > 0;
    if (config->help) config->help_text = options.help() + "\n" + kHelpTail;
    if (config->version || config->help) return Status();
    if (result.count("db")) config->db = result["db"].as<std::string>();
    config->quiet = result.count("quiet") > 0;
    config->strict = result.count("strict") > 0;
    config->prune = result.count("no-prune") == 0;
    config->verify = result.count("verify") > 0;
    const double batch_mb = result["batch-mb"].as<double>();
    if (!(batch_mb >= 0.01 && batch_mb <= 1e6)) {
      return Usage("--batch-mb must be between 0.01 and 1000000");
    }
    config->batch_bytes = static_cast<std::size_t>(batch_mb * (1u << 20));
    if (result.count("field")) {
      for (const std::string& f : result["field"].as<std::vector<std::string>>()) {
        const std::size_t eq = f.find('=');
        static const std::set<std::string> kFields = {"id",  "title", "date", "source",
                                                      "url", "lang",  "text"};
        if (eq == std::string::npos || !kFields.count(f.substr(0, eq)) || eq + 1 == f.size()) {
          return Usage("--field " + f +
                       ": expected FIELD=KEY with FIELD one of id, title, date, source, url, "
                       "lang, text");
        }
        config->jsonl_fields.emplace_back(f.substr(0, eq), f.substr(eq + 1));
      }
    }
    config->retag = result.count("retag") > 0;
    config->tag_entities = result.count("no-entities") == 0;
    config->historical_names = result.count("historical-names") > 0;
    config->stem_terms = result.count("stem-terms") > 0;
    if (result.count("entities")) {
      config->entity_files = result["entities"].as<std::vector<std::string>>();
    }
    if (result.count("paths")) config->paths = result["paths"].as<std::vector<std::string>>();
    if (result.count("wait")) {
      const std::string w = result["wait"].as<std::string>();
      char* end = nullptr;
      config->wait_seconds = w == "forever" ? -1 : std::strtod(w.c_str(), &end);
      if (w != "forever" && (end == w.c_str() || *end || !(config->wait_seconds >= 0))) {
        return Usage("--wait=" + w + ": expected a number of seconds");
      }
    }
    if (result.count("shards")) {
      config->shards = result["shards"].as<std::size_t>();
      if (config->shards < 1 || config->shards > 1000) {
        return Usage("--shards must be between 1 and 1000");
      }
    }
    if (result.count("jobs")) config->jobs = result["jobs"].as<std::size_t>();
    config->merge = result.count("merge") > 0;
    config->optimize = result.count("optimize") > 0;
    if (result.count("out")) config->out = result["out"].as<std::string>();
  } catch (const cxxopts::exceptions::exception& e) {
    return Usage(
        std::string(e.what()) +
        " (a PATH that starts with '-' goes after --: concord-index --db DB -- -file.txt)");
  }
  if (config->retag && !config->tag_entities) {
    return Usage("--retag and --no-entities contradict each other");
  }
  if (config->merge && (config->out.empty() || !config->paths.empty() || config->retag)) {
    return Usage("--merge takes --db and --out only");
  }
  if (!config->out.empty() && !config->merge) {
    return Usage("--out goes with --merge");
  }
  if (config->optimize && config->merge) {
    return Usage("--optimize and --merge are different jobs: --merge writes a new database");
  }
  if (config->paths.empty() && !config->retag && !config->merge && !config->optimize) {
    return Usage("no PATH given (try --help)");
  }
  return Status();
}

}  // namespace concord::cli
