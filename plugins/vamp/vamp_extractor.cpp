// SPDX-License-Identifier: GPL-3.0-or-later
// One Vamp plugin output run as a timbre extractor. Blocks are fed as vamp-simple-host
// feeds them, so the two agree: block k starts at sample k x step, zero-padded past the end,
// stamped with its start time, until the blocks past the end cover the plugin's lookahead
// (block / step - 1 of them, at least one); then getRemainingFeatures(). A track loads the
// plugin at its rate once per instance and resets it for the next track.
#include <vamp-hostsdk/PluginLoader.h>

#include <algorithm>
#include <vector>

#include "vamp_outputs.hpp"
#include "timbre/number_text.hpp"

namespace timbre::plugins {

namespace {

class VampOutput : public Plugin {
public:
    VampOutput(VampKey key, std::string output) : key_(std::move(key)), output_(std::move(output)) {}

    void configure(const Params& params) override { params_ = params; }

    Outputs process(const Inputs& inputs) override {
        const Audio& audio = inputs.get<Audio>("audio");
        prepare(static_cast<float>(audio.sample_rate_hz()));
        const auto& samples = audio.samples();
        std::vector<float> block(block_size_, 0.0f);
        const float* channels[] = {block.data()};
        std::vector<Vamp::Plugin::Feature> features;
        auto keep = [&](const Vamp::Plugin::FeatureSet& set) {
            if (const auto it = set.find(output_index_); it != set.end()) {
                features.insert(features.end(), it->second.begin(), it->second.end());
            }
        };
        const std::size_t steps_past_end = std::max<std::size_t>(1, block_size_ / step_size_ - 1);
        const auto rate = static_cast<unsigned>(audio.sample_rate_hz());
        std::size_t short_blocks = 0;
        for (std::size_t start = 0; short_blocks < steps_past_end; start += step_size_) {
            const std::size_t available = start < samples.size() ? std::min(block_size_, samples.size() - start) : 0;
            std::fill(std::copy_n(samples.begin() + static_cast<std::ptrdiff_t>(std::min(start, samples.size())),
                                  available, block.begin()),
                      block.end(), 0.0f);
            short_blocks += available < block_size_ ? 1 : 0;
            keep(plugin_->process(channels, Vamp::RealTime::frame2RealTime(static_cast<long>(start), rate)));
        }
        keep(plugin_->getRemainingFeatures());
        Outputs outputs;
        if (output_descriptor_.hasFixedBinCount) {
            outputs.put("values", frames(features, audio.sample_rate_hz()));
        } else {
            outputs.put("values", vector(features));
        }
        return outputs;
    }

private:
    // Loads the plugin at `rate` (once per rate) with the configured parameters, or resets it.
    void prepare(float rate) {
        if (plugin_ && rate == rate_) {
            plugin_->reset();
            return;
        }
        plugin_ = load_vamp_plugin(key_, rate);
        rate_ = rate;
        for (const auto& parameter : plugin_->getParameterDescriptors()) {
            plugin_->setParameter(parameter.identifier, vamp_parameter_value(parameter, params_));
        }
        const auto chosen_block = static_cast<std::size_t>(params_.integer("block_size"));
        const auto chosen_step = static_cast<std::size_t>(params_.integer("step_size"));
        block_size_ = chosen_block ? chosen_block : plugin_->getPreferredBlockSize();
        block_size_ = block_size_ ? block_size_ : 1024;
        step_size_ = chosen_step ? chosen_step : plugin_->getPreferredStepSize();
        if (!step_size_) {
            step_size_ = plugin_->getInputDomain() == Vamp::Plugin::FrequencyDomain ? block_size_ / 2 : block_size_;
        }
        if (!plugin_->initialise(1, step_size_, block_size_)) {
            plugin_.reset();
            throw InputError("the Vamp plugin " + key_ + " refuses one channel with step " + std::to_string(step_size_) +
                             " and block " + std::to_string(block_size_) + " at " + number_text(rate) +
                             " Hz (set block_size and step_size)");
        }
        const auto outputs = plugin_->getOutputDescriptors();
        const auto found = std::find_if(outputs.begin(), outputs.end(), [&](const auto& o) { return o.identifier == output_; });
        if (found == outputs.end()) {
            throw InputError("the Vamp plugin " + key_ + " no longer has an output '" + output_ + "'");
        }
        output_index_ = static_cast<int>(found - outputs.begin());
        output_descriptor_ = *found;
    }

