// SPDX-License-Identifier: GPL-3.0-or-later
// The one form that spellings of a name share when only case, punctuation and spacing differ:
// a CSV's artist column joined to a tag, a track a person types ("machine wars" for
// machine_wars.ogg). Kept in one place so that every such comparison agrees.
#pragma once

#include <string>

namespace timbre::host {

// Lower case ASCII, every run of other characters one space, none at the ends; bytes of
// UTF-8 letters (0x80 and above) are kept as they are.
std::string loose_key(const std::string& text);

}  // namespace timbre::host
