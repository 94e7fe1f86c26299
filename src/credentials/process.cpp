#include <awsreq/credentials/process.hpp>

#include "common.hpp"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <csignal>
#include <poll.h>
#include <pthread.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace awsreq::credentials {
namespace {

class ProcessProvider final : public Provider {
public:
    ProcessProvider(const ProviderContext& ctx, ProcessLink link) : ctx_(ctx), link_(std::move(link)) {}
    std::string_view name() const override { return "custom-process"; }

    Step next(Input in) override {
        if (!started_) {
            started_ = true;
            auto argv = split_command_line(link_.command);
            if (!argv) return argv.failure();
            if (argv->empty())
                return Result<Credentials>(fail(error_type::credentials_error,
                                                "credential_process of profile " + link_.profile + " is empty",
                                                "credential_process"));
            return ProcessCall{std::move(*argv)};
        }
        auto r = detail::take_process_output(in);
        if (!r)
            return Result<Credentials>(fail(error_type::credentials_error,
                                            "credential_process could not be run: " + r.error().message,
                                            "credential_process"));
        if (r->exit_code != 0)
            return Result<Credentials>(fail(error_type::credentials_error,
                                            "credential_process exited with status " + std::to_string(r->exit_code),
                                            "credential_process"));
        return parse_process_output(r->out);
    }

private:
    ProviderContext ctx_;
    ProcessLink link_;
    bool started_ = false;
};

void drain(int fd, std::string& into, bool& open) {
    char buf[4096];
    ssize_t n = ::read(fd, buf, sizeof buf);
    if (n > 0) into.append(buf, static_cast<std::size_t>(n));
    else if (n == 0 || (errno != EINTR && errno != EAGAIN)) open = false;
}

// A child that exits without reading its input must not kill us with SIGPIPE: block the signal
// for this thread around the write and swallow it if it was raised.
ssize_t write_no_sigpipe(int fd, const char* data, std::size_t size) {
    sigset_t pipe_set, old;
    sigemptyset(&pipe_set);
    sigaddset(&pipe_set, SIGPIPE);
    pthread_sigmask(SIG_BLOCK, &pipe_set, &old);
    ssize_t n = ::write(fd, data, size);
    int saved = errno;
    if (n < 0 && errno == EPIPE) {
        timespec zero{0, 0};
        while (sigtimedwait(&pipe_set, nullptr, &zero) > 0) {
        }
    }
    pthread_sigmask(SIG_SETMASK, &old, nullptr);
    errno = saved;
    return n;
}

Result<ProcessOutput> run(const ProcessCall& call) {
    if (call.argv.empty()) return fail(error_type::invalid_argument, "empty command line");
    int out_pipe[2], err_pipe[2], in_pipe[2];
    if (::pipe2(out_pipe, O_CLOEXEC) != 0) return fail(error_type::io_error, "pipe failed");
    if (::pipe2(err_pipe, O_CLOEXEC) != 0) {
        ::close(out_pipe[0]);
        ::close(out_pipe[1]);
        return fail(error_type::io_error, "pipe failed");
    }
    if (::pipe2(in_pipe, O_CLOEXEC) != 0) {
        for (int fd : {out_pipe[0], out_pipe[1], err_pipe[0], err_pipe[1]}) ::close(fd);
        return fail(error_type::io_error, "pipe failed");
    }
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_adddup2(&fa, in_pipe[0], 0);
    posix_spawn_file_actions_adddup2(&fa, out_pipe[1], 1);
    posix_spawn_file_actions_adddup2(&fa, err_pipe[1], 2);
    std::vector<char*> argv;
    for (const auto& a : call.argv) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    pid_t pid = 0;
    int rc = ::posix_spawnp(&pid, argv[0], &fa, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&fa);
    ::close(out_pipe[1]);
    ::close(err_pipe[1]);
    ::close(in_pipe[0]);
    if (rc != 0) {
        ::close(out_pipe[0]);
        ::close(err_pipe[0]);
        ::close(in_pipe[1]);
        return fail(error_type::io_error, "cannot start " + call.argv[0] + ": " + std::strerror(rc));
    }
    ProcessOutput out;
    bool out_open = true, err_open = true;
    int in_fd = in_pipe[1];
    std::size_t written = 0;
    if (call.input.empty()) {
        ::close(in_fd);
        in_fd = -1;
    } else {
        ::fcntl(in_fd, F_SETFL, ::fcntl(in_fd, F_GETFL) | O_NONBLOCK);
    }
    // Feed stdin and drain both outputs together, so neither side can block the other.
    while (out_open || err_open) {
        pollfd fds[3] = {{out_pipe[0], POLLIN, 0}, {err_pipe[0], POLLIN, 0}, {in_fd, POLLOUT, 0}};
        if (::poll(fds, in_fd >= 0 ? 3 : 2, -1) < 0) {
            if (errno == EINTR) continue;
            break;
        }
        if (out_open && (fds[0].revents & (POLLIN | POLLHUP | POLLERR))) drain(out_pipe[0], out.out, out_open);
        if (err_open && (fds[1].revents & (POLLIN | POLLHUP | POLLERR))) drain(err_pipe[0], out.err, err_open);
        if (in_fd >= 0 && (fds[2].revents & (POLLOUT | POLLERR | POLLHUP))) {
            ssize_t n = write_no_sigpipe(in_fd, call.input.data() + written, call.input.size() - written);
            if (n > 0) written += static_cast<std::size_t>(n);
            if ((n < 0 && errno != EAGAIN && errno != EINTR) || written == call.input.size()) {
                ::close(in_fd);
                in_fd = -1;
            }
        }
    }
    if (in_fd >= 0) ::close(in_fd);
    ::close(out_pipe[0]);
    ::close(err_pipe[0]);
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    out.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + (WIFSIGNALED(status) ? WTERMSIG(status) : 0);
    return out;
}

}  // namespace

