#pragma once
// /proc/PID/cmdline shows a process's argv memory to every local user (ps, top), so a
// password typed into a DSN on the command line is overwritten in place once parsed.

namespace m2pg::util {

// Overwrites with 'x' the password inside `arg` when it is a DSN (any form redact()
// knows), keeping the length. Arguments without a password are left untouched.
void scrub_password(char* arg);

}  // namespace m2pg::util
