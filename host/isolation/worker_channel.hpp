// SPDX-License-Identifier: GPL-3.0-or-later
// The connection between `timbre analyze --isolate` and one worker process: a Unix socket
// pair carrying messages (a 4-byte length, then CBOR). Sends never raise SIGPIPE, so a worker
// that died is seen as a closed channel, not as the parent's death.
#pragma once

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

namespace timbre::host {

class WorkerChannel {
public:
    explicit WorkerChannel(int socket) : socket_(socket) {}
    ~WorkerChannel();
    WorkerChannel(const WorkerChannel&) = delete;
    WorkerChannel& operator=(const WorkerChannel&) = delete;

    int socket() const { return socket_; }

    // Blocks until the whole message is written; false if the other end has gone.
    bool send(const nlohmann::json& message);

    // Reads what is available (call when poll() says readable, or to block for more) and
    // returns false once the other end has closed and nothing complete is left.
    bool receive_available();
    // The next complete message received, if any.
    std::optional<nlohmann::json> next_message();

    // Blocks until one message arrives; nullopt if the channel closes first.
    std::optional<nlohmann::json> wait_message();

private:
    int socket_;
    std::vector<std::uint8_t> pending_;
};

}  // namespace timbre::host
