/**
 * The page's stylesheet, served at /ui/styles.css. System fonts only (works offline); the City's
 * dark blue as accent; every colour pair meets WCAG AA (text ≥ 4.5:1, outlines and focus ≥ 3:1).
 */
export const UI_STYLES = `
:root {
  --blue: #003a70;          /* 11.6:1 on white */
  --blue-dark: #002a52;
  --blue-tint: #e8eef5;
  --ink: #1a1a1a;
  --muted: #4a5360;         /* 7.6:1 on white */
  --line: #c4ccd6;
  --surface: #ffffff;
  --page: #f3f5f8;
  --ok: #146c36;            /* 6.4:1 on white */
  --ok-tint: #e7f4ec;
  --error: #b3261e;         /* 6.5:1 on white */
  --error-tint: #fcebea;
  --warn: #7a4a00;          /* 7.4:1 on white */
  --warn-tint: #fff4de;
  --focus: #0b5cad;
  --radius: 6px;
  font-size: 100%;
}
*, *::before, *::after { box-sizing: border-box; }
html, body { margin: 0; }
body {
  font: 1rem/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  color: var(--ink);
  background: var(--page);
  min-height: 100vh;
  display: flex;
  flex-direction: column;
}
h2, h3, h4 { line-height: 1.25; margin: 0; }
h2 { font-size: 1.15rem; color: var(--blue); }
h3 { font-size: 1.1rem; }
h4 { font-size: 1rem; margin: 1rem 0 .35rem; }
p { margin: .5rem 0; }
a { color: var(--blue); }
a:hover { color: var(--blue-dark); }
:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; border-radius: 2px; }
.visually-hidden {
  position: absolute !important; width: 1px; height: 1px; padding: 0; margin: -1px;
  overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0;
}
[hidden] { display: none !important; }

.skip-link {
  position: absolute; left: .5rem; top: -3rem; z-index: 10;
  background: #fff; color: var(--blue); padding: .5rem .75rem; border: 2px solid var(--blue); border-radius: var(--radius);
}
.skip-link:focus { top: .5rem; }

.top { background: var(--blue); color: #fff; }
.top-inner { padding: .65rem 1.25rem; display: flex; flex-wrap: wrap; align-items: baseline; gap: .25rem 1.5rem; }
.brand { margin: 0; }
.brand-name { font-size: 1.3rem; font-weight: 700; letter-spacing: .01em; margin-right: .75rem; }
.brand-unit { font-size: .9rem; opacity: .95; }
.top-help { margin: 0; font-size: .9rem; color: #dbe5f0; }
.top :focus-visible { outline-color: #fff; }

.workspace {
  flex: 1;
  display: grid;
  grid-template-columns: minmax(17rem, 1fr) minmax(24rem, 1.55fr) minmax(17rem, 1fr);
  gap: 1rem;
  padding: 1rem 1.25rem 1.25rem;
  align-items: start;
}
.pane {
  background: var(--surface);
  border: 1px solid var(--line);
  border-radius: var(--radius);
  padding: 1rem;
  min-width: 0;
}
.pane-head { display: flex; align-items: center; justify-content: space-between; gap: .5rem; margin-bottom: .75rem; }
/* Wide screens: an application layout, the header fixed and each pane scrolling on its own. */
@media (min-width: 1100px) and (min-height: 560px) {
  body { height: 100vh; overflow: hidden; }
  .workspace { min-height: 0; grid-template-rows: minmax(0, 1fr); align-items: stretch; }
  .pane { overflow: auto; }
  .pane-chat { display: flex; flex-direction: column; overflow: hidden; }
  .pane-chat .chat-log { flex: 1; min-height: 6rem; margin-bottom: .5rem; }
}
@media (max-width: 1099px) {
  .workspace { grid-template-columns: minmax(0, 1fr) minmax(0, 1.4fr); }
  .pane-side { grid-column: 1 / -1; }
}
@media (max-width: 760px) {
  .workspace { grid-template-columns: minmax(0, 1fr); padding: .75rem; }
  .top-help { display: none; }
}

/* controls */
label { display: block; font-weight: 600; margin-bottom: .25rem; }
input[type="search"], input[type="text"], select, textarea {
  font: inherit; color: var(--ink); background: #fff;
  border: 1px solid #6b7684; border-radius: 4px; padding: .45rem .55rem; width: 100%;
}
textarea { resize: vertical; }
.field { margin-bottom: .75rem; }
.hint { font-size: .875rem; color: var(--muted); margin: .25rem 0 0; }
.form-row { display: flex; align-items: center; gap: .75rem; flex-wrap: wrap; }
.busy { color: var(--muted); font-size: .9rem; }
.form-error { color: var(--error); background: var(--error-tint); border-left: 4px solid var(--error); padding: .5rem .75rem; border-radius: 4px; }
.button {
  font: inherit; font-weight: 600; display: inline-flex; align-items: center; gap: .35rem;
  padding: .45rem .9rem; border-radius: 4px; border: 1px solid var(--blue);
  background: #fff; color: var(--blue); cursor: pointer; text-decoration: none; line-height: 1.3;
}
.button:hover { background: var(--blue-tint); }
.button-primary { background: var(--blue); color: #fff; }
.button-primary:hover { background: var(--blue-dark); color: #fff; }
.button-quiet { border-color: transparent; text-decoration: underline; padding-left: .4rem; padding-right: .4rem; }
.button[aria-disabled="true"], .button:disabled { opacity: .55; cursor: not-allowed; }
.link-button { font: inherit; background: none; border: 0; padding: 0; color: var(--blue); text-decoration: underline; cursor: pointer; text-align: left; }

/* chat */
.chat-log { border: 1px solid var(--line); border-radius: var(--radius); background: var(--page); padding: .75rem; overflow: auto; min-height: 14rem; margin-bottom: .75rem; }
.chat-intro { color: var(--muted); }
.msg { margin: 0 0 .75rem; padding: .6rem .75rem; border-radius: var(--radius); background: #fff; border: 1px solid var(--line); }
.msg-user { background: var(--blue-tint); border-color: #b7c7da; margin-left: 1.5rem; }
.msg-who { font-size: .8rem; font-weight: 700; color: var(--muted); margin: 0 0 .2rem; text-transform: uppercase; letter-spacing: .04em; }
.msg-text { white-space: pre-wrap; overflow-wrap: anywhere; margin: 0; }
.msg-error { border-color: var(--error); background: var(--error-tint); color: var(--error); }
.msg-cites { margin: .5rem 0 0; padding: 0; list-style: none; font-size: .9rem; }
.msg-cites li { margin: .15rem 0; }
.msg-note { font-size: .875rem; color: var(--muted); margin: .35rem 0 0; }
.cite-ref { font-weight: 600; }

/* draft */
.draft-form-box { border: 1px solid var(--line); border-radius: var(--radius); padding: .5rem .75rem; margin-bottom: 1rem; background: #fafbfc; }
.draft-form-box summary { font-weight: 600; cursor: pointer; color: var(--blue); padding: .25rem 0; }
.draft-form { margin-top: .75rem; }
.draft-form #draft-decision { width: auto; min-width: min(18rem, 100%); max-width: 100%; }
#budget-form fieldset { border: 1px solid var(--line); border-radius: var(--radius); padding: .5rem; }
#budget-form fieldset label { display: block; margin-top: .25rem; }
.budget-lines { width: 100%; border-collapse: collapse; margin-bottom: .5rem; }
.budget-lines th { font-size: .8rem; text-align: left; font-weight: 600; }
.budget-lines td { padding: .1rem; }
.budget-lines input, .budget-lines select { width: 100%; min-width: 3.5rem; }
.empty { color: var(--muted); border: 1px dashed var(--line); border-radius: var(--radius); padding: 1rem; }
.draft-head { margin-bottom: .5rem; }
.meta { color: var(--muted); font-size: .9rem; margin: .2rem 0; }
.banner { font-weight: 700; padding: .55rem .8rem; border-radius: 4px; margin: .5rem 0 .75rem; border-left: 5px solid var(--muted); background: var(--page); }
.banner:empty { display: none; }
.banner-ok { color: var(--ok); background: var(--ok-tint); border-left-color: var(--ok); }
.banner-error { color: var(--error); background: var(--error-tint); border-left-color: var(--error); }
.banner-warn { color: var(--warn); background: var(--warn-tint); border-left-color: var(--warn); }
.banner-stale { color: var(--warn); background: var(--warn-tint); border-left-color: var(--warn); }
.draft-text {
  white-space: pre-wrap; overflow-wrap: anywhere;
  font-family: Georgia, "Times New Roman", serif; font-size: 1.05rem; line-height: 1.7;
  border: 1px solid var(--line); border-radius: var(--radius); padding: 1rem 1.1rem; background: #fff;
}
.draft-text .heading { font-family: system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; font-weight: 700; color: var(--blue); }
.draft-editor textarea { font-family: Georgia, "Times New Roman", serif; font-size: 1rem; line-height: 1.6; }
.fig-wrap { position: relative; display: inline; }
.fig {
  background: transparent; color: inherit; border-radius: 3px; padding: 0 .15rem; white-space: nowrap;
  outline: 2px solid transparent; cursor: help;
}
.fig-ok { box-shadow: 0 0 0 2px var(--ok); background: var(--ok-tint); }
.fig-error { box-shadow: 0 0 0 2px var(--error); background: var(--error-tint); text-decoration: underline wavy var(--error); text-underline-offset: 3px; }
.fig-warning { box-shadow: 0 0 0 2px var(--warn); background: var(--warn-tint); }
.fig:focus-visible { outline: 3px solid var(--focus); outline-offset: 3px; }
.fig-icon { font-family: system-ui, sans-serif; font-weight: 700; margin-left: .2rem; font-size: .9em; }
.fig-ok .fig-icon { color: var(--ok); }
.fig-error .fig-icon { color: var(--error); }
.fig-warning .fig-icon { color: var(--warn); }
.fig-tip {
  display: none; position: absolute; left: 0; top: calc(100% + .45rem); z-index: 5;
  width: max-content; max-width: min(24rem, 80vw);
  font: .9rem/1.45 system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; white-space: normal;
  background: #fff; color: var(--ink); border: 1px solid #6b7684; border-left: 5px solid var(--muted);
  border-radius: 4px; padding: .45rem .6rem; box-shadow: 0 4px 14px rgba(0, 0, 0, .18);
}
.fig-wrap.tip-above .fig-tip { top: auto; bottom: calc(100% + .45rem); }
.fig-wrap.tip-left .fig-tip { left: auto; right: 0; }
.fig-wrap-ok .fig-tip { border-left-color: var(--ok); }
.fig-wrap-error .fig-tip { border-left-color: var(--error); }
.fig-wrap-warning .fig-tip { border-left-color: var(--warn); }
.fig-wrap:hover .fig-tip, .fig:focus + .fig-tip { display: block; }
.fig-wrap.tip-dismissed .fig-tip { display: none; }
.issues ul { margin: 0; padding-left: 1.2rem; }
.issues li { margin: .3rem 0; }
.sev { font-weight: 700; }
.sev-error { color: var(--error); }
.sev-warning { color: var(--warn); }
.draft-actions { display: flex; flex-wrap: wrap; align-items: center; justify-content: space-between; gap: .75rem 1.5rem; margin-top: 1rem; }
.action-group { display: flex; flex-wrap: wrap; align-items: center; gap: .5rem; }
.export-label { color: var(--muted); font-size: .9rem; }

/* side pane */
.tabs { display: flex; gap: .2rem; border-bottom: 2px solid var(--blue); margin-bottom: .75rem; flex-wrap: wrap; }
.tabs [role="tab"] {
  font: inherit; font-size: .95rem; font-weight: 600; background: #fff; color: var(--blue); border: 1px solid var(--line);
  border-bottom: 0; border-radius: 4px 4px 0 0; padding: .35rem .6rem; cursor: pointer; margin-bottom: 0;
}
.tabs [role="tab"]:hover { background: var(--blue-tint); }
.tabs [role="tab"][aria-selected="true"] { background: var(--blue); color: #fff; border-color: var(--blue); }
.tab-panel:focus-visible { outline-offset: 4px; }
.sources, .results, .timeline { list-style: none; margin: 0; padding: 0; }
.sources > li, .results > li { border: 1px solid var(--line); border-radius: var(--radius); padding: .6rem .75rem; margin-bottom: .6rem; background: #fff; }
.sources > li:target, .sources > li.highlight { border-color: var(--blue); box-shadow: 0 0 0 2px var(--blue); }
mark.fact { background: #fff1b8; color: inherit; font-weight: 600; padding: 0 .1em; }
.timeline-changes { margin: 0 0 1rem; }
.src-title { font-weight: 600; margin: 0; }
.src-meta { font-size: .85rem; color: var(--muted); margin: .1rem 0 .35rem; }
blockquote { margin: .35rem 0; padding: .1rem 0 .1rem .7rem; border-left: 3px solid var(--blue); color: #2b2f36; white-space: pre-wrap; overflow-wrap: anywhere; font-size: .95rem; }
.search-form { display: grid; grid-template-columns: minmax(0, 1fr) 7rem; gap: 0 .75rem; align-items: end; }
.search-form .form-row { grid-column: 1 / -1; margin-bottom: .5rem; }
.badge { display: inline-block; font-size: .8rem; font-weight: 700; padding: .05rem .45rem; border-radius: 999px; border: 1px solid var(--blue); color: var(--blue); background: var(--blue-tint); }
.card-view h3 { margin-bottom: .25rem; }
.card-facts { display: grid; grid-template-columns: max-content 1fr; gap: .15rem .75rem; margin: .5rem 0 .75rem; font-size: .92rem; }
.card-facts dt { font-weight: 600; color: var(--muted); }
.card-facts dd { margin: 0; }
.card-section { margin-bottom: .75rem; }
.card-section p { white-space: pre-wrap; overflow-wrap: anywhere; margin: .2rem 0; font-size: .95rem; }
table { border-collapse: collapse; width: 100%; font-size: .9rem; margin: .35rem 0 .75rem; }
th, td { text-align: left; padding: .3rem .4rem; border-bottom: 1px solid var(--line); vertical-align: top; }
th { color: var(--muted); font-weight: 600; }
td.num { text-align: right; white-space: nowrap; }
.table-wrap { overflow-x: auto; }
.timeline > li { position: relative; padding: 0 0 1rem 1.25rem; border-left: 3px solid var(--blue-tint); margin-left: .4rem; }
.timeline > li::before { content: ""; position: absolute; left: -.5rem; top: .3rem; width: .75rem; height: .75rem; border-radius: 50%; background: var(--blue); }
.timeline-year { font-weight: 700; color: var(--blue); margin: 0; }
.notice { border-left: 4px solid var(--warn); background: var(--warn-tint); padding: .5rem .75rem; border-radius: 4px; color: var(--warn); }

/* uploads (Dokumenter) */
.upload-form { border: 1px solid var(--line); border-radius: var(--radius); padding: .75rem; margin-bottom: 1rem; background: #fafbfc; }
.upload-form h3 { color: var(--blue); font-size: 1.02rem; }
.upload-form > .hint { margin-bottom: .6rem; }
input[type="file"] { font: inherit; max-width: 100%; width: 100%; padding: .3rem 0; }
input[type="file"]::file-selector-button {
  font: inherit; font-weight: 600; margin-right: .6rem; padding: .35rem .75rem; border-radius: 4px;
  border: 1px solid var(--blue); background: #fff; color: var(--blue); cursor: pointer;
}
input[type="file"]::file-selector-button:hover { background: var(--blue-tint); }
.upload-progress { margin-top: .75rem; }
.upload-progress label { font-weight: 400; color: var(--muted); font-size: .9rem; }
.upload-progress progress { width: 100%; height: 1rem; accent-color: var(--blue); }
.upload-status:empty { display: none; }
.upload-status, .upload-form .form-error { margin-top: .75rem; overflow-wrap: anywhere; }
.upload-headline { font-weight: 700; margin: .25rem 0; }
.upload-ok { color: var(--ok); }
.upload-detail { margin: .25rem 0; }
.upload-term { font-weight: 600; }
.upload-result { margin: .35rem 0; padding-left: 1.1rem; }
.upload-result li { margin: .2rem 0; }
.upload-errors { margin: .35rem 0 0; padding-left: 1.1rem; color: var(--ink); }
.upload-errors li { margin: .3rem 0; }
.upload-cell { color: var(--error); }

/* sign-in (token mode) */
.session { margin-left: auto; display: flex; align-items: baseline; gap: .75rem; font-size: .9rem; }
.session-button { background: transparent; color: #fff; border: 1px solid #fff; border-radius: 4px; padding: .15rem .6rem; font: inherit; cursor: pointer; }
.sign-in { max-width: 28rem; margin: 3rem auto; padding: 1.5rem; border: 1px solid var(--line, #ccc); border-radius: 6px; }
.sign-in form { display: flex; flex-direction: column; gap: .5rem; }
.sign-in-error { color: var(--error); min-height: 1.2em; }

@media (forced-colors: active) {
  .fig-ok, .fig-error, .fig-warning { outline: 2px solid CanvasText; }
  .fig-error { outline-style: dashed; }
}
`;
