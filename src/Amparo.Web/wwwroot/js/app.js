// The Amparo dashboard. Everything that comes from a chat (names, messages, file names) is attacker-written:
// it only ever reaches the page through textContent or a text node, never as HTML, and no URL is built from it.
import { t, lang, setLang, translateStatic } from './i18n.js';
import { riskChart } from './chart.js';

const state = { me: null, csrf: null };
const view = document.getElementById('view');

// ---------- DOM helpers ----------
export function h(tag, props, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(props || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === 'class') el.className = v;
    else if (k === 'text') el.textContent = v;
    else if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
}

function route(path) { return '#/' + path.map(encodeURIComponent).join('/'); }

function levelBadge(level) {
  const key = level ? 'level.' + level : 'level.unknown';
  return h('span', { class: 'badge level-' + (level || 'unknown'), 'data-testid': 'level', 'data-level': level || 'unknown' }, t(key));
}

function formatDate(iso) {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleString(lang() === 'es' ? 'es' : 'en', { dateStyle: 'medium', timeStyle: 'short' });
}

function formatSize(n) {
  if (n < 1024) return n + ' B';
  if (n < 1024 * 1024) return (n / 1024).toFixed(1) + ' KB';
  return (n / 1024 / 1024).toFixed(1) + ' MB';
}

function percent(x) { return Math.round(x * 100) + '%'; }

function setView(...children) {
  view.replaceChildren(...children.flat());
  view.focus({ preventScroll: true });
}

function message(kind, text) { return h('p', { class: 'notice ' + kind, role: kind === 'error' ? 'alert' : 'status' }, text); }

// ---------- API ----------
async function csrf() {
  if (!state.csrf) {
    const res = await fetch('/app/account/antiforgery', { credentials: 'same-origin' });
    state.csrf = (await res.json()).token;
  }
  return state.csrf;
}

class ApiError extends Error {
  constructor(status, problem) { super(problem?.title || String(status)); this.status = status; this.problem = problem; }
}

async function api(method, url, body) {
  const headers = { Accept: 'application/json' };
  if (method !== 'GET') headers['X-CSRF-TOKEN'] = await csrf();
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const res = await fetch(url, { method, headers, credentials: 'same-origin', body: body === undefined ? undefined : JSON.stringify(body) });
  if (res.status === 204) return null;
  const data = (res.headers.get('content-type') || '').includes('json') ? await res.json() : null;
  if (!res.ok) {
    if (res.status === 401 && state.me && !url.includes('/account/')) { state.me = null; state.csrf = null; render(); }
    throw new ApiError(res.status, data);
  }
  return data;
}

function errorText(err) {
  if (err instanceof ApiError) {
    if (err.status === 404) return t('error.notfound');
    if (err.status === 429) return t('error.toomany');
    const key = 'error.' + (err.problem?.title || '');
    const text = t(key);
    if (text !== key) return text;
    if (err.problem?.title) return err.problem.title + (err.problem.detail ? ' — ' + err.problem.detail : '');
  }
  return t('error.generic');
}

// ---------- shell ----------
function updateShell() {
  translateStatic();
  const signedIn = !!state.me;
  document.getElementById('nav').hidden = !signedIn;
  document.getElementById('logout').hidden = !signedIn;
  const role = state.me?.role;
  document.getElementById('nav-platform').hidden = !(role === 'moderator' || role === 'admin');
  document.getElementById('nav-users').hidden = role !== 'admin';
  const hash = location.hash || '#/cases';
  for (const a of document.querySelectorAll('#nav a')) {
    a.classList.toggle('active', hash.startsWith(a.getAttribute('href')));
  }
}

