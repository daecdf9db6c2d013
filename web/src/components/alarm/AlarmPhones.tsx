// The numbers to call when the app cannot raise an alarm: the duty site's
// reception and guard (kept in localStorage) and always 112, as tel: links.
import { loadPhones, telHref } from '../../alarms';
import { useT } from '../../i18n';

export function AlarmPhones({ reception, guard }: { reception?: string; guard?: string }) {
  const t = useT();
  const cached = loadPhones();
  const rec = reception || cached?.reception || '';
  const grd = guard || cached?.guard || '';
  return (
    <ul class="alarm-phones" data-testid="alarm-phones">
      <li><a class="alarm-phone alarm-phone--112" href="tel:112">{t.alarm.call112}</a></li>
      {rec && <li><a class="alarm-phone" href={telHref(rec)}>{t.alarm.callReception(rec)}</a></li>}
      {grd && <li><a class="alarm-phone" href={telHref(grd)}>{t.alarm.callGuard(grd)}</a></li>}
    </ul>
  );
}
