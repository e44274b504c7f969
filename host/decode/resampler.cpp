// libsamplerate's one-shot API over a whole track; tracks are decoded whole anyway.
#include "decode/resampler.hpp"

#include <samplerate.h>

#include <cmath>

namespace timbre::host {

namespace {
int converter_for(ResampleQuality quality) {
    switch (quality) {
    case ResampleQuality::fastest: return SRC_SINC_FASTEST;
    case ResampleQuality::medium: return SRC_SINC_MEDIUM_QUALITY;
    case ResampleQuality::best: return SRC_SINC_BEST_QUALITY;
    }
    return SRC_SINC_MEDIUM_QUALITY;
}
}  // namespace

std::vector<float> resample(std::vector<float> samples, double from_hz, double to_hz, ResampleQuality quality) {
    if (from_hz == to_hz || samples.empty()) {
        return samples;
    }
    const double ratio = to_hz / from_hz;
    std::vector<float> output(static_cast<std::size_t>(std::ceil(samples.size() * ratio)) + 16);
    SRC_DATA data{};
    data.data_in = samples.data();
    data.input_frames = static_cast<long>(samples.size());
    data.data_out = output.data();
    data.output_frames = static_cast<long>(output.size());
    data.src_ratio = ratio;
    data.end_of_input = 1;
    if (const int status = src_simple(&data, converter_for(quality), 1); status != 0) {
        throw DecodeError(std::string("resampling failed: ") + src_strerror(status));
    }
    output.resize(static_cast<std::size_t>(data.output_frames_gen));
    return output;
}

}  // namespace timbre::host
