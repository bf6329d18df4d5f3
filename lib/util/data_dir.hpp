#pragma once
// Where a running m2pg finds itself and the data it ships (profiles: migrations/; templates/).
// One rule for every tool, whether it runs from a build tree, from the .deb (/usr/bin) or
// from an air-gapped bundle unpacked into any prefix.
#include <filesystem>

namespace m2pg::util {

// The directory of the running executable (/proc/self/exe); empty when it cannot be read.
std::filesystem::path self_dir();

// `exe_dir`/../share/m2pg when that directory exists (an installed copy: /usr/bin ->
// /usr/share/m2pg, PREFIX/usr/bin -> PREFIX/usr/share/m2pg), else `source_dir` (a build tree
// runs with the data of the source tree it was built from).
std::filesystem::path data_dir(const std::filesystem::path& exe_dir, const std::filesystem::path& source_dir);

// data_dir with this process's directory and the source tree of this build.
std::filesystem::path data_dir();

// `absolute`, the path of a file some Debian package installs (libmariadb3's plugin
// directory), where it lies for the running copy: under PREFIX for a copy unpacked into
// PREFIX (`exe_dir` is PREFIX/usr/bin, beside PREFIX/usr/share/m2pg) when it is there, else
// `absolute` itself (the .deb in /usr, a build tree, a prefix without that package).
std::filesystem::path installed_path(const std::filesystem::path& absolute, const std::filesystem::path& exe_dir);
std::filesystem::path installed_path(const std::filesystem::path& absolute);

}  // namespace m2pg::util
