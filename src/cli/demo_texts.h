// Invented Swedish texts for the demo incidents: descriptions, measures, notes, reasons.
#pragma once

#include <string>
#include <vector>

#include "domain/incident.h"

namespace trygg::cli {

// Short first-person descriptions for `category`; none names a person.
const std::vector<std::string>& DemoDescriptions(Category category);
// Descriptions of incidents outside the workplace (any category).
const std::vector<std::string>& DemoOutsideDescriptions();
// Perpetrator notes (no names): what is known about the person.
const std::vector<std::string>& DemoPerpetratorNotes();
// Measure titles; the first few suit any incident, the rest serious ones.
const std::vector<std::string>& DemoMeasureTitles(bool serious);
const std::vector<std::string>& DemoNotes();
const std::vector<std::string>& DemoReopenReasons();

}  // namespace trygg::cli
