// SPDX-License-Identifier: GPL-3.0-or-later
// fork/exec with a pipe: no shell quoting to get wrong for paths with spaces or unicode.
#include "support/command_run.hpp"
#include "support/test_paths.hpp"

#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <limits>
#include <random>
#include <sstream>
#include <stdexcept>

namespace timbre::test {

namespace {
// In a forked child: replace the process with argv, or exit 127.
[[noreturn]] void exec_child(const std::vector<std::string>& argv) {
    std::vector<char*> args;
    for (const auto& arg : argv) {
        args.push_back(const_cast<char*>(arg.c_str()));
    }
    args.push_back(nullptr);
    execv(args[0], args.data());
    _exit(127);
}

CommandResult status_of(int status) {
    CommandResult result;
    if (WIFEXITED(status)) {
        result.exit_code = WEXITSTATUS(status);
    } else if (WIFSIGNALED(status)) {
        result.signal = WTERMSIG(status);
    }
    return result;
}
}  // namespace

CommandResult run_command(const std::vector<std::string>& argv, const std::vector<std::string>& environment) {
    int pipe_ends[2];
    if (pipe(pipe_ends) != 0) {
        throw std::runtime_error("pipe failed");
    }
    const pid_t child = fork();
    if (child == 0) {
        dup2(pipe_ends[1], STDOUT_FILENO);
        dup2(pipe_ends[1], STDERR_FILENO);
        close(pipe_ends[0]);
        close(pipe_ends[1]);
        for (const auto& entry : environment) {
            putenv(const_cast<char*>(entry.c_str()));
        }
        exec_child(argv);
    }
    close(pipe_ends[1]);
    std::string output;
    char buffer[4096];
    for (ssize_t count; (count = read(pipe_ends[0], buffer, sizeof buffer)) > 0;) {
        output.append(buffer, static_cast<std::size_t>(count));
    }
    close(pipe_ends[0]);
    CommandResult result = wait_command(child);
    result.output = std::move(output);
    return result;
}

CommandResult run_timbre(std::vector<std::string> arguments, const std::vector<std::string>& environment) {
    arguments.insert(arguments.begin(), timbre_binary.string());
    return run_command(arguments, environment);
}

int start_command(const std::vector<std::string>& argv, const std::filesystem::path& log) {
    const pid_t child = fork();
    if (child == 0) {
        FILE* out = std::fopen(log.c_str(), "wb");
        dup2(fileno(out), STDOUT_FILENO);
        dup2(fileno(out), STDERR_FILENO);
        exec_child(argv);
    }
    return child;
}

CommandResult wait_command(int pid) {
    int status = 0;
    waitpid(pid, &status, 0);
    return status_of(status);
}

ScratchDirectory::ScratchDirectory() {
    std::random_device random;
    path_ = std::filesystem::temp_directory_path() / ("timbre-test-" + std::to_string(random()));
    std::filesystem::create_directories(path_);
}

ScratchDirectory::~ScratchDirectory() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
}

std::string read_text(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

void write_text(const std::filesystem::path& file, const std::string& text) {
    std::ofstream out(file, std::ios::binary);
    out << text;
}

double printed_number(const std::string& output, const std::string& name) {
    const std::string label = name + ": ";
    const auto at = output.starts_with(label) ? 0 : output.find("\n" + label);
    if (at == std::string::npos) {
        return std::numeric_limits<double>::quiet_NaN();
    }
    const auto start = at == 0 ? label.size() : at + 1 + label.size();
    try {
        return std::stod(output.substr(start));
    } catch (const std::exception&) {
        return std::numeric_limits<double>::quiet_NaN();
    }
}

}  // namespace timbre::test
