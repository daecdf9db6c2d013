// Swedish: before a risky meeting (issue 5) – risk assessments (riskbedömning
// inför särskilda riskmoment) and the knowledge bank (kunskapsbank).
import type { AssessmentStatus, MeetingType, RiskLevel, SubjectKind } from '../../types';

const countIncidents = (n: number) => (n === 1 ? '1 tidigare händelse' : `${n} tidigare händelser`);

export const risk = {
  risk: {
    nav: 'Riskbedömningar',
    title: 'Riskbedömningar',
    lead: 'Inför ett möte eller hembesök med särskild risk: bedöm risken, besluta åtgärder och följ upp efteråt.',
    newButton: 'Ny riskbedömning',
    status: 'Status',
    filter: 'Visa',
    count: (n: number) => (n === 1 ? '1 riskbedömning' : `${n} riskbedömningar`),
    empty: 'Inga riskbedömningar ännu.',
    emptyFiltered: 'Inga riskbedömningar med den statusen.',
    detailTitle: (id: number) => `Riskbedömning ${id}`,
    back: 'Tillbaka till riskbedömningar',

    statuses: {
      oppen: 'Öppen',
      beslutad: 'Beslutad',
      uppfoljd: 'Uppföljd',
    } satisfies Record<AssessmentStatus, string>,

    levels: {
      lag: 'Låg',
      forhojd: 'Förhöjd',
      hog: 'Hög',
      mycket_hog: 'Mycket hög',
    } satisfies Record<RiskLevel, string>,
    /** "Risknivå: Hög" – the level badge's full name. */
    levelLabel: (level: string) => `Risknivå: ${level}`,

    meetingTypes: {
      negativt_beslut: 'Besked om negativt beslut',
      tvangsatgard: 'Tvångsåtgärd (LVU/LVM)',
      klient_med_hotbild: 'Möte med klient med känd hotbild',
      hembesok: 'Hembesök',
      annat: 'Annat',
    } satisfies Record<MeetingType, string>,

    subjectKinds: {
      personnummer: 'Personnummer',
      samordningsnummer: 'Samordningsnummer',
      arendenummer: 'Ärendenummer',
    } satisfies Record<SubjectKind, string>,

    // The form
    newTitle: 'Ny riskbedömning',
    editTitle: 'Ändra riskbedömning',
    formIntro: 'Fyll i inför mötet. Risknivån räknas ut när du sparar, och chefen beslutar om åtgärder.',
    meetingType: 'Vad gäller mötet?',
    when: 'Datum och tid för mötet',
    whenHint: 'Svensk tid.',
    unit: 'Enhet',
    unitHint: 'Enheten som håller mötet.',
    titleLabel: 'Rubrik',
    titleHint: 'Kort och utan personuppgifter, t.ex. "Beslutsmöte ekonomiskt bistånd".',
    participants: 'Deltagare från personalen',
    participantsHint: 'De som deltar kan se bedömningen och följa upp den efteråt.',
    subjectHeading: 'Personen mötet gäller',
    subjectLead: 'Ange numret om du vill veta om personen finns i tidigare händelser. Numret sparas inte i klartext och visas aldrig igen.',
    subjectKind: 'Typ av nummer',
    subjectIdentifier: 'Nummer',
    subjectIdentifierHint: 'T.ex. ÅÅÅÅMMDD-XXXX. Visas inte när du skriver.',
    subjectNamed: 'En person är angiven. Numret visas inte. Skriv ett nytt nummer för att byta person.',
    subjectRemove: 'Ta bort kopplingen till personen',
    factorsHeading: 'Riskfaktorer',
    factorsLead: 'Svara ja eller nej på varje fråga. En fråga du inte svarar på räknas som nej.',
    templateVersion: (v: number) => (v === 0 ? 'Standardmallen' : `Förvaltningens mall, version ${v}`),
    save: 'Spara och bedöm risken',
    saveChanges: 'Spara ändringar',
    cancel: 'Avbryt',
    missingMeetingType: 'Välj vad mötet gäller.',
    missingWhen: 'Ange datum och tid för mötet.',
    invalidWhen: 'Datum och tid är inte giltiga.',
    missingTitle: 'Skriv en rubrik.',
    missingUnit: 'Välj enhet.',

    // The detail
    created: 'Riskbedömningen är sparad.',
    meeting: 'Mötet',
    eventAt: 'Datum och tid',
    createdBy: 'Upprättad av',
    personNamed: 'Personen',
    personNamedYes: 'Angiven (numret visas inte)',
    personNamedNo: 'Inte angiven',
    noParticipants: 'Inga angivna',
    edit: 'Ändra riskbedömningen',
    levelHeading: 'Risknivå',
    why: (text: string) => `Varför: ${text}`,
    reasons: 'Det här påverkade nivån',
    noReasons: 'Inga riskfaktorer besvarades med ja.',
    historyHeading: 'Tidigare händelser',
    /** The warning when the named person has earlier incidents (parts built by historyWarning). */
    historyInScope: (n: number, latest: string, highest: number, units: string[]) =>
      `Personen har ${countIncidents(n)}` +
      (latest ? `, senast ${latest}` : '') +
      (highest > 0 ? `, högsta allvarlighetsgrad ${highest}` : '') +
      (units.length > 0 ? `, i: ${units.join(', ')}` : ''),
    historyElsewhereOnly: (n: number) => `Personen har ${countIncidents(n)} på enheter du inte har insyn i`,
    historyElsewhere: (n: number) => `${n} på enheter du inte har insyn i`,
    historyNone: 'Inga tidigare händelser är knutna till personen.',
    protectedCase: 'Skyddat ärende',
    protectedCaseText: 'Personen omfattas av en skyddad säkerhetsplan. Kontakta säkerhetssamordnaren före mötet.',

    measuresHeading: 'Åtgärder',
    proposed: 'Föreslagen',
    proposedMeasures: 'Föreslagna åtgärder',
    proposedHint: 'De föreslagna åtgärderna är förvalda. Bocka i eller ur innan du beslutar.',
    noProposed: 'Inga åtgärder föreslås på den här nivån.',
    waitingDecision: 'Chefen beslutar vilka åtgärder som gäller.',
    decisionNote: 'Kommentar till beslutet',
    decide: 'Besluta åtgärder',
    decided: 'Åtgärderna är beslutade.',
    decidedMeasures: 'Beslutade åtgärder',
    noDecidedMeasures: 'Inga åtgärder beslutades.',
    decidedBy: (name: string, when: string) => `Beslutat av ${name} ${when}.`,
    changeDecision: 'Ändra beslutet',

    followUpHeading: 'Uppföljning efter mötet',
    followUpLead: 'Berätta hur det gick och hur mycket åtgärderna hjälpte. Svaren samlas i kunskapsbanken.',
    happened: 'Hände något?',
    happenedHint: 'Hot, våld, trakasserier eller något annat som ska rapporteras.',
    reportTitle: 'Rapportera händelsen',
    reportLead: 'Rapporten fylls i med mötets enhet och tid och kopplas till riskbedömningen.',
    reportLink: 'Rapportera händelsen',
    linkedIncident: 'Rapporterad händelse',
    ratingsHeading: 'Hur mycket hjälpte åtgärderna?',
    ratings: ['Ingen nytta', 'Liten nytta', 'Viss nytta', 'Stor nytta', 'Mycket stor nytta'],
    ratingText: (n: number, label: string) => `${n} – ${label}`,
    notRated: 'Inte bedömd',
    outcomeNote: 'Hur gick mötet?',
    outcomeHint: 'Utan personuppgifter.',
    saveFollowUp: 'Spara uppföljning',
    followedUp: 'Uppföljningen är sparad.',
    missingHappened: 'Svara på om något hände.',
    followedUpBy: (name: string, when: string) => `Uppföljt av ${name} ${when}.`,
    incidentOccurred: (yes: boolean): string => (yes ? 'Något hände vid mötet.' : 'Inget hände vid mötet.'),

    // The report page, opened from an assessment
    reportFromAssessment: 'Rapporten kopplas till riskbedömningen när du skickar den.',
    reportLinked: 'Händelsen är kopplad till riskbedömningen.',
    reportLinkFailed: (msg: string) => `Händelsen är rapporterad men kunde inte kopplas till riskbedömningen: ${msg}`,
    backToAssessment: 'Tillbaka till riskbedömningen',
  },

  knowledge: {
    nav: 'Kunskapsbank',
    title: 'Kunskapsbank',
    lead: 'Vilka åtgärder hjälpte? Efter varje riskbedömt möte betygsätter deltagarna åtgärderna från 1 (ingen nytta) till 5 (mycket stor nytta).',
    scope: 'Förvaltning',
    cityWide: 'Hela kommunen',
    suppressedNote: (min: number) => `Siffror visas först när en åtgärd använts minst ${min} gånger, så att ingen enskild kan pekas ut.`,
    tableCaption: (scope: string) => `Åtgärdernas nytta – ${scope}`,
    measure: 'Åtgärd',
    uses: 'Använd',
    meanRating: 'Medelbetyg (1–5)',
    incidentShare: 'Något hände ändå',
    meetingTypes: 'Vanligaste mötestyper',
    fewerThan: (min: number) => `färre än ${min}`,
    hidden: 'visas inte',
    otherTypes: (n: number) => `övriga ${n}`,
    none: 'Inga åtgärder i mallen.',
  },
};

export type RiskDict = typeof risk;
