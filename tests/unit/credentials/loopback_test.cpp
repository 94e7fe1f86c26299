// Fake instance-metadata, container and STS servers on loopback, reached through the optional
// Transport (cpp-httplib): token expiry, a 404 role, timeouts, malformed JSON, retries.
#include "httplib_transport.hpp"

#include <awsreq/credentials/chain.hpp>
#include <awsreq/credentials/container.hpp>
#include <awsreq/credentials/imds.hpp>

#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>

using namespace awsreq;
using namespace awsreq::credentials;
using namespace std::chrono_literals;

namespace {

const char* kSecret = "loopback-secret-value";
const char* kToken = "loopback-session-token";

std::string imds_document() {
    return std::string(R"({"Code":"Success","AccessKeyId":"AKIDIMDSLOOP","SecretAccessKey":")") + kSecret +
           R"(","Token":")" + kToken + R"(","Expiration":"2030-01-01T00:00:00Z"})";
}

struct Setup {
    config::ResolvedConfig cfg;
    config::FileSystem fs;
    ChainOptions options;
    ProviderContext ctx() const {
        return ProviderContext{.config = &cfg, .fs = fs, .now = Timestamp(std::chrono::seconds(1700000000)), .options = options};
    }
};

Setup setup(std::map<std::string, std::string, std::less<>> env, std::map<std::string, std::string, std::less<>> files = {}) {
    env.emplace("HOME", "/h");
    auto fs = config::map_file_system(std::move(files));
    auto cfg = config::resolve_config({}, config::map_env(std::move(env)), fs);
    REQUIRE(cfg.has_value());
    return Setup{std::move(*cfg), fs, {}};
}

void check_no_secret(const Error& e) {
    auto text = e.to_string();
    CHECK_THAT(text, !Catch::Contains(kSecret));
    CHECK_THAT(text, !Catch::Contains(kToken));
}

// IMDS with one role; tokens expire after `uses_per_token` authorized GETs.
struct FakeImds {
    test::LoopbackServer srv;
    std::atomic<int> tokens_issued{0};
    std::atomic<int> uses{0};
    int uses_per_token = 100;
    bool role_attached = true;
    std::string document = imds_document();

    FakeImds() {
        auto& s = srv.server();
        s.Put("/latest/api/token", [this](const httplib::Request& req, httplib::Response& res) {
            if (req.get_header_value("x-aws-ec2-metadata-token-ttl-seconds").empty()) {
                res.status = 400;
                return;
            }
            uses = 0;
            res.set_content("token-" + std::to_string(++tokens_issued), "text/plain");
        });
        auto authorized = [this](const httplib::Request& req, httplib::Response& res) {
            if (req.get_header_value("x-aws-ec2-metadata-token") != "token-" + std::to_string(tokens_issued.load()) ||
                ++uses > uses_per_token) {
                res.status = 401;
                return false;
            }
            return true;
        };
        s.Get("/latest/meta-data/iam/security-credentials/", [this, authorized](const httplib::Request& req, httplib::Response& res) {
            if (!authorized(req, res)) return;
            if (!role_attached) {
                res.status = 404;
                return;
            }
            res.set_content("loop-role", "text/plain");
        });
        s.Get("/latest/meta-data/iam/security-credentials/loop-role",
              [this, authorized](const httplib::Request& req, httplib::Response& res) {
                  if (!authorized(req, res)) return;
                  res.set_content(document, "application/json");
              });
        srv.start();
    }
};

}  // namespace

TEST_CASE("loopback IMDS: IMDSv2 credentials through the transport") {
    FakeImds imds;
    auto s = setup({{"AWS_EC2_METADATA_SERVICE_ENDPOINT", imds.srv.url()}});
    auto transport = test::httplib_transport();
    auto r = drive(*make_imds_provider(s.ctx()), &transport, nullptr);
    REQUIRE(r.has_value());
    CHECK(r->access_key_id == "AKIDIMDSLOOP");
    CHECK(r->session_token->reveal() == kToken);
    CHECK(imds.tokens_issued == 1);
}

TEST_CASE("loopback IMDS: an expired session token is replaced") {
    FakeImds imds;
    imds.uses_per_token = 1;  // the role listing uses it up; the credentials GET gets a 401
    auto s = setup({{"AWS_EC2_METADATA_SERVICE_ENDPOINT", imds.srv.url()}});
    auto transport = test::httplib_transport();
    auto r = drive(*make_imds_provider(s.ctx()), &transport, nullptr);
    REQUIRE(r.has_value());
    CHECK(imds.tokens_issued == 2);
}

