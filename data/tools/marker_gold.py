#!/usr/bin/env python3
"""Resolves the hand-labelled tone-marker sets of tests/markers/ into one
gold JSONL file that `stimmung eval` reads (`id`, `kinds`, `text`, and
`file`, the label file a row came from).

Most label files hold ids only, naming texts of ../shared/data, whose
licences keep them out of this repository; this joins them again, as the
tests in tests/markers.rs do. `web_blind_labels.tsv` names web pages whose
texts are not stored anywhere here, so it is left out.

    python3 data/tools/marker_gold.py [../shared/data] > /tmp/marker_gold.jsonl
    cargo run --release -- eval /tmp/marker_gold.jsonl --errors 20
"""
import csv
import glob
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
LABELS = os.path.join(HERE, "..", "..", "tests", "markers")
csv.field_size_limit(1 << 30)


def shared_texts(data_dir):
    """(set, id) -> text for every ../shared/data set; rows are also
    named `row:N` (the N-th after the header), as filmstarts' ids are
    pages shared by several reviews."""
    texts = {}
    for path in sorted(glob.glob(os.path.join(data_dir, "*.tsv"))):
        name = os.path.basename(path)[:-4]
        with open(path, encoding="utf-8") as f:
            next(f, None)
            for n, line in enumerate(f):
                cols = line.rstrip("\n").split("\t", 2)
                if len(cols) == 3:
                    texts[(name, cols[0])] = cols[2]
                    texts[(name, f"row:{n}")] = cols[2]
    return texts


def main():
    data_dir = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "..", "..", "..", "shared", "data")
    texts = shared_texts(data_dir)
    out = sys.stdout
    for path in sorted(glob.glob(os.path.join(LABELS, "*.tsv"))):
        name = os.path.basename(path)
        if name.startswith("web_"):
            continue
        with open(path, encoding="utf-8") as f:
            lines = [l.rstrip("\n") for l in f if l.strip()]
        header = lines[0].split("\t")
        for n, line in enumerate(lines[1:]):
            cols = line.split("\t")
            if header == ["id", "kinds", "text"]:
                rid, kinds, text = cols[0], cols[1], "\t".join(cols[2:])
            elif header == ["id", "kinds"]:
                rid, kinds = cols
                text = texts.get(("germeval2017_dev", rid))
            elif header == ["set", "id", "kinds"]:
                rid, kinds = cols[1], cols[2]
                text = texts.get((cols[0], rid))
                rid = f"{cols[0]}:{rid}"
            else:
                sys.exit(f"{name}: unknown header {header}")
            if text is None:
                sys.exit(f"{name}: row {n + 1} ({rid}) is not in {data_dir}")
            json.dump({"id": f"{name}:{n + 1}:{rid}", "file": name, "kinds": kinds, "text": text},
                      out, ensure_ascii=False)
            out.write("\n")


if __name__ == "__main__":
    main()
