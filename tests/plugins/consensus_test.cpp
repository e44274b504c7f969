// SPDX-License-Identifier: GPL-3.0-or-later
// timbre.consensus puts each model's classes in the vocabulary's words and averages the
// models that ran with their weights; a class the vocabulary does not list, and a vocabulary
// that is wrong, are refused with the class, or the file, line and column, named.
#include <catch2/catch.hpp>

#include "support/command_run.hpp"
#include "support/plugin_harness.hpp"
#include "support/test_paths.hpp"
#include "timbre/trainable.hpp"

using namespace timbre;

namespace {
const std::string mood_words = (test::source_dir / "plugins" / "consensus" / "models" / "mood-words.yaml").string();

std::map<std::string, double> by_class(const Outputs& outputs) {
    std::map<std::string, double> named;
    for (const auto& [label, probability] : test::BuiltinPlugin::get<Labels>(outputs, "labels").probabilities()) {
        named[label] = probability;
    }
    return named;
}
}  // namespace

TEST_CASE("consensus puts the audio and the lyrics models' moods in one set of words and averages the models that ran",
          "[plugins][consensus]") {
    test::BuiltinPlugin consensus("timbre.consensus", {{"vocabulary", mood_words}, {"weight2", 3.0}});
    const Labels audio({{"happy / excited", 0.1}, {"angry / tense", 0.1}, {"sad / depressed", 0.2}, {"calm / relaxed", 0.6}});
    const Labels lyrics({{"angry", 0.0}, {"happy", 0.1}, {"relaxed", 0.1}, {"sad", 0.8}});
    const auto both = by_class(consensus.run({{"l1", audio}, {"l2", lyrics}}));
    REQUIRE(both.size() == 4);
    CHECK(both.at("sad / depressed") == Approx((0.2 + 3 * 0.8) / 4));
    CHECK(both.at("calm / relaxed") == Approx((0.6 + 3 * 0.1) / 4));
    CHECK(both.at("happy / excited") == Approx((0.1 + 3 * 0.1) / 4));
    CHECK(both.at("angry / tense") == Approx(0.1 / 4));
    CHECK(test::BuiltinPlugin::get<Labels>(consensus.run({{"l1", audio}, {"l2", lyrics}}), "labels").top() ==
          "sad / depressed");
    // Without the lyrics the audio model alone is the answer, not a quarter of it.
    const auto audio_only = by_class(consensus.run({{"l1", audio}}));
    CHECK(audio_only.at("calm / relaxed") == Approx(0.6));
    CHECK(audio_only.at("sad / depressed") == Approx(0.2));
}

TEST_CASE("consensus answers in the vocabulary's order and keeps classes as they are without one",
          "[plugins][consensus]") {
    test::BuiltinPlugin worded("timbre.consensus", {{"vocabulary", mood_words}});
    const Outputs outputs = worded.run({{"l3", Labels({{"relaxed", 0.4}, {"sad", 0.3}, {"angry", 0.2}, {"happy", 0.1}})}});
    const auto& answer = test::BuiltinPlugin::get<Labels>(outputs, "labels");
    REQUIRE(answer.probabilities().size() == 4);
    CHECK(answer.probabilities()[0].first == "happy / excited");
    CHECK(answer.probabilities()[3].first == "calm / relaxed");
    test::BuiltinPlugin plain("timbre.consensus");
    const auto summed = by_class(plain.run({{"l1", Labels({{"rock", 1.0}})}, {"l2", Labels({{"pop", 1.0}})}}));
    CHECK(summed.at("rock") == Approx(0.5));
    CHECK(summed.at("pop") == Approx(0.5));
}

TEST_CASE("consensus refuses a class its vocabulary does not list, and no input at all", "[plugins][consensus]") {
    test::BuiltinPlugin consensus("timbre.consensus", {{"vocabulary", mood_words}});
    // A model still naming its classes after the data's codes is not mixed in as a fifth mood.
    CHECK_THROWS_WITH(consensus.run({{"l1", Labels({{"happy / excited", 0.5}, {"Q3", 0.5}})}}),
                      Catch::Contains("'Q3'") && Catch::Contains("mood-words.yaml"));
    CHECK_THROWS_WITH(consensus.run(std::map<std::string, Value>{}), Catch::Contains("no model"));
}

