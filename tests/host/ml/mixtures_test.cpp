// SPDX-License-Identifier: GPL-3.0-or-later
// Mixtures for a tagger: each held-out mixture is made only of recordings no training mixture
// uses (split by group first), each mixes distinct classes within the asked number of voices
// and gains, the same seed gives the same mixtures, and an impossible request is refused.
#include <catch2/catch.hpp>

#include <cmath>
#include <set>
#include <sstream>

#include "ml/dataset.hpp"
#include "support/command_run.hpp"
#include "support/test_paths.hpp"
#include "timbre/error.hpp"

using namespace timbre::host;

namespace {

// 8 classes x 5 recordings, each recording its own group (a pitch, say); the files need not
// exist: mixing only chooses them.
DatasetSpec recordings_spec(const timbre::test::ScratchDirectory& scratch) {
    std::ostringstream csv;
    csv << "path,label,pitch\n";
    for (int c = 0; c < 8; ++c) {
        for (int r = 0; r < 5; ++r) {
            csv << 'c' << c << '_' << r << ".wav,class" << c << ",p" << c * 5 + r << '\n';
        }
    }
    timbre::test::write_text(scratch / "notes.csv", csv.str());
    return {.csv = scratch / "notes.csv", .label = "label", .audio = "path", .group = "pitch", .test_fraction = 0.25,
            .seed = 7, .mixtures = MixtureSpec{.count = 200, .min_voices = 2, .max_voices = 3, .min_gain_db = -6.0,
                                               .max_gain_db = 0.0, .seconds = 2.0}};
}

}  // namespace

TEST_CASE("mixtures never share a recording across the split and mix distinct classes at the asked gains", "[ml]") {
    timbre::test::ScratchDirectory scratch;
    const DatasetSpec spec = recordings_spec(scratch);
    const Dataset mixed = load_dataset(spec);
    REQUIRE(mixed.examples.size() == 200);
    CHECK(mixed.tagged);
    CHECK(mixed.has_own_split);
    std::set<std::filesystem::path> training_files, held_out_files;
    std::size_t held_out = 0;
    std::set<std::size_t> voice_counts;
    for (const Example& example : mixed.examples) {
        held_out += example.held_out;
        REQUIRE(example.tags.size() == example.mix.size());
        voice_counts.insert(example.mix.size());
        CHECK(std::set<std::string>(example.tags.begin(), example.tags.end()).size() == example.tags.size());
        CHECK(std::is_sorted(example.tags.begin(), example.tags.end()));
        for (std::size_t p = 0; p < example.mix.size(); ++p) {
            const MixedPart& part = example.mix[p];
            CHECK(part.gain <= 1.0);
            CHECK(part.gain >= std::pow(10.0, -6.0 / 20.0) - 1e-12);
            CHECK(part.seconds == 2.0);
            // Each part is a recording of the class its tag names.
            CHECK(part.audio.filename().string().substr(1, 1) == example.tags[p].substr(5));
            (example.held_out ? held_out_files : training_files).insert(part.audio);
        }
    }
    CHECK(held_out == 50);
    CHECK(voice_counts == std::set<std::size_t>{2, 3});
    for (const auto& file : held_out_files) {
        CHECK_FALSE(training_files.contains(file));
    }
    CHECK(held_out_files.size() > 4);

    const Dataset again = load_dataset(spec);
    for (std::size_t i = 0; i < mixed.examples.size(); ++i) {
        CHECK(again.examples[i].key == mixed.examples[i].key);
    }
    DatasetSpec reseeded = spec;
    reseeded.seed = 8;
    CHECK(load_dataset(reseeded).examples.front().key != mixed.examples.front().key);
}

TEST_CASE("a training-only source's recordings are mixed into training mixtures only", "[ml]") {
    timbre::test::ScratchDirectory scratch;
    const DatasetSpec notes = recordings_spec(scratch);
    std::ostringstream csv;
    csv << "path,label,pitch\n";
    for (int c = 0; c < 8; ++c) {
        for (int r = 0; r < 3; ++r) {
            csv << "rendered/c" << c << '_' << r << ".wav,class" << c << ",p" << c * 3 + r << '\n';
        }
    }
    timbre::test::write_text(scratch / "rendered.csv", csv.str());
    DatasetSpec rendered = {.csv = scratch / "rendered.csv", .label = "label", .audio = "path", .group = "pitch"};
    rendered.training_only = true;
    DatasetSpec pooled = {.test_fraction = 0.25, .seed = 7, .mixtures = notes.mixtures};
    pooled.sources = {notes, rendered};
    pooled.sources.front().mixtures.reset();
    std::size_t rendered_in_training = 0;
    for (const Example& example : load_dataset(pooled).examples) {
        for (const MixedPart& part : example.mix) {
            const bool is_rendered = part.audio.parent_path().filename() == "rendered";
            CHECK_FALSE((example.held_out && is_rendered));
            rendered_in_training += is_rendered;
        }
    }
    CHECK(rendered_in_training > 0);
}

TEST_CASE("mixtures that need more classes than a side holds are refused", "[ml]") {
    timbre::test::ScratchDirectory scratch;
    DatasetSpec spec = recordings_spec(scratch);
    spec.mixtures->min_voices = 9;
    spec.mixtures->max_voices = 9;
    CHECK_THROWS_WITH(load_dataset(spec), Catch::Contains("dataset.mixtures") && Catch::Contains("fewer than min_voices (9)"));
}
