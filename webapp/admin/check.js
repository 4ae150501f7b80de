// "Check a domain": posts the form to the admin API (role ssp-admin) and shows the report, step by step.
const td = (text, cls) => {
  const cell = document.createElement('td');
  cell.textContent = text ?? '';
  if (cls) cell.className = cls;
  return cell;
};

// the same layout as the API's ?format=text, for pasting into a ticket
const asText = r => [`Federation check of ${r.domain} from ${r.from}, ${r.started} (${r.millis} ms): ${r.verdict}`,
  ...r.steps.flatMap(s => ['', `${s.verdict}  ${s.step} (${s.millis} ms): ${s.summary}`,
    ...s.saw.map(line => `      ${line}`), ...(s.advice ? [`    advice: ${s.advice}`] : [])])].join('\n');

function show(report) {
  document.getElementById('verdict').textContent = report.verdict;
  document.getElementById('verdict').className = report.verdict;
  document.getElementById('report-meta').textContent = `${report.domain}, from ${report.from}, ${report.millis} ms`;
  document.querySelector('#steps tbody').replaceChildren(...report.steps.map(s => {
    const tr = document.createElement('tr');
    const saw = td('', 'saw');
    const lines = document.createElement('pre');
    lines.textContent = s.saw.join('\n');
    saw.append(lines);
    tr.append(td(s.step), td(s.verdict, s.verdict), td(s.millis), td(s.summary, 'why'), td(s.advice, 'why'), saw);
    return tr;
  }));
  document.getElementById('report-text').textContent = asText(report);
  document.getElementById('report').hidden = false;
}

document.getElementById('check').addEventListener('submit', async event => {
  event.preventDefault();
  const form = Object.fromEntries(new FormData(event.target));
  Object.keys(form).forEach(k => { if (!form[k]) delete form[k]; });
  if (form.initiator !== 'peer') delete form.waitSeconds; // only a check where the peer initiates waits
  if (form.waitSeconds) form.waitSeconds = Number(form.waitSeconds);
  const status = document.getElementById('check-status');
  status.textContent = form.initiator === 'peer'
    ? `Waiting up to ${form.waitSeconds ?? 30} s for ${form.domain} to start a session…` : `Checking ${form.domain}…`;
  const r = await fetch('../api/admin/check', { method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(form) });
  const body = await r.json();
  if (!r.ok) {
    status.textContent = `HTTP ${r.status}: ${body.error}`;
    return;
  }
  status.textContent = `Checked ${form.domain}.`;
  show(body);
});

document.getElementById('copy').addEventListener('click',
  () => navigator.clipboard.writeText(document.getElementById('report-text').textContent));
