// SPDX-License-Identifier: GPL-3.0-or-later
// Loading order per file: dlopen -> read the AbiStamp (data only) -> compare with ours ->
// look up the entry alias -> call it -> check each descriptor. Any step that fails stops
// that file only. Libraries are opened RTLD_LOCAL so plugins cannot clash with each other.
// A library known to the manifest takes the same steps, later, on its first instantiate.
#include "loader/plugin_registry.hpp"

#include <boost/dll/shared_library.hpp>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <set>

#include "loader/descriptor_check.hpp"
#include "timbre/error.hpp"

namespace timbre::host {

class LoadedLibrary {
public:
    explicit LoadedLibrary(boost::dll::shared_library library) : library_(std::move(library)) {}
    boost::dll::shared_library& get() { return library_; }

private:
    boost::dll::shared_library library_;
};

namespace {

std::string stamp_text(const AbiStamp& stamp) {
    const std::size_t length = strnlen(stamp.compiler, sizeof stamp.compiler);
    return "SDK ABI " + std::to_string(stamp.sdk_abi_version) + " (" + std::string(stamp.compiler, length) + ")";
}

// Boost.DLL wraps dlerror()'s text as "...(dlerror system message: TEXT): <errno text>".
std::string loader_message(const std::string& what) {
    const std::string marker = "dlerror system message: ";
    const auto start = what.find(marker);
    if (start == std::string::npos) {
        return what;
    }
    const auto end = what.rfind("): ");
    const auto from = start + marker.size();
    return what.substr(from, end == std::string::npos || end < from ? std::string::npos : end - from);
}

bool stamps_match(const AbiStamp& plugin, const AbiStamp& host) {
    return plugin.sdk_abi_version == host.sdk_abi_version &&
           strncmp(plugin.compiler, host.compiler, sizeof host.compiler) == 0;
}

std::vector<std::filesystem::path> libraries_in(const std::filesystem::path& directory) {
    std::vector<std::filesystem::path> files;
    std::error_code error;
    for (const auto& entry : std::filesystem::directory_iterator(directory, error)) {
        if (entry.path().extension() == ".so") {
            files.push_back(entry.path());
        }
    }
    std::sort(files.begin(), files.end());
    return files;
}

struct OpenedLibrary {
    std::shared_ptr<LoadedLibrary> library;
    PluginEntries entries;
    bool list_varies = false;  // found at load time: never cached, may be empty
};

// Throws timbre::Error with the reason a library is not a usable plugin library.
OpenedLibrary open_library(const std::filesystem::path& file) {
    boost::dll::shared_library library;
    try {
        library.load(file, boost::dll::load_mode::rtld_lazy | boost::dll::load_mode::rtld_local);
    } catch (const std::exception& error) {
        throw Error("cannot be loaded as a shared library: " + loader_message(error.what()));
    }
    if (!library.has(TIMBRE_ABI_STAMP_SYMBOL)) {
        throw Error("not a timbre plugin: it exports no '" TIMBRE_ABI_STAMP_SYMBOL "' symbol (build it with "
                    "TIMBRE_EXPORT_PLUGINS)");
    }
    const auto& stamp = library.get<const AbiStamp>(TIMBRE_ABI_STAMP_SYMBOL);
    if (!stamps_match(stamp, current_abi_stamp)) {
        throw Error("built against " + stamp_text(stamp) + " but this host uses " + stamp_text(current_abi_stamp) +
                    "; rebuild the plugin against this SDK");
    }
    if (!library.has(TIMBRE_ENTRIES_SYMBOL)) {
        throw Error("has an ABI stamp but no '" TIMBRE_ENTRIES_SYMBOL "' entry point (use TIMBRE_EXPORT_PLUGINS)");
    }
    const bool list_varies = library.has(TIMBRE_LIST_VARIES_SYMBOL);
    OpenedLibrary opened{std::make_shared<LoadedLibrary>(std::move(library)), {}, list_varies};
    try {
        opened.entries = opened.library->get().get_alias<PluginEntries()>(TIMBRE_ENTRIES_SYMBOL)();
    } catch (const std::exception& error) {
        throw Error(std::string("its entry point threw: ") + error.what());
    }
    if (opened.entries.empty() && !opened.list_varies) {
        throw Error("its entry point lists no plugins");
    }
    return opened;
}

}  // namespace

// One library file, opened at most once, by whichever comes first: registration without a
// manifest entry, or the first instantiate of one of its plugins.
class PluginLibrary {
public:
    explicit PluginLibrary(std::filesystem::path file) : file_(std::move(file)) {}
    PluginLibrary(std::filesystem::path file, OpenedLibrary opened)
        : file_(std::move(file)), library_(std::move(opened.library)), entries_(std::move(opened.entries)),
          list_varies_(opened.list_varies) {}

    std::unique_ptr<Plugin> create(const std::string& id) {
        std::lock_guard lock(mutex_);
        if (!library_) {
            OpenedLibrary opened = open_library(file_);
            library_ = std::move(opened.library);
            entries_ = std::move(opened.entries);
        }
        for (const auto& entry : entries_) {
            if (entry.descriptor.id == id) {
                return entry.create();
            }
        }
        throw Error("its library " + file_.string() + " no longer provides it (the file changed since it was scanned)");
    }

