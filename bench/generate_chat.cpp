// Deterministic generator of a chat-like MySQL database for the m2pg benchmarks.
//
//   generate_chat [--posts N] --out DIR
//
// Writes one file per table in MySQL LOAD DATA format (tab-separated fields, one row per
// line, \N for NULL, and \\ \t \n \r \0 escaped as FIELDS ESCAPED BY '\\' reads them),
// plus load.sql (the LOAD DATA statements, with the column lists and the SET clauses that
// binary and BIT columns need) and counts.txt (rows per table). The same arguments always
// produce byte-identical files: every table draws from its own fixed-seed splitmix64
// stream, and nothing depends on the clock, the locale or hash-container iteration order.
//
// Self-contained on purpose (bench/run.sh compiles it with a bare g++), so it does not use
// lib/.
#include <array>
#include <charconv>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

namespace bench {

// ---------------------------------------------------------------------------------------
// Randomness: splitmix64. Fast, tiny state, and its finaliser is a bijection on 64 bits,
// which make_id() relies on for unique ids.

constexpr std::uint64_t mix64(std::uint64_t z) {
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

class Rng {
 public:
  explicit Rng(std::uint64_t seed) : state_(seed) {}

  std::uint64_t next() {
    state_ += 0x9e3779b97f4a7c15ULL;
    return mix64(state_);
  }
  // Modulo bias is below 2^-40 for the ranges used here; irrelevant for test data.
  std::uint64_t below(std::uint64_t n) { return n == 0 ? 0 : next() % n; }
  std::int64_t between(std::int64_t lo, std::int64_t hi) {  // inclusive
    return lo + static_cast<std::int64_t>(below(static_cast<std::uint64_t>(hi - lo) + 1));
  }
  bool per_million(std::uint64_t n) { return below(1000000) < n; }
  bool percent(std::uint64_t n) { return below(100) < n; }
  // Skewed towards 0: a few channels and users carry most of the traffic, as in real chats.
  std::uint64_t skewed(std::uint64_t n) { return std::min(n - 1, below(n) * below(n) / n); }

 private:
  std::uint64_t state_;
};

constexpr std::uint64_t kSeed = 0x6d3270675f62656eULL;  // "m2pg_ben"

// ---------------------------------------------------------------------------------------
// Output: a TSV writer with one large buffer, flushed in big blocks.

struct FileClose {
  void operator()(std::FILE* f) const noexcept { std::fclose(f); }
};
using FilePtr = std::unique_ptr<std::FILE, FileClose>;

class TsvWriter {
 public:
  explicit TsvWriter(const std::filesystem::path& path) : path_(path) {
    file_.reset(std::fopen(path.c_str(), "wb"));
    if (!file_) throw std::runtime_error("cannot create " + path.string());
    buffer_.reserve(kFlushBytes + (1U << 20));
  }
  TsvWriter(const TsvWriter&) = delete;
  TsvWriter& operator=(const TsvWriter&) = delete;

  void text(std::string_view value) {
    separate();
    for (char c : value) {
      switch (c) {
        case '\\': buffer_ += "\\\\"; break;
        case '\t': buffer_ += "\\t"; break;
        case '\n': buffer_ += "\\n"; break;
        case '\r': buffer_ += "\\r"; break;
        case '\0': buffer_ += "\\0"; break;
        default: buffer_ += c;
      }
    }
  }
  // Values that cannot contain a special character (numbers, dates, hex).
  void plain(std::string_view value) {
    separate();
    buffer_ += value;
  }
  void integer(std::int64_t value) {
    separate();
    append_number(value);
  }
  void unsigned_integer(std::uint64_t value) {
    separate();
    append_number(value);
  }
  void null() {
    separate();
    buffer_ += "\\N";
  }
  void hex(std::string_view bytes) {
    static constexpr char kDigits[] = "0123456789abcdef";
    separate();
    for (unsigned char b : bytes) {
      buffer_ += kDigits[b >> 4];
      buffer_ += kDigits[b & 15];
    }
  }
  void end_row() {
    buffer_ += '\n';
    at_row_start_ = true;
    ++rows_;
    if (buffer_.size() >= kFlushBytes) flush();
  }
  std::uint64_t finish() {
    flush();
    if (std::fflush(file_.get()) != 0) throw std::runtime_error("cannot write " + path_.string());
    file_.reset();
    return rows_;
  }

 private:
  static constexpr std::size_t kFlushBytes = 32U << 20;

  template <typename Number>
  void append_number(Number value) {
    std::array<char, 24> digits{};
    auto [end, ec] = std::to_chars(digits.data(), digits.data() + digits.size(), value);
    buffer_.append(digits.data(), end);
  }
  void separate() {
    if (!at_row_start_) buffer_ += '\t';
    at_row_start_ = false;
  }
  void flush() {
    if (!buffer_.empty() && std::fwrite(buffer_.data(), 1, buffer_.size(), file_.get()) != buffer_.size())
      throw std::runtime_error("cannot write " + path_.string());
    buffer_.clear();
  }

  std::filesystem::path path_;
  FilePtr file_;
  std::string buffer_;
  bool at_row_start_ = true;
  std::uint64_t rows_ = 0;
};

// ---------------------------------------------------------------------------------------
// Ids: 26 characters from Mattermost's base32 alphabet. The first 13 characters encode
// mix64(table, index), a bijection, so ids never collide; the rest only look random.

enum class IdKind : std::uint64_t { User = 1, Channel, Post, File, Team };

using Id = std::array<char, 26>;

Id make_id(IdKind kind, std::uint64_t index) {
  static constexpr std::string_view kAlphabet = "ybndrfg8ejkmcpqxot1uwisza345h769";
  std::uint64_t unique = mix64((static_cast<std::uint64_t>(kind) << 48) ^ index);
  std::uint64_t filler = mix64(unique ^ 0x5bd1e9955bd1e995ULL);
  Id id{};
  for (int i = 0; i < 13; ++i) {
    id[static_cast<std::size_t>(i)] = kAlphabet[unique & 31];
    unique >>= 5;
    id[static_cast<std::size_t>(13 + i)] = kAlphabet[filler & 31];
    filler >>= 5;
  }
  return id;
}

std::string_view view(const Id& id) { return {id.data(), id.size()}; }

// ---------------------------------------------------------------------------------------
// Text: word lists per language, with code point counts precomputed.

std::size_t count_code_points(std::string_view s) {
  std::size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

struct Word {
  std::string_view text;
  std::size_t chars;
};

struct Language {
  std::string_view code;
  bool spaces;                  // false for Japanese and Chinese: words run together
  std::string_view full_stop;   // sentence end
  std::vector<Word> words;
  std::uint64_t weight;         // share of messages, in percent
};

std::vector<Word> make_words(std::initializer_list<std::string_view> list) {
  std::vector<Word> words;
  words.reserve(list.size());
  for (auto w : list) words.push_back({w, count_code_points(w)});
  return words;
}

const std::vector<Language>& languages() {
  static const std::vector<Language> kLanguages = {
      {"en", true, ".",
       make_words({"the", "a", "we", "I", "you", "should", "can", "deploy", "release", "meeting", "tomorrow",
                   "please", "review", "build", "failed", "again", "think", "merge", "this", "branch",
                   "after", "lunch", "server", "database", "migration", "is", "done", "thanks", "everyone",
                   "great", "job", "someone", "check", "logs", "ticket", "customer", "reported", "issue",
                   "with", "login", "on", "mobile", "fixed", "in", "latest", "version", "working", "from",
                   "home", "today", "coffee", "weekend", "plan", "quick", "question", "about", "budget",
                   "team", "sync", "notes", "agenda", "link", "below", "it's", "\"quoted\"", "don't",
                   "O'Brien", "50%", "$100", "<b>bold</b>", "a&b", "dashboard", "latency", "p99", "rollback"}),
       50},
      {"de", true, ".",
       make_words({"der", "die", "das", "und", "ist", "nicht", "wir", "müssen", "heute", "noch", "Besprechung",
                   "morgen", "Änderung", "Größe", "Straße", "übernehmen", "Fehler", "behoben", "Datenbank",
                   "Migration", "läuft", "schon", "wieder", "bitte", "prüfen", "danke", "schön", "Wochenende",
                   "Kaffee", "Übersicht", "Grüße", "für", "über", "natürlich", "Ärger", "öffentlich",
                   "Bereitstellung", "Schlüssel", "Maßnahme", "gemäß", "Zuständigkeit", "Fußball"}),
       10},
      {"fr", true, ".",
       make_words({"le", "la", "les", "et", "est", "pas", "nous", "devons", "aujourd'hui", "réunion", "demain",
                   "déjà", "très", "où", "ça", "marché", "équipe", "café", "naïve", "être", "été", "problème",
                   "résolu", "base", "données", "migration", "terminée", "merci", "à", "tous", "bientôt",
                   "façon", "hôpital", "Noël", "coût", "élève", "garçon", "œuvre", "déploiement", "leçon"}),
       10},
      {"ru", true, ".",
       make_words({"привет", "коллеги", "сегодня", "завтра", "встреча", "база", "данных", "миграция",
                   "завершена", "ошибка", "исправлена", "пожалуйста", "проверьте", "логи", "спасибо", "всем",
                   "отличная", "работа", "сервер", "снова", "упал", "релиз", "выходные", "кофе", "вопрос",
                   "бюджет", "команда", "ещё", "съёмка", "объявление", "щука", "и", "в", "не", "на", "что",
                   "развёртывание", "ключ", "Москва", "ёлка"}),
       8},
      {"ja", false, "。",
       make_words({"こんにちは", "今日", "明日", "会議", "データベース", "移行", "完了", "しました", "エラー",
                   "修正", "お願いします", "確認", "ログ", "ありがとう", "ございます", "みなさん", "サーバー",
                   "再起動", "リリース", "週末", "コーヒー", "質問", "予算", "チーム", "の", "は", "を", "が",
                   "に", "で", "です", "ます", "東京", "大阪", "𠮷野家", "ｶﾀｶﾅ", "、"}),
       7},
      {"zh", false, "。",
       make_words({"你好", "今天", "明天", "会议", "数据库", "迁移", "完成", "了", "错误", "已修复", "请",
                   "检查", "日志", "谢谢", "大家", "服务器", "重启", "发布", "周末", "咖啡", "问题", "预算",
                   "团队", "的", "是", "在", "我们", "需要", "北京", "上海", "，", "𡃁", "繁體字", "部署"}),
       7},
      {"ar", true, "؟",
       make_words({"مرحبا", "اليوم", "غدا", "اجتماع", "قاعدة", "البيانات", "الترحيل", "اكتمل", "خطأ", "تم",
                   "إصلاح", "من", "فضلك", "تحقق", "السجلات", "شكرا", "للجميع", "الخادم", "إصدار", "عطلة",
                   "قهوة", "سؤال", "الميزانية", "الفريق", "في", "على", "٢٠٢٤", "نشر"}),
       4},
      {"hi", true, "।",
       make_words({"नमस्ते", "आज", "कल", "बैठक", "डेटाबेस", "माइग्रेशन", "पूरा", "हुआ", "त्रुटि", "ठीक",
                   "कृपया", "जाँच", "करें", "लॉग", "धन्यवाद", "सभी", "को", "सर्वर", "रिलीज़", "सप्ताहांत",
                   "कॉफ़ी", "प्रश्न", "बजट", "टीम", "है", "में", "और", "क्षमा"}),
       4},
  };
  return kLanguages;
}

// Mostly 4-byte emoji, plus ZWJ sequences, flags, skin tones and variation selectors.
const std::vector<Word>& emoji() {
  static const std::vector<Word> kEmoji =
      make_words({"😀", "😂", "🎉", "🚀", "👍", "🔥", "❤️", "🙏", "🤔", "👀", "✅", "🌴", "🍕", "💯", "🥳",
                  "🧑‍💻", "🇩🇪", "🇯🇵", "👍🏽", "😅", "🐛", "📎", "💡", "⚠️", "🤦‍♂️", "🦄", "🫠"});
  return kEmoji;
}

const std::vector<std::string_view>& hashtag_words() {
  static const std::vector<std::string_view> kTags = {"release", "incident", "oncall", "deploy", "q3",
                                                      "hiring", "migration", "bug", "größe", "données",
                                                      "релиз", "会議", "random", "perf", "security"};
  return kTags;
}

const std::vector<std::string_view>& first_names() {
  static const std::vector<std::string_view> kNames = {"anna", "ben", "chloé", "dmitri", "emma", "fatima",
                                                       "george", "hana", "igor", "jürgen", "kenji", "lea",
                                                       "mohammed", "nina", "olga", "priya", "quentin",
                                                       "raj", "sofia", "tomás", "uma", "victor", "wei",
                                                       "xenia", "yuki", "zoë"};
  return kNames;
}

const std::vector<std::string_view>& emoji_names() {
  static const std::vector<std::string_view> kNames = {
      "+1", "-1", "smile", "heart", "tada", "eyes", "joy", "rocket", "fire", "white_check_mark", "thinking_face",
      "pray", "100", "raised_hands", "clap", "laughing", "party_parrot", "custom_ünïcode", "grinning", "wave"};
  return kNames;
}

template <typename T>
const T& pick(Rng& rng, const std::vector<T>& list) {
  return list[rng.below(list.size())];
}

struct Population {
  std::uint64_t users;
  std::uint64_t channels;
  std::uint64_t posts;
  std::uint64_t files;
  std::uint64_t reactions;
};

std::string username(std::uint64_t user) {
  return std::string(first_names()[user % first_names().size()]) + "." + std::to_string(user);
}

const Language& pick_language(Rng& rng) {
  std::uint64_t roll = rng.below(100);
  for (const auto& language : languages()) {
    if (roll < language.weight) return language;
    roll -= language.weight;
  }
  return languages().front();
}

// Message lengths: mostly 20-300 characters, a tail up to 4000.
std::size_t message_length(Rng& rng) {
  std::uint64_t roll = rng.below(1000);
  if (roll < 850) return static_cast<std::size_t>(rng.between(20, 300));
  if (roll < 970) return static_cast<std::size_t>(rng.between(300, 1000));
  return static_cast<std::size_t>(rng.between(1000, 4000));
}

// Appends chat text of about `target_chars` code points (never cutting a character) and
// collects the hashtags it used into `hashtags` (space separated, Mattermost's layout).
class TextMaker {
 public:
  TextMaker(Rng& rng, const Population& population) : rng_(rng), population_(population) {}

  void append(std::string& out, std::size_t target_chars, std::string* hashtags) {
    const Language& language = pick_language(rng_);
    std::size_t chars = 0;
    bool sentence_start = true;
    while (chars < target_chars) {
      std::string_view piece;
      std::string scratch;
      std::uint64_t roll = rng_.below(1000);
      if (roll < 60) {
        piece = pick(rng_, emoji()).text;
      } else if (roll < 70 && population_.users > 0) {
        scratch = "@" + username(rng_.below(population_.users));
        piece = scratch;
      } else if (roll < 78) {
        scratch = "#" + std::string(pick(rng_, hashtag_words()));
        if (hashtags != nullptr) {
          if (!hashtags->empty()) *hashtags += ' ';
          *hashtags += scratch;
        }
        piece = scratch;
      } else if (roll < 81) {
        piece = "https://example.com/tickets/4711?ref=chat&lang=de#top";
      } else if (roll < 83) {
        piece = "C:\\Users\\bob\\логи\\app.log";  // backslashes must survive every hop
      } else if (roll < 85) {
        piece = "\n```\nfor x in rows:\n\tprint(x)  # tab-indented\n```\n";
      } else {
        piece = pick(rng_, language.words).text;
      }
      if (!out.empty() && !sentence_start && language.spaces) {
        out += ' ';
        ++chars;
      }
      out += piece;
      chars += count_code_points(piece);
      sentence_start = false;
      if (rng_.below(12) == 0) {
        out += language.full_stop;
        ++chars;
        std::uint64_t gap = rng_.below(10);
        if (gap == 0) {
          out += "\n\n";
          chars += 2;
          sentence_start = true;
        } else if (gap < 3) {
          out += '\n';
          ++chars;
          sentence_start = true;
        }
      }
    }
  }

 private:
  Rng& rng_;
  const Population& population_;
};

// ---------------------------------------------------------------------------------------
// Dates and times as MySQL prints them.

std::string two(std::int64_t v) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "%02d", static_cast<int>(v));
  return buf;
}

std::string random_date(Rng& rng) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", static_cast<int>(rng.between(1000, 9999)),
                static_cast<int>(rng.between(1, 12)), static_cast<int>(rng.between(1, 28)));
  return buf;
}

