#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Checks timbre.loudness (libebur128 on the original channels) against ffmpeg's ebur128
filter, an independent EBU R128 implementation with its own decoders, on real music from the
demo library (Ogg Vorbis and MP3). Tolerances: integrated loudness 0.1 LU (the issue's bar;
the two decoders and gating implementations differ by ~0.01 LU), loudness range 0.5 LU
(ffmpeg and libebur128 histogram the short-term loudness differently), true peak 0.5 dB
(different oversampling filters, and MP3 decoders that overshoot differently).

Usage: loudness_reference.py TIMBRE_BINARY WORK_DIR
"""
import json
import math
import subprocess
import sys
from pathlib import Path

TRACKS = [
    "/usr/share/games/singularity/music/Nebula.ogg",
    "/usr/share/games/singularity/music/Awakening.ogg",
    "/usr/share/hyperrogue/music/hr3-caves.ogg",
    "/usr/share/hyperrogue/music/hr3-desert.ogg",
    "/usr/share/games/asc/music/frontiers.mp3",
    "/usr/share/games/asc/music/machine_wars.mp3",
]
CONFIG = """nodes:
  - id: loudness
    plugin: timbre.loudness
    inputs: {source: track.source}
"""


def ffmpeg_loudness(path):
    result = subprocess.run(["ffmpeg", "-nostdin", "-v", "error", "-i", path, "-af",
                             "ebur128=metadata=1:peak=true,ametadata=mode=print:file=-", "-f", "null", "-"],
                            check=True, capture_output=True, text=True)
    last = {}
    for line in result.stdout.splitlines():
        if line.startswith("lavfi.r128."):
            key, value = line[len("lavfi.r128."):].split("=")
            last[key] = float(value)
    peaks = [v for k, v in last.items() if k.startswith("true_peaks_ch")]
    return last["I"], last["LRA"], 20 * math.log10(max(peaks))


def main():
    timbre, work = Path(sys.argv[1]), Path(sys.argv[2])
    work.mkdir(parents=True, exist_ok=True)
    missing = [t for t in TRACKS if not Path(t).exists()]
    if missing:
        sys.exit(f"missing demo tracks {missing}: install the demo packages (scripts/install-deps.sh)")
    (work / "loudness.yaml").write_text(CONFIG)
    out = work / "loudness.jsonl"
    subprocess.run([str(timbre), "analyze", str(work / "loudness.yaml"), *TRACKS, "--db", str(work / "t.db"),
                    "--out", str(out), "--no-summary", "--log-level", "warn"], check=True)
    ours = {}
    for line in out.read_text().splitlines():
        record = json.loads(line)
        o = record["outputs"]
        ours[record["path"]] = (o["loudness.integrated"]["value"], o["loudness.range"]["value"],
                                o["loudness.true_peak"]["value"])
    failed = False
    print(f"{'track':28} {'I timbre':>9} {'I ffmpeg':>9} {'|dI|':>6} {'LRA t/f':>12} {'TP t/f (dBTP)':>14}  result")
    differences = []
    for track in TRACKS:
        mine, theirs = ours[track], ffmpeg_loudness(track)
        d_i, d_lra, d_tp = (abs(a - b) for a, b in zip(mine, theirs))
        ok = d_i <= 0.1 and d_lra <= 0.5 and d_tp <= 0.5
        failed |= not ok
        differences.append(d_i)
        print(f"{Path(track).name[:28]:28} {mine[0]:9.3f} {theirs[0]:9.3f} {d_i:6.3f} "
              f"{mine[1]:5.2f}/{theirs[1]:5.2f} {mine[2]:6.2f}/{theirs[2]:6.2f}  {'ok' if ok else 'FAIL'}")
    differences.sort()
    print(f"integrated loudness: median |timbre - ffmpeg| = {differences[len(differences) // 2]:.3f} LU "
          f"(tolerance 0.1 LU); reference: ffmpeg -af ebur128")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
