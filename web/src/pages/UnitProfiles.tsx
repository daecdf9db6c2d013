// Enhetsuppgifter as a page of its own, for a säkerhetssamordnare (an admin
// also finds it as a tab in Administration).
import { useState } from 'preact/hooks';
import { LiveStatus } from '../components/Alert';
import { Page } from '../components/Page';
import { UnitProfiles } from '../components/routines/UnitProfiles';
import { useT } from '../i18n';

export function UnitProfilesPage() {
  const t = useT();
  const [message, setMessage] = useState('');
  return (
    <Page title={t.unitProfiles.title}>
      <LiveStatus message={message} />
      <UnitProfiles onChanged={setMessage} />
    </Page>
  );
}
