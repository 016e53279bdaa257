#include "disd/common/error_table.h"

#include <array>
#include <cstddef>

namespace disd {
namespace {

using E = ErrorCode;

// Rows in enum order; a unit test checks that row i describes enum value i.
// Messages are the seed's (004 section 7.1) where it gives one.
constexpr std::array kErrors = {
    ErrorInfo{E::kAuthFailed, 441, "DIS.4100", "Authentication failed. %s"},
    ErrorInfo{E::kEmptySdkDate, 441, "DIS.4101", "Empty X-Sdk-Date header."},
    ErrorInfo{E::kInvalidSdkDate, 441, "DIS.4102", "Invalid X-Sdk-Date header. %s"},
    ErrorInfo{E::kEmptyAuthorization, 441, "DIS.4103", "Empty Authorization header."},
    ErrorInfo{E::kUnknownAccessKey, 441, "DIS.4104", "Invalid access key. %s"},
    ErrorInfo{E::kSignatureMismatch, 441, "DIS.4106", "Signature does not match. %s"},
    ErrorInfo{E::kInvalidToken, 441, "DIS.4110", "Invalid token. %s"},
    ErrorInfo{E::kInvalidRbac, 403, "DIS.4116", "Invalid RBAC. %s"},
    ErrorInfo{E::kInvalidProjectId, 400, "DIS.4117", "Invalid Project Id. %s"},

    ErrorInfo{E::kInvalidRequest, 400, "DIS.4200", "Invalid request. %s"},
    ErrorInfo{E::kInvalidPartitionId, 400, "DIS.4201", "Invalid partition_id. %s"},
    ErrorInfo{E::kEmptyRequest, 400, "DIS.4202", "Empty request."},
    ErrorInfo{E::kInvalidMonitoringPeriod, 400, "DIS.4203", "Invalid monitoring period. %s"},
    ErrorInfo{E::kMonitoringPeriodTooLong, 400, "DIS.4204",
              "The monitoring period cannot be longer than 7 days."},
    ErrorInfo{E::kStreamNotRunning, 400, "DIS.4205", "Stream is not running."},
    ErrorInfo{E::kInvalidMrsCluster, 400, "DIS.4208", "Mrs cluster is invalid. %s"},
    ErrorInfo{E::kInvalidMetricsLabel, 400, "DIS.4209", "Invalid metrics label. %s"},
    ErrorInfo{E::kInvalidCursorType, 400, "DIS.4215", "Invalid cursor type. %s"},
    ErrorInfo{E::kInvalidSequenceNumber, 400, "DIS.4216", "Invalid sequence_number. %s"},
    ErrorInfo{E::kInvalidCursor, 400, "DIS.4217", "Invalid partition cursor. %s"},
    ErrorInfo{E::kSequenceNumberOutOfRange, 400, "DIS.4224", "Sequence_number out of range. %s"},
    ErrorInfo{E::kExpiredCursor, 400, "DIS.4225", "Expired partition cursor. %s"},
    ErrorInfo{E::kRecordExpired, 400, "DIS.4226",
              "A partition iterator error occurred or a record to which the SN corresponds has "
              "expired. Try to obtain the partition iterator again."},
    ErrorInfo{E::kRequestError, 400, "DIS.4300", "Request error. %s"},
    ErrorInfo{E::kStreamNotFound, 400, "DIS.4301", "The stream does not exist. %s"},
    ErrorInfo{E::kPartitionNotFound, 400, "DIS.4302", "Partition does not exist. %s"},
    ErrorInfo{E::kTrafficControl, 400, "DIS.4303", "Exceeded traffic control limit."},
    ErrorInfo{E::kTooManyRequests, 429, "DIS.4305", "Too many stream requests."},
    ErrorInfo{E::kBucketNotFound, 400, "DIS.4306", "Bucket does not exist. %s"},
    ErrorInfo{E::kStreamExists, 400, "DIS.4307", "The stream already exists."},
    ErrorInfo{E::kInsufficientQuota, 400, "DIS.4308", "Insufficient quota."},
    ErrorInfo{E::kTooManyFailures, 400, "DIS.4309",
              "Too many request failures. Please try again later."},
    ErrorInfo{E::kObsAccessError, 400, "DIS.4310", "OBS access error."},
    ErrorInfo{E::kPartitionExpired, 400, "DIS.4319", "Partition is expired. %s"},
    // The seed has no code of its own for "scaled too often"; DIS answers it as an invalid
    // request, so the detail names the budget.
    ErrorInfo{E::kScalingRateExceeded, 400, "DIS.4200", "Invalid request. %s"},
    ErrorInfo{E::kAppQuotaExceeded, 400, "DIS.4329", "app quota exceeded."},
    ErrorInfo{E::kAppExists, 400, "DIS.4330", "app already exist."},
    ErrorInfo{E::kAppInUse, 400, "DIS.4331", "app is using."},
    ErrorInfo{E::kAppNotFound, 400, "DIS.4332", "app not found."},
    ErrorInfo{E::kInvalidAgency, 400, "DIS.4335", "Invalid IAM agency."},
    ErrorInfo{E::kInvalidHdfsPath, 400, "DIS.4336", "Invalid HDFS path."},
    ErrorInfo{E::kDliDatabaseNotFound, 400, "DIS.4337", "The DLI database does not exist."},
    ErrorInfo{E::kDliTableNotFound, 400, "DIS.4338", "The DLI table does not exist."},
    ErrorInfo{E::kConsumerQuotaExceeded, 400, "DIS.4339", "Consumer quota exceeded."},
    ErrorInfo{E::kCloudTableClusterNotFound, 400, "DIS.4341",
              "The CloudTable cluster does not exist."},
    ErrorInfo{E::kCloudTableTableNotFound, 400, "DIS.4342", "The CloudTable table does not exist"},
    ErrorInfo{E::kCloudTableFamilyNotFound, 400, "DIS.4343",
              "The CloudTable table family does not exist."},
    ErrorInfo{E::kInvalidCloudTableSchema, 400, "DIS.4345", "Invalid CloudTable schema."},
    ErrorInfo{E::kInvalidOpenTsdbSchema, 400, "DIS.4348", "Invalid CloudTable openTSDB schema."},
    ErrorInfo{E::kInvalidDwsCluster, 400, "DIS.4350", "Invalid DWS cluster."},
    ErrorInfo{E::kInvalidKmsKey, 400, "DIS.4351", "Invalid KMS userKey."},
    ErrorInfo{E::kTransferTaskNotFound, 400, "DIS.4354", "The transfer task does not exist."},
    ErrorInfo{E::kTransferTaskExists, 400, "DIS.4355", "The transfer task already exists."},
    ErrorInfo{E::kTransferTaskQuota, 400, "DIS.4357", "Exceeded transfer task quota."},
    ErrorInfo{E::kInvalidDataSchema, 400, "DIS.4360", "Invalid data schema."},
    ErrorInfo{E::kNoCheckpointCommitted, 400, "DIS.4375", "The app does not commit checkpoint"},
    ErrorInfo{E::kTagLimitReached, 400, "DIS.4601",
              "The number of resource tags has reached the maximum."},
    ErrorInfo{E::kInvalidResourceType, 400, "DIS.4602", "Invalid resource type."},
    ErrorInfo{E::kResourceNotFound, 400, "DIS.4603", "The resource does not exist."},
    ErrorInfo{E::kTagKeyNotFound, 400, "DIS.4604", "The key does not exist."},
    ErrorInfo{E::kTagActionNotSupported, 400, "DIS.4605", "The action is not supported."},
    ErrorInfo{E::kRebalanceInProgress, 400, "DIS.4701", "Rebalance in progress. %s"},
    ErrorInfo{E::kUnknownMember, 400, "DIS.4702", "Unknown member. %s"},
    ErrorInfo{E::kIllegalGeneration, 400, "DIS.4703", "Illegal generation. %s"},

    ErrorInfo{E::kRouteNotFound, 404, "DIS.4200", "Invalid request. %s"},
    ErrorInfo{E::kMethodNotAllowed, 405, "DIS.4200", "Invalid request. %s"},
    ErrorInfo{E::kPayloadTooLarge, 413, "DIS.4200", "Invalid request. %s"},

    ErrorInfo{E::kInternal, 500, "DIS.5000", "System error."},
};

constexpr bool RowsInEnumOrder() {
  for (std::size_t i = 0; i < kErrors.size(); ++i) {
    if (static_cast<std::size_t>(kErrors[i].code) != i) return false;
  }
  return true;
}
static_assert(RowsInEnumOrder(), "error table rows must follow the ErrorCode order");
static_assert(kErrors.size() == static_cast<std::size_t>(ErrorCode::kInternal) + 1,
              "every ErrorCode needs a row");

}  // namespace

const ErrorInfo& DescribeError(ErrorCode code) {
  return kErrors[static_cast<std::size_t>(code)];
}

std::span<const ErrorInfo> AllErrors() { return kErrors; }

std::string FormatErrorMessage(const Error& error) {
  std::string_view tmpl = DescribeError(error.code).message;
  std::string out;
  auto pos = tmpl.find("%s");
  if (pos != std::string_view::npos) {
    out.append(tmpl.substr(0, pos));
    out.append(error.detail);
    out.append(tmpl.substr(pos + 2));
    while (!out.empty() && out.back() == ' ') out.pop_back();
    return out;
  }
  out.assign(tmpl);
  if (!error.detail.empty()) {
    out.push_back(' ');
    out.append(error.detail);
  }
  return out;
}

}  // namespace disd
