// Auto-scaling of streams with auto_scale_enabled (auto_scaler.h), evaluated after every
// advance of the manual clock: scale up to ceil(n / 0.6) (capped by the maximum) when
// records were throttled in the last minute and the offered traffic exceeded 80% of the
// stream's bandwidth; scale down to max(ceil(n / 2), minimum) after ten minutes of traffic
// below 30%; each change recorded with auto_scale = true, within the scaling budget.
// Limits are scaled by 0.01 (10 records/s per COMMON partition) to keep the volumes small.
#include <string>
#include <vector>

#include "support/disd_test.h"

namespace disd::test {
namespace {

constexpr std::int64_t kMinuteMs = 60 * 1000;

class AutoScalingTest : public DisdTest {
 protected:
  ServerOptions Options() const override {
    return WithConfig({{"traffic_control_scale", 0.01},
                       {"scaling_ops_per_hour", 0},
                       {"scaling_cooldown_after_success", false}});
  }

  void CreateAutoScaling(const std::string& name, int partitions, int min, int max) {
    dis().CreateOk(name, partitions,
                   {{"auto_scale_enabled", true},
                    {"auto_scale_min_partition_count", min},
                    {"auto_scale_max_partition_count", max}});
  }

  // Offers `count` one-byte records spread over the partitions, 500 per request.
  void Offer(const std::string& name, int count) {
    while (count > 0) {
      const int n = std::min(count, 500);
      std::vector<Record> records(n, Plain("x"));
      ASSERT_TRUE(HasStatus(dis().PutRecords(name, records), 200));
      count -= n;
    }
  }

  int Writable(const std::string& name) {
    return dis().DescribeOk(name).value("writable_partition_count", -1);
  }

  json Log(const std::string& name) {
    DisResponse r = dis().Call("GET", dis().V2("/streams/" + name + "/update_partition_counts"));
    EXPECT_TRUE(HasStatus(r, 200));
    return r.doc.value("update_partition_counts", json::array());
  }

  void ExpectAutoEntry(const json& entry, int from, int to) {
    EXPECT_EQ(entry.value("src_partition_count", -1), from) << entry;
    EXPECT_EQ(entry.value("target_partition_count", -1), to) << entry;
    EXPECT_EQ(entry.value("auto_scale", false), true) << entry;
  }
};

TEST_F(AutoScalingTest, ThrottlingAboveEightyPercentScalesUpToCurrentOverPointSix) {
  CreateAutoScaling("s", 3, 1, 10);
  // Bandwidth: 3 partitions x 10 records/s x 60 s = 1800 records a minute; 1500 is 83%.
  Offer("s", 1500);
  dis().AdvanceClock(1000);
  EXPECT_EQ(Writable("s"), 5);  // ceil(3 / 0.6)
  json log = Log("s");
  ASSERT_EQ(log.size(), 1u) << log;
  ExpectAutoEntry(log[0], 3, 5);
  // One change per minute: the same minute's traffic does not scale it again.
  dis().AdvanceClock(1000);
  EXPECT_EQ(Writable("s"), 5);
}

TEST_F(AutoScalingTest, EightyPercentOrLessDoesNotScaleUp) {
  CreateAutoScaling("s", 3, 1, 10);
  Offer("s", 1440);  // exactly 80%, with throttling
  dis().AdvanceClock(1000);
  EXPECT_EQ(Writable("s"), 3);
  EXPECT_TRUE(Log("s").empty());
  // Traffic older than a minute no longer counts.
  dis().AdvanceClock(kMinuteMs);
  Offer("s", 100);
  dis().AdvanceClock(1000);
  EXPECT_EQ(Writable("s"), 3);
}

TEST_F(AutoScalingTest, ScaleUpStopsAtTheMaximum) {
  CreateAutoScaling("s", 3, 1, 4);
  Offer("s", 1500);
  dis().AdvanceClock(1000);
  EXPECT_EQ(Writable("s"), 4);
  ExpectAutoEntry(Log("s").at(0), 3, 4);
}

TEST_F(AutoScalingTest, StreamsWithoutAutoScalingAreLeftAlone) {
  dis().CreateOk("manual", 3);
  Offer("manual", 1500);
  dis().AdvanceClock(1000);
  EXPECT_EQ(Writable("manual"), 3);
}

TEST_F(AutoScalingTest, TenMinutesOfLowTrafficHalveThePartitionsDownToTheMinimum) {
  CreateAutoScaling("s", 4, 1, 10);
  dis().AdvanceClock(1000);  // the first low evaluation
  dis().AdvanceClock(10 * kMinuteMs - 1);
  EXPECT_EQ(Writable("s"), 4);
  dis().AdvanceClock(1);  // low for ten minutes
  EXPECT_EQ(Writable("s"), 2);
  ExpectAutoEntry(Log("s").at(0), 4, 2);
  // The count after a change starts a new ten minutes.
  dis().AdvanceClock(kMinuteMs);
  dis().AdvanceClock(10 * kMinuteMs - 1);
  EXPECT_EQ(Writable("s"), 2);
  dis().AdvanceClock(1);
  EXPECT_EQ(Writable("s"), 1);
  dis().AdvanceClock(60 * kMinuteMs);  // never below the minimum
  EXPECT_EQ(Writable("s"), 1);
  EXPECT_EQ(Log("s").size(), 2u);
}

TEST_F(AutoScalingTest, TrafficInterruptsTheLowPeriod) {
  CreateAutoScaling("s", 4, 2, 10);
  dis().AdvanceClock(1000);
  dis().AdvanceClock(5 * kMinuteMs);
  Offer("s", 1000);  // 1000 of 2400 a minute: 42%, not low
  dis().AdvanceClock(1000);
  dis().AdvanceClock(6 * kMinuteMs);  // low again from here
  EXPECT_EQ(Writable("s"), 4);
  dis().AdvanceClock(10 * kMinuteMs);
  EXPECT_EQ(Writable("s"), 2);
}

class AutoScalingBudgetTest : public AutoScalingTest {
 protected:
  ServerOptions Options() const override {
    return WithConfig({{"traffic_control_scale", 0.01}});  // default budget: cooldown 1 h
  }
};

TEST_F(AutoScalingBudgetTest, ChangesWaitForTheScalingBudget) {
  CreateAutoScaling("s", 3, 1, 10);
  Offer("s", 1500);
  dis().AdvanceClock(1000);
  ASSERT_EQ(Writable("s"), 5);
  dis().AdvanceClock(kMinuteMs);       // low from here on
  dis().AdvanceClock(20 * kMinuteMs);  // due, but the hour after a change is closed
  EXPECT_EQ(Writable("s"), 5);
  dis().AdvanceClock(40 * kMinuteMs);  // the hour has passed
  EXPECT_EQ(Writable("s"), 3);
  json log = Log("s");
  ASSERT_EQ(log.size(), 2u) << log;
}

}  // namespace
}  // namespace disd::test
