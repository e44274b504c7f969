// SPDX-License-Identifier: GPL-3.0-or-later
// timbre.plugins() and timbre.describe(id, model=None): what `timbre plugins` and `timbre
// plugins describe --json [--model FILE]` print, as Python dicts, from the same registry loading.
#include <pybind11/stl.h>

#include "bindings.hpp"
#include "cli/registry_loading.hpp"
#include "loader/descriptor_json.hpp"
#include "ml/model_terms.hpp"
#include "python_values.hpp"

namespace py = pybind11;

namespace timbre::python {

namespace {

py::dict plugin_object(const host::RegisteredPlugin& plugin) {
    py::dict described = json_object(host::shown_descriptor_json(plugin.entry.descriptor));
    described["library"] = plugin.path.string();
    return described;
}

py::list plugins(const std::vector<std::string>& plugin_paths) {
    const host::PluginRegistry registry = host::load_registry(plugin_paths);
    py::list list;
    for (const auto& plugin : registry.plugins()) {
        list.append(plugin_object(*plugin));
    }
    return list;
}

py::list load_failures(const std::vector<std::string>& plugin_paths) {
    const host::PluginRegistry registry = host::load_registry(plugin_paths);
    py::list list;
    for (const auto& failure : registry.failures()) {
        list.append(py::dict(py::arg("library") = failure.path.string(), py::arg("reason") = failure.reason));
    }
    return list;
}

py::dict describe(const std::string& id, const std::optional<std::string>& model,
                  const std::vector<std::string>& plugin_paths) {
    const host::PluginRegistry registry = host::load_registry(plugin_paths);
    const auto* plugin = registry.find(id);
    if (!plugin) {
        throw Error("no plugin '" + id + "' is installed (timbre.plugins() lists them)");
    }
    py::dict described = plugin_object(*plugin);
    if (model) {
        described["model"] =
            json_object(host::model_file_terms_json(*model, host::read_model_terms(*plugin, registry, *model)));
    }
    return described;
}

}  // namespace

void register_plugins(py::module_& module) {
    module.def("plugins", &plugins, py::arg("plugin_paths") = std::vector<std::string>{},
               "Every installed plugin's descriptor (id, version, kind, description, inputs, outputs, params, "
               "library), searching plugin_paths first, then TIMBRE_PLUGIN_PATH, then the built-in plugins.");
    module.def("plugin_load_failures", &load_failures, py::arg("plugin_paths") = std::vector<std::string>{},
               "The plugin libraries that could not be loaded, each with the reason.");
    module.def("describe", &describe, py::arg("id"), py::arg("model") = py::none(),
               py::arg("plugin_paths") = std::vector<std::string>{},
               "One plugin's descriptor, as `timbre plugins describe ID --json` prints it; with model=FILE, also "
               "the terms of the data that model was trained on under 'model' (use, licence, source).");
}

}  // namespace timbre::python
