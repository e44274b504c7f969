// SPDX-License-Identifier: GPL-3.0-or-later
// The plugin manifest: descriptors survive the trip through JSON unchanged; a registry that
// uses the manifest registers an unchanged library's plugins without opening it (a library
// replaced by garbage of the same size and time still registers, and fails only when a
// plugin is instantiated, naming the plugin); a changed file, a damaged manifest or a
// library that failed to load is read afresh; a library that is gone is forgotten.
#include <catch2/catch.hpp>

#include <fstream>

#include "loader/descriptor_json.hpp"
#include "loader/plugin_registry.hpp"
#include "support/command_run.hpp"
#include "support/test_paths.hpp"

using namespace timbre;
using namespace timbre::host;

TEST_CASE("every built-in descriptor round-trips through the manifest's JSON", "[loader]") {
    PluginRegistry registry;
    registry.load_directories({test::builtin_plugins});
    REQUIRE(registry.plugins().size() > 10);
    for (const auto& plugin : registry.plugins()) {
        INFO(plugin->entry.descriptor.id);
        const nlohmann::json json = descriptor_to_json(plugin->entry.descriptor);
        const Descriptor back = descriptor_from_json(json);
        CHECK(descriptor_to_json(back) == json);
        REQUIRE(back.params.size() == plugin->entry.descriptor.params.size());
        for (std::size_t p = 0; p < back.params.size(); ++p) {
            CHECK(back.params[p].default_value == plugin->entry.descriptor.params[p].default_value);
            CHECK(back.params[p].min == plugin->entry.descriptor.params[p].min);
        }
    }
    CHECK_THROWS_WITH(descriptor_from_json(nlohmann::json{{"id", "x"}}), Catch::Contains("malformed plugin descriptor"));
}

TEST_CASE("with a manifest, an unchanged library is registered without being opened", "[loader]") {
    test::ScratchDirectory scratch;
    const auto folder = scratch / "plugins";
    std::filesystem::create_directories(folder);
    const auto library = folder / "test_behaviours.so";
    std::filesystem::copy_file(test::good_test_plugins / "test_behaviours.so", library);
    const auto manifest = scratch / "cache" / "plugins.json";
    {
        PluginRegistry first;
        first.use_manifest(manifest);
        first.load_directories({folder});
        REQUIRE(first.failures().empty());
        REQUIRE(first.find("test.duration") != nullptr);
    }
    REQUIRE(std::filesystem::exists(manifest));

    // Garbage of the same size and modification time: the manifest still vouches for it.
    const auto modified = std::filesystem::last_write_time(library);
    const auto size = std::filesystem::file_size(library);
    {
        std::ofstream out(library, std::ios::binary | std::ios::trunc);
        out << std::string(size, 'x');
    }
    std::filesystem::last_write_time(library, modified);
    PluginRegistry lazy;
    lazy.use_manifest(manifest);
    lazy.load_directories({folder});
    CHECK(lazy.failures().empty());
    const auto* plugin = lazy.find("test.duration");
    REQUIRE(plugin != nullptr);
    CHECK(plugin->entry.descriptor.version == "0.1.0");
    CHECK_THROWS_WITH(lazy.instantiate(*plugin), Catch::Contains("plugin 'test.duration'") &&
                                                     Catch::Contains("cannot be loaded as a shared library"));

    // A new modification time: the manifest no longer vouches, the file is read and refused.
    std::filesystem::last_write_time(library, modified + std::chrono::seconds(5));
    PluginRegistry fresh;
    fresh.use_manifest(manifest);
    fresh.load_directories({folder});
    REQUIRE(fresh.failures().size() == 1);
    CHECK_THAT(fresh.failures()[0].reason, Catch::Contains("cannot be loaded as a shared library"));
    CHECK(fresh.find("test.duration") == nullptr);

    // A library that is gone is left out the next time the manifest is written.
    std::filesystem::remove(library);
    PluginRegistry elsewhere;
    elsewhere.use_manifest(manifest);
    elsewhere.load_directories({test::good_test_plugins});
    const std::string written = test::read_text(manifest);
    CHECK_THAT(written, Catch::Contains((test::good_test_plugins / "test_behaviours.so").string()) &&
                            !Catch::Contains(library.string()));
}

TEST_CASE("a damaged manifest is ignored and rewritten, and failed libraries are tried every time", "[loader]") {
    test::ScratchDirectory scratch;
    const auto manifest = scratch / "plugins.json";
    test::write_text(manifest, "{\"format\": 1, \"abi\": ");
    for (int run = 0; run < 2; ++run) {
        PluginRegistry registry;
        registry.use_manifest(manifest);
        registry.load_directories({test::good_test_plugins, test::broken_test_plugins});
        INFO("run " << run);
        CHECK(registry.failures().size() == 6);
        REQUIRE(registry.find("test.duration") != nullptr);
        CHECK_NOTHROW(registry.instantiate(*registry.find("test.duration")));
    }
    const std::string written = test::read_text(manifest);
    CHECK_THAT(written, Catch::Contains("test_behaviours.so") && !Catch::Contains("garbage.so"));
}
