// Precompiled header of net_test: the Beast, Asio and GoogleTest headers every file here uses.
#pragma once

#include <utility>  // before Asio: awaitable.hpp needs std::exchange (g++ 12, Boost 1.74)

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <boost/asio.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <boost/beast/websocket.hpp>
#include <boost/beast/websocket/ssl.hpp>
