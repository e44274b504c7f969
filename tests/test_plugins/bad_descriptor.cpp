// SPDX-License-Identifier: GPL-3.0-or-later
// A plugin whose parameter default lies outside its own declared range.
#include "timbre/timbre.hpp"

namespace {
class Nothing : public timbre::Plugin {
    void configure(const timbre::Params&) override {}
    timbre::Outputs process(const timbre::Inputs&) override { return {}; }
};

timbre::Descriptor descriptor() {
    using namespace timbre;
    return Descriptor{"test.bad_descriptor", "0.1.0", Kind::extractor, "default out of range",
                      {}, {{"value", PortType::scalar, ""}},
                      {{"size", ParamType::integer, std::int64_t{0}, 1, 10, {}, "", "must be 1..10"}}};
}
}  // namespace

TIMBRE_EXPORT_PLUGINS(timbre::make_entry<Nothing>(descriptor()))
