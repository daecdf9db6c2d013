// Static files: traversal rejection, exact files, SPA fallback, caching and MIME types.
#include "http/static_files.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <fstream>

namespace trygg {
namespace {

namespace fs = std::filesystem;

class StaticFilesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    base_ = fs::temp_directory_path() / ("trygg-static-" + std::to_string(::getpid()));
    root_ = base_ / "dist";
    fs::create_directories(root_ / "assets");
    Write(root_ / "index.html", "<!doctype html>index");
    Write(root_ / "assets" / "app-1234.js", "js");
    Write(root_ / "manifest.webmanifest", "{}");
    Write(base_ / "secret.txt", "secret");
  }
  void TearDown() override { fs::remove_all(base_); }
  static void Write(const fs::path& p, const std::string& text) { std::ofstream(p) << text; }

  fs::path base_, root_;
};

TEST(SafeRelativePathTest, RejectsEscapes) {
  EXPECT_EQ(StaticFiles::SafeRelativePath("/").value_or(""), "index.html");
  EXPECT_EQ(StaticFiles::SafeRelativePath("/assets//a.js").value_or(""), "assets/a.js");
  EXPECT_FALSE(StaticFiles::SafeRelativePath("/../secret.txt"));
  EXPECT_FALSE(StaticFiles::SafeRelativePath("/assets/../../secret.txt"));
  EXPECT_FALSE(StaticFiles::SafeRelativePath("/%2e%2e/secret.txt"));
  EXPECT_FALSE(StaticFiles::SafeRelativePath("/..%2fsecret.txt"));
  EXPECT_FALSE(StaticFiles::SafeRelativePath("/a\\..\\b"));
  EXPECT_FALSE(StaticFiles::SafeRelativePath("/a%00b"));
  EXPECT_FALSE(StaticFiles::SafeRelativePath("relative"));
}

TEST_F(StaticFilesTest, ServesFilesWithTypesAndCaching) {
  StaticFiles files(root_);
  HttpResponse js = files.Serve("GET", "/assets/app-1234.js");
  EXPECT_EQ(js.status, 200);
  EXPECT_EQ(js.body, "js");
  EXPECT_EQ(js.Header("Content-Type").value_or(""), "text/javascript; charset=utf-8");
  EXPECT_EQ(js.Header("Cache-Control").value_or(""), "public, max-age=31536000, immutable");
  HttpResponse index = files.Serve("GET", "/");
  EXPECT_EQ(index.status, 200);
  EXPECT_EQ(index.Header("Cache-Control").value_or(""), "no-cache");
  EXPECT_EQ(index.Header("Content-Type").value_or(""), "text/html; charset=utf-8");
  EXPECT_EQ(files.Serve("GET", "/manifest.webmanifest").Header("Content-Type").value_or(""),
            "application/manifest+json");
}

TEST_F(StaticFilesTest, FallsBackToIndexForAppRoutesOnly) {
  StaticFiles files(root_);
  HttpResponse route = files.Serve("GET", "/incidents/12");
  EXPECT_EQ(route.status, 200);
  EXPECT_EQ(route.body, "<!doctype html>index");
  EXPECT_EQ(files.Serve("GET", "/assets/missing.js").status, 404);
  EXPECT_EQ(files.Serve("GET", "/robots.txt").status, 404);
}

TEST_F(StaticFilesTest, RefusesTraversalAndOtherMethods) {
  StaticFiles files(root_);
  HttpResponse up = files.Serve("GET", "/../secret.txt");
  EXPECT_EQ(up.status, 400);
  EXPECT_EQ(up.body.find("secret"), std::string::npos);
  EXPECT_EQ(files.Serve("GET", "/%2e%2e/secret.txt").status, 400);
  fs::create_symlink(base_ / "secret.txt", root_ / "link.txt");
  EXPECT_EQ(files.Serve("GET", "/link.txt").status, 404);
  EXPECT_EQ(files.Serve("POST", "/").status, 405);
}

}  // namespace
}  // namespace trygg
