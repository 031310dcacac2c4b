#!/usr/bin/env bash
# End-to-end throughput of `stimmung score` (JSONL in, JSONL out, all markers
# on): builds JSONL corpora of the given sizes from real German texts and
# reports MB/s and peak RSS for one and two threads, and beside the
# two-thread speed-up what two independent one-thread runs gain on this
# machine (its cores may be shared with other machines). Needs GNU time
# (/usr/bin/time) and python3.
#
#   bash benches/end_to_end.sh            # 13 MB and 100 MB
#   bash benches/end_to_end.sh 5 20       # other sizes, in MB
#   RUNS=9 bash benches/end_to_end.sh     # runs per thread count (5)
#
# Two corpora, both made so that records rarely repeat, as in a real dump
# (a corpus that cycles a few thousand texts flags nine records in ten as
# repeated spam and hits the word caches on every word after the first pass,
# which flatters the speed):
#   bundled  two texts of data/ (PotTS sample, seed comments) per record,
#            drawn at random with a fixed seed: ~2,000 texts, short tweets;
#   shared   one or two texts of ../shared/data/*.tsv per record (tweets,
#            Deutsche Bahn feedback, film reviews, Wikipedia): ~26,000
#            texts with a far larger vocabulary and long reviews. Local
#            evaluation data, never copied into the repository; skipped
#            when the folder is absent.
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -gt 0 ] && sizes=("$@") || sizes=(13 100)
runs=${RUNS:-5}
cargo build --release --quiet
bin=target/release/stimmung
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
corpora=(bundled)
if [ -d ../shared/data ]; then
  corpora+=(shared)
else
  echo "../shared/data is absent: only the bundled corpus is measured" >&2
fi
for corpus in "${corpora[@]}"; do
  for mb in "${sizes[@]}"; do
    out="$tmp/$corpus-$mb.jsonl"
    python3 - "$corpus" "$mb" "$out" <<'PY'
import glob, json, random, sys
corpus, target, path = sys.argv[1], int(sys.argv[2]) * 1_000_000, sys.argv[3]
rng = random.Random(5)
def tsv_texts(pattern):
    for name in sorted(glob.glob(pattern)):
        for line in open(name, encoding="utf-8").read().splitlines()[1:]:
            parts = line.split("\t", 2)
            if len(parts) == 3 and parts[2].strip():
                yield parts[2]
if corpus == "bundled":
    texts = list(tsv_texts("data/potts_sample.tsv"))
    texts += [json.loads(l)["text"] for l in open("data/seed_comments.jsonl", encoding="utf-8")]
    pick = lambda: rng.choice(texts) + " " + rng.choice(texts)
else:
    texts = list(tsv_texts("../shared/data/*.tsv"))
    pick = lambda: rng.choice(texts) + (" " + rng.choice(texts) if rng.random() < 0.5 else "")
with open(path, "w", encoding="utf-8") as out:
    size = i = 0
    while size < target:
        line = json.dumps({"id": i, "text": pick()}, ensure_ascii=False) + "\n"
        out.write(line)
        size += len(line.encode())
        i += 1
PY
    bytes=$(stat -c %s "$out")
    # Each thread count is run $runs times, alternating, and the median
    # reported with the range: these machines share their cores, and a
    # single run may be a third slower than the next.
    : > "$tmp/times"
    for _ in $(seq "$runs"); do
      for threads in 1 2; do
        /usr/bin/time -f "%e %M" -o "$tmp/time" "$bin" --threads "$threads" score "$out" > /dev/null
        echo "$threads $(cat "$tmp/time")" >> "$tmp/times"
      done
      # What the machine itself gives two threads: two independent
      # one-thread runs at once (the best two threads of one run can do).
      start=$(date +%s.%N)
      "$bin" --threads 1 score "$out" > /dev/null &
      "$bin" --threads 1 score "$out" > /dev/null
      wait
      echo "pair $(python3 -c "import sys; print(f'{float(sys.argv[2]) - float(sys.argv[1]):.3f}')" "$start" "$(date +%s.%N)") 0" >> "$tmp/times"
    done
    python3 - "$corpus" "$bytes" "$tmp/times" <<'PY'
import statistics, sys
corpus, mb, runs = sys.argv[1], int(sys.argv[2]) / 1e6, {}
for line in open(sys.argv[3]):
    threads, secs, kb = line.split()
    runs.setdefault(threads, []).append((float(secs), int(kb)))
median = {}
pair = runs.pop("pair", None)
for threads, r in sorted(runs.items()):
    secs = sorted(s for s, _ in r)
    median[threads] = statistics.median(secs)
    rss = max(k for _, k in r) / 1024
    print(f"{corpus:8} {mb:6.1f} MB  threads={threads}  median {median[threads]:6.2f} s"
          f"  {mb / median[threads]:6.2f} MB/s (runs {mb / secs[-1]:.1f}-{mb / secs[0]:.1f})"
          f"  peak RSS {rss:6.1f} MiB")
if "1" in median and "2" in median:
    ratio = median["1"] / median["2"]
    line = f"{corpus:8} {mb:6.1f} MB  two threads / one: {ratio:.2f}x"
    if pair:
        machine = 2 * median["1"] / statistics.median(s for s, _ in pair)
        line += f"; two one-thread runs at once: {machine:.2f}x (the machine's own scaling)"
    print(line)
PY
  done
done