std::string random_clock(Rng& rng) {
  return two(rng.between(0, 23)) + ":" + two(rng.between(0, 59)) + ":" + two(rng.between(0, 59));
}

std::string micros(Rng& rng) {
  char buf[8];
  std::snprintf(buf, sizeof buf, ".%06d", static_cast<int>(rng.between(0, 999999)));
  return buf;
}

// Epoch milliseconds → 'YYYY-MM-DD HH:MM:SS' in UTC (civil-from-days, Howard Hinnant).
std::string datetime_from_ms(std::int64_t ms) {
  std::int64_t secs = ms / 1000;
  std::int64_t days = secs / 86400;
  std::int64_t rem = secs % 86400;
  days += 719468;
  std::int64_t era = days / 146097;
  std::int64_t doe = days - era * 146097;
  std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  std::int64_t y = yoe + era * 400;
  std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  std::int64_t mp = (5 * doy + 2) / 153;
  std::int64_t d = doy - (153 * mp + 2) / 5 + 1;
  std::int64_t m = mp < 10 ? mp + 3 : mp - 9;
  if (m <= 2) ++y;
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d %02d:%02d:%02d", static_cast<int>(y), static_cast<int>(m),
                static_cast<int>(d), static_cast<int>(rem / 3600), static_cast<int>(rem / 60 % 60),
                static_cast<int>(rem % 60));
  return buf;
}

