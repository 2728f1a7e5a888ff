#!/usr/bin/env bash
# Installs the built tree into a temporary prefix, then builds and runs the
# consumer against the installed package twice: with CMake's find_package and
# with pkg-config; also compiles and runs the example of docs/library.md.
# usage: run.sh BUILD_DIR SOURCE_DIR
set -euo pipefail
build=$1
src=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
prefix=$work/prefix
cmake --install "$build" --prefix "$prefix" >/dev/null
libdir=$(find "$prefix" -name 'libconcord.so' -printf '%h\n' | head -1)

# The example from docs/library.md, exactly as printed there.
awk '/^```cpp$/{on=1; next} /^```$/{on=0} on' "$src/docs/library.md" > "$work/doc_example.cc"

mkdir -p "$work/articles"
printf 'Zelensky met Erdogan in Istanbul.\n' > "$work/articles/a.txt"
printf 'Зеленський і Умєров у Стамбулі.\n' > "$work/articles/b.txt"
printf 'Talks about the weather.\n' > "$work/articles/c.txt"

echo "== find_package"
cmake -S "$src/tests/consumer" -B "$work/cmake-build" -DCMAKE_PREFIX_PATH="$prefix" \
      -DDOC_EXAMPLE="$work/doc_example.cc" >/dev/null
cmake --build "$work/cmake-build" -j2 >/dev/null
"$work/cmake-build/consumer" "$work/db1" "$work/articles"
"$work/cmake-build/doc_example" "$work/db-doc" "$work/articles"

echo "== pkg-config"
export PKG_CONFIG_PATH=$libdir/pkgconfig
g++ -std=c++17 "$src/tests/consumer/main.cc" -o "$work/consumer-pc" \
    $(pkg-config --cflags --libs concord) -Wl,-rpath,"$libdir"
"$work/consumer-pc" "$work/db2" "$work/articles"

echo "== static archive (pkg-config concord-static)"
g++ -std=c++17 "$src/tests/consumer/main.cc" -o "$work/consumer-static" \
    $(pkg-config --cflags --libs concord-static)
if ldd "$work/consumer-static" | grep -q libconcord; then
  echo "concord-static links libconcord.so" >&2
  exit 1
fi
"$work/consumer-static" "$work/db3" "$work/articles"

echo "== exported symbols"
if nm -C --defined-only -D "$libdir/libconcord.so" | awk '{ $1=""; $2=""; print }' |
   grep -v '^ *concord::' | grep -q .; then
  echo "libconcord.so exports symbols outside concord::" >&2
  exit 1
fi
echo ok
