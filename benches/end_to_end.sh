#!/usr/bin/env bash
# End-to-end throughput of `stimmung score` (JSONL in, JSONL out, all markers
# on): builds a JSONL corpus of the given sizes from the real German texts in
# data/ (PotTS sample, seed comments), then reports MB/s and peak RSS for one
# and two threads. Needs GNU time (/usr/bin/time) and python3.
#
#   bash benches/end_to_end.sh            # 13 MB and 100 MB
#   bash benches/end_to_end.sh 5 20       # other sizes, in MB
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -gt 0 ] && sizes=("$@") || sizes=(13 100)
cargo build --release --quiet
bin=target/release/stimmung
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for mb in "${sizes[@]}"; do
  python3 - "$mb" "$tmp/corpus-$mb.jsonl" <<'PY'
import json, sys
target = int(sys.argv[1]) * 1_000_000
texts = [l.split("\t", 2)[2] for l in open("data/potts_sample.tsv", encoding="utf-8").read().splitlines()[1:] if l.count("\t") >= 2]
texts += [json.loads(l)["text"] for l in open("data/seed_comments.jsonl", encoding="utf-8")]
with open(sys.argv[2], "w", encoding="utf-8") as out:
    size = i = 0
    while size < target:
        line = json.dumps({"id": i, "text": texts[i % len(texts)]}, ensure_ascii=False) + "\n"
        out.write(line)
        size += len(line.encode())
        i += 1
PY
  bytes=$(stat -c %s "$tmp/corpus-$mb.jsonl")
  for threads in 1 2; do
    /usr/bin/time -f "%e %M" -o "$tmp/time" "$bin" --threads "$threads" score "$tmp/corpus-$mb.jsonl" > /dev/null
    read -r secs kb < "$tmp/time"
    python3 -c "import sys; b,s,k=int(sys.argv[1]),float(sys.argv[2]),int(sys.argv[3]); print(f'{b/1e6:8.1f} MB  threads={sys.argv[4]}  {s:6.2f} s  {b/1e6/s:6.2f} MB/s  peak RSS {k/1024:6.1f} MiB')" "$bytes" "$secs" "$kb" "$threads"
  done
done
