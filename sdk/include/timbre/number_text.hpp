// SPDX-License-Identifier: GPL-3.0-or-later
// Numbers in messages and in parameters handed to other libraries, as a person writes them:
// "10 Hz", "0.25", "1e-07". std::to_string prints "10.000000" and turns 1e-7 into
// "0.000000", a learning rate of zero; a stream rounds to six digits.
#pragma once

#include <string>

namespace timbre {

// The shortest text that reads back as exactly `value`, in the style of printf's %g:
// 10 -> "10", 0.1 -> "0.1", 1e-7 -> "1e-07", NaN -> "nan".
std::string number_text(double value);

}  // namespace timbre
