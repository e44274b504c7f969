// SPDX-License-Identifier: GPL-3.0-or-later
// `timbre evaluate` runs the trained node on every core, so answers come back in whatever
// order the workers finish; each must still be scored against its own example. Four
// classes that one column separates perfectly make any answer given to the wrong example
// cost accuracy.
#include <catch2/catch.hpp>

#include <random>
#include <sstream>

#include "support/command_run.hpp"
#include "support/test_paths.hpp"

using namespace timbre;

namespace {
// Rows cycling through classes A–D: `level` is ten times the class's number plus less than
// one of noise, `noise` carries nothing.
std::string separable_csv() {
    std::mt19937 engine(5);
    std::uniform_real_distribution<double> jitter(0.0, 0.9);
    std::ostringstream csv;
    csv << "id,label,level,noise\n";
    for (int i = 0; i < 400; ++i) {
        const int c = i % 4;
        csv << i << "," << "ABCD"[c] << "," << 10.0 * c + jitter(engine) << "," << jitter(engine) << "\n";
    }
    return csv.str();
}
}  // namespace

TEST_CASE("evaluation on every core scores each answer against its own example", "[cli][ml]") {
    test::ScratchDirectory scratch;
    test::write_text(scratch / "data.csv", separable_csv());
    test::write_text(scratch / "levels.yaml",
                     "dataset: {csv: data.csv, label: label, id: id, features: [level, noise]}\nnodes:\n"
                     "  - {id: levels, plugin: timbre.gbt_classifier, params: {model: levels.ubj, rounds: 10}, "
                     "inputs: {features: track.features}}\n");
    const auto trained =
        test::run_timbre({"train", (scratch / "levels.yaml").string(), "--model-dir", (scratch / "model").string()});
    INFO(trained.output);
    REQUIRE(trained.exit_code == 0);
    CHECK(test::printed_number(trained.output, "accuracy") == 1.0);

    const auto evaluated = test::run_timbre({"evaluate", (scratch / "levels.yaml").string(), "--model-dir",
                                         (scratch / "model").string()});
    INFO(evaluated.output);
    REQUIRE(evaluated.exit_code == 0);
    CHECK(test::printed_number(evaluated.output, "held-out examples") >= 60.0);
    CHECK(test::printed_number(evaluated.output, "accuracy") == 1.0);
}
