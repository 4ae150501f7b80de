// Console of one domain: reads the reference API of this deployment (same context path).
const api = (path, init) => fetch('api/reference/' + path, init).then(r => r.json());
const cell = text => { const td = document.createElement('td'); td.textContent = text ?? ''; return td; };
const fill = (table, rows) => {
  const body = document.querySelector(table + ' tbody');
  body.replaceChildren(...rows.map(cells => { const tr = document.createElement('tr'); tr.append(...cells.map(cell)); return tr; }));
};

async function refresh() {
  const status = await api('status');
  document.getElementById('domain').textContent = status.domain;
  fill('#sessions', status.sessions.map(s => [s.peer, s.role, s.ourSessionId, s.theirSessionId, s.expiresAt]));
  const user = document.getElementById('inbox-user').value;
  if (user) {
    const inbox = await fetch('api/reference/inbox/' + encodeURIComponent(user)).then(r => r.ok ? r.json() : []);
    fill('#inbox', inbox.map(m => [m.receivedAt, m.from, m.text, m.messageId]));
  }
}

document.getElementById('send').addEventListener('submit', async event => {
  event.preventDefault();
  const form = new FormData(event.target);
  const reply = await api('messages', { method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(Object.fromEntries(form)) });
  document.getElementById('result').textContent =
    `Status ${reply.status.code} ${reply.status.description} (txn ${reply.transactionId ?? '-'}, message ${reply.messageId ?? '-'})`;
  refresh();
});

refresh();
setInterval(refresh, 2000);
