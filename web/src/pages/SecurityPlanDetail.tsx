// Placeholder; filled in by the issue-5 security plan work.
import { Page } from '../components/Page';

export function SecurityPlanDetail({ id }: { id: number }) {
  return <Page title={String(id)}><p /></Page>;
}
