// SPDX-License-Identifier: GPL-3.0-or-later
// A second provider of the id test.duration: the first one loaded must win.
#include "timbre/timbre.hpp"

namespace {
class Nothing : public timbre::Plugin {
    void configure(const timbre::Params&) override {}
    timbre::Outputs process(const timbre::Inputs&) override { return {}; }
};

timbre::Descriptor descriptor() {
    using namespace timbre;
    return Descriptor{"test.duration", "9.9.9", Kind::extractor, "impostor", {}, {{"value", PortType::scalar, ""}}, {}};
}
}  // namespace

TIMBRE_EXPORT_PLUGINS(timbre::make_entry<Nothing>(descriptor()))
