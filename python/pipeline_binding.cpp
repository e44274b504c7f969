// SPDX-License-Identifier: GPL-3.0-or-later
// timbre.Pipeline: a YAML pipeline loaded and checked as `timbre validate` does, run on a
// file (decoded exactly as `analyze` decodes it) or on a NumPy array; and timbre.analyze(),
// which is `timbre analyze` into a store, with a progress callback. The GIL is released
// while timbre decodes and computes; an array passed in is read where it lies when it is
// C-contiguous float32 (NumPy converts anything else once), and outputs share the values'
// memory (python_values.hpp).
#include <pybind11/numpy.h>
#include <pybind11/stl.h>
#include <pybind11/stl/filesystem.h>

#include <Python.h>

#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>

#include "bindings.hpp"
#include "cli/pipeline_loading.hpp"
#include "cli/store_analysis.hpp"
#include "decode/audio_decoder.hpp"
#include "decode/tag_reader.hpp"
#include "graph/graph_instance.hpp"
#include "python_values.hpp"
#include "results/store_address.hpp"
#include "tracks/track_list.hpp"

namespace py = pybind11;

namespace timbre::python {

namespace {

using Samples = py::array_t<float, py::array::c_style | py::array::forcecast>;

class Pipeline {
public:
    Pipeline(const std::string& config, const std::vector<std::string>& plugin_paths)
        : config_(config), loaded_(host::load_pipeline(config, plugin_paths)) {}

    const host::Graph& graph() const { return *loaded_.graph; }
    const std::string& config() const { return config_; }

    py::dict run_file(const std::filesystem::path& path, bool every_output) {
        host::TrackOutputs computed;
        {
            py::gil_scoped_release released;
            std::lock_guard lock(running_);
            host::GraphInstance& graph_instance = instance();
            computed = analyse(graph_instance, decode(path, graph_instance), Text{host::read_tags(path).lyrics},
                               every_output);
        }
        return outputs(computed);
    }

    py::dict run_samples(const Samples& samples, double sample_rate_hz, const std::string& lyrics, bool every_output) {
        if (samples.ndim() != 1 && samples.ndim() != 2) {
            throw Error("samples must be a 1-D array (mono) or 2-D (channels, frames), got " +
                        std::to_string(samples.ndim()) + " dimensions");
        }
        const auto channel_count = static_cast<std::size_t>(samples.ndim() == 1 ? 1 : samples.shape(0));
        const auto frames = static_cast<std::size_t>(samples.shape(samples.ndim() - 1));
        if (channel_count > 64) {
            throw Error("samples have " + std::to_string(channel_count) + " channels of " + std::to_string(frames) +
                        " frames: pass them as (channels, frames), e.g. samples.T");
        }
        // The config's window (offset, duration) applies to arrays as to files.
        const auto& window = graph().window();
        const auto start = std::min(frames, static_cast<std::size_t>(std::llround(window.offset_seconds * sample_rate_hz)));
        std::size_t count = frames - start;
        if (window.duration_seconds) {
            count = std::min(count, static_cast<std::size_t>(std::llround(*window.duration_seconds * sample_rate_hz)));
        }
        std::vector<const float*> channels;
        for (std::size_t c = 0; c < channel_count; ++c) {
            channels.push_back(samples.data() + c * frames + start);
        }
        host::TrackOutputs computed;
        {
            py::gil_scoped_release released;
            std::lock_guard lock(running_);
            host::GraphInstance& graph_instance = instance();
            Audio audio = host::downmix_samples(channels.data(), channel_count, count, sample_rate_hz,
                                                graph().sample_rate_hz(), graph().resample_quality(),
                                                graph_instance.source_receiver());
            computed = analyse(graph_instance, std::move(audio), Text{lyrics}, every_output);
        }
        return outputs(computed);
    }

private:
    // The file's audio as `analyze` decodes it; an error names the file.
    static Audio decode(const std::filesystem::path& path, host::GraphInstance& graph_instance) {
        try {
            return graph_instance.decode(path).audio;
        } catch (const host::DecodeError& error) {
            throw host::DecodeError(path.string() + ": decode: " + error.what());
        }
    }

    // Made on first use, on whichever thread runs first: configuring loads models.
    host::GraphInstance& instance() {
        if (!instance_) {
            instance_ = std::make_unique<host::GraphInstance>(graph(), *loaded_.registry);
        }
        return *instance_;
    }

    // The stored outputs ("node.port" -> value) as `analyze` stores them, or every value
    // computed, with the optional nodes skipped.
    static host::TrackOutputs analyse(host::GraphInstance& graph_instance, Audio audio, Text lyrics, bool every_output) {
        if (!every_output) {
            return graph_instance.run(std::move(audio), std::move(lyrics));
        }
        host::TrackOutputs computed;
        computed.stored = graph_instance.evaluate_track(std::move(audio), std::move(lyrics), &computed.skipped);
        return computed;
    }

