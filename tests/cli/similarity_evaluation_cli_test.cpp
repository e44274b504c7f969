// `timbre evaluate-similarity` end to end on click tracks whose tempo tells their label: a
// metric on the tempo vector must find mostly neighbours of the same pace (some fast clicks
// are heard at half tempo, so not all), a hybrid is scored beside the metrics, and a
// pipeline without a similarity node is refused saying what one is.
#include <catch2/catch.hpp>

#include <sstream>

#include "support/command_run.hpp"
#include "support/test_paths.hpp"

using namespace timbre;

namespace {
double figure(const std::string& output, const std::string& prefix) {
    const auto at = output.find(prefix);
    REQUIRE(at != std::string::npos);
    return std::stod(output.substr(at + prefix.size()));
}
}  // namespace

TEST_CASE("evaluate-similarity scores each metric's neighbours, raw and with mutual proximity, and a hybrid",
          "[cli][similarity]") {
    test::ScratchDirectory scratch;
    for (const auto& [label, tempos] : std::vector<std::pair<std::string, std::vector<int>>>{
             {"slow", {60, 75, 90, 100, 110}}, {"fast", {150, 160, 174, 180, 200}}}) {
        std::filesystem::create_directories(scratch / "music" / label);
        for (int bpm : tempos) {
            const std::string name = "click_" + std::to_string(bpm) + ".wav";
            std::filesystem::copy_file(test::fixtures / "clicks" / name, scratch / "music" / label / name);
        }
    }
    test::write_text(scratch / "pace.yaml", R"(sample_rate: 22050
nodes:
  - {id: mel, plugin: timbre.melspec, inputs: {audio: track.audio}}
  - {id: mfcc, plugin: timbre.mfcc, inputs: {mel: mel.mel}}
  - {id: rhythm, plugin: timbre.rhythm, inputs: {mel: mel.mel}}
  - {id: pace, plugin: timbre.vector_similarity, inputs: {features: rhythm.tempo}}
  - {id: timbre, plugin: timbre.gaussian_similarity, inputs: {mfcc: mfcc.mfcc}}
)");
    const auto run = test::run_command({test::timbre_binary.string(), "evaluate-similarity",
                                        (scratch / "pace.yaml").string(), "--dataset", (scratch / "music").string(),
                                        "--k", "3", "--hybrid", "pace:2,timbre:1", "--report",
                                        (scratch / "sim").string()});
    INFO(run.output);
    REQUIRE(run.exit_code == 0);
    CHECK_THAT(run.output, Catch::Contains("pace (timbre.vector_similarity): 10 tracks, 0 failed"));
    CHECK(figure(run.output, "pace none: accuracy ") >= 0.7);  // a metric that knew nothing: 0.5
    CHECK_THAT(run.output, Catch::Contains("pace mutual proximity: accuracy "));
    CHECK_THAT(run.output, Catch::Contains("hybrid pace:2,timbre:1 none: accuracy "));
    CHECK_THAT(test::read_text(scratch / "sim.md"), Catch::Contains("| mutual proximity |"));
    CHECK(std::filesystem::exists(scratch / "sim.json"));

    test::write_text(scratch / "none.yaml", "nodes:\n  - {id: mel, plugin: timbre.melspec, inputs: {audio: track.audio}}\n");
    const auto none = test::run_command({test::timbre_binary.string(), "evaluate-similarity",
                                         (scratch / "none.yaml").string(), "--dataset", (scratch / "music").string()});
    CHECK(none.exit_code == 1);
    CHECK_THAT(none.output, Catch::Contains("has no similarity node"));
}
