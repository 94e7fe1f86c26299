// Protocol serialization vectors: ../shared/testdata/protocols/input (exact comparison) and
// protocols-smithy/input (the looser rules of the testdata README), every case by name.
#include <catch2/catch.hpp>
#include <test_support.hpp>

#include <awsreq/core/encoding.hpp>
#include <awsreq/model/service_model.hpp>
#include <awsreq/protocols/serialize.hpp>

#include <map>

using namespace awsreq;

namespace {

// ---- A small XML canonicalizer for the smithy rest-xml bodies: parses elements, attributes and
// text, drops whitespace-only text, and prints attributes sorted.
struct XmlCanon {
    std::string_view s;
    std::size_t p = 0;
    bool ok = true;

    static std::string decode(std::string_view t) {
        std::string out;
        for (std::size_t i = 0; i < t.size(); ++i) {
            if (t[i] != '&') {
                out += t[i];
                continue;
            }
            auto semi = t.find(';', i);
            std::string_view ent = t.substr(i + 1, semi - i - 1);
            if (ent == "lt") out += '<';
            else if (ent == "gt") out += '>';
            else if (ent == "amp") out += '&';
            else if (ent == "quot") out += '"';
            else if (ent == "apos") out += '\'';
            else if (!ent.empty() && ent[0] == '#') {
                unsigned long cp = ent.size() > 1 && ent[1] == 'x' ? std::stoul(std::string(ent.substr(2)), nullptr, 16)
                                                                   : std::stoul(std::string(ent.substr(1)));
                if (cp < 0x80) out += static_cast<char>(cp);
                else out += "&#" + std::to_string(cp) + ";";
            }
            i = semi;
        }
        return out;
    }
    void skip_ws() {
        while (p < s.size() && std::isspace(static_cast<unsigned char>(s[p]))) ++p;
    }
    std::string element() {
        // at '<'
        ++p;
        std::size_t start = p;
        while (p < s.size() && !std::isspace(static_cast<unsigned char>(s[p])) && s[p] != '>' && s[p] != '/') ++p;
        std::string name(s.substr(start, p - start));
        std::map<std::string, std::string> attrs;
        for (;;) {
            skip_ws();
            if (p >= s.size()) { ok = false; return {}; }
            if (s[p] == '/') { p += 2; return render(name, attrs, {}); }
            if (s[p] == '>') { ++p; break; }
            std::size_t a = p;
            while (p < s.size() && s[p] != '=' && !std::isspace(static_cast<unsigned char>(s[p]))) ++p;
            std::string an(s.substr(a, p - a));
            skip_ws();
            ++p;  // '='
            skip_ws();
            char q = s[p++];
            std::size_t vs = p;
            while (p < s.size() && s[p] != q) ++p;
            attrs[an] = decode(s.substr(vs, p - vs));
            ++p;
        }
        std::string body;
        for (;;) {
            std::size_t ts = p;
            while (p < s.size() && s[p] != '<') ++p;
            std::string_view text = s.substr(ts, p - ts);
            bool blank = text.find_first_not_of(" \t\r\n") == std::string_view::npos;
            if (!blank) body += "T(" + decode(text) + ")";
            if (p >= s.size()) { ok = false; return {}; }
            if (s.substr(p, 2) == "</") {
                p = s.find('>', p) + 1;
                return render(name, attrs, body);
            }
            body += element();
            if (!ok) return {};
        }
    }
    static std::string render(const std::string& name, const std::map<std::string, std::string>& attrs,
                              const std::string& body) {
        std::string out = "<" + name;
        for (auto& [k, v] : attrs) out += " " + k + "=\"" + v + "\"";
        return out + ">" + body + "</" + name + ">";
    }
    static std::string canon(std::string_view xml) {
        XmlCanon c{xml};
        c.skip_ws();
        if (xml.substr(c.p, 5) == "<?xml") c.p = xml.find("?>", c.p) + 2;
        c.skip_ws();
        if (c.p >= xml.size()) return "";
        std::string out = c.element();
        c.skip_ws();
        if (!c.ok || c.p != xml.size()) return "<<unparsable>>" + std::string(xml);
        return out;
    }
};

struct VectorCase {
    std::string name;
    Json suite;
    Json c;
};

std::vector<VectorCase> load_cases(const std::string& rel) {
    std::vector<VectorCase> out;
    Json suites = Json::parse(test::read_file(test::testdata() / rel));
    for (std::size_t si = 0; si < suites.size(); ++si) {
        const Json& s = suites[si];
        for (std::size_t ci = 0; ci < s["cases"].size(); ++ci) {
            const Json& c = s["cases"][ci];
            std::string name = rel + " :: " + s["description"].get<std::string>() + " #" + std::to_string(ci);
            if (c.contains("id")) name += " (" + c["id"].get<std::string>() + ")";
            out.push_back({name, s, c});
        }
    }
    return out;
}

std::string host_of(const std::string& url) {
    auto start = url.find("://");
    start = start == std::string::npos ? 0 : start + 3;
    auto end = url.find_first_of("/?", start);
    return url.substr(start, end == std::string::npos ? std::string::npos : end - start);
}

// Runs one case; returns a list of mismatches (empty when it passes).
std::vector<std::string> run_case(const VectorCase& vc, bool smithy) {
    std::vector<std::string> problems;
    const Json& given = vc.c["given"];
    Json doc = Json::object();
    doc["metadata"] = vc.suite["metadata"];
    doc["shapes"] = vc.suite.contains("shapes") ? vc.suite["shapes"] : Json::object();
    doc["operations"] = Json::object();
    doc["operations"][given["name"].get<std::string>()] = given;
    auto model = model::ServiceModel::from_document(doc, "test");
    if (!model) return {"model: " + model.error().message};
    const model::Operation* op = (*model)->find_operation(given["name"].get<std::string>());
    if (!op) return {"operation missing"};

    protocols::SerializeOptions opt;
    opt.idempotency_token = [] { return std::string("00000000-0000-4000-8000-000000000000"); };
    opt.validate = false;         // the suites drive the serializer alone, as botocore's runner does
    opt.customizations = false;
    const Json params = vc.c.contains("params") ? vc.c["params"] : Json::object();
    auto r = protocols::serialize(**model, *op, params, opt);
    if (!r) return {"serialize failed: " + r.error().to_string()};

    const Json& want = vc.c["serialized"];
    const std::string protocol = vc.suite["metadata"]["protocol"].get<std::string>();
    std::string uri = r->path + (r->query.empty() ? "" : "?" + r->query);
    if (uri != want["uri"].get<std::string>()) problems.push_back("uri: got " + uri + " want " + want["uri"].get<std::string>());
    if (want.contains("method") && r->method != want["method"].get<std::string>())
        problems.push_back("method: got " + r->method);

    const std::string want_body = want.value("body", "");
    bool body_ok = r->body == want_body;
    if (!body_ok && smithy) {
        if (protocol == "json" || protocol == "rest-json") {
            try {
                // An expected empty body reads as an empty object: botocore's json serializer
                // always sends "{}".
                body_ok = Json::parse(r->body) == Json::parse(want_body.empty() ? "{}" : want_body);
            } catch (...) {
                body_ok = false;
            }
            if (!body_ok && r->body.empty() && want_body.empty()) body_ok = true;
        } else if (protocol == "rest-xml") {
            body_ok = XmlCanon::canon(r->body) == XmlCanon::canon(want_body);
        }
    }
    if (!body_ok) problems.push_back("body: got [" + r->body + "] want [" + want_body + "]");

    if (want.contains("headers"))
        for (auto it = want["headers"].begin(); it != want["headers"].end(); ++it) {
            std::string name = it.key();
            std::string value = it.value().get<std::string>();
            if (smithy && iequals(name, "Content-Type")) {
                // query/ec2: botocore sends its own form type; others: compared when one is sent.
                if (protocol == "query" || protocol == "ec2") {
                    if (value != "application/json") continue;
                }
                if (!r->headers.contains(name)) continue;
            }
            auto got = r->headers.get(name);
            std::string got_value = got ? std::string(*got) : std::string("<absent>");
            if (smithy) {
                auto strip = [](std::string v) {
                    for (auto pos = v.find(", "); pos != std::string::npos; pos = v.find(", ")) v.erase(pos + 1, 1);
                    return v;
                };
                if (strip(got_value) == strip(value)) continue;
            }
            if (got_value != value) problems.push_back("header " + name + ": got " + got_value + " want " + value);
        }
    if (want.contains("forbidHeaders"))
        for (const auto& h : want["forbidHeaders"])
            if (r->headers.contains(h.get<std::string>())) problems.push_back("forbidden header " + h.get<std::string>());
    if (want.contains("host")) {
        std::string endpoint = vc.suite.value("clientEndpoint", std::string("https://example.com"));
        std::string host = r->host_prefix + host_of(endpoint);
        if (host != want["host"].get<std::string>()) problems.push_back("host: got " + host);
    }
    return problems;
}

void run_file(const std::string& rel, bool smithy) {
    auto cases = load_cases(rel);
    REQUIRE_FALSE(cases.empty());
    std::size_t passed = 0;
    for (const auto& vc : cases) {
        auto problems = run_case(vc, smithy);
        INFO(vc.name);
        for (auto& pr : problems) UNSCOPED_INFO(pr);
        CHECK(problems.empty());
        if (problems.empty()) ++passed;
    }
    WARN(rel << ": " << passed << "/" << cases.size() << " cases pass");
}

}  // namespace

TEST_CASE("protocols/input: ec2") { run_file("protocols/input/ec2.json", false); }
TEST_CASE("protocols/input: query") { run_file("protocols/input/query.json", false); }
TEST_CASE("protocols/input: json") { run_file("protocols/input/json.json", false); }
TEST_CASE("protocols/input: rest-json") { run_file("protocols/input/rest-json.json", false); }
TEST_CASE("protocols/input: rest-xml") { run_file("protocols/input/rest-xml.json", false); }
TEST_CASE("protocols-smithy/input: ec2") { run_file("protocols-smithy/input/ec2.json", true); }
TEST_CASE("protocols-smithy/input: query") { run_file("protocols-smithy/input/query.json", true); }
TEST_CASE("protocols-smithy/input: json") { run_file("protocols-smithy/input/json.json", true); }
TEST_CASE("protocols-smithy/input: json_1_0") { run_file("protocols-smithy/input/json_1_0.json", true); }
TEST_CASE("protocols-smithy/input: rest-json") { run_file("protocols-smithy/input/rest-json.json", true); }
TEST_CASE("protocols-smithy/input: rest-xml") { run_file("protocols-smithy/input/rest-xml.json", true); }
