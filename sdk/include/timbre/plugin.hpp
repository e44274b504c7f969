// SPDX-License-Identifier: GPL-3.0-or-later
// The interface every plugin implements, and the lifecycle the host promises:
//   1. construct           [the thread starting an analysis]  through the factory in the entry list
//   2. configure(params)   [the same thread]  once; all declared parameters present and in range
//   3. process(inputs)     [one thread at a time]  once per track, any number of times
//   4. destroy             [after the last process() returns]  before the plugin's library is unloaded
// No state may be carried from one process() call to the next: each track is independent.
// An instance is used by one thread at a time: the host makes one instance per worker, and
// the web service keeps one for the files it compares, each analysed on the request's thread.
#pragma once

#include <map>
#include <memory>
#include <string>

#include "timbre/error.hpp"
#include "timbre/params.hpp"
#include "timbre/values.hpp"

namespace timbre {

using SharedValue = std::shared_ptr<const Value>;

// The values wired to a plugin's inputs for one track, by input port name.
class Inputs {
public:
    Inputs() = default;
    explicit Inputs(std::map<std::string, SharedValue> values);

    // The value on `port` as T; throws PortError if the port is absent or holds another type.
    template <typename T> const T& get(const std::string& port) const { return typed<T>(port, find(port)); }
    // The value on the only wired port as T; throws PortError unless exactly one is wired.
    template <typename T> const T& only() const {
        const std::string& port = only_port();
        return typed<T>(port, find(port));
    }
    bool has(const std::string& port) const { return values_.count(port) != 0; }

private:
    const Value& find(const std::string& port) const;
    const std::string& only_port() const;
    template <typename T> static const T& typed(const std::string& port, const Value& value) {
        if (const T* typed = std::get_if<T>(&value)) {
            return *typed;
        }
        throw PortError(port, "input holds " + std::string(to_string(port_type_of(value))) + ", not " +
                                  std::string(to_string(port_type_for<T>())));
    }
    std::map<std::string, SharedValue> values_;
};

// What process() produced for one track, by output port name.
class Outputs {
public:
    void put(const std::string& port, Value value);
    const std::map<std::string, SharedValue>& values() const { return values_; }

private:
    std::map<std::string, SharedValue> values_;
};

class Plugin {
public:
    virtual ~Plugin();
    // Read parameters and prepare (filterbanks, FFT plans, model weights). Throw
    // ParameterError for a combination of values the declared ranges cannot express.
    virtual void configure(const Params& params) = 0;
    // Compute every declared output from the inputs of one track.
    virtual Outputs process(const Inputs& inputs) = 0;
};

}  // namespace timbre
