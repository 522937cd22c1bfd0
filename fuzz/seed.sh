#!/usr/bin/env bash
# Seeds each fuzz target's corpus (corpus/<target>/, not committed) from the fixtures and the
# bundled examples, in the form the target reads: a selector byte first where it takes one.
set -euo pipefail
cd "$(dirname "$0")"
root=..
seed() { # target, selector byte ("" for none), files...
  local target=$1 selector=$2; shift 2
  mkdir -p "corpus/$target"
  for f in "$@"; do
    [ -f "$f" ] || continue
    local out="corpus/$target/$(printf '%s' "$f" | md5sum | cut -c1-16)"
    { [ -n "$selector" ] && printf "\\x$selector"; cat "$f"; } > "$out"
  done
}
mapfile -t json < <(find "$root/fixtures" "$root/examples" -name '*.json' -o -name '*.jsonc')
mapfile -t http < <(find "$root/fixtures" "$root/examples" -name '*.http')
mapfile -t tf < <(find "$root/fixtures" -name '*.tf' -o -name '*.tfvars')
mapfile -t tfjson < <(find "$root/fixtures/terraform" -name '*.json')
mapfile -t pkrhcl < <(find "$root/fixtures/packer" -name '*.pkr.hcl' -o -name '*.pkrvars.hcl')
mapfile -t pkrjson < <(find "$root/fixtures/packer" -name '*.json')
mapfile -t sh < <(find "$root/fixtures/shell" -type f ! -name '*.expected')
mapfile -t ros < <(find "$root/fixtures/ros" -type f ! -name '*.expected')
for s in 00 01 02 03 04 05 06 07 08 09 0a 0b 0c 0d 0e; do seed lint "$s" "${json[@]}"; done
for s in 05 0a; do seed lint "$s" "${http[@]}"; done
seed http_split "" "${http[@]}"
seed terraform "" "${tf[@]}"
seed terraform_json "" "${tfjson[@]}"
seed packer 00 "${pkrhcl[@]}"
seed packer 01 "${pkrjson[@]}"
seed shell "" "${sh[@]}"
seed ros "" "${ros[@]}"
# The plan target wraps its input as `resource_changes`: seed it with the plans' arrays.
mkdir -p corpus/plan
for f in "${tfjson[@]}"; do
  python3 -c 'import json,sys
d=json.load(open(sys.argv[1]))
if isinstance(d, dict) and "resource_changes" in d: print(json.dumps(d["resource_changes"], indent=1))' "$f" \
    > "corpus/plan/$(printf '%s' "$f" | md5sum | cut -c1-16)" 2>/dev/null || true
done
find corpus/plan -empty -delete
for t in corpus/*; do echo "$t: $(ls "$t" | wc -l) seeds"; done
