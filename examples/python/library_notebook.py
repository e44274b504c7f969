# SPDX-License-Identifier: GPL-3.0-or-later
# A notebook's worth of timbre from Python, cell by cell: analyse a folder into a store (with
# progress), read genre, mood, tempo and key per track, ask for similar tracks and a
# playlist, look at one track's mel spectrogram, read the MFCC statistics as an array, and map
# the library as the web page does. Run: PYTHONPATH=build/python python3 examples/python/library_notebook.py MUSIC_DIR [WORK_DIR]
import sys
from pathlib import Path

import numpy as np

import timbre

music = Path(sys.argv[1] if len(sys.argv) > 1 else "/usr/share/hyperrogue/music")
work = Path(sys.argv[2] if len(sys.argv) > 2 else ".")
work.mkdir(parents=True, exist_ok=True)
config = Path(__file__).resolve().parents[2] / "configs" / "similarity.yaml"
db = str(work / "notebook.db")

# %% Analyse: features, genre, mood and similarity signatures, into an SQLite store.
counts = timbre.analyze(str(config), [str(music)], db=db, resume=True,
                        progress=lambda e: print(f"  [{e['done']}/{e['total']}] {e['status']}: {Path(e['path']).name}"))
print(f"analysed {counts['ok']}, skipped {counts['skipped']} already done, {counts['failed']} failed")

# %% The library as a table.
store = timbre.Store(db)
tracks = store.tracks()
print(f"\n{'track':32} {'genre':12} {'mood':22} {'BPM':>5}  key")
for track in tracks:
    labels = track["labels"]
    print(f"{track['name'][:32]:32} {labels.get('genre', '-'):12} {labels.get('mood', '-'):22} "
          f"{track['bpm'] or 0:5.0f}  {track['key'] or '-'}")

# %% What sounds like the first track, and why.
seed = tracks[0]["path"]
print(f"\nnearest to {tracks[0]['name']}:")
for neighbour in store.similar(seed, 3):
    print(f"  {neighbour['distance']:.3f} {neighbour['name']}: {neighbour['reasons'][0]}")

# %% A smooth mix from it: each step close in sound, tempo, key and energy.
print("\nsmooth mix:")
for position, entry in enumerate(store.playlist([seed], length=5, strategy="smooth", artist_gap=0), 1):
    print(f"  {position}. {entry['name']}")

# %% One track's mel spectrogram, straight from the pipeline (a NumPy array, not copied).
features = timbre.Pipeline(str(Path(__file__).resolve().parents[2] / "configs" / "features.yaml"))
mel = features.run(seed, every_output=True)["mel.mel"]
print(f"\nmel spectrogram of {tracks[0]['name']}: {mel.shape[0]} frames x {mel.shape[1]} bands, "
      f"loudest band {int(np.argmax(mel.mean(axis=0)))}")

# %% The library's MFCC statistics as one NumPy array (tracks x statistics), for your own models.
matrix, names, paths = store.matrix("mfcc_stats.stats")
print(f"\nMFCC statistics: {matrix.shape[0]} tracks x {matrix.shape[1]} ({names[0]}, {names[1]}, ...)")

# %% The map the web page draws: each track near the tracks that sound like it, x and y in [-1, 1].
print("\nlibrary map:")
for point in sorted(store.map(), key=lambda p: (p["x"], p["y"])):
    print(f"  ({point['x']:+5.2f}, {point['y']:+5.2f}) {point['name'][:40]:40} {point['labels'].get('genre', '-')}")
