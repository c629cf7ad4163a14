#pragma once
// A child process with pipes to its stdin, stdout and stderr, for tests of the command line.
#include <string>
#include <vector>

#include <sys/types.h>

namespace optibench::test {

struct Result {
    int exitCode = -1; // -signal when killed by a signal
    std::string out;
    std::string err;
};

// Runs to completion, feeding `input` to stdin.
Result run(const std::vector<std::string> &argv, const std::string &input = {});

// A running child that a test talks to line by line.
class Child {
public:
    explicit Child(const std::vector<std::string> &argv);
    ~Child();
    void write(const std::string &text);
    void closeStdin();
    // The next line of stdout (without '\n'); empty with eof() true at the end, or after the timeout.
    std::string readLine(int timeoutMs = 60000);
    bool eof() const { return m_eof; }
    pid_t pid() const { return m_pid; }
    int wait(); // exit code, or -signal

private:
    pid_t m_pid = -1;
    int m_in = -1, m_out = -1;
    std::string m_buffer;
    bool m_eof = false;
};

} // namespace optibench::test