constexpr std::int64_t kEpochStartMs = 1577836800000;  // 2020-01-01 UTC
constexpr std::size_t kTeams = 5;

// ---------------------------------------------------------------------------------------
// Tables. Each writer fills one TSV file; its column list lives next to it in load.sql.

struct TableSpec {
  std::string_view name;
  std::string_view columns;      // LOAD DATA column list, in file order
  std::string_view set_clause;   // empty or "SET ..."
};

std::uint64_t write_users(const std::filesystem::path& dir, const Population& p) {
  Rng rng(kSeed ^ 1);
  TsvWriter out(dir / "Users.tsv");
  static constexpr std::array<std::string_view, 6> kLocales = {"en", "de", "fr", "ru", "ja", "zh-CN"};
  static constexpr std::array<std::string_view, 5> kPositions = {"Engineer", "SRE", "Product Manager",
                                                                 "Développeuse", "Руководитель"};
  for (std::uint64_t u = 0; u < p.users; ++u) {
    std::int64_t create = kEpochStartMs + static_cast<std::int64_t>(u) * 60000 + rng.between(0, 59999);
    out.text(view(make_id(IdKind::User, u)));
    out.integer(create);
    out.integer(create + rng.between(0, 86400000));
    out.integer(rng.percent(3) ? create + 1000 : 0);
    std::string name = username(u);
    out.text(name);
    out.text(name + "@example.com");
    out.integer(rng.percent(80) ? 1 : 0);
    if (rng.percent(30)) out.null();
    else out.text(std::string(pick(rng, first_names())) + " " + std::string(pick(rng, emoji()).text));
    if (rng.percent(40)) out.null();
    else out.text(kPositions[rng.below(kPositions.size())]);
    out.text(rng.percent(5) ? "system_user system_admin" : "system_user");
    // Props holds JSON inside a JSON string, as Mattermost's customStatus does: escaped
    // quotes and backslashes that every layer must keep.
    if (rng.percent(50)) out.plain("{}");
    else out.text(R"({"customStatus":"{\"emoji\":\"palm_tree\",\"text\":\"Urlaub 🌴 \\\\ back monday\"}"})");
    out.text(R"({"channel":"true","desktop":"mention","email":"true","push":"mention","first_name":"false"})");
    if (rng.percent(20)) out.null();
    else out.text(R"({"automaticTimezone":"Europe/Berlin","manualTimezone":"","useAutomaticTimezone":"true"})");
    out.text(kLocales[rng.below(kLocales.size())]);
    if (rng.percent(25)) out.null();
    else out.plain(datetime_from_ms(create + rng.between(0, 31536000000)));
    out.integer(rng.percent(10) ? 1 : 0);
    if (rng.percent(95)) out.null();
    else out.text(view(make_id(IdKind::Team, 1000 + u)));
    out.end_row();
  }
  return out.finish();
}

