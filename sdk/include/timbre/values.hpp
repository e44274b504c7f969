// SPDX-License-Identifier: GPL-3.0-or-later
// The values that flow along a pipeline's ports. Each port declares one PortType and carries
// one of these structs; the host type-checks wiring against PortType before any audio is
// read, so a plugin never receives a kind of value it did not declare.
// Values are immutable once built: the host shares one instance between every consumer.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace timbre {

enum class PortType { audio, multichannel, frames, vector, labels, scalar, text };

std::string_view to_string(PortType type);

// Mono PCM, samples nominally in [-1, 1], at sample_rate_hz (> 0).
class Audio {
public:
    Audio(std::vector<float> samples, double sample_rate_hz);
    const std::vector<float>& samples() const { return samples_; }
    double sample_rate_hz() const { return sample_rate_hz_; }
    double duration_seconds() const { return static_cast<double>(samples_.size()) / sample_rate_hz_; }

private:
    std::vector<float> samples_;
    double sample_rate_hz_;
};

// The source's channels as decoded, at the source's rate (no downmix, no resampling), for
// measurements defined on the original signal, like EBU R128 loudness. Planar: one vector
// per channel, all of the same length.
class MultichannelAudio {
public:
    MultichannelAudio(std::vector<std::vector<float>> channels, double sample_rate_hz);
    const std::vector<std::vector<float>>& channels() const { return channels_; }
    std::size_t channel_count() const { return channels_.size(); }
    std::size_t frame_count() const { return channels_.empty() ? 0 : channels_.front().size(); }
    double sample_rate_hz() const { return sample_rate_hz_; }

private:
    std::vector<std::vector<float>> channels_;
    double sample_rate_hz_;
};

// A time x bins matrix, row-major (one row per frame), e.g. a mel spectrogram. Frame i is
// centred at i * hop_seconds. bin_names is empty or has one name per bin.
class Frames {
public:
    Frames(std::size_t frame_count, std::size_t bin_count, double hop_seconds, std::vector<float> data,
           std::vector<std::string> bin_names = {});
    std::size_t frame_count() const { return frame_count_; }
    std::size_t bin_count() const { return bin_count_; }
    double hop_seconds() const { return hop_seconds_; }
    const std::vector<float>& data() const { return data_; }
    const float* frame(std::size_t index) const { return data_.data() + index * bin_count_; }
    float at(std::size_t frame_index, std::size_t bin) const { return data_[frame_index * bin_count_ + bin]; }
    const std::vector<std::string>& bin_names() const { return bin_names_; }

private:
    std::size_t frame_count_;
    std::size_t bin_count_;
    double hop_seconds_;
    std::vector<float> data_;
    std::vector<std::string> bin_names_;
};

// Named dimensions: a per-track summary, an embedding. names and values have equal length.
class Vector {
public:
    Vector(std::vector<std::string> names, std::vector<double> values);
    // Names shared with other vectors of the same layout: a library's thousands of signatures
    // of one metric hold one copy of their hundreds of names.
    Vector(std::shared_ptr<const std::vector<std::string>> names, std::vector<double> values);
    const std::vector<std::string>& names() const { return *names_; }
    const std::shared_ptr<const std::vector<std::string>>& shared_names() const { return names_; }
    const std::vector<double>& values() const { return values_; }
    std::size_t size() const { return values_.size(); }

private:
    std::shared_ptr<const std::vector<std::string>> names_;  // never null
    std::vector<double> values_;
};

// A distribution over classes: probabilities in [0, 1] that sum to 1 (within 1e-3).
class Labels {
public:
    explicit Labels(std::vector<std::pair<std::string, double>> probabilities);
    const std::vector<std::pair<std::string, double>>& probabilities() const { return probabilities_; }
    const std::string& top() const;

private:
    std::vector<std::pair<std::string, double>> probabilities_;
};

// One number with its unit spelled out ("BPM", "LUFS", "dB", "" for unitless).
struct Scalar {
    double value = 0.0;
    std::string unit;
};

// UTF-8 text: lyrics, a tag, a title.
struct Text {
    std::string text;
};

using Value = std::variant<Audio, MultichannelAudio, Frames, Vector, Labels, Scalar, Text>;

PortType port_type_of(const Value& value);

template <typename T> constexpr PortType port_type_for();
template <> constexpr PortType port_type_for<Audio>() { return PortType::audio; }
template <> constexpr PortType port_type_for<MultichannelAudio>() { return PortType::multichannel; }
template <> constexpr PortType port_type_for<Frames>() { return PortType::frames; }
template <> constexpr PortType port_type_for<Vector>() { return PortType::vector; }
template <> constexpr PortType port_type_for<Labels>() { return PortType::labels; }
template <> constexpr PortType port_type_for<Scalar>() { return PortType::scalar; }
template <> constexpr PortType port_type_for<Text>() { return PortType::text; }

}  // namespace timbre
