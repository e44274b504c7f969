// SPDX-License-Identifier: GPL-3.0-or-later
// The parts of the `timbre` Python module, each registered by its own file: plugins,
// pipelines (run on a file or a NumPy array, analyze a folder) and results stores (tracks,
// features, similar tracks, playlists). Each is a thin layer over the host: no analysis,
// similarity or playlist logic lives here.
#pragma once

#include <pybind11/pybind11.h>

namespace timbre::python {

void register_plugins(pybind11::module_& module);
void register_pipeline(pybind11::module_& module);
void register_store(pybind11::module_& module);

}  // namespace timbre::python
