// The S3 POST policy example of the AWS documentation (../shared/testdata/presign/
// s3-post-policy.json): the exact policy text (CRLF line endings) must give the published Base64,
// signature and form fields.
#include <awsreq/core/encoding.hpp>
#include <awsreq/signing/post_policy.hpp>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "test_support.hpp"

using namespace awsreq;

TEST_CASE("POST policy vector: every case of s3-post-policy.json", "[post-policy][vectors]") {
    auto doc = nlohmann::json::parse(test::read_file(test::testdata() / "presign" / "s3-post-policy.json"));
    REQUIRE(!doc["cases"].empty());
    for (const auto& c : doc["cases"]) {
        DYNAMIC_SECTION(c["name"].get<std::string>()) {
            Credentials creds;
            creds.access_key_id = c["credentials"]["access_key_id"];
            creds.secret_access_key = SecretString(c["credentials"]["secret_access_key"].get<std::string>());
            std::string region = c["region"];
            REQUIRE(c["service"] == "s3");
            PostPolicyParams params{region, unwrap(parse_timestamp(c["timestamp"].get<std::string>()))};
            const std::string policy = c["policy_document"];
            REQUIRE(policy.find("\r\n") != std::string::npos);
            const auto& expected = c["expected"];

            auto sig = sign_post_policy(policy, creds, params);
            REQUIRE(sig.has_value());
            CHECK(sig->policy_base64 == expected["policy_base64"].get<std::string>());
            CHECK(sig->policy_base64 == expected["string_to_sign"].get<std::string>());
            CHECK(sig->signature == expected["signature"].get<std::string>());
            CHECK(sig->credential == expected["credential"].get<std::string>());
            CHECK(sig->amz_date == c["timestamp"].get<std::string>());

            // The form: the caller's fields (those of the example that are not signing output)
            // plus what signing adds. Form field names are case-insensitive.
            std::vector<PostField> caller;
            std::vector<std::string> signing_fields = {"x-amz-credential", "x-amz-algorithm", "x-amz-date", "policy",
                                                       "x-amz-signature"};
            for (auto& [name, value] : expected["form_fields"].items()) {
                bool from_signing = std::any_of(signing_fields.begin(), signing_fields.end(),
                                                [&](const std::string& s) { return iequals(s, name); });
                if (!from_signing) caller.push_back(PostField{name, value.get<std::string>()});
            }
            auto form = presign_post_with_policy(expected["form_action"], policy, caller, creds, params);
            REQUIRE(form.has_value());
            CHECK(form->url == expected["form_action"].get<std::string>());
            CHECK(form->fields.size() == expected["form_fields"].size());
            for (auto& [name, value] : expected["form_fields"].items()) {
                INFO("field " << name);
                auto it = std::find_if(form->fields.begin(), form->fields.end(),
                                       [&](const PostField& f) { return iequals(f.name, name); });
                REQUIRE(it != form->fields.end());
                CHECK(it->value == value.get<std::string>());
            }
            // The decoded policy is the document, byte for byte.
            CHECK(unwrap(base64_decode(sig->policy_base64)) == policy);
        }
    }
}
