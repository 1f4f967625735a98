// A store's page: zone (and fallback warning), the week's timeline with the store's latest live events, business hours,
// special hours and the report row.
import { getJson } from './api.js';
import { drawTimeline } from './timeline.js';
import { el, utc, local, percent, errorMessage } from './format.js';

const eventsShown = 20;
const kindText = { 'store.down': 'Down', 'store.up': 'Up', 'store.silent': 'Silent' };

const days = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

export async function showStore(main, storeId, asOf) {
  const path = `/stores/${encodeURIComponent(storeId)}`;
  main.append(el('p', {}, el('a', { href: '#/reports' }, '← Reports')), el('h1', {}, 'Store ', el('code', {}, storeId)));

  // Without as_of the row is as of the latest poll of all stores (as a report is); the timeline then uses that time too.
  const [store, uptime] = await Promise.allSettled([getJson(path), getJson(`${path}/uptime${asOf ? `?as_of=${encodeURIComponent(asOf)}` : ''}`)]);
  const reportTime = asOf ?? (uptime.status === 'fulfilled' ? uptime.value.as_of : null);
  const [timeline, events] = await Promise.allSettled([
    getJson(`${path}/timeline${reportTime ? `?as_of=${encodeURIComponent(reportTime)}` : ''}`),
    getJson(`${path}/events?limit=${eventsShown}`)]);
  if (store.status === 'rejected') {
    main.append(errorMessage(store.reason));
    return () => {};
  }

  main.append(zoneCard(store.value));
  main.append(timeline.status === 'fulfilled' ? timelineCard(timeline.value) : el('section', { class: 'card' }, errorMessage(timeline.reason)));
  main.append(events.status === 'fulfilled' ? eventsCard(events.value, store.value.effective_timezone) : el('section', { class: 'card' }, el('h2', {}, 'Latest events'), errorMessage(events.reason)));
  main.append(uptime.status === 'fulfilled' ? uptimeCard(uptime.value) : el('section', { class: 'card' }, el('h2', {}, 'Report row'), errorMessage(uptime.reason)));
  main.append(hoursCard(store.value));
  main.append(specialHoursCard(store.value));
  return () => {};
}

function zoneCard(store) {
  return el('section', { class: 'card', 'aria-labelledby': 'zone-title' },
    el('h2', { id: 'zone-title' }, 'Time zone and polls'),
    el('dl', { class: 'facts' },
      el('dt', {}, 'Time zone'), el('dd', { id: 'store-zone' }, store.effective_timezone),
      el('dt', {}, 'Polls held'), el('dd', {}, store.poll_count.toLocaleString('en')),
      el('dt', {}, 'First poll'), el('dd', {}, utc(store.first_poll)),
      el('dt', {}, 'Latest poll'), el('dd', {}, utc(store.latest_poll))),
    store.warning ? el('p', { class: 'warning', id: 'zone-warning', role: 'note' }, `⚠ ${store.warning}`) : null);
}

function timelineCard(timeline) {
  const rows = timeline.segments.map(segment => el('tr', {},
    el('td', {}, segment.status === 'active' ? 'Up' : 'Down'),
    el('td', {}, local(segment.start, timeline.timezone, true)),
    el('td', {}, local(segment.end, timeline.timezone, true)),
    el('td', { class: 'number' }, ((Date.parse(segment.end) - Date.parse(segment.start)) / 60000).toFixed(1))));
  return el('section', { class: 'card', 'aria-labelledby': 'timeline-heading' },
    el('h2', { id: 'timeline-heading' }, 'The week before the report time'),
    el('p', { class: 'help' }, `${utc(timeline.from)} to ${utc(timeline.to)}. Rows start at the times shown, in ${timeline.timezone}. Status between polls is that of the nearest poll in business hours.`),
    el('div', { class: 'timeline-wrap' }, drawTimeline(timeline)),
    el('details', {},
      el('summary', {}, `The ${timeline.segments.length} segments as a table`),
      el('div', { class: 'table-wrap' }, el('table', { id: 'segments' },
        el('thead', {}, el('tr', {}, ['Status', 'From', 'To', 'Minutes'].map(name => el('th', { scope: 'col' }, name)))),
        el('tbody', {}, rows)))));
}

