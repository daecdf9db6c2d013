// The reason → {sv, en} message table. Every reason the app, domain, storage and
// http layers produce should have an entry; others get a per-code fallback.
#include "http/messages.h"

#include <cstdlib>
#include <string>
#include <unordered_map>

namespace trygg {
namespace {

struct Text {
  const char* sv;
  const char* en;
};

const std::unordered_map<std::string_view, Text>& Table() {
  static const auto* table = new std::unordered_map<std::string_view, Text>{
      // Authentication and sessions.
      {"auth.bad_credentials", {"Fel användarnamn eller lösenord", "Wrong username or password"}},
      {"auth.missing_fields", {"Ange användarnamn och lösenord", "Enter username and password"}},
      {"auth.no_session",
       {"Du är inte inloggad eller har varit inaktiv för länge. Logga in igen.",
        "You are not logged in or have been inactive too long. Please log in again."}},
      {"auth.throttled",
       {"För många misslyckade inloggningar. Vänta en stund och försök igen.",
        "Too many failed logins. Wait a while and try again."}},
      {"auth.csrf",
       {"Begäran saknar giltig säkerhetstoken. Ladda om sidan och försök igen.",
        "The request lacks a valid security token. Reload the page and try again."}},
      {"unauthenticated", {"Du behöver logga in", "You need to log in"}},
      {"forbidden", {"Du har inte behörighet att göra detta", "You are not allowed to do this"}},
      {"not_found", {"Finns inte", "Not found"}},
      {"conflict",
       {"Uppgifterna har ändrats av någon annan. Ladda om och försök igen.",
        "Someone else has changed this. Reload and try again."}},
      {"internal", {"Ett internt fel inträffade", "An internal error occurred"}},
      {"unavailable",
       {"Tjänsten är tillfälligt otillgänglig. Försök igen om en stund.",
        "The service is temporarily unavailable. Try again shortly."}},
      // Requests and routing.
      {"route.not_found", {"Adressen finns inte", "No such address"}},
      {"request.method_not_allowed",
       {"Metoden stöds inte för den här adressen", "Method not allowed for this address"}},
      {"request.too_large", {"Begäran är för stor", "The request is too large"}},
      {"request.unsupported_media_type",
       {"Innehållet måste skickas som JSON", "The content must be sent as JSON"}},
      {"request.csv_expected",
       {"Filen måste skickas som CSV (text/csv)", "The file must be sent as CSV (text/csv)"}},
      {"request.invalid_json", {"Innehållet är inte giltig JSON", "The content is not valid JSON"}},
      {"request.bad_path", {"Ogiltig adress", "Invalid address"}},
      // Field validation (the field is named separately).
      {"validation.body",
       {"Innehållet måste vara ett JSON-objekt", "The content must be a JSON object"}},
      {"validation.required", {"Uppgiften måste fyllas i", "This field is required"}},
      {"validation.type", {"Uppgiften har fel format", "This field has the wrong type"}},
      {"validation.enum", {"Okänt val", "Unknown choice"}},
      {"validation.range", {"Värdet ligger utanför tillåtna gränser", "The value is out of range"}},
      {"validation.time",
       {"Ange tidpunkt som ÅÅÅÅ-MM-DDTtt:mm med tidszon",
        "Give the time as YYYY-MM-DDThh:mm with a time zone"}},
      {"validation.date", {"Ange datum som ÅÅÅÅ-MM-DD", "Give the date as YYYY-MM-DD"}},
      {"validation.length", {"Texten är för lång", "The text is too long"}},
      {"validation.nul",
       {"Texten innehåller ett otillåtet tecken (NUL)", "The text contains a NUL character"}},
      {"validation.empty", {"Uppgiften får inte vara tom", "This field must not be empty"}},
      {"time.invalid", {"Ogiltig tidpunkt; ange tidszon", "Invalid time; include a time zone"}},
      {"date.invalid", {"Ogiltigt datum", "Invalid date"}},
      // Incidents.
      {"incident.not_found", {"Händelsen finns inte", "The incident does not exist"}},
      {"incident.forbidden",
       {"Du har inte behörighet att göra detta med händelsen",
        "You are not allowed to do this with the incident"}},
      {"incident.closed",
       {"Händelsen är avslutad och kan inte få nya åtgärder",
        "The incident is closed and takes no new measures"}},
      {"incident.open_measures",
       {"Händelsen kan inte avslutas medan åtgärder är öppna",
        "The incident cannot be closed while measures are open"}},
      {"incident.severity_below_minimum",
       {"Allvarlighetsgraden kan inte vara lägre än vad omständigheterna kräver (vapen, dödshot "
        "eller allvarlig skada ger minst allvarlig)",
        "The severity cannot be lower than the facts require (a weapon, a death threat or a "
        "serious injury mean at least serious)"}},
      {"incident.severity", {"Allvarlighetsgraden ska vara 1–4", "Severity must be 1–4"}},
      {"incident.unit", {"Välj en enhet som finns", "Choose an existing unit (an enhet)"}},
      {"incident.exposed", {"En utsatt person finns inte", "An exposed person does not exist"}},
      {"incident.description",
       {"Beskrivningen är för lång (högst 10 000 tecken)",
        "The description is too long (at most 10,000 characters)"}},
      {"incident.occurred_at",
       {"Tidpunkten kan inte ligga i framtiden", "The time cannot be in the future"}},
      {"incident.category", {"Välj en kategori", "Choose a category"}},
      {"incident.perpetrator_note",
       {"Anteckningen om gärningspersonen är för lång", "The perpetrator note is too long"}},
      {"incident.description_too_long",
       {"Beskrivningen är för lång (högst 10 000 tecken)",
        "The description is too long (at most 10,000 characters)"}},
      {"incident.perpetrator_note_too_long",
       {"Anteckningen om gärningspersonen är för lång", "The perpetrator note is too long"}},
      {"incident.occurred_in_future",
       {"Tidpunkten kan inte ligga i framtiden", "The time cannot be in the future"}},
      {"incident.unit_id", {"Välj en enhet som finns", "Choose an existing unit (an enhet)"}},
      {"incident.exposed_user_ids",
       {"En utsatt person finns inte eller är inte aktiv",
        "An exposed person does not exist or is not active"}},
      {"incident.duplicate_exposed",
       {"Samma person är angiven flera gånger som utsatt",
        "The same person is listed more than once as exposed"}},
      {"incident.nothing_to_change", {"Inget att ändra", "Nothing to change"}},
      {"incident.stale_version",
       {"Händelsen har ändrats av någon annan. Ladda om och försök igen.",
        "Someone else has changed the incident. Reload and try again."}},
      {"measure.responsible_user_id",
       {"Den ansvariga personen finns inte eller är inte aktiv",
        "The responsible person does not exist or is not active"}},
      {"query.limit", {"Antalet per sida ska vara 1–500", "The page size must be 1–500"}},
      {"query.offset", {"Ogiltig startposition", "Invalid offset"}},
      {"note.text",
       {"Skriv en anteckning (högst 10 000 tecken)", "Write a note (at most 10,000 characters)"}},
      {"measure.not_found", {"Åtgärden finns inte", "The measure does not exist"}},
      {"measure.title", {"Ange en rubrik för åtgärden", "Give the measure a title"}},
      {"measure.responsible",
       {"Den ansvariga personen finns inte eller är inte aktiv",
        "The responsible person does not exist or is not active"}},
      {"measure.due_date", {"Ange ett giltigt slutdatum", "Give a valid due date"}},
      // Workflow.
      {"workflow.open_measures",
       {"Händelsen kan inte avslutas medan åtgärder är öppna",
        "The incident cannot be closed while measures are open"}},
      {"workflow.transition_not_allowed",
       {"Statusändringen är inte tillåten just nu", "That status change is not allowed now"}},
      {"workflow.reason_required",
       {"Ange varför händelsen öppnas igen", "Say why the incident is being reopened"}},
      {"workflow.reason_too_long",
       {"Motiveringen är för lång (högst 2 000 tecken)",
        "The reason is too long (at most 2,000 characters)"}},
      // Organisation.
      {"unit.name", {"Ange ett namn för enheten", "Give the unit a name"}},
      {"unit.parent",
       {"Den överordnade enheten finns inte eller passar inte",
        "The parent unit does not exist or does not fit"}},
      {"unit.kind", {"Okänd eller otillåten enhetstyp", "Unknown or disallowed unit kind"}},
      {"unit.not_found", {"Enheten finns inte", "The unit does not exist"}},
      {"unit.exists",
       {"Det finns redan en enhet med det namnet här",
        "A unit with that name already exists here"}},
      {"unit.forbidden",
       {"Du har inte behörighet att ändra den här delen av organisationen",
        "You are not allowed to change this part of the organisation"}},
      // Users and grants.
      {"user.username", {"Ogiltigt användarnamn", "Invalid username"}},
      {"user.password",
       {"Lösenordet måste ha minst 10 tecken", "The password must have at least 10 characters"}},
      {"user.unit", {"Välj en enhet som finns", "Choose an existing unit"}},
      {"user.display_name", {"Ange ett namn", "Enter a name"}},
      {"user.email", {"Ogiltig e-postadress", "Invalid e-mail address"}},
      {"user.not_found", {"Användaren finns inte", "The user does not exist"}},
      {"user.exists", {"Användarnamnet är upptaget", "The username is already taken"}},
      {"user.forbidden",
       {"Du har inte behörighet att hantera den här användaren",
        "You are not allowed to manage this user"}},
      {"grant.role", {"Okänd roll", "Unknown role"}},
      {"grant.unit", {"Välj en enhet som finns", "Choose an existing unit"}},
      {"grant.not_found", {"Behörigheten finns inte", "The grant does not exist"}},
      {"grant.exists",
       {"Användaren har redan den rollen på enheten",
        "The user already has that role on the unit"}},
      // After an incident: police report, notices, contact details, rules.
      {"police.forbidden",
       {"Bara chefen eller den utsatta medarbetaren kan registrera polisanmälan",
        "Only the manager or the exposed employee can record the police report"}},
      {"police.reporter", {"Ange vem som gjorde polisanmälan", "State who made the police report"}},
      {"police.reported_at",
       {"Ange när polisanmälan gjordes (inte i framtiden)",
        "State when the police report was made (not in the future)"}},
      {"police.reported_by",
       {"Den som anmälde finns inte", "The person who reported does not exist"}},
      {"police.not_reported_reason",
       {"Ange varför händelsen inte polisanmäldes", "State why the incident was not reported"}},
      {"police.case_number",
       {"Diarienumret får bara innehålla bokstäver, siffror, bindestreck och snedstreck",
        "The case number may only contain letters, digits, hyphens and slashes"}},
      {"police.note", {"Kommentaren är för lång", "The comment is too long"}},
      {"police.not_found", {"Ingen polisanmälan är registrerad", "No police report is recorded"}},
      {"notice.notified_at",
       {"Ange när myndigheten underrättades (inte i framtiden)",
        "State when the authority was notified (not in the future)"}},
      {"notice.reference", {"Referensen är för lång", "The reference is too long"}},
      {"org_contact.legal_name", {"Ange förvaltningens namn", "Enter the administration's name"}},
      {"org_contact.org_number",
       {"Organisationsnumret ska skrivas NNNNNN-NNNN och ha rätt kontrollsiffra",
        "The organisation number must be NNNNNN-NNNN with a valid check digit"}},
      {"org_contact.phone", {"Ange ett giltigt telefonnummer", "Enter a valid phone number"}},
      {"org_contact.email", {"Ange en giltig e-postadress", "Enter a valid e-mail address"}},
      {"org_contact.too_long", {"Uppgiften är för lång", "The value is too long"}},
      {"org_contact.not_found",
       {"Förvaltningens kontaktuppgifter är inte ifyllda",
        "The administration's contact details have not been entered"}},
      {"unit.not_forvaltning",
       {"Enheten är ingen förvaltning", "The unit is not an administration"}},
      {"rules.forbidden",
       {"Din roll ger inte tillgång till reglerna", "Your role gives no access to the rules"}},
      {"rule.working_days",
       {"Antalet arbetsdagar ska vara 0–30", "The number of working days must be 0–30"}},
      {"rule.min_severity", {"Allvarlighetsgraden ska vara 1–4", "The severity must be 1–4"}},
      {"measure.support_type", {"Välj typ av stöd", "Choose the type of support"}},
      {"measure.support_fields",
       {"Stöduppgifter hör bara till stödinsatser", "Support details belong to support only"}},
      {"measure.support_user_id",
       {"Stödet ska gälla en av de utsatta, eller hela arbetsgruppen",
        "Support must be for one of the exposed, or the whole work group"}},
      {"notification.not_found", {"Aviseringen finns inte", "The notification does not exist"}},
      {"query.before", {"Ogiltig sidmarkör", "Invalid page marker"}},
      {"mail.bad_header",
       {"E-postadressen eller ämnet innehåller otillåtna tecken",
        "The e-mail address or subject contains characters that are not allowed"}},
      {"mail.rejected",
       {"E-postservern tog inte emot brevet", "The mail server refused the message"}},
      {"mail.unavailable",
       {"E-postservern svarar inte just nu", "The mail server is not answering right now"}},
      {"mail.not_found", {"Brevet finns inte", "The message does not exist"}},
      // Before a risky meeting: risk templates, assessments, the knowledge bank.
      {"risk_template.forbidden",
       {"Bara administratören eller förvaltningens säkerhetssamordnare kan ändra mallen",
        "Only the administrator or the administration's security coordinator can change the "
        "template"}},
      {"risk_template.not_found",
       {"Förvaltningen har ingen egen riskmall", "The administration has no template of its own"}},
      {"risk_template.duplicate_version",
       {"Mallen har ändrats av någon annan. Ladda om och försök igen.",
        "Someone else has changed the template. Reload and try again."}},
      {"risk_template.factors",
       {"Mallen ska ha 1–40 riskfaktorer", "The template must have 1–40 risk factors"}},
      {"risk_template.factor_code",
       {"Varje faktor behöver en unik kod (a–z, 0–9, _; högst 40 tecken)",
        "Each factor needs a unique code (a–z, 0–9, _; at most 40 characters)"}},
      {"risk_template.factor_label",
       {"Varje faktor behöver en fråga på svenska och engelska (högst 200 tecken)",
        "Each factor needs a question in Swedish and English (at most 200 characters)"}},
      {"risk_template.factor_help",
       {"Hjälptexten är för lång (högst 1 000 tecken)",
        "The help text is too long (at most 1,000 characters)"}},
      {"risk_template.factor_weight",
       {"Vikten ska vara mellan −10 och 10 och inte 0",
        "The weight must be between −10 and 10 and not 0"}},
      {"risk_template.factor_floor", {"Okänd lägsta nivå", "Unknown minimum level"}},
      {"risk_template.thresholds",
       {"Gränserna ska vara positiva och stigande (förhöjd < hög < mycket hög)",
        "The thresholds must be positive and increasing (elevated < high < very high)"}},
      {"risk_template.history_weight",
       {"Vikten för tidigare händelser ligger utanför tillåtna gränser",
        "The weight of earlier incidents is out of range"}},
      {"risk_template.history_floor_count",
       {"Antalet tidigare händelser som ger minst hög nivå ska vara minst 1",
        "The number of earlier incidents that means at least high must be at least 1"}},
      {"risk_template.measures",
       {"Mallen ska ha 1–40 åtgärder", "The template must have 1–40 measures"}},
      {"risk_template.measure_code",
       {"Varje åtgärd behöver en unik kod (a–z, 0–9, _; högst 40 tecken)",
        "Each measure needs a unique code (a–z, 0–9, _; at most 40 characters)"}},
      {"risk_template.measure_label",
       {"Varje åtgärd behöver en text på svenska och engelska (högst 200 tecken)",
        "Each measure needs a text in Swedish and English (at most 200 characters)"}},
      {"risk_template.measure_factors",
       {"En åtgärd hänvisar till en faktor som inte finns i mallen",
        "A measure refers to a factor that is not in the template"}},
      {"risk.not_found", {"Riskbedömningen finns inte", "The risk assessment does not exist"}},
      {"risk.forbidden",
       {"Du har inte behörighet att göra detta med riskbedömningen",
        "You are not allowed to do this with the risk assessment"}},
      {"risk.not_open",
       {"Riskbedömningen är beslutad och kan inte längre ändras",
        "The risk assessment has been decided and can no longer be changed"}},
      {"risk.not_decided",
       {"Riskbedömningen kan följas upp först när chefen har beslutat åtgärderna",
        "The risk assessment can be followed up only after the manager has decided the measures"}},
      {"risk.followed_up",
       {"Riskbedömningen är redan uppföljd", "The risk assessment has already been followed up"}},
      {"risk.incident_linked",
       {"En annan händelse är redan kopplad till riskbedömningen",
        "Another incident is already linked to the risk assessment"}},
      {"risk.stale_version",
       {"Riskbedömningen har ändrats av någon annan. Ladda om och försök igen.",
        "Someone else has changed the risk assessment. Reload and try again."}},
      {"risk.title",
       {"Ange en kort rubrik (högst 200 tecken) utan personuppgifter",
        "Give a short title (at most 200 characters) without personal data"}},
      {"risk.unit_id", {"Välj en enhet som finns", "Choose an existing unit"}},
      {"risk.event_at", {"Ange en giltig tidpunkt för mötet", "Give a valid time for the meeting"}},
      {"risk.answers",
       {"Svaren passar inte mallen (högst 40, varje fråga en gång)",
        "The answers do not fit the template (at most 40, each question once)"}},
      {"risk.participants",
       {"En deltagare finns inte eller är inte aktiv (högst 50 deltagare)",
        "A participant does not exist or is not active (at most 50 participants)"}},
      {"risk.duplicate_participant",
       {"Samma person är angiven flera gånger som deltagare",
        "The same person is listed more than once as a participant"}},
      {"risk.measures",
       {"Okänd åtgärd: välj bland mallens åtgärder",
        "Unknown measure: choose from the template's"}},
      {"risk.decision_note",
       {"Kommentaren till beslutet är för lång (högst 2 000 tecken)",
        "The decision note is too long (at most 2,000 characters)"}},
      {"risk.outcome_note",
       {"Kommentaren till uppföljningen är för lång (högst 2 000 tecken)",
        "The follow-up note is too long (at most 2,000 characters)"}},
      {"risk.rating",
       {"Betyget ska vara 1–5 och gälla en beslutad åtgärd",
        "The rating must be 1–5 and concern a decided measure"}},
      {"risk.ratings",
       {"Betyg kan bara ges en gång per beslutad åtgärd",
        "A rating can only be given once per decided measure"}},
      {"risk.subject",
       {"Personen kunde inte anges på riskbedömningen",
        "The person could not be named on the risk assessment"}},
      {"risk.subject_key", {"Ogiltig personnyckel", "Invalid person key"}},
      // The person behind an incident (pseudonymised).
      {"subject.not_configured",
       {"Personidentiteter kan inte tas emot förrän en pseudonymiseringsnyckel är konfigurerad",
        "Identifiers of people are refused until a pseudonymisation key is configured"}},
      {"subject.identifier",
       {"Ogiltigt nummer: kontrollera längd, datum och kontrollsiffra",
        "Invalid number: check the length, the date and the check digit"}},
      {"subject.forbidden",
       {"Bara den som hanterar händelsen eller säkerhetssamordnaren kan ange personen",
        "Only whoever manages the incident or the security coordinator can name the person"}},
      {"pseudonym.key_file",
       {"Pseudonymiseringsnyckeln kan inte läsas eller är inte skyddad (filen ska ha rättigheter "
        "0600 och innehålla 64 hextecken)",
        "The pseudonymisation key cannot be read or is not protected (the file must have mode 0600 "
        "and hold 64 hex characters)"}},
      // Security plans.
      {"plan.not_found", {"Säkerhetsplanen finns inte", "The security plan does not exist"}},
      {"plan.forbidden",
       {"Bara säkerhetssamordnaren kan göra detta med säkerhetsplanen",
        "Only the security coordinator can do this with the security plan"}},
      {"plan.not_protected",
       {"Beslut loggas bara för skyddade ärenden",
        "Decisions are logged for protected cases only"}},
      {"plan.stale_version",
       {"Säkerhetsplanen har ändrats av någon annan. Ladda om och försök igen.",
        "Someone else has changed the security plan. Reload and try again."}},
      {"plan.title",
       {"Ange en rubrik (högst 200 tecken) utan personuppgifter",
        "Give a title (at most 200 characters) without personal data"}},
      {"plan.unit_id", {"Välj en enhet som finns", "Choose an existing unit"}},
      {"plan.subject",
       {"En person kan bara anges för en plan som gäller ett ärende",
        "A person can only be named on a plan for a case"}},
      {"plan.subject_key", {"Ogiltig personnyckel", "Invalid person key"}},
      {"plan.threats",
       {"Beskrivningen av hoten är för lång (högst 8 000 tecken)",
        "The description of the threats is too long (at most 8,000 characters)"}},
      {"plan.review_date", {"Ange ett giltigt datum för översyn", "Give a valid review date"}},
      {"plan.people",
       {"En person finns inte eller är inte aktiv", "A person does not exist or is not active"}},
      {"plan.duplicate_person",
       {"Samma person är angiven flera gånger", "The same person is listed more than once"}},
      {"plan.handling_unit_id",
       {"Den handläggande enheten finns inte", "The handling unit does not exist"}},
      {"plan.handling_group",
       {"Handläggargruppen passar inte (bara för skyddade ärenden, personer som finns)",
        "The handling group does not fit (protected cases only, existing people)"}},
      {"plan.duplicate_handling",
       {"Samma person är angiven flera gånger i handläggargruppen",
        "The same person is listed more than once in the handling group"}},
      {"plan.instructions",
       {"Instruktionerna är för långa (högst 4 000 tecken)",
        "The instructions are too long (at most 4,000 characters)"}},
      {"plan.decision",
       {"Skriv beslutet (1–2 000 tecken)", "Write the decision (1–2,000 characters)"}},
      {"plan.measure_title",
       {"Ange en rubrik för åtgärden (högst 200 tecken)",
        "Give the measure a title (at most 200 characters)"}},
      {"plan.measure_owner",
       {"Den ansvariga personen finns inte eller är inte aktiv",
        "The responsible person does not exist or is not active"}},
      {"plan.measure_due_date", {"Ange ett giltigt slutdatum", "Give a valid due date"}},
      {"plan_measure.not_found", {"Åtgärden finns inte", "The measure does not exist"}},
      // Statistics (issue 6).
      {"stats.forbidden",
       {"Du har inte behörighet att se statistik", "You are not allowed to see statistics"}},
      {"stats.out_of_scope",
       {"Du kan bara se statistik för enheter du har behörighet till",
        "You can only see statistics for units you have access to"}},
      {"stats.dims",
       {"Välj vad raderna ska delas upp efter, och något annat för kolumnerna",
        "Choose what the rows are split by, and something else for the columns"}},
      {"stats.range",
       {"Startdatumet måste vara före slutdatumet", "The start date must be before the end date"}},
      {"stats.rows", {"Okänd indelning för raderna", "Unknown split for the rows"}},
      {"stats.cols", {"Okänd indelning för kolumnerna", "Unknown split for the columns"}},
      {"stats.from", {"Ange från-datum som ÅÅÅÅ-MM-DD", "Give the from date as YYYY-MM-DD"}},
      {"stats.to", {"Ange till-datum som ÅÅÅÅ-MM-DD", "Give the to date as YYYY-MM-DD"}},
      {"stats.unit_id", {"Ogiltig enhet", "Invalid unit"}},
      {"stats.category", {"Okänd kategori", "Unknown category"}},
      {"stats.place", {"Okänd typ av plats", "Unknown place type"}},
      {"stats.min_severity", {"Allvarlighetsgraden ska vara 1–4", "The severity must be 1–4"}},
      {"stats.outside", {"Ange true eller false", "Give true or false"}},
      {"stats.tied", {"Ange true eller false", "Give true or false"}},
      {"stats.medians", {"Ange true eller false", "Give true or false"}},
      {"stats.too_many_cells",
       {"Tabellen blir för stor. Välj färre eller grövre indelningar.",
        "The table would be too large. Choose fewer or coarser splits."}},
      {"stats.bad_row",
       {"Statistikunderlaget innehåller en okänd kod",
        "The statistics data holds an unknown code"}},
      // Follow-up KPIs and unit profiles.
      {"kpi.forbidden",
       {"Du har inte behörighet till nyckeltalen", "You are not allowed to use the KPIs"}},
      {"kpi.item", {"Varje nyckeltal ska vara ett objekt", "Each KPI must be an object"}},
      {"kpi.forvaltning_id",
       {"Välj en förvaltning som finns och som du har behörighet till",
        "Choose an existing förvaltning you have access to"}},
      {"kpi.kind",
       {"Okänt nyckeltal (personalrorlighet, konsulter eller vfu)",
        "Unknown KPI (personalrorlighet, konsulter or vfu)"}},
      {"kpi.group",
       {"Okänd yrkesgrupp (alla, socialsekreterare eller bistandshandlaggare)",
        "Unknown professional group (alla, socialsekreterare or bistandshandlaggare)"}},
      {"kpi.year", {"Året ska vara 2000–2100", "The year must be 2000–2100"}},
      {"kpi.period",
       {"Konsulter räknas i april eller november; övriga nyckeltal per år (ar)",
        "Consultants are counted in April or November; other KPIs per year (ar)"}},
      {"kpi.value",
       {"Ogiltigt värde: personalrörlighet 0–100 procent, övriga hela tal 0–100000",
        "Invalid value: staff turnover 0–100 percent, the others whole numbers 0–100000"}},
      {"kpi.invalid_csv",
       {"Filen kunde inte läsas in. Inget har sparats. Rätta raderna nedan och försök igen.",
        "The file could not be imported. Nothing was saved. Correct the lines below and try "
        "again."}},
      {"kpi.encoding",
       {"Filen är inte UTF-8. Spara den som CSV UTF-8.",
        "The file is not UTF-8. Save it as CSV UTF-8."}},
      {"kpi.header",
       {"Rubrikraden saknas eller har en okänd kolumn (forvaltning;kpi;yrkesgrupp;ar;period;varde)",
        "The header line is missing or has an unknown column "
        "(forvaltning;kpi;yrkesgrupp;ar;period;varde)"}},
      {"kpi.columns",
       {"Raden har fel antal kolumner, eller en kolumn saknas",
        "The line has the wrong number of columns, or a column is missing"}},
      {"kpi.forvaltning",
       {"Okänd förvaltning, eller en du inte har behörighet till",
        "Unknown förvaltning, or one you have no access to"}},
      {"kpi.duplicate",
       {"Samma nyckeltal finns på en tidigare rad", "The same KPI is on an earlier line"}},
      {"kpi.empty", {"Filen innehåller inga värden", "The file holds no values"}},
      {"profile.forbidden",
       {"Du har inte behörighet att ändra enhetens uppgifter",
        "You are not allowed to change the unit's details"}},
      {"profile.headcount",
       {"Antal anställda ska vara 0–100000", "The headcount must be 0–100000"}},
      {"profile.secure_rooms",
       {"Antal säkra mötesrum ska vara 0–1000", "The number of secure rooms must be 0–1000"}},
      {"profile.unit_id", {"Välj en enhet som finns", "Choose an existing unit"}},
      // Routines.
      {"routine.not_found", {"Rutinen finns inte", "The routine does not exist"}},
      {"routine.forbidden",
       {"Du har inte behörighet att ändra rutinen", "You are not allowed to change the routine"}},
      {"routine.not_in_scope",
       {"Rutinen gäller inte din enhet", "The routine does not apply to your unit"}},
      {"routine.archived", {"Rutinen är arkiverad", "The routine is archived"}},
      {"routine.title",
       {"Ange en rubrik på högst 200 tecken", "Give a title of at most 200 characters"}},
      {"routine.summary",
       {"Sammanfattningen får vara högst 4000 tecken",
        "The summary may be at most 4000 characters"}},
      {"routine.document_url",
       {"Länken ska börja med https:// eller http://",
        "The link must start with https:// or http://"}},
      {"routine.revision_date",
       {"Ange ett giltigt datum för revision", "Give a valid revision date"}},
      {"routine.unit_id", {"Välj en enhet som finns", "Choose an existing unit"}},
      {"routine.owner",
       {"Välj en aktiv användare som ägare", "Choose an active user as the owner"}},
      // Exercises and their findings.
      {"exercise.not_found", {"Övningen finns inte", "The exercise does not exist"}},
      {"exercise.forbidden",
       {"Du har inte behörighet att registrera eller ändra övningar för enheten",
        "You are not allowed to record or change exercises for the unit"}},
      {"exercise.unit_id", {"Välj en enhet som finns", "Choose an existing unit"}},
      {"exercise.scenario",
       {"Beskriv scenariot (högst 2000 tecken)",
        "Describe the scenario (at most 2000 characters)"}},
      {"exercise.participants",
       {"Antal deltagare ska vara 0–10000", "The number of participants must be 0–10000"}},
      {"exercise.notes",
       {"Anteckningarna får vara högst 4000 tecken", "The notes may be at most 4000 characters"}},
      {"exercise.held_on", {"Ange ett giltigt datum för övningen", "Give a valid exercise date"}},
      {"finding.not_found", {"Iakttagelsen finns inte", "The finding does not exist"}},
      {"finding.text",
       {"Beskriv iakttagelsen (högst 2000 tecken)",
        "Describe the finding (at most 2000 characters)"}},
      {"finding.owner",
       {"Välj en aktiv användare som ansvarig", "Choose an active user as the owner"}},
      {"finding.measure",
       {"En åtgärd behöver både ansvarig och slutdatum",
        "A measure needs both an owner and a due date"}},
      {"finding.forbidden",
       {"Du har inte behörighet att ändra iakttagelsen",
        "You are not allowed to change the finding"}},
      // Audit.
      {"audit.forbidden",
       {"Du har inte behörighet att läsa loggen", "You are not allowed to read the log"}},
      // Storage.
      {"storage.schema_too_new",
       {"Databasen är skapad av en nyare version av Trygg",
        "The database was written by a newer version of Trygg"}},
      {"storage.duplicate", {"Uppgiften finns redan", "This already exists"}},
      {"storage.constraint", {"Uppgifterna är inte tillåtna", "The data is not allowed"}},
      {"storage.foreign_key",
       {"Uppgiften hänvisar till något som inte finns", "The data refers to something missing"}},
      {"storage.append_only", {"Loggen kan inte ändras", "The log cannot be changed"}},
      {"storage.bad_page", {"Ogiltig sidindelning", "Invalid paging"}},
      {"storage.bad_url", {"Ogiltig databasadress", "Invalid database address"}},
      {"storage.bad_pool_size",
       {"Antalet databasanslutningar måste vara minst 1",
        "The number of database sessions must be at least 1"}},
      {"storage.bad_text",
       {"Texten innehåller ett otillåtet tecken (NUL)",
        "The text contains a character that is not allowed (NUL)"}},
      {"storage.bad_row", {"Raden passar inte tabellen", "The row does not fit the table"}},
      {"storage.retry",
       {"Databasen var upptagen. Försök igen.", "The database was busy. Try again."}},
      {"copy.batch_rows", {"Ogiltig batchstorlek", "Invalid batch size"}},
      {"copy.source_schema",
       {"Källdatabasen har en annan schemaversion; kör trygg migrate på den först",
        "The source database has another schema version; run trygg migrate on it first"}},
      {"copy.target_not_empty",
       {"Måldatabasen innehåller annat än en tidigare kopia av källan",
        "The target database holds something other than an earlier copy of the source"}},
      {"copy.stopped",
       {"Kopieringen avbröts; kör igen för att fortsätta",
        "The copy was stopped; run it again to continue"}},
      {"copy.mismatch", {"Kopian stämmer inte med källan", "The copy does not match the source"}},
      {"copy.audit_broken",
       {"Granskningsloggens kedja går inte att verifiera", "The audit chain does not verify"}},
      {"copy.row", {"Raden finns inte", "The row does not exist"}},
      {"storage.not_a_database", {"Databasfilen är skadad", "The database file is damaged"}},
  };
  return *table;
}

Text Fallback(StatusCode code) {
  switch (code) {
    case StatusCode::kInvalidArgument:
      return {"Ogiltig uppgift", "Invalid input"};
    case StatusCode::kUnauthenticated:
      return {"Du behöver logga in", "You need to log in"};
    case StatusCode::kPermissionDenied:
      return {"Du har inte behörighet att göra detta", "You are not allowed to do this"};
    case StatusCode::kNotFound:
      return {"Finns inte", "Not found"};
    case StatusCode::kAlreadyExists:
      return {"Finns redan", "Already exists"};
    case StatusCode::kFailedPrecondition:
      return {"Det går inte att göra detta just nu", "This cannot be done now"};
    case StatusCode::kConflict:
      return {"Uppgifterna har ändrats av någon annan. Ladda om och försök igen.",
              "Someone else has changed this. Reload and try again."};
    case StatusCode::kResourceExhausted:
      return {"För många försök. Vänta en stund.", "Too many attempts. Wait a while."};
    case StatusCode::kUnavailable:
      return {"Tjänsten är tillfälligt otillgänglig. Försök igen om en stund.",
              "The service is temporarily unavailable. Try again shortly."};
    case StatusCode::kOk:
    case StatusCode::kInternal:
      break;
  }
  return {"Ett internt fel inträffade", "An internal error occurred"};
}

// "en-GB;q=0.8" → ("en", 0.8).
void ParseRange(std::string_view item, std::string_view* tag, double* q) {
  const size_t semi = item.find(';');
  *tag = item.substr(0, semi);
  *q = 1.0;
  if (semi == std::string_view::npos) return;
  std::string_view params = item.substr(semi + 1);
  const size_t qpos = params.find("q=");
  if (qpos == std::string_view::npos) return;
  *q = std::atof(std::string(params.substr(qpos + 2)).c_str());
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

bool IsLang(std::string_view tag, std::string_view lang) {
  if (tag.size() < 2) return false;
  const bool prefix = (tag[0] | 0x20) == lang[0] && (tag[1] | 0x20) == lang[1];
  return prefix && (tag.size() == 2 || tag[2] == '-' || tag[2] == '_');
}

}  // namespace

Lang LangFromAcceptLanguage(std::string_view header) {
  double best_sv = -1, best_en = -1;
  while (!header.empty()) {
    const size_t comma = header.find(',');
    std::string_view item = Trim(header.substr(0, comma));
    header = comma == std::string_view::npos ? std::string_view() : header.substr(comma + 1);
    std::string_view tag;
    double q;
    ParseRange(item, &tag, &q);
    tag = Trim(tag);
    if (q <= 0) continue;
    if (IsLang(tag, "sv") && q > best_sv) best_sv = q;
    if (IsLang(tag, "en") && q > best_en) best_en = q;
  }
  return best_en > best_sv ? Lang::kEn : Lang::kSv;
}

std::string LocalisedMessage(std::string_view reason, StatusCode code, Lang lang) {
  const auto& table = Table();
  auto it = table.find(reason);
  const Text text = it != table.end() ? it->second : Fallback(code);
  return lang == Lang::kEn ? text.en : text.sv;
}

bool HasMessage(std::string_view reason) { return Table().count(reason) > 0; }

}  // namespace trygg
