// default-credential-provider-chain/ and profile-provider/: each folder's chain driven through
// the sans-IO steps, its recorded HTTP traffic replayed in order.
#include <awsreq/core/encoding.hpp>
#include <awsreq/credentials/chain.hpp>
#include <awsreq/credentials/process.hpp>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <test_support.hpp>

#include <algorithm>
#include <filesystem>

using namespace awsreq;
using namespace awsreq::credentials;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

struct Exchange {
    std::string method;
    std::string uri;
    HttpResponse response;
};

std::vector<Exchange> load_traffic(const fs::path& file) {
    std::vector<Exchange> out;
    if (!fs::exists(file)) return out;
    auto doc = json::parse(test::read_file(file));
    std::map<int, std::size_t> by_connection;
    for (const auto& ev : doc["events"]) {
        int id = ev["connection_id"];
        const auto& a = ev["action"];
        if (a.contains("Request")) {
            by_connection[id] = out.size();
            out.push_back({a["Request"]["request"]["method"], a["Request"]["request"]["uri"], {}});
        } else if (a.contains("Response")) {
            auto& ex = out.at(by_connection.at(id));
            const auto& ok = a["Response"]["response"]["Ok"];
            ex.response.status = ok["status"];
            for (const auto& [k, vs] : ok["headers"].items())
                for (const auto& v : vs) ex.response.headers.add(k, v.get<std::string>());
        } else if (a.contains("Data") && a["Data"]["direction"] == "Response") {
            out.at(by_connection.at(id)).response.body += a["Data"]["data"]["Utf8"].get<std::string>();
        }
    }
    return out;
}

// URIs compare with a trailing-slash-free empty path and query parameters in any order.
std::string normalize_uri(std::string uri) {
    std::string query;
    if (auto q = uri.find('?'); q != std::string::npos) {
        query = uri.substr(q + 1);
        uri.resize(q);
    }
    auto scheme_end = uri.find("://");
    if (scheme_end != std::string::npos && uri.find('/', scheme_end + 3) == std::string::npos) uri += '/';
    std::vector<std::string> params;
    std::size_t pos = 0;
    while (!query.empty() && pos <= query.size()) {
        auto amp = query.find('&', pos);
        params.push_back(query.substr(pos, amp == std::string::npos ? std::string::npos : amp - pos));
        if (amp == std::string::npos) break;
        pos = amp + 1;
    }
    std::sort(params.begin(), params.end());
    for (std::size_t i = 0; i < params.size(); ++i) uri += (i == 0 ? "?" : "&") + params[i];
    return uri;
}

std::map<std::string, std::string, std::less<>> load_fs(const fs::path& root) {
    std::map<std::string, std::string, std::less<>> files;
    if (!fs::exists(root)) return files;
    for (const auto& e : fs::recursive_directory_iterator(root))
        if (e.is_regular_file()) files["/" + fs::relative(e.path(), root).generic_string()] = test::read_file(e.path());
    return files;
}

// Stands in for the processes the recorded cases run: `exit N`, and `echo B64 | base64 --decode`.
Result<ProcessOutput> fake_process(const ProcessCall& call) {
    const auto& a = call.argv;
    if (a.size() == 2 && a[0] == "exit") return ProcessOutput{std::stoi(a[1]), "", "failed"};
    if (a.size() == 5 && a[0] == "echo" && a[2] == "|" && a[3] == "base64" && a[4] == "--decode") {
        auto decoded = base64_decode(a[1]);
        if (!decoded) return decoded.failure();
        return ProcessOutput{0, *decoded, ""};
    }
    return fail("TestError", "unexpected process " + a.at(0));
}

void run_case(const fs::path& dir, bool full_chain) {
    auto env_json = json::parse(test::read_file(dir / "env.json"));
    std::map<std::string, std::string, std::less<>> vars;
    for (const auto& [k, v] : env_json.items()) vars[k] = v.get<std::string>();
    auto env = config::map_env(vars);
    auto files = config::map_file_system(load_fs(dir / "fs"));
    auto cfg = config::resolve_config({}, env, files);
    REQUIRE(cfg.has_value());

    const ProviderContext ctx{.config = &*cfg,
                              .fs = files,
                              .now = Timestamp(std::chrono::seconds(1632249600)),  // 2021-09-21
                              .options = ChainOptions{}};
    auto provider = full_chain ? make_default_chain(ctx) : make_profile_provider(ctx);
    auto traffic = load_traffic(dir / "http-traffic.json");
    std::size_t next = 0;
    Transport replay = [&](const HttpCall& call) -> Result<HttpResponse> {
        INFO("request #" << next << ": " << call.request.method << " " << call.request.url);
        REQUIRE(next < traffic.size());
        const auto& ex = traffic[next++];
        CHECK(call.request.method == ex.method);
        CHECK(normalize_uri(call.request.url) == normalize_uri(ex.uri));
        return ex.response;
    };
    ProcessRunner runner = fake_process;
    auto result = drive(*provider, &replay, &runner);
    CHECK(next == traffic.size());

    auto expected = json::parse(test::read_file(dir / "test-case.json"))["result"];
    if (expected.contains("Ok")) {
        INFO((result ? std::string("ok") : result.error().to_string()));
        REQUIRE(result.has_value());
        const auto& ok = expected["Ok"];
        CHECK(result->access_key_id == ok["access_key_id"].get<std::string>());
        CHECK(result->secret_access_key.reveal() == ok["secret_access_key"].get<std::string>());
        if (ok.contains("session_token")) {
            REQUIRE(result->session_token.has_value());
            CHECK(result->session_token->reveal() == ok["session_token"].get<std::string>());
        } else {
            CHECK_FALSE(result->session_token.has_value());
        }
        if (ok.contains("expiry")) {
            REQUIRE(result->expiration.has_value());
            CHECK(result->expiration->time_since_epoch().count() == ok["expiry"].get<long long>());
        }
    } else {
        REQUIRE_FALSE(result.has_value());
        WARN(dir.filename().string() << ": " << result.error().to_string());
        CHECK_FALSE(result.error().message.empty());
    }
}

void run_folder(const std::string& folder, bool full_chain) {
    std::vector<fs::path> cases;
    for (const auto& e : fs::directory_iterator(test::testdata() / "config" / folder))
        if (e.is_directory()) cases.push_back(e.path());
    std::sort(cases.begin(), cases.end());
    REQUIRE_FALSE(cases.empty());
    for (const auto& dir : cases) {
        DYNAMIC_SECTION(dir.filename().string()) { run_case(dir, full_chain); }
    }
}

}  // namespace

TEST_CASE("default credential provider chain replays") { run_folder("default-credential-provider-chain", true); }

TEST_CASE("profile provider replays") { run_folder("profile-provider", false); }
