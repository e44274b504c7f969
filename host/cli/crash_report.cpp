// SPDX-License-Identifier: GPL-3.0-or-later
// Only async-signal-safe calls (write, signal, raise) in the handler; the default action is
// restored and the signal re-raised so the exit status and core dump stay truthful.
#include "cli/crash_report.hpp"

#include <csignal>
#include <cstring>
#include <unistd.h>

#include "graph/running_plugin.hpp"

namespace timbre::host {

namespace {
const char* closing_sentence = "";

void say(const char* text) {
    [[maybe_unused]] const auto written = write(STDERR_FILENO, text, std::strlen(text));
}

void on_fatal_signal(int signal_number) {
    say("\ntimbre: fatal signal ");
    say(strsignal(signal_number));
    if (const char* plugin = plugin_running_on_this_thread()) {
        say(" in plugin '");
        say(plugin);
        say("'");
    } else {
        say(" in the host");
    }
    say(". ");
    say(closing_sentence);
    say("\n");
    std::signal(signal_number, SIG_DFL);
    std::raise(signal_number);
}
}  // namespace

void install_crash_report(const char* consequence) {
    closing_sentence = consequence;
    for (int signal_number : {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT}) {
        std::signal(signal_number, on_fatal_signal);
    }
}

}  // namespace timbre::host