async function render() {
  updateShell();
  if (!state.me) { loginView(); return; }
  const parts = (location.hash.replace(/^#\/?/, '') || 'cases').split('/').map(decodeURIComponent);
  try {
    if (parts[0] === 'cases' && parts[1]) await caseView(parts[1]);
    else if (parts[0] === 'conversations' && parts[1]) await conversationView(parts[1]);
    else if (parts[0] === 'platform') await platformView();
    else if (parts[0] === 'users') await usersView();
    else await casesView();
  } catch (err) {
    setView(h('section', { class: 'card' }, message('error', errorText(err)), h('a', { href: '#/cases' }, t('case.back'))));
  }
}

// ---------- sign in ----------
function loginView() {
  const status = h('div', { 'aria-live': 'polite' });
  let mode = 'signin';
  const email = h('input', { type: 'email', name: 'email', required: true, autocomplete: 'username', id: 'login-email' });
  const name = h('input', { type: 'text', name: 'name', autocomplete: 'name', id: 'login-name', maxlength: '100' });
  const password = h('input', { type: 'password', name: 'password', required: true, autocomplete: 'current-password', id: 'login-password', minlength: '10' });
  const nameRow = h('div', { class: 'field', hidden: true }, h('label', { for: 'login-name' }, t('login.name')), name);
  const hint = h('small', { class: 'hint', hidden: true }, t('login.passwordHint'));
  const submit = h('button', { type: 'submit', class: 'primary', 'data-testid': 'login-submit' }, t('login.submit'));
  const tabs = h('div', { class: 'tabs', role: 'tablist' });
  const setMode = (m) => {
    mode = m;
    nameRow.hidden = m !== 'register';
    hint.hidden = m !== 'register';
    name.required = m === 'register';
    password.autocomplete = m === 'register' ? 'new-password' : 'current-password';
    submit.textContent = m === 'register' ? t('login.create') : t('login.submit');
    for (const b of tabs.children) b.setAttribute('aria-selected', String(b.dataset.mode === m));
  };
  tabs.append(
    h('button', { type: 'button', role: 'tab', 'data-mode': 'signin', onclick: () => setMode('signin') }, t('login.signin')),
    h('button', { type: 'button', role: 'tab', 'data-mode': 'register', 'data-testid': 'tab-register', onclick: () => setMode('register') }, t('login.register')));
  const form = h('form', { class: 'stack', novalidate: true, onsubmit: async (e) => {
    e.preventDefault();
    status.replaceChildren();
    submit.disabled = true;
    try {
      const body = mode === 'register'
        ? { email: email.value, displayName: name.value, password: password.value, language: lang() }
        : { email: email.value, password: password.value };
      state.me = await api('POST', '/app/account/' + (mode === 'register' ? 'register' : 'login'), body);
      state.csrf = null;
      if (!location.hash || location.hash === '#/') location.hash = '#/cases';
      render();
    } catch (err) {
      status.replaceChildren(message('error', err.status === 401 ? t('login.failed') : errorText(err)));
    } finally { submit.disabled = false; }
  } },
  tabs,
  h('div', { class: 'field' }, h('label', { for: 'login-email' }, t('login.email')), email),
  nameRow,
  h('div', { class: 'field' }, h('label', { for: 'login-password' }, t('login.password')), password, hint),
  status, submit);
  setMode('signin');
  setView(h('section', { class: 'hero' },
    h('div', { class: 'hero-text' }, h('h1', {}, t('login.title')), h('p', { class: 'lead' }, t('login.lead'))),
    h('div', { class: 'card login-card' }, form)));
}

// ---------- cases ----------
async function casesView() {
  const cases = await api('GET', '/app/cases');
  const title = h('input', { type: 'text', id: 'new-case-title', required: true, maxlength: '200', placeholder: t('cases.newPlaceholder'), 'data-testid': 'new-case-title' });
  const status = h('div');
  const form = h('form', { class: 'inline-form', onsubmit: async (e) => {
    e.preventDefault();
    try {
      const created = await api('POST', '/app/cases', { title: title.value });
      location.hash = route(['cases', created.id]);
    } catch (err) { status.replaceChildren(message('error', errorText(err))); }
  } }, h('label', { for: 'new-case-title', class: 'sr-only' }, t('cases.new')), title,
  h('button', { type: 'submit', class: 'primary', 'data-testid': 'create-case' }, t('cases.create')));

  const list = cases.length === 0
    ? h('p', { class: 'muted' }, t('cases.empty'))
    : h('ul', { class: 'case-list', 'data-testid': 'case-list' }, cases.map((c) => h('li', {},
      h('a', { class: 'case-item', href: route(['cases', c.id]) },
        h('span', { class: 'case-title' }, c.title),
        h('span', { class: 'case-meta' }, `${c.conversations} ${t('cases.conversations')} · ${c.files} ${t('cases.files')} · ${t('cases.created')} ${formatDate(c.created)}`),
        c.highestLevel ? levelBadge(c.highestLevel) : null))));

  setView(
    h('div', { class: 'page-head' }, h('h1', {}, t('cases.title')), h('p', { class: 'lead' }, t('cases.lead'))),
    h('section', { class: 'card' }, h('h2', {}, t('cases.new')), form, status),
    h('section', { class: 'card' }, list));
}

async function caseView(id) {
  const c = await api('GET', '/app/cases/' + encodeURIComponent(id));
  const progress = h('progress', { max: '100', value: '0', hidden: true, 'data-testid': 'upload-progress' });
  const uploadStatus = h('div', { class: 'upload-status', 'aria-live': 'polite', 'data-testid': 'upload-status' });
  const input = h('input', { type: 'file', multiple: true, id: 'file-input', class: 'sr-only', 'data-testid': 'file-input' });
  const drop = h('div', { class: 'dropzone', 'data-testid': 'dropzone', tabindex: '0' },
    h('div', { class: 'drop-icon', 'aria-hidden': 'true' }, '⇪'),
    h('p', {}, t('case.dropHint'), ' ', h('label', { for: 'file-input', class: 'link' }, t('case.choose'))),
    h('p', { class: 'muted small' }, t('case.dropTypes')), input, progress, uploadStatus);

  const doUpload = async (files) => {
    if (!files || files.length === 0) return;
    progress.hidden = false; progress.value = 0;
    uploadStatus.replaceChildren(message('info', t('case.uploading')));
    try {
      const results = await uploadFiles(c.id, files, (p) => { progress.value = p; });
      progress.value = 100;
      const notes = results.flatMap((f) => f.diagnostics || []);
      uploadStatus.replaceChildren(message('ok', t('case.uploaded')), notes.length ? h('ul', { class: 'diagnostics' }, notes.map((n) => h('li', {}, n))) : null);
      await refresh();
    } catch (err) {
      uploadStatus.replaceChildren(message('error', t('case.uploadFailed') + ' ' + errorText(err)));
    }
  };
  input.addEventListener('change', () => doUpload(input.files));
  drop.addEventListener('dragover', (e) => { e.preventDefault(); drop.classList.add('over'); });
  drop.addEventListener('dragleave', () => drop.classList.remove('over'));
  drop.addEventListener('drop', (e) => { e.preventDefault(); drop.classList.remove('over'); doUpload(e.dataTransfer.files); });
  drop.addEventListener('keydown', (e) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); input.click(); } });

  const convSection = h('section', { class: 'card', 'data-testid': 'conversations' });
  const evidenceSection = h('section', { class: 'card', 'data-testid': 'evidence' });
  const activitySection = h('details', { class: 'card activity' });

  const refresh = async () => {
    const fresh = await api('GET', '/app/cases/' + encodeURIComponent(id));
    fillConversations(convSection, fresh);
    fillEvidence(evidenceSection, fresh);
    await fillActivity(activitySection, fresh.id);
  };
  fillConversations(convSection, c);
  fillEvidence(evidenceSection, c);
  await fillActivity(activitySection, c.id);

  const caps = c.capabilities;
  const dl = (enabled, href, label, testid) => enabled
    ? h('a', { class: 'button', href, download: '', 'data-testid': testid }, label)
    : h('span', { class: 'button disabled', 'aria-disabled': 'true', title: t('case.unavailable'), 'data-testid': testid }, label);
  const base = '/app/cases/' + encodeURIComponent(c.id);
  const downloads = h('section', { class: 'card' },
    h('h2', {}, t('case.downloads')), h('p', { class: 'muted' }, t('case.downloadsLead')),
    h('div', { class: 'button-row' },
      dl(caps.report, `${base}/report?format=pdf&lang=${lang()}`, t('case.reportPdf'), 'download-pdf'),
      dl(caps.report, `${base}/report?format=html&lang=${lang()}`, t('case.reportHtml'), 'download-html'),
      dl(caps.bundle, `${base}/bundle`, t('case.bundle'), 'download-bundle')),
    (!caps.report || !caps.bundle) ? h('p', { class: 'muted small' }, t('case.unavailable')) : null);

  setView(
    h('nav', { class: 'crumbs' }, h('a', { href: '#/cases' }, '← ', t('case.back'))),
    h('div', { class: 'page-head' }, h('h1', { 'data-testid': 'case-title' }, c.title), h('p', { class: 'muted' }, `${t('cases.created')} ${formatDate(c.created)}`)),
    h('section', { class: 'card' }, h('h2', {}, t('case.upload')), drop),
    convSection, downloads, evidenceSection, activitySection);
}

