// SPDX-License-Identifier: GPL-3.0-or-later
// Reading one attribute of a saved XGBoost model without its trees
// (plugins/xgboost/saved_booster_attribute.cpp, compiled into the tests): found under the
// learner's attributes in JSON and UBJSON alike, never a key of the same name elsewhere, none
// when the model has none, the shipped models' own attributes read, and a file that is not
// what its name says refused, naming it.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "plugins/xgboost/saved_booster_attribute.hpp"
#include "support/command_run.hpp"
#include "support/test_paths.hpp"
#include "timbre/error.hpp"

using namespace timbre;
using timbre::plugins::saved_booster_attribute;

namespace {

// The layout XGBoost saves, the trees cut down, with an attribute's name also used as a key
// inside the trees and after the attributes.
nlohmann::json saved_model(const nlohmann::json& attributes) {
    return {{"learner",
             {{"attributes", attributes},
              {"gradient_booster",
               {{"model", {{"trees", {{{"timbre_classes", "not an attribute"}, {"split_conditions", {0.5, 1.5}}}}}}}}},
              {"objective", {{"name", "multi:softprob"}}}}},
            {"version", {1, 6, 2}}};
}

void write_bytes(const std::filesystem::path& file, const std::vector<std::uint8_t>& bytes) {
    test::write_text(file, std::string(bytes.begin(), bytes.end()));
}

}  // namespace

TEST_CASE("a saved XGBoost model's attribute is read without its trees, in JSON and UBJSON", "[plugins][xgboost]") {
    const test::ScratchDirectory scratch;
    const auto model = saved_model({{"timbre_classes", "calm\nenergetic"}, {"timbre_data_terms", "research-only"}});
    test::write_text(scratch / "model.json", model.dump());
    write_bytes(scratch / "model.ubj", nlohmann::json::to_ubjson(model, true, true));
    for (const char* name : {"model.json", "model.ubj"}) {
        INFO(name);
        CHECK(plugins::saved_as_json(scratch / name));
        CHECK(saved_booster_attribute(scratch / name, "timbre_classes") == "calm\nenergetic");
        CHECK(saved_booster_attribute(scratch / name, "timbre_data_terms") == "research-only");
        CHECK_FALSE(saved_booster_attribute(scratch / name, "split_conditions"));
    }
    CHECK_FALSE(plugins::saved_as_json(scratch / "model.bin"));

    // Without attributes, a key of the same name in the trees is not taken for one.
    test::write_text(scratch / "bare.json", saved_model(nlohmann::json::object()).dump());
    CHECK_FALSE(saved_booster_attribute(scratch / "bare.json", "timbre_classes"));

    // Every shipped model names its classes or keeps its terms where XGBoost put them.
    const auto shipped = test::source_dir / "plugins/xgboost/models/emotify-genre.ubj";
    const auto classes = saved_booster_attribute(shipped, "timbre_classes");
    REQUIRE(classes);
    CHECK_THAT(*classes, Catch::Contains("classical") && Catch::Contains("electronic"));
    const auto terms = saved_booster_attribute(shipped, "timbre_data_terms");
    REQUIRE(terms);
    CHECK_THAT(*terms, Catch::Contains("Magnatune"));

    // A file that is not what its name says is refused, naming it.
    test::write_text(scratch / "cut.ubj", std::string(model.dump()).substr(0, 40));
    const auto cut = scratch / "cut.ubj";
    CHECK_THROWS_WITH(saved_booster_attribute(cut, "timbre_classes"),
                      Catch::Contains(cut.string()) && Catch::Contains("UBJSON"));
    auto ubjson = nlohmann::json::to_ubjson(model, true, true);
    ubjson.resize(ubjson.size() / 10);
    write_bytes(scratch / "short.ubj", ubjson);
    CHECK_THROWS_AS(saved_booster_attribute(scratch / "short.ubj", "timbre_data_terms"), Error);
    CHECK_THROWS_WITH(saved_booster_attribute(scratch / "absent.json", "timbre_classes"),
                      Catch::Contains("absent.json"));
}
