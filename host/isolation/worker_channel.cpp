// SPDX-License-Identifier: GPL-3.0-or-later
// Messages are small (a result of a few hundred kilobytes at most), so each is sent with
// blocking writes; the reader gathers bytes until a whole message is there.
#include "isolation/worker_channel.hpp"

#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "timbre/error.hpp"

namespace timbre::host {

WorkerChannel::~WorkerChannel() { close(socket_); }

bool WorkerChannel::send(const nlohmann::json& message) {
    const std::vector<std::uint8_t> body = nlohmann::json::to_cbor(message);
    std::vector<std::uint8_t> bytes(4 + body.size());
    const auto length = static_cast<std::uint32_t>(body.size());
    std::memcpy(bytes.data(), &length, 4);
    std::memcpy(bytes.data() + 4, body.data(), body.size());
    for (std::size_t sent = 0; sent < bytes.size();) {
        const ssize_t written = ::send(socket_, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
        if (written < 0 && errno == EINTR) {
            continue;
        }
        if (written <= 0) {
            return false;
        }
        sent += static_cast<std::size_t>(written);
    }
    return true;
}

bool WorkerChannel::receive_available() {
    std::uint8_t buffer[65536];
    for (;;) {
        const ssize_t count = ::recv(socket_, buffer, sizeof buffer, 0);
        if (count < 0 && errno == EINTR) {
            continue;
        }
        if (count <= 0) {
            return false;
        }
        pending_.insert(pending_.end(), buffer, buffer + count);
        return true;
    }
}

std::optional<nlohmann::json> WorkerChannel::next_message() {
    if (pending_.size() < 4) {
        return std::nullopt;
    }
    std::uint32_t length = 0;
    std::memcpy(&length, pending_.data(), 4);
    if (pending_.size() < 4 + std::size_t{length}) {
        return std::nullopt;
    }
    nlohmann::json message;
    try {
        message = nlohmann::json::from_cbor(pending_.begin() + 4, pending_.begin() + 4 + length);
    } catch (const nlohmann::json::exception& error) {
        throw Error(std::string("a worker process sent a malformed message: ") + error.what());
    }
    pending_.erase(pending_.begin(), pending_.begin() + 4 + length);
    return message;
}

std::optional<nlohmann::json> WorkerChannel::wait_message() {
    for (;;) {
        if (auto message = next_message()) {
            return message;
        }
        if (!receive_available()) {
            return std::nullopt;
        }
    }
}

}  // namespace timbre::host
