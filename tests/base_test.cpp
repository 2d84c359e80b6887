#include "quotekit/base.hpp"

#include <gtest/gtest.h>

namespace quotekit {
namespace {

TEST(Span, SliceAndContain) {
  constexpr std::string_view text = "Host: What happened?";
  Span s{6, 20};
  EXPECT_EQ(slice(text, s), "What happened?");
  EXPECT_EQ(s.size(), 14u);
  EXPECT_TRUE(s.contains(Span{6, 10}));
  EXPECT_FALSE(s.contains(Span{5, 10}));
  EXPECT_TRUE((Span{3, 3}).empty());
}

TEST(Lang, ParsesCodesAndRejectsUnknown) {
  EXPECT_EQ(parse_lang("RU"), Lang::ru);
  EXPECT_EQ(parse_lang("tur"), Lang::tr);
  EXPECT_EQ(parse_lang("en"), Lang::en);
  EXPECT_EQ(parse_lang(""), Lang::unknown);
  EXPECT_EQ(to_string(Lang::tr), "tr");
  EXPECT_THROW(parse_lang("klingon"), UsageError);
  try {
    parse_lang("xx");
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ExitCode::usage);
    EXPECT_NE(std::string(e.what()).find("'xx'"), std::string::npos);
  }
}

TEST(InputError, MessageNamesSourceOffsetAndHint) {
  InputError e("a.txt", 1042, "invalid UTF-8 (byte 0xE9)", "Pass --encoding windows-1254");
  EXPECT_STREQ(e.what(), "a.txt: byte 1042: invalid UTF-8 (byte 0xE9). Pass --encoding windows-1254");
  EXPECT_EQ(e.code(), ExitCode::input_error);
  EXPECT_EQ(e.offset(), 1042u);
  InputError f("b.txt", kNoOffset, "file is empty", "");
  EXPECT_STREQ(f.what(), "b.txt: file is empty");
}

}  // namespace
}  // namespace quotekit
