// SPDX-License-Identifier: GPL-3.0-or-later
// Out-of-line constructors so each error type's typeinfo is emitted once, in the SDK library.
#include "timbre/error.hpp"

namespace timbre {

Error::Error(const std::string& message) : std::runtime_error(message) {}

ParameterError::ParameterError(const std::string& parameter, const std::string& message)
    : Error("parameter '" + parameter + "': " + message), parameter_(parameter) {}

PortError::PortError(const std::string& port, const std::string& message)
    : Error("port '" + port + "': " + message), port_(port) {}

}  // namespace timbre
