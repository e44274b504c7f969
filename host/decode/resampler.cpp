// SPDX-License-Identifier: GPL-3.0-or-later
// soxr's streaming API; single-threaded, since the executor already runs one track per core.
#include "decode/resampler.hpp"

#include <soxr.h>

#include <cmath>
#include <string>

namespace timbre::host {

namespace {
unsigned long recipe_for(ResampleQuality quality) {
    switch (quality) {
    case ResampleQuality::fastest: return SOXR_LQ;
    case ResampleQuality::medium: return SOXR_HQ;
    case ResampleQuality::best: return SOXR_VHQ;
    }
    return SOXR_HQ;
}
}  // namespace

Resampler::Resampler(double from_hz, double to_hz, ResampleQuality quality) : ratio_(to_hz / from_hz) {
    if (from_hz == to_hz) {
        return;
    }
    const soxr_io_spec_t io = soxr_io_spec(SOXR_FLOAT32_I, SOXR_FLOAT32_I);
    const soxr_quality_spec_t recipe = soxr_quality_spec(recipe_for(quality), 0);
    const soxr_runtime_spec_t runtime = soxr_runtime_spec(1);
    soxr_error_t error = nullptr;
    soxr_ = soxr_create(from_hz, to_hz, 1, &error, &io, &recipe, &runtime);
    if (error) {
        throw DecodeError(std::string("resampling failed: ") + error);
    }
}

Resampler::~Resampler() { soxr_delete(soxr_); }

void Resampler::push(const float* samples, std::size_t count, std::vector<float>& out) {
    if (!soxr_) {
        out.insert(out.end(), samples, samples + count);
        return;
    }
    drain(samples, count, out);
}

void Resampler::finish(std::vector<float>& out) {
    if (soxr_) {
        drain(nullptr, 0, out);
    }
}

// Gives soxr the input (none: flush) and appends its output until it has taken all of it
// and has nothing more to give for now.
void Resampler::drain(const float* samples, std::size_t count, std::vector<float>& out) {
    const std::size_t room = static_cast<std::size_t>(std::ceil(count * ratio_)) + 1024;
    for (;;) {
        const std::size_t at = out.size();
        out.resize(at + room);
        std::size_t taken = 0;
        std::size_t produced = 0;
        if (const soxr_error_t error =
                soxr_process(soxr_, samples, count, samples ? &taken : nullptr, out.data() + at, room, &produced)) {
            throw DecodeError(std::string("resampling failed: ") + error);
        }
        out.resize(at + produced);
        samples = samples ? samples + taken : nullptr;
        count -= taken;
        if (count == 0 && produced < room) {
            return;
        }
    }
}

}  // namespace timbre::host