function uploadFiles(caseId, files, onProgress) {
  return csrf().then((token) => new Promise((resolve, reject) => {
    const form = new FormData();
    for (const f of files) form.append('files', f, f.name);
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/app/cases/' + encodeURIComponent(caseId) + '/files');
    xhr.setRequestHeader('X-CSRF-TOKEN', token);
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.responseType = 'json';
    xhr.upload.addEventListener('progress', (e) => { if (e.lengthComputable) onProgress(Math.round((e.loaded / e.total) * 100)); });
    xhr.addEventListener('load', () => (xhr.status >= 200 && xhr.status < 300) ? resolve(xhr.response) : reject(new ApiError(xhr.status, xhr.response)));
    xhr.addEventListener('error', () => reject(new ApiError(0, null)));
    xhr.send(form);
  }));
}

function fillConversations(section, c) {
  const rows = c.conversations.map((v) => h('li', { class: 'conv-item' },
    h('a', { href: route(['conversations', v.id]), class: 'conv-link', 'data-testid': 'conversation-link' },
      h('span', { class: 'conv-title' }, v.title || v.sourceId),
      h('span', { class: 'conv-meta' }, `${v.source} · ${v.messageCount} ${t('case.messages')}`),
      h('span', { class: 'conv-suspect' }, t('case.suspect') + ': ', h('strong', {}, v.suspect || t('case.noSuspect'))),
      h('span', { class: 'conv-level' }, levelBadge(v.analyzed ? v.level : null), v.analyzed ? h('span', { class: 'risk' }, percent(v.risk)) : null))));
  section.replaceChildren(h('h2', {}, t('case.conversations')),
    rows.length ? h('ul', { class: 'conv-list' }, rows) : h('p', { class: 'muted' }, t('case.noConversations')));
}

