// SPDX-License-Identifier: GPL-3.0-or-later
// Three steps make the choice of period robust to the metre. The envelope loses its local
// mean first (what is left are the rises that mark beats, not sections getting louder). A
// period is scored by the autocorrelation at P together with half of it at P/2 and at 2P,
// so the pulse whose subdivision and grouping are both present wins over a neighbour at 3:2
// or 4:3. That score also favours 2P whenever P is regular (the subdivision of 2P is P), so
// the octave, P/2, P or 2P, is then chosen by the plain autocorrelation under the prior: a
// metronome's clicks are read at their own rate. The chosen period is refined to sub-frame
// precision from the autocorrelation peaks at its multiples (the peak near 4P, located by
// parabolic interpolation, pins P four times more finely than the peak near P).
#include "tempo_estimate.hpp"

#include <algorithm>
#include <cmath>

namespace timbre::plugins {

namespace {

constexpr double kLocalMeanSeconds = 0.5;

// envelope minus its centred moving average over `width` frames (fewer at the ends), kept
// where positive.
std::vector<double> rises_above_local_mean(const std::vector<double>& envelope, std::size_t width) {
    const std::size_t half = width / 2;
    std::vector<double> prefix(envelope.size() + 1, 0.0);
    for (std::size_t i = 0; i < envelope.size(); ++i) {
        prefix[i + 1] = prefix[i] + envelope[i];
    }
    std::vector<double> rises(envelope.size());
    for (std::size_t i = 0; i < envelope.size(); ++i) {
        const std::size_t first = i >= half ? i - half : 0;
        const std::size_t end = std::min(envelope.size(), i + half + 1);
        const double mean = (prefix[end] - prefix[first]) / static_cast<double>(end - first);
        rises[i] = std::max(0.0, envelope[i] - mean);
    }
    return rises;
}

std::vector<double> autocorrelation(const std::vector<double>& envelope, std::size_t max_lag) {
    double mean = 0.0;
    for (double value : envelope) {
        mean += value;
    }
    mean /= static_cast<double>(envelope.size());
    std::vector<double> centred(envelope.size());
    for (std::size_t i = 0; i < envelope.size(); ++i) {
        centred[i] = envelope[i] - mean;
    }
    std::vector<double> result(max_lag + 1, 0.0);
    for (std::size_t lag = 0; lag <= max_lag && lag < centred.size(); ++lag) {
        double sum = 0.0;
        for (std::size_t t = lag; t < centred.size(); ++t) {
            sum += centred[t] * centred[t - lag];
        }
        result[lag] = sum / static_cast<double>(centred.size() - lag);
    }
    return result;
}

// Position of the largest value within `radius` of `around`, refined by a parabola
// through it and its neighbours.
double peak_near(const std::vector<double>& values, double around, double radius) {
    const auto low = static_cast<std::size_t>(std::max(1.0, std::floor(around - radius)));
    const auto high = std::min(values.size() - 2, static_cast<std::size_t>(std::ceil(around + radius)));
    std::size_t best = low;
    for (std::size_t i = low; i <= high; ++i) {
        if (values[i] > values[best]) {
            best = i;
        }
    }
    const double left = values[best - 1], centre = values[best], right = values[best + 1];
    const double curvature = left - 2.0 * centre + right;
    const double offset = curvature < 0.0 ? 0.5 * (left - right) / curvature : 0.0;
    return static_cast<double>(best) + std::clamp(offset, -0.5, 0.5);
}

double value_at(const std::vector<double>& values, double position) {
    const auto index = static_cast<std::size_t>(std::floor(position));
    if (index + 1 >= values.size()) {
        return 0.0;
    }
    const double fraction = position - static_cast<double>(index);
    return values[index] * (1.0 - fraction) + values[index + 1] * fraction;
}

// How well a period of `lag` frames explains the envelope: its own autocorrelation plus half
// of those at its subdivision and at its grouping.
double metrical_support(const std::vector<double>& acf, double lag) {
    return value_at(acf, lag) + 0.5 * value_at(acf, lag / 2.0) + 0.5 * value_at(acf, lag * 2.0);
}

}  // namespace

TempoEstimate estimate_tempo(const std::vector<double>& onset_envelope, double frames_per_second,
                             const TempoRange& range) {
    TempoEstimate estimate;
    const auto local_mean_width = static_cast<std::size_t>(std::max(1.0, std::round(kLocalMeanSeconds * frames_per_second)));
    const std::vector<double> envelope = rises_above_local_mean(onset_envelope, local_mean_width);
    const double min_lag = 60.0 * frames_per_second / range.max_bpm;
    const double max_lag = 60.0 * frames_per_second / range.min_bpm;
    const auto longest = static_cast<std::size_t>(std::ceil(max_lag * 4.0)) + 2;
    if (envelope.size() < static_cast<std::size_t>(max_lag * 2.0) + 2) {
        return estimate;
    }
    const auto acf = autocorrelation(envelope, std::min(longest, envelope.size() - 1));
    if (acf[0] <= 0.0) {
        return estimate;
    }
    const auto prior = [&](double lag) {
        const double octaves = std::log2(60.0 * frames_per_second / lag / range.preferred_bpm);
        return std::exp(-0.5 * octaves * octaves);
    };
    double best_score = 0.0;
    std::size_t best_lag = 0;
    const auto support = [&acf](std::size_t lag) { return metrical_support(acf, static_cast<double>(lag)); };
    for (auto lag = static_cast<std::size_t>(std::ceil(min_lag)); lag <= static_cast<std::size_t>(max_lag); ++lag) {
        const double here = support(lag);
        const bool local_peak = here >= support(lag - 1) && here >= support(lag + 1);
        const double score = here * prior(static_cast<double>(lag));
        if (local_peak && score > best_score) {
            best_score = score;
            best_lag = lag;
        }
    }
    if (best_lag == 0) {
        return estimate;
    }
    double period = peak_near(acf, static_cast<double>(best_lag), 1.0);
    std::vector<double> octave_candidates{period};
    if (period / 2.0 >= min_lag) {
        octave_candidates.push_back(peak_near(acf, period / 2.0, 1.0));
    }
    if (period * 2.0 <= max_lag) {
        octave_candidates.push_back(peak_near(acf, period * 2.0, 1.5));
    }
    period = *std::max_element(octave_candidates.begin(), octave_candidates.end(), [&](double a, double b) {
        return value_at(acf, a) * prior(a) < value_at(acf, b) * prior(b);
    });
    const double strength = value_at(acf, period);
    for (const double multiple : {2.0, 4.0}) {
        if (period * multiple + 2.0 >= static_cast<double>(acf.size())) {
            break;
        }
        const double refined = peak_near(acf, period * multiple, 1.5);
        if (value_at(acf, refined) < 0.5 * strength) {
            break;
        }
        period = refined / multiple;
    }
    estimate.period_frames = period;
    estimate.bpm = 60.0 * frames_per_second / period;
    estimate.confidence = std::clamp(strength / acf[0], 0.0, 1.0);
    estimate.half_bpm = estimate.bpm / 2.0;
    estimate.half_strength = std::max(0.0, value_at(acf, period * 2.0) / strength);
    estimate.double_bpm = estimate.bpm * 2.0;
    estimate.double_strength = period / 2.0 >= 1.0 ? std::max(0.0, value_at(acf, period / 2.0) / strength) : 0.0;
    return estimate;
}

}  // namespace timbre::plugins
