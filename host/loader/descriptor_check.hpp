// SPDX-License-Identifier: GPL-3.0-or-later
// The rules a descriptor must follow before the host trusts it: the validator and the docs
// are built from descriptors, so an inconsistent one is refused at load time, by plugin id.
#pragma once

#include <string>

#include "timbre/descriptor.hpp"

namespace timbre::host {

// Empty if the descriptor is usable, otherwise the first problem found, in words.
std::string descriptor_problem(const Descriptor& descriptor);

}  // namespace timbre::host
