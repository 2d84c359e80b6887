// Tests of the bilingual lexicon: dictd reading and parsing (hand-written fixtures in
// testdata/lexicon, made by make_fixtures.py), stem keys and inflected forms, user lexicons, the
// binary file, and known pairs of the real Debian dictionaries (skipped when not installed).
#include "quotekit/lexicon.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <memory>
#include <random>
#include <sstream>

#include "dictd.hpp"
#include "quotekit/normalize.hpp"
#include "quotekit/tokenize.hpp"

namespace quotekit {
namespace {

namespace fs = std::filesystem;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

const fs::path kFixtures = fs::path(QUOTEKIT_TESTDATA) / "lexicon";
const fs::path kCorpora = QUOTEKIT_SHARED_CORPORA;

// The key of a word as the tokenizer makes it (Normalizer::fold, then Tokenizer::stem): the
// expected keys come from the tokenizer, not from the lexicon's own keying code.
std::string snowball(Lang lang, std::string_view word) {
  return Tokenizer(lang).stem(Normalizer(lang).fold(word));
}

std::string slurp(const fs::path& p) {
  std::ifstream f(p, std::ios::binary);
  std::stringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

// A scratch directory removed at the end of the test.
struct TempDir {
  fs::path path;
  TempDir() {
    std::random_device rd;
    path = fs::temp_directory_path() / ("quotekit-lexicon-" + std::to_string(rd()));
    fs::create_directories(path);
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
  fs::path write(const std::string& name, std::string_view bytes) const {
    std::ofstream f(path / name, std::ios::binary);
    f.write(bytes.data(), std::streamsize(bytes.size()));
    return path / name;
  }
};

detail::DictdEntry parse_fixture(const std::string& dict, std::string_view headword, DictdFormat format,
                                 Lang gloss = Lang::unknown) {
  fs::path dz = kFixtures / (dict + ".dict.dz");
  fs::path plain = kFixtures / (dict + ".dict");
  auto db = detail::DictdDatabase::open(kFixtures / (dict + ".index"), fs::exists(dz) ? dz : plain, "");
  for (const auto& e : db.entries())
    if (e.headword == headword)
      return format == DictdFormat::mueller ? detail::parse_mueller_entry(db.text(e))
                                            : detail::parse_freedict_entry(db.text(e), gloss);
  ADD_FAILURE() << "no entry " << headword << " in " << dict;
  return {};
}

// ---------------------------------------------------------------------------------------------
// dictd files
// ---------------------------------------------------------------------------------------------

TEST(Dictd, DecodesBase64Numbers) {
  EXPECT_EQ(detail::decode_dictd_base64("A"), 0u);
  EXPECT_EQ(detail::decode_dictd_base64("Bo"), 104u);  // 1*64 + 40
  EXPECT_EQ(detail::decode_dictd_base64("/"), 63u);
  EXPECT_EQ(detail::decode_dictd_base64("BAA"), 4096u);
  EXPECT_FALSE(detail::decode_dictd_base64(""));
  EXPECT_FALSE(detail::decode_dictd_base64("A!"));
  EXPECT_FALSE(detail::decode_dictd_base64("AAAAAAAAAAA"));  // 66 bits
}

TEST(Dictd, IndexLinesWithProblemsNameLineAndByte) {
  auto entries = detail::parse_dictd_index("war\tBo\tGa\r\npeace\tIC\tDY\n\n", "x.index");
  ASSERT_EQ(entries.size(), 2u);
  EXPECT_EQ(entries[0].headword, "war");
  EXPECT_EQ(entries[0].offset, 104u);
  EXPECT_EQ(entries[1].length, 3u * 64 + 24);
  try {
    detail::parse_dictd_index("war\tBo\tGa\npeace\tI!\tDY\n", "x.index");
    FAIL() << "bad offset accepted";
  } catch (const InputError& e) {
    EXPECT_EQ(e.source(), "x.index");
    EXPECT_EQ(e.offset(), 10u);  // "peace" starts after "war\tBo\tGa\n"
    EXPECT_THAT(e.problem(), HasSubstr("line 2"));
    EXPECT_THAT(e.problem(), HasSubstr("bad offset 'I!'"));
  }
  EXPECT_THROW(detail::parse_dictd_index("war\tBo\n", "x.index"), InputError);
  EXPECT_THROW(detail::parse_dictd_index("\tBo\tGa\n", "x.index"), InputError);
}

TEST(Dictd, ReadsGzipAndPlainDictionaries) {
  auto db =
      detail::DictdDatabase::open(kFixtures / "mueller-mini.index", kFixtures / "mueller-mini.dict.dz", "");
  EXPECT_EQ(db.entries().size(), 14u);
  EXPECT_THAT(std::string(db.info("short")), HasSubstr("Mini Mueller"));
  EXPECT_EQ(detail::detect_dictd_format(db), DictdFormat::mueller);
  for (const auto& e : db.entries()) {
    // Every entry starts with its headword line, so the offsets decoded right.
    EXPECT_TRUE(db.text(e).starts_with(e.headword)) << e.headword;
  }

  auto plain = detail::DictdDatabase::open(kFixtures / "freedict-mini-tur-eng.index",
                                           kFixtures / "freedict-mini-tur-eng.dict", "");
  EXPECT_EQ(plain.entries().size(), 4u);
  EXPECT_TRUE(plain.info("short").empty());
  EXPECT_EQ(detail::detect_dictd_format(plain), DictdFormat::freedict);  // by shape: no [..] line
  auto ft = detail::DictdDatabase::open(kFixtures / "freedict-mini-eng-tur.index",
                                        kFixtures / "freedict-mini-eng-tur.dict.dz", "");
  EXPECT_EQ(detail::detect_dictd_format(ft), DictdFormat::freedict);
}

TEST(Dictd, DamagedFilesAreInputErrors) {
  TempDir tmp;
  const std::string gz = slurp(kFixtures / "mueller-mini.dict.dz");
  auto truncated = tmp.write("t.dict.dz", std::string_view(gz).substr(0, gz.size() / 2));
  try {
    detail::read_maybe_gzip(truncated, "reinstall it");
    FAIL() << "truncated gzip accepted";
  } catch (const InputError& e) {
    EXPECT_THAT(e.problem(), HasSubstr("truncated gzip data"));
    EXPECT_THAT(e.hint(), HasSubstr("reinstall it"));
  }
  std::string garbled = gz;
  for (std::size_t i = 20; i < 60; ++i) garbled[i] = static_cast<char>(garbled[i] ^ 0x5a);
  EXPECT_THROW(detail::read_maybe_gzip(tmp.write("g.dict.dz", garbled), ""), InputError);

  // An index pointing past the end of the data.
  auto index = tmp.write("x.index", "war\tA\tBAA\n");
  auto dict = tmp.write("x.dict", "war\nвойна\n");
  try {
    detail::DictdDatabase::open(index, dict, "");
    FAIL() << "entry outside the data accepted";
  } catch (const InputError& e) {
    EXPECT_THAT(e.problem(), HasSubstr("outside"));
  }
}

// ---------------------------------------------------------------------------------------------
// Entry parsers
// ---------------------------------------------------------------------------------------------

TEST(MuellerEntry, KeepsLeadingTranslationsOfEachSenseDropsExamples) {
  auto war = parse_fixture("mueller-mini", "war", DictdFormat::mueller);
  EXPECT_THAT(war.headwords, ElementsAre("war"));
  // Not "на войне", "во время войны" (the sub-senses of the example "in the war"), not
  // "борьба стихий", "военные преступления", "завоевать".
  EXPECT_THAT(war.translations, ElementsAre("война", "борьба", "военный", "воевать"));
  EXPECT_TRUE(war.references.empty());

  auto peace = parse_fixture("mueller-mini", "peace", DictdFormat::mueller);
  EXPECT_THAT(peace.translations,
              ElementsAre("мир", "спокойствие", "тишина", "общественный порядок", "мирный договор"));

  auto country = parse_fixture("mueller-mini", "country", DictdFormat::mueller);
  EXPECT_THAT(country.translations,
              ElementsAre("страна", "родина", "отечество", "деревня", "сельская местность", "жители страны",
                          "население", "это описание из очень многих разных слов"));
}

TEST(MuellerEntry, NotesLabelsWrappedWordsAndReferences) {
  EXPECT_THAT(parse_fixture("mueller-mini", "reconcile", DictdFormat::mueller).translations,
              ElementsAre("мирить", "примирять"));
  EXPECT_THAT(parse_fixture("mueller-mini", "northeast", DictdFormat::mueller).translations,
              ElementsAre("северо-восток"));
  EXPECT_THAT(parse_fixture("mueller-mini", "afraid", DictdFormat::mueller).translations,
              ElementsAre("испуганный"));
  EXPECT_TRUE(parse_fixture("mueller-mini", "gainsay", DictdFormat::mueller).translations.empty());

  auto went = parse_fixture("mueller-mini", "went", DictdFormat::mueller);
  EXPECT_TRUE(went.translations.empty());
  EXPECT_THAT(went.references, ElementsAre("go"));
  auto aline = parse_fixture("mueller-mini", "aline", DictdFormat::mueller);
  EXPECT_THAT(aline.references, ElementsAre("align"));

  // References with sense numbers and homonym numerals, and "= x" followed by the translations.
  auto e = detail::parse_mueller_entry("sold\n   [sɜʊld] _p. и _p-p. от sell 1\n");
  EXPECT_THAT(e.references, ElementsAre("sell"));
  e = detail::parse_mueller_entry("seen\n   [si:n] _p-p. от see I\n");
  EXPECT_THAT(e.references, ElementsAre("see"));
  e = detail::parse_mueller_entry("aftergrass\n   [↗ɑ:ftɜgrɑ:s] = aftermath 1 _n. отава, второй укос\n");
  EXPECT_THAT(e.references, ElementsAre("aftermath"));
  EXPECT_THAT(e.translations, ElementsAre("отава", "второй укос"));
  // A reference followed by an example: the reference counts, the example does not.
  e = detail::parse_mueller_entry(
      "longer\n   [x] _comp. от long I, 1 и 2 wait a while longer подождите ещё немного\n");
  EXPECT_THAT(e.references, ElementsAre("long"));
  EXPECT_TRUE(e.translations.empty());
  // Without a sense number nothing says where the reference ends: not a reference.
  e = detail::parse_mueller_entry("x\n   [x] от go away уходить\n");
  EXPECT_TRUE(e.references.empty());
  // Homonyms _I/_II and senses glued to their number.
  e = detail::parse_mueller_entry(
      "run\n   1. _n.\n      9) средний тип; the common run of men обыкновенные люди\n      10)стадо "
      "животных\n"
      "   _II [x] _n. (тж. S.)\n         1) государство\n");
  EXPECT_THAT(e.translations, ElementsAre("средний тип", "стадо животных", "государство"));
}

TEST(FreedictEntry, StopsAtTheFirstSenseWithExamples) {
  auto war = parse_fixture("freedict-mini-eng-tur", "war", DictdFormat::freedict, Lang::tr);
  EXPECT_THAT(war.headwords, ElementsAre("war"));
  // "zafer dansı" is sense 4 only because the converter split the example "war dance".
  EXPECT_THAT(war.translations, ElementsAre("savaş", "harp", "muharebe", "mücadele", "savaşa özgü"));
  EXPECT_THAT(parse_fixture("freedict-mini-eng-tur", "peace", DictdFormat::freedict, Lang::tr).translations,
              ElementsAre("barış", "sulh", "huzur"));
  // A glued example ("about half a kilo ...") is cut where the headword reappears.
  EXPECT_THAT(parse_fixture("freedict-mini-eng-tur", "about", DictdFormat::freedict, Lang::tr).translations,
              ElementsAre("hakkında", "sıra ile"));
  EXPECT_THAT(parse_fixture("freedict-mini-eng-tur", "compare", DictdFormat::freedict, Lang::tr).translations,
              ElementsAre("with ile karşılaştırmak", "kıyas etmek", "to ile benzetmek"));
  EXPECT_THAT(parse_fixture("freedict-mini-eng-tur", "acclimate,acclimatize", DictdFormat::freedict, Lang::tr)
                  .headwords,
              ElementsAre("acclimate", "acclimatize"));
  // An English article inside a Turkish gloss starts an example, but not inside an English one.
  EXPECT_THAT(
      detail::parse_freedict_entry("x /x/\n1. olumlu cevap a decided affirmative\n", Lang::tr).translations,
      ElementsAre("olumlu cevap"));
  EXPECT_THAT(detail::parse_freedict_entry("abla /x/\na sister, an elder sister\n", Lang::en).translations,
              ElementsAre("a sister", "an elder sister"));
}

TEST(FreedictEntry, PlainOneLineEntries) {
  auto e = parse_fixture("freedict-mini-tur-eng", "abluka etmek", DictdFormat::freedict, Lang::en);
  EXPECT_THAT(e.headwords, ElementsAre("abluka etmek"));
  EXPECT_THAT(e.translations, ElementsAre("block", "blockade"));
}

// ---------------------------------------------------------------------------------------------
// Building from the fixtures
// ---------------------------------------------------------------------------------------------

struct MiniLexicon {
  DictdStats mueller, eng_tur, tur_eng;
  Lexicon lex;
};

const MiniLexicon& mini() {
  static const MiniLexicon m = [] {
    MiniLexicon r;
    LexiconBuilder b;
    r.mueller =
        b.add_dictd(kFixtures / "mueller-mini.index", kFixtures / "mueller-mini.dict.dz", Lang::en, Lang::ru);
    r.eng_tur = b.add_dictd(kFixtures / "freedict-mini-eng-tur.index",
                            kFixtures / "freedict-mini-eng-tur.dict.dz", Lang::en, Lang::tr);
    r.tur_eng = b.add_dictd(kFixtures / "freedict-mini-tur-eng.index",
                            kFixtures / "freedict-mini-tur-eng.dict", Lang::tr, Lang::en);
    r.lex = b.build();
    return r;
  }();
  return m;
}

TEST(LexiconBuilder, CountsWhatItKeptAndSkipped) {
  const auto& s = mini().mueller;
  EXPECT_EQ(s.name, "mueller-mini");
  EXPECT_EQ(s.headwords, 13u);      // 14 index lines minus 00-database-short
  EXPECT_EQ(s.skipped_phrase, 1u);  // mother of pearl
  EXPECT_EQ(s.skipped_affix, 1u);   // -armed
  EXPECT_EQ(s.skipped_empty, 1u);   // gainsay: only an example
  EXPECT_EQ(s.aliases, 2u);         // went → go, aline → align
  EXPECT_EQ(s.parsed, 10u);
  EXPECT_GT(s.pairs, 20u);

  const auto& t = mini().eng_tur;
  EXPECT_EQ(t.headwords, 6u);
  EXPECT_EQ(t.skipped_empty, 1u);  // aardvark: a description, not a gloss
  EXPECT_EQ(t.parsed, 5u);
  const auto& u = mini().tur_eng;
  EXPECT_EQ(u.headwords, 4u);
  EXPECT_EQ(u.skipped_phrase, 1u);  // Amerikan timsahı: two content words
  EXPECT_EQ(u.parsed, 3u);          // "abluka etmek" keys as abluka
}

TEST(LexiconBuilder, PairsAreStemsBothWays) {
  const Lexicon& lex = mini().lex;
  const std::string war = snowball(Lang::en, "war"), voina = snowball(Lang::ru, "война");
  EXPECT_EQ(voina, "войн");
  EXPECT_TRUE(lex.translates(Lang::en, war, Lang::ru, voina));
  EXPECT_TRUE(lex.translates(Lang::ru, voina, Lang::en, war));  // stored both ways
  EXPECT_TRUE(lex.translates(Lang::en, war, Lang::ru, snowball(Lang::ru, "военный")));
  EXPECT_TRUE(lex.translates(Lang::en, war, Lang::ru, snowball(Lang::ru, "борьба")));
  // Example translations stay out.
  EXPECT_FALSE(lex.translates(Lang::en, war, Lang::ru, snowball(Lang::ru, "стихий")));
  EXPECT_FALSE(lex.translates(Lang::en, war, Lang::ru, snowball(Lang::ru, "преступления")));
  EXPECT_EQ(lex.find(Lang::ru, snowball(Lang::ru, "завоевать")), std::nullopt);

  // The tokenizer folds "идёт" to "идет"; its stem is a key of идти (went → go → идти).
  EXPECT_TRUE(lex.translates(Lang::en, "went", Lang::ru, snowball(Lang::ru, "идет")));
  // Headwords are case-folded words; phrases with one content word key by it.
  EXPECT_TRUE(
      lex.translates(Lang::tr, snowball(Lang::tr, "abluka"), Lang::en, snowball(Lang::en, "blockade")));
  EXPECT_FALSE(lex.find(Lang::en, "mother").has_value());
  // Turkish glosses: FreeDict's "savaş" for war, in both directions.
  EXPECT_TRUE(lex.translates(Lang::en, war, Lang::tr, snowball(Lang::tr, "savaş")));
  EXPECT_TRUE(lex.translates(Lang::tr, snowball(Lang::tr, "barış"), Lang::en, snowball(Lang::en, "peace")));
  EXPECT_FALSE(lex.translates(Lang::en, war, Lang::tr, snowball(Lang::tr, "zafer")));
  // FreeDict's English particles left in Turkish glosses are not Turkish words.
  EXPECT_FALSE(lex.find(Lang::tr, "with").has_value());
  EXPECT_TRUE(lex.translates(Lang::en, snowball(Lang::en, "compare"), Lang::tr,
                             snowball(Lang::tr, "karşılaştırmak")));
  EXPECT_TRUE(lex.translates(Lang::en, snowball(Lang::en, "acclimatize"), Lang::tr,
                             snowball(Lang::tr, "alıştırmak")));
}

TEST(LexiconBuilder, PhraseGlossesGiveTheirContentWordsMarkedAsPhrase) {
  const Lexicon& lex = mini().lex;
  const std::string country = snowball(Lang::en, "country");
  EXPECT_EQ(lex.translates(Lang::en, country, Lang::ru, snowball(Lang::ru, "страна")), PairKind::word);
  EXPECT_EQ(lex.translates(Lang::en, country, Lang::ru, snowball(Lang::ru, "сельская")), PairKind::phrase);
  EXPECT_EQ(lex.translates(Lang::en, country, Lang::ru, snowball(Lang::ru, "местность")), PairKind::phrase);
  EXPECT_EQ(lex.translates(Lang::en, country, Lang::ru, snowball(Lang::ru, "жители")), PairKind::phrase);
  // Too many content words: an explanation, dropped.
  EXPECT_FALSE(lex.translates(Lang::en, country, Lang::ru, snowball(Lang::ru, "описание")));
  // A wrapped hyphenated word gives both halves, as the word breaker splits them.
  EXPECT_TRUE(lex.translates(Lang::en, "northeast", Lang::ru, snowball(Lang::ru, "восток")));
  // Pair kinds are parallel to the translations.
  auto id = lex.find(Lang::en, country);
  ASSERT_TRUE(id);
  EXPECT_EQ(lex.kinds(Lang::en, Lang::ru, *id).size(), lex.translations(Lang::en, Lang::ru, *id).size());
}

TEST(LexiconBuilder, ReferencesInheritTheLemmasTranslationsInEveryLanguage) {
  const Lexicon& lex = mini().lex;
  // went → go: Mueller's own translations of go ...
  EXPECT_TRUE(lex.translates(Lang::en, "went", Lang::ru, snowball(Lang::ru, "ходить")));
  // ... and FreeDict's, which has no "went" (tur-eng: gitmek → go).
  EXPECT_TRUE(lex.translates(Lang::en, "went", Lang::tr, snowball(Lang::tr, "gitmek")));
  EXPECT_TRUE(
      lex.translates(Lang::en, snowball(Lang::en, "aline"), Lang::ru, snowball(Lang::ru, "равняться")));
}

TEST(LexiconBuilder, InflectedFormsOfGlossesAreKeysToo) {
  LexiconBuilder b;
  b.add(Lang::en, "see", Lang::ru, "видеть");
  b.add(Lang::en, "state", Lang::ru, "заявлять");
  b.add(Lang::en, "organize", Lang::ru, "организовать");
  b.add(Lang::en, "can", Lang::ru, "мочь");
  b.add(Lang::en, "market", Lang::ru, "рынок");
  b.add(Lang::en, "say", Lang::tr, "söylemek");
  b.add(Lang::en, "do", Lang::tr, "etmek");
  Lexicon lex = b.build();
  auto ru = [&](std::string_view en, std::string_view form) {
    return lex.translates(Lang::en, snowball(Lang::en, en), Lang::ru, snowball(Lang::ru, form)).has_value();
  };
  auto tr = [&](std::string_view en, std::string_view form) {
    return lex.translates(Lang::en, snowball(Lang::en, en), Lang::tr, snowball(Lang::tr, form)).has_value();
  };
  EXPECT_TRUE(ru("see", "видеть"));
  EXPECT_TRUE(ru("see", "видел"));  // past: Snowball keeps "видел"
  EXPECT_TRUE(ru("see", "видит"));
  EXPECT_TRUE(ru("see", "вижу"));      // first person with д → ж
  EXPECT_TRUE(ru("state", "заявил"));  // the perfective заявить
  EXPECT_TRUE(ru("state", "заявляет"));
  EXPECT_TRUE(ru("organize", "организует"));
  EXPECT_TRUE(ru("can", "может"));
  EXPECT_TRUE(ru("can", "могут"));
  EXPECT_TRUE(ru("market", "рынка"));  // fleeting o
  EXPECT_TRUE(tr("say", "söyledi"));
  EXPECT_TRUE(tr("say", "söylüyor"));
  EXPECT_TRUE(tr("say", "söyleyecek"));
  EXPECT_TRUE(tr("say", "söyledik"));
  EXPECT_TRUE(tr("do", "ediyor"));  // t → d before a vowel
  EXPECT_TRUE(tr("do", "etti"));
  EXPECT_FALSE(ru("see", "смотрел"));
  // One source stem, many keys: every one is PairKind::word.
  EXPECT_EQ(lex.entries(Lang::en, Lang::ru, PairKind::phrase), 0u);
}

TEST(LexiconBuilder, NegatedAuxiliariesMeanNotAndTheVerb) {
  LexiconBuilder b;
  b.add(Lang::en, "not", Lang::ru, "не");
  b.add(Lang::en, "can", Lang::ru, "мочь");
  b.add(Lang::en, "not", Lang::tr, "değil");
  Lexicon lex = b.build();
  const std::string cant = snowball(Lang::en, "Can’t");  // typographic apostrophe, as in the interviews
  EXPECT_TRUE(lex.translates(Lang::en, cant, Lang::ru, snowball(Lang::ru, "не")));
  EXPECT_TRUE(lex.translates(Lang::en, cant, Lang::ru, snowball(Lang::ru, "может")));
  EXPECT_TRUE(lex.translates(Lang::en, snowball(Lang::en, "didn't"), Lang::tr, snowball(Lang::tr, "değil")));
  EXPECT_FALSE(lex.translates(Lang::en, snowball(Lang::en, "didn't"), Lang::ru, snowball(Lang::ru, "может")));
}

TEST(LexiconBuilder, TurkishCaseFoldingUsesTurkishRules) {
  LexiconBuilder b;
  b.add(Lang::tr, "IRAK", Lang::en, "Iraq");
  b.add(Lang::tr, "İSTANBUL", Lang::en, "Istanbul");
  Lexicon lex = b.build();
  EXPECT_TRUE(lex.find(Lang::tr, snowball(Lang::tr, "ırak")).has_value());      // I → ı
  EXPECT_TRUE(lex.find(Lang::tr, snowball(Lang::tr, "istanbul")).has_value());  // İ → i
  EXPECT_TRUE(lex.find(Lang::en, snowball(Lang::en, "iraq")).has_value());      // I → i in English
}

// ---------------------------------------------------------------------------------------------
// User lexicons
// ---------------------------------------------------------------------------------------------

TEST(UserLexicon, AddsTermsTheDictionariesLack) {
  LexiconBuilder b;
  auto stats = b.add_user_lexicon(kFixtures / "user-en-ru.tsv", Lang::en, Lang::ru);
  EXPECT_EQ(stats.lines, 4u);
  EXPECT_EQ(stats.pairs, 1u + 4u + 1u + 1u);  // Nagorno-Karabakh × Нагорный Карабах: 2 × 2
  Lexicon lex = b.build();
  EXPECT_EQ(lex.translates(Lang::en, "ceasefir", Lang::ru, snowball(Lang::ru, "перемирие")), PairKind::word);
  EXPECT_EQ(lex.translates(Lang::en, "karabakh", Lang::ru, snowball(Lang::ru, "карабах")), PairKind::phrase);
  EXPECT_TRUE(lex.translates(Lang::ru, snowball(Lang::ru, "азербайджан"), Lang::en,
                             snowball(Lang::en, "azerbaijan")));
}

TEST(UserLexicon, BadLinesNameTheLineAndItsByte) {
  LexiconBuilder b;
  const std::string text = slurp(kFixtures / "user-bad.tsv");
  try {
    b.add_user_lexicon(kFixtures / "user-bad.tsv", Lang::en, Lang::ru);
    FAIL() << "a line without a tab was accepted";
  } catch (const InputError& e) {
    EXPECT_THAT(e.problem(), HasSubstr("line 4"));
    EXPECT_THAT(e.problem(), HasSubstr("no tab"));
    EXPECT_EQ(e.offset(), text.find("drone"));
    EXPECT_THAT(e.source(), HasSubstr("user-bad.tsv"));
    EXPECT_THAT(e.hint(), HasSubstr("source<TAB>target"));
  }

  TempDir tmp;
  struct Case {
    std::string bytes;
    std::string problem;
    std::uint64_t offset;
  };
  const Case cases[] = {
      {"a\tb\tc\n", "line 1: more than one tab", 3},
      {"# c\nwar\t \n", "line 2: empty target", 8},
      {"\tвойна\n", "line 1: empty source", 0},
      {"war\tвой\xffна\n", "line 1: invalid UTF-8 (byte 0xFF)", 10},
      {"war\t123\n", "line 1: target '123' has no ru word", 4},
  };
  for (const auto& c : cases) {
    auto path = tmp.write("bad.tsv", c.bytes);
    try {
      b.add_user_lexicon(path, Lang::en, Lang::ru);
      ADD_FAILURE() << "accepted: " << c.bytes;
    } catch (const InputError& e) {
      EXPECT_THAT(e.problem(), HasSubstr(c.problem)) << c.bytes;
      EXPECT_EQ(e.offset(), c.offset) << c.bytes;
    }
  }
  // CRLF line ends and a byte-order mark are fine.
  auto ok = tmp.write("ok.tsv", "\xEF\xBB\xBFwar\tвойна\r\n# done\r\n");
  EXPECT_EQ(b.add_user_lexicon(ok, Lang::en, Lang::ru).pairs, 1u);
  EXPECT_THROW(b.add_user_lexicon(tmp.path / "missing.tsv", Lang::en, Lang::ru), InputError);
  EXPECT_THROW(b.add_user_lexicon(ok, Lang::en, Lang::en), UsageError);
}

// ---------------------------------------------------------------------------------------------
// The file
// ---------------------------------------------------------------------------------------------

TEST(LexiconFile, SaveLoadRoundTrip) {
  const Lexicon& lex = mini().lex;
  TempDir tmp;
  auto path = tmp.path / "lexicon.bin";
  lex.save(path);
  Lexicon back = Lexicon::load(path);
  EXPECT_EQ(back.directions(), lex.directions());
  for (Lang lang : {Lang::en, Lang::ru, Lang::tr}) {
    ASSERT_EQ(back.stems(lang), lex.stems(lang));
    for (std::uint32_t id = 0; id < lex.stems(lang); ++id) ASSERT_EQ(back.stem(lang, id), lex.stem(lang, id));
  }
  for (auto [from, to] : lex.directions()) {
    EXPECT_EQ(back.entries(from, to), lex.entries(from, to));
    for (std::uint32_t id = 0; id < lex.stems(from); ++id) {
      auto a = lex.translations(from, to, id), b = back.translations(from, to, id);
      ASSERT_TRUE(std::equal(a.begin(), a.end(), b.begin(), b.end()));
      auto ka = lex.kinds(from, to, id), kb = back.kinds(from, to, id);
      ASSERT_TRUE(std::equal(ka.begin(), ka.end(), kb.begin(), kb.end()));
    }
  }
  // Saving over an existing file replaces it and leaves no temporary behind.
  back.save(path);
  std::size_t files = 0;
  for ([[maybe_unused]] const auto& e : fs::directory_iterator(tmp.path)) ++files;
  EXPECT_EQ(files, 1u);
}

TEST(LexiconFile, DamagedFilesAreInputErrors) {
  TempDir tmp;
  auto path = tmp.path / "lexicon.bin";
  mini().lex.save(path);
  std::string bytes = slurp(path);

  std::string flipped = bytes;
  flipped[flipped.size() / 2] = static_cast<char>(flipped[flipped.size() / 2] ^ 1);
  try {
    Lexicon::load(tmp.write("flipped.bin", flipped));
    FAIL() << "a flipped byte was accepted";
  } catch (const InputError& e) {
    EXPECT_THAT(e.problem(), HasSubstr("checksum"));
    EXPECT_THAT(e.hint(), HasSubstr("quotekit lexicon build"));
  }
  EXPECT_THROW(Lexicon::load(tmp.write("short.bin", std::string_view(bytes).substr(0, bytes.size() - 9))),
               InputError);
  EXPECT_THROW(Lexicon::load(tmp.write("foreign.bin", "GIF89a this is not a lexicon at all, really")),
               InputError);
  EXPECT_THROW(Lexicon::load(tmp.path / "missing.bin"), InputError);
  EXPECT_THROW(mini().lex.save(tmp.path / "no-such-dir" / "lexicon.bin"), InputError);
}

TEST(Lexicon, EmptyAndUnknownLookups) {
  Lexicon empty;
  EXPECT_TRUE(empty.empty());
  EXPECT_TRUE(empty.translations(Lang::en, Lang::ru, "war").empty());
  EXPECT_FALSE(empty.knows(Lang::en, Lang::ru, "war"));
  EXPECT_EQ(empty.stems(Lang::ru), 0u);
  const Lexicon& lex = mini().lex;
  EXPECT_FALSE(lex.knows(Lang::en, Lang::ru, "zzz"));
  EXPECT_TRUE(lex.translations(Lang::ru, Lang::tr, "войн").empty());  // no ru↔tr dictionary
  EXPECT_TRUE(lex.stem(Lang::en, 1u << 30).empty());
  EXPECT_TRUE(lex.translations(Lang::en, Lang::ru, std::uint32_t{1u << 30}).empty());
}

TEST(Lexicon, MissingDictionaryNamesThePackage) {
  TempDir tmp;
  try {
    build_default_lexicon(tmp.path / "out.bin", {}, tmp.path);
    FAIL() << "built without dictionaries";
  } catch (const InputError& e) {
    EXPECT_THAT(e.what(), HasSubstr("mueller7.index"));
    EXPECT_THAT(e.what(), HasSubstr("install mueller7-dict (scripts/setup.sh)"));
  }
  auto sources = default_dictionaries(tmp.path);
  ASSERT_EQ(sources.size(), 3u);
  EXPECT_EQ(sources[1].package, "dict-freedict-eng-tur");
  EXPECT_EQ(sources[2].from, Lang::tr);
  LexiconBuilder b;
  try {
    b.add_dictd(tmp.path / "freedict-eng-tur.index", tmp.path / "freedict-eng-tur.dict.dz", Lang::en,
                Lang::tr);
    FAIL();
  } catch (const InputError& e) {
    EXPECT_THAT(e.hint(), HasSubstr("install dict-freedict-eng-tur"));
  }
}

TEST(Lexicon, CoverageCountsContentWords) {
  LexiconBuilder b;
  b.add(Lang::en, "war", Lang::ru, "война");
  b.add(Lang::en, "peace", Lang::ru, "мир");
  Lexicon lex = b.build();
  // "and" and "the" are not content words; "1945" is not a word; "Tolstoy" is unknown.
  auto c = measure_coverage(lex, Lang::en, Lang::ru, "War and peace: the wars of 1945, Tolstoy.", 5);
  EXPECT_EQ(c.tokens, 4u);  // war, peace, wars, tolstoy
  EXPECT_EQ(c.known, 3u);
  EXPECT_EQ(c.types, 3u);
  EXPECT_EQ(c.known_types, 2u);
  EXPECT_THAT(c.top_unknown, ElementsAre(std::pair<std::string, std::size_t>{"tolstoy", 1}));
  auto r = measure_coverage(lex, Lang::ru, Lang::en, "ВОЙНА и мир. Войны!", 5);
  EXPECT_EQ(r.tokens, 3u);
  EXPECT_EQ(r.known, 3u);
}

// ---------------------------------------------------------------------------------------------
// The real dictionaries (Debian: mueller7-dict, dict-freedict-eng-tur, dict-freedict-tur-eng)
// ---------------------------------------------------------------------------------------------

// One test, so the three dictionaries are parsed once per process (about 3 s, 45 s under the
// sanitizers).
TEST(RealDictionaries, KnownPairsStatisticsAndCoverage) {
  for (const auto& s : default_dictionaries())
    if (!fs::exists(s.index))
      GTEST_SKIP() << s.index
                   << " not found: install mueller7-dict, dict-freedict-eng-tur and dict-freedict-tur-eng "
                   << "(scripts/setup.sh)";
  TempDir tmp;
  const auto stats = build_default_lexicon(tmp.path / "lexicon.bin");
  const Lexicon lex = Lexicon::load(tmp.path / "lexicon.bin");
  auto pair = [&](Lang from, std::string_view a, Lang to, std::string_view b) {
    return lex.translates(from, snowball(from, a), to, snowball(to, b)).has_value();
  };

  {
    SCOPED_TRACE("Mueller 7");
    EXPECT_EQ(snowball(Lang::ru, "граница"), "границ");
    EXPECT_TRUE(pair(Lang::en, "war", Lang::ru, "война"));
    EXPECT_TRUE(pair(Lang::en, "peace", Lang::ru, "мир"));
    EXPECT_TRUE(pair(Lang::en, "president", Lang::ru, "президент"));
    EXPECT_TRUE(pair(Lang::en, "country", Lang::ru, "страна"));
    EXPECT_TRUE(pair(Lang::en, "border", Lang::ru, "граница"));
    EXPECT_TRUE(pair(Lang::en, "negotiations", Lang::ru, "переговоры"));
    EXPECT_TRUE(pair(Lang::en, "army", Lang::ru, "армия"));
    EXPECT_TRUE(pair(Lang::ru, "войны", Lang::en, "war"));         // inflected text form
    EXPECT_TRUE(pair(Lang::ru, "заявил", Lang::en, "declare"));    // perfective of заявлять
    EXPECT_TRUE(pair(Lang::en, "went", Lang::ru, "идти"));         // "_p. от go"
    EXPECT_TRUE(pair(Lang::en, "children", Lang::ru, "ребенок"));  // "_pl. от child"
    EXPECT_FALSE(pair(Lang::en, "war", Lang::ru, "стихия"));       // only in an example
  }
  {
    SCOPED_TRACE("keys are the tokenizer's stems");
    const std::string ru = "Президент заявил, что война на границе закончилась миром.";
    std::vector<std::string> unknown;
    for (const Token& t : Tokenizer(Lang::ru).tokenize(ru))
      if (t.kind == TokenKind::word && !t.stop && !lex.knows(Lang::ru, Lang::en, t.stem))
        unknown.push_back(t.norm);
    EXPECT_TRUE(unknown.empty()) << ::testing::PrintToString(unknown);
    const std::string tr = "Başkan, sınırdaki savaşın barışla bittiğini söyledi.";
    unknown.clear();
    for (const Token& t : Tokenizer(Lang::tr).tokenize(tr))
      if (t.kind == TokenKind::word && !t.stop && !lex.knows(Lang::tr, Lang::en, t.stem))
        unknown.push_back(t.norm);
    EXPECT_TRUE(unknown.empty()) << ::testing::PrintToString(unknown);
  }
  {
    SCOPED_TRACE("FreeDict");
    EXPECT_TRUE(pair(Lang::en, "war", Lang::tr, "savaş"));
    EXPECT_TRUE(pair(Lang::en, "peace", Lang::tr, "barış"));
    // FreeDict glosses country as memleket, ulus, millet, vatan, yurt; "ülke" is not among them.
    EXPECT_TRUE(pair(Lang::en, "country", Lang::tr, "memleket"));
    EXPECT_TRUE(pair(Lang::en, "country", Lang::tr, "yurt"));
    EXPECT_FALSE(pair(Lang::en, "country", Lang::tr, "ülke"));
    EXPECT_TRUE(pair(Lang::en, "border", Lang::tr, "sınır"));
    EXPECT_TRUE(pair(Lang::en, "president", Lang::tr, "başkan"));
    EXPECT_TRUE(pair(Lang::tr, "söyledi", Lang::en, "say"));  // a conjugated verb (söylemek)
    EXPECT_TRUE(pair(Lang::tr, "savaştı", Lang::en, "war"));
    EXPECT_TRUE(pair(Lang::en, "went", Lang::tr, "gitmek"));  // Mueller's went → go, FreeDict's go
  }
  {
    SCOPED_TRACE("statistics");
    ASSERT_EQ(stats.dictionaries.size(), 3u);
    for (const auto& d : stats.dictionaries) {
      EXPECT_EQ(d.headwords, d.parsed + d.skipped_phrase + d.skipped_affix + d.skipped_empty) << d.name;
      EXPECT_GT(d.parsed, d.headwords * 3 / 4) << d.name;
    }
    ASSERT_EQ(stats.directions.size(), 4u);
    for (const auto& d : stats.directions) {
      EXPECT_EQ(d.entries, lex.entries(d.from, d.to));
      EXPECT_LT(d.phrase_entries, d.entries);
    }
    EXPECT_EQ(lex.entries(Lang::en, Lang::ru), lex.entries(Lang::ru, Lang::en));
    EXPECT_GT(lex.headwords(Lang::en, Lang::ru), 25000u);
    EXPECT_GT(lex.headwords(Lang::en, Lang::tr), 25000u);
    EXPECT_EQ(stats.bytes, fs::file_size(tmp.path / "lexicon.bin"));
  }

  // Coverage of real text: the share of content-word tokens whose stem the lexicon translates.
  // Thresholds sit a few points under the figures in data/lexicon/README.md.
  struct Case {
    Lang from, to;
    const char* file;
    double at_least;
  };
  const Case cases[] = {
      {Lang::ru, Lang::en, "newstest/ru-en/newstest2020.ru", 0.74},
      {Lang::en, Lang::ru, "newstest/ru-en/newstest2020.en", 0.78},
      {Lang::tr, Lang::en, "newstest/tr-en/newstest2017.tr", 0.75},
      {Lang::en, Lang::tr, "newstest/tr-en/newstest2017.en", 0.80},
      {Lang::ru, Lang::en, "tatoeba/eng-rus/tatoeba-test-v2021-08-07.rus", 0.85},
      {Lang::tr, Lang::en, "tatoeba/eng-tur/tatoeba-test-v2021-08-07.tur", 0.80},
  };
  for (const auto& c : cases) {
    fs::path file = kCorpora / c.file;
    if (!fs::exists(file)) {
      std::cout << "[ SKIPPED  ] coverage: " << file << " not found (../shared/corpora)\n";
      continue;
    }
    auto cov = measure_coverage(lex, c.from, c.to, slurp(file), 0);
    std::cout << "coverage " << to_string(c.from) << "->" << to_string(c.to) << " " << c.file << ": "
              << cov.known << "/" << cov.tokens << " = " << cov.ratio() << "\n";
    EXPECT_GT(cov.tokens, 5000u) << c.file;
    EXPECT_GE(cov.ratio(), c.at_least) << c.file;
  }
}

}  // namespace
}  // namespace quotekit
