// jobpost workspace: the HR workflow in one page, against the service's own REST routes.
// Plain ES module, no build step; every text from the server goes into the DOM as text, never as HTML.
import { I18N } from "./i18n.js";

const $ = (sel) => document.querySelector(sel);
const RANK = { writer: 0, reviewer: 1, admin: 2 };
const STYLES = ["concise", "detailed", "past_style"];
// Placeholders the guards put where personal data was masked: shown as redactions.
const REDACTION_RE = /\[(?:전화번호|이메일|주민등록번호|비공개[^\]]*|삭제됨|redacted)\]/g;

const state = {
  lang: localStorage.getItem("jobpost.lang") || "ko",
  me: null, routes: new Set(), companies: [], jobCodes: [], levels: [],
  company: null, postings: [], updatePosting: null,
  current: null,          // the thread view on the write tab
  reviewing: null,        // the thread view on the inbox tab
  notifications: [], unread: 0,
};

// ---------- i18n ----------
function t(key, vars) {
  let s = (I18N[state.lang] && I18N[state.lang][key]) ?? I18N.ko[key] ?? key;
  for (const [k, v] of Object.entries(vars || {})) s = s.replaceAll(`{${k}}`, String(v));
  return s;
}
function applyI18n() {
  document.documentElement.lang = state.lang;
  document.title = t("title");
  for (const el of document.querySelectorAll("[data-i18n]")) el.textContent = t(el.dataset.i18n);
  for (const el of document.querySelectorAll("[data-i18n-placeholder]")) el.placeholder = t(el.dataset.i18nPlaceholder);
  for (const el of document.querySelectorAll("[data-i18n-aria]")) el.setAttribute("aria-label", t(el.dataset.i18nAria));
  const toggle = $("#lang-toggle");
  toggle.textContent = state.lang === "ko" ? "English" : "한국어";
  toggle.lang = state.lang === "ko" ? "en" : "ko";
}

// ---------- small DOM helpers ----------
function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === "class") node.className = v;
    else if (k === "text") node.textContent = v;
    else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v === true ? "" : v);
  }
  for (const c of children.flat()) if (c !== null && c !== undefined && c !== false) node.append(c);
  return node;
}
function button(label, onclick, attrs = {}) { return el("button", { type: "button", onclick, ...attrs }, label); }
function showError(message) {
  const box = $("#error");
  box.textContent = message || "";
  box.hidden = !message;
}
function toast(message) { $("#toast").textContent = message; }
function can(role) { return state.me && RANK[state.me.role] >= RANK[role]; }
function has(method, path) { return state.routes.has(`${method} ${path}`); }
function pill(status) { return el("span", { class: `pill ${status || ""}`, text: t(`st_${status}`) }); }

// ---------- HTTP ----------
class HttpError extends Error {
  constructor(status, body) { super((body && body.message) || `HTTP ${status}`); this.status = status; this.body = body; }
}
async function api(method, path, body) {
  const opts = { method, headers: { Accept: "application/json" }, credentials: "same-origin" };
  if (body !== undefined) { opts.headers["Content-Type"] = "application/json"; opts.body = JSON.stringify(body); }
  const r = await fetch(path, opts);
  if (r.status === 401) { location.href = "/login?next=/"; throw new HttpError(401, null); }
  const text = await r.text();
  let data = null;
  try { data = text ? JSON.parse(text) : null; } catch { data = { message: text }; }
  if (!r.ok) throw new HttpError(r.status, data);
  return data;
}
// Server-sent events from a fetch response (POST streams cannot use EventSource).
async function* readSse(response, signal) {
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buf = "";
  try {
    while (!signal || !signal.aborted) {
      const { value, done } = await reader.read();
      if (done) break;
      buf = (buf + value).replace(/\r\n/g, "\n");
      let cut;
      while ((cut = buf.indexOf("\n\n")) >= 0) {
        const block = buf.slice(0, cut);
        buf = buf.slice(cut + 2);
        let event = "message";
        const data = [];
        for (const line of block.split("\n")) {
          if (!line || line.startsWith(":")) continue;
          const i = line.indexOf(":");
          const field = i < 0 ? line : line.slice(0, i);
          const val = i < 0 ? "" : line.slice(i + 1).replace(/^ /, "");
          if (field === "event") event = val;
          else if (field === "data") data.push(val);
        }
        if (!data.length) continue;
        let parsed;
        try { parsed = JSON.parse(data.join("\n")); } catch { parsed = data.join("\n"); }
        yield { event, data: parsed };
      }
    }
  } finally {
    reader.releaseLock();
  }
}
function errorText(err) {
  if (err instanceof HttpError && err.body) return err.body.message || JSON.stringify(err.body);
  return String(err && err.message ? err.message : err);
}

