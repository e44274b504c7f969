// SPDX-License-Identifier: GPL-3.0-or-later
// How many requests `timbre serve` answers each client address: a token bucket per address,
// `rate` requests a second on average in bursts of up to `burst_seconds` seconds' worth, so
// that one client flooding the service (a script, a page open in a loop) cannot take the
// worker threads from everyone else. Addresses idle long enough to have a full bucket are
// forgotten, so a flood from many addresses holds no more memory than its busy ones.
#pragma once

#include <chrono>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

namespace timbre::host {

class ClientRateLimit {
public:
    using Clock = std::chrono::steady_clock;

    ClientRateLimit(double rate, double burst_seconds);
    // Takes one request from `address`'s bucket: nothing when it may be answered, else the
    // seconds until it may ask again. Safe from several threads at once.
    std::optional<double> admit(const std::string& address, Clock::time_point now = Clock::now());

private:
    struct Bucket {
        double tokens = 0.0;
        Clock::time_point filled;
    };
    void forget_idle(Clock::time_point now);

    double rate_;
    double capacity_;
    std::mutex mutex_;
    std::unordered_map<std::string, Bucket> buckets_;
    Clock::time_point swept_;
};

}  // namespace timbre::host
