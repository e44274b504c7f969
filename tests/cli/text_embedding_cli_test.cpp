// SPDX-License-Identifier: GPL-3.0-or-later
// The libtorch text model end to end: `timbre train` learns which words (in any script) mark
// a class from a lyrics CSV, `evaluate` reproduces its held-out score from the saved model,
// training repeats its scores with its seed, its report says how well its probabilities are
// calibrated, `analyze` classifies a track's embedded lyrics, and a
// model file of another kind is refused by name.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include <random>
#include <sstream>

#include "support/command_run.hpp"
#include "support/test_paths.hpp"

using namespace timbre;

namespace {
// Each text: ten filler words shared by both classes, and one marker word of its class, in
// English, French or Russian. Only the markers carry the class.
std::string lyrics_csv() {
    const std::vector<std::string> filler{"the", "a", "we", "you", "night", "road", "heart", "time", "go", "la",
                                          "oh", "baby", "now", "again", "dance", "light", "home", "dream"};
    const std::vector<std::vector<std::string>> markers{{"sunshine", "été", "солнце"}, {"rain", "hiver", "дождь"}};
    const char* labels[] = {"warm", "cold"};
    std::mt19937 engine(11);
    std::ostringstream csv;
    csv << "id,artist,mood,lyrics\n";
    for (int i = 0; i < 600; ++i) {
        const int c = i % 2;
        std::vector<std::string> words;
        for (int w = 0; w < 10; ++w) {
            words.push_back(filler[engine() % filler.size()]);
        }
        words.insert(words.begin() + static_cast<long>(engine() % words.size()), markers[c][engine() % 3]);
        csv << i << ",artist " << i / 3 << "," << labels[c] << ",\"";
        for (const auto& word : words) {
            csv << word << (&word == &words.back() ? "!\"\n" : ", ");
        }
    }
    return csv.str();
}

// The held-out scores a training run printed: accuracy, macro-F1 and every class's line.
std::string scores_in(const std::string& output) {
    const auto from = output.find("held-out examples");
    const auto to = output.find("report:");
    REQUIRE(from != std::string::npos);
    REQUIRE(to != std::string::npos);
    return output.substr(from, to - from);
}

std::string config(const std::filesystem::path& model) {
    return "dataset: {csv: lyrics.csv, label: mood, text: lyrics, group: artist, id: id}\n"
           "nodes:\n"
           "  - {id: mood, plugin: timbre.text_embedding_classifier, params: {model: '" + model.string() +
           "', epochs: 15}, inputs: {text: track.lyrics}}\n"
           "outputs: [mood.labels]\n";
}
}  // namespace

TEST_CASE("the text embedding model learns marker words in any script and scores the same when re-evaluated",
          "[cli][ml]") {
    test::ScratchDirectory scratch;
    test::write_text(scratch / "lyrics.csv", lyrics_csv());
    test::write_text(scratch / "text.yaml", config(scratch / "mood.pt"));
    const auto trained = test::run_timbre({"train", (scratch / "text.yaml").string()});
    INFO(trained.output);
    REQUIRE(trained.exit_code == 0);
    CHECK_THAT(trained.output, Catch::Contains("epoch 15/15"));
    CHECK(test::printed_number(trained.output, "accuracy") > 0.95);
    // How far its probabilities can be trusted, as a figure and a reliability diagram.
    CHECK_THAT(trained.output, Catch::Contains("calibration error: "));
    const auto report = nlohmann::json::parse(test::read_text(scratch / "mood.report.json"));
    CHECK(report.at("calibration").at("examples") == report.at("examples"));
    CHECK(report.at("calibration").at("expected_error").get<double>() < 0.5);
    CHECK(std::filesystem::exists(scratch / "mood.report.reliability.svg"));

    const auto evaluated = test::run_timbre({"evaluate", (scratch / "text.yaml").string()});
    INFO(evaluated.output);
    CHECK(evaluated.exit_code == 0);
    CHECK(test::printed_number(evaluated.output, "accuracy") == test::printed_number(trained.output, "accuracy"));

    const auto again =
        test::run_timbre({"train", (scratch / "text.yaml").string(), "--model", (scratch / "again.pt").string()});
    REQUIRE(again.exit_code == 0);
    CHECK(scores_in(again.output) == scores_in(trained.output));

    // chord.ogg carries the lyrics "la la la": filler only, so any class, but a full distribution.
    const auto analyzed = test::run_timbre({"analyze", (scratch / "text.yaml").string(),
                                            (test::fixtures / "library" / "good" / "chord.ogg").string(), "--db",
                                            (scratch / "a.db").string(), "--out", (scratch / "a.jsonl").string()});
    INFO(analyzed.output);
    REQUIRE(analyzed.exit_code == 0);
    const auto record = nlohmann::json::parse(test::read_text(scratch / "a.jsonl"));
    const auto& labels = record["outputs"]["mood.labels"]["probabilities"];
    REQUIRE(labels.size() == 2);
    double total = 0.0;
    for (const auto& [name, probability] : labels.items()) {
        CHECK((name == "warm" || name == "cold"));
        total += probability.get<double>();
    }
    CHECK(total == Approx(1.0).epsilon(1e-4));
}

TEST_CASE("a model file of another kind is refused, naming the text embedding plugin", "[cli][ml]") {
    test::ScratchDirectory scratch;
    test::write_text(scratch / "lyrics.csv", lyrics_csv());
    test::write_text(scratch / "wrong.pt", "not a libtorch archive");
    test::write_text(scratch / "text.yaml", config(scratch / "wrong.pt"));
    const auto run = test::run_timbre({"evaluate", (scratch / "text.yaml").string()});
    CHECK(run.exit_code != 0);
    CHECK_THAT(run.output, Catch::Contains("is not a timbre.text_embedding_classifier model"));
}
