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
    const Dataset dataset = load_dataset({scratch / "d.csv", "label", {"x", "y"}, "", "", "", {}, "", "id", 0.2, 1});
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
    CHECK_THROWS_WITH(load_dataset({scratch / "d.csv", "label", {"x"}, "", "", "", {}, "", "", 0.2, 1}),
                      Catch::Contains(file + ":3: column 'x' holds 'abc', not a number"));
    CHECK_THROWS_WITH(load_dataset({scratch / "d.csv", "genre", {"x"}, "", "", "", {}, "", "", 0.2, 1}),
                      Catch::Contains("has no column 'genre' (columns: x, label)"));
}

TEST_CASE("a second CSV (test_csv) becomes the held-out split, a split column marks rows", "[ml]") {
    timbre::test::ScratchDirectory scratch;
    timbre::test::write_text(scratch / "train.csv", "x,label,side\n1,a,train\n2,b,test\n");
    timbre::test::write_text(scratch / "test.csv", "x,label,side\n3,a,train\n");
    const Dataset two_files = load_dataset({scratch / "train.csv", "label", {"x"}, "", "", "", scratch / "test.csv", "", "", 0.2, 1});
    REQUIRE(two_files.examples.size() == 3);
    CHECK(two_files.has_own_split);
    CHECK_FALSE(two_files.examples[0].held_out);
    CHECK(two_files.examples[2].held_out);
    const Dataset by_column = load_dataset({scratch / "train.csv", "label", {"x"}, "", "", "side", {}, "", "", 0.2, 1});
    CHECK(by_column.examples[1].held_out);
    CHECK_FALSE(by_column.examples[0].held_out);
}
