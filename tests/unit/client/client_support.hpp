// Shared by the client tests: a catalog over the installed botocore models (tests skip with a
// warning when python3-botocore is absent), fixed credentials and time, signature checks.
#pragma once

#include <catch2/catch.hpp>

#include <awsreq/client/service_catalog.hpp>
#include <awsreq/signing/verify.hpp>

#include "test_support.hpp"

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
