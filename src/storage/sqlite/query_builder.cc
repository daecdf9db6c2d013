#include "storage/sqlite/query_builder.h"

#include <utility>

namespace trygg::sqlite {

QueryBuilder& QueryBuilder::Sql(std::string_view fragment) {
  sql_ += fragment;
  return *this;
}

QueryBuilder& QueryBuilder::Sql(std::string_view fragment, int64_t value) {
  sql_ += fragment;
  params_.emplace_back(value);
  return *this;
}

QueryBuilder& QueryBuilder::Sql(std::string_view fragment, std::string value) {
  sql_ += fragment;
  params_.emplace_back(std::move(value));
  return *this;
}

QueryBuilder& QueryBuilder::And() {
  sql_ += has_where_ ? " AND " : " WHERE ";
  has_where_ = true;
  return *this;
}

Result<Statement> QueryBuilder::Prepare(Connection& conn) const {
  TRYGG_ASSIGN_OR_RETURN(Statement st, conn.Prepare(sql_));
  for (const auto& param : params_) {
    if (const int64_t* i = std::get_if<int64_t>(&param)) {
      st.BindInt(*i);
    } else {
      st.BindText(std::get<std::string>(param));
    }
  }
  return st;
}

std::string JsonIdArray(const std::vector<int64_t>& ids) {
  std::string json = "[";
  for (size_t k = 0; k < ids.size(); ++k) {
    if (k > 0) json += ',';
    json += std::to_string(ids[k]);
  }
  json += ']';
  return json;
}

void AppendVisibility(QueryBuilder& q, const VisibilityFilter& filter) {
  q.Sql("(");
  bool any = false;
  auto next = [&] {
    if (any) q.Sql(" OR ");
    any = true;
  };
  if (!filter.all_units.empty()) {
    next();
    q.Sql("i.unit_id IN (SELECT value FROM json_each(?))", JsonIdArray(filter.all_units));
  }
  if (!filter.nonsensitive_units.empty()) {
    next();
    q.Sql("(i.sensitive = 0 AND i.unit_id IN (SELECT value FROM json_each(?)))",
          JsonIdArray(filter.nonsensitive_units));
  }
  if (filter.involving.has_value()) {
    next();
    q.Sql("i.reporter_id = ?", *filter.involving);
    q.Sql(
        " OR EXISTS (SELECT 1 FROM incident_exposed e"
        " WHERE e.incident_id = i.id AND e.user_id = ?)",
        *filter.involving);
  }
  if (!any) q.Sql("1 = 0");
  q.Sql(")");
}

}  // namespace trygg::sqlite
