// SPDX-License-Identifier: GPL-3.0-or-later
// The terms of a model's training data, end to end: `timbre train` writes the dataset's
// `terms:` into every model it writes (XGBoost and libtorch files alike), `plugins describe
// --model` and `validate` show them, `analyze` says once per run which models limit its use
// and stores their terms with the run; `--record-terms` adds terms to a model without
// changing what it computes; terms never leak from the config to another --dataset; and a
// bad `terms:` is refused at its line and column.
#include <catch2/catch.hpp>

#include <SQLiteCpp/SQLiteCpp.h>
#include <nlohmann/json.hpp>

#include <random>
#include <sstream>

#include "support/command_run.hpp"
#include "support/test_paths.hpp"

using namespace timbre;

namespace {
// Short lyrics whose one marker word gives the class.
std::string lyrics_csv() {
    const std::vector<std::string> filler{"the", "we", "night", "road", "heart", "time", "go", "baby", "now", "home"};
    std::mt19937 engine(5);
    std::ostringstream csv;
    csv << "id,artist,mood,lyrics\n";
    for (int i = 0; i < 120; ++i) {
        csv << i << ",artist " << i / 2 << "," << (i % 2 ? "cold" : "warm") << ",\"" << (i % 2 ? "rain" : "sunshine");
        for (int w = 0; w < 6; ++w) {
            csv << " " << filler[engine() % filler.size()];
        }
        csv << "\"\n";
    }
    return csv.str();
}

std::string dataset_line(const std::string& terms) {
    return "dataset: {csv: lyrics.csv, label: mood, text: lyrics, group: artist, id: id" +
           (terms.empty() ? std::string() : ", terms: " + terms) + "}\n";
}

// A text classifier (XGBoost) reading model `model`.
std::string trees_config(const std::string& model, const std::string& terms) {
    return dataset_line(terms) + "nodes:\n  - {id: mood, plugin: timbre.text_classifier, params: {model: " + model +
           ", rounds: 20}, inputs: {text: track.lyrics}}\noutputs: [mood.labels]\n";
}

// A libtorch text model.
std::string neural_config(const std::string& model, const std::string& terms) {
    return dataset_line(terms) + "nodes:\n  - {id: mood, plugin: timbre.text_embedding_classifier, params: {model: " +
           model + ", epochs: 2}, inputs: {text: track.lyrics}}\noutputs: [mood.labels]\n";
}

std::string described(const std::filesystem::path& plugin_model, const std::string& plugin) {
    const auto result = test::run_timbre({"plugins", "describe", plugin, "--model", plugin_model.string()});
    INFO(result.output);
    REQUIRE(result.exit_code == 0);
    return result.output;
}

std::size_t occurrences(const std::string& text, const std::string& part) {
    std::size_t count = 0;
    for (auto at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) {
        ++count;
    }
    return count;
}

// Writes lyrics.csv and each named config into `scratch`, and trains each; all must succeed.
void train_all(const test::ScratchDirectory& scratch, const std::vector<std::pair<std::string, std::string>>& configs) {
    test::write_text(scratch / "lyrics.csv", lyrics_csv());
    for (const auto& [name, text] : configs) {
        test::write_text(scratch / name, text);
        const auto trained = test::run_timbre({"train", (scratch / name).string()});
        INFO(trained.output);
        REQUIRE(trained.exit_code == 0);
    }
}

const std::string kResearch = "{use: research-only, licence: 'labels for research', source: 'test lyrics'}";
}  // namespace

