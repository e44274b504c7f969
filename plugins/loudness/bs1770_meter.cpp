// SPDX-License-Identifier: GPL-3.0-or-later
// The BS.1770-4 meter: K-weighting as two second-order sections with their state in
// registers, one squared sum per 100 ms segment, and the gating done once at the end.
#include "bs1770_meter.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <stdexcept>
#include <string>

namespace timbre::plugins {

namespace {

// Block energies whose loudness is below -70 LUFS never count (BS.1770-4 absolute gate).
const double absolute_gate_energy = std::pow(10.0, (-70.0 + 0.691) / 10.0);

double loudness_of(double energy) { return -0.691 + 10.0 * std::log10(energy); }

// Mean-square energies of blocks of window_segments segments, one every hop_segments, the
// first ending at the window's last segment; blocks under the absolute gate are left out.
std::vector<double> gated_block_energies(const std::vector<double>& segment_energies, std::size_t segment_frames,
                                         std::size_t window_segments, std::size_t hop_segments) {
    std::vector<double> blocks;
    for (std::size_t end = window_segments; end <= segment_energies.size(); end += hop_segments) {
        double sum = 0.0;
        for (std::size_t s = end - window_segments; s < end; ++s) {
            sum += segment_energies[s];
        }
        const double energy = sum / static_cast<double>(window_segments * segment_frames);
        if (energy >= absolute_gate_energy) {
            blocks.push_back(energy);
        }
    }
    return blocks;
}

double mean(const std::vector<double>& values) {
    double sum = 0.0;
    for (const double value : values) {
        sum += value;
    }
    return sum / static_cast<double>(values.size());
}

double channel_weight(std::size_t channel, std::size_t channel_count) {
    constexpr double surround = 1.41;
    if (channel_count == 4) {
        return channel < 2 ? 1.0 : surround;
    }
    if (channel_count == 5) {
        return channel < 3 ? 1.0 : surround;
    }
    switch (channel) {
        case 0:
        case 1:
        case 2:
            return 1.0;
        case 4:
        case 5:
            return surround;
        default:
            return 0.0;
    }
}

}  // namespace

Bs1770Meter::Bs1770Meter(std::size_t channel_count, double sample_rate_hz) {
    const auto rate = std::lround(sample_rate_hz);
    if (channel_count == 0 || rate < 100) {
        throw std::invalid_argument("loudness needs at least one channel at 100 Hz or more, not " +
                                    std::to_string(channel_count) + " at " + std::to_string(sample_rate_hz) + " Hz");
    }
    // The stage-1 high shelf and stage-2 high-pass of BS.1770-4, from the analogue parameters
    // that reproduce its 48 kHz coefficients, transformed for this rate.
    const double pi = std::numbers::pi;
    {
        const double f0 = 1681.974450955533, gain_db = 3.999843853973347, q = 0.7071752369554196;
        const double k = std::tan(pi * f0 / static_cast<double>(rate));
        const double vh = std::pow(10.0, gain_db / 20.0);
        const double vb = std::pow(vh, 0.4996667741545416);
        const double a0 = 1.0 + k / q + k * k;
        shelf_ = {(vh + vb * k / q + k * k) / a0, 2.0 * (k * k - vh) / a0, (vh - vb * k / q + k * k) / a0,
                  2.0 * (k * k - 1.0) / a0, (1.0 - k / q + k * k) / a0};
    }
    {
        const double f0 = 38.13547087602444, q = 0.5003270373238773;
        const double k = std::tan(pi * f0 / static_cast<double>(rate));
        const double a0 = 1.0 + k / q + k * k;
        highpass_ = {1.0, -2.0, 1.0, 2.0 * (k * k - 1.0) / a0, (1.0 - k / q + k * k) / a0};
    }
    for (std::size_t c = 0; c < channel_count; ++c) {
        weights_.push_back(channel_weight(c, channel_count));
        if (weights_.back() > 0.0) {
            measured_channels_.push_back(c);
        }
    }
    states_.resize(channel_count);
    segment_frames_ = static_cast<std::size_t>((rate + 5) / 10);
}

template <std::size_t Lanes>
double Bs1770Meter::filter_lanes(const std::array<std::size_t, Lanes>& lanes, const float* const* channels,
                                 std::size_t offset, std::size_t count) {
    std::array<FilterState, Lanes> s;
    for (std::size_t l = 0; l < Lanes; ++l) {
        s[l] = states_[lanes[l]];
    }
    const Biquad shelf = shelf_;
    const Biquad highpass = highpass_;
    std::array<double, Lanes> energy{};
    for (std::size_t n = offset; n < offset + count; ++n) {
        for (std::size_t l = 0; l < Lanes; ++l) {
            const double x = channels[lanes[l]][n];
            const double shelved = shelf.b0 * x + s[l].shelf_1;
            s[l].shelf_1 = shelf.b1 * x - shelf.a1 * shelved + s[l].shelf_2;
            s[l].shelf_2 = shelf.b2 * x - shelf.a2 * shelved;
            const double weighted = highpass.b0 * shelved + s[l].highpass_1;
            s[l].highpass_1 = highpass.b1 * shelved - highpass.a1 * weighted + s[l].highpass_2;
            s[l].highpass_2 = highpass.b2 * shelved - highpass.a2 * weighted;
            energy[l] += weighted * weighted;
        }
    }
    double weighted_energy = 0.0;
    for (std::size_t l = 0; l < Lanes; ++l) {
        // A state decaying through silence would reach subnormal doubles, which are slow on
        // x86; below 1e-30 (energy 1e-60, far under the -70 LUFS gate) it is zero.
        for (double* value : {&s[l].shelf_1, &s[l].shelf_2, &s[l].highpass_1, &s[l].highpass_2}) {
            if (std::abs(*value) < 1e-30) {
                *value = 0.0;
            }
        }
        states_[lanes[l]] = s[l];
        weighted_energy += weights_[lanes[l]] * energy[l];
    }
    return weighted_energy;
}

void Bs1770Meter::add(const float* const* channels, std::size_t frame_count) {
    for (std::size_t c = 0; c < weights_.size(); ++c) {
        float peak = 0.0f;
        const float* samples = channels[c];
#pragma omp simd reduction(max : peak)
        for (std::size_t n = 0; n < frame_count; ++n) {
            peak = std::max(peak, std::abs(samples[n]));
        }
        sample_peak_ = std::max(sample_peak_, static_cast<double>(peak));
    }
    std::size_t done = 0;
    while (done < frame_count) {
        const std::size_t take = std::min(frame_count - done, segment_frames_ - frames_in_segment_);
        // Two channels filtered in one loop: their recursions are independent, so the CPU
        // overlaps them (a single channel's filter waits on its own previous sample).
        std::size_t lane = 0;
        for (; lane + 1 < measured_channels_.size(); lane += 2) {
            segment_energy_ += filter_lanes<2>({measured_channels_[lane], measured_channels_[lane + 1]}, channels,
                                               done, take);
        }
        if (lane < measured_channels_.size()) {
            segment_energy_ += filter_lanes<1>({measured_channels_[lane]}, channels, done, take);
        }
        done += take;
        frames_in_segment_ += take;
        if (frames_in_segment_ == segment_frames_) {
            segment_energies_.push_back(segment_energy_);
            segment_energy_ = 0.0;
            frames_in_segment_ = 0;
        }
    }
}

double Bs1770Meter::integrated_lufs() const {
    const auto blocks = gated_block_energies(segment_energies_, segment_frames_, 4, 1);
    if (blocks.empty()) {
        return NAN;
    }
    const double relative_gate = mean(blocks) * 0.1;  // 10 LU under the absolute-gated level
    double sum = 0.0;
    std::size_t count = 0;
    for (const double energy : blocks) {
        if (energy >= relative_gate) {
            sum += energy;
            ++count;
        }
    }
    return loudness_of(sum / static_cast<double>(count));
}

double Bs1770Meter::range_lu() const {
    auto blocks = gated_block_energies(segment_energies_, segment_frames_, 30, 10);
    if (blocks.empty()) {
        return 0.0;
    }
    const double relative_gate = mean(blocks) * 0.01;  // 20 LU under their mean (Tech 3342)
    std::erase_if(blocks, [relative_gate](double energy) { return energy < relative_gate; });
    std::sort(blocks.begin(), blocks.end());
    const auto percentile = [&blocks](double fraction) {
        return blocks[static_cast<std::size_t>(static_cast<double>(blocks.size() - 1) * fraction + 0.5)];
    };
    return loudness_of(percentile(0.95)) - loudness_of(percentile(0.10));
}

}  // namespace timbre::plugins
