// SPDX-License-Identifier: GPL-3.0-or-later
// Numeric arrays travel as raw bytes (nlohmann's binary type, kept by CBOR): no rounding
// through decimal text, no NaN turned into null, and a mel matrix costs its size, not 3×.
#include "isolation/track_result_codec.hpp"

#include <cstring>

namespace timbre::host {

namespace {
template <typename Number> nlohmann::json bytes_of(const std::vector<Number>& numbers) {
    std::vector<std::uint8_t> bytes(numbers.size() * sizeof(Number));
    if (!bytes.empty()) {
        std::memcpy(bytes.data(), numbers.data(), bytes.size());
    }
    return nlohmann::json::binary(std::move(bytes));
}

template <typename Number> std::vector<Number> numbers_of(const nlohmann::json& json) {
    const auto& bytes = json.get_binary();
    if (bytes.size() % sizeof(Number) != 0) {
        throw Error("a worker's message holds a numeric array of " + std::to_string(bytes.size()) + " bytes");
    }
    std::vector<Number> numbers(bytes.size() / sizeof(Number));
    if (!numbers.empty()) {
        std::memcpy(numbers.data(), bytes.data(), bytes.size());
    }
    return numbers;
}

struct EncodeValue {
    nlohmann::json operator()(const Audio& audio) const {
        return {{"type", "audio"}, {"rate", audio.sample_rate_hz()}, {"samples", bytes_of(audio.samples())}};
    }
    nlohmann::json operator()(const MultichannelAudio& audio) const {
        nlohmann::json channels = nlohmann::json::array();
        for (const auto& channel : audio.channels()) {
            channels.push_back(bytes_of(channel));
        }
        return {{"type", "multichannel"}, {"rate", audio.sample_rate_hz()}, {"channels", std::move(channels)}};
    }
    nlohmann::json operator()(const Frames& frames) const {
        return {{"type", "frames"},  {"frames", frames.frame_count()}, {"bins", frames.bin_count()},
                {"hop", frames.hop_seconds()}, {"data", bytes_of(frames.data())}, {"names", frames.bin_names()}};
    }
    nlohmann::json operator()(const Vector& vector) const {
        return {{"type", "vector"}, {"names", vector.names()}, {"values", bytes_of(vector.values())}};
    }
    nlohmann::json operator()(const Labels& labels) const {
        return {{"type", "labels"}, {"probabilities", labels.probabilities()}};
    }
    nlohmann::json operator()(const Scalar& scalar) const {
        return {{"type", "scalar"}, {"value", scalar.value}, {"unit", scalar.unit}};
    }
    nlohmann::json operator()(const Text& text) const { return {{"type", "text"}, {"text", text.text}}; }
};

Value decode_value(const nlohmann::json& json) {
    const auto type = json.at("type").get<std::string>();
    if (type == "audio") {
        return Audio(numbers_of<float>(json.at("samples")), json.at("rate").get<double>());
    }
    if (type == "multichannel") {
        std::vector<std::vector<float>> channels;
        for (const auto& channel : json.at("channels")) {
            channels.push_back(numbers_of<float>(channel));
        }
        return MultichannelAudio(std::move(channels), json.at("rate").get<double>());
    }
    if (type == "frames") {
        return Frames(json.at("frames").get<std::size_t>(), json.at("bins").get<std::size_t>(),
                      json.at("hop").get<double>(), numbers_of<float>(json.at("data")),
                      json.at("names").get<std::vector<std::string>>());
    }
    if (type == "vector") {
        return Vector(json.at("names").get<std::vector<std::string>>(), numbers_of<double>(json.at("values")));
    }
    if (type == "labels") {
        return Labels(json.at("probabilities").get<std::vector<std::pair<std::string, double>>>());
    }
    if (type == "scalar") {
        return Scalar{json.at("value").get<double>(), json.at("unit").get<std::string>()};
    }
    if (type == "text") {
        return Text{json.at("text").get<std::string>()};
    }
    throw Error("a worker's message holds a value of unknown type '" + type + "'");
}

TrackStatus status_named(const std::string& name) {
    for (const auto status : {TrackStatus::ok, TrackStatus::failed, TrackStatus::skipped}) {
        if (to_string(status) == name) {
            return status;
        }
    }
    throw Error("a worker's message holds an unknown track status '" + name + "'");
}
}  // namespace

nlohmann::json encode_track_result(const TrackResult& result) {
    nlohmann::json outputs = nlohmann::json::object();
    for (const auto& [key, value] : result.outputs) {
        outputs[key] = std::visit(EncodeValue{}, *value);
    }
    return {{"index", result.index},
            {"path", result.path.string()},
            {"status", to_string(result.status)},
            {"error", result.error},
            {"hash", result.content_hash},
            {"tags", {result.tags.artist, result.tags.title, result.tags.album, result.tags.genre, result.tags.year,
                      result.tags.lyrics}},
            {"format", result.format},
            {"rate", result.source_rate_hz},
            {"channels", result.source_channels},
            {"duration", result.duration_seconds},
            {"analysed", result.analysed_seconds},
            {"elapsed", result.elapsed_seconds},
            {"outputs", std::move(outputs)},
            {"skipped", result.skipped_nodes},
            {"warnings", result.warnings}};
}

TrackResult decode_track_result(const nlohmann::json& json) {
    try {
        TrackResult result;
        result.index = json.at("index").get<std::size_t>();
        result.path = json.at("path").get<std::string>();
        result.status = status_named(json.at("status").get<std::string>());
        result.error = json.at("error").get<std::string>();
        result.content_hash = json.at("hash").get<std::string>();
        const auto& tags = json.at("tags");
        result.tags = {tags.at(0).get<std::string>(), tags.at(1).get<std::string>(), tags.at(2).get<std::string>(),
                       tags.at(3).get<std::string>(), tags.at(4).get<int>(),         tags.at(5).get<std::string>()};
        result.format = json.at("format").get<std::string>();
        result.source_rate_hz = json.at("rate").get<double>();
        result.source_channels = json.at("channels").get<int>();
        result.duration_seconds = json.at("duration").get<double>();
        result.analysed_seconds = json.at("analysed").get<double>();
        result.elapsed_seconds = json.at("elapsed").get<double>();
        for (const auto& [key, value] : json.at("outputs").items()) {
            result.outputs[key] = std::make_shared<const Value>(decode_value(value));
        }
        result.skipped_nodes = json.at("skipped").get<std::map<std::string, std::string>>();
        result.warnings = json.at("warnings").get<std::vector<std::string>>();
        return result;
    } catch (const nlohmann::json::exception& error) {
        throw Error(std::string("a worker's track result is malformed: ") + error.what());
    }
}

}  // namespace timbre::host
