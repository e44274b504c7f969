# SPDX-License-Identifier: GPL-3.0-or-later
# The mel spectrogram + MFCC kernel in NumPy/SciPy, the way librosa computes it (centred
# frames, periodic Hann, scipy.fft.rfft, a dense Slaney mel matrix, 10*log10 with an 80 dB
# floor, orthonormal DCT-II, Savitzky-Golay deltas), on the same decoded audio and with the
# same parameters as timbre_mel_mfcc_kernel_bench: the reference its × real time is set
# against. librosa itself is not packaged in Debian 12; this is its arithmetic without its
# Python overhead, so librosa would be slower, not faster.
# Usage: /usr/bin/python3 bench/mel_mfcc_reference.py AUDIO_FILE
import subprocess
import sys
import time

import numpy as np
import scipy.fft
import scipy.signal

RATE, FRAME, HOP, BANDS, COEFFICIENTS, DELTA_WIDTH = 22050, 2048, 512, 64, 20, 9


def hz_to_mel(hz):
    hz = np.asarray(hz, dtype=np.float64)
    return np.where(hz < 1000.0, hz / (200.0 / 3.0), 15.0 + np.log(np.maximum(hz, 1e-9) / 1000.0) / (np.log(6.4) / 27.0))


def mel_to_hz(mel):
    mel = np.asarray(mel, dtype=np.float64)
    return np.where(mel < 15.0, mel * (200.0 / 3.0), 1000.0 * np.exp((np.log(6.4) / 27.0) * (mel - 15.0)))


def slaney_filters():
    edges = mel_to_hz(np.linspace(hz_to_mel(0.0), hz_to_mel(RATE / 2.0), BANDS + 2))
    bins = np.arange(FRAME // 2 + 1) * RATE / FRAME
    rising = (bins[None, :] - edges[:-2, None]) / (edges[1:-1] - edges[:-2])[:, None]
    falling = (edges[2:, None] - bins[None, :]) / (edges[2:] - edges[1:-1])[:, None]
    weights = np.maximum(0.0, np.minimum(rising, falling)) * (2.0 / (edges[2:] - edges[:-2]))[:, None]
    return weights.astype(np.float32)


def kernel(audio, window, filters):
    padded = np.pad(audio, FRAME // 2)
    frames = np.lib.stride_tricks.sliding_window_view(padded, FRAME)[::HOP]
    power = np.abs(scipy.fft.rfft(frames * window, axis=1)) ** 2
    mel = 10.0 * np.log10(np.maximum(power @ filters.T, 1e-10))
    mel = np.maximum(mel, mel.max() - 80.0)
    mfcc = scipy.fft.dct(mel, type=2, norm="ortho", axis=1)[:, :COEFFICIENTS]
    delta = scipy.signal.savgol_filter(mfcc, DELTA_WIDTH, 1, deriv=1, axis=0, mode="interp")
    delta2 = scipy.signal.savgol_filter(delta, DELTA_WIDTH, 1, deriv=1, axis=0, mode="interp")
    return mel, mfcc, delta, delta2


def main():
    decoded = subprocess.run(["ffmpeg", "-nostdin", "-v", "error", "-i", sys.argv[1], "-ac", "1", "-ar", str(RATE),
                              "-f", "f32le", "-"], check=True, capture_output=True).stdout
    audio = np.frombuffer(decoded, dtype=np.float32)
    seconds = audio.size / RATE
    window = (0.5 - 0.5 * np.cos(2.0 * np.pi * np.arange(FRAME) / FRAME)).astype(np.float32)
    filters = slaney_filters()
    best = float("inf")
    for _ in range(5):
        start = time.process_time()
        kernel(audio, window, filters)
        best = min(best, time.process_time() - start)
    print(f"numpy_scipy_mel_mfcc_deltas {seconds:.1f} s of audio, best of 5: {best * 1000:.1f} ms CPU, "
          f"{seconds / best:.0f}x real time per core")


if __name__ == "__main__":
    main()
