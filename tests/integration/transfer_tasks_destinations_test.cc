// Transfer tasks to MRS, DLI, DWS and CloudTable over HTTP (seed 004 5.5.7-5.5.10, seeds
// 000-002): the reference's example bodies succeed against the configured destinations,
// describe shows each descriptor with its defaults (never the DWS password), and every
// destination-specific error code of seed 004 7.1 is answered.
#include "integration/transfer_task_calls.h"
#include "support/disd_test.h"

namespace disd::test {
namespace {

using namespace tasks;  // NOLINT: the calls under test

class TransferTaskDestinationTest : public DisdTest {
 protected:
  ServerOptions Options() const override { return TaskServerOptions(); }
  void SetUp() override {
    DisdTest::SetUp();
    dis().CreateOk("s", 1);
  }
};

TEST_F(TransferTaskDestinationTest, Mrs) {
  ASSERT_TRUE(HasStatus(CreateTask(dis(), "s", MrsBody("mrstask")), 201));
  DisResponse d = DescribeTask(dis(), "s", "mrstask");
  ASSERT_TRUE(HasStatus(d, 200));
  EXPECT_EQ(d.doc["destination_type"], "MRS");
  const json& m = d.doc["mrs_destination_description"];
  EXPECT_EQ(m["mrs_cluster_name"], "mrscluster");
  EXPECT_EQ(m["mrs_hdfs_path"], "/user");
  EXPECT_EQ(m["retry_duration"], 1800);
  EXPECT_EQ(d.doc["mrs_destination_descripion"], m);  // the reference's spelling
  EXPECT_EQ(d.doc["mrs_destination_descriptor"], m);
  // The id alone names the cluster too; neither matching is DIS.4208.
  EXPECT_TRUE(
      HasStatus(CreateTask(dis(), "s", MrsBody("by_id", {{"mrs_cluster_name", "x"}})), 201));
  EXPECT_TRUE(IsDisError(
      CreateTask(dis(), "s", MrsBody("x", {{"mrs_cluster_name", "x"}, {"mrs_cluster_id", "y"}})),
      400, "DIS.4208"));
  EXPECT_TRUE(IsDisError(CreateTask(dis(), "s", MrsBody("x", {{"mrs_hdfs_path", nullptr}})), 400,
                         "DIS.4336"));
  EXPECT_TRUE(IsDisError(CreateTask(dis(), "s", MrsBody("x", {{"mrs_hdfs_path", "user"}})), 400,
                         "DIS.4336"));
  EXPECT_TRUE(IsDisError(CreateTask(dis(), "s", MrsBody("x", {{"obs_bucket_path", "nob"}})), 400,
                         "DIS.4306"));
}

TEST_F(TransferTaskDestinationTest, Dli) {
  ASSERT_TRUE(HasStatus(CreateTask(dis(), "s", DliBody("dlitask")), 201));
  DisResponse d = DescribeTask(dis(), "s", "dlitask");
  EXPECT_EQ(d.doc["destination_type"], "DLI");
  EXPECT_EQ(d.doc["dli_destination_description"]["dli_table_name"], "dlitablename");
  EXPECT_EQ(d.doc["dli_destination_description"]["retry_duration"], 300);
  EXPECT_TRUE(IsDisError(CreateTask(dis(), "s", DliBody("x", {{"dli_database_name", "nodb"}})), 400,
                         "DIS.4337"));
  EXPECT_TRUE(IsDisError(CreateTask(dis(), "s", DliBody("x", {{"dli_table_name", "notable"}})), 400,
                         "DIS.4338"));
  EXPECT_TRUE(
      IsDisError(CreateTask(dis(), "s", DliBody("x", {{"agency_name", "nope"}})), 400, "DIS.4335"));
}

TEST_F(TransferTaskDestinationTest, DwsPasswordIsNeverShown) {
  ASSERT_TRUE(HasStatus(CreateTask(dis(), "s", DwsBody("dwtask")), 201));
  DisResponse d = DescribeTask(dis(), "s", "dwtask");
  ASSERT_TRUE(HasStatus(d, 200));
  EXPECT_EQ(d.doc["destination_type"], "DWS");
  const json& w = d.doc["dws_destination_description"];
  EXPECT_EQ(w["dws_cluster_name"], "dwscluster");
  EXPECT_EQ(w["dws_delimiter"], ",");  // the example's "" means the default
  EXPECT_EQ(w["kms_user_key_name"], "kmskey");
  EXPECT_EQ(w["options"]["fill_missing_fields"], "false");
  EXPECT_FALSE(w.contains("user_password"));
  EXPECT_FALSE(w.contains("user_password_encrypted"));
  EXPECT_EQ(d.body.find("userpassword"), std::string::npos);
  EXPECT_EQ(ListTasks(dis(), "s").body.find("userpassword"), std::string::npos);
  EXPECT_EQ(server().LogTail(1 << 20).find("userpassword"), std::string::npos);
}

TEST_F(TransferTaskDestinationTest, DwsErrors) {
  EXPECT_TRUE(IsDisError(
      CreateTask(dis(), "s", DwsBody("x", {{"dws_cluster_name", "x"}, {"dws_cluster_id", "y"}})),
      400, "DIS.4350"));
  EXPECT_TRUE(IsDisError(
      CreateTask(dis(), "s", DwsBody("x", {{"kms_user_key_name", "x"}, {"kms_user_key_id", "y"}})),
      400, "DIS.4351"));
  EXPECT_TRUE(IsDisError(CreateTask(dis(), "s", DwsBody("x", {{"user_password", nullptr}})), 400,
                         "DIS.4200"));
  EXPECT_TRUE(
      IsDisError(CreateTask(dis(), "s", DwsBody("x", {{"dws_delimiter", "#"}})), 400, "DIS.4200"));
  EXPECT_TRUE(IsDisError(CreateTask(dis(), "s", DwsBody("x", {{"obs_bucket_path", "nob"}})), 400,
                         "DIS.4306"));
}

TEST_F(TransferTaskDestinationTest, CloudTableHBaseAndOpenTsdb) {
  ASSERT_TRUE(HasStatus(CreateTask(dis(), "s", HBaseBody("hbasetask")), 201));
  ASSERT_TRUE(HasStatus(CreateTask(dis(), "s", OpenTsdbBody("opentsdbtask")), 201));
  DisResponse d = DescribeTask(dis(), "s", "hbasetask");
  EXPECT_EQ(d.doc["destination_type"], "CLOUDTABLE");
  const json& c = d.doc["cloudtable_destination_description"];
  EXPECT_EQ(c["cloudtable_table_name"], "cloudtabletable");
  EXPECT_EQ(c["cloudtable_row_key_delimiter"], "|");
  EXPECT_EQ(c["obs_backup_bucket_path"], "obsbackupbucket");
  EXPECT_EQ(c["cloudtable_schema"]["columns"].size(), 2u);
  EXPECT_TRUE(DescribeTask(dis(), "s", "opentsdbtask")
                  .doc["cloudtable_destination_description"]
                  .contains("opentsdb_schema"));

  EXPECT_TRUE(IsDisError(CreateTask(dis(), "s",
                                    HBaseBody("x", {{"cloudtable_cluster_name", "x"},
                                                    {"cloudtable_cluster_id", "y"}})),
                         400, "DIS.4341"));
  json bad_columns = HBaseBody("x");
  bad_columns["cloudtable_destination_descriptor"]["cloudtable_schema"]["columns"][0]
             ["column_name"] = "has space";
  EXPECT_TRUE(IsDisError(CreateTask(dis(), "s", bad_columns), 400, "DIS.4345"));
  EXPECT_TRUE(IsDisError(CreateTask(dis(), "s", HBaseBody("x", {{"cloudtable_schema", nullptr}})),
                         400, "DIS.4345"));
  json bad_tsdb = OpenTsdbBody("x");
  bad_tsdb["cloudtable_destination_descriptor"]["opentsdb_schema"][0]["timestamp"].erase("format");
  EXPECT_TRUE(IsDisError(CreateTask(dis(), "s", bad_tsdb), 400, "DIS.4348"));
  EXPECT_TRUE(
      IsDisError(CreateTask(dis(), "s", HBaseBody("x", {{"obs_backup_bucket_path", "nob"}})), 400,
                 "DIS.4306"));
}

}  // namespace
}  // namespace disd::test
