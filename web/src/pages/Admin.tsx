// Admin: organisation and users; the förvaltning's rules; its contact details;
// its risk template (Riskmall, also at /riskmall for a säkerhetssamordnare).
// The tab is kept in the address (?flik=regler) so it can be linked to.
import { useState } from 'preact/hooks';
import { getUnits, getUsers } from '../api';
import { ErrorMessage, LiveStatus, Loading } from '../components/Alert';
import { ContactAdmin } from '../components/admin/ContactAdmin';
import { RiskTemplateAdmin } from '../components/admin/RiskTemplateAdmin';
import { RulesAdmin } from '../components/admin/RulesAdmin';
import { UnitsAdmin } from '../components/admin/UnitsAdmin';
import { UsersAdmin } from '../components/admin/UsersAdmin';
import { UnitProfiles } from '../components/routines/UnitProfiles';
import { SelectField } from '../components/Field';
import { Page } from '../components/Page';
import { Tabs } from '../components/Tabs';
import { useLoad } from '../hooks';
import { useT } from '../i18n';
import { navigate, paths, useLocation } from '../router';
import type { Unit } from '../types';

type TabKey = 'organisation' | 'regler' | 'kontakt' | 'riskmall' | 'enheter';
const TAB_KEYS: TabKey[] = ['organisation', 'regler', 'kontakt', 'riskmall', 'enheter'];

function tabFrom(search: string): TabKey {
  const v = new URLSearchParams(search).get('flik');
  return TAB_KEYS.includes(v as TabKey) ? (v as TabKey) : 'organisation';
}

/** Picks the förvaltning whose rules or contact details are edited. */
function ForvaltningPicker({ units, value, onChange, label }: {
  units: Unit[]; value: string; onChange: (v: string) => void; label: string;
}) {
  const list = units.filter((u) => u.kind === 'forvaltning').sort((a, b) => a.name.localeCompare(b.name, 'sv'));
  return (
    <div class="admin-picker">
      <SelectField id="admin-forvaltning" label={label} value={value} onValue={onChange}>
        {list.map((u) => <option key={u.id} value={String(u.id)}>{u.name}</option>)}
      </SelectField>
    </div>
  );
}

export function Admin() {
  const t = useT();
  const loc = useLocation();
  const tab = tabFrom(loc.search);
  const units = useLoad(getUnits, []);
  const users = useLoad(() => (tab === 'organisation' ? getUsers() : Promise.resolve(undefined)), [tab]);
  const [message, setMessage] = useState('');
  const [forv, setForv] = useState('');

  const changed = (m: string) => {
    setMessage(m);
    if (tab === 'organisation') {
      units.reload();
      users.reload();
    }
  };

  const firstForv = units.data?.filter((u) => u.kind === 'forvaltning')
    .sort((a, b) => a.name.localeCompare(b.name, 'sv'))[0];
  const forvId = forv || (firstForv ? String(firstForv.id) : '');

  const setTab = (k: TabKey) => {
    setMessage('');
    navigate(k === 'organisation' ? paths.admin : `${paths.admin}?flik=${k}`, { replace: true });
  };

  let panel;
  if (tab === 'organisation') {
    panel = (
      <>
        <ErrorMessage>{units.error ?? users.error}</ErrorMessage>
        {(units.loading && !units.data) || (users.loading && !users.data) ? <Loading /> : null}
        <div class="admin-grid">
          {units.data && <UnitsAdmin units={units.data} onChanged={changed} />}
          {units.data && users.data && <UsersAdmin users={users.data} units={units.data} onChanged={changed} />}
        </div>
      </>
    );
  } else if (tab === 'enheter') {
    panel = <UnitProfiles onChanged={setMessage} />;
  } else {
    const label = tab === 'regler' ? t.adminRules.forvaltning
      : tab === 'riskmall' ? t.templateAdmin.forvaltning : t.adminContact.forvaltning;
    panel = (
      <>
        <ErrorMessage>{units.error}</ErrorMessage>
        {units.loading && !units.data && <Loading />}
        {units.data && (
          <ForvaltningPicker units={units.data} value={forvId} label={label} onChange={(v) => {
            setMessage('');
            setForv(v);
          }} />
        )}
        {forvId && tab === 'regler' && <RulesAdmin key={forvId} unitId={Number(forvId)} onChanged={changed} />}
        {forvId && tab === 'kontakt' && <ContactAdmin key={forvId} unitId={Number(forvId)} onChanged={changed} />}
        {forvId && tab === 'riskmall' && <RiskTemplateAdmin key={forvId} unitId={Number(forvId)} onChanged={changed} />}
      </>
    );
  }

  return (
    <Page title={t.admin.title} wide>
      <LiveStatus message={message} />
      <Tabs<TabKey>
        label={t.adminTabs.label}
        tabs={[
          { key: 'organisation', label: t.adminTabs.organisation },
          { key: 'regler', label: t.adminTabs.rules },
          { key: 'kontakt', label: t.adminTabs.contact },
          { key: 'riskmall', label: t.templateAdmin.tab },
          { key: 'enheter', label: t.unitProfiles.tab },
        ]}
        current={tab}
        onChange={setTab}
      >
        {panel}
      </Tabs>
    </Page>
  );
}
