// The credentials layer end to end: the IMDS provider, driven through the libcurl example
// adapter plugged into its Transport seam, fetches temporary credentials (real ones, from
// radosgw's STS) from a loopback instance-metadata server; radosgw accepts requests signed
// with them.
#include "curl_credentials_transport.hpp"
#include "e2e_support.hpp"

#include <awsreq/config/resolved_config.hpp>
#include <awsreq/credentials/imds.hpp>

#include <atomic>
#include <fstream>
#include <thread>

using namespace awsreq;
using namespace awsreq::e2e;

const char* awsreq::e2e::e2e_server_name() { return "radosgw"; }

namespace {

bool sts_enabled() {
    std::ifstream conf(server().ceph_conf);
    std::string line;
    while (std::getline(conf, line))
        if (line.starts_with("rgw sts key")) return true;
    return false;
}

// A loopback IMDSv2: a session token first, then the role name, then the role's credentials.
class FakeImds {
public:
    explicit FakeImds(std::string credentials_json) : json_(std::move(credentials_json)) {
        server_.Put("/latest/api/token", [](const httplib::Request& req, httplib::Response& res) {
            if (!req.has_header("x-aws-ec2-metadata-token-ttl-seconds")) {
                res.status = 400;
                return;
            }
            res.set_content(kToken, "text/plain");
        });
        server_.Get(R"(/latest/meta-data/iam/security-credentials/(.*))",
                    [this](const httplib::Request& req, httplib::Response& res) {
                        ++gets_;
                        if (req.get_header_value("x-aws-ec2-metadata-token") != kToken) {
                            res.status = 401;
                            return;
                        }
                        if (req.matches[1].str().empty()) res.set_content("e2e-role", "text/plain");
                        else if (req.matches[1].str() == "e2e-role") res.set_content(json_, "application/json");
                        else res.status = 404;
                    });
        port_ = server_.bind_to_any_port("127.0.0.1");
        thread_ = std::thread([this] { server_.listen_after_bind(); });
        // the socket already listens after bind; this only waits for the accept loop
        while (!server_.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    ~FakeImds() {
        server_.stop();
        thread_.join();
    }
    [[nodiscard]] std::string endpoint() const { return "http://127.0.0.1:" + std::to_string(port_); }
    [[nodiscard]] int gets() const { return gets_; }

private:
    static constexpr const char* kToken = "e2e-imds-session-token";
    std::string json_;
    httplib::Server server_;
    int port_ = 0;
    std::atomic<int> gets_{0};
    std::thread thread_;
};

Result<Credentials> imds_credentials(const std::string& endpoint) {
    static const bool curl_ready = curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK;
    REQUIRE(curl_ready);
    auto config = config::resolve_config({}, config::map_env({{"AWS_EC2_METADATA_SERVICE_ENDPOINT", endpoint}}),
                                         config::map_file_system({}));
    REQUIRE(config);
    credentials::ProviderContext context{.config = &*config, .fs = config::map_file_system({}), .now = now()};
    auto provider = credentials::make_imds_provider(context);
    credentials::Transport transport = examples::curl_credentials_transport();
    return credentials::drive(*provider, &transport, nullptr);
}

}  // namespace

TEST_CASE("IMDS credentials through the curl Transport are accepted by radosgw") {
    if (!sts_enabled()) {
        WARN("radosgw runs without STS: start it with RGW_STS=1 to check instance-metadata credentials");
        return;
    }
    // real temporary credentials, as an instance role would have
    const std::string policy = R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["sts:GetSessionToken","s3:*"],"Resource":"*"}]})";
    REQUIRE(send(build(client_for("iam"), "PutUserPolicy",
                       {{"UserName", "ci"}, {"PolicyName", "e2e-session-token"}, {"PolicyDocument", policy}}))
                .status == 200);
    auto session = send(build(client_for("sts"), "GetSessionToken", {{"DurationSeconds", 900}}));
    INFO(describe(session));
    REQUIRE(session.status == 200);
    Json doc = {{"Code", "Success"},
                {"LastUpdated", format_iso8601(now())},
                {"Type", "AWS-HMAC"},
                {"AccessKeyId", xml_first(session.body, "AccessKeyId")},
                {"SecretAccessKey", xml_first(session.body, "SecretAccessKey")},
                {"Token", xml_first(session.body, "SessionToken")},
                {"Expiration", format_iso8601(now() + std::chrono::minutes(15))}};
    FakeImds imds(doc.dump());

    auto creds = imds_credentials(imds.endpoint());
    REQUIRE(creds);
    CHECK(imds.gets() == 2);
    CHECK(creds->access_key_id == doc["AccessKeyId"]);
    REQUIRE(creds->session_token);
    CHECK(creds->session_token->reveal() == doc["Token"].get<std::string>());
    CHECK(creds->expiration);

    auto s3 = client_for("s3");
    const std::string bucket = unique_bucket("imds");
    auto made = send(build(s3, "CreateBucket", {{"Bucket", bucket}}, *creds, now()));
    INFO(describe(made));
    CHECK(made.status == 200);
    auto put = send(build(s3, "PutObject", {{"Bucket", bucket}, {"Key", "from-imds"}, {"Body", "x"}}, *creds, now()));
    INFO(describe(put));
    CHECK(put.status == 200);
    CHECK(send(build(s3, "DeleteObject", {{"Bucket", bucket}, {"Key", "from-imds"}}, *creds, now())).status == 204);
    CHECK(send(build(s3, "DeleteBucket", {{"Bucket", bucket}}, *creds, now())).status == 204);
}

TEST_CASE("IMDS unreachable through the curl Transport: a typed 'not loaded', no hang") {
    // a port nothing listens on: connection refused at once
    auto creds = imds_credentials("http://127.0.0.1:9");
    REQUIRE_FALSE(creds);
    INFO(creds.error().to_string());
    CHECK(credentials::is_not_loaded(creds.error()));
}