TEST_CASE("timbre train keeps the dataset's terms in XGBoost and libtorch models, and describe and validate show them",
          "[cli][ml]") {
    test::ScratchDirectory scratch;
    train_all(scratch, {{"trees.yaml", trees_config("trees.ubj", kResearch)},
                        {"neural.yaml", neural_config("neural.pt", "{use: non-commercial, licence: CC BY-NC 4.0, "
                                                                   "source: test lyrics}")}});
    CHECK_THAT(described(scratch / "trees.ubj", "timbre.text_classifier"),
               Catch::Contains("model " + (scratch / "trees.ubj").string() +
                               ": research use only (labels for research; test lyrics)"));
    CHECK_THAT(described(scratch / "neural.pt", "timbre.text_embedding_classifier"),
               Catch::Contains("non-commercial use only (CC BY-NC 4.0; test lyrics)"));

    const auto json = test::run_timbre({"plugins", "describe", "timbre.text_classifier", "--json", "--model",
                                        (scratch / "trees.ubj").string()});
    REQUIRE(json.exit_code == 0);
    const auto model = nlohmann::json::parse(json.output).at("model");
    CHECK(model.at("use") == "research-only");
    CHECK(model.at("licence") == "labels for research");
    CHECK(model.at("source") == "test lyrics");

    const auto validated = test::run_timbre({"validate", (scratch / "neural.yaml").string()});
    INFO(validated.output);
    CHECK_THAT(validated.output, Catch::Contains("mood: neural.pt, non-commercial use only"));

    const auto wrong_reader = test::run_timbre({"plugins", "describe", "timbre.text_classifier", "--model",
                                                (scratch / "neural.pt").string()});
    CHECK(wrong_reader.exit_code != 0);
    CHECK_THAT(wrong_reader.output, Catch::Contains("timbre.text_classifier cannot read the model"));
}

TEST_CASE("analyze says once per run which models limit its use, and stores every model's terms with the run",
          "[cli][ml]") {
    test::ScratchDirectory scratch;
    train_all(scratch, {{"limited.yaml", trees_config("limited.ubj", kResearch)},
                        {"free.yaml", trees_config("free.ubj", "{use: unrestricted, licence: CC0, source: our own lyrics}")}});
    test::write_text(scratch / "both.yaml",
                     "nodes:\n"
                     "  - {id: limited, plugin: timbre.text_classifier, params: {model: limited.ubj}, inputs: {text: track.lyrics}}\n"
                     "  - {id: free, plugin: timbre.text_classifier, params: {model: free.ubj}, inputs: {text: track.lyrics}}\n"
                     "outputs: [limited.labels, free.labels]\n");
    // chord.ogg carries lyrics; two copies and two workers: still one notice.
    const auto audio = test::fixtures / "library" / "good" / "chord.ogg";
    std::filesystem::copy_file(audio, scratch / "one.ogg");
    std::filesystem::copy_file(audio, scratch / "two.ogg");
    const auto analysed = test::run_timbre({"analyze", (scratch / "both.yaml").string(), (scratch / "one.ogg").string(),
                                            (scratch / "two.ogg").string(), "-j", "2", "--db",
                                            (scratch / "s.db").string()});
    INFO(analysed.output);
    REQUIRE(analysed.exit_code == 0);
    CHECK(occurrences(analysed.output, "models whose training data limits their use") == 1);
    CHECK_THAT(analysed.output, Catch::Contains("node 'limited' (limited.ubj): research use only"));
    CHECK_THAT(analysed.output, !Catch::Contains("node 'free'"));

    SQLite::Database store((scratch / "s.db").string());
    const auto models = nlohmann::json::parse(store.execAndGet("SELECT models FROM runs").getString());
    REQUIRE(models.size() == 2);
    CHECK(models[0].at("node") == "limited");
    CHECK(models[0].at("use") == "research-only");
    CHECK(models[1].at("node") == "free");
    CHECK(models[1].at("use") == "unrestricted");
    CHECK(models[1].at("licence") == "CC0");

    const auto free_only = test::run_timbre({"analyze", (scratch / "free.yaml").string(),
                                             (scratch / "one.ogg").string(), "--db", (scratch / "free.db").string()});
    REQUIRE(free_only.exit_code == 0);
    CHECK_THAT(free_only.output, !Catch::Contains("limits their use"));
}

