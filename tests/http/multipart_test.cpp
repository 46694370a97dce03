// multipart/form-data as browsers send a form with a file: each part by its name, bytes intact;
// anything malformed or repeated is refused.
#include "http/multipart.hpp"

#include <gtest/gtest.h>

#include <vector>

using namespace ofpra::http;

TEST(Multipart, PartsByNameWithTheFileBytesIntact) {
  EXPECT_EQ(multipart_boundary("multipart/form-data; boundary=----x7"), "----x7");
  EXPECT_EQ(multipart_boundary("Multipart/Form-Data; boundary=\"a b\""), "a b");
  EXPECT_FALSE(multipart_boundary("application/x-www-form-urlencoded"));
  EXPECT_FALSE(multipart_boundary("multipart/form-data"));
  const std::string file("%PDF-\r\n\0\x1d--b", 13);
  const std::string body =
      "--b\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\ntoken\r\n"
      "--b\r\nContent-Disposition: form-data; name=\"fichier\"; filename=\"a.pdf\"\r\n"
      "Content-Type: application/pdf\r\n\r\n" +
      file + "\r\n--b--\r\n";
  auto parts = parse_multipart(body, "b");
  ASSERT_TRUE(parts);
  EXPECT_EQ(parts->at("csrf"), "token");
  EXPECT_EQ(parts->at("fichier"), file);
  const std::vector<std::string> bad{"no delimiter", "--b\r\nContent-Disposition: form-data\r\n\r\nx\r\n--b--",
                                     "--b\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nx",
                                     "--b\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n--b\r\n"
                                     "Content-Disposition: form-data; name=\"a\"\r\n\r\n2\r\n--b--"};
  for (const auto& malformed : bad) EXPECT_FALSE(parse_multipart(malformed, "b")) << malformed;
}
