// SPDX-License-Identifier: GPL-3.0-or-later
// The SDK's umbrella header: everything a plugin author needs.
#pragma once

#include "timbre/abi.hpp"
#include "timbre/descriptor.hpp"
#include "timbre/error.hpp"
#include "timbre/export.hpp"
#include "timbre/number_text.hpp"
#include "timbre/params.hpp"
#include "timbre/plugin.hpp"
#include "timbre/similarity.hpp"
#include "timbre/source_stream.hpp"
#include "timbre/trainable.hpp"
#include "timbre/class_encoding.hpp"
#include "timbre/values.hpp"
