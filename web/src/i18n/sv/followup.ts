// Swedish: after an incident (issue 4) – police report, support, authorities,
// the safety coordinator, rules and deadlines, the print view and notifications.
import type {
  Authority, CaseStatus, NoticeChannel, NotReportedReason, PoliceReporter, RuleKind, RuleState, SupportType,
} from '../../types';
import { dagar } from './core';

export const followup = {
  months: ['jan', 'feb', 'mars', 'apr', 'maj', 'juni', 'juli', 'aug', 'sep', 'okt', 'nov', 'dec'],

  caseStatus: {
    anmald: 'Anmäld',
    forundersokning: 'Förundersökning inledd',
    nedlagd: 'Förundersökningen nedlagd',
    atal: 'Åtal väckt',
    dom: 'Dom meddelad',
  } satisfies Record<CaseStatus, string>,

  policeReporter: {
    medarbetare: 'Medarbetaren (målsägande)',
    chef: 'Chefen',
  } satisfies Record<PoliceReporter, string>,

  notReportedReason: {
    medarbetaren_avstar: 'Medarbetaren avstår',
    ej_brott: 'Inte ett brott',
    underlag_saknas: 'Underlag saknas',
    annat: 'Annat skäl',
  } satisfies Record<NotReportedReason, string>,

  supportType: {
    samtal_med_chef: 'Samtal med chef',
    avlastningssamtal: 'Avlastningssamtal',
    foretagshalsovard: 'Företagshälsovård',
    krisstod: 'Krisstöd',
    juridiskt_stod: 'Juridiskt stöd',
    annat: 'Annat stöd',
  } satisfies Record<SupportType, string>,

  authority: {
    arbetsmiljoverket: 'Arbetsmiljöverket',
    forsakringskassan: 'Försäkringskassan',
  } satisfies Record<Authority, string>,

  channel: {
    e_tjanst: 'E-tjänst',
    telefon: 'Telefon',
    epost: 'E-post',
    annat: 'Annat sätt',
  } satisfies Record<NoticeChannel, string>,

  ruleKind: {
    acknowledged: 'Chefen tar emot händelsen',
    police_report: 'Polisanmälan',
    chef_reports_impersonal: 'Chefen polisanmäler brott som inte riktar sig mot en person',
    support_offered: 'Stöd erbjuds de utsatta',
    authority_notified: 'Arbetsmiljöverket underrättas',
    coordinator_consulted: 'Säkerhetssamordnaren rådfrågas',
  } satisfies Record<RuleKind, string>,

  ruleState: {
    pending: 'Pågår',
    met: 'Uppfyllt i tid',
    met_late: 'Uppfyllt för sent',
    breached: 'Regelbrott',
  } satisfies Record<RuleState, string>,

  /** "Polisanmälan ska göras inom 2 arbetsdagar": what a rule asks, `when` from rulesText. */
  ruleRequirement: {
    acknowledged: (when: string) => `Chefen ska ta emot händelsen ${when}`,
    police_report: (when: string) => `Polisanmälan ska göras ${when}`,
    chef_reports_impersonal: (when: string) =>
      `Chefen ska polisanmäla brott som inte riktar sig mot en enskild person ${when}`,
    support_offered: (when: string) => `Stöd ska erbjudas de utsatta ${when}`,
    authority_notified: (when: string) => `Arbetsmiljöverket ska underrättas ${when}`,
    coordinator_consulted: (when: string) => `Säkerhetssamordnaren ska rådfrågas ${when}`,
  } satisfies Record<RuleKind, (when: string) => string>,

  /** What is missing when a rule is broken: "Regelbrott: polisanmälan saknas". */
  ruleMissing: {
    acknowledged: 'händelsen är inte mottagen',
    police_report: 'polisanmälan saknas',
    chef_reports_impersonal: 'chefens polisanmälan saknas',
    support_offered: 'stöd har inte erbjudits',
    authority_notified: 'Arbetsmiljöverket har inte underrättats',
    coordinator_consulted: 'säkerhetssamordnaren har inte rådfrågats',
  } satisfies Record<RuleKind, string>,

  rulesText: {
    withinDays: (n: number) =>
      (n === 0 ? 'samma dag' : n === 1 ? 'inom 1 arbetsdag' : `inom ${n} arbetsdagar`),
    byDate: (date: string) => `senast ${date}`,
    pendingBy: (date: string) => `senast ${date}`,
    pending: 'inte gjort ännu',
    met: 'uppfyllt i tid',
    metLate: (date: string) => `uppfyllt för sent (${date})`,
    breachedSince: (date: string) => `försenad sedan ${date}`,
    at24: (date: string) => `${date} kl. 24:00`,
    at: (date: string, time: string) => `${date} kl. ${time}`,
    inMinutes: (n: number) => (n === 1 ? 'om 1 minut' : `om ${n} minuter`),
    inHours: (n: number) => (n === 1 ? 'om 1 timme' : `om ${n} timmar`),
    inDays: (n: number) => `om ${dagar(n)}`,
    lateMinutes: (n: number) => (n === 1 ? 'försenad 1 minut' : `försenad ${n} minuter`),
    lateHours: (n: number) => (n === 1 ? 'försenad 1 timme' : `försenad ${n} timmar`),
    lateDays: (n: number) => `försenad ${dagar(n)}`,
  },

  rules: {
    heading: 'Regelbrott och rutiner',
    lead: 'Förvaltningens rutiner som gäller för händelsen, kontrollerade nu.',
    none: 'Inga rutiner gäller för den här händelsen.',
    breachCount: (n: number) => (n === 1 ? '1 regelbrott' : `${n} regelbrott`),
  },

  police: {
    heading: 'Polisanmälan',
    notRecorded: 'Inget är registrerat om polisanmälan ännu.',
    reported: 'Anmäld',
    notReported: 'Ej anmäld',
    reportedBy: 'Anmäld av',
    reportedAt: 'Anmäld',
    caseNumber: 'Diarienummer',
    caseStatus: 'Ärendets status',
    reason: 'Skäl',
    note: 'Kommentar',
    byRole: (role: string, name: string) => `${role}: ${name}`,
    addressHint: 'Polisanmälan görs med förvaltningens adress och organisationsnummer – aldrig med en hemadress. Be polisen om åtkomstskydd för dina personuppgifter.',
    printLink: 'Skriv ut underlag för polisanmälan',
    formRecord: 'Registrera polisanmälan',
    formUpdate: 'Uppdatera polisanmälan',
    isReported: 'Är händelsen polisanmäld?',
    yesReported: 'Ja, den är anmäld',
    noNotReported: 'Nej, den anmäls inte',
    reporter: 'Vem gjorde anmälan?',
    ownReport: 'Du registrerar din egen anmälan som målsägande.',
    reportedPerson: 'Målsägande som anmälde',
    when: 'När gjordes anmälan?',
    caseNumberHint: 'Polisens diarienummer, t.ex. 5000-K123456-26. Kan fyllas i senare.',
    reasonLegend: 'Varför anmäls den inte?',
    save: 'Spara polisanmälan',
    saved: 'Polisanmälan är sparad.',
    missingReason: 'Välj varför händelsen inte anmäls.',
    missingWhen: 'Ange när anmälan gjordes.',
    missingPerson: 'Välj vem som anmälde.',
    impersonalHint: 'Brottet riktar sig inte mot en enskild person – chefen gör anmälan.',
  },

  support: {
    heading: 'Stöd',
    lead: 'Stödinsatser för de utsatta eller hela arbetsgruppen.',
    none: 'Inget stöd registrerat ännu.',
    forWhom: 'För',
    wholeGroup: 'Hela arbetsgruppen',
    owner: 'Ansvarig för stödet',
    due: 'Erbjuds senast',
    followUp: 'Följs upp',
    noFollowUp: 'Ingen uppföljning planerad',
    addHeading: 'Nytt stöd',
    type: 'Typ av stöd',
    person: 'Vem gäller stödet?',
    add: 'Lägg till stöd',
    added: 'Stödet är tillagt.',
    done: 'Stödet är markerat som genomfört.',
    markDone: 'Markera som genomfört',
    markDoneLabel: (type: string) => `Markera som genomfört: ${type}`,
    missing: 'Välj typ av stöd, vem det gäller, ansvarig och datum.',
    followUpHint: 'Datum då ni stämmer av hur stödet fungerade.',
    hidden: 'Person (visas inte för dig)',
  },

  authorities: {
    heading: 'Myndigheter',
    avTitle: 'Arbetsmiljöverket – allvarligt tillbud',
    avRequired: 'Händelsen är allvarlig och ska anmälas till Arbetsmiljöverket samma dag.',
    avNotRequired: 'Händelsen är inte bedömd som allvarlig. Arbetsmiljöverket behöver inte underrättas.',
    fkTitle: 'Försäkringskassan – arbetsskadeanmälan',
    fkRequired: 'Någon skadades. Gör en arbetsskadeanmälan till Försäkringskassan.',
    where: 'Anmäl via anmalarbetsskada.se (Arbetsmiljöverkets och Försäkringskassans gemensamma e-tjänst).',
    dueBy: (when: string) => `Senast ${when}`,
    notified: (when: string, channel: string) => `Underrättad ${when} via ${channel.toLocaleLowerCase('sv')}`,
    reference: 'Referens',
    recordedBy: (name: string, when: string) => `Registrerat av ${name} ${when}`,
    onTime: 'I tid',
    late: 'För sent',
    notifiedAt: 'När underrättades myndigheten?',
    channel: 'Hur?',
    referenceLabel: 'Myndighetens referens eller ärendenummer',
    record: 'Registrera underrättelse',
    recordAv: 'Registrera underrättelse till Arbetsmiljöverket',
    recordFk: 'Registrera arbetsskadeanmälan',
    change: 'Ändra',
    saved: 'Underrättelsen är registrerad.',
    missing: 'Ange tidpunkt och sätt.',
  },

  coordinator: {
    heading: 'Säkerhetssamordnare och brottstyp',
    consulted: (when: string) => `Säkerhetssamordnaren rådfrågades ${when}.`,
    notConsulted: 'Säkerhetssamordnaren har inte rådfrågats.',
    markConsulted: 'Säkerhetssamordnaren har rådfrågats',
    consultedSaved: 'Registrerat att säkerhetssamordnaren har rådfrågats.',
    notAimed: 'Brottet riktar sig inte mot en enskild person',
    notAimedHint: 'Till exempel hot mot hela förvaltningen eller skadegörelse. Då gör chefen polisanmälan.',
    saveAimed: 'Spara',
  },

  printView: {
    title: (id: number) => `Underlag för polisanmälan – händelse ${id}`,
    heading: 'Underlag för polisanmälan',
    back: 'Tillbaka till händelsen',
    print: 'Skriv ut',
    reminderTitle: 'Viktigt när du gör anmälan',
    reminder1: 'Uppge förvaltningens adress och organisationsnummer – aldrig din hemadress.',
    reminder2: 'Be polisen om åtkomstskydd för dina personuppgifter.',
    reminder3: 'Du som utsattes är målsägande. Chefen kan följa med eller göra anmälan åt dig.',
    organisation: 'Arbetsgivare (används som adress)',
    noOrganisation: 'Förvaltningens kontaktuppgifter saknas. Be en administratör fylla i dem under Admin → Kontaktuppgifter.',
    legalName: 'Namn',
    orgNumber: 'Organisationsnummer',
    address: 'Adress',
    phone: 'Telefon',
    email: 'E-post',
    injuredParties: 'Målsägande',
    noInjured: 'Inga utsatta angivna.',
    incident: 'Händelsen',
    reporterRole: 'Anmälan görs av',
    generatedAt: (when: string) => `Utskrivet ur Trygg ${when}.`,
  },

  notifications: {
    title: 'Aviseringar',
    link: 'Aviseringar',
    linkLabel: (n: number) =>
      (n === 0 ? 'Aviseringar, inga olästa' : n === 1 ? 'Aviseringar, 1 oläst' : `Aviseringar, ${n} olästa`),
    unreadCount: (n: number) => (n === 0 ? 'Inga olästa' : n === 1 ? '1 oläst' : `${n} olästa`),
    intro: 'Det som hänt i händelser du följer. Öppna en avisering för att se händelsen.',
    empty: 'Inga aviseringar.',
    unread: 'Oläst',
    markAll: 'Markera alla som lästa',
    allRead: (n: number) => (n === 1 ? '1 avisering markerad som läst.' : `${n} aviseringar markerade som lästa.`),
    more: 'Visa äldre',
    incident: (id: number) => `Händelse ${id}`,
    newIncident: (unit: string) => `Ny händelse i ${unit}`,
    seriousIncident: (unit: string) => `Allvarlig händelse i ${unit}`,
    measureAssigned: 'Du är ansvarig för en ny åtgärd',
    deadlineNear: 'Åtgärd ska snart vara klar',
    deadlinePassed: 'Åtgärd försenad',
    policeStatus: (status: string) => `Polisärendet har ändrat status: ${status}`,
    ruleBreached: (missing: string) => `Regelbrott: ${missing}`,
    escalation: (missing: string) => `Eskalering: ${missing}`,
    routineReminder: 'Påminnelse: bekräfta att du har läst en rutin',
    routineEscalation: (missing: number | null) =>
      (missing === null
        ? 'Eskalering: medarbetare har inte bekräftat en rutin'
        : missing === 1
          ? 'Eskalering: 1 medarbetare har inte bekräftat en rutin'
          : `Eskalering: ${missing} medarbetare har inte bekräftat en rutin`),
    findingDue: 'Åtgärd från en övning försenad',
    anyUnit: 'din enhet',
    other: 'Ny avisering',
  },
};

export type FollowupDict = typeof followup;
