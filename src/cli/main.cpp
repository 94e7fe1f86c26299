// awsreq: builds ready-to-send, signed AWS HTTP requests, and never sends them.
#include "cli.hpp"

#include <iostream>
#include <string_view>

namespace {

struct Command {
    std::string_view name;
    int (*run)(const awsreq::cli::Args&, awsreq::cli::Io&);
    std::string_view summary;
};

// Registered commands, in the order `awsreq --help` lists them.
constexpr Command kCommands[] = {
    {"sign", awsreq::cli::cmd_sign, "sign a raw HTTP/1.1 request with SigV4 (header or presigned)"},
    {"verify", awsreq::cli::cmd_verify, "check the SigV4 signature of a raw signed request"},
    {"request", awsreq::cli::cmd_request, "build and sign one operation of a service from its model"},
    {"batch", awsreq::cli::cmd_batch, "build requests from JSON Lines on stdin, one output line each"},
    {"presign", awsreq::cli::cmd_presign, "presign any operation, or s3://bucket/key"},
    {"presign-post", awsreq::cli::cmd_presign_post, "an S3 POST upload form: URL and signed fields"},
    {"endpoint", awsreq::cli::cmd_endpoint, "resolve an endpoint from an endpoint rule set"},
    {"configure", awsreq::cli::cmd_configure, "show resolved configuration (list) or every profile (export)"},
    {"credentials", awsreq::cli::cmd_credentials, "resolve the credential chain; print credential_process JSON"},
};

void print_help(std::ostream& os) {
    os << "usage: awsreq COMMAND [options]\n\ncommands:\n";
    for (const auto& c : kCommands) os << "  " << c.name << std::string(16 - c.name.size(), ' ') << c.summary << '\n';
    os << "\nRun 'awsreq COMMAND --help' for a command's options.\n";
}

}  // namespace

int main(int argc, char** argv) {
    std::ios::sync_with_stdio(false);
    awsreq::cli::Io io{std::cin, std::cout, std::cerr};
    if (argc < 2) {
        print_help(std::cerr);
        return 2;
    }
    std::string_view name = argv[1];
    if (name == "--help" || name == "-h" || name == "help") {
        print_help(std::cout);
        return 0;
    }
    awsreq::cli::Args args(argv + 2, argv + argc);
    for (const auto& c : kCommands) {
        if (c.name == name) {
            try {
                return c.run(args, io);
            } catch (const std::exception& e) {
                std::cerr << "InternalError: " << e.what() << '\n';
                return 1;
            }
        }
    }
    std::cerr << "UsageError: unknown command \"" << name << "\"\n";
    print_help(std::cerr);
    return 2;
}
