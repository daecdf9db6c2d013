// Ny riskbedömning / ändra (filled in below).
import { Page } from '../components/Page';
import { useT } from '../i18n';

export function RiskAssessmentForm({ id }: { id?: number }) {
  const t = useT();
  return <Page title={id ? t.risk.editTitle : t.risk.newTitle}>{null}</Page>;
}
