// The local-directory object store: buckets are directories, Put replaces atomically
// (temporary file + rename; no temporary is ever listed), keys cannot escape the bucket.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <thread>
#include <vector>

#include "disd/dump/object_store.h"
#include "dump/object_stores.h"

namespace disd::dump {
namespace {

namespace fs = std::filesystem;

class LocalObjectStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::temp_directory_path() /
            ("disd-local-store-" + std::to_string(::getpid()) + "-" +
             ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(root_);
    ObjectStoreConfig config;
    config.kind = ObjectStoreKind::kLocal;
    config.root_dir = "stores/local";  // relative: under the data dir
    auto store = MakeObjectStore(config, root_.string(), clock_);
    ASSERT_TRUE(store.ok());
    store_ = std::move(*store);
    bucket_dir_ = root_ / "stores/local/b";
  }
  void TearDown() override { fs::remove_all(root_); }

  ManualClock clock_{0};
  fs::path root_;
  fs::path bucket_dir_;
  std::unique_ptr<ObjectStore> store_;
};

TEST_F(LocalObjectStoreTest, BucketsAreDirectoriesUnderTheDataDir) {
  EXPECT_FALSE(*store_->BucketExists("b"));
  EXPECT_EQ(store_->Put("b", "k", "x", "text/plain").code(), ErrorCode::kBucketNotFound);
  EXPECT_EQ(store_->Get("b", "k").error().code, ErrorCode::kBucketNotFound);
  EXPECT_EQ(store_->List("b", "").error().code, ErrorCode::kBucketNotFound);
  ASSERT_TRUE(store_->CreateBucket("b").ok());
  ASSERT_TRUE(store_->CreateBucket("b").ok());  // idempotent
  EXPECT_TRUE(*store_->BucketExists("b"));
  EXPECT_TRUE(fs::is_directory(bucket_dir_));
  EXPECT_FALSE(*store_->BucketExists("../b"));
}

TEST_F(LocalObjectStoreTest, PutGetListRoundTrip) {
  ASSERT_TRUE(store_->CreateBucket("b").ok());
  ASSERT_TRUE(store_->Put("b", "dir/2017/11/s_0_0_9.txt", "hello", "text/plain").ok());
  ASSERT_TRUE(store_->Put("b", "dir/a b+c=d&\xC3\xA9~.txt", std::string("\0\1\2", 3), "").ok());
  ASSERT_TRUE(store_->Put("b", "top", "t", "").ok());
  EXPECT_EQ(**store_->Get("b", "dir/2017/11/s_0_0_9.txt"), "hello");
  EXPECT_EQ(**store_->Get("b", "dir/a b+c=d&\xC3\xA9~.txt"), std::string("\0\1\2", 3));
  EXPECT_FALSE(store_->Get("b", "dir/missing")->has_value());
  EXPECT_FALSE(store_->Get("b", "dir")->has_value());  // a directory is no object
  std::ifstream on_disk(bucket_dir_ / "dir/2017/11/s_0_0_9.txt");
  std::string content((std::istreambuf_iterator<char>(on_disk)), {});
  EXPECT_EQ(content, "hello");

  EXPECT_EQ(*store_->List("b", ""), (std::vector<std::string>{"dir/2017/11/s_0_0_9.txt",
                                                              "dir/a b+c=d&\xC3\xA9~.txt", "top"}));
  EXPECT_EQ(*store_->List("b", "dir/2"), (std::vector<std::string>{"dir/2017/11/s_0_0_9.txt"}));
  EXPECT_TRUE(store_->List("b", "nothing")->empty());
}

TEST_F(LocalObjectStoreTest, PutReplacesAtomicallyAndLeavesNoTemporaries) {
  ASSERT_TRUE(store_->CreateBucket("b").ok());
  const std::string a(1 << 20, 'a');
  const std::string b(2 << 20, 'b');
  ASSERT_TRUE(store_->Put("b", "k", a, "").ok());
  // A reader racing the writers sees a whole old or a whole new object, never a mix.
  std::atomic<bool> done{false};
  std::thread writer([&] {
    for (int i = 0; i < 20; ++i) ASSERT_TRUE(store_->Put("b", "k", i % 2 ? a : b, "").ok());
    done = true;
  });
  int reads = 0;
  while (!done || reads == 0) {
    auto got = store_->Get("b", "k");
    ASSERT_TRUE(got.ok() && got->has_value());
    ASSERT_TRUE(**got == a || **got == b) << "size " << (*got)->size();
    ++reads;
  }
  writer.join();
  EXPECT_EQ(**store_->Get("b", "k"), a);
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(bucket_dir_)) {
    names.push_back(entry.path().filename().string());
  }
  EXPECT_EQ(names, std::vector<std::string>{"k"});
}

TEST_F(LocalObjectStoreTest, UnfinishedTemporariesAreNeverListed) {
  ASSERT_TRUE(store_->CreateBucket("b").ok());
  std::ofstream(bucket_dir_ / ".disd-tmp-1-2") << "half";
  ASSERT_TRUE(store_->Put("b", "k", "v", "").ok());
  EXPECT_EQ(*store_->List("b", ""), std::vector<std::string>{"k"});
}

TEST_F(LocalObjectStoreTest, KeysCannotEscapeTheBucket) {
  ASSERT_TRUE(store_->CreateBucket("b").ok());
  for (const char* key : {"", "/abs", "../x", "a/../../x", "a//b", "a/./b", "a/", ".", "..",
                          ".disd-tmp-x", "d/.disd-tmp-1"}) {
    EXPECT_EQ(store_->Put("b", key, "x", "").code(), ErrorCode::kInvalidRequest) << key;
    EXPECT_TRUE(ValidateLocalKey(key).code() == ErrorCode::kInvalidRequest) << key;
  }
  EXPECT_FALSE(fs::exists(root_ / "stores/local/x"));
  EXPECT_TRUE(ValidateLocalKey("a/b.c/..d/e..").ok());
}

}  // namespace
}  // namespace disd::dump
