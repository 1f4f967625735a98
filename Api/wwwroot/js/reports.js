// The Reports view: trigger a report, follow its progress, download it, browse its rows, list recent reports.
import { request, getJson, postJson, ensureOk } from './api.js';
import { parseCsv, toReportRow, reportColumns } from './csv.js';
import { el, utc, percent, ratio, errorMessage } from './format.js';
import { reportOptionsFields, describeOptions, utcInstant } from './options.js';

const pollInterval = 500;
const pageSize = 100;

export async function showReports(main, reportId) {
  let stopped = false;
  let timer = null;
  const recent = el('section', { 'aria-labelledby': 'recent-title', class: 'card' });
  const current = el('section', { id: 'report', 'aria-labelledby': 'report-title', class: 'card' });

  main.append(
    el('h1', {}, 'Reports'),
    triggerForm(),
    current,
    recent,
  );

  await refreshRecent(recent);
  if (reportId) {
    await follow(reportId);
  } else {
    current.hidden = true;
  }

  return () => {
    stopped = true;
    clearTimeout(timer);
  };

  function triggerForm() {
    const asOf = el('input', { id: 'as-of', name: 'as_of', type: 'datetime-local', step: '1', 'aria-describedby': 'as-of-help' });
    const status = el('p', { id: 'trigger-status', role: 'status' });
    const options = reportOptionsFields();
    const form = el('form', { class: 'card trigger', 'aria-labelledby': 'trigger-title' },
      el('h2', { id: 'trigger-title' }, 'New report'),
      el('div', { class: 'field' },
        el('label', { for: 'as-of' }, 'Report time (UTC, optional)'),
        asOf,
        el('p', { id: 'as-of-help', class: 'help' }, 'Leave empty for the latest poll. The windows end at this time; named ranges are their own.')),
      options.fieldset,
      el('button', { type: 'submit', id: 'trigger-report' }, 'Generate report'),
      status);
    form.addEventListener('submit', async event => {
      event.preventDefault();
      status.textContent = 'Starting…';
      try {
        const fields = { ...(asOf.value ? { as_of: utcInstant(asOf.value) } : {}), ...options.read() };
        const body = Object.keys(fields).length > 0 ? fields : undefined;
        const { report_id: id } = await postJson('/trigger_report', body);
        status.textContent = '';
        location.hash = `#/reports/${id}`;
      } catch (error) {
        status.textContent = error.message;
      }
    });
    return form;
  }

  async function follow(id) {
    current.replaceChildren(
      el('h2', { id: 'report-title' }, 'Report ', el('code', {}, id)),
      el('p', { role: 'status', id: 'report-progress-text' }, 'Asking…'));
    const poll = async () => {
      if (stopped) {
        return;
      }
      try {
        const response = await ensureOk(await request(`/get_report?report_id=${encodeURIComponent(id)}`));
        if (response.headers.get('X-Report-Status') === 'Complete') {
          const text = await response.text();
          const status = await findStatus(id);
          showComplete(id, text, status);
          await refreshRecent(recent);
          return;
        }
        const progress = await response.json();
        if (progress.status === 'Failed') {
          showFailed(progress);
          await refreshRecent(recent);
          return;
        }
        showProgress(progress);
        timer = setTimeout(poll, pollInterval);
      } catch (error) {
        current.append(errorMessage(error));
      }
    };
    await poll();
  }

  function showProgress(progress) {
    const total = progress.stores_total || 0;
    const done = progress.stores_done || 0;
    const phase = progress.phase === 'waiting-for-ingestion'
      ? `Waiting for ingestion${progress.waiting_for ? ` (${progress.waiting_for})` : ''}`
      : 'Computing';
    current.replaceChildren(
      el('h2', { id: 'report-title' }, 'Report ', el('code', {}, progress.report_id)),
      el('p', { id: 'report-progress-text', role: 'status' }, `${phase}: ${done.toLocaleString('en')} of ${total.toLocaleString('en')} stores`),
      el('progress', { id: 'report-progress', max: String(Math.max(total, 1)), value: String(done), 'aria-labelledby': 'report-progress-text' }));
  }

  function showFailed(progress) {
    current.replaceChildren(
      el('h2', { id: 'report-title' }, 'Report ', el('code', {}, progress.report_id)),
      el('p', { class: 'error', role: 'alert', id: 'report-state', 'data-state': 'Failed' }, `The report failed: ${progress.error ?? 'no reason given'}`));
  }

  function showComplete(id, text, status) {
    const { header, rows } = parseCsv(text);
    const download = el('a', {
      id: 'download-csv', class: 'button', download: `report-${id}.csv`,
      href: URL.createObjectURL(new Blob([text], { type: 'text/csv' })),
    }, 'Download CSV');
    const isSpec = header.join(',') === reportColumns.join(',');
    current.replaceChildren(
      el('h2', { id: 'report-title' }, 'Report ', el('code', {}, id)),
      el('p', { id: 'report-state', 'data-state': 'Complete', role: 'status' },
        `Complete: ${rows.length.toLocaleString('en')} stores as of ${utc(status?.as_of)}.`, ' ', download, ' ',
        formatDownload(id, 'json', 'Download JSON'), ' ', formatDownload(id, 'ndjson', 'Download NDJSON')),
      el('p', { id: 'report-options-summary' }, describeOptions(status?.options)),
      ...(status?.warnings?.length ? [el('ul', { class: 'warnings' }, status.warnings.map(warning => el('li', {}, warning)))] : []),
      isSpec ? reportTable(header, rows.map(toReportRow), status?.as_of) : columnsTable(header, rows, status?.as_of));
  }

  async function findStatus(id) {
    const { reports } = await getJson('/reports?limit=100');
    return reports.find(report => report.report_id === id) ?? null;
  }
}

