#include <awsreq/model/registry.hpp>

#include <zlib.h>

#include <algorithm>
#include <set>

namespace awsreq::model {

Result<std::string> inflate_gzip(std::string_view compressed, std::string_view source) {
    z_stream zs{};
    // 32 + MAX_WBITS: accept both gzip and zlib headers.
    if (inflateInit2(&zs, 32 + MAX_WBITS) != Z_OK)
        return fail(error_type::io_error, "cannot start zlib for " + std::string(source));
    std::string out;
    out.resize(std::max<std::size_t>(compressed.size() * 4, 4096));
    zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(compressed.data()));
    zs.avail_in = static_cast<uInt>(compressed.size());
    int rc = Z_OK;
    while (rc != Z_STREAM_END) {
        if (zs.total_out >= out.size()) out.resize(out.size() * 2);
        zs.next_out = reinterpret_cast<Bytef*>(out.data() + zs.total_out);
        zs.avail_out = static_cast<uInt>(out.size() - zs.total_out);
        rc = inflate(&zs, Z_NO_FLUSH);
        if (rc != Z_OK && rc != Z_STREAM_END && !(rc == Z_BUF_ERROR && zs.avail_out == 0)) {
            inflateEnd(&zs);
            Error e = make_error(error_type::parse_error,
                                 "corrupt compressed data in " + std::string(source));
            e.file = std::string(source);
            return fail(std::move(e));
        }
        if (rc == Z_BUF_ERROR && zs.avail_in == 0 && zs.avail_out != 0) break;
    }
    out.resize(zs.total_out);
    inflateEnd(&zs);
    if (rc != Z_STREAM_END) {
        Error e = make_error(error_type::parse_error, "truncated compressed data in " + std::string(source));
        e.file = std::string(source);
        return fail(std::move(e));
    }
    return out;
}

ModelRegistry::ModelRegistry(DataPath path, std::shared_ptr<const FileSystem> fs)
    : path_(std::move(path)), fs_(std::move(fs)) {}

std::vector<std::string> ModelRegistry::api_versions(std::string_view service) const {
    std::set<std::string, std::greater<>> versions;
    for (const auto& dir : path_.dirs) {
        const std::string sdir = dir + "/" + std::string(service);
        for (auto& v : fs_->list_directory(sdir)) {
            const std::string base = sdir + "/" + v + "/service-2.json";
            if (fs_->is_file(base) || fs_->is_file(base + ".gz")) versions.insert(v);
        }
    }
    return {versions.begin(), versions.end()};
}

std::vector<std::string> ModelRegistry::available_services() const {
    std::set<std::string> names;
    for (const auto& dir : path_.dirs)
        for (auto& s : fs_->list_directory(dir))
            if (fs_->is_directory(dir + "/" + s) && !api_versions(s).empty()) names.insert(s);
    return {names.begin(), names.end()};
}

Result<ModelRegistry::Located> ModelRegistry::locate(std::string_view service,
                                                     std::string_view api_version,
                                                     const char* file_stem) const {
    // Service names are directory names: refuse anything that could walk elsewhere.
    if (service.empty() || service.find('/') != std::string_view::npos ||
        service.find("..") != std::string_view::npos || api_version.find('/') != std::string_view::npos)
        return fail(error_type::unknown_service, "Unknown service: '" + std::string(service) + "'",
                    std::string(service));
    auto versions = api_versions(service);
    if (versions.empty()) {
        std::string msg = "Unknown service: '" + std::string(service) + "'";
        if (path_.dirs.empty()) msg += " (no model data path: pass --data-path or set AWSREQ_DATA_PATH)";
        return fail(error_type::unknown_service, msg, std::string(service));
    }
    std::string version = api_version.empty() ? versions.front() : std::string(api_version);
    if (!api_version.empty() && std::find(versions.begin(), versions.end(), version) == versions.end())
        return fail(error_type::unknown_service,
                    "Unknown API version " + version + " of service '" + std::string(service) + "'",
                    std::string(service));
    for (const auto& dir : path_.dirs) {
        std::string vdir = dir + "/" + std::string(service) + "/" + version;
        std::string base = vdir + "/" + file_stem + ".json";
        if (fs_->is_file(base) || fs_->is_file(base + ".gz")) return Located{vdir, version};
    }
    return fail(error_type::data_not_found,
                std::string("Unable to load data for: ") + std::string(service) + "/" + version +
                    "/" + file_stem,
                std::string(service));
}

Result<std::string> ModelRegistry::read_maybe_gz(const std::string& base) const {
    if (fs_->is_file(base)) return fs_->read_file(base);
    const std::string gz = base + ".gz";
    auto data = fs_->read_file(gz);
    if (!data) return data.failure();
    return inflate_gzip(*data, gz);
}

Result<std::shared_ptr<const ServiceModel>> ModelRegistry::service(std::string_view service,
                                                                   std::string_view api_version) {
    std::lock_guard lock(mutex_);
    std::string key = std::string(service) + "@" + std::string(api_version);
    if (auto it = models_.find(key); it != models_.end()) return it->second;
    auto loc = locate(service, api_version, "service-2");
    if (!loc) return loc.failure();
    const std::string file = loc->dir + "/service-2.json";
    auto text = read_maybe_gz(file);
    if (!text) return text.failure();
    auto model = ServiceModel::from_json_text(*text, service, file);
    if (!model) {
        Error e = model.error();
        if (e.file.empty()) e.file = file;
        return fail(std::move(e));
    }
    models_.emplace(std::move(key), *model);
    return *model;
}

Result<std::shared_ptr<const std::string>> ModelRegistry::endpoint_rule_set_text(
    std::string_view service, std::string_view api_version) {
    std::lock_guard lock(mutex_);
    std::string key = std::string(service) + "@" + std::string(api_version);
    if (auto it = rule_sets_.find(key); it != rule_sets_.end()) return it->second;
    auto loc = locate(service, api_version, "endpoint-rule-set-1");
    if (!loc) return loc.failure();
    auto text = read_maybe_gz(loc->dir + "/endpoint-rule-set-1.json");
    if (!text) return text.failure();
    auto shared = std::make_shared<const std::string>(std::move(*text));
    rule_sets_.emplace(std::move(key), shared);
    return shared;
}

Result<std::shared_ptr<const std::string>> ModelRegistry::top_level_text(
    const char* stem, std::shared_ptr<const std::string>& slot) {
    std::lock_guard lock(mutex_);
    if (slot) return slot;
    for (const auto& dir : path_.dirs) {
        std::string base = dir + "/" + stem + ".json";
        if (fs_->is_file(base) || fs_->is_file(base + ".gz")) {
            auto text = read_maybe_gz(base);
            if (!text) return text.failure();
            slot = std::make_shared<const std::string>(std::move(*text));
            return slot;
        }
    }
    return fail(error_type::data_not_found,
                std::string("Unable to load data for: ") + stem + " (searched " +
                    std::to_string(path_.dirs.size()) + " data directories)",
                stem);
}

Result<std::shared_ptr<const std::string>> ModelRegistry::partitions_text() {
    return top_level_text("partitions", partitions_);
}

Result<std::shared_ptr<const std::string>> ModelRegistry::endpoints_text() {
    return top_level_text("endpoints", endpoints_);
}

}  // namespace awsreq::model
