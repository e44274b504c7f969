// SPDX-License-Identifier: GPL-3.0-or-later
// A Vamp plugin library that misbehaves on purpose, for the bridge's tests: one plugin
// returns fewer values than its output declares, one returns NaN, one crashes on tracks over
// a second. Through the bridge each must fail its track naming the node and the plugin, as a
// timbre plugin would.
#include <vamp-sdk/Plugin.h>
#include <vamp-sdk/PluginAdapter.h>

#include <cmath>
#include <csignal>
#include <string>

namespace {

enum class Fault { wrong_count, not_a_number, crash };

template <Fault fault> class Misbehaving : public Vamp::Plugin {
public:
    explicit Misbehaving(float rate) : Vamp::Plugin(rate) {}

    std::string getIdentifier() const override {
        switch (fault) {
        case Fault::wrong_count: return "wrongcount";
        case Fault::not_a_number: return "notanumber";
        case Fault::crash: return "segfault";
        }
        return "";
    }
    std::string getName() const override { return "Misbehaving: " + getIdentifier(); }
    std::string getDescription() const override { return "misbehaves on purpose"; }
    std::string getMaker() const override { return "timbre tests"; }
    std::string getCopyright() const override { return "GPL-3.0-or-later"; }
    int getPluginVersion() const override { return 1; }
    InputDomain getInputDomain() const override { return TimeDomain; }
    bool initialise(size_t channels, size_t, size_t) override { return channels == 1; }
    void reset() override { samples_ = 0; }
    size_t getPreferredBlockSize() const override { return 1024; }

    OutputList getOutputDescriptors() const override {
        OutputDescriptor output;
        output.identifier = "value";
        output.name = "Value";
        output.hasFixedBinCount = true;
        output.binCount = fault == Fault::wrong_count ? 2 : 1;
        output.sampleType = OutputDescriptor::OneSamplePerStep;
        return {output};
    }

    FeatureSet process(const float* const*, Vamp::RealTime) override {
        samples_ += 1024;
        if (fault == Fault::crash && samples_ > getPreferredBlockSize() && samples_ / m_inputSampleRate > 1.0f) {
            std::raise(SIGSEGV);
        }
        Feature feature;
        feature.values.push_back(fault == Fault::not_a_number ? NAN : 1.0f);
        FeatureSet features;
        features[0].push_back(feature);
        return features;
    }
    FeatureSet getRemainingFeatures() override { return {}; }

private:
    std::size_t samples_ = 0;
};

}  // namespace

extern "C" const VampPluginDescriptor* vampGetPluginDescriptor(unsigned int version, unsigned int index) {
    if (version < 1) {
        return nullptr;
    }
    static Vamp::PluginAdapter<Misbehaving<Fault::wrong_count>> wrong_count;
    static Vamp::PluginAdapter<Misbehaving<Fault::not_a_number>> not_a_number;
    static Vamp::PluginAdapter<Misbehaving<Fault::crash>> crash;
    switch (index) {
    case 0: return wrong_count.getDescriptor();
    case 1: return not_a_number.getDescriptor();
    case 2: return crash.getDescriptor();
    default: return nullptr;
    }
}
