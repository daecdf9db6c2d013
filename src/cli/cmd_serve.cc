// trygg serve: migrate the database, then run the HTTP server until SIGINT/SIGTERM.
#include <chrono>
#include <cstdlib>
#include <iostream>
#include <thread>

#include "app/app.h"
#include "app/background.h"
#include "cli/common.h"
#include "core/clock.h"
#include "core/time.h"
#include "http/api.h"
#include "http/log.h"
#include "http/server.h"
#include "mail/smtp_sender.h"

namespace trygg::cli {

int RunServe(const Args& args) {
  const std::vector<FlagSpec> spec = {
      DbFlag(),
      {"host", "HOST", "address to listen on (default 127.0.0.1)"},
      {"port", "PORT", "port to listen on, 0 for any free one (default $TRYGG_PORT or 8080)"},
      {"web", "DIR", "directory of the built web app (default web/dist)"},
      {"threads", "N", "server threads (default 2)"},
      {"secure-cookies", "", "mark the session cookie Secure (behind TLS)"},
      {"smtp-host", "HOST",
       "send e-mail notifications through this SMTP server (default: no e-mail)"},
      {"smtp-port", "PORT", "the SMTP server's port (default 25)"},
      {"mail-from", "ADDRESS", "the sender of e-mail notifications (default trygg@localhost)"},
      {"public-url", "URL", "Trygg's address as users reach it, for links in e-mails"},
      {"reminder-interval", "SECONDS",
       "how often reminders, escalations and e-mail run (default 60)"},
      PseudonymKeyFlag(),
  };
  Flags flags;
  if (auto exit = ParseFlags(args, spec, "serve [options]",
                             "Runs the Trygg web server. Migrates the database first.", &flags)) {
    return *exit;
  }
  long long default_port = 8080;
  if (const char* env = std::getenv("TRYGG_PORT"); env && *env) {
    default_port = std::atoll(env);
    if (default_port < 0 || default_port > 65535) {
      std::cerr << "trygg serve: TRYGG_PORT must be 0–65535\n";
      return 2;
    }
  }
  Result<long long> port = flags.GetInt("port", default_port, 0, 65535);
  Result<long long> threads = flags.GetInt("threads", 2, 1, 64);
  Result<long long> smtp_port = flags.GetInt("smtp-port", 25, 1, 65535);
  Result<long long> interval = flags.GetInt("reminder-interval", 60, 1, 86400);
  for (const Status& s : {port.status(), threads.status(), smtp_port.status(), interval.status()}) {
    if (!s.ok()) {
      std::cerr << "trygg serve: " << s.detail() << "\n";
      return 2;
    }
  }

  Result<std::string> pseudonym_key = PseudonymKey(flags);
  if (!pseudonym_key.ok()) return Fail("serve", pseudonym_key.status());

  Result<std::unique_ptr<Store>> store = OpenMigrated(flags);
  if (!store.ok()) return Fail("serve", store.status());

  SystemClock clock;
  AppConfig app_config;
  app_config.pseudonym_key = std::move(pseudonym_key).value();
  if (app_config.pseudonym_key.empty()) {
    LogLine(
        "no pseudonymisation key (--pseudonym-key-file): identifiers of people are refused "
        "until a key is configured (make one with `trygg keygen FILE`)");
  }
  std::unique_ptr<SmtpSender> mailer;
  if (std::optional<std::string> smtp = flags.Get("smtp-host")) {
    app_config.mail.enabled = true;
    app_config.mail.from = flags.Get("mail-from").value_or("trygg@localhost");
    app_config.mail.public_url = flags.Get("public-url").value_or("");
    SmtpConfig smtp_config;
    smtp_config.host = *smtp;
    smtp_config.port = static_cast<int>(*smtp_port);
    mailer = std::make_unique<SmtpSender>(smtp_config);
  }
  App app(**store, clock, app_config);
  // The statistics index: every incident's facts in memory before listening;
  // facts for incidents stored before schema 5 are written meanwhile (a scan
  // of every incident, seconds at 10M) and reach the index with the next
  // query. Only counts and timing are logged.
  {
    const auto started = std::chrono::steady_clock::now();
    Status loaded = app.stats().LoadIndex();
    if (!loaded.ok()) return Fail("serve", loaded);
    const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                        std::chrono::steady_clock::now() - started)
                        .count();
    LogLine("statistics index: " + std::to_string(app.stats().index().size()) + " incidents in " +
            std::to_string(ms) + " ms");
  }
  // Reminders, escalations and e-mail: state lives in the database, so a
  // restart neither loses nor repeats one (app/reminders.h, app/mail_outbox.h).
  BackgroundJobs jobs(app, mailer.get(), *interval * kMsPerSecond,
                      [](const std::string& line) { LogLine(line); });
  jobs.Start();
  // The HttpApi before the alarm jobs: it gives the hub its message format
  // before the hub's thread starts.
  ApiConfig api_config;
  api_config.web_dir = flags.Get("web").value_or("web/dist");
  api_config.secure_cookies = flags.Get("secure-cookies") == "true";
  HttpApi api(app, api_config);
  // The panic alarm: fan-out to this process's screens (woken by local writes
  // at once, by other processes' NOTIFY, else every second) and escalation
  // every second.
  AlarmJobs alarm_jobs(app, kMsPerSecond, [](const std::string& line) { LogLine(line); });
  alarm_jobs.Start();
  std::thread backfill([&app] {
    Result<int64_t> written = app.stats().Backfill();
    if (!written.ok()) {
      LogLine("statistics backfill failed: " + written.status().reason());
    } else if (*written > 0) {
      LogLine("statistics backfill: " + std::to_string(*written) + " incidents");
    }
  });

  ServerConfig server_config;
  server_config.host = flags.Get("host").value_or("127.0.0.1");
  server_config.port = static_cast<uint16_t>(*port);
  server_config.threads = static_cast<int>(*threads);
  Status served = RunServer(api, server_config);
  backfill.join();
  alarm_jobs.Stop();
  jobs.Stop();
  if (!served.ok()) return Fail("serve", served);
  return 0;
}

}  // namespace trygg::cli
