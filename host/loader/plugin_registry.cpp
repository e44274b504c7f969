// Loading order per file: dlopen -> read the AbiStamp (data only) -> compare with ours ->
// look up the entry alias -> call it -> check each descriptor. Any step that fails stops
// that file only. Libraries are opened RTLD_LOCAL so plugins cannot clash with each other.
#include "loader/plugin_registry.hpp"

#include <boost/dll/shared_library.hpp>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <set>

#include "loader/descriptor_check.hpp"

namespace timbre::host {

class LoadedLibrary {
public:
    explicit LoadedLibrary(boost::dll::shared_library library) : library_(std::move(library)) {}
    boost::dll::shared_library& get() { return library_; }

private:
    boost::dll::shared_library library_;
};

PluginInstance::PluginInstance(std::shared_ptr<LoadedLibrary> library, std::unique_ptr<Plugin> plugin)
    : library_(std::move(library)), plugin_(std::move(plugin)) {}

PluginInstance::~PluginInstance() { plugin_.reset(); }

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

}  // namespace

void PluginRegistry::load_directories(const std::vector<std::filesystem::path>& directories) {
    for (const auto& directory : directories) {
        for (const auto& file : libraries_in(directory)) {
            load_file(file);
        }
    }
}

void PluginRegistry::load_file(const std::filesystem::path& file) {
    auto fail = [&](const std::string& reason) { failures_.push_back({file, reason}); };
    boost::dll::shared_library library;
    try {
        library.load(file, boost::dll::load_mode::rtld_lazy | boost::dll::load_mode::rtld_local);
    } catch (const std::exception& error) {
        fail("cannot be loaded as a shared library: " + loader_message(error.what()));
        return;
    }
    if (!library.has(TIMBRE_ABI_STAMP_SYMBOL)) {
        fail("not a timbre plugin: it exports no '" TIMBRE_ABI_STAMP_SYMBOL "' symbol (build it with "
             "TIMBRE_EXPORT_PLUGINS)");
        return;
    }
    const auto& stamp = library.get<const AbiStamp>(TIMBRE_ABI_STAMP_SYMBOL);
    if (!stamps_match(stamp, current_abi_stamp)) {
        fail("built against " + stamp_text(stamp) + " but this host uses " + stamp_text(current_abi_stamp) +
             "; rebuild the plugin against this SDK");
        return;
    }
    if (!library.has(TIMBRE_ENTRIES_SYMBOL)) {
        fail("has an ABI stamp but no '" TIMBRE_ENTRIES_SYMBOL "' entry point (use TIMBRE_EXPORT_PLUGINS)");
        return;
    }
    // Declared before the entries so that it outlives them: their code is in the library.
    const auto shared = std::make_shared<LoadedLibrary>(std::move(library));
    PluginEntries entries;
    try {
        entries = shared->get().get_alias<PluginEntries()>(TIMBRE_ENTRIES_SYMBOL)();
    } catch (const std::exception& error) {
        fail(std::string("its entry point threw: ") + error.what());
        return;
    }
    if (entries.empty()) {
        fail("its entry point lists no plugins");
        return;
    }
    for (auto& entry : entries) {
        if (const auto problem = descriptor_problem(entry.descriptor); !problem.empty()) {
            fail("plugin '" + entry.descriptor.id + "' has an invalid descriptor: " + problem);
            continue;
        }
        if (const auto* existing = find(entry.descriptor.id)) {
            fail("plugin id '" + entry.descriptor.id + "' is already provided by " + existing->path.string() +
                 "; this copy is ignored");
            continue;
        }
        plugins_.push_back(std::make_unique<RegisteredPlugin>(RegisteredPlugin{shared, std::move(entry), file}));
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
    return PluginInstance(plugin.library, std::move(instance));
}

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
    std::error_code error;
    const auto executable = std::filesystem::read_symlink("/proc/self/exe", error);
    if (!error) {
        directories.push_back(executable.parent_path().parent_path() / "lib" / "timbre" / "plugins");
    }
    return directories;
}

}  // namespace timbre::host
