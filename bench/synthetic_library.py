#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""A larger library made from a real results store, for the similarity scale benchmark:
every successfully analysed track is copied COPIES times under a new path and content hash,
its similarity signatures moved by Gaussian noise of NOISE times each dimension's deviation
over the library (a Gaussian model's mean only; labels, tempo, key and energy kept). Real signatures' shape (their
correlations, clusters and hubs) is what a synthetic library must keep for search figures
to mean anything, which random vectors do not.
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
deviation = {}
for output in signature_outputs:
    rows = [json.loads(r[0])["values"] for r in db.execute("SELECT json FROM features WHERE output = ?", (output,))]
    names = list(rows[0])
    matrix = np.array([[row.get(n) if row.get(n) is not None else np.nan for n in names] for row in rows], float)
    deviation[output] = dict(zip(names, np.nanstd(matrix, 0)))
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
        for output, type_, value, text in db.execute(
                f"SELECT f.output, f.type, f.value, f.json FROM features f WHERE f.track_id = ? AND {kept}", (track,)):
            if output in deviation:
                record = json.loads(text)
                for name, v in record["values"].items():
                    # A Gaussian's covariance must stay positive definite: only its mean moves.
                    if v is not None and np.isfinite(deviation[output][name]) and \
                            not name.startswith("cov_") and name != "log_det":
                        record["values"][name] = v + noise * deviation[output][name] * generator.standard_normal()
                text = json.dumps(record)
            db.execute("INSERT INTO features (track_id, output, type, value, json) VALUES (?, ?, ?, ?, ?)",
                       (new_id, output, type_, value, text))
    db.commit()
print(db.execute("SELECT COUNT(*) FROM tracks WHERE status = 'ok'").fetchone()[0], "tracks in", out)
