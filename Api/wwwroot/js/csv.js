// Reads the report CSV (RFC 4180: quoted fields, doubled quotes) into objects keyed by the header.

export function parseCsv(text) {
  const records = [];
  let record = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c === '"') {
      quoted = true;
    } else if (c === ',') {
      record.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') {
        i++;
      }
      record.push(field);
      records.push(record);
      record = [];
      field = '';
    } else {
      field += c;
    }
  }
  if (field !== '' || record.length > 0) {
    record.push(field);
    records.push(record);
  }
  const [header, ...rows] = records;
  return { header, rows };
}

/** The report's columns, in SPEC order. */
export const reportColumns = [
  'store_id',
  'uptime_last_hour(in minutes)', 'uptime_last_day(in hours)', 'uptime_last_week(in hours)',
  'downtime_last_hour(in minutes)', 'downtime_last_day(in hours)', 'downtime_last_week(in hours)',
];

/** A report row as numbers, keeping the CSV text of each cell for display. */
export function toReportRow(cells) {
  return {
    cells,
    storeId: storeIdOf(cells[0]),
    upHour: Number(cells[1]), upDay: Number(cells[2]), upWeek: Number(cells[3]),
    downHour: Number(cells[4]), downDay: Number(cells[5]), downWeek: Number(cells[6]),
  };
}

// The CSV guards ids that a spreadsheet would run as formulas with a leading apostrophe; the id is what follows.
function storeIdOf(cell) {
  return cell.length > 1 && cell[0] === "'" && '=+-@\t\r'.includes(cell[1]) ? cell.slice(1) : cell;
}
