// SPDX-License-Identifier: GPL-3.0-or-later
// The mel spectrogram + MFCC kernel alone, on audio already decoded: what librosa, torchaudio
// and audioFlux publish "× real time" for. Runs the built-in timbre.melspec and timbre.mfcc
// plugins, loaded as the host loads them, with features.yaml's parameters (22.05 kHz, 2048 /
// 512, 64 bands, 20 coefficients with deltas), and the STFT alone to show its share.
// Usage: timbre_mel_mfcc_kernel_bench AUDIO_FILE [google benchmark flags]
#include <benchmark/benchmark.h>

#include <iostream>
#include <map>
#include <optional>

#include "decode/audio_decoder.hpp"
#include "loader/plugin_registry.hpp"
#include "timbre/dsp/spectrogram.hpp"

namespace {

constexpr double kSampleRateHz = 22050.0;

class ConfiguredPlugin {
public:
    ConfiguredPlugin(const timbre::host::PluginRegistry& registry, const std::string& id,
                     const std::map<std::string, timbre::ParamValue>& params) {
        const timbre::host::RegisteredPlugin* plugin = registry.find(id);
        if (!plugin) {
            throw timbre::Error("built-in plugin not found: " + id);
        }
        std::map<std::string, timbre::ParamValue> values;
        for (const auto& spec : plugin->entry.descriptor.params) {
            values[spec.name] = spec.default_value;
        }
        for (const auto& [name, value] : params) {
            values[name] = value;
        }
        instance_.emplace(registry.instantiate(*plugin));
        (*instance_)->configure(timbre::Params(values));
    }

    timbre::Outputs run(const timbre::Inputs& inputs) { return (*instance_)->process(inputs); }

private:
    std::optional<timbre::host::PluginInstance> instance_;
};

// Counts seconds of audio per CPU second: "× real time per core".
void count_real_time(benchmark::State& state, const timbre::Audio& audio) {
    state.counters["x_real_time"] =
        benchmark::Counter(audio.duration_seconds(), benchmark::Counter::kIsIterationInvariantRate);
}

// The decoded track on an input port, shared as the executor shares it: not copied per run.
timbre::Inputs on_port(const std::string& port, timbre::SharedValue value) { return timbre::Inputs({{port, std::move(value)}}); }

void register_kernels(const timbre::host::PluginRegistry& registry, const timbre::Audio& audio) {
    const timbre::Inputs audio_input = on_port("audio", std::make_shared<const timbre::Value>(audio));
    const std::map<std::string, timbre::ParamValue> mel_params{
        {"frame_size", std::int64_t{2048}}, {"hop_size", std::int64_t{512}}, {"bands", std::int64_t{64}}};
    const std::map<std::string, timbre::ParamValue> mfcc_params{{"coefficients", std::int64_t{20}}};

    benchmark::RegisterBenchmark("stft_power_only", [&audio](benchmark::State& state) {
        const timbre::dsp::PowerSpectrogram spectrogram(2048, 512);
        for (auto _ : state) {
            float checksum = 0.0f;
            spectrogram.for_each_frame(audio, [&](std::size_t, const float* power) { checksum += power[1]; });
            benchmark::DoNotOptimize(checksum);
        }
        count_real_time(state, audio);
    });
    benchmark::RegisterBenchmark("melspec", [&registry, &audio, audio_input, mel_params](benchmark::State& state) {
        ConfiguredPlugin mel(registry, "timbre.melspec", mel_params);
        for (auto _ : state) {
            benchmark::DoNotOptimize(mel.run(audio_input));
        }
        count_real_time(state, audio);
    });
    benchmark::RegisterBenchmark("melspec_mfcc_deltas", [&registry, &audio, audio_input, mel_params,
                                                         mfcc_params](benchmark::State& state) {
        ConfiguredPlugin mel(registry, "timbre.melspec", mel_params);
        ConfiguredPlugin mfcc(registry, "timbre.mfcc", mfcc_params);
        for (auto _ : state) {
            const timbre::Outputs spectrum = mel.run(audio_input);
            benchmark::DoNotOptimize(mfcc.run(on_port("mel", spectrum.values().at("mel"))));
        }
        count_real_time(state, audio);
    });
}

}  // namespace

int main(int argc, char** argv) {
    benchmark::Initialize(&argc, argv);
    if (argc != 2) {
        std::cerr << "usage: timbre_mel_mfcc_kernel_bench AUDIO_FILE [--benchmark_... flags]\n";
        return 2;
    }
    try {
        const timbre::host::DecodedAudio decoded =
            timbre::host::decode_audio(argv[1], kSampleRateHz, {}, timbre::host::ResampleQuality::medium);
        std::cout << argv[1] << ": " << decoded.audio.duration_seconds() << " s decoded to mono at "
                  << kSampleRateHz << " Hz\n";
        timbre::host::PluginRegistry registry;
        registry.load_directories({TIMBRE_BUILTIN_PLUGINS});
        register_kernels(registry, decoded.audio);
        benchmark::RunSpecifiedBenchmarks();
        benchmark::Shutdown();
    } catch (const std::exception& error) {
        std::cerr << "timbre_mel_mfcc_kernel_bench: " << error.what() << "\n";
        return 1;
    }
    return 0;
}