    // The one feature of an output whose bin count varies, as a vector: value0, value1, ...
    Vector vector(const std::vector<Vamp::Plugin::Feature>& features) const {
        if (features.size() != 1) {
            throw InputError("the Vamp plugin " + key_ + " gave " + std::to_string(features.size()) +
                             " features for output '" + output_ + "', whose bin count varies: timbre takes such an "
                             "output as one feature per track");
        }
        const auto& values = features.front().values;
        std::vector<std::string> names;
        for (std::size_t b = 0; b < values.size(); ++b) {
            names.push_back("value" + std::to_string(b));
        }
        return Vector(std::move(names), std::vector<double>(values.begin(), values.end()));
    }

    // The collected features as rows: values, preceded by the time for variable-rate outputs.
    Frames frames(const std::vector<Vamp::Plugin::Feature>& features, double rate) const {
        const bool timed = output_descriptor_.sampleType == Vamp::Plugin::OutputDescriptor::VariableSampleRate;
        const std::size_t values = output_descriptor_.binCount;
        std::vector<float> data;
        for (const auto& feature : features) {
            if (feature.values.size() != values) {
                throw InputError("the Vamp plugin " + key_ + " returned " + std::to_string(feature.values.size()) +
                                 " values for output '" + output_ + "', which declares " + std::to_string(values));
            }
            if (timed) {
                data.push_back(static_cast<float>(feature.timestamp.sec + feature.timestamp.nsec * 1e-9));
            }
            data.insert(data.end(), feature.values.begin(), feature.values.end());
        }
        std::vector<std::string> names;
        if (timed) {
            names.push_back("time_s");
        }
        for (std::size_t b = 0; b < values; ++b) {
            const auto& given = b < output_descriptor_.binNames.size() ? output_descriptor_.binNames[b] : "";
            names.push_back(given.empty() ? "value" + std::to_string(b) : given);
        }
        const double hop = output_descriptor_.sampleType == Vamp::Plugin::OutputDescriptor::FixedSampleRate &&
                                   output_descriptor_.sampleRate > 0.0f
                               ? 1.0 / output_descriptor_.sampleRate
                               : static_cast<double>(step_size_) / rate;
        const std::size_t bins = names.size();
        return Frames(features.size(), bins, hop, std::move(data), std::move(names));
    }

    VampKey key_;
    std::string output_;
    Params params_;
    std::unique_ptr<Vamp::Plugin> plugin_;
    float rate_ = 0.0f;
    std::size_t block_size_ = 0, step_size_ = 0;
    int output_index_ = 0;
    Vamp::Plugin::OutputDescriptor output_descriptor_;
};

// Every output of every Vamp plugin found; a plugin that cannot be loaded is left out (the
// Vamp SDK does not say why).
PluginEntries list_vamp_outputs() {
    use_debian_vamp_path();
    PluginEntries entries;
    for (const auto& key : Vamp::HostExt::PluginLoader::getInstance()->listPlugins()) {
        std::unique_ptr<Vamp::Plugin> plugin;
        try {
            plugin = load_vamp_plugin(key, kDescriptorRate);
        } catch (const Error&) {
            continue;
        }
        for (const auto& output : plugin->getOutputDescriptors()) {
            entries.push_back({vamp_output_descriptor(key, *plugin, output), [key, id = output.identifier] {
                                   return std::unique_ptr<Plugin>(new VampOutput(key, id));
                               }});
        }
    }
    return entries;
}

}  // namespace

}  // namespace timbre::plugins

TIMBRE_EXPORT_PLUGIN_LIST(timbre::plugins::list_vamp_outputs)