TEST_CASE("loopback IMDS: a 404 role listing means no IMDS credentials; the chain ends cleanly") {
    FakeImds imds;
    imds.role_attached = false;
    auto s = setup({{"AWS_EC2_METADATA_SERVICE_ENDPOINT", imds.srv.url()}});
    auto transport = test::httplib_transport();
    auto r = drive(*make_default_chain(s.ctx()), &transport, nullptr);
    REQUIRE_FALSE(r.has_value());
    CHECK(r.error().type == error_type::no_credentials);
}

TEST_CASE("loopback IMDS: malformed JSON is a typed error with no secret in it") {
    FakeImds imds;
    imds.document = std::string(R"({"AccessKeyId":"AKID","SecretAccessKey":")") + kSecret + "\"";
    auto s = setup({{"AWS_EC2_METADATA_SERVICE_ENDPOINT", imds.srv.url()}});
    auto transport = test::httplib_transport();
    auto r = drive(*make_imds_provider(s.ctx()), &transport, nullptr);
    REQUIRE_FALSE(r.has_value());
    CHECK(r.error().type == error_type::credentials_error);
    check_no_secret(r.error());
}

TEST_CASE("loopback IMDS: a server that never answers costs attempts x timeout, then not loaded") {
    test::LoopbackServer slow;
    slow.server().Put("/latest/api/token", [](const httplib::Request&, httplib::Response& res) {
        std::this_thread::sleep_for(600ms);
        res.set_content("late", "text/plain");
    });
    slow.server().Get(R"(/.*)", [](const httplib::Request&, httplib::Response& res) {
        std::this_thread::sleep_for(600ms);
        res.set_content("late", "text/plain");
    });
    slow.start();
    auto s = setup({});
    s.options.imds.endpoint_override = slow.url();
    s.options.imds.timeout = 150ms;
    s.options.imds.attempts = 2;
    s.options.imds.allow_v1_fallback = false;
    auto transport = test::httplib_transport();
    auto t0 = std::chrono::steady_clock::now();
    auto r = drive(*make_imds_provider(s.ctx()), &transport, nullptr);
    auto elapsed = std::chrono::steady_clock::now() - t0;
    REQUIRE_FALSE(r.has_value());
    CHECK(is_not_loaded(r.error()));
    CHECK(elapsed < 1500ms);
}

TEST_CASE("loopback container: authorization token from file, credentials, and malformed JSON") {
    test::LoopbackServer srv;
    std::atomic<bool> malformed{false};
    srv.server().Get("/creds", [&](const httplib::Request& req, httplib::Response& res) {
        if (req.get_header_value("Authorization") != "Bearer pod-token") {
            res.status = 403;
            return;
        }
        if (malformed) {
            res.set_content(std::string("{\"AccessKeyId\": \"A\", \"SecretAccessKey\": \"") + kSecret, "application/json");
            return;
        }
        res.set_content(std::string(R"({"AccessKeyId":"AKIDPOD","SecretAccessKey":")") + kSecret + R"(","Token":")" + kToken +
                            R"(","Expiration":"2030-01-01T00:00:00Z"})",
                        "application/json");
    });
    srv.start();
    auto s = setup({{"AWS_CONTAINER_CREDENTIALS_FULL_URI", srv.url() + "/creds"},
                    {"AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE", "/var/run/token"}},
                   {{"/var/run/token", "Bearer pod-token\n"}});
    auto transport = test::httplib_transport();
    auto r = drive(*make_default_chain(s.ctx()), &transport, nullptr);
    REQUIRE(r.has_value());
    CHECK(r->access_key_id == "AKIDPOD");

    malformed = true;
    auto bad = drive(*make_container_provider(s.ctx()), &transport, nullptr);
    REQUIRE_FALSE(bad.has_value());
    check_no_secret(bad.error());

    auto wrong = setup({{"AWS_CONTAINER_CREDENTIALS_FULL_URI", srv.url() + "/creds"},
                        {"AWS_CONTAINER_AUTHORIZATION_TOKEN", "Bearer wrong"}});
    auto denied = drive(*make_container_provider(wrong.ctx()), &transport, nullptr);
    REQUIRE_FALSE(denied.has_value());
    CHECK_THAT(denied.error().message, Catch::Contains("403"));
}