// ---------- posting text: highlights ----------
// Ranges to mark in `text`: each finding's span (where found) and each redaction placeholder.
function marks(text, findings) {
  const ranges = [];
  for (const f of findings || []) {
    if (!f.span) continue;
    let at = text.indexOf(f.span);
    while (at >= 0) {
      ranges.push({ start: at, end: at + f.span.length, finding: f });
      at = text.indexOf(f.span, at + f.span.length);
    }
  }
  for (const m of text.matchAll(REDACTION_RE)) ranges.push({ start: m.index, end: m.index + m[0].length, redaction: true });
  ranges.sort((a, b) => a.start - b.start || b.end - a.end);
  const out = [];
  let last = -1;
  for (const r of ranges) if (r.start >= last) { out.push(r); last = r.end; }
  return out;
}
// A posting as lines (headings bold, `unique` lines shaded) with findings and redactions marked.
function renderPosting(text, { findings = [], unique = null, label = null } = {}) {
  const pre = el("pre", { class: "posting", tabindex: "0", "aria-label": label || t("posting") });
  const ranges = marks(text, findings);
  let offset = 0;
  for (const line of text.split("\n")) {
    const start = offset, end = offset + line.length;
    const div = el("span", { class: "line" });
    if (/^#{1,6}\s/.test(line)) div.classList.add("h");
    if (unique && line.trim() && unique.has(line.trim())) { div.classList.add("unique"); div.title = t("unique_line"); }
    let pos = start;
    for (const r of ranges) {
      if (r.end <= start || r.start >= end) continue;
      const s = Math.max(r.start, start), e = Math.min(r.end, end);
      if (s > pos) div.append(text.slice(pos, s));
      const m = el("mark", { text: text.slice(s, e) });
      if (r.redaction) { m.className = "redaction"; m.title = t("redacted"); }
      else {
        m.className = `finding ${r.finding.severity || "error"}`;
        m.dataset.rule = r.finding.rule_id || "";
        m.title = `${r.finding.rule_id}: ${r.finding.message}${r.finding.suggestion ? " → " + r.finding.suggestion : ""}`;
      }
      div.append(m);
      pos = e;
    }
    if (pos < end) div.append(text.slice(pos, end));
    pre.append(div);
    offset = end + 1;
  }
  return pre;
}
// Lines of each draft that no other draft has.
function uniqueLines(drafts) {
  const sets = Object.fromEntries(Object.entries(drafts).map(([k, v]) => [k, new Set((v || "").split("\n").map((l) => l.trim()).filter(Boolean))]));
  const out = {};
  for (const [k, lines] of Object.entries(sets)) {
    out[k] = new Set([...lines].filter((l) => Object.entries(sets).every(([o, s]) => o === k || !s.has(l))));
  }
  return out;
}
function renderFindings(findings, { onApply = null, text = "" } = {}) {
  if (!findings || !findings.length) return null;
  const list = el("ul", { class: "findings", "aria-label": t("findings") });
  for (const f of findings) {
    const inText = f.span && text.includes(f.span);
    const where = f.where === "request" ? t("where_request") : inText ? t("where_text") : t("where_removed");
    const card = el("li", { class: `finding-card ${f.severity || "error"}` },
      el("p", {}, el("span", { class: "rule", text: f.rule_id }), el("span", { class: "pill", text: f.severity || "error" }),
        el("span", { class: "muted", text: where })),
      f.span ? el("p", {}, `${t("span")}: `, el("mark", { class: `finding ${f.severity || "error"}`, text: f.span })) : null,
      el("p", { text: `${t("reason")}: ${f.message}` }),
      f.suggestion ? el("p", { text: `${t("suggestion")}: ${f.suggestion}` }) : null);
    if (onApply && f.suggestion && inText) {
      card.append(button(t("apply_fix"), () => onApply(f), { class: "apply-fix", "data-rule": f.rule_id }));
    }
    list.append(card);
  }
  return list;
}
// Apply a finding's fix to the text: its suggestions all say to drop the flagged expression.
function withoutSpan(text, span) {
  return text.split("\n").map((line) => {
    if (!line.includes(span)) return line;
    const rest = line.replaceAll(span, "").replace(/\s{2,}/g, " ");
    return /^[-*•\s]*$/.test(rest) ? null : rest.replace(/\s+$/, "");
  }).filter((l) => l !== null).join("\n");
}
function renderDiff(diff) {
  const pre = el("pre", { class: "diff", "aria-label": t("review_diff") });
  for (const line of diff.split("\n")) {
    const cls = line.startsWith("+") && !line.startsWith("+++") ? "add" : line.startsWith("-") && !line.startsWith("---") ? "del" : null;
    pre.append(cls ? el("span", { class: cls, text: line }) : line + "\n");
  }
  return pre;
}

// ---------- export ----------
function mdToText(md) {
  return md.split("\n").map((l) => l.replace(/^#{1,6}\s+/, "").replace(/^\s*[-*]\s+/, "• ").replace(/\*\*(.+?)\*\*/g, "$1")).join("\n");
}
function escapeHtml(s) {
  return s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
}
function mdToHtml(md, title) {
  const body = [];
  let list = false;
  for (const raw of md.split("\n")) {
    const line = escapeHtml(raw);
    const h = /^(#{1,6})\s+(.*)$/.exec(line);
    const li = /^\s*[-*•]\s+(.*)$/.exec(line);
    if (!li && list) { body.push("</ul>"); list = false; }
    if (h) body.push(`<h${h[1].length}>${h[2]}</h${h[1].length}>`);
    else if (li) { if (!list) { body.push("<ul>"); list = true; } body.push(`<li>${li[1]}</li>`); }
    else if (line.trim()) body.push(`<p>${line}</p>`);
  }
  if (list) body.push("</ul>");
  return `<!doctype html>\n<html lang="ko"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>\n<body>\n${body.join("\n")}\n</body></html>\n`;
}
function download(name, type, content) {
  const url = URL.createObjectURL(new Blob([content], { type }));
  const a = el("a", { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 5000);
}
async function copyText(text) {
  try {
    await navigator.clipboard.writeText(text);
  } catch {
    const area = el("textarea", { readonly: true });
    area.value = text;
    document.body.append(area);
    area.select();
    document.execCommand("copy");
    area.remove();
  }
  toast(t("copied"));
}
function exportBar(view) {
  const text = view.final_posting || view.posting || "";
  const title = (text.split("\n").find((l) => l.startsWith("#")) || "posting").replace(/^#+\s*/, "");
  const base = `posting-${view.thread_id.slice(0, 8)}`;
  return el("div", { class: "actions export", role: "group", "aria-label": t("export") },
    el("strong", { text: t("export") }),
    button("Markdown", () => download(`${base}.md`, "text/markdown;charset=utf-8", text), { "data-export": "md" }),
    button(t("plain_text"), () => download(`${base}.txt`, "text/plain;charset=utf-8", mdToText(text)), { "data-export": "txt" }),
    button("HTML", () => download(`${base}.html`, "text/html;charset=utf-8", mdToHtml(text, title)), { "data-export": "html" }),
    button(t("copy"), () => copyText(text), { "data-export": "copy" }));
}

// ---------- navigation ----------
function showView(name) {
  for (const b of document.querySelectorAll(".tabs [data-view]")) {
    if (b.dataset.view === name) b.setAttribute("aria-current", "page"); else b.removeAttribute("aria-current");
  }
  for (const v of document.querySelectorAll(".view")) v.hidden = v.id !== `view-${name}`;
  if (name === "inbox") loadInbox();
  if (name === "activity") { state.unread = 0; renderBadge(); loadJobs(); loadRecent(); }
  if (name === "usage") loadUsage();
}

// ---------- companies, catalog ----------
function renderCompanies() {
  const q = $("#company-search").value.trim().toLowerCase();
  const list = $("#company-list");
  list.replaceChildren();
  for (const c of state.companies.filter((c) => !q || c.name.toLowerCase().includes(q) || c.id.includes(q))) {
    const pressed = state.company && state.company.id === c.id;
    list.append(el("li", {}, button(`${c.name} (${c.id})`, () => pickCompany(c.id),
      { "aria-pressed": pressed ? "true" : "false", "data-company": c.id })));
  }
  if (!list.children.length) list.append(el("li", { class: "muted", text: t("no_match") }));
}
function jobName(code) {
  const j = state.jobCodes.find((x) => x.code === code);
  return j ? `${state.lang === "ko" ? j.name_ko : j.name_en} (${code})` : code;
}
function fillSelects() {
  const job = $("#job-code"), level = $("#level");
  const keepJob = job.value, keepLevel = level.value;
  const own = state.company ? state.company.job_codes || [] : [];
  job.replaceChildren(...state.jobCodes.map((j) => el("option", { value: j.code, text: jobName(j.code) + (own.includes(j.code) ? " ★" : "") })));
  level.replaceChildren(...state.levels.map((l) => el("option", { value: l.key, text: state.lang === "ko" ? l.label_ko : l.label_en })));
  if (keepJob) job.value = keepJob; else if (own.length) job.value = own[0];
  if (keepLevel) level.value = keepLevel;
}
async function pickCompany(id) {
  showError("");
  try {
    const [company, postings] = await Promise.all([api("GET", `/companies/${encodeURIComponent(id)}`),
      api("GET", `/companies/${encodeURIComponent(id)}/postings`)]);
    state.company = company;
    state.postings = postings;
    renderCompanies();
    renderCompanyInfo();
    fillSelects();
    renderPast();
    $("#load-drafts").disabled = false;
    $("#run-stream").disabled = !can("writer");
    $("#run-background").disabled = false;
    $("#drafts-panel").hidden = true;
  } catch (err) { showError(errorText(err)); }
}
function renderCompanyInfo() {
  const c = state.company;
  const info = $("#company-info");
  info.replaceChildren(el("strong", { text: c.name }), ` · ${c.industry || ""} · ${t("n_postings", { n: c.posting_count })}`);
  for (const r of c.redacted || []) info.append(" ", el("mark", { class: "redaction", text: t("redacted_cat", { cat: r.category }) }));
}
function renderPast() {
  const box = $("#past-postings");
  box.replaceChildren();
  $("#past-panel").hidden = !state.postings.length;
  const groups = {};
  for (const p of state.postings) (groups[p.job_code || "other"] ||= []).push(p);
  for (const [code, items] of Object.entries(groups)) {
    const group = el("div", { class: "past-group" }, el("h4", { text: jobName(code) }));
    for (const p of items) {
      const details = el("pre", { class: "posting", hidden: true },
        Object.entries(p.sections || {}).map(([k, v]) => `[${k}]\n${v}\n\n`).join(""));
      const row = el("div", { class: "past-item" }, el("span", { class: "title", text: `${p.title}${p.level ? " · " + levelName(p.level) : ""}` }));
      for (const r of p.redacted || []) row.append(el("mark", { class: "redaction", text: t("redacted_cat", { cat: r.category }) }));
      const toggle = button(t("show"), () => { details.hidden = !details.hidden; toggle.setAttribute("aria-expanded", String(!details.hidden)); },
        { "aria-expanded": "false" });
      row.append(toggle);
      if (has("POST", "/postings/{posting_id}/update") && can("writer")) {
        row.append(button(t("update_this"), () => startUpdate(p), { "data-posting": p.id }));
      }
      row.append(details);
      group.append(row);
    }
    box.append(group);
  }
}
function startUpdate(p) {
  state.updatePosting = p;
  $("#past-update").hidden = false;
  $("#past-update-label").textContent = `${t("update_request")} — ${p.title}`;
  $("#past-update-request").focus();
}

// ---------- estimate ----------
async function describeHow(mode, target) {
  const box = $(target);
  let est = null;
  if (has("GET", "/estimate")) {
    try { est = await api("GET", `/estimate?mode=${mode}`); } catch { est = null; }
  }
  const how = est ? est.how : mode === "template" ? "instant" : "streamed";
  const parts = [el("strong", { text: t(`how_${how}`) })];
  if (est && est.eta_s !== undefined && est.eta_s !== null) parts.push(" — ", t("eta", { s: Math.round(est.eta_s) }));
  if (est && est.queue_ahead) parts.push(" · ", t("queue_ahead", { n: est.queue_ahead }));
  if (how === "queued" && has("POST", "/jobs")) parts.push(" · ", t("suggest_background"));
  box.replaceChildren(...parts);
  box.dataset.how = how;
  return est;
}

// ---------- drafts ----------
async function loadDrafts() {
  showError("");
  const btn = $("#load-drafts");
  btn.disabled = true;
  try {
    const view = await api("POST", "/generations", requestBody(""));
    state.current = view;
    renderDrafts(view);
    renderResult(view);
  } catch (err) { showError(errorText(err)); } finally { btn.disabled = false; }
}
function requestBody(request) {
  const body = { company_id: state.company.id, job_code: $("#job-code").value, level: $("#level").value, request };
  if (state.lang === "en") body.language = "en";
  return body;
}
function renderDrafts(view) {
  const drafts = view.drafts || {};
  const box = $("#drafts");
  box.replaceChildren();
  $("#drafts-panel").hidden = !Object.keys(drafts).length;
  const unique = uniqueLines(drafts);
  for (const style of STYLES) {
    if (!drafts[style]) continue;
    const art = el("article", { class: "draft", "data-style": style, "aria-labelledby": `draft-h-${style}` },
      el("h4", { id: `draft-h-${style}`, text: `${t(`style_${style}`)}${view.style === style ? " ✓" : ""}` }),
      el("p", { class: "muted", text: t("unique_count", { n: unique[style].size }) }),
      renderPosting(drafts[style], { unique: unique[style], findings: view.findings, label: t(`style_${style}`) }));
    const actions = el("div", { class: "actions" });
    if (can("writer")) {
      actions.append(button(t("use_draft"), () => saveRevision(drafts[style], t("used_draft", { style: t(`style_${style}`) })),
        { "data-use": style }));
      actions.append(button(t("edit"), () => editInPlace(art, drafts[style]), { "data-edit": style }));
    }
    art.append(actions);
    box.append(art);
  }
}
function editInPlace(container, text) {
  const pre = container.querySelector("pre.posting");
  const area = el("textarea", { "aria-label": t("edit_text"), class: "edit-area" });
  area.value = text;
  const bar = el("div", { class: "actions" },
    button(t("save_revision"), () => saveRevision(area.value, t("saved")), { class: "primary", "data-save": "1" }),
    button(t("cancel"), () => { area.replaceWith(pre); bar.remove(); pre.focus(); }));
  pre.replaceWith(area);
  area.after(bar);
  area.focus();
}
async function saveRevision(text, message) {
  showError("");
  const view = state.current;
  if (!view) return;
  try {
    const out = await api("POST", `/generations/${view.thread_id}/review`, { action: "revise", edited_posting: text });
    state.current = out;
    renderResult(out);
    toast(message);
  } catch (err) { showError(errorText(err)); }
}

// ---------- streaming ----------
function resetResult() {
  $("#result-panel").hidden = false;
  $("#steps-list").replaceChildren();
  $("#steps-extra").replaceChildren();
  $("#result-body").replaceChildren();
  $("#result-status").replaceChildren();
}
function step(text) { $("#steps-list").append(el("li", { text })); }
async function runStream() {
  const request = $("#request").value;
  if (!request.trim()) { showError(t("need_request")); $("#request").focus(); return; }
  showError("");
  resetResult();
  const out = $("#stream-output");
  out.textContent = "";
  out.setAttribute("aria-busy", "true");
  $("#stream-box").hidden = false;
  $("#result-status").textContent = t("streaming");
  const btn = $("#run-stream");
  btn.disabled = true;
  try {
    const r = await fetch("/generations/stream", { method: "POST", credentials: "same-origin",
      headers: { "Content-Type": "application/json", Accept: "text/event-stream" }, body: JSON.stringify(requestBody(request)) });
    if (!r.ok) {
      let body = null;
      try { body = await r.json(); } catch { body = null; }
      throw new HttpError(r.status, body);
    }
    for await (const { event, data } of readSse(r)) {
      if (event === "thread") step(t("ev_thread", { id: data.thread_id }));
      else if (event === "queue") {
        const vars = { n: data.position, s: Math.round(data.eta_s || 0) };
        const msg = data.position > 0 ? t("ev_queue", vars) : t("ev_queue_next", vars);
        step(msg);
        $("#result-status").textContent = msg;
      }
      else if (event === "digest") renderDigest(data);
      else if (event === "understood") renderUnderstood(data);
      else if (event === "node") step(t("ev_node", { node: t(`node_${data.node}`) === `node_${data.node}` ? data.node : t(`node_${data.node}`) }));
      else if (event === "token") out.append(data.text);
      else if (event === "result") { state.current = data; renderResult(data); }
      else if (event === "error") showError(data.message || data.error);
    }
  } catch (err) { showError(errorText(err)); } finally {
    btn.disabled = false;
    out.setAttribute("aria-busy", "false");
  }
}
// What was read from the request (rules at once, then the model's reading): progress before the text.
function renderUnderstood(u) {
  $("#steps-extra").querySelector(".understood-live")?.remove();
  const facts = Object.assign({}, u.entities || {}, u.brief ? { brief: u.brief } : {});
  const src = String(u.source || "").split(":")[0];  // "model:understand_request.v1" -> "model"
  $("#steps-extra").prepend(el("div", { class: "understood-live" },
    el("h4", { text: t("understood_live", { source: t(`source_${src}`) === `source_${src}` ? u.source : t(`source_${src}`) }) }),
    Object.keys(facts).length ? kvList(facts) : el("p", { class: "muted", text: t("none") })));
  step(t("ev_understood"));
}
function renderDigest(digest) {
  const items = Array.isArray(digest) ? digest : digest.postings || digest.items || [];
  const box = el("div", { class: "digest" }, el("h4", { text: t("digest") }));
  const list = el("ul", { class: "plain-list" });
  for (const d of items) list.append(el("li", { text: `${d.title || d.company_name || ""} — ${d.summary || ""}` }));
  if (!items.length) list.append(el("li", { class: "muted", text: t("none") }));
  box.append(list);
  $("#steps-extra").append(box);
  step(t("ev_digest", { n: items.length }));
}
// A value as a person reads it: lists joined, objects as "key: value" pairs, numbers rounded.
function plain(v) {
  if (v === null || v === undefined) return "";
  if (typeof v === "number") return Number.isInteger(v) ? String(v) : v.toFixed(2);
  if (Array.isArray(v)) return v.map((x) => (x && typeof x === "object" ? (x.skill || x.name || plain(x)) : plain(x))).join(", ");
  if (typeof v === "object") return Object.entries(v).filter(([, x]) => x !== null && x !== undefined)
    .map(([k, x]) => `${label(k)}: ${plain(x)}`).join(" · ");
  return String(v);
}
// A field name in the page's language where the dictionary has it (field_<name>), else as it is.
function label(key) {
  // Only the page's own language: an English page shows the field's name, not the Korean label.
  return (I18N[state.lang] || {})[`field_${key}`] ?? key.replaceAll("_", " ");
}
function kvList(obj) {
  const dl = el("dl", { class: "kv" });
  for (const [k, v] of Object.entries(obj)) {
    if (v === null || v === undefined || (Array.isArray(v) && !v.length)) continue;
    dl.append(el("dt", { text: label(k) }), el("dd", { text: plain(v) }));
  }
  return dl;
}
function levelName(key) {
  const l = state.levels.find((x) => x.key === key);
  return l ? (state.lang === "ko" ? l.label_ko : l.label_en) : (key || "");
}
function companyName(id) {
  const c = state.companies.find((x) => x.id === id);
  return c ? c.name : id;
}
function routeName(route) {
  return route ? (t(`route_${route}`) === `route_${route}` ? route : t(`route_${route}`)) : "";
}

// ---------- a thread's view ----------
function renderResult(view) {
  $("#result-panel").hidden = false;
  $("#stream-box").hidden = true;  // the checked posting below replaces what was streamed
  const status = $("#result-status");
  status.replaceChildren(pill(view.status), `${t("route")}: ${routeName(view.route) || "-"} · ${view.generator || ""}`);
  $("#steps-extra").querySelector(".view-facts")?.remove();
  $("#steps-extra").append(el("div", { class: "view-facts" }, el("h4", { text: t("understood") }),
    kvList({ route: view.route, verdict: view.verdict, guard_classes: view.guard_classes, level: view.level, language: view.language,
      style: view.style, retrieval: view.retrieval, skill_suggestions: view.skill_suggestions, validation: view.validation,
      usage: view.usage, edit: view.edit })));
  $("#result-body").replaceChildren(threadBody(view, "write"));
  if (view.drafts && Object.keys(view.drafts).length && view.route === "template") renderDrafts(view);
}
// The posting of a thread with its findings, notices and the actions the caller's role allows.
function threadBody(view, where) {
  const text = view.final_posting || view.posting || "";
  const wrap = el("div", { class: "thread", "data-thread": view.thread_id, "data-status": view.status });
  if (view.notices && view.notices.length) wrap.append(el("ul", { class: "notices" }, view.notices.map((n) => el("li", { text: n }))));
  if (view.rejection) wrap.append(el("p", { class: "error", text: view.rejection }));
  if (view.edit && Array.isArray(view.edit.changed_sections)) {
    wrap.append(el("p", { class: "status", text: `${t("changed_sections")}: ${view.edit.changed_sections.join(", ") || t("none")}` }));
  }
  const reqFindings = (view.findings || []).filter((f) => f.where === "request");
  if (reqFindings.length && where === "write" && $("#request").value) {
    wrap.append(el("div", { class: "request-echo" }, el("h4", { text: t("your_request") }),
      renderPosting($("#request").value, { findings: reqFindings, label: t("your_request") })));
  }
  const findings = renderFindings(view.findings, { text, onApply: view.status === "pending_review" && can("writer") ? (f) => applyFix(view, f, where) : null });
  if (findings) wrap.append(el("h4", { text: t("findings") }), findings);
  if (view.review_diff) wrap.append(el("h4", { text: t("review_diff") }), renderDiff(view.review_diff));
  if (text) {
    const heading = view.final_posting ? t("published_text") : t("posting");
    const container = el("div", { class: "posting-box" }, el("h4", { text: heading }),
      renderPosting(text, { findings: view.findings, label: heading }));
    wrap.append(container);
    if (view.status === "pending_review" && where === "write" && can("writer")) {
      wrap.append(el("div", { class: "actions" }, button(t("edit"), () => editInPlace(container, text), { "data-edit": "result" })));
      const section = sectionForm(view);
      if (section) wrap.append(section);
    }
  }
  if (view.status === "approved") wrap.append(exportBar(view));
  if (where === "inbox" && view.status === "pending_review") wrap.append(reviewControls(view));
  return wrap;
}
async function applyFix(view, finding, where) {
  const text = view.posting || "";
  const fixed = withoutSpan(text, finding.span);
  showError("");
  try {
    const out = await api("POST", `/generations/${view.thread_id}/review`, { action: "revise", edited_posting: fixed });
    if (where === "inbox") { state.reviewing = out; renderReview(out); } else { state.current = out; renderResult(out); }
    toast(t("fix_applied", { rule: finding.rule_id }));
  } catch (err) { showError(errorText(err)); }
}
function sectionForm(view) {
  if (!has("POST", "/generations/{thread_id}/sections")) return null;
  const heads = (view.posting || "").split("\n").filter((l) => /^##\s/.test(l)).map((l) => l.replace(/^##\s+/, "").trim());
  if (!heads.length) return null;
  const id = `sec-${view.thread_id.slice(0, 6)}`;
  const select = el("select", { id: `${id}-name` }, heads.map((h) => el("option", { value: h, text: h })));
  const instr = el("input", { id: `${id}-instr`, type: "text" });
  const run = button(t("regen_section"), async () => {
    showError("");
    run.disabled = true;
    try {
      const out = await api("POST", `/generations/${view.thread_id}/sections`, { section: select.value, instruction: instr.value });
      state.current = out;
      renderResult(out);
      toast(t("section_done", { section: select.value }));
    } catch (err) { showError(errorText(err)); } finally { run.disabled = false; }
  }, { "data-regen": "1" });
  return el("fieldset", { class: "inline-form section-form" }, el("legend", { text: t("regen_legend") }),
    el("label", { for: select.id, text: t("section") }), select,
    el("label", { for: instr.id, text: t("instruction") }), instr, el("div", { class: "actions" }, run));
}

// ---------- background jobs, notifications ----------
async function runBackground() {
  const request = $("#request").value;
  showError("");
  try {
    const job = await api("POST", "/jobs", requestBody(request));
    toast(t("job_queued", { n: job.position ?? 0, s: Math.round(job.eta_s ?? 0) }));
    loadJobs();
  } catch (err) { showError(errorText(err)); }
}
async function loadJobs() {
  const list = $("#jobs-list");
  if (!has("GET", "/jobs")) { list.replaceChildren(el("li", { class: "muted", text: t("unavailable") })); return; }
  try {
    const data = await api("GET", "/jobs");
    const jobs = Array.isArray(data) ? data : data.jobs || data.items || [];
    list.replaceChildren(...jobs.map((j) => el("li", { "data-job": j.job_id || j.id }, pill(j.state),
      `${j.job_id || j.id} · ${j.eta_s != null ? t("eta", { s: Math.round(j.eta_s) }) : ""} `,
      j.thread_id && j.state === "succeeded" ? button(t("open"), () => openThread(j.thread_id)) : null)));
    if (!jobs.length) list.append(el("li", { class: "muted", text: t("none") }));
  } catch (err) { list.replaceChildren(el("li", { class: "error", text: errorText(err) })); }
}
async function loadRecent() {
  try {
    const rows = await api("GET", "/generations?limit=20");
    $("#recent-list").replaceChildren(...rows.map((g) => el("li", {}, pill(g.status), `${companyName(g.company_id)} · ${jobName(g.job_code || "")} · ${levelName(g.level)} `,
      button(t("open"), () => openThread(g.thread_id)))));
  } catch (err) { $("#recent-list").replaceChildren(el("li", { class: "error", text: errorText(err) })); }
}
async function openThread(threadId) {
  try {
    const view = await api("GET", `/generations/${threadId}`);
    state.current = view;
    showView("write");
    $("#stream-output").textContent = "";
    resetResult();
    renderResult(view);
    $("#result-panel").scrollIntoView();
  } catch (err) { showError(errorText(err)); }
}
function notify(item) {
  state.notifications.unshift(item);
  state.unread += 1;
  renderBadge();
  renderNotifications();
  toast(t("job_finished", { state: t(`st_${item.state}`) }));
}
function renderBadge() {
  const b = $("#notify-badge");
  b.hidden = !state.unread;
  b.textContent = t("unread", { n: state.unread });
}
function renderNotifications() {
  $("#notify-list").replaceChildren(...state.notifications.map((n) => el("li", {}, pill(n.state),
    `${n.job_id || ""} `, n.thread_id ? button(t("open"), () => openThread(n.thread_id)) : null)));
}
async function watchNotifications() {
  if (has("GET", "/notifications/stream")) {
    $("#notify-mode").dataset.i18n = "notify_live";  // re-rendered when the language changes
    $("#notify-mode").textContent = t("notify_live");
    for (;;) {
      try {
        const r = await fetch("/notifications/stream", { credentials: "same-origin", headers: { Accept: "text/event-stream" } });
        if (!r.ok) break;
        for await (const { event, data } of readSse(r)) if (event === "job_finished") notify(data);
      } catch { /* the connection dropped: reconnect below */ }
      await new Promise((res) => setTimeout(res, 5000));
    }
  }
  if (has("GET", "/notifications")) {
    $("#notify-mode").dataset.i18n = "notify_poll";
    $("#notify-mode").textContent = t("notify_poll");
    const seen = new Set();
    let first = true;  // what is there at sign-in is listed, not announced
    const poll = async () => {
      try {
        const data = await api("GET", "/notifications");
        const items = Array.isArray(data) ? data : data.notifications || data.items || [];
        for (const n of items.slice().reverse()) {
          const key = `${n.job_id}:${n.state}`;
          if (seen.has(key)) continue;
          seen.add(key);
          if (first) state.notifications.unshift(n); else notify(n);
        }
        first = false;
        renderNotifications();
      } catch { /* polling again later */ }
    };
    await poll();
    setInterval(poll, 15000);
    return;
  }
  $("#notify-mode").textContent = t("unavailable");
}

// ---------- inbox ----------
async function loadInbox() {
  const list = $("#inbox-list");
  try {
    const rows = await api("GET", "/generations?status=pending_review&limit=200");
    list.replaceChildren(...rows.map((g) => el("li", {}, button(`${companyName(g.company_id)} · ${jobName(g.job_code || "")} · ${levelName(g.level)} · ${routeName(g.route)}${g.request ? ` "${g.request}"` : ""} · ${(g.created_at || "").slice(0, 16).replace("T", " ")}`,
      () => openReview(g.thread_id), { "data-thread": g.thread_id }))));
    if (!rows.length) list.append(el("li", { class: "muted", text: t("inbox_empty") }));
  } catch (err) { list.replaceChildren(el("li", { class: "error", text: errorText(err) })); }
}
async function openReview(threadId) {
  showError("");
  try {
    const view = await api("GET", `/generations/${threadId}`);
    state.reviewing = view;
    renderReview(view);
  } catch (err) { showError(errorText(err)); }
}
function renderReview(view) {
  $("#review-panel").hidden = false;
  $("#review-body").replaceChildren(el("p", { class: "status" }, pill(view.status), view.thread_id), threadBody(view, "inbox"));
  $("#h-review").focus?.();
}
async function review(view, body) {
  showError("");
  try {
    const out = await api("POST", `/generations/${view.thread_id}/review`, body);
    state.reviewing = out;
    renderReview(out);
    if (out.status !== "pending_review") { toast(t(`done_${body.action}`)); loadInbox(); }
    else if (out.review_diff) toast(t("edit_fixed"));
  } catch (err) { showError(errorText(err)); }
}
function reviewControls(view) {
  const text = view.posting || "";
  const box = el("div", { class: "review-controls" });
  if (!can("reviewer")) return box;
  const approve = button(t("approve"), () => review(view, { action: "approve" }), { class: "primary", "data-action": "approve" });
  const area = el("textarea", { id: "review-edit", rows: "12" });
  area.value = text;
  const preview = el("div", { class: "publish-preview card", hidden: true });
  const editBtn = button(t("edit_approve"), () => {
    // The exact text the reviewer is about to publish; the service may still fix it (then it shows the diff).
    preview.hidden = false;
    preview.replaceChildren(el("h4", { text: t("will_publish") }), renderPosting(area.value, { findings: view.findings }),
      el("div", { class: "actions" },
        button(t("confirm_publish"), () => review(view, { action: "edit", edited_posting: area.value }), { class: "primary", "data-action": "edit" }),
        button(t("cancel"), () => { preview.hidden = true; })));
    preview.querySelector("button").focus();
  }, { "data-action": "preview" });
  const reason = el("input", { id: "reject-reason", type: "text" });
  const reject = button(t("reject"), () => {
    if (!reason.value.trim()) { showError(t("need_reason")); reason.focus(); return; }
    review(view, { action: "reject", comment: reason.value });
  }, { class: "danger", "data-action": "reject" });
  box.append(
    el("div", { class: "actions" }, approve, el("span", { class: "muted", text: view.review_diff ? t("approve_fixed") : t("approve_as_is") })),
    el("label", { for: "review-edit", text: t("edit_then_approve") }), area, el("div", { class: "actions" }, editBtn), preview,
    el("label", { for: "reject-reason", text: t("reject_reason") }), reason, el("div", { class: "actions" }, reject));
  return box;
}

// ---------- usage ----------
function table(rows, cols) {
  if (!rows || !rows.length) return el("p", { class: "muted", text: t("none") });
  return el("table", {}, el("thead", {}, el("tr", {}, cols.map((c) => el("th", { scope: "col", text: label(c) })))),
    el("tbody", {}, rows.map((r) => el("tr", {}, cols.map((c) => el("td", { text: plain(r[c]) }))))));
}
async function loadUsage() {
  try {
    const me = await api("GET", "/me");
    $("#me-info").replaceChildren(...Object.entries({ key_id: me.key_id, name: me.name, role: me.role,
      companies: me.global ? t("all_companies") : me.companies.join(", ") }).flatMap(([k, v]) => [el("dt", { text: t(`me_${k}`) }), el("dd", { text: v })]));
    if (has("GET", "/estimate")) {
      // Everyone sees the line a custom request would meet now (admins also get the tables below).
      const est = await api("GET", "/estimate?mode=custom");
      $("#me-info").append(el("dt", { text: t("load_queue") }), el("dd", { text: `${est.queue_ahead ?? 0} · ${t(`how_${est.how}`)}` }),
        el("dt", { text: t("load_current_wait") }), el("dd", { text: String(Math.round(est.eta_s ?? 0)) }));
    }
  } catch (err) { showError(errorText(err)); }
  if (!can("admin")) return;
  try {
    const [usage, load] = await Promise.all([api("GET", "/usage?days=7"), api("GET", "/load")]);
    const today = new Date().toISOString().slice(0, 10);
    const tokensToday = usage.by_key.filter((r) => r.day === today).reduce((a, r) => a + (r.tokens || 0), 0);
    const tiers = load.tiers || {};
    const waits = Object.values(tiers).map((x) => x.eta_s).filter((x) => typeof x === "number");
    const queued = Object.values(tiers).reduce((a, x) => a + (x.queued || 0), 0);
    $("#load-info").replaceChildren(...Object.entries({ tokens_today: tokensToday, in_flight: load.generations_in_flight,
      queue: Object.keys(tiers).length ? queued : null, current_wait: waits.length ? Math.round(Math.max(...waits)) : null,
      onboarding_queue: load.onboarding_queue })
      .filter(([, v]) => v !== null && v !== undefined).flatMap(([k, v]) => [el("dt", { text: t(`load_${k}`) }), el("dd", { text: String(v) })]));
    // Per model tier and per route: whatever columns this server reports.
    const rows = (obj, key) => Object.entries(obj || {}).map(([name, v]) => ({ [key]: name, ...v }));
    const cols = (list) => [...new Set(list.flatMap((r) => Object.keys(r)))];
    const tierRows = rows(tiers, "tier"), recentRows = rows(load.recent_generations, "route");
    $("#load-info").after(el("div", { class: "table-wrap load-tables" }, table(tierRows, cols(tierRows)), table(recentRows, cols(recentRows))));
    document.querySelectorAll(".load-tables").forEach((n, i, all) => { if (i < all.length - 1) n.remove(); });
    $("#usage-keys").replaceChildren(table(usage.by_key, ["day", "key_name", "tokens", "generations"]));
    $("#usage-companies").replaceChildren(table(usage.by_company, ["day", "company_id", "generations", "reviewed", "prompt_tokens", "completion_tokens"]));
  } catch (err) { showError(errorText(err)); }
}

// ---------- onboarding ----------
async function onboard(ev) {
  ev.preventDefault();
  showError("");
  const f = new FormData(ev.target);
  const body = { name: f.get("name"), intro: f.get("intro") || "", industry: f.get("industry") || "", location: f.get("location") || "" };
  if (f.get("id")) body.id = f.get("id");
  const status = $("#onboard-status");
  try {
    const company = await api("POST", "/companies", body);
    status.textContent = t("ob_created", { id: company.id });
    if ((f.get("posting") || "").trim()) {
      await api("POST", `/companies/${company.id}/postings`, [{ job_code: null, title: `${body.name}`, text: f.get("posting") }]);
    }
    for (let i = 0; i < 120; i++) {
      const s = await api("GET", `/companies/${company.id}/status`);
      status.textContent = t("ob_status", { id: company.id, state: s.state, p: Math.round((s.progress || 0) * 100) });
      if (s.state === "ready" || s.state === "failed") break;
      await new Promise((res) => setTimeout(res, 1000));
    }
    state.companies = await api("GET", "/companies");
    renderCompanies();
  } catch (err) { showError(errorText(err)); }
}

// ---------- start ----------
async function start() {
  applyI18n();
  try {
    state.me = await api("GET", "/me");
  } catch { return; }
  $("#who").textContent = `${state.me.name} · ${t(`role_${state.me.role}`)}`;
  document.body.dataset.role = state.me.role;
  for (const node of document.querySelectorAll("[data-role]")) node.hidden = !can(node.dataset.role);
  try {
    const doc = await api("GET", "/openapi.json");
    for (const [path, ops] of Object.entries(doc.paths || {})) for (const m of Object.keys(ops)) state.routes.add(`${m.toUpperCase()} ${path}`);
  } catch { /* without the route list, optional controls stay hidden */ }
  const [companies, jobCodes, levels] = await Promise.all([api("GET", "/companies"), api("GET", "/job-codes"), api("GET", "/levels")]);
  Object.assign(state, { companies, jobCodes, levels });
  renderCompanies();
  fillSelects();
  $("#run-background").hidden = !has("POST", "/jobs") || !can("writer");
  $("#load-drafts").hidden = !can("writer");
  $("#run-stream").hidden = !can("writer");
  describeHow("template", "#template-how");
  describeHow("custom", "#custom-how");
  document.body.dataset.ready = "1";
  watchNotifications();
}

document.addEventListener("DOMContentLoaded", () => {
  for (const b of document.querySelectorAll(".tabs [data-view]")) b.addEventListener("click", () => showView(b.dataset.view));
  $("#lang-toggle").addEventListener("click", () => {
    state.lang = state.lang === "ko" ? "en" : "ko";
    localStorage.setItem("jobpost.lang", state.lang);
    applyI18n();
    if (state.me) $("#who").textContent = `${state.me.name} · ${t(`role_${state.me.role}`)}`;
    renderCompanies();
    fillSelects();
    if (state.company) { renderCompanyInfo(); renderPast(); }
    if (state.current) renderResult(state.current);
    if (state.reviewing) renderReview(state.reviewing);
    describeHow("template", "#template-how");
    describeHow("custom", "#custom-how");
  });
  $("#company-search").addEventListener("input", renderCompanies);
  $("#load-drafts").addEventListener("click", loadDrafts);
  $("#run-stream").addEventListener("click", runStream);
  $("#run-background").addEventListener("click", runBackground);
  $("#inbox-refresh").addEventListener("click", loadInbox);
  $("#jobs-refresh").addEventListener("click", loadJobs);
  $("#usage-refresh").addEventListener("click", loadUsage);
  $("#onboard-form").addEventListener("submit", onboard);
  $("#past-update-cancel").addEventListener("click", () => { $("#past-update").hidden = true; state.updatePosting = null; });
  $("#past-update-run").addEventListener("click", async () => {
    const p = state.updatePosting;
    if (!p) return;
    showError("");
    try {
      const out = await api("POST", `/postings/${encodeURIComponent(p.id)}/update`, { request: $("#past-update-request").value, level: $("#level").value || undefined });
      state.current = out;
      $("#stream-output").textContent = "";
      resetResult();
      renderResult(out);
      $("#past-update").hidden = true;
      $("#result-panel").scrollIntoView();
    } catch (err) { showError(errorText(err)); }
  });
  start().catch((err) => showError(errorText(err)));
});
