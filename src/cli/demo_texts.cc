// The demo's Swedish text templates.
#include "cli/demo_texts.h"

#include <map>

namespace trygg::cli {
namespace {

using Texts = std::vector<std::string>;

}  // namespace

const Texts& DemoDescriptions(Category category) {
  static const auto* texts = new std::map<Category, Texts>{
      {Category::kHot,
       {"Klienten blev upprörd över avslaget och sa att han visste var jag bodde.",
        "Besökaren höjde rösten, slog i bordet och sa att jag skulle få ångra mig.",
        "Under telefonsamtalet hotade personen att komma hit och \"ställa till det\".",
        "En anhörig hotade att skada handläggaren om barnet inte fick komma hem.",
        "Sms med hotfullt innehåll kom samma kväll som beslutet skickades ut.",
        "Klienten sa att han skulle vänta på mig efter jobbet.",
        "Hotfullt mejl efter att utbetalningen hade dragits in.",
        "Besökaren hotade att ta livet av mig om pengarna inte betalades ut i dag."}},
      {Category::kVald,
       {"Klienten knuffade mig mot dörrkarmen när jag avslutade mötet.",
        "Besökaren kastade en stol mot receptionsdisken och träffade min arm.",
        "Personen tog tag i min arm och vägrade släppa när jag skulle gå.",
        "Vid hembesöket blev jag knuffad i hallen och föll mot en byrå.",
        "Klienten spottade på mig och slog efter mig när jag lämnade rummet.",
        "En förälder slet tag i min jacka under överlämningen."}},
      {Category::kTrakasserier,
       {"Upprepade samtal och mejl med kränkande innehåll under flera veckor.",
        "Personen har filmat mig vid flera besök och lagt ut klipp i sociala medier.",
        "Klienten väntar utanför entrén när jag går hem och följer efter en bit.",
        "Kränkande inlägg om mig och kollegorna i en öppen Facebookgrupp.",
        "Personen ringer växeln flera gånger om dagen och frågar efter mig."}},
      {Category::kOtillatenPaverkan,
       {"Personen antydde att det skulle gå illa för mig om beslutet inte ändrades.",
        "Erbjudande om pengar mot att ärendet skulle \"skyndas på\".",
        "Anhöriga kontaktade mig privat via sociala medier för att påverka utredningen.",
        "Klienten sa att han hade tagit reda på var mina barn går i skolan.",
        "Personen sa att många i området var missnöjda med mig och att det kunde märkas."}},
      {Category::kForolampning,
       {"Besökaren kallade mig grova könsord inför andra i väntrummet.",
        "Kränkande tillmälen under telefonsamtalet om utbetalningen.",
        "Klienten skrek nedsättande saker om mitt ursprung under mötet.",
        "Förolämpningar riktade mot mig i ett långt mejl till hela enheten."}},
      {Category::kSkadegorelse,
       {"Besökaren sparkade sönder glasrutan i entrédörren efter avslaget.",
        "Klotter med hotfullt innehåll på kontorets fasad.",
        "Personen slog sönder en dator i besöksrummet.",
        "Min bil fick punkterade däck på personalparkeringen."}},
      {Category::kStoldInbrott,
       {"Min väska försvann från besöksrummet under ett möte.",
        "Inbrott i personalens omklädningsrum, nycklar och passerkort stulna.",
        "Mobiltelefonen togs från skrivbordet när besökaren var ensam i rummet."}},
      {Category::kAnnat,
       {"Obehaglig situation i väntrummet där en besökare betedde sig oförutsägbart.",
        "En påverkad person tog sig in i kontorslokalen utan besökstid.",
        "Oro efter att en klient berättat om vapen i hemmet."}},
  };
  return texts->at(category);
}

const Texts& DemoOutsideDescriptions() {
  static const auto* texts =
      new Texts{"Klienten kände igen mig i mataffären och skrek att jag förstört hans liv.",
                "En person från ett ärende stod utanför min bostad när jag kom hem.",
                "Jag blev uppsökt på busshållplatsen och anklagad för att ha tagit barnen.",
                "Hotfulla meddelanden till min privata telefon, numret hade jag inte lämnat ut.",
                "En anhörig konfronterade mig på gymmet och filmade mig."};
  return *texts;
}

const Texts& DemoPerpetratorNotes() {
  static const auto* texts = new Texts{"Tidigare känd för hot mot handläggare i andra ärenden.",
                                       "Uppgift om att personen har tillgång till vapen.",
                                       "Personen är aktuell hos flera enheter; samordning behövs.",
                                       "Påverkad vid besöket enligt kollegor.",
                                       "Har tidigare polisanmälts för liknande händelse."};
  return *texts;
}

const Texts& DemoMeasureTitles(bool serious) {
  static const auto* normal =
      new Texts{"Avlastningssamtal med närmaste chef", "Kontakt med företagshälsovården",
                "Riskbedömning inför nästa möte",      "Genomgång av larmrutiner på APT",
                "Dubbelbemanning vid kommande besök",  "Information till skyddsombud",
                "Reparation av skadad inredning"};
  static const auto* heavy = new Texts{"Polisanmälan upprättas",
                                       "Säkerhetsplan tas fram med säkerhetssamordnare",
                                       "Möten endast i säkerhetsrum",
                                       "Byte av handläggare i ärendet",
                                       "Ansökan om åtkomstskydd för personuppgifter",
                                       "Anmälan till Arbetsmiljöverket om allvarligt tillbud",
                                       "Krisstöd via företagshälsovården"};
  return serious ? *heavy : *normal;
}

const Texts& DemoNotes() {
  static const auto* texts =
      new Texts{"Avlastningssamtal genomfört samma dag.",
                "Medarbetaren har erbjudits kontakt med företagshälsovården.",
                "Polisanmälan gjord; diarienumret finns hos chefen.",
                "Händelsen tas upp som stående punkt på nästa APT.",
                "Säkerhetssamordnaren har kontaktats för råd.",
                "Medarbetaren mår bättre och vill fortsätta med ärendet.",
                "Kollegor i receptionen informerade om situationen.",
                "Skyddsombudet följer upp med enheten."};
  return *texts;
}

const Texts& DemoReopenReasons() {
  static const auto* texts = new Texts{"Ny händelse med samma person; utredningen återupptas.",
                                       "Medarbetaren har fått nya hot; åtgärderna ses över.",
                                       "Åtgärden visade sig inte räcka och behöver kompletteras."};
  return *texts;
}

}  // namespace trygg::cli
