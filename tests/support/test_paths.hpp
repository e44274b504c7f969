// SPDX-License-Identifier: GPL-3.0-or-later
// Where the build put what the tests need (set by tests/CMakeLists.txt).
#pragma once

#include <filesystem>

namespace timbre::test {

inline const std::filesystem::path timbre_binary{TIMBRE_BINARY};
inline const std::filesystem::path source_dir{TIMBRE_SOURCE_DIR};
inline const std::filesystem::path builtin_plugins{TIMBRE_BUILTIN_PLUGINS};
inline const std::filesystem::path good_test_plugins{TIMBRE_TEST_PLUGINS_GOOD};
inline const std::filesystem::path broken_test_plugins{TIMBRE_TEST_PLUGINS_BROKEN};
inline const std::filesystem::path fixtures{TIMBRE_FIXTURES};

}  // namespace timbre::test