std::uint64_t write_channels(const std::filesystem::path& dir, const Population& p) {
  Rng rng(kSeed ^ 2);
  TsvWriter out(dir / "Channels.tsv");
  TextMaker text(rng, p);
  std::string scratch;
  for (std::uint64_t c = 0; c < p.channels; ++c) {
    std::int64_t create = kEpochStartMs + static_cast<std::int64_t>(c) * 3600000;
    out.text(view(make_id(IdKind::Channel, c)));
    out.integer(create);
    out.integer(rng.percent(5) ? create + 86400000 : 0);
    out.text(view(make_id(IdKind::Team, rng.below(kTeams))));
    std::uint64_t roll = rng.below(100);
    out.plain(roll < 60 ? "O" : roll < 80 ? "P" : roll < 95 ? "D" : "G");
    scratch.clear();
    text.append(scratch, static_cast<std::size_t>(rng.between(4, 30)), nullptr);
    // DisplayName is varchar(64): cut at a character boundary well inside 64 characters.
    std::size_t cut = 0;
    for (std::size_t chars = 0; cut < scratch.size() && chars < 40; ++chars) {
      do ++cut;
      while (cut < scratch.size() && (static_cast<unsigned char>(scratch[cut]) & 0xC0) == 0x80);
    }
    std::string display = scratch.substr(0, cut);
    for (char& ch : display)
      if (ch == '\n') ch = ' ';
    out.text(display);
    out.text("channel-" + std::to_string(c));
    if (rng.percent(40)) {
      out.null();
    } else {
      scratch.clear();
      text.append(scratch, static_cast<std::size_t>(rng.between(10, 400)), nullptr);
      out.text(scratch);
    }
    out.text(rng.percent(50) ? "" : "Purpose: ünïcödé ✔ and 🚀");
    out.integer(create + rng.between(0, 31536000000));
    out.unsigned_integer(rng.below(5000000));
    out.end_row();
  }
  return out.finish();
}

std::uint64_t write_posts(const std::filesystem::path& dir, const Population& p) {
  Rng rng(kSeed ^ 3);
  TsvWriter out(dir / "Posts.tsv");
  TextMaker text(rng, p);
  std::string message;
  std::string hashtags;
  std::string props;
  std::int64_t clock = kEpochStartMs;
  for (std::uint64_t i = 0; i < p.posts; ++i) {
    clock += rng.between(1, 20000);
    out.text(view(make_id(IdKind::Post, i)));
    out.integer(clock);
    bool edited = rng.percent(5);
    out.integer(edited ? clock + rng.between(1000, 3600000) : clock);
    out.integer(edited ? clock + 1000 : 0);
    out.integer(rng.percent(2) ? clock + 7200000 : 0);
    out.integer(rng.percent(1) ? 1 : 0);
    out.text(view(make_id(IdKind::User, rng.skewed(p.users))));
    out.text(view(make_id(IdKind::Channel, rng.skewed(p.channels))));
    if (i > 0 && rng.percent(30)) out.text(view(make_id(IdKind::Post, rng.below(i))));
    else out.plain("");
    message.clear();
    hashtags.clear();
    text.append(message, message_length(rng), &hashtags);
    // ~0.1% carry a NUL byte, as messages pasted from binary sources do.
    if (rng.per_million(1000)) {
      std::size_t space = message.find(' ');  // a character boundary, also in CJK text
      message.insert(space == std::string::npos ? 0 : space, 1, '\0');
    }
    out.text(message);
    out.plain(rng.percent(3) ? "system_join_channel" : "");
    std::uint64_t props_roll = rng.below(100000);
    if (props_roll < 50) {
      // The \u0000 escape: valid JSON in MySQL, rejected by Postgres jsonb.
      out.text(R"({"attachments":[{"text":"pasted\u0000binary","color":"#ff0000"}]})");
    } else if (props_roll < 20000) {
      props = R"({"disable_group_highlight":true,"mentions":[")" + username(rng.below(p.users)) +
              R"("],"from_webhook":"false"})";
      out.text(props);
    } else {
      out.plain("{}");
    }
    out.text(hashtags);
    if (rng.percent(5)) {
      out.text("[\"" + std::string(view(make_id(IdKind::File, rng.below(std::max<std::uint64_t>(p.files, 1))))) +
               "\"]");
    } else {
      out.plain("[]");
    }
    out.end_row();
  }
  return out.finish();
}

