// Swedish: the app shell, shared labels and codes, logging in, the start page,
// reporting an incident, the incident list and error messages.
import type {
  Category, InboxReason, Injury, MeasureStatus, PerpetratorRelation, PlaceType, Role, Status, UnitKind,
} from '../../types';

export interface InformedPerson {
  role: string;
  name: string;
}

const joinSv = (parts: string[]) =>
  parts.length <= 1 ? parts.join('') : `${parts.slice(0, -1).join(', ')} och ${parts[parts.length - 1]}`;

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

export const dagar = (n: number) => (n === 1 ? '1 dag' : `${n} dagar`);

export const core = {
  locale: 'sv-SE',
  appName: 'Trygg',
  tagline: 'Stöd vid hot och våld i arbetet',

  common: {
    loading: 'Laddar …',
    save: 'Spara',
    saving: 'Sparar …',
    cancel: 'Avbryt',
    close: 'Stäng',
    yes: 'Ja',
    no: 'Nej',
    none: 'Inget valt',
    notSet: 'Inte angivet',
    all: 'Alla',
    back: 'Tillbaka',
    retry: 'Försök igen',
    optional: '(valfritt)',
    required: '(obligatoriskt)',
    search: 'Sök',
    error: 'Något gick fel',
    pageNotFound: 'Sidan finns inte',
    pageNotFoundText: 'Sidan du letar efter finns inte eller har flyttats.',
    toStart: 'Till startsidan',
    choose: 'Välj …',
    saved: 'Sparat.',
  },

  layout: {
    skipLink: 'Hoppa till innehållet',
    mainNav: 'Huvudmeny',
    language: 'Språk',
    languageSwitch: 'In English',
    languageSwitchLabel: 'Byt språk till engelska',
    loggedInAs: (name: string) => `Inloggad som ${name}`,
    logout: 'Logga ut',
    pageTitle: (page: string) => `${page} – Trygg`,
  },

  nav: {
    start: 'Start',
    report: 'Rapportera händelse',
    myReports: 'Mina rapporter',
    incidents: 'Händelser',
    inbox: 'Att hantera',
    admin: 'Admin',
    notifications: 'Aviseringar',
  },

  category: {
    hot: 'Hot',
    vald: 'Våld',
    trakasserier: 'Trakasserier',
    otillaten_paverkan: 'Otillåten påverkan',
    forolampning: 'Förolämpning mot tjänsteman',
    skadegorelse: 'Skadegörelse',
    stold_inbrott: 'Stöld/inbrott',
    annat: 'Annat',
  } satisfies Record<Category, string>,

  place: {
    reception: 'Reception',
    besoksrum: 'Besöksrum',
    hembesok: 'Hembesök',
    telefon: 'Telefon',
    digitalt: 'Digitalt/sociala medier',
    utanfor_arbetsplatsen: 'Utanför arbetsplatsen',
    annat: 'Annat',
  } satisfies Record<PlaceType, string>,

  relation: {
    brukare: 'Brukare/klient',
    anhorig: 'Anhörig',
    okand: 'Okänd',
    annan: 'Annan',
  } satisfies Record<PerpetratorRelation, string>,

  injury: {
    ingen: 'Ingen skada',
    lindrig: 'Lindrig skada',
    allvarlig: 'Allvarlig skada',
  } satisfies Record<Injury, string>,

  status: {
    ny: 'Ny',
    mottagen: 'Mottagen',
    utreds: 'Utreds',
    avslutad: 'Avslutad',
  } satisfies Record<Status, string>,

  measureStatus: {
    oppen: 'Öppen',
    klar: 'Klar',
  } satisfies Record<MeasureStatus, string>,

  role: {
    medarbetare: 'Medarbetare',
    chef: 'Chef',
    skyddsombud: 'Skyddsombud',
    sakerhetssamordnare: 'Säkerhetssamordnare',
    analytiker: 'Analytiker',
    admin: 'Administratör',
  } satisfies Record<Role, string>,

  unitKind: {
    kommun: 'Kommun',
    forvaltning: 'Förvaltning',
    avdelning: 'Avdelning',
    enhet: 'Enhet',
  } satisfies Record<UnitKind, string>,

  severity: {
    1: 'Lindrig',
    2: 'Måttlig',
    3: 'Allvarlig',
    4: 'Mycket allvarlig',
  } as Record<number, string>,
  severityLabel: (text: string) => `Allvarlighet: ${text}`,

  inboxReason: {
    new: 'Nya att ta emot',
    serious: 'Allvarliga',
    overdue_measure: 'Försenade åtgärder',
    my_measure: 'Mina åtgärder',
    rule_breach: 'Regelbrott',
    escalation: 'Eskaleringar',
  } satisfies Record<InboxReason, string>,

  deadline: {
    dueToday: 'i dag',
    dueTomorrow: 'i morgon',
    dueInDays: (n: number) => `om ${dagar(n)}`,
    overdueDays: (n: number) => `försenad ${dagar(n)}`,
    dueDate: (date: string) => `Sista dag ${date}`,
    doneOn: (date: string) => `klar ${date}`,
  },

  informed: (people: InformedPerson[]): string => {
    if (people.length === 0) return 'Din rapport är sparad.';
    const phrase = (p: InformedPerson) => {
      switch (p.role) {
        case 'chef':
          return `din chef ${p.name}`;
        case 'skyddsombud':
          return `skyddsombudet ${p.name}`;
        case 'sakerhetssamordnare':
          return `säkerhetssamordnaren ${p.name}`;
        default:
          return p.name;
      }
    };
    return `${capitalise(joinSv(people.map(phrase)))} har fått din rapport.`;
  },

  login: {
    title: 'Logga in',
    intro: 'Logga in med ditt användarnamn och lösenord.',
    username: 'Användarnamn',
    password: 'Lösenord',
    submit: 'Logga in',
    submitting: 'Loggar in …',
    failed: 'Fel användarnamn eller lösenord.',
    throttled: 'För många försök. Vänta en stund och försök igen.',
    expired: 'Du har loggats ut. Logga in igen för att fortsätta.',
    missing: 'Fyll i användarnamn och lösenord.',
  },

  start: {
    title: 'Start',
    greeting: (name: string) => `Hej ${name}`,
    reportLead: 'Har du blivit utsatt för hot, våld eller trakasserier? Rapportera – det tar en minut.',
    myReportsLead: 'Se dina rapporter och vad som händer med dem.',
    inboxHeading: 'Att hantera',
    areaHeading: 'Händelser i mitt område',
    areaLead: 'Händelser i de enheter du är skyddsombud för. Uppgifter om gärningsperson visas inte.',
    showAllArea: 'Visa alla händelser',
    analystHeading: 'Statistik',
    analystNote: 'Statistik och nyckeltal kommer i en senare version av Trygg.',
    adminHeading: 'Administration',
    adminLead: 'Organisation, användare och roller.',
    toAdmin: 'Gå till administration',
    shortcuts: 'Genvägar',
  },

  report: {
    title: 'Rapportera händelse',
    intro: 'Bara typ av händelse och tidpunkt behövs. Fyll i mer om du kan.',
    category: 'Vad hände?',
    when: 'När hände det?',
    whenHint: 'Svensk tid. Lämna som det är om det hände nyss.',
    setNow: 'Nu',
    setNowLabel: 'Sätt tiden till nu',
    place: 'Var hände det?',
    unit: 'Enhet',
    unitHint: 'Den enhet händelsen hör till. Förvalt är din egen enhet.',
    exposed: 'Vem blev utsatt?',
    exposedMe: 'Jag blev utsatt',
    colleagues: 'Kollegor som också blev utsatta',
    colleagueSearch: 'Sök kollega',
    colleagueSearchHint: 'Skriv några bokstäver i namnet.',
    colleagueNoMatch: 'Ingen kollega matchar.',
    colleagueMore: (n: number) => `${n} till – skriv mer av namnet för att se dem.`,
    selectedColleagues: 'Valda kollegor',
    removeColleague: (name: string) => `Ta bort ${name}`,
    circumstances: 'Omständigheter',
    outsideWorkplace: 'Hände utanför arbetsplatsen',
    tiedToRole: 'Hade samband med min yrkesroll',
    weapon: 'Vapen eller tillhygge förekom',
    deathThreat: 'Allvarligt dödshot',
    injury: 'Skada',
    severity: 'Hur allvarligt var det?',
    severityUnknown: 'Vet inte',
    severityRaised: 'Vapen, dödshot eller allvarlig skada gör händelsen minst Allvarlig.',
    description: 'Beskriv vad som hände',
    descriptionHint: 'Skriv kort med egna ord. Undvik personnummer.',
    perpetrator: 'Den som utsatte dig',
    relation: 'Relation till verksamheten',
    relationUnknown: 'Vill inte ange',
    perpetratorNote: 'Anteckning om personen',
    perpetratorNoteHint: 'Syns bara för chef och säkerhetssamordnare.',
    sensitive: 'Känslig händelse',
    sensitiveHint: 'Då ser bara din närmaste chef och säkerhetssamordnaren detaljerna – t.ex. om händelsen rör en kollega.',
    submit: 'Skicka rapport',
    submitting: 'Skickar …',
    draftSaved: 'Utkastet sparas automatiskt på den här enheten.',
    draftRestored: 'Vi har återställt ditt osparade utkast.',
    discardDraft: 'Rensa formuläret',
    missingCategory: 'Välj vad som hände.',
    missingWhen: 'Ange när det hände.',
    invalidWhen: 'Tidpunkten är inte giltig.',
    futureWhen: 'Tidpunkten kan inte vara i framtiden.',
    fixErrors: 'Rätta följande:',
    confirmTitle: 'Tack – din rapport är skickad',
    confirmNext: 'Ta hand om dig. Prata gärna med din chef eller en kollega om det som hänt.',
    viewReport: 'Visa rapporten',
    reportAnother: 'Rapportera en till händelse',
  },

  list: {
    myTitle: 'Mina rapporter',
    title: 'Händelser',
    filters: 'Filter',
    status: 'Status',
    category: 'Typ',
    unit: 'Enhet',
    from: 'Från datum',
    to: 'Till datum',
    apply: 'Visa',
    reset: 'Rensa filter',
    count: (total: number) => (total === 1 ? '1 händelse' : `${total} händelser`),
    showing: (from: number, to: number, total: number) => `Visar ${from}–${to} av ${total}`,
    empty: 'Inga händelser att visa.',
    emptyFiltered: 'Inga händelser matchar filtren.',
    previous: 'Föregående',
    next: 'Nästa',
    pagination: 'Sidor',
    sensitive: 'Känslig',
    openMeasures: (n: number) => (n === 1 ? '1 öppen åtgärd' : `${n} öppna åtgärder`),
    occurred: 'Inträffade',
    reportButton: 'Rapportera händelse',
  },

  errors: {
    network: 'Kunde inte nå servern. Kontrollera uppkopplingen och försök igen.',
    server: 'Något gick fel på servern. Försök igen om en stund.',
    forbidden: 'Du har inte behörighet att göra det här.',
    notFound: 'Hittades inte, eller så har du inte behörighet att se den.',
    conflict: 'Någon annan har ändrat uppgifterna. Ladda om och försök igen.',
    tooLarge: 'Texten är för lång.',
    throttled: 'För många försök. Vänta en stund och försök igen.',
    invalid: 'Uppgifterna är inte giltiga.',
    unavailable: 'Tjänsten är tillfälligt otillgänglig.',
  },
};

export type CoreDict = typeof core;
