#include "disd/app/server_app.h"

#include <spdlog/spdlog.h>

#include <chrono>
#include <cstdlib>
#include <thread>

#include "app/dump_setup.h"
#include "app/ops_metrics.h"
#include "disd/api/dis_api.h"
#include "disd/service/auto_scaler.h"
#include "disd/service/metrics_service.h"
#include "disd/service/quota_service.h"
#include "disd/service/transfer_task_service.h"
#include "disd/net/listen_address.h"

namespace disd::app {
namespace {

net::HttpServerOptions ToServerOptions(const Config& config) {
  const ServerSettings& s = config.server;
  net::HttpServerOptions o;
  o.listen = s.listen;
  o.tls = {s.tls.listen, s.tls.cert_file, s.tls.key_file};
  o.io_threads = static_cast<std::size_t>(s.io_threads);
  o.worker_threads = static_cast<std::size_t>(s.worker_threads);
  o.worker_queue_limit = static_cast<std::size_t>(s.worker_queue_limit);
  o.max_body_bytes = static_cast<std::size_t>(s.max_body_bytes);
  o.max_header_bytes = static_cast<std::size_t>(s.max_header_bytes);
  o.read_timeout = std::chrono::milliseconds(s.read_timeout_ms);
  o.write_timeout = std::chrono::milliseconds(s.write_timeout_ms);
  o.idle_timeout = std::chrono::milliseconds(s.idle_timeout_ms);
  o.max_connections = static_cast<std::size_t>(s.max_connections);
  o.shutdown_grace = std::chrono::milliseconds(s.shutdown_grace_ms);
  o.access_log = config.log.access_log;
  return o;
}

// RocksDB's answer when another process (or this one) holds the data directory's LOCK.
bool IsLockHeld(const Error& error) { return error.detail.find("lock") != std::string::npos; }

}  // namespace

ServerApp::ServerApp(const Config& config, std::shared_ptr<spdlog::logger> logger)
    : config_(config), logger_(std::move(logger)) {}

Result<std::unique_ptr<ServerApp>> ServerApp::Create(const Config& config,
                                                     std::shared_ptr<spdlog::logger> logger,
                                                     OpsServer* ops) {
  std::unique_ptr<ServerApp> app(new ServerApp(config, std::move(logger)));
  app->ops_ = ops;
  if (config.clock.mode == ClockMode::kManual) {
    const std::int64_t start = config.clock.start_ms.value_or(SystemClock().NowMs());
    auto manual = std::make_unique<ManualClock>(start);
    app->manual_clock_ = manual.get();
    app->clock_ = std::move(manual);
  } else {
    app->clock_ = std::make_unique<SystemClock>();
  }

  engine::StoreOptions store_options;
  store_options.data_dir = config.storage.data_dir;
  store_options.durability = config.storage.durability;
  store_options.block_cache_bytes = static_cast<std::size_t>(config.storage.block_cache_mb) << 20;
  if (ops != nullptr) ops->SetStarting("opening the store in " + config.storage.data_dir);
  auto store = engine::OpenRocksStore(store_options, *app->clock_);
  // Another process may still hold the directory (e.g. the previous instance stopping):
  // wait for it up to storage.lock_wait_ms. Real time: the lock is an outside resource.
  const auto lock_deadline =
      std::chrono::steady_clock::now() + std::chrono::milliseconds(config.storage.lock_wait_ms);
  while (!store.ok() && IsLockHeld(store.error()) &&
         std::chrono::steady_clock::now() < lock_deadline) {
    if (ops != nullptr) {
      ops->SetStarting("waiting for the lock of the store in " + config.storage.data_dir);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    store = engine::OpenRocksStore(store_options, *app->clock_);
  }
  if (!store.ok()) {
    return MakeError(store.error().code, "cannot open the store in " + config.storage.data_dir +
                                             ": " + store.error().detail);
  }
  app->store_ = std::move(*store);
  app->sweeper_ = std::make_unique<engine::RetentionSweeper>(app->store_->catalog(),
                                                             app->store_->log(), *app->clock_);
  auto secrets_key = LoadOrCreateSecretsKey(config.storage.data_dir, config.dump.secrets_key_hex);
  if (!secrets_key.ok()) return secrets_key.error();
  app->destinations_ =
      std::make_unique<dump::DestinationRegistry>(config.destinations, std::move(*secrets_key));
  CreateConfiguredBuckets(*app->destinations_, config.storage.data_dir, *app->logger_);
  service::TransferTaskOptions task_options;
  task_options.max_tasks_per_stream = static_cast<std::size_t>(config.dump.max_tasks_per_stream);
  task_options.data_dir = config.storage.data_dir;
  app->services_ = std::make_unique<service::DisServices>(
      app->store_->catalog(), app->store_->log(), *app->clock_, app->ids_, config.streams,
      app->store_->metrics(), *app->destinations_, task_options);

  app->services_->quotas().SetTransferTaskQuota(config.dump.max_tasks_per_stream);
  dump::DeliveryOptions delivery_options = config.dump.delivery;
  delivery_options.logger = app->logger_;
  // Test-only fault (docs/dump-tasks.md): exit between a sink write and its offset commit.
  delivery_options.crash_after_sink_write =
      std::getenv("DISD_FAULT_CRASH_AFTER_SINK_WRITE") != nullptr;
  app->delivery_ = dump::MakeDeliveryScheduler(app->store_->catalog(), app->store_->log(),
                                               *app->clock_, *app->destinations_,
                                               config.storage.data_dir, delivery_options);

  app->auth_ = std::make_unique<auth::AuthService>(config.auth, *app->clock_);
  app->request_metrics_ = std::make_unique<api::RequestMetrics>();

  api::ApiOptions api_options;
  api_options.manual_clock = app->manual_clock_;
  api_options.max_decoded_body_bytes = static_cast<std::size_t>(config.server.max_body_bytes);
  api_options.token_issuer = app->auth_.get();
  api_options.request_metrics = app->request_metrics_.get();
  ServerApp* raw = app.get();
  api_options.after_clock_advance = [raw] {
    raw->RunRetention();
    raw->RunDelivery();  // after retention, so records it expired count as discarded
    raw->RunMetricsMaintenance();
  };
  app->api_ = api::MakeDisApi(*app->services_, *app->auth_, std::move(api_options));
  app->server_ = std::make_unique<net::HttpServer>(ToServerOptions(config), *app->api_, app->ids_,
                                                   app->logger_);
  if (ops != nullptr) {
    ops->SetStarting("the DIS listener is not open yet");
    ops->SetCollector([raw](PrometheusText& out) {
      OpsMetricSources sources;
      sources.store = raw->store_.get();
      sources.services = raw->services_.get();
      sources.server = raw->server_.get();
      sources.requests = raw->request_metrics_.get();
      sources.worker_queue_limit = static_cast<std::size_t>(raw->config_.server.worker_queue_limit);
      sources.dump_scheduler = raw->delivery_.get();
      AppendDisdMetrics(out, sources);
    });
  }
  return app;
}

ServerApp::~ServerApp() {
  Stop();
  // Unhooked before any member goes; waits for a scrape in progress.
  if (ops_ != nullptr) ops_->SetCollector(nullptr);
  // Members are destroyed in reverse declaration order: server, API, services, sweeper,
  // and the store (flushed and closed) last but for the clock.
}

Status ServerApp::Start() {
  DISD_RETURN_IF_ERROR(server_->Start());
  const std::string endpoint = server_->LocalEndpoint();
  const std::string tls_endpoint = server_->TlsLocalEndpoint();
  const bool open_auth = config_.auth.mode == AuthMode::kOpen;
  logger_->info(
      "disd {} listening on {}{}{} data_dir={} mode={} auth={} users={} clock={} durability={}",
      DISD_VERSION, endpoint, tls_endpoint.empty() ? "" : " and https://", tls_endpoint,
      config_.storage.data_dir, open_auth ? "emulator" : "service", ToString(config_.auth.mode),
      config_.auth.users.size(), ToString(config_.clock.mode),
      ToString(config_.storage.durability));
  for (const std::string& listening : {endpoint, tls_endpoint}) {
    auto address = net::ParseListenAddress(listening);
    if (open_auth && address.ok() && !net::IsLoopbackHost(address->host)) {
      logger_->warn(
          "*** auth.mode is \"open\" and disd listens on {}, which is not a loopback address: "
          "anyone who can reach it can read, write and delete every stream without "
          "credentials ***",
          listening);
    }
  }
  if (config_.clock.mode == ClockMode::kSystem) {
    retention_thread_ = std::jthread([this](std::stop_token stop) { RetentionLoop(stop); });
    metrics_thread_ = std::jthread([this](std::stop_token stop) { MetricsLoop(stop); });
    delivery_thread_ = std::jthread([this](std::stop_token stop) { DeliveryLoop(stop); });
  }
  if (ops_ != nullptr) ops_->SetReady();
  return Status::Ok();
}

std::string ServerApp::LocalEndpoint() const { return server_->LocalEndpoint(); }

std::string ServerApp::TlsLocalEndpoint() const { return server_->TlsLocalEndpoint(); }

void ServerApp::Stop() {
  if (ops_ != nullptr) ops_->SetStopping();
  if (server_) server_->Stop();  // null only when Create failed part-way
  if (retention_thread_.joinable()) {
    retention_thread_.request_stop();  // wakes the condition-variable wait
    retention_thread_.join();
  }
  if (metrics_thread_.joinable()) {
    metrics_thread_.request_stop();
    metrics_thread_.join();
  }
  if (delivery_thread_.joinable()) {
    delivery_thread_.request_stop();  // a round in progress finishes first
    delivery_thread_.join();
  }
  // No request runs any more: save the minute in progress so a restart loses nothing.
  if (services_) {
    if (Status flushed = services_->metrics().FlushAll(); !flushed.ok()) {
      logger_->error("saving the monitoring figures failed: {}", flushed.error().detail);
    }
  }
}

void ServerApp::RunDelivery() {
  const dump::DeliveryRoundStats stats = delivery_->RunOnce();
  if (stats.files_written > 0 || stats.failures > 0) {
    logger_->debug("delivery round: {} files, {} records, {} failures", stats.files_written,
                   stats.records_delivered, stats.failures);
  }
}

void ServerApp::DeliveryLoop(std::stop_token stop) {
  // Every second: a round only does the work that is due (deliver_time_interval, retry
  // backoff), so the tick just bounds how late a delivery can be. Its own thread, so a slow
  // sink never holds up retention or the metrics.
  constexpr auto kTick = std::chrono::seconds(1);
  std::unique_lock lock(delivery_mu_);
  for (;;) {
    delivery_cv_.wait_for(lock, stop, kTick, [] { return false; });
    if (stop.stop_requested()) return;
    lock.unlock();
    RunDelivery();
    lock.lock();
  }
}

void ServerApp::RunMetricsMaintenance() {
  if (Status s = services_->metrics().Maintain(); !s.ok()) {
    logger_->error("monitoring figures maintenance failed: {}", s.error().detail);
  }
}

void ServerApp::MetricsLoop(std::stop_token stop) {
  // Wakes just after every minute boundary of the clock, so a finished minute reaches the
  // store within about a second and a crash loses at most the minute in progress.
  std::unique_lock lock(metrics_mu_);
  for (;;) {
    const std::int64_t now = clock_->NowMs();
    const std::int64_t wait_ms = 60000 - (now % 60000) + 500;
    metrics_cv_.wait_for(lock, stop, std::chrono::milliseconds(wait_ms), [] { return false; });
    if (stop.stop_requested()) return;
    lock.unlock();
    RunMetricsMaintenance();
    lock.lock();
  }
}

void ServerApp::RunRetention() {
  auto report = sweeper_->RunOnce();
  if (!report.ok()) {
    logger_->error("retention sweep failed: {}", report.error().detail);
    return;
  }
  if (report->records_deleted > 0 || report->partitions_expired > 0) {
    logger_->info("retention sweep deleted {} records, expired {} partitions",
                  report->records_deleted, report->partitions_expired);
  }
}

void ServerApp::RetentionLoop(std::stop_token stop) {
  const auto interval = std::chrono::milliseconds(config_.retention_interval_ms);
  std::unique_lock lock(retention_mu_);
  for (;;) {
    // Returns early only when a stop is requested.
    retention_cv_.wait_for(lock, stop, interval, [] { return false; });
    if (stop.stop_requested()) return;
    lock.unlock();
    RunRetention();
    // The auto-scaler judges the last minute of traffic; the maintenance interval (one
    // minute by default) is its evaluation period on the system clock.
    services_->auto_scaler().RunOnce();
    lock.lock();
  }
}

}  // namespace disd::app
