#include "run/state.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <ctime>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "profile/profile.hpp"
#include "util/dsn.hpp"
#include "util/error.hpp"

namespace m2pg::run {

namespace {

constexpr const char* kFormat = "m2pg-run-state";
constexpr int kVersion = 1;

// A file descriptor closed on every path out.
class Fd {
public:
    explicit Fd(int fd) : fd_(fd) {}
    ~Fd() {
        if (fd_ >= 0) ::close(fd_);
    }
    Fd(const Fd&) = delete;
    Fd& operator=(const Fd&) = delete;
    int get() const { return fd_; }
    // Closes now, so that a failing close (NFS reports write errors there) is seen.
    int close() {
        int rc = ::close(fd_);
        fd_ = -1;
        return rc;
    }

private:
    int fd_;
};

[[noreturn]] void fail(const std::string& what, const std::filesystem::path& file) {
    throw StateError("run state " + file.string() + ": " + what);
}

std::string describe(const RunIdentity& id) {
    return "from " + id.source + " into " + id.target +
           (id.profile.empty() ? " without a profile" : " with profile " + id.profile) +
           (id.plugin.empty() ? "" : ", plugin " + id.plugin);
}

// Milliseconds are all a step's time needs; more digits only clutter the file.
double rounded_seconds(double s) { return std::round(s * 1000) / 1000; }

// ordered_json: the file reads top-down as written (format first, steps in order).
nlohmann::ordered_json to_json(const RunState& state) {
    nlohmann::ordered_json steps = nlohmann::ordered_json::array();
    for (const auto& r : state.done)
        steps.push_back({{"step", std::string(step_name(r.step))},
                         {"finished_at", r.finished_at},
                         {"seconds", rounded_seconds(r.seconds)}});
    return {{"format", kFormat},
            {"version", kVersion},
            {"source", state.identity.source},
            {"target", state.identity.target},
            {"profile", state.identity.profile},
            {"plugin", state.identity.plugin},
            {"source_identity", state.source_identity},
            {"target_identity", state.target_identity},
            {"steps", steps}};
}

RunState from_json(const nlohmann::json& j, const std::filesystem::path& file) {
    if (!j.is_object() || j.value("format", "") != kFormat) fail("not an m2pg run state", file);
    if (j.value("version", 0) != kVersion)
        fail("version " + j.value("version", nlohmann::json()).dump() + " is not the version " +
                 std::to_string(kVersion) + " this build writes",
             file);
    RunState state;
    state.identity.source = j.at("source").get<std::string>();
    state.identity.target = j.at("target").get<std::string>();
    state.identity.profile = j.at("profile").get<std::string>();
    state.identity.plugin = j.value("plugin", "");  // absent before plugins had runs: the core
    state.source_identity = j.value("source_identity", "");
    state.target_identity = j.value("target_identity", "");
    for (const auto& s : j.at("steps")) {
        StepRecord r;
        r.step = parse_step_name(s.at("step").get<std::string>());
        r.finished_at = s.at("finished_at").get<std::string>();
        r.seconds = s.at("seconds").get<double>();
        state.record(r);
    }
    return state;
}

}  // namespace

RunIdentity run_identity(const RunOptions& options) {
    RunIdentity id{util::parse_mysql_dsn(options.mysql).display(), util::parse_pg_dsn(options.postgres).display(), "",
                   options.plugin};
    if (!options.profile.empty()) id.profile = profile::load_profile(options.profile).directory.string();
    return id;
}

const StepRecord* RunState::find(StepName step) const {
    auto it = std::find_if(done.begin(), done.end(), [&](const StepRecord& r) { return r.step == step; });
    return it == done.end() ? nullptr : &*it;
}

void RunState::record(StepRecord r) {
    std::erase_if(done, [&](const StepRecord& d) { return d.step == r.step; });
    auto at = std::find_if(done.begin(), done.end(), [&](const StepRecord& d) { return d.step > r.step; });
    done.insert(at, std::move(r));
}

void RunState::forget_from(StepName step) {
    std::erase_if(done, [&](const StepRecord& d) { return d.step >= step; });
}

std::filesystem::path state_file(const std::filesystem::path& work_dir) { return work_dir / "run-state.json"; }

std::optional<RunState> load_state(const std::filesystem::path& file) {
    std::error_code ec;
    if (!std::filesystem::exists(file, ec)) {
        if (ec) fail(ec.message(), file);
        return std::nullopt;
    }
    std::ifstream in(file, std::ios::binary);
    if (!in) fail(std::string("cannot be read: ") + std::strerror(errno), file);
    std::stringstream text;
    text << in.rdbuf();
    try {
        return from_json(nlohmann::json::parse(text.str()), file);
    } catch (const nlohmann::json::exception& e) {
        // A state we cannot read must not be taken for "nothing done": that would run
        // finished steps again. Say so and let the admin decide.
        fail(std::string("unreadable (") + e.what() + "); delete it to start the run from its first step", file);
    } catch (const UsageError& e) {
        fail(std::string("unreadable (") + e.what() + "); delete it to start the run from its first step", file);
    }
}

void save_state(const std::filesystem::path& file, const RunState& state) {
    const std::string text = to_json(state).dump(2) + "\n";
    std::filesystem::path temp = file;
    temp += ".tmp" + std::to_string(::getpid());
    {
        Fd fd(::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644));
        if (fd.get() < 0) fail(std::string("cannot create ") + temp.string() + ": " + std::strerror(errno), file);
        std::size_t written = 0;
        while (written < text.size()) {
            ssize_t n = ::write(fd.get(), text.data() + written, text.size() - written);
            if (n < 0 && errno == EINTR) continue;
            if (n < 0) {
                const int saved = errno;
                ::unlink(temp.c_str());
                fail(std::string("cannot write ") + temp.string() + ": " + std::strerror(saved), file);
            }
            written += static_cast<std::size_t>(n);
        }
        // The rename must not reach the disk before the data does (ext4 data=writeback, XFS).
        if (::fsync(fd.get()) != 0 || fd.close() != 0) {
            const int saved = errno;
            ::unlink(temp.c_str());
            fail(std::string("cannot write ") + temp.string() + ": " + std::strerror(saved), file);
        }
    }
    if (::rename(temp.c_str(), file.c_str()) != 0) {
        const int saved = errno;
        ::unlink(temp.c_str());
        fail(std::string("cannot move ") + temp.string() + " into place: " + std::strerror(saved), file);
    }
    // The rename itself lives in the directory: flush it too, so the record survives a crash.
    auto dir = file.parent_path().empty() ? std::filesystem::path(".") : file.parent_path();
    Fd dir_fd(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (dir_fd.get() >= 0) ::fsync(dir_fd.get());
}

void require_same_run(const RunState& saved, const RunIdentity& now, const std::filesystem::path& file) {
    if (saved.identity == now) return;
    throw StateError("work directory " + file.parent_path().string() + " belongs to another run: " +
                     file.filename().string() + " records a migration " + describe(saved.identity) +
                     ", and this run is " + describe(now) +
                     "; use another --work-dir, or delete that directory to start this one afresh");
}

std::string utc_now() {
    std::time_t now = std::time(nullptr);
    std::tm tm{};
    gmtime_r(&now, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

}  // namespace m2pg::run
