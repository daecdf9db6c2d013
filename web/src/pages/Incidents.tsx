// Mina rapporter / Händelser: the incidents the caller may see, filtered and
// paged. Filters live in the URL so Back and reload keep them.
import { useEffect, useState } from 'preact/hooks';
import { getIncidents } from '../api';
import { ErrorMessage, Loading } from '../components/Alert';
import { SelectField, TextField } from '../components/Field';
import { IncidentRow } from '../components/IncidentRow';
import { Page } from '../components/Page';
import { Pager } from '../components/Pager';
import { UnitOptions } from '../components/UnitOptions';
import { loadUnits } from '../data';
import { useLoad } from '../hooks';
import { useT } from '../i18n';
import { navigate, paths, useLocation } from '../router';
import { seesOthersIncidents, useSession } from '../session';
import { addDays, stockholmLocalToUtcIso } from '../time';
import { CATEGORIES, STATUSES, type Category, type IncidentQuery, type Status } from '../types';

const PAGE_SIZE = 20;

interface Filters {
  status: string;
  category: string;
  unit: string;
  from: string;
  to: string;
}

function readFilters(search: string): Filters & { offset: number } {
  const q = new URLSearchParams(search);
  return {
    status: q.get('status') ?? '',
    category: q.get('category') ?? '',
    unit: q.get('unit') ?? '',
    from: q.get('from') ?? '',
    to: q.get('to') ?? '',
    offset: Math.max(0, Number(q.get('offset') ?? 0) || 0),
  };
}

function toSearch(f: Filters, offset: number): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(f)) if (v) q.set(k, v);
  if (offset) q.set('offset', String(offset));
  const s = q.toString();
  return s ? `?${s}` : '';
}

function toQuery(f: Filters, offset: number): IncidentQuery {
  const q: IncidentQuery = { limit: PAGE_SIZE, offset };
  if ((STATUSES as readonly string[]).includes(f.status)) q.status = f.status as Status;
  if ((CATEGORIES as readonly string[]).includes(f.category)) q.category = f.category as Category;
  if (f.unit && Number(f.unit)) q.unit_id = Number(f.unit);
  // Dates are whole Stockholm days: from its midnight up to the next midnight.
  const from = f.from ? stockholmLocalToUtcIso(f.from) : null;
  if (from) q.from = from;
  const to = f.to ? stockholmLocalToUtcIso(addDays(f.to, 1)) : null;
  if (to) q.to = to;
  return q;
}

export function Incidents() {
  const t = useT();
  const { me } = useSession();
  const loc = useLocation();
  const current = readFilters(loc.search);
  const [draft, setDraft] = useState<Filters>(current);
  const units = useLoad(loadUnits, []);
  const list = useLoad(() => getIncidents(toQuery(current, current.offset)), [loc.search]);

  useEffect(() => setDraft(readFilters(loc.search)), [loc.search]);

  // Filters start folded on a phone unless some are in use.
  const [filtersOpen] = useState(() => Boolean(current.status || current.category || current.unit ||
    current.from || current.to) || window.matchMedia('(min-width: 760px)').matches);
  const title = seesOthersIncidents(me) ? t.list.title : t.list.myTitle;
  const filtered = Boolean(current.status || current.category || current.unit || current.from ||
    current.to);

  const apply = (e: Event) => {
    e.preventDefault();
    navigate(paths.incidents + toSearch(draft, 0));
  };
  const clear = () => navigate(paths.incidents);
  const page = (offset: number) => navigate(paths.incidents + toSearch(current, offset));
  const setF = (k: keyof Filters) => (v: string) => setDraft((d) => ({ ...d, [k]: v }));

  return (
    <Page title={title} wide>
      <details class="filters-box" open={filtersOpen}>
        <summary>{t.list.filters}</summary>
      <form class="filters" onSubmit={apply} aria-label={t.list.filters}>
        <SelectField label={t.list.status} value={draft.status} onValue={setF('status')}>
          <option value="">{t.common.all}</option>
          {STATUSES.map((s) => <option key={s} value={s}>{t.status[s]}</option>)}
        </SelectField>
        <SelectField label={t.list.category} value={draft.category} onValue={setF('category')}>
          <option value="">{t.common.all}</option>
          {CATEGORIES.map((c) => <option key={c} value={c}>{t.category[c]}</option>)}
        </SelectField>
        <SelectField label={t.list.unit} value={draft.unit} onValue={setF('unit')}>
          <option value="">{t.common.all}</option>
          <UnitOptions units={units.data ?? []} kinds={['enhet']} />
        </SelectField>
        <TextField label={t.list.from} type="date" value={draft.from} onValue={setF('from')} />
        <TextField label={t.list.to} type="date" value={draft.to} onValue={setF('to')} />
        <div class="filters-actions">
          <button type="submit" class="button button--primary">{t.list.apply}</button>
          {filtered && (
            <button type="button" class="button button--quiet" onClick={clear}>{t.list.reset}</button>
          )}
        </div>
      </form>
      </details>

      <section aria-labelledby="list-heading" aria-busy={list.loading ? 'true' : undefined}>
        <h2 id="list-heading" class="visually-hidden">{title}</h2>
        <ErrorMessage>{list.error}</ErrorMessage>
        {list.loading && !list.data && <Loading />}
        {list.data && (
          <>
            <p class="list-count" role="status">{t.list.count(list.data.total)}</p>
            {list.data.items.length === 0 ? (
              <p class="empty">{filtered ? t.list.emptyFiltered : t.list.empty}</p>
            ) : (
              <ul class="incident-list">
                {list.data.items.map((i) => <IncidentRow key={i.id} incident={i} />)}
              </ul>
            )}
            <Pager offset={current.offset} limit={PAGE_SIZE} total={list.data.total} onPage={page} />
          </>
        )}
      </section>
    </Page>
  );
}
