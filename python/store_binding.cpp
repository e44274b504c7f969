// SPDX-License-Identifier: GPL-3.0-or-later
// timbre.Store: a results store read as a library, through the same catalogue, similarity,
// playlist engine and map as `timbre tracks`, `similar`, `playlist` and the web service.
// Stored values come back in the shapes a pipeline run gives (python_values.hpp).
#include <pybind11/numpy.h>
#include <pybind11/stl.h>
#include <pybind11/stl/filesystem.h>

#include <SQLiteCpp/SQLiteCpp.h>

#include <map>
#include <memory>
#include <mutex>

#include "bindings.hpp"
#include "cli/kept_pipeline.hpp"
#include "cli/named_file_addition.hpp"
#include "cli/store_metrics.hpp"
#include "playlist/library_clusters.hpp"
#include "playlist/playlist_strategy.hpp"
#include "playlist/ruled_members.hpp"
#include "python_values.hpp"
#include "results/feature_columns.hpp"
#include "results/store_connection.hpp"
#include "results/vector_columns.hpp"
#include "similarity/library_map.hpp"
#include "similarity/stored_vector.hpp"
#include "similarity/track_catalogue.hpp"

namespace py = pybind11;

namespace timbre::python {

namespace {

py::object optional_number(const std::optional<double>& value) {
    return value ? py::object(py::float_(*value)) : py::none();
}

py::dict track_object(const host::CatalogueTrack& track) {
    py::dict object(py::arg("path") = file_name_object(track.path.string()),
                    py::arg("name") = file_name_object(track.display_name()),
                    py::arg("artist") = track.artist, py::arg("title") = track.title, py::arg("album") = track.album,
                    py::arg("duration") = track.duration_seconds);
    py::dict labels, probabilities;
    for (const auto& [node, answer] : track.labels) {
        labels[py::str(node)] = answer.label;
        probabilities[py::str(node)] = answer.probability;
    }
    object["labels"] = labels;
    object["label_probabilities"] = probabilities;
    object["bpm"] = optional_number(track.bpm);
    object["key"] = track.key ? py::object(py::str(*track.key)) : py::none();
    object["energy"] = optional_number(track.energy);
    object["loudness"] = optional_number(track.loudness_lufs);
    return object;
}

class Store {
public:
    Store(const std::filesystem::path& path, const std::vector<std::string>& plugin_paths)
        : path_(path),
          plugin_paths_(plugin_paths),
          catalogue_(host::TrackCatalogue::open(path, host::TrackCatalogue::Signatures::skipped)) {}

    py::list tracks() const {
        py::list list;
        for (const auto& track : catalogue_.tracks()) {
            list.append(track_object(track));
        }
        return list;
    }

    // Every stored output of one track: {'node.port': value} (class probabilities too: the
    // features table holds every output, the labels table repeats them for SQL queries).
    py::dict features(const std::filesystem::path& name) const {
        const auto id = catalogue_.tracks()[catalogue_.find(name.string())].id;
        auto db = host::open_store_connection(path_, SQLite::OPEN_READONLY);
        py::dict result;
        const host::StoredLayouts layouts(db);
        SQLite::Statement features(
            db, "SELECT output, json, " + layouts.columns("") + " FROM features WHERE track_id = ? ORDER BY output");
        features.bind(1, id);
        while (features.executeStep()) {
            const auto data = features.getColumn(3);
            const auto json = nlohmann::ordered_json::parse(features.getColumn(1).getString());
            // A vector or frames, in the store's columns or, written by an older timbre, as JSON.
            std::optional<Value> numbers = layouts.vector(features.getColumn(2), data);
            if (!numbers && !data.isNull()) {
                numbers = host::stored_frames(
                    json, std::string_view(static_cast<const char*>(data.getBlob()), data.getBytes()));
            } else if (!numbers) {
                numbers = host::value_of_json_numbers(json);
            }
            result[py::str(features.getColumn(0).getString())] =
                numbers ? value_object(std::make_shared<const Value>(std::move(*numbers))) : stored_value_object(json);
        }
        return result;
    }