std::uint64_t write_file_info(const std::filesystem::path& dir, const Population& p) {
  Rng rng(kSeed ^ 4);
  TsvWriter out(dir / "FileInfo.tsv");
  TextMaker text(rng, p);
  struct Kind {
    std::string_view extension, mime;
    bool image;
  };
  static constexpr std::array<Kind, 6> kKinds = {{{"png", "image/png", true},
                                                  {"jpg", "image/jpeg", true},
                                                  {"pdf", "application/pdf", false},
                                                  {"txt", "text/plain; charset=utf-8", false},
                                                  {"docx",
                                                   "application/vnd.openxmlformats-officedocument."
                                                   "wordprocessingml.document",
                                                   false},
                                                  {"log", "text/plain", false}}};
  std::string content;
  std::string checksum(32, '\0');
  for (std::uint64_t f = 0; f < p.files; ++f) {
    const Kind& kind = kKinds[rng.below(kKinds.size())];
    Id id = make_id(IdKind::File, f);
    Id creator = make_id(IdKind::User, rng.skewed(p.users));
    Id channel = make_id(IdKind::Channel, rng.skewed(p.channels));
    std::int64_t create = kEpochStartMs + static_cast<std::int64_t>(f) * 20 * 10000;
    out.text(view(id));
    out.text(view(creator));
    out.text(view(make_id(IdKind::Post, rng.below(p.posts))));
    out.integer(create);
    std::string name = std::string(pick(rng, languages()[rng.below(languages().size())].words).text) + "_" +
                       std::to_string(f) + "." + std::string(kind.extension);
    out.text("data/" + datetime_from_ms(create).substr(0, 10) + "/teams/noteam/channels/" +
             std::string(view(channel)) + "/users/" + std::string(view(creator)) + "/" + std::string(view(id)) +
             "/" + name);
    out.text(name);
    out.text(kind.extension);
    out.integer(rng.between(0, 104857600));
    out.text(kind.mime);
    if (kind.image) {
      out.integer(rng.between(16, 8000));
      out.integer(rng.between(16, 8000));
      out.integer(1);
    } else {
      out.null();
      out.null();
      out.integer(0);
    }
    if (kind.image || rng.percent(10)) {
      out.plain("");
    } else {
      content.clear();
      // Extracted document text: a few hundred bytes to a few KB.
      text.append(content, static_cast<std::size_t>(rng.between(100, 3000)), nullptr);
      out.text(content);
    }
    for (char& b : checksum) b = static_cast<char>(rng.next() & 0xFF);
    out.hex(checksum);
    out.end_row();
  }
  return out.finish();
}

std::uint64_t write_reactions(const std::filesystem::path& dir, const Population& p) {
  Rng rng(kSeed ^ 5);
  TsvWriter out(dir / "Reactions.tsv");
  // The primary key is (PostId, UserId, EmojiName): draw until the triple is new. Only
  // membership is asked of the set, so its iteration order cannot leak into the output.
  std::unordered_set<std::uint64_t> seen;
  seen.reserve(p.reactions * 2);
  const auto& names = emoji_names();
  for (std::uint64_t r = 0; r < p.reactions;) {
    std::uint64_t post = rng.skewed(p.posts);
    std::uint64_t user = rng.below(p.users);
    std::uint64_t name = rng.below(names.size());
    if (!seen.insert((post << 32) ^ (user << 8) ^ name).second) continue;
    out.text(view(make_id(IdKind::User, user)));
    out.text(view(make_id(IdKind::Post, post)));
    out.text(names[name]);
    out.integer(kEpochStartMs + static_cast<std::int64_t>(post) * 10000 + rng.between(0, 86400000));
    out.end_row();
    ++r;
  }
  return out.finish();
}

// ---------------------------------------------------------------------------------------
// Types: every edge value of every MySQL column type, then 1000 random rows.

constexpr std::size_t kTypesColumns = 34;
constexpr std::uint64_t kTypesRandomRows = 1000;

// How a value travels through LOAD DATA: as text, as hex (binary columns, via UNHEX), or
// as a number for BIT columns (LOAD DATA cannot read bit literals).
enum class Load { Text, Hex, Bit };

struct TypesColumn {
  std::string_view name;
  Load load;
};

constexpr std::array<TypesColumn, kTypesColumns> kTypesColumnsList = {{
    {"id", Load::Text},          {"c_bool", Load::Text},       {"c_tinyint", Load::Text},
    {"c_tinyint_u", Load::Text}, {"c_smallint", Load::Text},   {"c_smallint_u", Load::Text},
    {"c_mediumint", Load::Text}, {"c_mediumint_u", Load::Text}, {"c_int", Load::Text},
    {"c_int_u", Load::Text},     {"c_bigint", Load::Text},     {"c_bigint_u", Load::Text},
    {"c_decimal", Load::Text},   {"c_money", Load::Text},      {"c_float", Load::Text},
    {"c_double", Load::Text},    {"c_date", Load::Text},       {"c_datetime", Load::Text},
    {"c_datetime0", Load::Text}, {"c_timestamp", Load::Text},  {"c_time", Load::Text},
    {"c_time6", Load::Text},     {"c_year", Load::Text},       {"c_bit1", Load::Bit},
    {"c_bit12", Load::Bit},      {"c_enum", Load::Text},       {"c_set", Load::Text},
    {"c_json", Load::Text},      {"c_varbinary", Load::Hex},   {"c_binary", Load::Hex},
    {"c_blob", Load::Hex},       {"c_char", Load::Text},       {"c_varchar", Load::Text},
    {"c_text", Load::Text},
}};

