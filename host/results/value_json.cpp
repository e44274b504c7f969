// SPDX-License-Identifier: GPL-3.0-or-later
// Non-finite numbers become null: JSON has no NaN, and a reader must see "missing", not 0.
#include "results/value_json.hpp"

#include <cmath>

namespace timbre::host {

namespace {
nlohmann::ordered_json number(double value) { return std::isfinite(value) ? nlohmann::ordered_json(value) : nlohmann::ordered_json(nullptr); }

struct ToJson {
    nlohmann::ordered_json operator()(const Audio& audio) const {
        return {{"type", "audio"}, {"sample_rate_hz", audio.sample_rate_hz()}, {"samples", audio.samples().size()},
                {"duration_s", audio.duration_seconds()}};
    }
    nlohmann::ordered_json operator()(const MultichannelAudio& audio) const {
        return {{"type", "multichannel"}, {"sample_rate_hz", audio.sample_rate_hz()},
                {"channels", audio.channel_count()}, {"frames", audio.frame_count()}};
    }
    nlohmann::ordered_json operator()(const Frames& frames) const {
        nlohmann::ordered_json rows = nlohmann::ordered_json::array();
        for (std::size_t f = 0; f < frames.frame_count(); ++f) {
            nlohmann::ordered_json row = nlohmann::ordered_json::array();
            for (std::size_t b = 0; b < frames.bin_count(); ++b) {
                row.push_back(number(frames.at(f, b)));
            }
            rows.push_back(std::move(row));
        }
        nlohmann::ordered_json json{{"type", "frames"}, {"hop_s", frames.hop_seconds()}, {"data", std::move(rows)}};
        if (!frames.bin_names().empty()) {
            json["bins"] = frames.bin_names();
        }
        return json;
    }
    nlohmann::ordered_json operator()(const Vector& vector) const {
        nlohmann::ordered_json values = nlohmann::ordered_json::object();
        for (std::size_t i = 0; i < vector.size(); ++i) {
            values[vector.names()[i]] = number(vector.values()[i]);
        }
        return {{"type", "vector"}, {"values", std::move(values)}};
    }
    nlohmann::ordered_json operator()(const Labels& labels) const {
        nlohmann::ordered_json probabilities = nlohmann::ordered_json::object();
        for (const auto& [label, probability] : labels.probabilities()) {
            probabilities[label] = probability;
        }
        return {{"type", "labels"}, {"top", labels.top()}, {"probabilities", std::move(probabilities)}};
    }
    nlohmann::ordered_json operator()(const Scalar& scalar) const {
        return {{"type", "scalar"}, {"value", number(scalar.value)}, {"unit", scalar.unit}};
    }
    nlohmann::ordered_json operator()(const Text& text) const { return {{"type", "text"}, {"text", text.text}}; }
};
}  // namespace

nlohmann::ordered_json value_to_json(const Value& value) { return std::visit(ToJson{}, value); }

nlohmann::ordered_json track_to_json(const TrackResult& result) {
    nlohmann::ordered_json json{{"path", result.path.string()}, {"status", to_string(result.status)}};
    if (!result.content_hash.empty()) {
        json["content_hash"] = result.content_hash;
    }
    if (result.status == TrackStatus::failed) {
        json["error"] = result.error;
        return json;
    }
    json["format"] = result.format;
    json["source_rate_hz"] = result.source_rate_hz;
    json["channels"] = result.source_channels;
    json["duration_s"] = result.duration_seconds;
    json["analysed_s"] = result.analysed_seconds;
    json["elapsed_s"] = result.elapsed_seconds;
    json["tags"] = {{"artist", result.tags.artist},
                    {"title", result.tags.title},
                    {"album", result.tags.album},
                    {"genre", result.tags.genre},
                    {"year", result.tags.year > 0 ? nlohmann::ordered_json(result.tags.year) : nlohmann::ordered_json()},
                    {"has_lyrics", !result.tags.lyrics.empty()}};
    nlohmann::ordered_json outputs = nlohmann::ordered_json::object();
    for (const auto& [key, value] : result.outputs) {
        outputs[key] = value_to_json(*value);
    }
    json["outputs"] = std::move(outputs);
    if (!result.skipped_nodes.empty()) {
        json["skipped_nodes"] = result.skipped_nodes;
    }
    if (!result.warnings.empty()) {
        json["warnings"] = result.warnings;
    }
    return json;
}

}  // namespace timbre::host
