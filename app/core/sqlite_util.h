#pragma once
// Small RAII wrappers over the sqlite3 C API for the run store: prepared statements, a
// per-connection statement cache and BEGIN IMMEDIATE transactions. Every failure becomes a
// StoreError whose message starts with the database file's path.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>

struct sqlite3;
struct sqlite3_stmt;

namespace optibench::core::sql {

// Throws StoreError "<path>: <what>: <sqlite message>".
[[noreturn]] void fail(sqlite3 *db, const std::string &path, const std::string &what);
void exec(sqlite3 *db, const std::string &path, const char *sqlText);

class Statement {
public:
    Statement(sqlite3 *db, const std::string &path, const std::string &sqlText);
    ~Statement();
    Statement(const Statement &) = delete;
    Statement &operator=(const Statement &) = delete;

    // Parameters are 1-based, as in SQLite.
    Statement &bind(int index, std::int64_t value);
    Statement &bind(int index, int value) { return bind(index, static_cast<std::int64_t>(value)); }
    Statement &bind(int index, double value);
    Statement &bind(int index, const std::string &value);
    Statement &bind(int index, const char *value) { return bind(index, std::string(value)); }
    Statement &bindNull(int index);
    // Binds without copying: `value` must stay unchanged until the statement is stepped and reset.
    Statement &bindStatic(int index, const std::string &value);
    // A blob bound without copying, under the same rule as bindStatic.
    Statement &bindBlobStatic(int index, const void *data, std::size_t size);
    Statement &bind(int index, const std::optional<std::int64_t> &value)
    {
        return value ? bind(index, *value) : bindNull(index);
    }

    // One step: true when a row is available, false when done.
    bool step();
    // Steps to the end (for statements without result rows) and resets.
    void run();
    // Ends the statement's read (important in WAL: an unreset statement pins a snapshot) and
    // clears the bindings.
    void reset();

    std::int64_t int64(int column) const;
    double real(int column) const;
    std::string text(int column) const;
    bool isNull(int column) const;
    // Valid until the next step or reset.
    std::pair<const unsigned char *, std::size_t> blob(int column) const;

private:
    sqlite3 *m_db;
    const std::string &m_path;
    sqlite3_stmt *m_stmt = nullptr;
};

// Resets the statement when it goes out of scope, so that no read stays open.
class Use {
public:
    explicit Use(Statement &s) : m_s(s) {}
    ~Use() { m_s.reset(); }
    Use(const Use &) = delete;
    Use &operator=(const Use &) = delete;
    Statement *operator->() { return &m_s; }
    Statement &operator*() { return m_s; }

private:
    Statement &m_s;
};

// Prepared statements of one connection, prepared on first use and kept.
class StatementCache {
public:
    StatementCache(sqlite3 *db, const std::string &path) : m_db(db), m_path(path) {}
    Statement &get(const char *sqlText);

private:
    sqlite3 *m_db;
    const std::string &m_path;
    std::unordered_map<std::string, std::unique_ptr<Statement>> m_statements;
};

// BEGIN IMMEDIATE on construction (takes the write lock up front, so a writer waits in the
// busy handler instead of failing on lock upgrade), ROLLBACK on destruction unless committed.
// Inside another transaction it is a savepoint of it: committed, its writes stand or fall with
// the outer one; not committed, only its own writes are undone.
class Transaction {
public:
    Transaction(sqlite3 *db, const std::string &path);
    ~Transaction();
    Transaction(const Transaction &) = delete;
    Transaction &operator=(const Transaction &) = delete;
    void commit();

private:
    sqlite3 *m_db;
    const std::string &m_path;
    bool m_open = true;
    bool m_nested = false; // inside another transaction: a savepoint of it
};

} // namespace optibench::core::sql
