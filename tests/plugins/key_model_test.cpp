// SPDX-License-Identifier: GPL-3.0-or-later
// Learned key profiles (plugins/tonal/key_model.cpp, compiled into the tests): key names read
// and scored the MIREX way, profiles counted from noisy annotated pitch-class profiles
// finding keys they were not counted from, the minor bias left at 0 when nothing calls for
// it, and the model file kept with its terms and refused, naming it, when broken.
#include <catch2/catch.hpp>

#include <random>

#include "plugins/tonal/key_model.hpp"
#include "support/command_run.hpp"
#include "timbre/error.hpp"

using namespace timbre;
using namespace timbre::plugins;

namespace {
// Temperley's profile for `key` (an index into KeyEstimate::scores), turned to its tonic, each
// pitch class scaled by a random factor in [1 - noise, 1 + noise].
std::array<double, 12> noisy_profile(int key, double noise, std::mt19937& random) {
    const KeyProfiles published = published_profiles(KeyProfile::temperley);
    const auto& profile = key < 12 ? published.major : published.minor;
    std::uniform_real_distribution<double> factor(1.0 - noise, 1.0 + noise);
    std::array<double, 12> chroma{};
    for (int i = 0; i < 12; ++i) {
        chroma[(i + key) % 12] = profile[i] * factor(random);
    }
    return chroma;
}
}  // namespace

TEST_CASE("key names read as indices, flats and sharps alike, and anything else is refused", "[plugins][tonal]") {
    CHECK(key_index("C major") == 0);
    CHECK(key_index("A minor") == 21);
    CHECK(key_index("Bb major") == 10);
    CHECK(key_index("A# major") == 10);
    CHECK(key_index("Cb minor") == 23);
    CHECK(key_index(key_name(18)) == 18);
    CHECK(key_index("H major") == -1);
    CHECK(key_index("A dorian") == -1);
    CHECK(key_index("A minor please") == -1);
    CHECK(key_index("Ax minor") == -1);
    CHECK(key_index("") == -1);
}

TEST_CASE("the MIREX key score gives a fifth 0.5, the relative key 0.3 and the parallel key 0.2", "[plugins][tonal]") {
    const int c_major = key_index("C major"), a_minor = key_index("A minor");
    CHECK(mirex_key_score(c_major, c_major) == 1.0);
    CHECK(mirex_key_score(key_index("G major"), c_major) == 0.5);
    CHECK(mirex_key_score(key_index("F major"), c_major) == 0.5);
    CHECK(mirex_key_score(key_index("E minor"), a_minor) == 0.5);
    CHECK(mirex_key_score(a_minor, c_major) == 0.3);
    CHECK(mirex_key_score(c_major, a_minor) == 0.3);
    CHECK(mirex_key_score(key_index("C minor"), c_major) == 0.2);
    CHECK(mirex_key_score(key_index("D major"), c_major) == 0.0);
    CHECK(mirex_key_score(key_index("G minor"), c_major) == 0.0);
}

TEST_CASE("profiles counted from annotated tracks find the keys of tracks they never saw", "[plugins][tonal]") {
    std::mt19937 random(7);
    std::vector<AnnotatedChroma> training;
    for (int repeat = 0; repeat < 3; ++repeat) {
        for (int key = 0; key < 24; ++key) {
            training.push_back({noisy_profile(key, 0.3, random), key});
        }
    }
    const KeyModel model = fit_key_model(training);
    CHECK(model.examples == training.size());
    CHECK(model.profiles.minor_bias == 0.0);  // no reading is undecided between the modes
    CHECK(model.sharpness > 1.0);
    int right = 0;
    for (int key = 0; key < 24; ++key) {
        const KeyEstimate estimate = estimate_key(noisy_profile(key, 0.3, random), model.profiles);
        right += estimate.index() == key;
        const auto probabilities = key_probabilities(estimate, model.sharpness);
        double sum = 0.0;
        for (double p : probabilities) {
            sum += p;
        }
        CHECK(sum == Approx(1.0));
    }
    CHECK(right >= 22);
}

TEST_CASE("learning key profiles needs tracks of both modes", "[plugins][tonal]") {
    std::mt19937 random(1);
    std::vector<AnnotatedChroma> major_only;
    for (int key = 0; key < 12; ++key) {
        major_only.push_back({noisy_profile(key, 0.1, random), key});
    }
    CHECK_THROWS_WITH(fit_key_model(major_only), Catch::Contains("12 major and 0 minor"));
}

TEST_CASE("a key model file keeps its profiles and terms, and a broken one is refused by name", "[plugins][tonal]") {
    test::ScratchDirectory scratch;
    std::mt19937 random(3);
    std::vector<AnnotatedChroma> training;
    for (int key = 0; key < 24; ++key) {
        training.push_back({noisy_profile(key, 0.2, random), key});
    }
    const KeyModel model = fit_key_model(training);
    const DataTerms terms{DataUse::research_only, "released for research", "annotated clips"};
    write_key_model(scratch / "key.yaml", model, terms);
    const KeyModel read = read_key_model(scratch / "key.yaml");
    CHECK(read.sharpness == model.sharpness);
    CHECK(read.examples == 24);
    for (int i = 0; i < 12; ++i) {
        CHECK(read.profiles.major[i] == Approx(model.profiles.major[i]).epsilon(1e-5));
        CHECK(read.profiles.minor[i] == Approx(model.profiles.minor[i]).epsilon(1e-5));
    }
    CHECK(read_key_model_terms(scratch / "key.yaml") == terms);

    test::write_text(scratch / "short.yaml", "sharpness: 5\nminor_bias: 0.1\nmajor: [1, 2, 3]\nminor: [1]\n");
    CHECK_THROWS_WITH(read_key_model(scratch / "short.yaml"),
                      Catch::Contains("short.yaml") && Catch::Contains("'major' must be a list of 12 numbers"));
    test::write_text(scratch / "other.yaml", "inputs: {l1: {weight: 1, temperature: 1}}\n");
    CHECK_THROWS_AS(read_key_model(scratch / "other.yaml"), ParameterError);
    CHECK_THROWS_WITH(read_key_model(scratch / "missing.yaml"), Catch::Contains("missing.yaml"));
}
