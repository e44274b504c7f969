// SPDX-License-Identifier: GPL-3.0-or-later
// One poll() loop on the calling thread watches every worker's socket and the nearest
// deadline. A worker reports the stage its track has reached (hashed, decoded, each node
// started), so a track it could not finish is failed naming the node that was running.
#include "isolation/isolated_analysis.hpp"

#include <poll.h>
#include <spawn.h>
#include <spdlog/spdlog.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <csignal>
#include <cstring>
#include <fstream>
#include <memory>

#include "isolation/track_result_codec.hpp"
#include "isolation/worker_channel.hpp"
#include "isolation/worker_loop.hpp"
#include "results/json_text.hpp"

extern char** environ;

namespace timbre::host {

namespace {
using Clock = std::chrono::steady_clock;

// A track handed to a worker, and how far its analysis has got.
struct Assignment {
    std::size_t index = 0;
    Clock::time_point started;
    std::uintmax_t file_bytes = 0;
    std::optional<double> audio_seconds;
    std::string content_hash;
    const GraphNode* node = nullptr;  // the node running, once the graph has started
};

std::string how_it_ended(int status) {
    if (WIFSIGNALED(status)) {
        return fmt::format("died of signal {} ({})", WTERMSIG(status), strsignal(WTERMSIG(status)));
    }
    return fmt::format("exited with status {}", WEXITSTATUS(status));
}

class WorkerProcess {
public:
    WorkerProcess(const std::vector<std::string>& command, const std::set<std::string>& completed_hashes,
                  const std::string& fingerprint) {
        int sockets[2];
        if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sockets) != 0) {
            throw Error(std::string("cannot connect to a worker process: ") + std::strerror(errno));
        }
        int child_end = sockets[1];
        if (child_end == kWorkerSocket) {  // dup2 onto itself would keep close-on-exec set
            child_end = fcntl(sockets[1], F_DUPFD_CLOEXEC, kWorkerSocket + 1);
            close(sockets[1]);
        }
        posix_spawn_file_actions_t actions;
        posix_spawn_file_actions_init(&actions);
        posix_spawn_file_actions_adddup2(&actions, child_end, kWorkerSocket);
        posix_spawn_file_actions_adddup2(&actions, STDERR_FILENO, STDOUT_FILENO);  // stray prints go to the log
        std::vector<char*> argv;
        for (const auto& argument : command) {
            argv.push_back(const_cast<char*>(argument.c_str()));
        }
        argv.push_back(nullptr);
        const int error = posix_spawn(&pid_, argv[0], &actions, nullptr, argv.data(), environ);
        posix_spawn_file_actions_destroy(&actions);
        close(child_end);
        channel_ = std::make_unique<WorkerChannel>(sockets[0]);
        if (error != 0) {
            pid_ = -1;
            throw Error("cannot start a worker process (" + command.front() + "): " + std::strerror(error));
        }
        channel_->send({{"completed", completed_hashes}});
        const auto ready = channel_->wait_message();
        if (!ready) {
            throw Error("a worker process could not start: it " + reap() + " (its messages are above)");
        }
        if (ready->value("ready", "") != fingerprint) {
            stop();
            throw Error("a worker process built another pipeline than this run's (was the config edited just now?)");
        }
    }

    ~WorkerProcess() {
        if (pid_ > 0) {
            if (assignment) {
                kill(pid_, SIGKILL);
            }
            channel_.reset();  // an idle worker ends when its channel closes
            int status = 0;
            waitpid(pid_, &status, 0);
        }
    }
    WorkerProcess(const WorkerProcess&) = delete;
    WorkerProcess& operator=(const WorkerProcess&) = delete;

    WorkerChannel& channel() { return *channel_; }

    // Kills the worker now; returns how it ended.
    std::string stop() {
        kill(pid_, SIGKILL);
        return reap();
    }

