// Admin: organisation and users.
import { useState } from 'preact/hooks';
import { getUnits, getUsers } from '../api';
import { ErrorMessage, LiveStatus, Loading } from '../components/Alert';
import { UnitsAdmin } from '../components/admin/UnitsAdmin';
import { UsersAdmin } from '../components/admin/UsersAdmin';
import { Page } from '../components/Page';
import { useLoad } from '../hooks';
import { useT } from '../i18n';

export function Admin() {
  const t = useT();
  const units = useLoad(getUnits, []);
  const users = useLoad(getUsers, []);
  const [message, setMessage] = useState('');

  const changed = (m: string) => {
    setMessage(m);
    units.reload();
    users.reload();
  };

  return (
    <Page title={t.admin.title} wide>
      <LiveStatus message={message} />
      <ErrorMessage>{units.error ?? users.error}</ErrorMessage>
      {(units.loading && !units.data) || (users.loading && !users.data) ? <Loading /> : null}
      <div class="admin-grid">
        {units.data && <UnitsAdmin units={units.data} onChanged={changed} />}
        {units.data && users.data && <UsersAdmin users={users.data} units={units.data} onChanged={changed} />}
      </div>
    </Page>
  );
}
