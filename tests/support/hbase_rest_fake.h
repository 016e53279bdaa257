// HBaseRestFake: an in-process, strict stand-in for an HBase REST ("Stargate") gateway, for
// the CloudTable HBase sink tests (no HBase exists in Debian). It listens on 127.0.0.1 on a
// random free port and enforces what the real gateway does for the calls the sink makes:
//  - tables with column families, made by the test (CreateTable) or by `PUT|POST
//    /<table>/schema` (JSON {"name":..,"ColumnSchema":[{"name":"cf"},..]}: 201 created,
//    200 updated); `DELETE /<table>/schema` drops the table;
//  - `GET /<table>/schema` with Accept application/json: {"name":..,"ColumnSchema":[..],
//    "IS_META":"false"}; 404 "Not found" for an unknown table;
//  - cell `PUT|POST /<table>/<row>`: Content-Type must be application/json (else 415);
//    the body must be a cell set {"Row":[{"key":B64,"Cell":[{"column":B64,
//    "timestamp":N,"$":B64}]}]} with valid standard Base64 and "family:qualifier" columns
//    (else 400); an unknown table, or a column family the table lacks, is 404 "Not found"
//    with NoSuchColumnFamilyException, as HBase's ResourceBase maps it; nothing of a
//    refused request is applied; success is 200 with an empty body. A cell without a
//    timestamp gets the fake's wall-clock time, like HBase's LATEST_TIMESTAMP;
//  - `GET /<table>/<row>` with Accept application/json: the row's latest version of each
//    cell in the same JSON shape (columns sorted); 404 for an unknown table or row; an
//    Accept without application/json is 406.
// Every version ever written is kept (Versions), so a test can tell a rewrite of the same
// version (one version) from a duplicate write (two). Every request is recorded.
// Stop() closes the listener and every connection; Start() again listens on the same port.
// FailWith(status) answers every request with that status until FailWith(0).
//
// Thread-safety: all public methods may be called from any thread; the server runs on its
// own thread and shares the state under a mutex.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace disd::test {

class HBaseRestFake {
 public:
  struct Request {
    std::string method;
    std::string target;
    std::string content_type;
    std::string accept;
    std::string body;
    int status = 0;  // what the fake answered
  };
  // column ("family:qualifier") → timestamp → value, for one row.
  using RowVersions = std::map<std::string, std::map<std::int64_t, std::string>>;

  HBaseRestFake();
  ~HBaseRestFake();
  HBaseRestFake(const HBaseRestFake&) = delete;
  HBaseRestFake& operator=(const HBaseRestFake&) = delete;

  // Listens (the first time on a free port, later on the same one). False with `why` when
  // it cannot.
  bool Start(std::string* why);
  void Stop();

  std::uint16_t port() const;
  std::string url() const;  // "http://127.0.0.1:PORT"

  void CreateTable(const std::string& table, const std::vector<std::string>& families);
  void DropTable(const std::string& table);
  void FailWith(int status);

  // Every version of every cell of `row` (empty when the table or row does not exist).
  RowVersions Versions(const std::string& table, const std::string& row) const;
  // The row keys of `table`, sorted.
  std::vector<std::string> Rows(const std::string& table) const;
  std::vector<Request> Requests() const;
  void ClearRequests();

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace disd::test
