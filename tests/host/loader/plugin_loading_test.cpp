// SPDX-License-Identifier: GPL-3.0-or-later
// The loader refuses every kind of broken library with its path and a reason, keeps loading
// the others, and keeps a library loaded for as long as an instance made by it lives.
#include <catch2/catch.hpp>

#include "loader/plugin_registry.hpp"
#include "timbre/abi.hpp"
#include "support/test_paths.hpp"

using namespace timbre;
using namespace timbre::host;

namespace {
std::string reason_for(const PluginRegistry& registry, const std::string& file_name) {
    for (const auto& failure : registry.failures()) {
        if (failure.path.filename() == file_name) {
            return failure.reason;
        }
    }
    return "no failure recorded for " + file_name;
}
}  // namespace

TEST_CASE("built-in plugins load with their descriptors", "[loader]") {
    PluginRegistry registry;
    registry.load_directories({test::builtin_plugins});
    CHECK(registry.failures().empty());
    for (const char* id : {"timbre.melspec", "timbre.mfcc", "timbre.summary"}) {
        INFO(id);
        const auto* plugin = registry.find(id);
        REQUIRE(plugin != nullptr);
        CHECK(plugin->path.parent_path() == test::builtin_plugins);
        CHECK_FALSE(plugin->entry.descriptor.outputs.empty());
    }
}

TEST_CASE("every broken library is reported by path with its reason, and good ones still load", "[loader]") {
    PluginRegistry registry;
    registry.load_directories({test::good_test_plugins, test::broken_test_plugins});
    CHECK_THAT(reason_for(registry, "garbage.so"), Catch::Contains("cannot be loaded as a shared library"));
    CHECK_THAT(reason_for(registry, "not_a_plugin.so"), Catch::Contains("not a timbre plugin"));
    CHECK_THAT(reason_for(registry, "wrong_abi.so"),
               Catch::Contains("built against SDK ABI 999") && Catch::Contains("this host uses SDK ABI " + std::to_string(TIMBRE_SDK_ABI_VERSION)));
    CHECK_THAT(reason_for(registry, "no_entries.so"), Catch::Contains("no 'timbre_plugin_entries' entry point"));
    CHECK_THAT(reason_for(registry, "bad_descriptor.so"),
               Catch::Contains("test.bad_descriptor") && Catch::Contains("default of parameter 'size'"));
    CHECK_THAT(reason_for(registry, "duplicate_id.so"), Catch::Contains("'test.duration' is already provided by"));
    CHECK(registry.failures().size() == 6);
    REQUIRE(registry.find("test.duration") != nullptr);
    CHECK(registry.find("test.duration")->entry.descriptor.version == "0.1.0");
    CHECK(registry.find("test.bad_descriptor") == nullptr);
}

TEST_CASE("a plugin instance keeps its library loaded after the registry is gone", "[loader]") {
    std::optional<PluginInstance> instance;
    {
        PluginRegistry registry;
        registry.load_directories({test::good_test_plugins});
        const auto* plugin = registry.find("test.duration");
        REQUIRE(plugin != nullptr);
        instance.emplace(registry.instantiate(*plugin));
    }
    (*instance)->configure(Params({{"delay_ms", std::int64_t{0}}}));
    Outputs produced;
    produced.put("audio", Audio(std::vector<float>(11025), 22050.0));
    const Outputs outputs = (*instance)->process(Inputs(produced.values()));
    CHECK(std::get<Scalar>(*outputs.values().at("value")).value == Approx(0.5));
}

TEST_CASE("the search path puts config folders first, then TIMBRE_PLUGIN_PATH, then the built-in folder", "[loader]") {
    setenv("TIMBRE_PLUGIN_PATH", "/opt/a:/opt/b", 1);
    const auto path = plugin_search_path({"/from/config"});
    unsetenv("TIMBRE_PLUGIN_PATH");
    REQUIRE(path.size() == 4);
    CHECK(path[0] == "/from/config");
    CHECK(path[1] == "/opt/a");
    CHECK(path[2] == "/opt/b");
    CHECK(path[3].filename() == "plugins");
}
