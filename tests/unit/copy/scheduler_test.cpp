#include "copy/scheduler.hpp"

#include <doctest/doctest.h>

#include <future>
#include <optional>
#include <string>
#include <vector>

using m2pg::copy::ChunkTask;
using m2pg::copy::Scheduler;

namespace {

Scheduler::TableEntry table(const std::string& name, std::vector<std::size_t> chunks,
                            std::vector<std::string> parents = {}) {
    return Scheduler::TableEntry{name, std::move(parents), std::move(chunks)};
}

// "table:chunk" of a task, or "none".
std::string text(const std::optional<ChunkTask>& task) {
    if (!task) return "none";
    return std::to_string(task->table_index) + ":" + std::to_string(task->chunk_index);
}

}  // namespace

TEST_CASE("chunks are handed out table by table in the given order, each table's in key order, each once") {
    Scheduler s({table("big", {0, 1, 2}), table("small", {5, 7})});
    std::vector<std::string> order;
    for (int i = 0; i < 5; ++i) {
        auto task = s.next();
        order.push_back(text(task));
        s.chunk_done(*task);
    }
    CHECK(order == std::vector<std::string>{"0:0", "0:1", "0:2", "1:5", "1:7"});
    CHECK(text(s.next()) == "none");
    CHECK(s.blocked_tables().empty());
}

TEST_CASE("a table starts only once every table it references has finished all its chunks") {
    Scheduler s({table("child", {0}, {"parent"}), table("parent", {0, 1})});
    auto first = s.next();
    auto second = s.next();
    CHECK(text(first) == "1:0");  // the child comes first in the list, but waits
    CHECK(text(second) == "1:1");
    s.chunk_done(*first);
    // The parent's last chunk is still running: a worker asking now waits for it.
    auto waiting = std::async(std::launch::async, [&] { return s.next(); });
    s.chunk_done(*second);
    CHECK(text(waiting.get()) == "0:0");
}

TEST_CASE("a table without chunks counts as finished: what references it starts at once") {
    Scheduler s({table("child", {3}, {"empty"}), table("empty", {})});
    CHECK(text(s.next()) == "0:3");
}

TEST_CASE("a failed table's chunks are dropped and the tables that reference it never start") {
    Scheduler s({table("parent", {0, 1, 2}), table("child", {0}, {"parent"}), table("other", {0})});
    auto first = s.next();
    REQUIRE(text(first) == "0:0");
    s.table_failed(0);
    s.chunk_done(*first);
    auto next = s.next();
    CHECK(text(next) == "2:0");  // other tables go on
    s.chunk_done(*next);
    CHECK(text(s.next()) == "none");  // nothing running, nothing startable: done, not stuck
    CHECK(s.blocked_tables() == std::vector<std::size_t>{1});
}

TEST_CASE("stop ends the run: waiting workers and later calls get nothing") {
    Scheduler s({table("child", {0}, {"parent"}), table("parent", {0})});
    auto running = s.next();
    REQUIRE(text(running) == "1:0");
    auto waiting = std::async(std::launch::async, [&] { return s.next(); });
    s.stop();
    CHECK(text(waiting.get()) == "none");
    s.chunk_done(*running);
    CHECK(text(s.next()) == "none");
}
