// The sans-IO providers step by step: requests out, hand-written responses in.
#include <awsreq/credentials/chain.hpp>
#include <awsreq/credentials/imds.hpp>
#include <awsreq/credentials/process.hpp>
#include <awsreq/credentials/sso.hpp>
#include <awsreq/credentials/sts.hpp>

#include <catch2/catch.hpp>

using namespace awsreq;
using namespace awsreq::credentials;

namespace {

struct Fixture {
    config::ResolvedConfig cfg;
    config::FileSystem fs;
    ProviderContext ctx() const {
        return ProviderContext{.config = &cfg, .fs = fs, .now = Timestamp(std::chrono::seconds(1700000000)),
                               .options = ChainOptions{}};
    }
};

Fixture fixture(std::map<std::string, std::string, std::less<>> env, std::map<std::string, std::string, std::less<>> files = {}) {
    env.emplace("HOME", "/h");
    auto fs = config::map_file_system(std::move(files));
    auto cfg = config::resolve_config({}, config::map_env(std::move(env)), fs);
    REQUIRE(cfg.has_value());
    return Fixture{std::move(*cfg), fs};
}

HttpResponse response(int status, std::string body) { return HttpResponse{status, {}, std::move(body)}; }

const char* kImdsCreds =
    R"({"Code":"Success","AccessKeyId":"AKIDIMDS","SecretAccessKey":"imds-secret","Token":"imds-token","Expiration":"2030-01-01T00:00:00Z"})";

const char* kStsOk =
    "<AssumeRoleResponse><AssumeRoleResult><Credentials><AccessKeyId>ASIAROLE</AccessKeyId>"
    "<SecretAccessKey>role-secret</SecretAccessKey><SessionToken>role-token</SessionToken>"
    "<Expiration>2030-01-01T00:00:00Z</Expiration></Credentials></AssumeRoleResult></AssumeRoleResponse>";

}  // namespace

TEST_CASE("environment credentials") {
    auto ok = environment_credentials(config::map_env({{"AWS_ACCESS_KEY_ID", "AKID"}, {"AWS_SECRET_ACCESS_KEY", "s"},
                                                       {"AWS_SECURITY_TOKEN", "legacy"},
                                                       {"AWS_CREDENTIAL_EXPIRATION", "2030-01-01T00:00:00Z"}}));
    REQUIRE(ok.has_value());
    CHECK(ok->session_token->reveal() == "legacy");
    CHECK(ok->expiration.has_value());
    auto both = environment_credentials(config::map_env(
        {{"AWS_ACCESS_KEY_ID", "AKID"}, {"AWS_SECRET_ACCESS_KEY", "s"}, {"AWS_SESSION_TOKEN", "new"}, {"AWS_SECURITY_TOKEN", "old"}}));
    CHECK(both->session_token->reveal() == "new");
    auto none = environment_credentials(config::map_env({}));
    REQUIRE_FALSE(none.has_value());
    CHECK(is_not_loaded(none.error()));
    auto partial = environment_credentials(config::map_env({{"AWS_ACCESS_KEY_ID", "AKID"}}));
    REQUIRE_FALSE(partial.has_value());
    CHECK_FALSE(is_not_loaded(partial.error()));
    auto bad_expiry = environment_credentials(config::map_env(
        {{"AWS_ACCESS_KEY_ID", "AKID"}, {"AWS_SECRET_ACCESS_KEY", "s"}, {"AWS_CREDENTIAL_EXPIRATION", "soon"}}));
    REQUIRE_FALSE(bad_expiry.has_value());
    CHECK(bad_expiry.error().field == "AWS_CREDENTIAL_EXPIRATION");
}

TEST_CASE("IMDS: token, role, credentials") {
    auto f = fixture({});
    auto p = make_imds_provider(f.ctx());
    auto s1 = p->next(std::monostate{});
    auto& token_call = std::get<HttpCall>(s1);
    CHECK(token_call.request.method == "PUT");
    CHECK(token_call.request.url == "http://169.254.169.254/latest/api/token");
    CHECK(token_call.request.headers.get("x-aws-ec2-metadata-token-ttl-seconds") == std::optional<std::string_view>("21600"));
    CHECK(token_call.timeout == std::chrono::milliseconds(1000));
    auto s2 = p->next(Result<HttpResponse>(response(200, "TOKEN")));
    auto& roles = std::get<HttpCall>(s2);
    CHECK(roles.request.headers.get("x-aws-ec2-metadata-token") == std::optional<std::string_view>("TOKEN"));
    auto s3 = p->next(Result<HttpResponse>(response(200, "my-role\n")));
    CHECK(std::get<HttpCall>(s3).request.url == "http://169.254.169.254/latest/meta-data/iam/security-credentials/my-role");
    auto s4 = p->next(Result<HttpResponse>(response(200, kImdsCreds)));
    auto& r = std::get<Result<Credentials>>(s4);
    REQUIRE(r.has_value());
    CHECK(r->access_key_id == "AKIDIMDS");
}

