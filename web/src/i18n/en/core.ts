// English: the app shell, shared labels and codes, logging in, the start page,
// reporting an incident, the incident list and error messages. Same shape as sv/core.ts.
import type { CoreDict, InformedPerson } from '../sv/core';

const joinEn = (parts: string[]) =>
  parts.length <= 1 ? parts.join('') : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

export const days = (n: number) => (n === 1 ? '1 day' : `${n} days`);

export const core: CoreDict = {
  locale: 'en-GB',
  appName: 'Trygg',
  tagline: 'Support with threats and violence at work',

  common: {
    loading: 'Loading …',
    save: 'Save',
    saving: 'Saving …',
    cancel: 'Cancel',
    close: 'Close',
    yes: 'Yes',
    no: 'No',
    none: 'Nothing selected',
    notSet: 'Not given',
    all: 'All',
    back: 'Back',
    retry: 'Try again',
    optional: '(optional)',
    required: '(required)',
    search: 'Search',
    error: 'Something went wrong',
    pageNotFound: 'Page not found',
    pageNotFoundText: 'The page you are looking for does not exist or has moved.',
    toStart: 'Go to the start page',
    choose: 'Choose …',
    saved: 'Saved.',
  },

  layout: {
    skipLink: 'Skip to content',
    mainNav: 'Main menu',
    language: 'Language',
    languageSwitch: 'På svenska',
    languageSwitchLabel: 'Change language to Swedish',
    loggedInAs: (name: string) => `Signed in as ${name}`,
    logout: 'Sign out',
    pageTitle: (page: string) => `${page} – Trygg`,
  },

  nav: {
    start: 'Start',
    report: 'Report an incident',
    myReports: 'My reports',
    incidents: 'Incidents',
    inbox: 'To handle',
    admin: 'Admin',
    notifications: 'Notifications',
  },

  category: {
    hot: 'Threat',
    vald: 'Violence',
    trakasserier: 'Harassment',
    otillaten_paverkan: 'Undue influence',
    forolampning: 'Insulting a public official',
    skadegorelse: 'Vandalism',
    stold_inbrott: 'Theft/burglary',
    annat: 'Other',
  },

  place: {
    reception: 'Reception',
    besoksrum: 'Meeting room',
    hembesok: 'Home visit',
    telefon: 'Telephone',
    digitalt: 'Online/social media',
    utanfor_arbetsplatsen: 'Outside the workplace',
    annat: 'Other',
  },

  relation: {
    brukare: 'Client',
    anhorig: 'Relative',
    okand: 'Unknown',
    annan: 'Other',
  },

  injury: {
    ingen: 'No injury',
    lindrig: 'Minor injury',
    allvarlig: 'Serious injury',
  },

  status: {
    ny: 'New',
    mottagen: 'Received',
    utreds: 'Under investigation',
    avslutad: 'Closed',
  },

  measureStatus: {
    oppen: 'Open',
    klar: 'Done',
  },

  role: {
    medarbetare: 'Employee',
    chef: 'Manager',
    skyddsombud: 'Safety representative',
    sakerhetssamordnare: 'Security coordinator',
    analytiker: 'Analyst',
    admin: 'Administrator',
  },

  unitKind: {
    kommun: 'Municipality',
    forvaltning: 'Administration',
    avdelning: 'Department',
    enhet: 'Unit',
  },

  severity: {
    1: 'Minor',
    2: 'Moderate',
    3: 'Serious',
    4: 'Very serious',
  },
  severityLabel: (text: string) => `Severity: ${text}`,

  inboxReason: {
    new: 'New, to receive',
    serious: 'Serious',
    overdue_measure: 'Overdue measures',
    my_measure: 'My measures',
    rule_breach: 'Rule breaches',
    escalation: 'Escalations',
  },

  deadline: {
    dueToday: 'due today',
    dueTomorrow: 'due tomorrow',
    dueInDays: (n: number) => `in ${days(n)}`,
    overdueDays: (n: number) => `${days(n)} overdue`,
    dueDate: (date: string) => `Due ${date}`,
    doneOn: (date: string) => `done ${date}`,
  },

  informed: (people: InformedPerson[]): string => {
    if (people.length === 0) return 'Your report has been saved.';
    const phrase = (p: InformedPerson) => {
      switch (p.role) {
        case 'chef':
          return `your manager ${p.name}`;
        case 'skyddsombud':
          return `the safety representative ${p.name}`;
        case 'sakerhetssamordnare':
          return `the security coordinator ${p.name}`;
        default:
          return p.name;
      }
    };
    const verb = people.length === 1 ? 'has' : 'have';
    return `${capitalise(joinEn(people.map(phrase)))} ${verb} received your report.`;
  },

  login: {
    title: 'Sign in',
    intro: 'Sign in with your username and password.',
    username: 'Username',
    password: 'Password',
    submit: 'Sign in',
    submitting: 'Signing in …',
    failed: 'Wrong username or password.',
    throttled: 'Too many attempts. Please wait a while and try again.',
    expired: 'You have been signed out. Sign in again to continue.',
    missing: 'Enter your username and password.',
  },

  start: {
    title: 'Start',
    greeting: (name: string) => `Hello ${name}`,
    reportLead: 'Have you been threatened, attacked or harassed? Report it – it takes a minute.',
    myReportsLead: 'See your reports and what is happening with them.',
    inboxHeading: 'To handle',
    areaHeading: 'Incidents in my area',
    areaLead: 'Incidents in the units you are safety representative for. Details about perpetrators are not shown.',
    showAllArea: 'Show all incidents',
    analystHeading: 'Statistics',
    analystNote: 'Statistics and key figures will come in a later version of Trygg.',
    adminHeading: 'Administration',
    adminLead: 'Organisation, users and roles.',
    toAdmin: 'Go to administration',
    shortcuts: 'Shortcuts',
  },

  report: {
    title: 'Report an incident',
    intro: 'Only the type of incident and the time are needed. Add more if you can.',
    category: 'What happened?',
    when: 'When did it happen?',
    whenHint: 'Swedish time. Leave it as it is if it just happened.',
    setNow: 'Now',
    setNowLabel: 'Set the time to now',
    place: 'Where did it happen?',
    unit: 'Unit',
    unitHint: 'The unit the incident belongs to. Your own unit is preselected.',
    exposed: 'Who was exposed?',
    exposedMe: 'I was exposed',
    colleagues: 'Colleagues who were also exposed',
    colleagueSearch: 'Search colleague',
    colleagueSearchHint: 'Type a few letters of the name.',
    colleagueNoMatch: 'No colleague matches.',
    colleagueMore: (n: number) => `${n} more – type more of the name to see them.`,
    selectedColleagues: 'Selected colleagues',
    removeColleague: (name: string) => `Remove ${name}`,
    circumstances: 'Circumstances',
    outsideWorkplace: 'Happened outside the workplace',
    tiedToRole: 'Was connected to my professional role',
    weapon: 'A weapon or object was used',
    deathThreat: 'Serious death threat',
    injury: 'Injury',
    severity: 'How serious was it?',
    severityUnknown: 'Don’t know',
    severityRaised: 'A weapon, a death threat or a serious injury make the incident at least Serious.',
    description: 'Describe what happened',
    descriptionHint: 'Keep it short, in your own words. Avoid personal identity numbers.',
    perpetrator: 'The person who exposed you',
    relation: 'Relation to the service',
    relationUnknown: 'Prefer not to say',
    perpetratorNote: 'Note about the person',
    perpetratorNoteHint: 'Only visible to managers and security coordinators.',
    sensitive: 'Sensitive incident',
    sensitiveHint: 'Then only your nearest manager and the security coordinator see the details – e.g. when it concerns a colleague.',
    submit: 'Send report',
    submitting: 'Sending …',
    draftSaved: 'The draft is saved automatically on this device.',
    draftRestored: 'We have restored your unsent draft.',
    discardDraft: 'Clear the form',
    missingCategory: 'Choose what happened.',
    missingWhen: 'Enter when it happened.',
    invalidWhen: 'The time is not valid.',
    futureWhen: 'The time cannot be in the future.',
    fixErrors: 'Please correct the following:',
    confirmTitle: 'Thank you – your report has been sent',
    confirmNext: 'Take care of yourself. Consider talking to your manager or a colleague about what happened.',
    viewReport: 'View the report',
    reportAnother: 'Report another incident',
  },

  list: {
    myTitle: 'My reports',
    title: 'Incidents',
    filters: 'Filters',
    status: 'Status',
    category: 'Type',
    unit: 'Unit',
    from: 'From date',
    to: 'To date',
    apply: 'Show',
    reset: 'Clear filters',
    count: (total: number) => (total === 1 ? '1 incident' : `${total} incidents`),
    showing: (from: number, to: number, total: number) => `Showing ${from}–${to} of ${total}`,
    empty: 'No incidents to show.',
    emptyFiltered: 'No incidents match the filters.',
    previous: 'Previous',
    next: 'Next',
    pagination: 'Pages',
    sensitive: 'Sensitive',
    openMeasures: (n: number) => (n === 1 ? '1 open measure' : `${n} open measures`),
    occurred: 'Occurred',
    reportButton: 'Report an incident',
  },

  errors: {
    network: 'Could not reach the server. Check your connection and try again.',
    server: 'Something went wrong on the server. Please try again shortly.',
    forbidden: 'You are not allowed to do this.',
    notFound: 'Not found, or you are not allowed to see it.',
    conflict: 'Someone else has changed this. Reload and try again.',
    tooLarge: 'The text is too long.',
    throttled: 'Too many attempts. Please wait a while and try again.',
    invalid: 'The details are not valid.',
    unavailable: 'The service is temporarily unavailable.',
  },
};
