// The dashboard's router: #/now, #/reports[/id], #/stores/{id}[?as_of=…], #/ingestion. Each view renders into <main>.
import { showReports } from './reports.js';
import { showStore } from './store.js';
import { showIngestion } from './ingestion.js';
import { showNow } from './now.js';
import { errorMessage } from './format.js';

const main = document.getElementById('main');
let leaveView = () => {};

async function route() {
  leaveView();
  leaveView = () => {};
  const hash = location.hash.replace(/^#/, '') || '/reports';
  const [path, query = ''] = hash.split('?');
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  const params = new URLSearchParams(query);
  markCurrentNav(parts[0]);
  main.replaceChildren();
  try {
    switch (parts[0]) {
      case 'stores':
        leaveView = await showStore(main, parts[1], params.get('as_of'));
        break;
      case 'ingestion':
        leaveView = await showIngestion(main);
        break;
      case 'now':
        leaveView = await showNow(main);
        break;
      default:
        leaveView = await showReports(main, parts[1]);
    }
  } catch (error) {
    main.append(errorMessage(error));
  }
}

function markCurrentNav(section) {
  for (const link of document.querySelectorAll('[data-nav]')) {
    const current = link.dataset.nav === (['ingestion', 'now'].includes(section) ? section : 'reports');
    if (current) {
      link.setAttribute('aria-current', 'page');
    } else {
      link.removeAttribute('aria-current');
    }
  }
}

window.addEventListener('hashchange', () => {
  route();
  main.focus({ preventScroll: true });
});
route();