function fillEvidence(section, c) {
  const result = h('div', { 'aria-live': 'polite', 'data-testid': 'verify-result' });
  const verify = h('button', { type: 'button', class: 'secondary', 'data-testid': 'verify', disabled: c.evidence.length === 0, onclick: async () => {
    verify.disabled = true;
    try {
      const r = await api('POST', '/app/cases/' + encodeURIComponent(c.id) + '/verify');
      result.replaceChildren(r.ok
        ? message('ok', t('case.verifyOk') + ` (${r.itemsChecked} · ${r.logEntries})`)
        : h('div', {}, message('error', t('case.verifyFail')), h('ul', { class: 'diagnostics' }, r.findings.map((f) => h('li', {}, h('strong', {}, f.kind.toUpperCase()), ' ', f.subject, ' — ', f.detail)))));
    } catch (err) { result.replaceChildren(message('error', errorText(err))); } finally { verify.disabled = false; }
  } }, t('case.verify'));
  const kindOf = (e) => e.role === 'derived' ? 'derived' : e.showAsPlaceholder ? 'image' : e.mediaType === 'application/zip' ? 'archive' : 'chat';
  const items = c.evidence.map((e) => {
    const kind = kindOf(e);
    return h('li', { class: 'evidence-item' + (e.role === 'derived' ? ' derived' : '') },
      h('div', { class: 'evidence-icon ' + kind, 'aria-hidden': 'true' }, kind === 'image' ? '▣' : kind === 'archive' ? '⧉' : kind === 'derived' ? '↳' : '≡'),
      h('div', { class: 'evidence-body' },
        h('div', { class: 'evidence-name', 'data-testid': e.role === 'original' ? 'evidence-name' : 'derived-name' }, e.fileName),
        h('div', { class: 'muted small' }, `${t('case.kind.' + kind)} · ${formatSize(e.size)} · ${formatDate(e.addedAt)}`),
        e.description ? h('div', { class: 'muted small' }, e.description) : null,
        h('code', { class: 'hash', title: 'SHA-256' }, 'SHA-256 ', e.sha256),
        e.role === 'original' ? h('code', { class: 'hash', title: 'MD5' }, 'MD5 ', e.md5) : null));
  });
  section.replaceChildren(
    h('div', { class: 'section-head' }, h('h2', {}, t('case.evidence')), verify),
    h('p', { class: 'muted' }, t('case.evidenceLead')),
    items.length ? h('ul', { class: 'evidence-list' }, items) : h('p', { class: 'muted' }, t('case.noEvidence')),
    result);
}

