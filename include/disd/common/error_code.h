// The closed set of failures disd can report. Every value has exactly one row in the
// error table (src/common/error_table.cc) that gives its HTTP status, its DIS code and its
// message; nothing else in the code base spells a "DIS.xxxx" string.
// Thread-safety: plain enum, freely shared.
#pragma once

#include <cstdint>

namespace disd {

enum class ErrorCode : std::uint16_t {
  // 441: signature / authentication (DIS.41xx).
  kAuthFailed,             // DIS.4100 generic signature failure
  kEmptySdkDate,           // DIS.4101 missing X-Sdk-Date
  kInvalidSdkDate,         // DIS.4102 malformed or skewed X-Sdk-Date
  kEmptyAuthorization,     // DIS.4103 missing credentials where required
  kUnknownAccessKey,       // DIS.4104 AK not known
  kSignatureMismatch,      // DIS.4106 signature does not verify
  kInvalidToken,           // DIS.4110 X-Auth-Token unknown or expired
  kInvalidRbac,            // DIS.4116 (403) principal may not act here
  kInvalidProjectId,       // DIS.4117 project id invalid or not the caller's

  // 400: request validation.
  kInvalidRequest,         // DIS.4200 any malformed request (detail says what)
  kInvalidPartitionId,     // DIS.4201
  kEmptyRequest,           // DIS.4202
  kInvalidMonitoringPeriod,// DIS.4203
  kMonitoringPeriodTooLong,// DIS.4204
  kStreamNotRunning,       // DIS.4205
  kInvalidMrsCluster,      // DIS.4208
  kInvalidMetricsLabel,    // DIS.4209
  kInvalidCursorType,      // DIS.4215
  kInvalidSequenceNumber,  // DIS.4216
  kInvalidCursor,          // DIS.4217
  kSequenceNumberOutOfRange,  // DIS.4224
  kExpiredCursor,          // DIS.4225
  kRecordExpired,          // DIS.4226 the cursor's record expired while reading
  kRequestError,           // DIS.4300 (e.g. AT_TIMESTAMP before the oldest record)
  kStreamNotFound,         // DIS.4301
  kPartitionNotFound,      // DIS.4302
  kTrafficControl,         // DIS.4303
  kTooManyRequests,        // DIS.4305 (429) the server is at a queue cap
  kBucketNotFound,         // DIS.4306
  kStreamExists,           // DIS.4307
  kInsufficientQuota,      // DIS.4308
  kTooManyFailures,        // DIS.4309
  kObsAccessError,         // DIS.4310
  kPartitionExpired,       // DIS.4319
  kScalingRateExceeded,    // DIS.4200-family: scaling budget used up (see table)
  kAppQuotaExceeded,       // DIS.4329
  kAppExists,              // DIS.4330
  kAppInUse,               // DIS.4331
  kAppNotFound,            // DIS.4332
  kInvalidAgency,          // DIS.4335
  kInvalidHdfsPath,        // DIS.4336
  kDliDatabaseNotFound,    // DIS.4337
  kDliTableNotFound,       // DIS.4338
  kConsumerQuotaExceeded,  // DIS.4339
  kCloudTableClusterNotFound,  // DIS.4341
  kCloudTableTableNotFound,    // DIS.4342
  kCloudTableFamilyNotFound,   // DIS.4343
  kInvalidCloudTableSchema,    // DIS.4345
  kInvalidOpenTsdbSchema,      // DIS.4348
  kInvalidDwsCluster,      // DIS.4350
  kInvalidKmsKey,          // DIS.4351
  kTransferTaskNotFound,   // DIS.4354
  kTransferTaskExists,     // DIS.4355
  kTransferTaskQuota,      // DIS.4357
  kInvalidDataSchema,      // DIS.4360
  kNoCheckpointCommitted,  // DIS.4375
  kTagLimitReached,        // DIS.4601
  kInvalidResourceType,    // DIS.4602
  kResourceNotFound,       // DIS.4603
  kTagKeyNotFound,         // DIS.4604
  kTagActionNotSupported,  // DIS.4605
  kRebalanceInProgress,    // DIS.4701
  kUnknownMember,          // DIS.4702
  kIllegalGeneration,      // DIS.4703

  // Transport-level answers, still in the DIS error body shape.
  kRouteNotFound,          // 404 no such path
  kMethodNotAllowed,       // 405 path exists, verb does not
  kPayloadTooLarge,        // 413 body above the configured limit

  kInternal,               // DIS.5000 (500) unexpected failure; details are logged, not sent
};

}  // namespace disd
