// SPDX-License-Identifier: GPL-3.0-or-later
// Invariant checks for the port value types: a malformed value is refused where it is
// built, inside the plugin that built it, not discovered later by whoever reads it.
#include "timbre/values.hpp"

#include <cmath>

#include "timbre/error.hpp"
#include "timbre/number_text.hpp"

namespace timbre {

std::string_view to_string(PortType type) {
    switch (type) {
    case PortType::audio: return "audio";
    case PortType::multichannel: return "multichannel";
    case PortType::frames: return "frames";
    case PortType::vector: return "vector";
    case PortType::labels: return "labels";
    case PortType::scalar: return "scalar";
    case PortType::text: return "text";
    }
    return "unknown";
}

Audio::Audio(std::vector<float> samples, double sample_rate_hz)
    : samples_(std::move(samples)), sample_rate_hz_(sample_rate_hz) {
    if (!(sample_rate_hz > 0.0)) {
        throw Error("Audio: sample rate must be > 0 Hz, got " + number_text(sample_rate_hz));
    }
}

MultichannelAudio::MultichannelAudio(std::vector<std::vector<float>> channels, double sample_rate_hz)
    : channels_(std::move(channels)), sample_rate_hz_(sample_rate_hz) {
    if (!(sample_rate_hz > 0.0)) {
        throw Error("MultichannelAudio: sample rate must be > 0 Hz, got " + number_text(sample_rate_hz));
    }
    if (channels_.empty()) {
        throw Error("MultichannelAudio: at least one channel is required");
    }
    for (const auto& channel : channels_) {
        if (channel.size() != channels_.front().size()) {
            throw Error("MultichannelAudio: channels differ in length");
        }
    }
}

Frames::Frames(std::size_t frame_count, std::size_t bin_count, double hop_seconds, std::vector<float> data,
               std::vector<std::string> bin_names)
    : frame_count_(frame_count), bin_count_(bin_count), hop_seconds_(hop_seconds), data_(std::move(data)),
      bin_names_(std::move(bin_names)) {
    if (data_.size() != frame_count * bin_count) {
        throw Error("Frames: " + std::to_string(frame_count) + " x " + std::to_string(bin_count) + " needs " +
                    std::to_string(frame_count * bin_count) + " values, got " + std::to_string(data_.size()));
    }
    if (!bin_names_.empty() && bin_names_.size() != bin_count) {
        throw Error("Frames: " + std::to_string(bin_names_.size()) + " bin names for " + std::to_string(bin_count) +
                    " bins");
    }
    if (!(hop_seconds > 0.0)) {
        throw Error("Frames: hop must be > 0 s");
    }
}

Vector::Vector(std::vector<std::string> names, std::vector<double> values)
    : Vector(std::make_shared<const std::vector<std::string>>(std::move(names)), std::move(values)) {}

Vector::Vector(std::shared_ptr<const std::vector<std::string>> names, std::vector<double> values)
    : names_(names ? std::move(names) : std::make_shared<const std::vector<std::string>>()), values_(std::move(values)) {
    if (names_->size() != values_.size()) {
        throw Error("Vector: " + std::to_string(names_->size()) + " names for " + std::to_string(values_.size()) +
                    " values");
    }
}

Labels::Labels(std::vector<std::pair<std::string, double>> probabilities) : probabilities_(std::move(probabilities)) {
    if (probabilities_.empty()) {
        throw Error("Labels: at least one class is required");
    }
    double total = 0.0;
    for (const auto& [label, probability] : probabilities_) {
        if (!(probability >= 0.0 && probability <= 1.0)) {
            throw Error("Labels: probability of '" + label + "' is " + number_text(probability) +
                        ", outside [0, 1]");
        }
        total += probability;
    }
    if (std::abs(total - 1.0) > 1e-3) {
        throw Error("Labels: probabilities sum to " + std::to_string(total) + ", not 1");
    }
}

const std::string& Labels::top() const {
    const auto* best = &probabilities_.front();
    for (const auto& entry : probabilities_) {
        if (entry.second > best->second) {
            best = &entry;
        }
    }
    return best->first;
}

PortType port_type_of(const Value& value) {
    return std::visit([](const auto& held) { return port_type_for<std::decay_t<decltype(held)>>(); }, value);
}

}  // namespace timbre