async function fillActivity(section, caseId) {
  const entries = await api('GET', '/app/cases/' + encodeURIComponent(caseId) + '/activity');
  section.replaceChildren(
    h('summary', {}, h('h2', {}, t('case.activity'))),
    h('p', { class: 'muted' }, t('case.activityLead')),
    h('ol', { class: 'activity-list' }, entries.map((e) => h('li', {},
      h('time', {}, formatDate(e.time)), ' ', h('strong', {}, e.action), ' ', h('span', { class: 'muted' }, e.actor),
      e.source === 'custody' ? h('span', { class: 'badge chain', title: t('case.chained') }, '⛓') : null,
      h('div', { class: 'small hash' }, e.detail)))));
}

// ---------- conversation ----------
async function conversationView(id) {
  const v = await api('GET', '/app/conversations/' + encodeURIComponent(id) + '?lang=' + lang());
  const s = v.summary;
  const a = v.analysis;
  const names = new Map(v.participants.map((p) => [p.id, p.name]));
  const defs = new Map(v.indicators.map((d) => [d.id, d]));
  const hitsByMessage = new Map();
  for (const hit of a?.indicators || []) {
    if (!hitsByMessage.has(hit.message)) hitsByMessage.set(hit.message, []);
    hitsByMessage.get(hit.message).push(hit);
  }
  const suspectName = a?.suspect ? (names.get(a.suspect) || a.suspect) : null;
  // One side of the chat on the left, everyone else on the right: the likely groomer when there is one, otherwise
  // whoever wrote first (a layout choice, not an accusation).
  const leftAuthor = a?.suspect || (v.messages.find((m) => m.kind !== 'system' && m.authorId) || {}).authorId;

  const summary = h('section', { class: 'card summary' },
    h('div', { class: 'summary-grid' },
      h('div', {}, h('div', { class: 'label' }, t('conv.level')), levelBadge(a ? a.level : null)),
      a ? h('div', {}, h('div', { class: 'label' }, t('conv.risk')), h('div', { class: 'big', 'data-testid': 'risk' }, percent(a.risk))) : null,
      h('div', {}, h('div', { class: 'label' }, t('conv.suspect')), h('div', { class: 'big', 'data-testid': 'suspect' }, suspectName || t('case.noSuspect'))),
      a && a.firstAlert !== null ? h('div', {}, h('div', { class: 'label' }, t('conv.firstAlert')), h('div', { class: 'big' }, '#' + (a.firstAlert + 1))) : null),
    !a ? message('info', t('conv.notAnalyzed')) : null,
    a && a.languageIndependent ? h('p', { class: 'muted', 'data-testid': 'language-note' }, t('conv.languageIndependent')) : null);

  const messagesList = h('ol', { class: 'messages', 'data-testid': 'messages' });
  const openExplanation = (index) => {
    const li = messagesList.querySelector(`li[data-index="${index}"]`);
    if (!li) return;
    const btn = li.querySelector('button.flag');
    if (btn && btn.getAttribute('aria-expanded') !== 'true') btn.click();
    li.scrollIntoView({ behavior: 'smooth', block: 'center' });
  };

  for (const m of v.messages) {
    const hits = hitsByMessage.get(m.index) || [];
    const isLeft = m.authorId === leftAuthor;
    const isSystem = m.kind === 'system' || !m.authorId;
    const li = h('li', { class: 'msg' + (hits.length ? ' flagged' : '') + (isSystem ? ' system' : isLeft ? ' left' : ''), 'data-index': String(m.index), 'data-testid': hits.length ? 'flagged-message' : 'message' });
    const body = h('div', { class: 'msg-body' },
      h('div', { class: 'msg-head' }, h('span', { class: 'msg-author' }, m.author), h('span', { class: 'msg-time' }, m.time ? m.time.replace('T', ' ') : ''), h('span', { class: 'msg-index' }, '#' + (m.index + 1))),
      m.text ? h('div', { class: 'msg-text' }, m.text) : null,
      (m.attachments || []).map((att) => h('div', { class: 'attachment' }, '▣ ', t('conv.media'), att.sha256 ? h('code', { class: 'hash' }, ' ' + att.sha256.slice(0, 16) + '…') : null)));
    li.append(body);
    if (hits.length) {
      const panelId = 'explain-' + m.index;
      const panel = h('div', { class: 'explain', id: panelId, hidden: true, 'data-testid': 'explanation' },
        h('h4', {}, t('conv.explainTitle')),
        hits.map((hit) => {
          const d = defs.get(hit.id);
          return h('div', { class: 'explain-item severity-' + (d?.severity || 'medium') },
            h('div', { class: 'explain-name' }, d ? d.name : hit.id, d ? h('span', { class: 'sev' }, t('conv.severity') + ': ' + t('severity.' + d.severity)) : null),
            d ? h('p', {}, d.description) : null,
            h('p', { class: 'matched' }, t('conv.matched') + ': ', h('mark', {}, hit.evidence)));
        }),
        h('p', { class: 'muted small' }, t('conv.explainNote')));
      const tactics = [...new Set(hits.map((x) => defs.get(x.id)?.name || x.id))].join(' · ');
      const btn = h('button', { type: 'button', class: 'flag', 'aria-expanded': 'false', 'aria-controls': panelId, 'data-testid': 'flag' }, '⚑ ', tactics);
      btn.addEventListener('click', () => {
        const open = btn.getAttribute('aria-expanded') !== 'true';
        btn.setAttribute('aria-expanded', String(open));
        panel.hidden = !open;
      });
      body.append(btn, panel);
    }
    messagesList.append(li);
  }

  const chartCard = a && a.timeline.length
    ? h('section', { class: 'card' }, h('h2', {}, t('conv.chart')), h('p', { class: 'muted small' }, t('conv.chartHelp')),
      riskChart(a.timeline, [...hitsByMessage.keys()], a.firstAlert, (i) => openExplanation(i), (i) => {
        const tactics = (hitsByMessage.get(i) || []).map((x) => defs.get(x.id)?.name || x.id).join(', ');
        return `#${i + 1} · ${percent(a.timeline[i])}${tactics ? ' · ' + tactics : ''}`;
      }))
    : null;

  const tacticCounts = new Map();
  for (const hit of a?.indicators || []) tacticCounts.set(hit.id, (tacticCounts.get(hit.id) || 0) + 1);
  const tacticsCard = a ? h('section', { class: 'card' }, h('h2', {}, t('conv.tactics')),
    tacticCounts.size === 0 ? h('p', { class: 'muted' }, t('conv.noTactics'))
      : h('ul', { class: 'chips' }, [...tacticCounts].map(([tid, n]) => {
        const d = defs.get(tid);
        const first = (a.indicators.find((x) => x.id === tid) || {}).message;
        return h('li', {}, h('button', { type: 'button', class: 'chip severity-' + (d?.severity || 'medium'), title: d?.description || '', onclick: () => openExplanation(first) }, d ? d.name : tid, h('span', { class: 'count' }, String(n))));
      }))) : null;

  const guidance = h('section', { class: 'card guidance', 'data-testid': 'guidance' }, h('h2', {}, t('conv.guidance')),
    (v.guidance && v.guidance.length)
      ? h('ol', { class: 'guidance-steps' }, v.guidance.map((g) => h('li', {}, h('strong', {}, g.title), h('p', {}, g.text),
        g.links.length ? h('p', { class: 'small' }, g.links.map((u) => h('a', { href: u, rel: 'noopener noreferrer', target: '_blank' }, new URL(u).host)).flatMap((a, i) => i ? [' · ', a] : [a])) : null)))
      : h('p', {}, a ? t('conv.noGuidance') : t('conv.guidanceUnavailable')));

  const base = '/app/cases/' + encodeURIComponent(s.caseId);
  const reportCard = a ? h('section', { class: 'card' }, h('h2', {}, t('case.downloads')),
    h('div', { class: 'button-row' },
      h('a', { class: 'button', href: `${base}/report?format=pdf&lang=${lang()}&conversation=${encodeURIComponent(s.id)}`, download: '', 'data-testid': 'conversation-report-pdf' }, t('case.reportPdf')),
      h('a', { class: 'button secondary-link', href: `${base}/report?format=html&lang=${lang()}&conversation=${encodeURIComponent(s.id)}`, download: '' }, t('case.reportHtml')))) : null;

  const diagnostics = v.diagnostics.length ? h('details', { class: 'card' }, h('summary', {}, t('conv.diagnostics')), h('ul', { class: 'diagnostics' }, v.diagnostics.map((d) => h('li', {}, d)))) : null;

  setView(
    h('nav', { class: 'crumbs' }, h('a', { href: route(['cases', s.caseId]) }, '← ', t('conv.back'))),
    h('div', { class: 'page-head' }, h('h1', { 'data-testid': 'conversation-title' }, s.title || s.sourceId), h('p', { class: 'muted' }, `${s.source} · ${s.messageCount} ${t('case.messages')}`)),
    summary,
    h('div', { class: 'two-col' },
      h('div', { class: 'col-main' }, chartCard, h('section', { class: 'card' }, h('h2', {}, t('conv.messages')), messagesList)),
      h('aside', { class: 'col-side' }, guidance, reportCard, tacticsCard, diagnostics)));
}

