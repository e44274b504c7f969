// SPDX-License-Identifier: GPL-3.0-or-later
// The host SDK's PluginLoader is a process-wide singleton whose thread safety is not
// promised: every load goes through one lock.
#include "vamp_outputs.hpp"

#include <vamp-hostsdk/PluginHostAdapter.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <mutex>

#include "timbre/number_text.hpp"

namespace timbre::plugins {

namespace {

std::string id_word(const std::string& text) {
    std::string word;
    for (const char c : text) {
        const auto lower = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        word += std::isalnum(static_cast<unsigned char>(lower)) ? lower : '_';
    }
    return word;
}

bool named_values(const Vamp::PluginBase::ParameterDescriptor& parameter) {
    return parameter.isQuantized && parameter.quantizeStep > 0.0f && !parameter.valueNames.empty();
}

bool integral(const Vamp::PluginBase::ParameterDescriptor& parameter) {
    return parameter.isQuantized && parameter.quantizeStep == 1.0f && parameter.minValue == std::round(parameter.minValue);
}

std::size_t value_index(const Vamp::PluginBase::ParameterDescriptor& parameter, float value) {
    const auto index = std::lround((value - parameter.minValue) / parameter.quantizeStep);
    return static_cast<std::size_t>(std::clamp<long>(index, 0, static_cast<long>(parameter.valueNames.size()) - 1));
}

ParamSpec parameter_spec(const Vamp::PluginBase::ParameterDescriptor& parameter) {
    const std::string doc = parameter.name + (parameter.description.empty() ? "" : ": " + parameter.description);
    if (named_values(parameter)) {
        return ParamSpec{parameter.identifier, ParamType::string,
                         parameter.valueNames[value_index(parameter, parameter.defaultValue)], {}, {},
                         parameter.valueNames, parameter.unit, doc};
    }
    if (integral(parameter)) {
        return ParamSpec{parameter.identifier, ParamType::integer,
                         static_cast<std::int64_t>(std::lround(parameter.defaultValue)), parameter.minValue,
                         parameter.maxValue, {}, parameter.unit, doc};
    }
    return ParamSpec{parameter.identifier, ParamType::real, static_cast<double>(parameter.defaultValue),
                     parameter.minValue, parameter.maxValue, {}, parameter.unit, doc};
}

std::string sample_type_text(const Vamp::Plugin::OutputDescriptor& output) {
    switch (output.sampleType) {
    case Vamp::Plugin::OutputDescriptor::OneSamplePerStep: return "one row per step";
    case Vamp::Plugin::OutputDescriptor::FixedSampleRate:
        return "rows at " + number_text(output.sampleRate) + " per second";
    case Vamp::Plugin::OutputDescriptor::VariableSampleRate: return "one row per event, its time in column time_s";
    }
    return "";
}

}  // namespace

std::unique_ptr<Vamp::Plugin> load_vamp_plugin(const VampKey& key, float rate) {
    static std::mutex loading;
    std::lock_guard lock(loading);
    std::unique_ptr<Vamp::Plugin> plugin(Vamp::HostExt::PluginLoader::getInstance()->loadPlugin(
        key, rate, Vamp::HostExt::PluginLoader::ADAPT_ALL_SAFE));
    if (!plugin) {
        throw Error("the Vamp plugin " + key + " cannot be loaded at " + number_text(rate) + " Hz");
    }
    return plugin;
}

void use_debian_vamp_path() {
    if (std::getenv("VAMP_PATH")) {
        return;
    }
    std::string path;
    for (const auto& folder : Vamp::PluginHostAdapter::getPluginPath()) {
        path += folder + ":";
    }
    setenv("VAMP_PATH", (path + TIMBRE_MULTIARCH_VAMP_DIR).c_str(), 0);
}

Descriptor vamp_output_descriptor(const VampKey& key, const Vamp::Plugin& plugin,
                                  const Vamp::Plugin::OutputDescriptor& output) {
    const std::string library = key.substr(0, key.find(':'));
    Descriptor descriptor{"vamp." + id_word(library) + "." + id_word(plugin.getIdentifier()) + "." +
                              id_word(output.identifier),
                          std::to_string(plugin.getPluginVersion()),
                          Kind::extractor,
                          plugin.getName() + ": " + output.name + " (Vamp plugin " + key + " by " + plugin.getMaker() +
                              ")",
                          {{"audio", PortType::audio, "mono audio (track.audio): the Vamp plugin gets one channel"}},
                          {{"values", output.hasFixedBinCount ? PortType::frames : PortType::vector,
                            output.description + (output.unit.empty() ? "" : " (" + output.unit + ")") + "; " +
                                (output.hasFixedBinCount ? sample_type_text(output)
                                                         : std::string("its bin count varies: one feature per track, "
                                                                       "its values as a vector"))}},
                          {}};
    for (const auto& parameter : plugin.getParameterDescriptors()) {
        descriptor.params.push_back(parameter_spec(parameter));
    }
    const auto block = plugin.getPreferredBlockSize();
    const auto step = plugin.getPreferredStepSize();
    const bool spectral = plugin.getInputDomain() == Vamp::Plugin::FrequencyDomain;
    descriptor.params.push_back(
        {"block_size", ParamType::integer, std::int64_t{0}, 0, 65536, {}, "samples",
         "samples per block given to the plugin; 0: " +
             (block ? "the plugin's preference, " + std::to_string(block) : std::string("1024 (it states no preference)"))});
    descriptor.params.push_back(
        {"step_size", ParamType::integer, std::int64_t{0}, 0, 65536, {}, "samples",
         "samples from one block's start to the next; 0: " +
             (step ? "the plugin's preference, " + std::to_string(step)
                   : std::string(spectral ? "half the block (it states no preference)"
                                          : "the block size (it states no preference)"))});
    return descriptor;
}

float vamp_parameter_value(const Vamp::PluginBase::ParameterDescriptor& parameter, const Params& params) {
    if (named_values(parameter)) {
        const std::string& name = params.string(parameter.identifier);
        const auto found = std::find(parameter.valueNames.begin(), parameter.valueNames.end(), name);
        return parameter.minValue +
               static_cast<float>(found - parameter.valueNames.begin()) * parameter.quantizeStep;
    }
    if (integral(parameter)) {
        return static_cast<float>(params.integer(parameter.identifier));
    }
    return static_cast<float>(params.real(parameter.identifier));
}

}  // namespace timbre::plugins
