// SPDX-License-Identifier: GPL-3.0-or-later
// Arrays over a value's own memory carry a capsule owning a reference to the value, so a
// NumPy array outlives the pipeline run that made it safely.
#include "python_values.hpp"

#include <pybind11/numpy.h>
#include <pybind11/stl.h>

#include <cmath>
#include <memory>

namespace py = pybind11;

namespace timbre::python {

namespace {

// A read-only array of `shape` over `data`, keeping `owner` alive.
py::array shared_array(const SharedValue& owner, const float* data, std::vector<py::ssize_t> shape) {
    auto* kept = new SharedValue(owner);
    py::capsule capsule(kept, [](void* pointer) { delete static_cast<SharedValue*>(pointer); });
    py::array array(py::dtype::of<float>(), std::move(shape), data, capsule);
    array.attr("setflags")(py::arg("write") = false);
    return array;
}

py::object number(double value) { return std::isfinite(value) ? py::object(py::float_(value)) : py::none(); }

struct ToObject {
    const SharedValue& owner;

    py::object operator()(const Audio& audio) const {
        return shared_array(owner, audio.samples().data(), {static_cast<py::ssize_t>(audio.samples().size())});
    }
    py::object operator()(const MultichannelAudio& audio) const {
        // Channels are separate vectors: one array per channel, in a list.
        py::list channels;
        for (const auto& channel : audio.channels()) {
            channels.append(shared_array(owner, channel.data(), {static_cast<py::ssize_t>(channel.size())}));
        }
        return std::move(channels);
    }
    py::object operator()(const Frames& frames) const {
        return shared_array(owner, frames.data().data(),
                            {static_cast<py::ssize_t>(frames.frame_count()), static_cast<py::ssize_t>(frames.bin_count())});
    }
    py::object operator()(const Vector& vector) const {
        py::dict values;
        for (std::size_t i = 0; i < vector.size(); ++i) {
            values[py::str(vector.names()[i])] = number(vector.values()[i]);
        }
        return std::move(values);
    }
    py::object operator()(const Labels& labels) const {
        py::dict probabilities;
        for (const auto& [label, probability] : labels.probabilities()) {
            probabilities[py::str(label)] = probability;
        }
        return std::move(probabilities);
    }
    py::object operator()(const Scalar& scalar) const { return number(scalar.value); }
    py::object operator()(const Text& text) const { return py::str(text.text); }
};

}  // namespace

py::object value_object(const SharedValue& value) { return std::visit(ToObject{value}, *value); }

namespace {

// Either JSON flavour: the store's values keep their written order (ordered_json), other
// JSON (descriptors, model terms) is read as nlohmann::json.
template <typename Json>
py::object any_json_object(const Json& json) {
    switch (json.type()) {
    case nlohmann::json::value_t::object: {
        py::dict dict;
        for (const auto& [key, item] : json.items()) {
            dict[py::str(key)] = any_json_object(item);
        }
        return std::move(dict);
    }
    case nlohmann::json::value_t::array: {
        py::list list;
        for (const auto& item : json) {
            list.append(any_json_object(item));
        }
        return std::move(list);
    }
    case nlohmann::json::value_t::string: return py::str(json.template get<std::string>());
    case nlohmann::json::value_t::boolean: return py::bool_(json.template get<bool>());
    case nlohmann::json::value_t::number_integer:
    case nlohmann::json::value_t::number_unsigned: return py::int_(json.template get<std::int64_t>());
    case nlohmann::json::value_t::number_float: return py::float_(json.template get<double>());
    default: return py::none();
    }
}

}  // namespace

py::object json_object(const nlohmann::json& json) { return any_json_object(json); }

py::object stored_value_object(const nlohmann::ordered_json& json) {
    const std::string type = json.value("type", "");
    auto number_or_none = [](const nlohmann::ordered_json& item) {
        return item.is_number() ? py::object(py::float_(item.get<double>())) : py::none();
    };
    if (type == "scalar") {
        return number_or_none(json.at("value"));
    }
    if (type == "labels") {
        return any_json_object(json.at("probabilities"));
    }
    if (type == "text") {
        return py::str(json.at("text").get<std::string>());
    }
    return any_json_object(json);
}

pybind11::str file_name_object(const std::string& name) {
    PyObject* decoded = PyUnicode_DecodeFSDefaultAndSize(name.data(), static_cast<Py_ssize_t>(name.size()));
    if (!decoded) {
        throw pybind11::error_already_set();
    }
    return pybind11::reinterpret_steal<pybind11::str>(decoded);
}

}  // namespace timbre::python
