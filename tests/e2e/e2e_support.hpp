// Shared by the end-to-end test programs: the running server (from the env file its start
// script wrote), clients pointed at it, cpp-httplib as the transport, small XML readers.
#pragma once

#include "httplib_adapter.hpp"

#include <awsreq/client/service_catalog.hpp>
#include <awsreq/model/data_path.hpp>
#include <awsreq/signing/sigv4.hpp>

#include <catch2/catch.hpp>

#include <chrono>
#include <optional>
#include <random>
#include <string>
#include <vector>

namespace awsreq::e2e {

using examples::HttpResponse;

/// A server started by ../shared/servers/start-<name>.sh, as its env file describes it.
struct Server {
    std::string name;
    std::string endpoint;  ///< http://127.0.0.1:<port>
    int port = 0;
    std::string access_key_id;
    std::string secret_access_key;
    std::string region;
    std::string vhost_domain;  ///< virtual-host style: <bucket>.<vhost_domain>:<port>
    std::string ceph_conf;     ///< radosgw only

    [[nodiscard]] Credentials credentials() const {
        return Credentials{access_key_id, SecretString(secret_access_key)};
    }
};

/// Reads /tmp/sigv4-servers/<name>/env (or under $SIGV4_SERVERS_STATE); nullopt when absent.
[[nodiscard]] std::optional<Server> load_server(const std::string& name);

/// The server this test program runs against (loaded by the e2e main before any test).
[[nodiscard]] const Server& server();

/// Defined by each test program: which server it needs ("radosgw" or "swift").
[[nodiscard]] const char* e2e_server_name();

/// botocore's models (python3-botocore or AWSREQ_DATA_PATH), loaded once per program.
[[nodiscard]] ServiceCatalog& catalog();

[[nodiscard]] inline Timestamp now() {
    return std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
}

/// A client for `service` whose requests go to `endpoint` (default: the server's).
[[nodiscard]] Client client_for(std::string_view service, std::optional<std::string> endpoint = {},
                                endpoints::S3AddressingStyle style = endpoints::S3AddressingStyle::path,
                                std::string region = {});

/// An S3 client addressing buckets as <bucket>.<vhost_domain>:<port>.
[[nodiscard]] Client vhost_s3_client();

/// Builds with the client, failing the test with the library's message if it cannot.
[[nodiscard]] SignedRequest build(const Client& client, std::string_view operation, const Json& params,
                                  const Credentials& credentials, Timestamp time);
[[nodiscard]] inline SignedRequest build(const Client& client, std::string_view operation, const Json& params) {
    return build(client, operation, params, server().credentials(), now());
}

/// Sends to 127.0.0.1:<port> with the Host header that was signed.
[[nodiscard]] HttpResponse send(const SignedRequest& request);

/// "GET 200: <first bytes of the body>", for INFO/CAPTURE when a check fails.
[[nodiscard]] std::string describe(const HttpResponse& r);

/// A fresh bucket name: lowercase, unique per run, with a readable purpose.
[[nodiscard]] std::string unique_bucket(std::string_view purpose);

/// Every <tag>text</tag> in an XML document, XML entities decoded.
[[nodiscard]] std::vector<std::string> xml_all(std::string_view xml, std::string_view tag);
/// The first <tag>text</tag>, or "".
[[nodiscard]] std::string xml_first(std::string_view xml, std::string_view tag);

/// The <Key>s of a ListObjects(V2) or DeleteObjects answer. The client asks for
/// EncodingType=url by default, as botocore does, so keys are form-decoded when the answer says
/// <EncodingType>url</EncodingType> ('+' is a space there; a real '+' comes as %2B).
[[nodiscard]] std::vector<std::string> listed_keys(std::string_view xml);

/// An ETag without its surrounding quotes (servers differ on quoting it in XML).
[[nodiscard]] std::string unquoted(std::string etag);

/// Hex MD5 of the bytes, as S3 reports a single-part ETag.
[[nodiscard]] std::string md5_hex(std::string_view data);

}  // namespace awsreq::e2e
