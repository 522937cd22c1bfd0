#!/usr/bin/env bash
# Whole-process comparison: reqlint (on all cores) against the floor of reading and parsing the
# same files with serde_json alone on one thread (`benches/process.rs floor`; a floor on all
# cores would credit reqlint with the cores), with hyperfine (Debian package `hyperfine`) and
# GNU time (`time`). Prints Markdown tables. Takes about two minutes.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v hyperfine >/dev/null || { echo "install hyperfine (apt-get install hyperfine)"; exit 2; }
cargo build --release -q
cargo bench --bench process --no-run -q 2>/dev/null
tool=$(ls -t target/release/deps/process-* | grep -v '\.d$' | head -n 1)
reqlint=target/release/reqlint
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for n in 200 2000 20000; do "$tool" corpus "$work/$n" "$n"; done
"$tool" http "$work/big.http" 10
"$tool" tf-corpus "$work/tf" 2000

echo "## 2,000 Terraform files with image resources ($(nproc) cores)"
hyperfine -N -i --warmup 2 --style basic --export-markdown "$work/t0.md" \
  -n "floor: read + hcl-edit parse, one thread" "$tool hcl-floor $work/tf" \
  -n "reqlint check" "$reqlint check --format concise $work/tf" > /dev/null
cat "$work/t0.md"
echo

echo "## 2,000 files, four APIs, one in four invalid ($(nproc) cores)"
hyperfine -N -i --warmup 2 --style basic --export-markdown "$work/t1.md" \
  -n "floor: read + serde_json parse, one thread" "$tool floor $work/2000" \
  -n "reqlint check" "$reqlint check --format concise $work/2000" > /dev/null
cat "$work/t1.md"

echo; echo "## Scaling: 200 / 2,000 / 20,000 files"
hyperfine -N -i --warmup 1 --style basic --export-markdown "$work/t2.md" \
  -n "200" "$reqlint check --format concise $work/200" \
  -n "2000" "$reqlint check --format concise $work/2000" \
  -n "20000" "$reqlint check --format concise $work/20000" > /dev/null
cat "$work/t2.md"

echo; echo "## One small file, end to end (process start included)"
hyperfine -N --warmup 5 --style basic --export-markdown "$work/t3.md" \
  -n "reqlint check (1 file)" "$reqlint check fixtures/huawei-ims-create-image/valid/seed-s002-3.json" > /dev/null
cat "$work/t3.md"

echo; echo "## 10 MB .http file of $(grep -c '^###' "$work/big.http") requests"
hyperfine -N -i --warmup 1 --style basic --export-json "$work/t4.json" --export-markdown "$work/t4.md" \
  -n "reqlint check big.http" "$reqlint check --format concise $work/big.http" > /dev/null
cat "$work/t4.md"
python3 - "$work/t4.json" "$work/big.http" <<'PY'
import json, os, sys
mean = json.load(open(sys.argv[1]))["results"][0]["mean"]
mb = os.path.getsize(sys.argv[2]) / 1e6
print(f"\nthroughput: {mb / mean:.0f} MB/s")
PY

echo; echo "## Peak memory (2,000 files)"
for cmd in "$tool floor $work/2000" "$reqlint check --format concise $work/2000"; do
  /usr/bin/time -f "%M KB  $cmd" $cmd > /dev/null 2> "$work/mem" || true
  tail -n 1 "$work/mem" | sed "s|$work|DIR|; s|target/release/deps/process-[0-9a-f]*|floor|"
done