    // One vector output of every track that has it, as a (tracks x names) float64 array,
    // its names in the order the pipeline gave them and the tracks' paths: a notebook's
    // feature matrix.
    py::tuple matrix(const std::string& output) const {
        auto db = host::open_store_connection(path_, SQLite::OPEN_READONLY);
        const host::StoredLayouts layouts(db);
        SQLite::Statement query(
            db, "SELECT json, " + layouts.columns("") + " FROM features WHERE track_id = ? AND output = ?");
        std::shared_ptr<const std::vector<std::string>> names;
        py::list paths;
        std::vector<double> values;
        for (const auto& track : catalogue_.tracks()) {
            query.reset();
            query.bind(1, track.id);
            query.bind(2, output);
            if (!query.executeStep()) {
                continue;
            }
            auto layout = names;
            const Vector row = [&] {
                try {
                    return host::read_stored_vector(layouts, query.getColumn(0), query.getColumn(1),
                                                    query.getColumn(2), layout);
                } catch (const Error& error) {
                    throw Error("output '" + output + "' is not a vector (" + error.what() + ")");
                }
            }();
            if (names && layout != names && *layout != *names) {
                throw Error("output '" + output + "' has different names in " + track.path.string() +
                            " (made by another pipeline?)");
            }
            names = layout;
            values.insert(values.end(), row.values().begin(), row.values().end());
            paths.append(file_name_object(track.path.string()));
        }
        if (paths.size() == 0) {
            throw Error("no track of " + path_.string() + " has an output '" + output + "'");
        }
        py::array_t<double> array({static_cast<std::size_t>(paths.size()), names->size()});
        std::copy(values.begin(), values.end(), array.mutable_data());
        return py::make_tuple(array, *names, paths);
    }

    py::list similar(const std::filesystem::path& name, std::size_t count, const std::vector<std::string>& where,
                     const std::string& metric) {
        const auto rules = host::TrackFilter::parse_all(where);
        std::unique_ptr<host::StoreSimilarity> visiting;
        auto& loaded = similarity(metric, {name.string()}, visiting);
        std::vector<host::Neighbour> neighbours;
        {
            py::gil_scoped_release released;
            const std::size_t track = loaded.catalogue.find(name.string());
            const host::RuledMembers among(loaded.catalogue, *loaded.similarity, rules);
            neighbours = host::similar_tracks(loaded.catalogue, *loaded.similarity, track, count, among);
        }
        py::list list;
        for (const auto& neighbour : neighbours) {
            py::dict object = track_object(loaded.catalogue.tracks()[neighbour.track]);
            object["distance"] = neighbour.distance;
            object["reasons"] = neighbour.reasons;
            list.append(object);
        }
        return list;
    }

    py::list playlist(const std::vector<std::filesystem::path>& seeds, std::size_t length,
                      const std::string& strategy,
                      const std::optional<std::filesystem::path>& destination, std::optional<double> minutes,
                      const std::vector<std::string>& where, std::size_t artist_gap, const std::string& arc,
                      double diversity, unsigned random_seed, const std::string& metric) {
        std::vector<std::string> named(seeds.begin(), seeds.end());
        if (destination) {
            named.push_back(destination->string());
        }
        std::unique_ptr<host::StoreSimilarity> visiting;
        auto& loaded = similarity(metric, named, visiting);
        host::PlaylistRequest request;
        request.strategy = host::strategy_named(strategy);
        for (const auto& seed : seeds) {
            request.seeds.push_back(loaded.catalogue.find(seed.string()));
        }
        if (destination) {
            request.destination = loaded.catalogue.find(destination->string());
        }
        request.length = length;
        request.minutes = minutes;
        request.filters = host::TrackFilter::parse_all(where);
        request.artist_gap = artist_gap;
        request.arc = arc;
        request.diversity = diversity;
        request.random_seed = random_seed;
        std::vector<host::PlaylistEntry> entries;
        {
            py::gil_scoped_release released;
            entries = host::make_playlist(loaded.catalogue, *loaded.similarity, request);
        }
        py::list list;
        for (const auto& entry : entries) {
            py::dict object = track_object(loaded.catalogue.tracks()[entry.track]);
            object["reasons"] = entry.reasons;
            list.append(object);
        }
        return list;
    }

    py::list playlists(std::size_t count, const std::vector<std::string>& where, const std::string& metric) {
        const auto rules = host::TrackFilter::parse_all(where);
        auto& loaded = similarity(metric);
        std::vector<host::LibraryCluster> clusters;
        {
            py::gil_scoped_release released;
            const host::RuledMembers among(loaded.catalogue, *loaded.similarity, rules);
            clusters = host::cluster_library(loaded.catalogue, *loaded.similarity, count, among);
        }
        py::list list;
        for (const auto& cluster : clusters) {
            py::list tracks;
            for (std::size_t track : cluster.tracks) {
                tracks.append(track_object(loaded.catalogue.tracks()[track]));
            }
            py::dict object;
            object["name"] = cluster.name;
            object["tracks"] = tracks;
            list.append(object);
        }
        return list;
    }

