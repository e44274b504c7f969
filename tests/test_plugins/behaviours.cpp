// SPDX-License-Identifier: GPL-3.0-or-later
// Test plugins with one behaviour each: a working scalar extractor (slow on request, to
// interrupt runs mid-way), and plugins that throw, omit an output, return the wrong type,
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
                      make_entry<Leaking>(scalar_descriptor("test.leaking", "keeps 64 MiB more on every track")))
