// SPDX-License-Identifier: GPL-3.0-or-later
// An ordinary shared library: loads fine, but is no timbre plugin.
extern "C" int not_a_plugin_answer() { return 42; }
