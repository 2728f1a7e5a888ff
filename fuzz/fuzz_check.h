#ifndef CONCORD_FUZZ_FUZZ_CHECK_H_
#define CONCORD_FUZZ_FUZZ_CHECK_H_

#include <cstdio>
#include <cstdlib>

// A property every fuzz target checks: on failure it says which one and where,
// then aborts so that libFuzzer (or the replay driver) records the input.
// Active in every build type: unlike assert(), NDEBUG does not turn it off.
#define FUZZ_CHECK(cond)                                                              \
  do {                                                                                \
    if (!(cond)) {                                                                    \
      std::fprintf(stderr, "%s:%d: FUZZ_CHECK failed: %s\n", __FILE__, __LINE__, #cond); \
      std::fflush(stderr);                                                            \
      std::abort();                                                                   \
    }                                                                                 \
  } while (0)

#endif  // CONCORD_FUZZ_FUZZ_CHECK_H_
