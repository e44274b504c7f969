#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""A copy of a results store with its vectors written as schema 4 wrote them: JSON text,
every name beside its number ({"type":"vector","values":{"name":number or null,...}}), no
vector_layouts; frames too, as rows of numbers ({"type":"frames","hop_s":...,"data":[[...]]}).
For bench/store_format.sh, which compares the two encodings on one library (the current
timbre reads both).
Usage: bench/store_as_json_vectors.py STORE OUT_STORE"""
import json
import math
import shutil
import sqlite3
import sys

import numpy as np

source, out = sys.argv[1], sys.argv[2]
shutil.copyfile(source, out)
db = sqlite3.connect(out)
layouts = {i: json.loads(names) for i, names in db.execute("SELECT id, names FROM vector_layouts")}
db.execute("CREATE TABLE old_features (track_id INTEGER NOT NULL REFERENCES tracks(id), output TEXT NOT NULL, "
           "type TEXT NOT NULL, value REAL, json TEXT NOT NULL, PRIMARY KEY (track_id, output))")
rows = db.execute("SELECT track_id, output, type, value, json, layout, data FROM features")
for track, output, type_, value, text, layout, data in rows.fetchall():
    if data is not None and layout is None:
        header = json.loads(text)
        rows = np.frombuffer(data, "<f4").reshape(header["shape"]).tolist()
        old = {"type": "frames", "hop_s": header["hop_s"],
               "data": [[None if math.isnan(v) else v for v in row] for row in rows]}
        if "bins" in header:
            old["bins"] = header["bins"]
        text = json.dumps(old, separators=(",", ":"), ensure_ascii=False)
    elif data is not None:
        numbers = np.frombuffer(data, "<f8").tolist()
        text = json.dumps({"type": "vector", "values": {name: (None if math.isnan(v) else v)
                                                         for name, v in zip(layouts[layout], numbers)}},
                          separators=(",", ":"), ensure_ascii=False)
    db.execute("INSERT INTO old_features VALUES (?, ?, ?, ?, ?)", (track, output, type_, value, text))
db.execute("DROP TABLE features")
db.execute("ALTER TABLE old_features RENAME TO features")
db.execute("DROP TABLE vector_layouts")
db.execute("PRAGMA user_version = 4")
db.commit()
db.execute("VACUUM")
