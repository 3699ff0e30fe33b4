#include "http/server.h"

#include <gtest/gtest.h>

namespace corridor::http {
namespace {

TEST(Router, UnknownPathIsNotFound) {
  Router router;
  Request request;
  request.method = "GET";
  request.path = "/v1/nothing";
  EXPECT_EQ(router.Dispatch(request).status, 404);
}

}  // namespace
}  // namespace corridor::http