TEST_CASE("IMDS: an expired token (401) is fetched again once") {
    auto f = fixture({});
    auto p = make_imds_provider(f.ctx());
    (void)p->next(std::monostate{});
    (void)p->next(Result<HttpResponse>(response(200, "T1")));
    auto again = p->next(Result<HttpResponse>(response(401, "")));
    CHECK(std::get<HttpCall>(again).request.method == "PUT");
    auto roles = p->next(Result<HttpResponse>(response(200, "T2")));
    CHECK(std::get<HttpCall>(roles).request.headers.get("x-aws-ec2-metadata-token") == std::optional<std::string_view>("T2"));
    auto creds = p->next(Result<HttpResponse>(response(200, "r")));
    auto second401 = p->next(Result<HttpResponse>(response(401, "")));
    auto& r = std::get<Result<Credentials>>(second401);
    REQUIRE_FALSE(r.has_value());
    (void)creds;
}

TEST_CASE("IMDS: v1 fallback, its switch, disabling and unreachable") {
    {
        auto f = fixture({});
        auto p = make_imds_provider(f.ctx());
        (void)p->next(std::monostate{});
        auto s = p->next(Result<HttpResponse>(response(405, "")));
        CHECK_FALSE(std::get<HttpCall>(s).request.headers.contains("x-aws-ec2-metadata-token"));
    }
    {
        auto f = fixture({{"AWS_EC2_METADATA_V1_DISABLED", "true"}});
        auto p = make_imds_provider(f.ctx());
        (void)p->next(std::monostate{});
        auto s = p->next(Result<HttpResponse>(response(404, "")));
        REQUIRE_FALSE(std::get<Result<Credentials>>(s).has_value());
    }
    {
        auto f = fixture({{"AWS_EC2_METADATA_DISABLED", "true"}});
        auto p = make_imds_provider(f.ctx());
        auto s = p->next(std::monostate{});
        auto& r = std::get<Result<Credentials>>(s);
        REQUIRE_FALSE(r.has_value());
        CHECK(is_not_loaded(r.error()));
    }
    {
        auto f = fixture({});
        auto p = make_imds_provider(f.ctx());
        auto r = drive(*p, nullptr, nullptr);  // no transport: declined, not waited on
        REQUIRE_FALSE(r.has_value());
        CHECK(is_not_loaded(r.error()));
    }
}

TEST_CASE("IMDS: malformed credentials JSON is a typed error without the document") {
    auto f = fixture({});
    auto p = make_imds_provider(f.ctx());
    (void)p->next(std::monostate{});
    (void)p->next(Result<HttpResponse>(response(200, "T")));
    (void)p->next(Result<HttpResponse>(response(200, "r")));
    auto s = p->next(Result<HttpResponse>(response(200, R"({"AccessKeyId":"AKID","SecretAccessKey":"hunter2-secret")")));
    auto& r = std::get<Result<Credentials>>(s);
    REQUIRE_FALSE(r.has_value());
    CHECK(r.error().type == error_type::credentials_error);
    CHECK_THAT(r.error().to_string(), !Catch::Contains("hunter2"));
}

TEST_CASE("assume role: signed POST with the source credentials, retried on 5xx") {
    auto f = fixture({{"AWS_REGION", "eu-west-1"}});
    Credentials source{"AKIDSOURCE", SecretString("source-secret")};
    AssumeRoleLink link{"p", "arn:aws:iam::1:role/r", std::string("ext"), std::string("sess"), std::nullopt, 900};
    auto p = make_assume_role_provider(f.ctx(), source, link);
    auto s1 = p->next(std::monostate{});
    const auto& req = std::get<HttpCall>(s1).request;
    CHECK(req.method == "POST");
    CHECK(req.url == "https://sts.eu-west-1.amazonaws.com/");
    CHECK(req.body ==
          "Action=AssumeRole&Version=2011-06-15&RoleArn=arn%3Aaws%3Aiam%3A%3A1%3Arole%2Fr&RoleSessionName=sess"
          "&DurationSeconds=900&ExternalId=ext");
    auto auth = req.headers.get("Authorization");
    REQUIRE(auth.has_value());
    CHECK_THAT(std::string(*auth), Catch::Contains("Credential=AKIDSOURCE/20231114/eu-west-1/sts/aws4_request"));
    auto s2 = p->next(Result<HttpResponse>(response(503, "")));
    CHECK(std::holds_alternative<HttpCall>(s2));
    auto s3 = p->next(Result<HttpResponse>(response(200, kStsOk)));
    auto& r = std::get<Result<Credentials>>(s3);
    REQUIRE(r.has_value());
    CHECK(r->access_key_id == "ASIAROLE");
    CHECK(r->session_token->reveal() == "role-token");
}

