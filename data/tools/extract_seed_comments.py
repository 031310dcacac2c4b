#!/usr/bin/env python3
"""Builds data/seed_comments.jsonl from the comments of the seed blog posts.

    python3 data/tools/extract_seed_comments.py ../shared/seeds > data/seed_comments.jsonl

A comment starts with its number at some indentation ("  2. ", "    1. ");
deeper indentation is a reply to the last comment one level up. A line that
is only a URL is the commenter's link (kept as `author_url`).
"""
import json
import re
import sys
from pathlib import Path

ITEM = re.compile(r"^(\s+)(\d+)\. (.*)$")
END = re.compile(r"^(Leave A Comment|Hinterlasse einen Kommentar)")


def comments(path):
    lines = path.read_text(encoding="utf-8").split("\n")
    title = lines[0].strip()
    post = path.name.split("_")[0]
    out, stack, cur = [], [], None
    for line in lines:
        if END.match(line):
            break
        m = ITEM.match(line)
        if m:
            depth = len(m.group(1)) // 2
            stack = stack[: depth - 1] + [m.group(2)]
            parent = f"{post}-{'.'.join(stack[:-1])}" if len(stack) > 1 else None
            cur = {"id": f"{post}-{'.'.join(stack)}", "parent": parent, "post": title,
                   "text": m.group(3).strip(), "author_url": None}
            out.append(cur)
        elif cur is not None and line.strip():
            s = line.strip()
            if re.fullmatch(r"https?://\S+", s):
                cur["author_url"] = s
            else:
                cur["text"] += "\n" + s
    return out


def main():
    seeds = Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/seeds")
    for path in sorted(seeds.glob("*.txt")):
        for c in comments(path):
            print(json.dumps(c, ensure_ascii=False))


if __name__ == "__main__":
    main()
