// Users: list, create with password, activate/deactivate, add/remove role grants.
import { useState } from 'preact/hooks';
import { addGrant, createUser, errorMessage, removeGrant, updateUser } from '../../api';
import { useT } from '../../i18n';
import { ROLES, type AdminUser, type Role, type Unit } from '../../types';
import { unitLabel } from '../../units';
import { ErrorMessage } from '../Alert';
import { SelectField, TextField } from '../Field';
import { UnitOptions } from '../UnitOptions';

interface Props {
  users: AdminUser[];
  units: Unit[];
  onChanged: (message: string) => void;
}

const ALL_KINDS: Unit['kind'][] = ['kommun', 'forvaltning', 'avdelning', 'enhet'];

function UserItem({ user, units, onChanged }: { user: AdminUser; units: Unit[]; onChanged: (m: string) => void }) {
  const t = useT();
  const [role, setRole] = useState<Role>('medarbetare');
  const [unit, setUnit] = useState(String(user.unit_id));
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const act = async (fn: () => Promise<unknown>, message: string) => {
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      await fn();
      onChanged(message);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  const toggleActive = () => act(() => updateUser(user.id, { active: !user.active }), t.common.saved);

  return (
    <li class={`user${user.active ? '' : ' user--inactive'}`}>
      <div class="user-head">
        <div>
          <h3 class="user-name">{user.display_name}</h3>
          <p class="user-meta">
            {user.username} · {user.email} · {unitLabel(units, user.unit_id)}
          </p>
        </div>
        <div class="user-side">
          <span class={`badge ${user.active ? 'badge--active' : 'badge--inactive'}`}>
            {user.active ? t.admin.active : t.admin.inactive}
          </span>
          <button type="button" class="button button--secondary button--small"
            aria-label={user.active ? t.admin.deactivateLabel(user.display_name) : t.admin.activateLabel(user.display_name)}
            onClick={toggleActive}>
            {user.active ? t.admin.deactivate : t.admin.activate}
          </button>
        </div>
      </div>
      <details class="user-details">
        <summary>{t.admin.manageUser(user.display_name)}</summary>
        <ErrorMessage>{error}</ErrorMessage>
        <h4 class="user-subheading">{t.admin.grants}</h4>
        {user.grants.length === 0 ? <p class="muted">{t.admin.noGrants}</p> : (
          <ul class="grant-list">
            {user.grants.map((g) => {
              const roleText = t.role[g.role] ?? g.role;
              const unitText = unitLabel(units, g.unit_id);
              return (
                <li key={g.id} class="grant">
                  <span>{t.admin.grantOn(roleText, unitText)}</span>
                  <button type="button" class="button button--quiet button--small"
                    aria-label={t.admin.removeGrantLabel(roleText, unitText)}
                    onClick={() => act(() => removeGrant(user.id, g.id), t.common.saved)}>
                    {t.admin.removeGrant}
                  </button>
                </li>
              );
            })}
          </ul>
        )}
        <form class="form-row form-row--end" noValidate onSubmit={(e) => {
          e.preventDefault();
          void act(() => addGrant(user.id, { role, unit_id: Number(unit) }), t.common.saved);
        }}>
          <SelectField id={`grant-role-${user.id}`} label={t.admin.role} value={role}
            onValue={(v) => setRole(v as Role)}>
            {ROLES.map((r) => <option key={r} value={r}>{t.role[r]}</option>)}
          </SelectField>
          <SelectField id={`grant-unit-${user.id}`} label={t.admin.grantUnit} value={unit} onValue={setUnit}>
            <UnitOptions units={units} kinds={ALL_KINDS} />
          </SelectField>
          <button type="submit" class="button button--primary"
            aria-label={t.admin.addGrantLabel(user.display_name)}>
            {t.admin.addGrant}
          </button>
        </form>
      </details>
    </li>
  );
}

export function UsersAdmin({ users, units, onChanged }: Props) {
  const t = useT();
  const [q, setQ] = useState('');
  const [form, setForm] = useState({ username: '', display_name: '', email: '', unit_id: '', password: '' });
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (k: keyof typeof form) => (v: string) => setForm((f) => ({ ...f, [k]: v }));

  const create = async (e: Event) => {
    e.preventDefault();
    if (busy) return;
    if (Object.values(form).some((v) => !v.trim())) {
      setError(t.admin.missingFields);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await createUser({ ...form, username: form.username.trim(), unit_id: Number(form.unit_id) });
      setForm({ username: '', display_name: '', email: '', unit_id: '', password: '' });
      onChanged(t.admin.userCreated);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  const needle = q.trim().toLocaleLowerCase('sv');
  const shown = users
    .filter((u) => !needle || `${u.display_name} ${u.username} ${u.email}`.toLocaleLowerCase('sv').includes(needle))
    .sort((a, b) => a.display_name.localeCompare(b.display_name, 'sv'));

  return (
    <section class="panel" aria-labelledby="users-heading">
      <h2 id="users-heading">{t.admin.users}</h2>
      <p class="section-lead">{t.admin.usersLead}</p>

      <form class="subform" onSubmit={create} noValidate aria-labelledby="create-user-heading">
        <h3 id="create-user-heading">{t.admin.createUserHeading}</h3>
        <ErrorMessage>{error}</ErrorMessage>
        <div class="form-row">
          <TextField id="new-username" label={t.admin.username} value={form.username} onValue={set('username')}
            autocomplete="off" autocapitalize="none" spellcheck={false} required />
          <TextField id="new-display-name" label={t.admin.displayName} value={form.display_name}
            onValue={set('display_name')} required />
          <TextField id="new-email" label={t.admin.email} type="email" value={form.email} onValue={set('email')}
            required />
          <SelectField id="new-unit" label={t.admin.unit} value={form.unit_id} onValue={set('unit_id')} required>
            <option value="">{t.common.choose}</option>
            <UnitOptions units={units} kinds={ALL_KINDS} />
          </SelectField>
          <TextField id="new-password" label={t.admin.password} hint={t.admin.passwordHint} type="password"
            value={form.password} onValue={set('password')} autocomplete="new-password" required />
        </div>
        <button type="submit" class="button button--primary" aria-disabled={busy ? 'true' : undefined}>
          {t.admin.createUser}
        </button>
      </form>

      <div class="user-list-head">
        <TextField id="user-filter" label={t.admin.filterUsers} type="search" value={q} onValue={setQ} />
        <p class="list-count" role="status">{t.admin.userCount(shown.length)}</p>
      </div>
      <ul class="user-list">
        {shown.map((u) => <UserItem key={u.id} user={u} units={units} onChanged={onChanged} />)}
      </ul>
    </section>
  );
}
