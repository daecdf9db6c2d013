// Enhetsuppgifter: headcount, secure rooms, a full-time coordinator and when
// the alarm was last tested, per unit (PUT /unit-profiles/{unit_id}). For an
// admin (every unit) and a säkerhetssamordnare (the units covered).
import { useState } from 'preact/hooks';
import { ErrorMessage, Loading } from '../Alert';
import { Checkbox, SelectField, TextField } from '../Field';
import { UnitOptions } from '../UnitOptions';
import { loadUnits } from '../../data';
import { useAction, useLoad } from '../../hooks';
import { useT } from '../../i18n';
import { editableUnits, profileFormFrom, profileRequest, putUnitProfile, type ProfileForm } from '../../routines';
import { useSession } from '../../session';
import type { UnitProfile } from '../../stats';
import { getStatsUnitProfiles } from '../../statsApi';
import { formatDateTime } from '../../time';
import { coveredUnitIds } from '../../plans';
import '../../styles/routines.css';

function ProfileEditor({ unitId, profile, onSaved }: {
  unitId: number; profile: UnitProfile | undefined; onSaved: (p: UnitProfile) => void;
}) {
  const t = useT();
  const w = t.unitProfiles;
  const [form, setForm] = useState<ProfileForm>(() => profileFormFrom(profile));
  const [bad, setBad] = useState<string[]>([]);
  const { busy, error, run } = useAction();
  const set = <K extends keyof ProfileForm>(k: K) => (v: ProfileForm[K]) => setForm((f) => ({ ...f, [k]: v }));

  const save = (e: Event) => {
    e.preventDefault();
    const r = profileRequest(form);
    if (!r.ok) {
      setBad(r.fields);
      const id = { headcount: 'profile-headcount', secureRooms: 'profile-rooms', alarmTestedAt: 'profile-alarm' }[r.fields[0]!];
      document.getElementById(id)?.focus();
      return;
    }
    setBad([]);
    void run(async () => onSaved(await putUnitProfile(unitId, r.body)));
  };

  return (
    <form class="stack profile-form" onSubmit={save} noValidate data-testid="profile-form">
      <p class="muted">{profile ? w.updated(formatDateTime(profile.updated_at)) : w.notSet}</p>
      <TextField id="profile-headcount" label={w.headcount} inputMode="numeric" value={form.headcount}
        onValue={set('headcount')} error={bad.includes('headcount') ? w.badNumber : null} required />
      <TextField id="profile-rooms" label={w.secureRooms} inputMode="numeric" value={form.secureRooms}
        onValue={set('secureRooms')} error={bad.includes('secureRooms') ? w.badNumber : null} />
      <Checkbox id="profile-coordinator" label={w.coordinatorFullTime} checked={form.coordinatorFullTime}
        onChange={set('coordinatorFullTime')} />
      <TextField id="profile-alarm" label={w.alarmTestedAt} type="date" value={form.alarmTestedAt}
        onValue={set('alarmTestedAt')} error={bad.includes('alarmTestedAt') ? w.badDate : null} optional={t.common.optional} />
      <ErrorMessage>{error}</ErrorMessage>
      <div>
        <button type="submit" class="button button--primary" aria-disabled={busy ? 'true' : undefined}>{w.save}</button>
      </div>
    </form>
  );
}

/** The editor with its unit picker; `onChanged` gets a message for the page's live region. */
export function UnitProfiles({ onChanged }: { onChanged: (message: string) => void }) {
  const t = useT();
  const w = t.unitProfiles;
  const { me } = useSession();
  const units = useLoad(loadUnits, []);
  const profiles = useLoad(getStatsUnitProfiles, []);
  const [unit, setUnit] = useState('');

  let mine = units.data ?? [];
  if (units.data && !me.roles.includes('admin')) {
    const ids = coveredUnitIds(units.data, me, 'sakerhetssamordnare');
    mine = units.data.filter((u) => ids.has(u.id));
  } else if (units.data) {
    mine = editableUnits(units.data, me, { admin: true });
  }
  const profile = profiles.data?.find((p) => String(p.unit_id) === unit);

  return (
    <section aria-labelledby="profiles-heading" data-testid="unit-profiles">
      <h2 id="profiles-heading">{w.title}</h2>
      <p class="section-lead">{w.lead}</p>
      <ErrorMessage>{units.error ?? profiles.error}</ErrorMessage>
      {(!units.data || !profiles.data) && !units.error && !profiles.error && <Loading />}
      {units.data && profiles.data && (
        <>
          <SelectField id="profile-unit" label={w.unit} value={unit} onValue={(v) => { onChanged(''); setUnit(v); }}>
            <option value="">{w.chooseUnit}</option>
            <UnitOptions units={mine} kinds={['forvaltning', 'avdelning', 'enhet']} />
          </SelectField>
          {unit && (
            <ProfileEditor key={unit} unitId={Number(unit)} profile={profile} onSaved={(p) => {
              profiles.setData([...(profiles.data ?? []).filter((x) => x.unit_id !== p.unit_id), p]);
              onChanged(w.saved);
            }} />
          )}
        </>
      )}
    </section>
  );
}
