// `timbre merge TARGET SHARD...`: gathers the stores that `analyze --shard K/N` wrote on
// separate machines into one, which every other command (similar, playlist, serve) then
// reads. Each shard is added in its own transaction and reported as it goes.
#include <spdlog/spdlog.h>

#include "cli/commands.hpp"
#include "results/store_merge.hpp"

namespace timbre::host {

void add_merge_command(CLI::App& app, std::function<int()>& run) {
    auto* command = app.add_subcommand("merge", "Merge results stores written by separate shards into one");
    auto target = std::make_shared<std::string>();
    auto sources = std::make_shared<std::vector<std::string>>();
    command->add_option("target", *target, "The store to merge into (created if missing)")->required();
    command->add_option("stores", *sources, "Stores to add to it")->required();
    command->callback([&run, target, sources] {
        run = [target, sources] {
            MergeCounts total;
            for (const auto& source : *sources) {
                const MergeCounts counts = merge_store(*target, source);
                spdlog::info("{}: {} runs, {} tracks added, {} already in {}", source, counts.runs, counts.tracks_added,
                             counts.tracks_already_there, *target);
                total.tracks_added += counts.tracks_added;
                total.tracks_already_there += counts.tracks_already_there;
            }
            spdlog::info("merged {} stores into {}: {} tracks added, {} already there", sources->size(), *target,
                         total.tracks_added, total.tracks_already_there);
            return kSuccess;
        };
    });
}

}  // namespace timbre::host