    // Waits for a worker whose channel has closed; returns how it ended.
    std::string reap() {
        int status = 0;
        while (waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
        }
        pid_ = -1;
        return how_it_ended(status);
    }

    std::uint64_t resident_bytes() const {
        std::ifstream statm("/proc/" + std::to_string(pid_) + "/statm");
        std::uint64_t size = 0;
        std::uint64_t resident = 0;
        statm >> size >> resident;
        return resident * static_cast<std::uint64_t>(sysconf(_SC_PAGESIZE));
    }

    std::optional<Assignment> assignment;

private:
    pid_t pid_ = -1;
    std::unique_ptr<WorkerChannel> channel_;
};

class IsolatedRun {
public:
    IsolatedRun(const Graph& graph, const std::vector<std::filesystem::path>& tracks,
                const std::set<std::string>& completed_hashes, IsolationOptions options,
                const std::function<void(TrackResult)>& on_result)
        : graph_(graph), tracks_(tracks), completed_hashes_(completed_hashes), options_(std::move(options)),
          on_result_(on_result) {}

    void run(unsigned workers) {
        for (unsigned k = 0; k < workers; ++k) {
            pool_.push_back(start_worker());
        }
        while (delivered_ < tracks_.size()) {
            for (auto& worker : pool_) {
                if (worker && !worker->assignment && next_ < tracks_.size()) {
                    assign(*worker, next_++);
                }
            }
            wait_for_events();
        }
    }

private:
    std::unique_ptr<WorkerProcess> start_worker() {
        return std::make_unique<WorkerProcess>(options_.worker_command, completed_hashes_, graph_.fingerprint());
    }

    void assign(WorkerProcess& worker, std::size_t index) {
        std::error_code error;
        const auto bytes = std::filesystem::file_size(tracks_[index], error);
        worker.assignment = Assignment{index, Clock::now(), error ? 0 : bytes, std::nullopt, "", nullptr};
        worker.channel().send({{"track", index}, {"path", tracks_[index].string()}});
    }

