# SPDX-License-Identifier: GPL-3.0-or-later
# The Vamp bridge against vamp-simple-host, the Vamp SDK's own host: Debian's example
# plugins and Rubber Band's analysis plugin, each output run by `timbre analyze` through the
# bridge and by vamp-simple-host on the same 22.05 kHz mono float WAV (so both hosts see the
# same samples at the same rate, block and step), must give the same rows within float
# precision; variable-rate outputs the same event times; an output whose bin count varies
# (the fixed tempo estimator's candidates) the same values as one vector. The bridge's parameters follow
# the plugin's, block_size changes what a spectral plugin returns, and `timbre plugins`
# lists the Vamp outputs with their parameters. Vamp plugins that misbehave (too few values,
# NaN, a segmentation fault) fail their track naming node and plugin, as timbre plugins do.
# Usage: vamp_bridge_check.py TIMBRE SCRATCH MISBEHAVING_VAMP_DIR
import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
from scipy.io import wavfile

TIMBRE, SCRATCH, MISBEHAVING = Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3])
RATE = 22050
# vamp-simple-host needs the folders spelled out; the bridge finds Debian's multiarch folder
# by itself, so it runs without VAMP_PATH.
VAMP_PATH = "/usr/lib/vamp:/usr/lib/x86_64-linux-gnu/vamp"
OUTPUTS = [  # (library, plugin, output)
    ("vamp-example-plugins", "spectralcentroid", "linearcentroid"),
    ("vamp-example-plugins", "spectralcentroid", "logcentroid"),
    ("vamp-example-plugins", "zerocrossing", "counts"),
    ("vamp-example-plugins", "zerocrossing", "zerocrossings"),
    ("vamp-example-plugins", "percussiononsets", "onsets"),
    ("vamp-example-plugins", "percussiononsets", "detectionfunction"),
    ("vamp-example-plugins", "powerspectrum", "powerspectrum"),
    ("vamp-example-plugins", "amplitudefollower", "amplitude"),
    ("vamp-example-plugins", "fixedtempo", "tempo"),
    ("vamp-rubberband", "rubberband", "increments"),
    ("vamp-rubberband", "rubberband", "phaseresetdf"),
]
failures = []


def check(condition, message):
    if not condition:
        failures.append(message)
        print("FAIL:", message)


def node_id(library, plugin, output):
    return f"{plugin}_{output}"


def plugin_id(library, plugin, output):
    return "vamp." + ".".join(part.replace("-", "_") for part in (library, plugin, output))


def simple_host(library, plugin, output, wav):
    """vamp-simple-host's rows: (time in seconds, values)."""
    text = subprocess.run(["vamp-simple-host", f"{library}:{plugin}:{output}", str(wav)],
                          env=dict(os.environ, VAMP_PATH=VAMP_PATH), capture_output=True, text=True,
                          check=True).stdout
    rows = []
    for line in text.splitlines():
        if ":" not in line or not line.strip()[0].isdigit():
            continue
        time, _, rest = line.partition(":")
        values = []
        for word in rest.split():
            try:
                values.append(float(word))
            except ValueError:
                break  # a label
        rows.append((float(time.split(",")[0]), values))
    return rows


