#!/usr/bin/env python3
"""Converts an archive folder into JSON lines for tantivy-cli: {"title", "body", "date"}
per article, the same text krant indexes. Usage: python3 bench/to_jsonl.py ARCHIVE > docs.json"""

import json
import os
import sys

root = sys.argv[1]
for folder, _, files in sorted(os.walk(root)):
    for name in sorted(files):
        if not name.endswith(".txt"):
            continue
        with open(os.path.join(folder, name), encoding="utf-8") as f:
            text = f.read()
        _, date, rest = text.lstrip().split(maxsplit=2)
        title = rest.split("\n", 1)[0]
        print(json.dumps({"title": title, "body": rest, "date": date}, ensure_ascii=False))