// One cell: nullopt-like flag plus the value (text, or raw bytes for Hex columns).
struct Cell {
  bool is_null = false;
  std::string value;
};
using TypesRow = std::array<Cell, kTypesColumns>;

Cell v(std::string s) { return Cell{false, std::move(s)}; }
Cell null_cell() { return Cell{true, {}}; }

std::string all_bytes(bool descending) {
  std::string bytes(256, '\0');
  for (int i = 0; i < 256; ++i) bytes[static_cast<std::size_t>(i)] = static_cast<char>(descending ? 255 - i : i);
  return bytes;
}

std::string from_hex(std::string_view hex) {
  std::string bytes;
  for (std::size_t i = 0; i + 1 < hex.size(); i += 2)
    bytes += static_cast<char>(std::stoi(std::string(hex.substr(i, 2)), nullptr, 16));
  return bytes;
}

std::vector<TypesRow> types_edge_rows() {
  const std::string dec_nines = std::string(35, '9') + "." + std::string(30, '9');
  // varchar(255) filled to exactly 255 characters of mixed widths (1 to 4 bytes).
  std::string varchar_full;
  static constexpr std::array<std::string_view, 5> kMix = {"a", "é", "ж", "日", "😀"};
  for (std::size_t i = 0; i < 255; ++i) varchar_full += kMix[i % kMix.size()];
  // text filled to exactly 65535 bytes, its maximum.
  std::string text_full;
  for (int i = 0; i < 32767; ++i) text_full += "ü";
  text_full += "!";
  std::string controls;  // every ASCII control character and DEL (valid UTF-8, no NUL)
  for (int c = 1; c < 32; ++c) controls += static_cast<char>(c);
  controls += '\x7f';
  std::string big_blob;
  for (int i = 0; i < 4096; ++i) big_blob += static_cast<char>((i * 7 + 3) & 0xFF);

  std::vector<TypesRow> rows;
  rows.push_back({v("1"), v("0"), v("-128"), v("0"), v("-32768"), v("0"), v("-8388608"), v("0"),
                  v("-2147483648"), v("0"), v("-9223372036854775808"), v("0"), v("-" + dec_nines),
                  v("-99999999.99"), v("-3.40282e38"), v("-1.7976931348623157e308"), v("0000-00-00"),
                  v("0000-00-00 00:00:00.000000"), v("0000-00-00 00:00:00"), v("0000-00-00 00:00:00.000000"),
                  v("-838:59:59"), v("-838:59:59.999999"), v("0000"), v("0"), v("0"), v("small"), v(""),
                  v("{}"), v(all_bytes(false)), v(from_hex("00000000")), v(""), v(""), v(""), v("")});
  rows.push_back({v("2"), v("1"), v("127"), v("255"), v("32767"), v("65535"), v("8388607"), v("16777215"),
                  v("2147483647"), v("4294967295"), v("9223372036854775807"), v("18446744073709551615"),
                  v(dec_nines), v("99999999.99"), v("3.40282e38"), v("1.7976931348623157e308"), v("9999-12-31"),
                  v("9999-12-31 23:59:59.999999"), v("9999-12-31 23:59:59"), v("2038-01-19 03:14:07.999999"),
                  v("838:59:59"), v("838:59:59.999999"), v("2155"), v("1"), v("4095"), v("ünï"),
                  v("read,write,admin,ünï"),
                  v(R"({"nested":{"deep":[1,2.5,-3e10,true,false,null,"ünï 🚀"]},"long":")" +
                    std::string(2000, 'x') + R"("})"),
                  v(all_bytes(true)), v(from_hex("ffffffff")), v(big_blob), v("ñandú 🦜"), v(varchar_full),
                  v(text_full)});
  rows.push_back({v("3"), v("0"), v("-1"), v("1"), v("-1"), v("1"), v("-1"), v("1"), v("-1"), v("1"), v("-1"),
                  v("1"), v("0." + std::string(29, '0') + "1"), v("0.01"), v("1.17549e-38"), v("5e-324"),
                  v("0009-12-04"), v("0009-12-04 00:00:00.000001"), v("1000-01-01 00:00:00"),
                  v("1970-01-01 00:00:01.000000"), v("00:00:00"), v("-00:00:00.000001"), v("1901"), v("0"),
                  v("1"), v("medium"), v("write"), v("[]"), v(""), v("A"), v(std::string(1, '\0')), v(" "),
                  v("trailing space "), v(controls)});
  rows.push_back({v("4"), v("1"), v("0"), v("0"), v("0"), v("0"), v("0"), v("0"), v("0"), v("0"), v("0"),
                  v("0"), v("-0.000000000000000000000000000001"), v("-0.01"), v("-0"), v("-0"),
                  v("2024-00-00"), v("2024-02-00 10:00:00.500000"), v("0000-01-01 00:00:00"), null_cell(),
                  v("-00:00:01"), v("100:00:00.5"), v("2000"), v("1"), v("2730"), v("x-large"), v("read,admin"),
                  v(R"({"nul":"a\u0000b","emoji":"\ud83d\ude00","dup":1,"dup":2,"big":123456789012345678901234567890,"tiny":1.5e-300})"),
                  v(std::string("\0\r\n\t\\", 5)), v(std::string("\\\0\n", 3)), v(std::string("\t\n\r\\\0x", 6)),
                  v("\\N"), v("NULL"), v("tab\there, newline\nhere, backslash\\here, \\N, CR\rhere")});
  TypesRow nulls;
  nulls[0] = v("5");
  for (std::size_t i = 1; i < kTypesColumns; ++i) nulls[i] = null_cell();
  rows.push_back(nulls);
  rows.push_back({v("6"), v("1"), v("42"), v("200"), v("-300"), v("40000"), v("-100000"), v("10000000"),
                  v("123456789"), v("3000000000"), v("1234567890123456789"), v("9223372036854775808"),
                  v("12345678901234567890123456789012345.123456789012345678901234567890"), v("1234.50"),
                  v("3.14159"), v("2.718281828459045"), v("2024-02-29"), v("2024-02-29 23:59:59.999999"),
                  v("2024-03-31 01:30:00"), v("2024-03-31 01:30:00.123456"), v("24:00:00"),
                  v("100:00:00.500000"), v("1970"), v("1"), v("2730"), v("large"), v("read,write"),
                  v(R"("just a string")"), v("\xff\xfe\xfd"), v("\x80\x81"), v("\xc3\x28 invalid utf8 \xf0\x9f"),
                  v("日本語テキスト"), v("مرحبا بالعالم"), v("नमस्ते दुनिया 🧑‍💻")});
  return rows;
}

