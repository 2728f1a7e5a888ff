// concord-serve: a local web page over a concord database (search, every
// mention, charts, downloads, a JSON API). A thin shell: flags are parsed
// into ServeConfig, validated, and handed to the server (tools/serve/).
#include <iostream>

#include "concord/concord.hpp"
#include "tools/serve/serve_flags.h"
#include "tools/serve/server.h"

int main(int argc, char** argv) {
  concord::serve::ServeConfig config;
  if (auto s = concord::serve::ParseServeFlags(argc, argv, &config); !s.ok()) {
    std::cerr << "concord-serve: " << s.message() << "\n";
    return 2;
  }
  if (config.version) {
    std::cout << "concord-serve " CONCORD_VERSION_STRING "\n";
    return 0;
  }
  if (config.help) {
    std::cout << config.help_text;
    return 0;
  }
  return concord::serve::RunServer(config);
}
