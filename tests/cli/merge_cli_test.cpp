// SPDX-License-Identifier: GPL-3.0-or-later
// `timbre merge`: the stores two shards wrote, merged, hold exactly what one unsharded run
// stores; merging again adds nothing; `--resume` on the merged store finds every track done.
#include <catch2/catch.hpp>

#include <SQLiteCpp/SQLiteCpp.h>

#include "support/command_run.hpp"
#include "support/store_contents.hpp"
#include "support/test_paths.hpp"

using namespace timbre;

namespace {
test::CommandResult analyze_into(const test::ScratchDirectory& scratch, const std::string& store,
                                 const std::vector<std::string>& options) {
    std::vector<std::string> arguments{"analyze", (test::source_dir / "configs" / "features.yaml").string(),
                                       (test::fixtures / "library").string(), "--db", (scratch / store).string(),
                                       "--no-summary", "-j", "2"};
    arguments.insert(arguments.end(), options.begin(), options.end());
    return test::run_timbre(arguments);
}

// Distinct contents analysed: what --resume counts as done (a copy under two names once).
int ok_contents(const std::filesystem::path& store) {
    SQLite::Database db(store.string(), SQLite::OPEN_READONLY);
    return db.execAndGet("SELECT count(DISTINCT content_hash) FROM tracks WHERE status = 'ok'").getInt();
}

test::CommandResult merge(const test::ScratchDirectory& scratch, const std::vector<std::string>& stores) {
    std::vector<std::string> arguments{"merge"};
    for (const auto& store : stores) {
        arguments.push_back((scratch / store).string());
    }
    return test::run_timbre(arguments);
}
}  // namespace

TEST_CASE("merged shard stores equal one unsharded run, merging twice adds nothing, and --resume finds all done",
          "[cli][merge]") {
    test::ScratchDirectory scratch;
    analyze_into(scratch, "whole.db", {});
    analyze_into(scratch, "shard1.db", {"--shard", "1/2"});
    analyze_into(scratch, "shard2.db", {"--shard", "2/2"});
    const std::string whole = test::store_contents(scratch / "whole.db");
    REQUIRE(test::store_contents(scratch / "shard1.db") != whole);

    const auto merged = merge(scratch, {"merged.db", "shard1.db", "shard2.db"});
    INFO(merged.output);
    CHECK(merged.exit_code == 0);
    CHECK_THAT(merged.output, Catch::Contains("merged 2 stores into"));
    CHECK(test::store_contents(scratch / "merged.db") == whole);

    const auto again = merge(scratch, {"merged.db", "shard2.db"});
    CHECK(again.exit_code == 0);
    CHECK_THAT(again.output, Catch::Contains(" 0 tracks added"));
    CHECK(test::store_contents(scratch / "merged.db") == whole);

    const int ok = ok_contents(scratch / "merged.db");
    REQUIRE(ok > 0);
    const auto resumed = analyze_into(scratch, "merged.db", {"--resume"});
    CHECK_THAT(resumed.output, Catch::Contains("resuming: " + std::to_string(ok) + " tracks already analysed"));
    CHECK(ok_contents(scratch / "merged.db") == ok);
}

TEST_CASE("merge names a store that is missing, and refuses to merge a store into itself", "[cli][merge]") {
    test::ScratchDirectory scratch;
    analyze_into(scratch, "a.db", {});
    const auto missing = merge(scratch, {"a.db", "nowhere.db"});
    CHECK(missing.exit_code == 1);
    CHECK_THAT(missing.output, Catch::Contains("nowhere.db is not a results store (no such file)"));
    const auto itself = merge(scratch, {"a.db", "a.db"});
    CHECK(itself.exit_code == 1);
    CHECK_THAT(itself.output, Catch::Contains("is the store being merged into"));
}
