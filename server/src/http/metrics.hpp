// Metrics: request counters and latency histograms by route, plus gauges read at scrape time,
// rendered in the Prometheus text exposition format (version 0.0.4) for GET /metrics.
//
// Labels are route patterns, methods, status codes and other bounded sets we choose — never raw
// paths, ids or anything a client typed, so no personal data can reach a metric and the number
// of series stays bounded. All methods are thread-safe.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "http/message.hpp"

namespace hearth::http {

class Metrics {
 public:
  // Upper bounds of the latency buckets in seconds (+Inf is implied).
  static constexpr std::array<double, 12> kLatencyBuckets = {
      0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 5.0};

  void observe_request(std::string_view route, Method method, int status, double seconds);
  // Counts a named event from a fixed, code-defined set (e.g. a CSP directive we know).
  void count_event(std::string_view name, std::string_view label);

  // A value sampled when /metrics is rendered (open connections, pool use).
  void add_gauge(std::string name, std::string help, std::function<double()> sample);
  // A count kept elsewhere that only goes up (commits shared by the store), read the same way
  // but typed as a counter, so that rate() works on it.
  void add_counter(std::string name, std::string help, std::function<double()> sample);

  std::string render() const;

 private:
  struct Histogram {
    std::array<std::uint64_t, kLatencyBuckets.size()> buckets{};
    std::uint64_t count = 0;
    double sum = 0;
  };
  // Everything counted for one route pattern; the vectors hold a handful of entries (methods and
  // statuses seen), so a linear scan beats a map and allocates nothing once warm.
  struct RouteStats {
    struct Count {
      Method method;
      int status;
      std::uint64_t value;
    };
    std::vector<Count> counts;
    std::vector<std::pair<Method, Histogram>> latency;
  };
  struct Gauge {
    std::string name;
    std::string help;
    std::function<double()> sample;
    std::string_view type;  // "gauge" or "counter"
  };

  mutable std::mutex mutex_;
  std::map<std::string, RouteStats, std::less<>> routes_;  // transparent: no key copy on lookup
  std::map<std::pair<std::string, std::string>, std::uint64_t> events_;
  std::vector<Gauge> gauges_;
};

}  // namespace hearth::http