    Clock::time_point deadline(const Assignment& assignment) const {
        const double seconds = options_.time_limit.seconds_for(assignment.file_bytes, assignment.audio_seconds);
        return assignment.started + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(seconds));
    }

    void wait_for_events() {
        std::vector<pollfd> watched;
        std::vector<std::unique_ptr<WorkerProcess>*> busy;
        std::optional<Clock::time_point> nearest;
        for (auto& worker : pool_) {
            if (worker && worker->assignment) {
                watched.push_back({worker->channel().socket(), POLLIN, 0});
                busy.push_back(&worker);
                const auto due = deadline(*worker->assignment);
                nearest = nearest ? std::min(*nearest, due) : due;
            }
        }
        const auto wait = std::chrono::ceil<std::chrono::milliseconds>(*nearest - Clock::now()).count();
        if (poll(watched.data(), watched.size(), static_cast<int>(std::max<long>(0, std::min<long>(wait, 60'000)))) < 0 &&
            errno != EINTR) {
            throw Error(std::string("waiting for worker processes failed: ") + std::strerror(errno));
        }
        for (std::size_t i = 0; i < watched.size(); ++i) {
            auto& worker = *busy[i];
            if (watched[i].revents != 0) {
                read_from(worker);
            } else if (Clock::now() >= deadline(*worker->assignment)) {
                const Assignment& overdue = *worker->assignment;
                const double ran = std::chrono::duration<double>(Clock::now() - overdue.started).count();
                const double limit = options_.time_limit.seconds_for(overdue.file_bytes, overdue.audio_seconds);
                worker->stop();
                fail(overdue, fmt::format("stopped after {:.1f} s, over this track's time limit of {:.1f} s "
                                          "(--track-timeout: {})",
                                          ran, limit, options_.time_limit.describe()));
                replace(worker);
            }
        }
    }

    void read_from(std::unique_ptr<WorkerProcess>& worker) {
        const bool open = worker->channel().receive_available();
        while (worker->assignment) {
            const auto message = worker->channel().next_message();
            if (!message) {
                break;
            }
            take(*worker, *message);
        }
        if (!open) {
            const std::string ended = worker->reap();
            if (worker->assignment) {
                fail(*worker->assignment, "its worker process " + ended + " while it ran");
            }
            worker->assignment.reset();
            replace(worker);
        } else if (!worker->assignment && options_.memory_limit_bytes) {
            if (const auto resident = worker->resident_bytes(); resident > *options_.memory_limit_bytes) {
                spdlog::info("a worker holds {} MiB after a track, over --worker-memory {} MiB: replaced by a fresh one",
                             resident >> 20, *options_.memory_limit_bytes >> 20);
                replace(worker);
            }
        }
    }

    void take(WorkerProcess& worker, const nlohmann::json& message) {
        Assignment& assignment = *worker.assignment;
        if (const auto hashed = message.find("hashed"); hashed != message.end()) {
            assignment.content_hash = hashed->get<std::string>();
        } else if (const auto decoded = message.find("decoded"); decoded != message.end()) {
            assignment.audio_seconds = decoded->get<double>();
        } else if (const auto node = message.find("node"); node != message.end()) {
            const auto& nodes = graph_.nodes();
            const auto running = std::find_if(nodes.begin(), nodes.end(),
                                              [&](const GraphNode& candidate) { return candidate.id == *node; });
            assignment.node = running == nodes.end() ? nullptr : &*running;
        } else if (const auto result = message.find("result"); result != message.end()) {
            TrackResult track = decode_track_result(*result);
            if (track.status == TrackStatus::ok) {
                options_.time_limit.record_finished(track.analysed_seconds, track.elapsed_seconds);
            }
            worker.assignment.reset();
            deliver(std::move(track));
        } else {
            throw Error("a worker process sent a message this timbre does not know: " + json_text(message));
        }
    }

    // The track a worker could not finish, failed with the stage it had reached.
    void fail(const Assignment& assignment, const std::string& why) {
        TrackResult result;
        result.index = assignment.index;
        result.path = tracks_[assignment.index];
        result.status = TrackStatus::failed;
        result.content_hash = assignment.content_hash;
        result.analysed_seconds = assignment.audio_seconds.value_or(0.0);
        result.elapsed_seconds = std::chrono::duration<double>(Clock::now() - assignment.started).count();
        if (assignment.node) {
            result.error = "node '" + assignment.node->id + "' (plugin " + assignment.node->plugin->entry.descriptor.id +
                           "): " + why;
        } else {
            result.error = (assignment.content_hash.empty() ? "read: " : "decode: ") + why;
        }
        deliver(std::move(result));
    }

    void deliver(TrackResult result) {
        ++delivered_;
        on_result_(std::move(result));
    }

    // A fresh worker in place of one that ended, while tracks remain to hand out.
    void replace(std::unique_ptr<WorkerProcess>& worker) {
        worker.reset();
        if (next_ < tracks_.size()) {
            worker = start_worker();
        }
    }

    const Graph& graph_;
    const std::vector<std::filesystem::path>& tracks_;
    const std::set<std::string>& completed_hashes_;
    IsolationOptions options_;
    const std::function<void(TrackResult)>& on_result_;
    std::vector<std::unique_ptr<WorkerProcess>> pool_;
    std::size_t next_ = 0;
    std::size_t delivered_ = 0;
};
}  // namespace

void analyse_in_worker_processes(const Graph& graph, const std::vector<std::filesystem::path>& tracks, unsigned workers,
                                 const std::set<std::string>& completed_hashes, IsolationOptions options,
                                 const std::function<void(TrackResult)>& on_result) {
    if (tracks.empty()) {
        return;
    }
    IsolatedRun(graph, tracks, completed_hashes, std::move(options), on_result).run(workers);
}

}  // namespace timbre::host
