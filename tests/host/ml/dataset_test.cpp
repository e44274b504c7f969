// Datasets are read with RFC 4180 quoting, de-duplicated by id, and a bad value or missing
// column is reported with the file, line and column.
#include <catch2/catch.hpp>

#include "ml/dataset.hpp"
#include "support/command_run.hpp"
#include "timbre/error.hpp"

using namespace timbre::host;

TEST_CASE("a CSV dataset is read with quoted commas, de-duplicated by id, unlabelled rows dropped", "[ml]") {
    timbre::test::ScratchDirectory scratch;
    timbre::test::write_text(scratch / "d.csv", "id,name,x,y,label\n1,\"Hello, world\",0.5,2,pop\n1,dup,9,9,pop\n"
                                                "2,\"say \"\"hi\"\"\",1e3,-1,rock\n3,none,1,1,\n");
    const Dataset dataset = load_dataset({scratch / "d.csv", "label", {"x", "y"}, "", "", "", "", "id", 0.2, 1});
    REQUIRE(dataset.examples.size() == 2);
    CHECK(dataset.duplicates_dropped == 1);
    CHECK(dataset.unlabelled_dropped == 1);
    CHECK(dataset.examples[1].features == std::vector<double>{1000.0, -1.0});
    CHECK(dataset.examples[1].label == "rock");
}

TEST_CASE("a non-numeric feature and a missing column are reported with file, line and column", "[ml]") {
    timbre::test::ScratchDirectory scratch;
    timbre::test::write_text(scratch / "d.csv", "x,label\n1,a\nabc,b\n");
    const auto file = (scratch / "d.csv").string();
    CHECK_THROWS_WITH(load_dataset({scratch / "d.csv", "label", {"x"}, "", "", "", "", "", 0.2, 1}),
                      Catch::Contains(file + ":3: column 'x' holds 'abc', not a number"));
    CHECK_THROWS_WITH(load_dataset({scratch / "d.csv", "genre", {"x"}, "", "", "", "", "", 0.2, 1}),
                      Catch::Contains("has no column 'genre' (columns: x, label)"));
}
