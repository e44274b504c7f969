# SPDX-License-Identifier: GPL-3.0-or-later
# The `timbre` Python module against the CLI on the same files: the same numbers through
# Python as through `timbre analyze`, arrays equal to files holding the same samples, errors
# as exceptions carrying the CLI's messages, the GIL released while timbre computes, and
# stores, similar tracks and playlists as `timbre similar --json` gives them, file names that
# are not UTF-8 as the os module gives them, and a model's data terms as `timbre plugins
# describe --model` shows them.
# Usage: python_module_check.py TIMBRE SOURCE_DIR FIXTURES SCRATCH (PYTHONPATH holding the module)
import json
import math
import os
import shutil
import subprocess
import sys
import threading
import unittest
from pathlib import Path

import numpy as np
from scipy.io import wavfile

import timbre

TIMBRE, SOURCE, FIXTURES, SCRATCH = (Path(p) for p in sys.argv[1:5])
FEATURES = str(SOURCE / "configs" / "features.yaml")
GOOD = FIXTURES / "library" / "good"


def cli(*arguments):
    return subprocess.run([str(TIMBRE), *arguments], capture_output=True, text=True, check=False)


def jsonl_records(path):
    return {Path(r["path"]).name: r for r in map(json.loads, Path(path).read_text().splitlines())}


def assert_same_value(case, stored, computed, where):
    """A value as the CLI's JSON holds it against the same value from Python."""
    kind = stored["type"]
    if kind == "vector":
        case.assertEqual(list(stored["values"]), list(computed), where)
        for name, value in stored["values"].items():
            if value is None:
                case.assertIsNone(computed[name], f"{where} {name}")
            else:
                case.assertEqual(value, computed[name], f"{where} {name}")
    elif kind == "scalar":
        case.assertEqual(stored["value"], computed, where)
    elif kind == "text":
        case.assertEqual(stored["text"], computed, where)
    elif kind == "labels":
        case.assertEqual(stored["probabilities"], computed, where)
    elif kind == "frames":
        expected = np.array(stored["data"], dtype=np.float32).reshape(-1, computed.shape[1])
        np.testing.assert_array_equal(expected, computed, err_msg=where)
    else:
        case.fail(f"{where}: unexpected stored type {kind}")


class PluginsAndConfigs(unittest.TestCase):
    def test_plugins_and_describe_match_the_cli(self):
        ids = {p["id"] for p in timbre.plugins()}
        self.assertTrue({"timbre.melspec", "timbre.loudness", "timbre.chroma"} <= ids)
        self.assertEqual(timbre.plugin_load_failures(), [])
        shown = json.loads(cli("plugins", "describe", "timbre.melspec", "--json").stdout)
        described = timbre.describe("timbre.melspec")
        self.assertTrue(described.pop("library").endswith(".so"))
        self.assertEqual(shown, described)
        with self.assertRaisesRegex(timbre.Error, "no plugin 'timbre.nope'"):
            timbre.describe("timbre.nope")

    def test_describe_shows_a_models_data_terms_as_the_cli_does(self):
        model = str(SOURCE / "plugins" / "xgboost" / "models" / "emotify-genre.ubj")
        shown = json.loads(cli("plugins", "describe", "timbre.gbt_classifier", "--json", "--model", model).stdout)
        described = timbre.describe("timbre.gbt_classifier", model=model)
        described.pop("library")
        self.assertEqual(shown, described)
        self.assertEqual(described["model"]["use"], "non-commercial")

    def test_a_bad_config_raises_config_error_with_file_line_column(self):
        bad = SCRATCH / "bad.yaml"
        bad.write_text("sample_rate: 22050\nnodes:\n  - {id: mel, plugin: timbre.melspek, inputs: {audio: track.audio}}\n")
        with self.assertRaises(timbre.ConfigError) as raised:
            timbre.Pipeline(str(bad))
        self.assertIn(f"{bad}:3:", str(raised.exception))
        self.assertIn("timbre.melspec", str(raised.exception))  # the closest name is suggested
        self.assertIsInstance(raised.exception, timbre.Error)
        validated = cli("validate", str(bad))
        self.assertIn(str(raised.exception).splitlines()[0], validated.stdout + validated.stderr)


