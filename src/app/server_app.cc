#include "disd/app/server_app.h"

#include <spdlog/spdlog.h>

#include <chrono>

#include "disd/api/dis_api.h"
#include "disd/service/auto_scaler.h"
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

}  // namespace

ServerApp::ServerApp(const Config& config, std::shared_ptr<spdlog::logger> logger)
    : config_(config), logger_(std::move(logger)) {}

Result<std::unique_ptr<ServerApp>> ServerApp::Create(const Config& config,
                                                     std::shared_ptr<spdlog::logger> logger) {
  std::unique_ptr<ServerApp> app(new ServerApp(config, std::move(logger)));
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
  auto store = engine::OpenRocksStore(store_options, *app->clock_);
  if (!store.ok()) {
    return MakeError(store.error().code, "cannot open the store in " + config.storage.data_dir +
                                             ": " + store.error().detail);
  }
  app->store_ = std::move(*store);
  app->sweeper_ = std::make_unique<engine::RetentionSweeper>(app->store_->catalog(),
                                                             app->store_->log(), *app->clock_);
  app->services_ = std::make_unique<service::DisServices>(
      app->store_->catalog(), app->store_->log(), *app->clock_, app->ids_, config.streams);

  app->auth_ = std::make_unique<auth::AuthService>(config.auth, *app->clock_);

  api::ApiOptions api_options;
  api_options.manual_clock = app->manual_clock_;
  api_options.max_decoded_body_bytes = static_cast<std::size_t>(config.server.max_body_bytes);
  api_options.token_issuer = app->auth_.get();
  ServerApp* raw = app.get();
  api_options.after_clock_advance = [raw] { raw->RunRetention(); };
  app->api_ = api::MakeDisApi(*app->services_, *app->auth_, std::move(api_options));
  app->server_ = std::make_unique<net::HttpServer>(ToServerOptions(config), *app->api_, app->ids_,
                                                   app->logger_);
  return app;
}

ServerApp::~ServerApp() {
  Stop();
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
  }
  return Status::Ok();
}

std::string ServerApp::LocalEndpoint() const { return server_->LocalEndpoint(); }

std::string ServerApp::TlsLocalEndpoint() const { return server_->TlsLocalEndpoint(); }

void ServerApp::Stop() {
  if (server_) server_->Stop();  // null only when Create failed part-way
  if (retention_thread_.joinable()) {
    retention_thread_.request_stop();  // wakes the condition-variable wait
    retention_thread_.join();
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
