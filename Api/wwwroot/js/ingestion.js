// The Ingestion view: the run in progress, the last run's counts per file, rejected rows with reasons, and a
// button that starts a run.
import { getJson, postJson } from './api.js';
import { el, utc, errorMessage } from './format.js';

const pollInterval = 1000;

export async function showIngestion(main) {
  let timer = null;
  let stopped = false;
  const status = el('div');
  const message = el('p', { role: 'status', id: 'ingestion-message' });
  const start = el('button', { type: 'button', id: 'start-ingestion' }, 'Start an ingestion run');
  start.addEventListener('click', async () => {
    start.disabled = true;
    message.textContent = 'Starting…';
    try {
      await postJson('/ingestion');
      message.textContent = 'Ingestion started.';
    } catch (error) {
      message.textContent = error.message;
    }
    await refresh();
  });

  main.append(el('h1', {}, 'Ingestion'),
    el('section', { class: 'card' },
      el('p', {}, 'Reads the data directory again. Rows already held count as duplicates and change nothing.'),
      start, message),
    status);

  async function refresh() {
    clearTimeout(timer);
    try {
      const state = await getJson('/ingestion');
      status.replaceChildren(...render(state));
      start.disabled = state.state === 'Running';
      if ((state.state === 'Running' || state.state === 'Pending') && !stopped) {
        timer = setTimeout(refresh, pollInterval);
      }
    } catch (error) {
      status.replaceChildren(errorMessage(error));
    }
  }

  await refresh();
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}

function render(state) {
  const sections = [];
  const abandoned = state.last_abandoned;
  if (abandoned && abandoned.data_pending) {
    const successor = abandoned.successor_run_id
      ? `Run ${abandoned.successor_run_number} (${abandoned.successor_run_id.slice(0, 8)}) reads its part again; reports wait until it completes.`
      : 'Reports wait until a run takes over and completes.';
    sections.push(el('section', { class: 'card', id: 'abandoned-run', 'aria-labelledby': 'abandoned-run-title' },
      el('h2', { id: 'abandoned-run-title' }, 'Data pending'),
      el('p', { class: 'error', role: 'alert' },
        `Run ${abandoned.run_number} (${abandoned.run_id.slice(0, 8)}), started ${utc(abandoned.started_at)}, was abandoned at ${utc(abandoned.abandoned_at)}: ${abandoned.reason}.`),
      el('p', {}, successor)));
  }

  if (state.current_run) {
    sections.push(el('section', { class: 'card', 'aria-labelledby': 'current-run-title' },
      el('h2', { id: 'current-run-title' }, 'Running now'),
      el('p', {}, `Run ${state.current_run.run_id.slice(0, 8)} of the data directory, started ${utc(state.current_run.started_at)}.`),
      el('progress', { 'aria-label': 'Ingestion in progress' })));
  }

  const last = state.last_run;
  if (!last) {
    sections.push(el('section', { class: 'card' }, el('h2', {}, 'Last run'), el('p', {}, 'No run has finished yet.')));
    return sections;
  }

  const rejections = last.files.flatMap(file => file.first_rejections.map(reason => ({ file: file.file, reason })));
  sections.push(el('section', { class: 'card', 'aria-labelledby': 'last-run-title' },
    el('h2', { id: 'last-run-title' }, 'Last run'),
    el('dl', { class: 'facts' },
      el('dt', {}, 'Started'), el('dd', {}, utc(last.started_at)),
      el('dt', {}, 'Finished'), el('dd', {}, `${utc(last.finished_at)} (${last.elapsed_seconds.toFixed(1)} s)`),
      el('dt', {}, 'Stores updated'), el('dd', {}, last.stores_updated.toLocaleString('en'))),
    last.error ? el('p', { class: 'error', role: 'alert' }, last.error) : null,
    last.warnings.length ? el('ul', { class: 'warnings' }, last.warnings.map(warning => el('li', {}, warning))) : null,
    el('div', { class: 'table-wrap' }, el('table', { id: 'ingestion-files' },
      el('thead', {}, el('tr', {}, ['File', 'Rows read', 'Accepted', 'Duplicate', 'Rejected'].map(name => el('th', { scope: 'col' }, name)))),
      el('tbody', {}, last.files.map(file => el('tr', {},
        el('th', { scope: 'row', title: file.file }, file.file.split(/[\\/]/).pop(),
          file.error ? el('p', { class: 'error' }, file.error) : null,
          file.removed ? el('p', {}, 'Removed: applied longer ago than the inbox retention.') : null),
        el('td', { class: 'number' }, file.rows_read.toLocaleString('en')),
        el('td', { class: 'number' }, file.accepted.toLocaleString('en')),
        el('td', { class: 'number' }, file.duplicates.toLocaleString('en')),
        el('td', { class: 'number' }, file.rejected.toLocaleString('en'))))))),
    el('h3', {}, 'Rejected rows'),
    rejections.length === 0
      ? el('p', {}, 'None.')
      : el('ul', { id: 'rejections', class: 'rejections' }, rejections.map(rejection => el('li', {}, el('code', {}, rejection.reason))))));
  return sections;
}
