// Straight loops over one frame; accumulation in double.
#include "spectral_shape.hpp"

#include <algorithm>
#include <cmath>

namespace timbre::plugins {

double centroid_hz(const SpectrumFrame& frame) {
    double weighted = 0.0, total = 0.0;
    for (std::size_t k = 0; k < frame.bin_hz.size(); ++k) {
        weighted += frame.bin_hz[k] * frame.magnitude[k];
        total += frame.magnitude[k];
    }
    return total > 0.0 ? weighted / total : 0.0;
}

double bandwidth_hz(const SpectrumFrame& frame, double centroid) {
    double spread = 0.0, total = 0.0;
    for (std::size_t k = 0; k < frame.bin_hz.size(); ++k) {
        const double distance = frame.bin_hz[k] - centroid;
        spread += frame.magnitude[k] * distance * distance;
        total += frame.magnitude[k];
    }
    return total > 0.0 ? std::sqrt(spread / total) : 0.0;
}

double rolloff_hz(const SpectrumFrame& frame, double fraction) {
    double total = 0.0;
    for (std::size_t k = 0; k < frame.bin_hz.size(); ++k) {
        total += frame.magnitude[k];
    }
    const double threshold = fraction * total;
    double cumulative = 0.0;
    for (std::size_t k = 0; k < frame.bin_hz.size(); ++k) {
        cumulative += frame.magnitude[k];
        if (cumulative >= threshold) {
            return frame.bin_hz[k];
        }
    }
    return frame.bin_hz.back();
}

double flatness(const SpectrumFrame& frame) {
    double log_sum = 0.0, sum = 0.0;
    for (std::size_t k = 0; k < frame.bin_hz.size(); ++k) {
        const double power = std::max(1e-10, static_cast<double>(frame.magnitude[k]) * frame.magnitude[k]);
        log_sum += std::log(power);
        sum += power;
    }
    const double bins = static_cast<double>(frame.bin_hz.size());
    return std::exp(log_sum / bins) / (sum / bins);
}

double positive_flux(const SpectrumFrame& frame, const float* previous_magnitude) {
    if (!previous_magnitude) {
        return 0.0;
    }
    double sum = 0.0;
    for (std::size_t k = 0; k < frame.bin_hz.size(); ++k) {
        const double rise = std::max(0.0, static_cast<double>(frame.magnitude[k]) - previous_magnitude[k]);
        sum += rise * rise;
    }
    return std::sqrt(sum);
}

double zero_crossing_rate(const std::vector<float>& samples, std::ptrdiff_t start, std::size_t size) {
    const auto last = static_cast<std::ptrdiff_t>(samples.size()) - 1;
    auto negative = [&](std::ptrdiff_t index) { return samples[static_cast<std::size_t>(std::clamp<std::ptrdiff_t>(index, 0, last))] < -1e-10f; };
    std::size_t crossings = 0;
    bool previous = negative(start);
    for (std::size_t n = 1; n < size; ++n) {
        const bool current = negative(start + static_cast<std::ptrdiff_t>(n));
        crossings += current != previous;
        previous = current;
    }
    return static_cast<double>(crossings) / static_cast<double>(size);
}

double rms(const std::vector<float>& samples, std::ptrdiff_t start, std::size_t size) {
    double sum = 0.0;
    const auto length = static_cast<std::ptrdiff_t>(samples.size());
    for (std::size_t n = 0; n < size; ++n) {
        const auto index = start + static_cast<std::ptrdiff_t>(n);
        if (index >= 0 && index < length) {
            sum += static_cast<double>(samples[static_cast<std::size_t>(index)]) * samples[static_cast<std::size_t>(index)];
        }
    }
    return std::sqrt(sum / static_cast<double>(size));
}

}  // namespace timbre::plugins
