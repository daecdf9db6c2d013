// Previous/next paging for long lists.
import { useT } from '../i18n';

interface Props {
  offset: number;
  limit: number;
  total: number;
  onPage: (offset: number) => void;
}

export function Pager({ offset, limit, total, onPage }: Props) {
  const t = useT();
  if (total <= limit && offset === 0) return null;
  const from = total === 0 ? 0 : offset + 1;
  const to = Math.min(offset + limit, total);
  return (
    <nav class="pager" aria-label={t.list.pagination}>
      <button
        type="button"
        class="button button--secondary"
        disabled={offset === 0}
        onClick={() => onPage(Math.max(0, offset - limit))}
      >
        {t.list.previous}
      </button>
      <span class="pager-status">{t.list.showing(from, to, total)}</span>
      <button
        type="button"
        class="button button--secondary"
        disabled={offset + limit >= total}
        onClick={() => onPage(offset + limit)}
      >
        {t.list.next}
      </button>
    </nav>
  );
}
