// The one place a trygg::Status becomes an HTTP status code and a JSON error body.
#pragma once

#include "core/status.h"
#include "http/http_types.h"
#include "http/messages.h"

namespace trygg {

// The HTTP status for a non-OK status code: InvalidArgument 400,
// Unauthenticated 401, PermissionDenied 403, NotFound 404, AlreadyExists /
// FailedPrecondition / Conflict 409, ResourceExhausted 429, Unavailable 503,
// Internal (and anything else) 500.
int HttpStatusFor(StatusCode code);

// The response for a non-OK `status`:
//   {"error":{"code":reason,"message":localised,"field"?:detail}}
// "field" is the status detail for InvalidArgument/AlreadyExists when it names
// a field. Internal errors are logged with their detail; the client sees only
// the generic reason "internal". Unavailable adds Retry-After.
HttpResponse ErrorResponse(const Status& status, Lang lang);

// An error response for a reason produced by the HTTP layer itself (413, 415,
// 404 route, 405 …) where no StatusCode fits; `field` may be empty.
HttpResponse HttpErrorResponse(int http_status, std::string_view reason, Lang lang,
                               std::string_view field = {});

}  // namespace trygg