TEST_CASE("train --record-terms adds terms to a model trained without them, and the model computes the same", "[cli][ml]") {
    test::ScratchDirectory scratch;
    test::write_text(scratch / "lyrics.csv", lyrics_csv());
    test::write_text(scratch / "model.yaml", trees_config("model.ubj", ""));
    const auto trained = test::run_timbre({"train", (scratch / "model.yaml").string()});
    INFO(trained.output);
    REQUIRE(trained.exit_code == 0);
    CHECK_THAT(trained.output, Catch::Contains("records no terms of its training data"));
    CHECK_THAT(described(scratch / "model.ubj", "timbre.text_classifier"),
               Catch::Contains("terms of its training data not recorded"));
    const auto audio = (test::fixtures / "library" / "good" / "chord.ogg").string();
    const auto before = test::run_timbre({"analyze", (scratch / "model.yaml").string(), audio, "--db",
                                          (scratch / "before.db").string(), "--out",
                                          (scratch / "before.jsonl").string()});
    REQUIRE(before.exit_code == 0);
    CHECK_THAT(before.output, Catch::Contains("node 'mood' (model.ubj): terms of its training data not recorded"));

    const auto refused = test::run_timbre({"train", (scratch / "model.yaml").string(), "--record-terms"});
    CHECK(refused.exit_code != 0);
    CHECK_THAT(refused.output, Catch::Contains("no 'terms'"));

    test::write_text(scratch / "model.yaml", trees_config("model.ubj", kResearch));
    const auto recorded = test::run_timbre({"train", (scratch / "model.yaml").string(), "--record-terms"});
    INFO(recorded.output);
    REQUIRE(recorded.exit_code == 0);
    CHECK_THAT(recorded.output, !Catch::Contains("held-out"));  // nothing was trained
    CHECK_THAT(described(scratch / "model.ubj", "timbre.text_classifier"), Catch::Contains("research use only"));
    const auto after = test::run_timbre({"analyze", (scratch / "model.yaml").string(), audio, "--db",
                                         (scratch / "after.db").string(), "--out", (scratch / "after.jsonl").string()});
    REQUIRE(after.exit_code == 0);
    const auto labels = [](const std::filesystem::path& file) {
        return nlohmann::json::parse(test::read_text(file)).at("outputs").at("mood.labels");
    };
    CHECK(labels(scratch / "before.jsonl") == labels(scratch / "after.jsonl"));
}

TEST_CASE("terms describe the config's own dataset: another --dataset needs --data-use", "[cli][ml]") {
    test::ScratchDirectory scratch;
    test::write_text(scratch / "lyrics.csv", lyrics_csv());
    test::write_text(scratch / "other.csv", lyrics_csv());
    test::write_text(scratch / "model.yaml", trees_config("model.ubj", kResearch));
    const auto other = test::run_timbre({"train", (scratch / "model.yaml").string(), "--dataset",
                                         (scratch / "other.csv").string()});
    INFO(other.output);
    REQUIRE(other.exit_code == 0);
    CHECK_THAT(described(scratch / "model.ubj", "timbre.text_classifier"), Catch::Contains("not recorded"));

    const auto stated = test::run_timbre({"train", (scratch / "model.yaml").string(), "--dataset",
                                          (scratch / "other.csv").string(), "--data-use", "unrestricted",
                                          "--data-licence", "CC0"});
    INFO(stated.output);
    REQUIRE(stated.exit_code == 0);
    CHECK_THAT(described(scratch / "model.ubj", "timbre.text_classifier"),
               Catch::Contains("unrestricted use (CC0; " + (scratch / "other.csv").string() + ")"));
}

TEST_CASE("a dataset's terms with an unknown use or a missing use are refused at their line and column", "[cli][ml]") {
    test::ScratchDirectory scratch;
    test::write_text(scratch / "lyrics.csv", lyrics_csv());
    test::write_text(scratch / "unknown.yaml", trees_config("m.ubj", "{use: commercial, licence: CC0}"));
    const auto unknown = test::run_timbre({"validate", (scratch / "unknown.yaml").string()});
    CHECK(unknown.exit_code != 0);
    CHECK_THAT(unknown.output, Catch::Contains("unknown.yaml:1:") &&
                                   Catch::Contains("'dataset.terms.use' is 'commercial': expected unrestricted, "
                                                   "non-commercial or research-only"));
    test::write_text(scratch / "missing.yaml", trees_config("m.ubj", "{licence: CC0}"));
    const auto missing = test::run_timbre({"validate", (scratch / "missing.yaml").string()});
    CHECK(missing.exit_code != 0);
    CHECK_THAT(missing.output, Catch::Contains("missing.yaml:1:") && Catch::Contains("'dataset.terms' has no 'use'"));
}
