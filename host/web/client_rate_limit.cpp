// SPDX-License-Identifier: GPL-3.0-or-later
// A bucket holds `capacity_` tokens and gains `rate_` a second; a request takes one. The map
// is swept of full (idle) buckets at most once per time it takes an empty bucket to fill.
#include "web/client_rate_limit.hpp"

#include <algorithm>

namespace timbre::host {

ClientRateLimit::ClientRateLimit(double rate, double burst_seconds)
    : rate_(rate), capacity_(std::max(1.0, rate * burst_seconds)) {}

std::optional<double> ClientRateLimit::admit(const std::string& address, Clock::time_point now) {
    const std::lock_guard lock(mutex_);
    forget_idle(now);
    auto [bucket, added] = buckets_.try_emplace(address, Bucket{capacity_, now});
    if (!added) {
        const double elapsed = std::chrono::duration<double>(now - bucket->second.filled).count();
        bucket->second.tokens = std::min(capacity_, bucket->second.tokens + std::max(0.0, elapsed) * rate_);
        bucket->second.filled = now;
    }
    if (bucket->second.tokens >= 1.0) {
        bucket->second.tokens -= 1.0;
        return std::nullopt;
    }
    return (1.0 - bucket->second.tokens) / rate_;
}

void ClientRateLimit::forget_idle(Clock::time_point now) {
    const auto fill_time =
        std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(capacity_ / rate_));
    if (now - swept_ < fill_time) {
        return;
    }
    swept_ = now;
    std::erase_if(buckets_, [&](const auto& entry) { return now - entry.second.filled >= fill_time; });
}

}  // namespace timbre::host
