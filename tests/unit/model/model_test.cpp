// Unit tests of the model layer: names, compiling models, the data path and the registry.
#include <catch2/catch.hpp>
#include <test_support.hpp>

#include <awsreq/model/names.hpp>
#include <awsreq/model/registry.hpp>
#include <awsreq/model/service_model.hpp>

#include <zlib.h>

#include <map>

using namespace awsreq;
using namespace awsreq::model;

namespace {

const char* kBotocoreData = "/usr/lib/python3/dist-packages/botocore/data";

// An in-memory file system: paths to contents; directories are implied by file paths.
class MemoryFs final : public FileSystem {
public:
    std::map<std::string, std::string> files;
    bool is_directory(const std::string& p) const override {
        auto prefix = p + "/";
        auto it = files.lower_bound(prefix);
        return it != files.end() && it->first.rfind(prefix, 0) == 0;
    }
    bool is_file(const std::string& p) const override { return files.count(p) != 0; }
    std::vector<std::string> list_directory(const std::string& p) const override {
        std::vector<std::string> out;
        auto prefix = p + "/";
        for (auto& [path, _] : files)
            if (path.rfind(prefix, 0) == 0) {
                auto rest = path.substr(prefix.size());
                auto name = rest.substr(0, rest.find('/'));
                if (out.empty() || out.back() != name) out.push_back(name);
            }
        return out;
    }
    Result<std::string> read_file(const std::string& p) const override {
        auto it = files.find(p);
        if (it == files.end()) return fail(error_type::io_error, "no " + p);
        return it->second;
    }
};

std::string gzip(const std::string& data) {
    z_stream zs{};
    REQUIRE(deflateInit2(&zs, 6, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY) == Z_OK);
    std::string out(compressBound(static_cast<uLong>(data.size())) + 64, '\0');
    zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
    zs.avail_in = static_cast<uInt>(data.size());
    zs.next_out = reinterpret_cast<Bytef*>(out.data());
    zs.avail_out = static_cast<uInt>(out.size());
    REQUIRE(deflate(&zs, Z_FINISH) == Z_STREAM_END);
    out.resize(zs.total_out);
    deflateEnd(&zs);
    return out;
}

const char* kTinyModel = R"({
  "metadata": {"protocol": "json", "jsonVersion": "1.0", "targetPrefix": "Tiny_1", "apiVersion": "2020-01-01",
               "endpointPrefix": "tiny", "serviceId": "Tiny"},
  "operations": {
    "ListThings": {"name": "ListThings", "http": {"method": "POST", "requestUri": "/"},
                   "input": {"shape": "ListThingsInput"}, "documentation": "<p>big \"quoted\" \\ text, \"documentation\": \"x\"</p>"},
    "GetObjectV2": {"name": "GetObjectV2", "http": {"method": "GET", "requestUri": "/{Bucket}/{Key+}?x-id=GetObject"},
                   "input": {"shape": "GetInput"}, "httpChecksum": {"requestAlgorithmMember": "Algo", "requestChecksumRequired": true},
                   "staticContextParams": {"UseS3ExpressControlEndpoint": {"value": true}}}
  },
  "shapes": {
    "ListThingsInput": {"type": "structure", "required": ["Name"],
                        "members": {"Name": {"shape": "Str", "locationName": "name"},
                                    "Limit": {"shape": "Int", "location": "querystring"}}},
    "GetInput": {"type": "structure", "members": {"Bucket": {"shape": "Str", "location": "uri", "contextParam": {"name": "Bucket"}},
                                                  "Key": {"shape": "Str", "location": "uri"},
                                                  "Algo": {"shape": "Str", "location": "header", "locationName": "x-amz-sdk-checksum-algorithm"}}},
    "Str": {"type": "string", "min": 1},
    "Int": {"type": "integer", "max": 100}
  }
})";

}  // namespace

