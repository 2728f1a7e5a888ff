#ifndef CONCORD_TOOLS_SERVE_SERVER_H_
#define CONCORD_TOOLS_SERVE_SERVER_H_

#include "tools/serve/serve_flags.h"

namespace concord::serve {

// Opens the databases, listens, prints "concord-serve: listening on
// http://HOST:PORT/" on stdout and serves until SIGINT or SIGTERM. Returns
// the exit status: 0 after a signal, 2 when the databases, the dictionaries
// or the address cannot be used (one line on stderr says why).
int RunServer(const ServeConfig& config);

}  // namespace concord::serve

#endif  // CONCORD_TOOLS_SERVE_SERVER_H_
