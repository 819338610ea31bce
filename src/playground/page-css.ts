/** The page's style sheet: a plain look after Slack's (sidebar, messages, Block Kit, dialogs). */
export const PAGE_CSS = `
:root { --aubergine: #3f0e40; --aubergine-2: #350d36; --text: #1d1c1d; --muted: #616061; --line: #dddddd;
  --blue: #1264a3; --green: #007a5a; --red: #e01e5a; --mention: #e8f5fa; font-family: -apple-system, "Segoe UI",
  Roboto, "Helvetica Neue", Arial, "Noto Sans", "DejaVu Sans", sans-serif; font-size: 15px; color: var(--text); }
/* Emoji fonts also carry digits and spaces: only emoji may use them. */
.emoji { font-family: "Apple Color Emoji", "Segoe UI Emoji", "Noto Color Emoji", sans-serif; }
* { box-sizing: border-box; }
body { margin: 0; height: 100vh; overflow: hidden; }
.app { display: grid; grid-template-columns: 260px 1fr; height: 100vh; }
.sidebar { background: var(--aubergine); color: #fff; padding: 12px 10px; overflow-y: auto; }
.workspace-name { font-weight: 800; font-size: 18px; margin: 4px 8px 14px; }
.persona-label { display: block; font-size: 12px; opacity: .8; margin: 0 8px 4px; }
#persona { width: 100%; padding: 6px; border-radius: 6px; border: 0; font-size: 14px; }
.persona-rights { font-size: 12px; opacity: .85; margin: 6px 8px 10px; line-height: 1.35; }
.sidebar-heading { font-size: 13px; font-weight: 600; opacity: .75; margin: 14px 8px 4px; }
.sidebar-list { list-style: none; padding: 0; margin: 0; }
.sidebar-item { display: block; width: 100%; text-align: left; background: none; border: 0; color: #fff; opacity: .85;
  font-size: 15px; padding: 5px 10px; border-radius: 6px; cursor: pointer; }
.sidebar-item:hover { background: var(--aubergine-2); opacity: 1; }
.sidebar-item[aria-current=page] { background: var(--blue); opacity: 1; font-weight: 600; }
.pane { display: flex; flex-direction: column; min-width: 0; height: 100vh; }
.pane-header { display: flex; align-items: baseline; gap: 12px; padding: 12px 20px; border-bottom: 1px solid var(--line); }
.pane-header h1 { font-size: 18px; margin: 0; }
.pane-purpose { color: var(--muted); font-size: 13px; }
.conversation, .home, .panel { flex: 1; overflow-y: auto; padding: 12px 20px; }
.home, .panel { max-width: 900px; }
.message { display: flex; flex-wrap: wrap; gap: 0 10px; padding: 8px 6px; border-radius: 6px; }
.message:hover { background: #f8f8f8; }
.message.ephemeral { background: #f4f8fb; }
.avatar { width: 36px; height: 36px; flex: none; border-radius: 6px; background: #611f69; color: #fff;
  display: flex; align-items: center; justify-content: center; font-weight: 700; }
.message-main { min-width: 0; flex: 1; }
.message-meta { display: flex; gap: 6px; align-items: baseline; }
.sender { font-weight: 800; }
.app-badge { font-size: 10px; background: #e8e8e8; color: var(--muted); padding: 1px 4px; border-radius: 3px; font-weight: 700; }
.message-time, .edited { color: var(--muted); font-size: 12px; }
.ephemeral-note { flex-basis: 100%; color: var(--muted); font-size: 12px; margin: 0 0 4px 46px; }
.message-text, .section-text, .field { line-height: 1.45; overflow-wrap: anywhere; }
.block { margin: 6px 0; }
h3.block.header { font-size: 17px; margin: 8px 0 4px; }
.section { display: flex; gap: 12px; align-items: flex-start; }
.section-body { flex: 1; min-width: 0; }
.section-fields { display: grid; grid-template-columns: 1fr 1fr; gap: 6px 16px; margin-top: 4px; }
.accessory { flex: none; }
.context { color: var(--muted); font-size: 12.5px; line-height: 1.5; display: flex; flex-wrap: wrap; gap: 4px 8px; }
.divider { border: 0; border-top: 1px solid var(--line); margin: 10px 0; }
.actions { display: flex; flex-wrap: wrap; gap: 8px; align-items: center; }
.button { font: inherit; font-size: 14px; font-weight: 700; padding: 6px 14px; border-radius: 4px; border: 1px solid #bbb;
  background: #fff; color: var(--text); cursor: pointer; }
.button:hover { background: #f6f6f6; }
.button.primary { background: var(--green); border-color: var(--green); color: #fff; }
.button.danger { background: #fff; border-color: var(--red); color: var(--red); }
.button:disabled { opacity: .5; cursor: default; }
.overflow { padding: 4px 10px; }
.overflow-wrap { position: relative; }
.menu { position: absolute; right: 0; z-index: 5; background: #fff; border: 1px solid var(--line); border-radius: 6px;
  box-shadow: 0 4px 12px rgba(0,0,0,.15); display: flex; flex-direction: column; min-width: 180px; padding: 4px 0; }
.menu button { background: none; border: 0; text-align: left; padding: 6px 14px; font: inherit; cursor: pointer; }
.menu button:hover { background: var(--blue); color: #fff; }
select, input[type=text], input[type=number], textarea { font: inherit; font-size: 15px; padding: 7px 9px; border: 1px solid #999;
  border-radius: 4px; width: 100%; max-width: 100%; background: #fff; }
.actions select, .accessory select { width: auto; }
textarea { resize: vertical; }
.mention { background: var(--mention); color: var(--blue); border-radius: 3px; padding: 0 2px; }
code { font-family: Monaco, Menlo, Consolas, monospace; font-size: 12px; background: #f6f6f6; border: 1px solid #e8e8e8;
  color: #e01e5a; padding: 1px 3px; border-radius: 3px; }
pre { font-family: Monaco, Menlo, Consolas, monospace; font-size: 12px; background: #f8f8f8; border: 1px solid #e8e8e8;
  padding: 8px; border-radius: 4px; white-space: pre-wrap; margin: 4px 0; }
blockquote { margin: 4px 0; padding-left: 10px; border-left: 4px solid #ddd; }
a { color: var(--blue); }
.composer { position: relative; padding: 0 20px 18px; }
#composer-input { width: 100%; min-height: 44px; border: 1px solid #999; border-radius: 8px; padding: 11px 12px; }
.suggestions { position: absolute; bottom: 68px; left: 20px; right: 20px; list-style: none; margin: 0; padding: 6px 0;
  background: #fff; border: 1px solid var(--line); border-radius: 8px; box-shadow: 0 4px 12px rgba(0,0,0,.15); }
.suggestion { display: flex; gap: 12px; padding: 6px 14px; cursor: pointer; }
.suggestion[aria-selected=true] { background: var(--blue); color: #fff; }
.suggestion-usage { font-weight: 700; }
.suggestion-summary { opacity: .8; }
.overlay { position: fixed; inset: 0; background: rgba(0,0,0,.45); display: flex; align-items: center; justify-content: center; z-index: 10; }
.dialog { background: #fff; width: min(600px, 94vw); max-height: 90vh; border-radius: 8px; display: flex; flex-direction: column;
  box-shadow: 0 18px 48px rgba(0,0,0,.35); }
.dialog:focus { outline: none; }
.dialog.confirm { width: min(440px, 94vw); padding-bottom: 4px; }
.dialog-header { padding: 18px 24px 8px; }
.dialog-title { font-size: 22px; margin: 0; }
.dialog.confirm .dialog-title { padding: 18px 24px 0; }
.dialog-form { display: flex; flex-direction: column; min-height: 0; }
.dialog-body { padding: 4px 24px 12px; overflow-y: auto; }
.dialog-footer { display: flex; justify-content: flex-end; gap: 10px; padding: 14px 24px; border-top: 1px solid var(--line); }
.input { margin: 14px 0; }
.input-label { font-weight: 700; margin-bottom: 6px; display: inline-block; }
.optional { color: var(--muted); font-size: 13px; }
.hint { color: var(--muted); font-size: 12.5px; margin-top: 4px; line-height: 1.35; }
.field-error { color: var(--red); font-size: 13px; margin-top: 4px; font-weight: 600; }
.has-error select, .has-error input, .has-error textarea { border-color: var(--red); }
.choices .choice { display: flex; gap: 8px; align-items: flex-start; margin: 4px 0; }
.choice-description { display: block; color: var(--muted); font-size: 12.5px; }
.combobox { position: relative; }
.listbox { position: absolute; left: 0; right: 0; z-index: 6; list-style: none; margin: 2px 0 0; padding: 4px 0; background: #fff;
  border: 1px solid var(--line); border-radius: 6px; box-shadow: 0 4px 12px rgba(0,0,0,.15); max-height: 220px; overflow-y: auto; }
.listbox li { padding: 6px 12px; cursor: pointer; }
.listbox li:hover, .listbox li:focus { background: var(--blue); color: #fff; outline: none; }
.chips { display: flex; flex-wrap: wrap; gap: 6px; margin-bottom: 4px; }
.chip { background: var(--mention); border-radius: 4px; padding: 2px 6px; font-size: 14px; }
.chip-remove { border: 0; background: none; cursor: pointer; font-size: 15px; margin-left: 2px; }
.toast { position: fixed; bottom: 20px; right: 20px; background: var(--text); color: #fff; padding: 10px 16px; border-radius: 6px;
  opacity: 0; transition: opacity .2s; pointer-events: none; max-width: 420px; z-index: 20; }
.toast.shown { opacity: 1; }
.panel-title { margin-top: 4px; }
.panel-intro, .empty, .cloud-meta { color: var(--muted); }
.demo-data { display: flex; align-items: center; gap: 12px; margin: 8px 0 4px; }
.demo-note { color: var(--muted); font-size: 13px; }
.cloud-service { border: 1px solid var(--line); border-radius: 8px; padding: 10px 16px; margin: 12px 0; }
.cloud-service h3 { margin: 4px 0; font-size: 16px; }
.connections { border-collapse: collapse; margin: 8px 0 12px; width: 100%; font-size: 14px; }
.connections th, .connections td { text-align: left; padding: 4px 8px; border-bottom: 1px solid var(--line); }
.status-pendingAcceptance { color: #b7791f; font-weight: 700; }
.status-accepted { color: var(--green); font-weight: 700; }
.status-rejected { color: var(--red); font-weight: 700; }
.step-form { display: grid; grid-template-columns: 160px 1fr; gap: 8px 12px; align-items: center; max-width: 640px; }
.step-field { display: contents; }
.step-form button { grid-column: 2; justify-self: start; }
.run { border: 1px solid var(--line); border-radius: 8px; padding: 8px 14px; margin: 8px 0; }
.run-outputs { display: grid; grid-template-columns: 120px 1fr; margin: 6px 0; }
.run-outputs dt { color: var(--muted); }
.run-outputs dd { margin: 0; font-weight: 700; }
.run-error { color: var(--red); }
.unsupported { color: var(--muted); font-style: italic; }
[hidden] { display: none !important; }
`;