    // The outputs as Python objects; an optional node that failed is a Python warning naming it.
    static py::dict outputs(const host::TrackOutputs& computed) {
        py::dict result;
        for (const auto& [key, value] : computed.stored) {
            result[py::str(key)] = value_object(value);
        }
        for (const auto& [node, reason] : computed.skipped) {
            if (PyErr_WarnEx(PyExc_RuntimeWarning, ("node '" + node + "' skipped: " + reason).c_str(), 1) != 0) {
                throw py::error_already_set();  // warnings are errors here
            }
        }
        return result;
    }

    std::string config_;
    host::LoadedPipeline loaded_;
    std::unique_ptr<host::GraphInstance> instance_;
    std::mutex running_;  // a graph instance serves one thread at a time
};

py::dict track_event(const host::TrackResult& result, std::size_t done, std::size_t total) {
    return py::dict(py::arg("path") = file_name_object(result.path.string()),
                    py::arg("status") = host::to_string(result.status),
                    py::arg("error") = file_name_object(result.error), py::arg("seconds") = result.analysed_seconds,
                    py::arg("done") = done, py::arg("total") = total);
}

py::dict analyze(const std::string& config, const std::vector<std::filesystem::path>& paths, const std::string& db,
                 unsigned jobs, bool resume, const py::object& progress, const std::vector<std::string>& plugin_paths) {
    const host::LoadedPipeline pipeline = host::load_pipeline(config, plugin_paths);
    const auto tracks = host::collect_tracks(paths, host::Shard{});
    if (tracks.empty()) {
        throw Error("no audio files found under the given paths");
    }
    const auto store = host::open_result_store(db);
    const host::StoreAnalysisRequest request{&pipeline,
                                             std::filesystem::absolute(config).lexically_normal().string(),
                                             "python: timbre.analyze",
                                             tracks,
                                             host::folders_among(paths),
                                             jobs == 0 ? std::max(1u, std::thread::hardware_concurrency()) : jobs,
                                             resume,
                                             std::nullopt};
    std::optional<py::error_already_set> callback_error;
    std::size_t done = 0;
    host::RunCounts counts;
    try {
        py::gil_scoped_release released;
        counts = host::analyse_into_store(request, *store, [&](host::TrackResult& result) {
            ++done;
            py::gil_scoped_acquire acquired;
            try {
                if (PyErr_CheckSignals() != 0) {
                    throw py::error_already_set();
                }
                if (!progress.is_none()) {
                    progress(track_event(result, done, tracks.size()));
                }
            } catch (py::error_already_set& error) {
                callback_error.emplace(std::move(error));
                throw Error("stopped by the progress callback or an interrupt");
            }
        });
    } catch (const Error&) {
        if (callback_error) {
            throw std::move(*callback_error);
        }
        throw;
    }
    return py::dict(py::arg("ok") = counts.ok, py::arg("failed") = counts.failed, py::arg("skipped") = counts.skipped,
                    py::arg("db") = db);
}

}  // namespace

void register_pipeline(py::module_& module) {
    py::class_<Pipeline>(module, "Pipeline",
                         "A YAML pipeline, checked as `timbre validate` checks it (timbre.ConfigError lists every "
                         "file:line:column problem).")
        .def(py::init<const std::string&, const std::vector<std::string>&>(), py::arg("config"),
             py::arg("plugin_paths") = std::vector<std::string>{})
        .def_property_readonly("config", &Pipeline::config)
        .def_property_readonly("sample_rate", [](const Pipeline& pipeline) { return pipeline.graph().sample_rate_hz(); })
        .def_property_readonly("nodes",
                               [](const Pipeline& pipeline) {
                                   std::vector<std::string> ids;
                                   for (const auto& node : pipeline.graph().nodes()) {
                                       ids.push_back(node.id);
                                   }
                                   return ids;
                               })
        .def_property_readonly("outputs",
                               [](const Pipeline& pipeline) {
                                   std::vector<std::string> keys;
                                   for (const auto& output : pipeline.graph().stored_outputs()) {
                                       keys.push_back(output.key());
                                   }
                                   return keys;
                               })
        .def("run", &Pipeline::run_file, py::arg("path"), py::kw_only(), py::arg("every_output") = false,
             "Analyse an audio file: {'node.port': value} for the outputs the pipeline stores (every value "
             "computed with every_output=True). Frames are NumPy arrays, vectors and labels dicts.")
        .def("run", &Pipeline::run_samples, py::arg("samples"), py::arg("sample_rate"), py::kw_only(),
             py::arg("lyrics") = "", py::arg("every_output") = false,
             "Analyse samples: a 1-D array (mono) or 2-D (channels, frames) at sample_rate Hz, downmixed and "
             "resampled to the pipeline's rate as a decoded file is.");
    module.def("analyze", &analyze, py::arg("config"), py::arg("paths"), py::kw_only(), py::arg("db") = "timbre.db",
               py::arg("jobs") = 0u, py::arg("resume") = false, py::arg("progress") = py::none(),
               py::arg("plugin_paths") = std::vector<std::string>{},
               "`timbre analyze`: every audio file under paths into the store db, on jobs worker threads (0: every "
               "core). progress(event) is called as each track finishes with path, status, error, seconds, done, "
               "total. Returns the counts {ok, failed, skipped}.");
}

}  // namespace timbre::python
