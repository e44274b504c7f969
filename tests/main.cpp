// Catch2's generated main for the whole suite.
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>
