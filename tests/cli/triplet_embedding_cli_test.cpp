// SPDX-License-Identifier: GPL-3.0-or-later
// timbre.triplet_embedding end to end on rows whose class lives in two of twenty-two features:
// the other twenty are louder noise, so plain distances between the rows mostly measure noise.
// The network trained with the triplet loss must find the two that matter, which the
// held-out nearest-centroid accuracy shows (its classes are read off the embedding's
// geometry, their probabilities at a fitted temperature), `evaluate` must reproduce that
// score from the saved model, and a model file of another kind is refused by name.
#include <catch2/catch.hpp>

#include <random>
#include <sstream>

#include "support/command_run.hpp"
#include "support/test_paths.hpp"

using namespace timbre;

namespace {
// Three classes on a circle in (a, b), radius 3, deviation 1; n1..n20 noise of deviation 3.
std::string clustered_rows() {
    std::mt19937 engine(5);
    std::normal_distribution<double> unit(0.0, 1.0);
    std::ostringstream csv;
    csv << "id,shape,a,b";
    for (int n = 1; n <= 20; ++n) {
        csv << ",n" << n;
    }
    csv << "\n";
    const char* shapes[] = {"circle", "square", "star"};
    for (int i = 0; i < 300; ++i) {
        const int c = i % 3;
        const double angle = 2.0944 * c;
        csv << i << "," << shapes[c] << "," << 3.0 * std::cos(angle) + unit(engine) << ","
            << 3.0 * std::sin(angle) + unit(engine);
        for (int n = 1; n <= 20; ++n) {
            csv << "," << 3.0 * unit(engine);
        }
        csv << "\n";
    }
    return csv.str();
}

std::string config_for(const std::string& model) {
    std::ostringstream features;
    features << "[a, b";
    for (int n = 1; n <= 20; ++n) {
        features << ", n" << n;
    }
    features << "]";
    return "dataset: {csv: rows.csv, label: shape, features: " + features.str() +
           "}\nnodes:\n  - {id: shape, plugin: timbre.triplet_embedding, params: {model: " + model +
           ", epochs: 60, threads: 1}, inputs: {features: track.features}}\n";
}

}  // namespace

TEST_CASE("the triplet embedding learns which features carry the class, and evaluate reproduces its score",
          "[cli][ml][torch]") {
    test::ScratchDirectory scratch;
    test::write_text(scratch / "rows.csv", clustered_rows());
    test::write_text(scratch / "shape.yaml", config_for("shape.pt"));
    const auto config = (scratch / "shape.yaml").string();

    const auto trained = test::run_timbre({"train", config});
    INFO(trained.output);
    REQUIRE(trained.exit_code == 0);
    CHECK_THAT(trained.output, Catch::Contains("held-out examples: 60"));
    const double held_out = test::printed_number(trained.output, "accuracy");
    CHECK(held_out >= 0.9);
    // The temperature fitted on the training rows makes the probabilities say how sure each
    // answer is; a fixed one left all three classes near 1/3, a calibration error near 0.6.
    CHECK(test::printed_number(trained.output, "calibration error") < 0.15);

    const auto evaluated = test::run_timbre({"evaluate", config});
    INFO(evaluated.output);
    REQUIRE(evaluated.exit_code == 0);
    CHECK(test::printed_number(evaluated.output, "accuracy") == Approx(held_out));
}

TEST_CASE("a model file of another kind is refused by the triplet embedding, naming the file", "[cli][ml][torch]") {
    test::ScratchDirectory scratch;
    test::write_text(scratch / "rows.csv", clustered_rows());
    const auto other = (test::source_dir / "plugins/torch/models/emotify-genre-cnn.pt").string();
    test::write_text(scratch / "shape.yaml", config_for(other));
    const auto run = test::run_timbre({"evaluate", (scratch / "shape.yaml").string()});
    INFO(run.output);
    CHECK(run.exit_code != 0);
    CHECK_THAT(run.output, Catch::Contains("is not a timbre.triplet_embedding model"));
    CHECK_THAT(run.output, Catch::Contains("emotify-genre-cnn.pt"));
}
