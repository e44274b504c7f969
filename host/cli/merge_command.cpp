// SPDX-License-Identifier: GPL-3.0-or-later
// `timbre merge TARGET STORE...`: gathers the stores that `analyze --shard K/N` wrote on
// separate machines (SQLite files, or a PostgreSQL store they shared) into one SQLite file,
// which every other command (similar, playlist, serve) then reads. Each store is added in its
// own transaction and reported as it goes; the rows an older timbre wrote as JSON numbers are
// written the current way, so merging an old store into a new file also compacts it.
#include <spdlog/spdlog.h>
#include "cli/commands.hpp"
#include "results/partial_file.hpp"
#include "results/postgres_result_store.hpp"
#include "results/store_address.hpp"
#include "results/store_merge.hpp"

namespace timbre::host {

namespace {
// A PostgreSQL store is copied into a temporary SQLite file beside the target first, then
// merged like a shard; the copy goes whatever happens.
MergeCounts merge_postgres(const std::filesystem::path& target, const std::string& address) {
    const auto copy = partial_file(target);
    struct Removed {
        std::filesystem::path file;
        ~Removed() {
            for (const char* suffix : {"", "-wal", "-shm"}) {
                std::filesystem::remove(file.string() + suffix);
            }
        }
    } removed{copy};
    copy_postgres_store(address, copy);
    return merge_store(target, copy);
}
}  // namespace

void add_merge_command(CLI::App& app, std::function<int()>& run) {
    auto* command = app.add_subcommand("merge", "Merge results stores written by separate shards into one (an old store "
                                                "merged into a new file is also rewritten the current, smaller way)");
    auto target = std::make_shared<std::string>();
    auto sources = std::make_shared<std::vector<std::string>>();
    command->add_option("target", *target, "The store to merge into (created if missing)")->required();
    command->add_option("stores", *sources, "Stores to add to it: SQLite files, or PostgreSQL servers (postgresql://...)")
        ->required();
    command->callback([&run, target, sources] {
        run = [target, sources] {
            MergeCounts total;
            for (const auto& source : *sources) {
                const MergeCounts counts = names_postgres(source) ? merge_postgres(*target, source)
                                                                  : merge_store(*target, source);
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
