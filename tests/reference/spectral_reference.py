#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Checks timbre's mel spectrogram, MFCC (+ deltas) and spectral features against NumPy/SciPy
re-implementations of librosa's documented definitions, on real music from the demo library
and on white noise. The audio is converted by ffmpeg to mono 22.05 kHz float WAV first, so both
sides read identical samples. Prints an agreement table; exits 1 if any tolerance is exceeded.

Usage: spectral_reference.py TIMBRE_BINARY WORK_DIR
"""
import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import scipy.fft
import scipy.io.wavfile
import scipy.signal

SR, N_FFT, HOP, N_MELS, N_MFCC = 22050, 2048, 512, 64, 20
MUSIC = Path("/usr/share/games/singularity/music/A New Journey.ogg")

CONFIG = """sample_rate: 22050
nodes:
  - id: mel
    plugin: timbre.melspec
    params: {frame_size: 2048, hop_size: 512, bands: 64}
    inputs: {audio: track.audio}
  - id: mfcc
    plugin: timbre.mfcc
    params: {coefficients: 20, delta_width: 9}
    inputs: {mel: mel.mel}
  - id: spectral
    plugin: timbre.spectral
    inputs: {audio: track.audio}
outputs: [mel.mel, mfcc.mfcc, mfcc.delta, spectral.features, spectral.contrast]
"""


def stft_magnitude(y):
    padded = np.pad(y, N_FFT // 2)
    frames = 1 + len(y) // HOP
    window = scipy.signal.get_window("hann", N_FFT, fftbins=True)
    idx = np.arange(N_FFT)[None, :] + HOP * np.arange(frames)[:, None]
    return np.abs(np.fft.rfft(padded[idx] * window, axis=1))  # frames x bins


def hz_to_mel(f):
    f = np.asanyarray(f, dtype=float)
    return np.where(f < 1000, f * 3 / 200, 15 + np.log(np.maximum(f, 1e-9) / 1000) / (np.log(6.4) / 27))


def mel_to_hz(m):
    m = np.asanyarray(m, dtype=float)
    return np.where(m < 15, m * 200 / 3, 1000 * np.exp(np.log(6.4) / 27 * (m - 15)))


def mel_filters(fmin=0.0, fmax=SR / 2):
    fft_hz = np.linspace(0, SR / 2, 1 + N_FFT // 2)
    mel_hz = mel_to_hz(np.linspace(hz_to_mel(fmin), hz_to_mel(fmax), N_MELS + 2))
    fdiff = np.diff(mel_hz)
    ramps = mel_hz[:, None] - fft_hz[None, :]
    weights = np.zeros((N_MELS, len(fft_hz)))
    for i in range(N_MELS):
        weights[i] = np.maximum(0, np.minimum(-ramps[i] / fdiff[i], ramps[i + 2] / fdiff[i + 1]))
    return weights * (2.0 / (mel_hz[2:N_MELS + 2] - mel_hz[:N_MELS]))[:, None]


def power_to_db(x, top_db=80.0):
    db = 10 * np.log10(np.maximum(1e-10, x))
    return np.maximum(db, db.max() - top_db)


def frame_signal(y, pad_mode):
    padded = np.pad(y, N_FFT // 2, mode=pad_mode)
    frames = 1 + len(y) // HOP
    return padded[np.arange(N_FFT)[None, :] + HOP * np.arange(frames)[:, None]]


def spectral_reference(y, S):
    freq = np.linspace(0, SR / 2, 1 + N_FFT // 2)
    total = S.sum(axis=1, keepdims=True)
    norm = S / np.where(total > 0, total, 1)
    centroid = (norm * freq).sum(axis=1)
    bandwidth = np.sqrt((norm * (freq[None, :] - centroid[:, None]) ** 2).sum(axis=1))
    cumulative = np.cumsum(S, axis=1)
    rolloff = freq[np.argmax(cumulative >= 0.85 * total, axis=1)]
    power = np.maximum(1e-10, S ** 2)
    flatness = np.exp(np.mean(np.log(power), axis=1)) / np.mean(power, axis=1)
    rise = np.maximum(0, np.diff(S, axis=0))
    flux = np.concatenate([[0.0], np.sqrt((rise ** 2).sum(axis=1))])
    edge_frames = frame_signal(y, "edge")
    negative = edge_frames < -1e-10
    zcr = (negative[:, 1:] != negative[:, :-1]).sum(axis=1) / N_FFT
    rms = np.sqrt(np.mean(frame_signal(y, "constant") ** 2, axis=1))
    return np.stack([centroid, bandwidth, rolloff, flatness, flux, zcr, rms], axis=1)


def contrast_reference(S, fmin=200.0, n_bands=6, quantile=0.02):
    freq = np.linspace(0, SR / 2, 1 + N_FFT // 2)
    octa = np.zeros(n_bands + 2)
    octa[1:] = fmin * (2.0 ** np.arange(0, n_bands + 1))
    S = S.T  # bins x frames, as librosa holds it
    valley = np.zeros((n_bands + 1, S.shape[1]))
    peak = np.zeros_like(valley)
    for k, (f_low, f_high) in enumerate(zip(octa[:-1], octa[1:])):
        current = np.logical_and(freq >= f_low, freq <= f_high)
        idx = np.flatnonzero(current)
        if k > 0:
            current[idx[0] - 1] = True
        if k == n_bands:
            current[idx[-1] + 1:] = True
        sub = S[current]
        if k < n_bands:
            sub = sub[:-1]
        take = max(int(np.rint(quantile * np.sum(current))), 1)
        ordered = np.sort(sub, axis=0)
        valley[k] = np.mean(ordered[:take], axis=0)
        peak[k] = np.mean(ordered[-take:], axis=0)
    return (power_to_db(peak) - power_to_db(valley)).T


def frames_of(record, key):
    return np.array(record["outputs"][key]["data"], dtype=float)


def main():
    timbre, work = Path(sys.argv[1]), Path(sys.argv[2])
    work.mkdir(parents=True, exist_ok=True)
    if not MUSIC.exists():
        sys.exit(f"missing demo track {MUSIC}: install singularity-music (scripts/install-deps.sh)")
    inputs = {"music": work / "music.wav", "noise": work / "noise.wav"}
    subprocess.run(["ffmpeg", "-nostdin", "-v", "error", "-y", "-ss", "60", "-t", "30", "-i", str(MUSIC),
                    "-ac", "1", "-ar", str(SR), "-c:a", "pcm_f32le", str(inputs["music"])], check=True)
    rng = np.random.default_rng(3)
    scipy.io.wavfile.write(inputs["noise"], SR, (0.3 * rng.standard_normal(SR * 5)).astype(np.float32))
    (work / "pipeline.yaml").write_text(CONFIG)
    out = work / "features.jsonl"
    subprocess.run([str(timbre), "analyze", str(work / "pipeline.yaml"), *map(str, inputs.values()),
                    "--db", str(work / "t.db"), "--out", str(out), "--no-summary", "-j", "1"], check=True)
    records = {Path(json.loads(line)["path"]).stem: json.loads(line) for line in out.read_text().splitlines()}

    # (feature, reference, tolerance on the median |diff|, on the 99th percentile, why)
    rows = []
    failed = False
    for name, path in inputs.items():
        record = records[path.stem]
        _, y = scipy.io.wavfile.read(path)
        y = y.astype(np.float64)
        S = stft_magnitude(y)
        mel_db = power_to_db((S ** 2) @ mel_filters().T)
        mfcc = scipy.fft.dct(mel_db, type=2, norm="ortho", axis=1)[:, :N_MFCC]
        delta = scipy.signal.savgol_filter(mfcc, 9, polyorder=1, deriv=1, axis=0, mode="interp")
        spectral = spectral_reference(y, S)
        contrast = contrast_reference(S)
        checks = [
            ("log-mel (dB)", frames_of(record, "mel.mel"), mel_db, 0.01, 0.1),
            ("MFCC", frames_of(record, "mfcc.mfcc"), mfcc, 0.01, 0.1),
            ("MFCC delta", frames_of(record, "mfcc.delta"), delta, 0.002, 0.02),
            ("contrast (dB)", frames_of(record, "spectral.contrast"), contrast, 0.01, 0.2),
        ]
        features = frames_of(record, "spectral.features")
        for column, label, median_tol, p99_tol in [(0, "centroid (Hz)", 0.1, 1.0), (1, "bandwidth (Hz)", 0.1, 1.0),
                                                  (2, "roll-off (Hz)", 0.0, 10.8), (3, "flatness", 1e-4, 1e-3),
                                                  (4, "flux", 1e-3, 1e-2), (5, "zero-crossing rate", 0.0, 0.0),
                                                  (6, "RMS", 1e-6, 1e-5)]:
            checks.append((label, features[:, column], spectral[:, column], median_tol, p99_tol))
        for label, ours, reference, median_tol, p99_tol in checks:
            if ours.shape != reference.shape:
                rows.append((name, label, "shape", f"{ours.shape} vs {reference.shape}", "", "FAIL"))
                failed = True
                continue
            diff = np.abs(ours - reference)
            median, p99 = float(np.median(diff)), float(np.percentile(diff, 99))
            ok = median <= median_tol and p99 <= p99_tol
            failed |= not ok
            rows.append((name, label, f"{median:.2e}", f"{p99:.2e}", f"{median_tol:g} / {p99_tol:g}",
                         "ok" if ok else "FAIL"))
    print(f"{'input':7} {'feature':20} {'median |diff|':>14} {'p99 |diff|':>12} {'tolerance':>14}  result")
    for row in rows:
        print(f"{row[0]:7} {row[1]:20} {row[2]:>14} {row[3]:>12} {row[4]:>14}  {row[5]}")
    print("reference: NumPy/SciPy re-implementation of librosa's definitions (float64); timbre computes in float32")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
