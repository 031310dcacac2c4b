#!/usr/bin/env python3
"""Writes data/seed_comments.wxr (a WordPress WXR 1.2 export) from
data/seed_comments.jsonl, so the sample dump exists in both formats:

    python3 data/tools/jsonl_to_wxr.py data/seed_comments.jsonl > data/seed_comments.wxr
"""
import json
import sys
from xml.sax.saxutils import escape


def cdata(s):
    return "<![CDATA[" + (s or "").replace("]]>", "]]]]><![CDATA[>") + "]]>"


def main():
    comments = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
    posts = {}
    for c in comments:
        posts.setdefault(c["post"], []).append(c)
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           '<rss version="2.0" xmlns:wp="http://wordpress.org/export/1.2/">',
           "<channel>", "  <title>stimmung sample: seed comments</title>",
           "  <wp:wxr_version>1.2</wp:wxr_version>"]
    for n, (title, cs) in enumerate(posts.items(), 1):
        out += ["  <item>", f"    <title>{escape(title)}</title>"]
        for c in cs:
            num = lambda i: i.replace("-", "").replace(".", "") if i else "0"
            out += ["    <wp:comment>",
                    f"      <wp:comment_id>{num(c['id'])}</wp:comment_id>",
                    f"      <wp:comment_author_url>{escape(c.get('author_url') or '')}</wp:comment_author_url>",
                    f"      <wp:comment_content>{cdata(c['text'])}</wp:comment_content>",
                    "      <wp:comment_approved>1</wp:comment_approved>",
                    "      <wp:comment_type>comment</wp:comment_type>",
                    f"      <wp:comment_parent>{num(c.get('parent'))}</wp:comment_parent>",
                    "    </wp:comment>"]
        out.append("  </item>")
    out += ["</channel>", "</rss>"]
    print("\n".join(out))


if __name__ == "__main__":
    main()