// ---------- platform ----------
async function platformView() {
  const [keys, hooks, alerts] = await Promise.all([api('GET', '/app/platform/keys'), api('GET', '/app/platform/webhooks'), api('GET', '/app/platform/alerts')]);
  const keyStatus = h('div');
  const keyName = h('input', { type: 'text', id: 'key-name', required: true, maxlength: '100', placeholder: t('platform.keyName') });
  const keyForm = h('form', { class: 'inline-form', onsubmit: async (e) => {
    e.preventDefault();
    try {
      const created = await api('POST', '/app/platform/keys', { name: keyName.value });
      await platformView();
      document.getElementById('key-status').replaceChildren(message('ok', t('platform.keyOnce')), h('code', { class: 'secret', 'data-testid': 'new-key' }, created.key));
    } catch (err) { keyStatus.replaceChildren(message('error', errorText(err))); }
  } }, h('label', { for: 'key-name', class: 'sr-only' }, t('platform.keyName')), keyName, h('button', { type: 'submit', class: 'primary' }, t('platform.createKey')));
  keyStatus.id = 'key-status';

  const hookUrl = h('input', { type: 'url', id: 'hook-url', required: true, placeholder: 'https://…' });
  const hookStatus = h('div', { id: 'hook-status' });
  const hookForm = h('form', { class: 'inline-form', onsubmit: async (e) => {
    e.preventDefault();
    try {
      const created = await api('POST', '/app/platform/webhooks', { url: hookUrl.value });
      await platformView();
      document.getElementById('hook-status').replaceChildren(message('ok', t('platform.secretOnce')), h('code', { class: 'secret' }, created.secret));
    } catch (err) { hookStatus.replaceChildren(message('error', errorText(err))); }
  } }, h('label', { for: 'hook-url', class: 'sr-only' }, t('platform.webhookUrl')), hookUrl, h('button', { type: 'submit', class: 'primary' }, t('platform.addWebhook')));

  setView(
    h('div', { class: 'page-head' }, h('h1', {}, t('platform.title')), h('p', { class: 'lead' }, t('platform.lead')), h('a', { href: '/openapi/v1.json' }, t('platform.docs'))),
    h('section', { class: 'card' }, h('h2', {}, t('platform.keys')), keyForm, keyStatus,
      h('ul', { class: 'plain-list' }, keys.map((k) => h('li', {}, h('strong', {}, k.name), ' ', h('code', {}, k.prefix + '…'), ' ', h('span', { class: 'muted' }, formatDate(k.created)), ' ',
        k.revoked ? h('span', { class: 'badge' }, t('platform.revoked'))
          : h('button', { type: 'button', class: 'link', onclick: async () => { await api('DELETE', '/app/platform/keys/' + encodeURIComponent(k.id)); await platformView(); } }, t('platform.revoke')))))),
    h('section', { class: 'card' }, h('h2', {}, t('platform.webhooks')), hookForm, hookStatus,
      h('ul', { class: 'plain-list' }, hooks.filter((x) => x.active).map((x) => h('li', {}, h('code', {}, x.url),
        h('details', {}, h('summary', {}, t('platform.deliveries')), h('ul', { class: 'small' }, x.deliveries.map((d) => h('li', {}, `${formatDate(d.time)} · ${d.alertId} · #${d.attempt} · ${d.status ?? '—'} · ${d.outcome}${d.error ? ' · ' + d.error : ''}`)))))))),
    h('section', { class: 'card' }, h('h2', {}, t('platform.alerts')),
      alerts.length === 0 ? h('p', { class: 'muted' }, t('platform.noAlerts'))
        : h('ul', { class: 'plain-list' }, alerts.map((al) => h('li', {}, levelBadge(al.level), ' ', h('strong', {}, al.conversationId), ` · #${al.messageIndex + 1} · ${percent(al.risk)} · `, h('span', { class: 'muted' }, formatDate(al.created)))))));
}

