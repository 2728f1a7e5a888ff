#ifndef CONCORD_TESTS_TOOLS_RUN_PARSER_H_
#define CONCORD_TESTS_TOOLS_RUN_PARSER_H_

#include <string>
#include <vector>

#include "concord/status.hpp"

namespace concord::cli {

// Runs a program's flag parser (ParseSearchFlags, ParseIndexFlags) on
// `args` as if typed after the program's name.
template <typename Config>
Status RunParser(Status (*parse)(int, char**, Config*), std::vector<std::string> args,
                 Config* config) {
  args.insert(args.begin(), "program");
  std::vector<char*> argv;
  for (std::string& a : args) argv.push_back(a.data());
  return parse(static_cast<int>(argv.size()), argv.data(), config);
}

}  // namespace concord::cli

#endif  // CONCORD_TESTS_TOOLS_RUN_PARSER_H_
