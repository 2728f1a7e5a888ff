// The HTTP side: cpp-httplib with one dispatcher over an exact path table
// (nothing is served from disk, so no path can name a file), the security
// headers on every response, and a clean stop on SIGINT/SIGTERM.
#include "tools/serve/server.h"

#include <httplib.h>
#include <pthread.h>
#include <signal.h>
#include <sys/socket.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <map>
#include <thread>

#include "tools/serve/html.h"
#include "tools/serve/views.h"

namespace concord::serve {
namespace {

using cli::OutputFormat;
using View = std::function<Reply(SearcherPool&, const Params&)>;

const char* const kPolicy =
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
    "form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

std::map<std::string, View> Views() {
  const auto asset = [](const char* type, const char* text) {
    return [type, text](SearcherPool&, const Params&) {
      Reply r;
      r.type = type;
      r.body = text;
      r.headers.emplace_back("Cache-Control", "max-age=300");
      return r;
    };
  };
  return {
      {"/", SearchPage},
      {"/mentions", MentionsPage},
      {"/doc", DocPage},
      {"/chart.svg", ChartReply},
      {"/search.jsonl", [](SearcherPool& p, const Params& q) { return SearchApi(p, q, true); }},
      {"/mentions.csv",
       [](SearcherPool& p, const Params& q) { return MentionsDownload(p, q, OutputFormat::kCsv); }},
      {"/mentions.jsonl",
       [](SearcherPool& p, const Params& q) {
         return MentionsDownload(p, q, OutputFormat::kJsonl);
       }},
      {"/counts.csv",
       [](SearcherPool& p, const Params& q) { return CountsApi(p, q, OutputFormat::kCsv); }},
      {"/api/search", [](SearcherPool& p, const Params& q) { return SearchApi(p, q, false); }},
      {"/api/mentions", MentionsApi},
      {"/api/counts",
       [](SearcherPool& p, const Params& q) { return CountsApi(p, q, OutputFormat::kJson); }},
      {"/api/explain", ExplainApi},
      {"/static/page.css", asset("text/css; charset=utf-8", kPageCss)},
      {"/static/page.js", asset("text/javascript; charset=utf-8", kPageJs)},
  };
}

void Send(Reply reply, httplib::Response& res) {
  res.status = reply.status;
  for (const auto& [k, v] : reply.headers) res.set_header(k, v);
  if (!reply.stream) {
    res.set_content(reply.body, reply.type);
    return;
  }
  res.set_chunked_content_provider(
      reply.type, [stream = std::move(reply.stream)](std::size_t, httplib::DataSink& sink) {
        Status s = stream([&](std::string_view piece) {
          return piece.empty() || sink.write(piece.data(), piece.size());
        });
        if (!s.ok()) {
          // Headers are sent: the only honest signal left is a cut stream.
          if (s.code() != Code::kCancelled) {
            std::cerr << "concord-serve: download failed: " << s.message() << "\n";
          }
          return false;
        }
        sink.done();
        return true;
      });
}

const char* StatusText(int status) {
  switch (status) {
    case 400:
      return "Bad Request";
    case 403:
      return "Forbidden";
    case 404:
      return "Not Found";
    case 405:
      return "Method Not Allowed";
    case 413:
      return "Payload Too Large";
    case 414:
      return "URI Too Long";
    case 431:
      return "Request Header Fields Too Large";
    case 500:
      return "Internal Server Error";
    default:
      return status >= 500 ? "Server Error" : "Error";
  }
}

bool IsLoopback(const std::string& host) {
  return host == "127.0.0.1" || host == "localhost" || host == "::1" || host.rfind("127.", 0) == 0;
}

// A page on a loopback address answers only to loopback names, so a web
// page elsewhere cannot read the archive by pointing its own domain name
// at 127.0.0.1 (DNS rebinding).
bool HostAllowed(const std::string& listen, int port, const httplib::Request& req) {
  if (!IsLoopback(listen)) return true;
  const std::string host = req.get_header_value("Host");
  const std::string p = ":" + std::to_string(port);
  for (const char* name : {"127.0.0.1", "localhost", "[::1]"}) {
    if (host == name || host == name + p) return true;
  }
  return host == listen + p || host == listen;
}

// REQUIRES: svr is bound to `port` (the Host check needs it).
void Configure(httplib::Server& svr, SearcherPool& pool, const std::string& listen, int port) {
  svr.set_default_headers({{"Content-Security-Policy", kPolicy},
                           {"X-Content-Type-Options", "nosniff"},
                           {"Referrer-Policy", "no-referrer"},
                           {"X-Frame-Options", "DENY"}});
  svr.set_payload_max_length(4096);  // GET and HEAD only: no request has a body
  svr.set_read_timeout(10);
  svr.set_write_timeout(60);
  svr.set_keep_alive_timeout(5);
  svr.set_pre_routing_handler([listen, port](const httplib::Request& req, httplib::Response& res) {
    if (req.method != "GET" && req.method != "HEAD") {
      res.set_header("Allow", "GET, HEAD");
      Send(ErrorPage(405, "Only GET and HEAD: this server is read-only."), res);
      return httplib::Server::HandlerResponse::Handled;
    }
    if (!HostAllowed(listen, port, req)) {
      Send(ErrorPage(403, "This server answers to 127.0.0.1 and localhost only."), res);
      return httplib::Server::HandlerResponse::Handled;
    }
    return httplib::Server::HandlerResponse::Unhandled;
  });
  auto views = std::make_shared<std::map<std::string, View>>(Views());
  svr.Get(".*", [views, &pool](const httplib::Request& req, httplib::Response& res) {
    auto it = views->find(req.path);
    if (it == views->end()) {
      Send(ErrorPage(404, "No page at this address."), res);
      return;
    }
    Send(it->second(pool, Params(req.params.begin(), req.params.end())), res);
  });
  // Errors the library answers itself (414 URI too long, 400 unreadable
  // request) get a page too; a view's own error body is left as it is.
  svr.set_error_handler(
      httplib::Server::HandlerWithResponse([](const httplib::Request&, httplib::Response& res) {
        if (!res.body.empty()) {
          return httplib::Server::HandlerResponse::Unhandled;
        }
        Send(ErrorPage(res.status, StatusText(res.status)), res);
        return httplib::Server::HandlerResponse::Handled;
      }));
  svr.set_exception_handler(
      [](const httplib::Request&, httplib::Response& res, std::exception_ptr) {
        Send(ErrorPage(500, "Internal error."), res);
      });
  svr.set_logger([](const httplib::Request& req, const httplib::Response& res) {
    if (res.status >= 500) {
      std::cerr << "concord-serve: " << req.method << " " << req.path << ": " << res.status << "\n";
    }
  });
}

}  // namespace

Reply ErrorPage(int http_status, const std::string& message) {
  Reply reply;
  reply.status = http_status;
  const std::string title = std::to_string(http_status) + " " + StatusText(http_status);
  reply.body = PageStart(title, "") + "<h1>" + Html(title) + "</h1><p>" + Html(message) +
               "</p><p><a href=\"/\">Search</a></p>" + PageEnd();
  return reply;
}

namespace {

Status LoadDictionaries(const ServeConfig& config, EntityDictionary* dictionary) {
  if (auto s = dictionary->LoadBuiltin(); !s.ok()) return s;
  dictionary->EnableHistoricalNames(config.historical_names);
  for (const std::string& f : config.entity_files) {
    std::vector<std::string> problems;
    if (auto s = dictionary->LoadFile(f, &problems); !s.ok()) return s;
    for (const std::string& p : problems) std::cerr << "concord-serve: warning: " << p << "\n";
  }
  return Status();
}

// Opens the first Searcher, so that a database that cannot be opened stops
// the program at start, and says what concord-search would warn about.
Status OpenDatabases(SearcherPool& pool) {
  SearcherPool::Lease first;
  if (auto s = pool.Open(&first); !s.ok()) return s;
  for (const std::string& note : first->DuplicateDatabases()) {
    std::cerr << "concord-serve: note: " << note << "\n";
  }
  for (const std::string& w : first->Warnings()) {
    std::cerr << "concord-serve: warning: " << w << "\n";
  }
  if (first->DictionariesDiffer()) {
    std::cerr << "concord-serve: warning: the entity dictionaries differ from those the "
                 "database was tagged with; run concord-index --retag\n";
  }
  return Status();
}

// The port bound (config.port, or any free one for 0), or an error.
Status Bind(const ServeConfig& config, httplib::Server& svr, int* port) {
  // SO_REUSEADDR only: httplib's default also sets SO_REUSEPORT, with which
  // a second server on a port in use would share it instead of failing.
  svr.set_socket_options([](socket_t sock) {
    int yes = 1;
    setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
  });
  errno = 0;
  *port = config.port;
  if (config.port == 0) {
    *port = svr.bind_to_any_port(config.listen);
  } else if (!svr.bind_to_port(config.listen, config.port)) {
    *port = -1;
  }
  if (*port >= 0) return Status();
  return Status(Code::kIo, "cannot listen on " + config.listen + " port " +
                               std::to_string(config.port) +
                               (errno ? std::string(": ") + std::strerror(errno) : ""));
}

// Serves until SIGINT or SIGTERM. The signals are taken by one thread
// (sigwait), never by a handler: stopping the server is not
// async-signal-safe. REQUIRES: they are blocked in every thread.
bool ServeUntilSignal(httplib::Server& svr, const sigset_t& stop_signals) {
  std::atomic<bool> signalled{false}, done{false};
  std::thread waiter([&] {
    int sig = 0;
    sigwait(&stop_signals, &sig);
    if (done) return;  // woken by the main thread: the server has stopped
    signalled = true;
    // stop() only acts on a running server: wait for listen to have begun.
    while (!svr.is_running() && !done) std::this_thread::sleep_for(std::chrono::milliseconds(5));
    svr.stop();
  });
  svr.listen_after_bind();
  done = true;
  if (!signalled) pthread_kill(waiter.native_handle(), SIGTERM);
  waiter.join();
  return signalled;
}

}  // namespace

int RunServer(const ServeConfig& config) {
  const auto fail = [](const Status& s) {
    std::cerr << "concord-serve: " << s.message() << "\n";
    return 2;
  };
  EntityDictionary dictionary;
  if (auto s = LoadDictionaries(config, &dictionary); !s.ok()) return fail(s);
  std::vector<std::string> dbs = config.dbs;
  if (dbs.empty()) {
    const char* env = std::getenv("CONCORD_DB");
    dbs = {env && *env ? env : "concord.db"};
  }
  SearcherPool pool(dbs, &dictionary);
  if (auto s = OpenDatabases(pool); !s.ok()) return fail(s);

  // Blocked before any thread starts, so that every thread inherits it.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
  signal(SIGPIPE, SIG_IGN);  // a client that goes away is not a reason to die

  httplib::Server svr;
  int port = 0;
  if (auto s = Bind(config, svr, &port); !s.ok()) return fail(s);
  Configure(svr, pool, config.listen, port);
  const bool v6 = config.listen.find(':') != std::string::npos;
  std::cout << "concord-serve: listening on http://" << (v6 ? "[" : "") << config.listen
            << (v6 ? "]" : "") << ":" << port << "/" << std::endl;
  if (!ServeUntilSignal(svr, stop_signals)) {
    return fail(Status(Code::kIo, "the server stopped without being asked to"));
  }
  return 0;
}

}  // namespace concord::serve