TEST_CASE("a wrong vocabulary is refused at its file, line and column", "[plugins][consensus]") {
    test::ScratchDirectory scratch;
    const auto check = [&](const std::string& text, const std::string& expected) {
        test::write_text(scratch / "words.yaml", text);
        INFO(text);
        CHECK_THROWS_WITH(test::BuiltinPlugin("timbre.consensus", {{"vocabulary", (scratch / "words.yaml").string()}}),
                          Catch::Contains("words.yaml:" + expected));
    };
    check("answers:\n  - {answer: calm, classes: [Q4], source: x}\n  - {answer: quiet, classes: [Q4], source: y}\n",
          "3:31: the class 'Q4' already means 'calm'");
    check("answers:\n  - {answer: calm, classes: [Q4], source: x}\n  - {answer: calm, classes: [Q3], source: y}\n",
          "3:14: the answer 'calm' is listed twice");
    check("answers:\n  - {answer: calm, classes: [Q4]}\n", "2:5: 'source' (where the name comes from) is missing");
    check("answers:\n  - {answer: calm, classes: [Q4], source: x, colour: blue}\n", "2:46: unknown key 'colour'");
    check("answers: [\n", "2:1:");
}

namespace {
// Four classes; `right` gets `confidence`, the others share the rest.
Labels confident(const std::string& right, double confidence) {
    std::vector<std::pair<std::string, double>> probabilities;
    for (const char* name : {"happy", "angry", "sad", "relaxed"}) {
        probabilities.emplace_back(name, name == right ? confidence : (1.0 - confidence) / 3.0);
    }
    return Labels(std::move(probabilities));
}

LabelledExample example(const std::map<std::string, Labels>& inputs, const std::string& answer) {
    Outputs values;
    for (const auto& [port, labels] : inputs) {
        values.put(port, labels);
    }
    return {Inputs(values.values()), answer};
}
}  // namespace

TEST_CASE("a fitted calibration sharpens an under-confident model and weighs down one that guesses",
          "[plugins][consensus]") {
    test::ScratchDirectory scratch;
    const std::vector<std::string> lyrics{"happy", "angry", "sad", "relaxed"};
    const std::vector<std::string> words{"happy / excited", "angry / tense", "sad / depressed", "calm / relaxed"};
    std::vector<LabelledExample> examples;
    for (int i = 0; i < 80; ++i) {
        const int right = i % 4;
        const int guess = (i * 7 / 3) % 4;  // right about a quarter of the time, always sure
        // l1 is always right but says only 0.4; l2 is sure of a guess.
        examples.push_back(example({{"l1", confident(lyrics[right], 0.4)}, {"l2", confident(lyrics[guess], 0.9)}},
                                   words[right]));
    }
    test::BuiltinPlugin untrained("timbre.consensus", {{"vocabulary", mood_words}});
    const auto model = scratch / "calibration.yaml";
    untrained.as<Trainable>().train(examples, model);
    test::BuiltinPlugin fitted("timbre.consensus", {{"vocabulary", mood_words}, {"model", model.string()}});
    const Outputs before = untrained.run({{"l1", confident("sad", 0.4)}, {"l2", confident("happy", 0.9)}});
    const Outputs after = fitted.run({{"l1", confident("sad", 0.4)}, {"l2", confident("happy", 0.9)}});
    // Unfitted, the sure guess wins; fitted, the model that is always right does, and says so.
    CHECK(test::BuiltinPlugin::get<Labels>(before, "labels").top() == "happy / excited");
    CHECK(test::BuiltinPlugin::get<Labels>(after, "labels").top() == "sad / depressed");
    CHECK(by_class(after).at("sad / depressed") > 0.6);

    const DataTerms terms{DataUse::research_only, "released for research", "a test set"};
    fitted.as<Trainable>().write_terms(model, terms);
    const auto read = fitted.as<Trainable>().read_terms(model);
    REQUIRE(read);
    CHECK(read->use == DataUse::research_only);
    CHECK(read->source == "a test set");
    test::BuiltinPlugin stamped("timbre.consensus", {{"vocabulary", mood_words}, {"model", model.string()}});
    CHECK(by_class(stamped.run({{"l1", confident("sad", 0.4)}, {"l2", confident("happy", 0.9)}})) == by_class(after));
}

TEST_CASE("a calibration file that timbre did not write is refused with its name", "[plugins][consensus]") {
    test::ScratchDirectory scratch;
    test::write_text(scratch / "c.yaml", "inputs: {l7: {weight: 1, temperature: 1}}\n");
    CHECK_THROWS_WITH(test::BuiltinPlugin("timbre.consensus", {{"model", (scratch / "c.yaml").string()}}),
                      Catch::Contains("c.yaml") && Catch::Contains("unknown input 'l7'"));
    test::write_text(scratch / "d.yaml", "inputs: {l1: {weight: 1, temperature: 0}}\n");
    CHECK_THROWS_WITH(test::BuiltinPlugin("timbre.consensus", {{"model", (scratch / "d.yaml").string()}}),
                      Catch::Contains("d.yaml") && Catch::Contains("temperature above 0"));
    CHECK_THROWS_WITH(test::BuiltinPlugin("timbre.consensus", {{"model", (scratch / "none.yaml").string()}}),
                      Catch::Contains("none.yaml"));
}
