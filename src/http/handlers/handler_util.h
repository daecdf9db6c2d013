// Small helpers shared by the route handlers: JSON responses, bodies, path ids.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "app/context.h"
#include "http/call.h"

namespace trygg {

inline constexpr const char* kApi = "/api/v1";

// A JSON response with `status` (200, 201 …).
HttpResponse JsonResponse(int status, const nlohmann::json& body);
// 204 without a body.
HttpResponse NoContent();

// The request body as a JSON object (see ParseJsonObject).
Result<nlohmann::json> BodyObject(const Call& call);

// Path parameter `name` as a positive id; NotFound("not_found") otherwise.
Result<int64_t> PathId(const Call& call, const char* name);

// The caller on a session route.
inline const Principal& Who(const Call& call) { return *call.principal; }

// The display name of `id` (empty when unknown), read in its own transaction.
// For responses that carry a person reference the use case did not name.
std::string DisplayNameOf(App& app, UserId id);

}  // namespace trygg
