// A statistics table as shown on screen (stats.ts buildView): caption, column
// and row headers with scope, protected cells as ".." with a spoken
// "skyddat värde", and the total row in the table's foot.
import { useT } from '../../i18n';
import type { TableView, ViewCell } from '../../stats';

function Cell({ cell }: { cell: ViewCell }) {
  const t = useT();
  if (cell.state === 'protected') {
    return (
      <td class="num stats-protected" data-state="protected">
        <span aria-hidden="true">{cell.text}</span>
        <span class="visually-hidden">{t.stats.protectedCell}</span>
      </td>
    );
  }
  if (cell.state === 'none') {
    return (
      <td class="num stats-none" data-state="none">
        <span aria-hidden="true">{cell.text}</span>
        <span class="visually-hidden">{t.stats.noValueCell}</span>
      </td>
    );
  }
  return <td class="num" data-state="value">{cell.text}</td>;
}

export function ViewTable({ view, caption, id, testid }: {
  view: TableView; caption: string; id: string; testid?: string;
}) {
  return (
    <div class="table-scroll" tabIndex={0} role="region" aria-labelledby={`${id}-caption`}>
      <table class="data-table stats-table" id={id} data-testid={testid}>
        <caption id={`${id}-caption`}>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{view.rowHeader}</th>
            {view.colHeaders.map((h, i) => <th key={i} scope="col" class="num">{h}</th>)}
          </tr>
        </thead>
        <tbody>
          {view.rows.map((r) => (
            <tr key={r.key}>
              <th scope="row">{r.label}</th>
              {r.cells.map((c, i) => <Cell key={i} cell={c} />)}
            </tr>
          ))}
        </tbody>
        {view.totals.length > 0 && (
          <tfoot>
            <tr class="stats-total">
              <th scope="row">{view.totalLabel}</th>
              {view.totals.map((c, i) => <Cell key={i} cell={c} />)}
            </tr>
          </tfoot>
        )}
      </table>
    </div>
  );
}