def main():
    SCRATCH.mkdir(parents=True, exist_ok=True)
    t = np.arange(8 * RATE) / RATE
    rng = np.random.default_rng(3)
    signal = 0.3 * np.sin(2 * np.pi * 440 * t) * (t % 0.5 < 0.25) + 0.2 * np.sin(2 * np.pi * 1320 * t)
    clicks = np.zeros_like(t)
    clicks[(np.arange(16) * RATE // 2)] = 0.9
    signal = (signal + clicks + 0.01 * rng.standard_normal(t.size)).astype(np.float32)
    wav = SCRATCH / "probe.wav"
    wavfile.write(wav, RATE, signal)

    listed = subprocess.run([str(TIMBRE), "plugins"], capture_output=True, text=True, check=True,
                            env={k: v for k, v in os.environ.items() if k != "VAMP_PATH"}).stdout
    for output in OUTPUTS:
        check(plugin_id(*output) in listed, f"timbre plugins does not list {plugin_id(*output)}")
    described = json.loads(subprocess.run([str(TIMBRE), "plugins", "describe",
                                           "vamp.vamp_example_plugins.percussiononsets.onsets", "--json"],
                                          capture_output=True, text=True, check=True).stdout)
    params = {p["name"]: p for p in described["params"]}
    check({"threshold", "sensitivity", "block_size", "step_size"} <= set(params), f"parameters: {sorted(params)}")
    check(params["sensitivity"]["unit"] == "%", f"sensitivity unit: {params['sensitivity']}")

    nodes = "".join(f"  - {{id: {node_id(*o)}, plugin: {plugin_id(*o)}, inputs: {{audio: track.audio}}}}\n"
                    for o in OUTPUTS)
    nodes += ("  - {id: small_spectrum, plugin: vamp.vamp_example_plugins.powerspectrum.powerspectrum, "
              "params: {block_size: 512}, inputs: {audio: track.audio}}\n")
    nodes += ("  - {id: candidates, plugin: vamp.vamp_example_plugins.fixedtempo.candidates, "
              "inputs: {audio: track.audio}}\n")
    stored = [f"{node_id(*o)}.values" for o in OUTPUTS] + ["small_spectrum.values", "candidates.values"]
    config = SCRATCH / "vamp.yaml"
    config.write_text(f"sample_rate: {RATE}\nnodes:\n{nodes}outputs: [{', '.join(stored)}]\n")
    out = SCRATCH / "vamp.jsonl"
    subprocess.run([str(TIMBRE), "analyze", str(config), str(wav), "--db", str(SCRATCH / "vamp.db"), "--out", str(out),
                    "--no-summary"], check=True, env={k: v for k, v in os.environ.items() if k != "VAMP_PATH"})
    outputs = json.loads(out.read_text())["outputs"]

    for library, plugin, output in OUTPUTS:
        name = f"{library}:{plugin}:{output}"
        failed_before = len(failures)
        frames = outputs[f"{node_id(library, plugin, output)}.values"]
        ours = np.array(frames["data"], dtype=np.float64).reshape(len(frames["data"]), -1)
        theirs = simple_host(library, plugin, output, wav)
        timed = frames.get("bins", [""])[0] == "time_s"
        check(len(ours) == len(theirs), f"{name}: {len(ours)} rows through timbre, {len(theirs)} from vamp-simple-host")
        if len(ours) != len(theirs) or not theirs:
            continue
        if timed:
            times = np.array([time for time, _ in theirs])
            check(np.allclose(ours[:, 0], times, atol=1e-6), f"{name}: event times differ")
            ours = ours[:, 1:]
        # vamp-simple-host prints a feature's values, then its label, which may be a number
        # ("120.1 bpm"): the output's bin count says where the values end.
        bins = ours.shape[1]
        check(all(len(values) >= bins for _, values in theirs), f"{name}: vamp-simple-host printed fewer than {bins} values")
        expected = np.array([values[:bins] for _, values in theirs], dtype=np.float64).reshape(len(theirs), bins)
        check(ours.shape == expected.shape, f"{name}: {ours.shape} values, vamp-simple-host {expected.shape}")
        if ours.shape == expected.shape:
            worst = np.max(np.abs(ours - expected) / (np.abs(expected) + 1e-6), initial=0.0)
            check(np.allclose(ours, expected, rtol=1e-5, atol=1e-6), f"{name}: values differ (worst relative {worst:.2e})")
        if len(failures) == failed_before:
            print(f"{name}: {len(ours)} rows of {ours.shape[1]} values agree with vamp-simple-host")

    candidates = outputs["candidates.values"]
    theirs = simple_host("vamp-example-plugins", "fixedtempo", "candidates", wav)
    check(candidates["type"] == "vector", f"candidates: {candidates['type']}, not a vector")
    check(len(theirs) == 1, f"candidates: vamp-simple-host printed {len(theirs)} features, not 1")
    if candidates["type"] == "vector" and len(theirs) == 1:
        ours = list(candidates["values"].values())
        check(len(ours) == len(theirs[0][1]) > 1 and np.allclose(ours, theirs[0][1], rtol=1e-5),
              f"candidates: {ours} through timbre, {theirs[0][1]} from vamp-simple-host")
        print(f"vamp-example-plugins:fixedtempo:candidates: one vector of {len(ours)} tempi agrees with vamp-simple-host")

    small = outputs["small_spectrum.values"]
    check(len(small["data"][0]) == 257, f"powerspectrum with block_size 512: {len(small['data'][0])} bins, not 257")

    for node, plugin, options, expected in [
        ("wrong", "wrongcount", [], "node 'wrong' (plugin vamp.timbre_test_vamp.wrongcount.value): the Vamp plugin "
                                    "timbre_test_vamp:wrongcount returned 1 values for output 'value', which declares 2"),
        ("nan", "notanumber", [], "node 'nan' (plugin vamp.timbre_test_vamp.notanumber.value): output 'values' holds"),
        ("crash", "segfault", ["--isolate"], "node 'crash' (plugin vamp.timbre_test_vamp.segfault.value): its worker "
                                             "process died of signal 11"),
    ]:
        config = SCRATCH / f"{node}.yaml"
        config.write_text(f"sample_rate: {RATE}\nnodes:\n  - {{id: {node}, plugin: vamp.timbre_test_vamp.{plugin}.value, "
                          "inputs: {audio: track.audio}}\n")
        run = subprocess.run([str(TIMBRE), "analyze", str(config), str(wav), "--db", str(SCRATCH / f"{node}.db"),
                              *options], capture_output=True, text=True, env=dict(os.environ, VAMP_PATH=str(MISBEHAVING)))
        check(run.returncode == 2 and expected in run.stdout + run.stderr,
              f"misbehaving Vamp plugin {plugin}: exit {run.returncode}, expected '{expected}' in:\n{run.stderr}")
        if run.returncode == 2 and expected in run.stdout + run.stderr:
            print(f"a Vamp plugin that misbehaves ({plugin}) fails its track: {expected}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
