// SPDX-License-Identifier: GPL-3.0-or-later
// A tagger's scores, worked by hand on four examples: per tag precision, recall, F1 and
// average precision, micro- and macro-F1, exact sets, the baselines, and an example
// without a prediction scored as naming no tag; each example's answer kept.
#include <catch2/catch.hpp>

#include "ml/tagging_report.hpp"
#include "timbre/error.hpp"

using namespace timbre::host;

TEST_CASE("tagging scores count every tag decision and rank each tag's examples", "[ml]") {
    const std::vector<std::vector<std::string>> truth{{"a", "b"}, {"a"}, {"b"}, {"c"}};
    const std::vector<std::optional<std::map<std::string, double>>> presence{
        std::map<std::string, double>{{"a", 0.9}, {"b", 0.6}, {"c", 0.1}},
        std::map<std::string, double>{{"a", 0.8}, {"b", 0.7}, {"c", 0.2}},
        std::map<std::string, double>{{"a", 0.2}, {"b", 0.4}, {"c", 0.3}},
        std::nullopt};
    const TaggingReport report = score_tags(truth, presence);
    REQUIRE(report.tags.size() == 3);
    CHECK(report.examples == 4);
    CHECK(report.failed == 1);
    CHECK(report.tags[0].f1 == Approx(1.0));
    CHECK(report.tags[0].average_precision == Approx(1.0));
    CHECK(report.tags[1].precision == Approx(0.5));
    CHECK(report.tags[1].recall == Approx(0.5));
    CHECK(report.tags[1].average_precision == Approx((1.0 / 2 + 2.0 / 3) / 2));
    CHECK(report.tags[2].predicted == 0);
    CHECK(report.tags[2].average_precision == Approx(0.25));  // the failed example ranks last
    CHECK(report.micro_f1 == Approx(6.0 / 9.0));
    CHECK(report.micro_f1_interval.low < report.micro_f1);
    CHECK(report.micro_f1_interval.high > report.micro_f1);
    CHECK(report.macro_f1 == Approx(0.5));
    CHECK(report.mean_average_precision == Approx((1.0 + 7.0 / 12 + 0.25) / 3));
    CHECK(report.exact_sets == Approx(0.25));
    CHECK(report.mean_tags == Approx(1.25));
    CHECK(report.mean_predicted == Approx(1.0));
    CHECK(report.every_tag_micro_f1 == Approx(10.0 / 17.0));
    CHECK(report.chance_mean_average_precision == Approx((0.5 + 0.5 + 0.25) / 3));
    REQUIRE(report.answers.size() == 4);
    CHECK(report.answers[0].predicted == std::vector<std::string>{"a", "b"});
    CHECK(report.answers[1].truth == std::vector<std::string>{"a"});
    CHECK(report.answers[1].predicted == std::vector<std::string>{"a", "b"});
    CHECK(report.answers[3].predicted.empty());
    const std::vector<std::size_t> every_example{0, 1, 2, 3}, first_twice{0, 0};
    std::vector<TagDecisions> decisions;
    for (const auto& answer : report.answers) {
        decisions.push_back(decisions_of(answer));
    }
    CHECK(micro_f1(decisions, every_example) == Approx(report.micro_f1));
    CHECK(micro_f1(decisions, first_twice) == Approx(1.0));
}

TEST_CASE("a probability outside 0 to 1 is refused naming its tag", "[ml]") {
    CHECK_THROWS_WITH(score_tags({{"a"}}, {std::map<std::string, double>{{"a", 1.5}}}),
                      Catch::Contains("tag 'a'") && Catch::Contains("not a number from 0 to 1"));
    CHECK_THROWS_AS(score_tags({}, {}), timbre::Error);
}
