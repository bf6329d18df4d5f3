#pragma once
// Owning handles for raw libpq objects (the one connection and the COPY path).
#include <memory>

#include <libpq-fe.h>

namespace m2pg::target::postgres {

struct PgFinish {
    void operator()(PGconn* conn) const noexcept { PQfinish(conn); }
};
struct PgClear {
    void operator()(PGresult* result) const noexcept { PQclear(result); }
};
// Frees what PQgetCopyData, PQescapeIdentifier and friends allocate.
struct PgFreemem {
    void operator()(void* memory) const noexcept { PQfreemem(memory); }
};

struct PgFreeCancel {
    void operator()(PGcancel* cancel) const noexcept { PQfreeCancel(cancel); }
};

using PgConnPtr = std::unique_ptr<PGconn, PgFinish>;
using PgCancelPtr = std::unique_ptr<PGcancel, PgFreeCancel>;
using PgResultPtr = std::unique_ptr<PGresult, PgClear>;
using PgBufferPtr = std::unique_ptr<char, PgFreemem>;

}  // namespace m2pg::target::postgres
