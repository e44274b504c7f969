// SPDX-License-Identifier: GPL-3.0-or-later
// `import timbre`: the module's errors and where its built-in plugins are: found from the
// module's own file (the executable is the Python interpreter), at the path the build
// recorded from the install folder, or else from the build tree.
#include <dlfcn.h>

#include <filesystem>

#include "bindings.hpp"
#include "graph/diagnostic.hpp"
#include "loader/plugin_registry.hpp"

namespace {
std::filesystem::path module_file() {
    Dl_info info{};
    dladdr(reinterpret_cast<void*>(&module_file), &info);
    return info.dli_fname ? std::filesystem::path(info.dli_fname) : std::filesystem::path();
}
}  // namespace

PYBIND11_MODULE(timbre, module) {
    module.doc() = "timbre: music analysis pipelines, results stores, similar tracks and playlists";
    const auto directory = std::filesystem::absolute(module_file()).parent_path();
    const auto installed = (directory / TIMBRE_INSTALLED_PLUGINS).lexically_normal();
    timbre::host::set_builtin_plugin_directory(std::filesystem::is_directory(installed)
                                                   ? installed
                                                   : (directory / TIMBRE_BUILT_PLUGINS).lexically_normal());

    // timbre.Error for every failure timbre explains; timbre.ConfigError (a subclass) for a
    // config that cannot be used, its message listing every file:line:column diagnostic.
    // Translators are tried newest first, so the subclass is registered last.
    const auto& error = pybind11::register_exception<timbre::Error>(module, "Error", PyExc_RuntimeError);
    pybind11::register_exception<timbre::host::ConfigError>(module, "ConfigError", error.ptr());

    timbre::python::register_plugins(module);
    timbre::python::register_pipeline(module);
    timbre::python::register_store(module);
}
