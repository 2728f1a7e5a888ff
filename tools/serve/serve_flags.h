#ifndef CONCORD_TOOLS_SERVE_SERVE_FLAGS_H_
#define CONCORD_TOOLS_SERVE_SERVE_FLAGS_H_

#include <string>
#include <vector>

#include "concord/concord.hpp"

namespace concord::serve {

// concord-serve's flags, parsed and validated.
struct ServeConfig {
  bool help = false;     // --help: print help_text and stop
  bool version = false;  // --version: print the version and stop
  std::string help_text;
  std::vector<std::string> dbs;      // empty: $CONCORD_DB or ./concord.db
  std::string listen = "127.0.0.1";  // address to bind; loopback unless asked
  int port = 8080;                   // 0: any free port (the printed URL says which)
  std::vector<std::string> entity_files;
  bool historical_names = false;  // --historical-names
};

// Parses and validates concord-serve's arguments into *config: no I/O, no
// exit. A bad flag is Code::kInvalidArgument with the message to print
// (exit status 2).
Status ParseServeFlags(int argc, char** argv, ServeConfig* config);

}  // namespace concord::serve

#endif  // CONCORD_TOOLS_SERVE_SERVE_FLAGS_H_
