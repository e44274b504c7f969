// SPDX-License-Identifier: GPL-3.0-or-later
// Test plugins with one behaviour each: a working scalar extractor (slow on request, to
// interrupt runs mid-way), two that measure the source channels (whole, and streamed as the
// track decodes, failing part-way on request), and plugins that throw, omit an output, return the wrong type,
// put NaN or infinity where their descriptor does not allow it, crash or abort the process,
// never return, or leak memory. The host must report each of them by name.
#include <chrono>
#include <cmath>
#include <csignal>
#include <cstdlib>
#include <string>
#include <thread>
#include <vector>

#include "timbre/timbre.hpp"

namespace {

using namespace timbre;

Descriptor scalar_descriptor(const std::string& id, const std::string& description) {
    return Descriptor{id,
                      "0.1.0",
                      Kind::extractor,
                      description,
                      {{"audio", PortType::audio, "audio"}},
                      {{"value", PortType::scalar, "a number"}},
                      {{"delay_ms", ParamType::integer, std::int64_t{0}, 0, 60000, {}, "ms", "sleep before answering"}}};
}

// Outputs the track's duration in seconds, after an optional delay.
class Duration : public Plugin {
public:
    void configure(const Params& params) override { delay_ms_ = params.integer("delay_ms"); }
    Outputs process(const Inputs& inputs) override {
        std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms_));
        Outputs outputs;
        outputs.put("value", Scalar{inputs.get<Audio>("audio").duration_seconds(), "s"});
        return outputs;
    }

private:
    std::int64_t delay_ms_ = 0;
};

class Throwing : public Duration {
    Outputs process(const Inputs&) override { throw InputError("this plugin always fails"); }
};

class MissingOutput : public Duration {
    Outputs process(const Inputs&) override { return Outputs{}; }
};

class WrongType : public Duration {
    Outputs process(const Inputs&) override {
        Outputs outputs;
        outputs.put("value", Text{"not a number"});
        return outputs;
    }
};

// NaN where the descriptor does not allow it: the host must fail the track naming the node.
class NotANumber : public Duration {
    Outputs process(const Inputs&) override {
        Outputs outputs;
        outputs.put("value", Scalar{NAN, "s"});
        return outputs;
    }
};

// A vector with an infinite value: never allowed.
class Infinite : public Duration {
    Outputs process(const Inputs&) override {
        Outputs outputs;
        outputs.put("value", Vector({"finite", "infinite"}, {1.0, INFINITY}));
        return outputs;
    }
};

// The misbehaviours below strike on tracks longer than a second and spare shorter ones, so a
// test can tell that the other tracks of a run still finish.
bool strikes(const Inputs& inputs) { return inputs.get<Audio>("audio").duration_seconds() > 1.0; }

class Crashing : public Duration {
    Outputs process(const Inputs& inputs) override {
        if (strikes(inputs)) {
            std::raise(SIGSEGV);
        }
        return Duration::process(inputs);
    }
};

class Aborting : public Duration {
    Outputs process(const Inputs& inputs) override {
        if (strikes(inputs)) {
            std::abort();
        }
        return Duration::process(inputs);
    }
};

// Spins forever, as a decoding loop that never ends would.
class Hanging : public Duration {
    Outputs process(const Inputs& inputs) override {
        volatile bool forever = strikes(inputs);
        while (forever) {
        }
        return Duration::process(inputs);
    }
};

// Keeps 64 MiB more (touched, so resident) on every track.
class Leaking : public Duration {
    Outputs process(const Inputs& inputs) override {
        kept_.emplace_back(std::size_t{64} << 20, '\1');
        return Duration::process(inputs);
    }

private:
    std::vector<std::string> kept_;
};

// The same NaN from a port that declares NaN as "not measured": stored as null.
Descriptor unknown_descriptor() {
    Descriptor descriptor = scalar_descriptor("test.not_measured", "NaN, declared as a value not measured");
    descriptor.outputs[0].nan_is_unknown = true;
    return descriptor;
}

Descriptor vector_descriptor() {
    Descriptor descriptor = scalar_descriptor("test.infinite", "a vector holding infinity");
    descriptor.outputs[0].type = PortType::vector;
    return descriptor;
}