TypesRow types_random_row(Rng& rng, std::uint64_t id, TextMaker& text) {
  static constexpr std::array<std::string_view, 5> kEnum = {"small", "medium", "large", "x-large", "ünï"};
  static constexpr std::array<std::string_view, 4> kSet = {"read", "write", "admin", "ünï"};
  auto num = [](auto x) { return v(std::to_string(x)); };
  auto shortest = [](auto x) {
    std::array<char, 40> buf{};
    auto [end, ec] = std::to_chars(buf.data(), buf.data() + buf.size(), x);
    return v(std::string(buf.data(), end));
  };
  auto bytes = [&rng](std::size_t n) {
    std::string b(n, '\0');
    for (char& c : b) c = static_cast<char>(rng.next() & 0xFF);
    return v(std::move(b));
  };
  auto maybe_null = [&rng](Cell c) { return rng.percent(5) ? null_cell() : c; };
  TypesRow row;
  std::size_t i = 0;
  row[i++] = num(id);
  row[i++] = maybe_null(num(rng.below(2)));
  row[i++] = maybe_null(num(rng.between(-128, 127)));
  row[i++] = maybe_null(num(rng.between(0, 255)));
  row[i++] = maybe_null(num(rng.between(-32768, 32767)));
  row[i++] = maybe_null(num(rng.between(0, 65535)));
  row[i++] = maybe_null(num(rng.between(-8388608, 8388607)));
  row[i++] = maybe_null(num(rng.between(0, 16777215)));
  row[i++] = maybe_null(num(rng.between(-2147483648LL, 2147483647LL)));
  row[i++] = maybe_null(num(rng.between(0, 4294967295LL)));
  row[i++] = maybe_null(num(static_cast<std::int64_t>(rng.next())));
  row[i++] = maybe_null(num(rng.next()));
  {
    std::string dec = rng.percent(50) ? "-" : "";
    dec += std::to_string(rng.next() % 100000000000000000ULL) + std::to_string(rng.next() % 1000000000000000ULL);
    dec += ".";
    std::string frac = std::to_string(rng.next() % 1000000000000000ULL);
    dec += std::string(15 - frac.size(), '0') + frac + std::string(15, '7');
    row[i++] = maybe_null(v(dec));
  }
  {
    std::int64_t cents = rng.between(-9999999999LL, 9999999999LL);
    std::string sign = cents < 0 ? "-" : "";
    std::uint64_t abs_cents = static_cast<std::uint64_t>(cents < 0 ? -cents : cents);
    std::string frac = std::to_string(abs_cents % 100);
    row[i++] = maybe_null(v(sign + std::to_string(abs_cents / 100) + "." + (frac.size() < 2 ? "0" : "") + frac));
  }
  // Floats as shortest round-trip text of an exactly representable value.
  row[i++] = maybe_null(shortest(static_cast<float>(static_cast<std::int64_t>(rng.below(2000000)) - 1000000) /
                                 static_cast<float>(1 << rng.below(20))));
  row[i++] = maybe_null(shortest(static_cast<double>(static_cast<std::int64_t>(rng.next() >> 11)) /
                                 static_cast<double>(1ULL << rng.below(60)) * (rng.percent(50) ? 1e100 : 1e-100)));
  row[i++] = maybe_null(v(random_date(rng)));
  row[i++] = maybe_null(v(random_date(rng) + " " + random_clock(rng) + micros(rng)));
  row[i++] = maybe_null(v(random_date(rng) + " " + random_clock(rng)));
  row[i++] = maybe_null(v(datetime_from_ms(rng.between(1000, 2147483647LL) * 1000) + micros(rng)));
  {
    std::int64_t h = rng.between(-838, 838);
    std::string t = (h < 0 ? "-" : "") + std::to_string(h < 0 ? -h : h) + ":" + two(rng.between(0, 59)) + ":" +
                    two(rng.between(0, 59));
    row[i++] = maybe_null(v(t));
    row[i++] = maybe_null(v(t + micros(rng)));
  }
  row[i++] = maybe_null(num(rng.between(1901, 2155)));
  row[i++] = maybe_null(num(rng.below(2)));
  row[i++] = maybe_null(num(rng.below(4096)));
  row[i++] = maybe_null(v(std::string(kEnum[rng.below(kEnum.size())])));
  {
    std::string set;
    for (std::size_t s = 0; s < kSet.size(); ++s) {
      if (rng.percent(50)) {
        if (!set.empty()) set += ',';
        set += kSet[s];
      }
    }
    row[i++] = maybe_null(v(set));
  }
  row[i++] = maybe_null(v(R"({"id":)" + std::to_string(id) + R"(,"tags":["a","ß","🚀"],"ratio":0.25})"));
  row[i++] = maybe_null(bytes(rng.below(257)));
  row[i++] = maybe_null(bytes(4));
  row[i++] = maybe_null(bytes(rng.below(2000)));
  row[i++] = maybe_null(v(std::string(kEnum[rng.below(kEnum.size())])));
  {
    std::string s;
    text.append(s, static_cast<std::size_t>(rng.between(1, 100)), nullptr);
    row[i++] = maybe_null(v(s));
  }
  {
    std::string s;
    text.append(s, static_cast<std::size_t>(rng.between(1, 2000)), nullptr);
    row[i++] = maybe_null(v(s));
  }
  return row;
}

