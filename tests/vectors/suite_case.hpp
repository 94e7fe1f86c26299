// The aws-c-auth signing suites (../shared/testdata/sigv4 and sigv4a) share one case layout:
// context.json (credentials, region, service, timestamp, switches) and request.txt. This reads it.
#pragma once

#include <awsreq/http/raw_request.hpp>
#include <awsreq/signing/sigv4.hpp>

#include <nlohmann/json.hpp>

#include "test_support.hpp"

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

namespace awsreq::test {

/// The case folders of one suite, sorted.
inline std::vector<std::string> suite_case_names(const std::string& suite) {
    std::vector<std::string> names;
    for (const auto& e : std::filesystem::directory_iterator(testdata() / suite))
        if (e.is_directory()) names.push_back(e.path().filename().string());
    std::sort(names.begin(), names.end());
    return names;
}

/// One case: the unsigned request, credentials, scope, time and the options its context asks for.
struct SuiteCase {
    SignedRequest request;
    Credentials credentials;
    std::string region, service;
    Timestamp time;
    SigningOptions options;
};

inline SuiteCase load_suite_case(const std::filesystem::path& dir, SignatureLocation location) {
    auto ctx = nlohmann::json::parse(read_file(dir / "context.json"));
    SuiteCase c;
    c.request = unwrap(parse_raw_request(read_file(dir / "request.txt")));
    c.credentials.access_key_id = ctx["credentials"]["access_key_id"];
    c.credentials.secret_access_key = SecretString(ctx["credentials"]["secret_access_key"].get<std::string>());
    if (ctx["credentials"].contains("token"))
        c.credentials.session_token = SecretString(ctx["credentials"]["token"].get<std::string>());
    c.region = ctx["region"];
    c.service = ctx["service"];
    c.time = unwrap(parse_timestamp(ctx["timestamp"].get<std::string>()));
    c.options.location = location;
    c.options.path = ctx.value("normalize", true) ? PathNormalization::normalize : PathNormalization::keep;
    c.options.content_sha256 = ctx.value("sign_body", false) && location == SignatureLocation::header
                                   ? ContentSha256Header::add
                                   : ContentSha256Header::omit;
    c.options.session_token = ctx.value("omit_session_token", false) ? SessionTokenPlacement::append_after_signing
                                                                     : SessionTokenPlacement::sign;
    c.options.expires_in = std::chrono::seconds(ctx.value("expiration_in_seconds", 3600));
    return c;
}

}  // namespace awsreq::test
