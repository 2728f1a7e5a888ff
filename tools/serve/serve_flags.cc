#include "tools/serve/serve_flags.h"

#include <cxxopts.hpp>

namespace concord::serve {
namespace {

Status Usage(const std::string& message) { return Status(Code::kInvalidArgument, message); }

const char* kHelpTail =
    "Serves a local web page over a concord database: search with facets, every\n"
    "mention of figures as a keyword-in-context table with an attention chart, the\n"
    "documents, downloads (CSV, JSON Lines) and a JSON API whose bodies are what\n"
    "concord-search --format jsonl/json prints. Read-only. It listens on 127.0.0.1\n"
    "unless --listen says otherwise; anyone who can reach the address can read the\n"
    "whole archive. On start it prints one line, 'concord-serve: listening on\n"
    "http://HOST:PORT/'. SIGINT or SIGTERM stop it (exit status 0); bad flags or a\n"
    "database that cannot be opened: one line on stderr, exit status 2.\n";

// A port number 0..65535 (0: any free port).
bool ParsePort(const std::string& text, int* port) {
  if (text.empty() || text.size() > 5) return false;
  int v = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  if (v > 65535) return false;
  *port = v;
  return true;
}

}  // namespace

Status ParseServeFlags(int argc, char** argv, ServeConfig* config) {
  cxxopts::Options options("concord-serve", "A local web page over a concord database.");
  options.add_options()("db",
                        "database directory, directory of shards or stub file; repeat to search "
                        "several as one (default $CONCORD_DB or ./concord.db)",
                        cxxopts::value<std::vector<std::string>>())(
      "port", "TCP port (0: any free port)", cxxopts::value<std::string>()->default_value("8080"))(
      "listen", "address to listen on (other than loopback: reachable from the network)",
      cxxopts::value<std::string>()->default_value("127.0.0.1"))(
      "entities", "extra entity dictionary file (repeatable)",
      cxxopts::value<std::vector<std::string>>())(
      "historical-names",
      "also match the former names the dictionaries mark historical: (Artemivsk for Bakhmut)")(
      "version", "print the version and exit")("h,help", "show this help");
  try {
    auto r = options.parse(argc, argv);
    config->version = r.count("version") > 0;
    config->help = r.count("help") > 0;
    if (config->help) config->help_text = options.help() + "\n" + kHelpTail;
    if (config->version || config->help) return Status();
    if (!r.unmatched().empty()) return Usage("unexpected argument '" + r.unmatched()[0] + "'");
    if (r.count("db")) config->dbs = r["db"].as<std::vector<std::string>>();
    if (r.count("entities")) config->entity_files = r["entities"].as<std::vector<std::string>>();
    config->historical_names = r.count("historical-names") > 0;
    const std::string port = r["port"].as<std::string>();
    if (!ParsePort(port, &config->port)) {
      return Usage("--port takes a number from 0 to 65535, not '" + port + "'");
    }
    config->listen = r["listen"].as<std::string>();
    if (config->listen.empty()) return Usage("--listen needs an address, e.g. 127.0.0.1");
  } catch (const cxxopts::exceptions::exception& e) {
    return Usage(e.what());
  }
  for (const std::string& db : config->dbs) {
    if (db.empty()) return Usage("--db needs a path");
  }
  return Status();
}

}  // namespace concord::serve
