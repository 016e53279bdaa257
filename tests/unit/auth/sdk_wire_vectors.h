// The raw requests the real SDKs sent in the observations of sdk-wire.md (appendix A.1-A.6),
// as test vectors for the signature verifier: method, target, headers in wire order and
// body exactly as received (protobuf bodies as bytes). Requests whose cursor the appendix
// truncates are left out (their signatures cannot be recomputed). For A.5 the appendix
// shows only the headers that differ from A.4; the others (Host, X-SDK-Version,
// X-Project-Id, accept) are filled in from A.4, as the Java SDK sent them.
// Credentials: AK TESTAK0123456789, SK TESTSK0123456789abcdefghijklmnopqrstuvw, project
// 0123456789abcdef0123456789abcdef, region cn-north-4; every X-Sdk-Date is on 2026-11-21
// between 09:37:11Z and 09:38:47Z.
// Thread-safety: constant data.
#pragma once

#include <string_view>

namespace disd::auth::testing {

inline constexpr std::string_view kTestAk = "TESTAK0123456789";
inline constexpr std::string_view kTestSk = "TESTSK0123456789abcdefghijklmnopqrstuvw";
inline constexpr std::string_view kTestProject = "0123456789abcdef0123456789abcdef";
// 2026-11-21T09:38:00Z, within a minute or two of every observation.
inline constexpr long long kObservationMs = 1795253880000LL;

struct ObservedRequest {
  std::string_view method;
  std::string_view target;
  std::string_view headers;  // "Name: value\n" each, in wire order
  std::string_view body;
};

// The comment before each row names its dialect (A, B or C of sdk-wire.md 3.1).
inline constexpr ObservedRequest kObservedRequests[] = {
    // B
    {"POST", "/v2/0123456789abcdef0123456789abcdef/streams/",
     "Host: 127.0.0.1:18080\nuser-agent: dis-python-sdk-v-2.0.0\nx-sdk-date: 20261121T093711Z\nAuthorization: V11-HMAC-SHA256 Credential=TESTAK0123456789/20261121/cn-north-4/dis/sdk_request, SignedHeaders=host;x-sdk-date, Signature=0e88e1e9999bc1cb209d9ec3d9c1eb9d381fc3ba928fe2dcf91c27c0c3993daa\nContent-Length: 118\nContent-Type: application/json; charset=UTF-8\n",
     std::string_view("{\"stream_name\": \"cap_stream\", \"partition_count\": 1, \"stream_type\": \"COMMON\", \"data_type\": \"BLOB\", \"data_duration\": 24}", 118)},
    // B
    {"GET", "/v2/0123456789abcdef0123456789abcdef/streams/?limit=100",
     "Host: 127.0.0.1:18080\nuser-agent: dis-python-sdk-v-2.0.0\nx-sdk-date: 20261121T093711Z\nAuthorization: V11-HMAC-SHA256 Credential=TESTAK0123456789/20261121/cn-north-4/dis/sdk_request, SignedHeaders=host;x-sdk-date, Signature=d03003a6a6b1847c037d4a18e9cdbc4ce05dfa1e41c63a16fec0157e496059cd\ncontent-length: 0\nContent-Type: application/json; charset=UTF-8\n",
     std::string_view("", 0)},
    // B
    {"GET", "/v2/0123456789abcdef0123456789abcdef/streams/cap_stream?limit_partitions=1000",
     "Host: 127.0.0.1:18080\nuser-agent: dis-python-sdk-v-2.0.0\nx-sdk-date: 20261121T093711Z\nAuthorization: V11-HMAC-SHA256 Credential=TESTAK0123456789/20261121/cn-north-4/dis/sdk_request, SignedHeaders=host;x-sdk-date, Signature=86cebd1b42c74ff87d18b78b961fb3ea1084fe4c90210683d9358a9dace8428f\ncontent-length: 0\nContent-Type: application/json; charset=UTF-8\n",
     std::string_view("", 0)},
    // B
    {"POST", "/v2/0123456789abcdef0123456789abcdef/records/",
     "Host: 127.0.0.1:18080\nuser-agent: dis-python-sdk-v-2.0.0\nx-sdk-date: 20261121T093711Z\nAuthorization: V11-HMAC-SHA256 Credential=TESTAK0123456789/20261121/cn-north-4/dis/sdk_request, SignedHeaders=host;x-sdk-date, Signature=3a88d5f677b92cc5f26ab7772bd68f48cb450bc32ab1b56c2bf82937c998cd66\nContent-Length: 168\nContent-Type: application/json; charset=UTF-8\n",
     std::string_view("{\"stream_name\": \"cap_stream\", \"stream_id\": \"\", \"records\": [{\"data\": \"aGVsbG8tZGlz\", \"partition_key\": \"k1\"}, {\"data\": \"c2Vjb25k\", \"partition_id\": \"shardId-0000000000\"}]}", 168)},
    // B
    {"GET", "/v2/0123456789abcdef0123456789abcdef/cursors/?stream-name=cap_stream&partition-id=shardId-0000000000&cursor-type=AT_SEQUENCE_NUMBER&starting-sequence-number=0",
     "Host: 127.0.0.1:18080\nuser-agent: dis-python-sdk-v-2.0.0\nx-sdk-date: 20261121T093711Z\nAuthorization: V11-HMAC-SHA256 Credential=TESTAK0123456789/20261121/cn-north-4/dis/sdk_request, SignedHeaders=host;x-sdk-date, Signature=4b23a3d1f63f33ed20295eb5b484e712e4de02a724ed2473b18ce02ebe073101\ncontent-length: 0\nContent-Type: application/json; charset=UTF-8\n",
     std::string_view("", 0)},
    // B
    {"POST", "/v2/0123456789abcdef0123456789abcdef/apps/",
     "Host: 127.0.0.1:18080\nuser-agent: dis-python-sdk-v-2.0.0\nx-sdk-date: 20261121T093711Z\nAuthorization: V11-HMAC-SHA256 Credential=TESTAK0123456789/20261121/cn-north-4/dis/sdk_request, SignedHeaders=host;x-sdk-date, Signature=140faa1bdb6a3c714708cc84f9f480a5245ecdd47d3a3e651303106053be9a23\nContent-Length: 23\nContent-Type: application/json; charset=UTF-8\n",
     std::string_view("{\"app_name\": \"cap_app\"}", 23)},
    // B
    {"POST", "/v2/0123456789abcdef0123456789abcdef/checkpoints/",
     "Host: 127.0.0.1:18080\nuser-agent: dis-python-sdk-v-2.0.0\nx-sdk-date: 20261121T093711Z\nAuthorization: V11-HMAC-SHA256 Credential=TESTAK0123456789/20261121/cn-north-4/dis/sdk_request, SignedHeaders=host;x-sdk-date, Signature=dee87080516d6d41b825d2204a56b94afafb676f2174d2d7447ef335886cf195\nContent-Length: 166\nContent-Type: application/json; charset=UTF-8\n",
     std::string_view("{\"stream_name\": \"cap_stream\", \"app_name\": \"cap_app\", \"partition_id\": \"shardId-0000000000\", \"sequence_number\": \"1\", \"metadata\": \"meta\", \"checkpoint_type\": \"LAST_READ\"}", 166)},
    // B
    {"GET", "/v2/0123456789abcdef0123456789abcdef/checkpoints/?stream_name=cap_stream&app_name=cap_app&partition_id=shardId-0000000000&checkpoint_type=LAST_READ",
     "Host: 127.0.0.1:18080\nuser-agent: dis-python-sdk-v-2.0.0\nx-sdk-date: 20261121T093711Z\nAuthorization: V11-HMAC-SHA256 Credential=TESTAK0123456789/20261121/cn-north-4/dis/sdk_request, SignedHeaders=host;x-sdk-date, Signature=52aac013e905fd8dd4a407f55382365a4a95c0fddc2c339bd98077a0466ce21b\ncontent-length: 0\nContent-Type: application/json; charset=UTF-8\n",
     std::string_view("", 0)},
    // B
    {"GET", "/v2/0123456789abcdef0123456789abcdef/apps/cap_app/streams/cap_stream?start_partition_id=0&checkpoint_type=LAST_READ&limit=10",
     "Host: 127.0.0.1:18080\nuser-agent: dis-python-sdk-v-2.0.0\nx-sdk-date: 20261121T093711Z\nAuthorization: V11-HMAC-SHA256 Credential=TESTAK0123456789/20261121/cn-north-4/dis/sdk_request, SignedHeaders=host;x-sdk-date, Signature=2086e3e326e08803e894b83cc8e4088b3691dbe0ea7b39cca44c69a42397348f\ncontent-length: 0\nContent-Type: application/json; charset=UTF-8\n",
     std::string_view("", 0)},
    // B
    {"DELETE", "/v2/0123456789abcdef0123456789abcdef/checkpoints/?stream_name=cap_stream&app_name=cap_app",
     "Host: 127.0.0.1:18080\nuser-agent: dis-python-sdk-v-2.0.0\nx-sdk-date: 20261121T093711Z\nAuthorization: V11-HMAC-SHA256 Credential=TESTAK0123456789/20261121/cn-north-4/dis/sdk_request, SignedHeaders=host;x-sdk-date, Signature=2b1cee81e02c5ef4352acc1d820592a0d87234fafab8b6af53386bdfac9fd414\ncontent-length: 0\nContent-Type: application/json; charset=UTF-8\n",
     std::string_view("", 0)},
    // B
    {"DELETE", "/v2/0123456789abcdef0123456789abcdef/apps/cap_app/",
     "Host: 127.0.0.1:18080\nuser-agent: dis-python-sdk-v-2.0.0\nx-sdk-date: 20261121T093711Z\nAuthorization: V11-HMAC-SHA256 Credential=TESTAK0123456789/20261121/cn-north-4/dis/sdk_request, SignedHeaders=host;x-sdk-date, Signature=3fadaf4af6c27a116ef390d2553a52e0ccd02a7be81f42505c15e7217cad87ed\ncontent-length: 0\nContent-Type: application/json; charset=UTF-8\n",
     std::string_view("", 0)},
    // B
    {"DELETE", "/v2/0123456789abcdef0123456789abcdef/streams/cap_stream",
     "Host: 127.0.0.1:18080\nuser-agent: dis-python-sdk-v-2.0.0\nx-sdk-date: 20261121T093711Z\nAuthorization: V11-HMAC-SHA256 Credential=TESTAK0123456789/20261121/cn-north-4/dis/sdk_request, SignedHeaders=host;x-sdk-date, Signature=cf096a0553b56c4f66942ef1cfb03470cacc74c97ed1046a1d7cc04943ca7272\ncontent-length: 0\nContent-Type: application/json; charset=UTF-8\n",
     std::string_view("", 0)},
    // A
    {"POST", "/v2/0123456789abcdef0123456789abcdef/records/",
     "Host: 127.0.0.1:18080\nuser-agent: dis-python-sdk-v-2.0.0\nx-sdk-date: 20261121T093716Z\nAuthorization: SDK-HMAC-SHA256 Credential=TESTAK0123456789/20261121/cn-north-4/dis/sdk_request, SignedHeaders=host;x-sdk-date, Signature=09cd51b5d2bbd4de8f82e56e5dae7b52f2ec350d61d3f823ea7a0c68b2d4b125\nContent-Length: 62\nContent-Type: application/x-protobuf;charset=utf-8\n",
     std::string_view("\n\ncap_stream\x12""\x0f""\x1a""\x09""hello-dis*\x02""k1\x12""\x1c""\x1a""\x06""second2\x12""shardId-0000000000\xf2""\x01""\x00""", 62)},
    // B
    {"GET", "/v2/0123456789abcdef0123456789abcdef/streams/cap_stream?limit_partitions=1000",
     "Host: 127.0.0.1:18080\nuser-agent: dis-python-sdk-v-2.0.0\nx-sdk-date: 20261121T093722Z\nAuthorization: V11-HMAC-SHA256 Credential=TESTAK0123456789/20261121/cn-north-4/dis/sdk_request, SignedHeaders=host;x-sdk-date, Signature=3b59769f85c999871cc9958f9e0bae688690883d1b971ae69d43f576b72c994e\ncontent-length: 0\nContent-Type: application/json; charset=UTF-8\n",
     std::string_view("", 0)},
    // B
    {"PUT", "/v2/0123456789abcdef0123456789abcdef/streams/cap_stream",
     "Host: 127.0.0.1:18080\nuser-agent: dis-python-sdk-v-2.0.0\nx-sdk-date: 20261121T093722Z\nAuthorization: V11-HMAC-SHA256 Credential=TESTAK0123456789/20261121/cn-north-4/dis/sdk_request, SignedHeaders=host;x-sdk-date, Signature=5085f79895b1de175860b8a9bb08f98f33cf7d58d8842e057991c63e1086d748\nContent-Length: 58\nContent-Type: application/json; charset=UTF-8\n",
     std::string_view("{\"stream_name\": \"cap_stream\", \"target_partition_count\": 2}", 58)},
    // A
    {"POST", "/v2/0123456789abcdef0123456789abcdef/streams/",
     "Authorization: SDK-HMAC-SHA256 Credential=TESTAK0123456789/20261121/cn-north-4/dis/sdk_request, SignedHeaders=accept;content-type;host;x-project-id;x-sdk-date;x-sdk-version, Signature=f697f68a9ff5b410576d6dab539f7b3fc7d82bd3afde69b8f3bc03df1226251f\nHost: 127.0.0.1:18080\nX-SDK-Version: 1.3.5-SNAPSHOT/java\nX-Project-Id: 0123456789abcdef0123456789abcdef\nX-Sdk-Date: 20261121T093813Z\nContent-Type: application/json; charset=utf-8\naccept: */*; charset=utf-8\nContent-Length: 144\nUser-Agent: Apache-HttpClient/4.5.14 (Java/17.0.15)\n",
     std::string_view("{\"private\":false,\"stream_name\":\"cap_stream\",\"stream_type\":\"COMMON\",\"partition_count\":1,\"data_duration\":24,\"data_type\":\"BLOB\",\"is_private\":false}", 144)},
    // A
    {"GET", "/v2/0123456789abcdef0123456789abcdef/streams/?limit=10&",
     "Authorization: SDK-HMAC-SHA256 Credential=TESTAK0123456789/20261121/cn-north-4/dis/sdk_request, SignedHeaders=accept;content-type;host;x-project-id;x-sdk-date;x-sdk-version, Signature=9dd8415d0ff6c056876216f7ad5ed886e29a5034fcb6ba5136bf86d4dd59af9a\nHost: 127.0.0.1:18080\nX-SDK-Version: 1.3.5-SNAPSHOT/java\nX-Project-Id: 0123456789abcdef0123456789abcdef\nX-Sdk-Date: 20261121T093813Z\nContent-Type: application/json; charset=utf-8\naccept: */*; charset=utf-8\nUser-Agent: Apache-HttpClient/4.5.14 (Java/17.0.15)\n",
     std::string_view("", 0)},
    // A
    {"GET", "/v2/0123456789abcdef0123456789abcdef/streams/cap_stream/?stream_name=cap_stream&limit_partitions=100&",
     "Authorization: SDK-HMAC-SHA256 Credential=TESTAK0123456789/20261121/cn-north-4/dis/sdk_request, SignedHeaders=accept;content-type;host;x-project-id;x-sdk-date;x-sdk-version, Signature=ae7d6f50c26ac06efe84fb19ed0451bda2a1a149b86e4da79167a4a7c24923ed\nHost: 127.0.0.1:18080\nX-SDK-Version: 1.3.5-SNAPSHOT/java\nX-Project-Id: 0123456789abcdef0123456789abcdef\nX-Sdk-Date: 20261121T093813Z\nContent-Type: application/json; charset=utf-8\naccept: */*; charset=utf-8\nUser-Agent: Apache-HttpClient/4.5.14 (Java/17.0.15)\n",
     std::string_view("", 0)},
    // A
    {"POST", "/v2/0123456789abcdef0123456789abcdef/records/",
     "Authorization: SDK-HMAC-SHA256 Credential=TESTAK0123456789/20261121/cn-north-4/dis/sdk_request, SignedHeaders=accept;content-type;host;x-project-id;x-sdk-date;x-sdk-version, Signature=a5fb81385e897d5480375c4d648d579179a1d68fc4481f4ee240bbbacabf8ff7\nHost: 127.0.0.1:18080\nX-SDK-Version: 1.3.5-SNAPSHOT/java\nX-Project-Id: 0123456789abcdef0123456789abcdef\nX-Sdk-Date: 20261121T093813Z\nContent-Type: application/json; charset=utf-8\naccept: */*; charset=utf-8\nContent-Length: 141\nUser-Agent: Apache-HttpClient/4.5.14 (Java/17.0.15)\n",
     std::string_view("{\"stream_name\":\"cap_stream\",\"records\":[{\"data\":\"aGVsbG8tZGlz\",\"partition_key\":\"k1\"},{\"data\":\"c2Vjb25k\",\"partition_id\":\"shardId-0000000000\"}]}", 141)},
    // A
    {"GET", "/v2/0123456789abcdef0123456789abcdef/cursors/?starting-sequence-number=0&stream-name=cap_stream&partition-id=0&cursor-type=AT_SEQUENCE_NUMBER&",
     "Authorization: SDK-HMAC-SHA256 Credential=TESTAK0123456789/20261121/cn-north-4/dis/sdk_request, SignedHeaders=accept;content-type;host;x-project-id;x-sdk-date;x-sdk-version, Signature=f7bd2da8af7b9e8714d31a3f28a50fc4fefa6c040e0229e5d4804181abd97ce8\nHost: 127.0.0.1:18080\nX-SDK-Version: 1.3.5-SNAPSHOT/java\nX-Project-Id: 0123456789abcdef0123456789abcdef\nX-Sdk-Date: 20261121T093813Z\nContent-Type: application/json; charset=utf-8\naccept: */*; charset=utf-8\nUser-Agent: Apache-HttpClient/4.5.14 (Java/17.0.15)\n",
     std::string_view("", 0)},
    // A
    {"POST", "/v2/0123456789abcdef0123456789abcdef/apps/",
     "Authorization: SDK-HMAC-SHA256 Credential=TESTAK0123456789/20261121/cn-north-4/dis/sdk_request, SignedHeaders=accept;content-type;host;x-project-id;x-sdk-date;x-sdk-version, Signature=e9b3aab4593efba52448ab8ce58521a4abd656a98e843d563a0072fda2ad1f8e\nHost: 127.0.0.1:18080\nX-SDK-Version: 1.3.5-SNAPSHOT/java\nX-Project-Id: 0123456789abcdef0123456789abcdef\nX-Sdk-Date: 20261121T093813Z\nContent-Type: application/json; charset=utf-8\naccept: */*; charset=utf-8\nContent-Length: 22\nUser-Agent: Apache-HttpClient/4.5.14 (Java/17.0.15)\n",
     std::string_view("{\"app_name\":\"cap_app\"}", 22)},
    // A
    {"POST", "/v2/0123456789abcdef0123456789abcdef/checkpoints/",
     "Authorization: SDK-HMAC-SHA256 Credential=TESTAK0123456789/20261121/cn-north-4/dis/sdk_request, SignedHeaders=accept;content-type;host;x-project-id;x-sdk-date;x-sdk-version, Signature=86ac2d68edd485e40d9274827ae567665297de028b3bee7a617a102c6ac946f5\nHost: 127.0.0.1:18080\nX-SDK-Version: 1.3.5-SNAPSHOT/java\nX-Project-Id: 0123456789abcdef0123456789abcdef\nX-Sdk-Date: 20261121T093813Z\nContent-Type: application/json; charset=utf-8\naccept: */*; charset=utf-8\nContent-Length: 155\nUser-Agent: Apache-HttpClient/4.5.14 (Java/17.0.15)\n",
     std::string_view("{\"app_name\":\"cap_app\",\"checkpoint_type\":\"LAST_READ\",\"stream_name\":\"cap_stream\",\"partition_id\":\"shardId-0000000000\",\"sequence_number\":\"1\",\"metadata\":\"meta\"}", 155)},
    // A
    {"GET", "/v2/0123456789abcdef0123456789abcdef/checkpoints/?partition_id=shardId-0000000000&app_name=cap_app&stream_name=cap_stream&checkpoint_type=LAST_READ&",
     "Authorization: SDK-HMAC-SHA256 Credential=TESTAK0123456789/20261121/cn-north-4/dis/sdk_request, SignedHeaders=accept;content-type;host;x-project-id;x-sdk-date;x-sdk-version, Signature=60f990300d8d96fcfed042132797c6ef4d93e5d0d9a81666b566947af5bcdd04\nHost: 127.0.0.1:18080\nX-SDK-Version: 1.3.5-SNAPSHOT/java\nX-Project-Id: 0123456789abcdef0123456789abcdef\nX-Sdk-Date: 20261121T093813Z\nContent-Type: application/json; charset=utf-8\naccept: */*; charset=utf-8\nUser-Agent: Apache-HttpClient/4.5.14 (Java/17.0.15)\n",
     std::string_view("", 0)},
    // A
    {"GET", "/v2/0123456789abcdef0123456789abcdef/apps/cap_app/streams/cap_stream/?app_name=cap_app&stream_name=cap_stream&limit=100&checkpoint_type=LAST_READ&",
     "Authorization: SDK-HMAC-SHA256 Credential=TESTAK0123456789/20261121/cn-north-4/dis/sdk_request, SignedHeaders=accept;content-type;host;x-project-id;x-sdk-date;x-sdk-version, Signature=3c7e340f3b84aaa256cbb332f6a6e00c4145f3763c25c5d05a1e05bc5366c37e\nHost: 127.0.0.1:18080\nX-SDK-Version: 1.3.5-SNAPSHOT/java\nX-Project-Id: 0123456789abcdef0123456789abcdef\nX-Sdk-Date: 20261121T093813Z\nContent-Type: application/json; charset=utf-8\naccept: */*; charset=utf-8\nUser-Agent: Apache-HttpClient/4.5.14 (Java/17.0.15)\n",
     std::string_view("", 0)},
    // A
    {"PUT", "/v2/0123456789abcdef0123456789abcdef/streams/cap_stream/",
     "Authorization: SDK-HMAC-SHA256 Credential=TESTAK0123456789/20261121/cn-north-4/dis/sdk_request, SignedHeaders=accept;content-type;host;x-project-id;x-sdk-date;x-sdk-version, Signature=a4d65166925267007bb6121f49133c114ce9198707b6977576b006e89395221f\nHost: 127.0.0.1:18080\nX-SDK-Version: 1.3.5-SNAPSHOT/java\nX-Project-Id: 0123456789abcdef0123456789abcdef\nX-Sdk-Date: 20261121T093813Z\nContent-Type: application/json; charset=utf-8\naccept: */*; charset=utf-8\nContent-Length: 55\nUser-Agent: Apache-HttpClient/4.5.14 (Java/17.0.15)\n",
     std::string_view("{\"stream_name\":\"cap_stream\",\"target_partition_count\":2}", 55)},
    // A
    {"DELETE", "/v2/0123456789abcdef0123456789abcdef/checkpoints/?app_name=cap_app&stream_name=cap_stream&checkpoint_type=LAST_READ&",
     "Authorization: SDK-HMAC-SHA256 Credential=TESTAK0123456789/20261121/cn-north-4/dis/sdk_request, SignedHeaders=accept;content-type;host;x-project-id;x-sdk-date;x-sdk-version, Signature=55a0ed172ddcb8ad9b3e864a534431bf7dcd08330d29e05b1e6609bd4171811e\nHost: 127.0.0.1:18080\nX-SDK-Version: 1.3.5-SNAPSHOT/java\nX-Project-Id: 0123456789abcdef0123456789abcdef\nX-Sdk-Date: 20261121T093813Z\nContent-Type: application/json; charset=utf-8\naccept: */*; charset=utf-8\nUser-Agent: Apache-HttpClient/4.5.14 (Java/17.0.15)\n",
     std::string_view("", 0)},
    // A
    {"DELETE", "/v2/0123456789abcdef0123456789abcdef/apps/cap_app/",
     "Authorization: SDK-HMAC-SHA256 Credential=TESTAK0123456789/20261121/cn-north-4/dis/sdk_request, SignedHeaders=accept;content-type;host;x-project-id;x-sdk-date;x-sdk-version, Signature=c82ee590104d374aa317e010cd57f8497e8e94db5c2746a31254d0ff0ca365c3\nHost: 127.0.0.1:18080\nX-SDK-Version: 1.3.5-SNAPSHOT/java\nX-Project-Id: 0123456789abcdef0123456789abcdef\nX-Sdk-Date: 20261121T093813Z\nContent-Type: application/json; charset=utf-8\naccept: */*; charset=utf-8\nUser-Agent: Apache-HttpClient/4.5.14 (Java/17.0.15)\n",
     std::string_view("", 0)},
    // A
    {"DELETE", "/v2/0123456789abcdef0123456789abcdef/streams/cap_stream/?stream_name=cap_stream&",
     "Authorization: SDK-HMAC-SHA256 Credential=TESTAK0123456789/20261121/cn-north-4/dis/sdk_request, SignedHeaders=accept;content-type;host;x-project-id;x-sdk-date;x-sdk-version, Signature=c6d2e2782388252f79bfac05dd294948126aacaf3c2b0f32e5590d26dc45734f\nHost: 127.0.0.1:18080\nX-SDK-Version: 1.3.5-SNAPSHOT/java\nX-Project-Id: 0123456789abcdef0123456789abcdef\nX-Sdk-Date: 20261121T093813Z\nContent-Type: application/json; charset=utf-8\naccept: */*; charset=utf-8\nUser-Agent: Apache-HttpClient/4.5.14 (Java/17.0.15)\n",
     std::string_view("", 0)},
    // A
    {"POST", "/v2/0123456789abcdef0123456789abcdef/records/",
     "Authorization: SDK-HMAC-SHA256 Credential=TESTAK0123456789/20261121/cn-north-4/dis/sdk_request, SignedHeaders=accept;content-type;host;x-project-id;x-sdk-date;x-sdk-version, Signature=fa4926a6996936e347cfb7769d80e88cee0aeb28bfb3a703f12cb7ee8db8a2ae\nX-Sdk-Date: 20261121T093820Z\nContent-Type: application/x-protobuf; charset=utf-8\nContent-Length: 59\nHost: 127.0.0.1:18080\nX-SDK-Version: 1.3.5-SNAPSHOT/java\nX-Project-Id: 0123456789abcdef0123456789abcdef\naccept: */*; charset=utf-8\n",
     std::string_view("\n\ncap_stream\x12""\x0f""\x1a""\x09""hello-dis*\x02""k1\x12""\x1c""\x1a""\x06""second2\x12""shardId-0000000000", 59)},
    // A
    {"GET", "/v2/0123456789abcdef0123456789abcdef/cursors/?starting-sequence-number=0&stream-name=cap_stream&partition-id=0&cursor-type=AT_SEQUENCE_NUMBER&",
     "Authorization: SDK-HMAC-SHA256 Credential=TESTAK0123456789/20261121/cn-north-4/dis/sdk_request, SignedHeaders=accept;content-type;host;x-project-id;x-sdk-date;x-sdk-version, Signature=45f9bbda9a03346715fd8d50a5646aba9f11bb84661e532c9d6e63bc2cad690d\nX-Sdk-Date: 20261121T093820Z\nContent-Type: application/json; charset=utf-8\nHost: 127.0.0.1:18080\nX-SDK-Version: 1.3.5-SNAPSHOT/java\nX-Project-Id: 0123456789abcdef0123456789abcdef\naccept: */*; charset=utf-8\n",
     std::string_view("", 0)},
    // A
    {"GET", "/v2/0123456789abcdef0123456789abcdef/cursors/?starting-sequence-number=0&stream-name=cap_stream&partition-id=0&cursor-type=AT_SEQUENCE_NUMBER&",
     "Authorization: SDK-HMAC-SHA256 Credential=TESTAK0123456789/20261121/cn-north-4/dis/sdk_request, SignedHeaders=accept;content-type;host;x-project-id;x-sdk-date;x-sdk-version, Signature=1e09e82949914dfe297354fd52909143d7c77bd195f31702e91236ebe3c2da7b\nX-Sdk-Date: 20261121T093821Z\nContent-Type: application/json; charset=utf-8\nHost: 127.0.0.1:18080\nX-SDK-Version: 1.3.5-SNAPSHOT/java\nX-Project-Id: 0123456789abcdef0123456789abcdef\naccept: */*; charset=utf-8\n",
     std::string_view("", 0)},
    // C
    {"POST", "/v2/0123456789abcdef0123456789abcdef/streams",
     "User-Agent: huaweicloud-usdk-python/3.0; os/Linux##1_SMP_PREEMPT_DYNAMIC_@0#x86_64 python/3.11.2 impl/CPython; app/cc970c7c-7ebf-4883-bc2e-70ad57ee917a\nContent-Type: application/json\nX-Project-Id: 0123456789abcdef0123456789abcdef\nX-Sdk-Date: 20261121T093846Z\nHost: 127.0.0.1:18080\nAuthorization: SDK-HMAC-SHA256 Access=TESTAK0123456789, SignedHeaders=content-type;host;user-agent;x-project-id;x-sdk-date, Signature=5f79c302ee717d1e52ce070ad1fe8fedfc87ea2a2aaeb65345377731919e8ab4\nContent-Length: 118\n",
     std::string_view("{\"stream_name\": \"cap_stream\", \"partition_count\": 1, \"stream_type\": \"COMMON\", \"data_type\": \"BLOB\", \"data_duration\": 24}", 118)},
    // C
    {"GET", "/v2/0123456789abcdef0123456789abcdef/streams?limit=10",
     "User-Agent: huaweicloud-usdk-python/3.0; os/Linux##1_SMP_PREEMPT_DYNAMIC_@0#x86_64 python/3.11.2 impl/CPython; app/cc970c7c-7ebf-4883-bc2e-70ad57ee917a\nContent-Type: application/json\nX-Project-Id: 0123456789abcdef0123456789abcdef\nX-Sdk-Date: 20261121T093846Z\nHost: 127.0.0.1:18080\nAuthorization: SDK-HMAC-SHA256 Access=TESTAK0123456789, SignedHeaders=content-type;host;user-agent;x-project-id;x-sdk-date, Signature=e5a1b1e7bab1b5f126d3bee95098df75c0b005b032ab51c51ca9572c92e070cf\n",
     std::string_view("", 0)},
    // C
    {"GET", "/v2/0123456789abcdef0123456789abcdef/streams/cap_stream",
     "User-Agent: huaweicloud-usdk-python/3.0; os/Linux##1_SMP_PREEMPT_DYNAMIC_@0#x86_64 python/3.11.2 impl/CPython; app/cc970c7c-7ebf-4883-bc2e-70ad57ee917a\nContent-Type: application/json\nX-Project-Id: 0123456789abcdef0123456789abcdef\nX-Sdk-Date: 20261121T093846Z\nHost: 127.0.0.1:18080\nAuthorization: SDK-HMAC-SHA256 Access=TESTAK0123456789, SignedHeaders=content-type;host;user-agent;x-project-id;x-sdk-date, Signature=c425b070213da8e703386ac0801fd2214969562d9986d27d8ba6ec71e9371c8e\n",
     std::string_view("", 0)},
    // C
    {"POST", "/v2/0123456789abcdef0123456789abcdef/records",
     "User-Agent: huaweicloud-usdk-python/3.0; os/Linux##1_SMP_PREEMPT_DYNAMIC_@0#x86_64 python/3.11.2 impl/CPython; app/cc970c7c-7ebf-4883-bc2e-70ad57ee917a\nContent-Type: application/json\nX-Project-Id: 0123456789abcdef0123456789abcdef\nX-Sdk-Date: 20261121T093846Z\nHost: 127.0.0.1:18080\nAuthorization: SDK-HMAC-SHA256 Access=TESTAK0123456789, SignedHeaders=content-type;host;user-agent;x-project-id;x-sdk-date, Signature=6cc7e7c64a43f573a878a93972e3e85f45e83ba5b693baaf5791203becaa05ba\nContent-Length: 151\n",
     std::string_view("{\"stream_name\": \"cap_stream\", \"records\": [{\"data\": \"aGVsbG8tZGlz\", \"partition_key\": \"k1\"}, {\"data\": \"c2Vjb25k\", \"partition_id\": \"shardId-0000000000\"}]}", 151)},
    // C
    {"GET", "/v2/0123456789abcdef0123456789abcdef/cursors?cursor-type=AT_SEQUENCE_NUMBER&partition-id=0&starting-sequence-number=0&stream-name=cap_stream",
     "User-Agent: huaweicloud-usdk-python/3.0; os/Linux##1_SMP_PREEMPT_DYNAMIC_@0#x86_64 python/3.11.2 impl/CPython; app/cc970c7c-7ebf-4883-bc2e-70ad57ee917a\nContent-Type: application/json\nX-Project-Id: 0123456789abcdef0123456789abcdef\nX-Sdk-Date: 20261121T093846Z\nHost: 127.0.0.1:18080\nAuthorization: SDK-HMAC-SHA256 Access=TESTAK0123456789, SignedHeaders=content-type;host;user-agent;x-project-id;x-sdk-date, Signature=9440e7acc6e01dfe1c2435388065d12d22fa61c0ebb3cacf1dae7c206ea44e72\n",
     std::string_view("", 0)},
    // C
    {"POST", "/v2/0123456789abcdef0123456789abcdef/apps",
     "User-Agent: huaweicloud-usdk-python/3.0; os/Linux##1_SMP_PREEMPT_DYNAMIC_@0#x86_64 python/3.11.2 impl/CPython; app/cc970c7c-7ebf-4883-bc2e-70ad57ee917a\nContent-Type: application/json\nX-Project-Id: 0123456789abcdef0123456789abcdef\nX-Sdk-Date: 20261121T093846Z\nHost: 127.0.0.1:18080\nAuthorization: SDK-HMAC-SHA256 Access=TESTAK0123456789, SignedHeaders=content-type;host;user-agent;x-project-id;x-sdk-date, Signature=481f087b924d17a92131f019dfeea76609f8bf431204531a2761b365d043b9dc\nContent-Length: 23\n",
     std::string_view("{\"app_name\": \"cap_app\"}", 23)},
    // C
    {"POST", "/v2/0123456789abcdef0123456789abcdef/checkpoints",
     "User-Agent: huaweicloud-usdk-python/3.0; os/Linux##1_SMP_PREEMPT_DYNAMIC_@0#x86_64 python/3.11.2 impl/CPython; app/cc970c7c-7ebf-4883-bc2e-70ad57ee917a\nContent-Type: application/json\nX-Project-Id: 0123456789abcdef0123456789abcdef\nX-Sdk-Date: 20261121T093846Z\nHost: 127.0.0.1:18080\nAuthorization: SDK-HMAC-SHA256 Access=TESTAK0123456789, SignedHeaders=content-type;host;user-agent;x-project-id;x-sdk-date, Signature=1df3f60a3d4d2b92d560c4ba601dac10f10bb30bb8ff53df9da6bd267be98ea3\nContent-Length: 166\n",
     std::string_view("{\"app_name\": \"cap_app\", \"checkpoint_type\": \"LAST_READ\", \"stream_name\": \"cap_stream\", \"partition_id\": \"shardId-0000000000\", \"sequence_number\": \"1\", \"metadata\": \"meta\"}", 166)},
    // C
    {"GET", "/v2/0123456789abcdef0123456789abcdef/checkpoints?app_name=cap_app&checkpoint_type=LAST_READ&partition_id=shardId-0000000000&stream_name=cap_stream",
     "User-Agent: huaweicloud-usdk-python/3.0; os/Linux##1_SMP_PREEMPT_DYNAMIC_@0#x86_64 python/3.11.2 impl/CPython; app/cc970c7c-7ebf-4883-bc2e-70ad57ee917a\nContent-Type: application/json\nX-Project-Id: 0123456789abcdef0123456789abcdef\nX-Sdk-Date: 20261121T093846Z\nHost: 127.0.0.1:18080\nAuthorization: SDK-HMAC-SHA256 Access=TESTAK0123456789, SignedHeaders=content-type;host;user-agent;x-project-id;x-sdk-date, Signature=a0781680a09eb2259f342e69b49fb2aa91cafce1c707eef95fc1535e22b081b0\n",
     std::string_view("", 0)},
    // C
    {"PUT", "/v2/0123456789abcdef0123456789abcdef/streams/cap_stream",
     "User-Agent: huaweicloud-usdk-python/3.0; os/Linux##1_SMP_PREEMPT_DYNAMIC_@0#x86_64 python/3.11.2 impl/CPython; app/cc970c7c-7ebf-4883-bc2e-70ad57ee917a\nContent-Type: application/json\nX-Project-Id: 0123456789abcdef0123456789abcdef\nX-Sdk-Date: 20261121T093846Z\nHost: 127.0.0.1:18080\nAuthorization: SDK-HMAC-SHA256 Access=TESTAK0123456789, SignedHeaders=content-type;host;user-agent;x-project-id;x-sdk-date, Signature=f36804afa94a8c9e8f4a687cf96fc0be31be79cd053b86a99fc4d28ad5e55792\nContent-Length: 58\n",
     std::string_view("{\"stream_name\": \"cap_stream\", \"target_partition_count\": 2}", 58)},
    // C
    {"DELETE", "/v2/0123456789abcdef0123456789abcdef/checkpoints?app_name=cap_app&checkpoint_type=LAST_READ&stream_name=cap_stream",
     "User-Agent: huaweicloud-usdk-python/3.0; os/Linux##1_SMP_PREEMPT_DYNAMIC_@0#x86_64 python/3.11.2 impl/CPython; app/cc970c7c-7ebf-4883-bc2e-70ad57ee917a\nContent-Type: application/json\nX-Project-Id: 0123456789abcdef0123456789abcdef\nX-Sdk-Date: 20261121T093847Z\nHost: 127.0.0.1:18080\nAuthorization: SDK-HMAC-SHA256 Access=TESTAK0123456789, SignedHeaders=content-type;host;user-agent;x-project-id;x-sdk-date, Signature=73cf7f712d5e4cdc047cf10cddf8c1756cbe0405a9fc623d1c57c35989264023\nContent-Length: 0\n",
     std::string_view("", 0)},
    // C
    {"DELETE", "/v2/0123456789abcdef0123456789abcdef/apps/cap_app",
     "User-Agent: huaweicloud-usdk-python/3.0; os/Linux##1_SMP_PREEMPT_DYNAMIC_@0#x86_64 python/3.11.2 impl/CPython; app/cc970c7c-7ebf-4883-bc2e-70ad57ee917a\nContent-Type: application/json\nX-Project-Id: 0123456789abcdef0123456789abcdef\nX-Sdk-Date: 20261121T093847Z\nHost: 127.0.0.1:18080\nAuthorization: SDK-HMAC-SHA256 Access=TESTAK0123456789, SignedHeaders=content-type;host;user-agent;x-project-id;x-sdk-date, Signature=329567e035ac17892b66d3acda50513ae164a0a3ed2e7d83aa02a7308d7063ee\nContent-Length: 0\n",
     std::string_view("", 0)},
    // C
    {"DELETE", "/v2/0123456789abcdef0123456789abcdef/streams/cap_stream",
     "User-Agent: huaweicloud-usdk-python/3.0; os/Linux##1_SMP_PREEMPT_DYNAMIC_@0#x86_64 python/3.11.2 impl/CPython; app/cc970c7c-7ebf-4883-bc2e-70ad57ee917a\nContent-Type: application/json\nX-Project-Id: 0123456789abcdef0123456789abcdef\nX-Sdk-Date: 20261121T093847Z\nHost: 127.0.0.1:18080\nAuthorization: SDK-HMAC-SHA256 Access=TESTAK0123456789, SignedHeaders=content-type;host;user-agent;x-project-id;x-sdk-date, Signature=caaaea4848a3f1d1e2f9572f22c0cfcae4a52d6aaff720c1d9cb7ea77bbbe1c2\nContent-Length: 0\n",
     std::string_view("", 0)},
};

}  // namespace disd::auth::testing