// The rows as JSON or NDJSON: fetched with the API key on the first click, then saved from memory.
function formatDownload(id, format, label) {
  const link = el('a', { id: `download-${format}`, class: 'button secondary', href: `/get_report?report_id=${encodeURIComponent(id)}&format=${format}`, download: `report-${id}.${format}` }, label);
  link.addEventListener('click', async event => {
    if (link.dataset.ready) {
      return;
    }
    event.preventDefault();
    try {
      const blob = await (await ensureOk(await request(link.getAttribute('href')))).blob();
      link.href = URL.createObjectURL(blob);
      link.dataset.ready = 'true';
      link.click();
    } catch (error) {
      link.after(errorMessage(error));
    }
  });
  return link;
}

// A report with chosen windows: every column as the CSV has it, sortable, searchable by store id.
function columnsTable(header, records, asOf) {
  const rows = records.map(cells => ({ cells, storeId: toReportRow(cells).storeId }));
  const state = { sort: 0, descending: false, search: '', shown: pageSize };
  const search = el('input', { id: 'store-search', type: 'search', placeholder: 'e.g. 1001270', autocomplete: 'off' });
  const count = el('p', { id: 'row-count', role: 'status' });
  const tbody = el('tbody');
  const more = el('button', { type: 'button', class: 'secondary', id: 'show-more' }, 'Show more');
  const headRow = el('tr', {}, header.map((name, index) => {
    const button = el('button', { type: 'button', class: 'sort', 'data-sort': String(index) }, name);
    button.addEventListener('click', () => {
      state.descending = state.sort === index ? !state.descending : index > 0;
      state.sort = index;
      render();
    });
    return el('th', { scope: 'col', class: index === 0 ? '' : 'number' }, button);
  }));
  const table = el('table', { id: 'report-rows' }, el('caption', { class: 'visually-hidden' }, 'Report rows'), el('thead', {}, headRow), tbody);
  search.addEventListener('input', () => { state.search = search.value.trim().toLowerCase(); state.shown = pageSize; render(); });
  more.addEventListener('click', () => { state.shown += pageSize * 5; render(); });

  function render() {
    const value = row => state.sort === 0 ? row.storeId : (row.cells[state.sort] === '' ? null : Number(row.cells[state.sort]));
    const selected = rows
      .filter(row => !state.search || row.storeId.toLowerCase().includes(state.search))
      .sort((a, b) => compare(value(a), value(b), state.descending) || (a.storeId < b.storeId ? -1 : a.storeId > b.storeId ? 1 : 0));
    tbody.replaceChildren(...selected.slice(0, state.shown).map(row => el('tr', { 'data-store-id': row.storeId },
      row.cells.map((cell, index) => index === 0
        ? el('th', { scope: 'row', 'data-csv': 0 }, el('a', { href: `#/stores/${encodeURIComponent(row.storeId)}${asOf ? `?as_of=${encodeURIComponent(asOf)}` : ''}` }, row.storeId))
        : el('td', { class: 'number', 'data-csv': index }, cell)))));
    count.textContent = `${selected.length.toLocaleString('en')} of ${rows.length.toLocaleString('en')} stores${selected.length > state.shown ? `, showing the first ${state.shown.toLocaleString('en')}` : ''}.`;
    more.hidden = selected.length <= state.shown;
  }

  render();
  return el('div', { class: 'rows' },
    el('div', { class: 'filters' }, el('div', { class: 'field' }, el('label', { for: 'store-search' }, 'Search store id'), search)),
    count,
    el('div', { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-label': 'Report rows, scrollable' }, table),
    more);
}

async function refreshRecent(section) {
  try {
    const { reports } = await getJson('/reports?limit=20');
    section.replaceChildren(
      el('h2', { id: 'recent-title' }, 'Recent reports'),
      reports.length === 0
        ? el('p', {}, 'No report yet.')
        : el('div', { class: 'table-wrap' }, el('table', { id: 'recent-reports' },
          el('thead', {}, el('tr', {}, ['Report', 'Status', 'Report time', 'Started', 'Stores'].map(name => el('th', { scope: 'col' }, name)))),
          el('tbody', {}, reports.map(report => el('tr', {},
            el('td', {}, el('a', { href: `#/reports/${report.report_id}` }, el('code', {}, report.report_id.slice(0, 8)))),
            el('td', {}, el('span', { class: `badge ${report.status.toLowerCase()}` }, report.status)),
            el('td', {}, utc(report.as_of)),
            el('td', {}, utc(report.created_at)),
            el('td', { class: 'number' }, report.status === 'Complete' ? report.row_count.toLocaleString('en') : `${report.stores_done} / ${report.stores_total}`)))))));
  } catch (error) {
    section.replaceChildren(el('h2', { id: 'recent-title' }, 'Recent reports'), errorMessage(error));
  }
}

// Sortable, filterable table of the report rows: worst downtime first, the SPEC figures with uptime as a share
// of business time beside them.
function reportTable(header, rows, asOf) {
  // Each window shows up and down (the SPEC figures, named in full for screen readers) and up as a share of business time.
  const windowColumns = (name, unit, up, down, upCell, downCell, pct) => [
    { key: up, group: name, label: `Up (${unit})`, title: header[upCell], cell: upCell },
    { key: down, group: name, label: `Down (${unit})`, title: header[downCell], cell: downCell },
    { key: pct, group: name, label: 'Up %', title: `Uptime as a share of business time, ${name.toLowerCase()}`, value: row => ratio(row[up], row[down]), text: row => percent(row[up], row[down]) },
  ];
  const columns = [
    { key: 'storeId', label: 'Store', title: 'store_id', numeric: false },
    ...windowColumns('Last hour', 'min', 'upHour', 'downHour', 1, 4, 'pctHour'),
    ...windowColumns('Last day', 'h', 'upDay', 'downDay', 2, 5, 'pctDay'),
    ...windowColumns('Last week', 'h', 'upWeek', 'downWeek', 3, 6, 'pctWeek'),
  ];
  const valueOf = (column, row) => column.value ? column.value(row) : column.numeric === false ? row.storeId : row[column.key];
  const state = { sort: 'downWeek', descending: true, search: '', filter: 'all', shown: pageSize };

  const search = el('input', { id: 'store-search', type: 'search', placeholder: 'e.g. 1001270', autocomplete: 'off' });
  const filter = el('select', { id: 'row-filter' },
    el('option', { value: 'all' }, 'All stores'),
    el('option', { value: 'down-week' }, 'Some downtime in the last week'),
    el('option', { value: 'down-day' }, 'Some downtime in the last day'),
    el('option', { value: 'below-90' }, 'Up less than 90 % of the week'),
    el('option', { value: 'no-business' }, 'No business time in the week'));
  const count = el('p', { id: 'row-count', role: 'status' });
  const tbody = el('tbody');
  const more = el('button', { type: 'button', class: 'secondary', id: 'show-more' }, 'Show more');
  const groupRow = el('tr', {}, el('td'), ['Last hour', 'Last day', 'Last week'].map(name => el('th', { scope: 'colgroup', colspan: '3', class: 'group' }, name)));
  const headRow = el('tr');
  const table = el('table', { id: 'report-rows' }, el('caption', { class: 'visually-hidden' }, 'Report rows'), el('thead', {}, groupRow, headRow), tbody);

  for (const column of columns) {
    const button = el('button', { type: 'button', class: 'sort', 'data-sort': column.key, title: column.title, 'aria-label': column.group ? `${column.title} (sort)` : 'Store id (sort)' }, column.label);
    button.addEventListener('click', () => {
      state.descending = state.sort === column.key ? !state.descending : column.key !== 'storeId' && !column.key.startsWith('pct') && !column.key.startsWith('up');
      state.sort = column.key;
      render();
    });
    headRow.append(el('th', { scope: 'col', 'data-key': column.key, class: column.key === 'storeId' ? '' : 'number' }, button));
  }

  search.addEventListener('input', () => { state.search = search.value.trim().toLowerCase(); state.shown = pageSize; render(); });
  filter.addEventListener('change', () => { state.filter = filter.value; state.shown = pageSize; render(); });
  more.addEventListener('click', () => { state.shown += pageSize * 5; render(); });

  const filters = {
    'all': () => true,
    'down-week': row => row.downWeek > 0,
    'down-day': row => row.downDay > 0,
    'below-90': row => (ratio(row.upWeek, row.downWeek) ?? 1) < 0.9,
    'no-business': row => row.upWeek + row.downWeek === 0,
  };

  function render() {
    const column = columns.find(candidate => candidate.key === state.sort);
    const selected = rows
      .filter(row => (!state.search || row.storeId.toLowerCase().includes(state.search)) && filters[state.filter](row))
      .sort((a, b) => compare(valueOf(column, a), valueOf(column, b), state.descending) || (a.storeId < b.storeId ? -1 : a.storeId > b.storeId ? 1 : 0));
    for (const th of headRow.children) {
      th.setAttribute('aria-sort', th.dataset.key === state.sort ? (state.descending ? 'descending' : 'ascending') : 'none');
    }
    tbody.replaceChildren(...selected.slice(0, state.shown).map(row => el('tr', { 'data-store-id': row.storeId },
      columns.map(column => column.key === 'storeId'
        ? el('th', { scope: 'row', 'data-csv': 0 }, el('a', { href: `#/stores/${encodeURIComponent(row.storeId)}${asOf ? `?as_of=${encodeURIComponent(asOf)}` : ''}` }, row.storeId))
        : el('td', { class: column.key.startsWith('pct') ? 'number pct' : 'number', 'data-csv': column.cell }, column.text ? column.text(row) : row.cells[column.cell])))));
    count.textContent = `${selected.length.toLocaleString('en')} of ${rows.length.toLocaleString('en')} stores${selected.length > state.shown ? `, showing the first ${state.shown.toLocaleString('en')}` : ''}.`;
    more.hidden = selected.length <= state.shown;
  }

  render();
  return el('div', { class: 'rows' },
    el('div', { class: 'filters' },
      el('div', { class: 'field' }, el('label', { for: 'store-search' }, 'Search store id'), search),
      el('div', { class: 'field' }, el('label', { for: 'row-filter' }, 'Show'), filter)),
    count,
    el('div', { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-label': 'Report rows, scrollable' }, table),
    more);
}

// Nulls (no business time) sort last whichever the direction.
function compare(a, b, descending) {
  if (a === b) {
    return 0;
  }
  if (a === null) {
    return 1;
  }
  if (b === null) {
    return -1;
  }
  const order = a < b ? -1 : 1;
  return descending ? -order : order;
}
