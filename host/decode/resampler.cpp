// SPDX-License-Identifier: GPL-3.0-or-later
// soxr's one-shot API over a whole track (tracks are decoded whole anyway); single-threaded,
// since the executor already runs one track per core.
#include "decode/resampler.hpp"

#include <soxr.h>

#include <cmath>

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

std::vector<float> resample(std::vector<float> samples, double from_hz, double to_hz, ResampleQuality quality) {
    if (from_hz == to_hz || samples.empty()) {
        return samples;
    }
    std::vector<float> output(static_cast<std::size_t>(std::llround(samples.size() * to_hz / from_hz)));
    const soxr_io_spec_t io = soxr_io_spec(SOXR_FLOAT32_I, SOXR_FLOAT32_I);
    const soxr_quality_spec_t recipe = soxr_quality_spec(recipe_for(quality), 0);
    const soxr_runtime_spec_t runtime = soxr_runtime_spec(1);
    std::size_t produced = 0;
    if (const soxr_error_t error = soxr_oneshot(from_hz, to_hz, 1, samples.data(), samples.size(), nullptr,
                                                output.data(), output.size(), &produced, &io, &recipe, &runtime)) {
        throw DecodeError(std::string("resampling failed: ") + error);
    }
    output.resize(produced);
    return output;
}

}  // namespace timbre::host