TEST_CASE("snake_case matches botocore's xform_name") {
    const std::pair<const char*, const char*> cases[] = {
        {"ListObjectsV2", "list_objects_v2"},
        {"DescribeDBInstances", "describe_db_instances"},
        {"PutObject", "put_object"},
        {"GetAPIKeys", "get_api_keys"},
        {"ListACLs", "list_acls"},
        {"CreateCachediSCSIVolume", "create_cached_iscsi_volume"},
        {"ExecutePartiQLStatement", "execute_partiql_statement"},
        {"DescribeInstances", "describe_instances"},
        {"GetBucketAcl", "get_bucket_acl"},
        {"CreateDBSnapshot", "create_db_snapshot"},
        {"ListMFADevices", "list_mfa_devices"},
        {"UpdateEC2Instance", "update_ec2_instance"},
        {"already_snake", "already_snake"},
        {"S3", "s3"},
    };
    for (auto [api, snake] : cases) {
        CAPTURE(api);
        CHECK(snake_case(api) == snake);
    }
}

TEST_CASE("a service model compiles from a document with merged reference traits") {
    auto m = ServiceModel::from_json_text(kTinyModel, "tiny");
    REQUIRE(m);
    const ServiceModel& sm = **m;
    CHECK(sm.metadata().protocol == "json");
    CHECK(sm.metadata().signing_name == "tiny");
    auto* op = sm.find_operation("list_things");
    REQUIRE(op);
    CHECK(op == sm.find_operation("ListThings"));
    REQUIRE(op->input);
    const Shape& in = *op->input->shape;
    REQUIRE(in.members.size() == 2);
    CHECK(in.members[0].name == "Name");
    CHECK(in.members[0].ref.location_name == "name");
    CHECK(in.members[0].ref.min == 1.0);  // from the target shape
    CHECK(in.members[1].ref.location == Location::querystring);
    CHECK(in.members[1].ref.max == 100.0);
    CHECK(in.required == std::vector<std::string>{"Name"});

    auto* get = sm.find_operation("get_object_v2");
    REQUIRE(get);
    CHECK(get->http_method == "GET");
    REQUIRE(get->uri_template.size() == 5);
    CHECK(get->uri_template[1].is_label);
    CHECK(get->uri_template[1].text == "Bucket");
    CHECK(get->uri_template[3].greedy);
    CHECK(get->uri_template[4].text == "?x-id=GetObject");
    CHECK(get->checksum.required);
    CHECK(get->checksum.request_algorithm_member == "Algo");
    REQUIRE(get->static_context_params.size() == 1);
    CHECK(get->static_context_params[0].second == true);
    CHECK(get->input->shape->members[0].ref.context_param == "Bucket");

    auto missing = sm.operation("NoSuchOperation");
    REQUIRE_FALSE(missing);
    CHECK(missing.error().type == error_type::unknown_operation);
}

TEST_CASE("broken models give typed errors") {
    auto bad_json = ServiceModel::from_json_text("{\"metadata\": ", "x", "x.json");
    REQUIRE_FALSE(bad_json);
    CHECK(bad_json.error().type == error_type::json_error);
    CHECK(bad_json.error().file == "x.json");

    auto bad_ref = ServiceModel::from_json_text(
        R"({"metadata":{"protocol":"json"},"shapes":{"A":{"type":"structure","members":{"B":{"shape":"Nope"}}}}})");
    REQUIRE_FALSE(bad_ref);
    CHECK(bad_ref.error().type == error_type::parse_error);
    CHECK(bad_ref.error().message.find("Nope") != std::string::npos);

    auto bad_type = ServiceModel::from_json_text(
        R"({"metadata":{"protocol":"json"},"shapes":{"A":{"type":"quux"}}})");
    REQUIRE_FALSE(bad_type);
    CHECK(bad_type.error().message.find("quux") != std::string::npos);

    auto bad_protocol = ServiceModel::from_json_text(R"({"metadata":{"protocol":"smoke"}})");
    REQUIRE_FALSE(bad_protocol);

    auto not_utf8 = ServiceModel::from_json_text("{\"metadata\":{\"protocol\":\"json\",\"uid\":\"\xff\"}}");
    REQUIRE_FALSE(not_utf8);
    CHECK(not_utf8.error().type == error_type::json_error);
}