Descriptor source_shape_descriptor(const std::string& id, const std::string& description) {
    return Descriptor{id,
                      "0.1.0",
                      Kind::extractor,
                      description,
                      {{"source", PortType::multichannel, "the track's original channels"}},
                      {{"shape", PortType::vector, "channels, frames, sample rate and energy (sum of squares)"}},
                      {{"fail_after_seconds", ParamType::real, 0.0, 0.0, 1e6, {}, "s",
                        "throw once more than this much source has arrived (0: never)"},
                       {"hang_after_seconds", ParamType::real, 0.0, 0.0, 1e6, {}, "s",
                        "never return from a block once more than this much source has arrived (0: never)"}}};
}

// What the source measures, gathered frame by frame in the same order whole or streamed.
class SourceShape {
public:
    void begin(std::size_t channels, double rate) {
        channels_ = channels;
        rate_ = rate;
        frames_ = 0;
        energy_ = 0.0;
    }
    void add(const float* const* channels, std::size_t frames) {
        for (std::size_t n = 0; n < frames; ++n) {
            for (std::size_t c = 0; c < channels_; ++c) {
                energy_ += static_cast<double>(channels[c][n]) * channels[c][n];
            }
        }
        frames_ += frames;
    }
    double seconds() const { return static_cast<double>(frames_) / rate_; }
    Outputs outputs() const {
        Outputs outputs;
        outputs.put("shape", Vector({"channels", "frames", "rate", "energy"},
                                    {static_cast<double>(channels_), static_cast<double>(frames_), rate_, energy_}));
        return outputs;
    }

private:
    std::size_t channels_ = 0;
    double rate_ = 1.0;
    std::size_t frames_ = 0;
    double energy_ = 0.0;
};

class WholeSourceShape : public Plugin {
public:
    void configure(const Params&) override {}
    Outputs process(const Inputs& inputs) override {
        const auto& source = inputs.get<MultichannelAudio>("source");
        std::vector<const float*> channels;
        for (const auto& channel : source.channels()) {
            channels.push_back(channel.data());
        }
        SourceShape shape;
        shape.begin(source.channel_count(), source.sample_rate_hz());
        shape.add(channels.data(), source.frame_count());
        return shape.outputs();
    }
};

class StreamedSourceShape : public SourceStreamPlugin {
public:
    void configure(const Params& params) override {
        fail_after_seconds_ = params.real("fail_after_seconds");
        hang_after_seconds_ = params.real("hang_after_seconds");
    }
    void begin_source(std::size_t channel_count, double sample_rate_hz) override {
        shape_.begin(channel_count, sample_rate_hz);
    }
    void add_source(const SourceBlock& block) override {
        shape_.add(block.channels, block.frame_count);
        if (fail_after_seconds_ > 0.0 && shape_.seconds() > fail_after_seconds_) {
            throw InputError("failed after " + std::to_string(shape_.seconds()) + " s of source");
        }
        volatile bool forever = hang_after_seconds_ > 0.0 && shape_.seconds() > hang_after_seconds_;
        while (forever) {
        }
    }
    Outputs end_source() override { return shape_.outputs(); }

private:
    double fail_after_seconds_ = 0.0;
    double hang_after_seconds_ = 0.0;
    SourceShape shape_;
};

}  // namespace

TIMBRE_EXPORT_PLUGINS(make_entry<Duration>(scalar_descriptor("test.duration", "track duration in seconds")),
                      make_entry<NotANumber>(scalar_descriptor("test.nan", "NaN where no NaN is declared")),
                      make_entry<NotANumber>(unknown_descriptor()),
                      make_entry<Infinite>(vector_descriptor()),
                      make_entry<Throwing>(scalar_descriptor("test.throwing", "always throws")),
                      make_entry<MissingOutput>(scalar_descriptor("test.missing_output", "returns no output")),
                      make_entry<WrongType>(scalar_descriptor("test.wrong_type", "returns text for a scalar")),
                      make_entry<Crashing>(scalar_descriptor("test.crashing", "raises SIGSEGV on tracks over 1 s")),
                      make_entry<Aborting>(scalar_descriptor("test.aborting", "calls abort() on tracks over 1 s")),
                      make_entry<Hanging>(scalar_descriptor("test.hanging", "never returns on tracks over 1 s")),
                      make_entry<Leaking>(scalar_descriptor("test.leaking", "keeps 64 MiB more on every track")),
                      make_entry<WholeSourceShape>(
                          source_shape_descriptor("test.source_shape", "measures the whole source channels")),
                      make_entry<StreamedSourceShape>(source_shape_descriptor(
                          "test.streamed_source_shape", "measures the source channels block by block as they decode")))