class RunMatchesTheCli(unittest.TestCase):
    def test_every_stored_output_equals_the_cli_s(self):
        out = SCRATCH / "cli.jsonl"
        result = cli("analyze", FEATURES, str(GOOD), "--db", str(SCRATCH / "cli.db"), "--out", str(out), "-j", "1")
        self.assertEqual(result.returncode, 0, result.stderr)
        records = jsonl_records(out)
        pipeline = timbre.Pipeline(FEATURES)
        self.assertEqual(pipeline.sample_rate, 22050.0)
        for name in ("chord.ogg", "tone.flac", "tone.mp3"):
            computed = pipeline.run(str(GOOD / name))
            stored = records[name]["outputs"]
            self.assertEqual(sorted(stored), sorted(computed), name)
            for key, value in stored.items():
                assert_same_value(self, value, computed[key], f"{name} {key}")

    def test_an_array_gives_what_a_file_of_the_same_samples_gives(self):
        rate = 44100
        t = np.arange(6 * rate) / rate
        rng = np.random.default_rng(7)
        left = 0.3 * np.sin(2 * np.pi * 220 * t) * (1 + 0.5 * np.sin(2 * np.pi * 2 * t))
        right = 0.2 * np.sin(2 * np.pi * 330 * t) + 0.05 * rng.standard_normal(t.size)
        stereo = np.stack([left, right]).astype(np.float32)
        path = SCRATCH / "stereo.wav"
        wavfile.write(path, rate, stereo.T)
        pipeline = timbre.Pipeline(FEATURES)
        from_file = pipeline.run(str(path), every_output=True)
        from_array = pipeline.run(stereo, rate, every_output=True)
        self.assertEqual(sorted(from_file), sorted(from_array))
        for key in from_file:
            a, b = from_file[key], from_array[key]
            if isinstance(a, np.ndarray):
                np.testing.assert_array_equal(a, b, err_msg=key)
            elif isinstance(a, list):  # track.source: one array per channel
                for x, y in zip(a, b):
                    np.testing.assert_array_equal(x, y, err_msg=key)
            else:
                self.assertEqual(a, b, key)
        # Outputs are NumPy arrays over timbre's memory: read-only, alive after the run.
        mel = from_array["mel.mel"]
        self.assertEqual(mel.shape[1], 64)
        self.assertFalse(mel.flags.writeable)
        self.assertAlmostEqual(from_array["track.audio"].size / 22050.0, 6.0, places=3)
        # A mono array is one channel; 2-D arrays are (channels, frames).
        mono = pipeline.run(stereo.mean(axis=0), rate)
        self.assertIn("loudness.integrated", mono)
        with self.assertRaisesRegex(timbre.Error, r"\(channels, frames\), e.g. samples.T"):
            pipeline.run(stereo.T.copy(), rate)
        with self.assertRaisesRegex(timbre.Error, "1-D array"):
            pipeline.run(np.zeros((2, 2, 2), dtype=np.float32), rate)

    def test_a_file_that_cannot_be_decoded_raises_with_its_name(self):
        pipeline = timbre.Pipeline(FEATURES)
        bad = FIXTURES / "library" / "bad" / "truncated.mp3"
        with self.assertRaises(timbre.Error) as raised:
            pipeline.run(str(bad))
        self.assertIn(str(bad), str(raised.exception))
        self.assertIn("decode: truncated", str(raised.exception))

    def test_the_gil_is_released_while_timbre_computes(self):
        pipeline = timbre.Pipeline(FEATURES)
        samples = np.random.default_rng(1).standard_normal(60 * 22050).astype(np.float32) * 0.1
        pipeline.run(samples[:22050], 22050)  # configure the plugins first
        worker = threading.Thread(target=pipeline.run, args=(samples, 22050))
        worker.start()
        python_steps = 0
        while worker.is_alive():
            python_steps += 1
        worker.join()
        # With the GIL held for the whole run, this thread could not take a step meanwhile.
        self.assertGreater(python_steps, 10000)


