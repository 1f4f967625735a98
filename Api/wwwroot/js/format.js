// Shared text helpers: times, numbers and small DOM builders.

/** An ISO instant as "2023-01-25 18:13:22 UTC". */
export function utc(iso) {
  if (!iso) {
    return '—';
  }
  return iso.replace('T', ' ').replace(/(\.\d+)?Z$/, ' UTC');
}

/** An ISO instant in a store's zone, e.g. "Wed 25 Jan, 12:13". */
export function local(iso, zone, withSeconds = false) {
  const options = { timeZone: zone, weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' };
  if (withSeconds) {
    options.second = '2-digit';
  }
  return new Intl.DateTimeFormat('en-GB', options).format(new Date(iso));
}

/** Up as a share of business time: "96.4 %", or "—" when the window has no business time. */
export function percent(up, down) {
  const total = up + down;
  return total > 0 ? `${(100 * up / total).toFixed(1)} %` : '—';
}

export function ratio(up, down) {
  const total = up + down;
  return total > 0 ? up / total : null;
}

/** Creates an element with attributes and children (strings become text nodes, never HTML). */
export function el(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === null || value === undefined || value === false) {
      continue;
    }
    if (name.startsWith('on')) {
      element.addEventListener(name.slice(2), value);
    } else {
      element.setAttribute(name, value === true ? '' : value);
    }
  }
  element.append(...children.flat().filter(child => child !== null && child !== undefined));
  return element;
}

export function errorMessage(error) {
  return el('p', { class: 'error', role: 'alert' }, error.message || String(error));
}