Result<std::vector<std::string>> split_command_line(std::string_view s) {
    std::vector<std::string> words;
    std::string cur;
    bool in_word = false;
    for (std::size_t i = 0; i < s.size(); ++i) {
        char c = s[i];
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
            if (in_word) words.push_back(std::move(cur)), cur.clear(), in_word = false;
            continue;
        }
        in_word = true;
        if (c == '\\') {
            if (++i >= s.size()) return fail(error_type::parse_error, "credential_process ends with a lone backslash", "credential_process");
            cur += s[i];
        } else if (c == '\'') {
            auto end = s.find('\'', i + 1);
            if (end == std::string_view::npos)
                return fail(error_type::parse_error, "credential_process has an unclosed single quote", "credential_process");
            cur += s.substr(i + 1, end - i - 1);
            i = end;
        } else if (c == '"') {
            ++i;
            while (i < s.size() && s[i] != '"') {
                // Inside double quotes a backslash escapes only \ " $ ` and newline, as in sh.
                if (s[i] == '\\' && i + 1 < s.size() && std::string_view("\\\"$`\n").find(s[i + 1]) != std::string_view::npos)
                    ++i;
                cur += s[i++];
            }
            if (i >= s.size())
                return fail(error_type::parse_error, "credential_process has an unclosed double quote", "credential_process");
        } else {
            cur += c;
        }
    }
    if (in_word) words.push_back(std::move(cur));
    return words;
}

Result<Credentials> parse_process_output(std::string_view text) {
    auto doc = detail::parse_json(text, "the credential_process output");
    if (!doc) return doc.failure();
    const detail::JsonValue* version = doc->get("Version");
    if (version == nullptr || version->kind != detail::JsonValue::Kind::number || version->number != 1)
        return fail(error_type::credentials_error, "the credential_process output must have \"Version\": 1", "Version");
    return detail::credentials_from_json(*doc, "the credential_process output", "AccessKeyId", "SecretAccessKey",
                                         "SessionToken", "Expiration");
}

ProviderPtr make_process_provider(const ProviderContext& ctx, ProcessLink link) {
    return std::make_unique<ProcessProvider>(ctx, std::move(link));
}

ProcessRunner system_process_runner() { return [](const ProcessCall& c) { return run(c); }; }

}  // namespace awsreq::credentials
