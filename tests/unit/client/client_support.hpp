// Shared by the client tests: a catalog over the installed botocore models (tests skip with a
// warning when python3-botocore is absent), fixed credentials and time, signature checks.
#pragma once

#include <catch2/catch.hpp>

#include <awsreq/client/service_catalog.hpp>
#include <awsreq/signing/verify.hpp>

#include <algorithm>
#include <filesystem>
#include <memory>

namespace awsreq::test {

inline const char* kBotocoreData = "/usr/lib/python3/dist-packages/botocore/data";

/// The catalog over python3-botocore's data, or nullptr (after a WARN) when it is not installed.
inline ServiceCatalog* botocore_catalog() {
    static std::unique_ptr<ServiceCatalog> catalog = [] {
        if (!std::filesystem::exists(std::filesystem::path(kBotocoreData) / "s3"))
            return std::unique_ptr<ServiceCatalog>();
        return std::make_unique<ServiceCatalog>(model::DataPath{{kBotocoreData}});
    }();
    if (!catalog) WARN("python3-botocore models not installed at " << kBotocoreData << ": skipped");
    return catalog.get();
}

/// A URL as compared against botocore's (as the golden sample's comparer does): scheme, host
/// and path byte for byte, the query as a sorted list of its name=value pairs (order is free).
/// With `drop_signature`, X-Amz-Signature is left out (for URLs signed at the current time).
inline std::pair<std::string, std::vector<std::string>> url_key(const std::string& url, bool drop_signature = false) {
    auto q = url.find('?');
    std::vector<std::string> pairs;
    if (q != std::string::npos) {
        std::string query = url.substr(q + 1);
        for (std::size_t start = 0; start <= query.size();) {
            auto amp = query.find('&', start);
            if (amp == std::string::npos) amp = query.size();
            std::string pair = query.substr(start, amp - start);
            if (!(drop_signature && pair.rfind("X-Amz-Signature=", 0) == 0)) pairs.push_back(pair);
            start = amp + 1;
        }
        std::sort(pairs.begin(), pairs.end());
    }
    return {url.substr(0, q), pairs};
}

inline const Credentials& test_credentials() {
    static const Credentials c{"AKIDEXAMPLE", SecretString("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY")};
    return c;
}

inline Timestamp test_time() { return unwrap(parse_timestamp("20150830T123600Z")); }

inline Client make_client(ServiceCatalog& catalog, std::string_view service, ClientConfig config) {
    auto c = catalog.client(service, std::move(config));
    INFO(service);
    if (!c) FAIL(c.error().to_string());
    return std::move(*c);
}

/// Checks a signed request the way the service would, with the same secret.
inline VerifyResult verify_signed(const SignedRequest& r, bool s3_rules, Timestamp now = test_time()) {
    VerifyParams vp;
    vp.now = now;
    vp.secret_for = [](std::string_view akid) -> std::optional<SecretString> {
        if (akid == test_credentials().access_key_id) return test_credentials().secret_access_key;
        return std::nullopt;
    };
    if (s3_rules) vp.options = s3_signing_options();
    return verify(view(r), vp);
}

}  // namespace awsreq::test
