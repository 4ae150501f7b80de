// Operator console of one domain: polls the admin API and /metrics of this deployment (role ssp-admin).
const POLL_MS = 2000;
const HISTORY = 60;
const throughput = [];
const latency = [];
let lastCount = null;
let lastAt = null;
const seenAnswered = new Set();

const cell = (text, cls) => {
  const td = document.createElement('td');
  td.textContent = text ?? '';
  if (cls) td.className = cls;
  return td;
};
const fill = (table, rows) => {
  const body = document.querySelector(table + ' tbody');
  body.replaceChildren(...rows.map(cells => {
    const tr = document.createElement('tr');
    tr.append(...cells.map(c => Array.isArray(c) ? cell(c[0], c[1]) : cell(c)));
    return tr;
  }));
};

// the sum of every ssp_transactions_total series in the Prometheus text
const transactionsTotal = text => text.split('\n')
  .filter(line => line.startsWith('ssp_transactions_total{'))
  .reduce((sum, line) => sum + Number(line.substring(line.lastIndexOf(' ') + 1)), 0);

function draw(canvasId, series, colors) {
  const canvas = document.getElementById(canvasId);
  const g = canvas.getContext('2d');
  g.clearRect(0, 0, canvas.width, canvas.height);
  const max = Math.max(1, ...series.flat());
  g.fillStyle = '#6b7785';
  g.font = '11px system-ui';
  g.fillText(max.toFixed(max < 10 ? 1 : 0), 4, 12);
  series.forEach((points, i) => {
    g.strokeStyle = colors[i];
    g.lineWidth = 2;
    g.beginPath();
    points.forEach((v, x) => {
      const px = (x / (HISTORY - 1)) * (canvas.width - 8) + 4;
      const py = canvas.height - 6 - (v / max) * (canvas.height - 20);
      x === 0 ? g.moveTo(px, py) : g.lineTo(px, py);
    });
    g.stroke();
  });
}

function push(list, value) {
  list.push(value);
  while (list.length > HISTORY) list.shift();
}

// a failed poll says why (401: not signed in as an operator) instead of leaving the page blank
const checked = r => {
  if (!r.ok) throw new Error(`${r.url} answered HTTP ${r.status}`);
  return r;
};

async function refresh() {
  const [overview, metrics] = await Promise.all([
    fetch('../api/admin/overview').then(checked).then(r => r.json()),
    fetch('../metrics').then(checked).then(r => r.text())]);
  document.getElementById('problem').textContent = '';
  document.getElementById('domain').textContent = overview.domain;
  document.getElementById('node').textContent = `node ${overview.node}`;
  fill('#nodes', overview.nodes.map(n => [n.node + (n.self ? ' (this node)' : ''), n.url ?? '', n.renewedAt,
    n.live ? 'live' : 'lease lapsed']));
  document.getElementById('build').textContent = `v${overview.build.version}, built ${overview.build.built}`;
  fill('#peers', overview.peers.map(p => [p.domain, [p.state, p.state], p.endpoint ?? p.url,
    p.tls + (p.mutualTls ? ' + client cert' : ''),
    p.pipeliningRefused ? `${p.connectionPairs}, stop-and-wait: ${p.pipeliningRefused}` : `${p.connectionPairs} × ${p.pipelineDepth} deep`,
    [p.sessions.join(', '), p.sessionNodes.length ? `on ${p.sessionNodes.join(', ')}` : ''].filter(x => x).join(' · '), p.pending,
    p.quarantined ? `${p.queued} (${p.quarantined} quarantined)` : p.queued, p.backoff ? `retry ${p.backoff.retryAt} (failure ${p.backoff.failures})` : '',
    p.lastError ? `${p.lastErrorAt}: ${p.lastError}` : '']));
  await refreshWaiting(overview.peers.filter(p => p.parked + p.quarantined > 0).map(p => p.domain));
  fill('#sessions', overview.sessions.map(s => [s.peer, s.role, s.ourSessionId, s.theirSessionId, s.expiresAt]));
  fill('#recent', overview.recent.map(t => [t.started, t.direction, t.peer, t.transactionId, t.primitive,
    t.answer ?? 'pending…', t.status, t.latencyMillis]));
  document.getElementById('pending').textContent = overview.pending.total;
  document.getElementById('queued').textContent = overview.inboundQueued;
  document.getElementById('session-count').textContent = overview.sessions.length;

  const count = transactionsTotal(metrics);
  const now = Date.now();
  push(throughput, lastCount === null ? 0 : Math.max(0, (count - lastCount) * 1000 / (now - lastAt)));
  lastCount = count;
  lastAt = now;
  const fresh = overview.recent.filter(t => t.direction === 'OUT' && t.latencyMillis !== null
    && !seenAnswered.has(t.transactionId));
  fresh.forEach(t => seenAnswered.add(t.transactionId));
  if (seenAnswered.size > 1000) { // bounded: forget ids that have left the server's ring of 200
    const current = new Set(overview.recent.map(t => t.transactionId));
    [...seenAnswered].filter(id => !current.has(id)).forEach(id => seenAnswered.delete(id));
  }
  const ms = fresh.map(t => t.latencyMillis);
  push(latency, [ms.length ? ms.reduce((a, b) => a + b, 0) / ms.length : 0, ms.length ? Math.max(...ms) : 0]);
  draw('throughput', [throughput], ['#1d4e89']);
  draw('latency', [latency.map(l => l[0]), latency.map(l => l[1])], ['#17703a', '#b3261e']);
}

// the quarantined and queued requests of the peers that have any, each with what an operator may do to it
async function refreshWaiting(peers) {
  const lists = await Promise.all(peers.map(peer => fetch('../api/admin/queue?peer=' + encodeURIComponent(peer))
    .then(checked).then(r => r.json()).then(rows => rows.map(row => ({ peer, ...row })))));
  const body = document.querySelector('#waiting tbody');
  body.replaceChildren(...lists.flat().map(w => {
    const tr = document.createElement('tr');
    const actions = document.createElement('td');
    if (w.state === 'QUARANTINED') actions.append(actionButton('Retry', 'retry', w));
    actions.append(actionButton('Drop', 'drop', w));
    tr.append(cell(w.peer), cell(w.transactionId), cell(w.primitive), cell(w.state, w.state), actions,
      cell(w.attempts), cell(w.expiresAt), cell(w.reason ?? w.lastError, 'why'));
    return tr;
  }));
}

function actionButton(label, action, w) {
  const button = document.createElement('button');
  button.textContent = label;
  button.className = action;
  button.addEventListener('click', async () => {
    const r = await fetch('../api/admin/queue/' + action, { method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ peer: w.peer, transactionId: w.transactionId }) });
    document.getElementById('waiting-result').textContent =
      `${label} ${w.transactionId} to ${w.peer}: HTTP ${r.status}`;
    poll();
  });
  return button;
}

document.getElementById('send').addEventListener('submit', async event => {
  event.preventDefault();
  const form = new FormData(event.target);
  const reply = await fetch('../api/reference/messages', { method: 'POST',
    headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(Object.fromEntries(form)) })
    .then(r => r.json());
  document.getElementById('result').textContent =
    `Status ${reply.status.code} ${reply.status.description} (txn ${reply.transactionId ?? '-'})`;
  poll();
});

const poll = () => refresh().catch(e => { document.getElementById('problem').textContent = e.message; });
poll();
setInterval(poll, POLL_MS);