class StoresSimilarAndPlaylists(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.library = SCRATCH / "library"
        shutil.rmtree(cls.library, ignore_errors=True)
        shutil.copytree(Path("/usr/share/hyperrogue/music"), cls.library,
                        ignore=lambda folder, names: sorted(names)[6:])
        cls.db = str(SCRATCH / "similarity.db")
        cls.events = []
        cls.counts = timbre.analyze(str(SOURCE / "configs" / "similarity.yaml"), [str(cls.library)], db=cls.db,
                                    jobs=2, progress=cls.events.append)

    def test_analyze_reports_progress_and_counts(self):
        self.assertEqual(self.counts["ok"], 6)
        self.assertEqual(self.counts["failed"], 0)
        self.assertEqual(sorted(e["done"] for e in self.events), list(range(1, 7)))
        self.assertTrue(all(e["total"] == 6 and e["status"] == "ok" for e in self.events))

    def test_a_store_reads_back_what_a_run_computes(self):
        store = timbre.Store(self.db)
        tracks = store.tracks()
        self.assertEqual(len(tracks), 6)
        first = tracks[0]
        self.assertIn("genre", first["labels"])
        self.assertEqual(set(first["label_probabilities"]), set(first["labels"]))
        self.assertTrue(0 < first["label_probabilities"]["genre"] <= 1)
        self.assertGreater(first["bpm"], 40)
        features = store.features(first["path"])
        # The demo tracks have no lyrics: the optional lyrics nodes are skipped, with a warning.
        with self.assertWarnsRegex(RuntimeWarning, "node 'genre_lyrics' skipped: .*no words"):
            computed = timbre.Pipeline(str(SOURCE / "configs" / "similarity.yaml")).run(first["path"])
        self.assertEqual(features["mfcc_stats.stats"], computed["mfcc_stats.stats"])
        self.assertEqual(features["key.key"], computed["key.key"])
        self.assertEqual(features["rhythm.beats"].dtype, computed["rhythm.beats"].dtype)
        self.assertTrue((features["rhythm.beats"] == computed["rhythm.beats"]).all())  # beat times, exactly
        self.assertGreater(len(features["rhythm.beats"]), 10)
        matrix, names, paths = store.matrix("mfcc_stats.stats")
        self.assertEqual(matrix.shape, (6, len(names)))
        self.assertEqual(paths[0], first["path"])
        self.assertEqual(list(matrix[0]), [features["mfcc_stats.stats"][n] for n in names])
        self.assertEqual(names, list(computed["mfcc_stats.stats"]))  # the order a run gives, not sorted
        self.assertEqual(list(features["mfcc_stats.stats"]), names)
        with self.assertRaisesRegex(timbre.Error, "not a vector"):
            store.matrix("key.key")

    def test_similar_and_playlist_match_the_cli(self):
        store = timbre.Store(self.db)
        seed = store.tracks()[2]["path"]
        shown = json.loads(cli("similar", "--db", self.db, seed, "-n", "4", "--json").stdout)
        similar = store.similar(seed, 4)
        self.assertEqual([s["path"] for s in shown["similar"]], [s["path"] for s in similar])
        for s, t in zip(shown["similar"], similar):
            self.assertAlmostEqual(s["distance"], t["distance"], places=12)
            self.assertEqual(s["reasons"], t["reasons"])
        # Rules narrow the answer as the command line's --where does: a tempo that leaves some out.
        tempi = sorted(t["bpm"] for t in store.tracks() if t["path"] != seed and t["bpm"] is not None)
        rule = f"bpm>={tempi[len(tempi) // 2]}"
        ruled = store.similar(seed, 4, where=[rule])
        shown = json.loads(cli("similar", "--db", self.db, seed, "-n", "4", "--where", rule, "--json").stdout)
        self.assertEqual([s["path"] for s in shown["similar"]], [s["path"] for s in ruled])
        self.assertTrue(0 < len(ruled) < 4)
        self.assertTrue(all(s["bpm"] >= tempi[len(tempi) // 2] for s in ruled))
        with self.assertRaisesRegex(timbre.Error, "no track is left after --where genre=polka"):
            store.similar(seed, 4, where=["genre=polka"])
        playlist = store.playlist([seed], length=5, strategy="smooth", artist_gap=0)
        self.assertEqual(len(playlist), 5)
        self.assertEqual(playlist[0]["path"], seed)
        self.assertTrue(all(entry["reasons"] for entry in playlist))
        m3u = SCRATCH / "smooth.m3u8"
        result = cli("playlist", "--db", self.db, "--seed", seed, "--strategy", "smooth", "--length", "5",
                     "--artist-gap", "0", "--out", str(m3u))
        self.assertEqual(result.returncode, 0, result.stderr)
        listed = [line for line in m3u.read_text().splitlines() if line and not line.startswith("#")]
        self.assertEqual([Path(p).name for p in listed], [Path(e["path"]).name for e in playlist])
        with self.assertRaisesRegex(timbre.Error, "strateg"):
            store.playlist([seed], strategy="sideways")

    def test_similar_to_a_file_the_store_lacks_leaves_the_store_as_it_was(self):
        store = timbre.Store(self.db)
        outside = str(sorted(Path("/usr/share/hyperrogue/music").iterdir())[6])  # not copied into the library
        similar = store.similar(outside, 3)
        shown = json.loads(cli("similar", "--db", self.db, outside, "-n", "3", "--json").stdout)
        self.assertFalse(shown["in_library"])
        self.assertEqual([s["path"] for s in shown["similar"]], [s["path"] for s in similar])
        for s, t in zip(shown["similar"], similar):
            self.assertAlmostEqual(s["distance"], t["distance"], places=12)
        self.assertEqual(len(timbre.Store(self.db).tracks()), 6)
        self.assertNotIn(outside, [t["path"] for t in store.tracks()])

    def test_automatic_playlists_are_the_cli_s(self):
        store = timbre.Store(self.db)
        lists = store.playlists(2)
        out = SCRATCH / "auto"
        result = cli("playlists", "--db", self.db, "--count", "2", "--out-dir", str(out), "--format", "json")
        self.assertEqual(result.returncode, 0, result.stderr)
        written = [json.loads(f.read_text()) for f in sorted(out.iterdir())]
        self.assertEqual([(p["name"], [t["path"] for t in p["tracks"]]) for p in lists],
                         [(w["title"], [t["path"] for t in w["tracks"]]) for w in written])
        self.assertEqual(sorted(t["path"] for p in lists for t in p["tracks"]), sorted(t["path"] for t in store.tracks()))
        tempi = sorted(t["bpm"] for t in store.tracks() if t["bpm"] is not None)
        rule = f"bpm>={tempi[len(tempi) // 2]}"
        ruled = store.playlists(2, where=[rule])
        self.assertEqual(sorted(t["path"] for p in ruled for t in p["tracks"]),
                         sorted(t["path"] for t in store.tracks() if t["bpm"] is not None and t["bpm"] >= tempi[len(tempi) // 2]))
        with self.assertRaisesRegex(timbre.Error, "cannot make 40 playlists"):
            store.playlists(40)

    def test_the_map_places_each_track_near_its_nearest(self):
        store = timbre.Store(self.db)
        points = store.map()
        self.assertEqual(sorted(p["path"] for p in points), sorted(t["path"] for t in store.tracks()))
        self.assertTrue(all(-1 <= p["x"] <= 1 and -1 <= p["y"] <= 1 for p in points))
        self.assertIn("genre", points[0]["labels"])
        # A track's nearest on the map is among its two nearest under the similarity, for most.
        agreed = 0
        for p in points:
            on_map = min((q for q in points if q is not p), key=lambda q: (q["x"] - p["x"]) ** 2 + (q["y"] - p["y"]) ** 2)
            agreed += on_map["path"] in [s["path"] for s in store.similar(p["path"], 2)]
        self.assertGreaterEqual(agreed, 4)
        self.assertEqual(timbre.Store(self.db).map(), points)  # kept beside the store, read back

    def test_a_file_name_that_is_not_utf8_comes_back_as_the_os_module_decodes_it(self):
        # b"caf\xe9.wav": "cafe" with an acute accent as an old Latin-1 disk names it, not UTF-8.
        folder = SCRATCH / "latin1"
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir()
        name = os.fsdecode(b"caf\xe9.wav")
        shutil.copy(FIXTURES / "formats" / "tone.wav", folder / name)
        db = str(SCRATCH / "latin1.db")
        events = []
        counts = timbre.analyze(FEATURES, [str(folder)], db=db, jobs=1, progress=events.append)
        self.assertEqual(counts["ok"], 1)
        self.assertTrue(os.fsencode(events[0]["path"]).endswith(b"/caf\xe9.wav"))
        store = timbre.Store(db)
        [track] = store.tracks()
        self.assertTrue(os.path.exists(track["path"]))
        self.assertEqual(os.fsencode(track["name"]), b"caf\xe9")
        self.assertEqual(store.matrix("mfcc_stats.stats")[2], [track["path"]])
        self.assertIn("mfcc_stats.stats", store.features(track["path"]))  # the name given back finds the track

    def test_an_exception_in_the_progress_callback_stops_the_run_and_arrives(self):
        def refuse(event):
            raise ValueError("stop here")

        with self.assertRaisesRegex(ValueError, "stop here"):
            timbre.analyze(FEATURES, [str(GOOD)], db=str(SCRATCH / "stopped.db"), jobs=1, progress=refuse)


if __name__ == "__main__":
    SCRATCH.mkdir(parents=True, exist_ok=True)
    unittest.main(argv=[sys.argv[0], "-v"])