    py::list map(const std::string& metric) {
        auto& loaded = similarity(metric);
        std::vector<host::MapPoint> points;
        {
            py::gil_scoped_release released;
            points = host::library_map(*loaded.similarity);
        }
        py::list list;
        for (std::size_t member = 0; member < points.size(); ++member) {
            py::dict object = track_object(loaded.catalogue.tracks()[loaded.similarity->members()[member]]);
            object["x"] = points[member].x;
            object["y"] = points[member].y;
            list.append(object);
        }
        return list;
    }

private:
    // The store's similarity under a metric mix, opened once per mix (it loads the metrics'
    // plugins and keeps the store's similarity cache up to date).
    host::StoreSimilarity& similarity(const std::string& metric) {
        auto& loaded = similarities_[metric];
        if (!loaded) {
            py::gil_scoped_release released;
            loaded = std::make_unique<host::StoreSimilarity>(path_, metric, plugin_paths_);
        }
        return *loaded;
    }

    // The same with the files among `named` that the store lacks analysed for this call only
    // and admitted to a copy of the one kept for the mix (held by `visiting`), answering as
    // `timbre similar FILE` does; the one kept for the mix when it lacks none.
    host::StoreSimilarity& similarity(const std::string& metric, const std::vector<std::string>& named,
                                      std::unique_ptr<host::StoreSimilarity>& visiting) {
        host::StoreSimilarity& library = similarity(metric);
        if (host::files_not_held(catalogue_, named).empty()) {
            return library;
        }
        py::gil_scoped_release released;
        const std::lock_guard one_at_a_time(visiting_);
        const auto visitors = host::visitors_of(library.catalogue, path_, named, plugin_paths_, &analysis_);
        visiting = std::make_unique<host::StoreSimilarity>(library, visitors, path_);
        return *visiting;
    }

    std::filesystem::path path_;
    std::vector<std::string> plugin_paths_;
    host::TrackCatalogue catalogue_;  // tracks and labels; the similarity reads its own, with signatures
    std::map<std::string, std::unique_ptr<host::StoreSimilarity>> similarities_;
    std::mutex visiting_;             // the kept analysis pipeline is one caller's at a time
    host::KeptPipeline analysis_;     // analyses the files the store lacks, loaded by the first
};

}  // namespace

void register_store(py::module_& module) {
    py::class_<Store>(module, "Store",
                      "A results store made by `timbre analyze` (or timbre.analyze), read as a library.")
        .def(py::init<const std::filesystem::path&, const std::vector<std::string>&>(), py::arg("path"),
             py::arg("plugin_paths") = std::vector<std::string>{})
        .def("tracks", &Store::tracks,
             "The tracks analysed successfully: path, name, tags, duration, labels (genre, mood, each model's top "
             "class), label_probabilities (the probability each gave it), bpm, key, energy, loudness.")
        .def("features", &Store::features, py::arg("track"),
             "Every stored output of a track (a path, a unique part of one, or 'artist - title').")
        .def("matrix", &Store::matrix, py::arg("output"),
             "(array, names, paths): one vector output of every track that has it, tracks x names, the names in "
             "the order a pipeline run gives them.")
        .def("similar", &Store::similar, py::arg("track"), py::arg("count") = 10, py::kw_only(),
             py::arg("where") = std::vector<std::string>{}, py::arg("metric") = "",
             "The nearest tracks, nearest first, with their distance (0 = most alike, 1 = least) and reasons, among "
             "those that pass every rule in `where` (as `timbre similar --where`); `track` may be an audio file the "
             "store lacks, analysed for this call only.")
        .def("playlist", &Store::playlist, py::arg("seeds") = std::vector<std::filesystem::path>{}, py::kw_only(),
             py::arg("length") = 20, py::arg("strategy") = "nearest", py::arg("destination") = py::none(),
             py::arg("minutes") = py::none(), py::arg("where") = std::vector<std::string>{}, py::arg("artist_gap") = 3,
             py::arg("arc") = "rise-fall", py::arg("diversity") = 0.5, py::arg("random_seed") = 1u,
             py::arg("metric") = "",
             "A playlist as `timbre playlist` makes it (strategies nearest, smooth, path, arc, diverse), each track "
             "with the reasons it is there; a seed or destination may be an audio file the store lacks, analysed "
             "for this call only.")
        .def("playlists", &Store::playlists, py::arg("count") = 8, py::kw_only(),
             py::arg("where") = std::vector<std::string>{}, py::arg("metric") = "",
             "The library (or the tracks that pass every rule in `where`) cut into at most `count` automatic "
             "playlists as `timbre playlists` cuts it: [{name, tracks}], each playlist from its most central track "
             "outwards, the largest first.")
        .def("map", &Store::map, py::kw_only(), py::arg("metric") = "",
             "The web page's map of the library: every track with similarity signatures, with x and y in [-1, 1], "
             "each near its nearest under the similarity (kept beside the store, as `timbre serve` keeps it).");
}

}  // namespace timbre::python
