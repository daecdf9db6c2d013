// Att hantera: the chef's and säkerhetssamordnare's inbox.
import { getInbox } from '../api';
import { ErrorMessage, Loading } from '../components/Alert';
import { InboxView } from '../components/InboxView';
import { Page } from '../components/Page';
import { useLoad } from '../hooks';
import { useT } from '../i18n';

export function Inbox() {
  const t = useT();
  const inbox = useLoad(getInbox, []);
  return (
    <Page title={t.inbox.title} wide>
      <p class="lead">{t.inbox.intro}</p>
      <ErrorMessage>{inbox.error}</ErrorMessage>
      {inbox.loading && !inbox.data && <Loading />}
      {inbox.data && <InboxView items={inbox.data} />}
    </Page>
  );
}
