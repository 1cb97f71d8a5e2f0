#include "http/metrics.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <iterator>

namespace hearth::http {

void Metrics::observe_request(std::string_view route, Method method, int status, double seconds) {
  std::lock_guard lock(mutex_);
  auto it = routes_.find(route);
  if (it == routes_.end()) it = routes_.emplace(std::string(route), RouteStats{}).first;
  RouteStats& stats = it->second;

  auto count = std::find_if(stats.counts.begin(), stats.counts.end(), [&](const auto& c) {
    return c.method == method && c.status == status;
  });
  if (count == stats.counts.end()) {
    stats.counts.push_back({method, status, 1});
  } else {
    ++count->value;
  }

  auto latency = std::find_if(stats.latency.begin(), stats.latency.end(),
                              [&](const auto& l) { return l.first == method; });
  if (latency == stats.latency.end()) {
    stats.latency.emplace_back(method, Histogram{});
    latency = std::prev(stats.latency.end());
  }
  Histogram& h = latency->second;
  for (std::size_t i = 0; i < kLatencyBuckets.size(); ++i) {
    if (seconds <= kLatencyBuckets[i]) ++h.buckets[i];
  }
  ++h.count;
  h.sum += seconds;
}

void Metrics::count_event(std::string_view name, std::string_view label) {
  std::lock_guard lock(mutex_);
  ++events_[{std::string(name), std::string(label)}];
}

void Metrics::add_gauge(std::string name, std::string help, std::function<double()> sample) {
  std::lock_guard lock(mutex_);
  gauges_.push_back(Gauge{std::move(name), std::move(help), std::move(sample), "gauge"});
}

void Metrics::add_counter(std::string name, std::string help, std::function<double()> sample) {
  std::lock_guard lock(mutex_);
  gauges_.push_back(Gauge{std::move(name), std::move(help), std::move(sample), "counter"});
}

std::string Metrics::render() const {
  std::lock_guard lock(mutex_);
  std::string out;
  out += "# HELP hearth_http_requests_total HTTP requests answered, by route pattern and status.\n";
  out += "# TYPE hearth_http_requests_total counter\n";
  for (const auto& [route, stats] : routes_) {
    for (const auto& c : stats.counts) {
      out +=
          fmt::format("hearth_http_requests_total{{route=\"{}\",method=\"{}\",status=\"{}\"}} {}\n",
                      route, method_name(c.method), c.status, c.value);
    }
  }
  out +=
      "# HELP hearth_http_request_duration_seconds Time from a complete request to its response.\n";
  out += "# TYPE hearth_http_request_duration_seconds histogram\n";
  for (const auto& [route, stats] : routes_) {
    for (const auto& [method, h] : stats.latency) {
      const auto labels = fmt::format("route=\"{}\",method=\"{}\"", route, method_name(method));
      for (std::size_t i = 0; i < kLatencyBuckets.size(); ++i) {
        out += fmt::format("hearth_http_request_duration_seconds_bucket{{{},le=\"{}\"}} {}\n",
                           labels, kLatencyBuckets[i], h.buckets[i]);
      }
      out += fmt::format("hearth_http_request_duration_seconds_bucket{{{},le=\"+Inf\"}} {}\n",
                         labels, h.count);
      out += fmt::format("hearth_http_request_duration_seconds_sum{{{}}} {}\n", labels, h.sum);
      out += fmt::format("hearth_http_request_duration_seconds_count{{{}}} {}\n", labels, h.count);
    }
  }
  std::string last_event;
  for (const auto& [key, count] : events_) {
    const auto& [name, label] = key;
    if (name != last_event) {
      out += fmt::format("# TYPE hearth_{}_total counter\n", name);
      last_event = name;
    }
    out += fmt::format("hearth_{}_total{{kind=\"{}\"}} {}\n", name, label, count);
  }
  for (const auto& gauge : gauges_) {
    out += fmt::format("# HELP {} {}\n# TYPE {} {}\n{} {}\n", gauge.name, gauge.help, gauge.name,
                       gauge.type, gauge.name, gauge.sample());
  }
  return out;
}

}  // namespace hearth::http
