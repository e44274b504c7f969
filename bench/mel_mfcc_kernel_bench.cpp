// SPDX-License-Identifier: GPL-3.0-or-later
// The mel spectrogram + MFCC kernel alone, on audio already decoded: what librosa, torchaudio
// and audioFlux publish "× real time" for. Runs the `mel` and `mfcc` nodes of a pipeline
// (configs/features.yaml: 22.05 kHz, 2048 / 512, 64 bands, 20 coefficients with deltas),
// instantiated and run by the host's graph as `timbre analyze` runs them, and the STFT alone
// to show its share.
// Usage: timbre_mel_mfcc_kernel_bench PIPELINE AUDIO_FILE [google benchmark flags]
#include <benchmark/benchmark.h>

#include <iostream>
#include <set>

#include "cli/pipeline_loading.hpp"
#include "graph/graph_instance.hpp"
#include "timbre/dsp/spectrogram.hpp"

namespace {

// Counts seconds of audio per CPU second: "× real time per core".
void count_real_time(benchmark::State& state, const timbre::Audio& audio) {
    state.counters["x_real_time"] =
        benchmark::Counter(audio.duration_seconds(), benchmark::Counter::kIsIterationInvariantRate);
}

// Times the pipeline's `nodes` on the decoded track, shared with them as the executor shares
// it (not copied per run).
void register_nodes(const char* name, const timbre::host::LoadedPipeline& pipeline, std::set<std::string> nodes,
                    const timbre::SharedValue& audio) {
    benchmark::RegisterBenchmark(name, [&pipeline, nodes, audio](benchmark::State& state) {
        timbre::host::GraphInstance instance(*pipeline.graph, *pipeline.registry, nodes);
        for (auto _ : state) {
            benchmark::DoNotOptimize(instance.evaluate({{"track.audio", audio}}));
        }
        count_real_time(state, std::get<timbre::Audio>(*audio));
    });
}

}  // namespace

int main(int argc, char** argv) {
    benchmark::Initialize(&argc, argv);
    if (argc != 3) {
        std::cerr << "usage: timbre_mel_mfcc_kernel_bench PIPELINE AUDIO_FILE [--benchmark_... flags]\n";
        return 2;
    }
    try {
        const timbre::host::LoadedPipeline pipeline = timbre::host::load_pipeline(argv[1], {});
        timbre::host::GraphInstance decoder(*pipeline.graph, *pipeline.registry, std::set<std::string>{"mel"});
        const auto audio = std::make_shared<const timbre::Value>(decoder.decode(argv[2]).audio);
        const auto& samples = std::get<timbre::Audio>(*audio);
        std::cout << argv[2] << ": " << samples.duration_seconds() << " s decoded to mono at "
                  << samples.sample_rate_hz() << " Hz\n";

        benchmark::RegisterBenchmark("stft_power_only", [&samples](benchmark::State& state) {
            const timbre::dsp::PowerSpectrogram spectrogram(2048, 512);
            for (auto _ : state) {
                float checksum = 0.0f;
                spectrogram.for_each_frame(samples, [&](std::size_t, const float* power) { checksum += power[1]; });
                benchmark::DoNotOptimize(checksum);
            }
            count_real_time(state, samples);
        });
        register_nodes("melspec", pipeline, {"mel"}, audio);
        register_nodes("melspec_mfcc_deltas", pipeline, {"mel", "mfcc"}, audio);
        benchmark::RunSpecifiedBenchmarks();
        benchmark::Shutdown();
    } catch (const std::exception& error) {
        std::cerr << "timbre_mel_mfcc_kernel_bench: " << error.what() << "\n";
        return 1;
    }
    return 0;
}