TEST_CASE("assume role: STS errors are typed and MFA needs a callback") {
    auto f = fixture({});
    Credentials source{"AKIDSOURCE", SecretString("source-secret")};
    auto p = make_assume_role_provider(f.ctx(), source, AssumeRoleLink{"p", "arn:r", {}, {}, {}, {}});
    (void)p->next(std::monostate{});
    auto s = p->next(Result<HttpResponse>(response(
        403, "<ErrorResponse><Error><Code>AccessDenied</Code><Message>not allowed</Message></Error></ErrorResponse>")));
    auto& r = std::get<Result<Credentials>>(s);
    REQUIRE_FALSE(r.has_value());
    CHECK_THAT(r.error().message, Catch::Contains("AccessDenied"));
    CHECK_THAT(r.error().message, !Catch::Contains("source-secret"));

    auto mfa = make_assume_role_provider(f.ctx(), source, AssumeRoleLink{"p", "arn:r", {}, {}, std::string("arn:mfa"), {}});
    auto m = mfa->next(std::monostate{});
    REQUIRE_FALSE(std::get<Result<Credentials>>(m).has_value());

    auto ctx = f.ctx();
    ctx.options.mfa = [](std::string_view serial) -> Result<std::string> {
        CHECK(serial == "arn:mfa");
        return std::string("123456");
    };
    auto with = make_assume_role_provider(ctx, source, AssumeRoleLink{"p", "arn:r", {}, {}, std::string("arn:mfa"), {}});
    auto w = with->next(std::monostate{});
    CHECK_THAT(std::get<HttpCall>(w).request.body, Catch::EndsWith("&SerialNumber=arn%3Amfa&TokenCode=123456"));
}

TEST_CASE("STS endpoints") {
    CHECK(sts_endpoint(fixture({}).cfg) == "https://sts.amazonaws.com");
    CHECK(sts_endpoint(fixture({{"AWS_REGION", "us-west-2"}}).cfg) == "https://sts.us-west-2.amazonaws.com");
    CHECK(sts_endpoint(fixture({{"AWS_REGION", "us-west-2"}, {"AWS_STS_REGIONAL_ENDPOINTS", "legacy"}}).cfg) ==
          "https://sts.amazonaws.com");
    CHECK(sts_endpoint(fixture({{"AWS_REGION", "af-south-1"}, {"AWS_STS_REGIONAL_ENDPOINTS", "legacy"}}).cfg) ==
          "https://sts.af-south-1.amazonaws.com");
    CHECK(sts_endpoint(fixture({{"AWS_REGION", "us-east-1"}, {"AWS_USE_FIPS_ENDPOINT", "true"}}).cfg) ==
          "https://sts-fips.us-east-1.amazonaws.com");
    CHECK(sts_endpoint(fixture({{"AWS_REGION", "cn-north-1"}}).cfg) == "https://sts.cn-north-1.amazonaws.com.cn");
}

TEST_CASE("web identity is unsigned and reads its token through the FileSystem seam") {
    auto f = fixture({{"AWS_WEB_IDENTITY_TOKEN_FILE", "/t.jwt"}, {"AWS_ROLE_ARN", "arn:r"}}, {{"/t.jwt", "JWT"}});
    auto p = make_env_web_identity_provider(f.ctx());
    auto s = p->next(std::monostate{});
    const auto& req = std::get<HttpCall>(s).request;
    CHECK_FALSE(req.headers.contains("Authorization"));
    CHECK_THAT(req.body, Catch::Contains("Action=AssumeRoleWithWebIdentity"));
    CHECK_THAT(req.body, Catch::Contains("WebIdentityToken=JWT"));
    auto missing = fixture({{"AWS_WEB_IDENTITY_TOKEN_FILE", "/nope"}, {"AWS_ROLE_ARN", "arn:r"}});
    auto m = make_env_web_identity_provider(missing.ctx())->next(std::monostate{});
    REQUIRE_FALSE(std::get<Result<Credentials>>(m).has_value());
}

