#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""A larger library made from a real results store, for the similarity scale benchmark:
every successfully analysed track is copied COPIES times under a new path and content hash,
its similarity signatures moved by Gaussian noise of NOISE times each dimension's deviation
over the library (a Gaussian model's mean only; labels, tempo, key and energy kept). Real signatures' shape (their
correlations, clusters and hubs) is what a synthetic library must keep for search figures
to mean anything, which random vectors do not. Reads a store of schema 5 (vectors as numbers
with their names in vector_layouts).
Usage: bench/synthetic_library.py REAL_STORE OUT_STORE COPIES [NOISE]"""
import json
import random
import shutil
import sqlite3
import sys

import numpy as np

real, out, copies = sys.argv[1], sys.argv[2], int(sys.argv[3])
noise = float(sys.argv[4]) if len(sys.argv) > 4 else 0.1
shutil.copyfile(real, out)
db = sqlite3.connect(out)
db.execute("PRAGMA journal_mode=WAL")
tracks = db.execute("SELECT id FROM tracks WHERE status = 'ok'").fetchall()
signature_outputs = [r[0] for r in db.execute(
    "SELECT DISTINCT output FROM features WHERE output LIKE '%.signature'")]
layouts = {i: json.loads(names) for i, names in db.execute("SELECT id, names FROM vector_layouts")}
deviation = {}  # output -> each dimension's deviation over the library, in its layout's order
for output in signature_outputs:
    matrix = np.array([np.frombuffer(data, "<f8") for (data,) in
                       db.execute("SELECT data FROM features WHERE output = ?", (output,))])
    deviation[output] = np.nanstd(matrix, 0)
kept = "(f.type = 'labels' OR f.output LIKE '%.signature' OR f.output IN " \
       "('rhythm.tempo', 'key.key', 'descriptors.descriptors', 'loudness.integrated'))"
generator = np.random.default_rng(1)
columns = "run_id, path, pipeline, status, error, format, source_rate_hz, channels, duration_s, analysed_s, " \
          "elapsed_s, artist, title, album, genre, has_lyrics, analysed_at"
for copy in range(1, copies + 1):
    for (track,) in tracks:
        db.execute(f"INSERT INTO tracks ({columns}, content_hash) SELECT {columns.replace('path', 'path || ?')}, ? "
                   "FROM tracks WHERE id = ?", (f"#copy{copy}", "%032x" % random.getrandbits(128), track))
        new_id = db.execute("SELECT last_insert_rowid()").fetchone()[0]
        for output, type_, value, text, layout, data in db.execute(
                f"SELECT f.output, f.type, f.value, f.json, f.layout, f.data FROM features f "
                f"WHERE f.track_id = ? AND {kept}", (track,)):
            if output in deviation:
                values = np.frombuffer(data, "<f8").copy()
                # A Gaussian's covariance must stay positive definite: only its mean moves.
                moved = np.array([np.isfinite(d) and not n.startswith("cov_") and n != "log_det"
                                  for n, d in zip(layouts[layout], deviation[output])]) & np.isfinite(values)
                values[moved] += noise * deviation[output][moved] * generator.standard_normal(moved.sum())
                data = values.astype("<f8").tobytes()
            db.execute("INSERT INTO features (track_id, output, type, value, json, layout, data) "
                       "VALUES (?, ?, ?, ?, ?, ?, ?)", (new_id, output, type_, value, text, layout, data))
    db.commit()
print(db.execute("SELECT COUNT(*) FROM tracks WHERE status = 'ok'").fetchone()[0], "tracks in", out)
