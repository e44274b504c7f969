// SPDX-License-Identifier: GPL-3.0-or-later
// FFTW-backed power spectrogram. FFTW's planner is not thread-safe, so plan creation and
// destruction are serialised; executing a plan on private buffers is safe from any thread.
#include "timbre/dsp/spectrogram.hpp"

#include <fftw3.h>

#include <algorithm>
#include <cmath>
#include <mutex>
#include <numbers>
#include <vector>

#include "timbre/error.hpp"

namespace timbre::dsp {

namespace {
// FFTW's planner: one lock for making and destroying plans, and, when this library is
// unloaded (a host unloading its plugins) or the process ends, FFTW's planner tables given
// back; by then every plan is destroyed. LeakSanitizer saw them as lost at exit otherwise.
struct Planner {
    std::mutex mutex;
    ~Planner() { fftwf_cleanup(); }
};

std::mutex& planner_mutex() {
    static Planner planner;
    return planner.mutex;
}

template <typename T> struct FftwDeleter {
    void operator()(T* pointer) const { fftwf_free(pointer); }
};
template <typename T> using FftwBuffer = std::unique_ptr<T[], FftwDeleter<T>>;

template <typename T> FftwBuffer<T> allocate(std::size_t count) {
    return FftwBuffer<T>(static_cast<T*>(fftwf_malloc(sizeof(T) * count)));
}
}  // namespace

struct PowerSpectrogram::Plan {
    fftwf_plan plan = nullptr;
    std::vector<float> window;
};

PowerSpectrogram::PowerSpectrogram(std::size_t frame_size, std::size_t hop_size)
    : frame_size_(frame_size), hop_size_(hop_size), plan_(std::make_unique<Plan>()) {
    if (frame_size < 2 || frame_size % 2 != 0) {
        throw Error("PowerSpectrogram: frame size must be even and >= 2, got " + std::to_string(frame_size));
    }
    if (hop_size == 0) {
        throw Error("PowerSpectrogram: hop size must be >= 1 sample");
    }
    plan_->window.resize(frame_size);
    for (std::size_t n = 0; n < frame_size; ++n) {
        plan_->window[n] = static_cast<float>(0.5 - 0.5 * std::cos(2.0 * std::numbers::pi * n / frame_size));
    }
    auto in = allocate<float>(frame_size);
    auto out = allocate<fftwf_complex>(bin_count());
    std::lock_guard lock(planner_mutex());
    plan_->plan = fftwf_plan_dft_r2c_1d(static_cast<int>(frame_size), in.get(), out.get(), FFTW_ESTIMATE);
}

PowerSpectrogram::~PowerSpectrogram() {
    std::lock_guard lock(planner_mutex());
    fftwf_destroy_plan(plan_->plan);
}

Frames PowerSpectrogram::compute(const Audio& audio) const {
    const std::size_t bins = bin_count();
    const std::size_t frames = frame_count(audio.samples().size());
    std::vector<float> power(frames * bins);
    for_each_frame(audio, [&](std::size_t f, const float* row) { std::copy(row, row + bins, power.data() + f * bins); });
    return Frames(frames, bins, static_cast<double>(hop_size_) / audio.sample_rate_hz(), std::move(power));
}

void PowerSpectrogram::for_each_frame(const Audio& audio, const FrameVisitor& visit) const {
    const auto& samples = audio.samples();
    const std::size_t bins = bin_count();
    const std::size_t frames = frame_count(samples.size());
    const auto half = static_cast<std::ptrdiff_t>(frame_size_ / 2);
    const auto length = static_cast<std::ptrdiff_t>(samples.size());

    auto in = allocate<float>(frame_size_);
    auto out = allocate<fftwf_complex>(bins);
    std::vector<float> row(bins);
    // Plain pointers, read once: through the vectors and the plan, GCC would have to reload
    // them after every store and could not vectorise the two loops below.
    const float* signal = samples.data();
    const float* window = plan_->window.data();
    const std::size_t size = frame_size_;
    float* frame = in.get();
    const fftwf_complex* spectrum = out.get();
    float* power = row.data();
    for (std::size_t f = 0; f < frames; ++f) {
        const auto start = static_cast<std::ptrdiff_t>(f * hop_size_) - half;
        if (start >= 0 && start + static_cast<std::ptrdiff_t>(size) <= length) {
            const float* from = signal + start;
            for (std::size_t n = 0; n < size; ++n) {
                frame[n] = from[n] * window[n];
            }
        } else {
            for (std::size_t n = 0; n < size; ++n) {
                const auto index = start + static_cast<std::ptrdiff_t>(n);
                frame[n] = ((index >= 0 && index < length) ? signal[index] : 0.0f) * window[n];
            }
        }
        fftwf_execute_dft_r2c(plan_->plan, frame, out.get());
        for (std::size_t k = 0; k < bins; ++k) {
            power[k] = spectrum[k][0] * spectrum[k][0] + spectrum[k][1] * spectrum[k][1];
        }
        visit(f, power);
    }
}

}  // namespace timbre::dsp
