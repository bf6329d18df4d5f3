#include "support/mattermost_text.hpp"

#include <array>
#include <cstdio>

namespace m2pg::test::mattermost {

namespace {

struct Language {
    bool spaces;            // false for Japanese and Chinese: words run together
    std::string full_stop;  // sentence end
    std::vector<std::string> words;
    std::uint64_t weight;  // share of messages, in percent
};

const std::vector<Language>& languages() {
    static const std::vector<Language> kLanguages = {
        {true, ".",
         {"the", "a", "we", "should", "deploy", "release", "meeting", "tomorrow", "please", "review", "build",
          "failed", "again", "merge", "this", "branch", "after", "lunch", "server", "database", "migration", "is",
          "done", "thanks", "everyone", "someone", "check", "logs", "ticket", "customer", "reported", "issue",
          "with", "login", "on", "mobile", "fixed", "in", "latest", "version", "it's", "\"quoted\"", "don't",
          "O'Brien", "50%", "$100", "<b>bold</b>", "a&b", "p99", "rollback", "C:\\Temp\\new", "50\\%"},
         44},
        {true, ".",
         {"der", "die", "und", "ist", "nicht", "wir", "müssen", "heute", "Besprechung", "morgen", "Änderung",
          "Größe", "Straße", "Fehler", "behoben", "Datenbank", "läuft", "bitte", "prüfen", "danke", "Grüße", "für",
          "über", "Übersicht", "Maßnahme"},
         8},
        {true, ".",
         {"le", "la", "et", "est", "pas", "nous", "aujourd'hui", "réunion", "demain", "déjà", "très", "où", "ça",
          "équipe", "café", "naïve", "problème", "résolu", "données", "merci", "à", "œuvre", "déploiement"},
         8},
        {true, ".",
         {"привет", "коллеги", "сегодня", "завтра", "встреча", "база", "данных", "миграция", "завершена", "ошибка",
          "исправлена", "пожалуйста", "проверьте", "логи", "спасибо", "всем", "сервер", "снова", "ещё", "ёлка"},
         8},
        {false, "。",
         {"こんにちは", "今日", "明日", "会議", "データベース", "移行", "完了", "しました", "エラー", "修正",
          "お願いします", "確認", "ありがとう", "サーバー", "の", "は", "を", "が", "です", "𠮷野家", "ｶﾀｶﾅ", "、"},
         7},
        {false, "。",
         {"你好", "今天", "明天", "会议", "数据库", "迁移", "完成", "了", "错误", "已修复", "请", "检查", "日志",
          "谢谢", "大家", "服务器", "的", "是", "我们", "，", "𡃁", "繁體字"},
         7},
        {true, ".",
         {"안녕하세요", "오늘", "내일", "회의", "데이터베이스", "마이그레이션", "완료", "오류", "수정", "확인",
          "감사합니다", "서버", "팀"},
         4},
        {true, "؟",
         {"مرحبا", "اليوم", "غدا", "اجتماع", "قاعدة", "البيانات", "الترحيل", "اكتمل", "خطأ", "تم", "إصلاح", "من",
          "فضلك", "شكرا", "للجميع", "الخادم", "في", "على", "٢٠٢٤"},
         5},
        {true, ".",
         {"שלום", "היום", "מחר", "פגישה", "מסד", "נתונים", "הגירה", "הושלמה", "שגיאה", "תוקנה", "בבקשה", "בדקו",
          "תודה", "לכולם", "השרת", "גרסה"},
         5},
        {true, "।",
         {"नमस्ते", "आज", "कल", "बैठक", "डेटाबेस", "माइग्रेशन", "पूरा", "हुआ", "त्रुटि", "कृपया", "जाँच", "धन्यवाद",
          "सर्वर", "है", "में", "क्षमा"},
         4},
    };
    return kLanguages;
}

// 4-byte emoji, skin tones, flags, variation selectors and ZWJ sequences (one glyph, many
// code points: 👩‍👩‍👧‍👦 is 7 of them).
const std::vector<std::string>& emoji() {
    static const std::vector<std::string> kEmoji = {"😀", "😂", "🎉", "🚀", "👍", "🔥", "❤️", "🙏", "🤔",
                                                    "👀", "✅", "🌴", "🍕", "💯", "🥳", "🧑‍💻", "🇩🇪", "🇯🇵",
                                                    "👍🏽", "🐛", "⚠️", "🤦‍♂️", "👩‍👩‍👧‍👦", "🏳️‍🌈", "🫠"};
    return kEmoji;
}

const std::vector<std::string>& hashtag_words() {
    static const std::vector<std::string> kTags = {"release", "incident", "oncall", "deploy", "q3", "migration",
                                                   "bug", "größe", "données", "релиз", "会議", "perf"};
    return kTags;
}

const Language& pick_language(Rng& rng) {
    std::uint64_t roll = rng.below(100);
    for (const auto& language : languages()) {
        if (roll < language.weight) return language;
        roll -= language.weight;
    }
    return languages().front();
}

}  // namespace

std::uint64_t Rng::next() {
    std::uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

std::string new_id(Rng& rng) {
    // base32 of 16 bytes = 130 bits in 26 characters; the last character carries 3 bits.
    static constexpr std::string_view kAlphabet = "ybndrfg8ejkmcpqxot1uwisza345h769";
    std::uint64_t hi = rng.next(), lo = rng.next();
    std::string id(26, ' ');
    for (int i = 0; i < 26; ++i) {
        id[static_cast<std::size_t>(i)] = kAlphabet[lo & 31];
        lo = (lo >> 5) | (hi << 59);
        hi >>= 5;
    }
    return id;
}

std::size_t count_chars(std::string_view text) {
    std::size_t n = 0;
    for (unsigned char c : text) n += (c & 0xC0) != 0x80;
    return n;
}

std::string cut_chars(const std::string& text, std::size_t max_chars) {
    std::size_t chars = 0, i = 0;
    for (; i < text.size(); ++i) {
        if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
            if (chars == max_chars) break;
            ++chars;
        }
    }
    return text.substr(0, i);
}

std::string chat_text(Rng& rng, std::size_t chars, const std::vector<std::string>& usernames,
                      std::string* hashtags) {
    const Language& language = pick_language(rng);
    std::string out;
    std::size_t have = 0;
    bool sentence_start = true;
    while (have < chars) {
        std::string piece;
        const std::uint64_t roll = rng.below(1000);
        if (roll < 60) piece = rng.pick(emoji());
        else if (roll < 75 && !usernames.empty()) piece = "@" + rng.pick(usernames);
        else if (roll < 83) {
            piece = "#" + rng.pick(hashtag_words());
            if (hashtags) *hashtags += (hashtags->empty() ? "" : " ") + piece;
        } else if (roll < 86) piece = "https://example.com/tickets/4711?ref=chat&lang=de#top";
        else if (roll < 88) piece = "C:\\Users\\bob\\логи\\app.log";
        else if (roll < 90) piece = "\n```\nfor x in rows:\n\tprint(x)  # tab\n```\n";
        else piece = rng.pick(language.words);
        if (!out.empty() && !sentence_start && language.spaces) {
            out += ' ';
            ++have;
        }
        out += piece;
        have += count_chars(piece);
        sentence_start = false;
        if (rng.below(12) == 0) {
            out += language.full_stop;
            ++have;
            if (rng.below(5) == 0) {
                out += "\n";
                ++have;
                sentence_start = true;
            }
        }
    }
    return out;
}

std::string short_text(Rng& rng, std::size_t max_chars) {
    std::string text = chat_text(rng, max_chars / 2 + 1, {}, nullptr);
    for (char& c : text)
        if (c == '\n' || c == '\t') c = ' ';
    return cut_chars(text, max_chars);
}

std::string json_string(std::string_view text) {
    std::string out = "\"";
    for (unsigned char c : text) {
        switch (c) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\n': out += "\\n"; break;
            case '\r': out += "\\r"; break;
            case '\t': out += "\\t"; break;
            default:
                if (c < 0x20) {
                    char buf[8];
                    std::snprintf(buf, sizeof buf, "\\u%04x", c);
                    out += buf;
                } else {
                    out += static_cast<char>(c);
                }
        }
    }
    return out + "\"";
}

const std::vector<std::string>& first_names() {
    static const std::vector<std::string> kNames = {"anna", "ben", "chloé", "dmitri", "emma", "fatima", "george",
                                                    "hana", "igor", "jürgen", "kenji", "lea", "mohammed", "nina",
                                                    "olga", "priya", "raj", "sofia", "tomás", "wei", "yuki", "zoë",
                                                    "noa", "min-jun"};
    return kNames;
}

const std::vector<std::string>& last_names() {
    static const std::vector<std::string> kNames = {"Müller", "O'Neil", "Иванова", "山田", "王", "García",
                                                    "Nguyễn", "Cohen", "כהן", "الحسن", "Kowalski", "김",
                                                    "Smith", "Dubois", "Øster", "Şahin"};
    return kNames;
}

const std::vector<std::string>& emoji_names() {
    static const std::vector<std::string> kNames = {"+1", "-1", "smile", "heart", "tada", "eyes", "joy",
                                                    "rocket", "fire", "white_check_mark", "thinking_face", "pray",
                                                    "100", "raised_hands", "party_parrot", "grinning", "wave"};
    return kNames;
}

}  // namespace m2pg::test::mattermost
