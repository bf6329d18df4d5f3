#include "run/spawn.hpp"

#include <doctest/doctest.h>

#include <csignal>

#include "util/error.hpp"

using m2pg::run::run_child;

TEST_CASE("a child's exit code comes back as it is") {
    auto status = run_child("/bin/sh", {"-c", "exit 3"}, {});
    CHECK(status.code == 3);
    CHECK(status.signal == 0);
    CHECK(status.exit_code() == 3);
    CHECK_FALSE(status.succeeded());
    CHECK(status.describe() == "exit 3");
    CHECK(run_child("/bin/sh", {"-c", "exit 0"}, {}).succeeded());
}

TEST_CASE("a child killed by a signal reports it, and exits as a shell would say") {
    auto status = run_child("/bin/sh", {"-c", "kill -TERM $$"}, {});
    CHECK(status.signal == SIGTERM);
    CHECK(status.exit_code() == 128 + SIGTERM);
    CHECK(status.describe().find("signal 15") != std::string::npos);
}

TEST_CASE("extra variables reach the child, replacing ours, and the rest of our environment stays") {
    setenv("M2PG_RUN_TEST_KEEP", "kept", 1);
    setenv("MYSQL_PWD", "ours", 1);
    auto status = run_child("/bin/sh",
                            {"-c", "test \"$MYSQL_PWD\" = 'p a$s' && test \"$M2PG_RUN_TEST_KEEP\" = kept && "
                                   "test \"$(env | grep -c '^MYSQL_PWD=')\" = 1"},
                            {{"MYSQL_PWD", "p a$s"}});
    CHECK(status.code == 0);
    unsetenv("MYSQL_PWD");
    unsetenv("M2PG_RUN_TEST_KEEP");
}

TEST_CASE("arguments reach the child as separate words, without a shell in between") {
    auto status = run_child("/bin/sh", {"-c", "test \"$1\" = 'a b;c' && test $# = 1", "sh", "a b;c"}, {});
    CHECK(status.code == 0);
}

TEST_CASE("while a child runs Ctrl-C does not end us, and our own handling is back afterwards") {
    struct sigaction before {};
    sigaction(SIGINT, nullptr, &before);
    // The child sends SIGINT to its parent (us), as a terminal would to the whole group.
    auto status = run_child("/bin/sh", {"-c", "kill -INT $PPID; exit 4"}, {});
    CHECK(status.code == 4);
    struct sigaction after {};
    sigaction(SIGINT, nullptr, &after);
    const bool restored = after.sa_handler == before.sa_handler;
    CHECK(restored);
}

TEST_CASE("a program that cannot be started is a usage error naming it") {
    CHECK_THROWS_WITH_AS(run_child("/nonexistent/m2pg-copy", {}, {}), doctest::Contains("/nonexistent/m2pg-copy"),
                         m2pg::UsageError);
}

TEST_CASE("SIGTERM sent to us while a child runs is passed on to the child, and we live on") {
    struct sigaction before {};
    sigaction(SIGTERM, nullptr, &before);
    // exec: the signal then reaches sleep itself, which would otherwise outlive the shell.
    auto status = run_child("/bin/sh", {"-c", "kill -TERM $PPID; exec sleep 30"}, {});
    CHECK(status.forwarded == SIGTERM);
    CHECK(status.signal == SIGTERM);
    CHECK(status.exit_code() == 128 + SIGTERM);
    struct sigaction after {};
    sigaction(SIGTERM, nullptr, &after);
    const bool restored = after.sa_handler == before.sa_handler;
    CHECK(restored);
    // The next child starts with nothing forwarded.
    CHECK(run_child("/bin/sh", {"-c", "exit 0"}, {}).forwarded == 0);
}
