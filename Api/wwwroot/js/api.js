// Every request of the dashboard goes through here, so API keys are handled in one place: the key kept in
// sessionStorage is sent as X-API-Key, and a 401 asks the user for a key once, keeps it and retries.

const keyName = 'storemonitor.apiKey';
let pendingPrompt = null;

/** A non-2xx answer, with the problem-details body when the server sent one. */
export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail || problem?.title || `The server answered ${status}.`);
    this.status = status;
    this.problem = problem;
  }
}

/** fetch() with the API key; on 401 asks for a key (once per request) and retries with it. */
export async function request(path, init = {}) {
  const response = await send(path, init);
  if (response.status !== 401) {
    return response;
  }

  const key = await askForKey();
  return key ? send(path, init) : response;
}

/** The API key this tab keeps (null when none was asked for): the live events hub sends it as its access token. */
export function currentKey() {
  return sessionStorage.getItem(keyName);
}

export async function getJson(path) {
  return json(await request(path));
}

export async function postJson(path, body) {
  const init = { method: 'POST' };
  if (body !== undefined) {
    init.headers = { 'Content-Type': 'application/json' };
    init.body = JSON.stringify(body);
  }
  return json(await request(path, init));
}

/** Throws ApiError for a non-2xx answer, reading its problem details when present. */
export async function ensureOk(response) {
  if (!response.ok) {
    let problem = null;
    try {
      problem = await response.json();
    } catch {
      // Not JSON: the status alone says what happened.
    }
    throw new ApiError(response.status, problem);
  }
  return response;
}

async function json(response) {
  await ensureOk(response);
  return response.json();
}

function send(path, init) {
  const headers = new Headers(init.headers);
  const key = sessionStorage.getItem(keyName);
  if (key) {
    headers.set('X-API-Key', key);
  }
  return fetch(path, { ...init, headers });
}

// Concurrent 401s share one prompt.
function askForKey() {
  pendingPrompt ??= promptForKey().finally(() => { pendingPrompt = null; });
  return pendingPrompt;
}

function promptForKey() {
  const dialog = document.getElementById('api-key-dialog');
  const form = document.getElementById('api-key-form');
  const input = document.getElementById('api-key-input');
  const cancel = document.getElementById('api-key-cancel');
  return new Promise(resolve => {
    const finish = key => {
      form.removeEventListener('submit', onSubmit);
      cancel.removeEventListener('click', onCancel);
      dialog.removeEventListener('cancel', onCancel);
      if (dialog.open) {
        dialog.close();
      }
      resolve(key);
    };
    const onSubmit = event => {
      event.preventDefault();
      const key = input.value.trim();
      if (key) {
        sessionStorage.setItem(keyName, key);
      }
      input.value = '';
      finish(key || null);
    };
    const onCancel = () => finish(null);
    form.addEventListener('submit', onSubmit);
    cancel.addEventListener('click', onCancel);
    dialog.addEventListener('cancel', onCancel);
    dialog.showModal();
    input.focus();
  });
}
