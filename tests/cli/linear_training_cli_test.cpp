// SPDX-License-Identifier: GPL-3.0-or-later
// A linear booster (XGBoost gblinear) trains to the same model twice, whatever threads the
// config asks for: its updaters on several threads change coefficients concurrently, and a
// model that differs run to run cannot be checked against its recorded figures or shipped.
#include <catch2/catch.hpp>

#include <random>
#include <sstream>

#include "support/command_run.hpp"
#include "support/test_paths.hpp"

using namespace timbre;

namespace {
// Three classes over forty noisy, correlated columns: enough coefficients for two threads to
// update the same residuals at once.
std::string linear_csv() {
    std::mt19937 engine(11);
    std::normal_distribution<double> noise(0.0, 1.0);
    std::ostringstream csv;
    csv << "id,label";
    for (int f = 0; f < 40; ++f) {
        csv << ",f" << f;
    }
    csv << "\n";
    for (int i = 0; i < 600; ++i) {
        const int c = i % 3;
        const double shared = noise(engine);
        csv << i << "," << "ABC"[c];
        for (int f = 0; f < 40; ++f) {
            csv << "," << (f % 3 == c ? 0.8 : 0.0) + shared + noise(engine);
        }
        csv << "\n";
    }
    return csv.str();
}
}  // namespace

TEST_CASE("a linear booster trains to the same bytes twice even when its config asks for every core", "[cli][ml]") {
    test::ScratchDirectory scratch;
    test::write_text(scratch / "data.csv", linear_csv());
    std::string features;
    for (int f = 0; f < 40; ++f) {
        features += (f ? ", f" : "f") + std::to_string(f);
    }
    test::write_text(scratch / "linear.yaml", "dataset: {csv: data.csv, label: label, id: id, features: [" + features +
                                                  "]}\nnodes:\n  - {id: linear, plugin: timbre.gbt_classifier, params: "
                                                  "{model: linear.ubj, booster: gblinear, rounds: 100, threads: 0}, "
                                                  "inputs: {features: track.features}}\n");
    for (const char* run : {"first", "second"}) {
        const auto trained =
            test::run_timbre({"train", (scratch / "linear.yaml").string(), "--model-dir", (scratch / run).string()});
        INFO(trained.output);
        REQUIRE(trained.exit_code == 0);
    }
    const std::string first = test::read_text(scratch / "first" / "linear.ubj");
    CHECK(first.size() > 1000);
    CHECK(first == test::read_text(scratch / "second" / "linear.ubj"));
}
