import { Link } from '../components/Link';
import { Page } from '../components/Page';
import { useT } from '../i18n';
import { paths } from '../router';

export function NotFound() {
  const t = useT();
  return (
    <Page title={t.common.pageNotFound}>
      <p>{t.common.pageNotFoundText}</p>
      <p><Link href={paths.start}>{t.common.toStart}</Link></p>
    </Page>
  );
}
