#include "app/risk_template_codec.h"

#include <nlohmann/json.hpp>

namespace trygg {
namespace {

using nlohmann::json;

json LevelOrNull(const std::optional<RiskLevel>& level) {
  if (!level) return nullptr;
  return std::string(RiskLevelCode(*level));
}

RiskLevel LevelFrom(const json& j) {
  std::optional<RiskLevel> level = ParseRiskLevel(j.get<std::string>());
  if (!level) throw std::invalid_argument("level");
  return *level;
}

}  // namespace

json RiskTemplateContentJson(const RiskTemplate& t) {
  json factors = json::array();
  for (const RiskFactor& f : t.factors) {
    factors.push_back({{"code", f.code},
                       {"label_sv", f.label_sv},
                       {"label_en", f.label_en},
                       {"help_sv", f.help_sv},
                       {"help_en", f.help_en},
                       {"weight", f.weight},
                       {"floor", LevelOrNull(f.floor)}});
  }
  json measures = json::array();
  for (const RiskMeasureDef& m : t.measures) {
    measures.push_back({{"code", m.code},
                        {"label_sv", m.label_sv},
                        {"label_en", m.label_en},
                        {"from_level", std::string(RiskLevelCode(m.from_level))},
                        {"factors", m.factors}});
  }
  json body = {
      {"factors", std::move(factors)},
      {"thresholds",
       {{"forhojd", t.forhojd_from}, {"hog", t.hog_from}, {"mycket_hog", t.mycket_hog_from}}},
      {"history", {{"weight", t.history_weight}, {"floor_count", t.history_floor_count}}},
      {"measures", std::move(measures)},
  };
  return body;
}

std::string EncodeRiskTemplateBody(const RiskTemplate& t) {
  return RiskTemplateContentJson(t).dump();
}

Status DecodeRiskTemplateBody(std::string_view body, RiskTemplate& t) {
  try {
    const json j = json::parse(body);
    std::vector<RiskFactor> factors;
    for (const json& f : j.at("factors")) {
      RiskFactor factor;
      factor.code = f.at("code").get<std::string>();
      factor.label_sv = f.at("label_sv").get<std::string>();
      factor.label_en = f.at("label_en").get<std::string>();
      factor.help_sv = f.value("help_sv", std::string());
      factor.help_en = f.value("help_en", std::string());
      factor.weight = f.at("weight").get<int>();
      if (f.contains("floor") && !f.at("floor").is_null()) factor.floor = LevelFrom(f.at("floor"));
      factors.push_back(std::move(factor));
    }
    std::vector<RiskMeasureDef> measures;
    for (const json& m : j.at("measures")) {
      RiskMeasureDef measure;
      measure.code = m.at("code").get<std::string>();
      measure.label_sv = m.at("label_sv").get<std::string>();
      measure.label_en = m.at("label_en").get<std::string>();
      measure.from_level = LevelFrom(m.at("from_level"));
      measure.factors = m.value("factors", std::vector<std::string>());
      measures.push_back(std::move(measure));
    }
    const json& thresholds = j.at("thresholds");
    const json& history = j.at("history");
    t.forhojd_from = thresholds.at("forhojd").get<int>();
    t.hog_from = thresholds.at("hog").get<int>();
    t.mycket_hog_from = thresholds.at("mycket_hog").get<int>();
    t.history_weight = history.at("weight").get<int>();
    t.history_floor_count = history.at("floor_count").get<int>();
    t.factors = std::move(factors);
    t.measures = std::move(measures);
  } catch (const std::exception&) {
    // No part of the body in the message: it is the store's fault, not input.
    return Status::Internal("risk_template: stored body unreadable");
  }
  return Status::Ok();
}

Result<RiskTemplate> RiskTemplateFromStored(const StoredRiskTemplate& stored) {
  RiskTemplate t;
  t.forvaltning_id = stored.forvaltning_id;
  t.version = stored.version;
  t.created_by = stored.created_by;
  t.created_at = stored.created_at;
  TRYGG_RETURN_IF_ERROR(DecodeRiskTemplateBody(stored.body, t));
  return t;
}

StoredRiskTemplate RiskTemplateToStored(const RiskTemplate& t) {
  return {t.forvaltning_id, t.version, EncodeRiskTemplateBody(t), t.created_by, t.created_at};
}

}  // namespace trygg