    std::shared_ptr<LoadedLibrary> loaded() {
        std::lock_guard lock(mutex_);
        return library_;
    }

    const PluginEntries& entries() const { return entries_; }
    bool list_varies() const { return list_varies_; }

private:
    std::filesystem::path file_;
    std::mutex mutex_;
    std::shared_ptr<LoadedLibrary> library_;  // declared before the entries, so it outlives their code
    PluginEntries entries_;
    bool list_varies_ = false;
};

PluginInstance::PluginInstance(std::shared_ptr<LoadedLibrary> library, std::unique_ptr<Plugin> plugin)
    : library_(std::move(library)), plugin_(std::move(plugin)) {}

PluginInstance::~PluginInstance() { plugin_.reset(); }

void PluginRegistry::use_manifest(std::filesystem::path file) {
    manifest_file_ = std::move(file);
    manifest_ = PluginManifest::read(manifest_file_);
}

void PluginRegistry::load_directories(const std::vector<std::filesystem::path>& directories) {
    for (const auto& directory : directories) {
        for (const auto& file : libraries_in(directory)) {
            load_file(file);
        }
    }
    if (manifest_ && manifest_->changed() && !manifest_->write(manifest_file_)) {
        spdlog::debug("cannot write the plugin manifest {}; plugin libraries will be read again next time",
                      manifest_file_.string());
    }
}

void PluginRegistry::load_file(const std::filesystem::path& file) {
    const auto stamp = manifest_ ? FileStamp::of(file) : std::nullopt;
    if (stamp) {
        if (const auto* descriptors = manifest_->find(file, *stamp)) {
            add(std::make_shared<PluginLibrary>(file), file, *descriptors);
            return;
        }
    }
    std::shared_ptr<PluginLibrary> library;
    try {
        library = std::make_shared<PluginLibrary>(file, open_library(file));
    } catch (const Error& error) {
        failures_.push_back({file, error.what()});
        return;
    }
    std::vector<Descriptor> descriptors;
    for (const auto& entry : library->entries()) {
        descriptors.push_back(entry.descriptor);
    }
    if (stamp && !library->list_varies()) {
        manifest_->record(file, *stamp, descriptors);
    }
    add(library, file, std::move(descriptors));
}

void PluginRegistry::add(const std::shared_ptr<PluginLibrary>& library, const std::filesystem::path& file,
                         std::vector<Descriptor> descriptors) {
    for (auto& descriptor : descriptors) {
        if (const auto problem = descriptor_problem(descriptor); !problem.empty()) {
            failures_.push_back({file, "plugin '" + descriptor.id + "' has an invalid descriptor: " + problem});
            continue;
        }
        if (const auto* existing = find(descriptor.id)) {
            failures_.push_back({file, "plugin id '" + descriptor.id + "' is already provided by " +
                                           existing->path.string() + "; this copy is ignored"});
            continue;
        }
        const std::string id = descriptor.id;
        plugins_.push_back(std::make_unique<RegisteredPlugin>(RegisteredPlugin{
            library, PluginEntry{std::move(descriptor), [library, id] { return library->create(id); }}, file}));
    }
}

const RegisteredPlugin* PluginRegistry::find(const std::string& id) const {
    for (const auto& plugin : plugins_) {
        if (plugin->entry.descriptor.id == id) {
            return plugin.get();
        }
    }
    return nullptr;
}

PluginInstance PluginRegistry::instantiate(const RegisteredPlugin& plugin) const {
    std::unique_ptr<Plugin> instance;
    try {
        instance = plugin.entry.create();
    } catch (const std::exception& error) {
        throw Error("plugin '" + plugin.entry.descriptor.id + "' could not be constructed: " + error.what());
    }
    if (!instance) {
        throw Error("plugin '" + plugin.entry.descriptor.id + "' factory returned no instance");
    }
    return PluginInstance(plugin.library->loaded(), std::move(instance));
}

namespace {
std::filesystem::path& builtin_plugin_directory() {
    static std::filesystem::path directory;
    return directory;
}
}  // namespace

std::vector<std::filesystem::path> plugin_search_path(const std::vector<std::filesystem::path>& config_paths) {
    std::vector<std::filesystem::path> directories(config_paths);
    if (const char* environment = std::getenv("TIMBRE_PLUGIN_PATH")) {
        std::string_view rest(environment);
        while (!rest.empty()) {
            const auto colon = rest.find(':');
            const auto part = rest.substr(0, colon);
            if (!part.empty()) {
                directories.emplace_back(part);
            }
            rest = colon == std::string_view::npos ? std::string_view() : rest.substr(colon + 1);
        }
    }
    if (!builtin_plugin_directory().empty()) {
        directories.push_back(builtin_plugin_directory());
        return directories;
    }
    std::error_code error;
    const auto executable = std::filesystem::read_symlink("/proc/self/exe", error);
    if (!error) {
        directories.push_back(executable.parent_path().parent_path() / "lib" / "timbre" / "plugins");
    }
    return directories;
}

void set_builtin_plugin_directory(std::filesystem::path directory) { builtin_plugin_directory() = std::move(directory); }

}  // namespace timbre::host