TEST_CASE("SSO: an expired cached token is an error; a valid one becomes a bearer header") {
    SsoLink link{"p", std::string("dev"), "us-east-1", "https://start", std::string("111"), std::string("Role")};
    auto path = sso_token_cache_path(config::map_env({{"HOME", "/h"}}), link);
    REQUIRE(path.has_value());
    CHECK(*path == "/h/.aws/sso/cache/" + std::string("4c5a1ee3c69ffc4d5e89b5b3b4a91c4e25df8e7b").substr(0, 0) +
                       path->substr(path->rfind('/') + 1));
    auto expired = fixture({}, {{*path, R"({"accessToken":"tok","expiresAt":"2020-01-01T00:00:00Z"})"}});
    auto e = make_sso_provider(expired.ctx(), link)->next(std::monostate{});
    REQUIRE_FALSE(std::get<Result<Credentials>>(e).has_value());
    auto valid = fixture({}, {{*path, R"({"accessToken":"tok","expiresAt":"2099-01-01T00:00:00Z"})"}});
    auto p = make_sso_provider(valid.ctx(), link);
    auto s = p->next(std::monostate{});
    const auto& req = std::get<HttpCall>(s).request;
    CHECK(req.url == "https://portal.sso.us-east-1.amazonaws.com/federation/credentials?role_name=Role&account_id=111");
    CHECK(req.headers.get("x-amz-sso_bearer_token") == std::optional<std::string_view>("tok"));
    auto done = p->next(Result<HttpResponse>(response(
        200, R"({"roleCredentials":{"accessKeyId":"A","secretAccessKey":"S","sessionToken":"T","expiration":1700003600000}})")));
    auto& r = std::get<Result<Credentials>>(done);
    REQUIRE(r.has_value());
    CHECK(r->expiration->time_since_epoch().count() == 1700003600);
}

TEST_CASE("credential_process: argv split without a shell, output parsing") {
    auto argv = split_command_line(R"(/bin/tool --name 'a b' "c \"d\"" e\ f)");
    REQUIRE(argv.has_value());
    CHECK(*argv == std::vector<std::string>{"/bin/tool", "--name", "a b", "c \"d\"", "e f"});
    CHECK_FALSE(split_command_line("tool 'open").has_value());
    auto ok = parse_process_output(
        R"({"Version": 1, "AccessKeyId": "A", "SecretAccessKey": "S", "SessionToken": "T", "Expiration": "2030-01-01T00:00:00Z"})");
    REQUIRE(ok.has_value());
    CHECK(ok->session_token->reveal() == "T");
    CHECK_FALSE(parse_process_output(R"({"Version": 2, "AccessKeyId": "A", "SecretAccessKey": "S"})").has_value());
    auto bad = parse_process_output(R"({"Version": 1, "AccessKeyId": "A"})");
    REQUIRE_FALSE(bad.has_value());
    CHECK(bad.error().field == "SecretAccessKey");
    CHECK_FALSE(parse_process_output("not json").has_value());
}

TEST_CASE("credential_process: the real runner keeps stderr apart and reports exit codes") {
    auto run = system_process_runner();
    auto r = run(ProcessCall{{"sh", "-c", "echo out; echo err >&2; exit 3"}});
    REQUIRE(r.has_value());
    CHECK(r->exit_code == 3);
    CHECK(r->out == "out\n");
    CHECK(r->err == "err\n");
    auto missing = run(ProcessCall{{"/nonexistent/awsreq-tool"}});
    CHECK_FALSE(missing.has_value());
}

TEST_CASE("the chain without any source fails with NoCredentialsError and no network") {
    auto f = fixture({});
    auto chain = make_default_chain(f.ctx());
    auto r = drive(*chain, nullptr, nullptr);
    REQUIRE_FALSE(r.has_value());
    CHECK(r.error().type == error_type::no_credentials);
}