// The store's live events, derived from its polls (docs/LIVE.md): the same ids as those sent live.
function eventsCard(history, zone) {
  return el('section', { class: 'card', 'aria-labelledby': 'events-title' },
    el('h2', { id: 'events-title' }, 'Latest events'),
    history.events.length === 0
      ? el('p', { id: 'no-events' }, 'No event: no poll inside business hours has changed the store\'s state, and it never fell silent.')
      : el('div', { class: 'table-wrap' }, el('table', { id: 'store-events' },
        el('thead', {}, el('tr', {}, ['Event', 'At', `Local time (${zone})`, 'Down since', 'Business minutes lost that day'].map((name, index) =>
          el('th', { scope: 'col', class: index === 4 ? 'number' : '' }, name)))),
        el('tbody', {}, history.events.map(event => el('tr', { 'data-event-id': event.id, 'data-kind': event.kind },
          el('td', {}, el('span', { class: `badge ${event.kind.replace('store.', '')}` }, kindText[event.kind] ?? event.kind)),
          el('td', {}, utc(event.at)),
          el('td', {}, local(event.at, zone)),
          el('td', {}, utc(event.down_since)),
          el('td', { class: 'number' }, Number(event.business_minutes_lost_today).toFixed(2))))))),
    el('p', { class: 'help' }, `Newest first, at most ${eventsShown}. Down and up are polls inside business hours that changed the store's state; silent is where a store open and unpolled for too long fell silent. The timeline above draws the same polls.`));
}

function uptimeCard(row) {
  const windows = [
    ['Last hour', row.uptime_last_hour, row.downtime_last_hour, 'minutes'],
    ['Last day', row.uptime_last_day, row.downtime_last_day, 'hours'],
    ['Last week', row.uptime_last_week, row.downtime_last_week, 'hours'],
  ];
  return el('section', { class: 'card', 'aria-labelledby': 'uptime-title' },
    el('h2', { id: 'uptime-title' }, 'Report row'),
    el('p', { class: 'help' }, `As of ${utc(row.as_of)}: the same figures as this store's line in the report CSV.`),
    el('div', { class: 'table-wrap' }, el('table', { id: 'store-uptime' },
      el('thead', {}, el('tr', {}, ['Window', 'Up', 'Down', 'Unit', 'Up %'].map(name => el('th', { scope: 'col' }, name)))),
      el('tbody', {}, windows.map(([name, up, down, unit]) => el('tr', {},
        el('th', { scope: 'row' }, name),
        el('td', { class: 'number' }, up.toFixed(2)),
        el('td', { class: 'number' }, down.toFixed(2)),
        el('td', {}, unit),
        el('td', { class: 'number' }, percent(up, down))))))),
    row.warning ? el('p', { class: 'warning' }, `⚠ ${row.warning}`) : null);
}

function hoursCard(store) {
  const hours = [...store.business_hours].sort((a, b) => a.day_of_week - b.day_of_week || a.start.localeCompare(b.start));
  return el('section', { class: 'card', 'aria-labelledby': 'hours-title' },
    el('h2', { id: 'hours-title' }, 'Business hours'),
    hours.length === 0
      ? el('p', {}, 'No business-hours rows: open 24 hours, 7 days a week.')
      : el('div', { class: 'table-wrap' }, el('table', { id: 'hours' },
        el('thead', {}, el('tr', {}, ['Day', 'Opens', 'Closes'].map(name => el('th', { scope: 'col' }, name)))),
        el('tbody', {}, hours.map(row => el('tr', {},
          el('th', { scope: 'row' }, days[row.day_of_week] ?? String(row.day_of_week)),
          el('td', {}, row.start),
          el('td', {}, row.end)))))),
    hours.length ? el('p', { class: 'help' }, `Local times in ${store.effective_timezone}. A closing time at or before the opening time is on the next day. Days not listed are closed.`) : null);
}

// Special hours replace the weekly rows on their local dates (docs/SEMANTICS.md#special-hours); the timeline above
// already draws them, as the engine computes with them.
function specialHoursCard(store) {
  const rows = [...store.special_hours].sort((a, b) => a.date.localeCompare(b.date) || Number(b.closed) - Number(a.closed) || (a.start ?? '').localeCompare(b.start ?? ''));
  return el('section', { class: 'card', 'aria-labelledby': 'special-hours-title' },
    el('h2', { id: 'special-hours-title' }, 'Special hours'),
    rows.length === 0
      ? el('p', { id: 'no-special-hours' }, 'No special hours: every date follows the business hours above.')
      : el('div', { class: 'table-wrap' }, el('table', { id: 'special-hours' },
        el('thead', {}, el('tr', {}, ['Date', 'Opens', 'Closes'].map(name => el('th', { scope: 'col' }, name)))),
        el('tbody', {}, rows.map(row => el('tr', { 'data-date': row.date },
          el('th', { scope: 'row' }, `${row.date} (${weekday(row.date)})`),
          row.closed
            ? el('td', { colspan: '2' }, 'Closed all day')
            : [el('td', {}, row.start), el('td', {}, row.end)]))))),
    rows.length ? el('p', { class: 'help' }, `Local dates and times in ${store.effective_timezone}. On a date listed here only its rows open, instead of that weekday's business hours; what opened the day before still runs into it. A closing time at or before the opening time is on the next day.`) : null);
}

// The weekday of a yyyy-MM-dd date, whatever the browser's own zone.
function weekday(date) {
  return days[(new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7];
}