std::uint64_t write_types(const std::filesystem::path& dir, const Population& p) {
  Rng rng(kSeed ^ 6);
  TextMaker text(rng, p);
  TsvWriter out(dir / "Types.tsv");
  auto write_row = [&out](const TypesRow& row) {
    for (std::size_t i = 0; i < kTypesColumns; ++i) {
      if (row[i].is_null) out.null();
      else if (kTypesColumnsList[i].load == Load::Hex) out.hex(row[i].value);
      else out.text(row[i].value);
    }
    out.end_row();
  };
  std::vector<TypesRow> edges = types_edge_rows();
  for (const auto& row : edges) write_row(row);
  for (std::uint64_t r = 0; r < kTypesRandomRows; ++r) write_row(types_random_row(rng, 1000 + r, text));
  return out.finish();
}

std::string types_load_columns() {
  std::string columns = "(";
  std::string set;
  for (const auto& c : kTypesColumnsList) {
    if (columns.size() > 1) columns += ", ";
    if (c.load == Load::Text) {
      columns += c.name;
      continue;
    }
    columns += "@";
    columns += c.name;
    set += set.empty() ? "SET " : ", ";
    set += std::string(c.name) + (c.load == Load::Hex ? " = UNHEX(@" : " = CAST(@") + std::string(c.name) +
           (c.load == Load::Hex ? ")" : " AS UNSIGNED)");
  }
  return columns + ")\n  " + set;
}

// ---------------------------------------------------------------------------------------

void write_text_file(const std::filesystem::path& path, const std::string& content) {
  FilePtr file(std::fopen(path.c_str(), "wb"));
  if (!file || std::fwrite(content.data(), 1, content.size(), file.get()) != content.size())
    throw std::runtime_error("cannot write " + path.string());
}

std::string load_statement(std::string_view table, std::string_view columns) {
  return "LOAD DATA LOCAL INFILE '" + std::string(table) + ".tsv' INTO TABLE " + std::string(table) +
         "\n  CHARACTER SET utf8mb4 FIELDS TERMINATED BY '\\t' ESCAPED BY '\\\\' LINES TERMINATED BY '\\n'\n  " +
         std::string(columns) + ";\n";
}

std::string load_sql() {
  std::string sql =
      "-- Generated by bench/generate_chat.cpp. Run from this directory:\n"
      "--   mariadb --local-infile=1 --show-warnings bench < load.sql\n"
      "-- Strict mode without NO_ZERO_DATE keeps zero dates and turns every truncation into a\n"
      "-- warning (LOAD DATA LOCAL downgrades errors), which --show-warnings makes visible.\n"
      "SET NAMES utf8mb4;\n"
      "SET SESSION time_zone = '+00:00';\n"
      "SET SESSION sql_mode = 'STRICT_ALL_TABLES,NO_ENGINE_SUBSTITUTION';\n"
      "SET SESSION unique_checks = 0;\n"
      "SET SESSION foreign_key_checks = 0;\n";
  sql += load_statement("Users",
                        "(Id, CreateAt, UpdateAt, DeleteAt, Username, Email, EmailVerified, Nickname, Position, "
                        "Roles, Props, NotifyProps, Timezone, Locale, LastPasswordUpdate, MfaActive, RemoteId)");
  sql += load_statement("Channels",
                        "(Id, CreateAt, DeleteAt, TeamId, Type, DisplayName, Name, Header, Purpose, LastPostAt, "
                        "TotalMsgCount)");
  sql += load_statement("Posts",
                        "(Id, CreateAt, UpdateAt, EditAt, DeleteAt, IsPinned, UserId, ChannelId, RootId, Message, "
                        "Type, Props, Hashtags, FileIds)");
  sql += load_statement("FileInfo",
                        "(Id, CreatorId, PostId, CreateAt, Path, Name, Extension, Size, MimeType, Width, Height, "
                        "HasPreviewImage, Content, @Checksum)\n  SET Checksum = UNHEX(@Checksum)");
  sql += load_statement("Reactions", "(UserId, PostId, EmojiName, CreateAt)");
  sql += load_statement("Types", types_load_columns());
  return sql;
}

struct Options {
  std::uint64_t posts = 200000;
  std::filesystem::path out;
};

Options parse(int argc, char** argv) {
  Options options;
  for (int i = 1; i < argc; ++i) {
    std::string_view arg = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) throw std::invalid_argument(std::string(arg) + " needs a value");
      return argv[++i];
    };
    if (arg == "--posts") {
      std::string text = value();
      auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), options.posts);
      if (ec != std::errc() || end != text.data() + text.size() || options.posts == 0)
        throw std::invalid_argument("--posts wants a positive integer, got '" + text + "'");
    } else if (arg == "--out") {
      options.out = value();
    } else if (arg == "--help" || arg == "-h") {
      std::puts("usage: generate_chat [--posts N] --out DIR");
      std::exit(0);
    } else {
      throw std::invalid_argument("unknown argument '" + std::string(arg) + "'");
    }
  }
  if (options.out.empty()) throw std::invalid_argument("--out DIR is required");
  return options;
}

}  // namespace bench

int main(int argc, char** argv) {
  try {
    bench::Options options = bench::parse(argc, argv);
    std::filesystem::create_directories(options.out);
    const std::uint64_t n = options.posts;
    const bench::Population population{std::max<std::uint64_t>(n / 100, 10), std::max<std::uint64_t>(n / 1000, 5),
                                       n, std::max<std::uint64_t>(n / 20, 1), std::max<std::uint64_t>(n / 2, 1)};
    std::string counts;
    auto record = [&counts](std::string_view table, std::uint64_t rows) {
      counts += std::string(table) + "\t" + std::to_string(rows) + "\n";
    };
    record("Users", bench::write_users(options.out, population));
    record("Channels", bench::write_channels(options.out, population));
    record("Posts", bench::write_posts(options.out, population));
    record("FileInfo", bench::write_file_info(options.out, population));
    record("Reactions", bench::write_reactions(options.out, population));
    record("Types", bench::write_types(options.out, population));
    bench::write_text_file(options.out / "load.sql", bench::load_sql());
    bench::write_text_file(options.out / "counts.txt", counts);
    std::fputs(counts.c_str(), stdout);
    return 0;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "generate_chat: %s\n", e.what());
    return 1;
  }
}
