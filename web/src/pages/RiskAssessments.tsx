// Riskbedömningar: the list (filled in below).
import { Page } from '../components/Page';
import { useT } from '../i18n';

export function RiskAssessments() {
  const t = useT();
  return <Page title={t.risk.title}>{null}</Page>;
}
