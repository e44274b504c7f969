// SPDX-License-Identifier: GPL-3.0-or-later
// Finds plugin libraries, checks each against the host's ABI before running any of its
// code, and keeps every library loaded for as long as anything it made is alive. A file
// that fails to load is recorded with its path and reason; the others still load. With a
// plugin manifest, an unchanged library's descriptors come from it and the library itself
// is opened only when one of its plugins is instantiated: validating or listing does not
// pay for loading libtorch.
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "loader/plugin_manifest.hpp"
#include "timbre/export.hpp"

namespace timbre::host {

class LoadedLibrary;
class PluginLibrary;

// A plugin ready to instantiate. Its entry's factory opens the library on first use when
// the descriptor came from the manifest.
struct RegisteredPlugin {
    std::shared_ptr<PluginLibrary> library;
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
    // Reads descriptors of unchanged libraries from this manifest file and records the
    // libraries it had to open (plugin_manifest.hpp); without one every library is opened.
    void use_manifest(std::filesystem::path file);

    // Registers every `*.so` directly inside each directory, in order; a plugin id found
    // twice keeps its first provider and records the second as a failure. Then brings the
    // manifest up to date, if one is used.
    void load_directories(const std::vector<std::filesystem::path>& directories);
    void load_file(const std::filesystem::path& file);

    const RegisteredPlugin* find(const std::string& id) const;
    const std::vector<std::unique_ptr<RegisteredPlugin>>& plugins() const { return plugins_; }
    const std::vector<LoadFailure>& failures() const { return failures_; }

    // Constructs a plugin by id. Throws timbre::Error naming the id if its library cannot be
    // opened or the factory fails.
    PluginInstance instantiate(const RegisteredPlugin& plugin) const;

private:
    void add(const std::shared_ptr<PluginLibrary>& library, const std::filesystem::path& file,
             std::vector<Descriptor> descriptors);

    std::vector<std::unique_ptr<RegisteredPlugin>> plugins_;
    std::vector<LoadFailure> failures_;
    std::filesystem::path manifest_file_;
    std::optional<PluginManifest> manifest_;
};

// The directories searched, in priority order: those a config names, then each entry of
// TIMBRE_PLUGIN_PATH (colon-separated), then the built-in folder: lib/timbre/plugins beside
// the executable's folder, or where set_builtin_plugin_directory() said.
std::vector<std::filesystem::path> plugin_search_path(const std::vector<std::filesystem::path>& config_paths);

// For a program that is not `timbre` but embeds the host (the Python module, whose
// executable is the interpreter): where the built-in plugins it was built with are.
void set_builtin_plugin_directory(std::filesystem::path directory);

}  // namespace timbre::host
