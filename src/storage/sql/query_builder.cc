#include "storage/sql/query_builder.h"

#include <utility>

namespace trygg::sql {

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

QueryBuilder& QueryBuilder::InIds(std::string_view column, const std::vector<int64_t>& ids) {
  return Sql(sql::InIds(dialect_, column), EncodeIds(dialect_, ids));
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

void AppendVisibility(QueryBuilder& q, const VisibilityFilter& filter) {
  q.Sql("(");
  bool any = false;
  auto next = [&] {
    if (any) q.Sql(" OR ");
    any = true;
  };
  if (!filter.all_units.empty()) {
    next();
    q.InIds("i.unit_id", filter.all_units);
  }
  if (!filter.nonsensitive_units.empty()) {
    next();
    q.Sql("(i.sensitive = 0 AND ").InIds("i.unit_id", filter.nonsensitive_units).Sql(")");
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

void AppendRecordScope(QueryBuilder& q, const std::optional<std::vector<int64_t>>& units,
                       const std::optional<int64_t>& involving, std::string_view unit_column,
                       const std::function<void(QueryBuilder&, int64_t)>& involving_condition) {
  if (!units.has_value() && !involving.has_value()) return;
  q.And().Sql("(");
  bool any = false;
  if (units.has_value() && !units->empty()) {
    q.InIds(unit_column, *units);
    any = true;
  }
  if (involving.has_value()) {
    if (any) q.Sql(" OR ");
    involving_condition(q, *involving);
    any = true;
  }
  if (!any) q.Sql("1 = 0");
  q.Sql(")");
}

}  // namespace trygg::sql
