// SPDX-License-Identifier: GPL-3.0-or-later
// A labelled library the train/evaluate tests share: the click-track fixtures at 60-120 BPM
// ("slow") and 140-200 BPM ("fast"), copied into music/<label>/ and listed in list.csv
// (path, label, bpm, band: four bands spread over both labels), and the pipeline that hears
// their tempo. Header-only: a few lines each test file would otherwise repeat.
#pragma once

#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "support/command_run.hpp"
#include "support/test_paths.hpp"

namespace timbre::test {

inline const std::vector<int> kSlowClicks{60, 75, 90, 100, 110, 120};
inline const std::vector<int> kFastClicks{140, 150, 160, 174, 180, 200};

// The nodes that turn a track into its tempo vector (node `tempo`, output `vector`).
inline const char* kTempoNodes = R"(sample_rate: 22050
nodes:
  - {id: mel, plugin: timbre.melspec, inputs: {audio: track.audio}}
  - {id: rhythm, plugin: timbre.rhythm, inputs: {mel: mel.mel}}
  - {id: tempo, plugin: timbre.join, inputs: {v1: rhythm.tempo}}
)";

inline void write_click_library(const ScratchDirectory& scratch) {
    std::ostringstream list;
    list << "path,label,bpm,band\n";
    int i = 0;
    for (const auto& [label, tempos] : {std::pair{"slow", kSlowClicks}, std::pair{"fast", kFastClicks}}) {
        std::filesystem::create_directories(scratch / "music" / label);
        for (int bpm : tempos) {
            const std::string name = "click_" + std::to_string(bpm) + ".wav";
            std::filesystem::copy_file(fixtures / "clicks" / name, scratch / "music" / label / name);
            list << "music/" << label << "/" << name << "," << label << "," << bpm << ",band " << i++ % 4 << "\n";
        }
    }
    write_text(scratch / "list.csv", list.str());
}

}  // namespace timbre::test