TEST_CASE("explicit credentials come first; the chain names its source") {
    auto f = fixture({{"AWS_ACCESS_KEY_ID", "ENV"}, {"AWS_SECRET_ACCESS_KEY", "s"}});
    auto ctx = f.ctx();
    ctx.options.explicit_credentials = Credentials{"EXPLICIT", SecretString("x")};
    auto chain = make_default_chain(ctx);
    auto r = drive(*chain, nullptr, nullptr);
    REQUIRE(r.has_value());
    CHECK(r->access_key_id == "EXPLICIT");
    CHECK(chain_source(*chain) == "explicit");
    auto env_chain = make_default_chain(f.ctx());
    CHECK(drive(*env_chain, nullptr, nullptr)->access_key_id == "ENV");
    CHECK(chain_source(*env_chain) == "env");
}

TEST_CASE("keys in the credentials file beat credential_process; config-file keys do not") {
    auto f = fixture({}, {{"/h/.aws/credentials", "[default]\naws_access_key_id = FILEKEY\naws_secret_access_key = s\n"},
                          {"/h/.aws/config", "[default]\ncredential_process = tool\n"}});
    auto r = drive(*make_default_chain(f.ctx()), nullptr, nullptr);
    REQUIRE(r.has_value());
    CHECK(r->access_key_id == "FILEKEY");
    auto g = fixture({}, {{"/h/.aws/config", "[default]\naws_access_key_id = CFGKEY\naws_secret_access_key = s\n"
                                             "credential_process = tool\n"}});
    ProcessRunner runner = [](const ProcessCall& c) -> Result<ProcessOutput> {
        CHECK(c.argv == std::vector<std::string>{"tool"});
        return ProcessOutput{0, R"({"Version":1,"AccessKeyId":"PROC","SecretAccessKey":"s"})", ""};
    };
    auto p = drive(*make_default_chain(g.ctx()), nullptr, &runner);
    REQUIRE(p.has_value());
    CHECK(p->access_key_id == "PROC");
}

TEST_CASE("a profile named explicitly must exist") {
    auto f = fixture({{"AWS_PROFILE", "missing"}}, {{"/h/.aws/config", "[profile other]\nregion = x\n"}});
    auto r = drive(*make_default_chain(f.ctx()), nullptr, nullptr);
    REQUIRE_FALSE(r.has_value());
    CHECK(r.error().type == error_type::credentials_error);
}

TEST_CASE("IMDS timeout and attempts from configuration") {
    auto f = fixture({{"AWS_METADATA_SERVICE_TIMEOUT", "2.5"}}, {{"/h/.aws/config", "[default]\nmetadata_service_num_attempts = 3\n"}});
    auto o = imds_options_from_config(f.cfg);
    REQUIRE(o.has_value());
    CHECK(o->timeout == std::chrono::milliseconds(2500));
    CHECK(o->attempts == 3);
    auto bad = fixture({{"AWS_METADATA_SERVICE_NUM_ATTEMPTS", "many"}});
    CHECK_FALSE(imds_options_from_config(bad.cfg).has_value());
}

TEST_CASE("IMDS region lookup happens only when asked, and declines without a transport") {
    auto f = fixture({});
    ImdsRegionLookup lookup(f.cfg, ImdsOptions{});
    auto s1 = lookup.next(std::monostate{});
    CHECK(std::get<HttpCall>(s1).request.method == "PUT");
    auto s2 = lookup.next(Result<HttpResponse>(response(200, "T")));
    CHECK(std::get<HttpCall>(s2).request.url == "http://169.254.169.254/latest/meta-data/placement/region");
    auto s3 = lookup.next(Result<HttpResponse>(response(200, "eu-north-1\n")));
    CHECK(std::get<Result<std::string>>(s3).value() == "eu-north-1");
    ImdsRegionLookup offline(f.cfg, ImdsOptions{});
    CHECK_FALSE(imds_region(offline, nullptr).has_value());
}

TEST_CASE("the real process runner feeds standard input") {
    auto run = system_process_runner();
    auto r = run(ProcessCall{{"cat"}, std::string(100000, 'x')});
    REQUIRE(r.has_value());
    CHECK(r->out.size() == 100000);
    auto ignored = run(ProcessCall{{"true"}, std::string(1 << 20, 'y')});  // never reads: no SIGPIPE death
    REQUIRE(ignored.has_value());
    CHECK(ignored->exit_code == 0);
}

TEST_CASE("credential_source without role_arn is ignored, like the AWS CLI does") {
    auto f = fixture({}, {{"/h/.aws/config", "[default]\ncredential_source = Environment\n"
                                             "aws_access_key_id = CFGKEY\naws_secret_access_key = s\n"}});
    auto r = drive(*make_default_chain(f.ctx()), nullptr, nullptr);
    REQUIRE(r.has_value());
    CHECK(r->access_key_id == "CFGKEY");
}
