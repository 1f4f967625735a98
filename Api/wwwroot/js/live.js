// The live events hub (/hubs/events, docs/LIVE.md#signalr) through the vendored SignalR client (lib/signalr, a global
// `signalR`, loaded by index.html before the modules). It reconnects by itself, for ever, backing off to 30 s; after
// every (re)connect it calls onConnected, which is where a view reloads its snapshot: events sent while the connection
// was down are not sent again.
import { currentKey } from './api.js';

const hubPath = '/hubs/events';
const longestWait = 30000;

/** The delay before reconnect attempt n: 0, 1, 2, 4, 8, 16, 30, 30 … seconds, never giving up. */
const retryPolicy = { nextRetryDelayInMilliseconds: context => context.previousRetryCount === 0 ? 0 : Math.min(longestWait, 1000 * 2 ** (context.previousRetryCount - 1)) };

/**
 * Connects and keeps connected. onEvents(batch) gets each batch of events; onState(state, detail) each change of the
 * connection ('connecting', 'connected', 'reconnecting', 'disconnected'); onConnected() runs after every (re)connect.
 * Returns a function that closes the connection for good.
 */
export function connectLive({ onEvents, onState, onConnected }) {
  const connection = new signalR.HubConnectionBuilder()
    // The key goes in the negotiate call's Authorization header and, for the WebSocket, in access_token.
    .withUrl(hubPath, { accessTokenFactory: () => currentKey() ?? '' })
    .withAutomaticReconnect(retryPolicy)
    .configureLogging(signalR.LogLevel.Warning)
    .build();
  let closed = false;
  let retry = null;
  let attempt = 0;

  connection.on('events', batch => onEvents(batch));
  connection.onreconnecting(error => onState('reconnecting', error?.message));
  connection.onreconnected(() => {
    onState('connected');
    onConnected();
  });
  // The automatic reconnect ends only when it is stopped; a first start that failed is retried below.
  connection.onclose(error => {
    if (!closed) {
      scheduleStart(error?.message);
    }
  });

  async function start() {
    onState('connecting');
    try {
      await connection.start();
      attempt = 0;
      onState('connected');
      onConnected();
    } catch (error) {
      scheduleStart(error?.message);
    }
  }

  function scheduleStart(reason) {
    if (closed) {
      return;
    }
    clearTimeout(retry);
    const wait = Math.min(longestWait, 1000 * 2 ** attempt++);
    onState('disconnected', reason ? `${reason} Trying again in ${Math.round(wait / 1000)} s.` : `Trying again in ${Math.round(wait / 1000)} s.`);
    retry = setTimeout(start, wait);
  }

  start();
  return () => {
    closed = true;
    clearTimeout(retry);
    connection.stop();
  };
}
