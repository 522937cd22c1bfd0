#!/usr/bin/env bash
# Instructions per request of a valid lint against the serde_json floor, counted by callgrind
# (repeatable on a busy machine, unlike wall time). Needs valgrind (Debian package `valgrind`).
set -euo pipefail
cd "$(dirname "$0")/.."
cargo bench --bench instructions --no-run -q 2>/dev/null
bin=$(ls -t target/release/deps/instructions-* | grep -v '\.d$' | head -n 1)
count() { valgrind --tool=callgrind --callgrind-out-file=/dev/null "$bin" "$1" 2>&1 | sed -n 's/.*refs: *//p' | tr -d ,; }
none=$(count none); floor=$(count floor); lint=$(count lint)
awk -v n="$none" -v f="$floor" -v l="$lint" 'BEGIN {
  fp = (f - n) / 10000; lp = (l - n) / 10000
  printf "floor (serde_json parse): %d instructions per request\n", fp
  printf "reqlint lint (valid):     %d instructions per request (%.2fx the floor)\n", lp, lp / fp
}'
