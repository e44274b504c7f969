// SPDX-License-Identifier: GPL-3.0-or-later
// A library with a valid ABI stamp but no entry point.
#include "timbre/timbre.hpp"

extern "C" BOOST_SYMBOL_EXPORT const timbre::AbiStamp timbre_abi_stamp;
extern "C" const timbre::AbiStamp timbre_abi_stamp = timbre::current_abi_stamp;
