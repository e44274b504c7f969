// Finds plugin libraries, checks each against the host's ABI before running any of its
// code, and keeps every library loaded for as long as anything it made is alive. A file
// that fails to load is recorded with its path and reason; the others still load.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "timbre/export.hpp"

namespace timbre::host {

class LoadedLibrary;

// A plugin ready to instantiate. `library` is declared first so it is destroyed last:
// the entry's factory code lives inside that library.
struct RegisteredPlugin {
    std::shared_ptr<LoadedLibrary> library;
    PluginEntry entry;
    std::filesystem::path path;
};

struct LoadFailure {
    std::filesystem::path path;
    std::string reason;
};

// A plugin instance that keeps its library loaded; the plugin is destroyed first.
class PluginInstance {
public:
    PluginInstance(std::shared_ptr<LoadedLibrary> library, std::unique_ptr<Plugin> plugin);
    PluginInstance(PluginInstance&&) noexcept = default;
    PluginInstance& operator=(PluginInstance&&) noexcept = default;
    ~PluginInstance();
    Plugin& operator*() const { return *plugin_; }
    Plugin* operator->() const { return plugin_.get(); }

private:
    std::shared_ptr<LoadedLibrary> library_;
    std::unique_ptr<Plugin> plugin_;
};

class PluginRegistry {
public:
    // Loads every `*.so` directly inside each directory, in order; a plugin id found
    // twice keeps its first provider and records the second as a failure.
    void load_directories(const std::vector<std::filesystem::path>& directories);
    void load_file(const std::filesystem::path& file);

    const RegisteredPlugin* find(const std::string& id) const;
    const std::vector<std::unique_ptr<RegisteredPlugin>>& plugins() const { return plugins_; }
    const std::vector<LoadFailure>& failures() const { return failures_; }

    // Constructs a plugin by id. Throws timbre::Error naming the id if the factory fails.
    PluginInstance instantiate(const RegisteredPlugin& plugin) const;

private:
    std::vector<std::unique_ptr<RegisteredPlugin>> plugins_;
    std::vector<LoadFailure> failures_;
};

// The directories searched, in priority order: those a config names, then each entry of
// TIMBRE_PLUGIN_PATH (colon-separated), then the built-in folder beside the executable.
std::vector<std::filesystem::path> plugin_search_path(const std::vector<std::filesystem::path>& config_paths);

}  // namespace timbre::host
