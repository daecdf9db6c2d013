// Placeholder; filled in by the issue-5 security plan work.
import { Page } from '../components/Page';

export function RiskTemplatePage() {
  return <Page title="…"><p /></Page>;
}
