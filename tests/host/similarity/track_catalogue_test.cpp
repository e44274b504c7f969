// SPDX-License-Identifier: GPL-3.0-or-later
// A store seen as a library: one mood per track from every mood model that ran, the lyrics
// model's classes counted as the quadrants they name, in words; and the data terms of the
// models behind the labels, as the latest run that used each recorded them.
#include <catch2/catch.hpp>

#include "results/result_store.hpp"
#include "similarity/track_catalogue.hpp"
#include "support/command_run.hpp"

using namespace timbre;
using namespace timbre::host;

namespace {
TrackResult labelled_track(const std::string& hash, Labels audio_mood, std::optional<Labels> lyrics_mood) {
    TrackResult result;
    result.path = "/music/" + hash + ".ogg";
    result.content_hash = hash;
    result.status = TrackStatus::ok;
    result.outputs["mood_trees.labels"] = std::make_shared<const Value>(std::move(audio_mood));
    if (lyrics_mood) {
        result.outputs["mood_lyrics.labels"] = std::make_shared<const Value>(std::move(*lyrics_mood));
    }
    return result;
}
}  // namespace

TEST_CASE("a track's mood pools the audio quadrants with the lyrics model's classes, which name the same quadrants",
          "[store]") {
    test::ScratchDirectory scratch;
    const auto file = scratch / "library.db";
    {
        SqliteResultStore store(file);
        const auto run = store.begin_run({"timbre analyze", "mood.yaml", "", "p", "p"});
        // Audio leans calm (Q4), the lyrics are clearly happy (Q1): Q1 (0.3 + 0.9) / 2 wins.
        store.record_track(run, "p", labelled_track("aaa", Labels({{"Q1", 0.3}, {"Q4", 0.7}}),
                                                    Labels({{"happy", 0.9}, {"relaxed", 0.1}})));
        store.record_track(run, "p", labelled_track("bbb", Labels({{"Q2", 0.6}, {"Q3", 0.4}}), std::nullopt));
    }
    const TrackCatalogue catalogue = TrackCatalogue::open(file);
    REQUIRE(catalogue.tracks().size() == 2);
    for (const auto& track : catalogue.tracks()) {
        CHECK(track.labels.at("mood") == (track.path.filename() == "aaa.ogg" ? "happy / excited" : "angry / tense"));
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
