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
  // one user's inbox when a name is typed, else every local user's, newest first
  const typed = document.getElementById('inbox-user').value.trim();
  const users = typed ? [typed] : status.users;
  const inboxes = await Promise.all(users.map(u =>
    fetch('api/reference/inbox/' + encodeURIComponent(u)).then(r => r.ok ? r.json() : [])));
  const messages = inboxes.flat().sort((a, b) => b.receivedAt.localeCompare(a.receivedAt));
  fill('#inbox', messages.map(m => [m.receivedAt, m.from, m.to, m.text, m.messageId]));
  const invitations = await Promise.all(status.users.map(u =>
    fetch('api/reference/invitations/' + encodeURIComponent(u)).then(r => r.ok ? r.json() : [])));
  fill('#invitations', invitations.flat().sort((a, b) => b.at.localeCompare(a.at))
    .map(i => [i.at, i.kind, i.from, i.to, i.note, i.inviteId]));
  const known = await api('known-presence');
  fill('#known-presence', known.map(p => [p.userId, p.online === null ? '' : (p.online ? 'yes' : 'no'),
    p.availability, p.statusText]));
}

const describe = reply => reply.status
  ? `Status ${reply.status.code} ${reply.status.description} (txn ${reply.transactionId ?? '-'})`
  : `HTTP answer: ${JSON.stringify(reply)}`;

document.getElementById('presence').addEventListener('submit', async event => {
  event.preventDefault();
  const form = Object.fromEntries(new FormData(event.target));
  const reply = await api('presence/' + encodeURIComponent(form.user), { method: 'PUT',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ availability: form.availability, statusText: form.statusText }) });
  document.getElementById('presence-result').textContent = reply.notified
    ? `notified ${reply.notified.length} domain(s): ${reply.notified.map(describe).join('; ')}`
    : JSON.stringify(reply);
  refresh();
});

document.getElementById('follow').addEventListener('submit', async event => {
  event.preventDefault();
  const form = Object.fromEntries(new FormData(event.target));
  const reply = await api(event.submitter.value, { method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(form) });
  document.getElementById('follow-result').textContent = event.submitter.textContent + ': ' + describe(reply)
    + (reply.inviteId ? `, invite id ${reply.inviteId}` : '');
  refresh();
});

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
