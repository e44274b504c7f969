// SPDX-License-Identifier: GPL-3.0-or-later
// Exceptions shared by host and plugins. They live in the shared SDK library so that their
// typeinfo is the same on both sides of a plugin boundary and `catch` works across it.
// Every error carries the context a user needs to act on it (parameter, port, plugin id).
#pragma once

#include <stdexcept>
#include <string>

namespace timbre {

// Base of every error timbre raises on purpose.
class Error : public std::runtime_error {
public:
    explicit Error(const std::string& message);
};

// A parameter value a plugin cannot work with, found at configure time.
class ParameterError : public Error {
public:
    ParameterError(const std::string& parameter, const std::string& message);
    const std::string& parameter() const { return parameter_; }

private:
    std::string parameter_;
};

// A port read or written with the wrong name or type.
class PortError : public Error {
public:
    PortError(const std::string& port, const std::string& message);
    const std::string& port() const { return port_; }

private:
    std::string port_;
};

// Input that a plugin cannot process (too short, silent when it must not be, ...).
class InputError : public Error {
public:
    using Error::Error;
};

}  // namespace timbre
