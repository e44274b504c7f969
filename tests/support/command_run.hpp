// SPDX-License-Identifier: GPL-3.0-or-later
// Runs the real `timbre` program (or any command) the way a user would, capturing exit
// status and output, for end-to-end tests; plus a scratch folder removed after the test.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace timbre::test {

struct CommandResult {
    int exit_code = -1;      // -1 if killed by a signal
    int signal = 0;          // the signal that killed it, or 0
    std::string output;      // stdout and stderr, interleaved
};

// Runs argv (no shell) with extra environment entries "NAME=value".
CommandResult run_command(const std::vector<std::string>& argv, const std::vector<std::string>& environment = {});

// Runs the `timbre` program the build made with these arguments and extra environment entries.
CommandResult run_timbre(std::vector<std::string> arguments, const std::vector<std::string>& environment = {});

// Starts argv in the background with its output sent to `log`; returns its process id.
int start_command(const std::vector<std::string>& argv, const std::filesystem::path& log);

// Waits for a started command; returns the CommandResult without output.
CommandResult wait_command(int pid);

// A fresh empty directory, deleted with everything in it when this object dies.
class ScratchDirectory {
public:
    ScratchDirectory();
    ~ScratchDirectory();
    ScratchDirectory(const ScratchDirectory&) = delete;
    ScratchDirectory& operator=(const ScratchDirectory&) = delete;
    const std::filesystem::path& path() const { return path_; }
    std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

private:
    std::filesystem::path path_;
};

std::string read_text(const std::filesystem::path& file);
void write_text(const std::filesystem::path& file, const std::string& text);

// The number a command printed at the start of a line as "NAME: NUMBER ..." (train's and
// evaluate's scores); NaN when no line says it, so any comparison with it fails.
double printed_number(const std::string& output, const std::string& name);

}  // namespace timbre::test