TEST_CASE("loopback container: an endpoint that never answers is a typed error after its attempts") {
    int port = 0;
    {
        // A port that was just free: bound, read back, closed.
        httplib::Server probe;
        port = probe.bind_to_any_port("127.0.0.1");
        probe.stop();
    }
    auto s = setup({{"AWS_CONTAINER_CREDENTIALS_FULL_URI", "http://127.0.0.1:" + std::to_string(port) + "/x"}});
    s.options.http_timeout = 300ms;
    auto transport = test::httplib_transport();
    auto r = drive(*make_container_provider(s.ctx()), &transport, nullptr);
    REQUIRE_FALSE(r.has_value());
    CHECK(r.error().type == error_type::credentials_error);
}

TEST_CASE("loopback STS: a signed AssumeRole chain, retried after a 500") {
    test::LoopbackServer sts;
    std::atomic<int> calls{0};
    std::string seen_auth, seen_body;
    sts.server().Post("/", [&](const httplib::Request& req, httplib::Response& res) {
        if (++calls == 1) {
            res.status = 500;
            res.set_content("<ErrorResponse><Error><Code>InternalFailure</Code></Error></ErrorResponse>", "text/xml");
            return;
        }
        seen_auth = req.get_header_value("Authorization");
        seen_body = req.body;
        res.set_content(std::string("<AssumeRoleResponse><AssumeRoleResult><Credentials><AccessKeyId>ASIALOOP</AccessKeyId>"
                                    "<SecretAccessKey>") +
                            kSecret + "</SecretAccessKey><SessionToken>" + kToken +
                            "</SessionToken><Expiration>2030-01-01T00:00:00Z</Expiration></Credentials>"
                            "</AssumeRoleResult></AssumeRoleResponse>",
                        "text/xml");
    });
    sts.start();
    auto s = setup({{"AWS_ENDPOINT_URL_STS", sts.url()}, {"AWS_REGION", "us-west-2"}},
                   {{"/h/.aws/config", "[default]\nrole_arn = arn:aws:iam::1:role/loop\nsource_profile = base\n"
                                       "role_session_name = loop-session\n"},
                    {"/h/.aws/credentials", "[base]\naws_access_key_id = AKIDBASE\naws_secret_access_key = basesecret\n"}});
    auto transport = test::httplib_transport();
    auto r = drive(*make_default_chain(s.ctx()), &transport, nullptr);
    REQUIRE(r.has_value());
    CHECK(r->access_key_id == "ASIALOOP");
    CHECK(calls == 2);
    CHECK_THAT(seen_auth, Catch::StartsWith("AWS4-HMAC-SHA256 Credential=AKIDBASE/20231114/us-west-2/sts/aws4_request"));
    CHECK_THAT(seen_body, Catch::Contains("RoleSessionName=loop-session"));
}

TEST_CASE("loopback STS: an error document becomes a typed error") {
    test::LoopbackServer sts;
    sts.server().Post("/", [&](const httplib::Request&, httplib::Response& res) {
        res.status = 403;
        res.set_content("<ErrorResponse><Error><Code>AccessDenied</Code><Message>User is not authorized</Message></Error></ErrorResponse>",
                        "text/xml");
    });
    sts.start();
    auto s = setup({{"AWS_ENDPOINT_URL_STS", sts.url()}},
                   {{"/h/.aws/config", "[default]\nrole_arn = arn:aws:iam::1:role/loop\nsource_profile = base\n"},
                    {"/h/.aws/credentials", "[base]\naws_access_key_id = AKIDBASE\naws_secret_access_key = basesecret\n"}});
    auto transport = test::httplib_transport();
    auto r = drive(*make_default_chain(s.ctx()), &transport, nullptr);
    REQUIRE_FALSE(r.has_value());
    CHECK_THAT(r.error().message, Catch::Contains("AccessDenied"));
    CHECK_THAT(r.error().to_string(), !Catch::Contains("basesecret"));
}

TEST_CASE("loopback IMDS: the region, when asked for") {
    test::LoopbackServer srv;
    srv.server().Put("/latest/api/token", [](const httplib::Request&, httplib::Response& res) { res.set_content("t", "text/plain"); });
    srv.server().Get("/latest/meta-data/placement/region", [](const httplib::Request& req, httplib::Response& res) {
        if (req.get_header_value("x-aws-ec2-metadata-token") != "t") {
            res.status = 401;
            return;
        }
        res.set_content("sa-east-1", "text/plain");
    });
    srv.start();
    auto s = setup({{"AWS_EC2_METADATA_SERVICE_ENDPOINT", srv.url()}});
    ImdsRegionLookup lookup(s.cfg, ImdsOptions{});
    auto transport = test::httplib_transport();
    auto r = imds_region(lookup, &transport);
    REQUIRE(r.has_value());
    CHECK(*r == "sa-east-1");
}
