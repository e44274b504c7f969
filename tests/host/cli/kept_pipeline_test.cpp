// SPDX-License-Identifier: GPL-3.0-or-later
// The web service's comparisons analyse each file on a pipeline kept between them: it must be
// the library's pipeline (loaded again when that changes), analyse as a new one would, and
// never be taken for another graph's.
#include <catch2/catch.hpp>

#include "cli/kept_pipeline.hpp"
#include "executor/parallel_analysis.hpp"
#include "results/value_json.hpp"
#include "support/test_paths.hpp"

using timbre::host::AnalysisOptions;
using timbre::host::GraphInstance;
using timbre::host::KeptPipeline;
using timbre::host::TrackCatalogue;
using timbre::host::TrackResult;
using timbre::host::value_to_json;

namespace {
const std::string kMel =
    "nodes:\n  - {id: mel, plugin: timbre.melspec, inputs: {audio: track.audio}}\noutputs: [mel.mel]\n";
const std::string kMelStats =
    "nodes:\n  - {id: mel, plugin: timbre.melspec, inputs: {audio: track.audio}}\n"
    "  - {id: stats, plugin: timbre.summary, inputs: {frames: mel.mel}}\noutputs: [stats.stats]\n";

TrackCatalogue::RunConfig run_of(const std::string& text) { return {text, "/nowhere/made.yaml", "", ""}; }

std::vector<TrackResult> analysed(const KeptPipeline::Ready& ready, GraphInstance* instance) {
    std::vector<TrackResult> results;
    AnalysisOptions options;
    options.instance = instance;
    analyse_in_parallel(*ready.pipeline.graph, *ready.pipeline.registry,
                        {timbre::test::fixtures / "library" / "good" / "tone.flac"}, options,
                        [&](TrackResult result) { results.push_back(std::move(result)); });
    return results;
}
}  // namespace

TEST_CASE("a kept pipeline is loaded once for a library's config, and again for another", "[cli][kept]") {
    const std::vector<std::string> plugins;  // the built-in plugins, found beside the binary
    KeptPipeline kept;
    const auto first = kept.of(run_of(kMel), plugins);
    const auto again = kept.of(run_of(kMel), plugins);
    CHECK(&again.instance == &first.instance);
    CHECK(&again.pipeline == &first.pipeline);
    CHECK(&again.models == &first.models);  // the models' terms read once too
    CHECK(first.models.empty());            // a mel spectrogram has no model
    const auto other = kept.of(run_of(kMelStats), plugins);
    CHECK(other.pipeline.config.text == kMelStats);
    CHECK(&other.instance.graph() == other.pipeline.graph.get());
    CHECK_THROWS(kept.of(run_of("nodes: [}"), plugins));
    CHECK(kept.of(run_of(kMel), plugins).pipeline.config.text == kMel);  // nothing half-loaded was kept
}

TEST_CASE("a track analysed on the kept instance stores what a new instance stores", "[cli][kept]") {
    KeptPipeline kept;
    const auto ready = kept.of(run_of(kMelStats), {});
    const auto on_kept = analysed(ready, &ready.instance);
    const auto on_new = analysed(ready, nullptr);
    const auto on_kept_again = analysed(ready, &ready.instance);
    REQUIRE(on_kept.size() == 1);
    REQUIRE(on_new.size() == 1);
    REQUIRE(on_kept.front().outputs.contains("stats.stats"));
    for (const auto* result : {&on_new.front(), &on_kept_again.front()}) {
        CHECK(result->content_hash == on_kept.front().content_hash);
        CHECK(value_to_json(*result->outputs.at("stats.stats")) ==
              value_to_json(*on_kept.front().outputs.at("stats.stats")));
    }
}

TEST_CASE("an instance kept for one graph is refused for another", "[cli][kept]") {
    const std::vector<std::string> plugins;  // the built-in plugins, found beside the binary
    KeptPipeline one, other;
    const auto ready = one.of(run_of(kMel), plugins);
    const auto wrong = other.of(run_of(kMelStats), plugins);
    CHECK_THROWS_AS(analysed(ready, &wrong.instance), std::logic_error);
}
