// The e2e programs' shared main and helpers. The main skips the whole program (exit 77, which
// meson reports as SKIP) when its server is not running, and prints one "e2e-result:" line
// with the number of checks (test cases) passed and failed, which run-e2e.sh adds up.
#define CATCH_CONFIG_RUNNER
#define CATCH_CONFIG_EXTERNAL_INTERFACES
#include "e2e_support.hpp"

#include <awsreq/core/crypto.hpp>
#include <awsreq/core/encoding.hpp>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <memory>

namespace awsreq::e2e {
namespace {

std::optional<Server> g_server;
std::unique_ptr<ServiceCatalog> g_catalog;

std::string env_or(const char* name, std::string fallback = {}) {
    const char* v = std::getenv(name);
    return v && *v ? std::string(v) : fallback;
}

// A quoted value ('...') is taken literally: the radosgw secret contains '/', '+' and '='.
std::string unquote(std::string v) {
    if (v.size() >= 2 && (v.front() == '\'' || v.front() == '"') && v.back() == v.front())
        return v.substr(1, v.size() - 2);
    return v;
}


// Counts checks for run-e2e.sh's summary.
struct ResultLine : Catch::TestEventListenerBase {
    using TestEventListenerBase::TestEventListenerBase;
    void testRunEnded(const Catch::TestRunStats& stats) override {
        std::cout << "e2e-result: " << e2e_server_name() << " " << stats.runInfo.name
                  << " passed=" << stats.totals.testCases.passed
                  << " failed=" << stats.totals.testCases.failed << "\n";
    }
};
CATCH_REGISTER_LISTENER(ResultLine)

}  // namespace

std::optional<Server> load_server(const std::string& name) {
    std::string root = env_or("SIGV4_SERVERS_STATE", "/tmp/sigv4-servers");
    std::ifstream in(root + "/" + name + "/env");
    if (!in) return std::nullopt;
    Server s;
    s.name = name;
    std::string line;
    while (std::getline(in, line)) {
        auto eq = line.find('=');
        if (eq == std::string::npos) continue;
        std::string key = line.substr(0, eq), value = unquote(line.substr(eq + 1));
        if (key == "ENDPOINT") s.endpoint = value;
        else if (key == "PORT") s.port = std::stoi(value);
        else if (key == "AWS_ACCESS_KEY_ID") s.access_key_id = value;
        else if (key == "AWS_SECRET_ACCESS_KEY") s.secret_access_key = value;
        else if (key == "AWS_DEFAULT_REGION") s.region = value;
        else if (key == "VHOST_DOMAIN") s.vhost_domain = value;
        else if (key == "CEPH_CONF") s.ceph_conf = value;
    }
    if (s.endpoint.empty() || s.port == 0 || s.access_key_id.empty()) return std::nullopt;
    return s;
}

const Server& server() { return *g_server; }

ServiceCatalog& catalog() { return *g_catalog; }

Client client_for(std::string_view service, std::optional<std::string> endpoint, endpoints::S3AddressingStyle style,
                  std::string region) {
    ClientConfig config;
    config.region = region.empty() ? server().region : region;
    config.endpoint_url = endpoint ? *endpoint : server().endpoint;
    config.s3_addressing_style = style;
    auto client = catalog().client(service, config);
    if (!client) FAIL("client for " << service << ": " << client.error().to_string());
    return std::move(*client);
}

Client vhost_s3_client() {
    return client_for("s3", "http://" + server().vhost_domain + ":" + std::to_string(server().port),
                      endpoints::S3AddressingStyle::virtual_hosted);
}

SignedRequest build(const Client& client, std::string_view operation, const Json& params,
                    const Credentials& credentials, Timestamp time) {
    auto req = client.build(operation, params, credentials, time);
    if (!req) FAIL(operation << ": " << req.error().to_string());
    return std::move(*req);
}

HttpResponse send(const SignedRequest& request) {
    return examples::send_with_httplib(request, examples::ConnectTo{"127.0.0.1", server().port});
}

std::string describe(const HttpResponse& r) {
    return std::to_string(r.status) + ": " + r.body.substr(0, 600);
}

std::string unique_bucket(std::string_view purpose) {
    static const std::string run = [] {
        std::random_device rd;
        std::string s;
        for (int i = 0; i < 6; ++i) s += "abcdefghijklmnopqrstuvwxyz0123456789"[rd() % 36];
        return s;
    }();
    return "e2e-" + run + "-" + std::string(purpose);
}

std::vector<std::string> xml_all(std::string_view xml, std::string_view tag) {
    std::vector<std::string> out;
    const std::string open = "<" + std::string(tag) + ">", close = "</" + std::string(tag) + ">";
    for (std::size_t at = xml.find(open); at != std::string_view::npos; at = xml.find(open, at)) {
        auto start = at + open.size();
        auto end = xml.find(close, start);
        if (end == std::string_view::npos) break;
        out.push_back(xml_unescape(xml.substr(start, end - start)));
        at = end + close.size();
    }
    return out;
}

std::string xml_first(std::string_view xml, std::string_view tag) {
    auto all = xml_all(xml, tag);
    return all.empty() ? std::string() : all.front();
}

std::vector<std::string> listed_keys(std::string_view xml) {
    auto keys = xml_all(xml, "Key");
    if (xml_first(xml, "EncodingType") == "url") {
        for (auto& key : keys) {
            std::replace(key.begin(), key.end(), '+', ' ');
            key = percent_decode(key);
        }
    }
    return keys;
}

std::string unquoted(std::string etag) {
    if (etag.size() >= 2 && etag.front() == '"' && etag.back() == '"') etag = etag.substr(1, etag.size() - 2);
    return etag;
}

std::string md5_hex(std::string_view data) {
    auto raw = base64_decode(md5_base64(data));
    return raw ? hex_encode(*raw) : std::string();
}

}  // namespace awsreq::e2e

int main(int argc, char** argv) {
    using namespace awsreq::e2e;
    const std::string name = e2e_server_name();
    g_server = load_server(name);
    if (!g_server) {
        std::cout << "SKIP: " << name << " is not running (no " << env_or("SIGV4_SERVERS_STATE", "/tmp/sigv4-servers")
                  << "/" << name << "/env). Start it with ../shared/servers/start-" << name
                  << ".sh, or run tests/e2e/run-e2e.sh.\n";
        return 77;
    }
    g_catalog = std::make_unique<awsreq::ServiceCatalog>(awsreq::model::DataPath::resolve(
        {}, env_or("AWSREQ_DATA_PATH"), env_or("HOME"), *awsreq::model::real_file_system()));
    if (auto probe = g_catalog->client("s3", awsreq::ClientConfig{.region = "us-east-1"}); !probe) {
        std::cout << "SKIP: botocore models not found (install python3-botocore or set AWSREQ_DATA_PATH): "
                  << probe.error().to_string() << "\n";
        return 77;
    }
    std::cout << "e2e against " << name << " at " << g_server->endpoint << "\n";
    return Catch::Session().run(argc, argv);
}
