// The one Catch2 main every test program links (compiled once: it is the slow part).
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>
