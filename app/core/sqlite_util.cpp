#include "app/core/sqlite_util.h"

#include <sqlite3.h>

#include "app/core/store.h"

namespace optibench::core::sql {

void fail(sqlite3 *db, const std::string &path, const std::string &what)
{
    std::string message = path + ": " + what;
    if (db) {
        const int code = sqlite3_extended_errcode(db);
        if (code != SQLITE_OK)
            message += std::string(": ") + sqlite3_errmsg(db);
    }
    throw StoreError(message);
}

void exec(sqlite3 *db, const std::string &path, const char *sqlText)
{
    char *error = nullptr;
    if (sqlite3_exec(db, sqlText, nullptr, nullptr, &error) != SQLITE_OK) {
        std::string message = path + ": " + (error ? error : "statement failed");
        sqlite3_free(error);
        throw StoreError(message);
    }
}

Statement::Statement(sqlite3 *db, const std::string &path, const std::string &sqlText) : m_db(db), m_path(path)
{
    if (sqlite3_prepare_v3(db, sqlText.c_str(), static_cast<int>(sqlText.size()) + 1, SQLITE_PREPARE_PERSISTENT,
                           &m_stmt, nullptr)
        != SQLITE_OK)
        fail(db, path, "cannot prepare a statement");
}

Statement::~Statement()
{
    sqlite3_finalize(m_stmt);
}

Statement &Statement::bind(int index, std::int64_t value)
{
    if (sqlite3_bind_int64(m_stmt, index, value) != SQLITE_OK)
        fail(m_db, m_path, "cannot bind a value");
    return *this;
}

Statement &Statement::bind(int index, double value)
{
    if (sqlite3_bind_double(m_stmt, index, value) != SQLITE_OK)
        fail(m_db, m_path, "cannot bind a value");
    return *this;
}

Statement &Statement::bind(int index, const std::string &value)
{
    if (sqlite3_bind_text(m_stmt, index, value.data(), static_cast<int>(value.size()), SQLITE_TRANSIENT) != SQLITE_OK)
        fail(m_db, m_path, "cannot bind a value");
    return *this;
}

Statement &Statement::bindStatic(int index, const std::string &value)
{
    if (sqlite3_bind_text(m_stmt, index, value.data(), static_cast<int>(value.size()), SQLITE_STATIC) != SQLITE_OK)
        fail(m_db, m_path, "cannot bind a value");
    return *this;
}

Statement &Statement::bindBlobStatic(int index, const void *data, std::size_t size)
{
    if (sqlite3_bind_blob64(m_stmt, index, data, static_cast<sqlite3_uint64>(size), SQLITE_STATIC) != SQLITE_OK)
        fail(m_db, m_path, "cannot bind a value");
    return *this;
}

Statement &Statement::bindNull(int index)
{
    if (sqlite3_bind_null(m_stmt, index) != SQLITE_OK)
        fail(m_db, m_path, "cannot bind a value");
    return *this;
}

bool Statement::step()
{
    const int rc = sqlite3_step(m_stmt);
    if (rc == SQLITE_ROW)
        return true;
    if (rc == SQLITE_DONE)
        return false;
    // Read the message before reset() can replace it.
    std::string message = m_path + ": " + sqlite3_errmsg(m_db);
    sqlite3_reset(m_stmt);
    throw StoreError(message);
}

void Statement::run()
{
    while (step()) {}
    reset();
}

void Statement::reset()
{
    sqlite3_reset(m_stmt);
    sqlite3_clear_bindings(m_stmt);
}

std::int64_t Statement::int64(int column) const
{
    return sqlite3_column_int64(m_stmt, column);
}

double Statement::real(int column) const
{
    return sqlite3_column_double(m_stmt, column);
}

std::string Statement::text(int column) const
{
    const auto *p = reinterpret_cast<const char *>(sqlite3_column_text(m_stmt, column));
    return p ? std::string(p, static_cast<std::size_t>(sqlite3_column_bytes(m_stmt, column))) : std::string();
}

std::pair<const unsigned char *, std::size_t> Statement::blob(int column) const
{
    const auto *p = static_cast<const unsigned char *>(sqlite3_column_blob(m_stmt, column));
    return {p, p ? static_cast<std::size_t>(sqlite3_column_bytes(m_stmt, column)) : 0};
}

bool Statement::isNull(int column) const
{
    return sqlite3_column_type(m_stmt, column) == SQLITE_NULL;
}

Statement &StatementCache::get(const char *sqlText)
{
    auto &slot = m_statements[sqlText];
    if (!slot)
        slot = std::make_unique<Statement>(m_db, m_path, sqlText);
    return *slot;
}

Transaction::Transaction(sqlite3 *db, const std::string &path)
    : m_db(db), m_path(path), m_nested(sqlite3_get_autocommit(db) == 0)
{
    exec(db, path, m_nested ? "SAVEPOINT nested" : "BEGIN IMMEDIATE");
}

Transaction::~Transaction()
{
    if (!m_open)
        return;
    if (m_nested)
        sqlite3_exec(m_db, "ROLLBACK TO nested; RELEASE nested", nullptr, nullptr, nullptr);
    else
        sqlite3_exec(m_db, "ROLLBACK", nullptr, nullptr, nullptr);
}

void Transaction::commit()
{
    exec(m_db, m_path, m_nested ? "RELEASE nested" : "COMMIT");
    m_open = false;
}

} // namespace optibench::core::sql