TEST_CASE("data path: explicit dirs, then the env value, then defaults that exist") {
    MemoryFs fs;
    fs.files["/usr/lib/python3/dist-packages/botocore/data/partitions.json"] = "{}";
    fs.files["/home/u/.local/lib/python3.11/site-packages/botocore/data/partitions.json"] = "{}";
    auto p = DataPath::resolve({"/a"}, "/b::/c", "/home/u", fs);
    REQUIRE(p.dirs.size() == 5);
    CHECK(p.dirs[0] == "/a");
    CHECK(p.dirs[1] == "/b");
    CHECK(p.dirs[2] == "/c");
    CHECK(p.dirs[3] == "/home/u/.local/lib/python3.11/site-packages/botocore/data");
    CHECK(p.dirs[4] == "/usr/lib/python3/dist-packages/botocore/data");
}

TEST_CASE("registry: newest version, gzip, caching, unknown services") {
    auto fs = std::make_shared<MemoryFs>();
    fs->files["/d/tiny/2019-01-01/service-2.json"] = R"({"metadata":{"protocol":"json","apiVersion":"2019-01-01"}})";
    fs->files["/d/tiny/2020-01-01/service-2.json.gz"] = gzip(kTinyModel);
    fs->files["/d/tiny/2020-01-01/endpoint-rule-set-1.json"] = "{\"rules\":[]}";
    fs->files["/d/partitions.json"] = "{\"partitions\":[]}";
    fs->files["/d/broken/2020-01-01/service-2.json"] = "{not json";
    ModelRegistry reg(DataPath{{"/d"}}, fs);

    CHECK(reg.api_versions("tiny") == std::vector<std::string>{"2020-01-01", "2019-01-01"});
    auto m = reg.service("tiny");
    REQUIRE(m);
    CHECK((*m)->metadata().api_version == "2020-01-01");
    CHECK((*m)->find_operation("ListThings"));
    auto again = reg.service("tiny");
    REQUIRE(again);
    CHECK(again->get() == m->get());  // parsed once, shared

    auto old = reg.service("tiny", "2019-01-01");
    REQUIRE(old);
    CHECK((*old)->metadata().api_version == "2019-01-01");

    auto rules = reg.endpoint_rule_set_text("tiny");
    REQUIRE(rules);
    CHECK(**rules == "{\"rules\":[]}");
    auto parts = reg.partitions_text();
    REQUIRE(parts);
    CHECK(**parts == "{\"partitions\":[]}");
    CHECK_FALSE(reg.endpoints_text());

    auto unknown = reg.service("nosuch");
    REQUIRE_FALSE(unknown);
    CHECK(unknown.error().type == error_type::unknown_service);
    CHECK_FALSE(reg.service("../etc"));
    CHECK_FALSE(reg.service("tiny", "1999-01-01"));

    auto broken = reg.service("broken");
    REQUIRE_FALSE(broken);
    CHECK(broken.error().type == error_type::json_error);
    CHECK(broken.error().file == "/d/broken/2020-01-01/service-2.json");
    CHECK(reg.available_services() == std::vector<std::string>{"broken", "tiny"});

    fs->files["/d/bad/2020-01-01/service-2.json.gz"] = "not gzip at all";
    auto bad_gz = reg.service("bad");
    REQUIRE_FALSE(bad_gz);
    CHECK(bad_gz.error().type == error_type::parse_error);
}

TEST_CASE("registry: the installed botocore models load") {
    auto fs = real_file_system();
    if (!fs->is_directory(kBotocoreData)) {
        WARN("python3-botocore data not installed; skipping");
        SUCCEED();
        return;
    }
    ModelRegistry reg(DataPath{{kBotocoreData}});
    for (const char* svc : {"s3", "dynamodb", "ec2", "sqs", "sts", "iam", "lambda", "route53", "glacier"}) {
        CAPTURE(svc);
        auto m = reg.service(svc);
        REQUIRE(m);
        CHECK_FALSE((*m)->operations().empty());
    }
    auto s3 = reg.service("s3");
    auto* op = (*s3)->find_operation("list_objects_v2");
    REQUIRE(op);
    CHECK(op->name == "ListObjectsV2");
    CHECK((*s3)->metadata().protocol == "rest-xml");
    CHECK((*s3)->metadata().signature_version == "s3");
    CHECK((*reg.service("dynamodb"))->metadata().target_prefix == "DynamoDB_20120810");
    // Every snake name botocore would generate resolves back to its operation.
    for (const auto& o : (*reg.service("ec2"))->operations())
        CHECK((*reg.service("ec2"))->find_operation(o->snake_name) == o.get());
    CHECK(reg.partitions_text());
}
