// Riskbedömning (filled in below).
import { Page } from '../components/Page';
import { useT } from '../i18n';

export function RiskAssessmentDetail({ id }: { id: number }) {
  const t = useT();
  return <Page title={t.risk.detailTitle(id)}>{null}</Page>;
}
