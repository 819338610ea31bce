/**
 * The page's HTML shell: landmarks, the sidebar, the conversation and the composer. The browser modules
 * under /web/ fill it in; nothing from a payload is ever part of this markup.
 */
export function pageHtml(): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>vpcep-bot playground</title>
<link rel="stylesheet" href="/page.css">
<script type="module" src="/web/page-main.js"></script>
</head>
<body>
<div class="app" id="app">
  <nav class="sidebar" aria-label="Workspace">
    <div class="workspace-name">VPCEP Playground</div>
    <label class="persona-label" for="persona">Acting as</label>
    <select id="persona"></select>
    <p id="persona-rights" class="persona-rights"></p>
    <h2 class="sidebar-heading">Channels</h2>
    <ul id="channel-list" class="sidebar-list"></ul>
    <h2 class="sidebar-heading">Apps</h2>
    <ul id="app-list" class="sidebar-list"></ul>
    <h2 class="sidebar-heading">Playground</h2>
    <ul id="tool-list" class="sidebar-list"></ul>
  </nav>
  <main class="pane" id="pane">
    <header class="pane-header"><h1 id="pane-title">#general</h1><span id="pane-purpose" class="pane-purpose"></span></header>
    <section id="conversation" class="conversation" aria-live="polite"></section>
    <section id="home" class="home" role="region" aria-label="Home" hidden></section>
    <section id="workflow" class="panel" hidden></section>
    <section id="cloud" class="panel" hidden></section>
    <form id="composer" class="composer" autocomplete="off">
      <ul id="suggestions" class="suggestions" role="listbox" aria-label="Suggested commands" hidden></ul>
      <textarea id="composer-input" rows="1" aria-label="Message #general" aria-autocomplete="list" aria-controls="suggestions"></textarea>
    </form>
  </main>
</div>
<div id="modal-root"></div>
<div id="toast" class="toast" role="status" aria-live="polite"></div>
</body>
</html>`;
}
