// Stream and partition monitoring (seed 004 5.6; metrics_service.h) over HTTP: the figures
// equal exactly what the test wrote and read, minute by minute on the manual clock (empty
// minutes as zero points), after a graceful restart and, for finished minutes, after a
// kill -9; traffic-control refusals are counted; every documented error.
#include <string>
#include <vector>

#include "support/disd_test.h"

namespace disd::test {
namespace {

constexpr std::int64_t kMinuteMs = 60000;
// A fixed start on a minute boundary, so a restarted server's clock can be brought back to
// the same instant.
constexpr std::int64_t kStartMs = 1'700'000'040'000;
static_assert(kStartMs % kMinuteMs == 0);

ServerOptions FixedClock(const json& streams = json::object()) {
  json config = {{"clock", {{"start_ms", kStartMs}}}};
  if (!streams.empty()) config["streams"] = streams;
  ServerOptions options;
  options.config = config.dump();
  return options;
}

std::string Seconds(std::int64_t ms) { return std::to_string(ms / 1000); }

class MetricsTest : public DisdTest {
 protected:
  ServerOptions Options() const override { return FixedClock(); }

  DisResponse StreamMetrics(const std::string& stream, const Query& query) {
    return dis().Call("GET", dis().V2("/streams/" + stream + "/metrics") + BuildQuery(query));
  }
  DisResponse PartitionMetrics(const std::string& stream, const std::string& partition,
                               const Query& query) {
    return dis().Call("GET",
                      dis().V2("/streams/" + stream + "/partitions/" + partition + "/metrics") +
                          BuildQuery(query));
  }
  // The values of one label from minute `first` (ms) for `minutes` minutes; checks the
  // answer's shape and timestamps.
  std::vector<std::int64_t> Values(const DisResponse& r, const std::string& label,
                                   std::int64_t first, int minutes) {
    std::vector<std::int64_t> values;
    if (!HasStatus(r, 200)) return values;
    const json& metrics = r.doc["metrics"];
    EXPECT_EQ(metrics.value("label", ""), label) << r.body;
    const json& points = metrics["dataPoints"];
    EXPECT_EQ(points.size(), static_cast<std::size_t>(minutes)) << r.body;
    for (std::size_t i = 0; i < points.size(); ++i) {
      EXPECT_EQ(points[i]["timestamp"], first + static_cast<std::int64_t>(i) * kMinuteMs) << r.body;
      values.push_back(points[i]["value"].get<std::int64_t>());
    }
    return values;
  }
  std::vector<std::int64_t> StreamSeries(const std::string& stream, const std::string& label,
                                         std::int64_t first, int minutes) {
    return Values(
        StreamMetrics(stream, {{"label", label},
                               {"start_time", Seconds(first)},
                               {"end_time", Seconds(first + minutes * kMinuteMs - 1000)}}),
        label, first, minutes);
  }
  std::vector<std::int64_t> PartitionSeries(const std::string& stream, const std::string& partition,
                                            const std::string& label, std::int64_t first,
                                            int minutes) {
    return Values(PartitionMetrics(stream, partition,
                                   {{"label", label},
                                    {"start_time", Seconds(first)},
                                    {"end_time", Seconds(first + minutes * kMinuteMs - 1000)}}),
                  label, first, minutes);
  }
};

using V = std::vector<std::int64_t>;

TEST_F(MetricsTest, FiguresEqualWhatWasWrittenAndReadMinuteByMinute) {
  dis().CreateOk("m", 2);
  // Minute 0: two PutRecords calls (three records of 10, 20, 30 bytes to partition 0 and two
  // of 5 bytes to partition 1).
  dis().PutOk("m", {ToPartition(std::string(10, 'a'), "0"), ToPartition(std::string(20, 'b'), "0"),
                    ToPartition(std::string(30, 'c'), "0")});
  dis().PutOk("m", {ToPartition("12345", "1"), ToPartition("67890", "1")});
  // Minute 1: one GetRecords of partition 0 returning its three records (60 bytes).
  dis().AdvanceClock(kMinuteMs);
  const std::string cursor = dis().Cursor("m", "0", "TRIM_HORIZON");
  DisResponse got = dis().GetRecords(cursor);
  ASSERT_TRUE(HasStatus(got, 200));
  ASSERT_EQ(ParseRecords(got).size(), 3u);
  // Minute 2: nothing. Minute 3: one record of 7 bytes to partition 1.
  dis().AdvanceClock(2 * kMinuteMs);
  dis().PutOk("m", {ToPartition("seven!!", "1")});

  EXPECT_EQ(StreamSeries("m", "total_put_bytes_per_stream", kStartMs, 4), (V{70, 0, 0, 7}));
  EXPECT_EQ(StreamSeries("m", "total_put_records_per_stream", kStartMs, 4), (V{5, 0, 0, 1}));
  EXPECT_EQ(StreamSeries("m", "total_put_req_suc_per_stream", kStartMs, 4), (V{2, 0, 0, 1}));
  EXPECT_EQ(StreamSeries("m", "total_get_bytes_per_stream", kStartMs, 4), (V{0, 60, 0, 0}));
  EXPECT_EQ(StreamSeries("m", "total_get_records_per_stream", kStartMs, 4), (V{0, 3, 0, 0}));
  EXPECT_EQ(StreamSeries("m", "total_get_req_suc_per_stream", kStartMs, 4), (V{0, 1, 0, 0}));
  EXPECT_EQ(StreamSeries("m", "traffic_control_put", kStartMs, 4), (V{0, 0, 0, 0}));
  EXPECT_EQ(StreamSeries("m", "traffic_control_get", kStartMs, 4), (V{0, 0, 0, 0}));
  // Latencies are real durations: non-negative where there were requests, 0 elsewhere.
  const V put_latency = StreamSeries("m", "total_put_req_latency", kStartMs, 4);
  ASSERT_EQ(put_latency.size(), 4u);
  EXPECT_GE(put_latency[0], 0);
  EXPECT_EQ(put_latency[1], 0);
  EXPECT_EQ(put_latency[2], 0);
  const V get_latency = StreamSeries("m", "total_get_req_latency", kStartMs, 4);
  ASSERT_EQ(get_latency.size(), 4u);
  EXPECT_EQ(get_latency[0], 0);
  EXPECT_GE(get_latency[1], 0);

  EXPECT_EQ(PartitionSeries("m", "0", "total_put_bytes_per_partition", kStartMs, 4),
            (V{60, 0, 0, 0}));
  EXPECT_EQ(
      PartitionSeries("m", "shardId-0000000000", "total_get_records_per_partition", kStartMs, 4),
      (V{0, 3, 0, 0}));
  EXPECT_EQ(PartitionSeries("m", "0", "total_get_bytes_per_partition", kStartMs, 4),
            (V{0, 60, 0, 0}));
  EXPECT_EQ(PartitionSeries("m", "1", "total_put_records_per_partition", kStartMs, 4),
            (V{2, 0, 0, 1}));
  EXPECT_EQ(
      PartitionSeries("m", "shardId-0000000001", "total_put_bytes_per_partition", kStartMs, 4),
      (V{10, 0, 0, 7}));
  EXPECT_EQ(PartitionSeries("m", "1", "total_get_bytes_per_partition", kStartMs, 4),
            (V{0, 0, 0, 0}));
}

TEST_F(MetricsTest, LabelListAnswersAListInOrderAndWinsOverLabel) {
  dis().CreateOk("m", 1);
  dis().PutOk("m", {ToPartition("abc", "0")});
  DisResponse r =
      StreamMetrics("m", {{"label", "traffic_control_get"},
                          {"label_list", "total_put_records_per_stream,total_put_bytes_per_stream"},
                          {"start_time", Seconds(kStartMs)},
                          {"end_time", Seconds(kStartMs)}});
  ASSERT_TRUE(HasStatus(r, 200));
  EXPECT_FALSE(r.doc.contains("metrics")) << r.body;
  const json& list = r.doc["metrics_list"];
  ASSERT_EQ(list.size(), 2u) << r.body;
  EXPECT_EQ(list[0]["label"], "total_put_records_per_stream");
  EXPECT_EQ(list[0]["dataPoints"],
            json::parse(R"([{"timestamp":)" + std::to_string(kStartMs) + R"(,"value":1}])"));
  EXPECT_EQ(list[1]["label"], "total_put_bytes_per_stream");
  EXPECT_EQ(list[1]["dataPoints"][0]["value"], 3);
  r = PartitionMetrics("m", "0",
                       {{"label_list", "total_put_bytes_per_partition"},
                        {"start_time", Seconds(kStartMs)},
                        {"end_time", Seconds(kStartMs)}});
  ASSERT_TRUE(HasStatus(r, 200));
  EXPECT_EQ(r.doc["metrics_list"][0]["dataPoints"][0]["value"], 3) << r.body;
}

TEST_F(MetricsTest, PointsStopAtTheCurrentMinute) {
  dis().CreateOk("m", 1);
  dis().AdvanceClock(90 * 1000);  // 1.5 minutes in
  DisResponse r = StreamMetrics("m", {{"label", "total_put_bytes_per_stream"},
                                      {"start_time", Seconds(kStartMs)},
                                      {"end_time", Seconds(kStartMs + 3600 * 1000)}});
  EXPECT_EQ(Values(r, "total_put_bytes_per_stream", kStartMs, 2), (V{0, 0}));
}

TEST_F(MetricsTest, FiguresSurviveAGracefulRestartExactly) {
  dis().CreateOk("m", 1);
  dis().PutOk("m", {ToPartition("aaaa", "0")});
  dis().AdvanceClock(kMinuteMs);  // minute 0 finishes (and is flushed by the maintenance)
  dis().PutOk("m", {ToPartition("bb", "0"), ToPartition("cc", "0")});  // minute 1, in progress
  ASSERT_TRUE(RestartServer());
  dis().AdvanceClock(kMinuteMs + 30 * 1000);  // back to where the clock was, and on
  EXPECT_EQ(StreamSeries("m", "total_put_bytes_per_stream", kStartMs, 2), (V{4, 4}));
  // The minute in progress goes on adding to what was saved at shutdown.
  dis().PutOk("m", {ToPartition("d", "0")});
  EXPECT_EQ(StreamSeries("m", "total_put_records_per_stream", kStartMs, 2), (V{1, 3}));
  EXPECT_EQ(StreamSeries("m", "total_put_req_suc_per_stream", kStartMs, 2), (V{1, 2}));
  ASSERT_TRUE(RestartServer());
  dis().AdvanceClock(2 * kMinuteMs);
  EXPECT_EQ(StreamSeries("m", "total_put_records_per_stream", kStartMs, 3), (V{1, 3, 0}));
}

TEST_F(MetricsTest, AKillLosesOnlyTheMinuteInProgress) {
  dis().CreateOk("m", 1);
  dis().PutOk("m", {ToPartition("aaaa", "0")});
  dis().AdvanceClock(kMinuteMs);  // minute 0 is flushed by this advance's maintenance
  dis().PutOk("m", {ToPartition("bb", "0")});
  ASSERT_TRUE(RestartServer(/*crash=*/true));
  dis().AdvanceClock(kMinuteMs);
  EXPECT_EQ(StreamSeries("m", "total_put_bytes_per_stream", kStartMs, 2), (V{4, 0}));
}

TEST_F(MetricsTest, ARecreatedStreamStartsFromZero) {
  dis().CreateOk("m", 1);
  dis().PutOk("m", {ToPartition("aaaa", "0")});
  ASSERT_TRUE(HasStatus(dis().DeleteStream("m"), 204));
  dis().CreateOk("m", 1);
  EXPECT_EQ(StreamSeries("m", "total_put_bytes_per_stream", kStartMs, 1), (V{0}));
}

class MetricsTrafficControlTest : public MetricsTest {
 protected:
  // COMMON partitions at 1/1000 of the real rates: 1 record/s written, ~2 KiB/s read.
  ServerOptions Options() const override { return FixedClock({{"traffic_control_scale", 0.001}}); }
};

TEST_F(MetricsTrafficControlTest, RefusalsAreCountedPerRequest) {
  dis().CreateOk("m", 1);
  // One request of three records: one admitted, two refused (one throttled request, still a
  // successful call).
  DisResponse r = dis().PutRecords("m", {ToPartition(std::string(1000, 'x'), "0"),
                                         ToPartition("y", "0"), ToPartition("z", "0")});
  ASSERT_TRUE(HasStatus(r, 200));
  ASSERT_EQ(r.doc.value("failed_record_count", -1), 2) << r.body;
  for (int i = 0; i < 2; ++i) {
    dis().AdvanceClock(1000);
    ASSERT_EQ(dis()
                  .PutRecords("m", {ToPartition(std::string(1000, 'x'), "0")})
                  .doc.value("failed_record_count", -1),
              0);
  }
  // Reading 3000 bytes spends more than the read budget; the next read is refused.
  const std::string cursor = dis().Cursor("m", "0", "TRIM_HORIZON");
  ASSERT_EQ(ParseRecords(dis().GetRecords(cursor)).size(), 3u);
  EXPECT_TRUE(IsDisError(dis().GetRecords(cursor), 400, "DIS.4303"));
  EXPECT_EQ(StreamSeries("m", "traffic_control_put", kStartMs, 1), (V{1}));
  EXPECT_EQ(StreamSeries("m", "total_put_req_suc_per_stream", kStartMs, 1), (V{3}));
  EXPECT_EQ(StreamSeries("m", "total_put_records_per_stream", kStartMs, 1), (V{3}));
  EXPECT_EQ(StreamSeries("m", "traffic_control_get", kStartMs, 1), (V{1}));
  EXPECT_EQ(StreamSeries("m", "total_get_req_suc_per_stream", kStartMs, 1), (V{1}));
}

TEST_F(MetricsTest, EveryDocumentedError) {
  dis().CreateOk("m", 2);
  dis().AdvanceClock(8 * kDayMs);  // so that "older than 7 days" is still after the start
  const std::int64_t now = dis().Now();
  const std::string end = Seconds(now);
  const std::string start = Seconds(now - kHourMs);
  auto stream = [&](Query q) { return StreamMetrics("m", q); };
  // DIS.4209: no label, an unknown one, a partition label on the stream, a bad list entry.
  EXPECT_TRUE(IsDisError(stream({{"start_time", start}, {"end_time", end}}), 400, "DIS.4209"));
  EXPECT_TRUE(IsDisError(stream({{"label", "bytes"}, {"start_time", start}, {"end_time", end}}),
                         400, "DIS.4209"));
  EXPECT_TRUE(IsDisError(
      stream(
          {{"label", "total_put_bytes_per_partition"}, {"start_time", start}, {"end_time", end}}),
      400, "DIS.4209"));
  EXPECT_TRUE(IsDisError(stream({{"label_list", "total_put_bytes_per_stream,nope"},
                                 {"start_time", start},
                                 {"end_time", end}}),
                         400, "DIS.4209"));
  EXPECT_TRUE(IsDisError(
      PartitionMetrics(
          "m", "0", {{"label", "total_put_req_latency"}, {"start_time", start}, {"end_time", end}}),
      400, "DIS.4209"));
  // DIS.4203: missing, malformed (milliseconds, text) or reversed times.
  const std::string label = "total_put_bytes_per_stream";
  EXPECT_TRUE(IsDisError(stream({{"label", label}, {"end_time", end}}), 400, "DIS.4203"));
  EXPECT_TRUE(IsDisError(stream({{"label", label}, {"start_time", start}}), 400, "DIS.4203"));
  EXPECT_TRUE(
      IsDisError(stream({{"label", label}, {"start_time", start + "000"}, {"end_time", end}}), 400,
                 "DIS.4203"));
  EXPECT_TRUE(
      IsDisError(stream({{"label", label}, {"start_time", "yesterday!"}, {"end_time", end}}), 400,
                 "DIS.4203"));
  EXPECT_TRUE(IsDisError(stream({{"label", label}, {"start_time", end}, {"end_time", start}}), 400,
                         "DIS.4203"));
  // DIS.4204: longer than 7 days, or starting before the last 7 days.
  EXPECT_TRUE(IsDisError(
      stream(
          {{"label", label}, {"start_time", Seconds(now - 7 * kDayMs - 60000)}, {"end_time", end}}),
      400, "DIS.4204"));
  EXPECT_TRUE(IsDisError(stream({{"label", label},
                                 {"start_time", Seconds(now - 7 * kDayMs - 120000)},
                                 {"end_time", Seconds(now - 6 * kDayMs)}}),
                         400, "DIS.4204"));
  DisResponse week = stream({{"label", label},
                             {"start_time", Seconds(now / kMinuteMs * kMinuteMs - 7 * kDayMs)},
                             {"end_time", end}});
  ASSERT_TRUE(HasStatus(week, 200));
  EXPECT_EQ(week.doc["metrics"]["dataPoints"].size(), 7u * 24 * 60 + 1);
  // DIS.4301 on both endpoints; DIS.4302 and DIS.4201 for partitions.
  const Query ok = {{"label", label}, {"start_time", start}, {"end_time", end}};
  EXPECT_TRUE(IsDisError(StreamMetrics("nope", ok), 400, "DIS.4301"));
  const Query ok_partition = {
      {"label", "total_put_bytes_per_partition"}, {"start_time", start}, {"end_time", end}};
  EXPECT_TRUE(IsDisError(PartitionMetrics("nope", "0", ok_partition), 400, "DIS.4301"));
  EXPECT_TRUE(IsDisError(PartitionMetrics("m", "2", ok_partition), 400, "DIS.4302"));
  EXPECT_TRUE(
      IsDisError(PartitionMetrics("m", "shardId-0000000009", ok_partition), 400, "DIS.4302"));
  EXPECT_TRUE(IsDisError(PartitionMetrics("m", "first", ok_partition), 400, "DIS.4201"));
  // Another project's stream of the same name is not visible.
  EXPECT_TRUE(IsDisError(MakeClient(kOtherProject)
                             ->Call("GET", "/v2/" + std::string(kOtherProject) +
                                               "/streams/m/metrics" + BuildQuery(ok)),
                         400, "DIS.4301"));
}

}  // namespace
}  // namespace disd::test
