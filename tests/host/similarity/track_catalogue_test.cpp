// SPDX-License-Identifier: GPL-3.0-or-later
// A store seen as a library: one mood per track with its probability, the pipeline's answer or
// the mean of every mood model that ran; and the data terms of the models behind the labels, as the latest run
// that used each recorded them.
#include <catch2/catch.hpp>

#include "results/result_store.hpp"
#include "similarity/track_catalogue.hpp"
#include "support/command_run.hpp"

using namespace timbre;
using namespace timbre::host;

namespace {
TrackResult labelled_track(const std::string& hash, Labels trees_mood, std::optional<Labels> cnn_mood) {
    TrackResult result;
    result.path = "/music/" + hash + ".ogg";
    result.content_hash = hash;
    result.status = TrackStatus::ok;
    result.outputs["mood_trees.labels"] = std::make_shared<const Value>(std::move(trees_mood));
    if (cnn_mood) {
        result.outputs["mood_cnn.labels"] = std::make_shared<const Value>(std::move(*cnn_mood));
    }
    return result;
}
}  // namespace

TEST_CASE("a store without the mood answer takes the top class of the mean of its mood models, the answer where stored",
          "[store]") {
    test::ScratchDirectory scratch;
    const auto file = scratch / "library.db";
    {
        SqliteResultStore store(file);
        const auto run = store.begin_run({"timbre analyze", "mood.yaml", "", "p", "p"});
        // The trees lean calm, the CNN is clearly happy: happy (0.3 + 0.9) / 2 wins.
        store.record_track(run, "p", labelled_track("aaa", Labels({{"happy / excited", 0.3}, {"calm / relaxed", 0.7}}),
                                                    Labels({{"happy / excited", 0.9}, {"calm / relaxed", 0.1}})));
        store.record_track(run, "p", labelled_track("bbb", Labels({{"angry / tense", 0.6}, {"sad / depressed", 0.4}}),
                                                    std::nullopt));
        // The pipeline's own answer is the track's mood, whatever its models' plain mean says.
        TrackResult answered = labelled_track("ccc", Labels({{"calm / relaxed", 1.0}}), std::nullopt);
        answered.outputs["mood.labels"] =
            std::make_shared<const Value>(Labels({{"sad / depressed", 0.8}, {"calm / relaxed", 0.2}}));
        store.record_track(run, "p", std::move(answered));
    }
    const TrackCatalogue catalogue = TrackCatalogue::open(file);
    REQUIRE(catalogue.tracks().size() == 3);
    // Each with the probability it was given: the models' mean, or the answer's own.
    const std::map<std::string, std::pair<std::string, double>> expected{{"aaa.ogg", {"happy / excited", 0.6}},
                                                                         {"bbb.ogg", {"angry / tense", 0.6}},
                                                                         {"ccc.ogg", {"sad / depressed", 0.8}}};
    for (const auto& track : catalogue.tracks()) {
        const auto& [label, probability] = expected.at(track.path.filename().string());
        CHECK(track.labels.at("mood").label == label);
        CHECK(track.labels.at("mood").probability == Approx(probability));
    }
}

TEST_CASE("the library's model terms are each node's and model's latest, and runs from before terms add none",
          "[store]") {
    test::ScratchDirectory scratch;
    const auto file = scratch / "library.db";
    {
        SqliteResultStore store(file);
        store.begin_run({"old", "a.yaml", "", "p", "p"});  // models "[]": recorded before any model had terms
        store.begin_run({"first", "a.yaml", "", "p", "p",
                         R"([{"node":"genre","plugin":"x","model":"g.ubj","use":"not recorded","licence":"","source":""},
                             {"node":"mood","plugin":"x","model":"m.ubj","use":"research-only","licence":"r","source":"s"}])"});
        store.begin_run({"second", "a.yaml", "", "p", "p",
                         R"([{"node":"genre","plugin":"x","model":"g.ubj","use":"non-commercial","licence":"nc","source":"e"}])"});
    }
    const auto terms = TrackCatalogue::open(file).model_terms();
    REQUIRE(terms.size() == 2);
    CHECK(terms[0].at("node") == "genre");
    CHECK(terms[0].at("use") == "non-commercial");
    CHECK(terms[1].at("node") == "mood");
    CHECK(terms[1].at("use") == "research-only");
}

TEST_CASE("an old row id names its path's track after a re-analysis, and its content's after a move", "[store]") {
    test::ScratchDirectory scratch;
    const auto file = scratch / "library.db";
    const auto track = [](const std::string& path, const std::string& hash, TrackStatus status) {
        TrackResult result;
        result.path = path;
        result.content_hash = hash;
        result.status = status;
        return result;
    };
    {
        SqliteResultStore store(file);
        const auto run = store.begin_run({"timbre analyze", "a.yaml", "", "p", "p"});
        store.record_track(run, "p", track("/music/a.ogg", "aaa", TrackStatus::ok));        // 1
        store.record_track(run, "p", track("/music/b.ogg", "bbb", TrackStatus::ok));        // 2
        store.record_track(run, "p", track("/music/a.ogg", "aaa", TrackStatus::ok));        // 3: a analysed again
        store.record_track(run, "p", track("/music/new/b.ogg", "bbb", TrackStatus::ok));    // 4: b moved
        store.record_track(run, "p", track("/music/b.ogg", "bbb", TrackStatus::failed));    // 5: gone from there
        store.record_track(run, "p", track("/music/c.ogg", "ccc", TrackStatus::ok));        // 6
        store.record_track(run, "p", track("/music/c.ogg", "", TrackStatus::failed));       // 7: c deleted
    }
    const TrackCatalogue catalogue = TrackCatalogue::open(file);
    REQUIRE(catalogue.tracks().size() == 2);
    const auto path_of = [&](std::int64_t row) {
        const auto index = catalogue.track_of_row(row);
        return index ? catalogue.tracks()[*index].path.string() : std::string("none");
    };
    CHECK(path_of(1) == "/music/a.ogg");
    CHECK(catalogue.tracks()[*catalogue.track_of_row(1)].id == 3);
    CHECK(path_of(2) == "/music/new/b.ogg");
    CHECK(path_of(4) == "/music/new/b.ogg");
    CHECK(path_of(5) == "/music/new/b.ogg");
    CHECK(path_of(6) == "none");
    CHECK(path_of(7) == "none");
    CHECK(path_of(99) == "none");
}
