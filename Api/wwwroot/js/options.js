// The options of a new report (docs/REPORTS.md): windows, named ranges, which stores, and shares of business time.
// With nothing changed the body carries none of them, so the report is exactly the SPEC report.
import { el } from './format.js';

const fixedWindows = [
  { name: 'hour', label: 'Last hour' },
  { name: 'day', label: 'Last day' },
  { name: 'week', label: 'Last week' },
  { name: 'month', label: 'Last 30 days' },
  { name: 'quarter', label: 'Last 90 days' },
];
const specWindows = ['hour', 'day', 'week'];

/** The options fieldset and a function that reads it into the trigger body's options (an object, maybe empty). */
export function reportOptionsFields() {
  const boxes = fixedWindows.map(window => el('input', {
    type: 'checkbox', id: `window-${window.name}`, name: 'windows', value: window.name, checked: specWindows.includes(window.name),
  }));
  const ranges = el('div', { id: 'ranges', class: 'ranges' });
  const addRange = el('button', { type: 'button', id: 'add-range', class: 'secondary' }, 'Add a named range');
  addRange.addEventListener('click', () => ranges.append(rangeRow(ranges.children.length + 1)));

  const scope = el('select', { id: 'store-scope' },
    el('option', { value: 'all' }, 'All stores'),
    el('option', { value: 'ids' }, 'Only these store ids'),
    el('option', { value: 'prefix' }, 'Store ids starting with'));
  const ids = el('textarea', { id: 'store-ids', rows: '3', 'aria-label': 'Store ids, one per line', hidden: true });
  const prefix = el('input', { id: 'store-prefix', type: 'text', 'aria-label': 'Store id prefix', hidden: true, autocomplete: 'off' });
  scope.addEventListener('change', () => {
    ids.hidden = scope.value !== 'ids';
    prefix.hidden = scope.value !== 'prefix';
  });
  const shares = el('input', { type: 'checkbox', id: 'include-percent', name: 'include_percent' });

  const fieldset = el('fieldset', { class: 'options', id: 'report-options' },
    el('legend', {}, 'Options'),
    el('div', { class: 'field' },
      el('span', { class: 'label', id: 'windows-label' }, 'Windows'),
      el('div', { class: 'checks', role: 'group', 'aria-labelledby': 'windows-label' },
        fixedWindows.map((window, index) => el('label', { for: `window-${window.name}` }, boxes[index], ` ${window.label}`)))),
    el('div', { class: 'field' }, ranges, addRange,
      el('p', { class: 'help' }, 'A named range is a stretch of UTC time, e.g. jan from 2023-01-01 00:00 to 2023-02-01 00:00 (at most 400 days).')),
    el('div', { class: 'field' }, el('label', { for: 'store-scope' }, 'Stores'), scope, ids, prefix),
    el('div', { class: 'field' }, el('label', { for: 'include-percent' }, shares, ' Include uptime as a share of business time (%)')));

  function read() {
    const options = {};
    const windows = boxes.filter(box => box.checked).map(box => box.value);
    for (const row of ranges.querySelectorAll('.range')) {
      const [name, from, to] = [...row.querySelectorAll('input')].map(input => input.value.trim());
      if (name || from || to) {
        windows.push({ name, from: utcInstant(from), to: utcInstant(to) });
      }
    }
    if (windows.join(',') !== specWindows.join(',')) {
      options.windows = windows;
    }
    if (scope.value === 'ids') {
      options.stores = ids.value.split(/[\n,]/).map(id => id.trim()).filter(id => id);
    } else if (scope.value === 'prefix') {
      options.store_prefix = prefix.value.trim();
    }
    if (shares.checked) {
      options.include_percent = true;
    }
    return options;
  }

  return { fieldset, read };
}

function rangeRow(number) {
  const id = `range-${number}`;
  const row = el('div', { class: 'range', id },
    el('label', { for: `${id}-name` }, `Range ${number} name`),
    el('input', { id: `${id}-name`, type: 'text', pattern: '[a-z0-9_]{1,32}', placeholder: 'jan', autocomplete: 'off' }),
    el('label', { for: `${id}-from` }, 'from (UTC)'),
    el('input', { id: `${id}-from`, type: 'datetime-local', step: '1' }),
    el('label', { for: `${id}-to` }, 'to (UTC)'),
    el('input', { id: `${id}-to`, type: 'datetime-local', step: '1' }));
  const remove = el('button', { type: 'button', class: 'secondary', 'aria-label': `Remove range ${number}` }, 'Remove');
  remove.addEventListener('click', () => row.remove());
  row.append(remove);
  return row;
}

/** A datetime-local value read as UTC: "2023-01-01T00:00" → "2023-01-01T00:00:00Z". */
export function utcInstant(value) {
  return value ? `${value.length === 16 ? `${value}:00` : value}Z` : value;
}

/** The options a report's status echoes, in a line: "Windows: last_month, jan · stores starting with 10 · with %". */
export function describeOptions(options) {
  if (!options) {
    return 'The SPEC report: last hour, day and week of every store.';
  }
  const windows = options.windows.map(window => typeof window === 'string' ? `last ${window}` : `${window.name} (${window.from} – ${window.to})`);
  const parts = [`Windows: ${windows.join(', ')}`];
  if (options.stores) {
    parts.push(`${options.store_count ?? options.stores.length} store id(s) asked for`);
  }
  if (options.store_prefix) {
    parts.push(`stores whose id starts with ${options.store_prefix}`);
  }
  if (options.include_percent) {
    parts.push('with uptime as a share of business time');
  }
  return `${parts.join(' · ')}.`;
}
