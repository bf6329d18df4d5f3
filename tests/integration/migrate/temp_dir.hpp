#pragma once
// The migrate tests' temporary directory is the shared one.
#include "support/temp_dir.hpp"
