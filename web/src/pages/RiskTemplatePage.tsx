// Riskmall (/riskmall): the risk template editor for a säkerhetssamordnare,
// who has no Admin page — the förvaltningar they cover (all for an admin, who
// also has it as a tab under Admin). Reached from Säkerhetsplaner.
import { useState } from 'preact/hooks';
import { ErrorMessage, LiveStatus, Loading } from '../components/Alert';
import { RiskTemplateAdmin } from '../components/admin/RiskTemplateAdmin';
import { SelectField } from '../components/Field';
import { Link } from '../components/Link';
import { Page } from '../components/Page';
import { loadUnits } from '../data';
import { useLoad } from '../hooks';
import { useT } from '../i18n';
import { editableForvaltningar } from '../plans';
import { paths } from '../router';
import { useSession } from '../session';

export function RiskTemplatePage() {
  const t = useT();
  const w = t.templateAdmin;
  const { me } = useSession();
  const units = useLoad(loadUnits, []);
  const [chosen, setChosen] = useState('');
  const [message, setMessage] = useState('');
  const list = units.data ? editableForvaltningar(units.data, me) : [];
  const forvId = chosen || (list[0] ? String(list[0].id) : '');

  return (
    <Page title={w.title} wide>
      <p class="back-link"><Link href={paths.plans}>← {t.planDetail.back}</Link></p>
      <LiveStatus message={message} />
      <ErrorMessage>{units.error}</ErrorMessage>
      {units.loading && !units.data && <Loading />}
      {units.data && list.length === 0 && <p class="alert alert--info">{w.noForvaltning}</p>}
      {list.length > 1 && (
        <div class="admin-picker">
          <SelectField id="riskmall-forvaltning" label={w.forvaltning} value={forvId}
            onValue={(v) => { setMessage(''); setChosen(v); }}>
            {list.map((u) => <option key={u.id} value={String(u.id)}>{u.name}</option>)}
          </SelectField>
        </div>
      )}
      {list.length === 1 && <p class="lead">{w.forvaltning}: {list[0]!.name}</p>}
      {forvId && <RiskTemplateAdmin key={forvId} unitId={Number(forvId)} onChanged={setMessage} />}
    </Page>
  );
}
