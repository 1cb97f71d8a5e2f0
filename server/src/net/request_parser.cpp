#include "net/request_parser.hpp"

#include <boost/beast/core/string.hpp>
#include <boost/beast/http/error.hpp>

namespace hearth::net {

namespace beast = boost::beast;
namespace beast_http = boost::beast::http;

namespace {

char ascii_lower(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

std::string_view view(beast::string_view s) {
  return {s.data(), s.size()};
}

}  // namespace

RequestParser::RequestParser() {
  // Most requests carry fewer headers than this (a browser's about a dozen); 12 pairs also stay
  // below glibc's large-chunk size, whose allocation consolidates the free lists.
  request_.headers.reserve(12);
}

bool RequestParser::expects_continue() const {
  const auto expect = request_.header("expect");
  return version_ == 11 && expect && beast::iequals(*expect, "100-continue");
}

bool RequestParser::has_unframed_body() const {
  return request_.header("transfer-encoding") && !chunked();
}

void RequestParser::on_request_impl(beast_http::verb, string_view method_str, string_view target,
                                    int version, error_code&) {
  request_.method = http::method_from_name(view(method_str));
  request_.target.assign(target.data(), target.size());
  version_ = static_cast<unsigned>(version);
}

void RequestParser::on_response_impl(int, string_view, int, error_code& ec) {
  ec = beast_http::error::bad_method;  // never called for a request parser
}

void RequestParser::on_field_impl(beast_http::field, string_view name_string, string_view value,
                                  error_code&) {
  auto& [name, stored_value] = request_.headers.emplace_back();
  name.resize(name_string.size());
  for (std::size_t i = 0; i < name_string.size(); ++i) name[i] = ascii_lower(name_string[i]);
  stored_value.assign(value.data(), value.size());
}

void RequestParser::on_header_impl(error_code&) {}

void RequestParser::on_body_init_impl(const boost::optional<std::uint64_t>& content_length,
                                      error_code&) {
  // body_limit, checked by basic_parser before this, bounds the reservation.
  if (content_length) request_.body.reserve(static_cast<std::size_t>(*content_length));
}

std::size_t RequestParser::on_body_impl(string_view body, error_code&) {
  request_.body.append(body.data(), body.size());
  return body.size();
}

void RequestParser::on_chunk_header_impl(std::uint64_t, string_view, error_code&) {}

std::size_t RequestParser::on_chunk_body_impl(std::uint64_t, string_view body, error_code&) {
  request_.body.append(body.data(), body.size());
  return body.size();
}

void RequestParser::on_finish_impl(error_code&) {}

BeastRequest to_beast_request(const http::Request& request, unsigned version) {
  BeastRequest out;
  const std::string_view method = http::method_name(request.method);  // "OTHER" if unknown
  out.method_string(beast::string_view(method.data(), method.size()));
  out.target(request.target);
  out.version(version);
  for (const auto& [name, value] : request.headers) out.insert(name, value);
  out.body() = request.body;
  return out;
}

}  // namespace hearth::net
