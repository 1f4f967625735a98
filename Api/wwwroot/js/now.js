// The Now view: the stores down or silent now (GET /stores/down), kept current by the live events hub without a reload,
// most business time lost today first. After every (re)connect the snapshot is loaded again, and events that arrive
// while it loads are applied on top of it, so nothing sent meanwhile is lost; the figures of stores still down grow, so
// the snapshot is also reloaded every minute.
import { getJson } from './api.js';
import { connectLive } from './live.js';
import { el, utc, errorMessage } from './format.js';

const snapshotLimit = 1000;
const refreshInterval = 60000;
const latestKept = 20;

const stateText = {
  connecting: 'Connecting…',
  connected: 'Live',
  reconnecting: 'Connection lost, reconnecting…',
  disconnected: 'Not connected',
};

export async function showNow(main) {
  const stores = new Map();
  const latest = [];
  let pending = null;
  let total = 0;
  let refresh = null;

  const connectionState = el('p', { id: 'live-state', class: 'live-state', role: 'status', 'data-state': 'connecting' }, stateText.connecting);
  const summary = el('p', { id: 'now-summary' });
  const search = el('input', { id: 'now-search', type: 'search', autocomplete: 'off', 'aria-describedby': 'now-summary' });
  search.addEventListener('input', () => render());
  const snapshotError = el('div');
  const tbody = el('tbody');
  const latestList = el('ul', { id: 'latest-events', class: 'latest-events' });
  main.append(
    el('h1', {}, 'Now'),
    el('section', { class: 'card', 'aria-labelledby': 'now-title' },
      el('div', { class: 'now-head' }, el('h2', { id: 'now-title' }, 'Stores down or silent now'), connectionState),
      el('p', { class: 'help' }, 'Down: the latest poll inside business hours found the store inactive. Silent: no poll for longer than StoreMonitor:Live:SilentAfter while open. Most business time lost today (in each store\'s own zone) first; a store leaves the list when a poll in hours finds it up.'),
      el('div', { class: 'field' }, el('label', { for: 'now-search' }, 'Search store id'), search),
      summary,
      snapshotError,
      el('div', { class: 'table-wrap' }, el('table', { id: 'now-stores' },
        el('caption', { class: 'visually-hidden' }, 'Stores down or silent now'),
        el('thead', {}, el('tr', {}, ['Store', 'State', 'Since', 'Down since', 'Last poll', 'Business minutes lost today'].map((name, index) =>
          el('th', { scope: 'col', class: index === 5 ? 'number' : '' }, name)))),
        tbody))),
    el('section', { class: 'card', 'aria-labelledby': 'latest-title' },
      el('h2', { id: 'latest-title' }, 'Latest events received'),
      latestList));
  render();
  remember([]);
  // The first snapshot before connecting: where keys are required, its 401 asks for the key the hub then sends too.
  await loadSnapshot();

  const close = connectLive({
    onEvents: batch => {
      if (pending) {
        pending.push(...batch);
      } else {
        apply(batch);
        render();
      }
      remember(batch);
    },
    onState: (state, detail) => {
      connectionState.dataset.state = state;
      connectionState.textContent = detail ? `${stateText[state]} ${detail}` : stateText[state];
    },
    onConnected: () => loadSnapshot(),
  });

  return () => {
    clearTimeout(refresh);
    close();
  };

  // Events that come while the snapshot loads are kept and applied after it: an event the snapshot already counts
  // changes nothing when applied again, and one it missed is not lost.
  async function loadSnapshot() {
    clearTimeout(refresh);
    pending ??= [];
    try {
      const snapshot = await getJson(`/stores/down?limit=${snapshotLimit}`);
      stores.clear();
      for (const store of snapshot.stores) {
        stores.set(store.store_id, store);
      }
      total = snapshot.total;
      snapshotError.replaceChildren();
    } catch (error) {
      snapshotError.replaceChildren(errorMessage(error));
    }
    const queued = pending;
    pending = null;
    apply(queued);
    render();
    refresh = setTimeout(loadSnapshot, refreshInterval);
  }

  // The count follows the events only while every store down is listed: past the snapshot's limit a store not listed
  // may be counted already, and the next snapshot sets the count again.
  function apply(events) {
    for (const event of events) {
      const whole = stores.size >= total;
      const known = stores.has(event.store_id) || !whole;
      if (event.kind === 'store.up') {
        total -= known ? 1 : 0;
        stores.delete(event.store_id);
        continue;
      }
      total += known ? 0 : 1;
      stores.set(event.store_id, {
        store_id: event.store_id,
        state: event.kind === 'store.silent' ? 'silent' : 'down',
        since: event.at,
        down_since: event.down_since,
        last_poll_at: event.last_poll_at,
        business_minutes_lost_today: event.business_minutes_lost_today,
      });
    }
  }

  function remember(events) {
    latest.unshift(...[...events].reverse());
    latest.length = Math.min(latest.length, latestKept);
    latestList.replaceChildren(...(latest.length === 0
      ? [el('li', { class: 'help' }, 'None since this page opened.')]
      : latest.map(event => el('li', { 'data-kind': event.kind },
        el('span', { class: `badge ${event.kind.replace('store.', '')}` }, event.kind), ' ',
        el('a', { href: `#/stores/${encodeURIComponent(event.store_id)}` }, event.store_id), ` at ${utc(event.at)}`))));
  }

  function render() {
    const term = search.value.trim().toLowerCase();
    const rows = [...stores.values()].filter(store => store.store_id.toLowerCase().includes(term)).sort((a, b) =>
      b.business_minutes_lost_today - a.business_minutes_lost_today
      || (a.down_since ?? '').localeCompare(b.down_since ?? '')
      || (a.store_id < b.store_id ? -1 : a.store_id > b.store_id ? 1 : 0));
    const listed = term ? `, ${rows.length.toLocaleString('en')} of them matching “${search.value.trim()}”` : (rows.length < total ? `, the first ${rows.length.toLocaleString('en')} shown` : '');
    summary.textContent = total === 0
      ? 'No store is down or silent.'
      : `${total.toLocaleString('en')} store${total === 1 ? '' : 's'} down or silent${listed}.`;
    tbody.replaceChildren(...rows.map(store => el('tr', { class: store.state, 'data-store-id': store.store_id },
      el('th', { scope: 'row' }, el('a', { href: `#/stores/${encodeURIComponent(store.store_id)}` }, store.store_id)),
      el('td', { class: 'state' }, store.state === 'silent' ? 'Silent' : 'Down'),
      el('td', {}, utc(store.since)),
      el('td', {}, utc(store.down_since)),
      el('td', {}, utc(store.last_poll_at)),
      el('td', { class: 'number' }, Number(store.business_minutes_lost_today).toFixed(2)))));
  }
}
