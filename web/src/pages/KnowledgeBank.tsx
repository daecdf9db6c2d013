// Kunskapsbank (filled in below).
import { Page } from '../components/Page';
import { useT } from '../i18n';

export function KnowledgeBankPage() {
  const t = useT();
  return <Page title={t.knowledge.title}>{null}</Page>;
}