async function usersView() {
  const users = await api('GET', '/app/account/users');
  setView(h('div', { class: 'page-head' }, h('h1', {}, t('users.title'))),
    h('section', { class: 'card' }, h('ul', { class: 'plain-list' }, users.map((u) => {
      const select = h('select', { 'aria-label': t('users.role') }, ['guardian', 'moderator', 'admin'].map((r) => h('option', { value: r, selected: r === u.role }, t('role.' + r))));
      select.addEventListener('change', async () => { await api('PUT', '/app/account/users/' + encodeURIComponent(u.id) + '/role', { role: select.value }); });
      return h('li', { class: 'user-row' }, h('span', {}, h('strong', {}, u.displayName), ' ', h('span', { class: 'muted' }, u.email)), select);
    }))));
}

// ---------- start ----------
for (const b of document.querySelectorAll('[data-lang]')) {
  b.addEventListener('click', async () => {
    setLang(b.dataset.lang);
    if (state.me) { try { await api('PUT', '/app/account/language', { language: lang() }); } catch { /* the choice is kept locally anyway */ } }
    render();
  });
}
document.getElementById('logout').addEventListener('click', async () => {
  try { await api('POST', '/app/account/logout'); } finally { state.me = null; state.csrf = null; location.hash = '#/'; render(); }
});
window.addEventListener('hashchange', render);

(async () => {
  setLang(lang());
  try { state.me = await api('GET', '/app/account/me'); } catch { state.me = null; }
  render();
})();
