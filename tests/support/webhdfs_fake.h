// WebHdfsFake: a strict, in-process WebHDFS server for the MRS sink tests (no HDFS runs on
// Debian). Two listeners on random loopback ports, a NameNode and a DataNode, share an
// in-memory file system and enforce what a real (simple-auth, Hadoop 2/3) cluster enforces:
//  - `user.name` on every request (else 401 SecurityException);
//  - CREATE (PUT) / APPEND (POST) / OPEN (GET) on the NameNode answer 307 with a Location on
//    the DataNode (or 200 {"Location"} with noredirect=true) and never take data: a body
//    sent to the NameNode step is 400 IllegalArgumentException;
//  - the DataNode takes data only with the NameNode's redirect parameters
//    (namenoderpcaddress, else 400) and `Content-Type: application/octet-stream`
//    (stricter than Hadoop, which does not look); CREATE answers 201, APPEND 200;
//  - overwrite=false on an existing file, or CREATE over a directory, is 403
//    FileAlreadyExistsException; missing parents are created; a file as a parent is 403
//    ParentNotDirectoryException;
//  - MKDIRS, RENAME (false when the source is missing, the destination exists as a file or
//    its parent is missing; into an existing directory it moves inside), GETFILESTATUS,
//    LISTSTATUS, DELETE (a non-empty directory needs recursive=true, else 403);
//  - an unknown op, or an op sent with the wrong method, is 400 IllegalArgumentException;
//  - errors are RemoteException JSON with Hadoop's status mapping (400/401/403/404/500).
// Every request is recorded (listener, method, decoded path, op, params, body, status).
// The APPEND single-writer lease is not modelled (requests are handled one at a time).
//
// Controls: Stop()/Start() (the same ports again), and a fault switch.
//
// Thread-safety: the servers run on a background thread; every public method may be
// called from any thread (state is guarded by a mutex).
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace disd::test {

class WebHdfsFake {
 public:
  struct Request {
    std::string node;  // "NN" or "DN"
    std::string method;
    std::string path;  // the decoded HDFS path ("/user/x")
    std::string op;
    std::map<std::string, std::string> params;  // decoded query parameters (op included)
    std::string body;
    std::string content_type;
    int status = 0;  // what the fake answered (0: hung up without answering)

    // "NN PUT CREATE /a/b -> 307", for sequence assertions.
    std::string Summary() const;
  };

  enum class Fault {
    kNone,
    kNameNodeFails,    // every NameNode request: 500 RuntimeException
    kNameNodeHangsUp,  // the NameNode closes each connection without answering
    kDataNodeFails,    // every DataNode request: 500 RuntimeException
  };

  WebHdfsFake();
  ~WebHdfsFake();
  WebHdfsFake(const WebHdfsFake&) = delete;
  WebHdfsFake& operator=(const WebHdfsFake&) = delete;

  // Starts both listeners (random ports the first time, the same ports after a Stop).
  // False with `why` set when a listener cannot bind.
  bool Start(std::string* why);
  // Closes both listeners and every open connection; the file system is kept.
  void Stop();
  bool running() const;

  std::uint16_t namenode_port() const;
  std::uint16_t datanode_port() const;
  // "http://127.0.0.1:<namenode port>".
  std::string namenode_url() const;

  void SetFault(Fault fault);

  std::vector<Request> Requests() const;
  // Summary() of every request, in arrival order.
  std::vector<std::string> Trace() const;
  void ClearRequests();

  // The file system: regular files by absolute path, and directories.
  std::map<std::string, std::string> Files() const;
  std::set<std::string> Directories() const;
  std::optional<std::string> File(const std::string& path) const;
  // Test setup: a file or directory (parents created).
  void PutFile(const std::string& path, const std::string& content);
  void MakeDirectory(const std::string& path);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace disd::test
